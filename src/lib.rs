//! salve: a terminal reader for offline health articles.
//!
//! The crate map: [`article`] (the model and parsers), [`library`] (finding articles),
//! [`layout`] (article to wrapped, styled lines), [`sanitize`] (nothing untrusted reaches the
//! terminal), [`tui`] (the interactive reader).

pub mod article;
pub mod cli;
pub mod config;
pub mod layout;
pub mod library;
pub mod sanitize;
pub mod search;
pub mod tui;
