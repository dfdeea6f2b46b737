//! Term and completion shards: every term's postings as bytes, grouped into files by the hash
//! of the term's key. The byte format is described in `export.rs`; each list takes the
//! smallest of the encodings that represent it exactly.

use super::analyzer::{Form, fold};
use super::encode::{bitpack, bits_for, fnv1a32, string, varint, whole_name};
use super::fields::{FIELDS, Family, FieldSpec, MIN_PREFIX_CHARS, Source};
use super::query::completion_boost;
use super::read::{Posting, Stored};
use std::collections::BTreeMap;

/// A facet whose value alone decides a field's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Field,
    Agency,
}

impl Facet {
    pub fn name(self) -> &'static str {
        match self {
            Facet::Field => "field",
            Facet::Agency => "agency",
        }
    }
}

/// The facet a field's text is a function of, if any.
pub fn facet_of(spec: &FieldSpec) -> Option<Facet> {
    match spec.source {
        Source::Topics => Some(Facet::Field),
        Source::Agency => Some(Facet::Agency),
        _ => None,
    }
}

/// The folded field holding the same text as accented field `n`.
pub fn twin_of(n: usize) -> Option<usize> {
    let spec = &FIELDS[n];
    if spec.form != Form::Accented {
        return None;
    }
    FIELDS
        .iter()
        .position(|f| f.source == spec.source && f.form == Form::Folded)
}

/// The shard key of a term of a field in `form` (see `export.rs`).
pub fn key(term: &str, form: Form) -> String {
    match form {
        Form::Accented => fold(term),
        Form::Folded | Form::Bigram | Form::Whole => term.to_string(),
    }
}

/// The key a term's dictionary entry is sharded by: an accented term's own text, so that a
/// word typed without marks does not fetch the entries of every accented form of it (and
/// a word typed with marks fetches the shard of its folding too, which holds the twin);
/// else the shard key.
pub fn dictionary_key(term: &str, form: Form) -> String {
    match form {
        Form::Accented => term.to_string(),
        _ => key(term, form),
    }
}

/// What the encoder needs besides the postings: each procedure's facet values, and the
/// procedures of each facet value.
pub struct Facets {
    pub field_of: Vec<u32>,
    pub agency_of: Vec<u32>,
}

impl Facets {
    fn column(&self, facet: Facet) -> &[u32] {
        match facet {
            Facet::Field => &self.field_of,
            Facet::Agency => &self.agency_of,
        }
    }
}

/// Postings are cut into regions of this many consecutive document numbers; a list with at
/// least [`BLOCKED_MIN_DF`] postings keeps only a per-region summary in its dictionary shard
/// and its postings in region files, which a query fetches best region first.
pub const REGION: u32 = 1024;
pub const BLOCKED_MIN_DF: usize = 256;
/// A pair's bounds are also written for the first word and each prefix of the second of
/// this many characters or more (the second word being typed; see `pair_bounds`).
pub const PREFIX_KEY_CHARS: usize = 3;

/// What BM25 needs to bound a field's score contribution: N and the field's average length.
pub struct Scoring {
    pub num_docs: u64,
    /// Σ field lengths, per field of [`FIELDS`].
    pub tokens: Vec<u64>,
}

impl Scoring {
    /// boost · BM25 of each posting of a list of `df` postings in `field`, as a function of
    /// the posting; tantivy's formula in f64 (bounds add a margin for f32 rounding).
    fn scorer(&self, field: usize, df: usize) -> impl Fn(&Posting) -> f64 {
        let n = self.num_docs as f64;
        let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
        let avg = self.tokens[field] as f64 / n;
        let (k1, b) = (1.2, 0.75);
        let weight = f64::from(FIELDS[field].boost) * idf * (1.0 + k1);
        // k1·(1 − b + b·dl/avg) for every field norm id
        let norms: Vec<f64> = (0..=255u8)
            .map(|id| {
                let dl = f64::from(tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm(id));
                if avg > 0.0 {
                    k1 * (1.0 - b + b * dl / avg)
                } else {
                    k1 * (1.0 - b)
                }
            })
            .collect();
        move |p: &Posting| {
            let tf = f64::from(p.tf);
            weight * tf / (tf + norms[usize::from(p.norm)])
        }
    }
}

/// One family's terms, encoded but not yet cut into files: the dictionary entries and, per
/// region, the pieces of the blocked lists, each with its key.
pub struct EncodedFamily {
    entries: Vec<(String, Vec<u8>)>,
    /// The key of each entry's region pieces if it has a blocked list (the group of its
    /// region files goes at its end), until `group` has written the groups.
    with_regions: Vec<Option<String>>,
    blocked: Vec<Vec<(String, Vec<u8>)>>,
    /// Region files per region, and each key's, once `group` has run.
    groups: Option<(usize, BTreeMap<String, usize>)>,
}

impl EncodedFamily {
    pub fn dictionary_bytes(&self) -> usize {
        entry_bytes(&self.entries)
    }

    /// Its dictionary entries: (key, bytes).
    pub fn entries(&self) -> &[(String, Vec<u8>)] {
        &self.entries
    }

    /// Takes out the dictionary entries whose key passes `wanted`, once `group` has run
    /// (their region pieces stay: a term's region files are found through its entry).
    pub fn take_entries(&mut self, wanted: impl Fn(&str) -> bool) -> Vec<(String, Vec<u8>)> {
        assert!(self.groups.is_some(), "entries are taken once grouped");
        let (taken, kept) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|(key, _)| wanted(key));
        self.entries = kept;
        taken
    }

    /// Region files per region for files of about `region_target` bytes.
    fn group_count(&self, region_target: usize) -> usize {
        let regions = self.blocked.len();
        let region_bytes: usize = self.blocked.iter().flatten().map(|(_, b)| b.len()).sum();
        (region_bytes / (regions * region_target))
            .max(1)
            .next_power_of_two()
    }

    /// How many region files `into_files` would write for files of about `region_target`
    /// bytes (at most: a region file with no term is not written).
    pub fn region_file_count(&self, region_target: usize) -> usize {
        let with_blocked = self.blocked.iter().filter(|r| !r.is_empty()).count();
        with_blocked * self.group_count(region_target)
    }

    /// Gives each key with blocked lists a group of region files (of about `region_target`
    /// bytes) and writes it at the end of its dictionary entries. The heaviest keys go
    /// first, each into the lightest group so far: a common word's region files then
    /// carry few other words' postings, which a query fetching it pays for.
    pub fn group(&mut self, region_target: usize) {
        let count = self.group_count(region_target);
        let mut weights: BTreeMap<&str, usize> = BTreeMap::new();
        for (key, bytes) in self.blocked.iter().flatten() {
            *weights.entry(key).or_default() += bytes.len();
        }
        let mut keys: Vec<(&str, usize)> = weights.into_iter().collect();
        keys.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut loads: std::collections::BinaryHeap<std::cmp::Reverse<(usize, usize)>> =
            (0..count).map(|g| std::cmp::Reverse((0, g))).collect();
        let mut assigned = BTreeMap::new();
        for (key, weight) in keys {
            let std::cmp::Reverse((load, g)) = loads.pop().expect("count ≥ 1");
            assigned.insert(key.to_string(), g);
            loads.push(std::cmp::Reverse((load + weight, g)));
        }
        for ((_, bytes), with_regions) in self.entries.iter_mut().zip(&self.with_regions) {
            if let Some(key) = with_regions {
                varint(bytes, assigned[key] as u64);
            }
        }
        self.with_regions.clear();
        self.groups = Some((count, assigned));
    }

    /// `shards` dictionary shards and the region files, once `group` has run.
    pub fn into_files(self, shards: usize) -> FamilyFiles {
        let (groups, assigned) = self.groups.expect("grouped before cut into files");
        let mut region_files = Vec::new();
        for (r, list) in self.blocked.into_iter().enumerate() {
            for (g, bytes) in bucket_into(list, groups, |key| assigned[key]) {
                if bytes.len() > 1 {
                    region_files.push((format!("{r}-{g}.bin"), bytes));
                }
            }
        }
        FamilyFiles {
            shards: shard_files(self.entries, shards),
            regions: region_files,
            groups,
        }
    }
}

/// The bytes of dictionary entries.
pub fn entry_bytes(entries: &[(String, Vec<u8>)]) -> usize {
    entries.iter().map(|(_, b)| b.len()).sum()
}

/// How many distinct keys entries have: more files than that would be empty.
pub fn distinct_keys(entries: &[(String, Vec<u8>)]) -> usize {
    entries
        .iter()
        .map(|(key, _)| key.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// Dictionary files shared out between dictionaries: `total` files, each dictionary's share
/// in proportion to √(fetches · bytes), `fetches` being how many of its files a query
/// fetches. That makes the bytes a query fetches, Σ fetches · bytes / files, least for
/// the total. Each gets one file at least, and no more files than its entries have keys.
pub fn share_files(total: usize, dictionaries: &[(f64, usize, usize)]) -> Vec<usize> {
    let weight = |&(fetches, bytes, _): &(f64, usize, usize)| (fetches * bytes as f64).sqrt();
    let sum: f64 = dictionaries.iter().map(weight).sum();
    dictionaries
        .iter()
        .map(|d| {
            let share = if sum > 0.0 {
                (total as f64 * weight(d) / sum).round() as usize
            } else {
                1
            };
            share.min(d.2).max(1)
        })
        .collect()
}

/// The files of one family: its dictionary shards and its region files.
pub struct FamilyFiles {
    pub shards: Vec<(String, Vec<u8>)>,
    /// (file name `<region>-<group>.bin`, bytes)
    pub regions: Vec<(String, Vec<u8>)>,
    /// Region files per region (a term's group is at the end of its dictionary entry).
    pub groups: usize,
}

/// The terms of the fields of `families`, encoded (a term's lists of all of them in one entry):
/// cut them into files with `EncodedFamily::into_files`.
pub fn encode_terms(
    stored: &Stored,
    facets: &Facets,
    scoring: &Scoring,
    families: &[Family],
    pair_bounds: &BTreeMap<String, (u64, Vec<u8>)>,
) -> EncodedFamily {
    let members = |facet: Facet| {
        let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
        for &v in facets.column(facet) {
            *counts.entry(v).or_default() += 1;
        }
        counts
    };
    let sizes = [members(Facet::Field), members(Facet::Agency)];
    // term → (field number, postings)
    let mut terms: BTreeMap<&str, Vec<(usize, &Vec<Posting>)>> = BTreeMap::new();
    for (n, (spec, data)) in FIELDS.iter().zip(&stored.fields).enumerate() {
        if families.contains(&spec.family) {
            for (term, postings) in &data.terms {
                terms.entry(term).or_default().push((n, postings));
            }
        }
    }
    // a pair's bounds may stand for a word being typed ("a p", p a prefix): a term of its own
    for key in pair_bounds.keys() {
        terms.entry(key).or_default();
    }
    let by_value = |n: usize, postings: &[Posting]| match facet_of(&FIELDS[n]) {
        Some(facet @ Facet::Field) => by_facet(
            postings,
            &FIELDS[n],
            facets.column(facet),
            &sizes[facet as usize],
        ),
        _ => None,
    };
    let is_blocked = |n: usize, postings: &[Posting]| {
        postings.len() >= BLOCKED_MIN_DF && by_value(n, postings).is_none()
    };
    let regions = (stored.num_docs as usize).div_ceil(REGION as usize).max(1);
    // whole titles are written under their names (`whole_name`), but for two whose names
    // are the same, which keep their text
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let whole = families == [Family::Whole];
    if whole {
        for term in terms.keys() {
            *names.entry(whole_name(term)).or_default() += 1;
        }
    }
    let written = |term: &str| -> String {
        if !whole {
            return term.to_string();
        }
        let name = whole_name(term);
        if names.get(&name) == Some(&1) {
            name
        } else {
            term.to_string()
        }
    };
    let mut entries = Vec::new();
    let mut with_regions = Vec::new();
    // per region: (key, entry bytes) of the blocked lists
    let mut blocked: Vec<Vec<(String, Vec<u8>)>> = vec![Vec::new(); regions];
    for (term, lists) in &terms {
        let form = lists.first().map_or(Form::Bigram, |l| FIELDS[l.0].form);
        let key = key(term, form);
        let text = written(term);
        let mut bytes = Vec::new();
        string(&mut bytes, &text);
        // a pair's bounds: `count:varint list*` (see `pair_bounds`)
        let bound = pair_bounds.get(*term);
        varint(
            &mut bytes,
            lists.len() as u64 + bound.map_or(0, |(count, _)| *count),
        );
        if let Some((_, lists)) = bound {
            bytes.extend_from_slice(lists);
        }
        // per region: the lists of this term in it, as (field, encoded postings)
        let mut pieces: Vec<Vec<(usize, usize, Vec<u8>)>> = vec![Vec::new(); regions];
        for &(n, postings) in lists {
            let spec = &FIELDS[n];
            varint(&mut bytes, n as u64);
            varint(&mut bytes, postings.len() as u64);
            let twin = twin_of(n).and_then(|t| {
                let list = stored.fields[t].terms.get(&fold(term))?;
                Some((list, is_blocked(t, list)))
            });
            if let Some(b) = by_value(n, postings) {
                bytes.extend_from_slice(&b);
            } else if postings.len() >= BLOCKED_MIN_DF {
                summary(&mut bytes, n, postings, scoring);
                for (r, slice) in by_region(postings) {
                    let base = r as u32 * REGION;
                    let width = (stored.num_docs as u32 - base).min(REGION);
                    let local = rebase(slice, base);
                    let mut best = plain(&local, spec, u64::from(width));
                    // the twin's postings in this region are in the same region file
                    if let Some((twin, true)) = twin {
                        let twin_local = rebase(in_region(twin, r), base);
                        if let Some(b) = subset(&local, spec, &twin_local) {
                            best = shorter(best, b);
                        }
                    }
                    pieces[r].push((n, local.len(), best));
                }
            } else {
                let mut best = plain(postings, spec, stored.num_docs);
                // a subset of a blocked twin would need all of the twin's regions
                if let Some((twin, false)) = twin
                    && let Some(b) = subset(postings, spec, twin)
                {
                    best = shorter(best, b);
                }
                bytes.extend_from_slice(&best);
            }
        }
        let mut pieces_written = false;
        for (r, lists_here) in pieces.into_iter().enumerate() {
            if lists_here.is_empty() {
                continue;
            }
            pieces_written = true;
            let mut piece = Vec::new();
            string(&mut piece, &text);
            varint(&mut piece, lists_here.len() as u64);
            for (n, count, encoded) in lists_here {
                varint(&mut piece, n as u64);
                varint(&mut piece, count as u64);
                piece.extend_from_slice(&encoded);
            }
            blocked[r].push((key.clone(), piece));
        }
        with_regions.push(pieces_written.then(|| key.clone()));
        entries.push((dictionary_key(term, form), bytes));
    }
    EncodedFamily {
        entries,
        with_regions,
        blocked,
        groups: None,
    }
}

/// Encoding 4 of a blocked list: the regions holding its postings, as gaps or as a bitmap
/// of every region (whichever is smaller), then for each an upper bound of the list's score
/// there, quantised up to q/255 of `max`.
fn summary(out: &mut Vec<u8>, field: usize, postings: &[Posting], scoring: &Scoring) {
    let score = scoring.scorer(field, postings.len());
    let bounds: Vec<(usize, f64)> = by_region(postings)
        .iter()
        .map(|(r, slice)| (*r, slice.iter().map(&score).fold(0.0, f64::max)))
        .collect();
    region_bounds(out, &bounds, scoring.num_docs);
}

/// `4 regions:varint (0 gap*regions | 1 bitmap″) q:u8*regions max:f32`: regions in
/// order, each with an upper bound of a score there, quantised up to q/255 of `max`.
fn region_bounds(out: &mut Vec<u8>, bounds: &[(usize, f64)], num_docs: u64) {
    // a hair above the largest, so that f32 rounding on either side stays under it
    let max = (bounds.iter().map(|b| b.1).fold(0.0, f64::max) * (1.0 + 1e-5)) as f32;
    varint(out, 4);
    varint(out, bounds.len() as u64);
    let mut gaps = Vec::new();
    varint(&mut gaps, 0);
    let mut previous: i64 = -1;
    for (r, _) in bounds {
        varint(&mut gaps, (*r as i64 - previous - 1) as u64);
        previous = *r as i64;
    }
    let mut bitmap = Vec::new();
    varint(&mut bitmap, 1);
    let start = bitmap.len();
    bitmap.resize(
        start + (num_docs as usize).div_ceil(REGION as usize).div_ceil(8),
        0,
    );
    for (r, _) in bounds {
        bitmap[start + r / 8] |= 1 << (r % 8);
    }
    out.extend_from_slice(&shorter(gaps, bitmap));
    for (_, bound) in bounds {
        let q = if max > 0.0 {
            ((bound / f64::from(max)) * 255.0).floor() as u64 + 1
        } else {
            1
        };
        out.push(q.min(255) as u8);
    }
    out.extend_from_slice(&max.to_le_bytes());
}

/// A folded key's terms, as (field, term), and whether one of its lists is long.
type KeyLists<'a> = (Vec<(usize, &'a str)>, bool);

/// The bounds of pairs of common words (format 7), by the pair's bigram term `"a b"`.
///
/// A region's bound of a query is the sum over its words of each word's best score there,
/// and for two common words those best scores come from different procedures, so the bound
/// stays far above what any procedure in the region scores. For a bigram term of the pair
/// fields whose two words are both common (a list of `BLOCKED_MIN_DF` postings or more),
/// this is, per region, the best over the procedures that have both words of
/// `S(a) + S(b) + Σ bigram lists of "a b"`, where `S(w)` is what the word scores in every
/// accented and folded field (its folded term in the folded fields, plus the best of its
/// accented forms in the accented fields): a bound of what the two words typed side by side
/// (with any marks) score together in any procedure there: a list of the pseudo-field
/// `FIELDS.len()` (field, count of procedures with both words, encoding 4). When `b` is the
/// start of longer words that complete (the word being typed), a second list, of the
/// pseudo-field `FIELDS.len() + 1`, bounds `S(a) + C(b) + Σ bigram lists of "a b"` over the
/// procedures with `a` and a completion of `b`, where `C(b)` is the best over the completion
/// candidates `c` of `b` of what `c` scores in the completing fields at their completion
/// boost. Each entry is (the number of lists, their bytes), added to the term's entry in the
/// pair dictionary shards.
pub fn pair_bounds(stored: &Stored, scoring: &Scoring) -> BTreeMap<String, (u64, Vec<u8>)> {
    let n = stored.num_docs as usize;
    let mut out = BTreeMap::new();
    // with one or two regions a table prunes little
    if n.div_ceil(REGION as usize) < 3 {
        return out;
    }
    let word_fields: Vec<usize> = (0..FIELDS.len())
        .filter(|&f| matches!(FIELDS[f].form, Form::Accented | Form::Folded))
        .collect();
    // folded key → (accented field, term) and (folded field, term), and whether it is common
    let mut by_key: BTreeMap<String, KeyLists> = BTreeMap::new();
    for &f in &word_fields {
        for (term, postings) in &stored.fields[f].terms {
            let entry = by_key.entry(key(term, FIELDS[f].form)).or_default();
            entry.0.push((f, term));
            entry.1 |= postings.len() >= BLOCKED_MIN_DF;
        }
    }
    let common = |w: &str| by_key.get(w).is_some_and(|e| e.1);
    let pair_fields: Vec<usize> = (0..FIELDS.len())
        .filter(|&f| FIELDS[f].form == Form::Bigram)
        .collect();
    // "a b" → (a, b): the bigrams of two common words, and "a p" for the prefixes p of b of
    // `PREFIX_KEY_CHARS` or more (b being typed)
    let mut pairs: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for &f in &pair_fields {
        for term in stored.fields[f].terms.keys() {
            if let Some((a, b)) = term.split_once(' ')
                && !b.contains(' ')
                && common(a)
                && common(b)
            {
                pairs.insert(term.clone(), (a, b));
                for (i, _) in b.char_indices().skip(PREFIX_KEY_CHARS) {
                    pairs.insert(format!("{a} {}", &b[..i]), (a, &b[..i]));
                }
            }
        }
    }
    // per word: (doc, S(w)) in doc order; scratch columns of N
    let mut folded = vec![0.0f64; n];
    let mut accented = vec![0.0f64; n];
    let mut variant = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut scores: BTreeMap<&str, Vec<(u32, f64)>> = BTreeMap::new();
    let mut word_scores = |w: &str| -> Vec<(u32, f64)> {
        touched.clear();
        let lists = by_key.get(w).map(|e| e.0.as_slice()).unwrap_or_default();
        let mut variants: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &(f, term) in lists {
            let postings = &stored.fields[f].terms[term];
            if FIELDS[f].form == Form::Accented {
                variants.entry(term).or_default().push(f);
                continue;
            }
            let score = scoring.scorer(f, postings.len());
            for p in postings {
                let d = p.doc as usize;
                if folded[d] == 0.0 && accented[d] == 0.0 {
                    touched.push(p.doc);
                }
                folded[d] += score(p);
            }
        }
        for (term, fields) in &variants {
            let mut docs = Vec::new();
            for &f in fields {
                let postings = &stored.fields[f].terms[*term];
                let score = scoring.scorer(f, postings.len());
                for p in postings {
                    let d = p.doc as usize;
                    if variant[d] == 0.0 {
                        docs.push(d);
                    }
                    variant[d] += score(p);
                }
            }
            for d in docs {
                if folded[d] == 0.0 && accented[d] == 0.0 {
                    touched.push(d as u32);
                }
                accented[d] = accented[d].max(variant[d]);
                variant[d] = 0.0;
            }
        }
        touched.sort_unstable();
        touched
            .iter()
            .map(|&d| {
                let d = d as usize;
                let s = folded[d] + accented[d];
                folded[d] = 0.0;
                accented[d] = 0.0;
                (d as u32, s)
            })
            .collect()
    };
    // the completion candidates of a word: (doc, C(b)) in doc order
    let completing: Vec<usize> = (0..FIELDS.len()).filter(|&f| FIELDS[f].completes).collect();
    let mut best = vec![0.0f64; n];
    let mut term_score = vec![0.0f64; n];
    let mut completion_scores = |b: &str| -> Vec<(u32, f64)> {
        let mut docs: Vec<u32> = Vec::new();
        if b.chars().count() < MIN_PREFIX_CHARS {
            return Vec::new();
        }
        // the candidates c of b: terms of the completing fields, longer than
        // MIN_PREFIX_CHARS, starting with b
        let mut candidates: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &f in &completing {
            let range = stored.fields[f]
                .terms
                .range::<str, _>((std::ops::Bound::Excluded(b), std::ops::Bound::Unbounded));
            for (c, _) in range.take_while(|(c, _)| c.starts_with(b)) {
                if c.chars().count() > MIN_PREFIX_CHARS {
                    candidates.entry(c).or_default().push(f);
                }
            }
        }
        for (c, fields) in &candidates {
            let mut here = Vec::new();
            for &f in fields {
                let postings = &stored.fields[f].terms[*c];
                let ratio =
                    f64::from(completion_boost(FIELDS[f].boost)) / f64::from(FIELDS[f].boost);
                let score = scoring.scorer(f, postings.len());
                for p in postings {
                    let d = p.doc as usize;
                    if term_score[d] == 0.0 {
                        here.push(d);
                    }
                    term_score[d] += ratio * score(p);
                }
            }
            for d in here {
                if best[d] == 0.0 {
                    docs.push(d as u32);
                }
                best[d] = best[d].max(term_score[d]);
                term_score[d] = 0.0;
            }
        }
        docs.sort_unstable();
        docs.iter()
            .map(|&d| {
                let s = best[d as usize];
                best[d as usize] = 0.0;
                (d, s)
            })
            .collect()
    };
    let mut completions: BTreeMap<&str, Vec<(u32, f64)>> = BTreeMap::new();
    // S(a) as a column of N (0: not there), for the pairs of one first word (keys "a …" are
    // consecutive)
    let mut column = vec![0.0f64; n];
    let mut bigram_column = vec![0.0f64; n];
    let mut in_column: Option<&str> = None;
    for (term, (a, b)) in &pairs {
        let (a, b) = (*a, *b);
        for w in [a, b] {
            if !scores.contains_key(w) {
                let s = word_scores(w);
                scores.insert(w, s);
            }
        }
        if !completions.contains_key(b) {
            let c = completion_scores(b);
            completions.insert(b, c);
        }
        if in_column != Some(a) {
            if let Some(previous) = in_column {
                for &(d, _) in &scores[previous] {
                    column[d as usize] = 0.0;
                }
            }
            for &(d, s) in &scores[a] {
                column[d as usize] = s;
            }
            in_column = Some(a);
        }
        let sb = &scores[b];
        // the bigram lists of "a b", as a column of N (cleared below)
        let bigram_lists: Vec<(usize, &Vec<Posting>)> = pair_fields
            .iter()
            .filter_map(|&f| Some((f, stored.fields[f].terms.get(term.as_str())?)))
            .collect();
        for &(f, postings) in &bigram_lists {
            let score = scoring.scorer(f, postings.len());
            for p in postings {
                bigram_column[p.doc as usize] += score(p);
            }
        }
        let bigram = |d: u32| bigram_column[d as usize];
        let mut bytes = Vec::new();
        let (both, bounds) = together(&column, sb, &bigram);
        varint(&mut bytes, FIELDS.len() as u64);
        varint(&mut bytes, both);
        region_bounds(&mut bytes, &bounds, stored.num_docs);
        let (with_completion, bounds) = together(&column, &completions[b], &bigram);
        let mut lists = 1;
        if with_completion > 0 {
            varint(&mut bytes, FIELDS.len() as u64 + 1);
            varint(&mut bytes, with_completion);
            region_bounds(&mut bytes, &bounds, stored.num_docs);
            lists += 1;
        }
        for &(_, postings) in &bigram_lists {
            for p in postings {
                bigram_column[p.doc as usize] = 0.0;
            }
        }
        out.insert(term.clone(), (lists, bytes));
    }
    out
}

/// The postings of a list cut by region: (region, postings in it), regions in order.
fn by_region(postings: &[Posting]) -> Vec<(usize, &[Posting])> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < postings.len() {
        let r = (postings[start].doc / REGION) as usize;
        let end = start + postings[start..].partition_point(|p| (p.doc / REGION) as usize == r);
        out.push((r, &postings[start..end]));
        start = end;
    }
    out
}

fn in_region(postings: &[Posting], r: usize) -> &[Posting] {
    let lo = postings.partition_point(|p| ((p.doc / REGION) as usize) < r);
    let hi = postings.partition_point(|p| ((p.doc / REGION) as usize) <= r);
    &postings[lo..hi]
}

fn rebase(postings: &[Posting], base: u32) -> Vec<Posting> {
    postings
        .iter()
        .map(|p| Posting {
            doc: p.doc - base,
            ..*p
        })
        .collect()
}

fn shorter(a: Vec<u8>, b: Vec<u8>) -> Vec<u8> {
    if b.len() < a.len() { b } else { a }
}

/// What BM25 needs of a posting besides its document, as one varint (None: nothing); used
/// where one value stands for many postings.
fn freq(spec: &FieldSpec, p: &Posting) -> Option<u64> {
    let tf = u64::from(p.tf.saturating_sub(1));
    let norm = u64::from(p.norm);
    match (spec.freqs, spec.norms) {
        (true, true) => Some(tf << 8 | norm),
        (true, false) => Some(tf),
        (false, true) => Some(norm),
        (false, false) => None,
    }
}

/// The term frequencies and field norm ids of a list, in doc order: the norm ids bit-packed
/// at the width of the largest, then the frequencies other than 1 as (index gap, tf − 1).
fn freqs(out: &mut Vec<u8>, spec: &FieldSpec, postings: &[Posting]) {
    if spec.norms {
        let norms: Vec<u32> = postings.iter().map(|p| u32::from(p.norm)).collect();
        let width = norms.iter().max().map_or(0, |&m| bits_for(m as usize + 1));
        varint(out, u64::from(width));
        bitpack(out, &norms, width);
    }
    if spec.freqs {
        let others: Vec<(usize, &Posting)> = postings
            .iter()
            .enumerate()
            .filter(|(_, p)| p.tf != 1)
            .collect();
        varint(out, others.len() as u64);
        let mut previous = 0;
        for (i, p) in others {
            varint(out, (i - previous) as u64);
            varint(out, u64::from(p.tf.saturating_sub(1)));
            previous = i;
        }
    }
}

/// Encodings 0 (gaps) and 1 (bitmap), whichever is smaller, then the freqs.
fn plain(postings: &[Posting], spec: &FieldSpec, num_docs: u64) -> Vec<u8> {
    let mut gaps = Vec::new();
    varint(&mut gaps, 0);
    let mut previous: i64 = -1;
    for p in postings {
        varint(&mut gaps, (i64::from(p.doc) - previous - 1) as u64);
        previous = i64::from(p.doc);
    }
    let mut bitmap = Vec::new();
    varint(&mut bitmap, 1);
    let start = bitmap.len();
    bitmap.resize(start + (num_docs as usize).div_ceil(8), 0);
    for p in postings {
        bitmap[start + p.doc as usize / 8] |= 1 << (p.doc % 8);
    }
    let mut out = shorter(gaps, bitmap);
    freqs(&mut out, spec, postings);
    out
}

/// Encoding 2: the list is every procedure of some facet values, with one freq per value.
fn by_facet(
    postings: &[Posting],
    spec: &FieldSpec,
    column: &[u32],
    sizes: &BTreeMap<u32, usize>,
) -> Option<Vec<u8>> {
    let mut groups: BTreeMap<u32, (usize, Option<u64>)> = BTreeMap::new();
    for p in postings {
        let value = *column.get(p.doc as usize)?;
        let f = freq(spec, p);
        let group = groups.entry(value).or_insert((0, f));
        if group.1 != f {
            return None;
        }
        group.0 += 1;
    }
    if groups.iter().any(|(v, (n, _))| sizes.get(v) != Some(n)) {
        return None;
    }
    let mut out = Vec::new();
    varint(&mut out, 2);
    varint(&mut out, groups.len() as u64);
    for (value, (_, f)) in groups {
        varint(&mut out, u64::from(value));
        if let Some(f) = f {
            varint(&mut out, f);
        }
    }
    Some(out)
}

/// Encoding 3: the list is a subset of the folded twin's list for the folded term.
fn subset(postings: &[Posting], spec: &FieldSpec, twin: &[Posting]) -> Option<Vec<u8>> {
    let mut bits = vec![0u8; twin.len().div_ceil(8)];
    let mut same = true;
    let mut i = 0;
    for p in postings {
        while twin.get(i)?.doc < p.doc {
            i += 1;
        }
        let t = twin.get(i)?;
        if t.doc != p.doc {
            return None;
        }
        same &= t == p;
        bits[i / 8] |= 1 << (i % 8);
        i += 1;
    }
    let mut out = Vec::new();
    varint(&mut out, 3);
    // the length, so a reader need not have met the twin yet
    varint(&mut out, bits.len() as u64);
    out.extend_from_slice(&bits);
    varint(&mut out, u64::from(same));
    if !same {
        freqs(&mut out, spec, postings);
    }
    Some(out)
}

/// The procedures of a list of (doc, score) in doc order that have a score in `column`
/// too, and per region the best of the two scores plus `extra` of the procedure:
/// (count, [(region, bound)]).
fn together(
    column: &[f64],
    b: &[(u32, f64)],
    extra: &dyn Fn(u32) -> f64,
) -> (u64, Vec<(usize, f64)>) {
    let mut bounds: Vec<(usize, f64)> = Vec::new();
    let mut both = 0u64;
    for &(d, sb) in b {
        let sa = column[d as usize];
        if sa == 0.0 {
            continue;
        }
        let s = sa + sb + extra(d);
        let r = (d / REGION) as usize;
        match bounds.last_mut() {
            Some((last, best)) if *last == r => *best = best.max(s),
            _ => bounds.push((r, s)),
        }
        both += 1;
    }
    (both, bounds)
}

/// Completion candidates with their weights, keyed by their first two characters (the key
/// their shard is chosen by).
pub fn completion_entries(stored: &Stored) -> Vec<(String, Vec<u8>)> {
    let mut weights: BTreeMap<&str, u64> = BTreeMap::new();
    for (spec, data) in FIELDS.iter().zip(&stored.fields) {
        if spec.completes {
            for (term, postings) in &data.terms {
                if term.chars().count() > MIN_PREFIX_CHARS {
                    *weights.entry(term).or_default() += postings.len() as u64;
                }
            }
        }
    }
    weights
        .into_iter()
        .map(|(term, weight)| {
            let mut bytes = Vec::new();
            string(&mut bytes, term);
            varint(&mut bytes, weight);
            (term.chars().take(MIN_PREFIX_CHARS).collect(), bytes)
        })
        .collect()
}

/// Entries whose keys hash alike go to one file, `<n>.bin` with n = `fnv1a32(key) mod
/// count`. Each file is `count:varint entry*`.
pub fn shard_files(entries: Vec<(String, Vec<u8>)>, count: usize) -> Vec<(String, Vec<u8>)> {
    bucket_into(entries, count, |key| fnv1a32(key) as usize % count)
        .into_iter()
        .map(|(i, bytes)| (format!("{i}.bin"), bytes))
        .collect()
}

/// Files of about `target` bytes for `total_bytes`: a power of two.
pub fn bucket_count(total_bytes: usize, target: usize) -> usize {
    (total_bytes / target).max(1).next_power_of_two()
}

/// Entries into `count` files, each into file `place(key)`: (file number, bytes).
fn bucket_into(
    entries: Vec<(String, Vec<u8>)>,
    count: usize,
    place: impl Fn(&str) -> usize,
) -> Vec<(usize, Vec<u8>)> {
    let mut buckets: Vec<(u64, Vec<u8>)> = vec![(0, Vec::new()); count];
    for (key, bytes) in entries {
        let b = &mut buckets[place(&key)];
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
            (i, out)
        })
        .collect()
}

/// The synonym table into the short dictionary shards (`shards`, file `i` at index `i`, or
/// `digit_shards` for a key with a digit, see [`has_digit`]): each entry goes to the shard
/// of its phrase's first word, folded, after that shard's terms: `count:varint
/// (phrase:string meanings:varint meaning:string*)*`, phrases in code point order, words
/// joined by single spaces, accented.
pub fn add_synonyms(
    shards: &mut [(String, Vec<u8>)],
    digit_shards: &mut [(String, Vec<u8>)],
    table: &super::synonyms::Table,
) {
    let mut sections = [shards.len(), digit_shards.len()].map(|n| vec![(0u64, Vec::new()); n]);
    for entry in table.entries() {
        let Some(first) = entry.key.first() else {
            continue;
        };
        let key = fold(first);
        let section = &mut sections[usize::from(has_digit(&key))];
        if section.is_empty() {
            continue;
        }
        let n = section.len();
        let (count, bytes) = &mut section[fnv1a32(&key) as usize % n];
        *count += 1;
        string(bytes, &entry.key.join(" "));
        varint(bytes, entry.means.len() as u64);
        for meaning in &entry.means {
            let words: Vec<&str> = meaning.iter().map(|w| w.accented.as_str()).collect();
            string(bytes, &words.join(" "));
        }
    }
    let [plain, digits] = sections;
    for (files, sections) in [(shards, plain), (digit_shards, digits)] {
        for ((_, shard), (count, bytes)) in files.iter_mut().zip(sections) {
            if count > 0 {
                varint(shard, count);
                shard.extend_from_slice(&bytes);
            }
        }
    }
}

/// Whether a short term's key has an ASCII digit: its dictionary entry is then in the digit
/// dictionary (codes, numbers), which only a query word with a digit fetches.
pub fn has_digit(key: &str) -> bool {
    key.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_files_go_by_the_root_of_fetches_times_bytes() {
        // (fetches per query, bytes, keys)
        let shares = share_files(
            300,
            &[(3.0, 30_000, 10_000), (0.3, 300_000, 10_000), (1.0, 0, 0)],
        );
        // √(3·30,000) = √(0.3·300,000): the same share; an empty one still has its file
        assert_eq!(shares, [150, 150, 1]);
        // never more files than keys, never none
        assert_eq!(
            share_files(100, &[(1.0, 5_000, 7), (1.0, 5_000, 500)]),
            [7, 50]
        );
        assert_eq!(share_files(0, &[(1.0, 10, 3)]), [1]);
    }

    #[test]
    fn region_groups_take_the_heaviest_words_first_and_entries_say_which() {
        let piece = |key: &str, len: usize| (key.to_string(), vec![0; len]);
        let mut family = EncodedFamily {
            entries: ["a", "b", "c", "d", "e"]
                .map(|k| (k.to_string(), vec![9]))
                .to_vec(),
            with_regions: ["a", "b", "c", "d"]
                .map(|k| Some(k.to_string()))
                .into_iter()
                .chain([None])
                .collect(),
            // 256 bytes over two regions, in files of about 64 bytes: two groups
            blocked: vec![
                vec![
                    piece("a", 100),
                    piece("b", 60),
                    piece("c", 50),
                    piece("d", 46),
                ],
                vec![],
            ],
            groups: None,
        };
        family.group(64);
        // a alone (100), then b (60) and c (50 → 110) together, d into the lighter (146)
        let groups: Vec<&[u8]> = family.entries.iter().map(|(_, b)| &b[1..]).collect();
        assert_eq!(groups, [&[0][..], &[1], &[1], &[0], &[]]);
        let files = family.into_files(1);
        assert_eq!(files.groups, 2);
        let names: Vec<&str> = files.regions.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["0-0.bin", "0-1.bin"]);
    }
}
