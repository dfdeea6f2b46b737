//! Paper for the one-stop counter (niêm yết): a posting sheet per agency that receives
//! procedures, grouped by field, and one A4 sheet per procedure with its documents as
//! tick boxes. Every procedure on paper carries a QR code of its page, which stays current
//! when the paper does not.
//!
//! An agency's sheet stays one page while it holds at most [`SHEET_ROWS`] procedures.
//! A larger one (the service centre of a province receives thousands) becomes an index
//! of its fields, and each field gets its own sheet, `niem-yet/<agency>/<field>/`. A field
//! longer than [`SHEET_ROWS`] is cut into parts, `…/<field>/trang-<n>/`, and its own path
//! becomes the index of its parts: every page stays far below 250 KB whatever the size of
//! the catalogue (an index lists fields, or the parts of one field, never every part of
//! an office), and an office prints the fields it posts.
//!
//! Sheets are for printing: no navigation, `noindex`, never in the sitemap (their pages
//! are not `published`) nor in the search index (which reads procedures, not pages).

use super::i18n::Strings;
use super::paginate;
use super::qr;
use super::view::{self, DateView, Sources};
use crate::catalogue::{
    Agency, Catalogue, OnlineLevel, Procedure, Status, Term as Field, values::Date,
};
use crate::urls;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tera::{Context, Value};

/// The most procedures one sheet page lists. A row takes about 4.5 KB, most of it the QR
/// code, which grows with the length of the address (a 100-byte URL makes 3.8 KB; one of
/// 260 bytes, a 200-character slug, about 7 KB): 30 rows keep a page near 135 KB, and
/// below 250 KB even when every address is of the longest.
pub const SHEET_ROWS: usize = 30;

/// One sheet to render.
pub enum Sheet<'a> {
    /// The active procedures received at an agency (or at the service centre), in the
    /// order of their titles, when they fit on one sheet.
    Agency(&'a Agency, Vec<&'a Procedure>),
    /// The index of a larger agency's sheets: each field it receives, with its count.
    AgencyIndex(&'a Agency, Vec<(&'a Field, usize)>, Option<Date>),
    /// The index of the parts of a field too long for one sheet.
    FieldIndex {
        agency: &'a Agency,
        field: &'a Field,
        count: usize,
        parts: usize,
        newest: Option<Date>,
    },
    /// Part `number` of `parts` of a larger agency's sheet for one field.
    AgencyField {
        agency: &'a Agency,
        field: &'a Field,
        procedures: Vec<&'a Procedure>,
        number: usize,
        parts: usize,
        count: usize,
    },
}

impl Sheet<'_> {
    /// The sheet's path.
    pub fn path(&self) -> String {
        match self {
            Sheet::Agency(a, _) | Sheet::AgencyIndex(a, _, _) => urls::posting(&a.id),
            Sheet::AgencyField {
                agency,
                field,
                number,
                parts,
                ..
            } => field_part(&agency.id, &field.id, *number, *parts),
            Sheet::FieldIndex { agency, field, .. } => field_sheet(&agency.id, &field.id),
        }
    }

    /// The content file the sheet shows, for messages about it.
    pub fn source(&self) -> String {
        match self {
            Sheet::Agency(a, _) | Sheet::AgencyIndex(a, _, _) => format!("agencies/{}.yaml", a.id),
            Sheet::AgencyField { agency, .. } | Sheet::FieldIndex { agency, .. } => {
                format!("agencies/{}.yaml", agency.id)
            }
        }
    }
}

/// The sheet of one field of a large agency, or the index of its parts.
pub fn field_sheet(agency_id: &str, field_id: &str) -> String {
    format!("{}{field_id}/", urls::posting(agency_id))
}

/// Part `number` of `parts` of a field's sheet: the field's own path when it is the only
/// one, else `trang-<n>/` under it (from 1: the field's path is the index of its parts).
fn field_part(agency_id: &str, field_id: &str, number: usize, parts: usize) -> String {
    let field = field_sheet(agency_id, field_id);
    if parts > 1 {
        format!("{field}trang-{number}/")
    } else {
        field
    }
}

/// The posting sheets of the catalogue: one per agency that receives an active procedure
/// (or an index and its field sheets). Each active procedure's own A4 sheet is made with
/// its page ([`procedure_sheet`]), from the same view.
pub fn sheets(c: &Catalogue) -> Vec<Sheet<'_>> {
    let active = || {
        c.procedures
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| p.status == Status::Active)
    };
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
    let mut sheets: Vec<Sheet> = Vec::new();
    for a in &c.agencies {
        let Some(mut list) = received.remove(a.id.as_str()).filter(|l| !l.is_empty()) else {
            continue;
        };
        list.sort_by_cached_key(|p| (view::title_key(&p.title).0, &p.title, &p.code));
        if list.len() <= SHEET_ROWS {
            sheets.push(Sheet::Agency(a, list));
            continue;
        }
        let newest = list.iter().filter_map(|p| content_date(p)).max();
        let mut index = Vec::new();
        for field in &c.fields {
            let procedures: Vec<&Procedure> = list
                .iter()
                .copied()
                .filter(|p| p.field == field.id)
                .collect();
            if procedures.is_empty() {
                continue;
            }
            index.push((field, procedures.len()));
            let parts = paginate::count(procedures.len(), SHEET_ROWS);
            if parts > 1 {
                sheets.push(Sheet::FieldIndex {
                    agency: a,
                    field,
                    count: procedures.len(),
                    parts,
                    newest: procedures.iter().filter_map(|p| content_date(p)).max(),
                });
            }
            for number in 1..=parts {
                sheets.push(Sheet::AgencyField {
                    agency: a,
                    field,
                    procedures: procedures[paginate::range(number, procedures.len(), SHEET_ROWS)]
                        .to_vec(),
                    number,
                    parts,
                    count: procedures.len(),
                });
            }
        }
        sheets.push(Sheet::AgencyIndex(a, index, newest));
    }
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

/// The agencies that receive at least one active procedure, and so have a posting sheet:
/// one pass over the procedures, not one per agency.
pub struct Posting<'a>(std::collections::HashSet<&'a str>);

impl<'a> Posting<'a> {
    pub fn of(c: &'a Catalogue) -> Posting<'a> {
        let centre = c.site.service_centre.as_deref().and_then(|id| c.agency(id));
        let mut agencies = std::collections::HashSet::new();
        for p in c.procedures.iter().filter(|p| p.status == Status::Active) {
            agencies.insert(p.agency.as_str());
            if let Some(centre) = centre.filter(|centre| received_at(c, centre, p)) {
                agencies.insert(centre.id.as_str());
            }
        }
        Posting(agencies)
    }

    /// The path of the agency's posting sheet, when it has one: the agency page links to it.
    pub fn sheet(&self, a: &Agency) -> Option<String> {
        self.0.contains(a.id.as_str()).then(|| urls::posting(&a.id))
    }
}

/// What a procedure page adds for paper: its QR code and the link to its A4 sheet.
pub fn procedure_extras(context: &mut Context, qr_codes: &qr::Codes, p: &Procedure) {
    context.insert_value("qr", qr_value(qr_codes, &p.slug));
    context.insert("qr_url", &qr_codes.url(&p.slug));
    if p.status == Status::Active {
        context.insert("print_sheet", &urls::procedure_sheet(&p.slug));
    }
}

/// The QR code as a value templates insert unescaped (it is made here, not from content):
/// its slot, which rendering fills after minifying the page.
fn qr_value(qr_codes: &qr::Codes, slug: &str) -> Value {
    qr_codes
        .slot(slug)
        .map_or_else(Value::none, |svg| Value::safe_string(&svg))
}

#[derive(Serialize)]
struct FieldSection<'a> {
    name: &'a str,
    count: String,
    rows: Vec<Value>,
}

/// An entry of an index of sheets: a field of a large office, or a part of a field.
#[derive(Serialize)]
struct Entry<'a> {
    name: &'a str,
    count: String,
    url: String,
}

/// The kind, template, path and title of a sheet, its context filled in.
pub fn page(
    sources: &Sources,
    sheet: &Sheet,
    context: &mut Context,
) -> (&'static str, &'static str, String, String) {
    let c = sources.catalogue;
    let t = sources.strings;
    let path = sheet.path();
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
                        .map(|p| row(t, sources.qr_codes, p))
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
            ("posting", "posting.html", path, title)
        }
        Sheet::AgencyIndex(a, fields, newest) => {
            let entries: Vec<Entry> = fields
                .iter()
                .map(|(field, count)| Entry {
                    name: &field.name,
                    count: t.count("procedures", *count as u64),
                    url: field_sheet(&a.id, &field.id),
                })
                .collect();
            let total: usize = fields.iter().map(|(_, n)| n).sum();
            context.insert("agency", &view::agency(c, a));
            context.insert("entries", &entries);
            context.insert("total", &t.count("procedures", total as u64));
            context.insert("as_of", &newest.map(|d| DateView::new(d, t)));
            let title = t.get("posting_title").replace("{agency}", &a.name);
            ("posting_index", "posting-index.html", path, title)
        }
        Sheet::FieldIndex {
            agency,
            field,
            count,
            parts,
            newest,
        } => {
            let labels: Vec<String> = (1..=*parts)
                .map(|n| paginate::title_suffix(n, *parts, t))
                .collect();
            let entries: Vec<Entry> = labels
                .iter()
                .enumerate()
                .map(|(i, label)| Entry {
                    name: label,
                    count: t.count(
                        "procedures",
                        paginate::range(i + 1, *count, SHEET_ROWS).len() as u64,
                    ),
                    url: field_part(&agency.id, &field.id, i + 1, *parts),
                })
                .collect();
            context.insert("agency", &view::agency(c, agency));
            context.insert("field", &field.name);
            context.insert("entries", &entries);
            context.insert("total", &t.count("procedures", *count as u64));
            context.insert("as_of", &newest.map(|d| DateView::new(d, t)));
            let title = field_title(t, agency, field);
            ("posting_index", "posting-index.html", path, title)
        }
        Sheet::AgencyField {
            agency,
            field,
            procedures,
            number,
            parts,
            count,
        } => {
            let newest = procedures.iter().filter_map(|p| content_date(p)).max();
            let rows = procedures
                .iter()
                .map(|p| row(t, sources.qr_codes, p))
                .collect();
            let fields = [FieldSection {
                name: &field.name,
                count: t.count("procedures", *count as u64),
                rows,
            }];
            let part = (*parts > 1).then(|| paginate::title_suffix(*number, *parts, t));
            context.insert("agency", &view::agency(c, agency));
            context.insert("fields", &fields);
            context.insert("part", &part);
            context.insert("as_of", &newest.map(|d| DateView::new(d, t)));
            let mut title = field_title(t, agency, field);
            if let Some(part) = part {
                title = format!("{title} – {part}");
            }
            ("posting", "posting.html", path, title)
        }
    }
}

/// The one-page A4 sheet of an active procedure (`thu-tuc/<slug>/in/`), to take along:
/// made from `view`, the value its page shows (Markdown and all worked out once for
/// both), into `context`. Its kind, template, path and title.
pub fn procedure_sheet(
    sources: &Sources,
    p: &Procedure,
    view: Value,
    context: &mut Context,
) -> (&'static str, &'static str, String, String) {
    context.insert_value("proc", view);
    procedure_extras(context, sources.qr_codes, p);
    let as_of = content_date(p).map(|d| DateView::new(d, sources.strings));
    context.insert("as_of", &as_of);
    (
        "procedure_sheet",
        "procedure-sheet.html",
        urls::procedure_sheet(&p.slug),
        p.title.clone(),
    )
}

fn field_title(t: &Strings, a: &Agency, field: &Field) -> String {
    t.get("posting_field_title")
        .replace("{agency}", &a.name)
        .replace("{field}", &field.name)
}

/// The date a procedure's content stands at: its last update, else its announcement.
/// Sheets print the newest of these, never the day they were built.
fn content_date(p: &Procedure) -> Option<Date> {
    p.updated.or(p.announced.as_ref().and_then(|a| a.date))
}

/// A procedure as a row of a posting sheet: code, title, time, fees, online, QR code,
/// and the page's address printed under the code for those who type it.
fn row(t: &Strings, qr_codes: &qr::Codes, p: &Procedure) -> Value {
    let url = qr_codes.url(&p.slug);
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
    row.insert("qr", qr_value(qr_codes, &p.slug));
    row.insert("url", Value::from(url));
    Value::from(row)
}
