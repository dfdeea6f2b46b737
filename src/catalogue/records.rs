//! Reading each kind of content file into its typed record.
//!
//! References to other records are kept as they are written, with their position,
//! in a list of [`Ref`]s that [`super::link`] checks once every file has been read.

use super::model::*;
use super::nesting;
use super::values::{Date, Duration, Money};
use crate::content::decode::{Fields, Reader};
use crate::content::yaml::{Node, Pos, Value};
use crate::text::{clean_block, clean_line, slugify};
use crate::urls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    Level,
    Field,
    LifeEvent,
    Agency,
    Procedure,
}

/// A reference as written in a file, to be checked against what exists.
#[derive(Debug, Clone)]
pub struct Ref {
    pub kind: RefKind,
    pub target: String,
    pub file: String,
    pub pos: Pos,
    pub field: String,
}

/// Reads one file; errors go to `reader`, references to `refs`.
pub struct RecordReader {
    pub reader: Reader,
    pub refs: Vec<Ref>,
}

impl RecordReader {
    pub fn new(file: &str) -> Self {
        RecordReader {
            reader: Reader::new(file),
            refs: Vec::new(),
        }
    }

    /// An id that must name an existing record of `kind`.
    fn reference(&mut self, node: &Node, field: &str, kind: RefKind) -> Option<String> {
        let target = if kind == RefKind::Procedure {
            self.reader.code(node, field)?
        } else {
            self.reader.id(node, field)?
        };
        self.refs.push(Ref {
            kind,
            target: target.clone(),
            file: self.reader.file.clone(),
            pos: node.pos,
            field: field.to_string(),
        });
        Some(target)
    }

    fn required_text(&mut self, f: &mut Fields, name: &'static str) -> Option<String> {
        let node = f.require(&mut self.reader, name)?;
        self.reader.text(node, &f.path(name))
    }

    fn optional_text(&mut self, f: &mut Fields, name: &'static str) -> Option<String> {
        let node = f.get(name)?;
        self.reader.text(node, &f.path(name))
    }

    fn optional_url(
        &mut self,
        f: &mut Fields,
        name: &'static str,
        allow_mail: bool,
    ) -> Option<String> {
        let node = f.get(name)?;
        self.reader.url(node, &f.path(name), allow_mail)
    }

    fn optional_date(&mut self, f: &mut Fields, name: &'static str) -> Option<Date> {
        let node = f.get(name)?;
        self.reader.parsed(node, &f.path(name), Date::parse)
    }

    fn text_list(&mut self, f: &mut Fields, name: &'static str) -> Vec<String> {
        match f.get(name) {
            Some(node) => self
                .reader
                .one_or_many(node, &f.path(name), |r, n, p| r.text(n, p)),
            None => Vec::new(),
        }
    }

    fn ref_list(&mut self, f: &mut Fields, name: &'static str, kind: RefKind) -> Vec<String> {
        match f.get(name) {
            Some(node) => {
                let path = f.path(name);
                let items: Vec<&Node> = match &node.value {
                    Value::Seq(items) => items.iter().collect(),
                    _ => vec![node],
                };
                items
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, n)| {
                        let field = if matches!(node.value, Value::Seq(_)) {
                            format!("{path}.{}", i + 1)
                        } else {
                            path.clone()
                        };
                        self.reference(n, &field, kind)
                    })
                    .collect()
            }
            None => Vec::new(),
        }
    }

    fn optional_ref(
        &mut self,
        f: &mut Fields,
        name: &'static str,
        kind: RefKind,
    ) -> Option<String> {
        let node = f.get(name)?;
        self.reference(node, &f.path(name), kind)
    }

    fn required_ref(
        &mut self,
        f: &mut Fields,
        name: &'static str,
        kind: RefKind,
    ) -> Option<String> {
        let node = f.require(&mut self.reader, name)?;
        self.reference(node, &f.path(name), kind)
    }

    // ---- site.yaml ----

    pub fn site(&mut self, doc: &Node) -> Option<Site> {
        let mut f = self.reader.fields(doc, "")?;
        let title = self.required_text(&mut f, "title");
        let description = self.optional_text(&mut f, "description");
        let base_url = f
            .require(&mut self.reader, "base_url")
            .and_then(|n| self.reader.url(n, "base_url", false))
            .map(|u| if u.ends_with('/') { u } else { format!("{u}/") });
        let language = match f.get("language") {
            Some(n) => {
                self.reader
                    .choice(n, "language", &[("vi", Language::Vi), ("en", Language::En)])
            }
            None => Some(Language::Vi),
        };
        let province = self.optional_text(&mut f, "province");
        let contact = match f.get("contact") {
            Some(n) => self.contact(n),
            None => Some(Contact::default()),
        };
        let feedback_url = self.optional_url(&mut f, "feedback_url", true);
        let service_centre = self.optional_ref(&mut f, "service_centre", RefKind::Agency);
        let license = self.optional_text(&mut f, "license");
        let feed_entries = match f.get("feed_entries") {
            Some(n) => self.reader.count(n, "feed_entries").and_then(|count| {
                if (1..=1000).contains(&count) {
                    Some(count)
                } else {
                    let message =
                        format!("expected a number of entries from 1 to 1000, found {count}");
                    self.reader.error(n.pos, "feed_entries", message);
                    None
                }
            }),
            None => Some(DEFAULT_FEED_ENTRIES),
        };
        f.finish(&mut self.reader);
        Some(Site {
            title: title?,
            description,
            base_url: base_url?,
            language: language?,
            province,
            contact: contact?,
            feedback_url,
            service_centre,
            license,
            feed_entries: feed_entries?,
        })
    }

    fn contact(&mut self, node: &Node) -> Option<Contact> {
        let mut f = self.reader.fields(node, "contact")?;
        let contact = Contact {
            phone: self.optional_text(&mut f, "phone"),
            email: self.optional_text(&mut f, "email"),
            address: self.optional_text(&mut f, "address"),
        };
        f.finish(&mut self.reader);
        Some(contact)
    }

    // ---- levels.yaml, fields.yaml, life-events.yaml ----

    /// A taxonomy file: a list of `id` and `name`. Fields are named without the
    /// item number: the line says which item.
    pub fn terms(&mut self, doc: &Node) -> Vec<(Term, Pos)> {
        let Some(items) = self.reader.list(doc, "") else {
            return Vec::new();
        };
        let r = &mut self.reader;
        items
            .iter()
            .filter_map(|node| {
                let mut f = r.fields(node, "")?;
                let id = f.require(r, "id").and_then(|n| r.id(n, "id"));
                let name = f.require(r, "name").and_then(|n| r.text(n, "name"));
                let description = f.get("description").and_then(|n| r.text(n, "description"));
                f.finish(r);
                Some((
                    Term {
                        id: id?,
                        name: name?,
                        description,
                    },
                    node.pos,
                ))
            })
            .collect()
    }

    // ---- agencies/<id>.yaml ----

    pub fn agency(&mut self, id: String, doc: &Node) -> Option<Agency> {
        let mut f = self.reader.fields(doc, "")?;
        let name = self.required_text(&mut f, "name");
        let short_name = self.optional_text(&mut f, "short_name");
        let level = self.required_ref(&mut f, "level", RefKind::Level);
        let parent = self.optional_ref(&mut f, "parent", RefKind::Agency);
        let address = self.optional_text(&mut f, "address");
        let phone = self.optional_text(&mut f, "phone");
        let email = self.optional_text(&mut f, "email");
        let website = self.optional_url(&mut f, "website", false);
        let opening_hours = self.text_list(&mut f, "opening_hours");
        let map_url = self.optional_url(&mut f, "map_url", false);
        f.finish(&mut self.reader);
        if parent.as_deref() == Some(id.as_str()) {
            let pos = doc.pos;
            self.reader
                .error(pos, "parent", "an agency cannot be its own parent");
        }
        Some(Agency {
            id,
            name: name?,
            short_name,
            level: level?,
            parent,
            address,
            phone,
            email,
            website,
            opening_hours,
            map_url,
        })
    }

    // ---- groups/<id>.yaml ----

    pub fn group(&mut self, id: String, doc: &Node) -> Option<Group> {
        let mut f = self.reader.fields(doc, "")?;
        let title = self.required_text(&mut f, "title");
        let code = f.get("code").and_then(|n| self.reader.code(n, "code"));
        let description = self.optional_text(&mut f, "description");
        let procedures = match f.require(&mut self.reader, "procedures") {
            Some(_) => self.ref_list(&mut f, "procedures", RefKind::Procedure),
            None => Vec::new(),
        };
        f.finish(&mut self.reader);
        Some(Group {
            id,
            title: title?,
            code,
            description,
            procedures,
        })
    }

    // ---- procedures/**/<name>.md ----

    /// Placeholders that `thutuc new` writes into the body must not be published, and no
    /// part of it may nest deeper than pages can be rendered.
    pub fn check_body(&mut self, body: &str, first_line: u32) {
        self.check_nesting(body, first_line);
        for (i, line) in body.lines().enumerate() {
            let text = line.trim().trim_start_matches(['-', '*', '+']).trim_start();
            let text = text
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                .trim();
            if text == "…" || line.contains(crate::scaffold::BODY_PLACEHOLDER) {
                let pos = Pos {
                    line: first_line + i as u32,
                    column: 1,
                };
                let message = "the text still has the placeholder \"…\" from `thutuc new`; write it or remove the line";
                self.reader.error(pos, "body", message);
            }
        }
    }

    /// Each part of the body as it will be rendered (see [`split_body`]), measured by
    /// [`nesting::too_deep`]: one problem for each part that nests too deeply.
    fn check_nesting(&mut self, body: &str, first_line: u32) {
        // Cleaning keeps the lines, so a line of the cleaned body is a line of the file.
        let body = clean_block(body);
        for (_, start, text) in parts(&body) {
            let lead = text.len() - text.trim_start().len();
            let Some(at) = nesting::too_deep(text.trim()) else {
                continue;
            };
            let at = start + lead + at;
            let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
            let pos = Pos {
                line: first_line + body[..at].matches('\n').count() as u32,
                column: body[line_start..at].chars().count() as u32 + 1,
            };
            let message = format!(
                "the text is nested more than {} levels deep here (block quotes, lists or \
                 emphasis inside one another, or HTML tags left open); real text needs a few, \
                 and pages cannot be made from more: close the HTML tags, or remove the \
                 repeated `>`, `-` or tags",
                crate::progress::thousands(nesting::MAX_DEPTH)
            );
            self.reader.error(pos, "body", message);
        }
    }

    pub fn procedure(&mut self, doc: &Node, body: &str, source: &str) -> Option<Procedure> {
        let mut f = self.reader.fields(doc, "")?;
        let code = f
            .require(&mut self.reader, "code")
            .and_then(|n| self.reader.code(n, "code"));
        let title = self.required_text(&mut f, "title");
        let slug = match f.get("slug") {
            Some(n) => self.reader.id(n, "slug"),
            None => title.as_deref().map(slugify),
        };
        if let (Some(t), Some("")) = (&title, slug.as_deref()) {
            self.reader.error(
                f.pos,
                "title",
                format!("\"{t}\" has no letters or digits to make a URL from; add a `slug` field"),
            );
        }
        let slug = match slug {
            // Without `slug`, the URL is made from the title: a long title makes one too long.
            Some(s) if s.len() > urls::MAX_SEGMENT && f.get("slug").is_none() => {
                let pos = f.get("title").map_or(f.pos, |n| n.pos);
                self.reader.error(
                    pos,
                    "title",
                    format!(
                        "makes a URL of {} characters, and at most {} fit; add a shorter `slug`, such as \"{}\"",
                        s.len(),
                        urls::MAX_SEGMENT,
                        urls::shorten(&s)
                    ),
                );
                None
            }
            other => other,
        };
        let levels = match f.require(&mut self.reader, "level") {
            Some(_) => self.ref_list(&mut f, "level", RefKind::Level),
            None => Vec::new(),
        };
        let field = self.required_ref(&mut f, "field", RefKind::Field);
        let agency = self.required_ref(&mut f, "agency", RefKind::Agency);
        let deciding_agency = self.optional_ref(&mut f, "deciding_agency", RefKind::Agency);
        let coordinating_agencies = self.ref_list(&mut f, "coordinating_agencies", RefKind::Agency);
        let subjects = self.text_list(&mut f, "subjects");
        let channels = match f.require(&mut self.reader, "channels") {
            Some(n) => {
                let list = self.reader.list_of(n, "channels", channel);
                if list.is_empty() && matches!(&n.value, Value::Seq(v) if v.is_empty()) {
                    self.reader.error(
                        n.pos,
                        "channels",
                        "lists no channel; give at least one (in_person, post or online)",
                    );
                }
                list
            }
            None => Vec::new(),
        };
        let online = f.get("online").and_then(|n| online(&mut self.reader, n));
        let documents = match f.get("documents") {
            Some(n) => self.reader.list_of(n, "documents", document),
            None => Vec::new(),
        };
        let results = self.text_list(&mut f, "result");
        let legal_basis = match f.get("legal_basis") {
            Some(n) => self.reader.list_of(n, "legal_basis", legal_document),
            None => Vec::new(),
        };
        let announced = f
            .get("announced")
            .and_then(|n| announcement(&mut self.reader, n));
        let updated = self.optional_date(&mut f, "updated");
        let life_events = self.ref_list(&mut f, "life_events", RefKind::LifeEvent);
        let keywords = self.text_list(&mut f, "keywords");
        let related = self.ref_list(&mut f, "related", RefKind::Procedure);
        let status = match f.get("status") {
            Some(n) => self.reader.choice(
                n,
                "status",
                &[("active", Status::Active), ("abolished", Status::Abolished)],
            ),
            None => Some(Status::Active),
        };
        let replaced_by_node = f.get("replaced_by");
        let replaced_by = self.optional_ref(&mut f, "replaced_by", RefKind::Procedure);
        let aliases = match f.get("aliases") {
            Some(n) => self.reader.one_or_many(n, "aliases", alias),
            None => Vec::new(),
        };
        f.finish(&mut self.reader);

        if let (Some(node), Some(Status::Active)) = (replaced_by_node, status) {
            self.reader.error(
                node.pos,
                "replaced_by",
                "only an abolished procedure is replaced; add `status: abolished` or remove `replaced_by`",
            );
        }
        if let (Some(o), Some((pos, _))) = (&online, doc.entry("online"))
            && !channels.iter().any(|c| c.kind == ChannelKind::Online)
        {
            let level = if o.level == OnlineLevel::Full {
                "full"
            } else {
                "partial"
            };
            self.reader.error(
                    pos,
                    "online",
                    format!("says the service is online ({level}) but `channels` has no `type: online`; add the online channel with its time and fees"),
                );
        }
        if let (Some(code), Some(replaced)) = (&code, &replaced_by)
            && code == replaced
        {
            self.reader
                .error(doc.pos, "replaced_by", "a procedure cannot replace itself");
        }
        Some(Procedure {
            code: code?,
            title: title?,
            slug: slug.filter(|s| !s.is_empty())?,
            levels,
            field: field?,
            agency: agency?,
            deciding_agency,
            coordinating_agencies,
            subjects,
            channels,
            online,
            documents,
            results,
            legal_basis,
            announced,
            updated,
            life_events,
            keywords,
            related,
            status: status?,
            replaced_by,
            aliases,
            body: split_body(body),
            source: source.to_string(),
        })
    }
}

fn channel(r: &mut Reader, node: &Node, path: &str) -> Option<Channel> {
    let mut f = r.fields(node, path)?;
    let kind = f.require(r, "type").and_then(|n| {
        r.choice(
            n,
            &f.path("type"),
            &[
                ("in_person", ChannelKind::InPerson),
                ("post", ChannelKind::Post),
                ("online", ChannelKind::Online),
            ],
        )
    });
    let duration = f
        .require(r, "duration")
        .and_then(|n| r.parsed(n, &f.path("duration"), Duration::parse));
    let fees = f.get("fees").map(|n| {
        let path = f.path("fees");
        r.list_of(n, &path, fee)
    });
    let note = f.get("note").and_then(|n| r.text(n, &f.path("note")));
    f.finish(r);
    Some(Channel {
        kind: kind?,
        duration: duration?,
        fees: fees.filter(|f| !f.is_empty()),
        note,
    })
}

fn fee(r: &mut Reader, node: &Node, path: &str) -> Option<Fee> {
    let mut f = r.fields(node, path)?;
    let label = match f.get("label") {
        Some(n) => r.text(n, &f.path("label")),
        None => Some(DEFAULT_FEE_LABEL.to_string()),
    };
    let amount = f
        .require(r, "amount")
        .and_then(|n| r.parsed(n, &f.path("amount"), Money::parse));
    let note = f.get("note").and_then(|n| r.text(n, &f.path("note")));
    f.finish(r);
    Some(Fee {
        label: label?,
        amount: amount?,
        note,
    })
}

fn online(r: &mut Reader, node: &Node) -> Option<Online> {
    let mut f = r.fields(node, "online")?;
    let level = f.require(r, "level").and_then(|n| {
        r.choice(
            n,
            "online.level",
            &[
                ("full", OnlineLevel::Full),
                ("partial", OnlineLevel::Partial),
            ],
        )
    });
    let url = f
        .require(r, "url")
        .and_then(|n| r.url(n, "online.url", false));
    f.finish(r);
    Some(Online {
        level: level?,
        url: url?,
    })
}

fn document(r: &mut Reader, node: &Node, path: &str) -> Option<Document> {
    let mut f = r.fields(node, path)?;
    let name = f
        .require(r, "name")
        .and_then(|n| r.text(n, &f.path("name")));
    let count = |r: &mut Reader, f: &mut Fields, name: &'static str, default: u32| match f.get(name)
    {
        Some(n) => r.count(n, &f.path(name)),
        None => Some(default),
    };
    let originals = count(r, &mut f, "originals", 1);
    let copies = count(r, &mut f, "copies", 0);
    let required = match f.get("required") {
        Some(n) => r.boolean(n, &f.path("required")),
        None => Some(true),
    };
    let kind = match f.get("kind") {
        Some(n) => r.choice(
            n,
            &f.path("kind"),
            &[
                ("submit", DocumentKind::Submit),
                ("present", DocumentKind::Present),
            ],
        ),
        None => Some(DocumentKind::Submit),
    };
    let form = f
        .get("form")
        .and_then(|n| r.parsed(n, &f.path("form"), form_path));
    let note = f.get("note").and_then(|n| r.text(n, &f.path("note")));
    f.finish(r);
    Some(Document {
        name: name?,
        originals: originals?,
        copies: copies?,
        required: required?,
        kind: kind?,
        form,
        note,
    })
}

/// A path inside the content folder: relative, `/`-separated, no `..`.
/// Whether the file exists is checked when linking, against the files found.
fn form_path(text: &str) -> Result<String, String> {
    let path = text.replace('\\', "/");
    let outside = || {
        format!(
            "\"{text}\" points outside the content folder; give a path inside it such as \"files/mau-don.docx\""
        )
    };
    if path.starts_with('/') || path.contains(':') {
        return Err(outside());
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") {
        return Err(outside());
    }
    Ok(parts.join("/"))
}

fn legal_document(r: &mut Reader, node: &Node, path: &str) -> Option<LegalDocument> {
    let mut f = r.fields(node, path)?;
    let number = f
        .require(r, "number")
        .and_then(|n| r.text(n, &f.path("number")));
    let title = f
        .require(r, "title")
        .and_then(|n| r.text(n, &f.path("title")));
    let date = f
        .get("date")
        .and_then(|n| r.parsed(n, &f.path("date"), Date::parse));
    let url = f.get("url").and_then(|n| r.url(n, &f.path("url"), false));
    f.finish(r);
    Some(LegalDocument {
        number: number?,
        title: title?,
        date,
        url,
    })
}

fn announcement(r: &mut Reader, node: &Node) -> Option<Announcement> {
    let mut f = r.fields(node, "announced")?;
    let decision = f
        .require(r, "decision")
        .and_then(|n| r.text(n, "announced.decision"));
    let date = f
        .get("date")
        .and_then(|n| r.parsed(n, "announced.date", Date::parse));
    f.finish(r);
    Some(Announcement {
        decision: decision?,
        date,
    })
}

/// An old URL path, relative to the site: `/thu-tuc/khai-sinh/` → `thu-tuc/khai-sinh/`.
fn alias(r: &mut Reader, node: &Node, path: &str) -> Option<String> {
    r.parsed(node, path, |text| {
        let trimmed = text.trim_start_matches('/');
        let valid = !trimmed.is_empty()
            && !trimmed.contains("..")
            && trimmed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
        if !valid {
            return Err(format!(
                "\"{text}\" is not a path on this site; expected something like /thu-tuc/ten-cu/"
            ));
        }
        if trimmed
            .split('/')
            .any(|part| part.len() > urls::MAX_SEGMENT)
        {
            return Err(format!(
                "a part of this path is longer than {} characters, which no URL of the site can be",
                urls::MAX_SEGMENT
            ));
        }
        let page = if trimmed.ends_with('/') || trimmed.ends_with(".html") {
            trimmed.to_string()
        } else {
            format!("{trimmed}/")
        };
        Ok(page)
    })
}

/// Which part of the page a `##` heading starts.
enum Section {
    Steps,
    Conditions,
    Other(String),
}

fn section_of(heading: &str) -> Section {
    match crate::text::fold(heading)
        .trim_end_matches([':', '.'])
        .trim()
    {
        "trinh tu thuc hien" | "cac buoc" | "cac buoc thuc hien" | "steps" => Section::Steps,
        "yeu cau, dieu kien"
        | "yeu cau dieu kien"
        | "dieu kien"
        | "yeu cau, dieu kien thuc hien"
        | "conditions" => Section::Conditions,
        _ => Section::Other(clean_line(heading)),
    }
}

/// Splits the Markdown body at its `##` headings (outside code blocks).
pub fn split_body(body: &str) -> Body {
    let body = clean_block(body);
    let mut out = Body::default();
    for (heading, _, text) in parts(&body) {
        let text = text.trim().to_string();
        match heading.map(section_of) {
            None => out.intro = text,
            Some(Section::Steps) => out.steps = Some(text),
            Some(Section::Conditions) => out.conditions = Some(text),
            Some(Section::Other(h)) => out.other.push((h, text)),
        }
    }
    out
}

/// The parts of a cleaned body between its `##` headings (outside code blocks): each
/// part's heading (none for the first), the byte offset where its text starts, and the
/// text. Each part is rendered as Markdown on its own.
fn parts(body: &str) -> Vec<(Option<&str>, usize, &str)> {
    let mut parts = vec![(None, 0, 0)];
    let mut in_code = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
        }
        let end = offset + line.len();
        match line.strip_prefix("## ") {
            Some(heading) if !in_code => parts.push((Some(heading.trim()), end, end)),
            _ => parts.last_mut().map_or((), |p| p.2 = end),
        }
        offset = end;
    }
    parts
        .into_iter()
        .map(|(heading, start, end)| (heading, start, &body[start..end]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_sections() {
        let b = split_body(
            "Để làm gì.\n\n## Trình tự thực hiện\n1. Nộp\n\n## Yêu cầu, điều kiện:\n- Không\n## Lưu ý\n```\n## not a heading\n```\n",
        );
        assert_eq!(b.intro, "Để làm gì.");
        assert_eq!(b.steps.as_deref(), Some("1. Nộp"));
        assert_eq!(b.conditions.as_deref(), Some("- Không"));
        assert_eq!(
            b.other,
            vec![(
                "Lưu ý".to_string(),
                "```\n## not a heading\n```".to_string()
            )]
        );
    }

    #[test]
    fn form_paths() {
        assert_eq!(form_path("files/./a/b.docx").unwrap(), "files/a/b.docx");
        assert_eq!(form_path("files\\a.doc").unwrap(), "files/a.doc");
        for bad in ["../secret", "/etc/passwd", "files/../../x", "C:/x", ""] {
            assert!(form_path(bad).is_err(), "{bad}");
        }
    }
}
