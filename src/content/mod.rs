//! Loading: walk `content/`, read every file, say what kind of record each one holds.
//!
//! Nothing here interprets a record; it only finds the files and their text, so that a
//! broken file is reported with the same care as a broken field.

pub mod decode;
pub mod front_matter;
pub mod report;
pub mod yaml;

use crate::diagnostics::Diagnostic;
use crate::progress::Progress;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use yaml::Pos;

/// The largest content file we read: real procedures are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Site,
    Levels,
    Fields,
    LifeEvents,
    Agency,
    Group,
    Procedure,
    /// `synonyms.yaml`: the words citizens type for the catalogue's words (search).
    Synonyms,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, `/`-separated.
    pub rel: String,
    pub kind: Kind,
    /// The text, without a byte-order mark, with `\n` line ends.
    pub text: String,
}

#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// The content folder.
    pub root: PathBuf,
    /// Sorted by path, so that everything after is deterministic.
    pub files: Vec<SourceFile>,
    /// Every other regular file under the content folder (forms, images), relative paths.
    pub assets: BTreeSet<String>,
    /// Files that could not be read as content.
    pub problems: Vec<Diagnostic>,
}

/// What a file under the content folder holds, by its path.
pub fn kind_of(rel: &str) -> Option<Kind> {
    let (dir, name) = rel.split_once('/').unwrap_or(("", rel));
    match (dir, name) {
        ("", "site.yaml") => Some(Kind::Site),
        ("", "levels.yaml") => Some(Kind::Levels),
        ("", "fields.yaml") => Some(Kind::Fields),
        ("", "life-events.yaml") => Some(Kind::LifeEvents),
        ("", "synonyms.yaml") => Some(Kind::Synonyms),
        ("agencies", n) if n.ends_with(".yaml") && !n.contains('/') => Some(Kind::Agency),
        ("groups", n) if n.ends_with(".yaml") && !n.contains('/') => Some(Kind::Group),
        ("procedures", n) if n.ends_with(".md") => Some(Kind::Procedure),
        _ => None,
    }
}

/// A file's name without its folder and extension: `agencies/so-tu-phap.yaml` → `so-tu-phap`.
pub fn file_stem(rel: &str) -> Option<&str> {
    let name = rel.rsplit('/').next()?;
    Some(name.rsplit_once('.').map_or(name, |(stem, _)| stem))
}

/// Files nobody means to publish: hidden files and editors' back-ups.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.starts_with("~$")
}

fn problem(rel: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        file: rel.to_string(),
        pos: Pos { line: 1, column: 1 },
        field: String::new(),
        message: message.into(),
    }
}

/// Reads every file under `root`. Only a missing or unreadable folder is an I/O error;
/// a bad file becomes a problem in [`Sources::problems`].
pub fn load(root: &Path) -> io::Result<Sources> {
    load_with(root, &Progress::hidden())
}

/// [`load`], telling `progress` how far it is.
pub fn load_with(root: &Path, progress: &Progress) -> io::Result<Sources> {
    let meta = std::fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} is not a folder", root.display()),
        ));
    }
    let mut sources = Sources {
        root: root.to_path_buf(),
        ..Sources::default()
    };
    progress.step("finding files");
    let mut to_read = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if entry.path_is_symlink() {
            sources.problems.push(problem(
                &rel,
                "is a symbolic link; content must be ordinary files, since a link can lead outside the content folder",
            ));
            continue;
        }
        match kind_of(&rel) {
            Some(kind) if entry.file_type().is_file() => {
                to_read.push((rel, kind, entry.into_path()))
            }
            Some(_) => sources.problems.push(problem(
                &rel,
                "is a link or special file; content files must be ordinary files",
            )),
            None if rel.starts_with("procedures/") => sources.problems.push(problem(
                &rel,
                "is not a procedure file: a procedure is a `.md` file with YAML front matter",
            )),
            None if rel.starts_with("agencies/") || rel.starts_with("groups/") => {
                sources.problems.push(problem(
                    &rel,
                    "is not a `.yaml` file directly in its folder",
                ))
            }
            None if entry.file_type().is_file() => {
                sources.assets.insert(rel);
            }
            None => {}
        }
    }
    progress.counted("reading files", to_read.len());
    let read: Vec<Result<SourceFile, Diagnostic>> = to_read
        .into_par_iter()
        .map(|(rel, kind, path)| {
            let file = read_source(rel, kind, &path);
            progress.tick();
            file
        })
        .collect();
    for result in read {
        match result {
            Ok(file) => sources.files.push(file),
            Err(problem) => sources.problems.push(problem),
        }
    }
    Ok(sources)
}

/// `sources` with the content files in `changed` (paths relative to the content folder)
/// read again. Only for edits of files `sources` already holds: when a file was added or
/// removed, or one that was a problem changed, gives `sources` back to be loaded afresh.
pub fn reload(mut sources: Sources, changed: &HashSet<String>) -> Result<Sources, Sources> {
    let editable = changed
        .iter()
        .all(|rel| sources.root.join(rel).is_file() && sources.files.iter().any(|f| &f.rel == rel));
    if !editable {
        return Err(sources);
    }
    let root = sources.root.clone();
    let mut problems = Vec::new();
    sources.files.retain_mut(|file| {
        if !changed.contains(&file.rel) {
            return true;
        }
        match read_source(file.rel.clone(), file.kind, &root.join(&file.rel)) {
            Ok(again) => {
                *file = again;
                true
            }
            Err(problem) => {
                problems.push(problem);
                false
            }
        }
    });
    sources.problems.extend(problems);
    Ok(sources)
}

fn read_source(rel: String, kind: Kind, path: &Path) -> Result<SourceFile, Diagnostic> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(problem(
            &rel,
            format!(
                "is {} KB; a content file may be at most {} KB",
                size / 1024,
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(&rel, format!("cannot be read: {e}")))?;
    let text = decode_text(bytes).map_err(|pos| Diagnostic {
        pos,
        ..problem(
            &rel,
            "is not UTF-8 text; save it as UTF-8 (in Word or Excel: \"Unicode (UTF-8)\")",
        )
    })?;
    Ok(SourceFile { rel, kind, text })
}

/// UTF-8 with an optional byte-order mark and any line ends, as `\n`-ended text.
/// On invalid UTF-8, the position of the first bad byte.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, Pos> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        Pos {
            line: line as u32,
            column: column as u32,
        }
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert_eq!(kind_of("site.yaml"), Some(Kind::Site));
        assert_eq!(kind_of("agencies/so-tu-phap.yaml"), Some(Kind::Agency));
        assert_eq!(kind_of("agencies/x/y.yaml"), None);
        assert_eq!(
            kind_of("procedures/ho-tich/khai-sinh.md"),
            Some(Kind::Procedure)
        );
        assert_eq!(kind_of("files/mau.docx"), None);
    }

    #[test]
    fn reloads_only_edited_files() {
        let root = std::env::temp_dir().join(format!("thutuc-reload-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("agencies")).unwrap();
        std::fs::write(root.join("site.yaml"), "title: A\n").unwrap();
        std::fs::write(root.join("agencies/a.yaml"), "name: A\n").unwrap();
        let sources = load(&root).unwrap();
        std::fs::write(root.join("agencies/a.yaml"), "name: B\n").unwrap();
        let edited: HashSet<String> = ["agencies/a.yaml".to_string()].into();
        let sources = reload(sources, &edited).unwrap_or_else(|_| panic!("an edit reloads"));
        let text = |s: &Sources, rel: &str| {
            s.files
                .iter()
                .find(|f| f.rel == rel)
                .map(|f| f.text.clone())
        };
        assert_eq!(
            text(&sources, "agencies/a.yaml").as_deref(),
            Some("name: B\n")
        );
        assert_eq!(text(&sources, "site.yaml").as_deref(), Some("title: A\n"));
        // A new file is not an edit: the caller loads everything again.
        std::fs::write(root.join("agencies/b.yaml"), "name: C\n").unwrap();
        let added: HashSet<String> = ["agencies/b.yaml".to_string()].into();
        assert!(reload(sources, &added).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn decodes_bom_crlf_and_reports_bad_bytes() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFa\r\nb\r\n".to_vec()).unwrap(),
            "a\nb\n"
        );
        assert_eq!(
            decode_text(b"ok\nab\xFFc".to_vec()).unwrap_err(),
            Pos { line: 2, column: 3 }
        );
    }
}
