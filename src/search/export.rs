//! Export: what tantivy holds (read back by `read.rs`) written as static files that a browser
//! fetches piecemeal (`theme/static/search.js` reads them).
//!
//! # Layout of `search/`
//!
//! ```text
//! search/manifest.json          the only file with a fixed name; small; revalidate it
//! search/s-<hash>/<n>.bin       dictionary shards, words: their short fields (title,
//!                               keywords, code, names) and body, in one entry per term
//! search/k-<hash>/<n>.bin       dictionary shards, words with a digit (codes, numbers)
//! search/p-<hash>/<n>.bin       dictionary shards, bigrams (pairs of adjacent words)
//! search/w-<hash>/<n>.bin       dictionary shards, whole titles
//! search/r{s,p,w}-<hash>/<region>-<group>.bin
//!                               region files: the postings of large lists, one region each
//! search/c-<hash>/<n>.bin       completion shards (for the word being typed)
//! search/d-<hash>/<n>.bin       result rows (JSON), `chunk` procedures a file
//! search/agencies-<hash>.bin    agency names and each procedure's agency (agency filter only)
//! search/fields-<hash>.bin      the fields' ids and names, JSON (the filters only)
//! ```
//!
//! Every file but the manifest is stored **deflated** (raw DEFLATE, RFC 1951): what is
//! described below is what inflating it gives. What a query downloads is then small as
//! stored, on any host; a host that also compresses gains little. The client inflates with
//! `DecompressionStream('deflate-raw')`, or in older browsers with `inflate.js`.
//!
//! `<hash>` is a hash of the content of the file, or of every file of the directory, so any
//! URL under `search/` other than the manifest is immutable: serve it with
//! `Cache-Control: max-age=31536000, immutable`.
//!
//! # Document numbers
//!
//! Documents are numbered in `index::doc_order`: by field, level set, plain procedures
//! before qualified variants, folded title, code (tantivy holds them in the same order, so
//! ties rank alike). A field, a level set and plainness are then runs of consecutive
//! numbers, listed in the manifest, and need no per-document file.
//! Numbers are cut into *regions* of `region` (1,024) consecutive ids.
//!
//! # `manifest.json`
//!
//! ```json
//! { "format": 8,
//!   "docs": 21,                                  // N of BM25 (tantivy's max_doc)
//!   "bm25": { "k1": 1.2, "b": 0.75 },
//!   "query": { "maxExpansions": 8, "minPrefixChars": 2, "maxWordChars": 40,
//!              "boilerplate": ["thu", "tuc"],       // left out at the start of a query
//!              "fillers": [["tôi", "muốn"], …],     // left out anywhere (accented words)
//!              "synonymBoost": 0.8, "typoBoost": 0.5, "minTypoChars": 4,
//!              "longWordChars": 8, "maxCorrections": 3, "plainBonus": 0.25,
//!              "qualifierPairs": ["luu dong", …], "maxFallbackQueries": 64 },
//!                                                // the rules of `query.rs` that use them
//!   "region": 1024, "blockedMinDf": 256,
//!   "fields": [ [ "title",                   // name
//!                 "accented",                // form: accented | folded | bigram | whole
//!                 "short",                   // family: short | body | pair | whole
//!                 0.1875, 0.15,              // boost, completion boost
//!                 "fn",                      // flags: c completes, f freqs, n norms
//!                                            // (what tantivy records)
//!                 97,                        // Σ field length, tantivy's total_num_tokens
//!                 1 ] ],                     // accented fields only: the twin, the folded
//!                                            // field of the same text
//!   "facets": { "level": [ { "id", "name" } ],
//!               "sets": [[0, 2], …],               // the distinct level sets
//!               "runs": "SgAAJxY…" },              // document numbers in order, in runs:
//!               // base64 of varints `length field−previous_field set plain` for each run
//!               // (previous_field 0 for the first); the first `plain` of a run are not
//!               // qualified variants (`fields::is_variant`); a field is a place in the
//!               // fields file (fetched for the filters only: a national catalogue's field
//!               // names would double the manifest)
//!   "url": "thu-tuc/{slug}/",                    // a procedure's page (`urls::procedure`)
//!   "files": { "words": { "dir": "s-…", "shards": 64, "regions": "rs-…", "groups": 8 },
//!              "digits": { "dir": "k-…", "shards": 16 },
//!              "pair": {…}, "whole": {…},     // as "words"
//!              "completions": { "dir": "c-…", "shards": 4 },
//!              "docs": { "dir": "d-…", "chunk": 1, "chunks": 21 },
//!              "agencies": "agencies-….bin", "fields": "fields-….json" } }
//! ```
//!
//! Field numbers below are indexes into `fields`; boosts are f32 values (round them to f32).
//!
//! # Binary files
//!
//! Integers are unsigned LEB128 varints; a string is a varint byte length and UTF-8.
//!
//! A **dictionary shard** holds every term whose *key* hashes to it:
//! `shard = fnv1a32(key) mod shards` (FNV-1a over the key's UTF-8). The key of a term is the
//! term itself, so a word typed without marks fetches only its folded form's shard (and the
//! accented terms written without marks, which share it); a word typed with marks fetches
//! the shard of its folding too, which holds the twins of encoding 3. A word's short and
//! body lists are one entry in the words' shards, or in the digit shards when its key has
//! an ASCII digit. A whole title is written under its *name*, base64url of the 64-bit
//! FNV-1a of its text (11 characters: `whole_name`), unless two titles have one name, which
//! then keep their text; its key is still the text.
//!
//! The number of shards of each dictionary is shared out within the file budget in
//! proportion to √(fetches per query · bytes) (`shards::share_files`), which makes what a
//! query fetches of them least.
//!
//! ```text
//! shard   := count:varint term* [synonyms]      terms sorted by bytes
//! synonyms:= count:varint (phrase:string meanings:varint meaning:string*)*
//!                  words' and digit shards only: the synonym table's entries whose
//!                  phrase's first word, folded, is a key of this shard (phrases in code
//!                  point order; words accented, joined by single spaces; see `synonyms.rs`)
//! term    := text:string lists:varint list* [group:varint]
//!                  group: only when a list is blocked (encoding 4 of a field): the group
//!                  of the term's region files
//! list    := field:varint df:varint postings    df = tantivy's doc_freq
//! postings:= 0 gap*df freqs                     gap = doc − previous − 1 (previous = −1)
//!          | 1 bitmap freqs                     ⌈width/8⌉ bytes, doc d = bit d%8 of byte d/8
//!          | 2 values:varint (value freq′)*values
//!                  every procedure of some fields (value = a place in the fields file;
//!                  used for text that is a function of the field, the topics), in doc
//!                  order, all with that freq
//!          | 3 len:varint bitmap′ same:varint [freqs]
//!                  a subset of the list of field `twin` for term fold(text) (same file):
//!                  bit i of bitmap′ (len = ⌈df_twin/8⌉ bytes) keeps the twin's i-th posting; with
//!                  same = 1 each keeps the twin's tf and norm, else freqs follow
//!          | 4 regions:varint (0 gap*regions | 1 bitmap″) q:u8*regions max:f32
//!                  a blocked list (df ≥ blockedMinDf, not encoding 2): the regions holding its
//!                  postings (gaps as above over region numbers, or bitmap″ of ⌈⌈N/region⌉/8⌉
//!                  bytes, bit r for region r) and, for each, an upper bound
//!                  of boost·BM25 of the list there: max·q/255 (f32 little-endian `max`); the
//!                  postings are in the region files
//! freqs   := [width:varint packed] [others:varint (gap:varint tf−1:varint)*others]
//!                  norms: df field norm ids, `width` bits each (bit-packed as below);
//!                  then, with freqs, the postings whose tf is not 1: gap = index − previous
//!                  index (previous = 0); the parts are there only if the field has norms
//!                  (resp. freqs)
//! freq′   := one varint: (tf − 1)·256 + fieldnorm_id | tf − 1 | fieldnorm_id | nothing
//!                  for fields with freqs and norms | freqs only | norms only | neither
//! ```
//!
//! In a dictionary shard `width` is N. A **region file** `<r>-<g>.bin` of a family holds,
//! in the same `shard` syntax, the postings in region `r` of the blocked lists of the terms
//! of group `g` (the group at the end of a term's dictionary entry; an accented term has its
//! folding's group): doc numbers relative to the region's first (`r·region`), `width` the
//! region's size, encodings 0, 1 and 3 only (the twin of encoding 3 is then in the same
//! file), a word's short and body lists in one entry. Groups are filled heaviest term
//! first, each into the lightest group so far, so that a common word's region files carry
//! few other words' postings. Without freqs tf is 1; without norms the
//! field norm id is 1 (tantivy's constant). BM25's `dl` is `id_to_fieldnorm(fieldnorm_id)`
//! (the client rebuilds tantivy's table).
//!
//! A query's score in a region is at most the sum over its words of the best bound of each
//! word's lists there (a list held whole bounds itself), plus its pairs' and whole title's;
//! the client scores regions in order of that bound and stops once its last shown result
//! beats the next bound. Its counts are then "at least"; asked to be exact, it scores every
//! region all the words share.
//!
//! **Pair bounds** (format 7). The entry of a pair term `"a b"` in a pair dictionary shard
//! may end with one or two lists of pseudo-fields (numbers past the last field):
//!
//! ```text
//! list    := F:varint both:varint 4 …       F = fields.length: per region, an upper bound
//!                  of S(a) + S(b) + the bigram lists of "a b" over the procedures with both
//!                  words (`both` of them), S(w) being what a word scores in every accented
//!                  and folded field (its folded term in the folded fields, plus the best of
//!                  its accented forms in the accented fields)
//!          | F+1:varint count:varint 4 …    the same over the procedures with `a` and a
//!                  completion candidate `c` of `b` (see completions below), with C(b) =
//!                  the best over c of what c scores in the completing fields at their
//!                  completion boost in place of S(b)
//! ```
//!
//! Both are written when `a` and `b` each have a list of `blockedMinDf` postings or more and
//! `"a b"` is a bigram of a title or keywords, and also for `"a p"`, `p` each prefix of `b` of
//! three characters or more (a term of its own when no text has that bigram): `b` being typed.
//! List `F` is always there (with no region when no procedure has both words), list `F+1`
//! only when some procedure has `a` and a completion of `b`. No pair has them when the
//! index has fewer than three regions, or when their bytes would make the export choose
//! larger files than without them (see `FILE_SIZES`). A region that the list `F` of
//! an adjacent pair of the query's words leaves out holds no procedure with both words.
//! The client bounds a region by the least of the sum over words and the sums that count
//! adjacent pairs of words (units of one word with no synonyms, no completions on the first)
//! through their tables, pairing from the first word or from the second. The words of a
//! synonym phrase and of each of its meanings are paired through their tables the same way
//! (a meaning's lists all weigh its factor times their field's boost, so its pairs are
//! bounded by the factor times the table).
//! It then fetches a region's word files first (short and body postings), for the two
//! words (units) of the largest bounds there, then one more at a time, scoring with each
//! other blocked list's bound in that region standing in for its postings, and skips the
//! region (its other files unfetched) as soon as no procedure there can beat the last
//! result shown.
//!
//! A **completion shard** holds the candidate completions (folded terms of the completing
//! fields, three characters or more) whose first two characters hash to it:
//! `completions := count:varint (text:string weight:varint)*`, weight = Σ doc_freq over the
//! completing fields. A prefix's completions are its longer candidates, by weight, then by
//! code point order, at most `maxExpansions`; an unknown word's corrections are the
//! candidates with its first two characters within one or two edits (see `query.rs`), so a
//! typo costs at most this one file.
//!
//! The **agencies** file: `count:varint (id:string name:string)*count`, then
//! `width:varint` and N values of `width` bits, each document's agency (its place in the
//! list), value `i` at bits `i·width…`, low bit first.
//!
//! The **fields** file is JSON: `[{ "id", "name" }, …]`, the catalogue's fields in order.
//!
//! A **docs** chunk `n` is JSON:
//! `[[code, title, agency id, agency name, slug(, field id, field name)], …]` for
//! docs `n·chunk … n·chunk+chunk−1`. The slug is `0` when it is `slugify(title)`
//! (`text::slugify`), `1` when it is `slugify(title + " " + code)`, else itself; the page's
//! URL, relative to the site's base, is the manifest's `url` with `{slug}` replaced. The
//! field is left out when it is the same as the row before's in the file. A title that an
//! earlier row of the file has is that row's place in the file (a number), and so is an
//! agency id, its name then `0`.

use super::Error;
use super::encode::{bitpack, bits_for, content_hash, deflate, string, varint};
use super::fields::{
    BOILERPLATE, FIELDS, Family, LONG_WORD_CHARS, MAX_CORRECTIONS, MAX_EXPANSIONS,
    MAX_FALLBACK_QUERIES, MIN_PREFIX_CHARS, MIN_TYPO_CHARS, PLAIN_BONUS, QUALIFIER_PAIRS,
    SYNONYM_BOOST, TYPO_BOOST,
};
use super::index::{SearchIndex, level_set, position};
use super::query::completion_boost;
use super::read::{Stored, read_back};
use super::shards::{
    BLOCKED_MIN_DF, EncodedFamily, Facets, FamilyFiles, REGION, Scoring, add_synonyms,
    bucket_count, completion_entries, distinct_keys, encode_terms, entry_bytes, has_digit,
    pair_bounds, shard_files, share_files, twin_of,
};
use crate::catalogue::{Catalogue, Procedure};
use crate::progress::Progress;
use crate::text::slugify;
use crate::urls;
use serde::Serialize;
use std::path::Path;

pub const FORMAT: u32 = 8;
/// How finely the index is cut: the bytes aimed at for dictionary shards, whole-title
/// shards and region files, and the procedures per result-rows file.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Sizes {
    shard: usize,
    whole: usize,
    region: usize,
    docs_chunk: usize,
}

/// The choices, smallest files first. A query fetches whole files, so the smaller they are,
/// the fewer of other words' bytes (and other procedures' rows) it pays for; the cost is
/// more files in all. The export takes the first that keeps the index within
/// `FILE_BUDGET` files: a province's catalogue gets small files (2,000 procedures: about
/// 5,700), a national one stays within what a static host holds comfortably. Whole titles
/// are one rare term each, many of them: bigger shards keep their count down.
const FILE_SIZES: [Sizes; 6] = [
    Sizes {
        shard: 128,
        whole: 256,
        region: 128,
        docs_chunk: 1,
    },
    Sizes {
        shard: 256,
        whole: 512,
        region: 256,
        docs_chunk: 1,
    },
    Sizes {
        shard: 512,
        whole: 1024,
        region: 512,
        docs_chunk: 2,
    },
    Sizes {
        shard: 1024,
        whole: 2048,
        region: 1024,
        docs_chunk: 5,
    },
    Sizes {
        shard: 1024,
        whole: 2048,
        region: 1024,
        docs_chunk: 10,
    },
    Sizes {
        shard: 1024,
        whole: 2048,
        region: 2048,
        docs_chunk: 10,
    },
];
/// How many files of each dictionary a query fetches, roughly: a word shard for each of its
/// (about three) words, a pair shard for each adjacent pair, one whole-title
/// shard, one completion shard for the word being typed or mistyped, and a digit shard only
/// for a word with a digit (a code, a number), which few queries have. Only their ratios
/// matter (`share_files`).
struct Fetches {
    words: f64,
    digits: f64,
    pair: f64,
    whole: f64,
    completions: f64,
}

const FETCHES: Fetches = Fetches {
    words: 3.0,
    digits: 0.2,
    pair: 2.0,
    whole: 1.0,
    completions: 1.0,
};

/// The most files the index should have (format 2 had 34,220 at 100,000 procedures).
const FILE_BUDGET: usize = 32_768;
const COMPLETION_TARGET_BYTES: usize = 1024;
/// The smallest dictionary files worth their request.
const SMALLEST_FILE: usize = 128;

/// `FILE_BUDGET`, or `THUTUC_SEARCH_FILE_BUDGET` when set: for a host that holds fewer
/// files, and for the tests of the largest files on a small catalogue. An input of the build
/// (its cache keeps a site built with another budget from counting as up to date).
pub fn file_budget() -> usize {
    std::env::var("THUTUC_SEARCH_FILE_BUDGET")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(FILE_BUDGET)
}

/// What an export wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportStats {
    pub procedures: usize,
    pub files: usize,
    pub total_bytes: usize,
    pub manifest_bytes: usize,
    /// The words' dictionary (short and body fields) and the digit dictionary.
    pub word_bytes: usize,
    pub pair_bytes: usize,
    pub whole_bytes: usize,
    /// The region files of the four families.
    pub region_bytes: usize,
    pub completion_bytes: usize,
    pub docs_bytes: usize,
    /// The agency names and each procedure's agency, and the field names (fetched for the
    /// filters only).
    pub facet_bytes: usize,
}

/// Indexes `catalogue` with tantivy and hands the files of the static index to `write`,
/// as paths under `search/`.
/// `memo`: the analysed terms of the last build (`serve`), reused where they hold.
pub fn export(
    catalogue: &Catalogue,
    memo: Option<&super::index::Memo>,
    write: crate::render::Write,
    progress: &Progress,
) -> Result<ExportStats, Error> {
    let ix = super::index::build(catalogue, memo, progress)?;
    progress.step("writing the search index");
    let stored = read_back(&ix)?;
    // tantivy's copy of the postings is not needed past here: hundreds of MB at 100,000
    let SearchIndex {
        index,
        reader,
        order,
        plain,
        synonyms,
        ..
    } = ix;
    drop((reader, index));
    write_files(catalogue, stored, &order, &plain, &synonyms, write)
}

/// Writes the static index into `out_dir/search/`, replacing what was there.
pub fn write_into(
    catalogue: &Catalogue,
    ix: &SearchIndex,
    out_dir: &Path,
) -> Result<ExportStats, Error> {
    let root = out_dir.join(crate::urls::SEARCH_INDEX);
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    let write = |rel: &str, bytes: &[u8]| {
        let path = out_dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)
    };
    let stored = read_back(ix)?;
    write_files(
        catalogue,
        stored,
        &ix.order,
        &ix.plain,
        &ix.synonyms,
        &write,
    )
}

/// Hands every file of the export to `write`: `stored`, what an index of `catalogue` holds,
/// with that index's document numbering (`order`, `plain`) and synonyms.
fn write_files(
    catalogue: &Catalogue,
    stored: Stored,
    order: &[usize],
    plain: &[bool],
    synonyms: &super::synonyms::Table,
    write: crate::render::Write,
) -> Result<ExportStats, Error> {
    let procedures: Vec<&Procedure> = order.iter().map(|&i| &*catalogue.procedures[i]).collect();
    let columns = FacetColumns::of(catalogue, &procedures);
    let facets = Facets {
        field_of: columns.field.clone(),
        agency_of: columns.agency.clone(),
    };
    let scoring = Scoring {
        num_docs: stored.num_docs,
        tokens: stored.fields.iter().map(|f| f.total_tokens).collect(),
    };
    let none = std::collections::BTreeMap::new();
    // a word's short and body lists are in one dictionary entry and its region pieces in
    // one region file: a query fetches both for a word anyway
    let [mut words, plain_pair, mut whole] = [
        &[Family::Short, Family::Body][..],
        &[Family::Pair],
        &[Family::Whole],
    ]
    .map(|families| encode_terms(&stored, &facets, &scoring, families, &none));
    // the pairs' bounds, unless their bytes would cost larger files (a coarser tier)
    let bounded_pair = encode_terms(
        &stored,
        &facets,
        &scoring,
        &[Family::Pair],
        &pair_bounds(&stored, &scoring),
    );
    let completions = completion_entries(&stored);
    // every posting is encoded now: the rest needs only what `scoring` keeps
    drop(stored);
    // the tier's dictionary files, before they are shared out (`share_files`)
    let dictionary_files = |sizes: Sizes, pair: &EncodedFamily| -> usize {
        bucket_count(words.dictionary_bytes(), sizes.shard)
            + bucket_count(pair.dictionary_bytes(), sizes.shard)
            + bucket_count(whole.dictionary_bytes(), sizes.whole)
            + bucket_count(entry_bytes(&completions), COMPLETION_TARGET_BYTES)
    };
    // region files, result rows, the agencies and the fields
    let other_files = |sizes: Sizes, pair: &EncodedFamily| -> usize {
        let region_files: usize = [&words, pair, &whole]
            .iter()
            .map(|family| family.region_file_count(sizes.region))
            .sum();
        region_files + procedures.len().div_ceil(sizes.docs_chunk) + 2
    };
    let file_count = |sizes: Sizes, pair: &EncodedFamily| -> usize {
        dictionary_files(sizes, pair) + other_files(sizes, pair)
    };
    let budget = file_budget();
    let tier = |pair: &EncodedFamily| {
        FILE_SIZES
            .iter()
            .position(|&sizes| file_count(sizes, pair) <= budget)
            .unwrap_or(FILE_SIZES.len() - 1)
    };
    // (the encoding not chosen is dropped here, not held to the end)
    let (tier, pair) = match (bounded_pair, plain_pair) {
        (bounded, plain) if tier(&bounded) <= tier(&plain) => (tier(&bounded), bounded),
        (_, plain) => (tier(&plain), plain),
    };
    let sizes = FILE_SIZES[tier];
    let tier_dictionary_files = dictionary_files(sizes, &pair);
    let left = budget.saturating_sub(other_files(sizes, &pair));
    let mut pair = pair;
    for family in [&mut words, &mut pair, &mut whole] {
        family.group(sizes.region);
    }
    // codes and numbers: in a national catalogue, nine in ten of the words
    let digits = words.take_entries(has_digit);
    let dictionary = |fetches: f64, entries: &[(String, Vec<u8>)]| {
        (fetches, entry_bytes(entries), distinct_keys(entries))
    };
    let dictionaries = [
        dictionary(FETCHES.words, words.entries()),
        dictionary(FETCHES.digits, &digits),
        dictionary(FETCHES.pair, pair.entries()),
        dictionary(FETCHES.whole, whole.entries()),
        dictionary(FETCHES.completions, &completions),
    ];
    // the dictionaries may have what the budget leaves, down to files of SMALLEST_FILE bytes:
    // every query fetches dictionary shards, and few of each
    let dictionary_bytes: usize = dictionaries.iter().map(|d| d.1).sum();
    let dictionary_total = tier_dictionary_files.max(left.min(dictionary_bytes / SMALLEST_FILE));
    let [
        word_shards,
        digit_shards,
        pair_shards,
        whole_shards,
        completion_shards,
    ] = share_files(dictionary_total, &dictionaries)[..]
    else {
        unreachable!("one count per dictionary")
    };
    let mut files = Files::default();
    let mut digit_shards = shard_files(digits, digit_shards);
    let mut family = |prefix: &str, encoded: EncodedFamily, shards: usize| {
        let FamilyFiles {
            mut shards,
            regions,
            groups,
        } = encoded.into_files(shards);
        // each synonym at the end of the dictionary shard of its first word
        if prefix == "s" {
            add_synonyms(&mut shards, &mut digit_shards, synonyms);
        }
        let dict = files.dir(prefix, shards);
        let regions = files.dir(&format!("r{prefix}"), regions);
        TermFiles {
            dir: dict.dir,
            shards: dict.shards,
            regions: regions.dir,
            groups,
        }
    };
    let words = family("s", words, word_shards);
    let pair = family("p", pair, pair_shards);
    let whole = family("w", whole, whole_shards);
    let digits = files.dir("k", digit_shards);
    let completions = files.dir("c", shard_files(completions, completion_shards));
    let chunks = docs_chunks(catalogue, &procedures, sizes.docs_chunk)?;
    let docs = DocsDir {
        chunk: sizes.docs_chunk,
        chunks: chunks.len(),
        dir: files.dir("d", chunks).dir,
    };
    let agencies = files.single("agencies", "bin", columns.agencies_file(catalogue));
    let field_names: Vec<Named> = catalogue
        .fields
        .iter()
        .map(|t| Named::new(&t.id, &t.name))
        .collect();
    let field_names = serde_json::to_vec(&field_names).map_err(|e| Error::Io(e.into()))?;
    let field_names = files.single("fields", "bin", field_names);

    let manifest = Manifest {
        format: FORMAT,
        docs: scoring.num_docs,
        bm25: Bm25 { k1: 1.2, b: 0.75 },
        query: QueryParams {
            max_expansions: MAX_EXPANSIONS,
            min_prefix_chars: MIN_PREFIX_CHARS,
            max_word_chars: super::analyzer::MAX_WORD_CHARS,
            boilerplate: super::analyzer::words(BOILERPLATE)
                .into_iter()
                .map(|w| w.folded)
                .collect(),
            fillers: super::query::filler_phrases(),
            synonym_boost: SYNONYM_BOOST,
            typo_boost: TYPO_BOOST,
            min_typo_chars: MIN_TYPO_CHARS,
            long_word_chars: LONG_WORD_CHARS,
            max_corrections: MAX_CORRECTIONS,
            plain_bonus: PLAIN_BONUS,
            qualifier_pairs: QUALIFIER_PAIRS.to_vec(),
            max_fallback_queries: MAX_FALLBACK_QUERIES,
        },
        region: REGION,
        blocked_min_df: BLOCKED_MIN_DF,
        fields: FIELDS
            .iter()
            .zip(&scoring.tokens)
            .enumerate()
            .map(|(n, (spec, &tokens))| FieldEntry {
                name: spec.name,
                form: spec.form,
                family: spec.family,
                boost: spec.boost,
                completion_boost: completion_boost(spec.boost),
                flags: [(spec.completes, "c"), (spec.freqs, "f"), (spec.norms, "n")]
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, letter)| *letter)
                    .collect(),
                tokens,
                twin: twin_of(n),
            })
            .collect(),
        url: urls::procedure("{slug}"),
        facets: FacetNames {
            level: catalogue
                .levels
                .iter()
                .map(|t| Named::new(&t.id, &t.name))
                .collect(),
            sets: columns.sets.clone(),
            runs: encode_runs(&columns.runs(plain)),
        },
        files: FileTable {
            words,
            digits,
            pair,
            whole,
            completions,
            docs,
            agencies,
            fields: field_names,
        },
    };
    let manifest = serde_json::to_vec(&manifest).map_err(|e| Error::Io(e.into()))?;
    files.out.push(("manifest.json".into(), manifest));

    let mut stats = ExportStats {
        procedures: catalogue.procedures.len(),
        ..Default::default()
    };
    for (name, bytes) in &files.out {
        // every file but the manifest deflated: a query's bytes as stored, on any host
        let deflated;
        let bytes = if name == "manifest.json" {
            bytes
        } else {
            deflated = deflate(bytes);
            &deflated
        };
        write(&format!("{}{name}", crate::urls::SEARCH_INDEX), bytes)?;
        stats.files += 1;
        stats.total_bytes += bytes.len();
        let slot = match name.split(['-', '.']).next() {
            Some("manifest") => &mut stats.manifest_bytes,
            Some("s" | "k") => &mut stats.word_bytes,
            Some("p") => &mut stats.pair_bytes,
            Some("w") => &mut stats.whole_bytes,
            Some("c") => &mut stats.completion_bytes,
            Some("d") => &mut stats.docs_bytes,
            Some("agencies" | "fields") => &mut stats.facet_bytes,
            _ => &mut stats.region_bytes,
        };
        *slot += bytes.len();
    }
    Ok(stats)
}

/// The runs as the manifest holds them: base64 of varints `length field−previous field
/// set plain` (the previous field of the first run is 0).
fn encode_runs(runs: &[[u32; 4]]) -> String {
    use base64::Engine;
    let mut bytes = Vec::new();
    let mut previous_field = 0;
    // documents are numbered by field first (`index::doc_order`), so fields only go up
    for &[length, field, set, plain] in runs {
        varint(&mut bytes, u64::from(length));
        varint(&mut bytes, u64::from(field - previous_field));
        varint(&mut bytes, u64::from(set));
        varint(&mut bytes, u64::from(plain));
        previous_field = field;
    }
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Result rows in document order: `[code, title, agency id, agency name, slug, field id,
/// field name]`, the slug as `0` when it is `slugify(title)` and `1` when it is
/// `slugify(title code)`, the field left out when it is the row before's (documents are
/// numbered by field, so a file of rows is mostly one field). A title that an earlier row of
/// the file has is that row's place in the file, and so is an agency id, with the name then
/// `0` (the same procedure in many provinces sits side by side, by its title).
fn docs_chunks(
    catalogue: &Catalogue,
    procedures: &[&Procedure],
    docs_chunk: usize,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    use serde_json::{Value, json};
    procedures
        .chunks(docs_chunk)
        .enumerate()
        .map(|(i, chunk)| {
            let mut previous_field = None;
            let mut titles: Vec<(&str, usize)> = Vec::new();
            let mut agencies: Vec<(&str, usize)> = Vec::new();
            let rows: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(n, p)| {
                    let slug = if p.slug == slugify(&p.title) {
                        json!(0)
                    } else if p.slug == slugify(&format!("{} {}", p.title, p.code)) {
                        json!(1)
                    } else {
                        json!(p.slug)
                    };
                    let mut row = vec![json!(p.code)];
                    match titles.iter().find(|(t, _)| *t == p.title) {
                        Some(&(_, k)) => row.push(json!(k)),
                        None => {
                            titles.push((&p.title, n));
                            row.push(json!(p.title));
                        }
                    }
                    match agencies.iter().find(|(a, _)| *a == p.agency) {
                        Some(&(_, k)) => row.extend([json!(k), json!(0)]),
                        None => {
                            agencies.push((&p.agency, n));
                            let agency =
                                catalogue.agency(&p.agency).map_or("", |a| a.name.as_str());
                            row.extend([json!(p.agency), json!(agency)]);
                        }
                    }
                    row.push(slug);
                    if previous_field.replace(&p.field) != Some(&p.field) {
                        let field = catalogue.field(&p.field).map_or("", |f| f.name.as_str());
                        row.extend([json!(p.field), json!(field)]);
                    }
                    Value::Array(row)
                })
                .collect();
            let bytes = serde_json::to_vec(&rows).map_err(|e| Error::Io(e.into()))?;
            Ok((format!("{i}.bin"), bytes))
        })
        .collect()
}

/// Each document's level set, field and agency, as positions in the catalogue's lists.
struct FacetColumns {
    sets: Vec<Vec<u32>>,
    set: Vec<u32>,
    field: Vec<u32>,
    agency: Vec<u32>,
}

impl FacetColumns {
    fn of(catalogue: &Catalogue, procedures: &[&Procedure]) -> Self {
        let mut c = FacetColumns {
            sets: Vec::new(),
            set: Vec::new(),
            field: Vec::new(),
            agency: Vec::new(),
        };
        for p in procedures {
            let set: Vec<u32> = level_set(catalogue, p)
                .into_iter()
                .map(|l| l as u32)
                .collect();
            let n = match c.sets.iter().position(|s| *s == set) {
                Some(n) => n,
                None => {
                    c.sets.push(set);
                    c.sets.len() - 1
                }
            };
            c.set.push(n as u32);
            c.field.push(position(&catalogue.fields, &p.field) as u32);
            let agency = catalogue
                .agencies
                .binary_search_by(|a| a.id.as_str().cmp(&p.agency));
            c.agency.push(agency.unwrap_or(0) as u32);
        }
        c
    }

    /// Documents are numbered by field, then level set, so both are runs of ids, and in a
    /// run the plain procedures come first: `[length, field, level set, plain]` in id
    /// order, `plain` the number of plain procedures at the start of the run.
    fn runs(&self, plain: &[bool]) -> Vec<[u32; 4]> {
        let mut runs: Vec<[u32; 4]> = Vec::new();
        for ((&field, &set), &plain) in self.field.iter().zip(&self.set).zip(plain) {
            let plain = u32::from(plain);
            match runs.last_mut() {
                Some(run) if run[1] == field && run[2] == set => {
                    run[0] += 1;
                    run[3] += plain;
                }
                _ => runs.push([1, field, set, plain]),
            }
        }
        runs
    }

    /// `count:varint (id:string name:string)*count width:varint column`: the agencies, then
    /// each document's agency, bit-packed.
    fn agencies_file(&self, catalogue: &Catalogue) -> Vec<u8> {
        let mut out = Vec::new();
        varint(&mut out, catalogue.agencies.len() as u64);
        for a in &catalogue.agencies {
            string(&mut out, &a.id);
            string(&mut out, &a.name);
        }
        let width = bits_for(catalogue.agencies.len());
        varint(&mut out, u64::from(width));
        bitpack(&mut out, &self.agency, width);
        out
    }
}

/// The files to write, relative to `search/`.
#[derive(Default)]
struct Files {
    out: Vec<(String, Vec<u8>)>,
}

impl Files {
    /// A directory named after the hash of all its files.
    fn dir(&mut self, prefix: &str, files: Vec<(String, Vec<u8>)>) -> ShardDir {
        let mut all = Vec::new();
        for (name, bytes) in &files {
            string(&mut all, name);
            varint(&mut all, bytes.len() as u64);
            all.extend_from_slice(bytes);
        }
        let dir = format!("{prefix}-{}", content_hash(&all));
        let shards = files.len();
        for (name, bytes) in files {
            self.out.push((format!("{dir}/{name}"), bytes));
        }
        ShardDir { dir, shards }
    }

    fn single(&mut self, stem: &str, ext: &str, bytes: Vec<u8>) -> String {
        let name = format!("{stem}-{}.{ext}", content_hash(&bytes));
        self.out.push((name.clone(), bytes));
        name
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    format: u32,
    docs: u64,
    bm25: Bm25,
    query: QueryParams,
    region: u32,
    blocked_min_df: usize,
    fields: Vec<FieldEntry>,
    url: String,
    facets: FacetNames,
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
    boilerplate: Vec<String>,
    fillers: Vec<Vec<String>>,
    synonym_boost: f32,
    typo_boost: f32,
    min_typo_chars: usize,
    long_word_chars: usize,
    max_corrections: usize,
    plain_bonus: f32,
    qualifier_pairs: Vec<&'static str>,
    max_fallback_queries: usize,
}

/// A field of the manifest, written as an array (see the format above): the manifest is
/// in every first query's bytes.
struct FieldEntry {
    name: &'static str,
    form: super::analyzer::Form,
    family: Family,
    boost: f32,
    completion_boost: f32,
    /// `c` completes, `f` freqs, `n` norms
    flags: String,
    tokens: u64,
    twin: Option<usize>,
}

impl Serialize for FieldEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(self.name)?;
        seq.serialize_element(&self.form)?;
        seq.serialize_element(&self.family)?;
        seq.serialize_element(&self.boost)?;
        seq.serialize_element(&self.completion_boost)?;
        seq.serialize_element(&self.flags)?;
        seq.serialize_element(&self.tokens)?;
        if let Some(twin) = self.twin {
            seq.serialize_element(&twin)?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct FacetNames {
    level: Vec<Named>,
    sets: Vec<Vec<u32>>,
    /// The runs of document numbers: base64 of varints `length field−previous field set
    /// plain` for each run.
    runs: String,
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
    words: TermFiles,
    digits: ShardDir,
    pair: TermFiles,
    whole: TermFiles,
    completions: ShardDir,
    docs: DocsDir,
    agencies: String,
    fields: String,
}

#[derive(Serialize)]
struct TermFiles {
    dir: String,
    shards: usize,
    regions: String,
    groups: usize,
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
