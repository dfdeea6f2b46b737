//! Which paths of the output folder the build writes itself, so that a form file (copied
//! to the same path as in the content folder) or an old URL can be checked against them
//! before anything is written: on the same path one would overwrite the other, or the
//! build would fail half-way needing a folder where a file is.

use crate::urls;
use std::collections::BTreeMap;

/// Output paths and what writes each: files, and folders (ending with `/`) that the
/// build fills whole.
#[derive(Debug, Default)]
pub struct Owners {
    paths: BTreeMap<String, String>,
}

impl Owners {
    /// The paths every site has, whatever its catalogue.
    pub fn fixed() -> Owners {
        let mut owners = Owners::default();
        for page in [
            urls::HOME,
            urls::A_TO_Z,
            urls::AGENCIES,
            urls::SEARCH,
            urls::STATS,
            urls::CHANGES,
            urls::OPEN_DATA,
        ] {
            owners.insert(urls::file_of(page), format!("the page /{page}"));
        }
        for path in urls::BUILT {
            let kind = if path.ends_with('/') {
                "folder"
            } else {
                "file"
            };
            owners.insert(path.to_string(), format!("the site's own {kind} /{path}"));
        }
        owners
    }

    /// A page at `url` (a page path such as `thu-tuc/x/`, or an old URL's `x.html`).
    pub fn page(&mut self, url: &str, title: &str) {
        self.insert(urls::file_of(url), format!("the page /{url} (\"{title}\")"));
    }

    pub fn insert(&mut self, path: String, what: String) {
        self.paths.entry(path).or_insert(what);
    }

    /// What already owns `path` (a file about to be written), with the path it owns: the
    /// same file; a file or a filled folder where `path` needs one of its folders; or a
    /// file inside `path`, which must then be a folder.
    pub fn owner_of(&self, path: &str) -> Option<(&str, &str)> {
        fn found<'a>((p, what): (&'a String, &'a String)) -> (&'a str, &'a str) {
            (p, what)
        }
        if let Some(hit) = self.paths.get_key_value(path) {
            return Some(found(hit));
        }
        for (i, _) in path.match_indices('/') {
            let (file, folder) = (&path[..i], &path[..=i]);
            if let Some(hit) = self
                .paths
                .get_key_value(file)
                .or_else(|| self.paths.get_key_value(folder))
            {
                return Some(found(hit));
            }
        }
        let inside = format!("{path}/");
        self.paths
            .range(inside.clone()..)
            .next()
            .filter(|(p, _)| p.starts_with(&inside))
            .map(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_file_parent_file_filled_folder_and_child_file_collide() {
        let mut owners = Owners::fixed();
        owners.page("thu-tuc/a/", "A");
        let owner = |p| owners.owner_of(p).map(|(path, _)| path);
        assert_eq!(owner("thu-tuc/a/index.html"), Some("thu-tuc/a/index.html"));
        assert_eq!(owner("thu-tuc/a"), Some("thu-tuc/a/index.html"));
        assert_eq!(owner("thu-tuc"), Some("thu-tuc/a/index.html"));
        assert_eq!(owner("static/site.css"), Some("static/"));
        assert_eq!(owner("static"), Some("static/"));
        assert_eq!(owner("sitemap.xml/x.pdf"), Some("sitemap.xml"));
        assert_eq!(owner("index.html"), Some("index.html"));
        assert_eq!(owner("du-lieu/thu-tuc.csv"), Some("du-lieu/thu-tuc.csv"));
        assert_eq!(owner("files/to-khai.docx"), None);
        assert_eq!(
            owner("thu-tuc/a/mau-don.docx"),
            None,
            "beside a page is free"
        );
        assert_eq!(owner("thu-tuc/ab"), None);
        assert_eq!(owner("a-z.pdf"), None);
    }

    /// Every file that a build of the valid fixture writes, except the forms it copies,
    /// has an owner here: a form can never land on one unnoticed.
    #[test]
    fn every_file_a_build_writes_is_known() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let content = root.join("tests/fixtures/site");
        let sources = crate::content::load(&content).unwrap();
        let results: Vec<_> = sources.files.iter().map(super::super::read_file).collect();
        let linker = super::super::link(&sources, &results);
        assert!(linker.diagnostics.is_empty());
        let forms: Vec<String> = linker
            .procedures
            .iter()
            .flat_map(|(p, _)| p.documents.iter().filter_map(|d| d.form.clone()))
            .collect();
        assert!(!forms.is_empty());

        let dir = std::env::temp_dir().join(format!("thutuc-owners-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let output = dir.join("public");
        crate::build(&crate::BuildOptions {
            content,
            output: output.clone(),
            base_url: None,
        })
        .unwrap();
        let mut files = 0;
        for entry in walkdir::WalkDir::new(&output) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&output).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            files += 1;
            if forms.contains(&rel) {
                assert_eq!(linker.owners.owner_of(&rel), None, "{rel}");
            } else {
                assert!(linker.owners.owner_of(&rel).is_some(), "{rel} has no owner");
            }
        }
        assert!(files > 30, "{files} files");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
