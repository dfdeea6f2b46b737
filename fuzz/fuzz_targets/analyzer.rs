#![no_main]
//! The Vietnamese analyzer on any text: no panic; every word is non-empty, short, and
//! normalised (lower case, no invisible marks; the folded form has no marks and no `đ`).
use libfuzzer_sys::fuzz_target;
use thutuc::search::analyzer::{self, MAX_WORD_CHARS};
use unicode_normalization::char::is_combining_mark;

fuzz_target!(|input: &str| {
    let words = analyzer::words(input);
    for w in &words {
        assert!(!w.accented.is_empty() && !w.folded.is_empty(), "{w:?}");
        assert!(w.accented.chars().count() <= MAX_WORD_CHARS, "{w:?}");
        assert!(!w.accented.chars().any(thutuc::text::is_invisible), "{w:?}");
        assert!(!w.accented.chars().any(char::is_whitespace), "{w:?}");
        assert!(!w.folded.chars().any(|c| is_combining_mark(c) || c == 'đ'), "{w:?}");
        assert_eq!(analyzer::fold(&w.folded), w.folded, "{w:?}");
        assert_eq!(analyzer::fold(&w.accented), w.folded, "{w:?}");
    }
    let q = analyzer::query_words(input);
    assert_eq!(q.words, words);
    assert!(!q.last_is_prefix || !q.words.is_empty());
    for form in [analyzer::Form::Accented, analyzer::Form::Folded, analyzer::Form::Bigram, analyzer::Form::Whole] {
        for t in form.terms(input) {
            assert!(!t.is_empty());
        }
    }
});
