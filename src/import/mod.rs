//! `thutuc import`: content files from what staff can download today.
//!
//! Each source has its reader ([`dvcqg`], [`xlsx`], [`csv`], the last two through
//! [`table`]) that yields [`record::Record`]s; this module gives them ids ([`state`]),
//! lays them out ([`render`]) and writes only what the importer may write ([`files`]).
//! See `docs/import.md`.

pub mod csv;
pub mod dvcqg;
pub mod files;
pub mod parse;
pub mod record;
pub mod render;
pub mod report;
pub mod state;
pub mod table;
pub mod xlsx;
mod yaml_out;

use crate::progress::Progress;
use files::Found;
use record::{Record, Sourced};
use render::Resolved;
pub use report::Report;
use report::{Skipped, Unparsed};
use state::State;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where the procedures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The national platform's procedure detail JSON, files or folders of them.
    Dvcqg,
    /// The "Danh sách TTHC" list export.
    Xlsx,
    /// A CSV file in the documented column layout.
    Csv,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Source::Dvcqg => "dvcqg",
            Source::Xlsx => "xlsx",
            Source::Csv => "csv",
        }
    }

    /// How much a source tells of a procedure: the list export only names it, a CSV may
    /// add channels and fees, the detail record has everything. An import does not
    /// replace a file imported from a source that tells more.
    fn detail(name: &str) -> u8 {
        match name {
            "xlsx" => 1,
            "csv" => 2,
            _ => 3,
        }
    }
}

pub struct Options {
    /// The content folder; created when missing.
    pub content: PathBuf,
    /// Replace files that a person has edited.
    pub force: bool,
}

/// Imports `inputs` into the content folder. Fails only when an input or the content
/// folder cannot be read or written; everything else is in the report. Prints nothing.
pub fn run(source: Source, inputs: &[PathBuf], options: &Options) -> Result<Report, String> {
    run_with(source, inputs, options, &Progress::hidden())
}

/// [`run`], telling `progress` which step it is in and how far. The caller erases the
/// line when the import returns ([`Progress::clear`]).
pub fn run_with(
    source: Source,
    inputs: &[PathBuf],
    options: &Options,
    progress: &Progress,
) -> Result<Report, String> {
    let mut report = Report::default();
    let records = read_inputs(source, inputs, &mut report.notices, progress)?;
    let root = &options.content;
    std::fs::create_dir_all(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut state = State::read(root, progress)?;

    // Ids first, for every record, so the taxonomies and agencies are complete before
    // any procedure that refers to them is written.
    let mut seen = HashSet::new();
    let mut planned = Vec::new();
    progress.counted("laying out procedures", records.len());
    for Sourced { origin, mut record } in records {
        progress.tick();
        if !seen.insert(record.code.clone()) {
            report.notices.push(format!(
                "{origin}: code {} was already imported from an earlier item; this one is left out",
                record.code
            ));
            continue;
        }
        let ids = resolve(&mut state, &mut record);
        let placement = state.place(&record.code, &record.title, &ids.field);
        let ids = Resolved {
            slug: placement.slug,
            ..ids
        };
        let text = render::procedure(&record, &ids, source.name());
        report
            .unparsed
            .extend(record.unparsed.iter().map(|(field, original)| Unparsed {
                file: placement.path.clone(),
                field: field.clone(),
                original: original.clone(),
            }));
        planned.push((placement.path, text));
    }
    report.procedures = planned.len();

    progress.step("writing agencies and lists");
    write_support_files(root, &state, &mut report)?;
    progress.counted("writing procedures", planned.len());
    for (path, text) in planned {
        write_procedure(root, &path, &text, source, options.force, &mut report)?;
        progress.tick();
    }
    Ok(report)
}

fn read_inputs(
    source: Source,
    inputs: &[PathBuf],
    notices: &mut Vec<String>,
    progress: &Progress,
) -> Result<Vec<Sourced>, String> {
    let mut out = Vec::new();
    match source {
        Source::Xlsx | Source::Csv => {
            for input in inputs {
                progress.step(&format!("reading {}", input.display()));
                out.extend(match source {
                    Source::Xlsx => xlsx::read(input, notices)?,
                    _ => csv::read(input, notices)?,
                });
            }
        }
        Source::Dvcqg => {
            progress.step("finding records");
            let mut paths = Vec::new();
            for input in inputs {
                paths.extend(json_files(input)?);
            }
            progress.counted("reading records", paths.len());
            for path in paths {
                let name = path.display().to_string();
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
                match dvcqg::read(&text) {
                    Ok(Some(record))
                        if table::is_code(&record.code) && !record.title.is_empty() =>
                    {
                        out.push(Sourced {
                            origin: name,
                            record,
                        })
                    }
                    Ok(Some(record)) => notices.push(format!(
                        "{name}: no usable code and name (found \"{}\", \"{}\")",
                        record.code, record.title
                    )),
                    Ok(None) => notices.push(format!("{name}: not a procedure detail record")),
                    Err(e) => notices.push(format!("{name}: {e}")),
                }
                progress.tick();
            }
        }
    }
    Ok(out)
}

/// A JSON file, or every `.json` file under a folder, in a stable order.
fn json_files(input: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(input).map_err(|e| format!("{}: {e}", input.display()))?;
    if !meta.is_dir() {
        return Ok(vec![input.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("{}: {e}", input.display()))?;
        let is_json = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if entry.file_type().is_file() && is_json {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Gives ids to a record's names, creating levels, fields, agencies and life events as
/// needed. What is missing gets a visible placeholder and a line in the report.
fn resolve(state: &mut State, r: &mut Record) -> Resolved {
    let mut levels: Vec<String> = Vec::new();
    for name in &r.levels {
        let id = state.level(name);
        if !levels.contains(&id) {
            levels.push(id);
        }
    }
    let fallback = levels.first().cloned();
    let mut agencies: Vec<String> = r
        .agencies
        .iter()
        .map(|a| state.agency(a, fallback.as_deref()))
        .collect();
    if agencies.is_empty() {
        r.unparsed("agency", "(không có cơ quan thực hiện)");
        agencies.push(state.agency("Chưa xác định cơ quan thực hiện", fallback.as_deref()));
    }
    if levels.is_empty() {
        // The list export has no level: take the levels of the agencies that do it.
        for a in &agencies {
            if let Some(level) = state.agency_level(a).map(str::to_string)
                && !levels.contains(&level)
            {
                levels.push(level);
            }
        }
        // "Chưa xác định" only when no agency's level is known; listed from the top down.
        if levels.len() > 1
            && let Some(undetermined) = state.levels.find("chua-xac-dinh")
        {
            levels.retain(|l| *l != undetermined);
        }
        if levels.is_empty() {
            levels.push(state.level("chua-xac-dinh"));
        }
        levels.sort_by_key(|l| state::level_rank(l));
    }
    let first_level = levels.first().cloned();
    let field = match &r.field {
        Some(name) => state.fields.resolve(name),
        None => {
            r.unparsed("field", "(không có lĩnh vực)");
            state.fields.resolve("Chưa phân loại")
        }
    };
    let deciding_agency = r
        .deciding_agency
        .clone()
        .map(|a| state.agency(&a, first_level.as_deref()))
        .filter(|id| Some(id) != agencies.first());
    let mut coordinating_agencies = Vec::new();
    for a in r.coordinating_agencies.clone() {
        let id = state.agency(&a, first_level.as_deref());
        if !coordinating_agencies.contains(&id) && Some(&id) != agencies.first() {
            coordinating_agencies.push(id);
        }
    }
    let mut life_events = Vec::new();
    for name in &r.life_events {
        let id = state.life_events.resolve(name);
        if !life_events.contains(&id) {
            life_events.push(id);
        }
    }
    Resolved {
        levels,
        field,
        agency: agencies.swap_remove(0),
        deciding_agency,
        coordinating_agencies,
        life_events,
        slug: None,
    }
}

/// New taxonomy entries, agency files and a first `site.yaml`. Existing entries and
/// files are never changed: new entries go at the end of their list.
fn write_support_files(root: &Path, state: &State, report: &mut Report) -> Result<(), String> {
    for tax in [&state.levels, &state.fields, &state.life_events] {
        let missing = tax.text.is_none();
        if tax.added.is_empty() && !missing {
            continue;
        }
        let text = render::taxonomy_append(tax.text.as_deref(), &tax.added);
        write(root, tax.file, if text.is_empty() { "[]\n" } else { &text })?;
        for (id, _) in &tax.added {
            report.created.push(format!("{} entry {id}", tax.file));
        }
        if missing && tax.added.is_empty() {
            report.created.push(format!("{} (empty)", tax.file));
        }
    }
    for agency in &state.new_agencies {
        let path = format!("agencies/{}.yaml", agency.id);
        write(root, &path, &render::agency(&agency.name, &agency.level))?;
        report.created.push(path);
    }
    if !state.has_site {
        write(root, "site.yaml", &render::site())?;
        report.created.push("site.yaml".into());
    }
    Ok(())
}

fn write_procedure(
    root: &Path,
    path: &str,
    text: &str,
    source: Source,
    force: bool,
    report: &mut Report,
) -> Result<(), String> {
    let full = root.join(path);
    let current = match std::fs::read(&full) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: {e}", full.display())),
    };
    let list = match files::judge(current.as_deref(), text) {
        Found::Unedited { same: true, .. } => {
            report.unchanged += 1;
            return Ok(());
        }
        Found::Unedited { source: from, .. }
            if Source::detail(&from) > Source::detail(source.name()) =>
        {
            report.kept.push((path.to_string(), from));
            return Ok(());
        }
        Found::Nothing => &mut report.written,
        Found::Unedited { same: false, .. } => &mut report.updated,
        Found::Edited | Found::Manual if force => &mut report.forced,
        found => {
            report.skipped.push(Skipped {
                file: path.to_string(),
                manual: found == Found::Manual,
            });
            return Ok(());
        }
    };
    list.push(path.to_string());
    write(root, path, &files::stamp(text, source.name()))
}

/// Writes a file through a temporary neighbour, so a failed write leaves no half file.
fn write(root: &Path, rel: &str, text: &str) -> Result<(), String> {
    let path = root.join(rel);
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.import-tmp"));
    std::fs::write(&temp, text).map_err(fail)?;
    std::fs::rename(&temp, &path).map_err(fail)
}
