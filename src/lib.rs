//! salve: a terminal reader for offline health articles.
//!
//! The crate map: [`article`] (the model and parsers), [`library`] (finding articles),
//! [`layout`] (article to wrapped, styled lines), [`sanitize`] (nothing untrusted reaches the
//! terminal), [`cli`] (the command line), [`app`] / [`ui`] / [`tui`] (the interactive reader).

pub mod article;
pub mod sanitize;
