//! The procedures of the open data in parts of bounded size: a field's procedures in one
//! file (or a few, for a very large field), each listed in the index with its size, its
//! number of procedures and its SHA-256 ([`super::records::PartRecord`]), so that a
//! reader fetches only what changed.

use crate::catalogue::{Catalogue, Term};
use crate::urls;
use rayon::prelude::*;
use std::collections::HashMap;

/// The most bytes of one part: a reader can load any part in one piece.
pub const PART_MAX_BYTES: usize = 20_000_000;
/// The CSV stays one file up to this size; past it, it is split as the parts are.
pub const CSV_MAX_BYTES: usize = 50_000_000;

/// A part before it is written.
pub struct Part<'a> {
    /// The field id, then `<id>.2`, `<id>.3` … when a field takes several parts (ids
    /// have no dot, so a name never collides with another field's).
    pub name: String,
    pub field: &'a Term,
    /// Indexes into `Catalogue::procedures`, in code order.
    pub procedures: Vec<usize>,
    /// Newline-delimited JSON: one record a line.
    pub ndjson: Vec<u8>,
}

impl<'a> Part<'a> {
    fn new(field: &'a Term, number: usize) -> Part<'a> {
        Part {
            name: if number == 1 {
                field.id.clone()
            } else {
                format!("{}.{number}", field.id)
            },
            field,
            procedures: Vec::new(),
            ndjson: Vec::new(),
        }
    }
}

/// The parts: each field's procedures in code order, in the order of `fields.yaml`, cut so
/// that no part is larger than `max_bytes` (a single larger record has a part of its own).
/// `line(i)`: the compact JSON of the `i`th procedure's record, without its newline.
pub fn split<'a, Line: AsRef<[u8]>>(
    c: &'a Catalogue,
    max_bytes: usize,
    line: impl Fn(usize) -> std::io::Result<Line> + Sync,
) -> std::io::Result<Vec<Part<'a>>> {
    let mut by_field: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in c.procedures.iter().enumerate() {
        by_field.entry(p.field.as_str()).or_default().push(i);
    }
    let fields: Vec<Vec<Part>> = c
        .fields
        .par_iter()
        .map(|field| {
            let mut parts = Vec::new();
            let Some(indexes) = by_field.get(field.id.as_str()) else {
                return Ok(parts);
            };
            let mut part = Part::new(field, 1);
            for &i in indexes {
                let line = line(i)?;
                let line = line.as_ref();
                if !part.procedures.is_empty() && part.ndjson.len() + line.len() + 1 > max_bytes {
                    let next = Part::new(field, parts.len() + 2);
                    parts.push(std::mem::replace(&mut part, next));
                }
                part.ndjson.extend_from_slice(line);
                part.ndjson.push(b'\n');
                part.procedures.push(i);
            }
            parts.push(part);
            Ok(parts)
        })
        .collect::<std::io::Result<_>>()?;
    Ok(fields.into_iter().flatten().collect())
}

/// The path of a part, `ext` being `ndjson` or `csv`.
pub fn path(part: &Part, ext: &str) -> String {
    urls::data_part(&part.name, ext)
}

#[cfg(test)]
mod tests {
    use super::super::records::PartRecord;

    #[test]
    fn a_hash_names_the_bytes() {
        let r = PartRecord::of("https://x.vn/", "du-lieu/thu-tuc/a.ndjson", None, 0, b"abc");
        assert_eq!(
            r.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(r.bytes, 3);
        assert_eq!(r.url, "https://x.vn/du-lieu/thu-tuc/a.ndjson");
    }
}
