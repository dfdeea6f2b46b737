//! The review report written out: text for a terminal, CSV for Excel (with a byte-order
//! mark, as the open data has), or one HTML file with nothing to fetch.

use super::{Finding, Kind, Report};
use std::fmt::Write;

/// The headings a report is read under: an agency, then its fields (none for what is
/// about the agency itself).
struct Section<'r> {
    agency: &'r str,
    field: Option<&'r str>,
    findings: &'r [Finding],
}

fn sections(report: &Report) -> Vec<Section<'_>> {
    report
        .findings
        .chunk_by(|a, b| a.agency == b.agency && a.field == b.field)
        .map(|chunk| Section {
            agency: &chunk[0].agency,
            field: chunk[0].field.as_deref(),
            findings: chunk,
        })
        .collect()
}

fn agency_name<'r>(report: &'r Report, id: &'r str) -> &'r str {
    report.agency_names.get(id).map_or(id, String::as_str)
}

fn field_name<'r>(report: &'r Report, id: &'r str) -> &'r str {
    report.field_names.get(id).map_or(id, String::as_str)
}

/// What was reviewed, and against what.
fn scope(report: &Report) -> String {
    let o = &report.options;
    let law = o.law_before.map_or(
        "legal bases: not checked by year (--law-before YEAR)".to_string(),
        |y| format!("legal bases dated before {y}"),
    );
    format!(
        "{} procedures ({} active), {} agencies, as of {}; stale after {} months; {law}; heaviest: top {}",
        report.procedures, report.active, report.agencies, o.as_of, o.stale_months, o.top
    )
}

/// For a terminal: the summary, then each agency with its fields.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Review: {}", scope(report));
    let _ = writeln!(out, "\nSummary");
    for kind in Kind::ALL {
        let _ = writeln!(
            out,
            "  {:<19} {:>6}  {}",
            kind.name(),
            report.count(kind),
            kind.about()
        );
    }
    let _ = writeln!(out, "  {:<19} {:>6}", "total", report.findings.len());
    let mut agency = None;
    for s in sections(report) {
        if agency != Some(s.agency) {
            agency = Some(s.agency);
            let _ = writeln!(out, "\n{} ({})", agency_name(report, s.agency), s.agency);
        }
        let indent = match s.field {
            Some(field) => {
                let _ = writeln!(out, "  {}", field_name(report, field));
                "    "
            }
            None => "  ",
        };
        for f in s.findings {
            let _ = writeln!(
                out,
                "{indent}{:<19} {} {}: {}",
                f.kind.name(),
                f.code,
                f.subject,
                f.detail
            );
        }
    }
    out
}

const CSV_COLUMNS: [&str; 9] = [
    "kind",
    "agency_id",
    "agency",
    "field_id",
    "field",
    "code",
    "subject",
    "detail",
    "file",
];

/// One row per finding, the summary left to the spreadsheet: a byte-order mark (so that
/// Excel reads UTF-8), a header row, CRLF line ends.
pub fn csv(report: &Report) -> std::io::Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{FEFF}".as_bytes().to_vec());
    out.write_record(CSV_COLUMNS)?;
    for f in &report.findings {
        let field = f.field.as_deref().unwrap_or("");
        let row = [
            f.kind.name(),
            &f.agency,
            agency_name(report, &f.agency),
            field,
            if field.is_empty() {
                ""
            } else {
                field_name(report, field)
            },
            &f.code,
            &f.subject,
            &f.detail,
            &f.source,
        ];
        out.write_record(row.map(guard))?;
    }
    out.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// A cell that a spreadsheet would run as a formula is kept as text.
fn guard(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}\
td.num{text-align:right;font-variant-numeric:tabular-nums}h2{margin-top:2rem;border-top:2px solid #1a1a1a;padding-top:.5rem}\
.kind{white-space:nowrap;font-family:ui-monospace,monospace;font-size:.9em}.file{color:#555;font-size:.85em}\
@media print{h2{break-before:page}tr{break-inside:avoid}}";

/// One HTML file with its style inside: no script, nothing fetched.
pub fn html(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Review of the catalogue, {}</title><style>{STYLE}</style></head><body><main>\
         <h1>Review of the catalogue</h1><p>{}</p>\
         <table><caption>Summary</caption><thead><tr><th scope=\"col\">Finding</th>\
         <th scope=\"col\">Count</th><th scope=\"col\">Meaning</th></tr></thead><tbody>",
        report.options.as_of,
        escape(&scope(report))
    );
    for kind in Kind::ALL {
        let _ = write!(
            out,
            "<tr><th scope=\"row\" class=\"kind\">{}</th><td class=\"num\">{}</td><td>{}</td></tr>",
            kind.name(),
            report.count(kind),
            escape(kind.about())
        );
    }
    let _ = write!(
        out,
        "<tr><th scope=\"row\">total</th><td class=\"num\">{}</td><td></td></tr></tbody></table>",
        report.findings.len()
    );
    let mut agency = None;
    for s in sections(report) {
        if agency != Some(s.agency) {
            agency = Some(s.agency);
            let _ = write!(
                out,
                "<h2 lang=\"vi\">{} <span class=\"file\">({})</span></h2>",
                escape(agency_name(report, s.agency)),
                escape(s.agency)
            );
        }
        if let Some(field) = s.field {
            let _ = write!(
                out,
                "<h3 lang=\"vi\">{}</h3>",
                escape(field_name(report, field))
            );
        }
        out.push_str(
            "<table><thead><tr><th scope=\"col\">Finding</th><th scope=\"col\">Code</th>\
             <th scope=\"col\">Procedure or agency</th><th scope=\"col\">Detail</th></tr></thead><tbody>",
        );
        for f in s.findings {
            let _ = write!(
                out,
                "<tr><td class=\"kind\">{}</td><td>{}</td><td lang=\"vi\">{}<br><span class=\"file\">{}</span></td><td>{}</td></tr>",
                f.kind.name(),
                escape(&f.code),
                escape(&f.subject),
                escape(&f.source),
                escape(&f.detail)
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</main></body></html>\n");
    out
}
