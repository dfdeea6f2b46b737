//! Which content files changed, from the operating system's file events (inotify,
//! FSEvents, ReadDirectoryChangesW through the `notify` crate). Where a file system has
//! no events (some network drives) or the system refuses more watches, it falls back to
//! looking at every file's modification time every [`POLL`].

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{Event, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How often the fallback looks at the content folder.
pub const POLL: Duration = Duration::from_millis(200);
/// After a change, how long the folder must stay still before the rebuild starts (an
/// editor saving, a `git checkout` writing many files).
const SETTLE: Duration = Duration::from_millis(40);
/// The longest wait for the folder to stay still.
const SETTLE_AT_MOST: Duration = Duration::from_secs(2);

/// The changes under a content folder, as they come.
pub struct Changes {
    events: Receiver<notify::Result<Event>>,
    /// Kept alive: dropping it stops the events.
    _watcher: Box<dyn Watcher + Send>,
    content: PathBuf,
    /// An output folder kept inside the content folder: its changes are the builds' own.
    output: PathBuf,
    /// How the changes are found, for the terminal: "file system events" or "polling".
    pub how: &'static str,
}

/// What changed: the files (relative to the content folder, `/`-separated), or `None`
/// when the watcher lost track and everything must be read again.
pub struct Batch {
    pub files: Option<HashSet<String>>,
    /// When the first change of the batch was seen.
    pub seen: Instant,
}

impl Changes {
    /// Starts watching `content`. Changes made from now on are reported by [`Changes::next`].
    pub fn start(content: &Path, output: &Path) -> std::io::Result<Changes> {
        let content = std::fs::canonicalize(content)?;
        let output = absolute(output);
        let (sender, events) = channel();
        let native = notify::recommended_watcher(sender.clone()).and_then(|mut w| {
            w.watch(&content, RecursiveMode::Recursive)?;
            Ok(w)
        });
        let (watcher, how): (Box<dyn Watcher + Send>, _) = match native {
            Ok(w) => (Box::new(w), "file system events"),
            Err(_) => {
                let config = notify::Config::default().with_poll_interval(POLL);
                let mut w =
                    notify::PollWatcher::new(sender, config).map_err(std::io::Error::other)?;
                w.watch(&content, RecursiveMode::Recursive)
                    .map_err(std::io::Error::other)?;
                (Box::new(w), "polling")
            }
        };
        Ok(Changes {
            events,
            _watcher: watcher,
            content,
            output,
            how,
        })
    }

    /// Waits for a change, then until the folder has been still for [`SETTLE`].
    pub fn next(&self) -> Batch {
        let mut files = Some(HashSet::new());
        let mut seen: Option<Instant> = None;
        // When the folder will have been still long enough, after the last change.
        let mut still_at = Instant::now();
        loop {
            let event = match seen {
                None => match self.events.recv() {
                    Ok(event) => event,
                    // The watcher is gone: nothing will ever change again.
                    Err(_) => loop {
                        std::thread::park();
                    },
                },
                Some(first) => {
                    let until = still_at.min(first + SETTLE_AT_MOST);
                    let left = until.saturating_duration_since(Instant::now());
                    match self.events.recv_timeout(left) {
                        Ok(event) => event,
                        Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                            return Batch { files, seen: first };
                        }
                    }
                }
            };
            // Only a change of the content restarts the wait: reading it does not.
            if self.add(event, &mut files) {
                let now = Instant::now();
                seen.get_or_insert(now);
                still_at = now + SETTLE;
            }
        }
    }

    /// Adds what `event` says changed; false when it says nothing about the content.
    fn add(&self, event: notify::Result<Event>, files: &mut Option<HashSet<String>>) -> bool {
        let Ok(event) = event else {
            // An error of the watcher (events lost): read everything.
            *files = None;
            return true;
        };
        if event.need_rescan() {
            *files = None;
            return true;
        }
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            // Reading a file (the build does) changes nothing.
            return false;
        }
        let mut any = false;
        for path in &event.paths {
            if let Some(rel) = self.relative(path) {
                any = true;
                if let Some(files) = files {
                    files.insert(rel);
                }
            }
        }
        any
    }

    /// A content file's path relative to the content folder; `None` for what is not
    /// content: hidden files and editors' back-ups, the output folder.
    fn relative(&self, path: &Path) -> Option<String> {
        if path.starts_with(&self.output) {
            return None;
        }
        let rel = path.strip_prefix(&self.content).ok()?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let ignored = parts
            .iter()
            .any(|p| p.starts_with('.') || p.ends_with('~') || p.ends_with(".swp"));
        (!parts.is_empty() && !ignored).then(|| parts.join("/"))
    }
}

/// `path` made absolute and without links where it exists, so that it compares with
/// the paths of the events.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    match (parent.map(std::fs::canonicalize), path.file_name()) {
        (Some(Ok(dir)), Some(name)) => dir.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_edits_and_ignores_reads_and_hidden_files() {
        let dir = std::env::temp_dir().join(format!("thutuc-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("content/procedures")).unwrap();
        let content = dir.join("content");
        std::fs::write(content.join("site.yaml"), "a").unwrap();
        let changes = Changes::start(&content, &content.join("public")).unwrap();
        // Reading, a hidden swap file and the output folder are no change of the content.
        let _ = std::fs::read(content.join("site.yaml")).unwrap();
        std::fs::write(content.join(".site.yaml.swp"), "x").unwrap();
        std::fs::create_dir_all(content.join("public")).unwrap();
        std::fs::write(content.join("public/index.html"), "x").unwrap();
        std::fs::write(content.join("procedures/a.md"), "b").unwrap();
        let batch = changes.next();
        let files = batch.files.expect("the events say which files");
        assert!(files.contains("procedures/a.md"), "{files:?}");
        assert!(
            files
                .iter()
                .all(|f| f == "procedures/a.md" || f == "procedures"),
            "{files:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
