//! Writing the site so that a failed build never half-publishes.
//!
//! Everything is written into a temporary folder beside the output folder; only when the
//! whole build has succeeded is the old output moved aside and the new one moved into
//! its place (two renames on the same file system). A build that fails, or panics, drops
//! its [`Staging`] and leaves the previous output exactly as it was.

use std::io;
use std::path::{Component, Path, PathBuf};

/// A file in every output folder, so that thutuc only ever replaces a folder it wrote.
pub const MARKER: &str = ".thutuc";
const MARKER_TEXT: &str =
    "This folder is written by `thutuc build` and replaced whole on every build.\n";

/// A build in progress.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares a fresh temporary folder beside `output`. Refuses an output folder that
    /// holds files thutuc did not write, or that contains one of `protect` (the content).
    pub fn new(output: &Path, protect: &[&Path]) -> io::Result<Staging> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n != "..")
            .ok_or_else(|| refuse(output, "is not a folder name thutuc can write to"))?;
        check_replaceable(output, protect)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let temp = parent.join(format!(".{name}.thutuc-tmp"));
        if temp.exists() {
            // Left by a build that was killed; the name says it is ours.
            std::fs::remove_dir_all(&temp)?;
        }
        std::fs::create_dir(&temp)?;
        let staging = Staging {
            output: output.to_path_buf(),
            temp,
            committed: false,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The temporary folder being written.
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Writes one file; `rel` is a `/`-separated path inside the output. Safe to call
    /// from many threads.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.inside(rel)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, bytes)
    }

    /// Copies a file into the output; returns its size.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<u64> {
        let path = self.inside(rel)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(from, path)
    }

    fn inside(&self, rel: &str) -> io::Result<PathBuf> {
        let rel_path = Path::new(rel);
        let plain = !rel.is_empty()
            && rel_path
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("\"{rel}\" is not a path inside the output folder"),
            ));
        }
        Ok(self.temp.join(rel_path))
    }

    /// Puts the new output in place of the old one. Returns the previous output, moved
    /// aside, for the caller to remove with [`remove_previous`]: on a slow disk that
    /// takes longer than the build, and the new site is already in place.
    pub fn commit(mut self) -> io::Result<Option<PathBuf>> {
        let old = self.temp.with_file_name(format!(
            ".{}.thutuc-old",
            self.output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        if old.exists() {
            std::fs::remove_dir_all(&old)?;
        }
        let had_output = self.output.exists();
        if had_output {
            std::fs::rename(&self.output, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.temp, &self.output) {
            if had_output {
                // Put the previous site back rather than leave none.
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(e);
        }
        self.committed = true;
        Ok(had_output.then_some(old))
    }
}

/// Removes a previous output that [`Staging::commit`] moved aside. A failure only costs
/// disk space, and the next build tries again, so it is not an error.
pub fn remove_previous(old: Option<PathBuf>) {
    if let Some(old) = old {
        let _ = std::fs::remove_dir_all(old);
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.temp);
        }
    }
}

fn refuse(output: &Path, why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("the output folder {} {why}", output.display()),
    )
}

/// An output folder may be replaced when it does not exist, is empty, or was written
/// by thutuc, and when it does not hold the content.
fn check_replaceable(output: &Path, protect: &[&Path]) -> io::Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(output) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(refuse(
            output,
            "exists and is not a folder; choose another --output",
        ));
    }
    let output_abs = output.canonicalize()?;
    for p in protect {
        if let Ok(p) = p.canonicalize()
            && p.starts_with(&output_abs)
        {
            return Err(refuse(
                output,
                &format!(
                    "contains {}; the output is replaced on every build, so choose another --output",
                    p.display()
                ),
            ));
        }
    }
    let empty = std::fs::read_dir(output)?.next().is_none();
    if !empty && !output.join(MARKER).is_file() {
        return Err(refuse(
            output,
            &format!(
                "holds files that thutuc did not write (it has no {MARKER} file); \
                 thutuc replaces its output folder on every build, so move those files or choose another --output"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("thutuc-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn commit_replaces_and_drop_keeps_the_old_output() {
        let dir = temp_dir("swap");
        let out = dir.join("public");
        let s = Staging::new(&out, &[]).unwrap();
        s.write("a/index.html", b"one").unwrap();
        assert_eq!(s.commit().unwrap(), None, "there was no previous output");
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");

        // A build that fails half-way: the staging is dropped without commit.
        let s = Staging::new(&out, &[]).unwrap();
        s.write("a/index.html", b"two").unwrap();
        s.write("b.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(!out.join("b.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only public/ remains");

        let s = Staging::new(&out, &[]).unwrap();
        s.write("b.html", b"three").unwrap();
        let old = s.commit().unwrap();
        assert!(
            old.as_ref()
                .is_some_and(|o| o.join("a/index.html").is_file())
        );
        remove_previous(old);
        assert!(!out.join("a/index.html").exists());
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"three");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn refuses_foreign_folders_and_bad_paths() {
        let dir = temp_dir("refuse");
        let out = dir.join("docs");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let e = Staging::new(&out, &[]).unwrap_err();
        assert!(e.to_string().contains("did not write"), "{e}");

        let content = dir.join("site/content");
        std::fs::create_dir_all(&content).unwrap();
        let e = Staging::new(&dir.join("site"), &[&content]).unwrap_err();
        assert!(e.to_string().contains("contains"), "{e}");

        let s = Staging::new(&dir.join("public"), &[]).unwrap();
        for bad in ["../x", "/etc/x", "", "a/../../x"] {
            assert!(s.write(bad, b"x").is_err(), "{bad}");
        }
        drop(s);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
