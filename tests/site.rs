//! The built website, page kind by page kind, as a citizen reads it; and the promises
//! of the build: every link resolves, the same content gives the same bytes, a failed
//! build leaves the last good site, a site under a sub-path never links outside it.

mod common;

use common::*;
use std::path::Path;

fn page_text(out: &Path, rel: &str) -> String {
    text(&read(out, rel))
}

#[test]
fn procedure_page_answers_in_the_order_a_citizen_needs() {
    let (_tmp, out) = built_fixture("procedure");
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    let text = text(&html);
    assert_in_order(
        &text,
        &[
            "Đăng ký khai sinh",
            "Mã thủ tục: 1.001193",
            // what it is for, who can do it
            "trong vòng 60 ngày kể từ ngày sinh",
            "Ai có thể làm Công dân Việt Nam Người nước ngoài cư trú tại Việt Nam",
            // the answer first
            "Nơi nộp hồ sơ Ủy ban nhân dân xã, phường",
            "Thời hạn giải quyết Trong ngày",
            "Phí, lệ phí Lệ phí đăng ký khai sinh: Miễn phí Phí cấp bản sao Giấy khai sinh: 8.000 đồng",
            "Làm trực tuyến Toàn trình",
            "Nộp hồ sơ trực tuyến",
            // where and how, each channel with its time and fees
            "Cách thực hiện",
            "Nộp trực tiếp Thời hạn giải quyết Trong ngày",
            "Phí cấp bản sao Giấy khai sinh: 8.000 đồng",
            "Gửi qua bưu chính Thời hạn giải quyết Trong ngày Phí, lệ phí Chưa có thông tin",
            "Nộp trực tuyến",
            // the documents as a checklist
            "Hồ sơ cần chuẩn bị",
            "Tờ khai đăng ký khai sinh 1 bản chính",
            "Tải mẫu",
            "Giấy chứng sinh 1 bản chính, 2 bản sao",
            "Văn bản ủy quyền 1 bản chính Chỉ khi cần",
            "Thẻ căn cước của người đi đăng ký Mang theo để xuất trình, không phải nộp",
            "Các bước thực hiện",
            "Chuẩn bị Giấy chứng sinh.",
            "Yêu cầu, điều kiện",
            "Đăng ký trong 60 ngày kể từ ngày sinh.",
            "Lưu ý Mang theo bút.",
            "Kết quả bạn nhận được Giấy khai sinh (bản chính)",
            // the agency
            "Nơi giải quyết và liên hệ",
            "Ủy ban nhân dân xã, phường",
            "Địa chỉ Bộ phận một cửa",
            "Điện thoại 0256 3 822 111",
            "Giờ làm việc Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00 Sáng thứ Bảy: 7:30–11:30",
            "Cơ quan có thẩm quyền quyết định: Ủy ban nhân dân tỉnh Thử Nghiệm",
            "Cơ quan phối hợp: Công an xã, phường",
            "Căn cứ pháp lý Luật Hộ tịch 60/2014/QH13, ngày 20/11/2014",
            // the journey and related procedures
            "Thủ tục liên quan",
            "Thủ tục này là bước 1 trong 2 bước của dịch vụ liên thông",
            "Đăng ký thường trú",
            "Đăng ký kết hôn",
            "Sự kiện trong cuộc sống: Sinh con",
            // the announcing decision and the last update
            "Quyết định công bố 1872/QĐ-BTP ngày 04/09/2020",
            "Cập nhật lần cuối 01/07/2025",
            "Báo lỗi hoặc góp ý về trang này",
        ],
    );
    let tags = tags(&html);
    let hrefs: Vec<&str> = tags.iter().filter_map(|t| t.attr("href")).collect();
    assert!(hrefs.contains(
        &"https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193"
    ));
    assert!(hrefs.contains(&"/files/ho-tich/to-khai-khai-sinh.txt"));
    assert!(hrefs.contains(&"mailto:phananh@example.org"));
    assert!(hrefs.contains(&"tel:02563822111"));
    assert!(hrefs.contains(&"/lien-thong/lien-thong-khai-sinh/"));
    // The page is in Vietnamese, says what it is to search engines, and names its canonical URL.
    assert!(
        html.starts_with("<!doctype html><html lang=vi>"),
        "{}",
        &html[..60]
    );
    let canonical = tags.iter().find(|t| t.attr("rel") == Some("canonical"));
    assert_eq!(
        canonical.and_then(|t| t.attr("href")),
        Some("https://thutuc.example.org/thu-tuc/dang-ky-khai-sinh/")
    );
}

#[test]
fn content_html_is_sanitised() {
    let (_tmp, out) = built_fixture("sanitise");
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html").to_lowercase();
    // The page's own script is its JSON-LD data (tests/open_data.rs: content cannot end it).
    let html = html.replacen("<script type=application/ld+json>", "", 1);
    for bad in ["<script", "onclick", "javascript:", "steal()"] {
        assert!(!html.contains(bad), "{bad} reached the page");
    }
    // the harmless text around it stays
    assert!(html.contains("đoạn có thuộc tính lạ."));
    // No page loads anything from another host.
    for (rel, bytes) in all_files(&out) {
        if rel.ends_with(".html") {
            for tag in tags(&String::from_utf8_lossy(&bytes)) {
                if let Some(src) = tag.attr("src") {
                    assert!(src.starts_with('/'), "{rel}: <{} src={src}>", tag.name);
                }
                if tag.name == "link" && tag.attr("rel") == Some("stylesheet") {
                    assert!(
                        tag.attr("href").is_some_and(|h| h.starts_with('/')),
                        "{rel}"
                    );
                }
            }
        }
    }
}

#[test]
fn times_and_fees_read_as_words() {
    let (_tmp, out) = built_fixture("words");
    let text = page_text(&out, "thu-tuc/dang-ky-thuong-tru/index.html");
    assert_has(
        &text,
        &[
            "Thời hạn giải quyết Nộp trực tiếp: 7 ngày làm việc Nộp trực tuyến: 5 ngày làm việc",
            "Phí, lệ phí Lệ phí: 10.000 đồng – 20.000 đồng",
            "Lệ phí: 20.000 đồng",
            "Một phần: nộp hồ sơ trực tuyến",
        ],
    );
    let text = page_text(&out, "thu-tuc/dang-ky-ket-hon/index.html");
    assert_has(
        &text,
        &[
            "3 ngày làm việc",
            "Phí, lệ phí Miễn phí",
            "Chưa làm được trực tuyến",
        ],
    );
    // A form whose file name has spaces and marks still links.
    assert!(
        read(&out, "thu-tuc/dang-ky-ket-hon/index.html")
            .contains("/files/ho-tich/T%E1%BB%9D%20khai%20k%E1%BA%BFt%20h%C3%B4n.txt")
    );
    assert!(out.join("files/ho-tich/Tờ khai kết hôn.txt").is_file());
}

#[test]
fn abolished_procedure_keeps_its_page_and_points_to_its_replacement() {
    let (_tmp, out) = built_fixture("abolished");
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh-mau-cu/index.html");
    let text = text(&html);
    assert_in_order(
        &text,
        &[
            "Thủ tục này đã bị bãi bỏ",
            "Hãy làm thủ tục thay thế: Đăng ký khai sinh",
            "Đăng ký khai sinh (mẫu cũ)",
            "Đã bãi bỏ",
        ],
    );
    assert!(
        tags(&html)
            .iter()
            .any(|t| t.attr("href") == Some("/thu-tuc/dang-ky-khai-sinh/"))
    );
    // In lists it is marked and kept apart from the procedures one can still do.
    let field = page_text(&out, "linh-vuc/ho-tich/index.html");
    assert_in_order(
        &field,
        &[
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
            "Thủ tục đã bãi bỏ",
            "Đăng ký khai sinh (mẫu cũ)",
            "Đã bãi bỏ",
        ],
    );
    let az = page_text(&out, "a-z/index.html");
    assert!(
        az.contains("Đăng ký khai sinh (mẫu cũ) Mã thủ tục 1.000656 · UBND xã, phường · Đã bãi bỏ")
    );
}

#[test]
fn home_page_offers_search_browsing_counts_and_news() {
    let (_tmp, out) = built_fixture("home");
    let html = read(&out, "index.html");
    let text = text(&html);
    assert_in_order(
        &text,
        &[
            "Thủ tục hành chính tỉnh Thử Nghiệm",
            "Bạn cần làm thủ tục gì?",
            "Tìm",
            "3 thủ tục, 2 thủ tục làm được trực tuyến",
            "Xem tất cả 4 thủ tục từ A đến Z",
            "Theo sự kiện trong cuộc sống",
            "Sinh con 2 thủ tục",
            "Kết hôn 1 thủ tục",
            "Liên thông đăng ký khai sinh và đăng ký thường trú",
            "Theo lĩnh vực",
            "Hộ tịch 2 thủ tục",
            "Cư trú 1 thủ tục",
            "Theo cơ quan giải quyết",
            "Theo cấp thực hiện",
            "Cấp tỉnh 0 thủ tục",
            "Cấp xã 3 thủ tục",
            "Mới công bố",
            "Đăng ký kết hôn",
            "15/01/2024",
            "Đăng ký thường trú",
            "Đăng ký khai sinh",
        ],
    );
    // A field with no procedure is not offered; an abolished one is not news.
    assert!(!text.contains("Đất đai"));
    assert!(!text.contains("mẫu cũ"));
    let form = tags(&html)
        .into_iter()
        .find(|t| t.name == "form")
        .expect("a search form");
    assert_eq!(form.attr("action"), Some("/tim-kiem/"));
    assert_eq!(form.attr("method"), None, "GET, the default");
}

#[test]
fn field_level_life_event_and_agency_pages_list_their_procedures() {
    let (_tmp, out) = built_fixture("lists");
    assert_in_order(
        &page_text(&out, "linh-vuc/ho-tich/index.html"),
        &[
            "Trang chủ",
            "Lĩnh vực",
            "Hộ tịch",
            "Danh sách thủ tục 2 thủ tục",
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
        ],
    );
    assert_has(
        &page_text(&out, "linh-vuc/dat-dai/index.html"),
        &[
            "Đất đai",
            "Chưa có thủ tục nào trong danh mục kiểm thử.",
            "Chưa có thủ tục nào trong danh mục.",
        ],
    );
    assert_in_order(
        &page_text(&out, "cap/xa/index.html"),
        &[
            "Cấp thực hiện",
            "Cấp xã",
            "Ủy ban nhân dân xã, phường.",
            "Cơ quan ở cấp này",
            "Công an xã, phường",
            "Danh sách thủ tục 3 thủ tục",
        ],
    );
    assert_in_order(
        &page_text(&out, "su-kien/sinh-con/index.html"),
        &[
            "Sự kiện trong cuộc sống",
            "Sinh con",
            "Những việc cần làm khi con chào đời.",
            "Đăng ký khai sinh",
            "Đăng ký thường trú",
        ],
    );
    assert_in_order(
        &page_text(&out, "co-quan/ubnd-xa/index.html"),
        &[
            "Cơ quan · Cấp xã",
            "Ủy ban nhân dân xã, phường",
            "Trực thuộc: Ủy ban nhân dân tỉnh Thử Nghiệm",
            "Liên hệ",
            "Địa chỉ Bộ phận một cửa",
            "Xem bản đồ",
            "Điện thoại 0256 3 822 111",
            "Thư điện tử motcua@example.org",
            "Giờ làm việc Thứ Hai – Thứ Sáu",
            "Thủ tục do cơ quan này giải quyết 2 thủ tục",
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
            "Thủ tục đã bãi bỏ",
            "Đăng ký khai sinh (mẫu cũ)",
        ],
    );
    let parent = page_text(&out, "co-quan/ubnd-tinh/index.html");
    assert_in_order(
        &parent,
        &[
            "Đơn vị trực thuộc",
            "Công an xã, phường",
            "Ủy ban nhân dân xã, phường",
        ],
    );
    // It decides birth registration, so that is listed too.
    assert!(parent.contains("Đăng ký khai sinh"));
    // A phone field with two numbers is shown, not turned into a broken tel: link.
    let police = read(&out, "co-quan/cong-an-xa/index.html");
    assert!(text(&police).contains("0256 3 822 113 hoặc 113"));
    assert!(!police.contains("tel:"));
}

#[test]
fn group_page_shows_the_journey_step_by_step() {
    let (_tmp, out) = built_fixture("group");
    assert_in_order(
        &page_text(&out, "lien-thong/lien-thong-khai-sinh/index.html"),
        &[
            "Liên thông · Mã thủ tục liên thông 2.000986",
            "Liên thông đăng ký khai sinh và đăng ký thường trú",
            "Nộp một bộ hồ sơ",
            "Các bước",
            "Đăng ký khai sinh",
            "Nơi giải quyết Ủy ban nhân dân xã, phường",
            "Thời hạn giải quyết Trong ngày",
            "Đăng ký thường trú",
            "Nơi giải quyết Công an xã, phường",
            "Nộp trực tiếp: 7 ngày làm việc",
        ],
    );
}

#[test]
fn a_to_z_lists_every_procedure_by_first_letter() {
    let (_tmp, out) = built_fixture("az");
    let html = read(&out, "a-z/index.html");
    assert_in_order(
        &text(&html),
        &[
            "Tất cả thủ tục từ A đến Z",
            "4 thủ tục",
            "D",
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
            "Đăng ký khai sinh (mẫu cũ)",
            "Đăng ký thường trú",
        ],
    );
    assert!(tags(&html).iter().any(|t| t.attr("href") == Some("#chu-d")));
}

#[test]
fn search_page_works_without_javascript() {
    let (_tmp, out) = built_fixture("search");
    let html = read(&out, "tim-kiem/index.html");
    let tags = tags(&html);
    assert!(tags.iter().any(|t| t.attr("id") == Some("search-results")));
    let input = tags
        .iter()
        .find(|t| t.attr("id") == Some("search-input"))
        .expect("input");
    assert_eq!(input.attr("name"), Some("q"));
    assert!(
        tags.iter()
            .any(|t| t.name == "label" && t.attr("for") == Some("search-input"))
    );
    assert_has(
        &text(&html),
        &[
            "cần JavaScript",
            "Xem danh sách tất cả thủ tục từ A đến Z",
            "Tìm theo sự kiện trong cuộc sống",
        ],
    );
    assert!(tags.iter().any(|t| t.attr("href") == Some("/a-z/")));
    assert!(
        tags.iter()
            .any(|t| t.attr("name") == Some("robots") && t.attr("content") == Some("noindex"))
    );
}

#[test]
fn not_found_page_and_redirects_from_old_urls() {
    let (_tmp, out) = built_fixture("404");
    let html = read(&out, "404.html");
    assert_has(
        &text(&html),
        &[
            "Không tìm thấy trang",
            "Tìm kiếm thủ tục",
            "Tất cả thủ tục (A–Z)",
        ],
    );
    // Served at any depth, so its links are root-relative.
    assert!(tags(&html).iter().any(|t| t.attr("href") == Some("/a-z/")));

    for old in ["thu-tuc/khai-sinh/index.html", "cu/khai-sinh.html"] {
        let html = read(&out, old);
        let tags = tags(&html);
        let refresh = tags
            .iter()
            .find(|t| t.attr("http-equiv") == Some("refresh"))
            .and_then(|t| t.attr("content"));
        assert_eq!(refresh, Some("0; url=/thu-tuc/dang-ky-khai-sinh/"), "{old}");
        assert!(tags.iter().any(|t| t.attr("rel") == Some("canonical")
            && t.attr("href") == Some("https://thutuc.example.org/thu-tuc/dang-ky-khai-sinh/")));
        assert!(text(&html).contains("Đăng ký khai sinh"));
    }
}

#[test]
fn sitemap_and_robots() {
    let (_tmp, out) = built_fixture("sitemap");
    let sitemap = read(&out, "sitemap.xml");
    assert_has(
        &sitemap,
        &[
            "<url><loc>https://thutuc.example.org/</loc></url>",
            "<loc>https://thutuc.example.org/thu-tuc/dang-ky-khai-sinh/</loc><lastmod>2025-07-01</lastmod>",
            "<loc>https://thutuc.example.org/thu-tuc/dang-ky-ket-hon/</loc><lastmod>2024-01-15</lastmod>",
            "<loc>https://thutuc.example.org/co-quan/ubnd-xa/</loc>",
            "<loc>https://thutuc.example.org/a-z/</loc>",
        ],
    );
    for not_listed in ["404", "tim-kiem", "thu-tuc/khai-sinh/", "cu/khai-sinh.html"] {
        assert!(
            !sitemap.contains(not_listed),
            "{not_listed} is in the sitemap"
        );
    }
    assert_eq!(
        read(&out, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://thutuc.example.org/sitemap.xml\n"
    );
}

#[test]
fn assets_have_content_hashed_names() {
    let (_tmp, out) = built_fixture("assets");
    let files = all_files(&out);
    let css: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("static/site."))
        .collect();
    assert_eq!(css.len(), 1);
    let name = css[0]
        .trim_start_matches("static/site.")
        .trim_end_matches(".css");
    assert_eq!(name.len(), 10);
    assert!(name.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(read(&out, "index.html").contains(&format!("href=/{}", css[0])));
}

#[test]
fn every_internal_link_resolves() {
    let (_tmp, out) = built_fixture("links");
    let problems = check_links(&out, "https://thutuc.example.org/");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn sub_path_build_never_links_outside_its_prefix() {
    let tmp = TempDir::new("subpath");
    let base = "https://example.org/tinh-a/";
    let out = build(&fixture(), &tmp, Some(base)).expect("builds");
    let problems = check_links(&out, base);
    assert!(
        problems.is_empty(),
        "links outside /tinh-a/ or broken:\n{}",
        problems.join("\n")
    );
    // and the check does look: every internal link starts with the prefix
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    let tags = tags(&html);
    assert!(
        tags.iter().any(|t| t.attr("href") == Some("/tinh-a/a-z/")),
        "Markdown link got the prefix"
    );
    assert!(
        tags.iter()
            .any(|t| t.attr("href") == Some("/tinh-a/files/ho-tich/to-khai-khai-sinh.txt"))
    );
    assert!(tags.iter().any(|t| t.attr("href") == Some("/tinh-a/")));
    assert!(
        read(&out, "sitemap.xml")
            .contains("<loc>https://example.org/tinh-a/thu-tuc/dang-ky-khai-sinh/</loc>")
    );
    let redirect = read(&out, "thu-tuc/khai-sinh/index.html");
    assert!(redirect.contains("url=/tinh-a/thu-tuc/dang-ky-khai-sinh/"));
}

#[test]
fn same_content_gives_the_same_bytes() {
    let (_a, first) = built_fixture("determinism-a");
    let (_b, second) = built_fixture("determinism-b");
    let (a, b) = (all_files(&first), all_files(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    assert!(a.len() > 20);
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let tmp = TempDir::new("atomic");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let out = build(&content, &tmp, None).expect("the first build succeeds");
    let before = all_files(&out);

    // 1. bad content: stopped at the check
    let file = content.join("procedures/ho-tich/dang-ky-ket-hon.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, good.replace("field: ho-tich", "field: ho-tichh")).unwrap();
    match build(&content, &tmp, None) {
        Err(thutuc::Error::Content(d)) => {
            assert!(
                d[0].to_string().contains("did you mean \"ho-tich\""),
                "{}",
                d[0]
            )
        }
        other => panic!("expected content errors, got {other:?}"),
    }
    assert_eq!(all_files(&out), before);
    std::fs::write(&file, &good).unwrap();

    // 2. a form file where a page's folder goes: stopped at the check
    let file = content.join("procedures/cu-tru/dang-ky-thuong-tru.md");
    let good = std::fs::read_to_string(&file).unwrap();
    std::fs::create_dir_all(content.join("thu-tuc")).unwrap();
    std::fs::write(content.join("thu-tuc/dang-ky-ket-hon"), "a form").unwrap();
    let bad = good.replacen(
        "  - name: Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
        "  - name: Tờ khai thay đổi thông tin cư trú (mẫu CT01)\n    form: thu-tuc/dang-ky-ket-hon",
        1,
    );
    std::fs::write(&file, bad).unwrap();
    match build(&content, &tmp, None) {
        Err(thutuc::Error::Content(d)) => {
            assert!(
                d[0].to_string().contains("clashes with the page"),
                "{}",
                d[0]
            )
        }
        other => panic!("expected content errors, got {other:?}"),
    }
    assert_eq!(all_files(&out), before);
    std::fs::write(&file, &good).unwrap();
    std::fs::remove_file(content.join("thu-tuc/dang-ky-ket-hon")).unwrap();

    // 3. a failure half-way through writing, which no check can foresee: the output sits
    // so deep that the forms and the theme's files (written first) fit under the longest
    // path Linux takes (4095 bytes) and the pages with the longest paths do not.
    let early = before
        .keys()
        .filter(|rel| rel.starts_with("static/") || rel.starts_with("files/"))
        .map(|rel| rel.len())
        .max()
        .unwrap();
    assert!(before.keys().any(|rel| rel.len() > early));
    // the staging folder `<deep>/.public.thutuc-tmp` plus `/` plus the longest early file
    let room = 4095 - 1 - early - "/.public.thutuc-tmp".len();
    let mut deep = tmp.0.clone();
    while deep.as_os_str().len() < room {
        let left = room - deep.as_os_str().len() - 1;
        deep.push("d".repeat(left.clamp(1, 200)));
    }
    assert_eq!(deep.as_os_str().len(), room);
    std::fs::create_dir_all(&deep).unwrap();
    let deep_out = deep.join("public");
    std::fs::rename(&out, &deep_out).unwrap();
    let result = thutuc::build(&thutuc::BuildOptions {
        content: content.clone(),
        output: deep_out.clone(),
        base_url: None,
    });
    assert!(
        matches!(&result, Err(thutuc::Error::Io(e))
            if e.kind() == std::io::ErrorKind::InvalidFilename && e.to_string().contains("index.html")),
        "the build should fail while writing a page, with ENAMETOOLONG: {result:?}"
    );
    let mut beside: Vec<_> = std::fs::read_dir(&deep)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    // The half-written staging folder is kept for the next build to start from.
    assert_eq!(
        beside,
        [".public.thutuc-tmp", "public"],
        "other folders left"
    );
    std::fs::rename(&deep_out, &out).unwrap();
    assert_eq!(all_files(&out), before, "the previous site changed");

    // 4. and a good build replaces it whole: a removed procedure's page goes away
    std::fs::remove_file(content.join("procedures/ho-tich/dang-ky-khai-sinh-cu.md")).unwrap();
    build(&content, &tmp, None).expect("builds again");
    assert!(
        !out.join("thu-tuc/dang-ky-khai-sinh-mau-cu/index.html")
            .exists()
    );
    assert!(out.join("thu-tuc/dang-ky-khai-sinh/index.html").exists());
}

#[test]
fn english_interface() {
    let tmp = TempDir::new("english");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let site = content.join("site.yaml");
    let yaml = std::fs::read_to_string(&site)
        .unwrap()
        .replace("language: vi", "language: en");
    std::fs::write(&site, yaml).unwrap();
    let out = build(&content, &tmp, None).expect("builds");
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(html.starts_with("<!doctype html><html lang=en>"));
    assert_has(
        &text(&html),
        &[
            "Processing time Same day",
            "Free",
            "Documents you need",
            "4 September 2020",
        ],
    );
    assert_has(
        &page_text(&out, "thu-tuc/dang-ky-thuong-tru/index.html"),
        &["7 working days"],
    );
    // A fee's own label is content, marked as Vietnamese; the amount is in English.
    assert!(html.contains("<span lang=vi>Phí cấp bản sao Giấy khai sinh</span>: 8,000 VND"));
}

#[test]
fn the_link_check_finds_broken_and_escaping_links() {
    let tmp = TempDir::new("linkcheck");
    let out = tmp.join("public");
    std::fs::create_dir_all(out.join("a")).unwrap();
    std::fs::write(
        out.join("index.html"),
        "<a href=/tinh-a/a/>ok</a><a href=/tinh-a/b/>missing</a><a href=/other/>out</a>\
         <a href=a/>relative</a><a href=#top>no id</a><a href='/tinh-a/a/#x'>ok</a>\
         <img src=\"/tinh-a/x.png\"><a href=https://example.org/tinh-a/a/>ok</a><a href=https://other.org/>ok</a>",
    )
    .unwrap();
    std::fs::write(out.join("a/index.html"), "<h1 id=x>x</h1>").unwrap();
    let problems = check_links(&out, "https://example.org/tinh-a/");
    let joined = problems.join("\n");
    assert_eq!(problems.len(), 5, "{joined}");
    for expected in [
        "/tinh-a/b/",
        "escapes",
        "not a root-relative",
        "#top",
        "x.png",
    ] {
        assert!(
            joined.contains(expected),
            "{expected} not reported:\n{joined}"
        );
    }
}

/// The bundled sample catalogue (`content/` at the top of the repository, or the folder
/// in THUTUC_SAMPLE_CONTENT) builds every page kind, and every link in it resolves.
/// Skipped, with a note, where there is no such folder.
#[test]
fn sample_catalogue_builds_with_every_page_kind_and_no_broken_link() {
    let content = std::env::var_os("THUTUC_SAMPLE_CONTENT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    if !content.join("site.yaml").is_file() {
        eprintln!("skipped: no sample catalogue at {}", content.display());
        return;
    }
    let tmp = TempDir::new("sample");
    let base = "https://example.org/tinh/thu-tuc/";
    let out = match build(&content, &tmp, Some(base)) {
        Ok(out) => out,
        Err(thutuc::Error::Content(d)) => panic!(
            "the sample catalogue has problems:\n{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
        Err(e) => panic!("{e}"),
    };
    let files = all_files(&out);
    for kind in [
        "thu-tuc/",
        "linh-vuc/",
        "co-quan/",
        "cap/",
        "su-kien/",
        "lien-thong/",
    ] {
        assert!(files.keys().any(|f| f.starts_with(kind)), "no {kind} page");
    }
    for page in [
        "index.html",
        "a-z/index.html",
        "tim-kiem/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(files.contains_key(page), "no {page}");
    }
    let problems = check_links(&out, base);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}
