//! `thutuc review` on a fixture that has one of each finding (the comments at the top of
//! its files say which): the text report pinned byte for byte, the CSV and HTML forms,
//! and the exit codes of `--fail-on`.

use std::path::{Path, PathBuf};
use std::process::Command;
use thutuc::catalogue::values::Date;
use thutuc::review::{self, Kind, format};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review")
}

fn options() -> review::Options {
    review::Options {
        as_of: Date::parse("2026-12-05").unwrap(),
        stale_months: 12,
        law_before: Some(2010),
        top: 1,
    }
}

fn report() -> review::Report {
    review::review(&thutuc::check(&fixture()).unwrap(), &options())
}

#[test]
fn finds_one_of_each_kind() {
    let report = report();
    for kind in Kind::ALL {
        let expected = if kind == Kind::Heavy { 4 } else { 1 };
        assert_eq!(report.count(kind), expected, "{}", kind.name());
    }
    // Nothing is found without the year, or with a longer memory.
    let mut lenient = options();
    lenient.law_before = None;
    lenient.stale_months = 36;
    let report = review::review(&thutuc::check(&fixture()).unwrap(), &lenient);
    assert_eq!(report.count(Kind::OldLaw), 0);
    assert_eq!(report.count(Kind::Stale), 0);
}

#[test]
fn the_text_report_reads_per_agency_and_field() {
    let expected = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review.expected.txt"),
    )
    .unwrap();
    assert_eq!(format::text(&report()), expected);
}

#[test]
fn csv_opens_in_excel_and_html_stands_alone() {
    let report = report();
    let bytes = format::csv(&report).unwrap();
    assert!(bytes.starts_with(
        "\u{FEFF}kind,agency_id,agency,field_id,field,code,subject,detail,file\r\n".as_bytes()
    ));
    let mut rows = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), report.findings.len());
    let stale = rows.iter().find(|r| &r[0] == "stale").unwrap();
    assert_eq!(&stale[1], "ubnd-xa");
    assert_eq!(&stale[4], "Hộ tịch");
    assert_eq!(&stale[5], "1.000001");
    assert_eq!(&stale[8], "procedures/ho-tich/dang-ky-khai-sinh.md");

    let html = format::html(&report);
    assert!(html.starts_with("<!doctype html>"));
    for outside in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }
    for kind in Kind::ALL {
        assert!(html.contains(kind.name()));
    }
    // Content is escaped.
    assert!(html.contains("&quot;Tờ khai đăng ký kết hôn&quot;"));
}

fn thutuc(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_thutuc"))
        .arg("review")
        .arg("--content")
        .arg(fixture())
        .args(["--as-of", "2026-12-05"])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn fail_on_turns_chosen_findings_into_exit_1() {
    let out = thutuc(&[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Review: 6 procedures"));

    let out = thutuc(&["--fail-on", "stale,near-duplicate"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "review: found stale, near-duplicate\n"
    );
    // old-law is not looked for without --law-before, so it is not found.
    let out = thutuc(&["--fail-on", "old-law", "--stale-months", "36"]);
    assert_eq!(out.status.code(), Some(0));
    let out = thutuc(&["--fail-on", "stale", "--stale-months", "36"]);
    assert_eq!(out.status.code(), Some(0));

    let out = thutuc(&["--fail-on", "stael"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown kind \"stael\""));
    let bad_date = Command::new(env!("CARGO_BIN_EXE_thutuc"))
        .args(["review", "--as-of", "2026-13-01", "--content"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_date.stderr).starts_with("error: --as-of: "));
}

#[test]
fn output_writes_the_chosen_format_to_a_file() {
    let dir = std::env::temp_dir().join(format!("thutuc-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("review.html");
    let out = thutuc(&["--format", "html", "--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("<h1>Review of the catalogue</h1>")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn near_duplicates_are_titles_typed_twice_not_procedures_a_word_apart() {
    let dir = std::env::temp_dir().join(format!("thutuc-review-dup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(&fixture(), &dir);
    let khai_sinh =
        std::fs::read_to_string(dir.join("procedures/ho-tich/dang-ky-khai-sinh.md")).unwrap();
    for (file, code, title) in [
        ("dang-ky-khai-sinh-2.md", "1.000011", "ĐĂNG KÝ KHAI SINH."),
        (
            "dang-ky-lai-khai-sinh.md",
            "1.000012",
            "Đăng ký lại khai sinh",
        ),
        ("dang-ky-khai-tu.md", "1.000013", "Đăng ký khai tử"),
    ] {
        let text = khai_sinh
            .replace("\"1.000001\"", &format!("\"{code}\""))
            .replace(
                "title: Đăng ký khai sinh",
                &format!("title: {title}\nslug: {}", file.trim_end_matches(".md")),
            );
        std::fs::write(dir.join("procedures/ho-tich").join(file), text).unwrap();
    }
    let report = review::review(&thutuc::check(&dir).unwrap(), &options());
    let found: Vec<(&str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.kind == Kind::NearDuplicate)
        .map(|f| (f.code.as_str(), f.detail.as_str()))
        .collect();
    // In the report's order: agencies by name (Công an xã, then Ủy ban nhân dân xã).
    assert_eq!(
        found,
        [
            (
                "1.000004",
                "a title one letter apart: 1.000005 \"Đăng ký tạm trú cho côg dân\" (Công an xã)"
            ),
            (
                "1.000001",
                "the same title apart from case, marks or punctuation: 1.000011 \"ĐĂNG KÝ KHAI SINH.\" (Ủy ban nhân dân xã)"
            ),
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
