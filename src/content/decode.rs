//! Reading typed values out of a YAML [`Node`] tree, collecting every problem.
//!
//! Each reader either returns a value or records a [`Diagnostic`] and returns `None`,
//! so one pass over a file reports all of its problems.

use super::yaml::{Node, Pos, Value};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::text::clean_line;

/// Collects the problems of one file.
pub struct Reader {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Reader {
    pub fn new(file: impl Into<String>) -> Self {
        Reader {
            file: file.into(),
            diagnostics: Vec::new(),
        }
    }

    pub fn error(&mut self, pos: Pos, field: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            file: self.file.clone(),
            pos,
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn expected(&mut self, node: &Node, field: &str, what: &str) {
        let found = node.kind_name();
        self.error(node.pos, field, format!("expected {what}, found {found}"));
    }

    /// A set of fields (a YAML mapping).
    pub fn fields<'n>(&mut self, node: &'n Node, path: &str) -> Option<Fields<'n>> {
        match &node.value {
            Value::Map(entries) => Some(Fields {
                path: path.to_string(),
                pos: node.pos,
                entries,
                asked: Vec::new(),
            }),
            _ => {
                self.expected(node, path, "a set of fields (`name: value` lines)");
                None
            }
        }
    }

    /// A one-line text value, cleaned. Numbers are taken as their text.
    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => {
                let cleaned = clean_line(text);
                if cleaned.is_empty() {
                    self.error(
                        node.pos,
                        field,
                        "is empty; write a value or remove the field",
                    );
                    None
                } else if matches!(cleaned.as_str(), "…" | "...") {
                    // `thutuc new` lays fields out with this placeholder.
                    let message = "is still the placeholder \"…\"; fill it in or remove the field";
                    self.error(node.pos, field, message);
                    None
                } else {
                    Some(cleaned)
                }
            }
            _ => {
                self.expected(node, field, "a text value");
                None
            }
        }
    }

    /// A text value that must be written as text: a procedure code such as `1.000650`
    /// loses its trailing zero if YAML reads it as a number, so we ask for quotes.
    pub fn code(&mut self, node: &Node, field: &str) -> Option<String> {
        let code = self.text(node, field)?;
        let valid = code.starts_with(|c: char| c.is_ascii_digit())
            && code.contains('.')
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
            && !code.contains("..")
            && !code.ends_with('.');
        if !valid {
            self.error(
                node.pos,
                field,
                format!("\"{code}\" is not a procedure code; expected digits and dots such as \"1.000656\""),
            );
            return None;
        }
        Some(code)
    }

    /// An id: lower-case ASCII letters, digits and hyphens.
    pub fn id(&mut self, node: &Node, field: &str) -> Option<String> {
        let id = self.text(node, field)?;
        let max = crate::urls::MAX_SEGMENT;
        if crate::text::is_id(&id) && id.len() > max {
            self.error(
                node.pos,
                field,
                format!(
                    "\"{}…\" is {} characters long, and at most {max} fit in the site's URLs; \
                     try \"{}\"",
                    &id[..40],
                    id.len(),
                    crate::urls::shorten(&id)
                ),
            );
            None
        } else if crate::text::is_id(&id) {
            Some(id)
        } else {
            let hint = crate::text::slugify(&id);
            let hint = if hint.is_empty() {
                String::new()
            } else {
                format!("; did you mean \"{hint}\"?")
            };
            self.error(
                node.pos,
                field,
                format!("\"{id}\" is not a valid id: use lower-case letters a–z, digits and hyphens{hint}"),
            );
            None
        }
    }

    /// A list; `None` with an error when the node is not one. Absent lists are the
    /// caller's business ([`Fields::get`] returns `None`).
    pub fn list<'n>(&mut self, node: &'n Node, field: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.expected(node, field, "a list (lines starting with `- `)");
                None
            }
        }
    }

    /// A list of items read by `read`, each with its field path `field.N` (1-based).
    pub fn list_of<T>(
        &mut self,
        node: &Node,
        field: &str,
        mut read: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Vec<T> {
        let Some(items) = self.list(node, field) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| read(self, item, &format!("{field}.{}", i + 1)))
            .collect()
    }

    /// One value or a list of them: `level: xa` or `level: [tinh, xa]`.
    pub fn one_or_many<T>(
        &mut self,
        node: &Node,
        field: &str,
        read: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Vec<T> {
        match &node.value {
            Value::Seq(_) => self.list_of(node, field, read),
            _ => {
                let mut read = read;
                read(self, node, field).into_iter().collect()
            }
        }
    }

    pub fn count(&mut self, node: &Node, field: &str) -> Option<u32> {
        let text = self.text(node, field)?;
        match text.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(
                    node.pos,
                    field,
                    format!("expected a whole number such as 1, found \"{text}\""),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, field: &str) -> Option<bool> {
        let text = self.text(node, field)?;
        match text.to_lowercase().as_str() {
            "true" | "yes" | "có" => Some(true),
            "false" | "no" | "không" => Some(false),
            _ => {
                self.error(
                    node.pos,
                    field,
                    format!("expected true or false, found \"{text}\""),
                );
                None
            }
        }
    }

    /// One of a fixed set of words.
    pub fn choice<T: Copy>(
        &mut self,
        node: &Node,
        field: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let text = self.text(node, field)?;
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let hint = suggestion(&text, names.iter().copied());
        self.error(
            node.pos,
            field,
            format!("\"{text}\" is not one of: {}{hint}", names.join(", ")),
        );
        None
    }

    /// A value parsed by `parse`, whose error message says what was expected.
    pub fn parsed<T>(
        &mut self,
        node: &Node,
        field: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.text(node, field)?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(message) => {
                self.error(node.pos, field, message);
                None
            }
        }
    }

    /// A web address: https:// or http://, or mailto: where `allow_mail`.
    pub fn url(&mut self, node: &Node, field: &str, allow_mail: bool) -> Option<String> {
        let url = self.text(node, field)?;
        let lower = url.to_ascii_lowercase();
        let ok = (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8
            || allow_mail && lower.starts_with("mailto:") && url.contains('@');
        if ok && !url.contains(char::is_whitespace) {
            Some(url)
        } else {
            let expected = if allow_mail {
                "an address starting with https://, http:// or mailto:"
            } else {
                "an address starting with https:// or http://"
            };
            self.error(
                node.pos,
                field,
                format!("\"{url}\" is not a web address; expected {expected}"),
            );
            None
        }
    }
}

/// The fields of one mapping, read one by one. Whatever was never asked for is
/// reported by [`Fields::finish`] as unknown, with the nearest known name.
pub struct Fields<'n> {
    path: String,
    pub pos: Pos,
    entries: &'n [(Node, Node)],
    asked: Vec<&'static str>,
}

impl<'n> Fields<'n> {
    /// The full path of a field of this mapping, for messages.
    pub fn path(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    fn key_text(key: &Node) -> Option<&str> {
        match &key.value {
            Value::Scalar { text, .. } => Some(text.as_str()),
            _ => None,
        }
    }

    /// The value of an optional field; `None` when absent or written empty (`field:`).
    pub fn get(&mut self, name: &'static str) -> Option<&'n Node> {
        self.asked.push(name);
        self.entries
            .iter()
            .find(|(k, _)| Self::key_text(k) == Some(name))
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    /// The value of a required field, or an error naming it.
    pub fn require(&mut self, reader: &mut Reader, name: &'static str) -> Option<&'n Node> {
        let found = self.get(name);
        if found.is_none() {
            let present = self
                .entries
                .iter()
                .find(|(k, _)| Self::key_text(k) == Some(name));
            let (pos, message) = match present {
                Some((key, _)) => (key.pos, "is empty; this field is required".to_string()),
                None => (self.pos, format!("missing required field `{name}`")),
            };
            reader.error(pos, &self.path(name), message);
        }
        found
    }

    /// Reports every key that was never asked for.
    pub fn finish(self, reader: &mut Reader) {
        for (key, _) in self.entries {
            let Some(name) = Self::key_text(key) else {
                reader.error(
                    key.pos,
                    &self.path,
                    "a field name must be a word, not a list or set",
                );
                continue;
            };
            if !self.asked.contains(&name) {
                let hint = suggestion(name, self.asked.iter().copied());
                let known = if hint.is_empty() {
                    let mut names = self.asked.clone();
                    names.dedup();
                    format!("; known fields here: {}", names.join(", "))
                } else {
                    hint
                };
                reader.error(
                    key.pos,
                    &self.path(name),
                    format!("unknown field `{name}`{known}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;

    #[test]
    fn reports_missing_unknown_and_wrong_types_together() {
        let doc = parse("titel: A\ncount: many\nlist: x\n", 1).unwrap();
        let mut r = Reader::new("f.yaml");
        let mut f = r.fields(&doc, "").unwrap();
        assert!(f.require(&mut r, "title").is_none());
        let n = f.get("count").unwrap();
        assert_eq!(r.count(n, "count"), None);
        let l = f.get("list").unwrap();
        assert!(r.list(l, "list").is_none());
        f.finish(&mut r);
        let lines: Vec<String> = r.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "f.yaml:1:1: title: missing required field `title`",
                "f.yaml:2:8: count: expected a whole number such as 1, found \"many\"",
                "f.yaml:3:7: list: expected a list (lines starting with `- `), found a single value",
                "f.yaml:1:1: titel: unknown field `titel`; did you mean \"title\"?",
            ]
        );
    }
}
