//! Text clean-up and folding shared by every stage.
//!
//! Content is copied out of Word, spreadsheets and web pages: it mixes composed and
//! decomposed Vietnamese, carries invisible marks and no-break spaces. Everything is
//! cleaned once, when loaded, so later stages compare like with like.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that are invisible and carry no meaning in our content.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Spaces that should read as a plain space.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Cleans a one-line value: NFC, invisible marks removed, odd spaces, tabs and line
/// breaks made plain spaces, runs of spaces collapsed, ends trimmed.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // Invisible marks go before normalising: removed after, they could leave combining
    // marks side by side in an order that is not NFC.
    for c in s.chars().filter(|c| !is_invisible(*c)).nfc() {
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
    s.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| if is_odd_space(c) { ' ' } else { c })
        .nfc()
        .collect::<String>()
        .replace("\r\n", "\n")
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
