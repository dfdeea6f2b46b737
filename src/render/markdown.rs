//! Markdown from content files into HTML that is safe to publish.
//!
//! Staff paste text from anywhere, so whatever HTML the Markdown carries goes through
//! ammonia: no scripts, no event-handler attributes, no `javascript:` URLs, no images
//! from other hosts (they would be third-party requests).

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// Turns Markdown into sanitised HTML; made once per build and shared between threads.
pub struct Markdown {
    sanitiser: Builder<'static>,
}

impl Markdown {
    /// `base` is the path every site link starts with (`/` or `/tinh-a/`): a link written
    /// `/thu-tuc/x/` in content points into the site, so it gets that prefix.
    pub fn new(base: &str) -> Markdown {
        let base = base.to_string();
        let mut sanitiser = Builder::default();
        sanitiser
            .link_rel(Some("noopener noreferrer"))
            .url_relative(UrlRelative::Custom(Box::new(SiteLinks { base })))
            .attribute_filter(|element, attribute, value| {
                let remote = value.starts_with("//") || value.contains(':');
                if element == "img" && attribute == "src" && remote {
                    None
                } else {
                    Some(value.into())
                }
            });
        Markdown { sanitiser }
    }

    /// The HTML of `markdown`. Headings start at `<h3>`: the page has its `<h1>` and
    /// every section of the page its `<h2>`.
    pub fn to_html(&self, markdown: &str) -> String {
        if markdown.trim().is_empty() {
            return String::new();
        }
        // Content is cleaned when loaded; cleaning here too keeps this safe on its own:
        // a control character inside `java\x1fscript:` is gone before the sanitiser looks.
        let markdown = crate::text::clean_block(markdown);
        let markdown = markdown.as_str();
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let events = Parser::new_ext(markdown, options).map(|event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            other => other,
        });
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events);
        self.sanitiser.clean(&html).to_string()
    }
}

/// The words of the first paragraph of `markdown`, at most about `max` characters,
/// cut at a word: for `<meta name="description">`.
pub fn summary(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) => break,
            _ => {}
        }
    }
    let text = crate::text::clean_line(&text);
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

/// Puts the base path in front of root-relative links (`/thu-tuc/x/`).
struct SiteLinks {
    base: String,
}

impl<'a> UrlRelativeEvaluate<'a> for SiteLinks {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        match url.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') => {
                Some(Cow::Owned(format!("{}{rest}", self.base)))
            }
            _ => Some(Cow::Borrowed(url)),
        }
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_demotes_headings() {
        let md = Markdown::new("/");
        assert_eq!(
            md.to_html("# A\n\n1. **b**\n"),
            "<h3>A</h3>\n<ol>\n<li><strong>b</strong></li>\n</ol>\n"
        );
    }

    #[test]
    fn removes_what_is_unsafe() {
        let md = Markdown::new("/");
        let html = md.to_html(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\" onmouseover=\"y()\">hi</p>\n\n\
             [a](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(2)\">b</a> \
             <img src=\"https://tracker.example/x.png\" alt=\"t\"> <iframe src=\"https://x\"></iframe>\
             <style>body{}</style>",
        );
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onclick",
            "onmouseover",
            "javascript:",
            "tracker",
            "<iframe",
            "<style",
        ] {
            assert!(!lower.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("hi"));
    }

    #[test]
    fn summaries() {
        assert_eq!(summary("Một **hai** ba.\n\nBốn.", 100), "Một hai ba.");
        assert_eq!(summary("một hai ba bốn", 9), "một hai…");
    }

    #[test]
    fn site_links_get_the_base_path() {
        let md = Markdown::new("/tinh-a/");
        let html = md.to_html("[x](/thu-tuc/x/) [y](https://example.org/) [z](#buoc)");
        assert!(html.contains("href=\"/tinh-a/thu-tuc/x/\""), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
        assert!(html.contains("href=\"#buoc\""), "{html}");
    }

    /// Found by the `markdown` fuzz target: `href="java\x1fscript:…"` came through the
    /// sanitiser (to it, and to browsers, not a scheme); the control character is now
    /// removed first, so the sanitiser sees `javascript:` and drops the link. The second
    /// input (`JaVaScR\x0b\0\0\0iPt&#58;` → `JaVaScR iPt:`) is a relative URL to browsers,
    /// since a space inside a scheme is kept; the fuzz target had read it as a scheme.
    #[test]
    fn control_characters_cannot_hide_a_scheme() {
        let md = Markdown::new("/");
        let crashes: [&[u8]; 2] = [
            include_bytes!("../../tests/fixtures/fuzz/markdown-control-character-in-url.bin"),
            include_bytes!("../../tests/fixtures/fuzz/markdown-space-in-scheme.bin"),
        ];
        let mut inputs: Vec<String> = crashes
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        inputs.push("<a href=\"java\u{1f}script:alert(1)\">x</a> [y](vb\u{7}script:z)".into());
        inputs.push("<a href=\" java\tscr\nipt:alert(1)\">x</a>".into());
        for input in inputs {
            let html = md.to_html(&input);
            assert!(
                !html.contains(|c: char| c.is_control() && !c.is_whitespace()),
                "{html:?}"
            );
            for attr in [" href=\"", " src=\""] {
                for value in html.split(attr).skip(1) {
                    let value = value.split('"').next().unwrap_or("").replace("&amp;", "&");
                    // as browsers read a URL: ends trimmed, tabs and line breaks dropped
                    let url: String = value
                        .trim_matches(|c: char| c <= ' ')
                        .chars()
                        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                        .collect::<String>()
                        .to_ascii_lowercase();
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        assert!(!url.starts_with(scheme), "{attr}{value} in {html}");
                    }
                }
            }
        }
    }
}
