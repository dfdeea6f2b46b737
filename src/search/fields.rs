//! What the search indexes: which text of a procedure goes into which field, in which form,
//! and how much a match there weighs.
//!
//! The weights (relative; a field's boost, which multiplies tantivy's BM25 score of a term in
//! that field, is its weight times [`SCALE`]):
//!
//! | text                         | accented | folded | bigram | whole | why |
//! | ---                          | ---      | ---    | ---    | ---   | --- |
//! | title                        | 1.5      | 3.0    | 2.0    | 10.0  | what citizens type; the short title wins through BM25's length norm |
//! | keywords, life-event names   | 1.0      | 2.0    | 1.0    |       | colloquial words staff add ("sổ đỏ", "bằng lái"), "sinh con" |
//! | code                         |          | 4.0    |        |       | a typed code should put its procedure first |
//! | field name                   | 0.5      | 1.0    |        |       | "hộ tịch", "đất đai" |
//! | agency name and short name   | 0.5      | 1.0    |        |       | "công an", "ubnd" |
//! | body, documents, results     |          | 0.5    |        |       | long: many weak matches |
//!
//! A query word typed with its marks matches both the accented and the folded field, so the
//! right diacritics add the accented weight on top; typed without marks it matches the folded
//! field only. Adjacent query words also match the bigram fields, so "khai sinh" side by side
//! scores above the same syllables scattered, and a query that is a whole title matches the
//! `title_exact` term, so a title typed in full beats longer titles that repeat its words.
//!
//! The body is the largest part of the index and of what a query downloads, so it is indexed
//! folded only, without bigrams, and without term frequencies or lengths: a body word scores
//! its idf whether it occurs once or ten times, in a short body or a long one. Its postings
//! are then plain document sets (a bitmap for a common word). Bigrams and whole titles are
//! likewise presence only: the length of the title already counts through its words.

use super::analyzer::Form;
use crate::catalogue::{Catalogue, Procedure};

/// Where a field's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Title,
    Keywords,
    Code,
    Topics,
    Agency,
    Body,
}

/// Which set of shard files holds a field's postings: a query downloads the body shards only
/// for its complete words, never for the completions of a word being typed; bigrams and
/// whole titles are sharded by the whole term, so a query fetches only the pairs it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Short,
    Body,
    Pair,
    Whole,
}

#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The tantivy field name.
    pub name: &'static str,
    pub source: Source,
    pub form: Form,
    pub boost: f32,
    pub family: Family,
    /// Whether a word being typed is completed from this field's terms (see `query.rs`).
    pub completes: bool,
    /// Whether tantivy records term frequencies (else every tf is 1).
    pub freqs: bool,
    /// Whether tantivy records field lengths (else every length is 1).
    pub norms: bool,
}

/// All weights are scaled by this power of two (exactly, so the ranking is unchanged) to keep
/// the score of a query as long as a long title near 100: there tantivy's f32 sums, added in
/// an order of its own, stay within 1e-5 of the client's, which adds in another order.
pub const SCALE: f32 = 0.125;

const fn spec(
    name: &'static str,
    source: Source,
    form: Form,
    weight: f32,
    family: Family,
    completes: bool,
) -> FieldSpec {
    FieldSpec {
        name,
        source,
        form,
        boost: weight * SCALE,
        family,
        completes,
        freqs: true,
        norms: true,
    }
}

use Family::{Body as B, Pair as P, Short as S, Whole as W};
use Form::{Accented as A, Bigram as G, Folded as F, Whole as T};

/// A field that only says whether a term occurs: no frequencies, no lengths (tantivy then
/// scores tf = 1 and a length of 1). Its postings are plain document sets.
const fn presence(spec: FieldSpec) -> FieldSpec {
    FieldSpec {
        freqs: false,
        norms: false,
        ..spec
    }
}

/// Every search field, in the order the export numbers them.
pub const FIELDS: [FieldSpec; 13] = [
    spec("title", Source::Title, A, 1.5, S, false),
    spec("title_f", Source::Title, F, 3.0, S, true),
    presence(spec("title_bi", Source::Title, G, 2.0, P, false)),
    presence(spec("title_exact", Source::Title, T, 10.0, W, false)),
    spec("keywords", Source::Keywords, A, 1.0, S, false),
    spec("keywords_f", Source::Keywords, F, 2.0, S, true),
    presence(spec("keywords_bi", Source::Keywords, G, 1.0, P, false)),
    spec("code", Source::Code, F, 4.0, S, false),
    spec("topics", Source::Topics, A, 0.5, S, false),
    spec("topics_f", Source::Topics, F, 1.0, S, true),
    spec("agency", Source::Agency, A, 0.5, S, false),
    spec("agency_f", Source::Agency, F, 1.0, S, true),
    presence(spec("body_f", Source::Body, F, 0.5, B, false)),
];

/// A completion of a word being typed weighs this much of a full match.
pub const PREFIX_BOOST: f32 = 0.8;
/// A synonym's words weigh this much of the words as typed, spread over them: a meaning of
/// `m` words for a phrase of `k` scores each of its words at `SYNONYM_BOOST · k / m`.
pub const SYNONYM_BOOST: f32 = 0.8;
/// A correction of a mistyped word weighs this much of a word typed right.
pub const TYPO_BOOST: f32 = 0.5;
/// Words of fewer folded letters are not corrected (too many near neighbours).
pub const MIN_TYPO_CHARS: usize = 4;
/// Words of this many folded letters or more may be two edits away; shorter ones one.
pub const LONG_WORD_CHARS: usize = 8;
/// A mistyped word is read as at most this many known words, the nearest, most frequent.
pub const MAX_CORRECTIONS: usize = 3;
/// What a plain procedure scores on top when the query names no qualifier
/// (`QUALIFIER_PAIRS`): about a body word's weight, enough to part near ties.
pub const PLAIN_BONUS: f32 = 0.25;
/// When no procedure has every word, at most this many smaller queries are tried.
pub const MAX_FALLBACK_QUERIES: usize = 64;
/// A word being typed is completed to at most this many terms, the most frequent first.
pub const MAX_EXPANSIONS: usize = 8;
/// A word being typed is completed only from this many characters (folded); a shorter one
/// is left out of the query until it grows, so results do not flicker to nothing.
pub const MIN_PREFIX_CHARS: usize = 2;

/// Words the national database puts before many titles ("Thủ tục đăng ký khai tử" beside
/// "Đăng ký lại khai tử"): not indexed, so they do not count against a title's length, and
/// left out of a query that starts with them (`query.rs`). Lower case, as the analyzer reads.
pub const BOILERPLATE: &str = "thủ tục";

/// A title as the search indexes it: without a leading [`BOILERPLATE`] when more follows.
pub fn searched_title(title: &str) -> &str {
    let trimmed = title.trim_start();
    let n = BOILERPLATE.len();
    let head = trimmed.get(..n).map(str::to_lowercase);
    match trimmed.get(n..) {
        Some(rest)
            if head.as_deref() == Some(BOILERPLATE)
                && rest.starts_with(|c: char| !c.is_alphanumeric())
                && rest.contains(char::is_alphanumeric) =>
        {
            rest.trim_start_matches(|c: char| !c.is_alphanumeric())
        }
        _ => title,
    }
}

/// Words of a question around the procedure's name ("tôi muốn …", "… gồm những gì", "lệ phí
/// … bao nhiêu tiền"): no title has them, so requiring them finds nothing or the wrong
/// procedure. Each is a phrase (accented, lower case; a query word matches a phrase word as a
/// synonym's does), left out of a query that has other words (`query.rs`, rule 1). Keep to
/// phrases that no title says.
pub const FILLERS: [&str; 27] = [
    "tôi muốn",
    "tôi cần",
    "em muốn",
    "mình muốn",
    "cho hỏi",
    "xin hỏi",
    "muốn hỏi",
    "gì",
    "những gì",
    "gồm những gì",
    "cần những gì",
    "nào",
    "bao nhiêu",
    "bao nhiêu tiền",
    "hết bao nhiêu",
    "bao lâu",
    "mất bao lâu",
    "thế nào",
    "như thế nào",
    "ở đâu",
    "làm sao",
    "lệ phí",
    "cho con",
    "mới sinh",
    // before a code: "Mã thủ tục: 1.001022"
    "mã thủ tục",
    "mã số thủ tục",
    "mã TTHC",
];

/// What makes a procedure a qualified variant of a plainer one: its title names where or
/// how it is done, in brackets or with one of these phrases (folded), or that it is the
/// version for organisations ("… cho cơ quan, tổ chức") of one that citizens use, or that
/// it follows up a first issue or registration (cấp lại, cấp đổi, thu hồi, thay đổi, …):
/// "bien so xe" wants the plates first registered, not their revocation.
pub const QUALIFIERS: [&str; 18] = [
    "luu dong",
    "co yeu to nuoc ngoai",
    "thuc hien tai cap",
    "tai khu vuc bien gioi",
    "cho co quan to chuc",
    "cua co quan to chuc",
    "doi voi to chuc",
    "cap lai",
    "cap doi",
    "thu hoi",
    "thay doi",
    "dieu chinh",
    "gia han",
    "khoi phuc",
    "xoa dang ky",
    "dang ky lai",
    "trinh bao mat",
    "cham dut",
];

/// Pairs of adjacent folded query words that name a qualifier: with one of them in the query,
/// no procedure gets the plain procedure's bonus (`query.rs`).
pub const QUALIFIER_PAIRS: [&str; 23] = [
    "luu dong",
    "nuoc ngoai",
    "yeu to",
    "thuc hien",
    "trung uong",
    "cap tinh",
    "cap xa",
    "cap huyen",
    "bien gioi",
    "khu vuc",
    "co quan",
    "to chuc",
    "cap lai",
    "cap doi",
    "thu hoi",
    "thay doi",
    "dieu chinh",
    "gia han",
    "khoi phuc",
    "xoa dang",
    "ky lai",
    "bao mat",
    "cham dut",
];

/// Whether a title is a qualified variant ("… lưu động", "… (thực hiện tại cấp tỉnh)").
pub fn is_variant(title: &str) -> bool {
    if title.contains('(') {
        return true;
    }
    // the folded words between spaces, so that a qualifier matches whole words only
    let mut text = String::from(" ");
    Form::Folded.each_term(title, |word| {
        text.push_str(word);
        text.push(' ');
    });
    QUALIFIERS.iter().any(|q| {
        text.match_indices(q)
            .any(|(i, _)| text[..i].ends_with(' ') && text[i + q.len()..].starts_with(' '))
    })
}

/// The values of a text source for a procedure (a multi-valued field: keywords do not run
/// into each other, so no bigram spans two of them).
pub fn texts(source: Source, p: &Procedure, catalogue: &Catalogue) -> Vec<String> {
    match source {
        Source::Title => vec![searched_title(&p.title).to_string()],
        Source::Keywords => p.keywords.clone(),
        Source::Code => vec![p.code.clone()],
        Source::Topics => {
            let mut out: Vec<String> = catalogue
                .field(&p.field)
                .map(|t| t.name.clone())
                .into_iter()
                .collect();
            out.extend(
                p.life_events
                    .iter()
                    .filter_map(|id| catalogue.life_event(id))
                    .map(|t| t.name.clone()),
            );
            out
        }
        // a function of the agency alone, likewise
        Source::Agency => match catalogue.agency(&p.agency) {
            Some(a) => std::iter::once(a.name.clone())
                .chain(a.short_name.clone())
                .collect(),
            None => Vec::new(),
        },
        Source::Body => body_texts(p),
    }
}

/// The body as plain text (Markdown syntax and link targets removed), then who it is for,
/// the documents and the results.
fn body_texts(p: &Procedure) -> Vec<String> {
    let b = &p.body;
    let mut out = vec![plain_text(&b.intro)];
    out.extend(b.steps.iter().map(|s| plain_text(s)));
    out.extend(b.conditions.iter().map(|s| plain_text(s)));
    for (heading, text) in &b.other {
        out.push(heading.clone());
        out.push(plain_text(text));
    }
    out.extend(p.subjects.iter().cloned());
    out.extend(p.documents.iter().map(|d| d.name.clone()));
    out.extend(p.results.iter().cloned());
    out.retain(|t| !t.trim().is_empty());
    out
}

fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("1. Nộp **hồ sơ** tại [UBND](https://x.vn)\n2. Nhận `kết quả`"),
            "Nộp hồ sơ tại UBND\nNhận kết quả\n"
        );
    }

    #[test]
    fn boilerplate_and_variants() {
        assert_eq!(searched_title("Thủ tục đăng ký khai tử"), "đăng ký khai tử");
        assert_eq!(searched_title("THỦ TỤC: cấp bản sao"), "cấp bản sao");
        assert_eq!(searched_title("Thủ tục"), "Thủ tục");
        assert_eq!(searched_title("Thủ tục hành chính"), "hành chính");
        assert_eq!(searched_title("Thủ tụcx"), "Thủ tụcx");
        assert_eq!(searched_title("Đăng ký lại khai tử"), "Đăng ký lại khai tử");
        assert!(is_variant("Thủ tục đăng ký khai tử lưu động"));
        assert!(is_variant("Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)"));
        assert!(is_variant("Đăng ký khai tử có yếu tố nước ngoài"));
        assert!(!is_variant("Thủ tục đăng ký khai tử"));
        assert!(!is_variant("Cấp hộ chiếu phổ thông ở trong nước"));
        assert!(is_variant(
            "Cấp tài khoản định danh điện tử cho cơ quan, tổ chức"
        ));
        assert!(is_variant(
            "Cấp thị thực điện tử theo đề nghị của cơ quan, tổ chức"
        ));
        assert!(!is_variant(
            "Cấp thị thực điện tử theo đề nghị của người nước ngoài"
        ));
    }

    #[test]
    fn field_names_are_unique() {
        let mut names: Vec<_> = FIELDS.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FIELDS.len());
    }
}
