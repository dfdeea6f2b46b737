//! Smaller pages for slow mobile links: every HTML page and the stylesheet are minified.

use crate::text::{find_bytes, find_bytes_ignoring_case};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

/// How deeply a page may nest for the minifier, which recurses once for each level:
/// twice what content may nest ([`MAX_DEPTH`](crate::catalogue::nesting::MAX_DEPTH),
/// which `check` enforces), and the templates' own levels. The rendering threads have
/// the stack for it.
pub const MAX_PAGE_DEPTH: usize = 2 * crate::catalogue::nesting::MAX_DEPTH + 200;

/// Minifies one HTML page. Spec-compliant output only: some citizens use old browsers
/// and screen readers. A page nested deeper than [`MAX_PAGE_DEPTH`] is refused rather
/// than risk the stack (content that passed `check` never is).
pub fn html(page: &str) -> Result<Vec<u8>, String> {
    let depth = depth(page.as_bytes());
    if depth > MAX_PAGE_DEPTH {
        return Err(format!(
            "it is nested {depth} elements deep, and pages can be at most {MAX_PAGE_DEPTH}"
        ));
    }
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::default()
    };
    Ok(escape_lt(minify_html::minify(page.as_bytes(), &cfg)))
}

/// The deepest nesting of elements in a page made by the templates and the sanitiser,
/// which close every element they open: start tags up, end tags down, void elements,
/// comments and the text of `<script>`, `<style>`, `<title>` and `<textarea>` not at all.
/// Tags the page leaves open only make the count larger.
fn depth(page: &[u8]) -> usize {
    let n = page.len();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(lt) = find_bytes(page, b"<", i) {
        i = lt + 1;
        if page[i..].starts_with(b"!--") {
            i = find_bytes(page, b"-->", i + 3).map_or(n, |e| e + 3);
            continue;
        }
        let closing = page.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_end = page[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(n, |p| name_start + p);
        if name_end == name_start || !page[name_start].is_ascii_alphabetic() {
            continue;
        }
        let mut buf = [0; 8];
        let name = short_lower(&page[name_start..name_end], &mut buf);
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if VOID.contains(&name) {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if matches!(name, b"script" | b"style" | b"title" | b"textarea") {
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            i = find_bytes_ignoring_case(page, &close, name_end).unwrap_or(n);
        }
    }
    deepest
}

/// A tag name in lower case, in `buf`: without allocating, for the scans below run over
/// every tag of every page. Empty for a name longer than `buf`, which is none of the
/// names they look for (the longest is `textarea`).
fn short_lower<'b>(name: &[u8], buf: &'b mut [u8; 8]) -> &'b [u8] {
    if name.len() > buf.len() {
        return &[];
    }
    for (b, n) in buf.iter_mut().zip(name) {
        *b = n.to_ascii_lowercase();
    }
    &buf[..name.len()]
}

/// Elements without content or end tag.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// The minifier writes `<` raw where HTML allows it: in the text of `<title>` and in
/// quoted attribute values (`<meta property="og:title" content="…">`). A browser reads
/// both as text, so that is safe; but a `<script>` pasted into a procedure's title would
/// then appear literally in the page, and every scanner (and every reader of the source)
/// takes it for markup. Escape `<` there again. The contents of `<script>` and `<style>`
/// are copied as they are.
fn escape_lt(page: Vec<u8>) -> Vec<u8> {
    let n = page.len();
    let mut out = Vec::with_capacity(n + 64);
    let mut i = 0;
    while i < n {
        if page[i] != b'<' {
            out.push(page[i]);
            i += 1;
            continue;
        }
        if page[i..].starts_with(b"<!--") {
            let end = find_bytes(&page, b"-->", i + 4).map_or(n, |e| e + 3);
            out.extend_from_slice(&page[i..end]);
            i = end;
            continue;
        }
        let name_end = page[i + 1..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(n, |p| i + 1 + p);
        if name_end == i + 1 {
            // `</x>`, `<!doctype>`, or a `<` in text: nothing to escape in them.
            out.push(b'<');
            i += 1;
            continue;
        }
        let mut buf = [0; 8];
        let name = short_lower(&page[i + 1..name_end], &mut buf);
        out.extend_from_slice(&page[i..name_end]);
        i = name_end;
        // The attributes, up to the `>` that is not inside quotes. (The minifier writes
        // quotes in unquoted values as entities, so a quote always opens a value.)
        let mut quote = None;
        while i < n {
            let b = page[i];
            i += 1;
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) if b == b'<' => {
                    out.extend_from_slice(b"&lt;");
                    continue;
                }
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    out.push(b);
                    break;
                }
                None => {}
            }
            out.push(b);
        }
        // Elements whose text is raw: copied up to their end tag, `<title>`'s escaped.
        if matches!(name, b"script" | b"style" | b"title" | b"textarea") {
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            let end = find_bytes_ignoring_case(&page, &close, i).unwrap_or(n);
            for &b in &page[i..end] {
                if b == b'<' && name == b"title" {
                    out.extend_from_slice(b"&lt;");
                } else {
                    out.push(b);
                }
            }
            i = end;
        }
    }
    out
}

/// Minifies a stylesheet; on a CSS error, the message with its line.
pub fn css(source: &str, name: &str) -> Result<String, String> {
    let mut sheet = StyleSheet::parse(source, ParserOptions::default())
        .map_err(|e| format!("theme/static/{name}: {e}"))?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| format!("theme/static/{name}: {e}"))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| format!("theme/static/{name}: {e}"))?;
    Ok(printed.code)
}

/// Minifies an ES module (the search client): names mangled, whitespace gone. On a syntax
/// error, the message.
pub fn js(source: &str, name: &str) -> Result<String, String> {
    use oxc_minifier::{CompressOptions, MangleOptions, Minifier, MinifierOptions};
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::mjs()).parse();
    if let Some(error) = parsed.errors.first() {
        return Err(format!("theme/static/{name}: {error}"));
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions {
        // a module's own top-level names are private to it: only its exports keep theirs
        mangle: Some(MangleOptions {
            top_level: true,
            ..MangleOptions::default()
        }),
        compress: Some(CompressOptions::safest()),
    })
    .minify(&allocator, &mut program);
    let code = oxc_codegen::Codegen::new()
        .with_options(oxc_codegen::CodegenOptions {
            minify: true,
            // the source's comments are for its readers: 5 KB of the shipped client
            comments: oxc_codegen::CommentOptions::disabled(),
            ..oxc_codegen::CodegenOptions::default()
        })
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    Ok(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn minifies_the_search_client() {
        let source = include_str!("../../theme/static/search.js");
        let out = super::js(source, "search.js").unwrap();
        assert!(
            out.len() * 3 < source.len() * 2,
            "{} of {}",
            out.len(),
            source.len()
        );
        for export in ["createSearch", "mountSearch", "analyzeQuery"] {
            assert!(out.contains(export), "{export} is still exported");
        }
        assert!(
            !out.contains("thutuc search client"),
            "comments are shipped"
        );
        assert!(super::js("let = ;", "x.js").is_err());
    }

    #[test]
    fn minifies() {
        let out =
            super::html("<!doctype html>\n<html lang=\"vi\">\n  <p>  a   b </p>\n</html>").unwrap();
        assert!(String::from_utf8(out).unwrap().len() < 50);
        let out = super::html(
            "<html><head><title>&lt;/title>&lt;script>x()&lt;/script></title></head></html>",
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("<title>&lt;/title>&lt;script>x()&lt;/script></title>"),
            "{out}"
        );
        let out = super::html(
            "<html><head><meta property=\"og:title\" content=\"&lt;/title>&lt;script>x()&lt;/script> &quot;a&quot;\">\
             <script type=\"application/ld+json\">{\"a\":\"b\"}</script></head>\
             <body><p title='&lt;b>'>1 &lt; 2</p><style>a>b{color:red}</style></body></html>",
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("&lt;/title>&lt;script>x()&lt;/script>"),
            "{out}"
        );
        assert!(out.contains("&lt;b>"), "{out}");
        assert!(
            out.contains("<script type=application/ld+json>{\"a\":\"b\"}</script>"),
            "{out}"
        );
        assert!(out.contains("a>b{color:red}"), "{out}");
        assert_eq!(
            super::css("a {\n  color: #ff0000;\n}\n", "x.css").unwrap(),
            "a{color:red}"
        );
    }

    #[test]
    fn pages_deeper_than_the_minifier_takes_are_refused() {
        let page = |levels: usize| {
            format!(
                "<html><body><!--<div>--><script>'<div>'</script><br>{}x{}</body></html>",
                "<div>".repeat(levels),
                "</div>".repeat(levels)
            )
        };
        assert_eq!(super::depth(page(10).as_bytes()), 12);
        // as deep as allowed: minified, on a thread with the stack that rendering has
        let deepest = page(super::MAX_PAGE_DEPTH - 2);
        let minified = std::thread::Builder::new()
            .stack_size(crate::render::RENDER_STACK)
            .spawn(move || super::html(&deepest).map(|_| ()))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(minified, Ok(()));
        let refused = super::html(&page(50_000)).unwrap_err();
        assert!(refused.contains("50002"), "{refused}");
    }
}
