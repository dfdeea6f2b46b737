//! Open data: the catalogue for other systems, published by every build.
//!
//! - `du-lieu/thu-tuc.json`: the index: the site, its levels, fields, life events,
//!   agencies and groups, and the list of the parts below with the size, the number of
//!   procedures and the SHA-256 of each;
//! - `du-lieu/thu-tuc/<field>.ndjson`: the procedures of one field, typed (money in whole
//!   đồng, durations as a number and a unit, ISO dates, references as ids with their
//!   URLs), one record a line; a very large field takes several parts;
//! - `du-lieu/thu-tuc.schema.json`: the JSON Schema of the index and of a record,
//!   generated from the types of [`records`];
//! - `du-lieu/thu-tuc.csv`: one row per procedure, for spreadsheets (split as the parts
//!   are, `du-lieu/thu-tuc/<field>.csv`, when it would pass 50 MB);
//! - `thu-tuc/<slug>/index.json`: one procedure's record, beside its page.
//!
//! No file grows with the whole catalogue beyond the bounds of [`parts`]. The terms a
//! reader relies on (version, fields, columns) are in [`crate::data_terms`];
//! `docs/open-data.md` documents them, and `docs/open-data.schema.json` is a copy of the
//! schema that a test compares with the published one, so that any change of the
//! contract shows in review.

pub mod csv;
pub mod parts;
mod pretty;
pub mod records;

use crate::catalogue::Catalogue;
use crate::data_terms::csv_is_split;
use crate::memo::Kept;
use crate::output::Write;
use crate::render::i18n::Strings;
use crate::urls;
use parts::{CSV_MAX_BYTES, PART_MAX_BYTES};
use records::{CatalogueRecord, PartRecord, ProcedureRecord};
use schemars::generate::SchemaSettings;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The JSON Schema of `thu-tuc.json`. It does not depend on the site, so every site
/// publishes the same schema for the same version of thutuc.
pub fn schema() -> serde_json::Value {
    let mut generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    // A record is not in the index but in the parts: its schema is `#/$defs/Procedure`.
    generator.subschema_for::<ProcedureRecord>();
    serde_json::Value::from(generator.into_root_schema_for::<CatalogueRecord>())
}

/// The bytes of the published schema: stable, pretty JSON.
pub fn schema_bytes() -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&schema()).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Each procedure's line of open data as last made, by code, with a hash of the record it
/// was made from: `serve`'s pipeline keeps it, so that a build after an edit serialises only
/// the records that changed. (The record, not the procedure: it holds the names and
/// addresses of other procedures and agencies too.)
#[derive(Default)]
pub struct Memo(Kept<String, (u64, Arc<[u8]>)>);

/// The hash a [`Memo`] keeps of a record.
fn record_hash(record: &ProcedureRecord) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::default().hash_one(record)
}

/// Writes every open-data file through `write`; returns how many it wrote. `memo`: the
/// lines of the last build, to reuse and to update.
///
/// Each record is made, written and dropped in turn, and each part written as soon as it
/// is complete: at national scale the records and the parts together are gigabytes.
pub fn write(
    c: &Catalogue,
    t: &Strings,
    base_url: &str,
    memo: Option<&Memo>,
    write: Write,
) -> std::io::Result<usize> {
    let before = memo.map(|m| m.0.take());
    let after = Mutex::new(HashMap::new());
    let serialise = |record: &ProcedureRecord| -> std::io::Result<Arc<[u8]>> {
        Ok(serde_json::to_vec(record)
            .map_err(std::io::Error::other)?
            .into())
    };
    let json = |record: &ProcedureRecord| -> std::io::Result<Arc<[u8]>> {
        let Some(before) = &before else {
            return serialise(record);
        };
        let hash = record_hash(record);
        let line = match before.get(&record.code) {
            Some((kept, line)) if *kept == hash => line.clone(),
            _ => serialise(record)?,
        };
        let mut after = after.lock().unwrap_or_else(|e| e.into_inner());
        after.insert(record.code.clone(), (hash, line.clone()));
        Ok(line)
    };
    // Each record as its line of a part and its row of CSV, and on the way its own file,
    // indented from the line.
    let lines = |i: usize| {
        let p = &c.procedures[i];
        let record = records::procedure(c, base_url, p);
        let line = json(&record)?;
        let mut own = pretty::indent(&line);
        own.push(b'\n');
        write(&urls::procedure_data(&p.slug), &own)?;
        Ok((line, csv::rows(c, t, std::iter::once((&**p, &record)))?))
    };
    // One CSV file, every procedure in code order; split as the parts are by the count,
    // as the du-lieu/ page says, and by the size too, should rows be unusually long (then
    // the page's link to the single file has no file).
    let csv_split = csv_is_split(c.procedures.len());
    let header = csv::header()?;
    let field = |part: &parts::Part| Some(records::field_ref(base_url, &part.field.id));
    let csv_part = |part: &parts::Part| -> std::io::Result<PartRecord> {
        let path = parts::path(part, "csv");
        let mut bytes = header.clone();
        bytes.extend_from_slice(&part.csv);
        write(&path, &bytes)?;
        let count = part.procedures.len();
        Ok(PartRecord::of(base_url, &path, field(part), count, &bytes))
    };
    // Each part as NDJSON, and its CSV when the CSV is split by the count; else the part
    // is kept for its rows of the one CSV file.
    let written = parts::split(c, PART_MAX_BYTES, lines, |part| {
        let path = parts::path(&part, "ndjson");
        write(&path, &part.ndjson)?;
        let count = part.procedures.len();
        let ndjson = PartRecord::of(base_url, &path, field(&part), count, &part.ndjson);
        let rows = if csv_split {
            CsvRows::Written(csv_part(&part)?)
        } else {
            CsvRows::Kept(parts::Part {
                ndjson: Vec::new(),
                ..part
            })
        };
        Ok((ndjson, rows))
    })?;
    if let Some(memo) = memo {
        memo.0
            .keep(after.into_inner().unwrap_or_else(|e| e.into_inner()));
    }
    let mut ndjson_parts = Vec::new();
    let mut csv_parts = Vec::new();
    let mut kept = Vec::new();
    for (ndjson, rows) in written {
        ndjson_parts.push(ndjson);
        match rows {
            CsvRows::Written(record) => csv_parts.push(record),
            CsvRows::Kept(part) => kept.push(part),
        }
    }
    if !csv_split {
        let mut rows: Vec<(usize, &[u8])> = kept.iter().flat_map(|part| part.rows()).collect();
        rows.sort_unstable_by_key(|&(i, _)| i);
        let size = header.len() + rows.iter().map(|(_, row)| row.len()).sum::<usize>();
        if size <= CSV_MAX_BYTES {
            let mut bytes = header.clone();
            rows.iter()
                .for_each(|(_, row)| bytes.extend_from_slice(row));
            write(urls::DATA_CSV, &bytes)?;
            let count = c.procedures.len();
            csv_parts.push(PartRecord::of(
                base_url,
                urls::DATA_CSV,
                None,
                count,
                &bytes,
            ));
        } else {
            csv_parts = kept.iter().map(csv_part).collect::<std::io::Result<_>>()?;
        }
    }
    let files = c.procedures.len() + ndjson_parts.len() + csv_parts.len();
    let index = records::catalogue(c, base_url, ndjson_parts, csv_parts);
    let mut json = serde_json::to_vec(&index).map_err(std::io::Error::other)?;
    json.push(b'\n');
    write(urls::DATA_JSON, &json)?;
    write(urls::DATA_SCHEMA, &schema_bytes())?;
    Ok(files + 2)
}

/// What becomes of a part's rows of CSV: a file of their own when the CSV is split, else
/// kept for the one file.
enum CsvRows<'a> {
    Written(PartRecord),
    Kept(parts::Part<'a>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Language;
    use crate::data_terms::{CSV_COLUMNS, PART_FIELDS, PROCEDURE_FIELDS, TOP_FIELDS};

    /// Each procedure's own file is its line re-indented: the bytes serde_json's pretty
    /// printer writes, for every record of the bundled catalogue.
    #[test]
    fn own_files_are_the_pretty_json_of_their_records() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let c = crate::build::check(&content).expect("the bundled catalogue checks");
        let records = records::procedures(&c, "https://example.org/");
        assert!(records.len() > 20, "{}", records.len());
        for record in &records {
            let line = serde_json::to_vec(record).unwrap();
            let pretty = serde_json::to_vec_pretty(record).unwrap();
            assert_eq!(pretty::indent(&line), pretty, "{}", record.code);
        }
    }

    /// The page explains every field a reader meets, and nothing else, in both languages.
    #[test]
    fn the_page_explains_every_field_and_column_in_both_languages() {
        let schema = schema();
        let keys = |def: &str| -> Vec<String> {
            let props = if def.is_empty() {
                &schema["properties"]
            } else {
                &schema["$defs"][def]["properties"]
            };
            let mut keys: Vec<String> = props
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            keys
        };
        let sorted = |names: &[&str]| {
            let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(keys(""), sorted(&TOP_FIELDS));
        assert_eq!(keys("Procedure"), sorted(&PROCEDURE_FIELDS));
        assert_eq!(keys("Part"), sorted(&PART_FIELDS));
        for language in [Language::Vi, Language::En] {
            let t = Strings::load(language).expect("the theme's strings load");
            let explained = |prefix: &str, names: &[&str]| {
                for name in names {
                    let key = format!("{prefix}{}", name.trim_start_matches('$'));
                    assert!(t.all().contains_key(&key), "{language:?}: no {key}");
                }
            };
            explained("data_top_", &TOP_FIELDS);
            explained("data_proc_", &PROCEDURE_FIELDS);
            explained("data_part_", &PART_FIELDS);
            explained("data_csv_", &CSV_COLUMNS);
            for key in [
                "data_file_json",
                "data_file_csv",
                "data_file_schema",
                "data_file_feed",
            ] {
                assert!(t.all().contains_key(key), "{language:?}: no {key}");
            }
        }
    }
}
