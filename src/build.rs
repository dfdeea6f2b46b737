//! The one pipeline: load and check → copy forms → the three output stages (pages,
//! search index, files for machines) side by side → swap, with the time each step took.
//!
//! `thutuc build` runs it once. `serve` keeps a [`Pipeline`] and asks it again after
//! every change: it re-reads and re-parses only the files that changed, and can swap in
//! the pages of edited procedures over the last site before building the rest
//! ([`Pipeline::update_pages`]). Both go through the same [`Staging`] writer, so the
//! preview is as atomic as a published build.

mod cache;

use crate::catalogue::{self, Catalogue};
use crate::content::{self, Sources};
use crate::output::{Manifest, Staging};
use crate::progress::Progress;
use crate::render::reuse::{Inputs, Reuse, Units};
use crate::{Error, publish, render, search};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` from `site.yaml` (for `serve`, or a staging host).
    pub base_url: Option<String>,
}

/// What a build did, for the command line to print.
#[derive(Debug)]
pub struct Report {
    pub procedures: usize,
    pub files: usize,
    pub base_url: String,
    /// Each step, with the time it took.
    pub steps: Vec<(&'static str, Duration)>,
    /// Units of pages (a page with its parts, or a procedure's page with its sheet)
    /// kept from the output as they were, and made.
    pub pages_kept: usize,
    pub pages_made: usize,
}

/// Loads and validates the content folder.
pub fn check(content_dir: &Path) -> Result<Catalogue, Error> {
    check_with(content_dir, &Progress::hidden())
}

/// [`check`], telling `progress` how far it is. The caller erases the line when it
/// returns ([`Progress::clear`]).
pub fn check_with(content_dir: &Path, progress: &Progress) -> Result<Catalogue, Error> {
    let sources = load(content_dir, progress)?;
    catalogue::build_with(&sources, progress).map_err(Error::Content)
}

fn load(content_dir: &Path, progress: &Progress) -> Result<Sources, Error> {
    content::load_with(content_dir, progress).map_err(|e| Error::Io(with_path(e, content_dir)))
}

/// Builds the site from `options.content` into `options.output`. On any error the
/// previous output is left untouched. Prints nothing.
pub fn build(options: &Options) -> Result<Report, Error> {
    build_with(options, &Progress::hidden())
}

/// [`build`], telling `progress` which step it is in and how far. The caller erases the
/// line when the build returns ([`Progress::clear`]).
pub fn build_with(options: &Options, progress: &Progress) -> Result<Report, Error> {
    Pipeline::new(options, false)?.build(None, progress)
}

/// What [`Pipeline::update_pages`] did.
#[derive(Debug, Default)]
pub struct Update {
    /// How many procedures' pages it wrote; 0 when it wrote nothing.
    pub pages: usize,
    /// Each step, with the time it took.
    pub steps: Vec<(&'static str, Duration)>,
}

/// What every output stage is given: each one writes its files through `write` (the
/// staging writer) and returns how many it wrote.
pub struct Context<'a> {
    pub catalogue: &'a Catalogue,
    pub base_url: &'a str,
    /// The size of every form file, for the download links.
    pub form_sizes: &'a BTreeMap<String, u64>,
    pub write: crate::output::Write<'a>,
    /// What the output folder holds that this build may keep (incremental rendering).
    pub reuse: Option<&'a Reuse>,
    /// What the stages made of each procedure last time, when the pipeline keeps it.
    pub memo: Option<&'a Memo>,
    pub progress: &'a Progress,
}

/// What the output stages made of each procedure, kept by `serve`'s pipeline between
/// builds so that a build after an edit does again only the work of what changed.
#[derive(Default)]
pub struct Memo {
    search: search::Memo,
    open_data: publish::open_data::Memo,
}

/// An output stage: the pages, the search index, the files for machines.
pub type Stage = fn(&Context) -> Result<usize, Error>;

/// The output stages, in no particular order: they run side by side.
pub const STAGES: [(&str, Stage); 3] = [
    ("pages", pages),
    ("search index", search_index),
    ("files for machines", machine_files),
];

/// The pages, the theme's files, and the sitemap (which lists the pages).
fn pages(cx: &Context) -> Result<usize, Error> {
    let rendered = render::render(
        cx.catalogue,
        cx.base_url,
        cx.form_sizes,
        cx.write,
        cx.reuse,
        cx.progress,
    )?;
    let sitemaps = publish::sitemaps(cx.base_url, &rendered.published);
    for (path, xml) in &sitemaps {
        (cx.write)(path, xml.as_bytes())?;
    }
    Ok(rendered.files + sitemaps.len())
}

/// The static search index.
fn search_index(cx: &Context) -> Result<usize, Error> {
    let memo = cx.memo.map(|m| &m.search);
    let stats = search::export(cx.catalogue, memo, cx.write, &Progress::hidden())?;
    Ok(stats.files)
}

/// `robots.txt`, the Atom feeds and the open data.
fn machine_files(cx: &Context) -> Result<usize, Error> {
    let (catalogue, base_url, write) = (cx.catalogue, cx.base_url, cx.write);
    write(crate::urls::ROBOTS, publish::robots(base_url).as_bytes())?;
    let strings = render::i18n::Strings::load(catalogue.site.language).map_err(Error::Theme)?;
    let mut feeds = vec![(None, crate::urls::FEED.to_string())];
    feeds.extend(
        catalogue
            .fields
            .iter()
            .map(|f| (Some(f.id.as_str()), crate::urls::field_feed(&f.id))),
    );
    for (field, path) in &feeds {
        let xml = publish::feed::atom(catalogue, &strings, base_url, *field, path);
        write(path, xml.as_bytes())?;
    }
    let memo = cx.memo.map(|m| &m.open_data);
    let data_files = publish::open_data::write(catalogue, &strings, base_url, memo, write)?;
    Ok(1 + feeds.len() + data_files)
}

/// The pipeline, with what it keeps between builds when asked to (`serve`): the content
/// as last read, what each file decoded to, and what the output and staging folders hold.
pub struct Pipeline {
    options: Options,
    /// `--base-url`, checked.
    base_url: Option<String>,
    /// For `serve`: `http://127.0.0.1:PORT`, before the path of the site's `base_url`.
    origin: String,
    /// Keep the content and records between builds.
    remember: bool,
    sources: Option<Sources>,
    records: catalogue::Cache,
    /// The catalogue linked from `sources` as they are, when this pipeline keeps them:
    /// `serve`'s whole build after an early update of pages does not link it again.
    linked: Option<Arc<Catalogue>>,
    /// The base URL the output was made for.
    built_for: String,
    /// What the output folder holds, and the staging folder beside it (the output
    /// before), when this process wrote them.
    output: Option<Manifest>,
    staged: Option<Manifest>,
    /// The hash of the inputs the output was made from, when known.
    inputs: Option<u64>,
    /// What each unit of the output was made from, when known: what the next build
    /// need not make again.
    units: Units,
    /// The hash of each content file as last read, when this pipeline keeps the content:
    /// only the files that changed are hashed again.
    file_hashes: std::collections::HashMap<String, u64>,
    /// What the output stages made of each procedure, when this pipeline keeps it.
    memo: Option<Memo>,
}

impl Pipeline {
    /// A pipeline for `options`. `remember`: keep what it read for the next build.
    pub fn new(options: &Options, remember: bool) -> Result<Pipeline, Error> {
        let base_url = options
            .base_url
            .as_deref()
            .map(normalise_base_url)
            .transpose()?;
        Ok(Pipeline {
            options: options.clone(),
            base_url,
            origin: String::new(),
            remember,
            sources: None,
            records: catalogue::Cache::default(),
            linked: None,
            built_for: String::new(),
            output: None,
            staged: None,
            inputs: None,
            units: Units::new(),
            file_hashes: Default::default(),
            memo: remember.then(Memo::default),
        })
    }

    /// The pipeline of `serve`: remembers what it read, and makes the site for
    /// `origin` (`http://127.0.0.1:PORT`) under the path of the site's `base_url`, so
    /// that the preview's links are those of the published site.
    pub fn served_at(options: &Options, origin: &str) -> Pipeline {
        let options = Options {
            base_url: None,
            ..options.clone()
        };
        Pipeline {
            origin: origin.to_string(),
            ..Pipeline::new(&options, true).expect("no --base-url to check")
        }
    }

    /// The origin given to [`Pipeline::served_at`]; empty for `build`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Builds the whole site. `changed`: the content files (relative paths) changed
    /// since the last build of this pipeline; `None` when not known (everything is read).
    pub fn build(
        &mut self,
        changed: Option<&HashSet<String>>,
        progress: &Progress,
    ) -> Result<Report, Error> {
        let mut steps = Vec::new();
        let mut clock = Instant::now();
        let mut lap = |name: &'static str| {
            steps.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let (sources, changed) = self.read(changed, progress)?;
        let hashed = self.inputs_of(&sources, &changed);
        let inputs = hashed.total;
        let output = self.options.output.clone();
        // What another process left: trusted only while the output is as it left it.
        // (What this process wrote itself it knows.)
        if self.output.is_none()
            && let Some(cache) = cache::load(&output)
            && cache::output_intact(&output, &cache.output)
        {
            (self.inputs, self.output, self.staged) =
                (cache.inputs, Some(cache.output), cache.staged);
            self.built_for = cache.base_url;
            self.units = cache.units;
        }
        let unchanged = self.inputs == Some(inputs);
        let procedures = sources
            .files
            .iter()
            .filter(|f| f.kind == content::Kind::Procedure)
            .count();
        let nothing_to_do = |mut steps: Vec<_>, files: Option<&Manifest>, base_url: &str| {
            // The same inputs make the same site, byte for byte: the output is it already.
            steps.push(("nothing changed", Duration::ZERO));
            Ok(Report {
                procedures,
                files: files.map_or(0, |m| m.len() - 1),
                base_url: base_url.to_string(),
                steps,
                pages_kept: 0,
                pages_made: 0,
            })
        };
        if unchanged && !self.remember {
            lap("load");
            return nothing_to_do(steps, self.output.as_ref(), &self.built_for);
        }
        // `serve` decodes all the same, so that the next edit finds every record decoded.
        let catalogue = self.parse(sources, &changed, progress)?;
        let base_url = self.base_url_of(&catalogue);
        lap("load and check");
        if unchanged {
            return nothing_to_do(steps, self.output.as_ref(), &base_url);
        }

        let staging = self.staging()?;
        let content = &self.options.content;
        let mut form_sizes = BTreeMap::new();
        progress.counted("copying forms", catalogue.forms.len());
        for form in &catalogue.forms {
            let from = content.join(form);
            let size = staging
                .copy(&from, form)
                .map_err(|e| Error::Io(with_path(e, &from)))?;
            form_sizes.insert(form.clone(), size);
            progress.tick();
        }
        lap("copy forms");

        let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);
        let reuse = Reuse::new(hashed.units, self.reusable_units());
        let cx = Context {
            catalogue: &catalogue,
            base_url: &base_url,
            form_sizes: &form_sizes,
            write: &write,
            reuse: Some(&reuse),
            memo: self.memo.as_ref(),
            progress,
        };
        // Side by side: the index's single-threaded parts leave a core to the others.
        let (_, stage_times) = run_stages(&cx, &STAGES)?;
        lap("pages, search index and files for machines");
        let (pages_kept, pages_made) = reuse.counts();
        let (kept, units) = reuse.finish();
        self.keep(&staging, &kept)?;
        lap("keep unchanged pages");

        progress.step("replacing the output folder");
        self.built_for = base_url.clone();
        self.units = units;
        let files = self.commit(staging, Some(inputs))?;
        lap("swap");
        // Then each stage's own time (they overlap): the split the benchmarks report.
        steps.extend(stage_times);
        Ok(Report {
            procedures: catalogue.procedures.len(),
            // Not the marker file.
            files: files - 1,
            base_url,
            steps,
            pages_kept,
            pages_made,
        })
    }

    /// The hash of everything the output is made from, besides the binary: the text of
    /// every content file, the other files' names, sizes and modification times, and
    /// the base URL given; and the same split for the keys of incremental rendering
    /// (each procedure file apart).
    /// `changed`: the files that differ from the last reading, whose hashes are not
    /// known (the others' are kept when this pipeline keeps the content).
    fn inputs_of(&mut self, sources: &Sources, changed: &HashSet<String>) -> Hashed {
        use std::hash::{Hash, Hasher};
        if !self.remember {
            self.file_hashes.clear();
        }
        let known = &mut self.file_hashes;
        known.retain(|rel, _| !changed.contains(rel));
        let mut file_hash = |rel: &str, text: &str| {
            if let Some(hash) = known.get(rel) {
                return *hash;
            }
            let mut h = std::hash::DefaultHasher::new();
            rel.hash(&mut h);
            text.hash(&mut h);
            let hash = h.finish();
            if self.remember {
                known.insert(rel.to_string(), hash);
            }
            hash
        };
        let mut global = cache::Digest::new();
        global.add(&self.base_url);
        global.add(&self.origin);
        global.add(&crate::search::file_budget());
        let mut procedures = std::collections::HashMap::new();
        for file in &sources.files {
            let hash = file_hash(&file.rel, &file.text);
            if file.kind == content::Kind::Procedure {
                procedures.insert(file.rel.clone(), hash);
            } else {
                global.add(&hash);
            }
        }
        for problem in &sources.problems {
            global.add_bytes(problem.to_string().as_bytes());
        }
        for asset in &sources.assets {
            let meta = std::fs::metadata(self.options.content.join(asset)).ok();
            let stamp = meta.map(|m| (m.len(), m.modified().ok()));
            global.add(&(asset, stamp));
        }
        let global = global.finish();
        let mut total = cache::Digest::new();
        total.add(&global);
        let mut sorted: Vec<(&String, &u64)> = procedures.iter().collect();
        sorted.sort();
        total.add(&sorted);
        Hashed {
            total: total.finish(),
            units: Inputs { global, procedures },
        }
    }

    /// The units of the last build that the output folder holds as they were made.
    fn reusable_units(&mut self) -> Units {
        let Some(output) = &self.output else {
            return Units::new();
        };
        let mut units = std::mem::take(&mut self.units);
        units.retain(|_, unit| unit.files.iter().all(|f| output.contains_key(f)));
        units
    }

    /// Carries the files of the units kept over from the output into `staging`.
    fn keep(&self, staging: &Staging, kept: &[String]) -> Result<(), Error> {
        let Some(output) = &self.output else {
            return Ok(());
        };
        let files: Manifest = kept
            .iter()
            .filter_map(|f| Some((f.clone(), *output.get(f)?)))
            .collect();
        staging.carry(&files).map_err(Error::Io)
    }

    /// Swaps in the pages of the procedures whose files are in `changed` over the last
    /// site this pipeline built, the rest as it was: an edit shows in a fraction of the
    /// whole build's time, and [`Pipeline::build`] brings the lists and the index after.
    /// Writes nothing (0 pages) when no procedure was edited or the change needs the
    /// whole build (a form, a new file).
    /// The content is checked as for a build: a problem is an error, as there.
    pub fn update_pages(&mut self, changed: &HashSet<String>) -> Result<Update, Error> {
        let mut update = Update::default();
        let mut clock = Instant::now();
        let mut lap = |update: &mut Update, name: &'static str| {
            update.steps.push((name, clock.elapsed()));
            clock = Instant::now();
        };
        let only_edits = changed
            .iter()
            .all(|rel| content::kind_of(rel) == Some(content::Kind::Procedure));
        if !(only_edits && self.remember && self.output.is_some()) {
            return Ok(update);
        }
        let catalogue = self.check(Some(changed), &Progress::hidden())?;
        let codes: HashSet<&str> = catalogue
            .procedures
            .iter()
            .filter(|p| changed.contains(&p.source))
            .map(|p| p.code.as_str())
            .collect();
        if codes.is_empty() {
            return Ok(update);
        }
        lap(&mut update, "check");
        let base_url = self.base_url_of(&catalogue);
        // The sizes the last build copied, unless a form changed (then no early pages).
        let form_sizes = catalogue
            .forms
            .iter()
            .map(|f| {
                let path = self.options.content.join(f);
                let size = std::fs::metadata(&path).map_err(|e| Error::Io(with_path(e, &path)))?;
                Ok((f.clone(), size.len()))
            })
            .collect::<Result<_, Error>>()?;
        let staging = self.staging()?;
        lap(&mut update, "prepare");
        let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);
        // The pages made here replace theirs in what the next build may keep.
        let sources = self
            .sources
            .take()
            .ok_or_else(|| Error::Internal("the content read for an update was not kept".into()))?;
        let hashed = self.inputs_of(&sources, changed);
        self.sources = Some(sources);
        let made = Reuse::new(hashed.units, Units::new());
        let reuse = Some(&made).filter(|_| !self.units.is_empty());
        render::render_procedures(&catalogue, &base_url, &form_sizes, &codes, &write, reuse)?;
        lap(&mut update, "render");
        if let Some(last) = &self.output {
            staging.carry(last)?;
        }
        lap(&mut update, "carry the rest");
        if !self.units.is_empty() {
            self.units.extend(made.finish().1);
        }
        self.commit(staging, None)?;
        lap(&mut update, "swap");
        update.pages = codes.len();
        Ok(update)
    }

    /// The catalogue, reading and decoding again only what changed when this pipeline
    /// remembers the last build.
    fn check(
        &mut self,
        changed: Option<&HashSet<String>>,
        progress: &Progress,
    ) -> Result<Arc<Catalogue>, Error> {
        let (sources, changed) = self.read(changed, progress)?;
        self.parse(sources, &changed, progress)
    }

    /// The content files, read again only where they changed when this pipeline keeps
    /// them; and which files differ from the last reading.
    fn read(
        &mut self,
        changed: Option<&HashSet<String>>,
        progress: &Progress,
    ) -> Result<(Sources, HashSet<String>), Error> {
        let content = &self.options.content;
        let last = match (self.sources.take(), changed) {
            (Some(last), Some(changed)) => {
                let before = texts_of(&last, changed);
                match content::reload(last, changed) {
                    Ok(sources) => {
                        // A file saved again with the same text is no change.
                        let after = texts_of(&sources, changed);
                        let changed: HashSet<String> = changed
                            .iter()
                            .filter(|rel| before.get(*rel) != after.get(*rel))
                            .cloned()
                            .collect();
                        if !changed.is_empty() {
                            self.linked = None;
                        }
                        return Ok((sources, changed));
                    }
                    Err(last) => last,
                }
            }
            (Some(last), None) => last,
            (None, _) => {
                self.linked = None;
                // Nothing to compare with: every file is new.
                self.file_hashes.clear();
                return Ok((load(content, progress)?, HashSet::new()));
            }
        };
        // Files besides the content (forms) may have changed too: link again.
        self.linked = None;
        let sources = load(content, progress)?;
        let changed = differences(&last, &sources);
        Ok((sources, changed))
    }

    /// Decodes and links `sources`: only the files in `changed` and those not decoded
    /// before when this pipeline keeps them.
    fn parse(
        &mut self,
        sources: Sources,
        changed: &HashSet<String>,
        progress: &Progress,
    ) -> Result<Arc<Catalogue>, Error> {
        if !self.remember {
            let catalogue = catalogue::build_with(&sources, progress).map_err(Error::Content)?;
            return Ok(Arc::new(catalogue));
        }
        if let Some(linked) = &self.linked {
            self.sources = Some(sources);
            return Ok(Arc::clone(linked));
        }
        progress.step("checking files");
        let checked = catalogue::build_cached(&sources, &mut self.records, changed);
        self.sources = Some(sources);
        let catalogue = Arc::new(checked.map_err(Error::Content)?);
        self.linked = Some(Arc::clone(&catalogue));
        Ok(catalogue)
    }

    fn base_url_of(&self, catalogue: &Catalogue) -> String {
        let site = &catalogue.site.base_url;
        match &self.base_url {
            Some(given) => given.clone(),
            None if self.origin.is_empty() => site.clone(),
            None => format!("{}{}", self.origin, render::base_path(site)),
        }
    }

    fn staging(&mut self) -> Result<Staging, Error> {
        // Until this build commits, what the folders hold is not known for sure.
        let known = self.staged.take();
        let output = &self.options.output;
        cache::forget(output);
        Staging::resume(output, &[&self.options.content], known).map_err(Error::Io)
    }

    /// Swaps the staging folder in; returns how many files the new output holds.
    /// `inputs`: the hash of what it was made from, when it is a whole build.
    fn commit(&mut self, staging: Staging, inputs: Option<u64>) -> Result<usize, Error> {
        let written = staging.commit()?;
        let files = written.len();
        if inputs.is_some() {
            // After a few pages swapped in (`serve`), the whole build that follows saves it.
            let output = &self.options.output;
            cache::save(
                output,
                inputs,
                &self.built_for,
                &written,
                self.output.as_ref(),
                &self.units,
            );
        }
        self.staged = self.output.replace(written);
        self.inputs = inputs;
        Ok(files)
    }
}

/// Named steps and the time each took.
type Steps = Vec<(&'static str, Duration)>;

/// The inputs of a build, hashed: all of them, and split for incremental rendering.
struct Hashed {
    total: u64,
    units: Inputs,
}

/// Runs the stages side by side; returns how many files they wrote together, and the
/// time each took.
fn run_stages(cx: &Context, stages: &[(&'static str, Stage)]) -> Result<(usize, Steps), Error> {
    use rayon::prelude::*;
    let done: Vec<Result<_, Error>> = stages
        .par_iter()
        .map(|(name, stage)| {
            let started = Instant::now();
            stage(cx).map(|files| (files, (*name, started.elapsed())))
        })
        .collect();
    // When several fail, the first stage's error, whichever came first: the same
    // message every time.
    let done = done.into_iter().collect::<Result<Vec<_>, Error>>()?;
    let files = done.iter().map(|(files, _)| files).sum();
    Ok((files, done.into_iter().map(|(_, took)| took).collect()))
}

/// The texts of the files `rels` among `sources` (those it holds).
fn texts_of(
    sources: &Sources,
    rels: &HashSet<String>,
) -> std::collections::HashMap<String, String> {
    sources
        .files
        .iter()
        .filter(|f| rels.contains(&f.rel))
        .map(|f| (f.rel.clone(), f.text.clone()))
        .collect()
}

/// The files added, removed or edited between two readings of the content.
fn differences(before: &Sources, after: &Sources) -> HashSet<String> {
    fn texts(s: &Sources) -> std::collections::HashMap<&str, &str> {
        s.files
            .iter()
            .map(|f| (f.rel.as_str(), f.text.as_str()))
            .collect()
    }
    let (old, new) = (texts(before), texts(after));
    let edited = new
        .iter()
        .filter(|(rel, text)| old.get(*rel) != Some(*text));
    let removed = old.keys().filter(|rel| !new.contains_key(*rel));
    edited
        .map(|(rel, _)| *rel)
        .chain(removed.copied())
        .map(str::to_string)
        .collect()
}

/// A base URL given on the command line: absolute http(s), ending with `/`.
fn normalise_base_url(url: &str) -> Result<String, Error> {
    let lower = url.to_ascii_lowercase();
    let absolute = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(char::is_whitespace);
    if !absolute {
        return Err(Error::Usage(format!(
            "--base-url \"{url}\" is not an absolute web address such as https://example.org/tinh-a/"
        )));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}
