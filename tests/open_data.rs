//! Open data and structured data: the catalogue as JSON (valid against the schema it
//! publishes), as CSV (that a spreadsheet opens with Vietnamese intact), a JSON file
//! beside each procedure page, and on each page schema.org JSON-LD and Open Graph tags
//! that content cannot break out of.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thutuc::data_terms::{CSV_COLUMNS, SCHEMA_VERSION};

/// A sub-path, so that every URL in the data is seen to carry it.
const SAMPLE_BASE: &str = "https://example.org/tinh/thu-tuc/";

fn sample_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The bundled sample catalogue (`content/`: 48 real procedures), built once for the tests
/// of this file.
fn sample() -> &'static Path {
    static OUT: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let tmp = TempDir::for_the_run("open-data-sample");
        let out = build(&sample_content(), &tmp, Some(SAMPLE_BASE)).expect("the sample builds");
        (tmp, out)
    });
    out
}

fn json(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

/// The JSON-LD of a page: the text of its one `<script type=application/ld+json>`.
fn json_ld_text(html: &str) -> &str {
    let mut blocks = html.split("<script type=application/ld+json>").skip(1);
    let block = blocks.next().expect("a JSON-LD script");
    assert!(blocks.next().is_none(), "more than one JSON-LD script");
    block.split("</script>").next().unwrap()
}

/// `content` of the `<meta property=…>` tags of a page, by property.
fn meta_properties(html: &str) -> BTreeMap<String, String> {
    tags(html)
        .into_iter()
        .filter(|t| t.name == "meta")
        .filter_map(|t| {
            Some((
                t.attr("property")?.to_string(),
                t.attr("content")?.to_string(),
            ))
        })
        .collect()
}

/// A validator of one procedure record: the schema's `#/$defs/Procedure`.
fn record_validator(schema: &Value) -> jsonschema::Validator {
    let mut one = schema.clone();
    one.as_object_mut()
        .unwrap()
        .retain(|k, _| k == "$schema" || k == "$defs");
    one["$ref"] = Value::from("#/$defs/Procedure");
    jsonschema::validator_for(&one).unwrap()
}

/// Every procedure of the parts that the index `data` lists, in code order, after
/// checking that each part is what the index says: its size, hash and count.
fn procedures(out: &Path, data: &Value, base: &str) -> Vec<Value> {
    use sha2::Digest;
    let mut all = Vec::new();
    for part in data["parts"].as_array().expect("parts") {
        let url = part["url"].as_str().unwrap();
        let rel = url.strip_prefix(base).expect("a part under the base URL");
        assert!(
            rel.starts_with("du-lieu/thu-tuc/") && rel.ends_with(".ndjson"),
            "{rel}"
        );
        let bytes = std::fs::read(out.join(rel)).unwrap();
        assert_eq!(part["bytes"], bytes.len() as u64, "{rel}");
        let hash: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(part["sha256"], hash, "{rel}");
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.ends_with('\n'));
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect();
        assert_eq!(part["count"], lines.len() as u64, "{rel}");
        for line in &lines {
            assert_eq!(line["field"]["id"], part["field"]["id"], "{rel}");
        }
        all.extend(lines);
    }
    all.sort_by(|a, b| a["code"].as_str().cmp(&b["code"].as_str()));
    all
}

fn procedure_count() -> usize {
    thutuc::check(&sample_content())
        .expect("the sample checks")
        .procedures
        .len()
}

#[test]
fn the_whole_catalogue_validates_against_its_own_published_schema() {
    let out = sample();
    let data = json(out, "du-lieu/thu-tuc.json");
    let schema = json(out, "du-lieu/thu-tuc.schema.json");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(20)
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    assert_eq!(data["schema_version"], SCHEMA_VERSION);
    assert_eq!(
        data["$schema"],
        format!("{SAMPLE_BASE}du-lieu/thu-tuc.schema.json")
    );
    assert_eq!(data["site"]["license"], "CC BY 4.0");
    let procedures = procedures(out, &data, SAMPLE_BASE);
    assert_eq!(procedures.len(), procedure_count());
    let record = record_validator(&schema);
    for p in &procedures {
        assert!(record.is_valid(p), "{}", p["code"]);
    }
    // typed values, not display strings
    let amounts: Vec<&Value> = procedures
        .iter()
        .flat_map(|p| p["channels"].as_array().unwrap())
        .filter_map(|c| c["fees"].as_array())
        .flatten()
        .map(|f| &f["amount"])
        .collect();
    assert!(amounts.iter().any(|a| a.as_u64() > Some(0)));
    assert!(amounts.iter().all(|a| a.is_u64()));
    let birth = procedures
        .iter()
        .find(|p| p["code"] == "1.001193")
        .expect("Đăng ký khai sinh");
    assert_eq!(birth["title"], "Đăng ký khai sinh");
    assert_eq!(birth["field"]["id"], "ho-tich");
    assert_eq!(
        birth["field"]["url"],
        format!("{SAMPLE_BASE}linh-vuc/ho-tich/")
    );
    assert!(
        birth["announced"]["date"]
            .as_str()
            .is_some_and(|d| d.len() == 10)
    );
    // every URL of the data is absolute, under the site's address
    fn urls<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    match (k.as_str(), v) {
                        ("url", Value::String(s)) => out.push(s),
                        _ => urls(v, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| urls(v, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    let records = Value::from(procedures.clone());
    urls(&data, &mut all);
    urls(&records, &mut all);
    let ours: Vec<&&str> = all
        .iter()
        .filter(|u| u.starts_with("https://example.org/"))
        .collect();
    assert!(ours.len() > 100);
    assert!(ours.iter().all(|u| u.starts_with(SAMPLE_BASE)), "{ours:?}");
}

/// The schema is not vacuous: it rejects the display strings the data must not hold.
#[test]
fn the_schema_rejects_display_strings_and_a_wrong_version() {
    let out = sample();
    let schema = json(out, "du-lieu/thu-tuc.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let record = record_validator(&schema);
    let data = json(out, "du-lieu/thu-tuc.json");
    let mut data = data.clone();
    data["procedures"] = Value::from(procedures(out, &data, SAMPLE_BASE));
    let with = |path: &[&str], value: Value| {
        let mut bad = data.clone();
        let mut at = &mut bad;
        for key in path {
            at = match key.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*key],
            };
        }
        *at = value;
        // The index is checked whole; a record, as a line of a part is.
        let valid = match path {
            ["procedures", i, ..] => {
                record.is_valid(&bad["procedures"][i.parse::<usize>().unwrap()])
            }
            _ => validator.is_valid(&bad),
        };
        assert!(!valid, "{path:?} accepted");
    };
    with(&["schema_version"], Value::from(SCHEMA_VERSION + 1));
    with(
        &["procedures", "0", "channels", "0", "duration"],
        Value::from("5 ngày làm việc"),
    );
    with(&["procedures", "0", "updated"], Value::from("01/07/2025"));
    with(&["procedures", "0", "status"], Value::from("đang áp dụng"));
    with(&["procedures", "0", "field"], Value::from("Hộ tịch"));
}

/// The published schema is the committed contract: a change to the export types shows in
/// review as a change of `docs/open-data.schema.json` (and may need a new version).
#[test]
fn the_published_schema_is_the_committed_one() {
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/open-data.schema.json"),
    )
    .unwrap();
    let published = read(sample(), "du-lieu/thu-tuc.schema.json");
    assert!(
        committed == published,
        "the open-data schema changed: copy du-lieu/thu-tuc.schema.json of a build over \
         docs/open-data.schema.json, and raise SCHEMA_VERSION (src/data_terms.rs) \
         if the change can break a reader"
    );
}

#[test]
fn each_procedure_json_is_its_entry_of_the_whole_file_and_is_linked_from_its_page() {
    let out = sample();
    let data = json(out, "du-lieu/thu-tuc.json");
    let schema = json(out, "du-lieu/thu-tuc.schema.json");
    // one record alone validates against the schema's definition of a procedure
    let mut one = schema.clone();
    one.as_object_mut()
        .unwrap()
        .retain(|k, _| k == "$schema" || k == "$defs");
    one["$ref"] = Value::from("#/$defs/Procedure");
    let validator = jsonschema::validator_for(&one).unwrap();
    let procedures = procedures(out, &data, SAMPLE_BASE);
    for entry in &procedures {
        let url = entry["url"].as_str().unwrap();
        let dir = url.strip_prefix(SAMPLE_BASE).unwrap();
        let rel = format!("{dir}index.json");
        let file = json(out, &rel);
        assert_eq!(&file, entry, "{rel}");
        assert!(validator.is_valid(&file), "{rel}");
        let page = read(out, &format!("{dir}index.html"));
        let alternate = tags(&page).into_iter().any(|t| {
            t.name == "link"
                && t.attr("rel") == Some("alternate")
                && t.attr("type") == Some("application/json")
                && t.attr("href") == Some(format!("/tinh/thu-tuc/{rel}").as_str())
        });
        assert!(alternate, "{dir}: no <link rel=alternate> to {rel}");
    }
    // the per-procedure file is pretty, the index is one line
    let first = procedures[0]["url"].as_str().unwrap();
    let rel = format!("{}index.json", first.strip_prefix(SAMPLE_BASE).unwrap());
    assert!(read(out, &rel).lines().count() > 20);
    assert_eq!(read(out, "du-lieu/thu-tuc.json").lines().count(), 1);
}

#[test]
fn the_csv_opens_with_a_row_per_procedure_and_vietnamese_intact() {
    let out = sample();
    let bytes = std::fs::read(out.join("du-lieu/thu-tuc.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains("\r"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), procedure_count());
    assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()));

    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let data = json(out, "du-lieu/thu-tuc.json");
    for (row, p) in rows.iter().zip(&procedures(out, &data, SAMPLE_BASE)) {
        assert_eq!(row[col("code")], p["code"]);
        assert_eq!(row[col("title")], p["title"], "the title as in the JSON");
        assert_eq!(row[col("url")], p["url"]);
    }
    let birth = rows.iter().find(|r| &r[col("code")] == "1.001193").unwrap();
    assert_eq!(&birth[col("title")], "Đăng ký khai sinh");
    assert_eq!(&birth[col("field")], "Hộ tịch");
    assert_eq!(&birth[col("status")], "active");
    assert!(birth[col("agency")].contains("Ủy ban nhân dân"));
}

/// Typed columns from the fixture, whose values the test knows.
#[test]
fn csv_columns_hold_typed_values() {
    let (_tmp, out) = built_fixture("open-data-csv");
    let bytes = std::fs::read(out.join("du-lieu/thu-tuc.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<BTreeMap<String, String>> = reader.deserialize().map(|r| r.unwrap()).collect();
    let row = |code: &str| rows.iter().find(|r| r["code"] == code).unwrap();
    let birth = row("1.001193");
    for (column, value) in [
        ("level_ids", "xa"),
        ("levels", "Cấp xã"),
        ("field_id", "ho-tich"),
        ("agency_id", "ubnd-xa"),
        ("agency", "Ủy ban nhân dân xã, phường"),
        ("online", "full"),
        ("channels", "in_person; post; online"),
        ("duration_value", ""),
        ("duration_unit", "same_day"),
        ("free", "false"),
        ("fee_min", "0"),
        ("fee_max", "8000"),
        ("documents", "4"),
        ("announced_decision", "1872/QĐ-BTP"),
        ("announced_date", "2020-09-04"),
        ("updated", "2025-07-01"),
    ] {
        assert_eq!(birth[column], value, "{column}");
    }
    let old = row("1.000656");
    assert_eq!(old["status"], "abolished");
    assert_eq!(old["replaced_by"], "1.001193");
    assert_eq!(old["duration_value"], "5");
    assert_eq!(old["duration_unit"], "working_days");
    assert_eq!(old["free"], "", "fees not stated");
    assert_eq!(old["fee_min"], "");
}

#[test]
fn procedure_pages_describe_a_government_service_in_json_ld() {
    let (_tmp, out) = built_fixture("json-ld");
    let base = "https://thutuc.example.org/";
    let page = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    let ld: Value = serde_json::from_str(json_ld_text(&page)).expect("JSON-LD parses");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "GovernmentService");
    assert_eq!(ld["name"], "Đăng ký khai sinh");
    assert_eq!(ld["identifier"], "1.001193");
    assert_eq!(ld["url"], format!("{base}thu-tuc/dang-ky-khai-sinh/"));
    assert!(
        ld["description"]
            .as_str()
            .unwrap()
            .starts_with("Cha hoặc mẹ")
    );
    assert_eq!(ld["provider"]["@type"], "GovernmentOrganization");
    assert_eq!(ld["provider"]["name"], "Ủy ban nhân dân xã, phường");
    assert_eq!(ld["provider"]["url"], format!("{base}co-quan/ubnd-xa/"));
    assert_eq!(ld["areaServed"]["name"], "Thử Nghiệm");
    assert_eq!(ld["serviceType"], "Hộ tịch");
    let channels = ld["availableChannel"].as_array().unwrap();
    assert_eq!(channels.len(), 3);
    assert!(channels.iter().all(|c| c["@type"] == "ServiceChannel"));
    let online = channels
        .iter()
        .find(|c| c.get("serviceUrl").is_some())
        .unwrap();
    assert!(
        online["serviceUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://dichvucong.gov.vn/")
    );
    // "trong ngày" is no exact ISO 8601 duration: none is given
    assert!(channels.iter().all(|c| c.get("processingTime").is_none()));
    let offers = ld["offers"].as_array().unwrap();
    assert!(offers.iter().all(|o| o["priceCurrency"] == "VND"));
    let prices: Vec<u64> = offers
        .iter()
        .map(|o| o["price"].as_u64().unwrap())
        .collect();
    assert_eq!(prices, [0, 8000], "each fee once");

    // working days are no exact ISO 8601 duration either; two amounts are two offers
    let residence = read(&out, "thu-tuc/dang-ky-thuong-tru/index.html");
    let ld: Value = serde_json::from_str(json_ld_text(&residence)).unwrap();
    assert_eq!(ld["identifier"], "1.004222");
    assert_eq!(ld["provider"]["url"], format!("{base}co-quan/cong-an-xa/"));
    assert!(ld["availableChannel"][0].get("processingTime").is_none());
    let prices: Vec<u64> = ld["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["price"].as_u64().unwrap())
        .collect();
    assert_eq!(prices, [20000, 10000]);
    // an abolished procedure: described, but with no way to apply
    let old = read(&out, "thu-tuc/dang-ky-khai-sinh-mau-cu/index.html");
    let ld: Value = serde_json::from_str(json_ld_text(&old)).unwrap();
    assert_eq!(ld["identifier"], "1.000656");
    assert!(ld.get("availableChannel").is_none() && ld.get("offers").is_none());
}

#[test]
fn every_page_has_open_graph_tags_and_a_canonical_url() {
    let (_tmp, out) = built_fixture("open-graph");
    let base = "https://thutuc.example.org/";
    let mut pages = 0;
    for (rel, bytes) in all_files(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("http-equiv=refresh") {
            continue; // a redirect from an old address
        }
        pages += 1;
        let canonical = tags(&html)
            .into_iter()
            .find(|t| t.name == "link" && t.attr("rel") == Some("canonical"))
            .and_then(|t| t.attr("href").map(str::to_string))
            .unwrap_or_else(|| panic!("{rel}: no canonical URL"));
        assert!(canonical.starts_with(base), "{rel}: {canonical}");
        let og = meta_properties(&html);
        assert_eq!(og.get("og:url"), Some(&canonical), "{rel}");
        assert_eq!(og["og:type"], "website", "{rel}");
        assert_eq!(
            og["og:site_name"], "Thủ tục hành chính tỉnh Thử Nghiệm",
            "{rel}"
        );
        assert_eq!(og["og:locale"], "vi_VN", "{rel}");
        assert!(!og["og:title"].is_empty(), "{rel}");
    }
    assert!(pages > 10);
    let page = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    let og = meta_properties(&page);
    assert_eq!(og["og:title"], "Đăng ký khai sinh");
    assert_eq!(
        og["og:url"],
        "https://thutuc.example.org/thu-tuc/dang-ky-khai-sinh/"
    );
    assert!(og["og:description"].starts_with("Cha hoặc mẹ"));
}

/// `</script>`, `<!--` and a spreadsheet formula in content: the JSON-LD cannot be closed
/// early and keeps the text exactly; the CSV does not run the formula; the JSON keeps it.
#[test]
fn content_cannot_break_out_of_the_json_ld_or_into_a_formula() {
    let tmp = TempDir::new("json-ld-hostile");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/json-ld"),
        &content,
    );
    let out = build(&content, &tmp, None).expect("the hostile procedure builds");
    let title = "=HYPERLINK(\"https://evil.example/\",\"Bấm vào đây\") </script><script>alert(1)</script><!--";
    let page = read(&out, "thu-tuc/thu-tuc-json-ld/index.html");
    let lower = page.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "only the JSON-LD script"
    );
    assert_eq!(lower.matches("</script").count(), 1);
    let text = json_ld_text(&page);
    assert!(!text.contains(['<', '>', '&']), "{text}");
    assert!(text.contains("\\u003c/script\\u003e"));
    let ld: Value = serde_json::from_str(text).expect("JSON-LD parses");
    assert_eq!(ld["name"], title, "the text is kept exactly");
    assert!(
        ld["provider"]["name"]
            .as_str()
            .unwrap()
            .contains("</script>")
    );
    assert!(ld["areaServed"]["name"].as_str().unwrap().contains("<!--"));
    assert!(
        ld["offers"][0]["name"]
            .as_str()
            .unwrap()
            .starts_with("-Lệ phí </script>")
    );
    // "15 ngày" is exact: an ISO 8601 duration
    assert_eq!(ld["availableChannel"][0]["processingTime"], "P15D");
    // Open Graph tags: attributes, with `<` escaped like every attribute
    assert_eq!(meta_properties(&page)["og:title"], title);

    let record = json(&out, "thu-tuc/thu-tuc-json-ld/index.json");
    assert_eq!(record["title"], title);
    let bytes = std::fs::read(out.join("du-lieu/thu-tuc.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<BTreeMap<String, String>> = reader.deserialize().map(|r| r.unwrap()).collect();
    let row = rows.iter().find(|r| r["code"] == "9.999002").unwrap();
    assert_eq!(row["title"], format!("'{title}"), "a formula is defused");
    assert!(row["fees"].starts_with("'-Lệ phí"));
    assert_eq!(row["fee_max"], "50000");
}

#[test]
fn the_open_data_page_explains_the_files_and_the_licence() {
    let (_tmp, out) = built_fixture("open-data-page");
    let page = read(&out, "du-lieu/index.html");
    let links: Vec<String> = tags(&page)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    for href in [
        "/du-lieu/thu-tuc.json",
        "/du-lieu/thu-tuc.csv",
        "/du-lieu/thu-tuc.schema.json",
        "https://creativecommons.org/licenses/by/4.0/",
    ] {
        assert!(links.iter().any(|l| l == href), "no link to {href}");
    }
    let words = text(&page);
    assert_has(
        &words,
        &["Dữ liệu mở", "CC BY 4.0", "schema_version", "fee_min"],
    );
    for column in CSV_COLUMNS {
        assert!(words.contains(column), "column {column} is not explained");
    }
    // every page links to it from its footer
    let home = read(&out, "index.html");
    assert!(
        tags(&home)
            .iter()
            .any(|t| t.name == "a" && t.attr("href") == Some("/du-lieu/"))
    );
    assert!(read(&out, "sitemap.xml").contains("<loc>https://thutuc.example.org/du-lieu/</loc>"));

    // a site with no licence says so, and its data has none
    let tmp = TempDir::new("open-data-no-licence");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let site = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        site.replace("license: CC BY 4.0\n", ""),
    )
    .unwrap();
    let out = build(&content, &tmp, None).unwrap();
    assert!(text(&read(&out, "du-lieu/index.html")).contains("chưa công bố giấy phép"));
    let data = json(&out, "du-lieu/thu-tuc.json");
    assert!(data["site"]["license"].is_null() && data["site"]["license_url"].is_null());
}

#[test]
fn the_open_data_files_are_the_same_bytes_from_the_same_content() {
    let (_a, first) = built_fixture("open-data-determinism-a");
    let (_b, second) = built_fixture("open-data-determinism-b");
    let data = |out: &Path| -> BTreeMap<String, Vec<u8>> {
        all_files(out)
            .into_iter()
            .filter(|(rel, _)| rel.starts_with("du-lieu/") || rel.ends_with("index.json"))
            .collect()
    };
    let (a, b) = (data(&first), data(&second));
    assert!(a.len() >= 4 + 4, "{:?}", a.keys());
    assert_eq!(a, b);
}

/// A field too large for one part takes several, none over the bound unless one record
/// alone is; the parts hold every procedure once, in code order within a field.
#[test]
fn a_large_field_is_split_into_parts_of_bounded_size() {
    use thutuc::publish::open_data::{parts, records};
    let c = thutuc::check(&sample_content()).expect("the sample checks");
    let base = "https://example.org/";
    let all = records::procedures(&c, base);
    let lines = |i: usize| Ok((serde_json::to_vec(&all[i]).unwrap(), Vec::new()));
    let whole = parts::split(&c, usize::MAX, lines, Ok).unwrap();
    assert_eq!(
        whole.len(),
        c.fields
            .iter()
            .filter(|f| c.procedures.iter().any(|p| p.field == f.id))
            .count()
    );
    let max = 20_000;
    let small = parts::split(&c, max, lines, Ok).unwrap();
    assert!(small.len() > whole.len());
    let ho_tich: Vec<&str> = small
        .iter()
        .filter(|p| p.field.id == "ho-tich")
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(ho_tich[..2], ["ho-tich", "ho-tich.2"]);
    let mut seen: Vec<usize> = Vec::new();
    for part in &small {
        assert!(
            part.ndjson.len() <= max || part.procedures.len() == 1,
            "{}",
            part.name
        );
        assert_eq!(
            part.ndjson.iter().filter(|b| **b == b'\n').count(),
            part.procedures.len()
        );
        assert!(part.procedures.windows(2).all(|w| w[0] < w[1]));
        seen.extend(&part.procedures);
    }
    seen.sort();
    assert_eq!(seen, (0..c.procedures.len()).collect::<Vec<_>>());
    // the same bytes as the unsplit part of the field
    let joined: Vec<u8> = small
        .iter()
        .filter(|p| p.field.id == "ho-tich")
        .flat_map(|p| p.ndjson.clone())
        .collect();
    let one = whole.iter().find(|p| p.field.id == "ho-tich").unwrap();
    assert_eq!(joined, one.ndjson);
}
