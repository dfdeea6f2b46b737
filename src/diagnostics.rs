//! Problems found in content files: where, which field, what is wrong. The terminal
//! printer, which quotes the files, is [`crate::content::report`]; this module reads
//! nothing and imports nothing of the project.

use std::fmt;

/// A 1-based position in a content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One problem: where it is, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path relative to the content folder, with `/` separators.
    pub file: String,
    pub pos: Pos,
    /// The field, as a path such as `channels.2.fees.1.amount`; empty for the whole file.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.pos.line, self.pos.column)?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

/// The best-matching candidate for a misspelt name, if one is close enough.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// `; did you mean "x"?` or nothing.
pub fn suggestion<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(wrong, candidates)
        .map(|c| format!("; did you mean \"{c}\"?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        let ids = ["ubnd-xa-an-hiep", "so-tu-phap", "cong-an-tinh"];
        assert_eq!(did_you_mean("ubnd-xa-an-hep", ids), Some("ubnd-xa-an-hiep"));
        assert_eq!(did_you_mean("zzz", ids), None);
        assert_eq!(
            suggestion("so-tu-phapp", ids),
            "; did you mean \"so-tu-phap\"?"
        );
    }
}
