//! Search: a prebuilt, tantivy-derived static index and the same ranking in-process.
//!
//! [`analyzer`] splits Vietnamese text into accented and folded words; [`fields`] says what
//! is indexed and how much it weighs; [`index`] builds the tantivy index; [`query`] runs a
//! query through it (`thutuc search`), with the synonyms of [`synonyms`]; [`read`] reads back what tantivy holds; [`shards`]
//! encodes it and [`export`] writes the static files the browser client
//! (`theme/static/search.js`) searches, in the format documented there.

pub mod analyzer;
pub mod encode;
pub mod export;
pub mod fields;
pub mod index;
pub mod query;
pub mod read;
pub mod shards;
pub mod synonyms;

pub use export::{ExportStats, export, file_budget};
pub use index::Memo;
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

/// A catalogue indexed by tantivy, to search in-process or export.
pub struct Engine<'a> {
    catalogue: &'a Catalogue,
    index: index::SearchIndex,
}

impl<'a> Engine<'a> {
    pub fn new(catalogue: &'a Catalogue) -> Result<Self, Error> {
        Ok(Engine {
            catalogue,
            index: index::build(catalogue, None, &crate::progress::Progress::hidden())?,
        })
    }

    /// The best `limit` procedures for a query, as tantivy ranks them.
    pub fn search(&self, query: &str, limit: usize) -> Result<Hits, Error> {
        query::search(&self.index, self.catalogue, query, limit)
    }

    /// Writes the static index to `out_dir/search/`.
    pub fn export(&self, out_dir: &std::path::Path) -> Result<ExportStats, Error> {
        export::write_into(self.catalogue, &self.index, out_dir)
    }
}
