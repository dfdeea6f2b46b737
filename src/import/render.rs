//! Content files from records: the text of a procedure file, an agency file, taxonomy
//! entries and a first `site.yaml`, laid out as `docs/content-format.md` shows them.

use super::record::{Channel, Document, Record};
use super::yaml_out::{Out, quoted, scalar};
use crate::catalogue::values::format_duration;
use crate::catalogue::{ChannelKind, DocumentKind};
use crate::text::clean_line;

/// The ids a record's names were resolved to.
pub struct Resolved {
    pub levels: Vec<String>,
    pub field: String,
    pub agency: String,
    pub deciding_agency: Option<String>,
    pub coordinating_agencies: Vec<String>,
    pub life_events: Vec<String>,
    /// Written only when the title's slug is not usable as the URL.
    pub slug: Option<String>,
}

/// The whole procedure file, without the import mark (see [`super::files::stamp`]).
pub fn procedure(r: &Record, ids: &Resolved, source: &str) -> String {
    let mut y = Out::default();
    y.line(0, "---");
    y.line(
        0,
        &format!("# Nhập bằng `thutuc import {source}`. Nếu bạn sửa tệp này, lần nhập sau sẽ giữ nguyên bản của bạn."),
    );
    if let Some(issuer) = &r.issuer {
        y.line(0, &format!("# Cơ quan ban hành: {}", clean_line(issuer)));
    }
    y.line(0, &format!("code: {}", quoted(&r.code)));
    y.field(0, "title", &r.title);
    if let Some(slug) = &ids.slug {
        y.line(0, &format!("slug: {slug}"));
    }
    y.ids(0, "level", &ids.levels);
    y.line(0, &format!("field: {}", ids.field));
    y.line(0, &format!("agency: {}", ids.agency));
    if let Some(d) = &ids.deciding_agency {
        y.line(0, &format!("deciding_agency: {d}"));
    }
    y.ids(0, "coordinating_agencies", &ids.coordinating_agencies);
    y.list(0, "subjects", &r.subjects);
    channels(&mut y, &r.channels);
    if let Some(online) = &r.online
        && r.channels.iter().any(|c| c.kind == ChannelKind::Online)
    {
        y.line(0, "online:");
        y.line(
            2,
            if online.full {
                "level: full"
            } else {
                "level: partial"
            },
        );
        y.field(2, "url", &online.url);
    }
    documents(&mut y, &r.documents);
    y.list(0, "result", &r.results);
    if !r.legal_basis.is_empty() {
        y.line(0, "legal_basis:");
        for l in &r.legal_basis {
            y.line(2, &format!("- number: {}", scalar(&l.number)));
            y.field(4, "title", &l.title);
            if let Some(date) = l.date {
                y.line(4, &format!("date: {date}"));
            }
        }
    }
    if let Some((decision, date)) = &r.announced {
        y.line(0, "announced:");
        y.field(2, "decision", decision);
        y.line(2, &format!("date: {date}"));
    }
    if let Some(updated) = r.updated {
        y.line(0, &format!("updated: {updated}"));
    }
    y.ids(0, "life_events", &ids.life_events);
    y.list(0, "keywords", &r.keywords);
    if r.abolished {
        y.line(0, "status: abolished");
    }
    y.line(0, "---");
    let body = body(r);
    if !body.is_empty() {
        y.text.push_str(&body);
    }
    y.text
}

fn channels(y: &mut Out, channels: &[Channel]) {
    y.line(0, "channels:");
    if channels.is_empty() {
        y.line(
            2,
            "# Nguồn không ghi cách thức, thời hạn và phí: bổ sung khi có.",
        );
        y.line(2, "- type: in_person");
        y.line(4, "duration: không quy định");
        y.line(
            4,
            "note: Chưa có thông tin về thời hạn giải quyết và phí, lệ phí",
        );
        return;
    }
    for c in channels {
        let kind = match c.kind {
            ChannelKind::InPerson => "in_person",
            ChannelKind::Post => "post",
            ChannelKind::Online => "online",
        };
        y.line(2, &format!("- type: {kind}"));
        y.field(4, "duration", &format_duration(c.duration));
        if let Some(fees) = &c.fees {
            y.line(4, "fees:");
            for f in fees {
                y.line(6, &format!("- label: {}", scalar(&f.label)));
                y.line(8, &format!("amount: {}", f.amount.0));
                if let Some(note) = &f.note {
                    y.field(8, "note", note);
                }
            }
        }
        if let Some(note) = &c.note {
            y.field(4, "note", note);
        }
    }
}

fn documents(y: &mut Out, documents: &[Document]) {
    if documents.is_empty() {
        return;
    }
    y.line(0, "documents:");
    for d in documents {
        y.line(2, &format!("- name: {}", scalar(&d.name)));
        y.line(4, &format!("originals: {}", d.originals));
        y.line(4, &format!("copies: {}", d.copies));
        if !d.required {
            y.line(4, "required: false");
        }
        if d.kind == DocumentKind::Present {
            y.line(4, "kind: present");
        }
        if let Some(note) = &d.note {
            y.field(4, "note", note);
        }
    }
}

/// The Markdown body: what it is for, then the documented sections.
fn body(r: &Record) -> String {
    let mut parts = Vec::new();
    let intro = paragraphs(&r.intro);
    if !intro.is_empty() {
        parts.push(intro);
    }
    let mut section = |heading: &str, text: String| {
        if !text.is_empty() {
            parts.push(format!("## {heading}\n\n{text}"));
        }
    };
    section("Trình tự thực hiện", paragraphs(&r.steps.join("\n")));
    section("Yêu cầu, điều kiện", paragraphs(&r.conditions.join("\n")));
    section("Lưu ý về hồ sơ", bullets(&r.notes));
    if r.agencies.len() > 1 {
        section("Cơ quan thực hiện", bullets(&r.agencies));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}\n", parts.join("\n\n"))
    }
}

/// Text as Markdown paragraphs, one per source line, so line structure survives.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(|l| escape(&clean_line(l)))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Items as a Markdown list, whatever bullet the source used.
fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|i| {
            let line = clean_line(i);
            let bare = line.trim_start_matches(['-', '+', '*', '•', ' ']);
            format!("- {}", escape(bare))
        })
        .filter(|l| l.len() > 2)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps source text from being read as Markdown structure: a `#` line would start a
/// section, a fence would swallow the rest, `<` could be taken for HTML.
fn escape(line: &str) -> String {
    let line = line.replace('<', "\\<");
    if line.starts_with('#') || line.starts_with("```") || line.starts_with("~~~") {
        format!("\\{line}")
    } else {
        line
    }
}

/// An agency file.
pub fn agency(name: &str, level: &str) -> String {
    let mut y = Out::default();
    y.line(
        0,
        "# Tạo bởi `thutuc import`: kiểm tra cấp (level) và bổ sung địa chỉ, điện thoại, giờ làm việc.",
    );
    y.field(0, "name", name);
    y.line(0, &format!("level: {level}"));
    y.text
}

/// Entries to add at the end of a taxonomy file, after `existing` (its current text).
pub fn taxonomy_append(existing: Option<&str>, added: &[(String, String)]) -> String {
    let mut y = Out::default();
    for (id, name) in added {
        y.line(0, &format!("- id: {id}"));
        y.field(2, "name", name);
    }
    match existing {
        // An empty list written as `[]` cannot take block items after it.
        Some(text) if !text.trim().is_empty() && text.trim() != "[]" => {
            let mut out = text.to_string();
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&y.text);
            out
        }
        _ => y.text,
    }
}

/// A first `site.yaml`, for a new content folder.
pub fn site() -> String {
    "# Tạo bởi `thutuc import`: đặt tên trang và địa chỉ công khai (base_url) trước khi xuất bản.\n\
     title: Thủ tục hành chính\n\
     base_url: http://localhost:8000/\n\
     language: vi\n"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_cannot_break_the_page() {
        assert_eq!(escape("## not a heading"), "\\## not a heading");
        assert_eq!(escape("a <b> c"), "a \\<b> c");
        assert_eq!(
            bullets(&["- một".into(), "+ hai".into(), "ba".into(), "-".into()]),
            "- một\n- hai\n- ba"
        );
        assert_eq!(paragraphs("a\n\n\tb \n"), "a\n\nb");
    }

    #[test]
    fn taxonomy_appends_keep_existing_text() {
        let added = vec![("ho-tich".to_string(), "Hộ tịch".to_string())];
        assert_eq!(
            taxonomy_append(Some("# ours\n- id: a\n  name: A"), &added),
            "# ours\n- id: a\n  name: A\n- id: ho-tich\n  name: Hộ tịch\n"
        );
        assert_eq!(
            taxonomy_append(Some("[]\n"), &added),
            "- id: ho-tich\n  name: Hộ tịch\n"
        );
    }
}
