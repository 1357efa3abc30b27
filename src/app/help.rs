//! The help screen's text, generated from the keymap: every pane's keys under its name, so it
//! cannot drift from what the keys really do. The model uses it to bound scrolling; the view
//! draws it.

use crate::keymap::{Keymap, Pane};

/// One line of the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A pane's heading.
    Heading(&'static str),
    /// Keys and what they do.
    Row(String, &'static str),
    /// Space between panes.
    Blank,
}

/// The help text for `keymap`, the panes in `first` (where the help was asked from) before
/// the others.
pub fn lines(keymap: &Keymap, first: &[Pane]) -> Vec<HelpLine> {
    let mut out = Vec::new();
    let rest = Pane::ALL.into_iter().filter(|p| !first.contains(p));
    for pane in first.iter().copied().filter(|&p| p != Pane::Help).chain(rest) {
        let rows = keymap.help_rows(pane);
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(pane.title()));
        out.extend(rows.into_iter().map(|(keys, what)| HelpLine::Row(keys, what)));
        if pane.takes_text() {
            // Typing is not a binding: any key the table leaves free is text.
            let typing = crate::action::Action::Type(' ').describe();
            out.push(HelpLine::Row("other keys".into(), typing));
        }
    }
    out
}

/// How many lines the help text has, to bound scrolling.
pub fn line_count(keymap: &Keymap) -> usize {
    lines(keymap, &[]).len()
}

/// Scrolls a list overlay (help, problems) at `scroll` for `action`, `most` lines at most;
/// false when the action closes it (`Back`). Modal: every other key does nothing.
pub(super) fn scroll(scroll: &mut usize, action: crate::action::Action, most: usize) -> bool {
    use crate::action::Action;
    let delta: isize = match action {
        Action::Back => return false,
        Action::LineDown => 1,
        Action::LineUp => -1,
        Action::ScrollBy(n) => n as isize,
        _ => return true,
    };
    *scroll = scroll.saturating_add_signed(delta).min(most);
    true
}
