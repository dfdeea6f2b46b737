//! Paper at the counter: every procedure page's QR code decodes to the page's canonical
//! URL, and every kind of sheet (per agency, at the service centre, per procedure) holds
//! what the issue asks, on the sample catalogue, and stays out of the sitemap; a large
//! office's sheet is split by field and into parts, each page small.

mod common;
#[allow(dead_code)]
#[path = "support/generate.rs"]
mod generate;

use common::*;
use std::path::{Path, PathBuf};

const BASE: &str = "https://example.org/tinh/thu-tuc/";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The text that every QR code of `html` holds, in page order: each `<svg class=qr>` is
/// drawn into a bitmap from its path (strokes `M x y h w`, then `m dx dy h w`), then read by rqrr, a
/// decoder written apart from the encoder.
fn qr_codes(html: &str) -> Vec<String> {
    let tags = tags(html);
    let mut out = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        if tag.name != "svg" || tag.attr("class") != Some("qr") {
            continue;
        }
        let size: usize = tag
            .attr("viewbox")
            .or(tag.attr("viewBox"))
            .and_then(|v| v.split(' ').nth(2))
            .and_then(|n| n.parse().ok())
            .expect("a QR code has a viewBox");
        let d = tags[i + 1..]
            .iter()
            .find(|t| t.name == "path")
            .and_then(|t| t.attr("d"))
            .expect("a QR code has a path");
        out.push(decode_path(d, size));
    }
    out
}

fn decode_path(d: &str, size: usize) -> String {
    const SCALE: usize = 4;
    let mut dark = vec![false; size * size];
    // Commands `M x y`, `m dx dy` and `h w`; the viewBox starts half a module up, so a
    // stroke at y covers row y.
    let (mut x, mut y) = (0i64, 0i64);
    let mut rest = d;
    while let Some(command) = rest.chars().next() {
        let end = rest[1..]
            .find(|c: char| c.is_ascii_alphabetic())
            .map_or(rest.len(), |e| e + 1);
        let numbers: Vec<i64> = rest[1..end]
            .replace('-', " -")
            .split_whitespace()
            .map(|n| n.parse().expect("an integer coordinate"))
            .collect();
        match (command, numbers.as_slice()) {
            ('M', [a, b]) => (x, y) = (*a, *b),
            ('m', [a, b]) => (x, y) = (x + a, y + b),
            ('h', [w]) => {
                let row = y as usize * size;
                for cell in &mut dark[row + x as usize..row + (x + w) as usize] {
                    *cell = true;
                }
                x += w;
            }
            other => panic!("unexpected path command {other:?} in {d}"),
        }
        rest = &rest[end..];
    }
    let side = size * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(side, side, |x, y| {
        dark[(y / SCALE) * size + x / SCALE]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the drawing");
    let (_, text) = grids[0].decode().expect("the QR code decodes");
    text
}

fn canonical(html: &str) -> String {
    tags(html)
        .into_iter()
        .find(|t| t.name == "link" && t.attr("rel") == Some("canonical"))
        .and_then(|t| t.attr("href").map(str::to_string))
        .expect("a canonical link")
}

#[test]
fn every_procedure_page_and_sheet_has_a_qr_code_of_its_canonical_url() {
    let tmp = TempDir::new("posting-qr");
    let out = build(&sample(), &tmp, Some(BASE)).expect("the sample builds");
    let catalogue = thutuc::check(&sample()).unwrap();
    for p in &catalogue.procedures {
        let page = read(&out, &format!("thu-tuc/{}/index.html", p.slug));
        let url = canonical(&page);
        assert_eq!(url, format!("{BASE}thu-tuc/{}/", p.slug));
        assert_eq!(qr_codes(&page), std::slice::from_ref(&url), "{}", p.slug);
        assert!(
            text(&page).contains(&url),
            "the URL is written beside the code"
        );
        let sheet = out.join(format!("thu-tuc/{}/in/index.html", p.slug));
        if p.status == thutuc::catalogue::Status::Active {
            let sheet = std::fs::read_to_string(sheet).unwrap();
            assert_eq!(qr_codes(&sheet), [url], "{}", p.slug);
        } else {
            assert!(!sheet.exists(), "an abolished procedure has no sheet");
        }
    }
}

#[test]
fn posting_sheets_list_what_each_office_receives_by_field() {
    let tmp = TempDir::new("posting-sheets");
    let out = build(&sample(), &tmp, Some(BASE)).expect("the sample builds");
    let files = all_files(&out);
    let sheets: Vec<&String> = files
        .keys()
        .filter(|f| f.starts_with("niem-yet/"))
        .collect();
    // Every agency that receives an active procedure, and the service centre.
    assert_eq!(
        sheets,
        [
            "niem-yet/ban-chi-huy-quan-su-cap-xa/index.html",
            "niem-yet/bao-hiem-xa-hoi-tinh/index.html",
            "niem-yet/cong-an-cap-xa/index.html",
            "niem-yet/phong-canh-sat-giao-thong/index.html",
            "niem-yet/phong-xuat-nhap-canh/index.html",
            "niem-yet/so-tu-phap/index.html",
            "niem-yet/trung-tam-phuc-vu-hanh-chinh-cong/index.html",
            "niem-yet/ubnd-cap-xa/index.html",
            "niem-yet/van-phong-dang-ky-dat-dai/index.html",
        ]
    );

    // An agency: its procedures under their fields, in the order of fields.yaml, each
    // with code, title, time, fees, online and a QR code; no navigation; the content's date.
    let html = read(&out, "niem-yet/cong-an-cap-xa/index.html");
    let page = text(&html);
    assert_in_order(
        &page,
        &[
            "Công an xã, phường",
            "Thủ tục hành chính tiếp nhận tại đây",
            "Đăng ký, quản lý cư trú",
            "Thông tin cập nhật đến ngày 01/12/2025",
            "1.004222",
            "Đăng ký thường trú",
            "7 ngày làm việc",
            "Căn cước",
            "Cấp thẻ căn cước",
        ],
    );
    assert!(
        !page.contains("Cấp phiếu lý lịch tư pháp"),
        "not received there"
    );
    assert!(!html.contains("<nav") && !html.contains("site-header"));
    assert!(html.contains("name=robots") || html.contains("name=\"robots\""));
    let sections = html.matches("class=posting-field").count();
    assert!(sections >= 4, "one section per field: {sections}");
    let rows = html.matches("class=posting-code").count();
    assert_eq!(qr_codes(&html).len(), rows, "a QR code on every row");
    assert!(qr_codes(&html).contains(&format!("{BASE}thu-tuc/dang-ky-thuong-tru/")));

    // The service centre posts what the agencies of its level receive.
    let centre = text(&read(
        &out,
        "niem-yet/trung-tam-phuc-vu-hanh-chinh-cong/index.html",
    ));
    for title in [
        "Cấp Phiếu lý lịch tư pháp",
        "Cấp hộ chiếu phổ thông",
        "Đổi giấy phép lái xe",
    ] {
        assert!(centre.contains(title), "{title} at the service centre");
    }
    assert!(
        !centre.contains("Đăng ký thường trú"),
        "a commune's procedure"
    );

    // Linked from the agency page; an agency that receives nothing has no sheet.
    assert!(
        read(&out, "co-quan/cong-an-cap-xa/index.html")
            .contains("/tinh/thu-tuc/niem-yet/cong-an-cap-xa/")
    );
    assert!(!read(&out, "co-quan/ubnd-tinh/index.html").contains("niem-yet/"));

    // Never in the sitemap.
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("thu-tuc/dang-ky-thuong-tru/</loc>"));
    assert!(!sitemap.contains("niem-yet/"));
    assert!(!sitemap.contains("/in/</loc>"));
    assert!(check_links(&out, BASE).is_empty());
}

#[test]
fn a_procedure_sheet_has_its_documents_as_tick_boxes() {
    let tmp = TempDir::new("posting-procedure");
    let out = build(&sample(), &tmp, Some(BASE)).expect("the sample builds");
    let catalogue = thutuc::check(&sample()).unwrap();
    let p = catalogue
        .procedures
        .iter()
        .find(|p| p.slug == "dang-ky-thuong-tru")
        .unwrap();
    let html = read(&out, "thu-tuc/dang-ky-thuong-tru/in/index.html");
    assert_eq!(html.matches("class=tick").count(), p.documents.len());
    let names: Vec<&str> = p.documents.iter().map(|d| d.name.as_str()).collect();
    assert_in_order(&text(&html), &names);
    assert_in_order(
        &text(&html),
        &[
            "Đăng ký thường trú",
            "1.004222",
            "Thông tin cập nhật đến ngày",
            "Thời hạn giải quyết",
            "Phí, lệ phí",
            "Quét mã QR",
        ],
    );
    assert!(!html.contains("<nav") && !html.contains("site-footer"));
    // The procedure page links to it.
    assert!(
        read(&out, "thu-tuc/dang-ky-thuong-tru/index.html")
            .contains("/tinh/thu-tuc/thu-tuc/dang-ky-thuong-tru/in/")
    );
}

/// `SHEET_ROWS` of `src/render/posting.rs`.
const SHEET_ROWS: usize = 30;
/// The size no page may reach, at any catalogue size (issue 16).
const MAX_PAGE: usize = 250 * 1024;

/// The rows of a posting sheet: each row's address, written under its code.
fn row_urls(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "a" && t.attr("class") == Some("qr-url"))
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect()
}

#[test]
fn a_large_office_has_an_index_and_a_sheet_per_field_in_parts() {
    let tmp = TempDir::new("posting-large");
    let content = tmp.join("content");
    generate::write_catalogue(&content, 240, 11).expect("generate");
    // A service centre that receives what every provincial agency receives, and most
    // procedures in one field, so that the field takes several parts.
    let site = content.join("site.yaml");
    let yaml = std::fs::read_to_string(&site).unwrap() + "service_centre: so-tu-phap\n";
    std::fs::write(&site, yaml).unwrap();
    for entry in std::fs::read_dir(content.join("procedures/gen")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let kept = [
            "field: ho-tich\n",
            "field: chung-thuc\n",
            "field: ly-lich-tu-phap\n",
        ];
        if !kept.iter().any(|k| text.contains(k)) {
            let start = text.find("\nfield: ").expect("a field") + 1;
            let end = start + text[start..].find('\n').unwrap();
            let text = format!("{}field: ho-tich{}", &text[..start], &text[end..]);
            std::fs::write(&path, text).unwrap();
        }
    }
    let out = build(&content, &tmp, Some(BASE)).expect("the generated catalogue builds");
    let catalogue = thutuc::check(&content).unwrap();
    let centre = catalogue.agency("so-tu-phap").unwrap();
    let received = |field: &str| -> Vec<String> {
        let mut urls: Vec<String> = catalogue
            .procedures
            .iter()
            .filter(|p| p.field == field)
            .filter(|p| thutuc::render::posting::received_at(&catalogue, centre, p))
            .map(|p| format!("{BASE}thu-tuc/{}/", p.slug))
            .collect();
        urls.sort();
        urls
    };

    // The centre's sheet is an index of its fields, with their counts and parts.
    let index = read(&out, "niem-yet/so-tu-phap/index.html");
    assert!(!index.contains("posting-table"), "the index lists no rows");
    let ho_tich = received("ho-tich");
    let parts = ho_tich.len().div_ceil(SHEET_ROWS);
    assert!(parts >= 3, "{} procedures in one field", ho_tich.len());
    assert_in_order(
        &text(&index),
        &[
            "Sở Tư pháp",
            "Hộ tịch",
            &format!("({} thủ tục)", ho_tich.len()),
            "Chứng thực",
            "Lý lịch tư pháp",
        ],
    );
    let links = |html: &str| -> Vec<String> {
        tags(html)
            .into_iter()
            .filter(|t| t.name == "a")
            .filter_map(|t| t.attr("href").map(str::to_string))
            .collect()
    };
    assert!(links(&index).contains(&"/tinh/thu-tuc/niem-yet/so-tu-phap/ho-tich/".to_string()));
    assert!(
        !index.contains("trang-"),
        "the office's index lists fields, not parts"
    );
    assert!(
        received("chung-thuc").len() <= SHEET_ROWS,
        "a field of one sheet"
    );

    // A field too long for one sheet: its path is the index of its parts.
    let field_index = read(&out, "niem-yet/so-tu-phap/ho-tich/index.html");
    assert!(!field_index.contains("posting-table"));
    for n in 1..=parts {
        let part = format!("/tinh/thu-tuc/niem-yet/so-tu-phap/ho-tich/trang-{n}/");
        assert!(links(&field_index).contains(&part), "{part}");
    }

    // Each field's parts hold its procedures once each, at most SHEET_ROWS a part, every
    // QR code decoding to the address beside it; each part says which it is.
    for field in ["ho-tich", "chung-thuc", "ly-lich-tu-phap"] {
        let expected = received(field);
        let parts = expected.len().div_ceil(SHEET_ROWS);
        let mut seen = Vec::new();
        for n in 1..=parts {
            let rel = if parts == 1 {
                format!("niem-yet/so-tu-phap/{field}/index.html")
            } else {
                format!("niem-yet/so-tu-phap/{field}/trang-{n}/index.html")
            };
            let html = read(&out, &rel);
            let rows = row_urls(&html);
            assert!(rows.len() <= SHEET_ROWS, "{rel}: {} rows", rows.len());
            assert_eq!(qr_codes(&html), rows, "{rel}");
            if parts > 1 {
                assert!(text(&html).contains(&format!("Trang {n}/{parts}")), "{rel}");
            }
            assert!(!html.contains("<nav"), "{rel}: no navigation on paper");
            seen.extend(rows);
        }
        let next = if parts == 1 { 1 } else { parts + 1 };
        let after = format!("niem-yet/so-tu-phap/{field}/trang-{next}/index.html");
        assert!(!out.join(after).exists(), "no part after the last");
        seen.sort();
        assert_eq!(seen, expected, "{field}");
    }

    // A small office keeps its one sheet.
    let small = catalogue
        .agencies
        .iter()
        .find(|a| {
            a.id != "so-tu-phap" && out.join(format!("niem-yet/{}/index.html", a.id)).exists()
        })
        .expect("another office posts");
    assert!(read(&out, &format!("niem-yet/{}/index.html", small.id)).contains("posting-table"));

    // No sheet page reaches the bound; all linked, none in the sitemap.
    for (rel, bytes) in all_files(&out) {
        if rel.starts_with("niem-yet/") {
            assert!(bytes.len() < MAX_PAGE, "{rel}: {} bytes", bytes.len());
        }
    }
    assert!(
        read(&out, "co-quan/so-tu-phap/index.html").contains("/tinh/thu-tuc/niem-yet/so-tu-phap/")
    );
    assert!(!read(&out, "sitemap.xml").contains("niem-yet/"));
    let problems = check_links(&out, BASE);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}
