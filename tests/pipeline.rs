//! The one pipeline as `serve` drives it: updates after edits give byte for byte the
//! site a clean build gives.

mod common;

use common::*;
use std::collections::HashSet;
use thutuc::build::{Options, Pipeline};
use thutuc::progress::Progress;

const PROCEDURE: &str = "procedures/ho-tich/dang-ky-khai-sinh.md";
const BASE: &str = "https://thutuc.example.org/";

/// The paths whose bytes differ between two sites (empty when they are the same).
fn differ(a: &Site, b: &Site) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|rel| a.get(*rel) != b.get(*rel))
        .cloned()
        .collect()
}

type Site = std::collections::BTreeMap<String, Vec<u8>>;

/// A clean build of `content` into a folder of its own.
fn clean_build(content: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let tmp = TempDir::new("pipeline-clean");
    let out = build(content, &tmp, Some(BASE)).expect("a clean build");
    all_files(&out)
}

/// The fixture copied into a temporary folder, and the options to build it there.
fn a_copy_of_the_fixture(name: &str) -> (TempDir, std::path::PathBuf, Options) {
    let tmp = TempDir::new(name);
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let options = Options {
        content: content.clone(),
        output: tmp.join("public"),
        base_url: Some(BASE.to_string()),
    };
    (tmp, content, options)
}

#[test]
fn updates_after_edits_equal_a_clean_build() {
    let (_tmp, content, options) = a_copy_of_the_fixture("pipeline");
    let mut pipeline = Pipeline::new(&options, true).unwrap();
    pipeline.build(None, &Progress::hidden()).unwrap();
    let first = all_files(&options.output);
    assert_eq!(first, clean_build(&content));

    // An edited procedure: its page first, over the last site.
    let file = content.join(PROCEDURE);
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{original}\nMột câu mới PIPELINEEDIT.\n")).unwrap();
    let changed: HashSet<String> = [PROCEDURE.to_string()].into();
    assert_eq!(pipeline.update_pages(&changed).unwrap().pages, 1);
    let quick = all_files(&options.output);
    let page = "thu-tuc/dang-ky-khai-sinh/index.html";
    assert!(String::from_utf8_lossy(&quick[page]).contains("PIPELINEEDIT"));
    let differing: Vec<&String> = quick
        .keys()
        .filter(|rel| first.get(*rel) != quick.get(*rel))
        .collect();
    assert!(
        differing
            .iter()
            .all(|rel| rel.starts_with("thu-tuc/dang-ky-khai-sinh/")),
        "only the edited procedure's files change: {differing:?}"
    );
    assert_eq!(
        quick.len(),
        first.len(),
        "the rest of the site is carried over"
    );

    // Then the whole site, reading only what changed: as a clean build makes it.
    pipeline.build(Some(&changed), &Progress::hidden()).unwrap();
    assert_eq!(
        differ(&all_files(&options.output), &clean_build(&content)),
        Vec::<String>::new()
    );

    // Saved again between the early pages and the whole build: the build reads the
    // newer text rather than keep the catalogue the early update linked.
    std::fs::write(&file, format!("{original}\nPIPELINEAGAIN\n")).unwrap();
    assert_eq!(pipeline.update_pages(&changed).unwrap().pages, 1);
    std::fs::write(&file, format!("{original}\nPIPELINELATER\n")).unwrap();
    pipeline.build(Some(&changed), &Progress::hidden()).unwrap();
    let later = all_files(&options.output);
    assert!(String::from_utf8_lossy(&later[page]).contains("PIPELINELATER"));
    assert_eq!(differ(&later, &clean_build(&content)), Vec::<String>::new());

    // Edits again, twice, each time the staging folder starting from a known site.
    for (i, text) in ["\nLần hai.\n", ""].iter().enumerate() {
        std::fs::write(&file, format!("{original}{text}")).unwrap();
        assert_eq!(
            pipeline.update_pages(&changed).unwrap().pages,
            1,
            "edit {i}"
        );
        pipeline.build(Some(&changed), &Progress::hidden()).unwrap();
        assert_eq!(
            all_files(&options.output),
            clean_build(&content),
            "edit {i}"
        );
    }
    assert_eq!(
        differ(&all_files(&options.output), &first),
        Vec::<String>::new(),
        "back to the start"
    );

    // A new file is not an edit: no early pages, and the build finds it all the same.
    let new = "procedures/ho-tich/them.md";
    std::fs::write(
        content.join(new),
        original.replacen("title: Đăng ký khai sinh", "title: Thêm một thủ tục", 1),
    )
    .unwrap();
    let added: HashSet<String> = [new.to_string()].into();
    // (Its code clashes with the original's: a content problem, reported as for a build.)
    let problem = pipeline.build(Some(&added), &Progress::hidden());
    assert!(
        matches!(problem, Err(thutuc::Error::Content(_))),
        "{problem:?}"
    );
    std::fs::remove_file(content.join(new)).unwrap();
    pipeline.build(Some(&added), &Progress::hidden()).unwrap();
    assert_eq!(
        differ(&all_files(&options.output), &first),
        Vec::<String>::new()
    );
}

#[test]
fn a_rebuild_with_nothing_changed_does_nothing_and_an_edit_rebuilds() {
    let (_tmp, content, options) = a_copy_of_the_fixture("pipeline-cache");
    let steps = |report: &thutuc::BuildReport| -> Vec<&str> {
        report.steps.iter().map(|(name, _)| *name).collect()
    };
    let first = thutuc::build(&options).unwrap();
    assert!(!steps(&first).contains(&"nothing changed"));
    let site = all_files(&options.output);

    let again = thutuc::build(&options).unwrap();
    assert!(
        steps(&again).contains(&"nothing changed"),
        "{:?}",
        again.steps
    );
    assert_eq!(again.files, first.files);
    assert_eq!(
        differ(&all_files(&options.output), &site),
        Vec::<String>::new()
    );

    // Another base URL, an edit, a file removed from the output: each builds again, and
    // gives what a clean build gives.
    let other = Options {
        base_url: Some("https://khac.example.org/".to_string()),
        ..options.clone()
    };
    assert!(!steps(&thutuc::build(&other).unwrap()).contains(&"nothing changed"));
    assert!(!steps(&thutuc::build(&options).unwrap()).contains(&"nothing changed"));
    assert_eq!(
        differ(&all_files(&options.output), &site),
        Vec::<String>::new()
    );

    let file = content.join(PROCEDURE);
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{original}\nMột câu mới CACHEEDIT.\n")).unwrap();
    let edited = thutuc::build(&options).unwrap();
    assert!(!steps(&edited).contains(&"nothing changed"));
    assert_eq!(
        differ(&all_files(&options.output), &clean_build(&content)),
        Vec::<String>::new()
    );

    std::fs::remove_file(options.output.join("404.html")).unwrap();
    let repaired = thutuc::build(&options).unwrap();
    assert!(!steps(&repaired).contains(&"nothing changed"));
    assert_eq!(
        differ(&all_files(&options.output), &clean_build(&content)),
        Vec::<String>::new()
    );

    // A page edited by hand in the output is made again, and not trusted afterwards.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(options.output.join("a-z/index.html"), "sửa tay").unwrap();
    let repaired = thutuc::build(&options).unwrap();
    assert!(!steps(&repaired).contains(&"nothing changed"));
    assert_eq!(
        differ(&all_files(&options.output), &clean_build(&content)),
        Vec::<String>::new()
    );

    std::fs::write(&file, original).unwrap();
    thutuc::build(&options).unwrap();
    assert_eq!(
        differ(&all_files(&options.output), &site),
        Vec::<String>::new()
    );

    // A form is not a content file: its new bytes are seen all the same.
    let form = walkdir::WalkDir::new(content.join("files"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file())
        .expect("the fixture has forms")
        .into_path();
    std::fs::write(&form, "một mẫu đơn khác, dài hơn").unwrap();
    let report = thutuc::build(&options).unwrap();
    assert!(!steps(&report).contains(&"nothing changed"));
    assert_eq!(
        differ(&all_files(&options.output), &clean_build(&content)),
        Vec::<String>::new()
    );
}

#[path = "support/generate.rs"]
#[allow(dead_code)]
mod generate;

/// The procedure files of a content folder, sorted.
fn procedure_files(content: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(content.join("procedures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The value of a front-matter line `name: value` of a procedure file.
fn front(text: &str, name: &str) -> Option<String> {
    let prefix = format!("{name}: ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(str::to_string)
}

#[test]
fn an_edit_makes_only_its_pages_again_and_the_site_equals_a_clean_build() {
    let tmp = TempDir::new("pipeline-incremental");
    let content = tmp.join("content");
    generate::write_catalogue(&content, 300, 11).expect("generate");
    let options = Options {
        content: content.clone(),
        output: tmp.join("public"),
        base_url: Some(BASE.to_string()),
    };
    let first = thutuc::build(&options).unwrap();
    assert_eq!(first.pages_kept, 0);
    let units = first.pages_made;
    assert!(units > 300, "{units} units");

    // Each step: a build that keeps what did not change, then the whole tree compared
    // byte for byte with a clean build of the same content.
    let step = |what: &str| {
        let report = thutuc::build(&options).unwrap();
        assert_eq!(
            differ(&all_files(&options.output), &clean_build(&content)),
            Vec::<String>::new(),
            "{what}"
        );
        (report.pages_kept, report.pages_made)
    };
    let files = procedure_files(&content);
    let edit = |file: &std::path::Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains(from), "{}: {from}", file.display());
        std::fs::write(file, text.replacen(from, to, 1)).unwrap();
    };

    // A sentence added to one procedure's body: its page and sheet, its lists, the
    // pages that link to it, the site's own pages; the rest is kept.
    let body = &files[0];
    let text = std::fs::read_to_string(body).unwrap();
    std::fs::write(body, format!("{text}\nMột câu mới INCREMENTAL.\n")).unwrap();
    let (kept, made) = step("a body edited");
    assert_eq!(kept + made, units);
    assert!(made >= 2 && made * 5 < units, "made {made} of {units}");
    let page = all_files(&options.output)
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains("INCREMENTAL"));
    assert!(page.is_some(), "the edit is on its page");

    // One procedure names another as related: both pages change (the other lists it
    // as naming it). Then the named one's title changes: the naming one's page shows
    // it, and so do the lists. Then the link goes again.
    let (naming, named) = (&files[2], &files[3]);
    let read = |f: &std::path::Path| std::fs::read_to_string(f).unwrap();
    let code = front(&read(named), "code").unwrap();
    edit(
        naming,
        "\ntitle: ",
        &format!("\nrelated: [{code}]\ntitle: "),
    );
    step("a related link added");
    let title = front(&read(named), "title").unwrap();
    let edited = match title.strip_suffix('"') {
        Some(quoted) => format!("{quoted} sửa\""),
        None => format!("{title} sửa"),
    };
    edit(
        named,
        &format!("title: {title}"),
        &format!("title: {edited}"),
    );
    let (_, made) = step("a related procedure's title edited");
    assert!(made * 4 < units, "made {made} of {units}");
    edit(naming, &format!("related: [{code}]\n"), "");
    step("a related link removed");

    // What the lists show of a procedure changes: the lists (its agency's, the list of
    // agencies, the changes) are made again with it.
    let moved = &files[4];
    let agency = front(&read(moved), "agency").unwrap();
    let other = files
        .iter()
        .filter_map(|f| front(&read(f), "agency"))
        .find(|a| *a != agency)
        .expect("another agency");
    edit(
        moved,
        &format!("\nagency: {agency}\n"),
        &format!("\nagency: {other}\n"),
    );
    step("a procedure moved to another agency");
    let updated = files
        .iter()
        .find(|f| front(&read(f), "updated").is_none())
        .expect("a procedure never updated");
    edit(updated, "\ntitle: ", "\nupdated: 2031-02-03\ntitle: ");
    step("a procedure updated");

    // A new procedure, then removed again.
    let new = content.join("procedures/them-moi.md");
    let text = std::fs::read_to_string(&files[1]).unwrap();
    let code = front(&text, "code").unwrap();
    let title = front(&text, "title").unwrap();
    let text = text
        .replacen(&format!("code: {code}"), "code: \"9.999999\"", 1)
        .replacen(&format!("title: {title}"), "title: Thủ tục thêm mới", 1);
    let text = match front(&text, "slug") {
        Some(slug) => text.replacen(&format!("slug: {slug}"), "slug: thu-tuc-them-moi", 1),
        None => text,
    };
    let text = match front(&text, "aliases") {
        Some(aliases) => text.replacen(&format!("aliases: {aliases}\n"), "", 1),
        None => text,
    };
    std::fs::write(&new, text).unwrap();
    step("a procedure added");
    std::fs::remove_file(&new).unwrap();
    step("a procedure removed");

    // A change outside the procedures (an agency): everything is made again.
    let agency = walkdir::WalkDir::new(content.join("agencies"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file())
        .expect("an agency")
        .into_path();
    let text = std::fs::read_to_string(&agency).unwrap();
    std::fs::write(&agency, format!("{text}phone: \"0123 456 789\"\n")).unwrap();
    let (kept, _) = step("an agency edited");
    assert_eq!(kept, 0);

    // Nothing changed: nothing is made.
    let again = thutuc::build(&options).unwrap();
    assert_eq!((again.pages_kept, again.pages_made), (0, 0));
}

/// The search index's file budget is an input of the build: a site built again with another
/// budget is built again, not kept as up to date.
#[test]
fn another_search_file_budget_rebuilds_the_search_index() {
    let (tmp, content, _) = a_copy_of_the_fixture("pipeline-budget");
    let output = tmp.join("public");
    let chunk = |budget: Option<&str>| {
        let mut build = std::process::Command::new(env!("CARGO_BIN_EXE_thutuc"));
        if let Some(budget) = budget {
            build.env("THUTUC_SEARCH_FILE_BUDGET", budget);
        }
        run(build
            .args(["build", "--quiet", "--content"])
            .arg(&content)
            .arg("--output")
            .arg(&output));
        let manifest = std::fs::read(output.join("search/manifest.json")).expect("manifest");
        let manifest: serde_json::Value = serde_json::from_slice(&manifest).expect("json");
        manifest["files"]["docs"]["chunk"].as_u64().expect("chunk")
    };
    assert_eq!(chunk(None), 1, "a small catalogue: one result row a file");
    assert_eq!(
        chunk(Some("1")),
        10,
        "the smallest budget: the largest files"
    );
    assert_eq!(chunk(None), 1, "back to the default budget");
}

/// What `serve`'s pipeline keeps of each procedure between builds (its search terms, its
/// open data) holds only while what the procedure borrows from elsewhere is the same: an
/// agency renamed changes the search words, and a related procedure moved the open data,
/// of procedures whose files did not change.
#[test]
fn what_a_remembering_pipeline_kept_follows_what_procedures_borrow() {
    let (_tmp, content, options) = a_copy_of_the_fixture("pipeline-renamed");
    let mut pipeline = Pipeline::new(&options, true).unwrap();
    pipeline.build(None, &Progress::hidden()).unwrap();
    let before = all_files(&options.output);
    // Edits one file, builds what changed, and holds the site to a clean build's.
    let mut edit = |rel: &str, change: &dyn Fn(&str) -> String| -> Site {
        let path = content.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = change(&text);
        assert_ne!(edited, text, "{rel}");
        std::fs::write(&path, edited).unwrap();
        let changed: HashSet<String> = [rel.to_string()].into();
        pipeline.build(Some(&changed), &Progress::hidden()).unwrap();
        let site = all_files(&options.output);
        assert_eq!(
            differ(&site, &clean_build(&content)),
            Vec::<String>::new(),
            "{rel}"
        );
        site
    };

    let site = edit("agencies/ubnd-xa.yaml", &|text| {
        text.replace(
            "name: Ủy ban nhân dân xã, phường",
            "name: Văn phòng Quầy RENAMEDAGENCY",
        )
        .replace(
            "short_name: UBND xã, phường",
            "short_name: VPQ RENAMEDSHORT",
        )
    });
    // (The search index did change: its procedures' agency words are new.)
    assert!(
        differ(&site, &before)
            .iter()
            .any(|rel| rel.starts_with("search/") && rel != "search/manifest.json")
    );

    // A related procedure moved to another address: the open data of the procedure that
    // names it (whose file did not change) points at the new one.
    let site = edit("procedures/ho-tich/dang-ky-ket-hon.md", &|text| {
        text.replacen(
            "code: \"1.000894\"\n",
            "code: \"1.000894\"\nslug: ket-hon-moi\n",
            1,
        )
    });
    let data = String::from_utf8_lossy(&site["thu-tuc/dang-ky-khai-sinh/index.json"]);
    assert!(data.contains("/thu-tuc/ket-hon-moi/"), "{data}");
}
