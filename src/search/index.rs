//! Indexing: the catalogue into an in-memory tantivy index, one document per procedure.
//!
//! Every field of [`FIELDS`] is a text field with its own analyzer form, with or without term
//! frequencies and field norms as the spec says, never positions (adjacency is scored through
//! bigram terms instead).
//!
//! Documents are numbered in [`doc_order`]: by field, then level set, then folded title and
//! code, so that a field and a level set are each a run of consecutive ids (the export needs
//! no per-procedure facet file) and similar procedures share postings blocks. A fast field
//! `ord` holds that number, so results and the export map tantivy's documents back to
//! procedures whatever the segments; ties in score rank by it.
//!
//! The analyzer runs before tantivy: each procedure's text becomes its terms per field
//! ([`Terms`]), which tantivy reads back through a tokenizer that only splits them. So the
//! terms can be kept between builds ([`Memo`], for `serve`), and a build after an edit
//! analyses only the procedures that changed.

use super::Error;
use super::fields::{FIELDS, Source, texts};
use crate::catalogue::{Catalogue, Procedure, Term};
use crate::memo::Kept;
use crate::progress::Progress;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

/// The tantivy index of a catalogue, ready to search or export.
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    /// The tantivy field of each entry of [`FIELDS`], in order.
    pub fields: Vec<Field>,
    /// The fast field holding each document's number (its place in `order`).
    pub ord: Field,
    pub num_procedures: usize,
    /// Document number → index in `Catalogue::procedures`.
    pub order: Vec<usize>,
    /// Document number → whether it is a plain procedure (not a qualified variant).
    pub plain: Vec<bool>,
    /// The built-in synonyms with the catalogue's `synonyms.yaml`.
    pub synonyms: super::synonyms::Table,
}

/// Where the term `id` stands in `list` (a taxonomy of the catalogue); the catalogue has
/// checked every reference, so it is there.
pub(super) fn position(list: &[Term], id: &str) -> usize {
    list.iter().position(|t| t.id == id).unwrap_or(usize::MAX)
}

/// A procedure's levels as positions in `levels.yaml`, sorted, each once: documents are
/// numbered by it, and the export groups them by it.
pub(super) fn level_set(catalogue: &Catalogue, p: &Procedure) -> Vec<usize> {
    let mut levels: Vec<usize> = p
        .levels
        .iter()
        .map(|l| position(&catalogue.levels, l))
        .collect();
    levels.sort_unstable();
    levels.dedup();
    levels
}

/// The order documents are numbered in: by field (its place in the catalogue's list), level
/// set, plain procedures before qualified variants (`fields::is_variant`, so that the
/// manifest's runs say which is which), folded title, code. Returns document number → index
/// in `Catalogue::procedures`, and document number → whether it is a plain procedure.
pub fn doc_order(catalogue: &Catalogue) -> (Vec<usize>, Vec<bool>) {
    let keys: Vec<(usize, Vec<usize>, bool, String)> = catalogue
        .procedures
        .par_iter()
        .map(|p| {
            let title = super::analyzer::fold(&p.title.to_lowercase());
            (
                position(&catalogue.fields, &p.field),
                level_set(catalogue, p),
                super::fields::is_variant(&p.title),
                title,
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..catalogue.procedures.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a].cmp(&keys[b]).then_with(|| {
            catalogue.procedures[a]
                .code
                .cmp(&catalogue.procedures[b].code)
        })
    });
    let plain = order.iter().map(|&n| !keys[n].2).collect();
    (order, plain)
}

pub const ORD_FIELD: &str = "ord";

/// Indexing memory per thread; tantivy's minimum is 15 MB.
const MEMORY_PER_THREAD: usize = 40_000_000;

/// Procedures analysed side by side before tantivy is handed them: enough to keep both
/// cores busy, few enough that a full build holds little analysed text at once.
const ANALYSED_AT_ONCE: usize = 256;

/// The name of the tokenizer of every field: [`SplitTerms`].
const TERMS_TOKENIZER: &str = "terms";

/// One procedure's terms, per entry of [`FIELDS`]: each field's terms in order (every
/// value's in turn), joined by `\0`, which no term holds.
pub struct Terms(Vec<String>);

impl Terms {
    fn of(p: &Procedure, catalogue: &Catalogue) -> Terms {
        Terms(
            FIELDS
                .iter()
                .map(|spec| {
                    let mut joined = String::new();
                    for text in texts(spec.source, p, catalogue) {
                        spec.form.each_term(&text, |term| {
                            if !joined.is_empty() {
                                joined.push('\0');
                            }
                            joined.push_str(term);
                        });
                    }
                    joined
                })
                .collect(),
        )
    }
}

/// The texts of a procedure's fields that come from elsewhere in the catalogue (its
/// field's and life events' names, its agency's): the terms kept for a procedure hold
/// while these are the same.
fn borrowed_texts(p: &Procedure, catalogue: &Catalogue) -> Vec<String> {
    [Source::Topics, Source::Agency]
        .into_iter()
        .flat_map(|source| {
            // a separator, so that texts do not move from one source to the other unseen
            texts(source, p, catalogue)
                .into_iter()
                .chain([String::new()])
        })
        .collect()
}

/// The terms of each procedure as last indexed, kept by `serve` between builds: a
/// procedure whose record is the same (the same `Arc`, which the catalogue keeps for an
/// unchanged file) and whose borrowed texts are the same is not analysed again.
#[derive(Default)]
pub struct Memo(Kept<usize, Remembered>);

struct Remembered {
    /// Held so that its address, the key, is not another procedure's.
    procedure: Arc<Procedure>,
    borrowed: Vec<String>,
    terms: Arc<Terms>,
}

/// A procedure's key in a [`Memo`]: its address.
fn memo_key(p: &Arc<Procedure>) -> usize {
    Arc::as_ptr(p) as usize
}

/// Splits the `\0`-joined terms of [`Terms`]: the analysis is done already.
#[derive(Clone, Default)]
struct SplitTerms {
    token: Token,
}

struct SplitTermStream<'a> {
    terms: std::str::Split<'a, char>,
    token: &'a mut Token,
}

impl Tokenizer for SplitTerms {
    type TokenStream<'a> = SplitTermStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SplitTermStream<'a> {
        // position starts at usize::MAX so the first advance makes it 0, as in tantivy's own
        self.token.reset();
        SplitTermStream {
            terms: text.split('\0'),
            token: &mut self.token,
        }
    }
}

impl TokenStream for SplitTermStream<'_> {
    fn advance(&mut self) -> bool {
        for term in self.terms.by_ref() {
            if !term.is_empty() {
                // offsets are left at 0: nothing reads them (no highlighting)
                self.token.position = self.token.position.wrapping_add(1);
                self.token.text.clear();
                self.token.text.push_str(term);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Indexes `catalogue`; `memo`: the terms of the last build, to reuse and to update.
pub fn build(
    catalogue: &Catalogue,
    memo: Option<&Memo>,
    progress: &Progress,
) -> Result<SearchIndex, Error> {
    let mut builder = Schema::builder();
    let fields: Vec<Field> = FIELDS
        .iter()
        .map(|spec| {
            // the default is doc ids only: say what BM25 should see
            let record = if spec.freqs {
                IndexRecordOption::WithFreqs
            } else {
                IndexRecordOption::Basic
            };
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(TERMS_TOKENIZER)
                .set_index_option(record)
                .set_fieldnorms(spec.norms);
            builder.add_text_field(
                spec.name,
                TextOptions::default().set_indexing_options(indexing),
            )
        })
        .collect();
    let ord = builder.add_u64_field(ORD_FIELD, FAST);
    let index = Index::create_in_ram(builder.build());
    index
        .tokenizers()
        .register(TERMS_TOKENIZER, SplitTerms::default());

    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, threads * MEMORY_PER_THREAD)?;
    progress.counted("indexing for search", catalogue.procedures.len());
    let (order, plain) = doc_order(catalogue);
    let before = memo.map(|m| m.0.take());
    let mut after = HashMap::new();
    for (c, chunk) in order.chunks(ANALYSED_AT_ONCE).enumerate() {
        let analysed: Vec<(Vec<String>, Arc<Terms>)> = chunk
            .par_iter()
            .map(|&n| {
                let p = &catalogue.procedures[n];
                let Some(before) = &before else {
                    // no memo to check against or to keep: no borrowed texts to compare
                    return (Vec::new(), Arc::new(Terms::of(p, catalogue)));
                };
                let borrowed = borrowed_texts(p, catalogue);
                let kept = before
                    .get(&memo_key(p))
                    .filter(|r| Arc::ptr_eq(&r.procedure, p) && r.borrowed == borrowed);
                let terms = match kept {
                    Some(r) => r.terms.clone(),
                    None => Arc::new(Terms::of(p, catalogue)),
                };
                (borrowed, terms)
            })
            .collect();
        for (i, (&n, (borrowed, terms))) in chunk.iter().zip(analysed).enumerate() {
            let mut doc = TantivyDocument::new();
            doc.add_u64(ord, (c * ANALYSED_AT_ONCE + i) as u64);
            for (joined, &field) in terms.0.iter().zip(&fields) {
                if !joined.is_empty() {
                    doc.add_text(field, joined);
                }
            }
            writer.add_document(doc)?;
            if memo.is_some() {
                let procedure = catalogue.procedures[n].clone();
                let key = memo_key(&procedure);
                after.insert(
                    key,
                    Remembered {
                        procedure,
                        borrowed,
                        terms,
                    },
                );
            }
            progress.tick();
        }
    }
    if let Some(memo) = memo {
        memo.0.keep(after);
    }
    // the last build's terms, freed before tantivy's commit allocates
    drop(before);
    progress.step("finishing the search index");
    writer.commit()?;
    writer.wait_merging_threads()?;

    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    reader.reload()?;
    Ok(SearchIndex {
        index,
        reader,
        fields,
        ord,
        num_procedures: catalogue.procedures.len(),
        plain,
        order,
        synonyms: super::synonyms::Table::of(catalogue),
    })
}
