//! `thutuc import` on small real excerpts (tests/fixtures/import/): what it writes, that
//! the result passes `thutuc check`, that a second run changes nothing, and that files a
//! person has edited are kept unless `--force`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use thutuc::catalogue::values::{Duration, DurationUnit, Money};
use thutuc::catalogue::{Catalogue, ChannelKind, DocumentKind};
use thutuc::import::{Options, Report, Source, run};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

const KHAI_TU: &str = "procedures/ho-tich/thu-tuc-dang-ky-khai-tu.md";

fn import(source: Source, input: &str, content: &Path, force: bool) -> Report {
    let options = Options {
        content: content.to_path_buf(),
        force,
    };
    run(source, &[fixture(input)], &options).unwrap()
}

fn checked(content: &Path) -> Catalogue {
    match thutuc::check(content) {
        Ok(catalogue) => catalogue,
        Err(thutuc::Error::Content(problems)) => {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("check failed:\n{}", lines.join("\n"))
        }
        Err(e) => panic!("{e}"),
    }
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn dvcqg_khai_tu_is_imported_faithfully() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(Source::Dvcqg, "dvcqg", dir.path(), false);
    assert_eq!(report.written, vec![KHAI_TU.to_string()]);
    assert!(report.unparsed.is_empty(), "{:?}", report.unparsed);

    let catalogue = checked(dir.path());
    let p = catalogue.procedure("1.000656").expect("the khai tử record");
    assert_eq!(p.title, "Thủ tục đăng ký khai tử");
    assert_eq!(p.levels, ["xa"]);
    assert_eq!(p.field, "ho-tich");
    assert_eq!(catalogue.field("ho-tich").unwrap().name, "Hộ tịch");
    let agency = catalogue.agency(&p.agency).unwrap();
    assert_eq!(agency.name, "Ủy ban Nhân dân xã, phường, thị trấn.");
    assert_eq!(agency.level, "xa");
    assert_eq!(p.subjects, ["Công dân Việt Nam"]);
    assert_eq!(p.results, ["Trích lục khai tử"]);
    assert_eq!(p.life_events, ["khai-tu"]);
    assert_eq!(p.updated.unwrap().to_string(), "2026-04-15");
    assert!(p.legal_basis.iter().any(|l| l.number == "60/2014/QH13"));
    assert_eq!(p.legal_basis.len(), 15);

    // Channels: the API says "1 OTHER"; the deadline comes from cases[].processingDay,
    // the longest (5 working days), with every case named in the note. Fees are free.
    let kinds: Vec<ChannelKind> = p.channels.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChannelKind::Online,
            ChannelKind::Post,
            ChannelKind::InPerson
        ]
    );
    for c in &p.channels {
        let five = Duration {
            value: 5,
            unit: DurationUnit::WorkingDays,
        };
        assert_eq!(c.duration, five);
        assert!(c.note.as_deref().unwrap().contains("1.000656.03: 2 ngày"));
        let fees = c.fees.as_ref().expect("fees are stated");
        assert!(fees.iter().all(|f| f.amount == Money(0)));
        assert!(
            fees[0]
                .note
                .as_deref()
                .unwrap()
                .starts_with("Mức lệ phí cụ thể")
        );
    }
    assert!(p.online.is_some());

    // Documents: real ones with their originals and copies; notes posing as documents
    // ("0 bản chính", the "* Lưu ý :" group) are not among them.
    assert_eq!(p.documents.len(), 8);
    let death_notice = &p.documents[0];
    assert!(
        death_notice
            .name
            .starts_with("Giấy báo tử hoặc giấy tờ thay Giấy báo tử")
    );
    assert_eq!((death_notice.originals, death_notice.copies), (1, 0));
    assert!(death_notice.required);
    assert_eq!(death_notice.kind, DocumentKind::Submit);
    let shown = p
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Present)
        .count();
    assert_eq!(shown, 3);
    assert!(p.documents.iter().all(|d| d.originals + d.copies > 0));
    assert!(
        p.documents
            .iter()
            .any(|d| d.name.starts_with("Tờ khai đăng ký khai tử"))
    );
    let notes = &p
        .body
        .other
        .iter()
        .find(|(h, _)| h == "Lưu ý về hồ sơ")
        .expect("notes section")
        .1;
    assert!(notes.contains("gửi hồ sơ qua hệ thống bưu chính"));
    assert!(notes.contains("Trong thời hạn 15 ngày kể từ ngày có người chết"));
    assert_eq!(notes.lines().count(), 19);
    assert!(
        p.body
            .steps
            .as_deref()
            .unwrap()
            .contains("(ii) Trường hợp hồ sơ chưa đầy đủ")
    );

    let text = fs::read_to_string(dir.path().join(KHAI_TU)).unwrap();
    assert!(text.starts_with("---\n# imported: sha256="));
    assert!(text.contains("code: \"1.000656\"\n"));
}

#[test]
fn a_second_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    import(Source::Dvcqg, "dvcqg", dir.path(), false);
    import(Source::Xlsx, "danh-sach-tthc.xlsx", dir.path(), false);
    import(Source::Csv, "list.csv", dir.path(), false);
    let before = snapshot(dir.path());
    for (source, input) in [
        (Source::Dvcqg, "dvcqg"),
        (Source::Xlsx, "danh-sach-tthc.xlsx"),
        (Source::Csv, "list.csv"),
    ] {
        let again = import(source, input, dir.path(), false);
        assert!(
            again.written.is_empty() && again.updated.is_empty(),
            "{again}"
        );
        assert!(again.created.is_empty(), "{again}");
        assert!(again.skipped.is_empty(), "{again}");
        assert!(again.unchanged + again.kept.len() > 0);
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn edited_files_are_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    import(Source::Dvcqg, "dvcqg", dir.path(), false);
    let path = dir.path().join(KHAI_TU);
    let imported = fs::read_to_string(&path).unwrap();
    let edited = imported.replace("title: Thủ tục đăng ký khai tử", "title: Đăng ký khai tử");
    fs::write(&path, &edited).unwrap();

    let report = import(Source::Dvcqg, "dvcqg", dir.path(), false);
    assert_eq!(report.skipped.len(), 1);
    assert!(!report.skipped[0].manual);
    assert!(report.to_string().contains(&format!(
        "skipped    {KHAI_TU} (edited since it was imported"
    )));
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    checked(dir.path());

    let report = import(Source::Dvcqg, "dvcqg", dir.path(), true);
    assert_eq!(report.forced, vec![KHAI_TU.to_string()]);
    assert_eq!(fs::read_to_string(&path).unwrap(), imported);
}

#[test]
fn a_file_written_by_a_person_is_never_replaced_silently() {
    let dir = tempfile::tempdir().unwrap();
    import(Source::Dvcqg, "dvcqg", dir.path(), false);
    let path = dir.path().join(KHAI_TU);
    let without_mark: String = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("# imported:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, &without_mark).unwrap();
    let report = import(Source::Dvcqg, "dvcqg", dir.path(), false);
    assert_eq!(report.skipped.len(), 1);
    assert!(report.skipped[0].manual);
    assert_eq!(fs::read_to_string(&path).unwrap(), without_mark);
}

#[test]
fn the_list_export_gives_files_ready_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(Source::Xlsx, "danh-sach-tthc.xlsx", dir.path(), false);
    assert_eq!(report.written.len(), 5, "{report}");
    let catalogue = checked(dir.path());
    assert_eq!(catalogue.procedures.len(), 5);

    // Two agencies in one cell: the first is the agency, the levels come from both.
    let adoption = catalogue.procedure("1.003976").unwrap();
    assert_eq!(adoption.agency, "bo-tu-phap");
    assert_eq!(adoption.levels, ["bo", "tinh"]);
    assert_eq!(adoption.field, "nuoi-con-nuoi");
    // The title's slug is over 80 characters: the URL name is cut and given the code.
    assert!(adoption.slug.ends_with("-1-003976") && adoption.slug.len() <= 80);

    // The trailing space of the title is gone; "Sở Tư Pháp" becomes an agency.
    let p = catalogue.procedure("1.014966").unwrap();
    assert!(p.title.ends_with("chứng chỉ hành nghề"));
    assert_eq!(p.levels, ["tinh"]);
    assert!(catalogue.agency("so-tu-phap").is_some());

    // "UBND cấp  xã" and "Ủy ban nhân dân cấp xã" are different names, both at level xa.
    assert_eq!(catalogue.procedure("6.006597").unwrap().levels, ["xa"]);

    // An empty agency cell gets a visible placeholder and a line in the report.
    let khai_tu = catalogue.procedure("1.000656").unwrap();
    assert_eq!(khai_tu.agency, "chua-xac-dinh-co-quan-thuc-hien");
    assert_eq!(khai_tu.levels, ["chua-xac-dinh"]);
    assert!(
        report
            .unparsed
            .iter()
            .any(|u| u.file == KHAI_TU && u.field == "agency")
    );
    // No channel is known: one placeholder channel, not specified, fees not stated.
    assert_eq!(khai_tu.channels.len(), 1);
    assert_eq!(
        khai_tu.channels[0].duration.unit,
        DurationUnit::NotSpecified
    );
    assert!(khai_tu.channels[0].fees.is_none());
}

#[test]
fn the_detail_record_updates_what_the_list_created() {
    let dir = tempfile::tempdir().unwrap();
    import(Source::Xlsx, "danh-sach-tthc.xlsx", dir.path(), false);
    let report = import(Source::Dvcqg, "dvcqg", dir.path(), false);
    assert_eq!(report.updated, vec![KHAI_TU.to_string()]);
    let catalogue = checked(dir.path());
    let p = catalogue.procedure("1.000656").unwrap();
    assert_eq!(p.documents.len(), 8);
    assert_eq!(p.levels, ["xa"]);
}

#[test]
fn csv_rows_are_typed_where_the_text_allows() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(Source::Csv, "list.csv", dir.path(), false);
    assert_eq!(report.written.len(), 4, "{report}");
    let catalogue = checked(dir.path());

    let residence = catalogue.procedure("1.004222").unwrap();
    assert_eq!(residence.field, "dang-ky-quan-ly-cu-tru");
    assert_eq!(residence.subjects.len(), 2, "subjects split on ; only");
    assert_eq!(residence.channels.len(), 2);
    let fee = &residence.channels[0].fees.as_ref().unwrap()[0];
    assert_eq!((fee.label.as_str(), fee.amount), ("Lệ phí", Money(20_000)));
    assert_eq!(
        residence
            .announced
            .as_ref()
            .unwrap()
            .date
            .unwrap()
            .to_string(),
        "2025-07-01"
    );
    assert!(
        residence
            .body
            .intro
            .contains("Áp dụng khi chuyển đến chỗ ở hợp pháp.")
    );

    // Decomposed marks, no-break and zero-width spaces are cleaned.
    let birth = catalogue.procedure("1.001193").unwrap();
    assert_eq!(birth.title, "Đăng ký khai sinh");
    assert_eq!(birth.channels[0].duration.unit, DurationUnit::SameDay);
    assert!(birth.channels[0].fees.as_ref().unwrap()[0].amount.is_free());

    // A two-line fee schedule is two fees.
    let explosives = catalogue.procedure("1.013539").unwrap();
    let fees = explosives.channels[0].fees.as_ref().unwrap();
    assert_eq!(
        fees.iter().map(|f| f.amount.0).collect::<Vec<_>>(),
        [2_000_000, 3_500_000]
    );

    // "Khác" and "1.5 USD" stay notes, and the report names them with their text.
    let boarding = catalogue.procedure("1.000999").unwrap();
    let channel = &boarding.channels[0];
    assert_eq!(channel.duration.unit, DurationUnit::NotSpecified);
    assert!(channel.fees.is_none());
    assert!(
        channel
            .note
            .as_deref()
            .unwrap()
            .contains("Lệ phí : 1.5 USD")
    );
    let unparsed: Vec<(&str, &str)> = report
        .unparsed
        .iter()
        .map(|u| (u.field.as_str(), u.original.as_str()))
        .collect();
    assert_eq!(
        unparsed,
        [
            ("channels.duration", "Khác"),
            ("channels.fees", "Lệ phí : 1.5 USD")
        ]
    );
    assert!(
        report
            .to_string()
            .contains("channels.fees: \"Lệ phí : 1.5 USD\"")
    );
}

#[test]
fn a_list_saved_as_csv_by_excel_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(Source::Csv, "danh-sach.csv", dir.path(), false);
    assert_eq!(report.written.len(), 2, "{report}");
    let catalogue = checked(dir.path());
    assert_eq!(
        catalogue.procedure("1.003976").unwrap().levels,
        ["bo", "tinh"]
    );
}

#[test]
fn existing_content_keeps_its_ids_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let valid = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    for entry in walkdir::WalkDir::new(&valid).min_depth(1) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&valid).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    let levels_before = fs::read_to_string(dir.path().join("levels.yaml")).unwrap();
    let fields_before = fs::read_to_string(dir.path().join("fields.yaml")).unwrap();
    let site_before = fs::read_to_string(dir.path().join("site.yaml")).unwrap();

    let report = import(Source::Dvcqg, "dvcqg", dir.path(), false);
    // The fixture's fields.yaml has "Hộ tịch" as ho-tich and levels.yaml has xa.
    assert!(!report.created.iter().any(|c| c.starts_with("fields.yaml")));
    assert!(!report.created.iter().any(|c| c.starts_with("levels.yaml")));
    assert_eq!(
        fs::read_to_string(dir.path().join("levels.yaml")).unwrap(),
        levels_before
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("fields.yaml")).unwrap(),
        fields_before
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("site.yaml")).unwrap(),
        site_before
    );
    let events = fs::read_to_string(dir.path().join("life-events.yaml")).unwrap();
    assert!(
        events.ends_with("- id: khai-tu\n  name: Khai tử\n"),
        "{events}"
    );

    let catalogue = checked(dir.path());
    assert_eq!(catalogue.procedures.len(), 3);
    // The hand-written khai sinh (1.001193) is untouched by a list that also has it.
    let birth = dir.path().join("procedures/ho-tich/dang-ky-khai-sinh.md");
    let birth_before = fs::read_to_string(&birth).unwrap();
    let report = import(Source::Xlsx, "danh-sach-tthc.xlsx", dir.path(), false);
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.manual && s.file.ends_with("dang-ky-khai-sinh.md"))
    );
    assert_eq!(fs::read_to_string(&birth).unwrap(), birth_before);
    checked(dir.path());
}

#[test]
fn the_command_line_imports_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let thutuc = env!("CARGO_BIN_EXE_thutuc");
    let out = Command::new(thutuc)
        .args(["import", "dvcqg"])
        .arg(fixture("dvcqg"))
        .arg("--content")
        .arg(&content)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(&format!("written    {KHAI_TU}")),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 procedure(s) read: 1 written, 0 updated"),
        "{stdout}"
    );
    let check = Command::new(thutuc)
        .args(["check", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));

    let help = Command::new(thutuc)
        .args(["import", "csv", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("decision_date") && help.contains("Cấp thực hiện"),
        "{help}"
    );

    let missing = Command::new(thutuc)
        .args(["import", "xlsx", "no-such-file.xlsx", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("error: no-such-file.xlsx"));
}

#[test]
fn a_crawler_folder_is_read_whole_and_odd_files_are_listed() {
    let input = tempfile::tempdir().unwrap();
    let details = input.path().join("details");
    fs::create_dir_all(&details).unwrap();
    fs::copy(
        fixture("dvcqg/019d2bfd-3fac-7489-b53b-9c6c958f2da4.json"),
        details.join("019d2bfd-3fac-7489-b53b-9c6c958f2da4.json"),
    )
    .unwrap();
    fs::write(
        input.path().join("index.json"),
        r#"[{"ma_tthc": "1.000656"}]"#,
    )
    .unwrap();
    fs::write(input.path().join("broken.json"), "{").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = Options {
        content: dir.path().to_path_buf(),
        force: false,
    };
    let report = run(Source::Dvcqg, &[input.path().to_path_buf()], &options).unwrap();
    assert_eq!(report.written, vec![KHAI_TU.to_string()]);
    assert_eq!(report.notices.len(), 2, "{report}");
    assert!(
        report
            .notices
            .iter()
            .any(|n| n.contains("not a procedure detail record"))
    );
    assert!(report.notices.iter().any(|n| n.contains("not valid JSON")));
}

#[test]
fn a_broken_list_in_the_content_folder_stops_the_import_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fields.yaml"), "- id: ho-tich\n  name: [\n").unwrap();
    let options = Options {
        content: dir.path().to_path_buf(),
        force: false,
    };
    let error = run(Source::Dvcqg, &[fixture("dvcqg")], &options).unwrap_err();
    assert!(error.starts_with("fields.yaml cannot be read"), "{error}");
    assert!(!dir.path().join("procedures").exists());
    assert!(!dir.path().join("site.yaml").exists());
}
