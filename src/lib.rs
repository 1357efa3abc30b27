//! salve: a terminal reader for offline health articles.
//!
//! The crate map: [`article`] (the model and parsers), [`library`] (finding articles),
//! [`layout`] (article to wrapped, styled lines), [`sanitize`] (nothing untrusted reaches the
//! terminal), [`cli`] and [`config`] (the command line and where files live),
//! [`search`] (the library search and title matching), [`action`] and [`keymap`] (input vocabulary and bindings), [`app`] (state and
//! `update`), [`ui`] (drawing), [`tui`] (the interactive reader's terminal and loop),
//! [`store`] (the one SQLite database: reading progress, bookmarks, settings, library cache,
//! search index).

pub mod action;
pub mod app;
pub mod article;
pub mod cli;
pub mod config;
pub mod hash;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod tui;
pub mod ui;
