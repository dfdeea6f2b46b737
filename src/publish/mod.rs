//! Files for machines: `sitemap.xml` for search engines (an index of parts on a large
//! site), `robots.txt` pointing at it, Atom feeds of announcements for feed readers, and
//! open data for other systems.

pub mod feed;
pub mod open_data;

use crate::output::{Published, escape};

/// The most URLs and bytes one sitemap file may hold (the sitemap protocol's limits).
pub const SITEMAP_MAX_URLS: usize = 50_000;
pub const SITEMAP_MAX_BYTES: usize = 50 * 1024 * 1024;

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

/// The sitemap files of every published page, with absolute URLs under `base_url`, by
/// path: `sitemap.xml` alone when every page fits in one file; else `sitemap.xml` is an
/// index of `sitemap-1.xml`, `sitemap-2.xml` … each within the protocol's limits.
pub fn sitemaps(base_url: &str, pages: &[Published]) -> Vec<(String, String)> {
    sitemaps_within(base_url, pages, SITEMAP_MAX_URLS, SITEMAP_MAX_BYTES)
}

fn sitemaps_within(
    base_url: &str,
    pages: &[Published],
    max_urls: usize,
    max_bytes: usize,
) -> Vec<(String, String)> {
    // Each part: its XML, and the newest date of its pages.
    let mut parts: Vec<(String, Option<&str>)> = Vec::new();
    let mut xml = String::from(URLSET_HEAD);
    let mut urls = 0;
    let mut newest: Option<&str> = None;
    for page in pages {
        let mut entry = String::from("  <url><loc>");
        entry.push_str(&escape(&format!("{base_url}{}", page.path)));
        entry.push_str("</loc>");
        if let Some(date) = &page.lastmod {
            entry.push_str("<lastmod>");
            entry.push_str(&escape(date));
            entry.push_str("</lastmod>");
        }
        entry.push_str("</url>\n");
        let full = urls == max_urls || xml.len() + entry.len() + URLSET_TAIL.len() > max_bytes;
        if full && urls > 0 {
            xml.push_str(URLSET_TAIL);
            parts.push((std::mem::replace(&mut xml, URLSET_HEAD.to_string()), newest));
            urls = 0;
            newest = None;
        }
        xml.push_str(&entry);
        urls += 1;
        newest = newest.max(page.lastmod.as_deref());
    }
    xml.push_str(URLSET_TAIL);
    parts.push((xml, newest));
    if parts.len() == 1 {
        return vec![(crate::urls::SITEMAP.to_string(), parts.remove(0).0)];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (i, (xml, newest)) in parts.into_iter().enumerate() {
        let path = crate::urls::sitemap_part(i + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&escape(&format!("{base_url}{path}")));
        index.push_str("</loc>");
        if let Some(date) = newest {
            index.push_str("<lastmod>");
            index.push_str(&escape(date));
            index.push_str("</lastmod>");
        }
        index.push_str("</sitemap>\n");
        files.push((path, xml));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (crate::urls::SITEMAP.to_string(), index));
    files
}

/// Lets every crawler in and names the sitemap. Crawlers read `robots.txt` only at the
/// root of a host: a site under a sub-path should have its host serve this file there.
pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
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
        let files = sitemaps("https://example.org/tinh-a/", &pages);
        assert_eq!(files.len(), 1);
        let (path, xml) = &files[0];
        assert_eq!(path, "sitemap.xml");
        assert!(xml.contains("<url><loc>https://example.org/tinh-a/</loc></url>"));
        assert!(xml.contains(
            "<url><loc>https://example.org/tinh-a/thu-tuc/a/</loc><lastmod>2025-07-01</lastmod></url>"
        ));
        assert_eq!(
            robots("https://example.org/"),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
        );
    }

    fn pages(n: usize) -> Vec<Published> {
        (0..n)
            .map(|i| Published {
                path: format!("thu-tuc/p{i:03}/"),
                lastmod: Some(format!("2025-01-{:02}", 1 + i % 28)),
            })
            .collect()
    }

    #[test]
    fn a_sitemap_over_the_limit_becomes_an_index() {
        let base = "https://example.org/";
        // Exactly at the limit: one file.
        assert_eq!(sitemaps_within(base, &pages(10), 10, usize::MAX).len(), 1);
        // One more: an index and two parts, every page once, none over the limit.
        let files = sitemaps_within(base, &pages(11), 10, usize::MAX);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = &files[0].1;
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert!(index.contains("<sitemap><loc>https://example.org/sitemap-1.xml</loc><lastmod>2025-01-10</lastmod></sitemap>"));
        assert!(index.contains("<sitemap><loc>https://example.org/sitemap-2.xml</loc><lastmod>2025-01-11</lastmod></sitemap>"));
        assert_eq!(files[1].1.matches("<url>").count(), 10);
        assert_eq!(files[2].1.matches("<url>").count(), 1);
        assert!(files[2].1.contains("https://example.org/thu-tuc/p010/"));
        // By size too: no part is larger than the limit.
        let max = 1000;
        let files = sitemaps_within(base, &pages(100), usize::MAX, max);
        assert!(files.len() > 2);
        let mut urls = 0;
        for (_, xml) in &files[1..] {
            assert!(xml.len() <= max, "{}", xml.len());
            assert!(xml.ends_with("</urlset>\n"));
            urls += xml.matches("<url>").count();
        }
        assert_eq!(urls, 100);
    }
}
