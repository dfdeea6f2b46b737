//! Querying: a typed query into tantivy queries, run in-process (`thutuc search`).
//!
//! The browser client builds the same queries from the exported files and must give the same
//! ranking (the parity test holds both to it), so the rules are spelled out here:
//!
//! 1. The query's words come from [`query_words`]. If the text ends inside its last word
//!    (search-as-you-type), that word is a *prefix*; a prefix shorter than
//!    [`MIN_PREFIX_CHARS`] folded characters is left out altogether. A leading "thủ tục"
//!    ([`BOILERPLATE`]) followed by at least one more word is left out too: titles are
//!    indexed without it. So are the phrases of [`FILLERS`] ("tôi muốn", "gồm những gì"),
//!    wherever they are, when a word that is not one remains (the longest phrase first, a
//!    query word matching a phrase word as a synonym's word does, `synonyms::word_matches`);
//!    if the last word goes with them, no word is a prefix.
//! 2. The words are cut into *units*, left to right: the longest phrase of the synonym table
//!    (`synonyms.rs`) that the words starting here spell is one unit, else the word alone.
//!    Every unit must match (AND). A unit matches through the best of its *alternatives*
//!    (`DisjunctionMaxQuery`): the words as typed, and each meaning of its phrase. An
//!    alternative matches when each of its words does and scores their sum.
//! 3. A word as typed matches through
//!    `Σ over the accented and folded fields F: boost(F) · BM25(F, term)`, the term being the
//!    word's accented form for an accented field and its folded form otherwise.
//! 4. A prefix matches as in 3 or through one of its completions: the at most
//!    [`MAX_EXPANSIONS`] longer terms of the completing fields (`completes` in [`FIELDS`])
//!    starting with it, most frequent first (sum of their document frequencies in those
//!    fields, ties by code point order). A completion `t` scores
//!    `Σ over completing fields F: (boost(F) · PREFIX_BOOST) · BM25(F, t)`; the prefix
//!    scores the best of its exact match and its completions.
//! 5. A word of a meaning matches as in 3 in the fields of the short family only (titles,
//!    keywords, code, names: a synonym names the procedure), each boost times
//!    `SYNONYM_BOOST · k / m` for a phrase of `k` words meaning `m` words.
//! 6. Typos: a unit of one word that is not a phrase, has at least [`MIN_TYPO_CHARS`] folded
//!    letters and no digit, and matches no term of any field (a prefix: nor has a
//!    completion) gets the *corrections* of its folded form as alternatives: the candidate
//!    completions (folded terms of the completing fields, longer than [`MIN_PREFIX_CHARS`])
//!    that start with the same [`MIN_PREFIX_CHARS`] characters and are at most one edit
//!    away (insertion, deletion, substitution or swap of two neighbours; two edits from
//!    [`LONG_WORD_CHARS`] letters), the nearest only, most frequent first, then code point
//!    order, at most [`MAX_CORRECTIONS`]. A correction scores as a word of a meaning of one
//!    word (5), with `TYPO_BOOST` for the factor. Before all that, such a word (the same
//!    conditions, and no synonym phrase starting with it) whose Telex reading ([`telex`]:
//!    "hooj" → "ho", typed with Telex keys and no input method) matches a term of some field
//!    *is* that reading, as if typed so (and no longer a prefix). `Hits::corrected` is the
//!    query with each read word as its reading, each
//!    corrected word read as its first correction, the others as they were typed.
//! 7. Each pair of adjacent words adds, optionally, `boost(G) · BM25(G, "a b")` for each
//!    bigram field G, with the words' folded forms (a prefix as typed). The pairs inside a
//!    phrase that has meanings count with the phrase as typed (inside its alternative, so
//!    the best alternative takes them), and each meaning of several words has its own
//!    pairs, each boost times the meaning's factor.
//! 8. All the words' folded forms joined by spaces add, optionally,
//!    `boost(W) · BM25(W, "a b c")` for the whole-title field W.
//! 9. Unless two adjacent query words, or two adjacent words of a meaning of a unit (5), are
//!    one of [`QUALIFIER_PAIRS`], a plain procedure
//!    (not a qualified variant, `fields::is_variant`) adds [`PLAIN_BONUS`] (f32, after the
//!    rest).
//! 10. The score is the sum; ties rank by document number (`index::doc_order`).
//! 11. No dead ends: when no procedure matches every unit and there are two units or more,
//!     the units that match nothing whatever their alternatives are left out; if the
//!     others together still match nothing, smaller sets of them are tried, largest first,
//!     each size in lexicographic order of the units kept, at most [`MAX_FALLBACK_QUERIES`]
//!     in all. Of the first size with results, the set whose best result scores highest
//!     (a later set only when above the earlier by more than a relative 1e-5) is shown,
//!     scored by rules 2–10 over its units, with the pairs of adjacent words both kept and
//!     no whole-title term. `Hits::left_out` lists the words of the units left out.
//!
//! BM25 is tantivy's: k1 = 1.2, b = 0.75, idf = ln(1 + (N − n + 0.5)/(n + 0.5)), the field
//! length quantised to tantivy's one-byte field norm, the average length exact; in a field
//! recorded without frequencies or lengths (body, bigrams, whole titles) tf and the length
//! are 1.

use super::Error;
use super::analyzer::{Form, QueryWords, Word, bigram, query_words, whole};
use super::fields::{
    BOILERPLATE, FIELDS, FILLERS, Family, LONG_WORD_CHARS, MAX_CORRECTIONS, MAX_EXPANSIONS,
    MAX_FALLBACK_QUERIES, MIN_PREFIX_CHARS, MIN_TYPO_CHARS, PLAIN_BONUS, PREFIX_BOOST,
    QUALIFIER_PAIRS, SYNONYM_BOOST, TYPO_BOOST,
};
use super::index::{ORD_FIELD, SearchIndex};
use super::synonyms::{longest_match, word_matches};
use crate::catalogue::Catalogue;
use std::collections::BTreeMap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// One ranked result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub code: String,
    pub score: f32,
    /// The procedure's page, relative to the site's base.
    pub url: String,
    /// The procedure's field (its id), as the client's result row gives it.
    pub field: String,
}

/// The ranked results of one query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hits {
    pub query: String,
    /// How many procedures match in all.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<Hit>,
    /// Rule 11: the words left out because no procedure has them all, as typed (empty: none).
    pub left_out: Vec<String>,
    /// Rule 6: the query as read with its typos corrected (`None`: nothing corrected).
    pub corrected: Option<String>,
}

impl std::fmt::Display for Hits {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        writeln!(f, "{:?}: {} result(s)", self.query, self.total)?;
        if let Some(c) = &self.corrected {
            writeln!(f, "     read as {c:?}")?;
        }
        if !self.left_out.is_empty() {
            writeln!(f, "     without {:?}", self.left_out.join(" "))?;
        }
        for (i, hit) in self.hits.iter().enumerate() {
            writeln!(f, "{:>3}. {:<12} {:.6}", i + 1, hit.code, hit.score)?;
        }
        Ok(())
    }
}

/// Rule 1: the words of a query that take part, and whether the last one is a prefix.
pub fn plan_words(text: &str) -> QueryWords {
    let QueryWords {
        mut words,
        mut last_is_prefix,
        mut typed,
    } = query_words(text);
    if last_is_prefix
        && words
            .last()
            .is_some_and(|w| w.folded.chars().count() < MIN_PREFIX_CHARS)
    {
        words.pop();
        typed.pop();
        last_is_prefix = false;
    }
    let boilerplate: Vec<String> = super::analyzer::words(BOILERPLATE)
        .into_iter()
        .map(|w| w.folded)
        .collect();
    if words.len() > boilerplate.len()
        && words.iter().zip(&boilerplate).all(|(w, b)| &w.folded == b)
    {
        words.drain(..boilerplate.len());
        typed.drain(..boilerplate.len());
    }
    let fillers = filler_phrases();
    let mut kept = Vec::new();
    let mut kept_typed = Vec::new();
    let mut last_dropped = false;
    let mut i = 0;
    while i < words.len() {
        let filler = fillers
            .iter()
            .filter(|f| {
                words
                    .get(i..i + f.len())
                    .is_some_and(|span| span.iter().zip(f.iter()).all(|(w, k)| word_matches(w, k)))
            })
            .map(Vec::len)
            .max();
        match filler {
            Some(n) => {
                i += n;
                last_dropped = i == words.len();
            }
            None => {
                kept.push(words[i].clone());
                kept_typed.extend(typed.get(i).cloned());
                last_dropped = false;
                i += 1;
            }
        }
    }
    if !kept.is_empty() && kept.len() < words.len() {
        words = kept;
        typed = kept_typed;
        last_is_prefix &= !last_dropped;
    }
    QueryWords {
        words,
        last_is_prefix,
        typed,
    }
}

/// The phrases of [`FILLERS`], each as its words' accented forms (what the export writes).
pub fn filler_phrases() -> Vec<Vec<String>> {
    FILLERS
        .iter()
        .map(|f| {
            super::analyzer::words(f)
                .into_iter()
                .map(|w| w.accented)
                .collect()
        })
        .collect()
}

/// A meaning of a unit's phrase, or a correction of its word (rules 5 and 6).
#[derive(Debug, Clone)]
pub struct Alternative {
    pub words: Vec<Word>,
    /// What each field's boost is multiplied by.
    pub factor: f32,
}

/// Rule 2: query words `start..end` and their alternatives.
#[derive(Debug, Clone)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub alternatives: Vec<Alternative>,
    /// Rule 6: the alternatives are corrections.
    pub corrected: bool,
}

/// A query ready to run: its words, units and the rules that apply.
#[derive(Debug, Clone)]
pub struct Plan {
    pub words: Vec<Word>,
    /// Each word as typed (`QueryWords::typed`).
    pub typed: Vec<String>,
    pub last_is_prefix: bool,
    /// The completions of the prefix (rule 4).
    pub expansions: Vec<String>,
    pub units: Vec<Unit>,
    /// Rule 9 applies.
    pub plain_bonus: bool,
    /// Rule 6: a word was read as its Telex reading.
    pub read: bool,
}

impl Plan {
    fn is_prefix(&self, i: usize) -> bool {
        self.last_is_prefix && i + 1 == self.words.len()
    }

    /// Rule 6: the query with each corrected word as its first correction, the other words
    /// as typed.
    pub fn corrected(&self) -> Option<String> {
        if !self.read && !self.units.iter().any(|u| u.corrected) {
            return None;
        }
        let mut out: Vec<&str> = self.typed.iter().map(String::as_str).collect();
        for u in self.units.iter().filter(|u| u.corrected) {
            if let (Some(slot), Some(fix)) = (
                out.get_mut(u.start),
                u.alternatives.first().and_then(|a| a.words.first()),
            ) {
                *slot = &fix.folded;
            }
        }
        Some(out.join(" "))
    }
}

/// Rules 1, 2, 4, 6 and 9 for a query.
pub fn plan(ix: &SearchIndex, text: &str) -> Result<Plan, Error> {
    let QueryWords {
        mut words,
        mut last_is_prefix,
        mut typed,
    } = plan_words(text);
    let expansions = match words.last() {
        Some(w) if last_is_prefix => expansions(ix, &w.folded)?,
        _ => Vec::new(),
    };
    // rule 6: an unknown word typed with Telex keys is read as the word they spell
    let mut read = false;
    for i in 0..words.len() {
        let is_prefix = last_is_prefix && i + 1 == words.len();
        let w = &words[i];
        // a word that starts a synonym phrase is left to the synonyms
        if ix.synonyms.starting_with(&w.folded).next().is_some()
            || !unknown(ix, w, is_prefix, &expansions)?
        {
            continue;
        }
        let Some(r) = telex(&w.folded) else {
            continue;
        };
        let reading = Word {
            accented: r.clone(),
            folded: r.clone(),
        };
        if !exists(ix, &reading)? {
            continue;
        }
        words[i] = reading;
        if let Some(t) = typed.get_mut(i) {
            *t = r;
        }
        last_is_prefix &= !is_prefix;
        read = true;
    }
    let mut plan = Plan {
        read,
        plain_bonus: !names_qualifier(&words),
        words,
        typed,
        last_is_prefix,
        expansions,
        units: Vec::new(),
    };
    let mut i = 0;
    while i < plan.words.len() {
        let first = &plan.words[i].folded;
        if let Some((k, means)) = longest_match(ix.synonyms.starting_with(first), &plan.words, i) {
            let alternatives = means
                .into_iter()
                .map(|m| Alternative {
                    factor: SYNONYM_BOOST * k as f32 / m.len() as f32,
                    words: m,
                })
                .collect();
            plan.units.push(Unit {
                start: i,
                end: i + k,
                alternatives,
                corrected: false,
            });
            i += k;
            continue;
        }
        let word = &plan.words[i];
        let alternatives: Vec<Alternative> =
            if unknown(ix, word, plan.is_prefix(i), &plan.expansions)? {
                corrections(ix, &word.folded)?
                    .into_iter()
                    .map(|t| Alternative {
                        words: vec![Word {
                            accented: t.clone(),
                            folded: t,
                        }],
                        factor: TYPO_BOOST,
                    })
                    .collect()
            } else {
                Vec::new()
            };
        plan.units.push(Unit {
            start: i,
            end: i + 1,
            corrected: !alternatives.is_empty(),
            alternatives,
        });
        i += 1;
    }
    // rule 9: a meaning that names a qualifier ("YTNN") names it too
    plan.plain_bonus &= !plan
        .units
        .iter()
        .flat_map(|u| &u.alternatives)
        .any(|a| names_qualifier(&a.words));
    Ok(plan)
}

/// Rule 6: a word to read or correct: of [`MIN_TYPO_CHARS`] letters or more, in no field,
/// and not a prefix that completes.
fn unknown(
    ix: &SearchIndex,
    w: &Word,
    is_prefix: bool,
    expansions: &[String],
) -> Result<bool, Error> {
    Ok(w.folded.chars().count() >= MIN_TYPO_CHARS
        && w.folded.chars().all(char::is_alphabetic)
        && (!is_prefix || expansions.is_empty())
        && !exists(ix, w)?)
}

/// The pairs of adjacent words of `words`, folded (rule 7).
fn word_pairs(words: &[Word]) -> Vec<String> {
    words
        .windows(2)
        .map(|p| bigram(&p[0].folded, &p[1].folded))
        .collect()
}

/// Rule 9: whether two adjacent words of `words` name a qualifier.
fn names_qualifier(words: &[Word]) -> bool {
    word_pairs(words)
        .iter()
        .any(|p| QUALIFIER_PAIRS.contains(&p.as_str()))
}

/// Runs `text` through tantivy and returns the best `limit` procedures.
pub fn search(
    ix: &SearchIndex,
    catalogue: &Catalogue,
    text: &str,
    limit: usize,
) -> Result<Hits, Error> {
    let mut hits = Hits {
        query: text.to_string(),
        total: 0,
        hits: Vec::new(),
        left_out: Vec::new(),
        corrected: None,
    };
    let plan = plan(ix, text)?;
    if plan.units.is_empty() {
        return Ok(hits);
    }
    hits.corrected = plan.corrected();
    let every: Vec<usize> = (0..plan.units.len()).collect();
    let mut ranked = run(ix, &plan, &every, true)?;
    if ranked.is_empty()
        && plan.units.len() >= 2
        && let Some((kept, found)) = fallback(ix, &plan)?
    {
        hits.left_out = plan
            .units
            .iter()
            .enumerate()
            .filter(|(i, _)| !kept.contains(i))
            .flat_map(|(_, u)| plan.typed.get(u.start..u.end).unwrap_or_default().to_vec())
            .collect();
        ranked = found;
    }
    hits.total = ranked.len();
    hits.hits = ranked
        .into_iter()
        .take(limit)
        .filter_map(|(score, ord)| {
            let p = catalogue.procedures.get(*ix.order.get(ord as usize)?)?;
            Some(Hit {
                code: p.code.clone(),
                score,
                url: crate::urls::procedure(&p.slug),
                field: p.field.clone(),
            })
        })
        .collect();
    Ok(hits)
}

/// Scored documents, best first.
type Found = Vec<(Score, u64)>;

/// Rule 11: the units kept and what they find, or `None` when no smaller query finds anything.
fn fallback(ix: &SearchIndex, plan: &Plan) -> Result<Option<(Vec<usize>, Found)>, Error> {
    let n = plan.units.len();
    let mut live = Vec::new();
    for (i, unit) in plan.units.iter().enumerate() {
        if unit_is_live(ix, plan, unit)? {
            live.push(i);
        }
    }
    let mut size = if live.len() == n { n - 1 } else { live.len() };
    let mut budget = MAX_FALLBACK_QUERIES;
    while size >= 1 {
        let mut best: Option<(Vec<usize>, Found)> = None;
        for picks in combinations(live.len(), size) {
            if budget == 0 {
                break;
            }
            budget -= 1;
            let units: Vec<usize> = picks.iter().map(|&p| live[p]).collect();
            let found = run(ix, plan, &units, false)?;
            let Some(&(top, _)) = found.first() else {
                continue;
            };
            let better = match &best {
                None => true,
                Some((_, b)) => beats(top, b[0].0),
            };
            if better {
                best = Some((units, found));
            }
        }
        if best.is_some() || budget == 0 {
            return Ok(best);
        }
        size -= 1;
    }
    Ok(None)
}

/// Rule 11's comparison of two sets' best scores: above by more than a relative 1e-5.
pub fn beats(score: f32, best: f32) -> bool {
    f64::from(score) > f64::from(best) + 1e-5 * f64::from(best).abs().max(1.0)
}

/// The `size`-element subsets of `0..n`, in lexicographic order, one at a time (a long
/// query has too many to list).
pub fn combinations(n: usize, size: usize) -> impl Iterator<Item = Vec<usize>> {
    let mut next = (size > 0 && size <= n).then(|| (0..size).collect::<Vec<usize>>());
    std::iter::from_fn(move || {
        let picks = next.take()?;
        if let Some(i) = (0..size).rev().find(|&i| picks[i] < n - size + i) {
            let mut following = picks.clone();
            following[i] += 1;
            for j in i + 1..size {
                following[j] = following[j - 1] + 1;
            }
            next = Some(following);
        }
        Some(picks)
    })
}

/// Whether a unit can match at all: one of its alternatives has every word somewhere.
fn unit_is_live(ix: &SearchIndex, plan: &Plan, unit: &Unit) -> Result<bool, Error> {
    let mut typed = true;
    for i in unit.start..unit.end {
        let completes = plan.is_prefix(i) && !plan.expansions.is_empty();
        typed &= completes || exists(ix, &plan.words[i])?;
    }
    if typed {
        return Ok(true);
    }
    for alt in &unit.alternatives {
        let mut all = true;
        for w in &alt.words {
            all &= exists_in(ix, w, Some(Family::Short))?;
        }
        if all {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether a word has a term in some accented or folded field (rule 6's "known").
fn exists(ix: &SearchIndex, word: &Word) -> Result<bool, Error> {
    exists_in(ix, word, None)
}

fn exists_in(ix: &SearchIndex, word: &Word, family: Option<Family>) -> Result<bool, Error> {
    let searcher = ix.reader.searcher();
    for (spec, &field) in FIELDS.iter().zip(&ix.fields) {
        if family.is_some_and(|f| f != spec.family) {
            continue;
        }
        let text = match spec.form {
            Form::Accented => &word.accented,
            Form::Folded => &word.folded,
            Form::Bigram | Form::Whole => continue,
        };
        if searcher.doc_freq(&Term::from_field_text(field, text))? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Every procedure matching the units `kept` of `plan`, scored, best first.
fn run(ix: &SearchIndex, plan: &Plan, kept: &[usize], with_whole: bool) -> Result<Found, Error> {
    let query = build(ix, plan, kept, with_whole);
    let searcher = ix.reader.searcher();
    // Collect every match, not only `limit`: the total is wanted, and no pruning can
    // touch the scores.
    let all = TopDocs::with_limit(ix.num_procedures.max(1)).order_by_score();
    let mut ranked: Vec<(Score, u64)> = Vec::new();
    let mut ords = BTreeMap::new();
    for (score, address) in searcher.search(&*query, &all)? {
        let column = match ords.get(&address.segment_ord) {
            Some(c) => c,
            None => {
                let reader = searcher.segment_reader(address.segment_ord);
                let c = reader.fast_fields().u64(ORD_FIELD)?;
                ords.entry(address.segment_ord).or_insert(c)
            }
        };
        if let Some(ord) = column.first(address.doc_id) {
            let plain = ix.plain.get(ord as usize).copied().unwrap_or(false);
            let score = if plan.plain_bonus && plain {
                score + PLAIN_BONUS
            } else {
                score
            };
            ranked.push((score, ord));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(ranked)
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

fn all_of(mut clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if clauses.len() == 1 {
        return clauses.remove(0);
    }
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

fn build(ix: &SearchIndex, plan: &Plan, kept: &[usize], with_whole: bool) -> Box<dyn Query> {
    let words = &plan.words;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut in_query = vec![false; words.len()];
    // pairs inside a phrase that has meanings: scored with the phrase as typed (rule 7)
    let mut in_phrase = vec![false; words.len()];
    for &u in kept {
        let unit = &plan.units[u];
        let typed = (unit.start..unit.end)
            .map(|i| {
                in_query[i] = true;
                typed_word_query(ix, plan, i)
            })
            .collect();
        if unit.alternatives.is_empty() {
            clauses.push((Occur::Must, all_of(typed)));
        } else {
            let pairs = word_pairs(&words[unit.start..unit.end]);
            in_phrase[unit.start..unit.end - 1].fill(true);
            let mut disjuncts = vec![with_pairs(ix, typed, &pairs, 1.0)];
            disjuncts.extend(unit.alternatives.iter().map(|alt| {
                let pairs = word_pairs(&alt.words);
                let words = alt
                    .words
                    .iter()
                    .map(|w| word_query(ix, w, alt.factor, Some(Family::Short)))
                    .collect();
                with_pairs(ix, words, &pairs, alt.factor)
            }));
            clauses.push((Occur::Must, Box::new(DisjunctionMaxQuery::new(disjuncts))));
        }
    }
    for (i, pair) in word_pairs(words).iter().enumerate() {
        if !(in_query[i] && in_query[i + 1]) || in_phrase[i] {
            continue;
        }
        clauses.extend(pair_clauses(ix, pair, 1.0));
    }
    if with_whole {
        let term = whole(words);
        for (spec, &field) in FIELDS.iter().zip(&ix.fields) {
            if spec.form == Form::Whole {
                clauses.push((Occur::Should, term_query(field, &term, spec.boost)));
            }
        }
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Rule 7: a pair of adjacent words in every bigram field, each boost times `factor`.
fn pair_clauses(ix: &SearchIndex, term: &str, factor: f32) -> Vec<(Occur, Box<dyn Query>)> {
    FIELDS
        .iter()
        .zip(&ix.fields)
        .filter(|(spec, _)| spec.form == Form::Bigram)
        .map(|(spec, &field)| (Occur::Should, term_query(field, term, spec.boost * factor)))
        .collect()
}

/// An alternative of a unit: every word, and optionally its pairs.
fn with_pairs(
    ix: &SearchIndex,
    words: Vec<Box<dyn Query>>,
    pairs: &[String],
    factor: f32,
) -> Box<dyn Query> {
    if pairs.is_empty() {
        return all_of(words);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        words.into_iter().map(|q| (Occur::Must, q)).collect();
    for pair in pairs {
        clauses.extend(pair_clauses(ix, pair, factor));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Rules 3 and 4: query word `i` as typed.
fn typed_word_query(ix: &SearchIndex, plan: &Plan, i: usize) -> Box<dyn Query> {
    let exact = word_query(ix, &plan.words[i], 1.0, None);
    if !plan.is_prefix(i) || plan.expansions.is_empty() {
        return exact;
    }
    let mut disjuncts = vec![exact];
    disjuncts.extend(plan.expansions.iter().map(|t| completion_query(ix, t)));
    Box::new(DisjunctionMaxQuery::new(disjuncts))
}

/// Rules 3 and 5: one word in every accented and folded field (of `family`), each boost
/// times `factor`.
fn word_query(
    ix: &SearchIndex,
    word: &Word,
    factor: f32,
    family: Option<Family>,
) -> Box<dyn Query> {
    let clauses = FIELDS
        .iter()
        .zip(&ix.fields)
        .filter(|(spec, _)| family.is_none_or(|f| f == spec.family))
        .filter_map(|(spec, &field)| {
            let text = match spec.form {
                Form::Accented => &word.accented,
                Form::Folded => &word.folded,
                Form::Bigram | Form::Whole => return None,
            };
            let boost = if factor == 1.0 {
                spec.boost
            } else {
                spec.boost * factor
            };
            Some((Occur::Should, term_query(field, text, boost)))
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Rule 4: one completion in the completing fields.
fn completion_query(ix: &SearchIndex, term: &str) -> Box<dyn Query> {
    let clauses = FIELDS
        .iter()
        .zip(&ix.fields)
        .filter(|(spec, _)| spec.completes)
        .map(|(spec, &field)| {
            (
                Occur::Should,
                term_query(field, term, completion_boost(spec.boost)),
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Rule 6: an unknown folded word read as typed with Telex keys but no input method
/// ("hooj" is "hộ", "thuwc" "thực", "trinhf" "trình"), folded: after the first vowel, the
/// tone keys f, j, r, s, x, z go (no Vietnamese syllable has them there); "w" after a, o or
/// u goes, elsewhere it is "u"; a doubled a, e, o or d is one letter. `None` when the word
/// has letters other than a–z or no vowel, or reads as itself.
pub fn telex(word: &str) -> Option<String> {
    if !word.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let first_vowel = word.find(['a', 'e', 'i', 'o', 'u', 'y'])?;
    let mut out = String::new();
    for (i, c) in word.char_indices() {
        let last = out.chars().last();
        if i > first_vowel && "fjrsxz".contains(c) {
            continue;
        }
        if c == 'w' {
            if !matches!(last, Some('a' | 'o' | 'u')) {
                out.push('u');
            }
            continue;
        }
        if last == Some(c) && "aeod".contains(c) {
            continue;
        }
        out.push(c);
    }
    (out != word && !out.is_empty()).then_some(out)
}

/// Rule 6: the corrections of an unknown folded word.
pub fn corrections(ix: &SearchIndex, word: &str) -> Result<Vec<String>, Error> {
    let key: String = word.chars().take(MIN_PREFIX_CHARS).collect();
    let weights = completing_terms(ix, &key)?;
    let max = if word.chars().count() >= LONG_WORD_CHARS {
        2
    } else {
        1
    };
    Ok(nearest(word, weights, max))
}

/// Rule 6's choice among candidates with their weights.
pub fn nearest(word: &str, weights: BTreeMap<String, u64>, max: usize) -> Vec<String> {
    let word: Vec<char> = word.chars().collect();
    let mut near: Vec<(usize, u64, String)> = weights
        .into_iter()
        .filter(|(t, _)| t.chars().count() > MIN_PREFIX_CHARS)
        .filter_map(|(t, w)| {
            let d = edit_distance(&word, &t.chars().collect::<Vec<_>>(), max)?;
            Some((d, w, t))
        })
        .collect();
    near.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let nearest = near.first().map_or(0, |n| n.0);
    near.into_iter()
        .filter(|n| n.0 == nearest)
        .take(MAX_CORRECTIONS)
        .map(|n| n.2)
        .collect()
}

/// The optimal string alignment distance (insertions, deletions, substitutions, swaps of
/// neighbours), or `None` when above `max`.
pub fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= max).then_some(v)
}

/// The boost of a completion in a field (f32, exported as is so both sides agree).
pub fn completion_boost(boost: f32) -> f32 {
    boost * PREFIX_BOOST
}

/// Rule 4: the completions of a prefix, from tantivy's term dictionaries.
pub fn expansions(ix: &SearchIndex, prefix: &str) -> Result<Vec<String>, Error> {
    let mut weights = completing_terms(ix, prefix)?;
    weights.remove(prefix);
    Ok(top_completions(weights))
}

/// The terms of the completing fields starting with `prefix`, with their summed document
/// frequencies.
fn completing_terms(ix: &SearchIndex, prefix: &str) -> Result<BTreeMap<String, u64>, Error> {
    let mut weights: BTreeMap<String, u64> = BTreeMap::new();
    let searcher = ix.reader.searcher();
    for (_, &field) in FIELDS.iter().zip(&ix.fields).filter(|(s, _)| s.completes) {
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) {
                    break;
                }
                if let Ok(term) = std::str::from_utf8(key) {
                    *weights.entry(term.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    Ok(weights)
}

/// The most frequent completions first, ties in code point order (`String`'s order).
pub fn top_completions(weights: BTreeMap<String, u64>) -> Vec<String> {
    let mut ranked: Vec<(String, u64)> = weights.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(MAX_EXPANSIONS)
        .map(|(t, _)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_in_lexicographic_order() {
        let all: Vec<Vec<usize>> = combinations(4, 2).collect();
        assert_eq!(
            all,
            [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]].map(|c| c.to_vec())
        );
        assert_eq!(combinations(3, 3).count(), 1);
        assert_eq!(combinations(3, 0).count(), 0);
        // lazily: the first of very many
        assert_eq!(combinations(2000, 1000).next().map(|c| c.len()), Some(1000));
    }

    #[test]
    fn edit_distances_with_swaps_and_a_bound() {
        let d = |a: &str, b: &str, max| {
            edit_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
                max,
            )
        };
        assert_eq!(d("sihn", "sinh", 1), Some(1));
        assert_eq!(d("chiue", "chieu", 1), Some(1));
        assert_eq!(d("thuongg", "thuong", 1), Some(1));
        assert_eq!(d("abcd", "dcba", 2), None);
        assert_eq!(d("thuongtru", "thuongtu", 2), Some(1));
        let weights: BTreeMap<String, u64> = [("sinh", 5), ("sanh", 9), ("sinhx", 1), ("si", 50)]
            .into_iter()
            .map(|(t, w)| (t.to_string(), w))
            .collect();
        // the nearest only, most frequent first; two-letter terms are never candidates
        assert_eq!(nearest("sinb", weights, 1), ["sinh"]);
    }

    #[test]
    fn telex_readings() {
        let t = |w: &str| telex(w);
        assert_eq!(t("hooj").as_deref(), Some("ho"));
        assert_eq!(t("thuwc").as_deref(), Some("thuc"));
        assert_eq!(t("trinhf").as_deref(), Some("trinh"));
        assert_eq!(t("thij").as_deref(), Some("thi"));
        assert_eq!(t("ddawng").as_deref(), Some("dang"));
        assert_eq!(t("chuwngs").as_deref(), Some("chung"));
        assert_eq!(t("xoas").as_deref(), Some("xoa"));
        assert_eq!(t("tuw").as_deref(), Some("tu"));
        // onsets keep their letters; a word that reads as itself has no reading
        assert_eq!(t("sinh"), None);
        assert_eq!(t("đăng"), None);
        assert_eq!(t("bcd"), None);
    }
}
