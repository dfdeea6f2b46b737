//! Validation: content files in, a typed and linked [`Catalogue`] out, or every problem.

pub mod changes;
pub mod model;
pub mod nesting;
mod output_paths;
pub mod records;
pub mod stats;
pub mod synonyms;
pub mod values;

pub use model::*;

use crate::content::yaml::{self, Node, Pos};
use crate::content::{self, Kind, SourceFile, Sources, front_matter};
use crate::diagnostics::{Diagnostic, suggestion};
use crate::progress::Progress;
use crate::urls;
use output_paths::Owners;
use rayon::prelude::*;
use records::{RecordReader, Ref, RefKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// What one file turned into.
#[derive(Clone)]
enum Record {
    Site(Site),
    Terms(Kind, Vec<(Term, Pos)>),
    Agency(Agency, Pos),
    Group(Group),
    /// Shared with the catalogue: `serve` keeps the records between builds without a copy.
    Procedure(Arc<Procedure>, Spots),
    Synonyms(Vec<Synonym>),
}

/// Where a procedure's identity is written, for messages about clashes.
#[derive(Clone, Copy)]
struct Spots {
    code: Pos,
    /// `slug`, or `title` from which the URL is made.
    url: Pos,
    aliases: Pos,
}

struct FileResult {
    record: Option<Record>,
    diagnostics: Vec<Diagnostic>,
    refs: Vec<Ref>,
    /// The id this file declares (an agency's or group's file name, a procedure's code),
    /// known even when the rest of the file is broken.
    declares: Option<(RefKind, String)>,
    /// Set when the file failed before its ids could be known: references of this kind
    /// are then not checked, since "unknown" would be noise caused by this file.
    broken: Option<RefKind>,
}

/// Validates everything in `sources`. Returns the catalogue, or every problem found,
/// sorted by file and position.
pub fn build(sources: &Sources) -> Result<Catalogue, Vec<Diagnostic>> {
    build_with(sources, &Progress::hidden())
}

/// [`build`], telling `progress` how far it is.
pub fn build_with(sources: &Sources, progress: &Progress) -> Result<Catalogue, Vec<Diagnostic>> {
    progress.counted("checking files", sources.files.len());
    let results: Vec<FileResult> = sources
        .files
        .par_iter()
        .map(|file| {
            let result = read_file(file);
            progress.tick();
            result
        })
        .collect();
    progress.step("linking the catalogue");
    link(sources, &results).finish()
}

/// What each file decoded to, kept between the builds of `serve`: a file that did not
/// change is not parsed again, so a rebuild after one edit mostly links.
#[derive(Default)]
pub struct Cache {
    files: HashMap<String, FileResult>,
}

/// [`build`], decoding only the files in `changed` (relative paths) and those not yet in
/// `cache`, which is updated.
pub fn build_cached(
    sources: &Sources,
    cache: &mut Cache,
    changed: &HashSet<String>,
) -> Result<Catalogue, Vec<Diagnostic>> {
    cache.files.retain(|rel, _| !changed.contains(rel));
    let fresh: Vec<(String, FileResult)> = sources
        .files
        .par_iter()
        .filter(|file| !cache.files.contains_key(&file.rel))
        .map(|file| (file.rel.clone(), read_file(file)))
        .collect();
    cache.files.extend(fresh);
    let present: HashSet<&str> = sources.files.iter().map(|f| f.rel.as_str()).collect();
    cache.files.retain(|rel, _| present.contains(rel.as_str()));
    let results: Vec<&FileResult> = sources
        .files
        .iter()
        .filter_map(|file| cache.files.get(&file.rel))
        .collect();
    link(sources, results).finish()
}

/// Links the records of every file and checks them together. The records stay with
/// their owner (shared, not copied: a procedure is an `Arc`).
fn link<'r>(sources: &Sources, results: impl IntoIterator<Item = &'r FileResult>) -> Linker {
    let mut linker = Linker {
        diagnostics: sources.problems.clone(),
        ..Linker::default()
    };
    let mut refs = Vec::new();
    let mut declared = HashSet::new();
    let mut broken = HashSet::new();
    // Files that could not even be read still tell us what they would have declared.
    for problem in &sources.problems {
        match content::kind_of(&problem.file) {
            Some(Kind::Agency) => declared.extend(
                content::file_stem(&problem.file)
                    .filter(|s| crate::text::is_id(s))
                    .map(|id| (RefKind::Agency, id.to_string())),
            ),
            Some(kind @ (Kind::Levels | Kind::Fields | Kind::LifeEvents | Kind::Procedure)) => {
                broken.insert(ref_kind_of(kind));
            }
            _ => {}
        }
    }
    for result in results {
        linker
            .diagnostics
            .extend(result.diagnostics.iter().cloned());
        refs.extend(&result.refs);
        declared.extend(result.declares.clone());
        broken.extend(result.broken);
        if let Some(record) = &result.record {
            linker.add(record.clone());
        }
    }
    linker.require_files();
    linker.check_procedures(sources);
    linker.check_refs(&refs, &declared, &broken);
    linker.check_agency_cycles();
    linker
}

fn read_file(file: &SourceFile) -> FileResult {
    let mut rr = RecordReader::new(&file.rel);
    let record = parse_file(file, &mut rr);
    let declares = declared_id(file, record.as_ref());
    let broken = match (file.kind, &record) {
        (Kind::Levels, _) | (Kind::Fields, _) | (Kind::LifeEvents, _)
            if !rr.reader.diagnostics.is_empty() =>
        {
            Some(ref_kind_of(file.kind))
        }
        (Kind::Procedure, None) if declares.is_none() => Some(RefKind::Procedure),
        _ => None,
    };
    FileResult {
        record,
        diagnostics: rr.reader.diagnostics,
        refs: rr.refs,
        declares,
        broken,
    }
}

fn ref_kind_of(kind: Kind) -> RefKind {
    match kind {
        Kind::Levels => RefKind::Level,
        Kind::Fields => RefKind::Field,
        Kind::LifeEvents => RefKind::LifeEvent,
        Kind::Agency => RefKind::Agency,
        _ => RefKind::Procedure,
    }
}

/// The id a file stands for, even when its record could not be read.
fn declared_id(file: &SourceFile, record: Option<&Record>) -> Option<(RefKind, String)> {
    match (file.kind, record) {
        (Kind::Agency, _) => file_stem_id(file).map(|id| (RefKind::Agency, id)),
        (Kind::Procedure, Some(Record::Procedure(p, ..))) => {
            Some((RefKind::Procedure, p.code.clone()))
        }
        (Kind::Procedure, None) => {
            // The record failed; its code may still be readable.
            let split = front_matter::split(&file.text).ok()?;
            let doc = yaml::parse(split.yaml, split.yaml_line).ok()?;
            let (_, code) = doc.entry("code")?;
            let mut scratch = crate::content::decode::Reader::new("");
            scratch.code(code, "code").map(|c| (RefKind::Procedure, c))
        }
        _ => None,
    }
}

fn file_stem_id(file: &SourceFile) -> Option<String> {
    content::file_stem(&file.rel)
        .filter(|s| crate::text::is_id(s))
        .map(str::to_string)
}

fn parse_file(file: &SourceFile, rr: &mut RecordReader) -> Option<Record> {
    let (yaml_text, first_line, body, body_line) = if file.kind == Kind::Procedure {
        match front_matter::split(&file.text) {
            Ok(split) => (split.yaml, split.yaml_line, split.body, split.body_line),
            Err((pos, message)) => {
                rr.reader.error(pos, "", message);
                return None;
            }
        }
    } else {
        (file.text.as_str(), 1, "", 0)
    };
    let doc: Node = match yaml::parse(yaml_text, first_line) {
        Ok(doc) => doc,
        Err(e) => {
            rr.reader
                .error(e.pos, "", format!("YAML syntax: {}", e.message));
            return None;
        }
    };
    let file_id = || {
        let stem = file
            .rel
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".yaml");
        crate::text::is_id(stem).then(|| stem.to_string())
    };
    match file.kind {
        Kind::Site => rr.site(&doc).map(Record::Site),
        Kind::Levels | Kind::Fields | Kind::LifeEvents => {
            Some(Record::Terms(file.kind, rr.terms(&doc)))
        }
        Kind::Agency => match file_id() {
            Some(id) => rr.agency(id, &doc).map(|a| Record::Agency(a, doc.pos)),
            None => {
                rr.reader.diagnostics.push(file_name_problem(file));
                None
            }
        },
        Kind::Group => match file_id() {
            Some(id) => rr.group(id, &doc).map(Record::Group),
            None => {
                rr.reader.diagnostics.push(file_name_problem(file));
                None
            }
        },
        Kind::Synonyms => Some(Record::Synonyms(synonyms::read(&mut rr.reader, &doc))),
        Kind::Procedure => {
            let at = |name| doc.entry(name).map(|(_, v): (Pos, &Node)| v.pos);
            let spots = Spots {
                code: at("code").unwrap_or(doc.pos),
                url: at("slug").or_else(|| at("title")).unwrap_or(doc.pos),
                aliases: at("aliases").unwrap_or(doc.pos),
            };
            rr.check_body(body, body_line);
            rr.procedure(&doc, body, &file.rel)
                .map(|p| Record::Procedure(Arc::new(p), spots))
        }
    }
}

fn file_name_problem(file: &SourceFile) -> Diagnostic {
    let stem = file
        .rel
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".yaml");
    let hint = crate::text::slugify(stem);
    Diagnostic {
        file: file.rel.clone(),
        pos: Pos { line: 1, column: 1 },
        field: String::new(),
        message: format!(
            "the file name \"{stem}\" is the id and must be lower-case letters a–z, digits and hyphens; rename it to \"{hint}.yaml\""
        ),
    }
}

/// A record's place, for messages about duplicates.
#[derive(Clone)]
struct Place {
    file: String,
    pos: Pos,
}

#[derive(Default)]
struct Linker {
    diagnostics: Vec<Diagnostic>,
    site: Option<Site>,
    /// Taxonomies that were read, even if empty.
    seen_kinds: HashSet<Kind>,
    levels: Vec<(Term, Pos)>,
    fields: Vec<(Term, Pos)>,
    life_events: Vec<(Term, Pos)>,
    agencies: Vec<(Agency, Pos)>,
    groups: Vec<Group>,
    procedures: Vec<(Arc<Procedure>, Spots)>,
    synonyms: Vec<Synonym>,
    /// The paths the build will write, once the pages are known.
    owners: Owners,
}

impl Linker {
    fn error(&mut self, place: &Place, field: &str, message: String) {
        self.diagnostics.push(Diagnostic {
            file: place.file.clone(),
            pos: place.pos,
            field: field.to_string(),
            message,
        });
    }

    fn add(&mut self, record: Record) {
        match record {
            Record::Site(site) => self.site = Some(site),
            Record::Terms(kind, terms) => {
                self.seen_kinds.insert(kind);
                let file = taxonomy_file(kind);
                let mut seen: HashMap<String, Pos> = HashMap::new();
                for (term, pos) in &terms {
                    if let Some(first) = seen.insert(term.id.clone(), *pos) {
                        let place = Place {
                            file: file.to_string(),
                            pos: *pos,
                        };
                        self.error(
                            &place,
                            "id",
                            format!(
                                "\"{}\" is listed twice (first on line {})",
                                term.id, first.line
                            ),
                        );
                    }
                }
                match kind {
                    Kind::Levels => self.levels = terms,
                    Kind::Fields => self.fields = terms,
                    _ => self.life_events = terms,
                }
            }
            Record::Agency(agency, pos) => self.agencies.push((agency, pos)),
            Record::Group(group) => self.groups.push(group),
            Record::Procedure(p, spots) => self.procedures.push((p, spots)),
            Record::Synonyms(s) => self.synonyms = s,
        }
    }

    /// The files every catalogue has.
    fn require_files(&mut self) {
        let start = Pos { line: 1, column: 1 };
        if self.site.is_none() && !self.diagnostics.iter().any(|d| d.file == "site.yaml") {
            let place = Place {
                file: "site.yaml".into(),
                pos: start,
            };
            self.error(
                &place,
                "",
                "is missing: every catalogue has a site.yaml with at least `title` and `base_url`"
                    .into(),
            );
        }
        for kind in [Kind::Levels, Kind::Fields, Kind::LifeEvents] {
            let file = taxonomy_file(kind);
            if !self.seen_kinds.contains(&kind) && !self.diagnostics.iter().any(|d| d.file == file)
            {
                let place = Place {
                    file: file.into(),
                    pos: start,
                };
                self.error(&place, "", "is missing: it lists the ids that procedures refer to (`- id: …` and `name: …`)".into());
            }
        }
    }

    /// Duplicate codes, URL collisions and form files.
    fn check_procedures(&mut self, sources: &Sources) {
        let mut codes: BTreeMap<String, Place> = BTreeMap::new();
        let mut urls: BTreeMap<String, (Place, String)> = BTreeMap::new();
        for (term_kind, prefix) in [
            (&self.levels, urls::level as fn(&str) -> String),
            (&self.fields, urls::field),
            (&self.life_events, urls::life_event),
        ] {
            for (t, _) in term_kind {
                urls.insert(
                    prefix(&t.id),
                    (
                        Place {
                            file: String::new(),
                            pos: Pos::default(),
                        },
                        t.name.clone(),
                    ),
                );
            }
        }
        for (a, _) in &self.agencies {
            urls.insert(
                urls::agency(&a.id),
                (
                    Place {
                        file: String::new(),
                        pos: Pos::default(),
                    },
                    a.name.clone(),
                ),
            );
        }
        for g in &self.groups {
            urls.insert(
                urls::group(&g.id),
                (
                    Place {
                        file: String::new(),
                        pos: Pos::default(),
                    },
                    g.title.clone(),
                ),
            );
        }
        let mut problems = Vec::new();
        for (p, spots) in &self.procedures {
            let here = |pos: Pos| Place {
                file: p.source.clone(),
                pos,
            };
            if let Some(first) = codes.get(&p.code) {
                problems.push((
                    here(spots.code),
                    "code",
                    format!(
                        "\"{}\" is also the code of {}:{}; codes must be unique",
                        p.code, first.file, first.pos.line
                    ),
                ));
            } else {
                codes.insert(p.code.clone(), here(spots.code));
            }
            let url = urls::procedure(&p.slug);
            match urls.get(&url) {
                Some((first, title)) => problems.push((
                    here(spots.url),
                    "slug",
                    format!(
                        "gives the URL /{url}, which {} already has (\"{title}\"); set a different `slug` on one of them",
                        if first.file.is_empty() { "another page".to_string() } else { format!("{}:{}", first.file, first.pos.line) }
                    ),
                )),
                None => {
                    urls.insert(url, (here(spots.url), p.title.clone()));
                }
            }
        }
        // Aliases come last: they may not shadow any page.
        let fixed = Owners::fixed();
        for (p, spots) in &self.procedures {
            for alias in &p.aliases {
                if let Some(taken) = reserved_path(alias, sources, &fixed) {
                    problems.push((
                        Place {
                            file: p.source.clone(),
                            pos: spots.aliases,
                        },
                        "aliases",
                        format!(
                            "/{alias} is already {taken}; an old URL cannot redirect from there"
                        ),
                    ));
                } else if let Some((first, title)) = urls.get(alias) {
                    let owner = if first.file.is_empty() {
                        "another page".to_string()
                    } else {
                        format!("{}:{}", first.file, first.pos.line)
                    };
                    problems.push((
                        Place { file: p.source.clone(), pos: spots.aliases },
                        "aliases",
                        format!("/{alias} is already the URL of {owner} (\"{title}\"); an old URL cannot redirect from a page that exists"),
                    ));
                } else {
                    urls.insert(
                        alias.clone(),
                        (
                            Place {
                                file: p.source.clone(),
                                pos: spots.aliases,
                            },
                            p.title.clone(),
                        ),
                    );
                }
            }
        }
        for (place, field, message) in problems {
            self.error(&place, field, message);
        }
        let mut owners = fixed;
        for (url, (_, title)) in &urls {
            owners.page(url, title);
        }
        for (p, _) in &self.procedures {
            let data = urls::procedure_data(&p.slug);
            owners.insert(
                data.clone(),
                format!("the data file /{data} of \"{}\"", p.title),
            );
            owners.page(&urls::procedure_sheet(&p.slug), &p.title);
        }
        for (f, _) in &self.fields {
            let feed = urls::field_feed(&f.id);
            owners.insert(feed.clone(), format!("the feed /{feed} of \"{}\"", f.name));
        }
        self.owners = owners;
        self.check_forms(sources);
    }

    /// Every form exists, and is copied to a path that no page or file of the build has.
    fn check_forms(&mut self, sources: &Sources) {
        let mut problems = Vec::new();
        for (p, _) in &self.procedures {
            for (i, d) in p.documents.iter().enumerate() {
                let Some(form) = &d.form else { continue };
                let message = if !sources.assets.contains(form) {
                    let hint = suggestion(form, sources.assets.iter().map(String::as_str));
                    format!("the file \"{form}\" does not exist in the content folder{hint}")
                } else if let Some((_, what)) = self.owners.owner_of(form) {
                    // Forms are published at their path in the content folder.
                    format!(
                        "the file \"{form}\" is published at /{form}, which clashes with {what}; \
                         move it into a folder of forms such as \"files/\""
                    )
                } else {
                    continue;
                };
                problems.push((
                    p.source.clone(),
                    format!("documents.{}.form", i + 1),
                    message,
                ));
            }
        }
        // Positions of form fields are not kept in the model; point at the file's front matter.
        for (file, field, message) in problems {
            let pos = self.form_pos(sources, &file, &field);
            self.error(&Place { file, pos }, &field, message);
        }
    }

    /// The position of `documents.N.form` in a file, found again from its YAML.
    fn form_pos(&self, sources: &Sources, file: &str, field: &str) -> Pos {
        let fallback = Pos { line: 2, column: 1 };
        let Some(src) = sources.files.iter().find(|f| f.rel == file) else {
            return fallback;
        };
        let Ok(split) = front_matter::split(&src.text) else {
            return fallback;
        };
        let Ok(doc) = yaml::parse(split.yaml, split.yaml_line) else {
            return fallback;
        };
        let index: usize = field
            .split('.')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
        doc.entry("documents")
            .and_then(|(_, docs)| match &docs.value {
                yaml::Value::Seq(items) => items.get(index - 1),
                _ => None,
            })
            .and_then(|d| d.entry("form"))
            .map_or(fallback, |(_, v)| v.pos)
    }

    fn check_refs(
        &mut self,
        refs: &[&Ref],
        declared: &HashSet<(RefKind, String)>,
        broken: &HashSet<RefKind>,
    ) {
        let ids =
            |terms: &[(Term, Pos)]| terms.iter().map(|(t, _)| t.id.clone()).collect::<Vec<_>>();
        let levels = ids(&self.levels);
        let fields = ids(&self.fields);
        let life_events = ids(&self.life_events);
        let agencies: Vec<String> = self.agencies.iter().map(|(a, _)| a.id.clone()).collect();
        let codes: Vec<String> = self
            .procedures
            .iter()
            .map(|(p, _)| p.code.clone())
            .collect();
        // The lists stay for suggestions, in order; the sets keep the check linear.
        fn set(list: &[String]) -> HashSet<&str> {
            list.iter().map(String::as_str).collect()
        }
        let sets = [
            set(&levels),
            set(&fields),
            set(&life_events),
            set(&agencies),
            set(&codes),
        ];
        let mut problems = Vec::new();
        for r in refs.iter().filter(|r| !broken.contains(&r.kind)) {
            let (known, known_set, noun, source) = match r.kind {
                RefKind::Level => (&levels, &sets[0], "level", " (see levels.yaml)"),
                RefKind::Field => (&fields, &sets[1], "field", " (see fields.yaml)"),
                RefKind::LifeEvent => (
                    &life_events,
                    &sets[2],
                    "life event",
                    " (see life-events.yaml)",
                ),
                RefKind::Agency => (&agencies, &sets[3], "agency", " (see agencies/)"),
                RefKind::Procedure => (&codes, &sets[4], "procedure", ""),
            };
            if known_set.contains(r.target.as_str())
                || declared.contains(&(r.kind, r.target.clone()))
            {
                continue;
            }
            // Codes differ by a digit or two from many others: suggest only a near-certain typo.
            let hint = if r.kind == RefKind::Procedure {
                known
                    .iter()
                    .find(|c| strsim::damerau_levenshtein(c, &r.target) == 1)
                    .map(|c| format!("; did you mean \"{c}\"?"))
                    .unwrap_or_default()
            } else {
                suggestion(&r.target, known.iter().map(String::as_str))
            };
            let message = if hint.is_empty() {
                format!(
                    "unknown {noun} \"{}\"; no {noun} has this {what}{source}",
                    r.target,
                    what = if r.kind == RefKind::Procedure {
                        "code"
                    } else {
                        "id"
                    }
                )
            } else {
                format!("unknown {noun} \"{}\"{hint}", r.target)
            };
            problems.push((
                Place {
                    file: r.file.clone(),
                    pos: r.pos,
                },
                r.field.clone(),
                message,
            ));
        }
        for (place, field, message) in problems {
            self.error(&place, &field, message);
        }
    }

    /// An agency's parents must end somewhere.
    fn check_agency_cycles(&mut self) {
        let parents: HashMap<&str, &str> = self
            .agencies
            .iter()
            .filter_map(|(a, _)| a.parent.as_deref().map(|p| (a.id.as_str(), p)))
            .collect();
        let mut problems = Vec::new();
        for (a, pos) in &self.agencies {
            let mut current = a.id.as_str();
            for _ in 0..self.agencies.len() {
                match parents.get(current) {
                    Some(&p) if p == a.id => {
                        problems.push((Place { file: format!("agencies/{}.yaml", a.id), pos: *pos }, format!("\"{}\" is its own ancestor through `parent`; the chain of parents must end at an agency without one", a.id)));
                        break;
                    }
                    Some(&p) => current = p,
                    None => break,
                }
            }
        }
        for (place, message) in problems {
            self.error(&place, "parent", message);
        }
    }

    fn finish(mut self) -> Result<Catalogue, Vec<Diagnostic>> {
        if !self.diagnostics.is_empty() {
            self.diagnostics.sort();
            self.diagnostics.dedup();
            return Err(self.diagnostics);
        }
        let Some(site) = self.site else {
            return Err(self.diagnostics);
        };
        let mut agencies: Vec<Agency> = self.agencies.into_iter().map(|(a, _)| a).collect();
        agencies.sort_by(|a, b| a.id.cmp(&b.id));
        let mut groups = self.groups;
        groups.sort_by(|a, b| a.id.cmp(&b.id));
        let mut procedures: Vec<Arc<Procedure>> =
            self.procedures.into_iter().map(|(p, _)| p).collect();
        procedures.sort_by(|a, b| a.code.cmp(&b.code));
        let mut forms: Vec<String> = procedures
            .iter()
            .flat_map(|p| p.documents.iter().filter_map(|d| d.form.clone()))
            .collect();
        forms.sort();
        forms.dedup();
        let terms = |t: Vec<(Term, Pos)>| t.into_iter().map(|(t, _)| t).collect();
        Ok(Catalogue {
            site,
            levels: terms(self.levels),
            fields: terms(self.fields),
            life_events: terms(self.life_events),
            agencies,
            groups,
            procedures,
            forms,
            synonyms: self.synonyms,
        })
    }
}

/// What already owns a path of the output other than a page of the catalogue: a file
/// copied from the content folder, or a page, folder or file every site has (`fixed`).
fn reserved_path(alias: &str, sources: &Sources, fixed: &Owners) -> Option<String> {
    let bare = alias.trim_end_matches('/');
    if sources.assets.contains(bare) {
        return Some(format!("the file {bare} from the content folder"));
    }
    let (taken, _) = fixed.owner_of(&urls::file_of(alias))?;
    let first = taken.split('/').next().unwrap_or(taken);
    Some(format!("used by the site itself (/{first})"))
}

fn taxonomy_file(kind: Kind) -> &'static str {
    match kind {
        Kind::Levels => "levels.yaml",
        Kind::Fields => "fields.yaml",
        _ => "life-events.yaml",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sites_own_paths_are_reserved() {
        let sources = Sources {
            root: std::path::PathBuf::new(),
            files: Vec::new(),
            assets: ["files/a.docx".to_string()].into(),
            problems: Vec::new(),
        };
        for alias in [
            "a-z/",
            "tim-kiem/",
            "thong-ke/",
            "thay-doi/",
            "du-lieu/",
            "du-lieu/thu-tuc.json/",
            "static/site.css/",
            "files/a.docx/",
        ] {
            assert!(
                reserved_path(alias, &sources, &Owners::fixed()).is_some(),
                "{alias}"
            );
        }
        for alias in ["thu-tuc/ten-cu/", "thong-ke-cu/", "a-z/cu/"] {
            assert_eq!(
                reserved_path(alias, &sources, &Owners::fixed()),
                None,
                "{alias}"
            );
        }
    }
}
