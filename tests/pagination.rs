//! Long lists over several pages: a generated catalogue large enough that the A–Z list,
//! the levels and the agencies need several pages, built under a sub-path. Every link
//! resolves, every procedure is on exactly one A–Z page, and each page has its
//! navigation, its number in its title and its place in the sitemap.

mod common;
#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;

use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const N: usize = 650;
const BASE: &str = "https://example.org/tinh/thu-tuc/";
/// `PAGE_SIZE` of `src/render/paginate.rs`.
const PAGE_SIZE: usize = 200;

fn site() -> &'static Path {
    static OUT: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let tmp = TempDir::for_the_run("pagination");
        let content = tmp.join("content");
        generate::write_catalogue(&content, N, 7).expect("generate");
        let out = build(&content, &tmp, Some(BASE)).expect("the generated catalogue builds");
        (tmp, out)
    });
    out
}

fn title(html: &str) -> String {
    let start = html.find("<title>").expect("a title") + "<title>".len();
    let end = html[start..].find("</title>").unwrap() + start;
    unescape(&html[start..end])
}

/// The procedure links of a list page: the links inside its `proc-list`s.
fn procedure_links(html: &str) -> Vec<String> {
    html.split("<ul class=proc-list>")
        .skip(1)
        .flat_map(|list| {
            let list = list.split("</ul>").next().unwrap_or("");
            tags(list)
                .into_iter()
                .filter(|t| t.name == "a")
                .filter_map(|t| t.attr("href").map(str::to_string))
                .filter(|h| h.contains("/thu-tuc/thu-tuc/") || h.contains("thu-tuc/"))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_link_of_a_paginated_site_resolves() {
    let problems = check_links(site(), BASE);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_a_to_z_list_is_split_into_pages_that_hold_every_procedure_once() {
    let out = site();
    let pages = N.div_ceil(PAGE_SIZE);
    assert_eq!(pages, 4);
    let mut seen = Vec::new();
    for n in 1..=pages {
        let rel = if n == 1 {
            "a-z/index.html".to_string()
        } else {
            format!("a-z/trang-{n}/index.html")
        };
        let html = read(out, &rel);
        let links = procedure_links(&html);
        let expected = if n < pages {
            PAGE_SIZE
        } else {
            N - PAGE_SIZE * (pages - 1)
        };
        assert_eq!(links.len(), expected, "{rel}");
        seen.extend(links);
        // the number of the page in its title, and a labelled navigation that marks it
        assert!(
            title(&html).contains(&format!("Trang {n}/{pages}")),
            "{rel}: {}",
            title(&html)
        );
        let all = tags(&html);
        let nav = all
            .iter()
            .position(|t| t.name == "nav" && t.attr("class") == Some("pager"))
            .unwrap_or_else(|| panic!("{rel}: no page navigation"));
        assert_eq!(all[nav].attr("aria-label"), Some("Các trang của danh sách"));
        let current: Vec<&Tag> = all
            .iter()
            .filter(|t| t.attr("aria-current") == Some("page"))
            .collect();
        assert_eq!(current.len(), 1, "{rel}");
        let here = if n == 1 {
            "/tinh/thu-tuc/a-z/".to_string()
        } else {
            format!("/tinh/thu-tuc/a-z/trang-{n}/")
        };
        assert_eq!(current[0].attr("href"), Some(here.as_str()));
        let rel_link = |r: &str| {
            all.iter()
                .find(|t| t.attr("rel") == Some(r))
                .and_then(|t| t.attr("href").map(str::to_string))
        };
        assert_eq!(rel_link("prev").is_some(), n > 1, "{rel}");
        assert_eq!(rel_link("next").is_some(), n < pages, "{rel}");
        if n == 2 {
            assert_eq!(rel_link("prev").as_deref(), Some("/tinh/thu-tuc/a-z/"));
        }
    }
    assert!(
        !out.join(format!("a-z/trang-{}/index.html", pages + 1))
            .exists()
    );
    assert!(!out.join("a-z/trang-1").exists(), "page 1 stays at a-z/");
    let total = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), total, "a procedure on two pages");
    // the sitemap lists every page of the list
    let sitemap = read(out, "sitemap.xml");
    for n in 2..=pages {
        assert!(
            sitemap.contains(&format!("<loc>{BASE}a-z/trang-{n}/</loc>")),
            "page {n}"
        );
    }
}

#[test]
fn a_list_of_one_page_has_no_navigation_and_a_long_level_has_several() {
    let out = site();
    let stats = read(out, "thong-ke/index.html");
    assert!(!stats.contains("class=pager"));
    // most agencies are at the level of the province: more than one page
    let level = read(out, "cap/tinh/index.html");
    assert!(level.contains("class=pager"));
    assert!(out.join("cap/tinh/trang-2/index.html").is_file());
    let second = read(out, "cap/tinh/trang-2/index.html");
    assert!(
        title(&second).starts_with("Cấp tỉnh – Trang 2/"),
        "{}",
        title(&second)
    );
    // the list of every agency, linked from the home page
    assert!(read(out, "index.html").contains("href=/tinh/thu-tuc/co-quan/"));
    assert!(out.join("co-quan/index.html").is_file());
}
