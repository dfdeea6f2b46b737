//! How deeply a Markdown text nests once it is HTML: block quotes, lists, emphasis and
//! HTML tags inside one another.
//!
//! Every later stage walks that nesting: the HTML parser of the sanitiser does work
//! in proportion to it for each tag, and the minifier recurses once per level, so a
//! stuck key (`>` × 5,000, `<div>` × 20,000) would run it out of stack and abort the
//! build. A text nested deeper than [`MAX_DEPTH`] is a content problem instead.
//!
//! The count errs on the deep side: an HTML tag left open counts until a browser would
//! close it, and only the simplest of a browser's implied closings are followed (a `<p>`
//! or `<li>` closes the one just before it). Real content nests a few levels, so the
//! difference only shows in text that is wrong anyway.

use crate::text::{find_bytes, find_bytes_ignoring_case};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The deepest nesting a Markdown text may have. Real procedures nest a few levels (a
/// list in a list, a bold word in it); this is far above, and far below what the
/// rendering's stack can take (see `render::minify`).
pub const MAX_DEPTH: usize = 1_100;

/// The Markdown extensions the pages use: the count reads the text as they render it.
pub const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// The byte offset in `markdown` where its nesting first goes deeper than [`MAX_DEPTH`],
/// or `None` when it never does. Time linear in the text: it stops at the first excess.
pub fn too_deep(markdown: &str) -> Option<usize> {
    let mut markdown_depth = 0usize;
    let mut html = HtmlStack::default();
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        match event {
            // An HTML block is no element of its own: its tags are counted below.
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(_) => {
                markdown_depth += 1;
                if markdown_depth + html.depth > MAX_DEPTH {
                    return Some(range.start);
                }
            }
            Event::End(_) => markdown_depth = markdown_depth.saturating_sub(1),
            Event::Html(text) | Event::InlineHtml(text) => {
                let room = MAX_DEPTH.saturating_sub(markdown_depth);
                if let Some(at) = html.read(&text, room) {
                    return Some((range.start + at).min(range.end.saturating_sub(1)));
                }
            }
            _ => {}
        }
    }
    None
}

/// The HTML elements open at a point of the text, as a browser's parser would have them.
#[derive(Default)]
struct HtmlStack {
    /// Open elements, innermost last, lower-case names.
    open: Vec<String>,
    /// What they count for: a `<td>` or `<tr>` brings the `<tbody>` and `<tr>` the
    /// parser adds around it.
    depth: usize,
    /// Inside `<script>`, `<style>`, `<textarea>`…: its text up to the end tag is no tags.
    raw_text: Option<String>,
}

impl HtmlStack {
    /// Reads the tags of `html`; the offset of the first tag that makes the depth
    /// greater than `room`.
    fn read(&mut self, html: &str, room: usize) -> Option<usize> {
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if let Some(name) = &self.raw_text {
                let close = format!("</{name}");
                match find_bytes_ignoring_case(bytes, close.as_bytes(), i) {
                    Some(at) => {
                        self.raw_text = None;
                        i = at;
                    }
                    None => return None,
                }
            }
            let lt = bytes[i..].iter().position(|&b| b == b'<')?;
            let start = i + lt;
            i = start + 1;
            if bytes[i..].starts_with(b"!--") {
                i = find_bytes(bytes, b"-->", i + 3).map_or(bytes.len(), |e| e + 3);
                continue;
            }
            let closing = bytes.get(i) == Some(&b'/');
            if closing {
                i += 1;
            }
            let name_len = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
                .count();
            if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
                continue;
            }
            let name = html[i..i + name_len].to_ascii_lowercase();
            i = tag_end(bytes, i + name_len);
            if closing {
                self.close(&name);
            } else {
                self.open(name);
                if self.depth > room {
                    return Some(start);
                }
            }
        }
        None
    }

    fn open(&mut self, name: String) {
        if VOID.contains(&name.as_str()) {
            return;
        }
        // `<p>a<p>b`, `<li>a<li>b`: the second closes the first.
        if let (Some(family), Some(top)) = (closes_sibling(&name), self.open.last())
            && closes_sibling(top) == Some(family)
        {
            self.pop();
        }
        if RAW_TEXT.contains(&name.as_str()) {
            self.raw_text = Some(name.clone());
        }
        self.depth += weight(&name);
        self.open.push(name);
    }

    /// An end tag closes the innermost element of its name and everything inside it, as
    /// in a browser; but not across an element that a browser would not close for it
    /// (then the tag is ignored, as a browser ignores it).
    fn close(&mut self, name: &str) {
        let Some(at) = self.open.iter().rposition(|n| n == name) else {
            return;
        };
        let barrier: &[&str] = if SPECIAL.contains(&name) {
            SCOPE_BARRIERS
        } else {
            SPECIAL
        };
        if self.open[at + 1..]
            .iter()
            .any(|n| barrier.contains(&n.as_str()))
        {
            return;
        }
        // Formatting elements closed on the way are opened again by the browser at the
        // next text (it "reconstructs the active formatting elements").
        let reopened: Vec<String> = self.open[at + 1..]
            .iter()
            .filter(|n| FORMATTING.contains(&n.as_str()))
            .cloned()
            .collect();
        while self.open.len() > at {
            self.pop();
        }
        for n in reopened {
            self.depth += weight(&n);
            self.open.push(n);
        }
    }

    fn pop(&mut self) {
        if let Some(n) = self.open.pop() {
            self.depth -= weight(&n);
        }
    }
}

fn weight(name: &str) -> usize {
    match name {
        "td" | "th" => 3,
        "tr" => 2,
        _ => 1,
    }
}

fn closes_sibling(name: &str) -> Option<&'static str> {
    match name {
        "p" => Some("p"),
        "li" => Some("li"),
        "dt" | "dd" => Some("dt"),
        "td" | "th" => Some("td"),
        "tr" => Some("tr"),
        "option" => Some("option"),
        _ => None,
    }
}

/// The end of a tag that starts before `i`: past its `>`, quotes respected.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => break,
            None => {}
        }
    }
    i
}

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
];

/// The formatting elements of the HTML standard.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Where a browser stops looking for the element an end tag of a special element closes.
const SCOPE_BARRIERS: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

/// The "special" elements of the HTML standard: an end tag of another element does not
/// close across them.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str) -> bool {
        too_deep(text).is_none()
    }

    #[test]
    fn real_content_is_far_from_the_limit() {
        assert!(depth_ok(
            "1. Nộp **hồ sơ**:\n   - Tờ khai\n     > *ghi chú*\n\n<div><p>Word <b><i>x</i></b></p></div>\n"
        ));
    }

    #[test]
    fn nested_markdown_is_found_where_it_goes_too_deep() {
        let quotes = format!("intro\n\n{} quote", ">".repeat(5_000));
        let at = too_deep(&quotes).expect("too deep");
        assert_eq!(at, 7 + MAX_DEPTH, "the `>` that goes one level too deep");
        assert!(!depth_ok(&format!("{}x", "- ".repeat(5_000))));
        assert!(!depth_ok(&format!("{}x", "> - ".repeat(3_000))));
        assert!(depth_ok(&format!("{} quote", ">".repeat(1_000))));
    }

    #[test]
    fn open_html_tags_count() {
        let divs = format!("{}x{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let at = too_deep(&divs).expect("too deep");
        assert_eq!(at, 5 * MAX_DEPTH, "the tag that goes one level too deep");
        assert!(!depth_ok(&format!("{}x", "<em>".repeat(20_000))));
        // closed as it goes: never deep
        assert!(depth_ok(&"<div>x</div>".repeat(20_000)));
        assert!(depth_ok(&"<p>x".repeat(20_000)));
        assert!(depth_ok(&format!("<ul>{}</ul>", "<li>x".repeat(20_000))));
        assert!(depth_ok(&"<br><img src=a.png>".repeat(20_000)));
        // tags in comments and in raw text are not tags
        assert!(depth_ok(&format!("<!--{}-->", "<div>".repeat(20_000))));
        assert!(depth_ok(&format!(
            "<textarea>{}</textarea>",
            "<div>".repeat(20_000)
        )));
    }

    #[test]
    fn end_tags_close_only_what_a_browser_closes() {
        // `</span>` does not close across a `<div>`; `</div>` not across a table cell;
        // a bold closed by `</div>` opens again at the next text.
        assert!(!depth_ok(&"<span><div></span>".repeat(2_000)));
        assert!(!depth_ok(&"<div><table><td></div>".repeat(1_000)));
        assert!(!depth_ok(
            &(0..2_000)
                .map(|i| format!("<div><b class=c{i}></div>x"))
                .collect::<String>()
        ));
        // and markdown's own `</p>` does not close an HTML tag left open in it
        assert!(!depth_ok(&"<b class=x>a\n\n".repeat(2_000)));
    }
}
