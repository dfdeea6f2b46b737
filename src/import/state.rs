//! What the content folder already holds, and the ids the import gives to new names.
//!
//! Ids are stable: a name already in the folder keeps the id it has there (matched
//! without regard to case, diacritics or spacing), and a new name gets its slug, so the
//! same name always gives the same id. New entries are only added, never changed.

use crate::content::{self, Kind, front_matter, yaml};
use crate::progress::Progress;
use crate::text::{clean_line, fold, slugify};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Ids longer than this are cut and given a short hash, to keep file names and URLs sane.
const MAX_ID: usize = 60;
/// Procedure URL names longer than this are cut and given the procedure code.
const MAX_SLUG: usize = 80;

/// The levels the national database names, with the ids the content format uses.
const KNOWN_LEVELS: [(&str, &str, &str); 6] = [
    ("cap bo", "bo", "Cấp bộ"),
    ("cap tinh", "tinh", "Cấp tỉnh"),
    ("cap huyen", "huyen", "Cấp huyện"),
    ("cap xa", "xa", "Cấp xã"),
    ("co quan khac", "khac", "Cơ quan khác"),
    ("chua xac dinh", "chua-xac-dinh", "Chưa xác định"),
];

/// Where a level stands from the top down, for ordering a procedure's levels.
pub fn level_rank(id: &str) -> usize {
    KNOWN_LEVELS
        .iter()
        .position(|(_, known, _)| *known == id)
        .unwrap_or(KNOWN_LEVELS.len())
}

/// A stable id for a name: its slug, cut with a hash suffix when very long.
pub fn id_for(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        return format!("muc-{}", &hex_digest(name)[..8]);
    }
    if slug.len() <= MAX_ID {
        return slug;
    }
    // Slugs are ASCII, so byte positions are char positions.
    let cut = slug[..MAX_ID - 9].rfind('-').unwrap_or(MAX_ID - 9);
    format!("{}-{}", &slug[..cut], &hex_digest(&slug)[..8])
}

pub fn hex_digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The canonical level for a name such as "Cấp Tỉnh": (id, name).
pub fn known_level(name: &str) -> Option<(&'static str, &'static str)> {
    let folded = fold(&clean_line(name));
    KNOWN_LEVELS
        .iter()
        .find(|(key, id, _)| folded == *key || folded == *id)
        .map(|(_, id, name)| (*id, *name))
}

/// The level an agency works at, guessed from its name; `None` when the name does not say.
pub fn level_of_agency(name: &str) -> Option<&'static str> {
    let f = format!(
        " {} ",
        fold(&clean_line(name)).replace([',', '.', '-', '/'], " ")
    );
    let has = |w: &str| f.contains(&format!(" {w} "));
    let starts = |w: &str| f.starts_with(&format!(" {w} "));
    if has("cap xa") || has("ubnd xa") || has("uy ban nhan dan xa") || has("xa phuong") {
        Some("xa")
    } else if has("cap tinh")
        || has("ubnd tinh")
        || has("uy ban nhan dan tinh")
        || starts("so")
        || has("tinh thanh pho")
        || has("tinh")
        || has("thanh pho")
    {
        Some("tinh")
    } else if starts("bo")
        || starts("cuc")
        || starts("vu")
        || starts("tong cuc")
        || has("cap bo")
        || f.contains(" bo ")
        || has("thu tuong chinh phu")
        || has("ngan hang nha nuoc viet nam")
    {
        Some("bo")
    } else {
        None
    }
}

/// A list of levels, fields or life events.
pub struct Taxonomy {
    pub file: &'static str,
    /// (id, folded name) of every entry, old and new.
    entries: Vec<(String, String)>,
    /// Entries this import adds: (id, name).
    pub added: Vec<(String, String)>,
    /// The file's text as found; `None` when there is no file.
    pub text: Option<String>,
}

impl Taxonomy {
    fn read(file: &'static str, source: Option<&content::SourceFile>) -> Result<Self, String> {
        let mut tax = Taxonomy {
            file,
            entries: Vec::new(),
            added: Vec::new(),
            text: source.map(|s| s.text.clone()),
        };
        let Some(source) = source else {
            return Ok(tax);
        };
        let broken = || {
            format!(
                "{file} cannot be read as a list of `- id:` and `name:`; run `thutuc check` and fix it first"
            )
        };
        let doc = yaml::parse(&source.text, 1).map_err(|_| broken())?;
        match &doc.value {
            yaml::Value::Seq(items) => {
                for item in items {
                    let text = |key| item.scalar(key).map(clean_line);
                    let (Some(id), Some(name)) = (text("id"), text("name")) else {
                        return Err(broken());
                    };
                    tax.entries.push((id, fold(&name)));
                }
            }
            yaml::Value::Null => {}
            _ => return Err(broken()),
        }
        Ok(tax)
    }

    /// The id of an entry with this name or id, if there is one.
    pub fn find(&self, name_or_id: &str) -> Option<String> {
        let clean = clean_line(name_or_id);
        let folded = fold(&clean);
        self.entries
            .iter()
            .find(|(id, name)| *id == clean || *name == folded)
            .map(|(id, _)| id.clone())
    }

    fn has_id(&self, id: &str) -> bool {
        self.entries.iter().any(|(e, _)| e == id)
    }

    /// The id of an entry with this name or id, adding `(id, name)` when there is none.
    fn resolve_with(&mut self, name: &str, canonical: Option<(&str, &str)>) -> String {
        if let Some(id) = self.find(name) {
            return id;
        }
        let clean = clean_line(name);
        let (id, name) = match canonical {
            Some((id, name)) => (id.to_string(), name.to_string()),
            None => (id_for(&clean), clean),
        };
        if !self.has_id(&id) {
            self.entries.push((id.clone(), fold(&name)));
            self.added.push((id.clone(), name));
        }
        id
    }

    pub fn resolve(&mut self, name: &str) -> String {
        self.resolve_with(name, None)
    }
}

/// An agency file this import creates.
pub struct NewAgency {
    pub id: String,
    pub name: String,
    /// Guessed from the name or the procedure: the file says so.
    pub level: String,
}

/// What the content folder holds, and what this import adds to it.
pub struct State {
    pub has_site: bool,
    pub levels: Taxonomy,
    pub fields: Taxonomy,
    pub life_events: Taxonomy,
    agency_ids: BTreeSet<String>,
    agency_names: HashMap<String, String>,
    /// Agency id → its level id, for agencies old and new.
    agency_levels: HashMap<String, String>,
    pub new_agencies: Vec<NewAgency>,
    /// Procedure code → its file, relative to the content folder.
    procedure_files: HashMap<String, String>,
    /// Every procedure file path, and those this import will create.
    taken_paths: BTreeSet<String>,
    /// URL name → the code of the procedure that has it.
    slugs: HashMap<String, String>,
}

/// Where a procedure goes: its file, and a `slug` to write when the title's is not usable.
pub struct Placement {
    pub path: String,
    pub slug: Option<String>,
}

impl State {
    /// Reads the content folder (which must exist).
    pub fn read(root: &Path, progress: &Progress) -> Result<State, String> {
        let sources =
            content::load_with(root, progress).map_err(|e| format!("{}: {e}", root.display()))?;
        let find = |kind| sources.files.iter().find(|f| f.kind == kind);
        let mut state = State {
            has_site: find(Kind::Site).is_some(),
            levels: Taxonomy::read("levels.yaml", find(Kind::Levels))?,
            fields: Taxonomy::read("fields.yaml", find(Kind::Fields))?,
            life_events: Taxonomy::read("life-events.yaml", find(Kind::LifeEvents))?,
            agency_ids: BTreeSet::new(),
            agency_names: HashMap::new(),
            agency_levels: HashMap::new(),
            new_agencies: Vec::new(),
            procedure_files: HashMap::new(),
            taken_paths: BTreeSet::new(),
            slugs: HashMap::new(),
        };
        for file in &sources.files {
            match file.kind {
                Kind::Agency => state.read_agency(file),
                Kind::Procedure => state.read_procedure(file),
                _ => {}
            }
        }
        // Files that failed to load (bad encoding …) still occupy their names.
        for problem in &sources.problems {
            state.taken_paths.insert(problem.file.clone());
        }
        Ok(state)
    }

    fn read_agency(&mut self, file: &content::SourceFile) {
        let Some(id) = content::file_stem(&file.rel) else {
            return;
        };
        self.agency_ids.insert(id.to_string());
        let Ok(doc) = yaml::parse(&file.text, 1) else {
            return;
        };
        let text = |key| doc.scalar(key).map(clean_line);
        if let Some(name) = text("name") {
            self.agency_names
                .entry(fold(&name))
                .or_insert_with(|| id.to_string());
        }
        if let Some(level) = text("level") {
            self.agency_levels.insert(id.to_string(), level);
        }
    }

    fn read_procedure(&mut self, file: &content::SourceFile) {
        self.taken_paths.insert(file.rel.clone());
        let Ok(split) = front_matter::split(&file.text) else {
            return;
        };
        let Ok(doc) = yaml::parse(split.yaml, split.yaml_line) else {
            return;
        };
        let text = |key| doc.scalar(key).map(clean_line);
        let Some(code) = text("code") else { return };
        let slug = text("slug").or_else(|| text("title").map(|t| slugify(&t)));
        if let Some(slug) = slug {
            self.slugs.entry(slug).or_insert_with(|| code.clone());
        }
        self.procedure_files.entry(code).or_insert(file.rel.clone());
    }

    /// The id of the agency with this name. A new agency gets the level its name
    /// suggests, else `fallback_level`, else "Chưa xác định".
    pub fn agency(&mut self, name: &str, fallback_level: Option<&str>) -> String {
        let clean = clean_line(name);
        let folded = fold(&clean);
        if let Some(id) = self.agency_names.get(&folded) {
            return id.clone();
        }
        let id = id_for(&clean);
        self.agency_names.insert(folded, id.clone());
        if self.agency_ids.insert(id.clone()) {
            let level = match (level_of_agency(&clean), fallback_level) {
                (Some(level), _) => self.level(level),
                (None, Some(level)) => level.to_string(),
                (None, None) => self.level("chua-xac-dinh"),
            };
            self.agency_levels.insert(id.clone(), level.clone());
            self.new_agencies.push(NewAgency {
                id: id.clone(),
                name: clean,
                level,
            });
        }
        id
    }

    pub fn agency_level(&self, id: &str) -> Option<&str> {
        self.agency_levels.get(id).map(String::as_str)
    }

    /// The id of a level named "Cấp tỉnh", "Cấp Xã", "tinh" …
    pub fn level(&mut self, name: &str) -> String {
        let canonical = known_level(name);
        self.levels.resolve_with(name, canonical)
    }

    /// Where the procedure `code` goes, and the `slug` it needs, if any.
    pub fn place(&mut self, code: &str, title: &str, field: &str) -> Placement {
        let base = slugify(title);
        let code_slug = slugify(code);
        let taken = |slug: &str, slugs: &HashMap<String, String>| {
            slugs.get(slug).is_some_and(|owner| owner != code)
        };
        let slug = if base.is_empty() || base.len() > MAX_SLUG || taken(&base, &self.slugs) {
            let room = MAX_SLUG.saturating_sub(code_slug.len() + 1);
            let cut = if base.len() > room {
                base[..room].rfind('-').unwrap_or(room)
            } else {
                base.len()
            };
            let stem = base[..cut].trim_end_matches('-');
            Some(if stem.is_empty() {
                format!("thu-tuc-{code_slug}")
            } else {
                format!("{stem}-{code_slug}")
            })
        } else {
            None
        };
        let url = slug.clone().unwrap_or_else(|| base.clone());
        self.slugs.insert(url.clone(), code.to_string());
        if let Some(path) = self.procedure_files.get(code) {
            return Placement {
                path: path.clone(),
                slug,
            };
        }
        let mut path = format!("procedures/{field}/{url}.md");
        if self.taken_paths.contains(&path) {
            path = format!("procedures/{field}/{url}-{code_slug}.md");
        }
        self.taken_paths.insert(path.clone());
        self.procedure_files.insert(code.to_string(), path.clone());
        Placement { path, slug }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_short() {
        assert_eq!(id_for("Hộ tịch"), "ho-tich");
        assert_eq!(id_for(" Hộ  tịch "), "ho-tich");
        let long = "Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại trong hoạt động quản lý hành chính ở cấp xã";
        let other = "Cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại trong hoạt động quản lý hành chính ở cấp tỉnh";
        assert!(id_for(long).len() <= MAX_ID);
        assert_eq!(id_for(long), id_for(long));
        assert_ne!(id_for(long), id_for(other));
        assert!(crate::text::is_id(&id_for(long)));
        assert!(crate::text::is_id(&id_for("!!!")));
    }

    #[test]
    fn levels_and_agencies() {
        assert_eq!(known_level("Cấp Tỉnh"), Some(("tinh", "Cấp tỉnh")));
        assert_eq!(known_level("Cấp bộ"), Some(("bo", "Cấp bộ")));
        assert_eq!(known_level("xa"), Some(("xa", "Cấp xã")));
        for (name, level) in [
            ("Ủy ban nhân dân cấp xã", Some("xa")),
            ("Ủy ban Nhân dân xã, phường, thị trấn.", Some("xa")),
            ("UBND cấp  xã", Some("xa")),
            ("Công an cấp Xã", Some("xa")),
            ("Sở Tư Pháp", Some("tinh")),
            ("Chủ tịch ủy ban nhân dân cấp tỉnh", Some("tinh")),
            ("Thuế tỉnh, thành phố", Some("tinh")),
            ("Bộ Tư pháp", Some("bo")),
            ("Cục Hàng không Việt Nam", Some("bo")),
            ("Ủy ban Chứng khoán Nhà nước - Bộ tài chính", Some("bo")),
            ("Thuế cơ sở", None),
        ] {
            assert_eq!(level_of_agency(name), level, "{name}");
        }
    }
}
