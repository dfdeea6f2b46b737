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
    /// The same records as rows of CSV (without the header)…
    pub csv: Vec<u8>,
    /// …each row ending where this says.
    pub row_ends: Vec<usize>,
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
            csv: Vec::new(),
            row_ends: Vec::new(),
        }
    }

    /// Each procedure's row of CSV, with its index.
    pub fn rows(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let starts = std::iter::once(0).chain(self.row_ends.iter().copied());
        self.procedures
            .iter()
            .zip(starts.zip(&self.row_ends))
            .map(|(&i, (start, &end))| (i, &self.csv[start..end]))
    }
}

/// The parts: each field's procedures in code order, in the order of `fields.yaml`, cut so
/// that no part's NDJSON is larger than `max_bytes` (a single larger record has a part of
/// its own). `lines(i)`: the `i`th procedure's record as compact JSON (without its
/// newline) and as a row of CSV. Each part is handed to `done` once it is complete, so
/// that only the parts being filled are held; returns what `done` returned, in order.
pub fn split<'a, Json: AsRef<[u8]>, Done: Send>(
    c: &'a Catalogue,
    max_bytes: usize,
    lines: impl Fn(usize) -> std::io::Result<(Json, Vec<u8>)> + Sync,
    done: impl Fn(Part<'a>) -> std::io::Result<Done> + Sync,
) -> std::io::Result<Vec<Done>> {
    let mut by_field: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in c.procedures.iter().enumerate() {
        by_field.entry(p.field.as_str()).or_default().push(i);
    }
    let fields: Vec<Vec<Done>> = c
        .fields
        .par_iter()
        .map(|field| {
            let mut parts = Vec::new();
            let Some(indexes) = by_field.get(field.id.as_str()) else {
                return Ok(parts);
            };
            let mut part = Part::new(field, 1);
            for &i in indexes {
                let (json, row) = lines(i)?;
                let json = json.as_ref();
                if !part.procedures.is_empty() && part.ndjson.len() + json.len() + 1 > max_bytes {
                    let next = Part::new(field, parts.len() + 2);
                    parts.push(done(std::mem::replace(&mut part, next))?);
                }
                part.ndjson.extend_from_slice(json);
                part.ndjson.push(b'\n');
                part.csv.extend_from_slice(&row);
                part.row_ends.push(part.csv.len());
                part.procedures.push(i);
            }
            parts.push(done(part)?);
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
