//! The open data as CSV, for spreadsheets: one row per procedure.

use super::records::{ProcedureRecord, Ref, duration};
use crate::catalogue::{Catalogue, Procedure};
use crate::data_terms::CSV_COLUMNS;
use crate::render::i18n::Strings;
use crate::render::view::{fee_summary, time_summary};
use serde::Serialize;

/// What separates the values of a cell that holds several.
const LIST: &str = "; ";

/// The start of every CSV file: a byte-order mark (so that Excel reads UTF-8) and the
/// header row.
pub fn header() -> std::io::Result<Vec<u8>> {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    out.write_record(CSV_COLUMNS)?;
    out.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// One row per procedure, quoted as RFC 4180 says, lines ending with CRLF.
pub fn rows<'a>(
    c: &Catalogue,
    t: &Strings,
    procedures: impl Iterator<Item = (&'a Procedure, &'a ProcedureRecord)>,
) -> std::io::Result<Vec<u8>> {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for (p, r) in procedures {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::ChannelKind;
    use crate::catalogue::values::{Duration, DurationUnit};

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
}
