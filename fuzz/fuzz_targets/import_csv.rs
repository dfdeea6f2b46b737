#![no_main]
//! The CSV importer on any bytes: no panic; when it reports success, checking the content
//! folder it wrote gives a catalogue or problems, never a panic.
use libfuzzer_sys::fuzz_target;
use std::sync::atomic::{AtomicU64, Ordering};
use thutuc::import::{self, Options, Source};

static RUN: AtomicU64 = AtomicU64::new(0);

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!(
        "thutuc-fuzz-csv-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("input.csv");
    std::fs::write(&input, data).unwrap();
    let options = Options { content: dir.join("content"), force: false };
    if import::run(Source::Csv, &[input], &options).is_ok() {
        match thutuc::check(&options.content) {
            Ok(_) => {}
            Err(thutuc::Error::Content(problems)) => assert!(!problems.is_empty()),
            Err(thutuc::Error::Io(_)) => {}
            Err(e) => panic!("unexpected error kind: {e}"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
});
