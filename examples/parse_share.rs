//! How many real duration and fee strings the importer types.
//!
//! Reads the "Thời hạn giải quyết" and "Phí, lệ phí" cells of the Bộ Quốc phòng records
//! (`shared/realworld/nhdandz_bqp/*.json`, the one real source with those tables intact)
//! and prints the share that `thutuc::import::parse` turns into typed values, and the
//! strings it leaves as notes.
//!
//!     cargo run --example parse_share -- ../shared/realworld/nhdandz_bqp [--typed]
//!
//! `--typed` also lists each distinct string that was typed, with what it became.

use std::collections::BTreeMap;
use thutuc::import::parse;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_share FOLDER_OF_JSON");
        std::process::exit(2);
    };
    let show_typed = std::env::args().any(|a| a == "--typed");
    let mut durations = Tally::default();
    let mut fees = Tally::default();
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let rows = json["tables"]["hinh_thuc_nop"].as_array().cloned();
        for row in rows.unwrap_or_default() {
            let cell = |k: &str| row[k].as_str().unwrap_or("").to_string();
            let d = cell("thoi_han_giai_quyet");
            if !d.trim().is_empty() {
                let typed = parse::duration(&d)
                    .ok()
                    .map(thutuc::catalogue::values::format_duration);
                durations.add(&d, typed, show_typed);
            }
            let f = cell("phi_le_phi");
            if !f.trim().is_empty() {
                let typed = match parse::fees(&f) {
                    Ok(Some(fees)) => Some(
                        fees.iter()
                            .map(|f| format!("{} {} đồng", f.label, f.amount.0))
                            .collect::<Vec<_>>()
                            .join(" + "),
                    ),
                    _ => None,
                };
                fees.add(&f, typed, show_typed);
            }
        }
    }
    durations.print("durations");
    fees.print("fees");
}

#[derive(Default)]
struct Tally {
    typed: usize,
    total: usize,
    /// Short text → how many times, and what it became (`None`: left as a note).
    seen: BTreeMap<String, (usize, Option<String>)>,
}

impl Tally {
    fn add(&mut self, text: &str, typed: Option<String>, show_typed: bool) {
        self.total += 1;
        self.typed += usize::from(typed.is_some());
        if typed.is_none() || show_typed {
            let short: String = text.chars().take(70).collect();
            let entry = self
                .seen
                .entry(short.replace('\n', " / "))
                .or_insert((0, typed));
            entry.0 += 1;
        }
    }

    fn print(&self, what: &str) {
        let share = 100.0 * self.typed as f64 / self.total.max(1) as f64;
        println!(
            "{what}: {} of {} non-empty strings typed ({share:.1}%)",
            self.typed, self.total
        );
        for (text, (n, typed)) in &self.seen {
            match typed {
                Some(value) => println!("  {n:>3} × {text}  →  {value}"),
                None => println!("  {n:>3} × {text}  (kept as a note)"),
            }
        }
    }
}
