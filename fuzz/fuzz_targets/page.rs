#![no_main]
//! A whole page from any procedure file: through `check` (the catalogue) and, when it
//! passes, page rendering (Markdown, sanitising, templates, minification). Whatever the
//! input, no panic and no abort; and content that passed `check` renders.
//!
//! An input that starts with `---` is the whole file, front matter and body; any other
//! input is the body of a valid procedure, which reaches rendering far more often.
use libfuzzer_sys::fuzz_target;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, OnceLock};
use thutuc::catalogue;
use thutuc::content::{self, Kind, SourceFile, Sources};

const FILE: &str = "procedures/dang-ky-thuong-tru.md";
const FRONT_MATTER: &str = "---\ncode: \"1.004222\"\ntitle: Đăng ký thường trú\nlevel: [xa]\n\
field: cu-tru\nagency: ubnd-xa-an-hiep\nresult: Cập nhật thông tin thường trú\n---\n";

fn valid_catalogue() -> &'static Sources {
    static VALID: OnceLock<Sources> = OnceLock::new();
    VALID.get_or_init(|| {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
        content::load(&base).expect("the valid fixture loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = if data.starts_with(b"---") {
        data.to_vec()
    } else {
        [FRONT_MATTER.as_bytes(), data].concat()
    };
    let Ok(text) = content::decode_text(text) else { return };
    let mut sources = valid_catalogue().clone();
    sources.files.retain(|f| f.rel != FILE);
    sources.files.push(SourceFile { rel: FILE.to_string(), kind: Kind::Procedure, text });
    sources.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    let catalogue = match catalogue::build(&sources) {
        Ok(catalogue) => catalogue,
        Err(problems) => {
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|p| p.pos.line >= 1 && p.pos.column >= 1 && !p.file.is_empty()));
            return;
        }
    };
    let Some(procedure) = catalogue.procedures.iter().find(|p| p.source == FILE) else {
        panic!("the checked catalogue lost {FILE}");
    };
    let codes: HashSet<&str> = [procedure.code.as_str()].into();
    let written = Mutex::new(Vec::new());
    let write = |path: &str, bytes: &[u8]| {
        written.lock().unwrap().push((path.to_string(), bytes.len()));
        Ok(())
    };
    let rendered = thutuc::render::render_procedures(
        &catalogue,
        "https://example.org/tinh-a/",
        &BTreeMap::new(),
        &codes,
        &write,
    );
    match rendered {
        Ok(_) => {}
        Err(thutuc::render::Error::Page { file, path, message }) => {
            panic!("passed check but its page failed: {file:?} {path}: {message}")
        }
        Err(thutuc::render::Error::Theme(m)) => panic!("theme: {m}"),
        Err(thutuc::render::Error::Io(e)) => panic!("io: {e}"),
    }
    let written = written.into_inner().unwrap();
    assert!(written.iter().any(|(path, len)| path.ends_with("index.html") && *len > 0), "{written:?}");
});
