//! The theme (templates, static files, interface strings), compiled into the binary by
//! `build.rs` from the `theme/` folder, so that `thutuc` is one file to deploy.

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// The files under `theme/<dir>/`, as (path inside that folder, bytes), sorted by path.
pub fn files_under(dir: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> {
    let prefix = format!("{dir}/");
    FILES
        .iter()
        .filter_map(move |(path, bytes)| path.strip_prefix(prefix.as_str()).map(|p| (p, *bytes)))
}

/// One theme file, by its path under `theme/`.
pub fn file(path: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
}
