//! The Vietnamese analyzer: text → words, each in an accented and a folded form.
//!
//! The same rules run in the browser (`analyze` in `theme/static/search.js`); both are held to
//! `tests/search/analyzer-vectors.json`. Change one, change the other and the vectors.
//!
//! 1. Invisible marks (U+200B, U+00AD, U+FEFF, …) removed, then Unicode NFC.
//! 2. Words are runs of letters and digits (`char::is_alphanumeric`); everything else splits.
//!    A `.` between two ASCII digits joins them, so the code `1.000656` is the word `1000656`
//!    and matches it typed without the dot (so does `50.000` and `50000`).
//! 3. Lower case (`str::to_lowercase`, per word).
//! 4. i/y spelling variants: a syllable that is a consonant onset followed by a lone `y`
//!    (`ký`, `lý`, `mỹ`, `quy`, `ty`) is written with `i` (`kí`, `lí`, `mĩ`, `qui`, `ti`), so the
//!    two spellings are one word. `y` after a vowel (`tay`, `huy`) is another sound and stays.
//! 5. Words longer than [`MAX_WORD_CHARS`] characters are dropped (pasted URLs, noise).
//! 6. The folded form: canonical decomposition, every combining mark removed, `đ` → `d`.
//!    A word whose folded form is empty (only marks) is dropped.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longer words are dropped: no Vietnamese syllable or procedure code comes close.
pub const MAX_WORD_CHARS: usize = 40;

/// One word of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower case, marks kept, i/y unified: `đăng`, `kí`.
    pub accented: String,
    /// Every mark removed and `đ` → `d`: `dang`, `ki`.
    pub folded: String,
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.clone()));
    out
}

/// Calls `f` with each word of `text`, in order.
fn for_each_word(text: &str, mut f: impl FnMut(&Word)) {
    // Indexing analyses every word of the catalogue, mostly the same few thousand
    // syllables: each thread remembers what a word became (forgetting all when full).
    type Memo = std::collections::HashMap<String, Option<Word>, foldhash::fast::RandomState>;
    const MEMO_WORDS: usize = 1 << 16;
    thread_local! {
        static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::default();
    }
    let cleaned = clean(text);
    MEMO.with_borrow_mut(|memo| {
        for raw in split(&cleaned) {
            if !memo.contains_key(raw.as_ref()) {
                if memo.len() >= MEMO_WORDS {
                    memo.clear();
                }
                let analysed = word(&raw);
                memo.insert(raw.to_string(), analysed);
            }
            if let Some(Some(w)) = memo.get(raw.as_ref()) {
                f(w);
            }
        }
    });
}

/// A query as typed: its words, and whether the last one is still being typed (the text
/// ends inside it), in which case the search treats it as a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWords {
    pub words: Vec<Word>,
    pub last_is_prefix: bool,
    /// Each word as the person typed it (its case, marks and spelling), to show it back.
    pub typed: Vec<String>,
}

pub fn query_words(text: &str) -> QueryWords {
    let cleaned = clean(text);
    let ends_in_word = cleaned
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let mut words = Vec::new();
    let mut typed = Vec::new();
    let mut last_kept = false;
    for raw in split(&cleaned) {
        let w = word(&raw);
        last_kept = w.is_some();
        if let Some(w) = w {
            words.push(w);
            typed.push(raw.into_owned());
        }
    }
    // A trailing word that was dropped (too long, only marks) leaves nothing being typed.
    QueryWords {
        words,
        last_is_prefix: ends_in_word && last_kept,
        typed,
    }
}

/// The folded form of a lower-case word: `đăng` → `dang`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match folded_char(c) {
            Folded::Same => out.push(c),
            Folded::To(base) => out.push(base),
            Folded::Dropped => {}
            Folded::Decompose => out.extend(
                std::iter::once(c)
                    .nfd()
                    .filter(|c| !is_combining_mark(*c))
                    .map(|c| if c == 'đ' { 'd' } else { c }),
            ),
        }
    }
    out
}

/// What folding does to one character.
#[derive(Clone, Copy)]
enum Folded {
    Same,
    To(char),
    /// A combining mark.
    Dropped,
    /// Not in the table: decompose it (the same rule, only slower).
    Decompose,
}

/// Characters below this are folded through a table: Latin, Vietnamese, Greek, Cyrillic.
const TABLE_END: u32 = 0x2000;

/// Folding one character at a time is the same as folding the word, since marks are all
/// removed; the decomposition of each character is looked up once, in a table built
/// the first time it is needed, because indexing folds every word of the catalogue.
fn folded_char(c: char) -> Folded {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<Folded>> = OnceLock::new();
    if c.is_ascii() {
        return Folded::Same;
    }
    if c as u32 >= TABLE_END {
        return Folded::Decompose;
    }
    let table = TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|n| {
                let Some(c) = char::from_u32(n) else {
                    return Folded::Same;
                };
                let mut kept = std::iter::once(c)
                    .nfd()
                    .filter(|c| !is_combining_mark(*c))
                    .map(|c| if c == 'đ' { 'd' } else { c });
                match (kept.next(), kept.next()) {
                    (None, _) => Folded::Dropped,
                    (Some(base), None) if base == c => Folded::Same,
                    (Some(base), None) => Folded::To(base),
                    (Some(_), Some(_)) => Folded::Decompose,
                }
            })
            .collect()
    });
    table[c as usize]
}

fn clean(text: &str) -> Cow<'_, str> {
    // Catalogue text is clean and NFC already (content::text cleaned it at load).
    if crate::text::is_nfc(text) && !text.contains(crate::text::is_invisible) {
        return Cow::Borrowed(text);
    }
    // marks removed first, so a mark hidden behind one still joins its letter
    text.chars()
        .filter(|c| !crate::text::is_invisible(*c))
        .nfc()
        .collect()
}

/// `char::is_alphanumeric`, looked up in a table for the characters Vietnamese is written
/// in (the standard library searches the Unicode tables for every letter beyond ASCII,
/// most of indexing's time in splitting).
fn is_word_char(c: char) -> bool {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if c as u32 >= TABLE_END {
        return c.is_alphanumeric();
    }
    let table = TABLE.get_or_init(|| {
        (0..TABLE_END)
            .map(|n| char::from_u32(n).is_some_and(char::is_alphanumeric))
            .collect()
    });
    table[c as usize]
}

/// The raw words of cleaned text: runs of letters and digits, a dot between two digits
/// left out (only such a word is a copy; the others are slices of `text`).
fn split(text: &str) -> Vec<Cow<'_, str>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Where the current word starts, and the word so far once a dot was left out.
    let mut start = None;
    let mut joined: Option<String> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            if let Some(joined) = &mut joined {
                joined.push(c);
            }
        } else if c == '.'
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            // 1.000656: the dot is part of a number, not a break
            if let Some(from) = start {
                joined.get_or_insert_with(|| text[from..i].to_string());
            }
        } else if let Some(from) = start.take() {
            out.push(
                joined
                    .take()
                    .map_or(Cow::Borrowed(&text[from..i]), Cow::Owned),
            );
        }
    }
    if let Some(from) = start {
        out.push(joined.map_or(Cow::Borrowed(&text[from..]), Cow::Owned));
    }
    out
}

fn word(raw: &str) -> Option<Word> {
    let accented = unify_i_y(raw.to_lowercase());
    if accented.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let folded = fold(&accented);
    if folded.is_empty() {
        return None;
    }
    Some(Word { accented, folded })
}

/// Consonant onsets after which a lone `y` is the same sound as `i`.
const ONSETS: [&str; 25] = [
    "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "nh", "p", "ph",
    "qu", "r", "s", "t", "th", "tr", "v", "x",
];

fn unify_i_y(word: String) -> String {
    let Some(last) = word.chars().next_back() else {
        return word;
    };
    let i = match last {
        'y' => 'i',
        'ý' => 'í',
        'ỳ' => 'ì',
        'ỷ' => 'ỉ',
        'ỹ' => 'ĩ',
        'ỵ' => 'ị',
        _ => return word,
    };
    let onset = &word[..word.len() - last.len_utf8()];
    if ONSETS.contains(&onset) {
        let mut out = onset.to_string();
        out.push(i);
        out
    } else {
        word
    }
}

/// Which form of the words a tantivy field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Accented words: `đăng`.
    Accented,
    /// Folded words: `dang`.
    Folded,
    /// Two adjacent folded words joined by a space: `khai sinh`. They score adjacency
    /// without storing positions.
    Bigram,
    /// All the folded words as one term: `dang ki khai sinh`, to recognise a whole title.
    Whole,
}

impl Form {
    /// The terms of `text` in this form, in order.
    pub fn terms(self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.each_term(text, |t| terms.push(t.to_string()));
        terms
    }

    /// Calls `f` with each term of `text` in this form, in order.
    pub fn each_term(self, text: &str, mut f: impl FnMut(&str)) {
        match self {
            Form::Accented => for_each_word(text, |w| f(&w.accented)),
            Form::Folded => for_each_word(text, |w| f(&w.folded)),
            Form::Bigram => {
                let mut previous: Option<String> = None;
                for_each_word(text, |w| {
                    if let Some(first) = previous.replace(w.folded.clone()) {
                        f(&bigram(&first, &w.folded));
                    }
                });
            }
            Form::Whole => {
                let mut all = String::new();
                for_each_word(text, |w| {
                    if !all.is_empty() {
                        all.push(' ');
                    }
                    all.push_str(&w.folded);
                });
                if !all.is_empty() {
                    f(&all);
                }
            }
        }
    }
}

/// The bigram term of two adjacent folded words.
pub fn bigram(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// The whole-text term of some words: their folded forms joined by spaces.
pub fn whole(words: &[Word]) -> String {
    let folded: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
    folded.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        words(text)
            .into_iter()
            .map(|w| (w.accented, w.folded))
            .collect()
    }

    fn p(a: &str, f: &str) -> (String, String) {
        (a.to_string(), f.to_string())
    }

    #[test]
    fn the_word_character_table_agrees_with_the_standard_library() {
        for n in 0..TABLE_END + 0x100 {
            if let Some(c) = char::from_u32(n) {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "U+{n:04X}");
            }
        }
    }

    #[test]
    fn the_folding_table_agrees_with_decomposing() {
        let slow = |s: &str| -> String {
            s.nfd()
                .filter(|c| !is_combining_mark(*c))
                .map(|c| if c == 'đ' { 'd' } else { c })
                .collect()
        };
        for c in (0..0x3000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(fold(&s), slow(&s), "U+{:04X}", c as u32);
        }
        for word in [
            "đăng",
            "nghiệp",
            "ký",
            "a\u{0301}\u{0323}",
            "\u{0301}x",
            "가각",
            "ǅ",
        ] {
            assert_eq!(fold(word), slow(word), "{word}");
        }
    }

    #[test]
    fn accented_and_folded() {
        assert_eq!(
            pairs("Đăng ký khai sinh"),
            vec![
                p("đăng", "dang"),
                p("kí", "ki"),
                p("khai", "khai"),
                p("sinh", "sinh")
            ]
        );
    }

    #[test]
    fn codes_with_and_without_dot() {
        assert_eq!(pairs("1.000656"), vec![p("1000656", "1000656")]);
        assert_eq!(pairs("1000656"), vec![p("1000656", "1000656")]);
        assert_eq!(
            pairs("Mã 1.000656."),
            vec![p("mã", "ma"), p("1000656", "1000656")]
        );
        assert_eq!(pairs("a.1"), vec![p("a", "a"), p("1", "1")]);
    }

    #[test]
    fn i_and_y() {
        assert_eq!(words("kí")[0], words("ký")[0]);
        assert_eq!(words("LÝ")[0].accented, "lí");
        assert_eq!(words("quý")[0].accented, "quí");
        assert_eq!(words("tay")[0].accented, "tay");
        assert_eq!(words("huy")[0].accented, "huy");
        assert_eq!(words("y")[0].accented, "y");
    }

    #[test]
    fn decomposed_and_invisible() {
        assert_eq!(
            pairs("Cu\u{0323}c\u{200B} đăng\u{00AD}ký"),
            vec![p("cục", "cuc"), p("đăngký", "dangky")]
        );
    }

    #[test]
    fn query_prefix() {
        assert!(query_words("dang ky kh").last_is_prefix);
        assert!(!query_words("dang ky kh ").last_is_prefix);
        assert!(!query_words("").last_is_prefix);
        assert!(!query_words("!!").last_is_prefix);
    }

    #[test]
    fn bigrams() {
        assert_eq!(
            Form::Bigram.terms("Đăng ký khai sinh"),
            vec!["dang ki", "ki khai", "khai sinh"]
        );
    }
}

#[cfg(test)]
mod vectors {
    //! The vectors shared with the JavaScript analyzer.
    use super::*;
    use serde_json::Value;

    const VECTORS: &str = include_str!("../../tests/search/analyzer-vectors.json");

    fn expected(v: &Value) -> Vec<(String, String)> {
        v["words"]
            .as_array()
            .expect("words")
            .iter()
            .map(|w| {
                (
                    w[0].as_str().expect("accented").to_string(),
                    w[1].as_str().expect("folded").to_string(),
                )
            })
            .collect()
    }

    fn got(words: Vec<Word>) -> Vec<(String, String)> {
        words.into_iter().map(|w| (w.accented, w.folded)).collect()
    }

    #[test]
    fn texts_and_queries_give_the_expected_words() {
        let all: Value = serde_json::from_str(VECTORS).expect("vectors are JSON");
        let texts = all["texts"].as_array().expect("texts");
        assert!(texts.len() >= 200, "only {} text vectors", texts.len());
        let mut wrong = Vec::new();
        for v in texts {
            let text = v["text"].as_str().expect("text");
            if got(words(text)) != expected(v) {
                wrong.push(format!("{text:?}: {:?}", got(words(text))));
            }
        }
        for v in all["queries"].as_array().expect("queries") {
            let text = v["query"].as_str().expect("query");
            let q = query_words(text);
            let prefix = v["lastIsPrefix"].as_bool().expect("lastIsPrefix");
            if q.last_is_prefix != prefix || got(q.words.clone()) != expected(v) {
                wrong.push(format!("query {text:?}: {q:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
