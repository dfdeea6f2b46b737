//! Interface strings (`theme/i18n/<language>.yaml`) and the formatting of values in words:
//! money, processing times and dates as a citizen reads them.

use super::theme;
use crate::catalogue::Language;
use crate::catalogue::values::{Date, Duration, DurationUnit, Money};
use std::collections::BTreeMap;

/// The keys the Rust side formats with; a theme without one of them fails to load.
const REQUIRED: &[&str] = &[
    "free",
    "feed_announced",
    "feed_changed",
    "feed_abolished",
    "feed_decision",
    "money",
    "thousands_separator",
    "fee_not_stated",
    "duration_same_day",
    "duration_not_specified",
    "duration_working_days_one",
    "duration_working_days_other",
    "duration_days_one",
    "duration_days_other",
    "duration_hours_one",
    "duration_hours_other",
    "duration_months_one",
    "duration_months_other",
    "date",
    "months",
    "procedures_one",
    "procedures_other",
    "channel_in_person",
    "channel_post",
    "channel_online",
    "originals_one",
    "originals_other",
    "copies_one",
    "copies_other",
    "fee_default_label",
];

/// The interface strings of one language.
#[derive(Debug, Clone)]
pub struct Strings {
    map: BTreeMap<String, String>,
    months: Vec<String>,
}

impl Strings {
    pub fn load(language: Language) -> Result<Strings, String> {
        let name = match language {
            Language::Vi => "i18n/vi.yaml",
            Language::En => "i18n/en.yaml",
        };
        let bytes = theme::file(name).ok_or_else(|| format!("theme/{name} is missing"))?;
        let text = std::str::from_utf8(bytes).map_err(|e| format!("theme/{name}: {e}"))?;
        Strings::parse(text).map_err(|e| format!("theme/{name}: {e}"))
    }

    pub fn parse(text: &str) -> Result<Strings, String> {
        let map: BTreeMap<String, String> =
            serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        if let Some(missing) = REQUIRED.iter().find(|k| !map.contains_key(**k)) {
            return Err(format!("the string \"{missing}\" is missing"));
        }
        let months: Vec<String> = map["months"].split('|').map(str::to_string).collect();
        if months.len() != 12 {
            return Err("\"months\" must list 12 names separated by |".into());
        }
        Ok(Strings { map, months })
    }

    /// Every string, for templates (`t.key`).
    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.map
    }

    /// A string by key; keys the code uses are checked when loading.
    pub fn get<'s>(&'s self, key: &'s str) -> &'s str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// `key` with `{n}` replaced, in the singular or plural form.
    pub fn count(&self, key: &str, n: u64) -> String {
        let form = if n == 1 { "one" } else { "other" };
        self.get(&format!("{key}_{form}"))
            .replace("{n}", &n.to_string())
    }

    /// A whole number with the language's thousands separator: 1.200.000 or 1,200,000.
    pub fn number(&self, n: u64) -> String {
        crate::text::group_digits(n, self.get("thousands_separator"))
    }

    /// `50.000 đồng`; 0 is free.
    pub fn money(&self, m: Money) -> String {
        if m.is_free() {
            self.get("free").to_string()
        } else {
            self.get("money").replace("{n}", &self.number(m.0))
        }
    }

    /// `5 ngày làm việc`, `Trong ngày`, `Không quy định`.
    pub fn duration(&self, d: Duration) -> String {
        let key = match d.unit {
            DurationUnit::SameDay => return self.get("duration_same_day").to_string(),
            DurationUnit::NotSpecified => {
                return self.get("duration_not_specified").to_string();
            }
            DurationUnit::WorkingDays => "duration_working_days",
            DurationUnit::Days => "duration_days",
            DurationUnit::Hours => "duration_hours",
            DurationUnit::Months => "duration_months",
        };
        self.count(key, u64::from(d.value))
    }

    /// `04/09/2020` or `4 September 2020`.
    pub fn date(&self, d: Date) -> String {
        let month = self
            .months
            .get(usize::from(d.month).saturating_sub(1))
            .map_or("", String::as_str);
        self.get("date")
            .replace("{dd}", &format!("{:02}", d.day))
            .replace("{d}", &d.day.to_string())
            .replace("{mm}", &format!("{:02}", d.month))
            .replace("{month}", month)
            .replace("{yyyy}", &format!("{:04}", d.year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vi() -> Strings {
        Strings::load(Language::Vi).unwrap()
    }
    fn en() -> Strings {
        Strings::load(Language::En).unwrap()
    }

    #[test]
    fn money_in_words() {
        for (amount, vi_text, en_text) in [
            (0, "Miễn phí", "Free"),
            (8_000, "8.000 đồng", "8,000 VND"),
            (50_000, "50.000 đồng", "50,000 VND"),
            (1_200_000, "1.200.000 đồng", "1,200,000 VND"),
            (999, "999 đồng", "999 VND"),
        ] {
            assert_eq!(vi().money(Money(amount)), vi_text);
            assert_eq!(en().money(Money(amount)), en_text);
        }
    }

    #[test]
    fn durations_in_words() {
        use DurationUnit::*;
        for (value, unit, vi_text, en_text) in [
            (5, WorkingDays, "5 ngày làm việc", "5 working days"),
            (1, WorkingDays, "1 ngày làm việc", "1 working day"),
            (15, Days, "15 ngày", "15 days"),
            (4, Hours, "4 giờ", "4 hours"),
            (3, Months, "3 tháng", "3 months"),
            (0, SameDay, "Trong ngày", "Same day"),
            (0, NotSpecified, "Không quy định", "Not specified"),
        ] {
            let d = Duration { value, unit };
            assert_eq!(vi().duration(d), vi_text);
            assert_eq!(en().duration(d), en_text);
        }
    }

    #[test]
    fn dates_in_words() {
        let d = Date::parse("2020-09-04").unwrap();
        assert_eq!(vi().date(d), "04/09/2020");
        assert_eq!(en().date(d), "4 September 2020");
    }

    #[test]
    fn languages_have_the_same_keys() {
        let (vi, en) = (vi(), en());
        let vi_keys: Vec<&String> = vi.map.keys().collect();
        let en_keys: Vec<&String> = en.map.keys().collect();
        assert_eq!(vi_keys, en_keys);
    }
}
