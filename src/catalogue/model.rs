//! The typed, linked catalogue: the only thing later stages (render, index, data) see.
//!
//! Every reference between records is an id or a code that validation has checked,
//! so a stage may look one up with the `Catalogue` helpers without handling "missing".

use super::values::{Date, Duration, Money};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    pub site: Site,
    pub levels: Vec<Term>,
    pub fields: Vec<Term>,
    pub life_events: Vec<Term>,
    /// Sorted by id.
    pub agencies: Vec<Agency>,
    /// Sorted by id.
    pub groups: Vec<Group>,
    /// Sorted by code.
    pub procedures: Vec<Procedure>,
    /// Files under `content/` linked from procedures, as relative paths, sorted.
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: Language,
    pub province: Option<String>,
    pub contact: Contact,
    pub feedback_url: Option<String>,
    pub service_centre: Option<String>,
    pub license: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Vi,
    En,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// An entry of a taxonomy: a level, a field or a life event.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub level: String,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub opening_hours: Vec<String>,
    pub map_url: Option<String>,
}

/// Interconnected procedures (liên thông) done as one journey.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    pub code: Option<String>,
    pub description: Option<String>,
    /// Procedure codes, in the order of the journey.
    pub procedures: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    pub code: String,
    pub title: String,
    /// The URL name: `thu-tuc/<slug>/`.
    pub slug: String,
    pub levels: Vec<String>,
    pub field: String,
    pub agency: String,
    pub deciding_agency: Option<String>,
    pub coordinating_agencies: Vec<String>,
    pub subjects: Vec<String>,
    pub channels: Vec<Channel>,
    pub online: Option<Online>,
    pub documents: Vec<Document>,
    pub results: Vec<String>,
    pub legal_basis: Vec<LegalDocument>,
    pub announced: Option<Announcement>,
    pub updated: Option<Date>,
    pub life_events: Vec<String>,
    pub keywords: Vec<String>,
    pub related: Vec<String>,
    pub status: Status,
    pub replaced_by: Option<String>,
    /// Old paths, relative to `base_url`, without a leading `/`.
    pub aliases: Vec<String>,
    pub body: Body,
    /// The content file, relative to the content folder.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    InPerson,
    Post,
    Online,
}

#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub kind: ChannelKind,
    pub duration: Duration,
    /// `None` when the fees are not stated; an empty list never occurs.
    pub fees: Option<Vec<Fee>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fee {
    /// "Lệ phí", "Phí" …
    pub label: String,
    pub amount: Money,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Toàn trình: everything, including the result, online.
    Full,
    /// Một phần: submit online, finish in person.
    Partial,
}

#[derive(Debug, Clone, Serialize)]
pub struct Online {
    pub level: OnlineLevel,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Nộp: handed in.
    Submit,
    /// Xuất trình: shown, then given back.
    Present,
}

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    pub required: bool,
    pub kind: DocumentKind,
    /// A file under the content folder, relative to it.
    pub form: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LegalDocument {
    pub number: String,
    pub title: String,
    pub date: Option<Date>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Announcement {
    pub decision: String,
    /// Often unknown: the national database gives a number without its date.
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Abolished,
}

/// The Markdown body, split at its `##` headings.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Body {
    /// Text before the first heading: what the procedure is for.
    pub intro: String,
    pub steps: Option<String>,
    pub conditions: Option<String>,
    /// Other sections, in order: (heading, Markdown).
    pub other: Vec<(String, String)>,
}

impl Catalogue {
    pub fn procedure(&self, code: &str) -> Option<&Procedure> {
        self.procedures
            .binary_search_by(|p| p.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.procedures[i])
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.agencies[i])
    }

    pub fn level(&self, id: &str) -> Option<&Term> {
        self.levels.iter().find(|t| t.id == id)
    }

    pub fn field(&self, id: &str) -> Option<&Term> {
        self.fields.iter().find(|t| t.id == id)
    }

    pub fn life_event(&self, id: &str) -> Option<&Term> {
        self.life_events.iter().find(|t| t.id == id)
    }

    /// The groups a procedure belongs to.
    pub fn groups_of<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups
            .iter()
            .filter(move |g| g.procedures.iter().any(|c| c == code))
    }
}
