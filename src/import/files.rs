//! Whose a procedure file is: the importer's, unchanged since it wrote it, or a person's.
//!
//! The importer puts a comment line `# imported: sha256=<hash>` in the front matter it
//! writes; the hash is of the whole file without that line. A file whose text still has
//! that hash is the importer's to replace; any other file (edited since, or written by a
//! person) is left alone unless the import is forced. The mark travels with the file,
//! so moving or renaming it, or several people importing, needs no shared ledger.
//! The line also names the source (`from dvcqg`), so that a list with less in it does
//! not replace what the detail record wrote.

use super::state::hex_digest;

pub const MARK: &str = "# imported: sha256=";

/// What is on disk where the importer wants to write.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    Nothing,
    /// The importer's own file, as it wrote it; `same` when it already says what we would
    /// write; `source` is the source it was imported from.
    Unedited {
        same: bool,
        source: String,
    },
    /// The importer wrote it and a person changed it since.
    Edited,
    /// A file with no import mark: a person wrote it.
    Manual,
}

/// A file's text as compared: no byte-order mark, `\n` line ends.
fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n")
}

/// Splits off the mark line: (text without it, the rest of the mark line).
fn without_mark(text: &str) -> (String, Option<String>) {
    let mut hash = None;
    let mut rest = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.trim_end().strip_prefix(MARK) {
            Some(h) if hash.is_none() => hash = Some(h.trim().to_string()),
            _ => rest.push_str(line),
        }
    }
    (rest, hash)
}

/// Adds the mark to a procedure file the importer made (which starts with `---`).
pub fn stamp(text: &str, source: &str) -> String {
    let mark = format!("{MARK}{} from {source}", hex_digest(text));
    match text.split_once('\n') {
        Some((first, rest)) => format!("{first}\n{mark}\n{rest}"),
        None => format!("{text}\n{mark}\n"),
    }
}

/// Compares what is on disk (`current`) with what the importer would write (`new`, unstamped).
pub fn judge(current: Option<&str>, new: &str) -> Found {
    let Some(current) = current else {
        return Found::Nothing;
    };
    let (text, mark) = without_mark(&normalise(current));
    let Some(mark) = mark else {
        return Found::Manual;
    };
    let mut words = mark.split_whitespace();
    let hash = words.next().unwrap_or_default();
    let source = match (words.next(), words.next()) {
        (Some("from"), Some(source)) => source.to_string(),
        _ => String::new(),
    };
    if hash == hex_digest(&text) {
        Found::Unedited {
            same: text == new,
            source,
        }
    } else {
        Found::Edited
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_judges() {
        let new = "---\ncode: \"1\"\n---\nBody\n";
        let written = stamp(new, "csv");
        assert!(written.starts_with("---\n# imported: sha256="));
        assert!(written.lines().nth(1).unwrap().ends_with(" from csv"));
        let unedited = |same| Found::Unedited {
            same,
            source: "csv".into(),
        };
        assert_eq!(judge(None, new), Found::Nothing);
        assert_eq!(judge(Some(&written), new), unedited(true));
        assert_eq!(
            judge(Some(&written), "---\ncode: \"2\"\n---\n"),
            unedited(false)
        );
        let crlf = written.replace('\n', "\r\n");
        assert_eq!(judge(Some(&crlf), new), unedited(true));
        let edited = written.replace("Body", "Nội dung đã sửa");
        assert_eq!(judge(Some(&edited), new), Found::Edited);
        assert_eq!(judge(Some(new), new), Found::Manual);
    }
}
