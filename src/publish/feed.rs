//! Atom feeds of announcements: procedures announced, changed and abolished, dated only
//! by the dates of the content (the announcing decision and `updated`), never by the time
//! of the build, so that the same content gives the same feed.

use crate::catalogue::changes::{Change, news};
use crate::catalogue::values::Date;
use crate::catalogue::{Catalogue, Procedure};
use crate::output::escape;
use crate::render::i18n::Strings;
use crate::urls;

/// The procedures with news, newest first (ties by code, so the order is stable): the
/// latest `feed_entries` of `site.yaml`. The whole history is on the "what changed" pages.
fn entries(c: &Catalogue, keep: impl Fn(&Procedure) -> bool) -> Vec<(&Procedure, Date, Change)> {
    let mut entries: Vec<_> = c
        .procedures
        .iter()
        .map(AsRef::as_ref)
        .filter(|p| keep(p))
        .filter_map(|p| news(p).map(|(d, k)| (p, d, k)))
        .collect();
    entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code.cmp(&b.0.code)));
    entries.truncate(c.site.feed_entries as usize);
    entries
}

/// An Atom timestamp for a date: midnight UTC.
fn stamp(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

/// The feed of the whole catalogue (`field` = `None`) or of one field, at `path`
/// (relative to `base_url`).
pub fn atom(c: &Catalogue, t: &Strings, base_url: &str, field: Option<&str>, path: &str) -> String {
    let entries = entries(c, |p| field.is_none_or(|f| p.field == f));
    let (title, page) = match field.and_then(|f| c.field(f)) {
        Some(term) => (
            format!("{} – {}", term.name, c.site.title),
            urls::field(&term.id),
        ),
        // The page that lists the same news for people.
        None => (c.site.title.clone(), urls::CHANGES.to_string()),
    };
    // An empty feed still needs a date: the earliest a catalogue can have is fine.
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |e| stamp(e.1));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    xml.push_str(&format!(
        " xml:lang=\"{}\">\n",
        serde_json::to_value(c.site.language)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "vi".into())
    ));
    let feed_url = format!("{base_url}{path}");
    xml.push_str(&format!("<id>{}</id>\n", escape(&feed_url)));
    xml.push_str(&format!("<title>{}</title>\n", escape(&title)));
    if let Some(d) = &c.site.description {
        xml.push_str(&format!("<subtitle>{}</subtitle>\n", escape(d)));
    }
    xml.push_str(&format!("<updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(&c.site.title)
    ));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&feed_url)
    ));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&format!("{base_url}{page}"))
    ));
    if let Some(license) = &c.site.license {
        xml.push_str(&format!("<rights>{}</rights>\n", escape(license)));
    }
    for (p, date, change) in entries {
        let url = format!("{base_url}{}", urls::procedure(&p.slug));
        let label = t.get(match change {
            Change::Announced => "feed_announced",
            Change::Changed => "feed_changed",
            Change::Abolished => "feed_abolished",
        });
        let mut summary = format!("{label} {}.", t.date(date));
        if let Some(a) = &p.announced {
            summary.push(' ');
            summary.push_str(&t.get("feed_decision").replace("{decision}", &a.decision));
        }
        xml.push_str("<entry>\n");
        // The page URL and the date: a later change is a new entry for feed readers.
        xml.push_str(&format!("<id>{}#{date}</id>\n", escape(&url)));
        xml.push_str(&format!("<title>{}</title>\n", escape(&p.title)));
        xml.push_str(&format!("<updated>{}</updated>\n", stamp(date)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        xml.push_str(&format!(
            "<category term=\"{}\" label=\"{}\"/>\n",
            match change {
                Change::Announced => "announced",
                Change::Changed => "changed",
                Change::Abolished => "abolished",
            },
            escape(label)
        ));
        xml.push_str(&format!("<summary>{}</summary>\n", escape(&summary)));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
