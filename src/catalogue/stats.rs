//! The catalogue in figures: how many procedures per level, field and agency, how many
//! can be done online, how many are free, how long they take. Counted on the `Catalogue`
//! alone, without words, so that a page, a test or another export can show the same
//! numbers. Only procedures in force (`status: active`) are counted; abolished ones are
//! counted apart.

use crate::catalogue::values::{Duration, DurationUnit};
use crate::catalogue::{Catalogue, OnlineLevel, Procedure, Status};
use crate::text::fold;
use std::collections::HashMap;

/// The figures of one catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Procedures in force: what every other figure counts.
    pub active: usize,
    /// Abolished procedures, not counted anywhere else.
    pub abolished: usize,
    /// Per level id, in the order of `levels.yaml`; a procedure done at several levels
    /// counts at each. Levels with no procedure are left out.
    pub levels: Vec<(String, usize)>,
    /// Per field id, most procedures first, then by name. Empty fields are left out.
    pub fields: Vec<(String, usize)>,
    /// Per responsible agency id (`agency`, not the deciding or coordinating ones), most
    /// procedures first, then by name. Agencies responsible for none are left out.
    pub agencies: Vec<(String, usize)>,
    /// Per [`Online`] class, in the order of [`Online::ALL`].
    pub online: Vec<(Online, usize)>,
    /// Per [`Fees`] class, in the order of [`Fees::ALL`].
    pub fees: Vec<(Fees, usize)>,
    /// Per [`Time`] bucket, in the order of [`Time::ALL`].
    pub times: Vec<(Time, usize)>,
}

/// How much of a procedure can be done online.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Online {
    Full,
    Partial,
    None,
}

impl Online {
    pub const ALL: [Online; 3] = [Online::Full, Online::Partial, Online::None];

    pub fn of(p: &Procedure) -> Online {
        match p.online.as_ref().map(|o| o.level) {
            Some(OnlineLevel::Full) => Online::Full,
            Some(OnlineLevel::Partial) => Online::Partial,
            None => Online::None,
        }
    }
}

/// What a procedure costs, over all its channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fees {
    /// Every fee that a channel states is 0.
    Free,
    /// At least one channel states a fee above 0.
    Charged,
    /// No channel states its fees.
    NotStated,
}

impl Fees {
    pub const ALL: [Fees; 3] = [Fees::Free, Fees::Charged, Fees::NotStated];

    pub fn of(p: &Procedure) -> Fees {
        let mut stated = p.channels.iter().filter_map(|c| c.fees.as_ref()).flatten();
        match stated.next() {
            None => Fees::NotStated,
            Some(first) if first.amount.is_free() && stated.all(|f| f.amount.is_free()) => {
                Fees::Free
            }
            Some(_) => Fees::Charged,
        }
    }
}

/// Processing times at a glance, in days. Working days and calendar days count alike
/// (the page says so); up to 8 hours is the same day, more hours are whole days of 24;
/// a time in months is more than 20 days. A procedure takes the longest time among its
/// channels (the time every way of applying keeps to); `NotSpecified` only when no
/// channel gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Time {
    SameDay,
    UpTo3Days,
    UpTo10Days,
    UpTo20Days,
    MoreThan20Days,
    NotSpecified,
}

impl Time {
    pub const ALL: [Time; 6] = [
        Time::SameDay,
        Time::UpTo3Days,
        Time::UpTo10Days,
        Time::UpTo20Days,
        Time::MoreThan20Days,
        Time::NotSpecified,
    ];

    /// The bucket of one processing time.
    pub fn of_duration(d: Duration) -> Time {
        match days(d) {
            None => Time::NotSpecified,
            Some(0) => Time::SameDay,
            Some(1..=3) => Time::UpTo3Days,
            Some(4..=10) => Time::UpTo10Days,
            Some(11..=20) => Time::UpTo20Days,
            Some(_) => Time::MoreThan20Days,
        }
    }

    /// The bucket of a procedure: its longest specified time.
    pub fn of(p: &Procedure) -> Time {
        p.channels
            .iter()
            .map(|c| c.duration)
            .filter(|d| d.unit != DurationUnit::NotSpecified)
            .max_by_key(|d| days(*d))
            .map_or(Time::NotSpecified, Time::of_duration)
    }
}

/// A processing time in whole days, as [`Time`] counts them; `None` when not specified.
fn days(d: Duration) -> Option<u32> {
    match d.unit {
        DurationUnit::NotSpecified => None,
        DurationUnit::SameDay => Some(0),
        DurationUnit::Hours if d.value <= 8 => Some(0),
        DurationUnit::Hours => Some(d.value.div_ceil(24)),
        DurationUnit::WorkingDays | DurationUnit::Days => Some(d.value),
        // Only for ordering and bucketing: any month is more than 20 days.
        DurationUnit::Months => Some(d.value.saturating_mul(30)),
    }
}

impl Stats {
    pub fn of(c: &Catalogue) -> Stats {
        let active: Vec<&Procedure> = c
            .procedures
            .iter()
            .map(AsRef::as_ref)
            .filter(|p| p.status == Status::Active)
            .collect();
        let count = |keep: &dyn Fn(&Procedure) -> bool| active.iter().filter(|p| keep(p)).count();
        // One pass for the ids: a catalogue has thousands of agencies and of procedures.
        let mut per_level: HashMap<&str, usize> = HashMap::new();
        let mut per_field = per_level.clone();
        let mut per_agency = per_level.clone();
        for p in &active {
            for (i, level) in p.levels.iter().enumerate() {
                if !p.levels[..i].contains(level) {
                    *per_level.entry(level.as_str()).or_default() += 1;
                }
            }
            *per_field.entry(p.field.as_str()).or_default() += 1;
            *per_agency.entry(p.agency.as_str()).or_default() += 1;
        }
        let of = |counts: &HashMap<&str, usize>, id: &str| counts.get(id).copied().unwrap_or(0);
        let levels = c
            .levels
            .iter()
            .map(|l| (l.id.clone(), of(&per_level, &l.id)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let fields = by_count(
            c.fields
                .iter()
                .map(|f| (f.id.as_str(), f.name.as_str(), of(&per_field, &f.id))),
        );
        let agencies = by_count(
            c.agencies
                .iter()
                .map(|a| (a.id.as_str(), a.name.as_str(), of(&per_agency, &a.id))),
        );
        Stats {
            active: active.len(),
            abolished: c.procedures.len() - active.len(),
            levels,
            fields,
            agencies,
            online: Online::ALL
                .iter()
                .map(|k| (*k, count(&|p| Online::of(p) == *k)))
                .collect(),
            fees: Fees::ALL
                .iter()
                .map(|k| (*k, count(&|p| Fees::of(p) == *k)))
                .collect(),
            times: Time::ALL
                .iter()
                .map(|k| (*k, count(&|p| Time::of(p) == *k)))
                .collect(),
        }
    }
}

/// (id, name, count) rows with a count, most first, then in Vietnamese order of name.
fn by_count<'a>(rows: impl Iterator<Item = (&'a str, &'a str, usize)>) -> Vec<(String, usize)> {
    let mut rows: Vec<(&str, &str, usize)> = rows.filter(|r| r.2 > 0).collect();
    rows.sort_by_cached_key(|(id, name, n)| (std::cmp::Reverse(*n), fold(name), *name, *id));
    rows.into_iter()
        .map(|(id, _, n)| (id.to_string(), n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DurationUnit::*;

    fn d(value: u32, unit: DurationUnit) -> Duration {
        Duration { value, unit }
    }

    #[test]
    fn time_buckets_at_their_edges() {
        for (duration, bucket) in [
            (d(0, SameDay), Time::SameDay),
            (d(2, Hours), Time::SameDay),
            (d(8, Hours), Time::SameDay),
            (d(9, Hours), Time::UpTo3Days),
            (d(24, Hours), Time::UpTo3Days),
            (d(72, Hours), Time::UpTo3Days),
            (d(73, Hours), Time::UpTo10Days),
            (d(1, WorkingDays), Time::UpTo3Days),
            (d(3, WorkingDays), Time::UpTo3Days),
            (d(4, WorkingDays), Time::UpTo10Days),
            (d(10, Days), Time::UpTo10Days),
            (d(11, Days), Time::UpTo20Days),
            (d(20, WorkingDays), Time::UpTo20Days),
            (d(21, WorkingDays), Time::MoreThan20Days),
            (d(1, Months), Time::MoreThan20Days),
            (d(0, NotSpecified), Time::NotSpecified),
        ] {
            assert_eq!(Time::of_duration(duration), bucket, "{duration:?}");
        }
    }
}
