//! `thutuc new`: new content files with every field laid out and a comment on each,
//! so that staff fill in a form instead of remembering a format.

use crate::text::{clean_line, slugify};
use std::io;
use std::path::{Path, PathBuf};

pub struct NewProcedure<'a> {
    pub title: &'a str,
    pub field: &'a str,
    pub level: &'a str,
    pub agency: Option<&'a str>,
    pub code: Option<&'a str>,
}

/// Writes `procedures/<field>/<slug>.md` and returns its path. Never overwrites.
pub fn new_procedure(content: &Path, p: &NewProcedure) -> io::Result<PathBuf> {
    let title = clean_line(p.title);
    let slug = non_empty_slug(&title)?;
    let path = content
        .join("procedures")
        .join(p.field)
        .join(format!("{slug}.md"));
    let yaml_text = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let text = PROCEDURE_TEMPLATE
        .replace("{code}", &yaml_text(p.code.unwrap_or("")))
        .replace("{title}", &yaml_text(&title))
        .replace("{level}", p.level)
        .replace("{field}", p.field)
        .replace("{agency}", p.agency.unwrap_or(""))
        .replace("{body}", BODY_PLACEHOLDER);
    create_new(&path, &text)?;
    Ok(path)
}

/// Writes `agencies/<id>.yaml` for an agency named `name` and returns its path.
pub fn new_agency(
    content: &Path,
    name: &str,
    level: &str,
    id: Option<&str>,
) -> io::Result<PathBuf> {
    let name = clean_line(name);
    let id = match id {
        Some(id) => id.to_string(),
        None => non_empty_slug(&name)?,
    };
    let path = content.join("agencies").join(format!("{id}.yaml"));
    let text = AGENCY_TEMPLATE
        .replace("{name}", &format!("\"{}\"", name.replace('"', "\\\"")))
        .replace("{level}", level);
    create_new(&path, &text)?;
    Ok(path)
}

fn non_empty_slug(text: &str) -> io::Result<String> {
    let slug = slugify(text);
    if slug.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("\"{text}\" has no letters or digits to name a file after"),
        ));
    }
    Ok(slug)
}

fn create_new(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => io::Error::new(
                e.kind(),
                format!(
                    "{} already exists; edit it, or choose another title",
                    path.display()
                ),
            ),
            _ => e,
        })?;
    io::Write::write_all(&mut file, text.as_bytes())
}

/// The first paragraph of a new procedure; `check` refuses to publish it.
pub const BODY_PLACEHOLDER: &str = "Thủ tục này dùng để … (ai cần làm, khi nào).";

const PROCEDURE_TEMPLATE: &str = r#"---
# Mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ "1.001193". Giữ dấu ngoặc kép.
code: {code}
# Tên thủ tục. Địa chỉ trang được tạo từ tên này.
title: {title}
# Cấp thực hiện: một mã trong levels.yaml, hoặc danh sách [tinh, xa].
level: {level}
# Lĩnh vực: một mã trong fields.yaml.
field: {field}
# Cơ quan tiếp nhận và giải quyết: tên tệp trong agencies/ (không có .yaml).
agency: {agency}
# Cơ quan có thẩm quyền quyết định, nếu khác cơ quan trên (xoá dòng nếu không có).
# deciding_agency:
# Đối tượng thực hiện.
subjects:
  - Công dân Việt Nam
# Cách thức thực hiện: mỗi cách nộp có thời hạn và phí riêng.
channels:
  - type: in_person            # in_person (trực tiếp) | post (bưu chính) | online (trực tuyến)
    duration: 5 ngày làm việc  # hoặc "15 ngày", "4 giờ", "3 tháng", "trong ngày", "không quy định"
    fees:                      # bỏ trống nếu chưa rõ; amount: 0 là miễn phí
      - label: Lệ phí
        amount: 0
    # note: Nộp tại Bộ phận một cửa …
# Dịch vụ công trực tuyến (xoá nếu không có): full = toàn trình, partial = một phần.
# online:
#   level: full
#   url: https://dichvucong.gov.vn/…
# Thành phần hồ sơ.
documents:
  - name: …
    originals: 1               # số bản chính
    copies: 0                  # số bản sao
    # form: files/…            # mẫu đơn trong thư mục files/
    # required: false          # nếu chỉ cần trong một số trường hợp; ghi rõ ở note
    # kind: present            # nếu chỉ xuất trình, không nộp
# Kết quả thực hiện.
result:
  - …
# Căn cứ pháp lý.
legal_basis:
  - number: …
    title: …
    # date: 2020-01-01
# Quyết định công bố (xoá nếu chưa có).
# announced:
#   decision: …/QĐ-…
#   date: 2025-07-01
# Ngày cập nhật thông tin gần nhất.
# updated: 2025-07-01
# Sự kiện cuộc sống: mã trong life-events.yaml.
life_events: []
# Những từ người dân hay gõ khi tìm thủ tục này.
keywords: []
---
{body}

## Trình tự thực hiện

1. …

## Yêu cầu, điều kiện

- Không có yêu cầu, điều kiện riêng.
"#;

const AGENCY_TEMPLATE: &str = r#"# Tên đầy đủ của cơ quan.
name: {name}
# Tên ngắn (không bắt buộc).
# short_name: …
# Cấp: một mã trong levels.yaml.
level: {level}
# Cơ quan cấp trên: tên tệp trong agencies/ (không bắt buộc).
# parent: …
address: …
phone: "…"
# email: …
# website: https://…
opening_hours:
  - "Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_and_to_name_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = NewProcedure {
            title: "Đăng ký khai sinh",
            field: "ho-tich",
            level: "xa",
            agency: None,
            code: None,
        };
        let path = new_procedure(dir.path(), &p).unwrap();
        assert!(path.ends_with("procedures/ho-tich/dang-ky-khai-sinh.md"));
        assert!(new_procedure(dir.path(), &p).is_err());
        assert!(new_agency(dir.path(), "!!!", "xa", None).is_err());
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("\ntitle: \"Đăng ký khai sinh\"\n"));
        assert!(text.contains("\nlevel: xa\n"));
    }
}
