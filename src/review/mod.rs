//! `thutuc review`: a report for the staff who review the catalogue (rà soát, đánh giá
//! thủ tục hành chính): what is stale, incomplete or heavy, per agency and field. It reads
//! only the checked [`Catalogue`]; it is never published with the site.
//!
//! [`review`] finds; [`format`] writes the findings as text, CSV or one HTML file.

pub mod format;

use crate::catalogue::values::{
    Date, Duration, DurationUnit, approximate_hours, date_from_days, format_duration,
};
use crate::catalogue::{Catalogue, ChannelKind, Procedure, Status};
use crate::text::{fold, group_digits};
use std::collections::{BTreeMap, HashMap};

/// What to look for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day the report is made for: "not updated for N months" counts back from it.
    pub as_of: Date,
    /// A procedure whose last update is older than this many months is stale.
    pub stale_months: u32,
    /// Legal bases dated before 1 January of this year are listed; none when `None`.
    pub law_before: Option<u16>,
    /// How many procedures each "heaviest" list names.
    pub top: usize,
}

/// The kinds of finding, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Stale,
    Untyped,
    FormMissing,
    OldLaw,
    ReplacedLaw,
    NoContact,
    AbolishedInGroup,
    NearDuplicate,
    Heavy,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Stale,
        Kind::Untyped,
        Kind::FormMissing,
        Kind::OldLaw,
        Kind::ReplacedLaw,
        Kind::NoContact,
        Kind::AbolishedInGroup,
        Kind::NearDuplicate,
        Kind::Heavy,
    ];

    /// The name `--fail-on` and the CSV use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Stale => "stale",
            Kind::Untyped => "untyped",
            Kind::FormMissing => "form-missing",
            Kind::OldLaw => "old-law",
            Kind::ReplacedLaw => "replaced-law",
            Kind::NoContact => "no-contact",
            Kind::AbolishedInGroup => "abolished-in-group",
            Kind::NearDuplicate => "near-duplicate",
            Kind::Heavy => "heavy",
        }
    }

    /// What the kind means, for the summary.
    pub fn about(self) -> &'static str {
        match self {
            Kind::Stale => "not updated for the given months, or never dated",
            Kind::Untyped => "processing time or fees not stated, or kept only as a note",
            Kind::FormMissing => "a document names a form (mẫu, tờ khai) but has no form file",
            Kind::OldLaw => "a legal basis dated before the given year",
            Kind::ReplacedLaw => "a legal basis that another procedure names as replaced",
            Kind::NoContact => "an agency without address, phone or opening hours",
            Kind::AbolishedInGroup => "an interconnected group with an abolished member",
            Kind::NearDuplicate => "titles so close they may be the same procedure",
            Kind::Heavy => {
                "candidates for simplification: most documents, longest time, highest fee, in person only"
            }
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One thing for staff to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// The agency it is filed under: the procedure's agency, or the agency itself.
    pub agency: String,
    /// The field id, for a finding about a procedure.
    pub field: Option<String>,
    /// The procedure's code, or the group's or agency's id.
    pub code: String,
    /// The procedure's title, or the group's or agency's name.
    pub subject: String,
    /// What is wrong, in a sentence.
    pub detail: String,
    /// The content file to open.
    pub source: String,
}

/// The findings, sorted by agency name, field (in the order of fields.yaml), kind, code.
#[derive(Debug, Clone)]
pub struct Report {
    pub options: Options,
    pub procedures: usize,
    pub active: usize,
    pub agencies: usize,
    pub findings: Vec<Finding>,
    /// Agency names and field names by id, for the headings.
    pub agency_names: HashMap<String, String>,
    pub field_names: HashMap<String, String>,
}

impl Report {
    pub fn count(&self, kind: Kind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }

    /// The kinds among `kinds` that were found: `--fail-on` exits 1 when there are any.
    pub fn found(&self, kinds: &[Kind]) -> Vec<Kind> {
        kinds
            .iter()
            .copied()
            .filter(|k| self.count(*k) > 0)
            .collect()
    }
}

/// Reviews the catalogue.
pub fn review(c: &Catalogue, options: &Options) -> Report {
    let active: Vec<&Procedure> = c
        .procedures
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| p.status == Status::Active)
        .collect();
    let mut findings = Vec::new();
    let stale_before = months_before(options.as_of, options.stale_months);
    let replaced = replaced_laws(&active);
    for p in &active {
        let mut add = |kind, detail: String| findings.push(about(p, kind, detail));
        match p.updated.or(p.announced.as_ref().and_then(|a| a.date)) {
            None => add(Kind::Stale, "no updated or announced date".into()),
            Some(d) if d < stale_before => add(
                Kind::Stale,
                format!(
                    "last updated {d}, over {} months before {}",
                    options.stale_months, options.as_of
                ),
            ),
            Some(_) => {}
        }
        for detail in untyped(p) {
            add(Kind::Untyped, detail);
        }
        for d in p.documents.iter().filter(|d| d.form.is_none()) {
            if names_a_form(&d.name) {
                add(
                    Kind::FormMissing,
                    format!("\"{}\" names a form but has no form file", d.name),
                );
            }
        }
        for law in &p.legal_basis {
            if let (Some(year), Some(date)) = (options.law_before, law.date)
                && date.year < year
            {
                add(
                    Kind::OldLaw,
                    format!("{} \"{}\" is dated {date}", law.number, law.title),
                );
            }
            if let Some((by, code)) = replaced.get(&law_key(&law.number)) {
                add(
                    Kind::ReplacedLaw,
                    format!(
                        "{} \"{}\" is named as replaced by {by} (cited by {code})",
                        law.number, law.title
                    ),
                );
            }
        }
    }
    for a in &c.agencies {
        let missing: Vec<&str> = [
            ("address", a.address.is_none()),
            ("phone", a.phone.is_none()),
            ("opening hours", a.opening_hours.is_empty()),
        ]
        .into_iter()
        .filter_map(|(what, gone)| gone.then_some(what))
        .collect();
        if !missing.is_empty() {
            findings.push(Finding {
                kind: Kind::NoContact,
                agency: a.id.clone(),
                field: None,
                code: a.id.clone(),
                subject: a.name.clone(),
                detail: format!("no {}", missing.join(", no ")),
                source: format!("agencies/{}.yaml", a.id),
            });
        }
    }
    for g in &c.groups {
        for p in g.procedures.iter().filter_map(|code| c.procedure(code)) {
            if p.status == Status::Abolished {
                let mut f = about(
                    p,
                    Kind::AbolishedInGroup,
                    format!(
                        "the group \"{}\" ({}) still lists this abolished procedure",
                        g.title, g.id
                    ),
                );
                f.source = format!("groups/{}.yaml", g.id);
                findings.push(f);
            }
        }
    }
    findings.extend(near_duplicates(c, &active));
    findings.extend(heaviest(&active, options.top));

    let agency_names: HashMap<String, String> = c
        .agencies
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let field_order: HashMap<&str, usize> = c
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    findings.sort_by_cached_key(|f| {
        let agency = agency_names
            .get(&f.agency)
            .map_or(f.agency.clone(), |n| fold(n));
        let field = f.field.as_deref().map(|id| field_order.get(id).copied());
        (
            agency,
            f.agency.clone(),
            field,
            f.kind,
            f.code.clone(),
            f.detail.clone(),
        )
    });
    Report {
        options: options.clone(),
        procedures: c.procedures.len(),
        active: active.len(),
        agencies: c.agencies.len(),
        findings,
        agency_names,
        field_names: c
            .fields
            .iter()
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect(),
    }
}

/// Today's date in Vietnam (UTC+7): the default reference day of a report, which is for
/// staff and never published, so the clock may decide it.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (seconds + 7 * 3600) / 86_400;
    date_from_days(days as i64).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

fn about(p: &Procedure, kind: Kind, detail: String) -> Finding {
    Finding {
        kind,
        agency: p.agency.clone(),
        field: Some(p.field.clone()),
        code: p.code.clone(),
        subject: p.title.clone(),
        detail,
        source: p.source.clone(),
    }
}

/// The first day that is not stale: `months` before `as_of` (the 31st becomes the last
/// day of a shorter month).
fn months_before(as_of: Date, months: u32) -> Date {
    let total = i64::from(as_of.year) * 12 + i64::from(as_of.month) - 1 - i64::from(months);
    let year = u16::try_from(total.div_euclid(12)).unwrap_or(0);
    let month = (total.rem_euclid(12) + 1) as u8;
    let last = match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Date {
        year,
        month,
        day: as_of.day.min(last),
    }
}

/// Channels whose processing time or fees say nothing a machine can compare.
fn untyped(p: &Procedure) -> Vec<String> {
    let mut out = Vec::new();
    for ch in &p.channels {
        let channel = match ch.kind {
            ChannelKind::InPerson => "in person",
            ChannelKind::Post => "by post",
            ChannelKind::Online => "online",
        };
        let note = if ch.note.is_some() {
            "kept only as a note"
        } else {
            "not stated"
        };
        if ch.duration.unit == DurationUnit::NotSpecified {
            out.push(format!("{channel}: processing time {note}"));
        }
        if ch.fees.is_none() {
            out.push(format!("{channel}: fees {note}"));
        }
    }
    out
}

/// Whether a document's name speaks of a form to fill in: "mẫu", "tờ khai" as words.
fn names_a_form(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"mẫu") || words.windows(2).any(|w| w == ["tờ", "khai"])
}

/// A legal document's number as compared: folded, without spaces or "số".
fn law_key(number: &str) -> String {
    fold(number)
        .trim_start_matches("so ")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The legal documents that a legal basis of some procedure says it replaces ("… thay
/// thế Nghị định số 123/2015/NĐ-CP"), by [`law_key`]: (the replacing one, the procedure
/// that cites it).
fn replaced_laws(active: &[&Procedure]) -> HashMap<String, (String, String)> {
    let mut replaced = HashMap::new();
    for p in active {
        for law in &p.legal_basis {
            let folded = fold(&law.title);
            let Some(at) = folded.find("thay the") else {
                continue;
            };
            // Document numbers after "thay thế": tokens with a slash and a digit.
            for token in folded[at..].split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
                let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':'));
                if token.contains('/') && token.chars().any(|c| c.is_ascii_digit()) {
                    replaced
                        .entry(law_key(token))
                        .or_insert_with(|| (law.number.clone(), p.code.clone()));
                }
            }
        }
    }
    replaced
}

/// Pairs of active procedures whose titles are the same apart from case, tone marks,
/// punctuation and spacing, or whose words differ in one letter of one word: a title
/// typed twice. A real difference of one word ("Cấp" / "Cấp lại", "cấp tỉnh" /
/// "cấp xã") is a different procedure and is not listed. Titles are grouped by keys, so
/// no pair of the catalogue is compared that does not share all words but one.
fn near_duplicates(c: &Catalogue, active: &[&Procedure]) -> Vec<Finding> {
    let split = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let folded: Vec<Vec<String>> = active.iter().map(|p| split(&fold(&p.title))).collect();
    let marked: Vec<Vec<String>> = active
        .iter()
        .map(|p| split(&p.title.to_lowercase()))
        .collect();
    let mut pairs: BTreeMap<(usize, usize), &str> = BTreeMap::new();
    let mut same: HashMap<&[String], Vec<usize>> = HashMap::new();
    for (i, words) in folded.iter().enumerate() {
        same.entry(words).or_default().push(i);
    }
    for bucket in same.values().filter(|b| b.len() > 1) {
        for (n, &i) in bucket.iter().enumerate() {
            for &j in &bucket[n + 1..] {
                pairs.insert(
                    (i, j),
                    "the same title apart from case, marks or punctuation",
                );
            }
        }
    }
    // The same words but the k-th: one key per word of each title.
    let mut but_one: HashMap<(usize, Vec<&str>), Vec<usize>> = HashMap::new();
    for (i, words) in folded.iter().enumerate() {
        for k in 0..words.len() {
            let mut key: Vec<&str> = words.iter().map(String::as_str).collect();
            key[k] = "";
            but_one.entry((k, key)).or_default().push(i);
        }
    }
    for ((k, _), bucket) in but_one.iter().filter(|(_, b)| b.len() > 1) {
        for (n, &i) in bucket.iter().enumerate() {
            for &j in &bucket[n + 1..] {
                let (a, b) = (&marked[i], &marked[j]);
                if a.len() == b.len()
                    && a.get(*k)
                        .zip(b.get(*k))
                        .is_some_and(|(x, y)| x != y && strsim::levenshtein(x, y) == 1)
                {
                    pairs
                        .entry((i.min(j), i.max(j)))
                        .or_insert("a title one letter apart");
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|((i, j), how)| {
            let (a, b) = (active[i], active[j]);
            let other_agency = c.agency(&b.agency).map_or(b.agency.as_str(), |x| &x.name);
            about(
                a,
                Kind::NearDuplicate,
                format!("{how}: {} \"{}\" ({other_agency})", b.code, b.title),
            )
        })
        .collect()
}

/// The candidates for simplification: the `top` procedures with most documents, with
/// the longest processing time and with the highest fee, and every procedure that can
/// only be done in person (whose channels are known: a procedure with no stated
/// processing time is reported as untyped instead).
fn heaviest(active: &[&Procedure], top: usize) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut rank = |measure: &dyn Fn(&Procedure) -> u64, say: &dyn Fn(&Procedure) -> String| {
        let mut ranked: Vec<&&Procedure> = active.iter().filter(|p| measure(p) > 0).collect();
        ranked.sort_by(|a, b| measure(b).cmp(&measure(a)).then(a.code.cmp(&b.code)));
        for p in ranked.into_iter().take(top) {
            findings.push(about(p, Kind::Heavy, say(p)));
        }
    };
    rank(&|p| p.documents.len() as u64, &|p| {
        format!("{} documents", p.documents.len())
    });
    let longest = |p: &Procedure| -> Option<Duration> {
        p.channels
            .iter()
            .map(|c| c.duration)
            .max_by_key(|d| approximate_hours(*d))
    };
    rank(&|p| longest(p).map_or(0, approximate_hours), &|p| {
        format!(
            "takes up to {}",
            longest(p).map(format_duration).unwrap_or_default()
        )
    });
    let highest = |p: &Procedure| -> u64 {
        p.channels
            .iter()
            .filter_map(|c| c.fees.as_ref())
            .flatten()
            .map(|f| f.amount.0)
            .max()
            .unwrap_or(0)
    };
    rank(&highest, &|p| {
        format!("fees up to {} đồng", group_digits(highest(p), "."))
    });
    for p in active {
        let in_person_only = p.online.is_none()
            && p.channels.iter().all(|c| c.kind == ChannelKind::InPerson)
            && p.channels
                .iter()
                .any(|c| c.duration.unit != DurationUnit::NotSpecified);
        if in_person_only {
            findings.push(about(p, Kind::Heavy, "in person only".into()));
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn months_back() {
        assert_eq!(months_before(date("2026-12-05"), 12), date("2025-12-05"));
        assert_eq!(months_before(date("2026-03-31"), 1), date("2026-02-28"));
        assert_eq!(months_before(date("2026-01-15"), 1), date("2025-12-15"));
        assert_eq!(months_before(date("2024-05-31"), 3), date("2024-02-29"));
    }

    #[test]
    fn forms_are_named_as_words() {
        assert!(names_a_form("Tờ khai đăng ký khai sinh"));
        assert!(names_a_form("Đơn đề nghị (theo mẫu)"));
        assert!(names_a_form("Đơn theo Mẫu số 01"));
        assert!(!names_a_form("Giấy xét nghiệm máu"));
        assert!(!names_a_form("Hai ảnh màu 4x6"));
    }

    #[test]
    fn law_numbers_compare_without_case_marks_or_spaces() {
        assert_eq!(law_key("123/2015/NĐ-CP"), law_key("số 123/2015/nđ-cp"));
        assert_eq!(group_digits(1_200_000, "."), "1.200.000");
        assert_eq!(group_digits(500, "."), "500");
    }
}
