#![no_main]
//! Any Markdown (with any HTML in it) comes out as HTML with nothing executable: no
//! `<script`, no `on…=` event attributes, no `javascript:`/`data:` URLs in links or images.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use thutuc::render::markdown::{self, Markdown};

fn renderer() -> &'static Markdown {
    static R: OnceLock<Markdown> = OnceLock::new();
    R.get_or_init(|| Markdown::new("/tinh-a/"))
}

/// Every tag of sanitised HTML (text `<` is always escaped, so each `<` opens a tag),
/// as (name, [(attribute, value)]).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let s = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                i += 1;
            }
            let attr = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && b[i] == b'"' {
                    let e = html[i + 1..].find('"').map_or(b.len(), |e| i + 1 + e);
                    value = html[i + 1..e].to_string();
                    i = (e + 1).min(b.len());
                } else {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[s..i].to_string();
                }
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

/// The start of `url` as a browser reads it (the WHATWG URL standard): leading and
/// trailing C0 controls and spaces are stripped, tabs and line breaks anywhere removed.
/// Any other character that cannot be in a scheme (a space, a control) inside it makes
/// the URL relative, so `java script:` is harmless and `java\tscript:` is not.
fn scheme(url: &str) -> String {
    url.replace("&amp;", "&")
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase()
}

fuzz_target!(|input: &str| {
    let html = renderer().to_html(input);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script tag in {html:?}");
    for (name, attrs) in tags(&html) {
        assert!(!matches!(name.as_str(), "script" | "iframe" | "object" | "embed" | "svg" | "style"), "{name} in {html:?}");
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "event attribute {attr} in {html:?}");
            if matches!(attr.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href") {
                let s = scheme(&value);
                assert!(
                    !s.starts_with("javascript:") && !s.starts_with("data:") && !s.starts_with("vbscript:"),
                    "dangerous URL {value:?} in {html:?}"
                );
            }
        }
    }
    let _ = markdown::summary(input, 160);
});
