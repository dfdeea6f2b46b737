//! Writing the site so that a failed or killed build never half-publishes.
//!
//! Everything is written into a staging folder beside the output folder; only when the
//! whole build has succeeded does the new site take the old one's place. On Linux that is
//! one system call, `renameat2(RENAME_EXCHANGE)`, which swaps the two folders atomically:
//! whenever the process is killed, the output folder is the whole old site or the whole
//! new one. Elsewhere (or on a file system without the exchange) it is two renames, old
//! output aside then staging into place; a kill between them leaves no output, and the
//! next build puts the old one back ([`recover`]). A build that fails, or panics, drops its
//! [`Staging`] and leaves the previous output exactly as it was.

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
    /// `.NAME.thutuc-tmp` beside the output: the site being written.
    temp: PathBuf,
    /// `.NAME.thutuc-old`: where the two-rename swap moves the previous output.
    old: PathBuf,
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
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let temp = parent.join(format!(".{name}.thutuc-tmp"));
        let old = parent.join(format!(".{name}.thutuc-old"));
        recover(output, &temp, &old)?;
        check_replaceable(output, protect)?;
        std::fs::create_dir(&temp)?;
        let staging = Staging {
            output: output.to_path_buf(),
            temp,
            old,
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
        let had_output = std::fs::symlink_metadata(&self.output).is_ok();
        if !had_output {
            std::fs::rename(&self.temp, &self.output)?;
            self.committed = true;
            return Ok(None);
        }
        if exchange(&self.temp, &self.output)? {
            // The staging folder's name now holds the previous site.
            self.committed = true;
            return Ok(Some(self.temp.clone()));
        }
        if std::fs::symlink_metadata(&self.old).is_ok() {
            std::fs::remove_dir_all(&self.old)?;
        }
        std::fs::rename(&self.output, &self.old)?;
        // A kill here leaves no output; the next build's `recover` puts `old` back.
        if let Err(e) = std::fs::rename(&self.temp, &self.output) {
            // Put the previous site back rather than leave none.
            let _ = std::fs::rename(&self.old, &self.output);
            return Err(e);
        }
        self.committed = true;
        Ok(Some(self.old.clone()))
    }
}

/// Brings back what a killed build left beside `output`: a previous output moved aside
/// with no output in its place (a kill between the two renames) goes back; the staging
/// folder, and a previous output that is no longer needed, are removed. Their names say
/// that thutuc made them.
fn recover(output: &Path, temp: &Path, old: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(old).is_ok() {
        if std::fs::symlink_metadata(output).is_err() {
            std::fs::rename(old, output)?;
        } else {
            std::fs::remove_dir_all(old)?;
        }
    }
    if std::fs::symlink_metadata(temp).is_ok() {
        std::fs::remove_dir_all(temp)?;
    }
    Ok(())
}

/// Swaps the folders `a` and `b` in one atomic step. `Ok(false)` when this system or
/// file system cannot, and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        // an old kernel, or a file system without the exchange
        Some(libc::ENOSYS | libc::EINVAL | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
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
    fn the_next_build_recovers_what_a_killed_build_left() {
        let dir = temp_dir("recover");
        let out = dir.join("public");
        let (temp, old) = (
            dir.join(".public.thutuc-tmp"),
            dir.join(".public.thutuc-old"),
        );
        let s = Staging::new(&out, &[]).unwrap();
        s.write("a.html", b"old site").unwrap();
        s.commit().unwrap();

        // Killed between the two renames of the fallback swap: no output, the previous
        // one aside, the new one (complete or not) in the staging folder.
        std::fs::rename(&out, &old).unwrap();
        std::fs::create_dir(&temp).unwrap();
        std::fs::write(temp.join("a.html"), b"half").unwrap();
        let s = Staging::new(&out, &[]).unwrap();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"old site");
        assert!(!old.exists());
        assert!(!temp.join("a.html").exists(), "a fresh staging folder");
        drop(s);
        assert!(!temp.exists());

        // Killed after the swap, while removing the previous output: it goes.
        std::fs::create_dir_all(old.join("x")).unwrap();
        let s = Staging::new(&out, &[]).unwrap();
        assert!(!old.exists());
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"old site");
        s.write("a.html", b"new site").unwrap();
        let previous = s.commit().unwrap().expect("there was an output");
        assert_eq!(std::fs::read(previous.join("a.html")).unwrap(), b"old site");
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"new site");
        remove_previous(Some(previous));
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["public"], "nothing else is left");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders() {
        let dir = temp_dir("exchange");
        let (a, b) = (dir.join("a"), dir.join("b"));
        std::fs::create_dir_all(a.join("one")).unwrap();
        std::fs::create_dir_all(b.join("two")).unwrap();
        assert!(exchange(&a, &b).unwrap(), "ext4 and tmpfs can exchange");
        assert!(a.join("two").is_dir() && b.join("one").is_dir());
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
