//! An article's key: the identity its reading state (progress, bookmarks) is saved under.
//!
//! A key is known (`id:` from the front matter, or `t:` the title and a fingerprint of the
//! text), or it is a stand-in: a long file is listed and shown from its first screens before
//! all of it is read, and so before its fingerprint is known. A stand-in's state is neither
//! looked up nor saved; once the file is read whole, the real key replaces it. The string form
//! is for the store, which has always kept keys as text (an older salve saved state under
//! stand-ins, which the app moves to the real key).

use std::fmt;

/// The text a stand-in key starts with in the store.
const STAND_IN: &str = "pending:";

/// An article's identity for saved state.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Key(String);

impl Key {
    /// A known key, as [`super::identity`] makes it or the store kept it.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The stand-in key of the file named `name`, until all of it is read.
    pub fn stand_in(name: &str) -> Self {
        Self(format!("{STAND_IN}{name}"))
    }

    /// True for a stand-in: no reading state belongs to it.
    pub fn is_stand_in(&self) -> bool {
        self.0.starts_with(STAND_IN)
    }

    /// The key as the store keeps it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key with `suffix` added: a second copy of an article, told apart by its place.
    #[must_use]
    pub fn with_suffix(&self, suffix: &str) -> Self {
        Self(format!("{}{suffix}", self.0))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Key {
    fn from(key: &str) -> Self {
        Self::new(key)
    }
}

impl From<String> for Key {
    fn from(key: String) -> Self {
        Self(key)
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl From<Key> for String {
    fn from(key: Key) -> Self {
        key.0
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn a_stand_in_is_told_by_its_type_not_by_who_asks() {
        let stand_in = Key::stand_in("long.md");
        assert!(stand_in.is_stand_in());
        assert!(!Key::new("t:long#0123456789abcdef").is_stand_in());
        assert!(!Key::new("id:pending").is_stand_in(), "an id that merely says 'pending'");
        // The store keeps the text; read back, it is the same stand-in.
        assert_eq!(Key::new(stand_in.as_str()), stand_in);
    }
}
