//! The JSON Schemas for editors agree with what `check` accepts: the committed copies
//! are current, the sample catalogue validates, and typical mistakes do not.

use serde_json::{Map, Value as Json};
use std::path::Path;
use thutuc::content::front_matter;
use thutuc::content::yaml::{self, Node, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// YAML as an editor's language server sees it: plain integers and booleans typed,
/// empty fields absent (as `check` treats them).
fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Scalar { text, plain: true } if text.parse::<i64>().is_ok() => {
            Json::from(text.parse::<i64>().unwrap())
        }
        Value::Scalar { text, plain: true } if text == "true" || text == "false" => {
            Json::Bool(text == "true")
        }
        Value::Scalar { text, .. } => Json::String(text.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .filter(|(_, v)| v.value != Value::Null)
                .map(|(k, v)| (to_json(k).as_str().unwrap_or("").to_string(), to_json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

fn yaml_of(path: &Path) -> Json {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = if path.extension().is_some_and(|e| e == "md") {
        let split = front_matter::split(&text).unwrap();
        yaml::parse(split.yaml, split.yaml_line).unwrap()
    } else {
        yaml::parse(&text, 1).unwrap()
    };
    to_json(&doc)
}

fn schema_for(rel: &str) -> &'static str {
    match rel.split('/').next().unwrap() {
        "procedures" => "procedure.schema.json",
        "agencies" => "agency.schema.json",
        "groups" => "group.schema.json",
        "site.yaml" => "site.schema.json",
        "synonyms.yaml" => "synonyms.schema.json",
        _ => "taxonomy.schema.json",
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Json = thutuc::schema::all()
        .into_iter()
        .find(|(n, _)| *n == name)
        .unwrap()
        .1;
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn committed_schemas_are_current() {
    for (name, schema) in thutuc::schema::all() {
        let committed = std::fs::read_to_string(root().join("schemas").join(name))
            .unwrap_or_else(|_| panic!("schemas/{name} is missing: run `thutuc schema`"));
        let current = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        assert!(
            committed == current,
            "schemas/{name} is stale: run `thutuc schema`"
        );
    }
}

#[test]
fn every_sample_content_file_validates() {
    let content = root().join("content");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&content) {
        let path = entry.unwrap().into_path();
        let rel = path
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if thutuc::content::kind_of(&rel).is_none() {
            continue;
        }
        let v = validator(schema_for(&rel));
        let doc = yaml_of(&path);
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{rel}: {errors:?}");
        checked += 1;
    }
    assert!(checked > 60, "only {checked} files checked");
}

#[test]
fn mistakes_are_underlined() {
    let fixtures = root().join("tests/fixtures/errors");
    let v = validator("procedure.schema.json");
    for (fixture, file) in [
        ("unknown-field", "procedures/ho-tich/dang-ky-khai-sinh.md"),
        ("wrong-type", "procedures/ho-tich/dang-ky-khai-sinh.md"),
        ("negative-money", "procedures/dang-ky-thuong-tru.md"),
    ] {
        let doc = yaml_of(&fixtures.join(fixture).join(file));
        assert!(!v.is_valid(&doc), "{fixture} passes the schema");
    }
    let agency = validator("agency.schema.json");
    let doc = yaml_of(&fixtures.join("missing-field/agencies/ubnd-xa-an-hiep.yaml"));
    assert!(!agency.is_valid(&doc));
    let synonyms = validator("synonyms.schema.json");
    let ok = serde_json::json!([{ "words": ["CCCD", "CMND"], "means": "căn cước" }, { "words": "x", "means": [] }]);
    assert!(synonyms.is_valid(&ok));
    for bad in [
        serde_json::json!([{ "words": "CCCD" }]),
        serde_json::json!([{ "words": "CCCD", "means": "căn cước", "mean": "x" }]),
        serde_json::json!({ "words": "CCCD", "means": "căn cước" }),
    ] {
        assert!(!synonyms.is_valid(&bad), "{bad}");
    }
}
