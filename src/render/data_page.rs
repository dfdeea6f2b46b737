//! The `du-lieu/` page: what the open data holds, for people. The files themselves are
//! written by [`crate::publish::open_data`]; both follow [`crate::data_terms`].

use super::i18n::Strings;
use super::view::Link;
use crate::catalogue::Catalogue;
use crate::data_terms::{
    CSV_COLUMNS, CSV_MAX_ROWS, PART_FIELDS, PROCEDURE_FIELDS, SCHEMA_VERSION, TOP_FIELDS,
    csv_is_split, license_url,
};
use crate::urls;
use serde::Serialize;

/// What the `du-lieu/` page shows.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub version: u32,
    /// The files, with what each holds. URLs are relative to the site root.
    pub files: Vec<FileView>,
    /// A procedure's own JSON file, as an example.
    pub example: Option<Link>,
    pub license: Option<Link>,
    pub top_fields: Vec<FieldView>,
    pub part_fields: Vec<FieldView>,
    pub procedure_fields: Vec<FieldView>,
    pub csv_columns: Vec<FieldView>,
}

#[derive(Debug, Serialize)]
pub struct FileView {
    pub name: String,
    /// None for files named by a pattern, which the index lists.
    pub url: Option<String>,
    pub format: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct FieldView {
    pub name: &'static str,
    pub text: String,
}

pub fn page(c: &Catalogue, t: &Strings) -> PageView {
    let file = |url: &str, format: &str, key: &str| FileView {
        name: url.rsplit('/').next().unwrap_or(url).to_string(),
        url: Some(url.to_string()),
        format: format.to_string(),
        text: t
            .get(key)
            .replace("{version}", &SCHEMA_VERSION.to_string())
            .replace("{n}", &t.number(CSV_MAX_ROWS as u64)),
    };
    let pattern = |name: &str, format: &str, key: &str| FileView {
        url: None,
        name: name.to_string(),
        ..file("", format, key)
    };
    let csv = if csv_is_split(c.procedures.len()) {
        pattern("thu-tuc/….csv", "CSV", "data_file_csv_parts")
    } else {
        file(urls::DATA_CSV, "CSV", "data_file_csv")
    };
    let fields = |prefix: &str, names: &[&'static str]| {
        names
            .iter()
            .map(|name| FieldView {
                name,
                text: t
                    .get(&format!("{prefix}{}", name.trim_start_matches('$')))
                    .to_string(),
            })
            .collect()
    };
    PageView {
        version: SCHEMA_VERSION,
        files: vec![
            file(urls::DATA_JSON, "JSON", "data_file_json"),
            pattern("thu-tuc/….ndjson", "NDJSON", "data_file_parts"),
            csv,
            file(urls::DATA_SCHEMA, "JSON Schema", "data_file_schema"),
            file(urls::FEED, "Atom", "data_file_feed"),
        ],
        example: c.procedures.first().map(|p| Link {
            name: p.title.clone(),
            url: urls::procedure_data(&p.slug),
        }),
        license: c.site.license.as_ref().map(|name| Link {
            name: name.clone(),
            url: license_url(name).unwrap_or_default().to_string(),
        }),
        top_fields: fields("data_top_", &TOP_FIELDS),
        part_fields: fields("data_part_", &PART_FIELDS),
        procedure_fields: fields("data_proc_", &PROCEDURE_FIELDS),
        csv_columns: fields("data_csv_", &CSV_COLUMNS),
    }
}
