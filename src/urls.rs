//! The paths of every page, relative to `base_url`. Published URLs are a contract:
//! change these rules only with redirects for the old paths.

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
/// The whole catalogue as JSON, its JSON Schema, and one row per procedure as CSV.
pub const DATA_JSON: &str = "du-lieu/thu-tuc.json";
pub const DATA_SCHEMA: &str = "du-lieu/thu-tuc.schema.json";
pub const DATA_CSV: &str = "du-lieu/thu-tuc.csv";
/// One procedure's record as JSON, beside its page.
pub fn procedure_data(slug: &str) -> String {
    format!("thu-tuc/{slug}/index.json")
}
