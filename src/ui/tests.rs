//! Exact-screen tests: render an [`App`] into a `TestBackend` buffer and snapshot it.

use super::theme::Theme;
use super::{buffer_text, render_to_buffer};
use crate::action::Action;
use crate::app::Options;
use crate::app::fixtures::{app, press, type_keys};
use crate::app::{App, Msg};
use crate::article::Inline;
use crate::layout::{Kind, Line, Seg, Style};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::fmt::Write as _;

/// The screen `app` draws at `width` x `height`, through a real `Terminal` and `TestBackend`.
fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| super::draw(frame, app, &Theme::dark())).expect("draw");
    buffer_text(terminal.backend().buffer())
}

/// The screen plus a list of the highlighted search matches: row, columns, text, and `*` for
/// the current one, so a snapshot shows what is highlighted and not only the letters.
fn screen_with_matches(app: &App, width: u16, height: u16) -> String {
    let buf = render_to_buffer(app, width, height);
    let mut out = buffer_text(&buf);
    out.push_str("-- highlighted --\n");
    for y in 0..height {
        let mut run: Option<(u16, String, bool)> = None;
        for x in 0..=width {
            let cell = buf.cell((x, y)).filter(|_| x < width);
            let kind = cell.and_then(|c| {
                if c.bg == Theme::dark().matched_current.bg.unwrap_or_default() {
                    Some(true)
                } else if c.bg == Theme::dark().matched.bg.unwrap_or_default() {
                    Some(false)
                } else {
                    None
                }
            });
            match (kind, run.as_mut(), cell) {
                (Some(current), Some(r), Some(c)) if r.2 == current => r.1.push_str(c.symbol()),
                (kind, _, cell) => {
                    if let Some((start, text, current)) = run.take() {
                        let mark = if current { " *" } else { "" };
                        let _ = writeln!(out, "row {y} col {start}: {text:?}{mark}");
                    }
                    if let (Some(current), Some(c)) = (kind, cell) {
                        run = Some((x, c.symbol().to_string(), current));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn reader_80x24() {
    insta::assert_snapshot!(screen(&app(80, 24), 80, 24));
}

#[test]
fn reader_120x40_scrolled_into_a_section() {
    let mut app = app(120, 40);
    type_keys(&mut app, "]]]j");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn contents_sidebar_open() {
    let mut app = app(100, 30);
    type_keys(&mut app, "]]]tj");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn help_screen() {
    let mut app = app(80, 40);
    type_keys(&mut app, "?");
    insta::assert_snapshot!(screen(&app, 80, 40));
}

#[test]
fn search_typing_highlights_matches() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/nmda");
    insta::assert_snapshot!(screen_with_matches(&app, 80, 24));
}

#[test]
fn search_kept_shows_the_match_count() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/nmda");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "n");
    insta::assert_snapshot!(screen_with_matches(&app, 80, 24));
}

#[test]
fn a_query_without_matches_says_so() {
    let mut app = app(80, 24);
    type_keys(&mut app, "/zzz");
    let status = screen(&app, 80, 24).lines().last().unwrap_or_default().to_string();
    assert!(status.starts_with("/zzz") && status.contains("no match"), "{status}");
    press(&mut app, KeyCode::Enter);
    let status = screen(&app, 80, 24).lines().last().unwrap_or_default().to_string();
    assert!(status.contains("no match"), "{status}");
}

#[test]
fn too_small() {
    let mut app = app(80, 24);
    app.update(Action::Resize(19, 5));
    insta::assert_snapshot!(screen(&app, 19, 5));
}

#[test]
fn empty_library() {
    let folder = Some("/home/ada/.local/share/salve/articles".into());
    let mut app = App::new(Options { articles_dir: folder, ..Options::default() });
    app.update(Action::Resize(60, 8));
    insta::assert_snapshot!(screen(&app, 60, 8));
}

#[test]
fn progress_placeholder_and_code_fill_are_drawn() {
    let mut app = app(60, 12);
    type_keys(&mut app, "jjj");
    let reader = app.reader.as_mut().expect("open");
    let progress = Style::new(Kind::Progress, Inline::PLAIN);
    let pos = reader.layout.lines[3].pos;
    reader.layout.lines[3] =
        Line::new(&[Seg { text: "PROGRESS".into(), style: progress }], pos, None);
    reader.layout.lines[4].fill = Some(Kind::CodeBlock);
    let buf = render_to_buffer(&app, 60, 12);
    let text = buffer_text(&buf);
    let first = text.lines().next().unwrap_or_default();
    assert!(first.ends_with(&format!(
        "{}% read",
        app.reader.as_ref().map_or(0, crate::app::ReaderState::percent)
    )));
    let column = app.areas().text;
    let code_bg = Theme::dark().code_block.bg;
    for x in column.left()..column.right() {
        assert_eq!(buf.cell((x, 1)).map(|c| c.bg), code_bg, "code background at column {x}");
    }
}

#[test]
fn monochrome_theme_uses_no_colour() {
    let theme = Theme::mono();
    let kinds = [
        Kind::Text,
        Kind::Heading(1),
        Kind::Heading(6),
        Kind::CodeBlock,
        Kind::QuoteBar,
        Kind::Url,
        Kind::CardTitle,
        Kind::Progress,
    ];
    for kind in kinds {
        for inline in [Inline::PLAIN, Inline::CODE | Inline::LINK, Inline::URL] {
            let style = theme.style(Style::new(kind, inline));
            assert_eq!((style.fg, style.bg), (None, None), "{kind:?} {inline:?}");
        }
    }
    let heading = |level| theme.style(Style::new(Kind::Heading(level), Inline::PLAIN));
    assert_ne!(heading(1), heading(2), "headings stay ranked without colour");
    assert_ne!(theme.matched, theme.text);
}

#[test]
fn the_environment_picks_the_theme_and_no_color_wins() {
    use super::palette::{Depth, Pick};
    use std::ffi::OsStr;
    let theme = |no_color, env| Pick::choose(no_color, env, None).0.theme(None, Depth::TrueColor);
    assert_eq!(theme(None, None), Theme::dark());
    assert_eq!(theme(None, Some("Light")), Theme::light());
    assert_eq!(theme(None, Some("solarized")), Theme::dark());
    assert_eq!(theme(Some(OsStr::new("1")), Some("light")), Theme::mono());
    // An empty NO_COLOR does not count (no-color.org).
    assert_eq!(theme(Some(OsStr::new("")), None), Theme::dark());
    assert_ne!(Theme::dark(), Theme::light());
}

/// The bundled library with one article partly read two days ago and bookmarked.
fn bundled_library(width: u16, height: u16) -> App {
    let mut app =
        crate::app::fixtures::library_app(crate::library::bundled().articles, width, height);
    app.update(Msg::Clock(1_000_000));
    let entry = app.entries[3].clone();
    let progress = crate::store::Progress {
        article: entry.key.to_string(),
        title_key: entry.title_key.clone(),
        anchor: String::new(),
        section: 3,
        offset: 0,
        percent: 40,
        read_at: 1_000_000 - 2 * 86_400,
    };
    let mark = crate::store::Bookmark {
        id: "1".into(),
        article: entry.key.to_string(),
        title_key: entry.title_key.clone(),
        article_title: entry.title.to_string(),
        section_title: "Physical side effects".into(),
        anchor: String::new(),
        section: 3,
        offset: 0,
        label: "nausea".into(),
        excerpt: "Nausea and vomiting are common".into(),
        created_at: 1_000_000 - 86_400,
    };
    let order = crate::library::Order::Title;
    app.update(crate::app::Msg::Restored {
        progress: vec![progress],
        bookmarks: vec![mark],
        order,
    });
    app
}

#[test]
fn library_120x30_with_a_preview() {
    let app = bundled_library(120, 30);
    insta::assert_snapshot!(screen(&app, 120, 30));
}

#[test]
fn library_80x24_filtered() {
    let mut app = bundled_library(80, 24);
    type_keys(&mut app, "/side eff");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn library_40x12_keeps_titles_readable() {
    let app = bundled_library(40, 12);
    insta::assert_snapshot!(screen(&app, 40, 12));
}

#[test]
fn bookmark_list_over_the_library() {
    let mut app = bundled_library(100, 16);
    type_keys(&mut app, "'");
    insta::assert_snapshot!(screen(&app, 100, 16));
}

/// The screen with its styles: each run of cells of one style as `{fg bg modifiers}text`, so
/// a snapshot shows what colours a theme draws with, not only the text.
fn styled(buf: &ratatui::buffer::Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut last = None;
        for x in area.left()..area.right() {
            let Some(cell) = buf.cell((x, y)) else { continue };
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                let _ = write!(out, "{{{:?} {:?} {:?}}}", style.0, style.1, style.2);
                last = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}

/// The sample article with a kept search, in `theme`, at 64x14.
fn themed(theme: &Theme) -> String {
    let mut app = app(64, 14);
    type_keys(&mut app, "/nmda");
    press(&mut app, KeyCode::Enter);
    styled(&super::render_themed(&app, theme, 64, 14))
}

#[test]
fn the_dark_theme() {
    insta::assert_snapshot!(themed(&Theme::dark()));
}

#[test]
fn the_light_theme() {
    insta::assert_snapshot!(themed(&Theme::light()));
}

#[test]
fn the_dark_theme_in_16_colours() {
    use super::palette::{Depth, Pick};
    insta::assert_snapshot!(themed(&Pick::Dark.theme(None, Depth::Basic)));
}

#[test]
fn the_no_color_theme() {
    use super::palette::{Depth, Pick};
    let (pick, _) = Pick::choose(Some(std::ffi::OsStr::new("1")), None, None);
    let theme = pick.theme(None, Depth::TrueColor);
    let shown = themed(&theme);
    assert!(!shown.contains("Rgb(") && !shown.contains("Indexed("), "no colour at all");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_problems_list_counts_the_config_files_problems_without_calling_them_the_librarys() {
    let problems = vec!["config.toml line 1: unknown setting 'zoom'".to_string()];
    let options = Options { config_problems: problems, ..Options::default() };
    let mut app = App::new(options);
    app.update(crate::action::Action::Resize(80, 12));
    press(&mut app, KeyCode::Char('!'));
    let shown = screen(&app, 80, 12);
    assert!(shown.contains("1 problem"), "{shown}");
    assert!(!shown.contains("reading the library"), "it is the config file's: {shown}");
    assert!(shown.contains("unknown setting 'zoom'"), "{shown}");
}

#[test]
fn a_notice_too_long_for_the_status_line_is_drawn_whole_above_it_up_to_half_the_screen() {
    let mut app = app(60, 12);
    let address = format!("https://example.org/{}", "a".repeat(150));
    app.notice = Some(format!("{address}  (outside salve: open it in a browser)"));
    let shown = screen(&app, 60, 12);
    let rows: Vec<&str> = shown.lines().collect();
    // The rows above the status line, joined, hold the whole address to copy.
    let above: String = rows[..11].iter().rev().take(4).rev().map(|r| r.trim()).collect();
    assert!(above.contains(&address), "{shown}");
    assert!(!rows[11].contains("example.org"), "the status line keeps its place: {shown}");
    // Longer than half the screen: cut there, the text above it still drawn.
    app.notice = Some("word ".repeat(400));
    let shown = screen(&app, 60, 12);
    let covered = shown.lines().filter(|r| r.trim_start().starts_with("word")).count();
    assert!((1..=5).contains(&covered), "{covered} rows:\n{shown}");
}
