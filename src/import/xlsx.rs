//! The "Danh sách TTHC" list export of dichvucong.gov.vn (`.xlsx`) into records.
//!
//! The sheet has a banner row (the national motto), then the header
//! `Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`, then one procedure a
//! row; several agencies share a cell, one per line. The header is found by its names,
//! so a banner of another height, extra columns or another column order still read.

use super::record::Sourced;
use super::table;
use crate::catalogue::values::date_from_days;
use calamine::{Data, Reader, open_workbook_auto};
use std::path::Path;

/// How far down the header row may be.
const HEADER_SEARCH_ROWS: usize = 20;

pub fn read(path: &Path, notices: &mut Vec<String>) -> Result<Vec<Sourced>, String> {
    let file = path.display().to_string();
    let mut book = open_workbook_auto(path).map_err(|e| format!("{file}: {e}"))?;
    let names = book.sheet_names();
    // The export's one sheet is "Danh sách TTHC"; otherwise the first sheet.
    let sheet = names
        .iter()
        .find(|n| crate::text::fold(n) == "danh sach tthc")
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| format!("{file}: the workbook has no sheet"))?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| format!("{file}: sheet \"{sheet}\": {e}"))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let rows: Vec<(usize, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell_text).collect()))
        .collect();
    let Some(header_at) = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|(_, cells)| table::is_header(cells))
    else {
        return Err(format!(
            "{file}: no header row with \"Mã số\" and \"Tên\" in the first {HEADER_SEARCH_ROWS} rows of sheet \"{sheet}\""
        ));
    };
    let header = rows[header_at].1.clone();
    Ok(table::records(
        &file,
        &header,
        rows.into_iter().skip(header_at + 1),
        notices,
    ))
}

/// A cell as text. Dates become ISO dates; whole numbers lose their ".0".
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(dt) => {
            // Excel counts days from 1899-12-30; 25569 of them is 1970-01-01.
            let days = dt.as_f64().floor() as i64 - 25_569;
            date_from_days(days).map_or_else(|| cell.to_string(), |d| d.to_string())
        }
        other => other.to_string(),
    }
}
