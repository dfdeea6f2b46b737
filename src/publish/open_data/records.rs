//! The records of the open data, and how they are made from the catalogue.
//!
//! The `*Record` types are an output contract, kept apart from the content model (the
//! input format): programs of other agencies read them, so they change only on purpose.
//! They reuse the model's small vocabularies (channel kinds, statuses, online levels),
//! which staff write with the same words. (Doc comments here become the schema's
//! descriptions: one line each, so that they read well there.)

use crate::catalogue::values::{Date, Duration, DurationUnit};
use crate::catalogue::{
    Catalogue, ChannelKind, DocumentKind, Language, OnlineLevel, Procedure, Status,
};
use crate::data_terms::{SCHEMA_VERSION, license_url};
use crate::render::view::encode_path;
use crate::urls;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The index of the open data: `du-lieu/thu-tuc.json`. The procedures are in parts it
/// lists, so that no file grows with the whole catalogue.
#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(
    rename = "Catalogue",
    title = "Administrative procedures (thủ tục hành chính): open data published by thutuc",
    description = "The catalogue of administrative procedures of one site, as published in du-lieu/thu-tuc.json: the site, its levels, fields, life events, agencies and groups, and the parts that hold the procedures (newline-delimited JSON, one #/$defs/Procedure a line) and the CSV. The site's du-lieu/ page explains the fields."
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
    /// The files that hold every procedure, active and abolished: newline-delimited JSON, one procedure a line in code order, a field's procedures in one part or a few.
    pub parts: Vec<PartRecord>,
    /// The same procedures as CSV: one file while it is under 50 MB, else one a part.
    pub csv: Vec<PartRecord>,
}

fn version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "integer",
        "const": SCHEMA_VERSION,
        "description": "The version of the schema. It goes up only when a change could break a reader: a field removed or renamed, or its type or meaning changed."
    })
}

/// A file that holds some of the procedures, as the index lists it.
#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Part")]
pub struct PartRecord {
    /// The address of the file.
    pub url: String,
    /// The field whose procedures it holds; null for the CSV of every procedure.
    pub field: Option<Ref>,
    /// How many procedures it holds: lines of a part, rows of a CSV after its header.
    pub count: usize,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, in hexadecimal: it changes when, and only when, the file does.
    pub sha256: String,
}

impl PartRecord {
    /// The record of the file at `path` (relative to `base_url`) with these bytes.
    pub fn of(base_url: &str, path: &str, field: Option<Ref>, count: usize, bytes: &[u8]) -> Self {
        let hash = Sha256::digest(bytes);
        PartRecord {
            url: format!("{base_url}{path}"),
            field,
            count,
            bytes: bytes.len() as u64,
            sha256: hash.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// Who publishes the catalogue.
#[derive(Debug, Hash, Serialize, JsonSchema)]
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

#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Contact")]
pub struct ContactRecord {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// A reference to a level, a field, a life event, an agency or a group: its id and the address of its page.
#[derive(Debug, Hash, Serialize, JsonSchema)]
pub struct Ref {
    pub id: String,
    pub url: String,
}

/// A reference to a procedure: its code, and the address of its page.
#[derive(Debug, Hash, Serialize, JsonSchema)]
pub struct ProcedureRef {
    pub code: String,
    pub url: String,
}

/// A level, a field or a life event.
#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Term")]
pub struct TermRecord {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The page that lists its procedures.
    pub url: String,
}

#[derive(Debug, Hash, Serialize, JsonSchema)]
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

#[derive(Debug, Hash, Serialize, JsonSchema)]
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
#[derive(Debug, Hash, Serialize, JsonSchema)]
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

#[derive(Debug, Hash, Serialize, JsonSchema)]
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
#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Duration")]
pub struct DurationRecord {
    /// The number of units; `null` for `same_day` and `not_specified`.
    pub value: Option<u32>,
    /// `working_days`, `days`, `hours`, `months`, `same_day` or `not_specified`.
    pub unit: DurationUnit,
}

#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Fee")]
pub struct FeeRecord {
    /// The kind of fee: "Lệ phí", "Phí"…
    pub label: String,
    /// In whole đồng (VND); 0 means free.
    pub amount: u64,
    pub note: Option<String>,
}

#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Online")]
pub struct OnlineRecord {
    /// `full` (toàn trình: everything online) or `partial` (một phần).
    pub level: OnlineLevel,
    /// Where to apply online.
    pub url: String,
}

#[derive(Debug, Hash, Serialize, JsonSchema)]
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

#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "LegalDocument")]
pub struct LegalRecord {
    pub number: String,
    pub title: String,
    pub date: Option<Date>,
    pub url: Option<String>,
}

#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Announcement")]
pub struct AnnouncementRecord {
    /// The number of the announcing decision, for example `1872/QĐ-BTP`.
    pub decision: String,
    /// Its date, when known.
    pub date: Option<Date>,
}

/// The explanations of a procedure, in Markdown as staff wrote them.
#[derive(Debug, Hash, Serialize, JsonSchema)]
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

#[derive(Debug, Hash, Serialize, JsonSchema)]
#[schemars(rename = "Section")]
pub struct SectionRecord {
    pub heading: String,
    pub markdown: String,
}

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

    fn catalogue(&self, parts: Vec<PartRecord>, csv: Vec<PartRecord>) -> CatalogueRecord {
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
            parts,
            csv,
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
pub(super) fn duration(d: Duration) -> DurationRecord {
    let counted = !matches!(d.unit, DurationUnit::SameDay | DurationUnit::NotSpecified);
    DurationRecord {
        value: counted.then_some(d.value),
        unit: d.unit,
    }
}

/// The index of the open data, with URLs under `base_url`.
pub fn catalogue(
    c: &Catalogue,
    base_url: &str,
    parts: Vec<PartRecord>,
    csv: Vec<PartRecord>,
) -> CatalogueRecord {
    Records { c, base_url }.catalogue(parts, csv)
}

/// A reference to the field `id`.
pub fn field_ref(base_url: &str, id: &str) -> Ref {
    Ref {
        id: id.to_string(),
        url: format!("{base_url}{}", urls::field(id)),
    }
}

/// The record of the procedure `p` of `c`, with URLs under `base_url`.
pub fn procedure(c: &Catalogue, base_url: &str, p: &Procedure) -> ProcedureRecord {
    Records { c, base_url }.procedure(p)
}

/// Every procedure's record, in code order, with URLs under `base_url`.
pub fn procedures(c: &Catalogue, base_url: &str) -> Vec<ProcedureRecord> {
    c.procedures
        .iter()
        .map(|p| procedure(c, base_url, p))
        .collect()
}
