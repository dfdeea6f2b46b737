//! Content nested deeper than pages can be made from (issue 17): a stuck key or a pasted
//! fragment appended to a procedure's body. `check` reports it with file, line, column
//! and field, and `build` exits 1 with the same message instead of aborting on a stack
//! overflow; text that only looks extreme still builds.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const FILE: &str = "procedures/dang-ky-thuong-tru.md";

/// The valid fixture with `appended` at the end of one procedure's body (line 17).
fn content_with(tmp: &TempDir, appended: &str) -> PathBuf {
    let content = tmp.join("content");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        &content,
    );
    let file = content.join(FILE);
    let mut text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 15, "the body is line 15");
    text.push('\n');
    text.push_str(appended);
    text.push('\n');
    std::fs::write(&file, text).unwrap();
    content
}

/// Runs `thutuc <command>` on `content`: exit code and stderr.
fn thutuc(command: &str, content: &Path, tmp: &TempDir) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_thutuc"));
    cmd.args([command, "--content"]).arg(content);
    if command == "build" {
        cmd.arg("--output").arg(tmp.join("public"));
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `check` and `build` both exit 1 and name the file, the line, the column where the
/// nesting goes too deep, and the field; the build publishes nothing.
fn assert_too_deep(appended: &str, column: usize) {
    let tmp = TempDir::new("nesting");
    let content = content_with(&tmp, appended);
    let place = format!("{FILE}:17:{column}: body: the text is nested more than 1,100 levels deep");
    for command in ["check", "build"] {
        let (code, stderr) = thutuc(command, &content, &tmp);
        assert_eq!(code, Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains(&place),
            "{command}: expected {place:?} in {stderr}"
        );
        assert!(!stderr.contains("overflow"), "{stderr}");
    }
    assert!(!tmp.join("public").exists(), "nothing published");
}

#[test]
fn nested_block_quotes() {
    // the 1,101st `>` opens the quote one level too deep
    assert_too_deep(&format!("{} quote", ">".repeat(5_000)), 1_101);
}

#[test]
fn nested_lists_on_one_line() {
    // a list and its item are two levels each: the 551st list goes too deep
    assert_too_deep(&format!("{}x", "- ".repeat(5_000)), 2 * 550 + 1);
}

#[test]
fn lists_in_quotes() {
    // a quote, a list, an item: three levels for each `> - `
    assert_too_deep(&format!("{}x", "> - ".repeat(3_000)), 4 * 366 + 3);
}

#[test]
fn nested_html_divs() {
    let divs = format!("{}x{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
    assert_too_deep(&divs, 5 * 1_100 + 1);
}

#[test]
fn emphasis_tags_left_open() {
    // inline HTML in a paragraph: the paragraph is the first level
    assert_too_deep(&format!("{}x", "<em>".repeat(20_000)), 4 * 1_099 + 1);
}

#[test]
fn text_that_only_looks_extreme_builds() {
    let table = format!(
        "{}|\n{}|\n{}|",
        "|a".repeat(3_000),
        "|-".repeat(3_000),
        "|x".repeat(3_000)
    );
    for appended in [
        format!("{} quote", ">".repeat(1_000)),
        "[".repeat(20_000),
        format!("[liên kết](https://example.org/{})", "a".repeat(100_000)),
        table,
    ] {
        let tmp = TempDir::new("nesting-benign");
        let content = content_with(&tmp, &appended);
        for command in ["check", "build"] {
            let (code, stderr) = thutuc(command, &content, &tmp);
            assert_eq!(code, Some(0), "{command} {}…: {stderr}", &appended[..20]);
        }
        let page = read(&tmp.join("public"), "thu-tuc/dang-ky-thuong-tru/index.html");
        assert!(
            page.contains("quote")
                || page.contains("[[[")
                || page.contains("liên kết")
                || page.contains("<table"),
            "{}",
            &page[..200.min(page.len())]
        );
    }
}
