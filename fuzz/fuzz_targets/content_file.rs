#![no_main]
//! Any bytes, as any kind of content file beside a valid catalogue, give a catalogue or
//! problems with positions, never a panic.
use libfuzzer_sys::fuzz_target;
use thutuc::catalogue;
use std::sync::OnceLock;
use thutuc::content::{self, Kind, SourceFile, Sources};

const KINDS: [(Kind, &str); 5] = [
    (Kind::Procedure, "procedures/fuzz.md"),
    (Kind::Agency, "agencies/fuzz.yaml"),
    (Kind::Group, "groups/fuzz.yaml"),
    (Kind::Site, "site.yaml"),
    (Kind::Fields, "fields.yaml"),
];

fn valid_catalogue() -> &'static Sources {
    static VALID: OnceLock<Sources> = OnceLock::new();
    VALID.get_or_init(|| {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
        content::load(&base).expect("the valid fixture loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let (kind, rel) = KINDS[selector as usize % KINDS.len()];
    let mut sources = valid_catalogue().clone();
    sources.files.retain(|f| f.rel != rel);
    match content::decode_text(bytes.to_vec()) {
        Ok(text) => sources.files.push(SourceFile { rel: rel.to_string(), kind, text }),
        Err(_) => return,
    }
    sources.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    if let Err(problems) = catalogue::build(&sources) {
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| p.pos.line >= 1));
    }
});
