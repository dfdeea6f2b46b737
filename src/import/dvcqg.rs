//! The national platform's procedure detail JSON (dichvucong.gov.vn, 2026 API) into records.
//!
//! The JSON is read as a loose tree rather than typed structs: fields are often `null`,
//! missing or of another type than usual, and one odd field must not lose the procedure.

use super::parse;
use super::record::{Channel, Document, Fee, Legal, Online, Record, join_notes};
use crate::catalogue::values::{Date, Duration, DurationUnit, Money};
use crate::catalogue::values::{approximate_hours, date_from_days, format_duration};
use crate::catalogue::{ChannelKind, DocumentKind};
use crate::text::{clean_line, fold};
use serde_json::Value;

/// Reads one file's JSON. `Ok(None)` when it is JSON but not a procedure detail record
/// (the index list, `version.json` …), so a whole crawler folder can be given.
pub fn read(text: &str) -> Result<Option<Record>, String> {
    let json: Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|e| format!("not valid JSON: {e}"))?;
    // Some crawlers keep the API's `{ "data": { … } }` envelope.
    let detail = match json.get("data") {
        Some(inner) if inner.get("executionMethods").is_some() => inner,
        _ => &json,
    };
    if !detail.is_object() || detail.get("code").is_none() || detail.get("name").is_none() {
        return Ok(None);
    }
    Ok(Some(record(detail)))
}

/// A cleaned text field; "" when missing, null or not text.
fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => clean_line(s),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A multi-line text field, line breaks kept.
fn block(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.lines().map(clean_line).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

fn list<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    match v.get(key) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The `name`s of a list of `{ name, code }` objects.
fn names(v: &Value, key: &str) -> Vec<String> {
    list(v, key)
        .iter()
        .map(|item| text(item, "name"))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Names joined in one text field ("A\nB" or "A; B").
fn split_names(text: &str) -> Vec<String> {
    text.split(['\n', ';'])
        .map(clean_line)
        .filter(|n| !n.is_empty())
        .collect()
}

fn record(d: &Value) -> Record {
    let mut r = Record {
        code: text(d, "code"),
        title: text(d, "name"),
        ..Record::default()
    };
    if r.code.is_empty() {
        r.code = text(d, "codeNotation");
    }
    for (key, level) in [
        ("isMinistry", "Cấp bộ"),
        ("isProvince", "Cấp tỉnh"),
        ("isWard", "Cấp xã"),
        ("isOtherAgency", "Cơ quan khác"),
        ("isUndetermined", "Chưa xác định"),
    ] {
        if flag(d, key) {
            r.levels.push(level.to_string());
        }
    }
    r.field = names(d, "categoriesDetails").into_iter().next();
    r.agencies = names(d, "departmentsExecuting");
    if r.agencies.is_empty() {
        r.agencies = split_names(&text(d, "executingAgencies"));
    }
    r.deciding_agency = names(d, "departmentsAuthority")
        .into_iter()
        .next()
        .filter(|a| Some(a) != r.agencies.first());
    r.coordinating_agencies = names(d, "departmentsCoordinating");
    if r.coordinating_agencies.is_empty() {
        r.coordinating_agencies = split_names(&text(d, "coordinatingAgencies"));
    }
    r.issuer = Some(text(d, "departmentPromulgateName")).filter(|s| !s.is_empty());
    r.subjects = names(d, "subjectTypesDetails");
    r.results = names(d, "resultsDetails");
    r.life_events = names(d, "serviceGroupsDetails");
    r.keywords = text(d, "keywords")
        .split([',', ';'])
        .map(clean_line)
        .filter(|k| !k.is_empty())
        .collect();
    r.legal_basis = list(d, "legalBasisesDetails")
        .iter()
        .filter_map(|l| {
            let (code, name) = (text(l, "code"), text(l, "name"));
            let number = if code.is_empty() { name.clone() } else { code };
            let title = if name.is_empty() {
                number.clone()
            } else {
                name
            };
            (!number.is_empty()).then_some(Legal {
                number,
                title,
                date: None,
            })
        })
        .collect();
    let state = fold(&text(d, "state"));
    r.abolished = ["abolish", "cancel", "expired", "bai bo"]
        .iter()
        .any(|w| state.contains(w));
    announcement(d, &mut r);
    r.updated = d.get("updatedAt").and_then(Value::as_i64).and_then(date_of);
    channels(d, &mut r);
    documents(d, &mut r);
    r.intro = block(d, "description");
    for step in list(d, "executionSteps") {
        let (name, description) = (text(step, "name"), block(step, "description"));
        r.steps
            .extend([name, description].into_iter().filter(|s| !s.is_empty()));
    }
    let conditions = block(d, "requirementsAndConditions");
    if !parse::is_no_information(&conditions) && fold(conditions.trim()) != "khong" {
        r.conditions.push(conditions);
    }
    r
}

/// The deciding decision: only a real decision number, with its date. The API's
/// `proposalNumber` ("QĐ/0001-BTP") is a placeholder, not a decision.
fn announcement(d: &Value, r: &mut Record) {
    let proposal = d.get("procedureProposal").unwrap_or(&Value::Null);
    let number = [text(proposal, "decisionNumber"), text(d, "decisionNo")]
        .into_iter()
        .find(|n| !n.is_empty());
    let date = proposal
        .get("decisionDate")
        .and_then(Value::as_i64)
        .and_then(date_of);
    match (number, date) {
        (Some(number), Some(date)) => r.announced = Some((number, date)),
        (Some(number), None) => r.unparsed("announced", format!("{number} (no decision date)")),
        _ => {}
    }
}

/// A date in Vietnam (UTC+7) from epoch milliseconds.
fn date_of(ms: i64) -> Option<Date> {
    date_from_days((ms + 7 * 3_600_000).div_euclid(86_400_000))
}

fn unit_of(name: &str) -> Option<(DurationUnit, u32)> {
    match name {
        "WORKING_DAY" => Some((DurationUnit::WorkingDays, 1)),
        "DAY" | "CALENDAR_DAY" => Some((DurationUnit::Days, 1)),
        "WEEK" => Some((DurationUnit::Days, 7)),
        "HOUR" | "WORKING_HOUR" => Some((DurationUnit::Hours, 1)),
        "MONTH" => Some((DurationUnit::Months, 1)),
        _ => None,
    }
}

/// A quantity and a unit name as a duration, when both are usable.
fn typed_duration(qty: Option<&Value>, unit: &str) -> Option<Duration> {
    let (unit, factor) = unit_of(unit)?;
    let qty = qty?.as_f64()?;
    if qty.fract() != 0.0 || !(0.0..=100_000.0).contains(&qty) {
        return None;
    }
    let value = (qty as u32).checked_mul(factor)?;
    Some(if value == 0 {
        Duration {
            value: 0,
            unit: DurationUnit::SameDay,
        }
    } else {
        Duration { value, unit }
    })
}

/// The per-case deadlines (`cases[].processingDay`): the longest, and a note naming each
/// when they differ.
fn case_durations(d: &Value, title: &str) -> Option<(Duration, Option<String>)> {
    let mut cases: Vec<(String, String, Duration)> = list(d, "cases")
        .iter()
        .filter_map(|c| {
            let day = c.get("processingDay")?;
            let duration = typed_duration(day.get("qty"), &text(day, "type"))?;
            Some((text(c, "code"), text(c, "name"), duration))
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    let longest = cases
        .iter()
        .map(|c| c.2)
        .max_by_key(|d| approximate_hours(*d))?;
    if cases.iter().all(|c| c.2 == longest) {
        return Some((longest, None));
    }
    let each: Vec<String> = cases
        .iter()
        .map(|(code, name, dur)| {
            let label = if name.is_empty() || name == title {
                code.clone()
            } else {
                format!("{code} ({name})")
            };
            format!("{label}: {}", format_duration(*dur))
        })
        .collect();
    Some((
        longest,
        Some(format!("Thời hạn tùy trường hợp: {}", each.join("; "))),
    ))
}

fn channels(d: &Value, r: &mut Record) {
    let cases = case_durations(d, &r.title);
    for (i, m) in list(d, "executionMethods").iter().enumerate() {
        let kind = match text(m, "submissionMethod").as_str() {
            "DIRECT" => ChannelKind::InPerson,
            "ONLINE" => ChannelKind::Online,
            "POSTAL" => ChannelKind::Post,
            other => {
                r.unparsed(format!("channels.{}.type", i + 1), other);
                continue;
            }
        };
        let field = format!("channels.{}", r.channels.len() + 1);
        let description = text(m, "description");
        let mut notes: Vec<String> = Vec::new();
        let unit = text(m, "processingTimeUnit");
        let duration = match (typed_duration(m.get("processingTime"), &unit), &cases) {
            (Some(duration), _) => duration,
            (None, Some((duration, note))) => {
                notes.extend(note.clone());
                *duration
            }
            (None, None) => {
                let time = m.get("processingTime").map(Value::to_string);
                r.unparsed(
                    format!("{field}.duration"),
                    format!("{} {unit} {description}", time.unwrap_or_default()).trim(),
                );
                Duration {
                    value: 0,
                    unit: DurationUnit::NotSpecified,
                }
            }
        };
        if !description.is_empty() {
            notes.insert(0, description);
        }
        let fees = fees(m, r, &field, &mut notes);
        r.channels.push(Channel {
            kind,
            duration,
            fees,
            note: join_notes(&notes),
        });
    }
    if r.channels.iter().any(|c| c.kind == ChannelKind::Online) {
        let id = text(d, "id");
        let url = if id.is_empty() {
            format!(
                "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc={}",
                r.code
            )
        } else {
            format!("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{id}")
        };
        r.online = Some(Online {
            full: flag(d, "isFullProcess"),
            url,
        });
    }
}

/// A channel's fees; those that cannot be typed go to the channel's note and the report.
fn fees(m: &Value, r: &mut Record, field: &str, notes: &mut Vec<String>) -> Option<Vec<Fee>> {
    let mut out = Vec::new();
    for (i, f) in list(m, "fees").iter().enumerate() {
        let label = match text(f, "type").as_str() {
            "FEE" => "Phí",
            "CHARGE" | "LE_PHI" => "Lệ phí",
            _ => "Phí, lệ phí",
        }
        .to_string();
        let description = text(f, "description");
        let currency = text(f, "currencyId").to_ascii_uppercase();
        let foreign = currency.len() == 3 && currency != "VND";
        let amount = f
            .get("value")
            .and_then(Value::as_f64)
            .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v < 1e15);
        match (amount, foreign) {
            (Some(v), false) => out.push(Fee {
                label,
                amount: Money(v as u64),
                note: (!description.is_empty()).then_some(description),
            }),
            _ => match parse::fees(&description) {
                Ok(Some(parsed)) if !foreign => out.extend(parsed.into_iter().map(|p| Fee {
                    label: p.label,
                    amount: p.amount,
                    note: p.note,
                })),
                _ => {
                    let value = f.get("value").map(Value::to_string).unwrap_or_default();
                    let original = format!("{value} {currency} {description}");
                    let original = clean_line(&original);
                    if !original.is_empty() {
                        r.unparsed(format!("{field}.fees.{}", i + 1), original.clone());
                        notes.push(format!("{label}: {original}"));
                    }
                }
            },
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What a group of the document list holds, from its heading.
enum Group {
    Submit,
    Present,
    Notes,
}

fn group_of(name: &str) -> Group {
    let folded = fold(name);
    if folded.contains("luu y") {
        Group::Notes
    } else if folded.contains("xuat trinh") {
        Group::Present
    } else {
        Group::Submit
    }
}

fn documents(d: &Value, r: &mut Record) {
    let groups = list(d, "executionCases");
    let components = || {
        groups
            .iter()
            .flat_map(|g| list(g, "profileComponents").iter().map(move |c| (g, c)))
    };
    // The sample marks every component, even the death notice, as not required: a flag
    // that is false everywhere says nothing, so it is only trusted when some are true.
    let flags_mean_something = components().any(|(_, c)| flag(c, "required"));
    for (g, c) in components() {
        let name = document_name(&text(c, "name"));
        if name.is_empty() {
            continue;
        }
        let count = |key| {
            c.get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0)
        };
        let (originals, copies) = (count("originalQty"), count("copyQty"));
        let group = group_of(&text(g, "name"));
        // "0 bản chính, 0 bản sao" marks a note posing as a document.
        if matches!(group, Group::Notes) || originals + copies == 0 {
            r.notes.push(name);
            continue;
        }
        let attachments: Vec<String> = list(c, "attachments")
            .iter()
            .filter_map(|a| {
                ["name", "fileName", "title"]
                    .iter()
                    .map(|k| text(a, k))
                    .find(|t| !t.is_empty())
            })
            .collect();
        r.documents.push(Document {
            name,
            originals,
            copies,
            required: !flags_mean_something || flag(c, "required"),
            kind: match group {
                Group::Present => DocumentKind::Present,
                _ => DocumentKind::Submit,
            },
            note: (!attachments.is_empty())
                .then(|| format!("Mẫu trên Cổng Dịch vụ công: {}", attachments.join(", "))),
        });
    }
}

/// A document name without the list mark the source puts before it.
fn document_name(name: &str) -> String {
    clean_line(name.trim_start_matches(['-', '+', '*', '•', ' ']))
        .trim_end_matches(';')
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_epoch_milliseconds_in_vietnam() {
        // 2019-07-31T17:00:00Z is midnight of 1 August in Vietnam.
        assert_eq!(
            date_of(1_564_592_400_000).unwrap().to_string(),
            "2019-08-01"
        );
        assert_eq!(
            date_of(1_776_247_918_905).unwrap().to_string(),
            "2026-04-15"
        );
        assert_eq!(date_of(0).unwrap().to_string(), "1970-01-01");
        assert!(date_of(-1_000_000_000_000).is_none(), "before 1945");
    }

    #[test]
    fn not_a_detail_record() {
        assert!(read("[{\"ma_tthc\": \"1.000656\"}]").unwrap().is_none());
        assert!(read("{\"total_records\": 6269}").unwrap().is_none());
        assert!(read("{").is_err());
    }
}
