//! Files for machines: `sitemap.xml` for search engines, `robots.txt` pointing at it,
//! Atom feeds of announcements for feed readers, open data for other systems; and the
//! figures and the changes that the statistics and "what changed" pages show.

pub mod changes;
pub mod feed;
pub mod open_data;
pub mod stats;

use crate::render::Published;

/// The sitemap of every published page, with absolute URLs under `base_url`.
pub fn sitemap(base_url: &str, pages: &[Published]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&format!("{base_url}{}", page.path)));
        xml.push_str("</loc>");
        if let Some(date) = &page.lastmod {
            xml.push_str("<lastmod>");
            xml.push_str(&escape(date));
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Lets every crawler in and names the sitemap. Crawlers read `robots.txt` only at the
/// root of a host: a site under a sub-path should have its host serve this file there.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_pages() {
        let pages = [
            Published {
                path: String::new(),
                lastmod: None,
            },
            Published {
                path: "thu-tuc/a/".into(),
                lastmod: Some("2025-07-01".into()),
            },
        ];
        let xml = sitemap("https://example.org/tinh-a/", &pages);
        assert!(xml.contains("<url><loc>https://example.org/tinh-a/</loc></url>"));
        assert!(xml.contains(
            "<url><loc>https://example.org/tinh-a/thu-tuc/a/</loc><lastmod>2025-07-01</lastmod></url>"
        ));
        assert_eq!(
            robots("https://example.org/"),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
        );
    }
}
