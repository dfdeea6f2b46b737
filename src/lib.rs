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
pub mod memo;
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

pub use build::{
    Options as BuildOptions, Report as BuildReport, build, build_with, check, check_with,
};

use diagnostics::Diagnostic;

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
    /// thutuc itself failed (a panic `serve` caught): a bug to report.
    Internal(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::Content(d) => write!(f, "{} problem(s) in the content", d.len()),
            Error::Io(e) => write!(f, "{e}"),
            Error::Usage(m) => write!(f, "{m}"),
            Error::Theme(m) => write!(f, "theme: {m}"),
            Error::Internal(m) => write!(f, "{m} (a bug in thutuc; please report it)"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<render::Error> for Error {
    fn from(e: render::Error) -> Error {
        match e {
            render::Error::Theme(m) => Error::Theme(m),
            render::Error::Io(e) => Error::Io(e),
            // A page that could not be made is its content file's problem; the site's own
            // pages show no one file, so theirs is the theme's.
            render::Error::Page {
                file: Some(file),
                path,
                message,
            } => Error::Content(vec![Diagnostic {
                file,
                pos: diagnostics::Pos { line: 1, column: 1 },
                field: String::new(),
                message: format!("its page (/{path}) could not be made: {message}"),
            }]),
            render::Error::Page {
                file: None,
                path,
                message,
            } => Error::Theme(format!("the page /{path} could not be made: {message}")),
        }
    }
}

impl From<search::Error> for Error {
    fn from(e: search::Error) -> Error {
        match e {
            search::Error::Io(e) => Error::Io(e),
            // The index is made from a checked catalogue: anything else is a bug in thutuc.
            other => Error::Theme(other.to_string()),
        }
    }
}
