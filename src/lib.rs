//! thutuc: a static site generator for public catalogues of administrative procedures.
//!
//! The pipeline, one module a stage: [`content`] loads files, [`catalogue`] validates
//! them into a typed [`catalogue::Catalogue`], which every later stage reads:
//! [`render`] makes the pages, [`publish`] the files for machines, [`output`] writes them
//! all so that a failed build never half-publishes. [`build`](crate::build()) runs the
//! stages in order; [`serve`] previews the result.

pub mod build;
pub mod catalogue;
pub mod content;
pub mod data_terms;
pub mod diagnostics;
pub mod import;
pub mod output;
pub mod progress;
pub mod publish;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod text;
pub mod urls;

pub use build::{Options as BuildOptions, Report as BuildReport, build, build_with};

use catalogue::Catalogue;
use diagnostics::Diagnostic;
use progress::Progress;
use std::path::Path;

/// Why a command could not do its work.
#[derive(Debug)]
pub enum Error {
    /// The content has problems; every one of them, sorted by file and line.
    Content(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    Io(std::io::Error),
    /// A command-line value is wrong.
    Usage(String),
    /// The theme (templates, strings, stylesheet) failed: a bug in the theme, not in the content.
    Theme(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::Content(d) => write!(f, "{} problem(s) in the content", d.len()),
            Error::Io(e) => write!(f, "{e}"),
            Error::Usage(m) => write!(f, "{m}"),
            Error::Theme(m) => write!(f, "theme: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Loads and validates the content folder.
pub fn check(content_dir: &Path) -> Result<Catalogue, Error> {
    check_with(content_dir, &Progress::hidden())
}

/// [`check`], telling `progress` how far it is. The caller erases the line when it
/// returns ([`Progress::clear`]).
pub fn check_with(content_dir: &Path, progress: &Progress) -> Result<Catalogue, Error> {
    let sources = content::load_with(content_dir, progress).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", content_dir.display()),
        ))
    })?;
    catalogue::build_with(&sources, progress).map_err(Error::Content)
}
