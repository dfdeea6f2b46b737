//! Incremental rendering: what each unit of output (a page with its parts, its A4 sheet)
//! was made from, so that the next build makes again only the units whose inputs
//! changed and keeps the others' files as they are in the output.
//!
//! A unit's key is a hash of everything its files are made from: the `global` inputs
//! (every content file but the procedures, the base URL, the forms' sizes; the binary,
//! which holds the theme, is checked by the cache that keeps these keys) and the
//! procedures it shows, each by the hash of its file (a procedure's record is made from
//! its own file alone). Same key, same bytes: a build is deterministic. A unit whose key
//! is unknown or different is made again; one whose inputs cannot be listed precisely
//! (the home page, the A–Z list, the statistics: they show every procedure) depends on
//! all of them.

use crate::output::Published;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one unit made, by the key of its inputs.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Unit {
    pub key: u64,
    /// The files it wrote, `/`-separated paths in the output.
    pub files: Vec<String>,
    /// Its pages for the sitemap: path and last change.
    pub published: Vec<(String, Option<String>)>,
}

/// Every unit of a site, by its id (the path of its first page).
pub type Units = HashMap<String, Unit>;

/// The inputs of a build, hashed: what unit keys are made from.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Everything but the procedures.
    pub global: u64,
    /// Each procedure file's hash, by its path in the content folder.
    pub procedures: HashMap<String, u64>,
}

/// What the units of the last build made, and what this build makes and keeps.
pub struct Reuse {
    pub inputs: Inputs,
    /// The units of the site in the output folder, when it is known to be as they say.
    last: Units,
    made: Mutex<Units>,
    /// The files of the units kept: the caller carries them over from the output.
    kept: Mutex<Vec<String>>,
    /// How many units were kept.
    kept_units: AtomicUsize,
}

impl Reuse {
    /// `last`: the units of the output folder as it is now (empty when not known: then
    /// every unit is made).
    pub fn new(inputs: Inputs, last: Units) -> Reuse {
        Reuse {
            inputs,
            last,
            made: Mutex::default(),
            kept: Mutex::default(),
            kept_units: AtomicUsize::new(0),
        }
    }

    /// When unit `id` with inputs `key` is in the output already: what it made, which
    /// stays (its files are then the caller's to carry over).
    pub fn keep(&self, id: &str, key: u64) -> Option<Unit> {
        let unit = self.last.get(id).filter(|u| u.key == key)?.clone();
        lock(&self.kept).extend(unit.files.iter().cloned());
        self.kept_units.fetch_add(1, Ordering::Relaxed);
        lock(&self.made).insert(id.to_string(), unit.clone());
        Some(unit)
    }

    /// Records what unit `id` made from inputs `key`.
    pub fn made(&self, id: &str, key: u64, files: Vec<String>, published: &[Published]) {
        let published = published
            .iter()
            .map(|p| (p.path.clone(), p.lastmod.clone()))
            .collect();
        let unit = Unit {
            key,
            files,
            published,
        };
        lock(&self.made).insert(id.to_string(), unit);
    }

    /// How many units were kept, and how many made.
    pub fn counts(&self) -> (usize, usize) {
        let kept = self.kept_units.load(Ordering::Relaxed);
        (kept, lock(&self.made).len() - kept)
    }

    /// The files of the kept units, and every unit of the new site (those kept and those
    /// made).
    pub fn finish(self) -> (Vec<String>, Units) {
        let kept = self.kept.into_inner().unwrap_or_else(|e| e.into_inner());
        let made = self.made.into_inner().unwrap_or_else(|e| e.into_inner());
        (kept, made)
    }

    /// A key from the global inputs and `parts`.
    pub fn key(&self, parts: impl Hash) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        self.inputs.global.hash(&mut h);
        parts.hash(&mut h);
        h.finish()
    }

    /// The hash of a procedure's file (0 for one not known, which never matches a key
    /// made when it was known).
    pub fn procedure(&self, source: &str) -> u64 {
        self.inputs.procedures.get(source).copied().unwrap_or(0)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
