//! What changed, by announcing decision (quyết định công bố): for each decision, the
//! procedures of the catalogue it announced, those announced by it and updated since, and
//! the abolished ones. Read from the content model alone:
//!
//! - a procedure belongs to the decision in its `announced.decision`;
//! - "announced" or "changed since" is what the Atom feed says of it ([`news`]):
//!   changed when its `updated` date is later than the decision's date, or when the
//!   decision has no date but the procedure has an `updated` date;
//! - an abolished procedure goes under the decision that announced the procedure
//!   replacing it (`replaced_by`), else under its own decision;
//! - procedures with no decision come last, in a group of their own, when the content
//!   records a change (an `updated` date) or an abolition.
//!
//! The model records one decision per procedure: it cannot say which decision amended a
//! procedure or abolished it, nor tell a newly announced procedure from an amended one.

use crate::catalogue::values::Date;
use crate::catalogue::{Catalogue, Procedure, Status};
use crate::text::fold;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// What happened to a procedure, as a feed entry says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Announced,
    Changed,
    Abolished,
}

/// The date and the kind of the latest news about `p`, if the content dates it.
pub fn news(p: &Procedure) -> Option<(Date, Change)> {
    let announced = p.announced.as_ref().and_then(|a| a.date);
    let date = match (announced, p.updated) {
        (Some(a), Some(u)) => a.max(u),
        (a, u) => a.or(u)?,
    };
    let change = if p.status == Status::Abolished {
        Change::Abolished
    } else if announced.is_some_and(|a| a >= date) {
        Change::Announced
    } else {
        Change::Changed
    };
    Some((date, change))
}

/// One announcing decision, or the group of procedures with none.
#[derive(Debug)]
pub struct Decision<'a> {
    /// `None` for the procedures that name no decision.
    pub number: Option<&'a str>,
    /// The date the procedures give it (the earliest, should they differ).
    pub date: Option<Date>,
    /// Procedures in force that it announced, not updated since; in title order.
    pub announced: Vec<&'a Procedure>,
    /// Procedures in force that it announced and that were updated since, latest update
    /// first.
    pub changed: Vec<&'a Procedure>,
    /// Abolished procedures, latest update first.
    pub abolished: Vec<&'a Procedure>,
}

impl Decision<'_> {
    /// The newest date this decision brings to the page.
    pub fn newest(&self) -> Option<Date> {
        let updates = self.changed.iter().chain(&self.abolished);
        updates.filter_map(|p| p.updated).chain(self.date).max()
    }
}

/// The decisions, newest first; those without a date after them, by number; the group
/// without a decision last. Every procedure appears at most once.
pub fn decisions(c: &Catalogue) -> Vec<Decision<'_>> {
    let mut by_number: BTreeMap<Option<&str>, Decision> = BTreeMap::new();
    for p in &c.procedures {
        let own = p.announced.as_ref().map(|a| a.decision.as_str());
        if p.status == Status::Abolished {
            let replacement = p.replaced_by.as_deref().and_then(|code| c.procedure(code));
            let by = replacement
                .and_then(|r| r.announced.as_ref())
                .map(|a| a.decision.as_str());
            entry(&mut by_number, by.or(own)).abolished.push(p);
        } else if news(p).is_some_and(|(_, change)| change == Change::Changed) {
            entry(&mut by_number, own).changed.push(p);
        } else if own.is_some() {
            entry(&mut by_number, own).announced.push(p);
        }
        // An active procedure with neither a decision nor an update has no news.
    }
    for p in &c.procedures {
        if let Some(a) = &p.announced
            && let Some(d) = by_number.get_mut(&Some(a.decision.as_str()))
        {
            d.date = match (d.date, a.date) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
        }
    }
    let mut out: Vec<Decision> = by_number.into_values().collect();
    for d in &mut out {
        d.announced.sort_by_cached_key(|p| title_key(p));
        d.changed
            .sort_by_cached_key(|p| (Reverse(p.updated), title_key(p)));
        d.abolished
            .sort_by_cached_key(|p| (Reverse(p.updated), title_key(p)));
    }
    out.sort_by_cached_key(|d| {
        (
            d.number.is_none(),
            d.date.is_none(),
            Reverse(d.date),
            d.number.map(number_key),
        )
    });
    out
}

/// The decision `number` of the map, new and empty the first time.
fn entry<'m, 'a>(
    map: &'m mut BTreeMap<Option<&'a str>, Decision<'a>>,
    number: Option<&'a str>,
) -> &'m mut Decision<'a> {
    map.entry(number).or_insert_with(|| Decision {
        number,
        date: None,
        announced: Vec::new(),
        changed: Vec::new(),
        abolished: Vec::new(),
    })
}

fn title_key(p: &Procedure) -> (String, String, String) {
    (fold(&p.title), p.title.clone(), p.code.clone())
}

/// Decision numbers in the order people count them: `995/QĐ-…` before `1025/QĐ-…`.
fn number_key(number: &str) -> (bool, u64, String) {
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    let value = digits.parse::<u64>().unwrap_or(u64::MAX);
    (digits.is_empty(), value, number.to_string())
}

#[cfg(test)]
mod tests {
    use super::number_key;

    #[test]
    fn decision_numbers_sort_as_numbers() {
        let mut numbers = [
            "1025/QĐ-BCA",
            "995/QĐ-UBND",
            "QĐ-không-số",
            "1025/QĐ-BCA-C06",
        ];
        numbers.sort_by_key(|n| number_key(n));
        assert_eq!(
            numbers,
            [
                "995/QĐ-UBND",
                "1025/QĐ-BCA",
                "1025/QĐ-BCA-C06",
                "QĐ-không-số"
            ]
        );
    }
}
