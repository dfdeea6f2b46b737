//! thutuc: a static site generator for public catalogues of administrative procedures.
//!
//! The pipeline, one module a stage: [`content`] loads files, [`catalogue`] validates
//! them into a typed [`catalogue::Catalogue`], which every later stage reads.

pub mod catalogue;
pub mod content;
pub mod diagnostics;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod text;
pub mod urls;

use catalogue::Catalogue;
use diagnostics::Diagnostic;
use std::path::Path;

/// Why a catalogue could not be had.
#[derive(Debug)]
pub enum Error {
    /// The content has problems; every one of them, sorted by file and line.
    Content(Vec<Diagnostic>),
    /// The content folder could not be read at all.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::Content(d) => write!(f, "{} problem(s) in the content", d.len()),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Loads and validates the content folder.
pub fn check(content_dir: &Path) -> Result<Catalogue, Error> {
    let sources = content::load(content_dir).map_err(Error::Io)?;
    catalogue::build(&sources).map_err(Error::Content)
}
