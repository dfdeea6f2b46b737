//! A build killed at any moment never leaves the output folder half-written: after a
//! SIGKILL the output is, file for file, the whole site it held before or the whole new
//! one, and the next build cleans up what the killed one left.
//!
//! Two versions of the sample catalogue are built in turn over one output folder, each
//! build killed after a delay spread evenly from 0 to past the measured build time, so the
//! kills land in every step: loading, rendering, the search index, the swap, the removal of
//! the previous site.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: u32 = 16;

fn thutuc_build(content: &Path, output: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_thutuc"));
    cmd.arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// A build that runs to its end; returns how long it took.
fn build_to_end(content: &Path, output: &Path) -> Duration {
    let start = Instant::now();
    let out = thutuc_build(content, output).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

/// Version B of the sample catalogue: every page changes (the site's title), and one
/// procedure is added, so that the two sites differ in their files and in their set of files.
fn second_version(a: &Path, b: &Path) {
    copy_dir(a, b);
    let site = b.join("site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("title: "), "{first}");
    std::fs::write(
        &site,
        text.replacen(first, "title: Thủ tục hành chính (bản mới)", 1),
    )
    .unwrap();
    let dir = b.join("procedures/ho-tich");
    let original = std::fs::read_to_string(dir.join("cap-ban-sao-trich-luc-ho-tich.md")).unwrap();
    let added = original
        .replacen("code: \"2.000635\"", "code: \"2.999635\"", 1)
        .replacen(
            "slug: cap-ban-sao-trich-luc-ho-tich",
            "slug: cap-ban-sao-trich-luc-ho-tich-ban-moi",
            1,
        )
        .replacen("title: Cấp bản sao", "title: Cấp lại bản sao", 1);
    assert_ne!(added, original);
    std::fs::write(dir.join("cap-ban-sao-trich-luc-ho-tich-ban-moi.md"), added).unwrap();
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Site {
    A,
    B,
}

/// What is in `output`: exactly site A or exactly site B, or else what is wrong.
fn which(
    output: &Path,
    a: &BTreeMap<String, Vec<u8>>,
    b: &BTreeMap<String, Vec<u8>>,
) -> Result<Site, String> {
    if !output.is_dir() {
        return Err("no output folder".into());
    }
    let found = all_files(output);
    if &found == a {
        return Ok(Site::A);
    }
    if &found == b {
        return Ok(Site::B);
    }
    let differs = |reference: &BTreeMap<String, Vec<u8>>| {
        let names: std::collections::BTreeSet<&String> = found
            .keys()
            .chain(reference.keys())
            .filter(|k| found.get(*k) != reference.get(*k))
            .collect();
        let some: Vec<_> = names.iter().take(5).collect();
        format!("{} files differ, e.g. {some:?}", names.len())
    };
    Err(format!(
        "a mixture of {} files: from site A {}; from site B {}",
        found.len(),
        differs(a),
        differs(b)
    ))
}

/// The folder's entries other than `keep`.
fn others(dir: &Path, keep: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_none_or(|n| n != keep))
        .collect()
}

#[test]
fn a_killed_build_leaves_the_whole_old_site_or_the_whole_new_one() {
    let tmp = TempDir::new("killed");
    let content_a = tmp.join("a");
    let content_b = tmp.join("b");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &content_a,
    );
    second_version(&content_a, &content_b);
    let content = |site: Site| match site {
        Site::A => &content_a,
        Site::B => &content_b,
    };

    // The reference trees, each built alone.
    build_to_end(&content_a, &tmp.join("ref-a/public"));
    build_to_end(&content_b, &tmp.join("ref-b/public"));
    let site_a = all_files(&tmp.join("ref-a/public"));
    let site_b = all_files(&tmp.join("ref-b/public"));
    assert!(site_a.len() > 150, "{} files", site_a.len());
    assert_ne!(
        site_a.keys().collect::<Vec<_>>(),
        site_b.keys().collect::<Vec<_>>()
    );
    let changed = site_a
        .iter()
        .filter(|(k, v)| site_b.get(*k) != Some(*v))
        .count();
    assert!(changed > site_a.len() / 2, "only {changed} files differ");

    // The site as published, and how long a build that replaces it takes here.
    let parent = tmp.join("site");
    let output = parent.join("public");
    build_to_end(&content_b, &output);
    let took = build_to_end(&content_a, &output).max(build_to_end(&content_b, &output));
    assert_eq!(which(&output, &site_a, &site_b), Ok(Site::B));
    let mut current = Site::B;

    // Each build goes from the site in place to the other one, so that every kill can
    // show a mixture; delays from 0 to 1.5 times the build's time (a loaded machine
    // makes some builds slower than the measured one).
    let mut tally: BTreeMap<&str, u32> = BTreeMap::new();
    for i in 0..KILLS {
        let target = if current == Site::A { Site::B } else { Site::A };
        let delay = took.mul_f64(1.5 * f64::from(i) / f64::from(KILLS - 1));
        let mut child = thutuc_build(content(target), &output).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only when the build has already been reaped
        let status = child.wait().unwrap();
        let found = which(&output, &site_a, &site_b).unwrap_or_else(|e| {
            panic!("kill {i} after {delay:?} (build time {took:?}, {status}): {e}")
        });
        assert!(found == current || found == target);
        *tally
            .entry(match (found == target, status.success()) {
                (false, _) => "killed before the swap: old site",
                (true, false) => "killed after the swap: new site",
                (true, true) => "finished before the kill: new site",
            })
            .or_default() += 1;
        current = found;
    }
    eprintln!("{KILLS} kills over a {took:?} build: {tally:?}");
    assert!(
        tally.contains_key("killed before the swap: old site"),
        "no kill landed before the swap: {tally:?}"
    );

    // A build that runs to its end publishes the other site; beside it stays only the
    // previous site, whole, for the next build to start from.
    let target = if current == Site::A { Site::B } else { Site::A };
    build_to_end(content(target), &output);
    assert_eq!(which(&output, &site_a, &site_b), Ok(target));
    let kept = parent.join(".public.thutuc-tmp");
    // (The cache is only a shortcut, written when it can be: not asserted here.)
    let cache = parent.join(".public.thutuc-cache");
    let mut beside = others(&parent, "public");
    beside.retain(|p| *p != cache);
    assert_eq!(beside, vec![kept.clone()]);
    assert_eq!(which(&kept, &site_a, &site_b), Ok(current));
}
