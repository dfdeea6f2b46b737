//! Querying: a typed query into a tantivy query, run in-process (`thutuc search`).
//!
//! The browser client builds the same query from the exported files and must give the same
//! ranking (the parity test holds both to it), so the rules are spelled out here:
//!
//! 1. The query's words come from [`query_words`]. If the text ends inside its last word
//!    (search-as-you-type), that word is a *prefix*; a prefix shorter than
//!    [`MIN_PREFIX_CHARS`] folded characters is left out altogether.
//! 2. Every word must match (AND). A word matches through
//!    `Σ over the accented and folded fields F: boost(F) · BM25(F, term)`, the term being the word's
//!    accented form for an accented field and its folded form otherwise.
//! 3. A prefix matches as in 2 or through one of its completions: the at most
//!    [`MAX_EXPANSIONS`] longer terms of the completing fields (`completes` in [`FIELDS`])
//!    starting with it, most frequent first (sum of their document frequencies in those
//!    fields, ties by code point order). A completion `t` scores
//!    `Σ over completing fields F: (boost(F) · PREFIX_BOOST) · BM25(F, t)`; the prefix
//!    scores the best of its exact match and its completions (`DisjunctionMaxQuery`).
//! 4. Each pair of adjacent words adds, optionally, `boost(G) · BM25(G, "a b")` for each
//!    bigram field G, with the words' folded forms (a prefix as typed).
//! 5. All the words' folded forms joined by spaces add, optionally,
//!    `boost(W) · BM25(W, "a b c")` for the whole-title field W.
//! 6. The score is the sum; ties rank by document number (`index::doc_order`).
//!
//! BM25 is tantivy's: k1 = 1.2, b = 0.75, idf = ln(1 + (N − n + 0.5)/(n + 0.5)), the field
//! length quantised to tantivy's one-byte field norm, the average length exact; in a field
//! recorded without frequencies or lengths (body, bigrams, whole titles) tf and the length
//! are 1.

use super::Error;
use super::analyzer::{Form, QueryWords, Word, bigram, query_words, whole};
use super::fields::{FIELDS, MAX_EXPANSIONS, MIN_PREFIX_CHARS, PREFIX_BOOST};
use super::index::{ORD_FIELD, SearchIndex};
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
}

/// The ranked results of one query.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hits {
    pub query: String,
    /// How many procedures match in all.
    pub total: usize,
    /// The best `limit` of them, best first.
    pub hits: Vec<Hit>,
}

impl std::fmt::Display for Hits {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        writeln!(f, "{:?}: {} result(s)", self.query, self.total)?;
        for (i, hit) in self.hits.iter().enumerate() {
            writeln!(f, "{:>3}. {:<12} {:.6}", i + 1, hit.code, hit.score)?;
        }
        Ok(())
    }
}

/// The words of a query that take part, and whether the last one is a prefix.
pub fn plan(text: &str) -> QueryWords {
    let QueryWords {
        mut words,
        mut last_is_prefix,
    } = query_words(text);
    if last_is_prefix
        && words
            .last()
            .is_some_and(|w| w.folded.chars().count() < MIN_PREFIX_CHARS)
    {
        words.pop();
        last_is_prefix = false;
    }
    QueryWords {
        words,
        last_is_prefix,
    }
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
    };
    let Some(query) = build(ix, &plan(text))? else {
        return Ok(hits);
    };
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
            ranked.push((score, ord));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
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
            })
        })
        .collect();
    Ok(hits)
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

fn build(ix: &SearchIndex, plan: &QueryWords) -> Result<Option<Box<dyn Query>>, Error> {
    let words = &plan.words;
    if words.is_empty() {
        return Ok(None);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let exact = word_query(ix, word);
        let is_prefix = plan.last_is_prefix && i + 1 == words.len();
        let expansions = if is_prefix {
            expansions(ix, &word.folded)?
        } else {
            Vec::new()
        };
        if expansions.is_empty() {
            clauses.push((Occur::Must, exact));
        } else {
            let mut disjuncts = vec![exact];
            disjuncts.extend(expansions.iter().map(|t| completion_query(ix, t)));
            clauses.push((Occur::Must, Box::new(DisjunctionMaxQuery::new(disjuncts))));
        }
    }
    for pair in words.windows(2) {
        let term = bigram(&pair[0].folded, &pair[1].folded);
        for (spec, &field) in FIELDS.iter().zip(&ix.fields) {
            if spec.form == Form::Bigram {
                clauses.push((Occur::Should, term_query(field, &term, spec.boost)));
            }
        }
    }
    let term = whole(words);
    for (spec, &field) in FIELDS.iter().zip(&ix.fields) {
        if spec.form == Form::Whole {
            clauses.push((Occur::Should, term_query(field, &term, spec.boost)));
        }
    }
    Ok(Some(Box::new(BooleanQuery::new(clauses))))
}

/// Rule 2: one word in every accented and folded field.
fn word_query(ix: &SearchIndex, word: &Word) -> Box<dyn Query> {
    let clauses = FIELDS
        .iter()
        .zip(&ix.fields)
        .filter_map(|(spec, &field)| {
            let text = match spec.form {
                Form::Accented => &word.accented,
                Form::Folded => &word.folded,
                Form::Bigram | Form::Whole => return None,
            };
            Some((Occur::Should, term_query(field, text, spec.boost)))
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Rule 3: one completion in the completing fields.
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

/// The boost of a completion in a field (f32, exported as is so both sides agree).
pub fn completion_boost(boost: f32) -> f32 {
    boost * PREFIX_BOOST
}

/// Rule 3: the completions of a prefix, from tantivy's term dictionaries.
pub fn expansions(ix: &SearchIndex, prefix: &str) -> Result<Vec<String>, Error> {
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
                if key.len() == prefix.len() {
                    continue;
                }
                if let Ok(term) = std::str::from_utf8(key) {
                    *weights.entry(term.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    Ok(top_completions(weights))
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
