//! The files of the output folder, as the preview serves them: the site under its base
//! path, folders as their `index.html`, nothing outside the folder.

use super::http::{self, Reply, Request};
use std::path::{Path, PathBuf};

pub fn reply(status: u16, body: Vec<u8>, content_type: &'static str) -> Reply {
    Reply {
        status,
        content_type,
        body,
        location: None,
    }
}

pub fn redirect(to: &str) -> Reply {
    Reply {
        location: Some(to.to_string()),
        ..http::plain(301, "")
    }
}

/// The file `request` asks for under `root`, the site at `base` (`/tinh-a/`).
pub fn respond(request: &Request, root: &Path, base: &str) -> Reply {
    let raw_path = request.target.split(['?', '#']).next().unwrap_or("/");
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
