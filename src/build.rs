//! `thutuc build`: check → render → publish → swap, with the time each step took.

use crate::output::Staging;
use crate::progress::Progress;
use crate::{Error, publish, render};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
}

/// Builds the site from `options.content` into `options.output`. On any error the
/// previous output is left untouched. Prints nothing.
pub fn build(options: &Options) -> Result<Report, Error> {
    build_with(options, &Progress::hidden())
}

/// [`build`], telling `progress` which step it is in and how far. The caller erases the
/// line when the build returns ([`Progress::clear`]).
pub fn build_with(options: &Options, progress: &Progress) -> Result<Report, Error> {
    let mut steps = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        steps.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let base_url = options
        .base_url
        .as_deref()
        .map(normalise_base_url)
        .transpose()?;
    let catalogue = crate::check_with(&options.content, progress)?;
    let base_url = base_url.unwrap_or_else(|| catalogue.site.base_url.clone());
    lap("load and check");

    let staging = Staging::new(&options.output, &[&options.content]).map_err(Error::Io)?;
    let mut form_sizes = BTreeMap::new();
    progress.counted("copying forms", catalogue.forms.len());
    for form in &catalogue.forms {
        let size = staging
            .copy(&options.content.join(form), form)
            .map_err(|e| Error::Io(with_path(e, &options.content.join(form))))?;
        form_sizes.insert(form.clone(), size);
        progress.tick();
    }
    lap("copy forms");

    let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);
    let rendered = render::render(&catalogue, &base_url, &form_sizes, &write, progress)
        .map_err(Error::from)?;
    lap("render");

    // The search index and the files for machines need nothing from each other: made
    // side by side, the index's single-threaded parts leave a core to the other.
    let (indexed, published) = rayon::join(
        || crate::search::export(&catalogue, &write, progress),
        || publish_files(&catalogue, &base_url, &rendered.published, &staging),
    );
    indexed.map_err(|e| match e {
        crate::search::Error::Io(e) => Error::Io(e),
        other => Error::Theme(other.to_string()),
    })?;
    let published_files = published?;
    lap("search index and publish");

    progress.step("replacing the output folder");
    staging.commit().map_err(Error::Io)?;
    lap("swap");
    Ok(Report {
        procedures: catalogue.procedures.len(),
        files: rendered.files + catalogue.forms.len() + published_files,
        base_url,
        steps,
    })
}

/// The sitemap, `robots.txt`, the Atom feeds and the open data; returns how many files.
fn publish_files(
    catalogue: &crate::catalogue::Catalogue,
    base_url: &str,
    pages: &[crate::output::Published],
    staging: &Staging,
) -> Result<usize, Error> {
    let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);
    let sitemaps = publish::sitemaps(base_url, pages);
    for (path, xml) in &sitemaps {
        write(path, xml.as_bytes()).map_err(Error::Io)?;
    }
    write(crate::urls::ROBOTS, publish::robots(base_url).as_bytes()).map_err(Error::Io)?;
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
        write(path, xml.as_bytes()).map_err(Error::Io)?;
    }
    let data_files =
        publish::open_data::write(catalogue, &strings, base_url, &write).map_err(Error::Io)?;
    Ok(sitemaps.len() + 1 + feeds.len() + data_files)
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
