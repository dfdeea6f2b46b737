//! Reading back: what tantivy holds for every field — terms, postings with term frequencies,
//! field norm ids, token counts — with tantivy's documents renumbered to catalogue positions.

use super::Error;
use super::index::{ORD_FIELD, SearchIndex};
use std::collections::BTreeMap;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

/// One posting: a document (its catalogue position), the term frequency, the field norm id.
/// Packed into 9 bytes, not 12: a national catalogue's index holds about 30 million of them
/// while its pages render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed)]
pub struct Posting {
    pub doc: u32,
    pub tf: u32,
    pub norm: u8,
}

/// What tantivy holds for one field.
pub struct FieldData {
    /// Σ of the field's lengths: BM25's average length is this over the document count.
    pub total_tokens: u64,
    /// Every term with its postings, sorted by document.
    pub terms: BTreeMap<String, Vec<Posting>>,
}

/// What tantivy holds for the whole index.
pub struct Stored {
    /// BM25's N: tantivy's max_doc summed over segments (nothing is ever deleted).
    pub num_docs: u64,
    /// One entry per field, in the order of [`super::fields::FIELDS`].
    pub fields: Vec<FieldData>,
}

/// The field norm id tantivy uses for a field without norms (a constant length of 1).
const CONSTANT_NORM: u8 = 1;

pub fn read_back(ix: &SearchIndex) -> Result<Stored, Error> {
    let searcher = ix.reader.searcher();
    let num_docs = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.max_doc()))
        .sum();
    let mut fields = Vec::new();
    for &field in &ix.fields {
        let mut data = FieldData {
            total_tokens: 0,
            terms: BTreeMap::new(),
        };
        for segment in searcher.segment_readers() {
            let ords = segment.fast_fields().u64(ORD_FIELD)?;
            let norms = segment.fieldnorms_readers().get_field(field)?;
            let inverted = segment.inverted_index(field)?;
            data.total_tokens += inverted.total_num_tokens();
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(text) = std::str::from_utf8(stream.key()) else {
                    return Err(Error::Corrupt("a term is not UTF-8".into()));
                };
                let list = data.terms.entry(text.to_string()).or_default();
                list.reserve(stream.value().doc_freq as usize);
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                // a fresh postings list already stands on its first document
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let ord = ords
                        .first(doc)
                        .and_then(|o| u32::try_from(o).ok())
                        .ok_or_else(|| Error::Corrupt(format!("document {doc} has no `ord`")))?;
                    list.push(Posting {
                        doc: ord,
                        tf: postings.term_freq(),
                        norm: norms
                            .as_ref()
                            .map_or(CONSTANT_NORM, |n| n.fieldnorm_id(doc)),
                    });
                    doc = postings.advance();
                }
            }
        }
        for list in data.terms.values_mut() {
            list.sort_by_key(|p| p.doc);
        }
        fields.push(data);
    }
    Ok(Stored { num_docs, fields })
}

#[cfg(test)]
mod tests {
    use tantivy::fieldnorm::FieldNormReader;

    /// The browser client rebuilds tantivy's field norm table from this formula
    /// (`FIELDNORMS` in search.js); hold the formula to tantivy's table.
    #[test]
    fn field_norm_table_formula() {
        for id in 0..=255u8 {
            let x = u32::from(id).saturating_sub(24);
            let formula = if id < 24 {
                u32::from(id)
            } else if x >> 3 == 0 {
                24 + (x & 7)
            } else {
                24 + (((x & 7) | 8) << ((x >> 3) - 1))
            };
            assert_eq!(FieldNormReader::id_to_fieldnorm(id), formula, "id {id}");
        }
    }
}
