//! Text clean-up and folding shared by every stage.
//!
//! Content is copied out of Word, spreadsheets and web pages: it mixes composed and
//! decomposed Vietnamese, carries invisible marks and no-break spaces. Everything is
//! cleaned once, when loaded, so later stages compare like with like.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters that are invisible and carry no meaning in our content: format marks, and
/// control characters other than tabs and line breaks (pasted from Word or spreadsheets,
/// or written as YAML escapes; XML forbids them, so a feed with one would not parse).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// Spaces that should read as a plain space, and the vertical tab (Word's line break),
/// form feed and next-line characters, which XML forbids or only tolerates.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{000B}'
                | '\u{000C}'
                | '\u{0085}'
    )
}

/// A character that is its own NFC and starts a new combining sequence: everything below
/// the combining marks (ASCII, Latin-1, Latin Extended-A and -B: ă â đ ê ô ơ ư …) and the
/// precomposed Vietnamese letters of Latin Extended Additional (ạ ả ấ … ỹ). The test
/// `nfc_shortcut_matches_unicode_data` checks this against the Unicode tables.
fn is_nfc_starter(c: char) -> bool {
    c < '\u{0300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Whether `s` is certainly in NFC already, as almost all content is. Checking costs a
/// fraction of normalising, the dearest step of reading a catalogue; when in doubt the
/// caller normalises, so the result is the same either way.
pub(crate) fn is_nfc(s: &str) -> bool {
    // Leaving starters out can only make the quick check stricter, never looser.
    s.is_ascii() || is_nfc_quick(s.chars().filter(|c| !is_nfc_starter(*c))) == IsNormalized::Yes
}

/// Characters that [`clean_line`] and [`clean_block`] remove or replace.
fn is_marked(c: char) -> bool {
    if c.is_ascii() {
        // The same test for ASCII without the tables: controls but tab and line breaks
        // (vertical tab and form feed are odd spaces).
        return (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\x7f';
    }
    is_invisible(c) || is_odd_space(c)
}

/// Whether `s` is in NFC and has no character that `unwanted` flags: one pass over the
/// characters, as almost all content is clean; the full NFC check only when a character
/// is not a starter ([`is_nfc_starter`]).
fn is_clean(s: &str, unwanted: impl Fn(char) -> bool) -> bool {
    let mut starters_only = true;
    for c in s.chars() {
        if unwanted(c) {
            return false;
        }
        starters_only &= is_nfc_starter(c);
    }
    starters_only || is_nfc(s)
}

/// Cleans a one-line value: NFC, invisible marks removed, odd spaces, tabs and line
/// breaks made plain spaces, runs of spaces collapsed, ends trimmed.
pub fn clean_line(s: &str) -> String {
    let clean = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && is_clean(s, |c| is_marked(c) || (c.is_whitespace() && c != ' '));
    if clean {
        s.to_string()
    } else {
        clean_line_chars(visible_nfc(s), s.len())
    }
}

/// The text without invisible marks, then in NFC. Removed after normalising, a mark
/// could leave combining marks side by side in an order that is not NFC.
fn visible_nfc(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !is_invisible(*c)).nfc()
}

fn clean_line_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() || is_odd_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Cleans multi-line text (a Markdown body, a long note): NFC, invisible marks removed,
/// odd spaces made plain, line breaks and indentation kept.
pub fn clean_block(s: &str) -> String {
    let cleaned = if is_clean(s, is_marked) {
        s.to_string()
    } else {
        visible_nfc(s)
            .map(|c| if is_odd_space(c) { ' ' } else { c })
            .collect()
    };
    if cleaned.contains('\r') {
        cleaned.replace("\r\n", "\n")
    } else {
        cleaned
    }
}

/// Lower-case text with every tone and vowel mark removed and `đ` made `d`:
/// "Đăng ký khai sinh" → "dang ky khai sinh".
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The ASCII name of a URL from any text: folded, letters and digits kept, every other
/// run of characters one hyphen. "Đăng ký khai sinh (cấp xã)" → "dang-ky-khai-sinh-cap-xa".
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// Whether `s` is a valid id: lower-case ASCII letters, digits and single hyphens.
pub fn is_id(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

/// Where `needle` (not empty) first stands in `hay` at or after `from`.
pub fn find_bytes(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// [`find_bytes`], with ASCII letters matched in either case (HTML tag names).
pub fn find_bytes_ignoring_case(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| i + from)
}

/// `n` with `separator` between groups of three digits: `1200000` → `1.200.000`.
pub fn group_digits(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_normalises() {
        // decomposed tone marks, a zero-width space, U+200E, no-break spaces, a tab
        let raw =
            "Cu\u{0323}c\u{00A0}Chi\u{0301}nh sa\u{0301}ch\u{200B} đăng k\u{200E}ý\t lệ  phí ";
        assert_eq!(clean_line(raw), "Cục Chính sách đăng ký lệ phí");
    }

    #[test]
    fn the_ascii_shortcut_marks_what_the_full_test_marks() {
        for c in '\0'..='\x7f' {
            assert_eq!(is_marked(c), is_invisible(c) || is_odd_space(c), "{c:?}");
        }
    }

    #[test]
    fn nfc_shortcut_matches_unicode_data() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\0'..'\u{0300}').chain('\u{1E00}'..='\u{1EFF}') {
            assert!(is_nfc_starter(c));
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
    }

    #[test]
    fn fast_paths_clean_like_the_slow_ones() {
        let samples = [
            "Đăng ký khai sinh cho trẻ em",
            "Cấp Giấy phép xây dựng nhà ở riêng lẻ (thực hiện tại cấp xã)",
            "Hồ sơ gồm:\n  1. Tờ khai\n  2. Bản sao\n",
            "ASCII only, with  two spaces",
            " leading and trailing ",
            "tab\there",
            "Cu\u{0323}c Chi\u{0301}nh sa\u{0301}ch",
            "a\u{0301}\u{0316} order",
            "đăng k\u{200E}ý\u{00A0}lệ phí",
            "bell\u{7} \u{1f}unit\u{b}vt\u{c}ff\u{85}nel\u{7f}del\u{9f}\0",
            "",
        ];
        for s in samples {
            let line: String = clean_line_chars(visible_nfc(s), s.len());
            assert_eq!(clean_line(s), line, "{s:?}");
            let block: String = visible_nfc(s)
                .map(|c| if is_odd_space(c) { ' ' } else { c })
                .collect();
            let block = block.replace("\r\n", "\n");
            assert_eq!(clean_block(s), block, "{s:?}");
        }
    }

    /// Found by the `values` fuzz target: a soft hyphen between two combining marks of
    /// different classes. Cleaning must give NFC, and cleaning twice must change nothing.
    #[test]
    fn cleaning_is_idempotent_around_removed_marks() {
        for raw in ["a\u{6dc}\u{ad}\u{65c}", "z\u{6dc}\u{200b}\u{59c}\u{65c} x"] {
            let once = clean_line(raw);
            assert_eq!(clean_line(&once), once);
            assert!(unicode_normalization::is_nfc(&once));
            let block = clean_block(raw);
            assert_eq!(clean_block(&block), block);
        }
        let crash = include_bytes!("../tests/fixtures/fuzz/values-clean-line-not-idempotent.bin");
        let text = String::from_utf8_lossy(crash);
        let once = clean_line(&text);
        assert_eq!(clean_line(&once), once);
    }

    #[test]
    fn clean_block_keeps_lines() {
        assert_eq!(clean_block("a\r\n  b\u{00A0}c\u{FEFF}"), "a\n  b c");
    }

    /// Control characters would make the Atom feeds malformed XML; tabs and line breaks stay.
    #[test]
    fn control_characters_are_removed() {
        let raw = "Đăng ký\u{1f} khai\u{b}sinh\u{7}\tx\u{0}\u{7f}\u{85}y\u{9f}\nz";
        assert_eq!(clean_line(raw), "Đăng ký khai sinh x y z");
        assert_eq!(clean_block(raw), "Đăng ký khai sinh\tx y\nz");
    }

    #[test]
    fn fold_and_slugify() {
        assert_eq!(fold("Đăng Ký KHAI SINH"), "dang ky khai sinh");
        assert_eq!(fold("Ủy ban nhân dân"), "uy ban nhan dan");
        assert_eq!(
            slugify("Đăng ký khai sinh (cấp xã)"),
            "dang-ky-khai-sinh-cap-xa"
        );
        assert_eq!(slugify("  --Thủ tục: 1.000656!! "), "thu-tuc-1-000656");
        assert_eq!(slugify("!!!"), "");
        assert!(is_id("ubnd-xa-an-hiep"));
        assert!(!is_id("UBND"));
        assert!(!is_id("a--b"));
        assert!(!is_id("-a"));
    }
}
