//! The English interface: the sample catalogue built with `language: en` has the same
//! pages at the same URLs as the Vietnamese build, and no Vietnamese in its interface.
//! The content stays Vietnamese, marked `lang="vi"`; everything else is English.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn sample() -> Option<PathBuf> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    content.join("site.yaml").is_file().then_some(content)
}

/// Builds `content` as it is, and again with `language: en`.
fn both(content: &Path, tmp: &TempDir) -> (PathBuf, PathBuf) {
    let vi = build(content, tmp, None).expect("the Vietnamese build");
    let vi_out = tmp.join("vi");
    std::fs::rename(&vi, &vi_out).expect("move the Vietnamese build aside");
    let en_content = tmp.join("content-en");
    copy_dir(content, &en_content);
    let site = en_content.join("site.yaml");
    let yaml = std::fs::read_to_string(&site).expect("site.yaml");
    assert!(
        yaml.contains("language: vi"),
        "site.yaml names its language"
    );
    std::fs::write(&site, yaml.replace("language: vi", "language: en")).expect("write");
    let en = build(&en_content, tmp, None).expect("the English build");
    (vi_out, en)
}

/// Every link, image and form target of an HTML page, in order.
fn targets(html: &str) -> Vec<String> {
    tags(html)
        .iter()
        .flat_map(|t| ["href", "src", "action"].map(|a| t.attr(a).map(str::to_string)))
        .flatten()
        .collect()
}

/// A letter of Vietnamese that English does not use: a vowel with a mark, đ, ơ, ư …
fn vietnamese_letter(c: char) -> bool {
    ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Interface words of the Vietnamese theme, with and without their marks.
const VIETNAMESE_WORDS: &[&str] = &[
    "Trang chủ",
    "Tìm",
    "thủ tục",
    "thu tuc",
    "Lĩnh vực",
    "Cơ quan",
    "Miễn phí",
    "ngày làm việc",
    "đồng",
    "Lệ phí",
    "Quyết định",
    "Thống kê",
    "Chưa",
    "Mã thủ tục",
    "Cập nhật",
    "Hồ sơ",
];

#[test]
fn english_interface_keeps_every_url_and_says_nothing_in_vietnamese() {
    let Some(content) = sample() else {
        eprintln!("skipped: no sample catalogue");
        return;
    };
    let tmp = TempDir::new("language");
    let (vi, en) = both(&content, &tmp);
    let (vi_files, en_files) = (all_files(&vi), all_files(&en));

    // The same files, so the same URLs; and every page links to the same places.
    let names = |f: &BTreeMap<String, Vec<u8>>| f.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&vi_files), names(&en_files));
    assert_eq!(vi_files["sitemap.xml"], en_files["sitemap.xml"]);
    let mut pages = 0;
    for (path, bytes) in &en_files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes.clone()).expect("UTF-8");
        let vi_html = String::from_utf8(vi_files[path].clone()).expect("UTF-8");
        assert_eq!(targets(&html), targets(&vi_html), "links of {path}");

        // The interface speaks English and the page says so; content is marked.
        assert!(html.contains("<html lang=en>"), "{path}");
        for part in interface_parts(&html) {
            assert!(
                !part.chars().any(vietnamese_letter),
                "{path}: Vietnamese outside lang=vi: \"{part}\""
            );
            for word in VIETNAMESE_WORDS {
                assert!(
                    !part.to_lowercase().contains(&word.to_lowercase()),
                    "{path}: \"{word}\" in \"{part}\""
                );
            }
        }
    }
    assert!(pages > 90, "{pages} pages");

    // Dates, numbers, money and times in English; content in Vietnamese, marked.
    let birth = read(&en, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert_has(
        &text(&birth),
        &[
            "Processing time",
            "Same day",
            "Documents you need",
            "Last updated 1 July 2025",
        ],
    );
    assert!(
        birth.contains("<h1 lang=vi>Đăng ký khai sinh</h1>"),
        "{birth}"
    );
    let car = read(&en, "thu-tuc/dang-ky-xe-lan-dau/index.html");
    assert_has(&text(&car), &["1,000,000 VND", "2 working days"]);
    let stats = text(&read(&en, "thong-ke/index.html"));
    assert_has(
        &stats,
        &[
            "Administrative procedures in figures",
            "By responsible agency",
            "Fully online",
            "1 to 3 days",
        ],
    );
    let changes = text(&read(&en, "thay-doi/index.html"));
    assert_has(
        &changes,
        &[
            "What changed in the catalogue",
            "Decision 1872/QĐ-BTP",
            "Issued on 4 September 2020",
        ],
    );
}

#[test]
fn the_interface_reader_skips_content_and_implied_end_tags() {
    let html = "<html lang=en><head><title>Tiêu đề</title><body>\
        <p>One<div lang=vi>Hai <p>ba<ul><li>bốn<li>năm</ul></div>\
        <table><tr><th scope=row lang=vi>sáu<td>7<tr><th>Eight</table>\
        <p lang=vi>chín<p>Ten <span aria-label=Eleven lang=vi>mười hai</span> \
        <a title=\"Thirteen\" href=\"/x>y\">Fourteen</a><img alt=Fifteen src=x>";
    assert_eq!(
        interface_parts(html),
        [
            "One", "7", "Eight", "Ten ", "Thirteen", "Fourteen", "Fifteen"
        ]
    );
}
