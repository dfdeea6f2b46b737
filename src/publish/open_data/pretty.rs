//! A procedure's record is serialised once, compact (its line in a part), and its own
//! file (`thu-tuc/<slug>/index.json`, indented for people) is derived from those bytes:
//! re-indenting is a copy, where serialising again would escape every string again.

/// `compact` (JSON as `serde_json::to_vec` writes it) as `serde_json::to_vec_pretty`
/// writes the same value: two spaces a level, `": "` after a key, `[]` and `{}` when empty.
pub fn indent(compact: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(compact.len() * 5 / 4);
    let mut depth = 0usize;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let mut bytes = compact.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'"' => {
                // a string, copied as it is up to its closing quote
                out.push(b);
                while let Some(c) = bytes.next() {
                    out.push(c);
                    match c {
                        b'\\' => out.extend(bytes.next()),
                        b'"' => break,
                        _ => {}
                    }
                }
            }
            b'{' | b'[' => {
                out.push(b);
                let close = if b == b'{' { b'}' } else { b']' };
                if bytes.peek() == Some(&close) {
                    out.extend(bytes.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::indent;
    use serde_json::json;

    fn same_as_serde(value: &serde_json::Value) {
        let compact = serde_json::to_vec(value).unwrap();
        let pretty = serde_json::to_vec_pretty(value).unwrap();
        assert_eq!(
            String::from_utf8(indent(&compact)).unwrap(),
            String::from_utf8(pretty).unwrap()
        );
    }

    #[test]
    fn indents_as_serde_json_does() {
        same_as_serde(&json!({
            "code": "1.001193",
            "empty": [],
            "none": {},
            "nested": [{"a": [1, 2, {"b": null}]}, [], [[]], {"c": {}}],
            "tricky": "a \"quoted\" {word}, [with]: commas\\ and \u{1} \n lines",
            "ends in a backslash\\": "\\",
            "đồng": 8000,
            "flag": true,
            "ratio": -1.5e-7,
        }));
        same_as_serde(&json!([]));
        same_as_serde(&json!("only a string, {not} an object"));
        same_as_serde(&json!(42));
    }
}
