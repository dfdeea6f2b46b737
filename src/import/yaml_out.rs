//! Writing YAML by hand, as a person would lay it out: fields in the documented order,
//! block lists, and quotes only where YAML would otherwise misread a value.
//!
//! A serializer would decide layout and quoting for us; staff read and edit these files,
//! so we keep both in our hands, and check every value reads back unchanged.

use std::fmt::Write;

/// A one-line text as a YAML scalar: plain when that is safe, double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// Always double-quoted: for codes like "1.000650" that YAML would read as numbers.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain scalars start with a letter, hold only letters, digits, spaces and harmless
/// punctuation, and are not one of YAML's special words.
fn is_plain_safe(text: &str) -> bool {
    let starts_with_letter = text.chars().next().is_some_and(char::is_alphabetic);
    let safe_chars = text
        .chars()
        .all(|c| c.is_alphanumeric() || " .,;()/-–—_+’“”…%".contains(c));
    let special = matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
    );
    // "5 ngày làm việc" cannot be read as a number or a date: a word follows the number.
    let number_then_words = text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .split_once(' ')
            .is_some_and(|(_, rest)| rest.starts_with(char::is_alphabetic));
    (starts_with_letter || number_then_words)
        && safe_chars
        && !special
        && !text.ends_with(' ')
        && !text.contains("  ")
}

/// Builds a YAML document line by line.
#[derive(Default)]
pub struct Out {
    pub text: String,
}

impl Out {
    pub fn line(&mut self, indent: usize, line: &str) {
        for _ in 0..indent {
            self.text.push(' ');
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// `key: value`, with the value made a safe scalar.
    pub fn field(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {}", scalar(value)));
    }

    /// `key:` and a block list of text values; nothing when the list is empty.
    pub fn list(&mut self, indent: usize, key: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.line(indent, &format!("{key}:"));
        for item in items {
            self.line(indent + 2, &format!("- {}", scalar(item)));
        }
    }

    /// `key: [a, b]` for ids, which are always plain-safe; one id is written bare.
    pub fn ids(&mut self, indent: usize, key: &str, ids: &[String]) {
        match ids {
            [] => {}
            [one] => self.line(indent, &format!("{key}: {one}")),
            many => self.line(indent, &format!("{key}: [{}]", many.join(", "))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::{self, Value};

    #[test]
    fn every_value_reads_back_unchanged() {
        for text in [
            "Đăng ký khai sinh",
            "1.000656",
            "0",
            "true",
            "No",
            "Phí: 50.000 đồng",
            "a # not a comment",
            "- starts like a list",
            "Mẫu \"TK01\" và 'TK02'",
            "C:\\path",
            "[flow]",
            "{map}",
            "@at",
            "*alias",
            "&anchor",
            "!tag",
            "%directive",
            "| literal",
            "> folded",
            "? key",
            "ends with colon:",
            "Tờ khai (mẫu CT01), bản chính/bản sao – 1…",
            "2025-07-01",
            "~",
            "null",
            "",
            "two  spaces",
            "5 ngày làm việc",
            "1 e5",
            "0x1F tờ",
            "12 giờ",
        ] {
            let doc = format!("key: {}\n", scalar(text));
            let node = yaml::parse(&doc, 1).unwrap_or_else(|e| panic!("{text}: {}", e.message));
            let (_, value) = node.entry("key").unwrap();
            match &value.value {
                Value::Scalar { text: read, .. } => assert_eq!(read, text, "{doc}"),
                Value::Null => assert!(text.is_empty() || text == "~" || text == "null"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn numbers_and_words_are_quoted() {
        assert_eq!(scalar("1.000656"), "\"1.000656\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("Hộ tịch"), "Hộ tịch");
    }
}
