//! Exact-screen snapshots of real content: the bundled articles' first screens, and Markdown
//! written to exercise tables, nesting, long code lines and the contents sidebar. These are the
//! visual spec; review every change to them as a picture, not as a diff of bytes.

use super::{buffer_text, render_to_buffer};
use crate::app::App;
use crate::app::fixtures::type_keys;
use crate::article::{Format, Origin, parse_str};
use crate::library::bundled;

/// The screen of `app` at its own size.
fn screen(app: &App) -> String {
    let (width, height) = app.size;
    buffer_text(&render_to_buffer(app, width, height))
}

/// An app reading Markdown `text` from a file named `name`.
fn markdown(name: &str, text: &str, width: u16, height: u16) -> App {
    let article = parse_str(name, Origin::Bundled("test.md"), Format::Markdown, text);
    crate::app::fixtures::app_with(article, width, height)
}

#[test]
fn bundled_first_screens() {
    let count = bundled().articles.len();
    assert_eq!(count, 4, "a snapshot per bundled article");
    for index in 0..count {
        for (width, height) in [(80, 24), (120, 40)] {
            let app = crate::app::fixtures::bundled_index(index, width, height);
            let id = app.article().map(|a| a.id.clone()).unwrap_or_default();
            insta::assert_snapshot!(format!("bundled_{id}_{width}x{height}"), screen(&app));
        }
    }
}

#[test]
fn contents_open_on_a_bundled_article() {
    let mut app = crate::app::fixtures::bundled_index(0, 120, 40);
    type_keys(&mut app, "]]]t");
    insta::assert_snapshot!(screen(&app));
}

const TABLE: &str = "---
title: Dosing at a glance
---

Typical adult doses; your prescriber decides yours.

| Use | Route | Dose | Notes |
| :-- | :---: | ---: | --- |
| Anaesthesia | IV | 1–4.5 mg/kg | Induction, in an operating room with monitoring |
| Depression | IV infusion | 0.5 mg/kg | Over 40 minutes, twice weekly at first |
| Depression | Nasal spray | 56–84 mg | Esketamine, under observation for two hours |

After the table.
";

#[test]
fn a_table_at_80_columns() {
    insta::assert_snapshot!(screen(&markdown("table.md", TABLE, 80, 24)));
}

#[test]
fn a_table_too_narrow_for_a_grid_becomes_pairs() {
    insta::assert_snapshot!(screen(&markdown("table.md", TABLE, 44, 30)));
}

const NESTED: &str = "# Aftercare

1. Before you leave the clinic:
   - someone drives you home
     - no cycling either
     - no public transport alone
   - no alcohol that day
2. The next morning:
   - [x] eat a light breakfast
   - [ ] note how you slept

> Patients describe the first session as strange.
>
> > One wrote: *\"it felt like watching myself from the ceiling\"*, and then
> > fell asleep for an hour.
>
> Most found later sessions easier.
";

#[test]
fn nested_lists_and_quotes() {
    insta::assert_snapshot!(screen(&markdown("nested.md", NESTED, 60, 30)));
}

const CODE: &str = "# Checking a dose log

Run the script; the last line of its output is very long.

```text
$ salve show dose-log --width 100
2024-03-01  0.5 mg/kg  IV  40 min  BP 128/84 → 142/90  notes: mild dissociation, resolved after 30 minutes, drove home with partner
done
```

A line starting with ↪ goes on from the line above.
";

#[test]
fn a_code_block_with_a_long_line() {
    insta::assert_snapshot!(screen(&markdown("code.md", CODE, 70, 20)));
}

/// One indented (code) line wider than any terminal, from issue 12.
const DOSE: &str = "    Adults: take 1 tablet every 6 hours as needed; do not take more than 4 \
                    tablets in 24 hours or use for more than 10 days.\n";

#[test]
fn a_long_indented_line_is_drawn_whole_and_found_by_search() {
    for width in [40, 80, 120] {
        let mut app = markdown("dose.md", DOSE, width, 24);
        let text = screen(&app);
        assert!(text.contains("10 days."), "at {width} columns:\n{text}");
        type_keys(&mut app, "/24 hours");
        assert_eq!(app.find.matches.len(), 1, "at {width} columns:\n{text}");
    }
}

const UNTITLED: &str = "---
title: Notes after an infusion
---

What the nurse said before we left.

##

Drink water and rest for the day; the dizziness passes within hours.

## Driving

Not until the next day.
";

#[test]
fn an_empty_heading_is_an_untitled_section_everywhere() {
    // Low enough that the section heading reaches the top line, which the status line names.
    let mut app = markdown("untitled.md", UNTITLED, 120, 10);
    type_keys(&mut app, "]t");
    let text = screen(&app);
    // The contents, the heading in the text and the status line all call it the same; only
    // the text before the first heading is the introduction.
    assert_eq!(text.matches("(introduction)").count(), 1, "{text}");
    assert_eq!(text.matches("(untitled section)").count(), 3, "{text}");
    assert!(text.contains("Notes after an infusion › (untitled section)"), "{text}");
    insta::assert_snapshot!(text);
}
