//! `thutuc serve`: build the site for this machine, then serve the output folder on
//! 127.0.0.1 so that staff can preview it. Live reload comes later.
//!
//! The site is served under the same path as its `base_url` (`/tinh-a/`), so a preview
//! shows the links exactly as the published site will have them.

use crate::Error;
use crate::build::{self, Options};
use crate::render::base_path;
use std::io::Read;
use std::path::{Path, PathBuf};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// Builds `options.content` into `options.output` with a local base URL and serves it.
/// `port` 0 takes any free port. Prints the address, then serves until killed.
pub fn serve(content: &Path, output: &Path, port: u16) -> Result<(), Error> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| Error::Io(std::io::Error::other(format!("127.0.0.1:{port}: {e}"))))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(port, |addr| addr.port());
    let site = crate::check(content)?.site;
    let base = base_path(&site.base_url);
    let base_url = format!("http://127.0.0.1:{port}{base}");
    let report = build::build(&Options {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        base_url: Some(base_url.clone()),
    })?;
    eprintln!(
        "built {} procedures into {} (a preview: run `thutuc build` before publishing)",
        report.procedures,
        output.display()
    );
    println!("Serving at {base_url}");
    let root = output.to_path_buf();
    for request in server.incoming_requests() {
        let response = respond(&request, &root, &base);
        // A client that went away is no reason to stop serving.
        let _ = request.respond(response);
    }
    Ok(())
}

type Reply = Response<Box<dyn Read + Send>>;

fn reply(status: u16, body: Vec<u8>, content_type: &str) -> Reply {
    let len = body.len();
    Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
        ],
        Box::new(std::io::Cursor::new(body)) as Box<dyn Read + Send>,
        Some(len),
        None,
    )
}

fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII constants or paths we percent-decoded and checked.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("ASCII header")
    })
}

fn redirect(to: &str) -> Reply {
    let mut r = reply(301, Vec::new(), "text/plain; charset=utf-8");
    r.add_header(header("Location", to));
    r
}

fn respond(request: &Request, root: &Path, base: &str) -> Reply {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return reply(
            405,
            b"405 method not allowed\n".to_vec(),
            "text/plain; charset=utf-8",
        );
    }
    let raw_path = request.url().split(['?', '#']).next().unwrap_or("/");
    let Some(path) = percent_decode(raw_path) else {
        return not_found(root);
    };
    // `/` and `/tinh-a` lead to the site at `/tinh-a/`.
    if base != "/" && (path == "/" || format!("{path}/") == base) {
        return redirect(base);
    }
    let Some(rel) = path.strip_prefix(base) else {
        return not_found(root);
    };
    match resolve(root, rel) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => reply(200, bytes, content_type(&file)),
            Err(_) => not_found(root),
        },
        Resolved::AddSlash => redirect(&format!("{raw_path}/")),
        Resolved::Missing => not_found(root),
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

fn not_found(root: &Path) -> Reply {
    let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"404\n".to_vec());
    reply(404, body, "text/html; charset=utf-8")
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
}
