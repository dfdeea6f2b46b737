//! Search: a prebuilt, tantivy-derived static index and the same ranking in-process.
//!
//! [`analyzer`] splits Vietnamese text into accented and folded words; [`fields`] says what
//! is indexed and how much it weighs; [`index`] builds the tantivy index; [`query`] runs a
//! query through it (`thutuc search`); [`export`] reads back what tantivy holds and writes
//! the static files the browser client (`theme/static/search.js`) searches.

pub mod analyzer;
pub mod encode;
pub mod export;
pub mod fields;
pub mod index;
pub mod query;

pub use export::{ExportStats, export};
pub use query::{Hit, Hits};

use crate::catalogue::Catalogue;

/// Why the index could not be built, searched or written.
#[derive(Debug)]
pub enum Error {
    Tantivy(tantivy::TantivyError),
    Io(std::io::Error),
    /// The index does not hold what indexing put in (a bug, not a content problem).
    Corrupt(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::Tantivy(e) => write!(f, "search index: {e}"),
            Error::Io(e) => write!(f, "search index: {e}"),
            Error::Corrupt(m) => write!(f, "search index: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Tantivy(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

/// Indexes the catalogue once and runs every query through tantivy.
pub fn search(catalogue: &Catalogue, queries: &[String], limit: usize) -> Result<Vec<Hits>, Error> {
    let ix = index::build(catalogue)?;
    queries
        .iter()
        .map(|q| query::search(&ix, catalogue, q, limit))
        .collect()
}
