//! Splitting a procedure file into its YAML front matter and its Markdown body.

use super::yaml::Pos;

#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// The file line on which `yaml` starts.
    pub yaml_line: u32,
    pub body: &'a str,
    /// The file line on which `body` starts.
    pub body_line: u32,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// The front matter between a first line `---` and the next `---` (or `...`) line.
pub fn split(text: &str) -> Result<Split<'_>, (Pos, String)> {
    let start = Pos { line: 1, column: 1 };
    let Some(first_end) = text.find('\n') else {
        return Err((start, missing_message()));
    };
    if !is_fence(&text[..first_end]) {
        return Err((start, missing_message()));
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    let mut line_no = 2u32;
    for line in text[yaml_start..].split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if is_fence(bare) || bare.trim_end() == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
        line_no += 1;
    }
    Err((
        Pos {
            line: line_no.saturating_sub(1).max(1),
            column: 1,
        },
        "the front matter is not closed: add a line `---` after the last field".to_string(),
    ))
}

fn missing_message() -> String {
    "a procedure file must start with a line `---`, then its fields, then another `---` line"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split("---\ncode: \"1\"\n---\nBody\n## Steps\n").unwrap();
        assert_eq!(s.yaml, "code: \"1\"\n");
        assert_eq!(s.body, "Body\n## Steps\n");
        assert_eq!(s.body_line, 4);
        let s = split("---  \na: b\n...\n").unwrap();
        assert_eq!((s.yaml, s.body), ("a: b\n", ""));
    }

    #[test]
    fn body_with_horizontal_rule_is_kept() {
        let s = split("---\na: 1\n---\nx\n\n---\n\ny").unwrap();
        assert_eq!(s.body, "x\n\n---\n\ny");
    }

    #[test]
    fn reports_missing_or_unclosed() {
        assert_eq!(
            split("code: 1\n").unwrap_err().0,
            Pos { line: 1, column: 1 }
        );
        assert_eq!(split("").unwrap_err().0.line, 1);
        let (pos, msg) = split("---\na: 1\nb: 2\n").unwrap_err();
        assert_eq!(pos.line, 3);
        assert!(msg.contains("not closed"));
    }
}
