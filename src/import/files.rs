//! Whose a procedure file is: the importer's, unchanged since it wrote it, or a person's.
//!
//! The importer puts a comment line `# imported: sha256=<hash>` in the front matter it
//! writes; the hash is of the whole file without that line. A file whose text still has
//! that hash is the importer's to replace; any other file (edited since, or written by a
//! person) is left alone unless the import is forced. The mark travels with the file,
//! so moving or renaming it, or several people importing, needs no shared ledger.

use super::state::hex_digest;

pub const MARK: &str = "# imported: sha256=";

/// What is on disk where the importer wants to write.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    Nothing,
    /// The importer's own file, as it wrote it; `same` when it already says what we would write.
    Unedited {
        same: bool,
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

/// Splits off the mark line: (text without it, the recorded hash).
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
pub fn stamp(text: &str) -> String {
    let hash = hex_digest(text);
    match text.split_once('\n') {
        Some((first, rest)) => format!("{first}\n{MARK}{hash}\n{rest}"),
        None => format!("{text}\n{MARK}{hash}\n"),
    }
}

/// Compares what is on disk (`current`) with what the importer would write (`new`, unstamped).
pub fn judge(current: Option<&str>, new: &str) -> Found {
    let Some(current) = current else {
        return Found::Nothing;
    };
    let (text, hash) = without_mark(&normalise(current));
    match hash {
        None => Found::Manual,
        Some(h) if h == hex_digest(&text) => Found::Unedited { same: text == new },
        Some(_) => Found::Edited,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_judges() {
        let new = "---\ncode: \"1\"\n---\nBody\n";
        let written = stamp(new);
        assert!(written.starts_with("---\n# imported: sha256="));
        assert_eq!(judge(None, new), Found::Nothing);
        assert_eq!(judge(Some(&written), new), Found::Unedited { same: true });
        assert_eq!(
            judge(Some(&written), "---\ncode: \"2\"\n---\n"),
            Found::Unedited { same: false }
        );
        let crlf = written.replace('\n', "\r\n");
        assert_eq!(judge(Some(&crlf), new), Found::Unedited { same: true });
        let edited = written.replace("Body", "Nội dung đã sửa");
        assert_eq!(judge(Some(&edited), new), Found::Edited);
        assert_eq!(judge(Some(new), new), Found::Manual);
    }
}
