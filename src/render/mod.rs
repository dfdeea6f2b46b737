//! Rendering: the [`Catalogue`] into HTML pages, through the tera templates of `theme/`.
//!
//! The templates are loaded once per build; pages render in parallel and each is handed
//! to the caller's `write` as soon as it is minified, so memory does not grow with the
//! catalogue. Links are root-relative paths that start with `base`, the path of
//! `base_url` (`/` or `/tinh-a/`): they work on any host and under a sub-path.

pub mod assets;
pub mod chart;
pub mod i18n;
pub mod json_ld;
pub mod markdown;
pub mod minify;
pub mod posting;
pub mod qr;
pub mod reports;
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
use tera::{Context, Tera, Value};
use view::{Entry, Index, Link};

/// Where each rendered file goes: its path in the output, and its bytes.
pub type Write<'w> = &'w (dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync);

/// Why rendering stopped.
#[derive(Debug)]
pub enum Error {
    /// A template, the strings or the stylesheet of the theme is wrong.
    Theme(String),
    /// A rendered file could not be written.
    Io(std::io::Error),
}

impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::Theme(message)
    }
}

fn io_error(path: &str, e: std::io::Error) -> Error {
    Error::Io(std::io::Error::new(e.kind(), format!("{path}: {e}")))
}

/// A page for the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Published {
    /// Relative to `base_url`: `thu-tuc/x/`, or empty for the home page.
    pub path: String,
    /// ISO date of the last change, when the content says it.
    pub lastmod: Option<String>,
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
pub fn render(
    catalogue: &Catalogue,
    base_url: &str,
    form_sizes: &BTreeMap<String, u64>,
    write: Write,
    progress: &Progress,
) -> Result<Rendered, Error> {
    progress.step("preparing the theme");
    let (assets, asset_names) = assets::build()?;
    for asset in &assets {
        write(&asset.path, &asset.bytes).map_err(|e| io_error(&asset.path, e))?;
    }
    let jobs = jobs(catalogue);
    let mut rendered = render_jobs(
        catalogue,
        base_url,
        form_sizes,
        &asset_names,
        &jobs,
        write,
        progress,
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
) -> Result<Rendered, Error> {
    let (_, asset_names) = assets::build()?;
    let mut jobs = Vec::new();
    for p in catalogue
        .procedures
        .iter()
        .filter(|p| codes.contains(p.code.as_str()))
    {
        jobs.push(Job::Procedure(p));
        jobs.extend(p.aliases.iter().map(|a| Job::Alias(a, p)));
    }
    render_jobs(
        catalogue,
        base_url,
        form_sizes,
        &asset_names,
        &jobs,
        write,
        &Progress::hidden(),
    )
}

fn render_jobs(
    catalogue: &Catalogue,
    base_url: &str,
    form_sizes: &BTreeMap<String, u64>,
    asset_names: &BTreeMap<String, String>,
    jobs: &[Job],
    write: Write,
    progress: &Progress,
) -> Result<Rendered, Error> {
    let strings = Strings::load(catalogue.site.language)?;
    let base = base_path(base_url);
    let tera = environment(catalogue, base_url, &base, &strings, asset_names)?;
    let markdown = Markdown::new(&base);
    let sources = view::Sources {
        catalogue,
        strings: &strings,
        markdown: &markdown,
        form_sizes,
    };
    let index = Index::new(catalogue, &strings);
    let pages = Pages {
        sources: &sources,
        index: &index,
        base_url,
    };
    progress.counted("rendering pages", jobs.len());
    let published: Vec<Option<Published>> = jobs
        .par_iter()
        .map(|job| {
            let page = pages.page(job);
            let html = tera.render(page.template, &page.context).map_err(|e| {
                Error::Theme(format!(
                    "rendering {} with {}: {e}",
                    page.path, page.template
                ))
            })?;
            let file = file_of(&page.path);
            write(&file, &minify::html(&html)).map_err(|e| io_error(&file, e))?;
            progress.tick();
            Ok(page.published.then_some(Published {
                path: page.path,
                lastmod: page.lastmod,
            }))
        })
        .collect::<Result<_, Error>>()?;
    let mut published: Vec<Published> = published.into_iter().flatten().collect();
    published.sort();
    Ok(Rendered {
        published,
        files: jobs.len(),
    })
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
    Search,
    Stats,
    Changes,
    NotFound,
    OpenData,
    /// An old path that redirects to a procedure.
    Alias(&'a str, &'a Procedure),
    /// A printable sheet (`niem-yet/`, `thu-tuc/<slug>/in/`): not in the sitemap.
    Sheet(posting::Sheet<'a>),
}

fn jobs(c: &Catalogue) -> Vec<Job<'_>> {
    let mut jobs = vec![
        Job::Home,
        Job::AtoZ,
        Job::Search,
        Job::Stats,
        Job::Changes,
        Job::NotFound,
    ];
    jobs.push(Job::OpenData);
    jobs.extend(c.procedures.iter().map(Job::Procedure));
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

/// A page ready for its template.
struct Page {
    path: String,
    template: &'static str,
    context: Context,
    published: bool,
    lastmod: Option<String>,
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
    base_url: &'p str,
}

impl<'a> Pages<'_, 'a> {
    fn home_crumb(&self) -> Link {
        Link {
            name: self.sources.strings.get("home").to_string(),
            url: String::new(),
        }
    }

    fn page(&self, job: &Job<'a>) -> Page {
        let c = self.sources.catalogue;
        let t = self.sources.strings;
        let mut context = Context::new();
        let mut lastmod = None;
        let mut published = true;
        let mut crumbs = vec![self.home_crumb()];
        let mut description: Option<String> = None;
        let mut feed = None;
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
                let view = view::procedure(self.sources, self.index, p);
                context.insert_value("proc", Value::from_serializable(&view));
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
                posting::procedure_extras(&mut context, self.base_url, p);
                let path = urls::procedure(&p.slug);
                ("procedure", "procedure.html", path, p.title.clone())
            }
            Job::Field(i) => {
                let term = &c.fields[*i];
                self.term(&mut context, "field", term, |p| p.field == term.id);
                feed = Some(urls::field_feed(&term.id));
                description = term.description.clone();
                let path = urls::field(&term.id);
                ("field", "term.html", path, term.name.clone())
            }
            Job::Level(i) => {
                let term = &c.levels[*i];
                self.term(&mut context, "level", term, |p| p.levels.contains(&term.id));
                let agencies: Vec<Link> = c
                    .agencies
                    .iter()
                    .filter(|a| a.level == term.id)
                    .map(|a| Link {
                        name: a.name.clone(),
                        url: urls::agency(&a.id),
                    })
                    .collect();
                context.insert("agencies", &agencies);
                description = term.description.clone();
                let path = urls::level(&term.id);
                ("level", "term.html", path, term.name.clone())
            }
            Job::LifeEvent(i) => {
                let term = &c.life_events[*i];
                self.term(&mut context, "life_event", term, |p| {
                    p.life_events.contains(&term.id)
                });
                description = term.description.clone();
                let path = urls::life_event(&term.id);
                ("life_event", "term.html", path, term.name.clone())
            }
            Job::Agency(i) => {
                let a = &c.agencies[*i];
                context.insert("agency", &view::agency(c, a));
                let (procs, abolished) = self.index.list(|p| view::involves(p, &a.id));
                context.insert("count", &t.count("procedures", procs.len() as u64));
                context.insert_value("procs", procs.into());
                context.insert_value("abolished", abolished.into());
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
                context.insert("posting", &posting::agency_sheet(c, a));
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
                context.insert("letters", &view::letters(self.index));
                context.insert("total", &t.count("procedures", c.procedures.len() as u64));
                own("az", "az.html", urls::A_TO_Z, "az_title")
            }
            Job::OpenData => {
                context.insert("data", &crate::publish::open_data::page(c, t));
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
                context.insert_value("changes", Value::from_serializable(&view));
                lastmod = newest;
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
                posting::page(self.sources, self.index, self.base_url, sheet, &mut context)
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
            Job::Alias(_, p) => format!("{}{}", self.base_url, urls::procedure(&p.slug)),
            _ => format!("{}{path}", self.base_url),
        };
        let meta = Meta {
            kind,
            path: &path,
            title: &title,
            description: description.as_deref(),
            canonical,
            crumbs,
            noindex: !published,
            feed,
        };
        context.insert_value("page", Value::from_serializable(&meta));
        Page {
            path,
            template,
            context,
            published,
            lastmod,
        }
    }

    /// A field, level or life event: its procedures, active then abolished.
    fn term(
        &self,
        context: &mut Context,
        kind: &str,
        term: &crate::catalogue::Term,
        keep: impl Fn(&Procedure) -> bool,
    ) {
        let t = self.sources.strings;
        let (procs, abolished) = self.index.list(keep);
        context.insert("term", term);
        context.insert("kind_label", t.get(&format!("kind_{kind}")));
        context.insert("count", &t.count("procedures", procs.len() as u64));
        context.insert_value("procs", procs.into());
        context.insert_value("abolished", abolished.into());
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
        let mut agencies: Vec<(&crate::catalogue::Agency, usize)> = c
            .agencies
            .iter()
            .map(|a| (a, index.count(|p| view::involves(p, &a.id))))
            .filter(|(_, n)| *n > 0)
            .collect();
        agencies.sort_by_cached_key(|(a, _)| view::title_key(&a.name).0);
        let agencies: Vec<Entry> = agencies
            .into_iter()
            .map(|(a, n)| Entry::new(&a.name, None, urls::agency(&a.id), n, t))
            .collect();
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
