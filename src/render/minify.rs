//! Smaller pages for slow mobile links: every HTML page and the stylesheet are minified.

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};

/// Minifies one HTML page. Spec-compliant output only: some citizens use old browsers
/// and screen readers.
pub fn html(page: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::default()
    };
    escape_title(minify_html::minify(page.as_bytes(), &cfg))
}

/// The minifier writes the text of `<title>` raw, entities decoded. A browser reads it as
/// text up to `</title` (which stays escaped), so that is safe; but a `<script>` pasted
/// into a procedure's title would then appear literally in the page, and every scanner
/// (and every reader of the source) takes it for markup. Escape `<` there again.
fn escape_title(page: Vec<u8>) -> Vec<u8> {
    let Some(start) = find(&page, b"<title>", 0).map(|i| i + b"<title>".len()) else {
        return page;
    };
    let Some(end) = find(&page, b"</title", start) else {
        return page;
    };
    if !page[start..end].contains(&b'<') {
        return page;
    }
    let mut out = Vec::with_capacity(page.len() + 32);
    out.extend_from_slice(&page[..start]);
    for &b in &page[start..end] {
        if b == b'<' {
            out.extend_from_slice(b"&lt;");
        } else {
            out.push(b);
        }
    }
    out.extend_from_slice(&page[end..]);
    out
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
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

#[cfg(test)]
mod tests {
    #[test]
    fn minifies() {
        let out = super::html("<!doctype html>\n<html lang=\"vi\">\n  <p>  a   b </p>\n</html>");
        assert!(String::from_utf8(out).unwrap().len() < 50);
        let out = super::html(
            "<html><head><title>&lt;/title>&lt;script>x()&lt;/script></title></head></html>",
        );
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("<title>&lt;/title>&lt;script>x()&lt;/script></title>"),
            "{out}"
        );
        assert_eq!(
            super::css("a {\n  color: #ff0000;\n}\n", "x.css").unwrap(),
            "a{color:red}"
        );
    }
}
