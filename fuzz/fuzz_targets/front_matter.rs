#![no_main]
//! Splitting any text into front matter and body never panics, and the parts are the text.
use libfuzzer_sys::fuzz_target;
use thutuc::content::front_matter;

fuzz_target!(|text: &str| {
    if let Ok(split) = front_matter::split(text) {
        assert!(text.ends_with(split.body));
        assert!(text.contains(split.yaml));
        assert!(split.body_line >= 3);
    }
});
