//! JSON Schemas of the content files, generated from the catalogue's Rust types, so that
//! an editor with a YAML language server completes fields and underlines mistakes.
//!
//! The types are those of [`crate::catalogue::model`]; `#[schemars(…)]` attributes there
//! describe how the files are written (`level` for `levels`, `type` for `kind`, defaults),
//! without changing the types themselves.

use crate::catalogue::model::{Agency, Group, Procedure, Site, Synonym, Term};
use crate::catalogue::values::{Date, Duration, Money};
use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use std::borrow::Cow;

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number of đồng; 0 means free. Also written \"50.000\" or \"50.000 đồng\".",
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^(\\d{1,3}([.,]\\d{3})*|\\d+)( ?(đồng|Đồng|VNĐ|vnđ|đ))?$|^(Miễn phí|miễn phí)$" }
            ]
        })
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Thời hạn giải quyết: \"5 ngày làm việc\", \"15 ngày\", \"4 giờ\", \"3 tháng\", \"trong ngày\", \"không quy định\".",
            "examples": ["5 ngày làm việc", "15 ngày", "4 giờ", "3 tháng", "trong ngày", "không quy định"]
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An ISO date: YYYY-MM-DD.",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
        })
    }
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft07().for_deserialize().into_generator()
}

/// Every schema, by file name: `procedure.schema.json` (procedure front matter),
/// `agency`, `group`, `site`, `taxonomy` (levels, fields and life events) and `synonyms`.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    let mut generator = generator();
    let schema = |root: Schema| serde_json::Value::from(root);
    vec![
        (
            "procedure.schema.json",
            schema(generator.root_schema_for::<Procedure>()),
        ),
        (
            "agency.schema.json",
            schema(generator.root_schema_for::<Agency>()),
        ),
        (
            "group.schema.json",
            schema(generator.root_schema_for::<Group>()),
        ),
        (
            "site.schema.json",
            schema(generator.root_schema_for::<Site>()),
        ),
        (
            "taxonomy.schema.json",
            schema(generator.root_schema_for::<Vec<Term>>()),
        ),
        (
            "synonyms.schema.json",
            schema(generator.root_schema_for::<Vec<Synonym>>()),
        ),
    ]
}

/// Writes every schema into `dir`, as stable pretty JSON.
pub fn write_all(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    all()
        .into_iter()
        .map(|(name, schema)| {
            let path = dir.join(name);
            let text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)?;
            std::fs::write(&path, text + "\n")?;
            Ok(path)
        })
        .collect()
}
