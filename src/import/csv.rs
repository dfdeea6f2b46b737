//! A CSV list of procedures into records. The columns are those of [`super::table`],
//! documented in `docs/import.md`; the separator (`,`, `;` or tab) is found from the
//! header line, as spreadsheet programs differ by locale.

use super::record::Sourced;
use super::table;
use std::path::Path;

pub fn read(path: &Path, notices: &mut Vec<String>) -> Result<Vec<Sourced>, String> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{file}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!("{file}: not UTF-8 text; in the spreadsheet program save it as \"CSV UTF-8\"")
    })?;
    let text = text.trim_start_matches('\u{FEFF}');
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("{file}, row {}: {e}", i + 1))?;
        rows.push((i + 1, row.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    let Some((_, header)) = rows.first().cloned() else {
        return Err(format!("{file}: the file is empty"));
    };
    if !table::is_header(&header) {
        return Err(format!(
            "{file}: the first row must name the columns, with at least `code` (or \"Mã số\") and `title` (or \"Tên\"); see docs/import.md"
        ));
    }
    Ok(table::records(
        &file,
        &header,
        rows.into_iter().skip(1),
        notices,
    ))
}

/// The column layout, for `thutuc import csv --help` (and kept equal to docs/import.md).
pub const LAYOUT: &str = "\
Columns (the first row names them; any order; English or Vietnamese header):
  code            Mã số                 required: the procedure code, 1.000656
  title           Tên                   required: the procedure's name
  level           Cấp thực hiện         \"Cấp tỉnh, Cấp xã\" or ids (tinh, xa); default: from the agency
  field           Lĩnh vực              the field's name, e.g. Hộ tịch
  agency          Cơ quan thực hiện     one per line or separated by ;  (the first is the agency)
  deciding_agency Cơ quan có thẩm quyền
  issuer          Cơ quan ban hành      kept as a comment in the file
  subjects        Đối tượng thực hiện   separated by ; or one per line (not by commas)
  channels        Cách thức thực hiện   Trực tiếp; Trực tuyến; Bưu chính
  duration        Thời hạn giải quyết   15 Ngày làm việc, 30 Ngày, 4 Giờ, Không quy định
  fees            Phí, lệ phí           Phí : 0 Đồng, 50.000 đồng/lần, one fee per line
  result          Kết quả thực hiện     separated by ; or one per line
  decision        Số quyết định         the announcing decision, 1872/QĐ-BTP
  decision_date   Ngày quyết định       01/09/2020 or 2020-09-01
  life_events     Sự kiện cuộc sống     names, separated by ;
  keywords        Từ khóa               separated by , or ;
  description     Mô tả                 what the procedure is for

Save from a spreadsheet as \"CSV UTF-8\"; the separator may be , or ; or a tab.
Values that cannot be typed (a duration such as \"Khác\") are kept as notes and listed.";

#[cfg(test)]
mod tests {
    #[test]
    fn layout_names_every_column() {
        for (_, names) in super::table::COLUMNS {
            assert!(super::LAYOUT.contains(names[0]), "{}", names[0]);
        }
    }
}
