//! What each page shows, worked out in Rust from the [`Catalogue`]: values in words,
//! links, sections in the order a citizen needs them. Templates only lay these out.
//!
//! Every `url` here is a path relative to the site root (`thu-tuc/x/`); templates put
//! `base` in front of it, so one rule holds for every link.

use super::i18n::Strings;
use super::markdown::Markdown;
use crate::catalogue::values::{Date, Money};
use crate::catalogue::*;
use crate::text::{fold, slugify};
use crate::urls;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tera::Value;

/// What every view is made from.
pub struct Sources<'a> {
    pub catalogue: &'a Catalogue,
    pub strings: &'a Strings,
    pub markdown: &'a Markdown,
    /// Sizes in bytes of the form files, by their path under `content/`.
    pub form_sizes: &'a BTreeMap<String, u64>,
    /// The procedures' QR codes, made once for all the pages that show them.
    pub qr_codes: &'a super::qr::Codes,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

impl Link {
    /// A procedure's page, named by its title.
    pub fn to_procedure(p: &Procedure) -> Link {
        Link {
            name: p.title.clone(),
            url: urls::procedure(&p.slug),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2025-07-01`, for `<time datetime>`.
    pub iso: String,
    pub text: String,
}

impl DateView {
    pub fn new(d: Date, t: &Strings) -> DateView {
        DateView {
            iso: d.to_string(),
            text: t.date(d),
        }
    }
}

/// A procedure in a list: enough to choose it.
#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    title: &'a str,
    url: String,
    abolished: bool,
    /// `full`, `partial`, or none.
    online: Option<OnlineLevel>,
    agency: &'a str,
    announced: Option<DateView>,
}

/// The catalogue, grouped and sorted once per build for the list pages. The sorted list
/// and each entry are made when first asked for: `serve`'s update of one page needs few.
pub struct Index<'a> {
    pub catalogue: &'a Catalogue,
    strings: &'a Strings,
    /// Every procedure (its place in the catalogue), in Vietnamese alphabetical order
    /// of title.
    by_title: std::sync::OnceLock<Vec<usize>>,
    /// The list entry of each procedure of the catalogue, in its order, ready for
    /// templates. Values share their data, so a procedure listed on five pages is built
    /// once.
    items: Vec<std::sync::OnceLock<Value>>,
    /// For each code, the procedures that name it in `related`, in code order.
    named_by: HashMap<&'a str, Vec<&'a str>>,
    /// For each agency (its place in the catalogue), the procedures it handles or decides
    /// (their places), in title order: its page lists them (one pass for every agency
    /// page, not one each).
    by_agency: std::sync::OnceLock<Vec<Vec<usize>>>,
}

/// The key that sorts titles as a Vietnamese reader expects: letters first without their
/// marks ("Đ" with "D"), then with them, so that the order is total and stable.
pub fn title_key(title: &str) -> (String, &str) {
    (fold(title), title)
}

impl<'a> Index<'a> {
    pub fn new(catalogue: &'a Catalogue, t: &'a Strings) -> Index<'a> {
        let mut named_by: HashMap<&str, Vec<&str>> = HashMap::new();
        for p in &catalogue.procedures {
            for r in &p.related {
                named_by.entry(r.as_str()).or_default().push(&p.code);
            }
        }
        Index {
            catalogue,
            strings: t,
            by_title: std::sync::OnceLock::new(),
            items: catalogue
                .procedures
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            named_by,
            by_agency: std::sync::OnceLock::new(),
        }
    }

    /// Every procedure, in Vietnamese alphabetical order of title.
    pub fn by_title(&self) -> impl ExactSizeIterator<Item = &'a Procedure> + Clone + '_ {
        let procedures = &self.catalogue.procedures;
        self.title_order().iter().map(move |&i| &*procedures[i])
    }

    /// The places of the procedures in the catalogue, in title order.
    fn title_order(&self) -> &[usize] {
        let procedures = &self.catalogue.procedures;
        self.by_title.get_or_init(|| {
            let mut order: Vec<usize> = (0..procedures.len()).collect();
            order.sort_by_cached_key(|&i| {
                let p = &procedures[i];
                (title_key(&p.title).0, p.title.clone(), p.code.clone())
            });
            order
        })
    }

    pub fn item(&self, code: &str) -> Value {
        let procedures = &self.catalogue.procedures;
        let Ok(i) = procedures.binary_search_by(|p| p.code.as_str().cmp(code)) else {
            return Value::none();
        };
        let (Some(p), Some(item)) = (procedures.get(i), self.items.get(i)) else {
            return Value::none();
        };
        item.get_or_init(|| {
            let catalogue = self.catalogue;
            let agency = catalogue.agency(&p.agency).map_or(p.agency.as_str(), |a| {
                a.short_name.as_deref().unwrap_or(&a.name)
            });
            let item = Item {
                code: &p.code,
                title: &p.title,
                url: urls::procedure(&p.slug),
                abolished: p.status == Status::Abolished,
                online: p.online.as_ref().map(|o| o.level),
                agency,
                announced: p
                    .announced
                    .as_ref()
                    .and_then(|a| a.date)
                    .map(|d| DateView::new(d, self.strings)),
            };
            Value::from_serializable(&item)
        })
        .clone()
    }

    /// The list entries of the procedures that match, in title order, split into the
    /// active ones and the abolished ones.
    pub fn list(&self, keep: impl Fn(&Procedure) -> bool) -> (Vec<Value>, Vec<Value>) {
        self.list_of(self.by_title().filter(|p| keep(p)))
    }

    /// [`Index::list`] of the procedures an agency handles (`agency`) or decides
    /// (`deciding_agency`): what its page lists.
    pub fn agency_list(&self, agency: &str) -> (Vec<Value>, Vec<Value>) {
        self.list_of(self.of_agency(agency))
    }

    /// The procedures an agency handles or decides, in title order.
    pub fn of_agency(&self, agency: &str) -> impl Iterator<Item = &'a Procedure> + '_ {
        let (agencies, procedures) = (&self.catalogue.agencies, &self.catalogue.procedures);
        let place = |id: &str| agencies.binary_search_by(|a| a.id.as_str().cmp(id)).ok();
        let by_agency = self.by_agency.get_or_init(|| {
            let mut by_agency = vec![Vec::new(); agencies.len()];
            for &i in self.title_order() {
                let p = &procedures[i];
                let decides = p.deciding_agency.as_deref().filter(|d| *d != p.agency);
                for a in [Some(p.agency.as_str()), decides].into_iter().flatten() {
                    if let Some(a) = place(a) {
                        by_agency[a].push(i);
                    }
                }
            }
            by_agency
        });
        let listed = place(agency).map_or(&[][..], |a| &by_agency[a]);
        listed.iter().map(|&i| &*procedures[i])
    }

    /// The codes of the procedures that name `code` in `related`, in code order.
    pub fn named_by(&self, code: &str) -> impl Iterator<Item = &'a str> + '_ {
        self.named_by.get(code).into_iter().flatten().copied()
    }

    /// The list entries of `procedures`, split into the active ones and the abolished ones.
    fn list_of<'p>(
        &self,
        procedures: impl Iterator<Item = &'p Procedure>,
    ) -> (Vec<Value>, Vec<Value>) {
        let mut active = Vec::new();
        let mut abolished = Vec::new();
        for p in procedures {
            let list = if p.status == Status::Abolished {
                &mut abolished
            } else {
                &mut active
            };
            list.push(self.item(&p.code));
        }
        (active, abolished)
    }

    /// How many active procedures match.
    pub fn count(&self, keep: impl Fn(&Procedure) -> bool) -> usize {
        self.catalogue
            .procedures
            .iter()
            .filter(|p| p.status == Status::Active && keep(p))
            .count()
    }
}

// ---------------------------------------------------------------- agencies

#[derive(Serialize)]
pub struct AgencyView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub url: String,
    pub level: Option<Link>,
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// `tel:` link, when the phone is one number.
    pub phone_href: Option<String>,
    pub email: Option<&'a str>,
    pub website: Option<&'a str>,
    pub opening_hours: &'a [String],
    pub map_url: Option<&'a str>,
}

pub fn agency<'a>(c: &'a Catalogue, a: &'a Agency) -> AgencyView<'a> {
    AgencyView {
        id: &a.id,
        name: &a.name,
        short_name: a.short_name.as_deref(),
        url: urls::agency(&a.id),
        level: c.level(&a.level).map(|l| Link {
            name: l.name.clone(),
            url: urls::level(&l.id),
        }),
        address: a.address.as_deref(),
        phone: a.phone.as_deref(),
        phone_href: a.phone.as_deref().and_then(tel_href),
        email: a.email.as_deref(),
        website: a.website.as_deref(),
        opening_hours: &a.opening_hours,
        map_url: a.map_url.as_deref(),
    }
}

/// `tel:02563822111` for a phone written as one number; none for "0256 … hoặc 0256 …".
fn tel_href(phone: &str) -> Option<String> {
    let one_number = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')' | '+'));
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (one_number && (3..=15).contains(&digits.len())).then(|| format!("tel:{digits}"))
}

fn agency_link(c: &Catalogue, id: &str) -> Link {
    Link {
        name: c.agency(id).map_or(id, |a| a.name.as_str()).to_string(),
        url: urls::agency(id),
    }
}

// ---------------------------------------------------------------- procedures

#[derive(Serialize)]
pub struct ProcedureView<'a> {
    code: &'a str,
    title: &'a str,
    url: String,
    abolished: bool,
    replaced_by: Option<Link>,
    /// Sanitised HTML.
    intro: String,
    steps: Option<String>,
    conditions: Option<String>,
    other: Vec<Section>,
    subjects: &'a [String],
    levels: Vec<Link>,
    field: Link,
    agency: Option<AgencyView<'a>>,
    deciding_agency: Option<Link>,
    coordinating_agencies: Vec<Link>,
    /// The answer first: processing time and fees, in short lines.
    time: Vec<String>,
    fees: Vec<FeeLine>,
    channels: Vec<ChannelView<'a>>,
    online: Option<OnlineView<'a>>,
    documents: Vec<DocumentView<'a>>,
    results: &'a [String],
    legal_basis: Vec<LegalView<'a>>,
    announced: Option<AnnouncedView<'a>>,
    updated: Option<DateView>,
    groups: Vec<GroupPlace>,
    related: Vec<Value>,
    life_events: Vec<Link>,
}

#[derive(Serialize)]
struct Section {
    id: String,
    heading: String,
    html: String,
}

#[derive(Serialize)]
struct ChannelView<'a> {
    kind: ChannelKind,
    label: &'a str,
    time: String,
    /// None when the fees are not stated.
    fees: Option<Vec<FeeView<'a>>>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct FeeView<'a> {
    label: &'a str,
    /// Whether the label is the content's words (not the translated default).
    label_content: bool,
    amount: String,
    free: bool,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct OnlineView<'a> {
    level: OnlineLevel,
    text: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct DocumentView<'a> {
    name: &'a str,
    /// "1 bản chính, 2 bản sao"; empty for a document that is only shown.
    quantity: String,
    required: bool,
    present: bool,
    form: Option<FormView>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct FormView {
    url: String,
    /// "DOCX, 24 KB".
    about: String,
}

#[derive(Serialize)]
struct LegalView<'a> {
    number: &'a str,
    title: &'a str,
    date: Option<String>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct AnnouncedView<'a> {
    decision: &'a str,
    date: Option<DateView>,
}

/// Where a procedure stands in an interconnected group.
#[derive(Serialize)]
struct GroupPlace {
    title: String,
    url: String,
    position: usize,
    total: usize,
    steps: Vec<Step>,
}

#[derive(Serialize)]
struct Step {
    title: String,
    url: String,
    current: bool,
}

pub fn procedure<'a>(s: &Sources<'a>, index: &Index<'a>, p: &'a Procedure) -> ProcedureView<'a> {
    let c = s.catalogue;
    let t = s.strings;
    let md = s.markdown;
    let term_link = |term: Option<&Term>, id: &str, url: fn(&str) -> String| Link {
        name: term.map_or(id, |t| t.name.as_str()).to_string(),
        url: url(id),
    };
    let mut used_ids: Vec<String> = Vec::new();
    let other = p
        .body
        .other
        .iter()
        .map(|(heading, text)| Section {
            id: unique_id(&slugify(heading), &mut used_ids),
            heading: heading.clone(),
            html: md.to_html(text),
        })
        .collect();
    ProcedureView {
        code: &p.code,
        title: &p.title,
        url: urls::procedure(&p.slug),
        abolished: p.status == Status::Abolished,
        replaced_by: p
            .replaced_by
            .as_deref()
            .and_then(|code| c.procedure(code))
            .map(Link::to_procedure),
        intro: md.to_html(&p.body.intro),
        steps: p.body.steps.as_deref().map(|m| md.to_html(m)),
        conditions: p.body.conditions.as_deref().map(|m| md.to_html(m)),
        other,
        subjects: &p.subjects,
        levels: p
            .levels
            .iter()
            .map(|id| term_link(c.level(id), id, urls::level))
            .collect(),
        field: term_link(c.field(&p.field), &p.field, urls::field),
        agency: c.agency(&p.agency).map(|a| agency(c, a)),
        deciding_agency: p
            .deciding_agency
            .as_deref()
            .filter(|d| *d != p.agency)
            .map(|id| agency_link(c, id)),
        coordinating_agencies: p
            .coordinating_agencies
            .iter()
            .map(|id| agency_link(c, id))
            .collect(),
        time: time_summary(p, t),
        fees: fee_summary(p, t),
        channels: p
            .channels
            .iter()
            .map(|ch| ChannelView {
                kind: ch.kind,
                label: t.get(channel_key(ch.kind)),
                time: t.duration(ch.duration),
                fees: ch.fees.as_ref().map(|fees| {
                    fees.iter()
                        .map(|f| FeeView {
                            label: fee_label(&f.label, t),
                            label_content: f.label != DEFAULT_FEE_LABEL,
                            amount: t.money(f.amount),
                            free: f.amount.is_free(),
                            note: f.note.as_deref(),
                        })
                        .collect()
                }),
                note: ch.note.as_deref(),
            })
            .collect(),
        online: p.online.as_ref().map(|o| OnlineView {
            level: o.level,
            text: t.get(match o.level {
                OnlineLevel::Full => "online_full",
                OnlineLevel::Partial => "online_partial",
            }),
            url: &o.url,
        }),
        documents: p
            .documents
            .iter()
            .map(|d| document(d, s.form_sizes, t))
            .collect(),
        results: &p.results,
        legal_basis: p
            .legal_basis
            .iter()
            .map(|l| LegalView {
                number: &l.number,
                title: &l.title,
                date: l.date.map(|d| t.date(d)),
                url: l.url.as_deref(),
            })
            .collect(),
        announced: p.announced.as_ref().map(|a| AnnouncedView {
            decision: &a.decision,
            date: a.date.map(|d| DateView::new(d, t)),
        }),
        updated: p.updated.map(|d| DateView::new(d, t)),
        groups: c
            .groups_of(&p.code)
            .map(|g| group_place(c, g, &p.code))
            .collect(),
        related: related(index, p)
            .into_iter()
            .map(|code| index.item(code))
            .collect(),
        life_events: p
            .life_events
            .iter()
            .map(|id| term_link(c.life_event(id), id, urls::life_event))
            .collect(),
    }
}

/// An id for a heading that no other section of the page has. The `phan-` prefix keeps
/// it apart from the ids of the page's own sections.
fn unique_id(wanted: &str, used: &mut Vec<String>) -> String {
    let base = if wanted.is_empty() { "muc" } else { wanted };
    let mut id = format!("phan-{base}");
    let mut n = 2;
    while used.contains(&id) {
        id = format!("phan-{base}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

pub fn channel_key(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::InPerson => "channel_in_person",
        ChannelKind::Post => "channel_post",
        ChannelKind::Online => "channel_online",
    }
}

/// One processing time when every channel has the same; else one line a channel.
pub fn time_summary(p: &Procedure, t: &Strings) -> Vec<String> {
    let first = p.channels.first().map(|c| c.duration);
    if p.channels.iter().all(|c| Some(c.duration) == first) {
        return first.map(|d| t.duration(d)).into_iter().collect();
    }
    p.channels
        .iter()
        .map(|c| format!("{}: {}", t.get(channel_key(c.kind)), t.duration(c.duration)))
        .collect()
}

/// A fee's label as the page shows it: the default label in the interface's words.
fn fee_label<'a>(label: &'a str, t: &'a Strings) -> &'a str {
    if label == DEFAULT_FEE_LABEL {
        t.get("fee_default_label")
    } else {
        label
    }
}

/// One line of a fee summary: a kind of fee and its amount, or a word for them all.
#[derive(Debug, Serialize)]
pub struct FeeLine {
    pub label: Option<String>,
    /// Whether the label is the content's words (marked as Vietnamese on the page).
    pub label_content: bool,
    pub amount: String,
}

/// As one line of text: `Lệ phí: 8.000 đồng`, or `Miễn phí`.
impl std::fmt::Display for FeeLine {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match &self.label {
            Some(label) => write!(f, "{label}: {}", self.amount),
            None => f.write_str(&self.amount),
        }
    }
}

impl FeeLine {
    fn word(text: &str) -> FeeLine {
        FeeLine {
            label: None,
            label_content: false,
            amount: text.to_string(),
        }
    }
}

/// "Miễn phí" when nothing costs anything; else one line a kind of fee with its amount,
/// or its range when channels differ.
pub fn fee_summary(p: &Procedure, t: &Strings) -> Vec<FeeLine> {
    let mut by_label: Vec<(&str, Vec<Money>)> = Vec::new();
    for fee in p.channels.iter().filter_map(|c| c.fees.as_ref()).flatten() {
        match by_label.iter_mut().find(|(l, _)| *l == fee.label) {
            Some((_, amounts)) => amounts.push(fee.amount),
            None => by_label.push((&fee.label, vec![fee.amount])),
        }
    }
    if by_label.is_empty() {
        return vec![FeeLine::word(t.get("fee_not_stated"))];
    }
    if by_label.iter().all(|(_, a)| a.iter().all(|m| m.is_free())) {
        return vec![FeeLine::word(t.get("free"))];
    }
    by_label
        .iter()
        .map(|(label, amounts)| {
            let low = amounts.iter().min().copied().unwrap_or(Money(0));
            let high = amounts.iter().max().copied().unwrap_or(Money(0));
            FeeLine {
                label: Some(fee_label(label, t).to_string()),
                label_content: *label != DEFAULT_FEE_LABEL,
                amount: if low == high {
                    t.money(low)
                } else {
                    format!("{} – {}", t.money(low), t.money(high))
                },
            }
        })
        .collect()
}

fn document<'a>(d: &'a Document, sizes: &BTreeMap<String, u64>, t: &Strings) -> DocumentView<'a> {
    let present = d.kind == DocumentKind::Present;
    let mut parts = Vec::new();
    if !present {
        if d.originals > 0 {
            parts.push(t.count("originals", u64::from(d.originals)));
        }
        if d.copies > 0 {
            parts.push(t.count("copies", u64::from(d.copies)));
        }
    }
    DocumentView {
        name: &d.name,
        quantity: parts.join(", "),
        required: d.required,
        present,
        form: d.form.as_deref().map(|path| FormView {
            url: encode_path(path),
            about: form_about(path, sizes.get(path).copied(), t),
        }),
        note: d.note.as_deref(),
    }
}

/// "DOCX, 24 KB": what a citizen on a slow link wants to know before downloading.
fn form_about(path: &str, size: Option<u64>, t: &Strings) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let kind = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_uppercase())
        .unwrap_or_default();
    let size = size.map(|b| format!("{} KB", t.number(b.div_ceil(1024).max(1))));
    [Some(kind).filter(|k| !k.is_empty()), size]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file path as a URL path: every byte but unreserved ones and `/` percent-encoded,
/// so that a form named `Tờ khai (mẫu 01).docx` still links.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn group_place(c: &Catalogue, g: &Group, code: &str) -> GroupPlace {
    GroupPlace {
        title: g.title.clone(),
        url: urls::group(&g.id),
        position: g
            .procedures
            .iter()
            .position(|x| x == code)
            .map_or(0, |i| i + 1),
        total: g.procedures.len(),
        steps: g
            .procedures
            .iter()
            .filter_map(|x| c.procedure(x))
            .map(|p| Step {
                title: p.title.clone(),
                url: urls::procedure(&p.slug),
                current: p.code == code,
            })
            .collect(),
    }
}

/// The most related procedures a page lists: a procedure that many others name (a copy
/// of a civil status extract, say) would otherwise list hundreds.
const MAX_RELATED: usize = 12;

/// The procedures related to `p`: all those it names, then those that name it, once
/// each, up to [`MAX_RELATED`] in all.
fn related<'a>(index: &Index<'a>, p: &'a Procedure) -> Vec<&'a str> {
    let limit = MAX_RELATED.max(p.related.len());
    let mut out: Vec<&str> = Vec::new();
    let named = p.related.iter().map(String::as_str);
    let naming = index.named_by(&p.code);
    for code in named.chain(naming) {
        if out.len() >= limit {
            break;
        }
        if code != p.code && !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

// ---------------------------------------------------------------- groups

#[derive(Serialize)]
pub struct GroupView<'a> {
    title: &'a str,
    code: Option<&'a str>,
    description: Option<&'a str>,
    steps: Vec<GroupStep>,
}

#[derive(Serialize)]
struct GroupStep {
    item: Value,
    agency: Option<Link>,
    time: Vec<String>,
    fees: Vec<FeeLine>,
}

pub fn group<'a>(s: &Sources<'a>, index: &Index<'a>, g: &'a Group) -> GroupView<'a> {
    let c = s.catalogue;
    GroupView {
        title: &g.title,
        code: g.code.as_deref(),
        description: g.description.as_deref(),
        steps: g
            .procedures
            .iter()
            .filter_map(|code| c.procedure(code))
            .map(|p| GroupStep {
                item: index.item(&p.code),
                agency: c.agency(&p.agency).map(|_| agency_link(c, &p.agency)),
                time: time_summary(p, s.strings),
                fees: fee_summary(p, s.strings),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------- home and A–Z

/// A way to browse, with how many active procedures it leads to.
#[derive(Serialize)]
pub struct Entry<'a> {
    name: &'a str,
    description: Option<&'a str>,
    url: String,
    count: String,
}

impl<'a> Entry<'a> {
    pub fn new(
        name: &'a str,
        description: Option<&'a str>,
        url: String,
        n: usize,
        t: &Strings,
    ) -> Entry<'a> {
        Entry {
            name,
            description,
            url,
            count: t.count("procedures", n as u64),
        }
    }
}

/// A first letter of the A–Z list, and where its procedures start in `Index::by_title`.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub letter: String,
    pub id: String,
    pub start: usize,
}

/// The first letters of the A–Z list: every procedure under the first letter of its
/// folded title, in the order of `Index::by_title`.
pub fn letters(index: &Index) -> Vec<Letter> {
    let mut letters: Vec<Letter> = Vec::new();
    for (i, p) in index.by_title().enumerate() {
        let first = fold(&p.title)
            .chars()
            .find(|c| c.is_alphanumeric())
            .map_or('#', |c| c.to_ascii_uppercase());
        let letter = if first.is_ascii_digit() {
            "0–9".to_string()
        } else if first.is_ascii_alphabetic() {
            first.to_string()
        } else {
            "#".to_string()
        };
        if letters.last().is_none_or(|last| last.letter != letter) {
            letters.push(Letter {
                id: format!("chu-{}", slugify(&letter).get(..1).unwrap_or("khac")),
                letter,
                start: i,
            });
        }
    }
    letters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links() {
        assert_eq!(
            tel_href("0256 3 822 111").as_deref(),
            Some("tel:02563822111")
        );
        assert_eq!(
            tel_href("(+84) 256.3822.111").as_deref(),
            Some("tel:+842563822111")
        );
        assert_eq!(tel_href("0256 3 822 111 hoặc 0256 3 822 222"), None);
        assert_eq!(tel_href("12"), None);
    }

    #[test]
    fn paths_are_encoded() {
        assert_eq!(encode_path("files/a-b_c.docx"), "files/a-b_c.docx");
        assert_eq!(
            encode_path("files/Tờ khai.docx"),
            "files/T%E1%BB%9D%20khai.docx"
        );
        assert_eq!(
            encode_path("files/a\"><script>.txt"),
            "files/a%22%3E%3Cscript%3E.txt"
        );
    }

    #[test]
    fn section_ids_are_unique() {
        let mut used = Vec::new();
        assert_eq!(unique_id("luu-y", &mut used), "phan-luu-y");
        assert_eq!(unique_id("luu-y", &mut used), "phan-luu-y-2");
        assert_eq!(unique_id("", &mut used), "phan-muc");
    }
}
