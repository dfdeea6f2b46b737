//! Paper for the one-stop counter (niêm yết): a posting sheet per agency that receives
//! procedures, grouped by field, and one A4 sheet per procedure with its documents as
//! tick boxes. Every procedure on paper carries a QR code of its page, which stays current
//! when the paper does not.
//!
//! Sheets are for printing: no navigation, `noindex`, never in the sitemap (their pages
//! are not `published`) nor in the search index (which reads procedures, not pages).

use super::i18n::Strings;
use super::qr;
use super::view::{self, DateView, Index, Sources};
use crate::catalogue::{Agency, Catalogue, OnlineLevel, Procedure, Status, values::Date};
use crate::urls;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tera::{Context, Value};

/// One sheet to render.
pub enum Sheet<'a> {
    /// The active procedures received at an agency (or at the service centre), in the
    /// order of their titles.
    Agency(&'a Agency, Vec<&'a Procedure>),
    /// One procedure, to take along.
    Procedure(&'a Procedure),
}

/// Every sheet of the catalogue: one per agency that receives an active procedure, one
/// per active procedure (an abolished one is no longer posted).
pub fn sheets(c: &Catalogue) -> Vec<Sheet<'_>> {
    let active = || c.procedures.iter().filter(|p| p.status == Status::Active);
    // One pass over the procedures, not one per agency: catalogues have thousands of both.
    let mut received: HashMap<&str, Vec<&Procedure>> = HashMap::new();
    for p in active() {
        received.entry(&p.agency).or_default().push(p);
    }
    if let Some(centre) = c.site.service_centre.as_deref().and_then(|id| c.agency(id)) {
        let more: Vec<&Procedure> = active()
            .filter(|p| p.agency != centre.id && received_at(c, centre, p))
            .collect();
        received.entry(&centre.id).or_default().extend(more);
    }
    let mut sheets: Vec<Sheet> = c
        .agencies
        .iter()
        .filter_map(|a| {
            let mut list = received.remove(a.id.as_str()).filter(|l| !l.is_empty())?;
            list.sort_by_cached_key(|p| (view::title_key(&p.title).0, &p.title, &p.code));
            Some(Sheet::Agency(a, list))
        })
        .collect();
    sheets.extend(active().map(Sheet::Procedure));
    sheets
}

/// Whether the procedure is received at the agency: it is the procedure's `agency`; or
/// the agency is the service centre of `site.yaml`, which receives what every agency of
/// its own level receives and what names it as a coordinating agency.
pub fn received_at(c: &Catalogue, a: &Agency, p: &Procedure) -> bool {
    if p.agency == a.id {
        return true;
    }
    if c.site.service_centre.as_deref() != Some(a.id.as_str()) {
        return false;
    }
    p.coordinating_agencies.contains(&a.id)
        || c.agency(&p.agency).is_some_and(|x| x.level == a.level)
}

fn posts_any(c: &Catalogue, a: &Agency) -> bool {
    c.procedures
        .iter()
        .any(|p| p.status == Status::Active && received_at(c, a, p))
}

/// The path of the agency's posting sheet, when it has one: the agency page links to it.
pub fn agency_sheet(c: &Catalogue, a: &Agency) -> Option<String> {
    posts_any(c, a).then(|| urls::posting(&a.id))
}

/// What a procedure page adds for paper: its QR code and the link to its A4 sheet.
pub fn procedure_extras(context: &mut Context, base_url: &str, p: &Procedure) {
    let canonical = format!("{base_url}{}", urls::procedure(&p.slug));
    context.insert_value("qr", qr_value(&canonical));
    context.insert("qr_url", &canonical);
    if p.status == Status::Active {
        context.insert("print_sheet", &urls::procedure_sheet(&p.slug));
    }
}

/// The QR code as a value templates insert unescaped (it is made here, not from content).
fn qr_value(url: &str) -> Value {
    qr::svg(url).map_or_else(Value::none, |svg| Value::safe_string(&svg))
}

#[derive(Serialize)]
struct FieldSection<'a> {
    name: &'a str,
    count: String,
    rows: Vec<Value>,
}

/// The kind, template, path and title of a sheet, its context filled in.
pub fn page(
    sources: &Sources,
    index: &Index,
    base_url: &str,
    sheet: &Sheet,
    context: &mut Context,
) -> (&'static str, &'static str, String, String) {
    let c = sources.catalogue;
    let t = sources.strings;
    match sheet {
        Sheet::Agency(a, procedures) => {
            let newest = procedures.iter().filter_map(|p| content_date(p)).max();
            let fields: Vec<FieldSection> = c
                .fields
                .iter()
                .filter_map(|field| {
                    let rows: Vec<Value> = procedures
                        .iter()
                        .filter(|p| p.field == field.id)
                        .map(|p| row(t, base_url, p))
                        .collect();
                    (!rows.is_empty()).then(|| FieldSection {
                        name: &field.name,
                        count: t.count("procedures", rows.len() as u64),
                        rows,
                    })
                })
                .collect();
            context.insert("agency", &view::agency(c, a));
            context.insert("fields", &fields);
            context.insert("as_of", &newest.map(|d| DateView::new(d, t)));
            let title = t.get("posting_title").replace("{agency}", &a.name);
            ("posting", "posting.html", urls::posting(&a.id), title)
        }
        Sheet::Procedure(p) => {
            context.insert_value(
                "proc",
                Value::from_serializable(&view::procedure(sources, index, p)),
            );
            procedure_extras(context, base_url, p);
            context.insert("as_of", &content_date(p).map(|d| DateView::new(d, t)));
            let path = urls::procedure_sheet(&p.slug);
            (
                "procedure_sheet",
                "procedure-sheet.html",
                path,
                p.title.clone(),
            )
        }
    }
}

/// The date a procedure's content stands at: its last update, else its announcement.
/// Sheets print the newest of these, never the day they were built.
fn content_date(p: &Procedure) -> Option<Date> {
    p.updated.or(p.announced.as_ref().and_then(|a| a.date))
}

/// A procedure as a row of a posting sheet: code, title, time, fees, online, QR code,
/// and the page's address printed under the code for those who type it.
fn row(t: &Strings, base_url: &str, p: &Procedure) -> Value {
    let url = format!("{base_url}{}", urls::procedure(&p.slug));
    let online = match p.online.as_ref().map(|o| o.level) {
        Some(OnlineLevel::Full) => t.get("online_full_short"),
        Some(OnlineLevel::Partial) => t.get("online_partial_short"),
        None => t.get("online_none"),
    };
    let mut row = BTreeMap::new();
    row.insert("code", Value::from(p.code.as_str()));
    row.insert("title", Value::from(p.title.as_str()));
    row.insert("time", Value::from_serializable(&view::time_summary(p, t)));
    row.insert("fees", Value::from_serializable(&view::fee_summary(p, t)));
    row.insert("online", Value::from(online));
    row.insert("qr", qr_value(&url));
    row.insert("url", Value::from(url));
    Value::from(row)
}
