//! The paths of every page, relative to `base_url`. Published URLs are a contract:
//! change these rules only with redirects for the old paths.

/// The home page.
pub const HOME: &str = "";

/// The longest id or slug, in characters (they are ASCII): each becomes a folder name of
/// the site, which file systems take up to 255 bytes. (One real title in fifty is longer
/// than this once made into a URL; the importer gives those a shorter `slug`.)
pub const MAX_SEGMENT: usize = 200;

/// `slug` cut at a hyphen to at most [`MAX_SEGMENT`] characters.
pub fn shorten(slug: &str) -> &str {
    if slug.len() <= MAX_SEGMENT {
        return slug;
    }
    // Slugs are ASCII, so byte positions are char positions.
    let cut = slug[..=MAX_SEGMENT].rfind('-').unwrap_or(MAX_SEGMENT);
    &slug[..cut]
}

pub fn procedure(slug: &str) -> String {
    format!("thu-tuc/{slug}/")
}
pub fn field(id: &str) -> String {
    format!("linh-vuc/{id}/")
}
pub fn agency(id: &str) -> String {
    format!("co-quan/{id}/")
}
pub fn level(id: &str) -> String {
    format!("cap/{id}/")
}
pub fn life_event(id: &str) -> String {
    format!("su-kien/{id}/")
}
pub fn group(id: &str) -> String {
    format!("lien-thong/{id}/")
}
pub const A_TO_Z: &str = "a-z/";
/// Every agency, from A to Z.
pub const AGENCIES: &str = "co-quan/";
pub const SEARCH: &str = "tim-kiem/";
/// The catalogue in figures.
pub const STATS: &str = "thong-ke/";
/// Announcing decisions and what each changed.
pub const CHANGES: &str = "thay-doi/";
/// The Atom feed of the whole catalogue.
pub const FEED: &str = "feed.xml";
/// The Atom feed of one field.
pub fn field_feed(id: &str) -> String {
    format!("linh-vuc/{id}/feed.xml")
}
/// The page that explains the open data, and the files it explains.
pub const OPEN_DATA: &str = "du-lieu/";
/// The index of the open data, its JSON Schema, and one row per procedure as CSV.
pub const DATA_JSON: &str = "du-lieu/thu-tuc.json";
/// The parts of the open data: `<field>.ndjson` (and `<field>.csv` on a large site).
pub const DATA_PARTS: &str = "du-lieu/thu-tuc/";
pub fn data_part(name: &str, ext: &str) -> String {
    format!("{DATA_PARTS}{name}.{ext}")
}
pub const DATA_SCHEMA: &str = "du-lieu/thu-tuc.schema.json";
pub const DATA_CSV: &str = "du-lieu/thu-tuc.csv";
/// One procedure's record as JSON, beside its page.
pub fn procedure_data(slug: &str) -> String {
    format!("thu-tuc/{slug}/index.json")
}

/// Printable posting sheets (niêm yết), one per agency that receives procedures: made
/// for the office wall, so left out of the sitemap and the search.
pub const POSTING: &str = "niem-yet/";
pub fn posting(agency_id: &str) -> String {
    format!("niem-yet/{agency_id}/")
}
/// A procedure on one printable A4 sheet, its documents as tick boxes.
pub fn procedure_sheet(slug: &str) -> String {
    format!("thu-tuc/{slug}/in/")
}

/// The page shown for a path that does not exist.
pub const NOT_FOUND: &str = "404.html";
/// The sitemap and the robots file, for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// A part of the sitemap, when `sitemap.xml` is an index of parts (from 1).
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}
pub const ROBOTS: &str = "robots.txt";
/// The theme's files (`static/site.<hash>.css`) and the search index: folders that the
/// build fills whole.
pub const STATIC: &str = "static/";
pub const SEARCH_INDEX: &str = "search/";

/// Every path the build writes whatever the catalogue holds, besides the pages without a
/// catalogue of their own ([`HOME`], [`A_TO_Z`], [`AGENCIES`], [`SEARCH`], [`OPEN_DATA`]); a path ending
/// with `/` is a folder. Checked against form files and old URLs before a build.
pub const BUILT: [&str; 12] = [
    STATIC,
    POSTING,
    SEARCH_INDEX,
    NOT_FOUND,
    SITEMAP,
    ROBOTS,
    FEED,
    DATA_JSON,
    DATA_SCHEMA,
    DATA_CSV,
    DATA_PARTS,
    crate::output::MARKER,
];

/// The output file of a page path: `thu-tuc/x/` → `thu-tuc/x/index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}
