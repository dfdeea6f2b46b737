//! What an import did, for the person who ran it: every file written or left alone,
//! every value that could not be typed, and a summary at the end.

use std::fmt;

#[derive(Debug, Default)]
pub struct Report {
    /// Procedures read from the input.
    pub procedures: usize,
    /// New procedure files.
    pub written: Vec<String>,
    /// Procedure files the importer had written and now replaced with newer data.
    pub updated: Vec<String>,
    /// Procedure files that already said what the importer would write.
    pub unchanged: usize,
    /// Files imported from a source with more detail, kept: (file, that source).
    pub kept: Vec<(String, String)>,
    /// Files a person changed (or wrote), replaced because of `--force`.
    pub forced: Vec<String>,
    /// Files a person changed (or wrote), left alone.
    pub skipped: Vec<Skipped>,
    /// Agency files, taxonomy entries and `site.yaml` created.
    pub created: Vec<String>,
    pub unparsed: Vec<Unparsed>,
    /// Input that was left out, and why.
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    /// True when the file never had the import mark: a person wrote it.
    pub manual: bool,
}

/// A value kept as a note (or a placeholder) because it could not be typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unparsed {
    /// The content file it belongs to.
    pub file: String,
    pub field: String,
    pub original: String,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for file in &self.written {
            writeln!(f, "written    {file}")?;
        }
        for file in &self.updated {
            writeln!(f, "updated    {file}")?;
        }
        for (file, from) in &self.kept {
            writeln!(
                f,
                "kept       {file} (imported from {from}, which tells more)"
            )?;
        }
        for file in &self.forced {
            writeln!(f, "replaced   {file} (had been edited; --force)")?;
        }
        for s in &self.skipped {
            let why = if s.manual {
                "not written by the importer"
            } else {
                "edited since it was imported"
            };
            writeln!(f, "skipped    {} ({why}; --force replaces it)", s.file)?;
        }
        for c in &self.created {
            writeln!(f, "created    {c}")?;
        }
        if !self.unparsed.is_empty() {
            writeln!(
                f,
                "\nValues that could not be typed, kept as notes or placeholders:"
            )?;
            for u in &self.unparsed {
                writeln!(f, "  {}: {}: \"{}\"", u.file, u.field, u.original)?;
            }
        }
        if !self.notices.is_empty() {
            writeln!(f, "\nLeft out of the import:")?;
            for n in &self.notices {
                writeln!(f, "  {n}")?;
            }
        }
        writeln!(
            f,
            "\n{} procedure(s) read: {} written, {} updated, {} unchanged, {} kept, {} skipped, {} replaced by --force; \
             {} other file(s) or entries created; {} value(s) not typed; {} input item(s) left out",
            self.procedures,
            self.written.len(),
            self.updated.len(),
            self.unchanged,
            self.kept.len(),
            self.skipped.len(),
            self.forced.len(),
            self.created.len(),
            self.unparsed.len(),
            self.notices.len(),
        )
    }
}
