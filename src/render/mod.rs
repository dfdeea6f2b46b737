//! Rendering: the [`Catalogue`] into HTML pages, through the tera templates of `theme/`.
//!
//! The templates are loaded once per build; pages render in parallel and each is handed
//! to the caller's `write` as soon as it is minified, so memory does not grow with the
//! catalogue. Links are root-relative paths that start with `base`, the path of
//! `base_url` (`/` or `/tinh-a/`): they work on any host and under a sub-path.

pub mod assets;
pub mod chart;
pub mod data_page;
pub mod i18n;
pub mod json_ld;
pub mod markdown;
pub mod minify;
pub mod paginate;
pub mod posting;
pub mod qr;
pub mod reports;
pub mod reuse;
pub mod theme;
pub mod view;

use crate::catalogue::{Catalogue, Language, Procedure, Status};
use crate::progress::Progress;
use crate::urls::{self, file_of};
use i18n::Strings;
use markdown::Markdown;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tera::{Context, Tera, Value};
use view::{Entry, Index, Link};

use crate::output::Published;
use reuse::Reuse;
// The search index writes through the same type as the pages.
pub use crate::output::Write;

/// Why rendering stopped.
#[derive(Debug)]
pub enum Error {
    /// A template, the strings or the stylesheet of the theme is wrong.
    Theme(String),
    /// A rendered file could not be written.
    Io(std::io::Error),
    /// One page could not be made: the content file it shows (none for the site's own
    /// pages), its path, and why.
    Page {
        file: Option<String>,
        path: String,
        message: String,
    },
}

impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::Theme(message)
    }
}

fn io_error(path: &str, e: std::io::Error) -> Error {
    Error::Io(std::io::Error::new(e.kind(), format!("{path}: {e}")))
}

/// What the rendering wrote.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Pages for the sitemap, sorted by path (not the 404 page, the search page or redirects).
    pub published: Vec<Published>,
    /// Every file written, including assets and redirects.
    pub files: usize,
}

/// The path of a `base_url`: `https://host/tinh-a/` → `/tinh-a/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => {
            let path = &after_scheme[i..];
            if path.ends_with('/') {
                path.to_string()
            } else {
                format!("{path}/")
            }
        }
        None => "/".to_string(),
    }
}

/// Renders every page of `catalogue` (and the theme's assets) into `write`.
/// `base_url` is absolute and ends with `/`; `form_sizes` gives the size of each form file.
/// With `reuse`, a page whose inputs are those of a page in the output is not made again
/// ([`reuse`]): its files are listed for the caller to keep.
pub fn render(
    catalogue: &Catalogue,
    base_url: &str,
    form_sizes: &BTreeMap<String, u64>,
    write: Write,
    reuse: Option<&Reuse>,
    progress: &Progress,
) -> Result<Rendered, Error> {
    progress.step("preparing the theme");
    let (assets, _) = assets::build()?;
    for asset in &assets {
        write(&asset.path, &asset.bytes).map_err(|e| io_error(&asset.path, e))?;
    }
    let jobs = jobs(catalogue);
    let mut rendered = render_jobs(
        catalogue, base_url, form_sizes, &jobs, write, reuse, progress,
    )?;
    rendered.files += assets.len();
    Ok(rendered)
}

/// Renders only the pages of the procedures whose code is in `codes`, and their old
/// paths: `serve` shows an edited procedure with this long before the whole site is
/// rebuilt. The pages are the same as [`render`] makes from the same catalogue.
pub fn render_procedures(
    catalogue: &Catalogue,
    base_url: &str,
    form_sizes: &BTreeMap<String, u64>,
    codes: &std::collections::HashSet<&str>,
    write: Write,
    reuse: Option<&Reuse>,
) -> Result<Rendered, Error> {
    let mut jobs = Vec::new();
    for p in catalogue
        .procedures
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| codes.contains(p.code.as_str()))
    {
        jobs.push(Job::Procedure(p));
        jobs.extend(p.aliases.iter().map(|a| Job::Alias(a, p)));
    }
    render_jobs(
        catalogue,
        base_url,
        form_sizes,
        &jobs,
        write,
        reuse,
        &Progress::hidden(),
    )
}

fn render_jobs(
    catalogue: &Catalogue,
    base_url: &str,
    form_sizes: &BTreeMap<String, u64>,
    jobs: &[Job],
    write: Write,
    reuse: Option<&Reuse>,
    progress: &Progress,
) -> Result<Rendered, Error> {
    let base = base_path(base_url);
    let env = Env::of(catalogue, base_url, &base)?;
    let (strings, tera) = (&env.strings, &env.tera);
    let markdown = Markdown::new(&base);
    // The codes of the pages made: every procedure's for the site (the posting sheets
    // show them all), the edited ones' for `serve`'s early update.
    let qr_codes = if jobs.iter().any(|j| matches!(j, Job::Sheet(_))) {
        qr::Codes::new(catalogue.procedures.iter().map(AsRef::as_ref), base_url)
    } else {
        let shown = jobs.iter().filter_map(|j| match j {
            Job::Procedure(p) | Job::ProcedureSheet(p) => Some(*p),
            _ => None,
        });
        qr::Codes::new(shown, base_url)
    };
    let sources = view::Sources {
        catalogue,
        strings,
        markdown: &markdown,
        form_sizes,
        qr_codes: &qr_codes,
    };
    let index = Index::new(catalogue, strings);
    let posting = posting::Posting::of(catalogue);
    let pages = Pages {
        sources: &sources,
        index: &index,
        posting: &posting,
        base_url,
    };
    progress.counted("rendering pages", jobs.len());
    let render_page = |page: &Page, job: &Job| {
        let parts = page.parts();
        let published = (1..=parts)
            .into_par_iter()
            .map(|number| {
                let (path, context) = pages.part(page, number, parts);
                let html = tera.render(page.template, &context).map_err(|e| {
                    Error::Theme(format!("rendering {path} with {}: {e}", page.template))
                })?;
                let file = file_of(&path);
                let minified = minify::html(&html)
                    .and_then(|page| qr_codes.fill(page))
                    .map_err(|message| Error::Page {
                        file: job.source(catalogue),
                        path: path.clone(),
                        message,
                    })?;
                write(&file, &minified).map_err(|e| io_error(&file, e))?;
                Ok(page.published.then(|| Published {
                    path,
                    lastmod: page.lastmod.clone(),
                }))
            })
            .collect::<Result<Vec<Option<Published>>, Error>>()?;
        Ok::<_, Error>((parts, published.into_iter().flatten().collect::<Vec<_>>()))
    };
    let deps = reuse.map(|r| Deps::new(&index, &posting, r));
    let render_one = |job: &Job| {
        let unit = deps.as_ref().zip(reuse).map(|(deps, reuse)| {
            let id = job.path(catalogue);
            let key = deps.key(job);
            (reuse, id, key)
        });
        if let Some((reuse, id, key)) = &unit
            && let Some(kept) = reuse.keep(id, *key)
        {
            progress.tick();
            let published = kept.published.into_iter();
            let published = published.map(|(path, lastmod)| Published { path, lastmod });
            return Ok((kept.files.len(), published.collect()));
        }
        let mut files = Vec::new();
        let mut published = Vec::new();
        for page in pages.pages(job) {
            let (parts, done) = render_page(&page, job)?;
            files.extend((1..=parts).map(|n| file_of(&paginate::path(&page.path, n))));
            published.extend(done);
        }
        if let Some((reuse, id, key)) = &unit {
            reuse.made(id, *key, files.clone(), &published);
        }
        progress.tick();
        Ok((files.len(), published))
    };
    let rendered: Vec<(usize, Vec<Published>)> = render_pool()?.install(|| {
        jobs.par_iter()
            .map(|job| {
                // A panic is a bug, but it is one page's: name the page, keep the process.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| render_one(job)))
                    .unwrap_or_else(|panic| {
                        Err(Error::Page {
                            file: job.source(catalogue),
                            path: job.path(catalogue),
                            message: panic_message(&panic),
                        })
                    })
            })
            .collect::<Result<_, Error>>()
    })?;
    let mut done = Rendered::default();
    for (files, published) in rendered {
        done.files += files;
        done.published.extend(published);
    }
    done.published.sort();
    Ok(done)
}

/// The stack of each rendering thread. The minifier recurses once for each level of a
/// page's nesting, which [`minify::MAX_PAGE_DEPTH`] bounds; this leaves room for that in
/// a debug build (about 7 KB a level) and under the fuzzers' AddressSanitizer. Only the
/// part a page uses is ever touched.
pub(crate) const RENDER_STACK: usize = 64 << 20;

/// Threads with [`RENDER_STACK`], one per core as in rayon's own pool.
fn render_pool() -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(RENDER_STACK)
        .thread_name(|i| format!("render-{i}"))
        .build()
        .map_err(|e| Error::Io(std::io::Error::other(format!("rendering threads: {e}"))))
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message");
    format!("an internal error (a bug in thutuc: {text})")
}

/// The strings of the interface and the tera environment of a build.
struct Env {
    strings: Strings,
    tera: Tera,
}

impl Env {
    /// The environment for `catalogue` at `base_url`: the one made last when the site's
    /// settings and the base URL are the same (`serve` renders an edited page with it
    /// without parsing the theme again), else a new one, kept for the next.
    fn of(catalogue: &Catalogue, base_url: &str, base: &str) -> Result<Arc<Env>, Error> {
        use std::hash::{Hash, Hasher};
        static KEPT: Mutex<Option<(u64, Arc<Env>)>> = Mutex::new(None);
        // Made once a process (`assets::build`): only their hashed names here.
        let (_, asset_names) = assets::build()?;
        let site = serde_json::to_string(&catalogue.site)
            .map_err(|e| Error::Theme(format!("the site's settings: {e}")))?;
        let mut h = std::hash::DefaultHasher::new();
        (site, base_url, base, &asset_names).hash(&mut h);
        let key = h.finish();
        let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, env)) = kept.as_ref()
            && *k == key
        {
            return Ok(Arc::clone(env));
        }
        let strings = Strings::load(catalogue.site.language)?;
        let tera = environment(catalogue, base_url, base, &strings, &asset_names)?;
        let env = Arc::new(Env { strings, tera });
        *kept = Some((key, Arc::clone(&env)));
        Ok(env)
    }
}

/// The tera environment: every template of the theme, and what every page shares.
fn environment(
    catalogue: &Catalogue,
    base_url: &str,
    base: &str,
    strings: &Strings,
    assets: &BTreeMap<String, String>,
) -> Result<Tera, String> {
    let mut tera = Tera::new();
    let mut templates = Vec::new();
    for (name, bytes) in theme::files_under("templates") {
        let text =
            std::str::from_utf8(bytes).map_err(|e| format!("theme/templates/{name}: {e}"))?;
        templates.push((name, text));
    }
    tera.add_raw_templates(templates)
        .map_err(|e| format!("the theme's templates: {e}"))?;
    let mut site = Value::from_serializable(&catalogue.site);
    if let Some(map) = site.as_map() {
        // Pages link with the base_url of this build (serve and --base-url change it).
        let mut map = map.clone();
        map.insert("base_url".into(), base_url.into());
        site = Value::from(map);
    }
    let global = tera.global_context();
    global.insert_value("site", site);
    global.insert("base", base);
    global.insert("t", strings.all());
    global.insert("assets", assets);
    global.insert_value(
        "content_lang",
        Value::safe_string(content_lang(catalogue.site.language)),
    );
    Ok(tera)
}

/// The attribute that marks content in templates (`<h1{{ content_lang }}>`): content is
/// Vietnamese whatever the language of the interface, and says so when they differ.
pub fn content_lang(interface: Language) -> &'static str {
    match interface {
        Language::Vi => "",
        Language::En => " lang=\"vi\"",
    }
}

/// At most this many agencies on the home page; the others are on the list of agencies.
const HOME_AGENCIES: usize = 30;
/// A level page links to its agencies when it has at most this many.
const LEVEL_AGENCIES: usize = 300;

/// One page to render.
enum Job<'a> {
    Home,
    Procedure(&'a Procedure),
    Field(usize),
    Level(usize),
    LifeEvent(usize),
    Agency(usize),
    Group(usize),
    AtoZ,
    /// Every agency, for the home page shows only the site's own level.
    Agencies,
    Search,
    Stats,
    Changes,
    NotFound,
    OpenData,
    /// An old path that redirects to a procedure.
    Alias(&'a str, &'a Procedure),
    /// A posting sheet (`niem-yet/`): not in the sitemap.
    Sheet(posting::Sheet<'a>),
    /// A procedure's A4 sheet (`thu-tuc/<slug>/in/`), made with its page: not in the
    /// sitemap.
    ProcedureSheet(&'a Procedure),
}

impl Job<'_> {
    /// The content file the page shows, for messages about it; none for the site's own
    /// pages, which show the whole catalogue.
    fn source(&self, c: &Catalogue) -> Option<String> {
        Some(match self {
            Job::Procedure(p) | Job::Alias(_, p) | Job::ProcedureSheet(p) => p.source.clone(),
            Job::Sheet(sheet) => sheet.source(),
            Job::Agency(i) => format!("agencies/{}.yaml", c.agencies[*i].id),
            Job::Group(i) => format!("groups/{}.yaml", c.groups[*i].id),
            Job::Field(_) => "fields.yaml".to_string(),
            Job::Level(_) => "levels.yaml".to_string(),
            Job::LifeEvent(_) => "life-events.yaml".to_string(),
            _ => return None,
        })
    }

    /// The page's path, for messages about it.
    fn path(&self, c: &Catalogue) -> String {
        match self {
            Job::Home => urls::HOME.to_string(),
            Job::Procedure(p) => urls::procedure(&p.slug),
            Job::Field(i) => urls::field(&c.fields[*i].id),
            Job::Level(i) => urls::level(&c.levels[*i].id),
            Job::LifeEvent(i) => urls::life_event(&c.life_events[*i].id),
            Job::Agency(i) => urls::agency(&c.agencies[*i].id),
            Job::Group(i) => urls::group(&c.groups[*i].id),
            Job::AtoZ => urls::A_TO_Z.to_string(),
            Job::Agencies => urls::AGENCIES.to_string(),
            Job::Search => urls::SEARCH.to_string(),
            Job::Stats => urls::STATS.to_string(),
            Job::Changes => urls::CHANGES.to_string(),
            Job::NotFound => urls::NOT_FOUND.to_string(),
            Job::OpenData => urls::OPEN_DATA.to_string(),
            Job::Alias(from, _) => from.to_string(),
            Job::Sheet(sheet) => sheet.path(),
            Job::ProcedureSheet(p) => urls::procedure_sheet(&p.slug),
        }
    }
}

fn jobs(c: &Catalogue) -> Vec<Job<'_>> {
    let mut jobs = vec![
        Job::Home,
        Job::AtoZ,
        Job::Agencies,
        Job::Search,
        Job::Stats,
        Job::Changes,
        Job::NotFound,
    ];
    jobs.push(Job::OpenData);
    jobs.extend(c.procedures.iter().map(|p| Job::Procedure(p)));
    jobs.extend((0..c.fields.len()).map(Job::Field));
    jobs.extend((0..c.levels.len()).map(Job::Level));
    jobs.extend((0..c.life_events.len()).map(Job::LifeEvent));
    jobs.extend((0..c.agencies.len()).map(Job::Agency));
    jobs.extend((0..c.groups.len()).map(Job::Group));
    for p in &c.procedures {
        jobs.extend(p.aliases.iter().map(|a| Job::Alias(a, p)));
    }
    jobs.extend(posting::sheets(c).into_iter().map(Job::Sheet));
    jobs
}

/// What the pages are made from, for the keys of [`reuse`]: which procedures each page
/// shows besides its own.
struct Deps<'a> {
    /// The catalogue's lists: who names a procedure, which procedures an agency has.
    index: &'a Index<'a>,
    posting: &'a posting::Posting<'a>,
    reuse: &'a Reuse,
    /// Every procedure: for the pages that show the whole catalogue.
    all: u64,
    /// What the lists of the whole catalogue (A–Z, the agencies, the changes) show of
    /// every procedure.
    all_listed: u64,
}

impl<'a> Deps<'a> {
    fn new(index: &'a Index<'a>, posting: &'a posting::Posting<'a>, reuse: &'a Reuse) -> Deps<'a> {
        let c = index.catalogue;
        let all = reuse.key((
            "all",
            Self::hashes(reuse, c.procedures.iter().map(AsRef::as_ref)),
        ));
        let all_listed = Self::listed(c.procedures.iter().map(AsRef::as_ref));
        Deps {
            index,
            posting,
            reuse,
            all,
            all_listed,
        }
    }

    /// What a list shows of each of `procedures`, in order, as one hash: its entry
    /// (code, title, address, status, online, agency, announcement) and what places it
    /// in the list of changes (its update, its replacement, the deciding agency for
    /// the counts of agencies). A list page stays the same when only the rest of a
    /// procedure's file (its body, documents, fees) changes.
    fn listed<'p>(procedures: impl Iterator<Item = &'p Procedure>) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        for p in procedures {
            (
                p.code.as_str(),
                p.title.as_str(),
                p.slug.as_str(),
                p.status == Status::Abolished,
                p.online
                    .as_ref()
                    .map(|o| o.level == crate::catalogue::OnlineLevel::Full),
                p.agency.as_str(),
                p.deciding_agency.as_deref(),
                p.announced.as_ref().map(|a| (a.decision.as_str(), a.date)),
                p.updated,
                p.replaced_by.as_deref(),
            )
                .hash(&mut h);
        }
        h.finish()
    }

    /// The code and file hash of each procedure, in order, as one hash.
    fn hashes<'p>(reuse: &Reuse, procedures: impl Iterator<Item = &'p Procedure>) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        for p in procedures {
            (p.code.as_str(), reuse.procedure(&p.source)).hash(&mut h);
        }
        h.finish()
    }

    /// The key of a job's pages: a hash of everything they show.
    fn key(&self, job: &Job) -> u64 {
        let (c, reuse) = (self.index.catalogue, self.reuse);
        let hashes = |list: &mut dyn Iterator<Item = &Procedure>| Self::hashes(reuse, list);
        let path = job.path(c);
        match job {
            Job::Procedure(p) | Job::ProcedureSheet(p) => {
                // Its own record, and those of the procedures its page links to with
                // their titles: related (both ways), the replacement, its groups'.
                let mut others: Vec<&Procedure> = Vec::new();
                let named = p.related.iter().chain(&p.replaced_by);
                others.extend(named.filter_map(|code| c.procedure(code)));
                others.extend(
                    self.index
                        .named_by(&p.code)
                        .filter_map(|code| c.procedure(code)),
                );
                for g in c.groups_of(&p.code) {
                    others.extend(g.procedures.iter().filter_map(|code| c.procedure(code)));
                }
                let own = reuse.procedure(&p.source);
                reuse.key(("procedure", path, own, hashes(&mut others.into_iter())))
            }
            Job::Alias(_, p) => reuse.key(("alias", path, reuse.procedure(&p.source))),
            Job::Field(i) => {
                let id = &c.fields[*i].id;
                let list = Self::listed(
                    c.procedures
                        .iter()
                        .map(AsRef::as_ref)
                        .filter(|p| &p.field == id),
                );
                reuse.key(("field", path, list))
            }
            Job::Level(i) => {
                let id = &c.levels[*i].id;
                let list = Self::listed(
                    c.procedures
                        .iter()
                        .map(AsRef::as_ref)
                        .filter(|p| p.levels.contains(id)),
                );
                reuse.key(("level", path, list))
            }
            Job::LifeEvent(i) => {
                let id = &c.life_events[*i].id;
                let list = c
                    .procedures
                    .iter()
                    .map(AsRef::as_ref)
                    .filter(|p| p.life_events.contains(id));
                reuse.key(("life event", path, Self::listed(list)))
            }
            Job::Agency(i) => {
                let a = &c.agencies[*i];
                let list = Self::listed(self.index.of_agency(&a.id));
                let sheet = self.posting.sheet(a);
                reuse.key(("agency", path, list, sheet))
            }
            Job::Group(i) => {
                let list = c.groups[*i]
                    .procedures
                    .iter()
                    .map(AsRef::as_ref)
                    .filter_map(|code| c.procedure(code));
                reuse.key(("group", path, hashes(&mut list.into_iter())))
            }
            Job::Sheet(sheet) => {
                use posting::Sheet;
                match sheet {
                    Sheet::Agency(_, list) => {
                        reuse.key(("sheet", path, hashes(&mut list.iter().copied())))
                    }
                    Sheet::AgencyIndex(_, fields, newest) => {
                        let fields: Vec<(&str, usize)> =
                            fields.iter().map(|(f, n)| (f.id.as_str(), *n)).collect();
                        reuse.key(("sheet index", path, fields, newest))
                    }
                    Sheet::FieldIndex {
                        count,
                        parts,
                        newest,
                        ..
                    } => reuse.key(("field index", path, count, parts, newest)),
                    Sheet::AgencyField {
                        procedures,
                        number,
                        parts,
                        count,
                        ..
                    } => {
                        let list = hashes(&mut procedures.iter().copied());
                        reuse.key(("field sheet", path, list, number, parts, count))
                    }
                }
            }
            Job::AtoZ | Job::Agencies | Job::Changes => {
                reuse.key(("site list", path, self.all_listed))
            }
            Job::Home | Job::Search | Job::Stats | Job::NotFound | Job::OpenData => {
                reuse.key(("site", path, self.all))
            }
        }
    }
}

/// A page ready for its template.
struct Page<'p> {
    kind: &'static str,
    /// Of the first page, for a list over several.
    path: String,
    title: String,
    template: &'static str,
    context: Context,
    published: bool,
    lastmod: Option<String>,
    description: Option<String>,
    crumbs: Vec<Link>,
    feed: Option<String>,
    /// The canonical URL, when it is not the page's own.
    canonical: Option<String>,
    /// The entries of a list page, spread over pages of [`paginate::PAGE_SIZE`].
    list: Option<List<'p>>,
}

/// A list too long for one page: how many entries, and how to put a range of them into
/// the context of the page that shows them.
struct List<'p> {
    len: usize,
    fill: Fill<'p>,
}

/// Puts the entries of a range into the context of the page that shows them.
type Fill<'p> = Box<dyn Fn(&mut Context, std::ops::Range<usize>) + Send + Sync + 'p>;

impl Page<'_> {
    /// How many pages it takes.
    fn parts(&self) -> usize {
        self.list
            .as_ref()
            .map_or(1, |l| paginate::count(l.len, paginate::PAGE_SIZE))
    }
}

/// What every page has in `page`.
#[derive(Serialize)]
struct Meta<'a> {
    kind: &'static str,
    /// Relative to `base`.
    path: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    canonical: String,
    crumbs: Vec<Link>,
    noindex: bool,
    /// The Atom feed of this page, relative to `base`.
    feed: Option<String>,
}

struct Pages<'p, 'a> {
    sources: &'p view::Sources<'a>,
    index: &'p Index<'a>,
    posting: &'p posting::Posting<'a>,
    base_url: &'p str,
}

impl<'p, 'a> Pages<'p, 'a> {
    fn home_crumb(&self) -> Link {
        Link {
            name: self.sources.strings.get("home").to_string(),
            url: String::new(),
        }
    }

    /// The pages a job makes: one, or for an active procedure its page and its A4 sheet,
    /// which show the same view (worked out once: Markdown, sanitising, links).
    fn pages(&self, job: &Job<'a>) -> Vec<Page<'p>> {
        let Job::Procedure(p) = job else {
            return vec![self.page(job, None)];
        };
        let view = self.procedure_view(p);
        if p.status != Status::Active {
            return vec![self.page(job, Some(view))];
        }
        let sheet = self.page(&Job::ProcedureSheet(p), Some(view.clone()));
        vec![self.page(job, Some(view)), sheet]
    }

    fn procedure_view(&self, p: &'a Procedure) -> Value {
        Value::from_serializable(&view::procedure(self.sources, self.index, p))
    }

    /// A page of `job`; `view`: the procedure's view when the caller has it already.
    fn page(&self, job: &Job<'a>, view: Option<Value>) -> Page<'p> {
        let c = self.sources.catalogue;
        let t = self.sources.strings;
        let mut context = Context::new();
        let mut lastmod = None;
        let mut published = true;
        let mut crumbs = vec![self.home_crumb()];
        let mut description: Option<String> = None;
        let mut feed = None;
        let mut list = None;
        // The site's own pages: a fixed path, and their title from the strings.
        let own = |kind, template, path: &str, title: &str| {
            (kind, template, path.to_string(), t.get(title).to_string())
        };
        let (kind, template, path, title): (&str, &str, String, String) = match job {
            Job::Home => {
                context.insert_value("home", self.home());
                crumbs.clear();
                description = c.site.description.clone();
                feed = Some(urls::FEED.to_string());
                ("home", "home.html", String::new(), c.site.title.clone())
            }
            Job::Procedure(p) => {
                let view = view.unwrap_or_else(|| self.procedure_view(p));
                context.insert_value("proc", view);
                if let Some(field) = c.field(&p.field) {
                    crumbs.push(Link {
                        name: field.name.clone(),
                        url: urls::field(&field.id),
                    });
                }
                lastmod = p
                    .updated
                    .or(p.announced.as_ref().and_then(|a| a.date))
                    .map(|d| d.to_string());
                let summary = markdown::summary(&p.body.intro, 160);
                description = Some(summary).filter(|s| !s.is_empty());
                let json_ld =
                    json_ld::government_service(c, t, p, self.base_url, description.as_deref());
                context.insert("json_ld", &json_ld);
                context.insert("data_url", &urls::procedure_data(&p.slug));
                posting::procedure_extras(&mut context, self.sources.qr_codes, p);
                let path = urls::procedure(&p.slug);
                ("procedure", "procedure.html", path, p.title.clone())
            }
            Job::Field(i) => {
                let term = &c.fields[*i];
                list = Some(self.term(&mut context, "field", term, |p| p.field == term.id));
                feed = Some(urls::field_feed(&term.id));
                description = term.description.clone();
                let path = urls::field(&term.id);
                ("field", "term.html", path, term.name.clone())
            }
            Job::Level(i) => {
                let term = &c.levels[*i];
                list =
                    Some(self.term(&mut context, "level", term, |p| p.levels.contains(&term.id)));
                let agencies: Vec<Link> = c
                    .agencies
                    .iter()
                    .filter(|a| a.level == term.id)
                    .map(|a| Link {
                        name: a.name.clone(),
                        url: urls::agency(&a.id),
                    })
                    .collect();
                // A national level has thousands: those are on the list of agencies.
                if agencies.len() <= LEVEL_AGENCIES {
                    context.insert("agencies", &agencies);
                } else {
                    context.insert("all_agencies", urls::AGENCIES);
                }
                description = term.description.clone();
                let path = urls::level(&term.id);
                ("level", "term.html", path, term.name.clone())
            }
            Job::LifeEvent(i) => {
                let term = &c.life_events[*i];
                list = Some(self.term(&mut context, "life_event", term, |p| {
                    p.life_events.contains(&term.id)
                }));
                description = term.description.clone();
                let path = urls::life_event(&term.id);
                ("life_event", "term.html", path, term.name.clone())
            }
            Job::Agency(i) => {
                let a = &c.agencies[*i];
                context.insert("agency", &view::agency(c, a));
                list = Some(self.procedures(&mut context, self.index.agency_list(&a.id)));
                let link = |x: &crate::catalogue::Agency| Link {
                    name: x.name.clone(),
                    url: urls::agency(&x.id),
                };
                let parent = a.parent.as_deref().and_then(|id| c.agency(id)).map(link);
                let children: Vec<Link> = c
                    .agencies
                    .iter()
                    .filter(|x| x.parent.as_deref() == Some(a.id.as_str()))
                    .map(link)
                    .collect();
                context.insert("parent", &parent);
                context.insert("children", &children);
                context.insert("posting", &self.posting.sheet(a));
                let path = urls::agency(&a.id);
                ("agency", "agency.html", path, a.name.clone())
            }
            Job::Group(i) => {
                let g = &c.groups[*i];
                context.insert_value(
                    "group",
                    Value::from_serializable(&view::group(self.sources, self.index, g)),
                );
                description = g.description.clone();
                let path = urls::group(&g.id);
                ("group", "group.html", path, g.title.clone())
            }
            Job::AtoZ => {
                context.insert("total", &t.count("procedures", c.procedures.len() as u64));
                list = Some(self.a_to_z());
                own("az", "az.html", urls::A_TO_Z, "az_title")
            }
            Job::Agencies => {
                let counts = self.agency_counts();
                let mut agencies: Vec<&crate::catalogue::Agency> = c.agencies.iter().collect();
                agencies.sort_by_cached_key(|a| view::title_key(&a.name).0);
                let entries: Vec<Value> = agencies
                    .iter()
                    .map(|a| {
                        let n = counts.get(a.id.as_str()).copied().unwrap_or(0);
                        Value::from_serializable(&Entry::new(
                            &a.name,
                            None,
                            urls::agency(&a.id),
                            n,
                            t,
                        ))
                    })
                    .collect();
                context.insert("total", &t.count("agencies", entries.len() as u64));
                list = Some(List {
                    len: entries.len(),
                    fill: Box::new(move |context, range| {
                        context.insert_value("agencies", entries[range].to_vec().into());
                    }),
                });
                own(
                    "agencies",
                    "agencies.html",
                    urls::AGENCIES,
                    "agencies_title",
                )
            }
            Job::OpenData => {
                context.insert("data", &data_page::page(c, t));
                own("open_data", "open-data.html", urls::OPEN_DATA, "data_title")
            }
            Job::Search => {
                published = false;
                own("search", "search.html", urls::SEARCH, "search_title")
            }
            Job::Stats => {
                let lang = content_lang(c.site.language);
                context.insert("stats", &reports::stats(c, t, lang));
                own("stats", "stats.html", urls::STATS, "stats_title")
            }
            Job::Changes => {
                let (view, newest) = reports::changes(c, t, self.index);
                context.insert("any", &!view.is_empty());
                lastmod = newest;
                list = Some(List {
                    len: view.len(),
                    fill: Box::new(move |context, range| {
                        context
                            .insert_value("changes", Value::from_serializable(&view.part(range)));
                    }),
                });
                feed = Some(urls::FEED.to_string());
                own("changes", "changes.html", urls::CHANGES, "changes_title")
            }
            Job::NotFound => {
                published = false;
                crumbs.clear();
                own("not_found", "404.html", urls::NOT_FOUND, "not_found_title")
            }
            Job::Sheet(sheet) => {
                published = false;
                crumbs.clear();
                posting::page(self.sources, sheet, &mut context)
            }
            Job::ProcedureSheet(p) => {
                published = false;
                crumbs.clear();
                let view = view.unwrap_or_else(|| self.procedure_view(p));
                posting::procedure_sheet(self.sources, p, view, &mut context)
            }
            Job::Alias(from, p) => {
                published = false;
                crumbs.clear();
                context.insert("target", &Link::to_procedure(p));
                let path = from.to_string();
                (
                    "redirect",
                    "redirect.html",
                    path,
                    t.get("redirect_title").to_string(),
                )
            }
        };
        let canonical = match job {
            Job::Alias(_, p) => Some(format!("{}{}", self.base_url, urls::procedure(&p.slug))),
            _ => None,
        };
        Page {
            kind,
            path,
            title,
            template,
            context,
            published,
            lastmod,
            description,
            crumbs,
            feed,
            canonical,
            list,
        }
    }

    /// Page `number` of `parts` of `page`: its path and its whole context.
    fn part(&self, page: &Page, number: usize, parts: usize) -> (String, Context) {
        let t = self.sources.strings;
        let mut context = page.context.clone();
        let path = paginate::path(&page.path, number);
        let mut title = page.title.clone();
        if let Some(list) = &page.list {
            (list.fill)(
                &mut context,
                paginate::range(number, list.len, paginate::PAGE_SIZE),
            );
            if parts > 1 {
                title = format!("{title} – {}", paginate::title_suffix(number, parts, t));
            }
            context.insert("pager", &paginate::Pager::new(&page.path, number, parts, t));
            context.insert("page_number", &number);
        }
        let meta = Meta {
            kind: page.kind,
            path: &path,
            title: &title,
            description: page.description.as_deref(),
            canonical: page
                .canonical
                .clone()
                .unwrap_or_else(|| format!("{}{path}", self.base_url)),
            crumbs: page.crumbs.clone(),
            noindex: !page.published,
            feed: page.feed.clone(),
        };
        context.insert_value("page", Value::from_serializable(&meta));
        (path, context)
    }

    /// A field, level or life event: its procedures, active then abolished.
    fn term(
        &self,
        context: &mut Context,
        kind: &str,
        term: &crate::catalogue::Term,
        keep: impl Fn(&Procedure) -> bool,
    ) -> List<'p> {
        let t = self.sources.strings;
        context.insert("term", term);
        context.insert("kind_label", t.get(&format!("kind_{kind}")));
        self.procedures(context, self.index.list(keep))
    }

    /// A list of procedures in title order ([`Index::list`]): those in force, then the
    /// abolished ones, each page showing its part of both (`procs`, `abolished`).
    fn procedures(&self, context: &mut Context, lists: (Vec<Value>, Vec<Value>)) -> List<'p> {
        let t = self.sources.strings;
        let (mut items, abolished) = lists;
        context.insert("count", &t.count("procedures", items.len() as u64));
        let active = items.len();
        items.extend(abolished);
        List {
            len: items.len(),
            fill: Box::new(move |context, range| {
                let part = |from: usize, to: usize| items[from..to].to_vec();
                let split = range.start.max(active).min(range.end);
                context.insert_value("procs", part(range.start, split).into());
                context.insert_value("abolished", part(split, range.end).into());
            }),
        }
    }

    /// The A–Z list: its first letters, each linking to the page where it starts, and the
    /// procedures of each page under their letters.
    fn a_to_z(&self) -> List<'p> {
        let index: &'p Index<'a> = self.index;
        let letters = view::letters(index);
        let base = base_path(self.base_url);
        List {
            len: index.by_title().len(),
            fill: Box::new(move |context, range| {
                // A letter on this page is a link within it; the others, to their page.
                let this_page = range.start / paginate::PAGE_SIZE + 1;
                let nav: Vec<Link> = letters
                    .iter()
                    .map(|l| {
                        let page = l.start / paginate::PAGE_SIZE + 1;
                        let path = if page == this_page {
                            String::new()
                        } else {
                            format!("{base}{}", paginate::path(urls::A_TO_Z, page))
                        };
                        Link {
                            name: l.letter.clone(),
                            url: format!("{path}#{}", l.id),
                        }
                    })
                    .collect();
                context.insert("letters", &nav);
                let mut shown = Vec::new();
                for (i, l) in letters.iter().enumerate() {
                    let end = letters
                        .get(i + 1)
                        .map_or(index.by_title().len(), |n| n.start);
                    let (from, to) = (l.start.max(range.start), end.min(range.end));
                    if from < to {
                        let items: Vec<Value> = index
                            .by_title()
                            .skip(from)
                            .take(to - from)
                            .map(|p| index.item(&p.code))
                            .collect();
                        let mut letter = BTreeMap::new();
                        letter.insert("letter", Value::from(l.letter.as_str()));
                        letter.insert("id", Value::from(l.id.as_str()));
                        letter.insert("items", Value::from(items));
                        shown.push(Value::from(letter));
                    }
                }
                context.insert_value("shown", Value::from(shown));
            }),
        }
    }

    /// How many procedures in force each agency handles or decides, by agency id.
    fn agency_counts(&self) -> std::collections::HashMap<&'a str, usize> {
        let mut counts = std::collections::HashMap::new();
        for p in &self.sources.catalogue.procedures {
            if p.status != Status::Active {
                continue;
            }
            *counts.entry(p.agency.as_str()).or_insert(0) += 1;
            if let Some(d) = p.deciding_agency.as_deref().filter(|d| *d != p.agency) {
                *counts.entry(d).or_insert(0) += 1;
            }
        }
        counts
    }

    fn home(&self) -> Value {
        let c = self.sources.catalogue;
        let t = self.sources.strings;
        let index = self.index;
        let entries = |terms: &'a [crate::catalogue::Term],
                       url: fn(&str) -> String,
                       keep: &dyn Fn(&Procedure, &str) -> bool,
                       hide_empty: bool| {
            terms
                .iter()
                .map(|term| (term, index.count(|p| keep(p, &term.id))))
                .filter(|(_, n)| *n > 0 || !hide_empty)
                .map(|(term, n)| {
                    Entry::new(&term.name, term.description.as_deref(), url(&term.id), n, t)
                })
                .collect::<Vec<_>>()
        };
        let life_events = entries(
            &c.life_events,
            urls::life_event,
            &|p, id| p.life_events.iter().any(|x| x == id),
            true,
        );
        let fields = entries(&c.fields, urls::field, &|p, id| p.field == id, true);
        let levels = entries(
            &c.levels,
            urls::level,
            &|p, id| p.levels.iter().any(|x| x == id),
            false,
        );
        // Every agency with procedures, as long as they are few; else those of the site's
        // own level (the first of levels.yaml) that handle the most: a few dozen at most,
        // whatever the size of the catalogue. The list of agencies has them all.
        let counts = self.agency_counts();
        let mut agencies: Vec<(&crate::catalogue::Agency, usize)> = c
            .agencies
            .iter()
            .map(|a| (a, counts.get(a.id.as_str()).copied().unwrap_or(0)))
            .filter(|(_, n)| *n > 0)
            .collect();
        if agencies.len() > HOME_AGENCIES {
            let own_level = c.levels.first().map(|l| l.id.as_str());
            agencies.retain(|(a, _)| Some(a.level.as_str()) == own_level);
            agencies.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
            agencies.truncate(HOME_AGENCIES);
        }
        agencies.sort_by_cached_key(|(a, _)| view::title_key(&a.name).0);
        let agencies: Vec<Entry> = agencies
            .into_iter()
            .map(|(a, n)| Entry::new(&a.name, None, urls::agency(&a.id), n, t))
            .collect();
        let all_agencies = t
            .get("home_all_agencies")
            .replace("{n}", &t.number(c.agencies.len() as u64));
        let groups: Vec<Entry> = c
            .groups
            .iter()
            .map(|g| {
                Entry::new(
                    &g.title,
                    g.description.as_deref(),
                    urls::group(&g.id),
                    g.procedures.len(),
                    t,
                )
            })
            .collect();
        let mut recent: Vec<&Procedure> = c
            .procedures
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| {
                p.status == Status::Active && p.announced.as_ref().is_some_and(|a| a.date.is_some())
            })
            .collect();
        recent.sort_by(|a, b| {
            let date = |p: &Procedure| p.announced.as_ref().and_then(|x| x.date);
            date(b).cmp(&date(a)).then_with(|| a.code.cmp(&b.code))
        });
        let recent: Vec<Value> = recent.iter().take(8).map(|p| index.item(&p.code)).collect();
        let active = index.count(|_| true);
        let online = index.count(|p| p.online.is_some());
        let counts = t
            .get("home_counts")
            .replace("{procedures}", &t.number(active as u64))
            .replace("{online}", &t.number(online as u64));
        let see_all = t
            .get("home_see_all")
            .replace("{n}", &t.number(c.procedures.len() as u64));
        let mut home = BTreeMap::new();
        home.insert("life_events", Value::from_serializable(&life_events));
        home.insert("fields", Value::from_serializable(&fields));
        home.insert("levels", Value::from_serializable(&levels));
        home.insert("agencies", Value::from_serializable(&agencies));
        home.insert("all_agencies", all_agencies.into());
        home.insert("groups", Value::from_serializable(&groups));
        home.insert("recent", recent.into());
        home.insert("counts", counts.into());
        home.insert("see_all", see_all.into());
        Value::from(home)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/tinh-a/"), "/tinh-a/");
        assert_eq!(base_path("http://127.0.0.1:1111/a/b/"), "/a/b/");
    }

    #[test]
    fn output_files() {
        assert_eq!(file_of(""), "index.html");
        assert_eq!(file_of("thu-tuc/x/"), "thu-tuc/x/index.html");
        assert_eq!(file_of("404.html"), "404.html");
    }
}
