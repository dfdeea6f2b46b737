//! The theme's static files (CSS, JS, images) with content-hashed names, so that a host
//! may cache them for ever and a changed file still reaches every browser.

use super::{minify, theme};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The theme's files, and the map from each name to its hashed output path.
pub type Built = Result<(Vec<Asset>, BTreeMap<String, String>), String>;

/// A static file ready to be written.
#[derive(Clone)]
pub struct Asset {
    /// Output path: `static/site.3f2a9c01b2.css`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every static file of the theme, and the map from its name in `theme/static/`
/// (`site.css`) to its hashed output path, for templates (`assets["site.css"]`).
/// Made once per process: the theme is compiled into the binary, and `serve` renders
/// an edited page with it after every save.
pub fn build() -> Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(minify_and_hash).clone()
}

fn minify_and_hash() -> Built {
    let mut assets = Vec::new();
    let mut names = BTreeMap::new();
    // a module that imports another (search.js loads inflate.js) after it, for its name
    let mut files: Vec<_> = theme::files_under("static").collect();
    files.sort_by_key(|(_, bytes)| imports_a_module(bytes));
    for (name, bytes) in files {
        let bytes = if name.ends_with(".css") {
            let text =
                std::str::from_utf8(bytes).map_err(|e| format!("theme/static/{name}: {e}"))?;
            minify::css(text, name)?.into_bytes()
        } else if name.ends_with(".js") {
            let text =
                std::str::from_utf8(bytes).map_err(|e| format!("theme/static/{name}: {e}"))?;
            minify::js(&with_hashed_imports(text, &names), name)?.into_bytes()
        } else {
            bytes.to_vec()
        };
        let path = format!("{}{}", crate::urls::STATIC, hashed_name(name, &bytes));
        names.insert(name.to_string(), path.clone());
        assets.push(Asset { path, bytes });
    }
    Ok((assets, names))
}

/// Whether a script loads a sibling module (`import('./x.js')`).
fn imports_a_module(bytes: &[u8]) -> bool {
    crate::text::find_bytes(bytes, b"import('./", 0).is_some()
}

/// A script with its `import('./x.js')` of a sibling module (hashed already, in `names`)
/// pointing at the sibling's hashed name.
fn with_hashed_imports(text: &str, names: &BTreeMap<String, String>) -> String {
    let mut text = text.to_string();
    for (name, path) in names {
        let hashed = path.rsplit('/').next().unwrap_or(path);
        text = text.replace(
            &format!("import('./{name}')"),
            &format!("import('./{hashed}')"),
        );
    }
    text
}

/// `dir/site.css` → `dir/site.<10 hex digits>.css`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", fnv1a(bytes));
    let hash = &hash[..10];
    let file_start = name.rfind('/').map_or(0, |i| i + 1);
    match name[file_start..].rfind('.') {
        Some(dot) => {
            let dot = file_start + dot;
            format!("{}.{hash}{}", &name[..dot], &name[dot..])
        }
        None => format!("{name}.{hash}"),
    }
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (std's hasher is not
/// promised to be), and plenty for telling versions of a file apart.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_loads_the_inflater_under_its_hashed_name() {
        let (assets, names) = build().unwrap();
        let inflate = names["inflate.js"].rsplit('/').next().unwrap().to_string();
        let client = assets
            .iter()
            .find(|a| a.path == names["search.js"])
            .unwrap();
        let client = String::from_utf8_lossy(&client.bytes);
        assert!(client.contains(&format!("./{inflate}")), "{inflate}");
        assert!(!client.contains("./inflate.js"));
    }

    #[test]
    fn names_change_with_content() {
        let a = hashed_name("site.css", b"a{}");
        let b = hashed_name("site.css", b"b{}");
        assert_ne!(a, b);
        assert!(a.starts_with("site.") && a.ends_with(".css") && a.len() == "site..css".len() + 10);
        assert!(hashed_name("img/logo.svg", b"x").starts_with("img/logo."));
        assert_eq!(hashed_name("LICENSE", b"").len(), "LICENSE.".len() + 10);
    }

    #[test]
    fn theme_assets_build() {
        let (assets, names) = build().unwrap();
        assert!(names.contains_key("site.css"));
        assert_eq!(assets.len(), names.len());
    }
}
