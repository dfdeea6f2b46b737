//! A 50 MB content file is refused from its size, quickly and without being read: memory
//! stays bounded. Alone in its test binary, so the peak memory it reads is its own.

mod common;

use common::*;
use std::io::Write;
use std::time::{Duration, Instant};

fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let tmp = TempDir::new("hostile-huge");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let huge = content.join("procedures/ho-tich/khong-lo.md");
    // written a line at a time, so that the test itself never holds 50 MB
    let mut file = std::io::BufWriter::new(std::fs::File::create(&huge).unwrap());
    file.write_all("---\ncode: \"9.000001\"\ntitle: Khổng lồ\n---\n".as_bytes())
        .unwrap();
    let line = "Một dòng văn bản rất dài được lặp lại nhiều lần để làm tệp lớn. ".repeat(16) + "\n";
    let mut written = 0;
    while written < 50 * 1024 * 1024 {
        file.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
    file.flush().unwrap();
    drop(file);
    let before = peak_kb();
    let start = Instant::now();
    let result = thutuc::check(&content);
    let took = start.elapsed();
    let Err(thutuc::Error::Content(problems)) = result else {
        panic!("expected the size error, got {result:?}");
    };
    let message = problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        message.contains("procedures/ho-tich/khong-lo.md") && message.contains("at most 2048 KB"),
        "{message}"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    if let (Some(before), Some(after)) = (before, peak_kb()) {
        // the file is 50 MB: reading it would raise the peak by at least that
        assert!(
            after - before < 20 * 1024,
            "peak memory grew {} KB",
            after - before
        );
    }
}
