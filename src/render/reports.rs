//! The two pages about the catalogue as a whole: the statistics page (`thong-ke/`) and
//! the "what changed" page (`thay-doi/`). The figures and the decisions are worked out in
//! [`crate::catalogue`]; this module puts them into words, charts and tables.

use super::chart::{self, Bar};
use super::i18n::Strings;
use super::view::{DateView, Index, Link};
use crate::catalogue::changes::{self, Decision};
use crate::catalogue::stats::{Fees, Online, Stats, Time};
use crate::catalogue::{Catalogue, Procedure};
use crate::text::slugify;
use crate::urls;
use serde::Serialize;
use tera::Value;

// ---------------------------------------------------------------- statistics

#[derive(Serialize)]
pub struct StatsView {
    /// "The figures count the 47 procedures in force."
    intro: String,
    /// "1 abolished procedure is not counted.", when there is one.
    abolished: Option<String>,
    charts: Vec<ChartView>,
}

/// One chart and its table: the same numbers twice.
#[derive(Serialize)]
struct ChartView {
    id: &'static str,
    heading: String,
    note: Option<String>,
    /// The SVG, built from escaped text (safe to insert).
    svg: String,
    caption: String,
    /// The heading of the first column.
    label_heading: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    label: String,
    /// Whether the label is content (a name from the catalogue) rather than interface.
    content: bool,
    /// The page of the level, field or agency.
    url: Option<String>,
    count: String,
    /// Of the procedures in force, in whole percent.
    share: String,
}

pub fn stats(c: &Catalogue, t: &Strings, content_lang: &str) -> StatsView {
    let s = Stats::of(c);
    let named = |rows: &[(String, usize)],
                 name: &dyn Fn(&str) -> Option<String>,
                 url: fn(&str) -> String| {
        rows.iter()
            .map(|(id, n)| RowSource {
                label: name(id).unwrap_or_else(|| id.clone()),
                content: true,
                url: Some(url(id)),
                n: *n,
            })
            .collect::<Vec<_>>()
    };
    let words = |key: &str, n: usize| RowSource {
        label: t.get(key).to_string(),
        content: false,
        url: None,
        n,
    };
    let level = |id: &str| c.level(id).map(|l| l.name.clone());
    let field = |id: &str| c.field(id).map(|f| f.name.clone());
    let agency = |id: &str| c.agency(id).map(|a| a.name.clone());
    let sources = [
        (
            "theo-cap",
            "stats_by_level",
            Some("stats_level_note"),
            "kind_level",
            named(&s.levels, &level, urls::level),
        ),
        (
            "theo-linh-vuc",
            "stats_by_field",
            None,
            "kind_field",
            named(&s.fields, &field, urls::field),
        ),
        (
            "theo-co-quan",
            "stats_by_agency",
            Some("stats_agency_note"),
            "kind_agency",
            busiest(named(&s.agencies, &agency, urls::agency), t),
        ),
        (
            "truc-tuyen",
            "stats_online",
            None,
            "stats_col_online",
            s.online
                .iter()
                .map(|(k, n)| words(online_key(*k), *n))
                .collect(),
        ),
        (
            "phi",
            "stats_fees",
            Some("stats_fees_note"),
            "stats_col_fees",
            s.fees
                .iter()
                .map(|(k, n)| words(fees_key(*k), *n))
                .collect(),
        ),
        (
            "thoi-han",
            "stats_time",
            Some("stats_time_note"),
            "stats_col_time",
            s.times
                .iter()
                .map(|(k, n)| words(time_key(*k), *n))
                .collect(),
        ),
    ];
    let charts = sources
        .into_iter()
        .map(|(id, heading, note, label_heading, rows)| {
            let heading = t.get(heading).to_string();
            let bars: Vec<Bar> = rows
                .iter()
                .map(|r| Bar {
                    label: &r.label,
                    content: r.content,
                    value: r.n,
                    value_text: t.number(r.n as u64),
                })
                .collect();
            let svg = chart::bars(
                &format!("bieu-do-{id}"),
                &t.get("stats_chart").replace("{chart}", &heading),
                t.get("stats_chart_desc"),
                &bars,
                content_lang,
            );
            ChartView {
                id,
                caption: t.get("stats_table").replace("{chart}", &heading),
                heading,
                note: note.map(|k| t.get(k).to_string()),
                svg,
                label_heading: t.get(label_heading).to_string(),
                rows: rows
                    .into_iter()
                    .map(|r| Row {
                        count: t.number(r.n as u64),
                        share: share(r.n, s.active),
                        label: r.label,
                        content: r.content,
                        url: r.url,
                    })
                    .collect(),
            }
        })
        .collect();
    StatsView {
        intro: t.count("stats_intro", s.active as u64),
        abolished: (s.abolished > 0).then(|| t.count("stats_abolished", s.abolished as u64)),
        charts,
    }
}

/// At most this many agencies in the chart and the table; the others are one row that
/// links to the list of agencies, so that the page stays small at any size.
const STATS_AGENCIES: usize = 30;

/// The [`STATS_AGENCIES`] rows with the most procedures (they come sorted so), then one
/// row for the others.
fn busiest(mut rows: Vec<RowSource>, t: &Strings) -> Vec<RowSource> {
    if rows.len() > STATS_AGENCIES {
        let others = rows.split_off(STATS_AGENCIES);
        rows.push(RowSource {
            label: t.count("stats_other_agencies", others.len() as u64),
            content: false,
            url: Some(urls::AGENCIES.to_string()),
            n: others.iter().map(|r| r.n).sum(),
        });
    }
    rows
}

/// A row before it is put into words.
struct RowSource {
    label: String,
    content: bool,
    url: Option<String>,
    n: usize,
}

/// `n` of `total` in whole percent, rounded half up; `–` when there is nothing to count.
fn share(n: usize, total: usize) -> String {
    if total == 0 {
        return "–".to_string();
    }
    format!("{}%", (n * 100 + total / 2) / total)
}

fn online_key(k: Online) -> &'static str {
    match k {
        Online::Full => "online_full_short",
        Online::Partial => "online_partial_short",
        Online::None => "stats_online_none",
    }
}

fn fees_key(k: Fees) -> &'static str {
    match k {
        Fees::Free => "free",
        Fees::Charged => "stats_fee_charged",
        Fees::NotStated => "fee_not_stated",
    }
}

fn time_key(k: Time) -> &'static str {
    match k {
        Time::SameDay => "duration_same_day",
        Time::UpTo3Days => "stats_time_up_to_3",
        Time::UpTo10Days => "stats_time_up_to_10",
        Time::UpTo20Days => "stats_time_up_to_20",
        Time::MoreThan20Days => "stats_time_more_than_20",
        Time::NotSpecified => "duration_not_specified",
    }
}

// ---------------------------------------------------------------- what changed

#[derive(Serialize)]
pub struct ChangesView {
    decisions: Vec<DecisionView>,
}

impl ChangesView {
    /// How many procedures the page lists, under every decision.
    pub fn len(&self) -> usize {
        self.decisions.iter().map(DecisionView::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The procedures `range` of [`Self::len`], under their decisions: one page of a
    /// long list. A decision over two pages is named on both.
    pub fn part(&self, range: std::ops::Range<usize>) -> ChangesView {
        let mut decisions = Vec::new();
        let mut start = 0;
        for d in &self.decisions {
            let end = start + d.len();
            if start < range.end && range.start < end {
                // Cut each of the decision's three lists to what falls in `range`.
                let mut at = start;
                let mut cut = |items: &[ChangeItem]| {
                    let from = range.start.clamp(at, at + items.len()) - at;
                    let to = range.end.clamp(at, at + items.len()) - at;
                    at += items.len();
                    items[from..to].to_vec()
                };
                decisions.push(DecisionView {
                    announced: cut(&d.announced),
                    changed: cut(&d.changed),
                    abolished: cut(&d.abolished),
                    ..d.head()
                });
            }
            start = end;
        }
        ChangesView { decisions }
    }
}

#[derive(Serialize)]
struct DecisionView {
    /// The id of its heading, for links to one decision.
    id: String,
    /// `None` for the group of procedures without a decision.
    number: Option<String>,
    date: Option<DateView>,
    count: String,
    announced: Vec<ChangeItem>,
    changed: Vec<ChangeItem>,
    abolished: Vec<ChangeItem>,
}

impl DecisionView {
    fn len(&self) -> usize {
        self.announced.len() + self.changed.len() + self.abolished.len()
    }

    /// The decision without its procedures.
    fn head(&self) -> DecisionView {
        DecisionView {
            id: self.id.clone(),
            number: self.number.clone(),
            date: self.date.clone(),
            count: self.count.clone(),
            announced: Vec::new(),
            changed: Vec::new(),
            abolished: Vec::new(),
        }
    }
}

#[derive(Serialize, Clone)]
struct ChangeItem {
    /// The procedure's list entry (see `view::Index`).
    item: Value,
    updated: Option<DateView>,
    replaced_by: Option<Link>,
}

/// The view of the "what changed" page, and the newest date on it (for the sitemap).
pub fn changes(c: &Catalogue, t: &Strings, index: &Index) -> (ChangesView, Option<String>) {
    let decisions = changes::decisions(c);
    let newest = decisions.iter().filter_map(Decision::newest).max();
    let mut ids: Vec<String> = Vec::new();
    let item = |p: &Procedure| ChangeItem {
        item: index.item(&p.code),
        updated: p.updated.map(|d| DateView::new(d, t)),
        replaced_by: p
            .replaced_by
            .as_deref()
            .and_then(|code| c.procedure(code))
            .map(Link::to_procedure),
    };
    let decisions = decisions
        .iter()
        .map(|d| {
            let wanted = d.number.map_or_else(
                || "khong-co-quyet-dinh".to_string(),
                |n| format!("qd-{}", slugify(n)),
            );
            let id = unique(wanted, &mut ids);
            let n = d.announced.len() + d.changed.len() + d.abolished.len();
            DecisionView {
                id,
                number: d.number.map(str::to_string),
                date: d.date.map(|x| DateView::new(x, t)),
                count: t.count("procedures", n as u64),
                announced: d.announced.iter().map(|p| item(p)).collect(),
                changed: d.changed.iter().map(|p| item(p)).collect(),
                abolished: d.abolished.iter().map(|p| item(p)).collect(),
            }
        })
        .collect();
    (ChangesView { decisions }, newest.map(|d| d.to_string()))
}

/// `wanted`, or `wanted-2`, `wanted-3` … if another decision has it already.
fn unique(wanted: String, used: &mut Vec<String>) -> String {
    let mut id = wanted.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{wanted}-{n}");
        n += 1;
    }
    used.push(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up() {
        assert_eq!(share(1, 3), "33%");
        assert_eq!(share(2, 3), "67%");
        assert_eq!(share(1, 8), "13%");
        assert_eq!(share(0, 5), "0%");
        assert_eq!(share(5, 5), "100%");
        assert_eq!(share(0, 0), "–");
    }

    #[test]
    fn only_the_busiest_agencies_have_a_row_of_their_own() {
        let t = Strings::load(crate::catalogue::Language::Vi).expect("strings");
        let rows = |n: usize| -> Vec<RowSource> {
            (0..n)
                .map(|i| RowSource {
                    label: format!("a{i}"),
                    content: true,
                    url: Some(urls::agency(&format!("a{i}"))),
                    n: 100 - i,
                })
                .collect()
        };
        assert_eq!(busiest(rows(STATS_AGENCIES), &t).len(), STATS_AGENCIES);
        let cut = busiest(rows(STATS_AGENCIES + 2), &t);
        assert_eq!(cut.len(), STATS_AGENCIES + 1);
        let others = &cut[STATS_AGENCIES];
        assert_eq!(others.label, "2 cơ quan khác");
        assert_eq!(
            others.n,
            (100 - STATS_AGENCIES) + (100 - STATS_AGENCIES - 1)
        );
        assert_eq!(others.url.as_deref(), Some(urls::AGENCIES));
        assert!(!others.content);
    }

    #[test]
    fn ids_are_unique() {
        let mut used = Vec::new();
        assert_eq!(unique("qd-1".into(), &mut used), "qd-1");
        assert_eq!(unique("qd-1".into(), &mut used), "qd-1-2");
    }
}
