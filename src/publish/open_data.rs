//! Open data: the catalogue for other systems, published by every build.
//!
//! - `du-lieu/thu-tuc.json`: the whole catalogue, typed (money in whole đồng, durations
//!   as a number and a unit, ISO dates, references as ids with their URLs);
//! - `du-lieu/thu-tuc.schema.json`: its JSON Schema, generated from the types below;
//! - `du-lieu/thu-tuc.csv`: one row per procedure, for spreadsheets;
//! - `thu-tuc/<slug>/index.json`: one procedure's record, beside its page, in the same
//!   shape as in the whole file.
//!
//! The `*Record` types are an output contract, kept apart from the content model (the
//! input format): programs of other agencies read them, so they change only on purpose.
//! They reuse the model's small vocabularies (channel kinds, statuses, online levels),
//! which staff write with the same words. `docs/open-data.md` documents the fields, and
//! `docs/open-data.schema.json` is a copy of the schema that a test compares with the
//! published one, so that any change of the contract shows in review.

use crate::catalogue::values::{Date, Duration, DurationUnit};
use crate::catalogue::{
    Catalogue, ChannelKind, DocumentKind, Language, OnlineLevel, Procedure, Status,
};
use crate::render::i18n::Strings;
use crate::render::view::{Link, encode_path, fee_summary, time_summary};
use crate::urls;
use rayon::prelude::*;
use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde::Serialize;

/// The version of the open-data schema, in `schema_version` of `thu-tuc.json`.
///
/// Raise it by one when a change could break a program that reads the data: a field
/// removed or renamed, or its type or meaning changed. Adding a field does not change
/// it (readers ignore fields they do not know). `docs/open-data.md` keeps the history.
pub const SCHEMA_VERSION: u32 = 1;

// ---------------------------------------------------------------- the records

/// The whole catalogue: `du-lieu/thu-tuc.json`. (Doc comments here become the schema's
/// descriptions: one line each, so that they read well there.)
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    rename = "Catalogue",
    title = "Administrative procedures (thủ tục hành chính): open data published by thutuc",
    description = "The catalogue of administrative procedures of one site, as published in du-lieu/thu-tuc.json. The site's du-lieu/ page explains the fields."
)]
pub struct CatalogueRecord {
    /// The address of this file's JSON Schema.
    #[serde(rename = "$schema")]
    pub schema: String,
    #[schemars(schema_with = "version_schema")]
    pub schema_version: u32,
    pub site: SiteRecord,
    /// Levels of government (cấp thực hiện), in the site's order.
    pub levels: Vec<TermRecord>,
    /// Fields (lĩnh vực), in the site's order.
    pub fields: Vec<TermRecord>,
    /// Life events (sự kiện cuộc sống), in the site's order.
    pub life_events: Vec<TermRecord>,
    /// Agencies, sorted by id.
    pub agencies: Vec<AgencyRecord>,
    /// Interconnected procedures (liên thông) done as one journey, sorted by id.
    pub groups: Vec<GroupRecord>,
    /// Every procedure, active and abolished, sorted by code.
    pub procedures: Vec<ProcedureRecord>,
}

fn version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "integer",
        "const": SCHEMA_VERSION,
        "description": "The version of the schema. It goes up only when a change could break a reader: a field removed or renamed, or its type or meaning changed."
    })
}

/// Who publishes the catalogue.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Site")]
pub struct SiteRecord {
    pub title: String,
    pub description: Option<String>,
    /// The address of the site's home page, ending with `/`.
    pub url: String,
    /// The language of the site: `vi` or `en`.
    pub language: Language,
    /// The province the catalogue serves.
    pub province: Option<String>,
    /// The licence of the data, as the site names it (for example `CC BY 4.0`).
    pub license: Option<String>,
    /// The licence's text, when thutuc knows the licence.
    pub license_url: Option<String>,
    pub contact: ContactRecord,
    /// The public administrative service centre (agency).
    pub service_centre: Option<Ref>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Contact")]
pub struct ContactRecord {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A reference to a level, a field, a life event, an agency or a group: its id and the address of its page.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Ref {
    pub id: String,
    pub url: String,
}

/// A reference to a procedure: its code, and the address of its page.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProcedureRef {
    pub code: String,
    pub url: String,
}

/// A level, a field or a life event.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Term")]
pub struct TermRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The page that lists its procedures.
    pub url: String,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Agency")]
pub struct AgencyRecord {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    /// The agency's page on this site.
    pub url: String,
    pub level: Ref,
    /// The agency it belongs to.
    pub parent: Option<Ref>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The agency's own website.
    pub website: Option<String>,
    pub opening_hours: Vec<String>,
    pub map_url: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Group")]
pub struct GroupRecord {
    pub id: String,
    pub title: String,
    /// The code of the interconnected procedure, when it has one.
    pub code: Option<String>,
    pub description: Option<String>,
    pub url: String,
    /// The procedures, in the order of the journey.
    pub procedures: Vec<ProcedureRef>,
}

/// One administrative procedure (thủ tục hành chính).
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Procedure")]
pub struct ProcedureRecord {
    /// The code in the national database (mã thủ tục), for example `1.001193`.
    pub code: String,
    pub title: String,
    /// The procedure's page.
    pub url: String,
    /// `active`, or `abolished` (đã bãi bỏ).
    pub status: Status,
    /// When abolished: the procedure that replaces it.
    pub replaced_by: Option<ProcedureRef>,
    /// The levels of government that carry it out.
    pub levels: Vec<Ref>,
    pub field: Ref,
    /// The agency that receives and handles the application (cơ quan thực hiện).
    pub agency: Ref,
    /// The agency that decides (cơ quan có thẩm quyền quyết định), when the content names one.
    pub deciding_agency: Option<Ref>,
    pub coordinating_agencies: Vec<Ref>,
    /// Who may apply (đối tượng thực hiện).
    pub subjects: Vec<String>,
    /// The ways to apply, each with its processing time and fees.
    pub channels: Vec<ChannelRecord>,
    /// The online public service (dịch vụ công trực tuyến), when there is one.
    pub online: Option<OnlineRecord>,
    /// The documents to prepare, in order.
    pub documents: Vec<DocumentRecord>,
    /// What the applicant receives.
    pub results: Vec<String>,
    pub legal_basis: Vec<LegalRecord>,
    /// The decision that announced the procedure.
    pub announced: Option<AnnouncementRecord>,
    /// The date of the last change of this information.
    pub updated: Option<Date>,
    pub life_events: Vec<Ref>,
    /// The interconnected groups it is a step of.
    pub groups: Vec<Ref>,
    /// Words citizens type to find it.
    pub keywords: Vec<String>,
    /// Related procedures the content names.
    pub related: Vec<ProcedureRef>,
    /// The explanations, as written by staff.
    pub text: TextRecord,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Channel")]
pub struct ChannelRecord {
    /// `in_person`, `post` or `online`.
    #[serde(rename = "type")]
    pub kind: ChannelKind,
    /// The processing time (thời hạn giải quyết).
    pub duration: DurationRecord,
    /// The fees; `null` when not stated, and an amount of 0 means free.
    pub fees: Option<Vec<FeeRecord>>,
    pub note: Option<String>,
}

/// A processing time: a number and a unit.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Duration")]
pub struct DurationRecord {
    /// The number of units; `null` for `same_day` and `not_specified`.
    pub value: Option<u32>,
    /// `working_days`, `days`, `hours`, `months`, `same_day` or `not_specified`.
    pub unit: DurationUnit,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Fee")]
pub struct FeeRecord {
    /// The kind of fee: "Lệ phí", "Phí"…
    pub label: String,
    /// In whole đồng (VND); 0 means free.
    pub amount: u64,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Online")]
pub struct OnlineRecord {
    /// `full` (toàn trình: everything online) or `partial` (một phần).
    pub level: OnlineLevel,
    /// Where to apply online.
    pub url: String,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Document")]
pub struct DocumentRecord {
    pub name: String,
    /// Number of originals (bản chính).
    pub originals: u32,
    /// Number of copies (bản sao).
    pub copies: u32,
    /// `false` when needed only in some cases (see `note`).
    pub required: bool,
    /// `submit` (handed in) or `present` (shown, then given back).
    pub kind: DocumentKind,
    /// The address of the form to fill in (mẫu đơn, tờ khai), when there is one.
    pub form: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "LegalDocument")]
pub struct LegalRecord {
    pub number: String,
    pub title: String,
    pub date: Option<Date>,
    pub url: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Announcement")]
pub struct AnnouncementRecord {
    /// The number of the announcing decision, for example `1872/QĐ-BTP`.
    pub decision: String,
    /// Its date, when known.
    pub date: Option<Date>,
}

/// The explanations of a procedure, in Markdown as staff wrote them.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(
    rename = "Text",
    description = "The explanations of a procedure, in Markdown as staff wrote them. Links that start with / are relative to the site's address. The Markdown may hold HTML: sanitise it before showing it."
)]
pub struct TextRecord {
    /// What the procedure is for.
    pub intro: Option<String>,
    /// The steps (trình tự thực hiện).
    pub steps: Option<String>,
    /// Requirements and conditions (yêu cầu, điều kiện).
    pub conditions: Option<String>,
    /// Other sections, in order.
    pub sections: Vec<SectionRecord>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "Section")]
pub struct SectionRecord {
    pub heading: String,
    pub markdown: String,
}

// ---------------------------------------------------------------- from the catalogue

/// Makes records with absolute URLs under `base_url`.
struct Records<'a> {
    c: &'a Catalogue,
    base_url: &'a str,
}

impl Records<'_> {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    fn to(&self, id: &str, path: fn(&str) -> String) -> Ref {
        Ref {
            id: id.to_string(),
            url: self.url(&path(id)),
        }
    }

    /// Codes are checked when the catalogue is built; one that is not there is left out.
    fn procedure_ref(&self, code: &str) -> Option<ProcedureRef> {
        self.c.procedure(code).map(|p| ProcedureRef {
            code: p.code.clone(),
            url: self.url(&urls::procedure(&p.slug)),
        })
    }

    fn term(&self, t: &crate::catalogue::Term, path: fn(&str) -> String) -> TermRecord {
        TermRecord {
            id: t.id.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
            url: self.url(&path(&t.id)),
        }
    }

    fn catalogue(&self) -> CatalogueRecord {
        let c = self.c;
        let site = &c.site;
        CatalogueRecord {
            schema: self.url(urls::DATA_SCHEMA),
            schema_version: SCHEMA_VERSION,
            site: SiteRecord {
                title: site.title.clone(),
                description: site.description.clone(),
                url: self.base_url.to_string(),
                language: site.language,
                province: site.province.clone(),
                license: site.license.clone(),
                license_url: site
                    .license
                    .as_deref()
                    .and_then(license_url)
                    .map(str::to_string),
                contact: ContactRecord {
                    phone: site.contact.phone.clone(),
                    email: site.contact.email.clone(),
                    address: site.contact.address.clone(),
                },
                service_centre: site
                    .service_centre
                    .as_deref()
                    .map(|id| self.to(id, urls::agency)),
            },
            levels: c.levels.iter().map(|t| self.term(t, urls::level)).collect(),
            fields: c.fields.iter().map(|t| self.term(t, urls::field)).collect(),
            life_events: c
                .life_events
                .iter()
                .map(|t| self.term(t, urls::life_event))
                .collect(),
            agencies: c
                .agencies
                .iter()
                .map(|a| AgencyRecord {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    short_name: a.short_name.clone(),
                    url: self.url(&urls::agency(&a.id)),
                    level: self.to(&a.level, urls::level),
                    parent: a.parent.as_deref().map(|id| self.to(id, urls::agency)),
                    address: a.address.clone(),
                    phone: a.phone.clone(),
                    email: a.email.clone(),
                    website: a.website.clone(),
                    opening_hours: a.opening_hours.clone(),
                    map_url: a.map_url.clone(),
                })
                .collect(),
            groups: c
                .groups
                .iter()
                .map(|g| GroupRecord {
                    id: g.id.clone(),
                    title: g.title.clone(),
                    code: g.code.clone(),
                    description: g.description.clone(),
                    url: self.url(&urls::group(&g.id)),
                    procedures: g
                        .procedures
                        .iter()
                        .filter_map(|code| self.procedure_ref(code))
                        .collect(),
                })
                .collect(),
            procedures: c.procedures.iter().map(|p| self.procedure(p)).collect(),
        }
    }

    fn procedure(&self, p: &Procedure) -> ProcedureRecord {
        let agency = |id: &str| self.to(id, urls::agency);
        let non_empty = |s: &str| Some(s.to_string()).filter(|s| !s.trim().is_empty());
        ProcedureRecord {
            code: p.code.clone(),
            title: p.title.clone(),
            url: self.url(&urls::procedure(&p.slug)),
            status: p.status,
            replaced_by: p.replaced_by.as_deref().and_then(|c| self.procedure_ref(c)),
            levels: p.levels.iter().map(|id| self.to(id, urls::level)).collect(),
            field: self.to(&p.field, urls::field),
            agency: agency(&p.agency),
            deciding_agency: p.deciding_agency.as_deref().map(agency),
            coordinating_agencies: p.coordinating_agencies.iter().map(|a| agency(a)).collect(),
            subjects: p.subjects.clone(),
            channels: p
                .channels
                .iter()
                .map(|ch| ChannelRecord {
                    kind: ch.kind,
                    duration: duration(ch.duration),
                    fees: ch.fees.as_ref().map(|fees| {
                        fees.iter()
                            .map(|f| FeeRecord {
                                label: f.label.clone(),
                                amount: f.amount.0,
                                note: f.note.clone(),
                            })
                            .collect()
                    }),
                    note: ch.note.clone(),
                })
                .collect(),
            online: p.online.as_ref().map(|o| OnlineRecord {
                level: o.level,
                url: o.url.clone(),
            }),
            documents: p
                .documents
                .iter()
                .map(|d| DocumentRecord {
                    name: d.name.clone(),
                    originals: d.originals,
                    copies: d.copies,
                    required: d.required,
                    kind: d.kind,
                    // Form files are published at their path under `content/`.
                    form: d.form.as_deref().map(|f| self.url(&encode_path(f))),
                    note: d.note.clone(),
                })
                .collect(),
            results: p.results.clone(),
            legal_basis: p
                .legal_basis
                .iter()
                .map(|l| LegalRecord {
                    number: l.number.clone(),
                    title: l.title.clone(),
                    date: l.date,
                    url: l.url.clone(),
                })
                .collect(),
            announced: p.announced.as_ref().map(|a| AnnouncementRecord {
                decision: a.decision.clone(),
                date: a.date,
            }),
            updated: p.updated,
            life_events: p
                .life_events
                .iter()
                .map(|id| self.to(id, urls::life_event))
                .collect(),
            groups: self
                .c
                .groups_of(&p.code)
                .map(|g| self.to(&g.id, urls::group))
                .collect(),
            keywords: p.keywords.clone(),
            related: p
                .related
                .iter()
                .filter_map(|c| self.procedure_ref(c))
                .collect(),
            text: TextRecord {
                intro: non_empty(&p.body.intro),
                steps: p.body.steps.as_deref().and_then(non_empty),
                conditions: p.body.conditions.as_deref().and_then(non_empty),
                sections: p
                    .body
                    .other
                    .iter()
                    .map(|(heading, markdown)| SectionRecord {
                        heading: heading.clone(),
                        markdown: markdown.clone(),
                    })
                    .collect(),
            },
        }
    }
}

/// A duration as data: units that carry no number (`same_day`, `not_specified`) have a
/// `null` value rather than the model's 0, so that no reader takes it for "0 days".
fn duration(d: Duration) -> DurationRecord {
    let counted = !matches!(d.unit, DurationUnit::SameDay | DurationUnit::NotSpecified);
    DurationRecord {
        value: counted.then_some(d.value),
        unit: d.unit,
    }
}

/// The text of the licences that sites name most, by the names they are written with.
pub fn license_url(name: &str) -> Option<&'static str> {
    let key: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect();
    Some(match key.as_str() {
        "cc-by-4.0" => "https://creativecommons.org/licenses/by/4.0/",
        "cc-by-sa-4.0" => "https://creativecommons.org/licenses/by-sa/4.0/",
        "cc0" | "cc0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/",
        "odbl" | "odbl-1.0" => "https://opendatacommons.org/licenses/odbl/1-0/",
        "odc-by" | "odc-by-1.0" => "https://opendatacommons.org/licenses/by/1-0/",
        _ => return None,
    })
}

/// The whole catalogue as records, with URLs under `base_url`.
pub fn catalogue(c: &Catalogue, base_url: &str) -> CatalogueRecord {
    Records { c, base_url }.catalogue()
}

/// The JSON Schema of `thu-tuc.json`. It does not depend on the site, so every site
/// publishes the same schema for the same version of thutuc.
pub fn schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    serde_json::Value::from(generator.into_root_schema_for::<CatalogueRecord>())
}

/// The bytes of the published schema: stable, pretty JSON.
pub fn schema_bytes() -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&schema()).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

// ---------------------------------------------------------------- CSV

/// The columns of `thu-tuc.csv`, in order. Each is explained on the `du-lieu/` page by
/// the string `data_csv_<column>` and in `docs/open-data.md`.
pub const CSV_COLUMNS: [&str; 25] = [
    "code",
    "title",
    "url",
    "status",
    "replaced_by",
    "level_ids",
    "levels",
    "field_id",
    "field",
    "agency_id",
    "agency",
    "online",
    "online_url",
    "channels",
    "duration_value",
    "duration_unit",
    "duration",
    "free",
    "fee_min",
    "fee_max",
    "fees",
    "documents",
    "announced_decision",
    "announced_date",
    "updated",
];

/// What separates the values of a cell that holds several.
const LIST: &str = "; ";

/// The catalogue as CSV: a byte-order mark (so that Excel reads UTF-8), a header row,
/// then one row per procedure, quoted as RFC 4180 says, lines ending with CRLF.
pub fn csv(c: &Catalogue, t: &Strings, records: &[ProcedureRecord]) -> std::io::Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    out.write_record(CSV_COLUMNS)?;
    for (p, r) in c.procedures.iter().zip(records) {
        out.write_record(csv_row(c, t, p, r).map(guard))?;
    }
    out.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

fn csv_row(
    c: &Catalogue,
    t: &Strings,
    p: &Procedure,
    r: &ProcedureRecord,
) -> [String; CSV_COLUMNS.len()] {
    let ids = |refs: &[Ref]| {
        refs.iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
            .join(LIST)
    };
    let level_names = p
        .levels
        .iter()
        .map(|id| c.level(id).map_or(id.as_str(), |l| l.name.as_str()))
        .collect::<Vec<_>>()
        .join(LIST);
    // One processing time, typed, when every channel has the same.
    let uniform = p
        .channels
        .first()
        .map(|ch| ch.duration)
        .filter(|d| p.channels.iter().all(|ch| ch.duration == *d))
        .map(duration);
    let amounts: Vec<u64> = p
        .channels
        .iter()
        .filter_map(|ch| ch.fees.as_ref())
        .flatten()
        .map(|f| f.amount.0)
        .collect();
    let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    [
        r.code.clone(),
        r.title.clone(),
        r.url.clone(),
        word(&r.status),
        r.replaced_by
            .as_ref()
            .map(|x| x.code.clone())
            .unwrap_or_default(),
        ids(&r.levels),
        level_names,
        r.field.id.clone(),
        c.field(&p.field)
            .map_or_else(|| p.field.clone(), |f| f.name.clone()),
        r.agency.id.clone(),
        c.agency(&p.agency)
            .map_or_else(|| p.agency.clone(), |a| a.name.clone()),
        r.online
            .as_ref()
            .map(|o| word(&o.level))
            .unwrap_or_default(),
        r.online.as_ref().map(|o| o.url.clone()).unwrap_or_default(),
        r.channels
            .iter()
            .map(|ch| word(&ch.kind))
            .collect::<Vec<_>>()
            .join(LIST),
        number(uniform.as_ref().and_then(|d| d.value).map(u64::from)),
        uniform.as_ref().map(|d| word(&d.unit)).unwrap_or_default(),
        time_summary(p, t).join(LIST),
        if amounts.is_empty() {
            String::new()
        } else {
            amounts.iter().all(|a| *a == 0).to_string()
        },
        number(amounts.iter().min().copied()),
        number(amounts.iter().max().copied()),
        fee_summary(p, t)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(LIST),
        r.documents.len().to_string(),
        r.announced
            .as_ref()
            .map(|a| a.decision.clone())
            .unwrap_or_default(),
        r.announced
            .as_ref()
            .and_then(|a| a.date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        r.updated.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// The word a value is written with in the JSON (`in_person`, `working_days`…).
fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, which
/// text from content must never be: such cells get a leading `'`, which spreadsheets
/// hide. (Numbers, dates and URLs never start so; the JSON keeps the exact text.)
fn guard(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

// ---------------------------------------------------------------- writing

/// Writes every open-data file through `write`; returns how many it wrote.
pub fn write(
    c: &Catalogue,
    t: &Strings,
    base_url: &str,
    write: crate::render::Write,
) -> std::io::Result<usize> {
    let whole = catalogue(c, base_url);
    let mut json = serde_json::to_vec(&whole).map_err(std::io::Error::other)?;
    json.push(b'\n');
    write(urls::DATA_JSON, &json)?;
    write(urls::DATA_SCHEMA, &schema_bytes())?;
    write(urls::DATA_CSV, &csv(c, t, &whole.procedures)?)?;
    c.procedures
        .par_iter()
        .zip(whole.procedures.par_iter())
        .try_for_each(|(p, record)| {
            let mut bytes = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
            bytes.push(b'\n');
            write(&urls::procedure_data(&p.slug), &bytes)
        })?;
    Ok(3 + c.procedures.len())
}

// ---------------------------------------------------------------- the du-lieu/ page

/// The top-level fields of `thu-tuc.json` and the fields of a procedure record, as the
/// `du-lieu/` page explains them (strings `data_top_<name>` and `data_proc_<name>`).
pub const TOP_FIELDS: [&str; 9] = [
    "$schema",
    "schema_version",
    "site",
    "levels",
    "fields",
    "life_events",
    "agencies",
    "groups",
    "procedures",
];
pub const PROCEDURE_FIELDS: [&str; 23] = [
    "code",
    "title",
    "url",
    "status",
    "replaced_by",
    "levels",
    "field",
    "agency",
    "deciding_agency",
    "coordinating_agencies",
    "subjects",
    "channels",
    "online",
    "documents",
    "results",
    "legal_basis",
    "announced",
    "updated",
    "life_events",
    "groups",
    "keywords",
    "related",
    "text",
];

/// What the `du-lieu/` page shows.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub version: u32,
    /// The files, with what each holds. URLs are relative to the site root.
    pub files: Vec<FileView>,
    /// A procedure's own JSON file, as an example.
    pub example: Option<Link>,
    pub license: Option<Link>,
    pub top_fields: Vec<FieldView>,
    pub procedure_fields: Vec<FieldView>,
    pub csv_columns: Vec<FieldView>,
}

#[derive(Debug, Serialize)]
pub struct FileView {
    pub name: String,
    pub url: String,
    pub format: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct FieldView {
    pub name: &'static str,
    pub text: String,
}

pub fn page(c: &Catalogue, t: &Strings) -> PageView {
    let file = |url: &str, format: &str, key: &str| FileView {
        name: url.rsplit('/').next().unwrap_or(url).to_string(),
        url: url.to_string(),
        format: format.to_string(),
        text: t.get(key).replace("{version}", &SCHEMA_VERSION.to_string()),
    };
    let fields = |prefix: &str, names: &[&'static str]| {
        names
            .iter()
            .map(|name| FieldView {
                name,
                text: t
                    .get(&format!("{prefix}{}", name.trim_start_matches('$')))
                    .to_string(),
            })
            .collect()
    };
    PageView {
        version: SCHEMA_VERSION,
        files: vec![
            file(urls::DATA_JSON, "JSON", "data_file_json"),
            file(urls::DATA_CSV, "CSV", "data_file_csv"),
            file(urls::DATA_SCHEMA, "JSON Schema", "data_file_schema"),
            file(urls::FEED, "Atom", "data_file_feed"),
        ],
        example: c.procedures.first().map(|p| Link {
            name: p.title.clone(),
            url: urls::procedure_data(&p.slug),
        }),
        license: c.site.license.as_ref().map(|name| Link {
            name: name.clone(),
            url: license_url(name).unwrap_or_default().to_string(),
        }),
        top_fields: fields("data_top_", &TOP_FIELDS),
        procedure_fields: fields("data_proc_", &PROCEDURE_FIELDS),
        csv_columns: fields("data_csv_", &CSV_COLUMNS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_without_a_number_have_none() {
        let d = |value, unit| duration(Duration { value, unit });
        assert_eq!(d(5, DurationUnit::WorkingDays).value, Some(5));
        assert_eq!(d(0, DurationUnit::SameDay).value, None);
        assert_eq!(d(0, DurationUnit::NotSpecified).value, None);
        assert_eq!(word(&DurationUnit::WorkingDays), "working_days");
        assert_eq!(word(&ChannelKind::InPerson), "in_person");
    }

    #[test]
    fn formulas_are_defused_and_text_is_kept() {
        assert_eq!(guard("=HYPERLINK(\"x\")".to_string()), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("-5".to_string()), "'-5");
        assert_eq!(guard("@SUM(A1)".to_string()), "'@SUM(A1)");
        assert_eq!(guard("Đăng ký khai sinh".to_string()), "Đăng ký khai sinh");
        assert_eq!(guard("50000".to_string()), "50000");
        assert_eq!(guard("".to_string()), "");
    }

    #[test]
    fn known_licences_link_to_their_text() {
        assert_eq!(
            license_url("CC BY 4.0"),
            Some("https://creativecommons.org/licenses/by/4.0/")
        );
        assert_eq!(
            license_url(" cc-by-sa-4.0 "),
            Some("https://creativecommons.org/licenses/by-sa/4.0/")
        );
        assert_eq!(
            license_url("CC0"),
            Some("https://creativecommons.org/publicdomain/zero/1.0/")
        );
        assert_eq!(license_url("Giấy phép riêng của tỉnh"), None);
    }

    /// The page explains every field a reader meets, and nothing else, in both languages.
    #[test]
    fn the_page_explains_every_field_and_column_in_both_languages() {
        let schema = schema();
        let keys = |def: &str| -> Vec<String> {
            let props = if def.is_empty() {
                &schema["properties"]
            } else {
                &schema["$defs"][def]["properties"]
            };
            let mut keys: Vec<String> = props
                .as_object()
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            keys
        };
        let sorted = |names: &[&str]| {
            let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(keys(""), sorted(&TOP_FIELDS));
        assert_eq!(keys("Procedure"), sorted(&PROCEDURE_FIELDS));
        for language in [Language::Vi, Language::En] {
            let t = Strings::load(language).expect("the theme's strings load");
            let explained = |prefix: &str, names: &[&str]| {
                for name in names {
                    let key = format!("{prefix}{}", name.trim_start_matches('$'));
                    assert!(t.all().contains_key(&key), "{language:?}: no {key}");
                }
            };
            explained("data_top_", &TOP_FIELDS);
            explained("data_proc_", &PROCEDURE_FIELDS);
            explained("data_csv_", &CSV_COLUMNS);
            for key in [
                "data_file_json",
                "data_file_csv",
                "data_file_schema",
                "data_file_feed",
            ] {
                assert!(t.all().contains_key(key), "{language:?}: no {key}");
            }
        }
    }
}
