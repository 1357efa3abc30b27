//! Choosing the theme and fitting it to the terminal's colours.
//!
//! The choice, strongest first: `NO_COLOR` (monochrome), `SALVE_THEME`, the config's
//! `theme`, then dark. `auto` asks the terminal for its background colour (OSC 11, answered
//! or not within a short wait: see the terminal session) and picks light on a light
//! background. Then the colours are fitted to what the terminal shows: exact colours where
//! `COLORTERM` says truecolor, the nearest of the 256 xterm colours where `TERM` says
//! 256color, and the 16 standard colours otherwise, with reverse video where a 16-colour
//! background would vanish (the status line, the selected row).

use super::theme::Theme;
use crate::config::ThemeName;
use ratatui::style::{Color, Modifier, Style};
use std::ffi::OsStr;

/// Which theme to draw with, before `auto` is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The dark theme.
    Dark,
    /// The light theme.
    Light,
    /// No colours (`NO_COLOR`).
    Mono,
    /// Dark or light as the terminal's background is.
    Auto,
}

impl Pick {
    /// The pick from `NO_COLOR`, `SALVE_THEME` and the config's theme, with a warning when
    /// `SALVE_THEME` names no theme (then the config's, or dark, applies).
    pub fn choose(
        no_color: Option<&OsStr>,
        env: Option<&str>,
        config: Option<ThemeName>,
    ) -> (Self, Option<String>) {
        let env = env.map(str::trim).filter(|t| !t.is_empty());
        let named = env.and_then(|v| match v.to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "auto" => Some(ThemeName::Auto),
            _ => None,
        });
        let warning = env.filter(|_| named.is_none()).map(|v| {
            let value = crate::sanitize::sanitize_line(v).into_owned();
            format!("ignoring SALVE_THEME='{value}'; set it to 'dark', 'light' or 'auto'")
        });
        let pick = if no_color.is_some_and(|v| !v.is_empty()) {
            Self::Mono
        } else {
            match named.or(config) {
                Some(ThemeName::Light) => Self::Light,
                Some(ThemeName::Auto) => Self::Auto,
                Some(ThemeName::Dark) | None => Self::Dark,
            }
        };
        (pick, warning)
    }

    /// The pick from the process environment and the config's theme.
    pub fn from_env(config: Option<ThemeName>) -> (Self, Option<String>) {
        let env = std::env::var_os("SALVE_THEME");
        let env = env.as_ref().map(|t| t.to_string_lossy());
        Self::choose(std::env::var_os("NO_COLOR").as_deref(), env.as_deref(), config)
    }

    /// The theme, given whether the terminal's background is light (for `auto`; unknown is
    /// dark) and the colours it shows.
    pub fn theme(self, light_background: Option<bool>, depth: Depth) -> Theme {
        let theme = match self {
            Self::Mono => return Theme::mono(),
            Self::Light => Theme::light(),
            Self::Auto if light_background == Some(true) => Theme::light(),
            Self::Dark | Self::Auto => Theme::dark(),
        };
        theme.fitted(depth)
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Any RGB colour.
    TrueColor,
    /// The 256 xterm colours.
    Indexed,
    /// The 16 standard colours.
    Basic,
}

impl Depth {
    /// The depth `COLORTERM` and `TERM` say.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> Self {
        let colorterm = colorterm.unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            Self::TrueColor
        } else if term.is_some_and(|t| t.contains("256color")) {
            Self::Indexed
        } else {
            Self::Basic
        }
    }

    /// The depth of this process's terminal.
    pub fn from_env() -> Self {
        let colorterm = std::env::var("COLORTERM").ok();
        let term = std::env::var("TERM").ok();
        Self::detect(colorterm.as_deref(), term.as_deref())
    }
}

/// Whether an OSC 11 answer (`rgb:RRRR/GGGG/BBBB`, 1 to 4 hex digits a channel) describes a
/// light background.
pub fn is_light(answer: &str) -> Option<bool> {
    let rgb = answer.split("rgb:").nth(1)?;
    let channels: Vec<f64> = rgb
        .split('/')
        .take(3)
        .map(|c| {
            let digits: String = c.chars().take_while(char::is_ascii_hexdigit).collect();
            let max = (16_f64).powi(i32::try_from(digits.len()).unwrap_or(4)) - 1.0;
            u32::from_str_radix(&digits, 16).ok().map(|v| f64::from(v) / max)
        })
        .collect::<Option<_>>()?;
    let [r, g, b] = channels[..] else { return None };
    // Relative luminance, as WCAG defines it (close enough for "is it light").
    Some(0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5)
}

impl Theme {
    /// This theme with every colour the terminal cannot show replaced by the nearest it can.
    #[must_use]
    pub fn fitted(mut self, depth: Depth) -> Self {
        if depth == Depth::TrueColor {
            return self;
        }
        let fit = |style: &mut Style| {
            style.fg = style.fg.map(|c| nearest(c, depth));
            style.bg = style.bg.map(|c| nearest(c, depth));
        };
        for style in self.styles_mut() {
            fit(style);
        }
        if depth == Depth::Basic {
            // Their backgrounds would be black or white, like the terminal's own: reverse
            // video keeps the bar and the selection visible.
            self.status = Style::new().add_modifier(Modifier::REVERSED);
            self.selected = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
            self.code_block.bg = None;
        }
        self
    }

    /// Every style of the theme, to change them all alike.
    fn styles_mut(&mut self) -> Vec<&mut Style> {
        let mut styles: Vec<&mut Style> = self.headings.iter_mut().collect();
        styles.extend([
            &mut self.text,
            &mut self.code_block,
            &mut self.code,
            &mut self.quote_bar,
            &mut self.list_marker,
            &mut self.link,
            &mut self.url,
            &mut self.image,
            &mut self.note,
            &mut self.rule,
            &mut self.table_header,
            &mut self.card_title,
            &mut self.card_meta,
            &mut self.card_note,
            &mut self.progress,
            &mut self.cut,
            &mut self.matched,
            &mut self.matched_current,
            &mut self.status,
            &mut self.key,
            &mut self.dim,
            &mut self.warn,
            &mut self.toc_current,
            &mut self.toc_cursor,
            &mut self.border,
            &mut self.help_heading,
            &mut self.mark,
            &mut self.selected,
            &mut self.hit,
        ]);
        styles
    }
}

/// The 16 standard colours, with the RGB xterm gives them.
const BASIC: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// The colour nearest `color` that a terminal of `depth` shows.
fn nearest(color: Color, depth: Depth) -> Color {
    let Color::Rgb(r, g, b) = color else { return color };
    match depth {
        Depth::TrueColor => color,
        Depth::Indexed => Color::Indexed(index_256(r, g, b)),
        Depth::Basic => {
            let by_distance = BASIC.iter().min_by_key(|(_, c)| distance((r, g, b), *c));
            by_distance.map_or(Color::Reset, |(named, _)| *named)
        }
    }
}

/// The xterm 256-colour index nearest an RGB colour: the 6x6x6 cube or the gray ramp.
fn index_256(r: u8, g: u8, b: u8) -> u8 {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level =
        |v: u8| (0..6).min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(v)).abs()).unwrap_or(0);
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    let cube_index = 16 + 36 * ri + 6 * gi + bi;
    let average = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let gray_step = (average.saturating_sub(8) / 10).min(23) as u8;
    let gray = 8 + 10 * gray_step;
    if distance((r, g, b), (gray, gray, gray)) < distance((r, g, b), cube) {
        232 + gray_step
    } else {
        cube_index as u8
    }
}

/// Squared distance between two RGB colours.
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> i32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_then_the_environment_then_the_config_then_dark() {
        let one = Some(OsStr::new("1"));
        assert_eq!(Pick::choose(one, Some("light"), Some(ThemeName::Light)).0, Pick::Mono);
        assert_eq!(Pick::choose(None, Some("light"), Some(ThemeName::Dark)).0, Pick::Light);
        assert_eq!(Pick::choose(None, None, Some(ThemeName::Auto)).0, Pick::Auto);
        assert_eq!(Pick::choose(None, None, None).0, Pick::Dark);
        assert_eq!(Pick::choose(Some(OsStr::new("")), None, None).0, Pick::Dark, "empty is unset");
    }

    #[test]
    fn an_unknown_salve_theme_is_named_and_the_config_applies() {
        let (pick, warning) = Pick::choose(None, Some("bogus"), Some(ThemeName::Light));
        assert_eq!(pick, Pick::Light);
        let warning = warning.expect("a warning");
        assert!(warning.contains("'bogus'") && warning.contains("'auto'"), "{warning}");
        assert_eq!(Pick::choose(None, Some(" LIGHT "), None), (Pick::Light, None));
    }

    #[test]
    fn auto_follows_the_background_and_unknown_is_dark() {
        assert_eq!(Pick::Auto.theme(Some(true), Depth::TrueColor), Theme::light());
        assert_eq!(Pick::Auto.theme(Some(false), Depth::TrueColor), Theme::dark());
        assert_eq!(Pick::Auto.theme(None, Depth::TrueColor), Theme::dark());
        assert_eq!(is_light("\x1b]11;rgb:ffff/ffff/ffff\x07"), Some(true));
        assert_eq!(is_light("\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"), Some(false));
        assert_eq!(is_light("rgb:ff/fa/f0"), Some(true));
        assert_eq!(is_light("nonsense"), None);
    }

    #[test]
    fn the_depth_follows_colorterm_then_term() {
        assert_eq!(Depth::detect(Some("truecolor"), Some("xterm")), Depth::TrueColor);
        assert_eq!(Depth::detect(None, Some("xterm-256color")), Depth::Indexed);
        assert_eq!(Depth::detect(None, Some("xterm")), Depth::Basic);
        assert_eq!(Depth::detect(None, None), Depth::Basic);
    }

    #[test]
    fn fitted_themes_use_only_colours_the_terminal_has() {
        for theme in [Theme::dark(), Theme::light()] {
            for depth in [Depth::Indexed, Depth::Basic] {
                let mut fitted = theme.clone().fitted(depth);
                for style in fitted.styles_mut() {
                    for color in [style.fg, style.bg].into_iter().flatten() {
                        assert!(!matches!(color, Color::Rgb(..)), "{color:?} at {depth:?}");
                        if depth == Depth::Basic {
                            assert!(!matches!(color, Color::Indexed(_)), "{color:?}");
                        }
                    }
                }
            }
        }
        assert_eq!(index_256(40, 44, 52), 235, "the dark code background: a dark gray");
        assert_eq!(index_256(255, 0, 0), 196);
    }
}
