//! The common case of [`super::parse`], straight from the parser's events.
//!
//! Content files are plain YAML: mappings with text keys, sequences and scalars. For them,
//! building the [`Node`] tree from the events of granit-parser (the parser inside
//! serde-saphyr, with the same options) gives exactly what serde-saphyr gives, at a third
//! of the cost: profiling `thutuc check` put two thirds of the YAML time in the serde
//! layer (spans, redaction scopes, key capture and replay).
//!
//! Anything else returns `None` and goes to serde-saphyr, so that every result and every
//! message for such documents stays serde-saphyr's: syntax errors, anchors and aliases,
//! tags, merge keys, keys that are not text, duplicate keys, directives, several
//! documents, and documents near serde-saphyr's budget limits. The test
//! `simple_parse_matches_serde` compares both paths.

use super::{Node, Pos, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

/// Well below serde-saphyr's default budget (depth 64, 250,000 nodes), so that a document
/// that would breach it always goes the serde way and gets its message.
const MAX_DEPTH: usize = 48;
const MAX_NODES: usize = 100_000;

/// The tree of `text`, or `None` when serde-saphyr must decide.
pub(super) fn parse(text: &str, first_line: u32) -> Option<Node> {
    let mut doc = Document {
        events: Parser::new_from_str(text),
        first_line,
        nodes: 0,
    };
    if !matches!(doc.next()?, (Event::StreamStart, _)) {
        return None;
    }
    if !matches!(doc.next()?, (Event::DocumentStart(_, None), _)) {
        return None;
    }
    let (first, span) = doc.next()?;
    let root = match first {
        Event::MappingStart(..) | Event::SequenceStart(..) => doc.node(first, span, 0)?,
        _ => return None,
    };
    let ends = matches!(doc.next()?, (Event::DocumentEnd, _))
        && matches!(doc.next()?, (Event::StreamEnd, _))
        && doc.events.next().is_none();
    ends.then_some(root)
}

struct Document<'a> {
    events: Parser<'a, serde_saphyr::granit_parser::StrInput<'a>>,
    first_line: u32,
    nodes: usize,
}

impl<'a> Document<'a> {
    /// The next event that is not a comment; `None` at the end or on an error.
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        loop {
            match self.events.next()? {
                Ok((event, span)) if !is_comment(&event) => return Some((event, span)),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    }

    /// The position serde-saphyr reports for an event: line, and column counted from 1.
    fn pos(&self, span: &Span) -> Pos {
        Pos {
            line: (span.start.line() as u32).saturating_add(self.first_line.saturating_sub(1)),
            column: (span.start.col() + 1) as u32,
        }
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Option<Node> {
        self.nodes += 1;
        if depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return None;
        }
        let pos = self.pos(&span);
        let value = match event {
            Event::Scalar(text, style, 0, None) if !may_be_non_finite(&text, style) => {
                scalar(text.into_owned(), style)
            }
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    match self.next()? {
                        (Event::SequenceEnd, _) => break,
                        (item, span) => items.push(self.node(item, span, depth + 1)?),
                    }
                }
                Value::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                let mut entries: Vec<(Node, Node)> = Vec::new();
                loop {
                    let (key, style, key_span) = match self.next()? {
                        (Event::MappingEnd, _) => break,
                        (Event::Scalar(text, style, 0, None), span)
                            if is_text_key(&text, style) =>
                        {
                            (text.into_owned(), style, span)
                        }
                        _ => return None,
                    };
                    let duplicate = entries.iter().any(
                        |(k, _)| matches!(&k.value, Value::Scalar { text, .. } if *text == key),
                    );
                    if duplicate {
                        return None;
                    }
                    self.nodes += 1;
                    let key = Node {
                        pos: self.pos(&key_span),
                        value: scalar(key, style),
                    };
                    let (value, value_span) = self.next()?;
                    let value = self.node(value, value_span, depth + 1)?;
                    entries.push((key, value));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node { value, pos })
    }
}

/// serde-saphyr's reading of an untagged scalar: plain `~`, `null`, `Null`, `NULL` and
/// nothing are null; everything else is its text, which is "plain" unless quoted.
fn scalar(text: String, style: ScalarStyle) -> Value {
    match style {
        ScalarStyle::Plain if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL") => {
            Value::Null
        }
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            Value::Scalar { text, plain: false }
        }
        _ => Value::Scalar { text, plain: true },
    }
}

/// serde-saphyr rejects a plain scalar that reads as an infinite or NaN float (`.inf`,
/// `-.NaN`, `1e999`, 400 digits): anything that might be one goes its way, which is a
/// single token made of a sign, digits, dots and exponents, or naming inf or NaN.
fn may_be_non_finite(text: &str, style: ScalarStyle) -> bool {
    if !matches!(style, ScalarStyle::Plain)
        || !text.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
    {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b"+-._eE".contains(&b));
    lower.contains("inf")
        || lower.contains("nan")
        || numeric && (lower.contains('e') || text.len() > 300)
}

/// A key that serde-saphyr certainly reads as text, so that two keys are the same exactly
/// when their texts are: not null, not a boolean or number spelling, not a merge key.
fn is_text_key(text: &str, style: ScalarStyle) -> bool {
    let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
    let number_like = text.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    let word_like = matches!(
        text.to_ascii_lowercase().as_str(),
        "" | "~" | "null" | "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false"
    );
    let plain_ok = matches!(style, ScalarStyle::Plain) && !number_like && !word_like;
    (quoted || plain_ok) && !text.is_empty() && text != "<<"
}

/// Comments are parsed (serde-saphyr turns their emission on) but mean nothing here.
fn is_comment(event: &Event) -> bool {
    matches!(event, Event::Comment(..))
}
