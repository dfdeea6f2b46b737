//! Export: what tantivy holds, read back from its segments and written as static files that
//! a browser fetches piecemeal (`theme/static/search.js` reads them).
//!
//! # Layout of `search/`
//!
//! ```text
//! search/manifest.json          the only file with a fixed name; small; revalidate it
//! search/s-<hash>/<n>.bin       term shards, short fields (title, keywords, code, names)
//! search/b-<hash>/<n>.bin       term shards, body
//! search/c-<hash>/<n>.bin       completion shards (for the word being typed)
//! search/d-<hash>/<n>.json      result metadata, `chunk` procedures a file
//! search/facets-<hash>.bin      level, field and agency of every procedure
//! ```
//!
//! `<hash>` is a hash of the content of the file, or of every file of the directory, so any
//! URL under `search/` other than the manifest is immutable: serve it with
//! `Cache-Control: max-age=31536000, immutable`. Doc ids are positions in the catalogue (by
//! code), so adding a procedure renumbers most postings: per-directory hashes lose nothing.
//!
//! # `manifest.json`
//!
//! ```json
//! { "format": 1,
//!   "docs": 21,                                  // N of BM25 (tantivy's max_doc)
//!   "bm25": { "k1": 1.2, "b": 0.75 },
//!   "query": { "maxExpansions": 8, "minPrefixChars": 2, "maxWordChars": 40 },
//!   "fields": [ { "name": "title", "form": "accented" | "folded" | "bigram",
//!                 "family": "short" | "body", "boost": 1.5,
//!                 "completes": false, "completionBoost": 1.2,
//!                 "tokens": 97 } ],                // Σ field length, tantivy's total_num_tokens
//!   "facets": { "level": [ { "id", "name" } ], "field": [...], "agency": [...] },
//!   "files": { "short":  { "dir": "s-…", "shards": 64 },
//!              "body":   { "dir": "b-…", "shards": 64 },
//!              "completions": { "dir": "c-…", "shards": 4 },
//!              "docs":   { "dir": "d-…", "chunk": 8, "chunks": 3 },
//!              "facets": "facets-….bin" } }
//! ```
//!
//! Field numbers below are indexes into `fields`; boosts are f32 values (round them to f32).
//!
//! # Binary files
//!
//! Integers are unsigned LEB128 varints; a string is a varint byte length and UTF-8.
//!
//! A **term shard** holds every term whose *key* hashes to it:
//! `shard = fnv1a32(key) mod shards` (FNV-1a over the key's UTF-8). The key of a term is its
//! folded form for a folded field, the folding of it for an accented one, its first word for
//! a bigram, so a query word finds its accented form, folded form and the bigrams it starts
//! in one file of each family.
//!
//! ```text
//! shard   := count:varint term*                  terms sorted by bytes
//! term    := text:string lists:varint list*
//! list    := field:varint df:varint docs freqs   df = tantivy's doc_freq
//! docs    := 0:varint gap*df                     gap = doc − previous − 1 (previous = −1)
//!          | 1:varint bitmap                     ⌈N/8⌉ bytes, doc d = bit d%8 of byte d/8
//! freqs   := ((tf − 1) · 256 + fieldnorm_id):varint * df    in doc order
//! ```
//!
//! `fieldnorm_id` is tantivy's one-byte field length code of that document and field; BM25's
//! `dl` is `id_to_fieldnorm(fieldnorm_id)` (the client rebuilds tantivy's table).
//!
//! A **completion shard** holds the candidate completions (folded terms of the completing
//! fields, three characters or more) whose first two characters hash to it:
//! `completions := count:varint (text:string weight:varint)*`, weight = Σ doc_freq over the
//! completing fields.
//!
//! The **facets** file: `N:varint sets:varint (k:varint level*k)*sets` (the distinct sets of
//! levels), then three bit-packed columns, level set, field, agency:
//! `width:varint values` with `N` values of `width` bits, value `i` at bits `i·width…`, low
//! bit first.
//!
//! A **docs** chunk `n` is JSON: `[[code, title, url], …]` for docs `n·chunk … n·chunk+chunk−1`;
//! `url` is relative to the site's base.

use super::Error;
use super::analyzer::{Form, fold};
use super::encode::{bitpack, bits_for, content_hash, fnv1a32, string, varint};
use super::fields::{FIELDS, Family, MAX_EXPANSIONS, MIN_PREFIX_CHARS};
use super::index::{ORD_FIELD, SearchIndex};
use super::query::completion_boost;
use crate::catalogue::Catalogue;
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

pub const FORMAT: u32 = 1;
/// Aimed-at size of a term shard: a shard this small costs little next to the postings of
/// the common words a query needs anyway.
const SHARD_TARGET_BYTES: usize = 2048;
const COMPLETION_TARGET_BYTES: usize = 1024;
/// Procedures per docs chunk: a page of 10 results fetches at most 10 chunks.
const DOCS_CHUNK: usize = 8;

/// What an export wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportStats {
    pub procedures: usize,
    pub files: usize,
    pub total_bytes: usize,
    pub manifest_bytes: usize,
    pub short_bytes: usize,
    pub body_bytes: usize,
    pub completion_bytes: usize,
    pub docs_bytes: usize,
    pub facets_bytes: usize,
}

/// One posting: a document (its catalogue position), the term frequency, the field norm id.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    tf: u32,
    norm: u8,
}

/// What tantivy holds for one field.
struct FieldData {
    total_tokens: u64,
    terms: BTreeMap<String, Vec<Posting>>,
}

/// Indexes `catalogue` with tantivy and writes the static index to `out_dir/search/`
/// (replacing what was there).
pub fn export(catalogue: &Catalogue, out_dir: &Path) -> Result<ExportStats, Error> {
    let ix = super::index::build(catalogue)?;
    write(catalogue, &ix, out_dir)
}

/// Writes the export of an index already built from `catalogue`.
pub fn write(
    catalogue: &Catalogue,
    ix: &SearchIndex,
    out_dir: &Path,
) -> Result<ExportStats, Error> {
    let (num_docs, fields) = read_back(ix)?;
    let mut files = Files::default();

    let short = shards(&fields, num_docs, Family::Short);
    let body = shards(&fields, num_docs, Family::Body);
    let completions = completion_shards(&fields);
    let short_dir = files.dir("s", short);
    let body_dir = files.dir("b", body);
    let completion_dir = files.dir("c", completions);
    let chunks = docs_chunks(catalogue)?;
    let chunk_count = chunks.len();
    let docs_dir = files.dir("d", chunks);
    let facets = files.single("facets", "bin", facets_file(catalogue));

    let manifest = Manifest {
        format: FORMAT,
        docs: num_docs,
        bm25: Bm25 { k1: 1.2, b: 0.75 },
        query: QueryParams {
            max_expansions: MAX_EXPANSIONS,
            min_prefix_chars: MIN_PREFIX_CHARS,
            max_word_chars: super::analyzer::MAX_WORD_CHARS,
        },
        fields: FIELDS
            .iter()
            .zip(&fields)
            .map(|(spec, data)| FieldEntry {
                name: spec.name,
                form: spec.form,
                family: spec.family,
                boost: spec.boost,
                completes: spec.completes,
                completion_boost: completion_boost(spec.boost),
                tokens: data.total_tokens,
            })
            .collect(),
        facets: Facets {
            level: catalogue
                .levels
                .iter()
                .map(|t| Named::new(&t.id, &t.name))
                .collect(),
            field: catalogue
                .fields
                .iter()
                .map(|t| Named::new(&t.id, &t.name))
                .collect(),
            agency: catalogue
                .agencies
                .iter()
                .map(|a| Named::new(&a.id, &a.name))
                .collect(),
        },
        files: FileTable {
            short: ShardDir {
                dir: short_dir.0,
                shards: short_dir.1,
            },
            body: ShardDir {
                dir: body_dir.0,
                shards: body_dir.1,
            },
            completions: ShardDir {
                dir: completion_dir.0,
                shards: completion_dir.1,
            },
            docs: DocsDir {
                dir: docs_dir.0,
                chunk: DOCS_CHUNK,
                chunks: chunk_count,
            },
            facets,
        },
    };
    let manifest = serde_json::to_vec(&manifest).map_err(|e| Error::Io(e.into()))?;
    files.out.push(("manifest.json".into(), manifest));

    let root = out_dir.join("search");
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    let mut stats = ExportStats {
        procedures: catalogue.procedures.len(),
        ..Default::default()
    };
    for (name, bytes) in &files.out {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        stats.files += 1;
        stats.total_bytes += bytes.len();
        let slot = match name.split(['-', '.']).next() {
            Some("manifest") => &mut stats.manifest_bytes,
            Some("s") => &mut stats.short_bytes,
            Some("b") => &mut stats.body_bytes,
            Some("c") => &mut stats.completion_bytes,
            Some("d") => &mut stats.docs_bytes,
            _ => &mut stats.facets_bytes,
        };
        *slot += bytes.len();
    }
    Ok(stats)
}

/// Reads every field's terms, postings, field norms and token count out of tantivy's
/// segments, with documents renumbered to catalogue positions.
fn read_back(ix: &SearchIndex) -> Result<(u64, Vec<FieldData>), Error> {
    let searcher = ix.reader.searcher();
    let num_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.max_doc()))
        .sum();
    let mut out = Vec::new();
    for &field in &ix.fields {
        let mut data = FieldData {
            total_tokens: 0,
            terms: BTreeMap::new(),
        };
        for segment in searcher.segment_readers() {
            let ords = segment.fast_fields().u64(ORD_FIELD)?;
            let ord = |doc| ords.first(doc).and_then(|o| u32::try_from(o).ok());
            let norms = segment.get_fieldnorms_reader(field)?;
            let inverted = segment.inverted_index(field)?;
            data.total_tokens += inverted.total_num_tokens();
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let list = data.terms.entry(text.to_string()).or_default();
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                // a fresh postings list already stands on its first document
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let global = ord(doc)
                        .ok_or_else(|| Error::Corrupt(format!("document {doc} has no `ord`")))?;
                    list.push(Posting {
                        doc: global,
                        tf: postings.term_freq(),
                        norm: norms.fieldnorm_id(doc),
                    });
                    doc = postings.advance();
                }
            }
        }
        for list in data.terms.values_mut() {
            list.sort_by_key(|p| p.doc);
        }
        out.push(data);
    }
    Ok((num_docs, out))
}

/// The shard key of a term of a field in `form` (see the module docs).
fn key(term: &str, form: Form) -> String {
    match form {
        Form::Accented => fold(term),
        Form::Folded => term.to_string(),
        Form::Bigram => term.split(' ').next().unwrap_or(term).to_string(),
    }
}

/// The term shards of one family, as (file name, bytes).
fn shards(fields: &[FieldData], num_docs: u64, family: Family) -> Vec<(String, Vec<u8>)> {
    // term → (field number, postings), terms grouped by key so one key is one shard
    let mut terms: BTreeMap<String, Vec<(usize, &Vec<Posting>)>> = BTreeMap::new();
    for (n, (spec, data)) in FIELDS.iter().zip(fields).enumerate() {
        if spec.family != family {
            continue;
        }
        for (term, postings) in &data.terms {
            terms.entry(term.clone()).or_default().push((n, postings));
        }
    }
    let mut encoded: Vec<(String, Vec<u8>)> = Vec::new();
    for (term, lists) in &terms {
        let form = FIELDS[lists[0].0].form;
        let mut bytes = Vec::new();
        string(&mut bytes, term);
        varint(&mut bytes, lists.len() as u64);
        for (n, postings) in lists {
            varint(&mut bytes, *n as u64);
            postings_bytes(&mut bytes, postings, num_docs);
        }
        encoded.push((key(term, form), bytes));
    }
    bucket(encoded, SHARD_TARGET_BYTES)
}

/// Terms whose key hashes alike go to one shard file, sorted by term (the BTreeMap order).
fn bucket(entries: Vec<(String, Vec<u8>)>, target: usize) -> Vec<(String, Vec<u8>)> {
    let total: usize = entries.iter().map(|(_, b)| b.len()).sum();
    let count = (total / target).max(1).next_power_of_two();
    let mut buckets: Vec<(u64, Vec<u8>)> = vec![(0, Vec::new()); count];
    for (key, bytes) in entries {
        let b = &mut buckets[fnv1a32(&key) as usize % count];
        b.0 += 1;
        b.1.extend_from_slice(&bytes);
    }
    buckets
        .into_iter()
        .enumerate()
        .map(|(i, (n, body))| {
            let mut out = Vec::with_capacity(body.len() + 4);
            varint(&mut out, n);
            out.extend_from_slice(&body);
            (format!("{i}.bin"), out)
        })
        .collect()
}

fn postings_bytes(out: &mut Vec<u8>, postings: &[Posting], num_docs: u64) {
    varint(out, postings.len() as u64);
    let mut gaps = Vec::new();
    let mut previous: i64 = -1;
    for p in postings {
        varint(&mut gaps, (i64::from(p.doc) - previous - 1) as u64);
        previous = i64::from(p.doc);
    }
    let bitmap_len = (num_docs as usize).div_ceil(8);
    if bitmap_len < gaps.len() {
        varint(out, 1);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for p in postings {
            out[start + p.doc as usize / 8] |= 1 << (p.doc % 8);
        }
    } else {
        varint(out, 0);
        out.extend_from_slice(&gaps);
    }
    for p in postings {
        varint(
            out,
            u64::from(p.tf.saturating_sub(1)) << 8 | u64::from(p.norm),
        );
    }
}

/// Completion candidates with their weights, sharded by their first two characters.
fn completion_shards(fields: &[FieldData]) -> Vec<(String, Vec<u8>)> {
    let mut weights: BTreeMap<&str, u64> = BTreeMap::new();
    for (spec, data) in FIELDS.iter().zip(fields) {
        if !spec.completes {
            continue;
        }
        for (term, postings) in &data.terms {
            if term.chars().count() > MIN_PREFIX_CHARS {
                *weights.entry(term).or_default() += postings.len() as u64;
            }
        }
    }
    let entries = weights
        .into_iter()
        .map(|(term, weight)| {
            let mut bytes = Vec::new();
            string(&mut bytes, term);
            varint(&mut bytes, weight);
            (term.chars().take(MIN_PREFIX_CHARS).collect(), bytes)
        })
        .collect();
    bucket(entries, COMPLETION_TARGET_BYTES)
}

fn docs_chunks(catalogue: &Catalogue) -> Result<Vec<(String, Vec<u8>)>, Error> {
    catalogue
        .procedures
        .chunks(DOCS_CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let rows: Vec<[String; 3]> = chunk
                .iter()
                .map(|p| [p.code.clone(), p.title.clone(), urls::procedure(&p.slug)])
                .collect();
            let bytes = serde_json::to_vec(&rows).map_err(|e| Error::Io(e.into()))?;
            Ok((format!("{i}.json"), bytes))
        })
        .collect()
}

fn facets_file(catalogue: &Catalogue) -> Vec<u8> {
    let position = |list: &[crate::catalogue::Term], id: &str| {
        list.iter().position(|t| t.id == id).unwrap_or(0) as u32
    };
    let mut sets: Vec<Vec<u32>> = Vec::new();
    let mut set_of = Vec::new();
    let mut field_of = Vec::new();
    let mut agency_of = Vec::new();
    for p in &catalogue.procedures {
        let mut set: Vec<u32> = p
            .levels
            .iter()
            .map(|l| position(&catalogue.levels, l))
            .collect();
        set.sort_unstable();
        set.dedup();
        let n = match sets.iter().position(|s| *s == set) {
            Some(n) => n,
            None => {
                sets.push(set);
                sets.len() - 1
            }
        };
        set_of.push(n as u32);
        field_of.push(position(&catalogue.fields, &p.field));
        agency_of.push(
            catalogue
                .agencies
                .binary_search_by(|a| a.id.as_str().cmp(&p.agency))
                .unwrap_or(0) as u32,
        );
    }
    let mut out = Vec::new();
    varint(&mut out, catalogue.procedures.len() as u64);
    varint(&mut out, sets.len() as u64);
    for set in &sets {
        varint(&mut out, set.len() as u64);
        for &l in set {
            varint(&mut out, u64::from(l));
        }
    }
    for (values, count) in [
        (&set_of, sets.len()),
        (&field_of, catalogue.fields.len()),
        (&agency_of, catalogue.agencies.len()),
    ] {
        let width = bits_for(count);
        varint(&mut out, u64::from(width));
        bitpack(&mut out, values, width);
    }
    out
}

/// The files to write, relative to `search/`.
#[derive(Default)]
struct Files {
    out: Vec<(String, Vec<u8>)>,
}

impl Files {
    /// A directory named after the hash of all its files; returns (name, file count).
    fn dir(&mut self, prefix: &str, files: Vec<(String, Vec<u8>)>) -> (String, usize) {
        let mut all = Vec::new();
        for (name, bytes) in &files {
            string(&mut all, name);
            varint(&mut all, bytes.len() as u64);
            all.extend_from_slice(bytes);
        }
        let dir = format!("{prefix}-{}", content_hash(&all));
        let count = files.len();
        for (name, bytes) in files {
            self.out.push((format!("{dir}/{name}"), bytes));
        }
        (dir, count)
    }

    fn single(&mut self, stem: &str, ext: &str, bytes: Vec<u8>) -> String {
        let name = format!("{stem}-{}.{ext}", content_hash(&bytes));
        self.out.push((name.clone(), bytes));
        name
    }
}

#[derive(Serialize)]
struct Manifest {
    format: u32,
    docs: u64,
    bm25: Bm25,
    query: QueryParams,
    fields: Vec<FieldEntry>,
    facets: Facets,
    files: FileTable,
}

#[derive(Serialize)]
struct Bm25 {
    k1: f32,
    b: f32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QueryParams {
    max_expansions: usize,
    min_prefix_chars: usize,
    max_word_chars: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FieldEntry {
    name: &'static str,
    form: Form,
    family: Family,
    boost: f32,
    completes: bool,
    completion_boost: f32,
    tokens: u64,
}

#[derive(Serialize)]
struct Facets {
    level: Vec<Named>,
    field: Vec<Named>,
    agency: Vec<Named>,
}

#[derive(Serialize)]
struct Named {
    id: String,
    name: String,
}

impl Named {
    fn new(id: &str, name: &str) -> Self {
        Named {
            id: id.to_string(),
            name: name.to_string(),
        }
    }
}

#[derive(Serialize)]
struct FileTable {
    short: ShardDir,
    body: ShardDir,
    completions: ShardDir,
    docs: DocsDir,
    facets: String,
}

#[derive(Serialize)]
struct ShardDir {
    dir: String,
    shards: usize,
}

#[derive(Serialize)]
struct DocsDir {
    dir: String,
    chunk: usize,
    chunks: usize,
}
