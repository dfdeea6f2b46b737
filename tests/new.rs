//! `thutuc new` writes files that `check` understands: every field laid out, and the
//! placeholders left in them reported until staff fill them in.

mod common;

use std::path::Path;
use std::process::Command;

fn thutuc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_thutuc"))
        .args(args)
        .output()
        .unwrap()
}

fn valid_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    common::copy_dir(&from, dir.path());
    dir
}

#[test]
fn a_new_procedure_checks_clean_once_its_placeholders_are_filled() {
    let dir = valid_copy();
    let content = dir.path().to_str().unwrap();
    let out = thutuc(&[
        "new",
        "procedure",
        "Đăng ký kết hôn",
        "--field",
        "ho-tich",
        "--level",
        "xa",
        "--agency",
        "ubnd-xa-an-hiep",
        "--code",
        "1.000894",
        "--content",
        content,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = dir.path().join("procedures/ho-tich/dang-ky-ket-hon.md");

    let out = thutuc(&["check", "--content", content]);
    let report = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(report.ends_with("6 problems in 1 file\n"), "{report}");
    for field in [
        "documents.1.name",
        "result.1",
        "legal_basis.1.number",
        "legal_basis.1.title",
        "body",
    ] {
        assert!(
            report.contains(&format!(": {field}: ")),
            "{field} not reported:\n{report}"
        );
    }

    let filled = std::fs::read_to_string(&file)
        .unwrap()
        .replace("name: …", "name: Tờ khai đăng ký kết hôn")
        .replace("  - …", "  - Giấy chứng nhận kết hôn")
        .replace("number: …", "number: 60/2014/QH13")
        .replace("title: …", "title: Luật Hộ tịch")
        .replace(
            thutuc::scaffold::BODY_PLACEHOLDER,
            "Đăng ký kết hôn tại UBND xã.",
        )
        .replace("1. …", "1. Nộp hồ sơ.");
    std::fs::write(&file, filled).unwrap();
    let out = thutuc(&["check", "--content", content]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let catalogue = thutuc::check(dir.path()).unwrap();
    let p = catalogue.procedure("1.000894").unwrap();
    assert_eq!(p.title, "Đăng ký kết hôn");
    assert_eq!(p.channels.len(), 1);
}

#[test]
fn a_new_agency_asks_for_its_address_and_phone() {
    let dir = valid_copy();
    let content = dir.path().to_str().unwrap();
    let out = thutuc(&[
        "new",
        "agency",
        "Sở Tư pháp",
        "--level",
        "tinh",
        "--content",
        content,
    ]);
    assert!(out.status.success());
    assert!(dir.path().join("agencies/so-tu-phap.yaml").exists());
    let out = thutuc(&["check", "--content", content]);
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("agencies/so-tu-phap.yaml:9:10: address: is still the placeholder"),
        "{report}"
    );
    assert!(
        report.contains(": phone: is still the placeholder"),
        "{report}"
    );
    let again = thutuc(&[
        "new",
        "agency",
        "Sở Tư pháp",
        "--level",
        "tinh",
        "--content",
        content,
    ]);
    assert_eq!(again.status.code(), Some(2));
}
