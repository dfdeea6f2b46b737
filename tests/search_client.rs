//! The search client's Node tests (`tests/search/*.test.mjs`), run by `cargo test`: the
//! analyzer vectors, the page on a fake DOM, and hostile queries and broken index files
//! against a real export of the site fixture.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

#[test]
fn node_tests_of_the_search_client() {
    let (_tmp, out) = built_fixture("search-client");
    assert!(out.join("search/manifest.json").exists());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search");
    let result = Command::new("node")
        .arg("--test")
        .args([
            "analyzer.test.mjs",
            "page.test.mjs",
            "hostile.test.mjs",
            "words.test.mjs",
            "inflate.test.mjs",
        ])
        .current_dir(&dir)
        .env("SITE_DIR", &out)
        .output()
        .expect("node is installed");
    assert!(
        result.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
}
