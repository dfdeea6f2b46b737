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
    minify_html::minify(page.as_bytes(), &cfg)
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
        assert_eq!(
            super::css("a {\n  color: #ff0000;\n}\n", "x.css").unwrap(),
            "a{color:red}"
        );
    }
}
