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

use super::Error;
use super::analyzer::{Form, ViTokenizer};
use super::fields::{FIELDS, texts};
use crate::catalogue::{Catalogue, Procedure, Term};
use crate::progress::Progress;
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
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
/// in `Catalogue::procedures`.
pub fn doc_order(catalogue: &Catalogue) -> Vec<usize> {
    let keys: Vec<(usize, Vec<usize>, bool, String)> = catalogue
        .procedures
        .iter()
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
    order
}

pub const ORD_FIELD: &str = "ord";

/// Indexing memory per thread; tantivy's minimum is 15 MB.
const MEMORY_PER_THREAD: usize = 40_000_000;

pub fn build(catalogue: &Catalogue, progress: &Progress) -> Result<SearchIndex, Error> {
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
                .set_tokenizer(spec.form.tokenizer_name())
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
    for form in [Form::Accented, Form::Folded, Form::Bigram, Form::Whole] {
        index
            .tokenizers()
            .register(form.tokenizer_name(), ViTokenizer::new(form));
    }

    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let mut writer: IndexWriter =
        index.writer_with_num_threads(threads, threads * MEMORY_PER_THREAD)?;
    progress.counted("indexing for search", catalogue.procedures.len());
    let order = doc_order(catalogue);
    for (i, &n) in order.iter().enumerate() {
        let p = &catalogue.procedures[n];
        let mut doc = TantivyDocument::new();
        doc.add_u64(ord, i as u64);
        for (spec, &field) in FIELDS.iter().zip(&fields) {
            for text in texts(spec.source, p, catalogue) {
                doc.add_text(field, text);
            }
        }
        writer.add_document(doc)?;
        progress.tick();
    }
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
        plain: order
            .iter()
            .map(|&n| !super::fields::is_variant(&catalogue.procedures[n].title))
            .collect(),
        order,
        synonyms: super::synonyms::Table::of(catalogue),
    })
}
