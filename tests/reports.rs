//! The statistics page (`thong-ke/`) and the "what changed" page (`thay-doi/`), checked
//! against the content files themselves: this test reads the YAML front matter with
//! serde-saphyr and counts on its own, never through thutuc's catalogue, so that a
//! mistake in the catalogue or in the counting cannot hide behind itself.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

// ---------------------------------------------------------------- the content, read here

/// One procedure's front matter as YAML values.
struct Proc(Value);

impl Proc {
    fn str(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(Value::as_str)
    }
    fn list(&self, key: &str) -> Vec<String> {
        match self.0.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    }
    fn active(&self) -> bool {
        self.str("status").is_none_or(|s| s == "active")
    }
    fn code(&self) -> String {
        self.str("code").expect("a code").to_string()
    }
    fn announced(&self) -> Option<(String, Option<String>)> {
        let a = self.0.get("announced")?;
        let decision = a.get("decision")?.as_str()?.to_string();
        Some((decision, a.get("date").and_then(value_text)))
    }
    fn updated(&self) -> Option<String> {
        self.0.get("updated").and_then(value_text)
    }
    fn channels(&self) -> Vec<&Value> {
        self.0
            .get("channels")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    }
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every procedure file under `content/procedures`, by its front matter.
fn procedures(content: &Path) -> Vec<Proc> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&content.join("procedures"), &mut files);
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read");
            let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
            let front = text
                .strip_prefix("---\n")
                .and_then(|rest| rest.split_once("\n---").map(|(f, _)| f))
                .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
            let value: Value =
                serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Proc(value)
        })
        .collect()
}

/// id → name of a taxonomy file (`levels.yaml` …).
fn names(content: &Path, file: &str) -> BTreeMap<String, String> {
    yaml(&content.join(file))
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| {
            (
                t["id"].as_str().expect("id").to_string(),
                t["name"].as_str().expect("name").to_string(),
            )
        })
        .collect()
}

fn agency_names(content: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(content.join("agencies"))
        .expect("agencies")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let id = p.file_stem().expect("stem").to_string_lossy().into_owned();
            (id, yaml(&p)["name"].as_str().expect("name").to_string())
        })
        .collect()
}

/// A processing time in days as the statistics page documents it: working and calendar
/// days alike, up to 8 hours the same day, else a day for every 24 hours, a month 30 days.
fn days(text: &str) -> Option<u32> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "trong ngày" => return Some(0),
        "không quy định" => return None,
        _ => {}
    }
    let (n, unit) = t
        .split_once(' ')
        .unwrap_or_else(|| panic!("duration {text}"));
    let n: u32 = n.parse().unwrap_or_else(|_| panic!("duration {text}"));
    Some(match unit {
        "ngày làm việc" | "ngày" => n,
        "giờ" if n <= 8 => 0,
        "giờ" => n.div_ceil(24),
        "tháng" => n * 30,
        _ => panic!("duration {text}"),
    })
}

fn amount(v: &Value) -> u64 {
    match v {
        Value::Number(n) => n.as_u64().expect("a whole amount"),
        Value::String(s) if s.to_lowercase() == "miễn phí" => 0,
        Value::String(s) => s
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .expect("an amount"),
        _ => panic!("amount {v}"),
    }
}

/// The statistics, label → count, as the page should show them (Vietnamese interface).
fn expected_stats(
    content: &Path,
) -> (
    usize,
    usize,
    BTreeMap<&'static str, BTreeMap<String, usize>>,
) {
    let procs = procedures(content);
    let active: Vec<&Proc> = procs.iter().filter(|p| p.active()).collect();
    let abolished = procs.len() - active.len();
    let mut tables: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut add = |table: &'static str, label: String| {
        *tables.entry(table).or_default().entry(label).or_default() += 1;
    };
    let (levels, fields, agencies) = (
        names(content, "levels.yaml"),
        names(content, "fields.yaml"),
        agency_names(content),
    );
    for p in &active {
        for level in p.list("level") {
            add("theo-cap", levels[&level].clone());
        }
        add(
            "theo-linh-vuc",
            fields[p.str("field").expect("field")].clone(),
        );
        add(
            "theo-co-quan",
            agencies[p.str("agency").expect("agency")].clone(),
        );
        let online =
            p.0.get("online")
                .and_then(|o| o.get("level"))
                .and_then(Value::as_str);
        add(
            "truc-tuyen",
            match online {
                Some("full") => "Trực tuyến toàn trình",
                Some("partial") => "Trực tuyến một phần",
                _ => "Chưa làm được trực tuyến",
            }
            .into(),
        );
        let amounts: Vec<u64> = p
            .channels()
            .iter()
            .filter_map(|c| c.get("fees").and_then(Value::as_array))
            .flatten()
            .map(|f| amount(&f["amount"]))
            .collect();
        add(
            "phi",
            if amounts.is_empty() {
                "Chưa có thông tin"
            } else if amounts.iter().all(|a| *a == 0) {
                "Miễn phí"
            } else {
                "Có thu phí, lệ phí"
            }
            .into(),
        );
        let longest = p
            .channels()
            .iter()
            .filter_map(|c| days(c["duration"].as_str().expect("duration")))
            .max();
        add(
            "thoi-han",
            match longest {
                None => "Không quy định",
                Some(0) => "Trong ngày",
                Some(1..=3) => "Từ 1 đến 3 ngày",
                Some(4..=10) => "Từ 4 đến 10 ngày",
                Some(11..=20) => "Từ 11 đến 20 ngày",
                Some(_) => "Trên 20 ngày",
            }
            .into(),
        );
    }
    // The fixed categories are listed even when nothing falls in them.
    for (table, labels) in [
        (
            "truc-tuyen",
            &[
                "Trực tuyến toàn trình",
                "Trực tuyến một phần",
                "Chưa làm được trực tuyến",
            ][..],
        ),
        (
            "phi",
            &["Miễn phí", "Có thu phí, lệ phí", "Chưa có thông tin"][..],
        ),
        (
            "thoi-han",
            &[
                "Trong ngày",
                "Từ 1 đến 3 ngày",
                "Từ 4 đến 10 ngày",
                "Từ 11 đến 20 ngày",
                "Trên 20 ngày",
                "Không quy định",
            ][..],
        ),
    ] {
        for label in labels {
            tables
                .entry(table)
                .or_default()
                .entry(label.to_string())
                .or_default();
        }
    }
    (active.len(), abolished, tables)
}

// ---------------------------------------------------------------- the page, read back

/// The part of `html` from the element with `id` to the end of its section.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<h2 id={id}>"))
        .unwrap_or_else(|| panic!("no section {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

/// The rows of the first table in `html`: the row header and the cells, as text.
fn table_rows(html: &str) -> Vec<Vec<String>> {
    let start = html.find("<table").expect("a table");
    let end = html[start..]
        .find("</table>")
        .map_or(html.len(), |e| start + e);
    let table = &html[start..end];
    let body = &table[table.find("<tbody>").expect("a tbody")..];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            // Cells start at <th or <td; their text is everything up to the next cell.
            let mut cells = Vec::new();
            for cell in row.split("<t").skip(1) {
                if cell.starts_with('h') || cell.starts_with('d') {
                    cells.push(text(&format!("<{cell}")));
                }
            }
            cells
        })
        .collect()
}

fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").expect("a chart");
    &html[start..start + html[start..].find("</svg>").expect("</svg>")]
}

#[test]
fn statistics_page_matches_the_content_counted_independently() {
    let content = sample();
    if !content.join("site.yaml").is_file() {
        eprintln!("skipped: no sample catalogue at {}", content.display());
        return;
    }
    let tmp = TempDir::new("stats");
    let out = build(&content, &tmp, None).expect("the sample builds");
    let html = read(&out, "thong-ke/index.html");
    let (active, abolished, expected) = expected_stats(&content);
    assert!(
        active > 40 && abolished > 0,
        "the sample has changed: {active}, {abolished}"
    );
    assert_has(
        &text(&html),
        &[
            &format!("Số liệu tính trên {active} thủ tục đang áp dụng."),
            &format!("{abolished} thủ tục đã bãi bỏ không được tính."),
        ],
    );
    for (id, want) in &expected {
        let part = section(&html, id);
        let rows = table_rows(part);
        let got: BTreeMap<String, usize> = rows
            .iter()
            .map(|r| (r[0].clone(), r[1].parse().expect("a count")))
            .collect();
        assert_eq!(&got, want, "table {id}");
        for r in &rows {
            let n: usize = r[1].parse().unwrap();
            let share = format!("{}%", (n * 100 + active / 2) / active);
            assert_eq!(r[2], share, "share of {} in {id}", r[0]);
        }
        // Most first where the order is not fixed by the content or the page.
        if ["theo-linh-vuc", "theo-co-quan"].contains(id) {
            let counts: Vec<usize> = rows.iter().map(|r| r[1].parse().unwrap()).collect();
            assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{id}: {counts:?}");
        }
        // The chart draws the same rows with the same numbers, and is a named image.
        let svg = svg_of(part);
        assert_eq!(svg.matches("<rect").count(), rows.len(), "bars of {id}");
        assert_has(
            svg,
            &[
                &format!("aria-labelledby=\"bieu-do-{id}-title bieu-do-{id}-desc\""),
                "role=img",
                &format!("<title id=bieu-do-{id}-title>"),
                &format!("<desc id=bieu-do-{id}-desc>"),
            ],
        );
        let svg_text = text(svg);
        for r in &rows {
            assert!(
                svg_text.contains(&format!("{} {}", r[0], r[1])),
                "{id}: {} {} not drawn in {svg_text}",
                r[0],
                r[1]
            );
        }
        // A real table: a caption, and headers with their scope.
        assert_has(part, &["<caption>", "<th scope=col>", "<th scope=row"]);
    }
    // Linked from every page's footer and from the home page.
    for page in ["index.html", "a-z/index.html"] {
        assert!(read(&out, page).contains("href=/thong-ke/"), "{page}");
    }
}

// ---------------------------------------------------------------- what changed

/// One decision on the page, or expected: its title, and its lists by their heading.
type Decision = (String, BTreeMap<String, BTreeSet<String>>);

/// The decisions as the rules in docs/ say, worked out from the front matter.
fn expected_changes(content: &Path) -> Vec<Decision> {
    let procs = procedures(content);
    let by_code: BTreeMap<String, &Proc> = procs.iter().map(|p| (p.code(), p)).collect();
    let mut groups: BTreeMap<Option<String>, BTreeMap<&str, BTreeSet<String>>> = BTreeMap::new();
    let mut dates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &procs {
        let own = p.announced();
        if let Some((decision, Some(date))) = &own {
            dates
                .entry(decision.clone())
                .or_default()
                .insert(date.clone());
        }
        let own_decision = own.as_ref().map(|(d, _)| d.clone());
        let (decision, list) = if !p.active() {
            let replacement = p.str("replaced_by").and_then(|c| by_code.get(c));
            let by = replacement.and_then(|r| r.announced()).map(|(d, _)| d);
            (by.or(own_decision), "Đã bãi bỏ")
        } else {
            let announced_date = own.as_ref().and_then(|(_, d)| d.clone());
            let changed = match (p.updated(), announced_date) {
                (Some(u), Some(a)) => u > a,
                (Some(_), None) => true,
                (None, _) => false,
            };
            match (changed, own_decision) {
                (true, None) => (None, "Đã cập nhật"),
                (true, d) => (d, "Đã cập nhật sau khi công bố"),
                (false, None) => continue, // no news
                (false, d) => (d, "Công bố"),
            }
        };
        groups
            .entry(decision)
            .or_default()
            .entry(list)
            .or_default()
            .insert(p.code());
    }
    let number = |d: &str| -> u64 {
        d.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(u64::MAX)
    };
    let mut order: Vec<Option<String>> = groups.keys().cloned().collect();
    order.sort_by_key(|d| {
        let date = d
            .as_ref()
            .and_then(|d| dates.get(d))
            .and_then(|s| s.first().cloned());
        (
            d.is_none(),
            date.is_none(),
            std::cmp::Reverse(date),
            d.as_deref().map(|d| (number(d), d.to_string())),
        )
    });
    order
        .into_iter()
        .map(|d| {
            let lists = groups.remove(&d).unwrap_or_default();
            let title = d.map_or("Chưa ghi quyết định công bố".to_string(), |d| {
                format!("Quyết định {d}")
            });
            (
                title,
                lists.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            )
        })
        .collect()
}

/// The decisions as the page shows them.
fn page_changes(html: &str) -> Vec<Decision> {
    let main = &html[html.find("<main").expect("main")..html.find("</main>").expect("</main>")];
    main.split("<section aria-labelledby=")
        .skip(1)
        .map(|s| &s[..s.find("</section>").expect("</section>")])
        .map(|s| {
            let h2 = &s[s.find("<h2").expect("h2")..s.find("</h2>").expect("</h2>")];
            let mut lists = BTreeMap::new();
            for part in s.split("<h3>").skip(1) {
                let (heading, rest) = part.split_once("</h3>").expect("</h3>");
                let codes: BTreeSet<String> = text(rest)
                    .split("Mã thủ tục ")
                    .skip(1)
                    .map(|t| t.split(' ').next().unwrap_or("").to_string())
                    .collect();
                lists.insert(heading.to_string(), codes);
            }
            (text(h2), lists)
        })
        .collect()
}

fn check_changes(content: &Path, name: &str) {
    let tmp = TempDir::new(name);
    let out = build(content, &tmp, None).expect("builds");
    let html = read(&out, "thay-doi/index.html");
    let expected = expected_changes(content);
    assert!(!expected.is_empty());
    assert_eq!(page_changes(&html), expected);
    // Every procedure is listed once at most.
    let codes = text(&html).matches("Mã thủ tục ").count();
    let listed: usize = expected
        .iter()
        .flat_map(|(_, l)| l.values())
        .map(BTreeSet::len)
        .sum();
    assert_eq!(codes, listed);
    // The news feed and the footer of every page lead here.
    assert!(read(&out, "index.html").contains("href=/thay-doi/"));
    assert!(html.contains("<link title=") && html.contains("href=/feed.xml"));
    assert!(read(&out, "feed.xml").contains("thay-doi/\"/>"));
}

#[test]
fn what_changed_lists_decisions_newest_first_with_what_each_did() {
    // The fixture has a procedure announced and not changed since, one changed since, and
    // one abolished and replaced by a procedure of an older decision.
    check_changes(&fixture(), "changes-fixture");
    let codes = |c: &[&str]| c.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
    let lists = |l: &[(&str, &[&str])]| {
        l.iter()
            .map(|(h, c)| (h.to_string(), codes(c)))
            .collect::<BTreeMap<_, _>>()
    };
    // Worked out by hand: 1872/QĐ-BTP is dated 2020-09-04 by one procedure and 2024-01-15
    // by another; the earlier date counts, so 5548/QĐ-BCA (2023-07-14) comes first.
    assert_eq!(
        expected_changes(&fixture()),
        vec![
            (
                "Quyết định 5548/QĐ-BCA".to_string(),
                lists(&[("Công bố", &["1.004222"])])
            ),
            (
                "Quyết định 1872/QĐ-BTP".to_string(),
                lists(&[
                    ("Công bố", &["1.000894"]),
                    ("Đã cập nhật sau khi công bố", &["1.001193"]),
                    ("Đã bãi bỏ", &["1.000656"]),
                ])
            ),
        ]
    );
    let sample = sample();
    if sample.join("site.yaml").is_file() {
        check_changes(&sample, "changes-sample");
    }
}
