//! Typed values that citizens and machines compare: money, durations, dates.

use crate::text::fold;
use schemars::JsonSchema;
use serde::Serialize;
use std::fmt;

/// An amount in đồng. Zero means free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Money(pub u64);

impl Money {
    /// Parses amounts as staff write them: `50000`, `50.000`, `50,000`, `50.000 đồng`,
    /// `50.000 VNĐ`, `miễn phí`.
    pub fn parse(text: &str) -> Result<Money, String> {
        let folded = fold(text.trim());
        if matches!(folded.as_str(), "mien phi" | "free" | "khong") {
            return Ok(Money(0));
        }
        let number = ["dong", "vnd", "d"]
            .iter()
            .find_map(|unit| folded.strip_suffix(unit))
            .unwrap_or(&folded)
            .trim();
        if number.starts_with('-') {
            return Err(format!(
                "\"{text}\" is negative; an amount is 0 (free) or more"
            ));
        }
        let digits_only = number.chars().all(|c| c.is_ascii_digit());
        let grouped = number.split(['.', ',']).enumerate().all(|(i, g)| {
            !g.is_empty()
                && g.len() <= 3
                && (i == 0 || g.len() == 3)
                && g.chars().all(|c| c.is_ascii_digit())
        });
        if number.is_empty() || !(digits_only || grouped) {
            return Err(format!(
                "\"{text}\" is not an amount; expected a whole number of đồng such as 50000 or \"50.000\""
            ));
        }
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        digits
            .parse::<u64>()
            .map(Money)
            .map_err(|_| format!("\"{text}\" is too large an amount"))
    }

    pub fn is_free(self) -> bool {
        self.0 == 0
    }
}

/// The unit of a processing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    WorkingDays,
    Days,
    Hours,
    Months,
    SameDay,
    NotSpecified,
}

/// A processing time (thời hạn giải quyết).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Duration {
    /// 0 for `same_day` and `not_specified`.
    pub value: u32,
    pub unit: DurationUnit,
}

impl Duration {
    /// Parses `5 ngày làm việc`, `07 Ngày làm việc`, `15 ngày`, `4 giờ`, `3 tháng`,
    /// `trong ngày`, `không quy định`, and the English `5 working days`, `same day` …
    pub fn parse(text: &str) -> Result<Duration, String> {
        let folded = fold(text.trim());
        let words: Vec<&str> = folded.split_whitespace().collect();
        let phrase = words.join(" ");
        let bare = |unit| Ok(Duration { value: 0, unit });
        match phrase.as_str() {
            "trong ngay" | "same day" | "ngay" => return bare(DurationUnit::SameDay),
            "khong quy dinh" | "not specified" => return bare(DurationUnit::NotSpecified),
            _ => {}
        }
        let expected = || {
            format!(
                "\"{text}\" is not a processing time; expected a number and a unit such as \
                 \"5 ngày làm việc\", \"15 ngày\", \"4 giờ\", \"3 tháng\", or \"trong ngày\", \"không quy định\""
            )
        };
        let (number, unit) = phrase.split_once(' ').ok_or_else(expected)?;
        let value: u32 = number.parse().map_err(|_| expected())?;
        let unit = match unit {
            "ngay lam viec" | "working day" | "working days" => DurationUnit::WorkingDays,
            "ngay" | "day" | "days" => DurationUnit::Days,
            "gio" | "gio lam viec" | "hour" | "hours" => DurationUnit::Hours,
            "thang" | "month" | "months" => DurationUnit::Months,
            _ => return Err(expected()),
        };
        if value == 0 {
            return Err(format!(
                "\"{text}\" is zero; write \"trong ngày\" for the same day"
            ));
        }
        Ok(Duration { value, unit })
    }
}

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let invalid =
            || format!("\"{text}\" is not a date; expected YYYY-MM-DD such as 2025-07-01");
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(invalid());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(invalid());
        }
        let (year, month, day): (u16, u8, u8) = (
            y.parse().map_err(|_| invalid())?,
            m.parse().map_err(|_| invalid())?,
            d.parse().map_err(|_| invalid())?,
        );
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => {
                return Err(format!(
                    "\"{text}\" has no month {month}; months run from 01 to 12"
                ));
            }
        };
        if day == 0 || day > days_in_month {
            return Err(format!(
                "\"{text}\" is not a real date: month {month} has {days_in_month} days"
            ));
        }
        if year < 1945 {
            return Err(format!("\"{text}\" is before 1945; check the year"));
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Writes a duration the way the content format reads it.
pub fn format_duration(d: Duration) -> String {
    let unit = match d.unit {
        DurationUnit::SameDay => return "trong ngày".into(),
        DurationUnit::NotSpecified => return "không quy định".into(),
        DurationUnit::WorkingDays => "ngày làm việc",
        DurationUnit::Days => "ngày",
        DurationUnit::Hours => "giờ",
        DurationUnit::Months => "tháng",
    };
    format!("{} {unit}", d.value)
}

/// Roughly how long a duration lasts, in hours, to pick the longest of several.
pub fn approximate_hours(d: Duration) -> u64 {
    let v = u64::from(d.value);
    match d.unit {
        DurationUnit::SameDay => 8,
        DurationUnit::NotSpecified => 0,
        DurationUnit::Hours => v,
        DurationUnit::Days => v * 24,
        // Five working days take a calendar week.
        DurationUnit::WorkingDays => v * 24 * 7 / 5,
        DurationUnit::Months => v * 24 * 30,
    }
}

/// The date `days` after 1970-01-01 (H. Hinnant's civil-from-days); `None` before 1945.
pub fn date_from_days(days: i64) -> Option<Date> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_forms() {
        for (text, amount) in [
            ("0", 0),
            ("50000", 50_000),
            ("50.000", 50_000),
            ("50,000", 50_000),
            ("50.000 đồng", 50_000),
            ("1.200.000 Đồng", 1_200_000),
            ("200.000 VNĐ", 200_000),
            ("Miễn phí", 0),
        ] {
            assert_eq!(Money::parse(text), Ok(Money(amount)), "{text}");
        }
        for bad in ["-5000", "1,5", "50.00", "năm mươi", "", "1.5 USD"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
        assert!(Money::parse("-5000").unwrap_err().contains("negative"));
    }

    #[test]
    fn duration_forms() {
        use DurationUnit::*;
        for (text, value, unit) in [
            ("5 ngày làm việc", 5, WorkingDays),
            ("07 Ngày làm việc", 7, WorkingDays),
            ("15 ngày", 15, Days),
            ("30 Ngày", 30, Days),
            ("01 Giờ", 1, Hours),
            ("3 tháng", 3, Months),
            ("trong ngày", 0, SameDay),
            ("Không quy định", 0, NotSpecified),
            ("5 working days", 5, WorkingDays),
            ("same day", 0, SameDay),
        ] {
            assert_eq!(
                Duration::parse(text),
                Ok(Duration { value, unit }),
                "{text}"
            );
        }
        for bad in ["5", "năm ngày", "5 tuần", "0 ngày", "-1 ngày", ""] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2025-13-01",
            "2025-7-1",
            "01/07/2025",
            "2025-06-31",
            "1900-01-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
