//! `thutuc serve`: build the site for this machine, serve the output folder on
//! 127.0.0.1 so that staff can preview it, and rebuild when the content changes.
//!
//! The site is served under the same path as its `base_url` (`/tinh-a/`), so a preview
//! shows the links exactly as the published site will have them.
//!
//! Watching: a thread looks at the modification time and size of every file under the
//! content folder every [`POLL`] (no watcher crate: a walk of 10,000 files is cheap and
//! works the same on every system and network drive). When something changed and has
//! stayed still for one more poll, it runs the whole [`build`](build::build) again. The
//! theme is compiled into the binary, so only `content/` is watched.
//!
//! Live reload: HTML pages served by this server (never the files `thutuc build` writes)
//! get one `<script src="/__thutuc/live.js?build=N">`. It long-polls
//! `/__thutuc/version?since=G`, which answers when the state changes: a new build
//! reloads the page; a failed build shows a panel listing the problems, while the server
//! keeps serving the last good build (a failed build never touches the output folder).

use crate::Error;
use crate::build::{self, Options};
use crate::diagnostics::Diagnostic;
use crate::render::base_path;
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

mod http;
use http::{Reply, Request};

/// How often the watcher looks at the content folder.
pub const POLL: Duration = Duration::from_millis(200);
/// After a change, how long the folder must stay still before the rebuild starts (an
/// editor saving, a `git checkout` writing many files).
const SETTLE: Duration = Duration::from_millis(50);
/// How long `/__thutuc/version` holds a request open when nothing changes.
const LONG_POLL: Duration = Duration::from_secs(25);
/// The path of the live-reload endpoints, outside any site's base path.
const LIVE: &str = "/__thutuc/";
const LIVE_JS: &str = include_str!("serve/live.js");

/// What the browser pages are told: the last good build and the current problems.
#[derive(Debug, Default)]
struct Status {
    /// Changes on every rebuild, good or bad.
    generation: u64,
    /// The number of the last good build that is being served.
    build: u64,
    /// The problems of the last build; empty when it succeeded.
    problems: Vec<serde_json::Value>,
}

#[derive(Default)]
struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Builds `content` into `output` with a local base URL, serves it, and rebuilds on
/// every change. `port` 0 takes any free port. Prints the address, then serves until
/// killed.
pub fn serve(content: &Path, output: &Path, port: u16) -> Result<(), Error> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Error::Io(std::io::Error::other(format!("127.0.0.1:{port}: {e}"))))?;
    let port = listener.local_addr().map_or(port, |addr| addr.port());
    let site = crate::check(content)?.site;
    let base = base_path(&site.base_url);
    let base_url = format!("http://127.0.0.1:{port}{base}");
    let options = Options {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        base_url: Some(base_url.clone()),
    };
    // Taken before the first build, so that an edit made during it is seen.
    let snapshot = Snapshot::take(content, output);
    let report = build::build(&options)?;
    eprintln!(
        "built {} procedures into {} (a preview: run `thutuc build` before publishing)",
        report.procedures,
        output.display()
    );
    eprintln!("watching {} for changes", content.display());
    println!("Serving at {base_url}");

    let shared = Arc::new(Shared::default());
    {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("thutuc-watch".into())
            .spawn(move || watch(&options, snapshot, &shared))
            .map_err(Error::Io)?;
    }
    let root = output.to_path_buf();
    let handler: http::Handler = Arc::new(move |request: &Request| {
        if request.target.starts_with("/__thutuc/version") {
            // Held open until something changes (each connection has its own thread).
            return version(&request.target, &shared);
        }
        let build = shared.lock().build;
        respond(request, &root, &base, build)
    });
    http::run(listener, handler).map_err(Error::Io)
}

/// The modification time and size of every file under the content folder.
#[derive(PartialEq, Eq, Default)]
struct Snapshot(HashMap<PathBuf, (Option<SystemTime>, u64)>);

impl Snapshot {
    /// The files (relative to `content`, `/`-separated) added, changed or removed since `old`.
    fn changed_since(&self, old: &Snapshot, content: &Path) -> HashSet<String> {
        let added_or_changed = self.0.iter().filter(|(p, s)| old.0.get(*p) != Some(*s));
        let removed = old.0.keys().filter(|p| !self.0.contains_key(*p));
        added_or_changed
            .map(|(p, _)| p)
            .chain(removed)
            .filter_map(|p| p.strip_prefix(content).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect()
    }

    fn take(content: &Path, output: &Path) -> Snapshot {
        let output = std::fs::canonicalize(output).unwrap_or_else(|_| output.to_path_buf());
        let files = walkdir::WalkDir::new(content)
            .into_iter()
            .filter_entry(|e| {
                // Editors' hidden swap files, and an output folder kept inside content/.
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_output = e.file_type().is_dir()
                    && std::fs::canonicalize(e.path()).is_ok_and(|p| p == output);
                !hidden && !is_output
            })
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().ends_with('~'))
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                Some((e.into_path(), (meta.modified().ok(), meta.len())))
            })
            .collect();
        Snapshot(files)
    }
}

/// The watcher thread: rebuilds when the content changes, forever.
///
/// An edit shows in two steps. First the catalogue is checked again, parsing only the
/// files that changed, and the edited procedures' pages are written straight into the
/// served folder: a fraction of a second at 10,000 procedures. Then the whole site is
/// built and swapped in as `thutuc build` does, for the lists, the search index and the
/// rest; the open pages reload after the first step only.
fn watch(options: &Options, mut last: Snapshot, shared: &Shared) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut state = Quick::default();
    // Read and parse every file once now, so that the first edit is quick too.
    let _ = quick_update(options, &mut state, &HashSet::new());
    loop {
        std::thread::sleep(POLL);
        let mut now = Snapshot::take(&options.content, &options.output);
        if now == last {
            continue;
        }
        let seen = Instant::now();
        // Debounce: wait until a save of several files (or a slow editor) is over.
        let quiet_by = seen + Duration::from_secs(2);
        loop {
            std::thread::sleep(SETTLE);
            let again = Snapshot::take(&options.content, &options.output);
            let still = again == now;
            now = again;
            if still || Instant::now() > quiet_by {
                break;
            }
        }
        let changed = now.changed_since(&last, &options.content);
        last = now;
        let shown = match quick_update(options, &mut state, &changed) {
            Ok(0) => false,
            Ok(pages) => {
                eprintln!(
                    "updated {pages} edited procedure page(s) {} ms after the change was seen ({} ms to check, {} ms to render); rebuilding the rest",
                    seen.elapsed().as_millis(),
                    state.checked.as_millis(),
                    state.rendered.as_millis()
                );
                publish(shared, Ok(()));
                true
            }
            Err(e) => {
                report_failure(&e, options, colour);
                publish(shared, Err(&e));
                continue;
            }
        };
        let started = Instant::now();
        match build::build(options) {
            Ok(report) => {
                eprintln!(
                    "rebuilt {} procedures in {} ms ({} ms after the change was seen)",
                    report.procedures,
                    started.elapsed().as_millis(),
                    seen.elapsed().as_millis()
                );
                // No edited procedure page was shown early (an agency, a list, a new file):
                // the open pages reload now.
                if !shown {
                    publish(shared, Ok(()));
                }
            }
            Err(e) => {
                report_failure(&e, options, colour);
                publish(shared, Err(&e));
            }
        }
    }
}

/// What the quick update keeps between edits: the content files as last read, and what
/// each decoded to.
#[derive(Default)]
struct Quick {
    sources: Option<crate::content::Sources>,
    cache: crate::catalogue::Cache,
    /// How long the last update took to check the content, and to render.
    checked: Duration,
    rendered: Duration,
}

/// Checks the content again (reading and parsing only what changed) and renders the
/// pages of the procedures whose files are in `changed` into the served folder. Returns
/// how many procedures it rendered: none when no procedure file was edited.
fn quick_update(
    options: &Options,
    state: &mut Quick,
    changed: &HashSet<String>,
) -> Result<usize, Error> {
    let started = Instant::now();
    let sources = match state.sources.take() {
        Some(previous) => crate::content::reload(previous, changed),
        None => Err(crate::content::Sources::default()),
    };
    let sources = match sources {
        Ok(sources) => sources,
        Err(_) => crate::content::load(&options.content).map_err(Error::Io)?,
    };
    let checked = crate::catalogue::build_cached(&sources, &mut state.cache, changed);
    state.sources = Some(sources);
    let catalogue = checked.map_err(Error::Content)?;
    state.checked = started.elapsed();
    let started = Instant::now();
    let codes: HashSet<&str> = catalogue
        .procedures
        .iter()
        .filter(|p| changed.contains(&p.source))
        .map(|p| p.code.as_str())
        .collect();
    if codes.is_empty() {
        return Ok(0);
    }
    let form_sizes = catalogue
        .forms
        .iter()
        .filter_map(|f| {
            Some((
                f.clone(),
                std::fs::metadata(options.content.join(f)).ok()?.len(),
            ))
        })
        .collect();
    let base_url = options.base_url.clone().unwrap_or_default();
    let write = |rel: &str, bytes: &[u8]| {
        let path = options.output.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, bytes)
    };
    crate::render::render_procedures(&catalogue, &base_url, &form_sizes, &codes, &write)
        .map_err(Error::from)?;
    state.rendered = started.elapsed();
    Ok(codes.len())
}

/// Tells the open pages: a new good build (they reload), or the problems of a failed one.
fn publish(shared: &Shared, result: Result<(), &Error>) {
    let mut status = shared.lock();
    status.generation += 1;
    match result {
        Ok(()) => {
            status.build += 1;
            status.problems.clear();
        }
        Err(e) => status.problems = problems(e),
    }
    drop(status);
    shared.changed.notify_all();
}

fn report_failure(e: &Error, options: &Options, colour: bool) {
    match e {
        Error::Content(diagnostics) => eprint!(
            "{}",
            crate::diagnostics::render(diagnostics, &options.content, colour)
        ),
        other => eprintln!("error: {other}"),
    }
    eprintln!("the build failed; still serving the last good build");
}

fn problems(error: &Error) -> Vec<serde_json::Value> {
    let one = |d: &Diagnostic| {
        serde_json::json!({
            "file": d.file,
            "line": d.pos.line,
            "column": d.pos.column,
            "field": d.field,
            "message": d.message,
        })
    };
    match error {
        Error::Content(diagnostics) => diagnostics.iter().map(one).collect(),
        other => vec![serde_json::json!({
            "file": "", "line": 0, "column": 0, "field": "", "message": other.to_string(),
        })],
    }
}

/// `/__thutuc/version?since=G`: the status as JSON, once its generation is not `G`
/// (at once without `since`), or after [`LONG_POLL`] in any case.
fn version(url: &str, shared: &Shared) -> Reply {
    let since = url
        .split_once("since=")
        .and_then(|(_, v)| v.split('&').next()?.parse::<u64>().ok());
    let deadline = Instant::now() + LONG_POLL;
    let mut status = shared.lock();
    while Some(status.generation) == since {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        status = shared
            .changed
            .wait_timeout(status, left)
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    let body = serde_json::json!({
        "generation": status.generation,
        "build": status.build,
        "problems": status.problems,
    });
    reply(200, body.to_string().into_bytes(), "application/json")
}

/// The live-reload script tag for a page of build `build`.
fn live_tag(build: u64) -> String {
    format!("<script src=\"{LIVE}live.js?build={build}\"></script>")
}

/// Adds the live-reload script to an HTML page (before `</body>` if the minifier kept it).
fn inject(mut html: Vec<u8>, build: u64) -> Vec<u8> {
    let tag = live_tag(build);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.bytes());
    html
}

fn reply(status: u16, body: Vec<u8>, content_type: &'static str) -> Reply {
    Reply {
        status,
        content_type,
        body,
        location: None,
    }
}

fn redirect(to: &str) -> Reply {
    Reply {
        location: Some(to.to_string()),
        ..http::plain(301, "")
    }
}

fn respond(request: &Request, root: &Path, base: &str, build: u64) -> Reply {
    let raw_path = request.target.split(['?', '#']).next().unwrap_or("/");
    if raw_path == format!("{LIVE}live.js") {
        return reply(
            200,
            LIVE_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        );
    }
    let Some(path) = percent_decode(raw_path) else {
        return not_found(root, build);
    };
    // `/` and `/tinh-a` lead to the site at `/tinh-a/`.
    if base != "/" && (path == "/" || format!("{path}/") == base) {
        return redirect(base);
    }
    let Some(rel) = path.strip_prefix(base) else {
        return not_found(root, build);
    };
    match resolve(root, rel) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let bytes = if kind.starts_with("text/html") {
                    inject(bytes, build)
                } else {
                    bytes
                };
                reply(200, bytes, kind)
            }
            Err(_) => not_found(root, build),
        },
        Resolved::AddSlash => redirect(&format!("{raw_path}/")),
        Resolved::Missing => not_found(root, build),
    }
}

enum Resolved {
    File(PathBuf),
    AddSlash,
    Missing,
}

/// The file for a decoded path under the site root; no way out of `root`.
fn resolve(root: &Path, rel: &str) -> Resolved {
    let safe = rel
        .split('/')
        .all(|seg| seg != ".." && seg != "." && !seg.contains(['\\', '\0']));
    if !safe {
        return Resolved::Missing;
    }
    let path = root.join(rel.trim_start_matches('/'));
    if path.is_dir() {
        if rel.is_empty() || rel.ends_with('/') {
            let index = path.join("index.html");
            return if index.is_file() {
                Resolved::File(index)
            } else {
                Resolved::Missing
            };
        }
        return Resolved::AddSlash;
    }
    if path.is_file() {
        Resolved::File(path)
    } else {
        Resolved::Missing
    }
}

fn not_found(root: &Path, build: u64) -> Reply {
    let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"404\n".to_vec());
    reply(404, inject(body, build), "text/html; charset=utf-8")
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_confines_paths() {
        assert_eq!(percent_decode("/a%20b/").as_deref(), Some("/a b/"));
        assert_eq!(percent_decode("/%zz"), None);
        let root = std::env::temp_dir();
        assert!(matches!(resolve(&root, "../etc/passwd"), Resolved::Missing));
        assert!(matches!(resolve(&root, "a/../../x"), Resolved::Missing));
    }

    #[test]
    fn injects_the_script_before_the_end_of_the_body() {
        let page = inject(b"<p>a</p></body></html>".to_vec(), 3);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<p>a</p><script src=\"/__thutuc/live.js?build=3\"></script></body></html>"
        );
        let page = inject(b"<p>a".to_vec(), 0);
        assert!(
            String::from_utf8(page)
                .unwrap()
                .ends_with("build=0\"></script>")
        );
    }
}
