//! `synonyms.yaml`: the words citizens type for the catalogue's words, read and checked.
//! The search adds the entries to its built-in list (`search::synonyms`), an entry replacing
//! the built-in meanings of the words it lists.
//!
//! ```yaml
//! - words: [CCCD, căn cước công dân]   # one phrase or a list; at most 4 words each
//!   means: căn cước                     # one phrase or a list; [] removes a built-in entry
//! ```

use super::model::Synonym;
use crate::content::decode::Reader;
use crate::content::yaml::{Node, Pos, Value};
use crate::search::analyzer::words;
use std::collections::HashMap;

/// A phrase citizens type is matched on at most this many words.
pub const MAX_KEY_WORDS: usize = 4;
/// A meaning may be as long as a procedure's name for a thing.
pub const MAX_MEANING_WORDS: usize = 8;

/// Reads `synonyms.yaml`; every problem goes to `r`.
pub fn read(r: &mut Reader, doc: &Node) -> Vec<Synonym> {
    if doc.value == Value::Null {
        return Vec::new();
    }
    let Some(items) = r.list(doc, "") else {
        return Vec::new();
    };
    // a phrase's words (accented) → the line of its first entry
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for item in items {
        let Some(mut f) = r.fields(item, "") else {
            continue;
        };
        let typed = f.require(r, "words").map(|n| {
            r.one_or_many(n, "words", |r, n, field| {
                phrase(r, n, field, MAX_KEY_WORDS).map(|p| (p, n.pos, field.to_string()))
            })
        });
        let means = f.require(r, "means").map(|n| {
            r.one_or_many(n, "means", |r, n, field| {
                phrase(r, n, field, MAX_MEANING_WORDS)
            })
        });
        f.finish(r);
        let (Some(typed), Some(means)) = (typed, means) else {
            continue;
        };
        for ((text, pos, field), key) in typed.iter().map(|t| (t, key_of(&t.0))) {
            if let Some(first) = seen.insert(key.clone(), pos.line) {
                let message = format!("\"{text}\" is listed twice (first on line {first})");
                r.error(*pos, field, message);
            }
            if means.iter().any(|m| key_of(m) == key) {
                let message = format!("\"{text}\" means itself; list other words under `means`");
                r.error(*pos, field, message);
            }
        }
        out.push(Synonym {
            words: typed.into_iter().map(|(t, _, _)| t).collect(),
            means,
        });
    }
    out
}

/// A phrase's words as the search sees them (accented, lower case), joined by spaces.
pub fn key_of(text: &str) -> String {
    let words: Vec<String> = words(text).into_iter().map(|w| w.accented).collect();
    words.join(" ")
}

fn phrase(r: &mut Reader, node: &Node, field: &str, max: usize) -> Option<String> {
    let text = r.text(node, field)?;
    let count = words(&text).len();
    let at: Pos = node.pos;
    if count == 0 {
        r.error(
            at,
            field,
            format!("\"{text}\" has no letters or digits to search for"),
        );
        None
    } else if count > max {
        r.error(
            at,
            field,
            format!("\"{text}\" has {count} words; at most {max} are matched"),
        );
        None
    } else {
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::yaml::parse;

    fn problems(text: &str) -> (Vec<Synonym>, Vec<String>) {
        let doc = parse(text, 1).expect("yaml");
        let mut r = Reader::new("synonyms.yaml");
        let out = read(&mut r, &doc);
        (out, r.diagnostics.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_one_phrase_or_many_and_an_empty_meaning() {
        let (out, errors) =
            problems("- words: CCCD\n  means: căn cước\n- words: [sổ đỏ, sổ hồng]\n  means: []\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(out[0].words, ["CCCD"]);
        assert_eq!(out[0].means, ["căn cước"]);
        assert_eq!(out[1].words, ["sổ đỏ", "sổ hồng"]);
        assert!(out[1].means.is_empty());
        assert!(problems("").0.is_empty());
    }

    #[test]
    fn every_problem_names_its_line_and_field() {
        let (_, errors) = problems(
            "- words: [CCCD, \"!!\"]\n  means: căn cước\n  mean: x\n\
             - words: cccd\n  means: cccd\n\
             - words: một hai ba bốn năm\n\
             - means: x\n",
        );
        assert_eq!(
            errors,
            [
                "synonyms.yaml:1:17: words.2: \"!!\" has no letters or digits to search for",
                "synonyms.yaml:3:3: mean: unknown field `mean`; did you mean \"means\"?",
                "synonyms.yaml:4:10: words: \"cccd\" is listed twice (first on line 1)",
                "synonyms.yaml:4:10: words: \"cccd\" means itself; list other words under `means`",
                "synonyms.yaml:6:10: words: \"một hai ba bốn năm\" has 5 words; at most 4 are matched",
                "synonyms.yaml:6:3: means: missing required field `means`",
                "synonyms.yaml:7:3: words: missing required field `words`",
            ]
        );
    }
}
