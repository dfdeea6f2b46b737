//! Rows of named columns into records: shared by the list spreadsheet and CSV files.
//!
//! Columns are found by their header, in English or as the national exports name them
//! (`Mã số`, `Tên`, `Lĩnh vực` …), in any order and without regard to case or
//! diacritics, so a "Danh sách TTHC" export saved as CSV imports as it is.

use super::parse;
use super::record::{Channel, Fee, Record, Sourced, join_notes};
use crate::catalogue::ChannelKind;
use crate::catalogue::values::{Date, Duration, DurationUnit};
use crate::text::{clean_line, fold};

/// The columns, each with the header names it is known by (folded). The order is the
/// documented one (`docs/import.md`, `thutuc import csv --help`).
pub const COLUMNS: [(Column, &[&str]); 17] = [
    (Column::Code, &["code", "ma so", "ma thu tuc", "ma tthc"]),
    (Column::Title, &["title", "ten", "ten thu tuc", "ten tthc"]),
    (Column::Level, &["level", "cap thuc hien"]),
    (Column::Field, &["field", "linh vuc"]),
    (Column::Agency, &["agency", "co quan thuc hien"]),
    (
        Column::DecidingAgency,
        &["deciding_agency", "co quan co tham quyen"],
    ),
    (
        Column::Issuer,
        &["issuer", "co quan ban hanh", "co quan cong bo"],
    ),
    (Column::Subjects, &["subjects", "doi tuong thuc hien"]),
    (
        Column::Channels,
        &["channels", "cach thuc thuc hien", "hinh thuc nop"],
    ),
    (
        Column::Duration,
        &["duration", "thoi han giai quyet", "thoi han"],
    ),
    (
        Column::Fees,
        &["fees", "phi, le phi", "phi le phi", "le phi"],
    ),
    (Column::Result, &["result", "ket qua thuc hien", "ket qua"]),
    (Column::Decision, &["decision", "so quyet dinh"]),
    (Column::DecisionDate, &["decision_date", "ngay quyet dinh"]),
    (Column::LifeEvents, &["life_events", "su kien cuoc song"]),
    (Column::Keywords, &["keywords", "tu khoa"]),
    (Column::Description, &["description", "mo ta"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Code,
    Title,
    Level,
    Field,
    Agency,
    DecidingAgency,
    Issuer,
    Subjects,
    Channels,
    Duration,
    Fees,
    Result,
    Decision,
    DecisionDate,
    LifeEvents,
    Keywords,
    Description,
}

fn column_of(header: &str) -> Option<Column> {
    let folded = fold(&clean_line(header));
    let folded = folded.trim_end_matches([':', '*']).trim();
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&folded))
        .map(|(c, _)| *c)
}

/// Whether a row is the header row: it names both the code and the title columns.
pub fn is_header(cells: &[String]) -> bool {
    let columns: Vec<Option<Column>> = cells.iter().map(|c| column_of(c)).collect();
    columns.contains(&Some(Column::Code)) && columns.contains(&Some(Column::Title))
}

/// A procedure code as the content format takes it: digits and dots, `1.000656`.
pub fn is_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_digit())
        && code.contains('.')
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
        && !code.contains("..")
        && !code.ends_with('.')
}

/// Reads the rows after `header`. Each row comes with its row number, for messages.
/// Rows that cannot be a procedure are skipped with a notice.
pub fn records(
    file: &str,
    header: &[String],
    rows: impl IntoIterator<Item = (usize, Vec<String>)>,
    notices: &mut Vec<String>,
) -> Vec<Sourced> {
    let columns: Vec<Option<Column>> = header.iter().map(|h| column_of(h)).collect();
    for (h, c) in header.iter().zip(&columns) {
        if c.is_none() && !clean_line(h).is_empty() {
            notices.push(format!(
                "{file}: column \"{}\" is not one thutuc reads; it was left out",
                clean_line(h)
            ));
        }
    }
    let mut out = Vec::new();
    for (number, cells) in rows {
        let get = |column: Column| -> String {
            columns
                .iter()
                .position(|c| *c == Some(column))
                .and_then(|i| cells.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let origin = format!("{file}, row {number}");
        let code = clean_line(&get(Column::Code));
        let title = clean_line(&get(Column::Title));
        if !is_code(&code) || title.is_empty() {
            notices.push(format!(
                "{origin}: skipped: needs a code such as 1.000656 and a title (found \"{code}\", \"{title}\")"
            ));
            continue;
        }
        out.push(Sourced {
            origin,
            record: record(code, title, &get),
        });
    }
    out
}

/// Values joined in one cell: on separate lines or separated by `;`.
fn many(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .collect()
}

fn record(code: String, title: String, get: &dyn Fn(Column) -> String) -> Record {
    let mut r = Record {
        code,
        title,
        ..Record::default()
    };
    // Levels never contain a comma ("Cấp tỉnh, Cấp xã"), unlike subjects and agencies.
    r.levels = get(Column::Level)
        .split([',', ';', '\n'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .collect();
    r.field = Some(clean_line(&get(Column::Field))).filter(|f| !f.is_empty());
    r.agencies = many(&get(Column::Agency));
    r.deciding_agency = many(&get(Column::DecidingAgency)).into_iter().next();
    r.issuer = Some(clean_line(&get(Column::Issuer))).filter(|s| !s.is_empty());
    r.subjects = many(&get(Column::Subjects));
    r.results = many(&get(Column::Result));
    r.life_events = many(&get(Column::LifeEvents));
    r.keywords = get(Column::Keywords)
        .split([',', ';', '\n'])
        .map(clean_line)
        .filter(|s| !s.is_empty() && !parse::is_no_information(s))
        .collect();
    let description = get(Column::Description);
    if !parse::is_no_information(&description) {
        r.intro = description;
    }
    announcement(&mut r, &get(Column::Decision), &get(Column::DecisionDate));
    channels(
        &mut r,
        &get(Column::Channels),
        &get(Column::Duration),
        &get(Column::Fees),
    );
    r
}

fn announcement(r: &mut Record, decision: &str, date: &str) {
    let decision = clean_line(decision);
    let date_text = clean_line(date);
    if decision.is_empty() && date_text.is_empty() {
        return;
    }
    match (decision.is_empty(), date_of(&date_text)) {
        (false, Some(date)) => r.announced = Some((decision, date)),
        _ => r.unparsed("announced", format!("{decision} {date_text}").trim()),
    }
}

/// `2018-01-09`, or `09/01/2018` as Vietnamese spreadsheets write it.
fn date_of(text: &str) -> Option<Date> {
    if let Ok(date) = Date::parse(text) {
        return Some(date);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m, y): (u32, u32, u32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    Date::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()
}

fn channel_kind(name: &str) -> Option<ChannelKind> {
    match fold(name).as_str() {
        "truc tiep" | "in_person" | "nop truc tiep" => Some(ChannelKind::InPerson),
        "truc tuyen" | "online" | "nop truc tuyen" => Some(ChannelKind::Online),
        "buu chinh" | "dich vu buu chinh" | "post" | "qua buu chinh" | "buu dien" => {
            Some(ChannelKind::Post)
        }
        _ => None,
    }
}

/// One channel per listed way of submitting, each with the row's duration and fees.
fn channels(r: &mut Record, kinds: &str, duration: &str, fees: &str) {
    if [kinds, duration, fees].iter().all(|t| t.trim().is_empty()) {
        return;
    }
    let mut kinds_found = Vec::new();
    for name in kinds
        .split([',', ';', '\n'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
    {
        match channel_kind(&name) {
            Some(kind) if !kinds_found.contains(&kind) => kinds_found.push(kind),
            Some(_) => {}
            None => r.unparsed("channels", name),
        }
    }
    if kinds_found.is_empty() {
        kinds_found.push(ChannelKind::InPerson);
    }
    let mut notes = Vec::new();
    let duration = if parse::is_no_information(duration) {
        Duration {
            value: 0,
            unit: DurationUnit::NotSpecified,
        }
    } else {
        let clean = clean_line(duration);
        let typed = parse::duration(&clean);
        // "15 ngày làm việc kể từ …" is typed from its start; the rest is kept as a note.
        if typed.is_ok() && Duration::parse(&clean).is_err() {
            notes.push(format!("Thời hạn: {clean}"));
        }
        typed.unwrap_or_else(|_| {
            r.unparsed("channels.duration", clean_line(duration));
            notes.push(format!("Thời hạn: {}", clean_line(duration)));
            Duration {
                value: 0,
                unit: DurationUnit::NotSpecified,
            }
        })
    };
    let fees = match parse::fees(fees) {
        Ok(fees) => fees,
        Err(_) => {
            let original = fees.lines().map(clean_line).collect::<Vec<_>>().join(" ");
            r.unparsed("channels.fees", original.clone());
            notes.push(format!("Phí, lệ phí: {original}"));
            None
        }
    };
    for kind in kinds_found {
        r.channels.push(Channel {
            kind,
            duration,
            fees: fees.as_ref().map(|fs| {
                fs.iter()
                    .map(|f| Fee {
                        label: f.label.clone(),
                        amount: f.amount,
                        note: f.note.clone(),
                    })
                    .collect()
            }),
            note: join_notes(&notes),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_in_either_language() {
        assert!(is_header(&cells(&[
            "Mã số",
            "Tên",
            "Cơ quan ban hành",
            "Cơ quan thực hiện",
            "Lĩnh vực"
        ])));
        assert!(is_header(&cells(&["title", "CODE"])));
        assert!(!is_header(&cells(&["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])));
    }

    #[test]
    fn a_full_row() {
        let header = cells(&[
            "code",
            "title",
            "level",
            "field",
            "agency",
            "subjects",
            "channels",
            "duration",
            "fees",
            "decision",
            "decision_date",
            "extra",
        ]);
        let row = cells(&[
            "1.004222",
            "Đăng ký thường trú",
            "Cấp xã",
            "Đăng ký, quản lý cư trú",
            "Công an cấp xã",
            "Công dân Việt Nam; Tổ chức (không bao gồm doanh nghiệp, HTX)",
            "Trực tiếp; Trực tuyến",
            "7 Ngày làm việc",
            "Lệ phí : 20.000 Đồng",
            "5548/QĐ-BCA",
            "01/07/2025",
            "x",
        ]);
        let mut notices = Vec::new();
        let out = records("a.csv", &header, [(2, row)], &mut notices);
        assert_eq!(notices.len(), 1, "{notices:?}");
        let r = &out[0].record;
        assert_eq!(r.subjects.len(), 2);
        assert_eq!(r.channels.len(), 2);
        assert_eq!(r.channels[1].kind, ChannelKind::Online);
        assert_eq!(r.channels[0].duration.value, 7);
        assert_eq!(r.channels[0].fees.as_ref().unwrap()[0].amount.0, 20_000);
        assert_eq!(r.announced.as_ref().unwrap().1.to_string(), "2025-07-01");
        assert!(r.unparsed.is_empty());
    }

    #[test]
    fn a_duration_with_more_words_keeps_them_as_a_note() {
        let header = cells(&["code", "title", "duration"]);
        let row = cells(&["1.000001", "T", "15 ngày làm việc kể từ ngày nhận đủ hồ sơ"]);
        let out = records("a.csv", &header, [(2, row)], &mut Vec::new());
        let c = &out[0].record.channels[0];
        assert_eq!(c.duration.value, 15);
        assert_eq!(
            c.note.as_deref(),
            Some("Thời hạn: 15 ngày làm việc kể từ ngày nhận đủ hồ sơ")
        );
        assert!(out[0].record.unparsed.is_empty());
    }

    #[test]
    fn rows_without_a_code_are_skipped() {
        let header = cells(&["Mã số", "Tên"]);
        let mut notices = Vec::new();
        let out = records(
            "a.csv",
            &header,
            [(3, cells(&["", "Tên"])), (4, cells(&["", ""]))],
            &mut notices,
        );
        assert!(out.is_empty());
        assert_eq!(notices.len(), 1);
    }
}
