//! `thutuc check` on fixtures: the valid one is clean, and each error fixture prints
//! exactly the problems listed in its `expected.txt`, with file, line and field.
//!
//! An error fixture is an overlay: the files in `tests/fixtures/errors/<class>/` replace
//! or join those of `tests/fixtures/valid/` in a fresh copy.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if entry.file_name() != "expected.txt" {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the valid fixture with `overlay` laid over it.
fn catalogue_with(overlay: Option<&Path>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid"), dir.path());
    if let Some(overlay) = overlay {
        copy_dir(overlay, dir.path());
    }
    dir
}

fn check(content: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thutuc"))
        .args(["check", "--content"])
        .arg(content)
        .output()
        .unwrap()
}

#[test]
fn valid_fixture_is_clean() {
    let out = check(&fixtures().join("valid"));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sample_catalogue_is_clean() {
    let out = check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn every_error_fixture_reports_exactly_its_problems() {
    let mut classes: Vec<PathBuf> = fs::read_dir(fixtures().join("errors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    classes.sort();
    assert!(classes.len() >= 12, "error fixtures went missing");
    for class in classes {
        let expected = fs::read_to_string(class.join("expected.txt")).unwrap();
        let dir = catalogue_with(Some(&class));
        let out = check(dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr, expected, "fixture {}", class.display());
        assert_eq!(out.status.code(), Some(1), "fixture {}", class.display());
    }
}

#[test]
fn bom_crlf_and_decomposed_text_are_accepted_and_normalised() {
    let dir = catalogue_with(None);
    let path = dir.path().join("procedures/dang-ky-thuong-tru.md");
    let text = fs::read_to_string(&path).unwrap();
    // Decomposed tone marks, a zero-width space and a no-break space in the title.
    let text = text.replace(
        "title: Đăng ký thường trú",
        "title: \"Đăng ky\u{301}\u{00A0}thươ\u{300}ng\u{200B} trú\"",
    );
    let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    fs::write(&path, crlf).unwrap();
    let catalogue = thutuc::check(dir.path()).expect("BOM and CRLF are accepted");
    let p = catalogue.procedure("1.004222").unwrap();
    assert_eq!(p.title, "Đăng ký thường trú");
    assert_eq!(p.slug, "dang-ky-thuong-tru");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_content_is_refused() {
    let dir = catalogue_with(None);
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("files/passwd.txt")).unwrap();
    let out = check(dir.path());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "files/passwd.txt:1:1: is a symbolic link; content must be ordinary files, since a link can lead outside the content folder\n1 problem in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_content_folder_is_an_io_error() {
    let out = check(Path::new("/nonexistent/thutuc-content"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
}

#[test]
fn the_valid_fixture_reads_into_typed_values() {
    use thutuc::catalogue::values::{DurationUnit, Money};
    let c = thutuc::check(&fixtures().join("valid")).unwrap();
    assert_eq!(c.site.base_url, "https://example.org/tinh-a/");
    let p = c.procedure("1.001193").unwrap();
    assert_eq!(p.channels[0].duration.unit, DurationUnit::SameDay);
    assert_eq!(p.channels[0].fees.as_ref().unwrap()[0].amount, Money(0));
    assert_eq!(
        p.documents[0].form.as_deref(),
        Some("files/to-khai-khai-sinh.txt")
    );
    assert_eq!(
        p.body.steps.as_deref(),
        Some("1. Nộp tờ khai.\n2. Nhận giấy khai sinh.")
    );
    let r = c.procedure("1.004222").unwrap();
    assert_eq!(
        r.channels[0].fees.as_ref().unwrap()[0].amount,
        Money(20_000)
    );
    assert_eq!(c.groups_of("1.004222").count(), 1);
    assert_eq!(c.forms, ["files/to-khai-khai-sinh.txt"]);
}

/// The annotated example in the README is real: laid into a copy of the sample
/// catalogue in place of the procedure with the same code, it checks clean.
#[test]
fn the_readme_example_procedure_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme
        .find("```yaml\n---\n")
        .expect("README has an example procedure")
        + 8;
    let end = start + readme[start..].find("\n```\n").unwrap() + 1;
    let example: String = readme[start..end]
        .lines()
        .map(|l| l.split("   ← ").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root.join("content"), dir.path());
    let target = walkdir::WalkDir::new(dir.path().join("procedures"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|p| fs::read_to_string(p).is_ok_and(|t| t.contains("code: \"1.004222\"")))
        .expect("the sample catalogue has 1.004222");
    fs::write(&target, example).unwrap();
    let out = check(dir.path());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let catalogue = thutuc::check(dir.path()).unwrap();
    assert_eq!(
        catalogue.procedure("1.004222").unwrap().title,
        "Đăng ký thường trú"
    );
}
