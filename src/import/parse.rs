//! Reading the messy durations and fees of real exports into typed values.
//!
//! The content format accepts only clean forms (`5 ngày làm việc`, `50000`); the national
//! data writes "15 Ngày làm việc kể từ …", "Phí : 0 Đồng", "200,000 Việt Nam Đồng(…)".
//! These parsers take what can be taken without guessing and say why when they cannot,
//! so the importer keeps the original text as a note instead.

#[cfg(test)]
use crate::catalogue::values::format_duration;
use crate::catalogue::values::{Duration, DurationUnit, Money};
use crate::text::{clean_line, fold};

/// A fee read from text: the label ("Phí", "Lệ phí"), the amount, and what else the text said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeText {
    pub label: String,
    pub amount: Money,
    pub note: Option<String>,
}

/// What a fee text says: nothing (not stated), or one or more typed fees.
pub type Fees = Option<Vec<FeeText>>;

/// Words that mean "no information" in the exports.
pub fn is_no_information(text: &str) -> bool {
    matches!(
        fold(&clean_line(text)).trim_end_matches('.'),
        "" | "khong co thong tin" | "chua cap nhat" | "dang cap nhat" | "n/a"
    )
}

/// Parses a processing time as the exports write it. A leading "N unit" followed by
/// more words ("15 ngày làm việc kể từ ngày nhận đủ hồ sơ") is taken, unless the rest
/// names another amount of time ("02 tháng và 15 ngày làm việc"). "0 Giờ" is the same day.
pub fn duration(text: &str) -> Result<Duration, String> {
    let clean = clean_line(text);
    if let Ok(d) = Duration::parse(&clean) {
        return Ok(d);
    }
    let folded = fold(&clean);
    let folded = folded.trim_end_matches('.');
    if matches!(
        folded,
        "trong ngay lam viec" | "ngay trong ngay" | "giai quyet ngay" | "ngay khi nhan du ho so"
    ) {
        return Ok(Duration {
            value: 0,
            unit: DurationUnit::SameDay,
        });
    }
    let rest = ["trong thoi han ", "khong qua ", "toi da "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(folded);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let not_a_time = || format!("\"{clean}\" is not a number and a unit of time");
    if digits.is_empty() {
        return Err(not_a_time());
    }
    let after = rest[digits.len()..].trim_start();
    // Longest unit first, so "ngay lam viec" wins over "ngay".
    const UNITS: [(&str, DurationUnit); 6] = [
        ("ngay lam viec", DurationUnit::WorkingDays),
        ("gio lam viec", DurationUnit::Hours),
        ("ngay", DurationUnit::Days),
        ("gio", DurationUnit::Hours),
        ("thang", DurationUnit::Months),
        ("tuan", DurationUnit::Days),
    ];
    let (word, unit) = UNITS
        .iter()
        .find(|(w, _)| {
            after.strip_prefix(w).is_some_and(|r| {
                r.is_empty() || r.starts_with(|c: char| !c.is_alphanumeric() || c == ' ')
            })
        })
        .ok_or_else(not_a_time)?;
    let tail = &after[word.len()..];
    if tail.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
        && tail[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Err(format!("\"{clean}\" is not a whole number of a unit"));
    }
    if tail.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!(
            "\"{clean}\" names more than one amount of time; only one can be typed"
        ));
    }
    let mut value: u32 = digits.parse().map_err(|_| not_a_time())?;
    if *word == "tuan" {
        value = value.saturating_mul(7);
    }
    if value == 0 {
        return Ok(Duration {
            value: 0,
            unit: DurationUnit::SameDay,
        });
    }
    Ok(Duration { value, unit: *unit })
}

/// Parses a fee text: one fee per line (or per `;`-separated part when each part has an
/// amount). Returns `Ok(None)` when the text states nothing.
pub fn fees(text: &str) -> Result<Fees, String> {
    if is_no_information(text) {
        return Ok(None);
    }
    let mut out = Vec::new();
    for line in text.lines().map(clean_line).filter(|l| !l.is_empty()) {
        if fold(&line).starts_with("file dinh kem") {
            continue; // "File đính kèm: 62-btc.signed.pdf" names a file we do not have
        }
        let parts: Vec<&str> = line
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let split = parts.len() > 1 && parts.iter().all(|p| first_amount(p).is_some());
        if split {
            for part in parts {
                out.push(fee(part)?);
            }
        } else {
            out.push(fee(&line)?);
        }
    }
    Ok(if out.is_empty() { None } else { Some(out) })
}

const LABELS: [(&str, &str); 4] = [
    ("phi, le phi", "Phí, lệ phí"),
    ("le phi", "Lệ phí"),
    ("phi", "Phí"),
    ("muc thu", "Phí, lệ phí"),
];

/// One fee: an optional label and colon, then an amount in đồng or a word for free.
fn fee(part: &str) -> Result<FeeText, String> {
    let part = part.trim_start_matches(['-', '+', '*', '•', ' ']);
    let folded = fold(part);
    let (label, rest) = LABELS
        .iter()
        .find_map(|(key, label)| {
            let after = folded.strip_prefix(key)?;
            if after.starts_with(|c: char| c.is_alphanumeric()) {
                return None; // "phiếu", not "phí"
            }
            let after = after.trim_start();
            let after = after.strip_prefix("(neu co)").unwrap_or(after).trim_start();
            let after = after.strip_prefix(':').unwrap_or(after);
            // `fold` keeps one char per char, so the char count finds the same place.
            let skip = folded.chars().count() - after.chars().count();
            let rest: String = part.chars().skip(skip).collect();
            Some((label.to_string(), rest.trim().to_string()))
        })
        .unwrap_or_else(|| ("Phí, lệ phí".to_string(), part.trim().to_string()));
    let folded_rest = fold(&rest);
    if let Some(currency) = foreign_currency(&folded_rest) {
        return Err(format!("\"{part}\" is in {currency}, not in đồng"));
    }
    if let Some((token, start, end)) = first_amount(&rest) {
        let amount = Money::parse(&token).map_err(|_| format!("\"{part}\" has no clear amount"))?;
        let at_start = rest[..start].trim().is_empty();
        if !at_start {
            // "- Dưới 5 tấn: 50.000 đồng/giấy" is fine: the sum follows a colon or a dash.
            // "… ngày 11 tháng 11 năm 2016 Đồng" is a year, and "50% …" a rate.
            let before = rest[..start].trim_end();
            if !before.ends_with([':', '-', '–', '(']) || before.contains('%') {
                return Err(format!("\"{part}\" has no clear amount in đồng"));
            }
            // Two different sums are a schedule.
            let others = amounts(&rest);
            if others.iter().any(|m| *m != amount) || has_bare_sum(&rest) {
                return Err(format!(
                    "\"{part}\" gives several amounts; write one fee per line"
                ));
            }
        }
        let tail = rest[end..].trim();
        let note = if !at_start || tail.starts_with('/') {
            Some(rest.clone())
        } else {
            let tail = tail
                .trim_start_matches(['-', ',', ':', ' '])
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim();
            (!tail.is_empty()).then(|| tail.to_string())
        };
        return Ok(FeeText {
            label,
            amount,
            note,
        });
    }
    let words = folded_rest.trim_end_matches('.').trim();
    let (free, note) = match words {
        "0" | "khong" | "khong dong" | "mien phi" | "mien phi dong" | "mien" | "khong thu" => {
            (true, None)
        }
        w if w.starts_with("mien phi") || w.starts_with("mien le phi") => {
            (true, Some(rest.clone()))
        }
        _ => (false, None),
    };
    if free {
        return Ok(FeeText {
            label,
            amount: Money(0),
            note,
        });
    }
    if rest.is_empty() || words == "dong" {
        return Err(format!("\"{part}\" names a fee but no amount"));
    }
    Err(format!("\"{part}\" has no amount in đồng"))
}

/// A currency other than the đồng, named in folded text.
fn foreign_currency(folded: &str) -> Option<&'static str> {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '$')
        .collect();
    [
        ("usd", "USD"),
        ("eur", "EUR"),
        ("euro", "EUR"),
        ("$", "USD"),
        ("yen", "yên"),
    ]
    .iter()
    .find(|(w, _)| words.contains(w) || (*w == "$" && folded.contains('$')))
    .map(|(_, name)| *name)
}

/// The first number that is followed by a đồng unit, or that makes up the whole text:
/// its text, and the byte range of the number and its unit in `text`.
fn first_amount(text: &str) -> Option<(String, usize, usize)> {
    let bare = text.trim();
    if !bare.is_empty()
        && bare
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        let start = text.find(bare)?;
        return Some((bare.to_string(), start, start + bare.len()));
    }
    number_tokens(text)
        .into_iter()
        .find_map(|(t, start, end)| dong_unit(&text[end..]).map(|unit| (t, start, end + unit)))
}

/// Every amount in đồng in a text.
fn amounts(text: &str) -> Vec<Money> {
    number_tokens(text)
        .into_iter()
        .filter(|(_, _, end)| dong_unit(&text[*end..]).is_some())
        .filter_map(|(t, _, _)| Money::parse(&t).ok())
        .collect()
}

/// Whether a text holds a number written like a sum of money ("50.000") without a unit:
/// "từ 50.000 đến 100.000 đồng" is a range, not one amount.
fn has_bare_sum(text: &str) -> bool {
    number_tokens(text).into_iter().any(|(t, _, end)| {
        dong_unit(&text[end..]).is_none()
            && t.contains(['.', ','])
            && Money::parse(&t).is_ok_and(|m| m.0 >= 1000)
    })
}

/// Runs of digits with `.`/`,` group separators: (text, start, end) in bytes.
fn number_tokens(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        let previous = text[..i].chars().next_back();
        if previous.is_some_and(|p| p.is_alphanumeric()) {
            // Part of a word or a code such as "TT-BTC2016"; skip the rest of it.
            while chars.peek().is_some_and(|(_, c)| c.is_alphanumeric()) {
                chars.next();
            }
            continue;
        }
        let mut end = i + 1;
        while let Some(&(j, d)) = chars.peek() {
            let next_is_digit = text[j + d.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_digit());
            if d.is_ascii_digit() || ((d == '.' || d == ',') && next_is_digit) {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        out.push((text[i..end].to_string(), i, end));
    }
    out
}

/// The byte length of a đồng unit (with the spaces before it) at the start of `after`,
/// the text that follows a number.
fn dong_unit(after: &str) -> Option<usize> {
    let trimmed = after.trim_start();
    let spaces = after.len() - trimmed.len();
    let f = fold(trimmed);
    let chars = ["viet nam dong", "dong", "vnd"]
        .iter()
        .find(|u| {
            f.strip_prefix(*u)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphabetic()))
        })
        .map(|u| u.chars().count())
        .or_else(|| {
            (f.starts_with('d') && !f[1..].starts_with(|c: char| c.is_alphabetic())).then_some(1)
        })?;
    // `fold` keeps one char per char of Vietnamese text, so counts carry over.
    let bytes: usize = trimmed.chars().take(chars).map(char::len_utf8).sum();
    Some(spaces + bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> FeeText {
        let fees = fees(text).unwrap().unwrap();
        assert_eq!(fees.len(), 1, "{text}");
        fees.into_iter().next().unwrap()
    }

    #[test]
    fn durations_as_exported() {
        use DurationUnit::*;
        for (text, value, unit) in [
            ("15 Ngày làm việc", 15, WorkingDays),
            ("07 Ngày làm việc", 7, WorkingDays),
            ("30 Ngày", 30, Days),
            ("01 Giờ", 1, Hours),
            ("0 Giờ", 0, SameDay),
            ("Không quy định", 0, NotSpecified),
            (
                "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
                15,
                WorkingDays,
            ),
            ("Không quá 10 ngày làm việc.", 10, WorkingDays),
            ("2 tuần", 14, Days),
            ("Trong ngày làm việc", 0, SameDay),
        ] {
            assert_eq!(duration(text), Ok(Duration { value, unit }), "{text}");
        }
        for bad in [
            "Khác",
            "10-25",
            "0.5 Giờ",
            "02 tháng và 15 ngày làm việc, trong đó: …",
            "15",
            "",
            "Chậm nhất là ngay trước khi tàu rời cảng.",
        ] {
            assert!(duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_written_back_parse_again() {
        for text in [
            "5 ngày làm việc",
            "trong ngày",
            "không quy định",
            "3 tháng",
            "4 giờ",
            "2 ngày",
        ] {
            let d = Duration::parse(text).unwrap();
            assert_eq!(format_duration(d), text);
        }
    }

    #[test]
    fn fees_as_exported() {
        let f = one("Phí : 0 Đồng");
        assert_eq!(
            (f.label.as_str(), f.amount, f.note),
            ("Phí", Money(0), None)
        );
        let f = one("Lệ phí : 50.000 Đồng");
        assert_eq!((f.label.as_str(), f.amount), ("Lệ phí", Money(50_000)));
        assert_eq!(one("Phí: 0 VNĐ").amount, Money(0));
        assert_eq!(one("Miễn phí").amount, Money(0));
        assert_eq!(one("Phí : Không Đồng").amount, Money(0));
        let f = one("50.000 đồng/lần");
        assert_eq!(f.amount, Money(50_000));
        assert_eq!(f.note.as_deref(), Some("50.000 đồng/lần"));
        let f = one("200,000 Việt Nam Đồng(200.000 VNĐ/giấy phép)");
        assert_eq!(f.amount, Money(200_000));
        assert_eq!(f.note.as_deref(), Some("200.000 VNĐ/giấy phép"));
        let f = one("30.000 VNĐ - 30000VNĐ/1 bản");
        assert_eq!(f.amount, Money(30_000));
        let f = one(
            "Phí : 50.000 Đồng (Phí sơ tuyển: 50.000 đồng/hồ sơ. Riêng năng khiếu: 120.000 đồng/hồ sơ)",
        );
        assert_eq!(f.amount, Money(50_000));
        assert!(f.note.unwrap().starts_with("Phí sơ tuyển"));
        let f = one("- Dưới 5 tấn: 50.000 đồng/giấy");
        assert_eq!(f.amount, Money(50_000));
        assert_eq!(f.note.as_deref(), Some("Dưới 5 tấn: 50.000 đồng/giấy"));
        assert_eq!(one("Phí, lệ phí (nếu có)\tKhông").label, "Phí, lệ phí");
    }

    #[test]
    fn fee_schedules_give_one_fee_per_line() {
        let fees = fees(
            "Phí : 2.000.000 Đồng (Thẩm định dưới 5 tấn)\nPhí : 3.500.000 Đồng (Thẩm định từ 5 tấn)",
        )
        .unwrap()
        .unwrap();
        assert_eq!(fees.len(), 2);
        assert_eq!(fees[1].amount, Money(3_500_000));
        assert_eq!(fees[1].note.as_deref(), Some("Thẩm định từ 5 tấn"));
        let fees = fees_of("- Dưới 5 tấn: 50.000 đồng/giấy; - Từ 5 tấn: 100.000 đồng/giấy");
        assert_eq!(fees.len(), 2);
    }

    fn fees_of(text: &str) -> Vec<FeeText> {
        fees(text).unwrap().unwrap()
    }

    #[test]
    fn fees_that_stay_notes() {
        for bad in [
            "Lệ phí : 1.5 USD",
            "Phí : 0.5 USD (Người nước ngoài dưới 16 tuổi)",
            "Phí : Mức thu bằng 50% mức thu phí quy định tại Mục I",
            "Phí : 1.\tMức thu bằng 50% mức thu phí",
            "Phí : Mức thu bằng 50% mức thu phí … ngày 11 tháng 11 năm 2016 Đồng (Thông tư 64/2025/TT-BTC)",
            "Lệ phí theo quy định năm 2016 đồng",
            "Lệ phí :   (Thông tư số 249/2016/TT-BTC ngày 11 tháng 11 năm 2016)",
            "Phí :  Đồng",
            "Phí : o Đồng",
            "từ 50.000 đến 100.000 đồng",
        ] {
            assert!(fees(bad).is_err(), "{bad}");
        }
        assert_eq!(fees("Không có thông tin"), Ok(None));
        assert_eq!(fees(""), Ok(None));
    }
}
