//! A YAML document as a tree of nodes that remember where they stand in the file.
//!
//! serde-saphyr parses; we keep a generic tree instead of deserialising straight into
//! typed structs, because serde stops at the first error and staff need every problem in
//! a file at once, with the line of each.

mod simple;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

pub use crate::diagnostics::Pos;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    /// A scalar, as text. `plain` is false when the YAML quoted it.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a set of fields",
        }
    }
}

/// A YAML syntax error, with its position in the parsed text.
#[derive(Debug)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses one YAML document. `first_line` is the line of the file where `text` starts,
/// so that positions refer to the whole file (front matter starts on line 2).
pub fn parse(text: &str, first_line: u32) -> Result<Node, SyntaxError> {
    match simple::parse(text, first_line) {
        Some(node) => Ok(node),
        None => parse_with_serde(text, first_line),
    }
}

/// Any YAML, with serde-saphyr's results and messages.
fn parse_with_serde(text: &str, first_line: u32) -> Result<Node, SyntaxError> {
    let options = serde_saphyr::Options::default();
    let shift = |line: u64, column: u64| Pos {
        line: (line as u32).saturating_add(first_line.saturating_sub(1)),
        column: column as u32,
    };
    match serde_saphyr::from_str_with_options::<Option<RawNode>>(text, options) {
        Ok(Some(raw)) => Ok(raw.into_node(text, &shift)),
        Ok(None) => Ok(Node {
            value: Value::Null,
            pos: Pos {
                line: first_line,
                column: 1,
            },
        }),
        Err(err) => {
            let pos = err
                .location()
                .map(|l| shift(l.line(), l.column()))
                .unwrap_or(Pos {
                    line: first_line,
                    column: 1,
                });
            Err(SyntaxError {
                pos,
                message: syntax_message(&err),
            })
        }
    }
}

/// serde-saphyr's messages carry their own "at line … column …" suffix; we print the
/// location ourselves, so keep only the first line of the message without it.
fn syntax_message(err: &serde_saphyr::Error) -> String {
    let full = err.to_string();
    let mut message = full.lines().next().unwrap_or("").trim();
    message = message
        .strip_prefix("error:")
        .unwrap_or(message)
        .trim_start();
    // "line 4 column 8: …" counts from the start of the YAML, not of the file.
    if message.starts_with("line ")
        && let Some((_, rest)) = message.split_once(": ")
    {
        message = rest;
    }
    let cut = message.find(" at line ").map_or(message, |i| &message[..i]);
    plain_words(cut.trim_end_matches('.'))
}

/// serde-saphyr's messages for its safety limits are written for programmers
/// ("budget breached: Nodes { nodes: 250001 }"); say what a content editor can do.
fn plain_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return format!("the field `{key}` is given twice; keep only one of them");
    }
    if message.starts_with("budget breached") {
        let what = if message.contains("Depth") || message.contains("depth") {
            "nesting is too deep"
        } else if message.contains("Alias") || message.contains("alias") {
            "uses too many aliases (`*name`)"
        } else {
            "is too large: it expands to too many values"
        };
        return format!(
            "the YAML {what}; a content file is a few lists and fields, so write its values out \
             plainly (aliases `&name`/`*name` repeated inside each other multiply without end)"
        );
    }
    if message.contains("recursion limit") {
        return "the YAML nests lists or sets of fields too deeply (more than 64 levels); \
                check for unclosed `[` or `{`"
            .to_string();
    }
    message.to_string()
}

/// What serde-saphyr hands us: the value with its span, before we slice out scalar text.
struct RawNode(Spanned<RawValue>);

enum RawValue {
    Null,
    Str(String),
    /// A number or boolean: its text is sliced from the source afterwards so that
    /// `code: 1.000650` keeps its trailing zero.
    Other,
    Seq(Vec<RawNode>),
    Map(Vec<(RawNode, RawNode)>),
}

impl RawNode {
    fn into_node(self, source: &str, shift: &impl Fn(u64, u64) -> Pos) -> Node {
        let loc = self.0.referenced;
        let pos = shift(loc.line(), loc.column());
        let value = match self.0.value {
            RawValue::Null => Value::Null,
            RawValue::Str(text) => {
                let plain =
                    source_slice(source, loc.span()).is_some_and(|s| !s.starts_with(['"', '\'']));
                Value::Scalar { text, plain }
            }
            RawValue::Other => Value::Scalar {
                text: source_slice(source, loc.span())
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                plain: true,
            },
            RawValue::Seq(items) => Value::Seq(
                items
                    .into_iter()
                    .map(|n| n.into_node(source, shift))
                    .collect(),
            ),
            RawValue::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.into_node(source, shift), v.into_node(source, shift)))
                    .collect(),
            ),
        };
        Node { value, pos }
    }
}

fn source_slice(source: &str, span: serde_saphyr::Span) -> Option<&str> {
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    source.get(start..start.checked_add(len)?)
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Spanned::<RawValue>::deserialize(d).map(RawNode)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<RawValue, E> {
        Ok(RawValue::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<RawValue, E> {
        Ok(RawValue::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<RawValue, E> {
        Ok(RawValue::Other)
    }
    fn visit_i128<E>(self, _: i128) -> Result<RawValue, E> {
        Ok(RawValue::Other)
    }
    fn visit_u128<E>(self, _: u128) -> Result<RawValue, E> {
        Ok(RawValue::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<RawValue, E> {
        Ok(RawValue::Other)
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::Str(v))
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        RawValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<RawNode>()? {
            items.push(item);
        }
        Ok(RawValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<RawNode>()? {
            let value = map.next_value::<RawNode>()?;
            entries.push((key, value));
        }
        Ok(RawValue::Map(entries))
    }
}

impl Node {
    /// The text of the single-value field `name` of a mapping.
    pub fn scalar(&self, name: &str) -> Option<&str> {
        match self.entry(name) {
            Some((
                _,
                Node {
                    value: Value::Scalar { text, .. },
                    ..
                },
            )) => Some(text),
            _ => None,
        }
    }

    /// The entry `name` of a mapping: (key position, value).
    pub fn entry(&self, name: &str) -> Option<(Pos, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == name))
                .map(|(k, v)| (k.pos, v)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> (&str, bool) {
        match &node.value {
            Value::Scalar { text, plain } => (text.as_str(), *plain),
            other => panic!("not a scalar: {other:?}"),
        }
    }

    fn entries(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(e) => e,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn keeps_number_text_and_positions() {
        let doc = parse(
            "code: 1.000650\ntitle: \"Đăng ký\"\nlist:\n  - 5\n  - true\n",
            2,
        )
        .unwrap();
        let e = entries(&doc);
        assert_eq!(scalar(&e[0].1), ("1.000650", true));
        assert_eq!(e[0].1.pos, Pos { line: 2, column: 7 });
        assert_eq!(scalar(&e[1].1), ("Đăng ký", false));
        assert_eq!(e[1].0.pos, Pos { line: 3, column: 1 });
        let Value::Seq(items) = &e[2].1.value else {
            panic!()
        };
        assert_eq!(scalar(&items[0]), ("5", true));
        assert_eq!(scalar(&items[1]), ("true", true));
        assert_eq!(items[1].pos.line, 6);
    }

    #[test]
    fn reports_syntax_errors_with_file_line() {
        let err = parse("title: a\n  bad: [\n", 2).unwrap_err();
        assert!(err.pos.line >= 3, "{err:?}");
        assert!(!err.message.is_empty());
    }

    #[test]
    fn simple_parse_matches_serde() {
        // Documents the fast path takes: the tree must be serde-saphyr's, exactly.
        let simple = [
            "code: \"1.000656\"\ntitle: Đăng ký khai tử\nlevel: [tinh, xa]\n",
            "a: 1\nb: 1.000650\nc: true\nd: no\ne: ~\nf:\ng: null\ni: -5\nj: 2025-07-01\nk: 1.5\n",
            "decision: 1698/QĐ-BNNMT\nnumber: 31/2024/QH15\nphone: 0256 3 822 111\nx: 0x1F\n",
            "s: 'single'\nd: \"double \\u00e9\"\nq: \"null\"\nr: ''\n",
            "lit: |\n  line one\n  line two\nfold: >\n  folded\n  text\nk: v\n",
            "plain: a long\n  plain scalar\n  over lines\nnext: x\n",
            "# a comment\nkey: value # trailing\n# between\nother: [1, 'two', {x: y}]\n",
            "fees: [{ amount: 0 }]\nchannels:\n  - type: in_person\n    duration: 5 ngày làm việc\n    fees:\n      - label: Lệ phí\n        amount: \"50.000 đồng\"\n",
            "- id: xa\n  name: Cấp xã\n- id: tinh\n  name: Cấp tỉnh\n  description:\n",
            "'quoted key': 1\n\"dq\": 2\nmixed: { a: [b, c], d: }\n",
            "---\nexplicit: start\n",
            "list:\n- a\n- b\nempty_list: []\nempty_map: {}\n",
            "t: \"tab\\there\"\nu: 日本\n",
        ];
        for (i, text) in simple.iter().enumerate() {
            let fast = simple::parse(text, 2).unwrap_or_else(|| panic!("#{i} not simple"));
            assert_eq!(fast, parse_with_serde(text, 2).unwrap(), "#{i}: {text}");
        }
        // Documents it leaves to serde-saphyr: the result is serde-saphyr's by construction.
        let other = [
            "a: &x 1\nb: *x\n",
            "base: &b {k: v}\nm:\n  <<: *b\n",
            "a: !!str 5\n",
            "a: .inf\n",
            "a: -.NaN\n",
            "a: 1e999\n",
            "a: +.Inf\n",
            "a: 12e3\n",
            "a: 1\na: 2\n",
            "1: one\n",
            "true: yes\n",
            "'a': 1\na: 2\n",
            "just a scalar\n",
            "",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: [1, 2\n",
            "? [complex, key]\n: value\n",
        ];
        for text in other {
            assert!(simple::parse(text, 2).is_none(), "{text}");
            let _ = parse(text, 2);
        }
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = parse("a: 1\na: 2\n", 1).unwrap_err();
        assert_eq!(err.pos.line, 2, "{err:?}");
    }
}
