//! Helpers shared by the integration tests: temporary folders, builds of the fixture
//! catalogue, and a small reader for the minified HTML that the site is made of.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

/// A folder under the system's temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("thutuc-test-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    /// A folder for a fixture kept in a `static` for the whole run, which is never dropped:
    /// the folders that runs already finished left behind (their process is gone) are
    /// removed first.
    pub fn for_the_run(name: &str) -> TempDir {
        let prefix = format!("thutuc-test-{name}-");
        if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
            for entry in entries.flatten() {
                let file_name = entry.file_name();
                let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
                    continue;
                };
                let pid = rest.split('-').next().unwrap_or("");
                let finished = pid.parse::<u32>().is_ok()
                    && Path::new("/proc/self").exists()
                    && !Path::new("/proc").join(pid).exists();
                if finished {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        TempDir::new(name)
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Builds `content` into `<tmp>/public`.
pub fn build(
    content: &Path,
    tmp: &TempDir,
    base_url: Option<&str>,
) -> Result<PathBuf, thutuc::Error> {
    let output = tmp.join("public");
    thutuc::build(&thutuc::BuildOptions {
        content: content.to_path_buf(),
        output: output.clone(),
        base_url: base_url.map(str::to_string),
    })?;
    Ok(output)
}

/// The fixture, built once per call into a fresh folder.
pub fn built_fixture(name: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(name);
    let out = build(&fixture(), &tmp, None).expect("the fixture builds");
    (tmp, out)
}

/// Every file under `dir`, by its `/`-separated relative path, with its bytes.
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("dir entry");
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("inside root");
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One start tag: its name and attributes, values unescaped.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of an HTML page, quoted or unquoted attributes alike (the pages are
/// minified). Comments and the insides of `<script>` and `<style>` are skipped.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let s = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let attr = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    let ve = html[vs..].find(char::from(q)).map_or(b.len(), |e| vs + e);
                    value = html[vs..ve].to_string();
                    i = ve + 1;
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[vs..i].to_string();
                }
            }
            attrs.push((attr, unescape(&value)));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i.min(b.len())..]
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
        out.push(Tag { name, attrs });
    }
    out
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// What a reader sees: the text of the page without tags, spaces collapsed.
pub fn text(html: &str) -> String {
    let body = html.find("<body").map_or(html, |i| &html[i..]);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = unescape(&out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that `needles` appear in `haystack` in this order.
#[track_caller]
pub fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match haystack[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("\"{n}\" is missing, or not after the previous one, in:\n{haystack}"),
        }
    }
}

#[track_caller]
pub fn assert_has(haystack: &str, needles: &[&str]) {
    for n in needles {
        assert!(haystack.contains(n), "\"{n}\" is missing in:\n{haystack}");
    }
}

/// Percent-decodes a URL path.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Checks every link of every HTML page under `out` (and the sitemap): a link into the
/// site must start with `base_path` and name a file that exists, and a `#fragment` an id
/// on that page. External links are not fetched. Returns the problems found.
pub fn check_links(out: &Path, base_url: &str) -> Vec<String> {
    let base_path = {
        let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        rest.find('/')
            .map_or("/".to_string(), |i| rest[i..].to_string())
    };
    let files = all_files(out);
    let mut ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut pages: BTreeMap<&str, Vec<Tag>> = BTreeMap::new();
    for (rel, bytes) in &files {
        if rel.ends_with(".html") {
            let html = std::str::from_utf8(bytes).expect("UTF-8 page");
            let t = tags(html);
            ids.insert(
                rel,
                t.iter()
                    .filter_map(|t| t.attr("id").map(str::to_string))
                    .collect(),
            );
            pages.insert(rel, t);
        }
    }
    let mut problems = Vec::new();
    let check = |page: &str, what: &str, url: &str| -> Option<String> {
        let problem = |why: &str| Some(format!("{page}: {what}=\"{url}\" {why}"));
        if let Some(frag) = url.strip_prefix('#') {
            let known = ids.get(page).is_some_and(|i| i.iter().any(|x| x == frag));
            return if frag.is_empty() || known {
                None
            } else {
                problem("names no id on this page")
            };
        }
        let lower = url.to_ascii_lowercase();
        if ["mailto:", "tel:", "data:"]
            .iter()
            .any(|s| lower.starts_with(s))
        {
            return None;
        }
        let path = if let Some(inside) = url.strip_prefix(base_url) {
            format!("{base_path}{inside}")
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            return None; // another site
        } else if url.starts_with("//") || !url.starts_with('/') {
            return problem("is not a root-relative or absolute link");
        } else {
            url.to_string()
        };
        let Some(rel) = path.strip_prefix(base_path.as_str()) else {
            return problem(&format!("escapes the site's path {base_path}"));
        };
        let (rel, frag) = rel.split_once('#').unwrap_or((rel, ""));
        let rel = rel.split('?').next().unwrap_or(rel);
        let rel = decode(rel);
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel
        };
        if !files.contains_key(&file) {
            problem(&format!("points to {file}, which does not exist"))
        } else if !frag.is_empty()
            && !ids
                .get(file.as_str())
                .is_some_and(|i| i.iter().any(|x| x == frag))
        {
            problem(&format!("names #{frag}, which {file} does not have"))
        } else {
            None
        }
    };
    for (page, tags) in &pages {
        for tag in tags {
            for attr in ["href", "src", "action"] {
                if let Some(url) = tag.attr(attr) {
                    problems.extend(check(page, attr, url));
                }
            }
            if tag.name == "meta" && tag.attr("http-equiv") == Some("refresh") {
                let content = tag.attr("content").unwrap_or("");
                let url = content.split_once("url=").map_or("", |(_, u)| u);
                problems.extend(check(page, "refresh", url));
            }
        }
    }
    if let Some(sitemap) = files.get("sitemap.xml") {
        let xml = String::from_utf8_lossy(sitemap);
        for loc in xml.split("<loc>").skip(1) {
            let url = loc.split("</loc>").next().unwrap_or("");
            if !url.starts_with(base_url) {
                problems.push(format!("sitemap.xml: {url} is not under {base_url}"));
            } else {
                problems.extend(check("sitemap.xml", "loc", url));
            }
        }
    }
    problems
}

/// What the interface of a page says: the text of its body and its interface attributes
/// (`aria-label`, `title`, `alt`, `placeholder`), leaving out every element marked
/// `lang="vi"` (content) and what it holds. The pages are minified, so end tags that HTML
/// lets go unwritten (`</p>`, `</li>`, `</td>` …) are implied here as a browser does.
pub fn interface_parts(html: &str) -> Vec<String> {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    // Start tags that close an open <p>.
    const CLOSES_P: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ];
    // For an element whose end tag may be left out: the elements that may close it when
    // they start, and the containers it cannot be closed across.
    fn implied(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
        Some(match name {
            "li" => (&["li"], &["ul", "ol"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl"]),
            "tr" => (&["tr", "td", "th"], &["table", "thead", "tbody", "tfoot"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => {
                (&["thead", "tbody", "tfoot", "tr", "td", "th"], &["table"])
            }
            "option" => (&["option"], &["select"]),
            _ => return None,
        })
    }
    let mut out = Vec::new();
    // Open elements: name, and whether they are (inside) content.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut in_body = false;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            break;
        };
        let text = &rest[..lt];
        let content = stack.last().is_some_and(|(_, vi)| *vi);
        if in_body && !content && !text.trim().is_empty() {
            out.push(unescape(text));
        }
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let end = tag_end(rest);
        let raw = &rest[..end];
        rest = &rest[end..];
        if let Some(name) = raw.strip_prefix("</") {
            let name = name.trim_end_matches('>').trim().to_ascii_lowercase();
            if let Some(i) = stack.iter().rposition(|(n, _)| *n == name) {
                stack.truncate(i);
            }
            continue;
        }
        let Some(tag) = tags(raw).into_iter().next() else {
            continue; // `<!doctype …>`, or a lone `<`
        };
        let name = tag.name.clone();
        if name == "body" {
            in_body = true;
        }
        if CLOSES_P.contains(&name.as_str()) && stack.last().is_some_and(|(n, _)| n == "p") {
            stack.pop();
        }
        if let Some((closes, containers)) = implied(&name) {
            let open = stack
                .iter()
                .rposition(|(n, _)| closes.contains(&n.as_str()));
            let container = stack
                .iter()
                .rposition(|(n, _)| containers.contains(&n.as_str()));
            if let Some(i) = open.filter(|i| container.is_none_or(|c| c < *i)) {
                stack.truncate(i);
            }
        }
        let parent = stack.last().is_some_and(|(_, vi)| *vi);
        let content = match tag.attr("lang") {
            Some(lang) => lang.starts_with("vi"),
            None => parent,
        };
        if !content {
            for attr in ["aria-label", "title", "alt", "placeholder"] {
                if let Some(v) = tag.attr(attr) {
                    out.push(v.to_string());
                }
            }
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |i| &rest[i..]);
            continue;
        }
        if !VOID.contains(&name.as_str()) && !raw.ends_with("/>") {
            stack.push((name, content));
        }
    }
    out
}

/// The length of the tag at the start of `s`, up to its `>` outside quotes.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// A fresh folder under `$THUTUC_TEST_SCRATCH` (for worktrees sharing one target folder), or
/// cargo's target tmp folder.
pub fn scratch(name: &str) -> PathBuf {
    let root = std::env::var_os("THUTUC_TEST_SCRATCH")
        .map_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")), PathBuf::from);
    let dir = root.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear scratch dir");
    }
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Runs `command`, which must succeed; its standard output.
pub fn run(command: &mut std::process::Command) -> String {
    let out = command.output().expect("run command");
    assert!(
        out.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}
