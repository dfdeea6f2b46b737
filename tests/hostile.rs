//! Hostile and broken content: each case ends in a clear error with file and line, or in a
//! built page with nothing executable from content. Fixture overlays live in
//! `tests/fixtures/hostile/`; cases that need huge or odd files make them here.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// A copy of the site fixture, with the overlay `name` laid over it when given.
fn content_with(tmp: &TempDir, overlay: Option<&str>) -> PathBuf {
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    if let Some(name) = overlay {
        copy_dir(&hostile(name), &content);
    }
    content
}

/// `thutuc check`: its exit code and what it printed on stderr, and how long it took.
fn check(content: &Path) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_thutuc"))
        .args(["check", "--content"])
        .arg(content)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed(),
    )
}

/// A check that fails, quickly, and names `file:line`, saying `words`.
fn assert_rejected(content: &Path, file_line: &str, words: &[&str]) -> String {
    let (code, stderr, took) = check(content);
    assert_eq!(code, Some(1), "expected content errors:\n{stderr}");
    assert!(stderr.contains(file_line), "no {file_line} in:\n{stderr}");
    for w in words {
        assert!(stderr.contains(w), "no {w:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    stderr
}

fn write(content: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = content.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const PROCEDURE: &str = "procedures/ho-tich/dang-ky-khai-sinh.md";

/// The fixture's birth-registration procedure, with `from` replaced by `to`.
fn edit(content: &Path, from: &str, to: &str) {
    let path = content.join(PROCEDURE);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in the fixture");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn scheme(url: &str) -> String {
    unescape(url)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Every page of `out` has no executable markup from content: the only scripts are the
/// theme's (a `src` on the site, or the search page's module) and JSON-LD data in which
/// no `<` can end the element, no `on…` attribute, no `javascript:`/`data:` URL.
fn assert_nothing_executable(out: &Path) {
    let mut pages = 0;
    for (rel, bytes) in all_files(out) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(&bytes);
        let lower = html.to_ascii_lowercase();
        let scripts = lower.matches("<script").count();
        let theme_scripts = lower.matches("<script type=module>").count()
            + lower.matches("<script type=\"module\">").count()
            + lower.matches("<script src=/").count()
            + lower.matches("<script src=\"/").count();
        let mut json_ld = 0;
        for block in lower.split("<script type=application/ld+json>").skip(1) {
            json_ld += 1;
            let data = block.split("</script").next().unwrap_or("");
            assert!(!data.contains('<'), "{rel}: a < inside JSON-LD: {data}");
        }
        assert_eq!(
            scripts,
            theme_scripts + json_ld,
            "{rel}: a script not from the theme"
        );
        {
            for tag in tags(&html) {
                for (name, value) in &tag.attrs {
                    assert!(!name.starts_with("on"), "{rel}: <{} {name}>", tag.name);
                    if ["href", "src", "action", "formaction", "xlink:href", "data"]
                        .contains(&name.as_str())
                    {
                        let s = scheme(value);
                        // the theme's empty favicon (`data:,`) is inert
                        assert!(
                            (tag.name == "link" && s == "data:,")
                                || !s.starts_with("javascript:")
                                    && !s.starts_with("data:")
                                    && !s.starts_with("vbscript:"),
                            "{rel}: <{} {name}={value}>",
                            tag.name
                        );
                    }
                }
                assert!(
                    !["iframe", "object", "embed", "math"].contains(&tag.name.as_str())
                        || rel.contains("search"),
                    "{rel}: <{}> from content",
                    tag.name
                );
            }
        }
    }
    assert!(pages > 5);
}

#[test]
fn scripts_handlers_and_bad_urls_in_every_field_build_a_safe_page() {
    let tmp = TempDir::new("hostile-xss");
    let content = content_with(&tmp, Some("xss"));
    let out = build(&content, &tmp, None).expect("the hostile procedure builds");
    assert_nothing_executable(&out);
    // the text around the payloads is still there, shown as text
    let page = all_files(&out)
        .into_iter()
        .find(|(rel, _)| rel.starts_with("thu-tuc/thu-tuc-doc") && !rel.contains("/in/"))
        .expect("the hostile procedure's page");
    let html = String::from_utf8_lossy(&page.1);
    assert!(html.contains("Đoạn mở đầu an toàn."));
    assert!(html.contains("&lt;script>alert(1)&lt;/script>") || html.contains("&lt;script&gt;"));
}

#[test]
fn javascript_and_data_urls_in_url_fields_are_rejected() {
    let tmp = TempDir::new("hostile-urls");
    let content = content_with(&tmp, None);
    edit(
        &content,
        "  url: https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193",
        "  url: \"javascript:alert(document.cookie)\"",
    );
    edit(
        &content,
        "    url: https://vbpl.vn/",
        "    url: \"data:text/html,<script>alert(1)</script>\"",
    );
    let (code, stderr, _) = check(&content);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{PROCEDURE}:")), "{stderr}");
    assert!(stderr.contains("online.url"), "{stderr}");
    assert!(stderr.contains("legal_basis.1.url"), "{stderr}");
}

#[test]
fn form_paths_out_of_the_content_folder_are_rejected() {
    let tmp = TempDir::new("hostile-forms");
    let content = content_with(&tmp, None);
    edit(
        &content,
        "form: files/ho-tich/to-khai-khai-sinh.txt",
        "form: ../../../../etc/passwd",
    );
    edit(
        &content,
        "  - name: Giấy chứng sinh\n",
        "  - name: Giấy chứng sinh\n    form: /etc/shadow\n",
    );
    assert_rejected(
        &content,
        &format!("{PROCEDURE}:"),
        &[
            "documents.1.form",
            "points outside the content folder",
            "/etc/shadow",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_content_folder_are_rejected() {
    let tmp = TempDir::new("hostile-symlink");
    let content = content_with(&tmp, None);
    let secret = tmp.join("secret.txt");
    std::fs::write(&secret, "mật khẩu").unwrap();
    std::os::unix::fs::symlink(&secret, content.join("files/ho-tich/bi-mat.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, content.join("procedures/ho-tich/lien-ket.md")).unwrap();
    std::os::unix::fs::symlink(tmp.0.clone(), content.join("files/ra-ngoai")).unwrap();
    edit(
        &content,
        "form: files/ho-tich/to-khai-khai-sinh.txt",
        "form: files/ho-tich/bi-mat.txt",
    );
    let stderr = assert_rejected(
        &content,
        "procedures/ho-tich/lien-ket.md",
        &["symbolic link", "files/ho-tich/bi-mat.txt"],
    );
    assert!(!stderr.contains("mật khẩu"));
    // and nothing is published
    assert!(build(&content, &tmp, None).is_err());
    assert!(!tmp.join("public").exists());
}

#[test]
fn invalid_utf8_is_rejected_at_its_line() {
    let tmp = TempDir::new("hostile-utf8");
    let content = content_with(&tmp, None);
    let path = content.join(PROCEDURE);
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(4).position(|w| w == b"code").unwrap();
    bytes.splice(at..at, [0xff, 0xfe, b'x']);
    std::fs::write(&path, bytes).unwrap();
    assert_rejected(&content, &format!("{PROCEDURE}:2:1"), &["not UTF-8"]);
}

#[test]
fn deeply_nested_yaml_and_alias_bombs_give_a_clear_error_quickly() {
    let tmp = TempDir::new("hostile-yaml");
    let content = content_with(&tmp, None);
    let deep = format!(
        "level: xa\nkeywords: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    edit(&content, "level: xa\n", &deep);
    let mut bomb = String::from(
        "lol0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "lol{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    write(
        &content,
        "agencies/bom.yaml",
        format!("name: Bom\nlevel: xa\n{bomb}"),
    );
    let stderr = assert_rejected(&content, &format!("{PROCEDURE}:"), &["too deeply"]);
    assert!(stderr.contains("agencies/bom.yaml:"), "{stderr}");
    assert!(stderr.contains("aliases"), "{stderr}");
    assert!(!stderr.contains("budget breached: Nodes {"), "{stderr}");
}

#[test]
fn duplicate_keys_are_named() {
    let tmp = TempDir::new("hostile-dup");
    let content = content_with(&tmp, None);
    edit(
        &content,
        "level: xa\n",
        "level: xa\ntitle: Tiêu đề thứ hai\n",
    );
    assert_rejected(
        &content,
        &format!("{PROCEDURE}:"),
        &["the field `title` is given twice"],
    );
}

#[test]
fn empty_files_are_rejected_one_by_one() {
    let tmp = TempDir::new("hostile-empty");
    let content = content_with(&tmp, None);
    write(&content, "procedures/ho-tich/rong.md", "");
    write(&content, "agencies/rong.yaml", "");
    write(&content, "groups/rong.yaml", "");
    let stderr = assert_rejected(
        &content,
        "procedures/ho-tich/rong.md:1:1",
        &["agencies/rong.yaml:1:1", "groups/rong.yaml:1:1"],
    );
    assert!(stderr.contains("must start with a line `---`"), "{stderr}");
}

#[test]
fn a_title_of_only_punctuation_asks_for_a_slug() {
    let tmp = TempDir::new("hostile-punct");
    let content = content_with(&tmp, None);
    edit(
        &content,
        "title: Đăng ký khai sinh",
        "title: \"!!! ??? … — ***\"",
    );
    assert_rejected(&content, &format!("{PROCEDURE}:"), &["add a `slug` field"]);
}

#[test]
fn nfd_text_and_zero_width_characters_are_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let tmp = TempDir::new("hostile-nfd");
    let content = content_with(&tmp, None);
    let path = content.join(PROCEDURE);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .nfd()
        .collect::<String>();
    let text = text
        .replacen("code: \"1.001193\"", "code: \"1.001\u{200B}193\"", 1)
        .replacen("field: ho-tich", "field: \"ho\u{200B}-tich\u{FEFF}\"", 1);
    std::fs::write(&path, text).unwrap();
    let out = build(&content, &tmp, None).expect("NFD and invisible marks are cleaned");
    let page = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(
        page.contains("Đăng ký khai sinh"),
        "the title is NFC on the page"
    );
    assert!(page.contains("1.001193"));
    assert!(!page.contains('\u{200B}'));
}

/// Control characters (YAML escapes in a title, raw ones pasted into the body) are
/// removed when the content is read: XML forbids them, and one in a title made every
/// Atom feed malformed.
#[test]
fn control_characters_are_removed_and_feeds_stay_well_formed() {
    let tmp = TempDir::new("hostile-control");
    let content = content_with(&tmp, None);
    edit(
        &content,
        "title: Đăng ký khai sinh",
        "title: \"Đăng ký\\x1f khai\\vsinh\\a\\x00\"",
    );
    let path = content.join(PROCEDURE);
    let text = std::fs::read_to_string(&path).unwrap();
    let (front, body) = text.split_at(text.rfind("\n---\n").unwrap() + 5);
    let body = format!(
        "Đoạn\u{1f} mở\u{b} đầu\u{7} <a href=\"java\u{1f}script:alert(1)\">x</a>\n\n{body}"
    );
    std::fs::write(&path, format!("{front}{body}")).unwrap();
    let out = build(&content, &tmp, None).expect("builds");
    let page = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(page.contains("Đăng ký khai sinh"), "the cleaned title");
    for (rel, bytes) in all_files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        let binary = rel.ends_with(".bin");
        assert!(
            binary || !text.contains(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "{rel}: a control character"
        );
        if rel.ends_with(".xml") {
            let mut reader = quick_xml::reader::Reader::from_str(&text);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{rel} is not well-formed XML: {e}"),
                }
            }
        }
    }
    assert_nothing_executable(&out);
}

#[test]
fn a_procedure_with_ten_thousand_documents_builds() {
    let tmp = TempDir::new("hostile-docs");
    let content = content_with(&tmp, None);
    let mut docs = String::from("documents:\n");
    for i in 1..=10_000 {
        docs.push_str(&format!("  - name: Giấy tờ số {i}\n"));
    }
    edit(&content, "documents:\n", &docs);
    let start = Instant::now();
    let out = build(&content, &tmp, None).expect("builds");
    assert!(start.elapsed() < Duration::from_secs(30));
    let page = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(page.contains("Giấy tờ số 10000"));
}
