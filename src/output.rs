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
//!
//! The previous site is not deleted after the swap: it stays beside the output as the
//! staging folder of the next build, which rewrites only the files whose bytes change and
//! removes those it no longer makes. Creating and deleting tens of thousands of files is
//! most of a large build's time on some file systems; a rebuild after a small edit then
//! touches a few files. The cost is a second copy of the site on disk.
//!
//! A build also returns a [`Manifest`] of what it wrote. A process that builds again
//! (`serve`) hands the manifests back: files whose bytes the staging folder is known to
//! hold are then not even read, and an update of a few pages can [`Staging::carry`] the
//! rest of the last site over instead of making it again.

/// Paths are many and short: hashed fast (they are no attacker's choice).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Where each file of the site goes, from any stage: its path in the output, and its
/// bytes. Safe to call from many threads.
pub type Write<'w> = &'w (dyn Fn(&str, &[u8]) -> io::Result<()> + Sync);

/// A page for the sitemap: rendering makes them, publishing lists them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Published {
    /// Relative to `base_url`: `thu-tuc/x/`, or empty for the home page.
    pub path: String,
    /// ISO date of the last change, when the content says it.
    pub lastmod: Option<String>,
}

/// Text made safe inside XML or HTML text and attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

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
    /// The files of an earlier site the staging folder started from and this build has
    /// not written yet: what is left at the end is removed.
    leftover: Mutex<HashSet<String>>,
    /// What the staging folder held when this build started, when the caller knows it.
    known: Option<Manifest>,
    /// What this build has written so far.
    written: Mutex<Manifest>,
}

/// The files of a site: `/`-separated path → a hash of the bytes.
pub type Manifest = HashMap<String, u64>;

fn digest(bytes: &[u8]) -> u64 {
    // A fixed seed: the same bytes give the same hash in every process (the cache beside
    // the output keeps them). foldhash, not SipHash: every byte of the site passes here.
    std::hash::BuildHasher::hash_one(&foldhash::quality::FixedState::default(), bytes)
}

impl Staging {
    /// Prepares a fresh temporary folder beside `output`. Refuses an output folder that
    /// holds files thutuc did not write, or that contains one of `protect` (the content).
    pub fn new(output: &Path, protect: &[&Path]) -> io::Result<Staging> {
        Staging::resume(output, protect, None)
    }

    /// [`Staging::new`], told what the staging folder holds: the output before the last
    /// commit (the manifest that commit replaced). Wrong knowledge gives a wrong site, so
    /// pass `None` when unsure (after a failed build).
    pub fn resume(
        output: &Path,
        protect: &[&Path],
        known: Option<Manifest>,
    ) -> io::Result<Staging> {
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
        let leftover = recycle(&temp, known.as_ref())?;
        let staging = Staging {
            output: output.to_path_buf(),
            temp,
            old,
            // What it was told only holds for a folder that is still there.
            known: known.filter(|_| !leftover.is_empty()),
            leftover: Mutex::new(leftover),
            written: Mutex::default(),
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
        let hash = digest(bytes);
        let was_there = self.lock_leftover().remove(rel);
        self.lock_written().insert(rel.to_string(), hash);
        let same = match &self.known {
            Some(known) => was_there && known.get(rel) == Some(&hash),
            None => was_there && std::fs::read(&path).is_ok_and(|old| old == bytes),
        };
        if same {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            make_dirs(&self.temp, dir)?;
        }
        match std::fs::symlink_metadata(&path) {
            // An earlier site had a folder where this one has a file.
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(&path)?,
            // A new file, never the old one rewritten in place: it may be a hard link
            // to the same file in the output folder ([`Staging::carry`]).
            Ok(_) => std::fs::remove_file(&path)?,
            Err(_) => {}
        }
        std::fs::write(path, bytes)
    }

    /// Copies a file into the output; returns its size.
    pub fn copy(&self, from: &Path, rel: &str) -> io::Result<u64> {
        let bytes = std::fs::read(from)?;
        self.write(rel, &bytes)?;
        Ok(bytes.len() as u64)
    }

    /// Keeps every file of `last` (the output's manifest) that this build has not
    /// written: linked to the output folder's file unless the staging folder holds it
    /// already. Files are never rewritten in place ([`Staging::write`]), so the link
    /// cannot change the served site.
    /// For an update of a few files, with the rest of the site as it was.
    pub fn carry(&self, last: &Manifest) -> io::Result<()> {
        for (rel, hash) in last {
            if self.lock_written().contains_key(rel) {
                continue;
            }
            let here = self.known.as_ref().and_then(|k| k.get(rel));
            let was_there = self.lock_leftover().remove(rel);
            self.lock_written().insert(rel.clone(), *hash);
            if was_there && here == Some(hash) {
                continue;
            }
            // A hard link: the output's file as it is, without copying its bytes.
            let (from, to) = (self.output.join(rel), self.inside(rel)?);
            match std::fs::symlink_metadata(&to) {
                Ok(m) if m.is_dir() => std::fs::remove_dir_all(&to)?,
                Ok(_) => std::fs::remove_file(&to)?,
                Err(_) => {}
            }
            if let Some(dir) = to.parent() {
                make_dirs(&self.temp, dir)?;
            }
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to)?;
            }
        }
        Ok(())
    }

    fn lock_written(&self) -> std::sync::MutexGuard<'_, Manifest> {
        self.written.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn lock_leftover(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.leftover.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Removes the files of the earlier site that this build did not write, then the
    /// folders left empty.
    fn sweep(&self) -> io::Result<()> {
        let leftover = std::mem::take(&mut *self.lock_leftover());
        if leftover.is_empty() {
            return Ok(());
        }
        for rel in &leftover {
            let path = self.temp.join(rel);
            // A file this build replaced by a folder is gone already.
            if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                std::fs::remove_file(&path)?;
            }
            // Then the folders it leaves empty. `remove_dir` fails, as it should, on
            // a folder that still holds something, and so do all above it.
            for dir in path.ancestors().skip(1) {
                if dir == self.temp || std::fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
        Ok(())
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

    /// Puts the new output in place of the old one. The previous output stays beside it,
    /// for the next build to start from. Returns what the new output holds.
    pub fn commit(self) -> io::Result<Manifest> {
        self.sweep()?;
        let manifest = std::mem::take(&mut *self.lock_written());
        self.swap()?;
        Ok(manifest)
    }

    fn swap(&self) -> io::Result<()> {
        let had_output = std::fs::symlink_metadata(&self.output).is_ok();
        if !had_output {
            return std::fs::rename(&self.temp, &self.output);
        }
        if exchange(&self.temp, &self.output)? {
            // The staging folder's name now holds the previous site.
            return Ok(());
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
        Ok(())
    }
}

/// Brings back what a killed build left beside `output`: a previous output moved aside
/// with no output in its place (a kill between the two renames) goes back; otherwise it
/// becomes the next staging folder (see [`recycle`]). Their names say that thutuc made
/// them.
fn recover(output: &Path, temp: &Path, old: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(old).is_ok() {
        if std::fs::symlink_metadata(output).is_err() {
            std::fs::rename(old, output)?;
        } else if std::fs::symlink_metadata(temp).is_err() {
            // The site before the last one: the next staging folder starts from it.
            std::fs::rename(old, temp)?;
        } else {
            std::fs::remove_dir_all(old)?;
        }
    }
    Ok(())
}

/// Makes `temp` the staging folder, starting from what is there: the previous site, or
/// what a failed or killed build left, when it carries thutuc's marker; anything else
/// is removed. Returns the files found, relative and `/`-separated: those of `known`,
/// what the caller knows the folder to hold, without walking it.
fn recycle(temp: &Path, known: Option<&Manifest>) -> io::Result<HashSet<String>> {
    let ours =
        std::fs::symlink_metadata(temp).is_ok_and(|m| m.is_dir()) && temp.join(MARKER).is_file();
    if !ours {
        if std::fs::symlink_metadata(temp).is_ok() {
            std::fs::remove_dir_all(temp)?;
        }
        std::fs::create_dir(temp)?;
        return Ok(HashSet::default());
    }
    if let Some(known) = known {
        return Ok(known.keys().cloned().collect());
    }
    let mut files = HashSet::default();
    for entry in walkdir::WalkDir::new(temp).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(temp)
            .map_err(io::Error::other)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.insert(rel);
    }
    Ok(files)
}

/// `create_dir_all(dir)` inside `root`, first removing any file of an earlier site that
/// stands where a folder must now be.
fn make_dirs(root: &Path, dir: &Path) -> io::Result<()> {
    if std::fs::create_dir_all(dir).is_ok() {
        return Ok(());
    }
    let rel = dir.strip_prefix(root).map_err(io::Error::other)?;
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&at)?;
        }
    }
    std::fs::create_dir_all(dir)
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

    /// Every file under `dir`, relative, with its bytes.
    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn commit_replaces_and_a_failed_build_keeps_the_old_output() {
        let dir = temp_dir("swap");
        let out = dir.join("public");
        let s = Staging::new(&out, &[]).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");

        // A build that fails half-way: the staging is dropped without commit.
        let s = Staging::new(&out, &[]).unwrap();
        s.write("a/index.html", b"two").unwrap();
        s.write("b.html", b"two").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        assert!(!out.join("b.html").exists());

        // The next build starts from what the failed one left, and makes exactly its site.
        let s = Staging::new(&out, &[]).unwrap();
        s.write("b.html", b"three").unwrap();
        s.commit().unwrap();
        assert_eq!(
            tree(&out),
            [
                (MARKER.to_string(), MARKER_TEXT.as_bytes().to_vec()),
                ("b.html".to_string(), b"three".to_vec())
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_rebuild_rewrites_only_what_changed_and_removes_what_is_gone() {
        let dir = temp_dir("reuse");
        let out = dir.join("public");
        let site = |files: &[(&str, &str)]| {
            let s = Staging::new(&out, &[]).unwrap();
            for (rel, text) in files {
                s.write(rel, text.as_bytes()).unwrap();
            }
            s.commit().unwrap();
        };
        site(&[
            ("same/index.html", "same"),
            ("gone/x/index.html", "gone"),
            ("f", "file"),
        ]);
        site(&[
            ("same/index.html", "same"),
            ("changed.html", "v1"),
            ("f", "file"),
        ]);
        let written = |rel: &str| {
            std::fs::metadata(out.join(rel))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = written("same/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));
        // Three sites: the staging folder now starts from the first one.
        site(&[
            ("same/index.html", "same"),
            ("changed.html", "v2"),
            ("f/index.html", "a folder where a file was"),
        ]);
        let expected: Vec<(String, Vec<u8>)> = [
            (MARKER, MARKER_TEXT),
            ("changed.html", "v2"),
            ("f/index.html", "a folder where a file was"),
            ("same/index.html", "same"),
        ]
        .iter()
        .map(|(r, t)| (r.to_string(), t.as_bytes().to_vec()))
        .collect();
        assert_eq!(tree(&out), expected);
        assert!(!out.join("gone").exists(), "emptied folders are removed");
        // Unchanged bytes are not written again: the output is the second build's folder,
        // with the very file that build wrote.
        let s = Staging::new(&out, &[]).unwrap();
        s.write("same/index.html", b"same").unwrap();
        s.write("changed.html", b"v2").unwrap();
        s.write("f/index.html", b"a folder where a file was")
            .unwrap();
        s.commit().unwrap();
        assert_eq!(tree(&out), expected);
        assert_eq!(written("same/index.html"), before, "not written again");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_update_carries_the_last_site_over_without_touching_it() {
        let dir = temp_dir("carry");
        let out = dir.join("public");
        let site = |known: Option<Manifest>, files: &[(&str, &str)], carry: Option<&Manifest>| {
            let s = Staging::resume(&out, &[], known).unwrap();
            for (rel, text) in files {
                s.write(rel, text.as_bytes()).unwrap();
            }
            if let Some(last) = carry {
                s.carry(last).unwrap();
            }
            s.commit().unwrap()
        };
        let one = site(None, &[("a.html", "1"), ("x/b.html", "1")], None);
        let two = site(
            None,
            &[("a.html", "1"), ("x/b.html", "1"), ("c", "1")],
            None,
        );
        // An update of one page over the second site: the rest carried over.
        let three = site(Some(one), &[("a.html", "2")], Some(&two));
        let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
        assert_eq!(
            (read("a.html"), read("x/b.html"), read("c")),
            ("2".into(), "1".into(), "1".into())
        );
        assert_eq!(three.len(), two.len());
        // The next build writes into the folder whose files may be links to the
        // output's: the output keeps its bytes until the swap, and after a failure.
        let s = Staging::resume(&out, &[], Some(two)).unwrap();
        s.write("x/b.html", b"3").unwrap();
        s.write("c", b"3").unwrap();
        assert_eq!((read("x/b.html"), read("c")), ("1".into(), "1".into()));
        drop(s);
        assert_eq!(
            (read("a.html"), read("x/b.html"), read("c")),
            ("2".into(), "1".into(), "1".into())
        );
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
        assert!(
            !temp.join("a.html").exists(),
            "unmarked: a fresh staging folder"
        );
        s.write("a.html", b"new site").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"new site");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            names,
            [".public.thutuc-tmp", "public"],
            "the previous site is kept for the next build, nothing else"
        );
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
