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

impl Report {
    /// What a person should know even of a quiet import (`--quiet`): the files it left
    /// alone and the input it left out. Empty when there is nothing.
    pub fn warnings(&self) -> String {
        struct Warnings<'a>(&'a Report);
        impl fmt::Display for Warnings<'_> {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                self.0.write_skipped(f)?;
                self.0.write_notices(f)
            }
        }
        Warnings(self)
            .to_string()
            .trim_start_matches('\n')
            .to_string()
    }

    fn write_skipped(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for s in &self.skipped {
            let why = if s.manual {
                "not written by the importer"
            } else {
                "edited since it was imported"
            };
            writeln!(f, "skipped    {} ({why}; --force replaces it)", s.file)?;
        }
        Ok(())
    }

    fn write_notices(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if !self.notices.is_empty() {
            writeln!(f, "\nLeft out of the import:")?;
            for n in &self.notices {
                writeln!(f, "  {n}")?;
            }
        }
        Ok(())
    }
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
        self.write_skipped(f)?;
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
        self.write_notices(f)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_what_needs_a_person() {
        let mut report = Report {
            procedures: 2,
            written: vec!["procedures/a.md".into()],
            ..Report::default()
        };
        assert_eq!(report.warnings(), "", "a clean import has nothing to say");
        report.skipped.push(Skipped {
            file: "procedures/b.md".into(),
            manual: true,
        });
        report.notices.push("list.csv:3: no code".into());
        assert_eq!(
            report.warnings(),
            "skipped    procedures/b.md (not written by the importer; --force replaces it)\n\
             \nLeft out of the import:\n  list.csv:3: no code\n"
        );
        let full = report.to_string();
        assert!(full.contains(&report.warnings()), "{full}");
    }
}
