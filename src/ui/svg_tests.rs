//! The SVG writer: what a reader of the README would see in the picture (text in its cells,
//! colours, attributes) and that nothing in a cell can break the file.

use super::{CELL_HEIGHT, CELL_WIDTH, DEFAULT_BG, DEFAULT_FG, PADDING, buffer_to_svg};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

fn buffer(width: u16, height: u16) -> Buffer {
    Buffer::empty(Rect::new(0, 0, width, height))
}

/// The `<text>` elements of `svg`, whole.
fn texts(svg: &str) -> Vec<&str> {
    svg.lines().filter(|l| l.starts_with("<text")).collect()
}

/// Where column `x` starts, as written in the file.
fn column(x: u32) -> String {
    format!("x=\"{}\"", PADDING + x * CELL_WIDTH)
}

#[test]
fn the_picture_is_the_grid_with_a_margin_and_names_itself() {
    let svg = buffer_to_svg(&buffer(20, 3), "the library");
    let (w, h) = (20 * CELL_WIDTH + 2 * PADDING, 3 * CELL_HEIGHT + 2 * PADDING);
    assert!(svg.starts_with(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\""
    )));
    assert!(svg.contains("<title>the library</title>"));
    assert!(svg.contains(&format!("fill=\"{DEFAULT_BG}\"")), "a dark terminal's background");
    assert!(svg.lines().next().is_some_and(|l| l.ends_with(&format!("fill=\"{DEFAULT_FG}\">"))));
    assert!(texts(&svg).is_empty(), "blank cells draw nothing");
}

#[test]
fn words_sit_in_their_cells_with_their_colours_and_attributes() {
    let mut buf = buffer(30, 2);
    buf.set_string(
        2,
        0,
        "Side effects",
        Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    );
    buf.set_string(4, 1, "plain", Style::new());
    buf.set_string(
        12,
        1,
        "code",
        Style::new().fg(Color::Rgb(220, 220, 200)).bg(Color::Rgb(40, 44, 52)),
    );
    let svg = buffer_to_svg(&buf, "t");
    let texts = texts(&svg);
    assert_eq!(texts.len(), 3, "{texts:#?}");
    let heading = texts[0];
    assert!(heading.contains(&column(2)) && heading.contains("textLength=\"108\""), "{heading}");
    assert!(heading.contains("class=\"b u\"") && heading.contains("fill=\"#f0d070\""), "{heading}");
    assert!(heading.ends_with(">Side effects</text>"));
    assert!(texts[1].contains(&column(4)) && !texts[1].contains("fill="), "the default colour");
    assert!(texts[1].contains(&format!("y=\"{}\"", PADDING + CELL_HEIGHT + 14)));
    assert!(texts[2].contains("fill=\"#dcdcc8\""));
    let background = format!(
        "<rect {} y=\"{}\" width=\"{}\" height=\"{CELL_HEIGHT}\" fill=\"#282c34\"/>",
        column(12),
        PADDING + CELL_HEIGHT,
        4 * CELL_WIDTH
    );
    assert!(svg.contains(&background), "{svg}");
}

#[test]
fn reversed_cells_swap_colours_including_the_default_ones() {
    let mut buf = buffer(10, 1);
    buf.set_string(0, 0, "cursor", Style::new().add_modifier(Modifier::REVERSED));
    let svg = buffer_to_svg(&buf, "t");
    assert!(svg.contains(&format!(
        "width=\"{}\" height=\"{CELL_HEIGHT}\" fill=\"{DEFAULT_FG}\"",
        6 * CELL_WIDTH
    )));
    assert!(texts(&svg)[0].contains(&format!("fill=\"{DEFAULT_BG}\"")));
}

#[test]
fn indexed_colours_follow_the_256_colour_palette() {
    let mut buf = buffer(10, 1);
    buf.set_string(0, 0, "a", Style::new().fg(Color::Indexed(9)));
    buf.set_string(2, 0, "b", Style::new().fg(Color::Indexed(196)));
    buf.set_string(4, 0, "c", Style::new().fg(Color::Indexed(244)));
    buf.set_string(6, 0, "d", Style::new().fg(Color::Indexed(16)));
    let svg = buffer_to_svg(&buf, "t");
    let fills: Vec<&str> =
        texts(&svg).iter().filter_map(|t| t.split("fill=\"").nth(1)?.get(..7)).collect();
    assert_eq!(fills, ["#f06c6c", "#ff0000", "#808080", "#000000"]);
}

#[test]
fn a_wide_character_takes_two_cells_and_the_next_one_starts_after_it() {
    let mut buf = buffer(10, 1);
    buf.set_string(0, 0, "日本 x", Style::new().fg(Color::Red));
    let svg = buffer_to_svg(&buf, "t");
    let text = texts(&svg)[0];
    assert!(text.contains("textLength=\"54\"") && text.contains(">日本 x<"), "{text}");
}

#[test]
fn bars_and_borders_are_shapes_that_join() {
    let mut buf = buffer(4, 2);
    buf.set_string(0, 0, "█░", Style::new().fg(Color::Magenta));
    buf.set_string(3, 0, "│", Style::new().fg(Color::DarkGray));
    buf.set_string(3, 1, "│", Style::new().fg(Color::DarkGray));
    let svg = buffer_to_svg(&buf, "t");
    assert!(texts(&svg).is_empty(), "no glyphs: {svg}");
    let full = format!(
        "<rect {} y=\"{PADDING}\" width=\"{CELL_WIDTH}\" height=\"{CELL_HEIGHT}\" fill=\"#b05cc8\"/>",
        column(0)
    );
    assert!(svg.contains(&full), "{svg}");
    assert!(svg.contains("fill=\"#b05cc8\" fill-opacity=\"0.25\"/>"), "the light shade: {svg}");
    let border: Vec<&str> = svg.lines().filter(|l| l.contains("fill=\"#707070\"")).collect();
    assert_eq!(border.len(), 2);
    assert!(border.iter().all(|l| l.contains(&format!("height=\"{CELL_HEIGHT}\""))), "{border:?}");
}

#[test]
fn markup_and_control_characters_in_a_cell_cannot_break_the_file() {
    let mut buf = buffer(20, 1);
    buf.set_string(0, 0, "a<b>&\"c\"", Style::new());
    buf[(12, 0)].set_symbol("\u{1b}");
    let svg = buffer_to_svg(&buf, "<title> & more");
    assert!(svg.contains(">a&lt;b&gt;&amp;&quot;c&quot;    \u{fffd}</text>"), "{svg}");
    assert!(svg.contains("<title>&lt;title&gt; &amp; more</title>"));
    assert!(!svg.contains('\u{1b}'));
}

#[test]
fn the_same_screen_gives_the_same_bytes() {
    let mut buf = buffer(12, 2);
    buf.set_string(1, 1, "stable", Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC));
    assert_eq!(buffer_to_svg(&buf, "t"), buffer_to_svg(&buf.clone(), "t"));
}

/// A `fill` in the style sheet would win over every text's own colour (CSS beats SVG's
/// presentation attributes): the first pictures showed all text in one grey.
#[test]
fn the_style_sheet_leaves_colours_to_each_text() {
    let mut buf = buffer(10, 1);
    buf.set_string(0, 0, "PTSD", Style::new().fg(Color::LightYellow));
    let svg = buffer_to_svg(&buf, "t");
    let style = svg.split("<style>").nth(1).and_then(|s| s.split("</style>").next());
    assert!(style.is_some_and(|s| !s.contains("fill")), "{style:?}");
    assert!(texts(&svg)[0].contains("fill=\"#f0d070\""));
}
