//! What every source is read into before anything is written: a procedure as the source
//! tells it, with agencies, fields, levels and life events still as names.
//!
//! Each reader (dvcqg, xlsx, csv) fills this in; [`super::render`] alone decides how it
//! becomes content files, so the three sources write alike.

use crate::catalogue::values::{Date, Duration, Money};
use crate::catalogue::{ChannelKind, DocumentKind};

/// One procedure read from a source.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub code: String,
    pub title: String,
    /// Level names as the source writes them ("Cấp tỉnh") or level ids.
    pub levels: Vec<String>,
    pub field: Option<String>,
    /// Executing agencies (cơ quan thực hiện), by name; the first becomes `agency`.
    pub agencies: Vec<String>,
    pub deciding_agency: Option<String>,
    pub coordinating_agencies: Vec<String>,
    /// Cơ quan ban hành: kept as a comment for staff, the model has no place for it.
    pub issuer: Option<String>,
    pub subjects: Vec<String>,
    /// Empty when the source says nothing of channels.
    pub channels: Vec<Channel>,
    pub online: Option<Online>,
    pub documents: Vec<Document>,
    pub results: Vec<String>,
    pub legal_basis: Vec<Legal>,
    pub announced: Option<(String, Date)>,
    pub updated: Option<Date>,
    pub life_events: Vec<String>,
    pub keywords: Vec<String>,
    pub abolished: bool,
    /// The body: what it is for, the steps, the conditions, and notes from the source.
    pub intro: String,
    pub steps: Vec<String>,
    pub conditions: Vec<String>,
    /// "Lưu ý" rows: notes that the source lists among the documents.
    pub notes: Vec<String>,
    /// Values the reader could not type: (field, original text).
    pub unparsed: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub kind: ChannelKind,
    pub duration: Duration,
    /// `None`: the fees are not stated.
    pub fees: Option<Vec<Fee>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Fee {
    pub label: String,
    pub amount: Money,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Online {
    pub full: bool,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    pub required: bool,
    pub kind: DocumentKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Legal {
    pub number: String,
    pub title: String,
    pub date: Option<Date>,
}

impl Record {
    /// Notes a value that could not be typed, keeping its original text for the report.
    pub fn unparsed(&mut self, field: impl Into<String>, original: impl Into<String>) {
        self.unparsed.push((field.into(), original.into()));
    }
}

/// Several notes as one: sentences, each ending in a full stop unless it has a mark.
pub fn join_notes(notes: &[String]) -> Option<String> {
    let mut out = String::new();
    for note in notes.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !out.is_empty() {
            if !out.ends_with(['.', ';', ':', '!', '?']) {
                out.push('.');
            }
            out.push(' ');
        }
        out.push_str(note);
    }
    (!out.is_empty()).then_some(out)
}

/// A record with where it came from, for the report.
#[derive(Debug, Clone)]
pub struct Sourced {
    /// The input file, and the row or item within it.
    pub origin: String,
    pub record: Record,
}

#[cfg(test)]
mod tests {
    #[test]
    fn notes_join_as_sentences() {
        let notes = [
            "Thời hạn: Khác".to_string(),
            " ".into(),
            "Phí: 1.5 USD.".into(),
            "x".into(),
        ];
        assert_eq!(
            super::join_notes(&notes).as_deref(),
            Some("Thời hạn: Khác. Phí: 1.5 USD. x")
        );
        assert_eq!(super::join_notes(&[]), None);
    }
}
