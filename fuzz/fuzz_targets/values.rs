#![no_main]
//! Parsing money, durations and dates, and cleaning and folding text, never panic;
//! what they accept has the shape the rest of the build relies on.
use libfuzzer_sys::fuzz_target;
use thutuc::catalogue::values::{Date, Duration, Money};
use thutuc::text;

fuzz_target!(|input: &str| {
    let _ = Money::parse(input);
    if let Ok(d) = Duration::parse(input) {
        let _ = d.value;
    }
    if let Ok(date) = Date::parse(input) {
        assert_eq!(Date::parse(&date.to_string()), Ok(date));
    }
    let line = text::clean_line(input);
    assert!(!line.contains('\n') && !line.starts_with(' ') && !line.ends_with(' '));
    assert_eq!(text::clean_line(&line), line);
    let slug = text::slugify(input);
    assert!(slug.is_empty() || text::is_id(&slug));
    let _ = text::clean_block(input);
});
