//! What an output stage keeps between the builds of one pipeline (`serve`), so that a build
//! after an edit does again only the work of what changed: the last build's entries, taken
//! at the start of the next, which stores its own at its end.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

pub struct Kept<K, V>(Mutex<HashMap<K, V>>);

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V> Kept<K, V> {
    /// The last build's entries, leaving none: a build that fails keeps nothing.
    pub fn take(&self) -> HashMap<K, V> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// This build's entries, for the next.
    pub fn keep(&self, entries: HashMap<K, V>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = entries;
    }
}
