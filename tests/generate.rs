//! The synthetic catalogue generator (`examples/generate`) writes content that `thutuc check`
//! accepts, with the shapes the benchmarks rely on, and the same bytes on every run.

#[allow(dead_code)]
#[path = "../examples/generate/main.rs"]
mod generate;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use thutuc::catalogue::{ChannelKind, Status, values::DurationUnit};

const N: usize = 300;

/// Every file under `root`, by relative path.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn generated_catalogue_is_valid_realistic_and_deterministic() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generate");
    let _ = fs::remove_dir_all(&base);
    let (first, second) = (base.join("first"), base.join("second"));
    let summary = generate::generate(N, &first).unwrap();
    assert_eq!(generate::generate(N, &second).unwrap(), summary);

    let catalogue = match thutuc::check(&first) {
        Ok(c) => c,
        Err(thutuc::Error::Content(problems)) => {
            let shown: Vec<String> = problems.iter().take(20).map(|d| d.to_string()).collect();
            panic!("{} problem(s):\n{}", problems.len(), shown.join("\n"));
        }
        Err(e) => panic!("{e}"),
    };
    assert_eq!(catalogue.procedures.len(), N);
    assert_eq!(catalogue.agencies.len(), N / 5 + 20);
    assert_eq!(catalogue.fields.len(), 80);
    assert!(catalogue.groups.len() >= 3);
    assert!(
        catalogue
            .groups
            .iter()
            .all(|g| (2..=4).contains(&g.procedures.len()))
    );
    assert!(!catalogue.forms.is_empty());

    // The shapes of the real records are all there.
    let procedures = &catalogue.procedures;
    let units: std::collections::HashSet<DurationUnit> = procedures
        .iter()
        .flat_map(|p| p.channels.iter().map(|c| c.duration.unit))
        .collect();
    assert_eq!(units.len(), 6, "every duration unit: {units:?}");
    let fees = |pred: &dyn Fn(&thutuc::catalogue::Channel) -> bool| {
        procedures.iter().any(|p| p.channels.iter().any(pred))
    };
    assert!(fees(&|c| c.fees.is_none()), "fees not stated");
    assert!(fees(&|c| c
        .fees
        .as_ref()
        .is_some_and(|f| f.iter().all(|f| f.amount.is_free()))));
    assert!(
        fees(&|c| c.fees.as_ref().is_some_and(|f| f.len() > 1)),
        "schedules"
    );
    assert!(fees(&|c| c.kind == ChannelKind::Online));
    assert!(procedures.iter().any(|p| p.online.is_some()));
    assert!(
        procedures
            .iter()
            .any(|p| p.slug != thutuc::text::slugify(&p.title))
    );
    assert!(
        procedures
            .iter()
            .any(|p| p.status == Status::Abolished && p.replaced_by.is_some())
    );
    assert!(procedures.iter().any(|p| !p.aliases.is_empty()));
    assert!(procedures.iter().any(|p| !p.related.is_empty()));
    assert!(procedures.iter().all(|p| p.body.steps.is_some()));
    assert!(procedures.iter().any(|p| p.body.conditions.is_some()));

    // Bodies of 400–800 words.
    for (path, bytes) in read_tree(&first.join("procedures")) {
        let text = String::from_utf8(bytes).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        let words = body.split_whitespace().count();
        assert!((400..=800).contains(&words), "{path:?}: {words} words");
    }

    assert!(read_tree(&first) == read_tree(&second), "two runs differ");
    assert!(
        generate::generate(N, &first).is_err(),
        "refuses a full folder"
    );
    fs::remove_dir_all(&base).unwrap();
}
