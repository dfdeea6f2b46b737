//! Problems as staff read them in a terminal: each with the line of the content file it
//! is about, quoted, and a caret under the value.

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// Writes problems as staff read them: the location and message on one line (editors
/// jump to `file:line:column`), then the offending line with a caret under the value,
/// like rustc. `colour` adds terminal colours; piped output stays plain.
pub fn render(diagnostics: &[Diagnostic], content_dir: &Path, colour: bool) -> String {
    use std::collections::HashMap;
    use std::fmt::Write;
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut sources: HashMap<&str, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics {
        let location = format!("{}:{}:{}:", d.file, d.pos.line, d.pos.column);
        let field = if d.field.is_empty() {
            String::new()
        } else {
            format!(" {}:", d.field)
        };
        let _ = writeln!(
            out,
            "{}{} {}",
            paint("1", &location),
            paint("1;33", &field),
            d.message
        );
        let text = sources
            .entry(&d.file)
            .or_insert_with(|| read_content_file(content_dir, &d.file));
        let line = text
            .as_deref()
            .and_then(|t| t.lines().nth((d.pos.line as usize).saturating_sub(1)))
            .map(|l| l.trim_end_matches('\r'));
        if let Some(line) = line.filter(|l| !l.trim().is_empty()) {
            let number = d.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let (line, start) = window(line, (d.pos.column as usize).saturating_sub(1));
            let width = underline_width(&line, start);
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {line}");
            let _ = writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(start),
                paint("1;31", &"^".repeat(width))
            );
        }
    }
    let files: std::collections::BTreeSet<&str> =
        diagnostics.iter().map(|d| d.file.as_str()).collect();
    let _ = writeln!(
        out,
        "{}",
        paint(
            "1;31",
            &format!(
                "{} problem{} in {} file{}",
                diagnostics.len(),
                if diagnostics.len() == 1 { "" } else { "s" },
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            )
        )
    );
    out
}

/// The text of a content file, for quoting its lines. Never follows a link, never reads
/// a file that is not content or is too large: a message must not leak other files.
fn read_content_file(content_dir: &Path, rel: &str) -> Option<String> {
    super::kind_of(rel)?;
    let path = content_dir.join(rel);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > super::MAX_FILE_BYTES {
        return None;
    }
    super::decode_text(std::fs::read(path).ok()?).ok()
}

/// At most [`WINDOW`] characters of a long line around `column` (0-based, in characters),
/// with `…` where it was cut, and the column within what is shown: a 5,000-character line
/// must not fill the terminal.
fn window(line: &str, column: usize) -> (String, usize) {
    const WINDOW: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WINDOW {
        return (line.to_string(), column);
    }
    let from = column
        .saturating_sub(WINDOW / 4)
        .min(chars.len().saturating_sub(WINDOW));
    let to = (from + WINDOW).min(chars.len());
    let mut shown: String = chars[from..to].iter().collect();
    let mut at = column - from.min(column);
    if from > 0 {
        shown.insert(0, '…');
        at += 1;
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, at)
}

/// How many characters to underline from `start`: a quoted value to its closing quote,
/// a key to its colon, a plain value to the end of the line (before a comment).
fn underline_width(line: &str, start: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(start).collect();
    let end = match rest.first() {
        None => return 1,
        Some(q @ ('"' | '\'')) => rest
            .iter()
            .skip(1)
            .position(|c| c == q)
            .map_or(rest.len(), |i| i + 2),
        Some(_) => {
            let text: String = rest.iter().collect();
            let cut = [": ", " #", ", ", "]", "}"]
                .iter()
                .filter_map(|stop| text.find(stop))
                .min()
                .unwrap_or(text.len());
            let cut = if text.ends_with(':') && cut == text.len() {
                cut - 1
            } else {
                cut
            };
            text[..cut].trim_end().chars().count()
        }
    };
    end.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_shown_around_the_column() {
        let long = format!("x: {}bad{}", "[".repeat(500), "]".repeat(500));
        let (shown, at) = window(&long, 503);
        assert!(shown.chars().count() <= 102, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().skip(at).take(3).collect::<String>(), "bad");
        assert_eq!(window("short: line", 7), ("short: line".to_string(), 7));
    }

    #[test]
    fn underlines_values_keys_and_quoted_text() {
        assert_eq!(underline_width("agency: ubnd-xa-an-hep", 8), 14);
        assert_eq!(underline_width("levle: xa", 0), 5);
        assert_eq!(underline_width("title: \"Đăng ký\" # note", 7), 9);
        assert_eq!(underline_width("life_events: [sinh-conn, x]", 14), 9);
        assert_eq!(underline_width("colour:", 0), 6);
        assert_eq!(underline_width("", 3), 1);
    }
}
