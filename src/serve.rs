//! `thutuc serve`: build the site for this machine, serve the output folder on
//! 127.0.0.1 so that staff can preview it, and rebuild when the content changes.
//!
//! The site is served under the same path as its `base_url` (`/tinh-a/`), so a preview
//! shows the links exactly as the published site will have them.
//!
//! Building: serve has no pipeline of its own. It keeps one [`Pipeline`] and, on every
//! change the watcher reports ([`watch`]), asks it first for the pages of the edited
//! procedures (swapped in over the last site in a fraction of a second), then for the
//! whole site. The pipeline re-reads and re-parses only the files that changed.
//!
//! Surviving: whatever a build does (content problems, a failed write, a panic), the
//! server keeps serving the last good build and shows the problems in the terminal and
//! in a panel on the open pages. When the content has problems from the start, it serves
//! a page listing them until the first good build.
//!
//! Live reload: HTML pages served by this server (never the files `thutuc build` writes)
//! get one `<script src="/__thutuc/live.js?build=N">`. It long-polls
//! `/__thutuc/version?since=G`, which answers when the state changes: a new build
//! reloads the page; a failed build shows a panel listing the problems.

use crate::Error;
use crate::build::{Options, Pipeline, Report};
use crate::diagnostics::Diagnostic;
use crate::progress::Progress;
use crate::render::base_path;
use std::io::IsTerminal;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

mod files;
mod http;
mod watch;
use http::{Reply, Request};

pub use watch::POLL;

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
    /// The site's path (`/tinh-a/`) once a build has succeeded; until then only the
    /// problems are served.
    base: Option<String>,
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
/// killed. Only a port that cannot be had or a content folder that cannot be watched
/// stops it: problems in the content are shown, not fatal.
pub fn serve(content: &Path, output: &Path, port: u16) -> Result<(), Error> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Error::Io(std::io::Error::other(format!("127.0.0.1:{port}: {e}"))))?;
    let port = listener.local_addr().map_or(port, |addr| addr.port());
    let origin = format!("http://127.0.0.1:{port}");
    let options = Options {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
    };
    // Started before the first build, so that an edit made during it is seen.
    let changes = watch::Changes::start(content, output).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", content.display()),
        ))
    })?;
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let shared = Arc::new(Shared::default());
    let mut pipeline = Pipeline::served_at(&options, &origin);
    match run(&mut pipeline, &options, |p| {
        p.build(None, &Progress::hidden())
    }) {
        Ok(report) => {
            eprintln!(
                "built {} procedures into {} (a preview: run `thutuc build` before publishing)",
                report.procedures,
                output.display()
            );
            shared.lock().base = Some(base_path(&report.base_url));
        }
        Err(e) => {
            report_failure(&e, content, colour);
            eprintln!("serving a page that lists the problems until they are fixed");
            publish(&shared, Err(&e));
        }
    }
    eprintln!(
        "watching {} for changes ({})",
        content.display(),
        changes.how
    );
    let base = shared.lock().base.clone().unwrap_or_else(|| "/".into());
    println!("Serving at {origin}{base}");

    {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("thutuc-watch".into())
            .spawn(move || rebuild_on_change(&changes, pipeline, &options, &shared, colour))
            .map_err(Error::Io)?;
    }
    let root = output.to_path_buf();
    let handler: http::Handler = Arc::new(move |request: &Request| {
        if request.target.starts_with("/__thutuc/version") {
            // Held open until something changes (each connection has its own thread).
            return version(&request.target, &shared);
        }
        let raw_path = request.target.split(['?', '#']).next().unwrap_or("/");
        if raw_path == format!("{LIVE}live.js") {
            let js = LIVE_JS.as_bytes().to_vec();
            return files::reply(200, js, "text/javascript; charset=utf-8");
        }
        let (build, base) = {
            let status = shared.lock();
            (status.build, status.base.clone())
        };
        let reply = match base {
            Some(base) => files::respond(request, &root, &base),
            None => problems_page(&shared.lock().problems),
        };
        if reply.content_type.starts_with("text/html") {
            Reply {
                body: inject(reply.body, build),
                ..reply
            }
        } else {
            reply
        }
    });
    http::run(listener, handler).map_err(Error::Io)
}

/// Runs one request to the pipeline; a panic inside becomes an error, and the
/// pipeline starts afresh (what it kept may be half-updated).
fn run<T>(
    pipeline: &mut Pipeline,
    options: &Options,
    job: impl FnOnce(&mut Pipeline) -> Result<T, Error>,
) -> Result<T, Error> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(pipeline)));
    result.unwrap_or_else(|panic| {
        let origin = pipeline.origin().to_string();
        *pipeline = Pipeline::served_at(options, &origin);
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::Internal(format!("the build stopped: {what}")))
    })
}

/// The watcher thread: updates the site when the content changes, forever.
fn rebuild_on_change(
    changes: &watch::Changes,
    mut pipeline: Pipeline,
    options: &Options,
    shared: &Shared,
    colour: bool,
) {
    loop {
        let batch = changes.next();
        let mut shown = false;
        if let Some(files) = &batch.files {
            match run(&mut pipeline, options, |p| p.update_pages(files)) {
                Ok(update) if update.pages == 0 => {}
                Ok(update) => {
                    eprintln!(
                        "updated {} edited procedure page(s) {} ms after the change was seen ({}); rebuilding the rest",
                        update.pages,
                        batch.seen.elapsed().as_millis(),
                        steps(&update.steps)
                    );
                    publish(shared, Ok(None));
                    shown = true;
                }
                Err(e) => {
                    report_failure(&e, &options.content, colour);
                    publish(shared, Err(&e));
                    continue;
                }
            }
        }
        let started = Instant::now();
        let files = batch.files.as_ref();
        match run(&mut pipeline, options, |p| {
            p.build(files, &Progress::hidden())
        }) {
            Ok(report) => {
                eprintln!(
                    "rebuilt {} procedures in {} ms ({} ms after the change was seen; {})",
                    report.procedures,
                    started.elapsed().as_millis(),
                    batch.seen.elapsed().as_millis(),
                    steps(&report.steps)
                );
                if shown {
                    // The edited page reloaded already; the rest follows without a reload.
                    shared.lock().base = Some(base_path(&report.base_url));
                } else {
                    publish(shared, Ok(Some(&report)));
                }
            }
            Err(e) => {
                report_failure(&e, &options.content, colour);
                publish(shared, Err(&e));
            }
        }
    }
}

/// Named steps and their times, for the log: `check 90 ms, render 30 ms`.
fn steps(steps: &[(&str, Duration)]) -> String {
    let steps: Vec<String> = steps
        .iter()
        .map(|(name, took)| format!("{name} {} ms", took.as_millis()))
        .collect();
    steps.join(", ")
}

/// Tells the open pages: a new good build (they reload), or the problems of a failed one.
fn publish(shared: &Shared, result: Result<Option<&Report>, &Error>) {
    let mut status = shared.lock();
    status.generation += 1;
    match result {
        Ok(report) => {
            status.build += 1;
            status.problems.clear();
            if let Some(report) = report {
                status.base = Some(base_path(&report.base_url));
            }
        }
        Err(e) => status.problems = problems(e),
    }
    drop(status);
    shared.changed.notify_all();
}

fn report_failure(e: &Error, content: &Path, colour: bool) {
    match e {
        Error::Content(diagnostics) => eprint!(
            "{}",
            crate::content::report::render(diagnostics, content, colour)
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

/// Every page until the first good build: the problems, listed by the same panel as on
/// the site's pages (and in the page itself, for a browser without JavaScript).
fn problems_page(problems: &[serde_json::Value]) -> Reply {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let items: String = problems
        .iter()
        .map(|p| {
            let text = |k: &str| p[k].as_str().unwrap_or_default().to_string();
            let place = match text("file").as_str() {
                "" => String::new(),
                file => format!("{file}:{}:{}: ", p["line"], p["column"]),
            };
            let field = match text("field").as_str() {
                "" => String::new(),
                field => format!("{field}: "),
            };
            format!(
                "<li>{}</li>",
                escape(&format!("{place}{field}{}", text("message")))
            )
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=en><meta charset=utf-8>\
         <meta name=viewport content=\"width=device-width,initial-scale=1\">\
         <title>thutuc: the content has problems</title>\
         <body><main><h1>The content has problems</h1>\
         <p>The site shows here once they are fixed; this page follows by itself.</p>\
         <noscript><ol>{items}</ol></noscript></main></body></html>"
    );
    files::reply(503, html.into_bytes(), "text/html; charset=utf-8")
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
    files::reply(200, body.to_string().into_bytes(), "application/json")
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_problems_page_escapes_what_it_lists() {
        let e = Error::Content(vec![Diagnostic {
            file: "procedures/a.md".into(),
            pos: crate::diagnostics::Pos { line: 3, column: 1 },
            field: "body".into(),
            message: "<script> is not allowed".into(),
        }]);
        let page = String::from_utf8(problems_page(&problems(&e)).body).unwrap();
        assert!(
            page.contains("procedures/a.md:3:1: body: &lt;script&gt; is not allowed"),
            "{page}"
        );
    }
}
