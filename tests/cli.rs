//! The `thutuc` command as staff and deployers run it: exit codes, messages, `serve`.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

fn thutuc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_thutuc"))
}

/// `thutuc build --content CONTENT --output OUT`, for more arguments and running.
fn build_command(content: &Path, out: &Path) -> Command {
    let mut command = thutuc();
    command
        .args(["build", "--content"])
        .arg(content)
        .arg("--output")
        .arg(out);
    command
}

#[test]
fn build_exit_codes() {
    let tmp = TempDir::new("cli-build");
    let out = tmp.join("public");
    let ok = build_command(&fixture(), &out).output().unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stderr).contains("built 4 procedures"));
    assert!(out.join("index.html").is_file());

    // content errors: 1, printed like `check`
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    std::fs::write(content.join("levels.yaml"), "- id: tinh\n  nam: Cấp tỉnh\n").unwrap();
    let bad = build_command(&content, &out).output().unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("levels.yaml:2:3"), "{stderr}");

    // usage: 2
    let usage = thutuc()
        .args(["build", "--content"])
        .arg(fixture())
        .args(["--base-url", "example.org/x"])
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("--base-url"));

    // a folder thutuc did not write is never replaced: 2
    let docs = tmp.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("notes.txt"), "mine").unwrap();
    let refused = build_command(&fixture(), &docs).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(docs.join("notes.txt")).unwrap(),
        "mine"
    );
}

/// What a progress line would leave in piped output: carriage returns, escape codes, or
/// the names of the steps.
fn assert_no_progress(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for sign in [
        "\r",
        "\x1b",
        "finding files",
        "reading files",
        "checking files",
        "rendering pages",
        "indexing for search",
        "writing procedures",
    ] {
        assert!(!text.contains(sign), "{what} has {sign:?}: {text:?}");
    }
}

fn import_fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

#[test]
fn piped_output_has_no_progress() {
    let tmp = TempDir::new("cli-piped");
    // TERM says the terminal could redraw: only stderr not being a terminal hides progress.
    let build = build_command(&fixture(), &tmp.join("public"))
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(0));
    assert_no_progress("build's stdout", &build.stdout);
    assert_no_progress("build's stderr", &build.stderr);
    let summary = String::from_utf8_lossy(&build.stderr);
    assert!(summary.starts_with("built 4 procedures"), "{summary}");
    assert_eq!(summary.lines().count(), 1, "{summary}");

    let check = thutuc()
        .args(["check", "--content"])
        .arg(fixture())
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
    assert!(check.stdout.is_empty() && check.stderr.is_empty());

    let import = thutuc()
        .args(["import", "csv"])
        .arg(import_fixture("list.csv"))
        .arg("--content")
        .arg(tmp.join("content"))
        .env("TERM", "xterm-256color")
        .output()
        .unwrap();
    assert_eq!(import.status.code(), Some(0));
    assert_no_progress("import's stdout", &import.stdout);
    assert_no_progress("import's stderr", &import.stderr);
    assert!(String::from_utf8_lossy(&import.stdout).contains("procedure(s) read"));
}

#[test]
fn quiet_prints_only_problems() {
    let tmp = TempDir::new("cli-quiet");
    let out = tmp.join("public");
    let build = thutuc()
        .args(["build", "--quiet", "--content"])
        .arg(fixture())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(build.status.code(), Some(0));
    assert!(build.stdout.is_empty(), "{:?}", build.stdout);
    assert!(build.stderr.is_empty(), "{:?}", build.stderr);
    assert!(
        out.join("index.html").is_file(),
        "a quiet build still builds"
    );

    // A broken catalogue: the problems are printed, with the same exit code.
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    std::fs::write(content.join("levels.yaml"), "- id: tinh\n  nam: Cấp tỉnh\n").unwrap();
    for command in ["build", "check"] {
        let mut run = thutuc();
        run.args([command, "-q", "--content"]).arg(&content);
        if command == "build" {
            run.arg("--output").arg(&out);
        }
        let bad = run.output().unwrap();
        assert_eq!(bad.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&bad.stderr);
        assert!(stderr.contains("levels.yaml:2:3"), "{command}: {stderr}");
        assert_no_progress(command, &bad.stderr);
        assert!(bad.stdout.is_empty());
    }

    // Import: nothing on success; a file it leaves alone is still told, on stderr.
    let imported = tmp.join("imported");
    let import = |extra: &[&str]| {
        thutuc()
            .args(["import", "csv"])
            .arg(import_fixture("list.csv"))
            .arg("--content")
            .arg(&imported)
            .args(extra)
            .output()
            .unwrap()
    };
    let first = import(&["--quiet"]);
    assert_eq!(first.status.code(), Some(0));
    assert!(first.stdout.is_empty() && first.stderr.is_empty());
    assert!(
        imported.join("site.yaml").is_file(),
        "a quiet import still imports"
    );
    let procedure = walkdir::WalkDir::new(imported.join("procedures"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("an imported procedure")
        .into_path();
    let edited = std::fs::read_to_string(&procedure).unwrap() + "\nA note staff added.\n";
    std::fs::write(&procedure, edited).unwrap();
    let again = import(&["-q"]);
    assert_eq!(again.status.code(), Some(0));
    assert!(again.stdout.is_empty());
    let warnings = String::from_utf8_lossy(&again.stderr);
    assert!(
        warnings.starts_with("skipped    procedures/")
            && warnings.contains("edited since it was imported"),
        "{warnings}"
    );
    assert_eq!(warnings.lines().count(), 1, "{warnings}");
}

/// `thutuc serve` on a free port, killed when dropped.
struct Server {
    child: Child,
    url: String,
    /// What serve printed on stderr so far.
    log: std::sync::Arc<std::sync::Mutex<String>>,
    _tmp: TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(base_url: Option<&str>) -> Server {
    serve_with(base_url, |_| {})
}

/// [`serve`], with the content changed by `prepare` before the server starts.
fn serve_with(base_url: Option<&str>, prepare: impl FnOnce(&Path)) -> Server {
    let tmp = TempDir::new("serve");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    prepare(&content);
    if let Some(base) = base_url {
        let site = content.join("site.yaml");
        let yaml = std::fs::read_to_string(&site)
            .unwrap()
            .replace("https://thutuc.example.org/", base);
        std::fs::write(&site, yaml).unwrap();
    }
    let mut child = thutuc()
        .args(["serve", "--port", "0", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(tmp.join("public"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let sink = std::sync::Arc::clone(&log);
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("Serving at ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string();
    Server {
        child,
        url,
        log,
        _tmp: tmp,
    }
}

/// A GET over plain HTTP/1.0: (status, headers, body).
fn get(url: &str, path: &str) -> (u16, String, String) {
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let mut stream = TcpStream::connect(&host).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

#[test]
fn serve_previews_the_site() {
    let server = serve(None);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let (status, head, body) = get(&server.url, "/thu-tuc/dang-ky-khai-sinh/");
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase()
            .contains("content-type: text/html; charset=utf-8")
    );
    assert!(text(&body).contains("Đăng ký khai sinh"));
    // pages link with the local address, so the preview works
    assert!(body.contains(&format!("href={}thu-tuc/dang-ky-khai-sinh/", server.url)));

    let (status, head, _) = get(&server.url, "/thu-tuc/dang-ky-khai-sinh");
    assert_eq!(status, 301);
    assert!(head.contains("/thu-tuc/dang-ky-khai-sinh/"));
    let (status, _, body) = get(&server.url, "/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"));
    let (status, _, _) = get(&server.url, "/../../etc/passwd");
    assert_eq!(status, 404);
    let (status, _, _) = get(
        &server.url,
        "/files/ho-tich/T%E1%BB%9D%20khai%20k%E1%BA%BFt%20h%C3%B4n.txt",
    );
    assert_eq!(status, 200);
    let css = body
        .split("href=/static/")
        .nth(1)
        .and_then(|s| s.split(['>', ' ']).next())
        .unwrap()
        .to_string();
    let (status, head, _) = get(&server.url, &format!("/static/{css}"));
    assert_eq!(status, 200);
    assert!(head.to_lowercase().contains("text/css"));
}

#[test]
fn serve_keeps_the_sub_path() {
    let server = serve(Some("https://example.org/tinh-a/"));
    assert!(server.url.ends_with("/tinh-a/"), "{}", server.url);
    let (status, _, body) = get(&server.url, "/tinh-a/a-z/");
    assert_eq!(status, 200);
    assert!(body.contains("href=/tinh-a/thu-tuc/dang-ky-khai-sinh/"));
    let (status, head, _) = get(&server.url, "/");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /tinh-a/"), "{head}");
    let (status, _, _) = get(&server.url, "/a-z/");
    assert_eq!(status, 404);
}

/// Polls `f` until it returns true, for at most `secs` seconds.
fn within(secs: u64, mut f: impl FnMut() -> bool) -> bool {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

#[test]
fn serve_rebuilds_reloads_and_reports_problems() {
    let server = serve(None);
    let host = server.url.split('/').take(3).collect::<Vec<_>>().join("/");
    let page = "/thu-tuc/dang-ky-khai-sinh/";
    let (_, _, body) = get(&server.url, page);
    assert!(body.contains("/__thutuc/live.js?build=0"), "no live script");
    let (status, _, js) = get(&host, "/__thutuc/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("textContent") && !js.contains("innerHTML"));

    let file = server
        ._tmp
        .join("content/procedures/ho-tich/dang-ky-khai-sinh.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited = original.replacen(
        "title: Đăng ký khai sinh",
        "title: Đăng ký khai sinh EDITED",
        1,
    );
    assert_ne!(edited, original);
    let started = std::time::Instant::now();
    std::fs::write(&file, &edited).unwrap();
    // A new title gives a new address; the A–Z list shows it.
    assert!(within(10, || get(&server.url, "/a-z/")
        .2
        .contains("khai sinh EDITED")));
    eprintln!("edit to served page: {} ms", started.elapsed().as_millis());
    // The status follows once the build has also removed the previous output.
    assert!(within(10, || {
        let (_, _, v) = get(&host, "/__thutuc/version");
        v.contains("\"build\":1") && v.contains("\"problems\":[]")
    }));

    let broken = edited.replacen("\nlevel: ", "\nlevel: khong-co-", 1);
    std::fs::write(&file, &broken).unwrap();
    assert!(within(10, || get(&host, "/__thutuc/version")
        .2
        .contains("khong-co-")));
    let (_, _, v) = get(&host, "/__thutuc/version");
    assert!(
        v.contains("procedures/ho-tich/dang-ky-khai-sinh.md") && v.contains("\"field\":\"level\""),
        "{v}"
    );
    let (status, _, body) = get(&server.url, "/a-z/");
    assert_eq!(status, 200, "the last good build is still served");
    assert!(body.contains("khai sinh EDITED"));

    std::fs::write(&file, &original).unwrap();
    assert!(within(10, || {
        let (_, _, v) = get(&host, "/__thutuc/version");
        v.contains("\"build\":2") && v.contains("\"problems\":[]")
    }));
    // The lists follow with the whole rebuild, after the edited page.
    assert!(within(10, || !get(&server.url, "/a-z/")
        .2
        .contains("khai sinh EDITED")));
}

#[test]
fn serve_shows_an_edited_procedure_before_rebuilding_the_rest() {
    let server = serve(None);
    let page = "/thu-tuc/dang-ky-khai-sinh/";
    let file = server
        ._tmp
        .join("content/procedures/ho-tich/dang-ky-khai-sinh.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited = format!("{original}\nMột câu mới QUICKEDIT.\n");
    std::fs::write(&file, &edited).unwrap();
    assert!(within(10, || get(&server.url, page)
        .2
        .contains("QUICKEDIT")));
    assert!(within(10, || server
        .log
        .lock()
        .unwrap()
        .contains("rebuilt ")));
    let log = server.log.lock().unwrap().clone();
    let quick = log
        .find("updated 1 edited procedure page(s)")
        .unwrap_or_else(|| panic!("no quick update in the log:\n{log}"));
    assert!(quick < log.find("rebuilt ").unwrap(), "{log}");
    // The full rebuild that follows gives the same page.
    assert!(get(&server.url, page).2.contains("QUICKEDIT"));
}

#[test]
fn serve_reloads_after_an_edit_that_is_not_a_procedure() {
    let server = serve(None);
    let host = server.url.split('/').take(3).collect::<Vec<_>>().join("/");
    let file = server._tmp.join("content/agencies/cong-an-xa.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        yaml.replacen("name: Công an xã, phường", "name: Công an RENAMED", 1),
    )
    .unwrap();
    // Nothing to show early: the whole rebuild then reloads the open pages.
    assert!(within(10, || {
        let (_, _, v) = get(&host, "/__thutuc/version");
        v.contains("\"build\":1") && v.contains("\"problems\":[]")
    }));
    assert!(
        get(&server.url, "/co-quan/cong-an-xa/")
            .2
            .contains("Công an RENAMED")
    );
}

#[test]
fn serve_starts_with_problems_and_shows_the_site_once_they_are_fixed() {
    let rel = "procedures/ho-tich/dang-ky-khai-sinh.md";
    let mut original = String::new();
    let server = serve_with(None, |content| {
        original = std::fs::read_to_string(content.join(rel)).unwrap();
        let broken = original.replacen("\nlevel: ", "\nlevel: khong-co-", 1);
        std::fs::write(content.join(rel), broken).unwrap();
    });
    let host = server.url.split('/').take(3).collect::<Vec<_>>().join("/");
    // Every page lists the problems until the first good build, with the live panel.
    let (status, _, body) = get(&server.url, "/thu-tuc/dang-ky-khai-sinh/");
    assert_eq!(status, 503);
    assert!(body.contains(rel) && body.contains("khong-co-"), "{body}");
    assert!(body.contains("/__thutuc/live.js?build=0"), "{body}");
    let (_, _, v) = get(&host, "/__thutuc/version");
    assert!(v.contains("\"field\":\"level\"") && v.contains(rel), "{v}");
    assert!(server.log.lock().unwrap().contains(&format!("{rel}:")));

    std::fs::write(server._tmp.join("content").join(rel), &original).unwrap();
    assert!(within(10, || {
        let (status, _, body) = get(&server.url, "/thu-tuc/dang-ky-khai-sinh/");
        status == 200 && text(&body).contains("Đăng ký khai sinh")
    }));
    let (_, _, v) = get(&host, "/__thutuc/version");
    assert!(
        v.contains("\"build\":1") && v.contains("\"problems\":[]"),
        "{v}"
    );
}

#[test]
fn serve_keeps_serving_when_a_build_fails_for_any_reason() {
    let server = serve(None);
    let host = server.url.split('/').take(3).collect::<Vec<_>>().join("/");
    let page = "/thu-tuc/dang-ky-khai-sinh/";
    // The output folder no longer says thutuc wrote it: the build refuses to replace it.
    let marker = server._tmp.join("public/.thutuc");
    let mark = std::fs::read(&marker).unwrap();
    std::fs::remove_file(&marker).unwrap();
    let file = server
        ._tmp
        .join("content/procedures/ho-tich/dang-ky-khai-sinh.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{original}\nMột câu REFUSED.\n")).unwrap();
    assert!(within(10, || get(&host, "/__thutuc/version")
        .2
        .contains("did not write")));
    let (status, _, body) = get(&server.url, page);
    assert_eq!(status, 200, "the last good build is still served");
    assert!(!body.contains("REFUSED"));
    assert!(
        server
            .log
            .lock()
            .unwrap()
            .contains("still serving the last good build")
    );

    std::fs::write(&marker, mark).unwrap();
    std::fs::write(&file, format!("{original}\nMột câu ACCEPTED.\n")).unwrap();
    assert!(within(10, || get(&server.url, page).2.contains("ACCEPTED")));
}

/// Issue 17's first crash: a body nested 5,000 block quotes deep once aborted the whole
/// process. Now it is a problem in the panel, and the server goes on with the last build.
#[test]
fn serve_keeps_serving_after_a_body_nested_too_deep() {
    let server = serve(None);
    let host = server.url.split('/').take(3).collect::<Vec<_>>().join("/");
    let page = "/thu-tuc/dang-ky-khai-sinh/";
    let file = server
        ._tmp
        .join("content/procedures/ho-tich/dang-ky-khai-sinh.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let deep = format!("{original}\n{} quote NESTED\n", ">".repeat(5_000));
    std::fs::write(&file, deep).unwrap();
    assert!(within(10, || get(&host, "/__thutuc/version")
        .2
        .contains("nested more than")));
    let (status, _, body) = get(&server.url, page);
    assert_eq!(status, 200, "the last good build is still served");
    assert!(!body.contains("NESTED"));

    std::fs::write(&file, format!("{original}\nMột câu FIXED.\n")).unwrap();
    assert!(within(10, || get(&server.url, page).2.contains("FIXED")));
}

#[test]
fn build_output_has_no_live_reload_script() {
    let tmp = TempDir::new("cli-no-live");
    let out = tmp.join("public");
    let ok = build_command(&fixture(), &out).status().unwrap();
    assert!(ok.success());
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("__thutuc"), "{}", entry.path().display());
        }
    }
}
