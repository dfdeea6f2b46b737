//! The terms of the open data, shared by the files that publish it
//! ([`crate::publish::open_data`]) and the page that explains them to people (`du-lieu/`,
//! made by [`crate::render`]): the schema version, the fields and columns a reader meets,
//! and the licences thutuc knows.

/// The version of the open-data schema, in `schema_version` of `thu-tuc.json`.
///
/// Raise it by one when a change could break a program that reads the data: a field
/// removed or renamed, or its type or meaning changed. Adding a field does not change
/// it (readers ignore fields they do not know). `docs/open-data.md` keeps the history.
pub const SCHEMA_VERSION: u32 = 2;

/// The top-level fields of `thu-tuc.json` (the index of the parts) and the fields of a
/// procedure record, as the
/// `du-lieu/` page explains them (strings `data_top_<name>` and `data_proc_<name>`).
pub const TOP_FIELDS: [&str; 10] = [
    "$schema",
    "schema_version",
    "site",
    "levels",
    "fields",
    "life_events",
    "agencies",
    "groups",
    "parts",
    "csv",
];
/// The fields of each part listed in `parts` and `csv` (strings `data_part_<name>`).
pub const PART_FIELDS: [&str; 5] = ["url", "field", "count", "bytes", "sha256"];
pub const PROCEDURE_FIELDS: [&str; 23] = [
    "code",
    "title",
    "url",
    "status",
    "replaced_by",
    "levels",
    "field",
    "agency",
    "deciding_agency",
    "coordinating_agencies",
    "subjects",
    "channels",
    "online",
    "documents",
    "results",
    "legal_basis",
    "announced",
    "updated",
    "life_events",
    "groups",
    "keywords",
    "related",
    "text",
];

/// The columns of `thu-tuc.csv`, in order. Each is explained on the `du-lieu/` page by
/// the string `data_csv_<column>` and in `docs/open-data.md`.
pub const CSV_COLUMNS: [&str; 25] = [
    "code",
    "title",
    "url",
    "status",
    "replaced_by",
    "level_ids",
    "levels",
    "field_id",
    "field",
    "agency_id",
    "agency",
    "online",
    "online_url",
    "channels",
    "duration_value",
    "duration_unit",
    "duration",
    "free",
    "fee_min",
    "fee_max",
    "fees",
    "documents",
    "announced_decision",
    "announced_date",
    "updated",
];

/// The CSV is one file up to this many procedures (some 25 MB at the size of real rows),
/// else one file a part; decided by the count alone, so that the `du-lieu/` page, made
/// before the files, knows which it links to.
pub const CSV_MAX_ROWS: usize = 50_000;

/// Whether the CSV of `procedures` procedures is split into parts.
pub fn csv_is_split(procedures: usize) -> bool {
    procedures > CSV_MAX_ROWS
}

/// The text of the licences that sites name most, by the names they are written with.
pub fn license_url(name: &str) -> Option<&'static str> {
    let key: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect();
    Some(match key.as_str() {
        "cc-by-4.0" => "https://creativecommons.org/licenses/by/4.0/",
        "cc-by-sa-4.0" => "https://creativecommons.org/licenses/by-sa/4.0/",
        "cc0" | "cc0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/",
        "odbl" | "odbl-1.0" => "https://opendatacommons.org/licenses/odbl/1-0/",
        "odc-by" | "odc-by-1.0" => "https://opendatacommons.org/licenses/by/1-0/",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_licences_link_to_their_text() {
        assert_eq!(
            license_url("CC BY 4.0"),
            Some("https://creativecommons.org/licenses/by/4.0/")
        );
        assert_eq!(
            license_url(" cc-by-sa-4.0 "),
            Some("https://creativecommons.org/licenses/by-sa/4.0/")
        );
        assert_eq!(
            license_url("CC0"),
            Some("https://creativecommons.org/publicdomain/zero/1.0/")
        );
        assert_eq!(license_url("Giấy phép riêng của tỉnh"), None);
    }
}
