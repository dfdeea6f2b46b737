//! What the last build made, kept beside the output (`.NAME.thutuc-cache`): the hash of
//! everything the output depends on, and what the output and staging folders hold.
//!
//! A build whose inputs hash the same as those of the output (the same catalogue, base
//! URL, forms, and the same `thutuc` binary, which holds the theme) has nothing to do:
//! the output is already what a clean build would make, byte for byte, since a build is
//! deterministic. Otherwise the manifests let the staging folder skip reading the files
//! it is known to hold already, and the units ([`crate::render::reuse`]) let the build
//! keep every page whose inputs did not change.
//!
//! The file is only a shortcut: when it is missing, unreadable or from another binary,
//! the build runs in full. It is removed before a build writes anything and written
//! again after the swap, so that a failed or killed build never leaves it wrong.

use crate::output::Manifest;
use crate::render::reuse::Units;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Serialize, Deserialize, Default)]
pub struct Cache {
    /// The hash of the `thutuc` binary that wrote the output.
    binary: u64,
    /// The hash of the inputs the output was made from; `None` after `serve` swapped in
    /// a few pages over the last site.
    pub inputs: Option<u64>,
    /// The base URL the output was made for.
    pub base_url: String,
    /// What the output folder holds.
    pub output: Manifest,
    /// What the staging folder beside it holds (the output before).
    pub staged: Option<Manifest>,
    /// What each unit of the output (a page and its parts) was made from.
    #[serde(default)]
    pub units: Units,
}

/// Where the cache of `output` is kept.
pub fn path(output: &Path) -> Option<PathBuf> {
    let name = output.file_name()?.to_string_lossy();
    let parent = output.parent().filter(|p| !p.as_os_str().is_empty());
    Some(
        parent
            .unwrap_or(Path::new("."))
            .join(format!(".{name}.thutuc-cache")),
    )
}

/// The cache of `output`, when there is one that this binary wrote.
pub fn load(output: &Path) -> Option<Cache> {
    let bytes = std::fs::read(path(output)?).ok()?;
    let cache: Cache = serde_json::from_slice(&bytes).ok()?;
    (cache.binary == binary() && cache.binary != 0).then_some(cache)
}

/// Forgets the cache of `output`: done before a build changes the folders.
pub fn forget(output: &Path) {
    if let Some(path) = path(output) {
        let _ = std::fs::remove_file(path);
    }
}

/// Keeps what a build made. A cache that cannot be written only costs the next build time.
pub fn save(
    output: &Path,
    inputs: Option<u64>,
    base_url: &str,
    written: &Manifest,
    staged: Option<&Manifest>,
    units: &Units,
) {
    if binary() == 0 {
        return;
    }
    let cache = Cache {
        binary: binary(),
        inputs,
        base_url: base_url.to_string(),
        output: written.clone(),
        staged: staged.cloned(),
        units: units.clone(),
    };
    if let (Some(path), Ok(json)) = (path(output), serde_json::to_vec(&cache)) {
        // Whole or not at all, even when the build is killed while it writes.
        let part = path.with_extension("part");
        if std::fs::write(&part, json).is_ok() {
            let _ = std::fs::rename(&part, &path);
        }
    }
}

/// Whether the output folder still holds exactly the files `manifest` lists, none of
/// them changed since the cache was written (someone may have edited or removed some by
/// hand): by their names and modification times, without reading them.
pub fn output_intact(output: &Path, manifest: &Manifest) -> bool {
    let saved = path(output).and_then(|p| std::fs::metadata(p).ok()?.modified().ok());
    let Some(saved) = saved else { return false };
    let mut count = 0;
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_dir() {
            continue;
        }
        count += 1;
        let rel = entry.path().strip_prefix(output).map(|r| {
            r.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        });
        let listed = rel.is_ok_and(|rel| manifest.contains_key(&rel));
        let untouched = entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .is_some_and(|t| t <= saved);
        if !listed || !untouched {
            return false;
        }
    }
    count == manifest.len()
}

/// A hash fed by `serde_json`, so that any serialisable input can be hashed as written.
pub struct Digest(std::hash::DefaultHasher);

impl Digest {
    pub fn new() -> Digest {
        Digest(std::hash::DefaultHasher::new())
    }

    pub fn add(&mut self, value: &impl Serialize) {
        // Writing into a hasher cannot fail; a value that cannot be serialised is a bug
        // that makes the hash differ from every other, which only costs a full build.
        if serde_json::to_writer(&mut *self, value).is_err() {
            u64::MAX.hash(&mut self.0);
        }
    }

    pub fn add_bytes(&mut self, bytes: &[u8]) {
        bytes.hash(&mut self.0);
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl std::io::Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The identity of the running binary: the theme and every template are compiled into
/// it, so another binary may make other bytes from the same content. Its size and
/// modification time (a new build of thutuc is a new file), not its bytes: reading
/// 100 MB on every build would cost more than a no-change build. 0 when it cannot be
/// known: then no cache is written or used.
fn binary() -> u64 {
    static BINARY: OnceLock<u64> = OnceLock::new();
    *BINARY.get_or_init(|| {
        let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) else {
            return 0;
        };
        let mut digest = Digest::new();
        digest.add(&env!("CARGO_PKG_VERSION"));
        digest.add(&meta.len());
        digest.add(&meta.modified().ok());
        #[cfg(unix)]
        digest.add(&std::os::unix::fs::MetadataExt::ino(&meta));
        digest.finish().max(1)
    })
}
