//! Structured data for search engines and other readers of pages: a procedure as a
//! schema.org `GovernmentService` in JSON-LD, for a `<script type="application/ld+json">`
//! element of its page.
//!
//! The JSON is made here with serde_json, never in a template, and [`script_safe`] makes
//! it safe inside a script element whatever the content says.

use super::i18n::Strings;
use super::view::channel_key;
use crate::catalogue::values::{Duration, DurationUnit};
use crate::catalogue::{Catalogue, ChannelKind, Procedure, Status};
use crate::urls;
use serde_json::{Map, Value, json};

/// The JSON-LD of procedure `p`, ready to sit between `<script type="application/ld+json">`
/// and `</script>`. `description` is the page's description.
pub fn government_service(
    c: &Catalogue,
    t: &Strings,
    p: &Procedure,
    base_url: &str,
    description: Option<&str>,
) -> String {
    let url = |path: &str| format!("{base_url}{path}");
    let mut service = Map::new();
    service.insert("@context".into(), "https://schema.org".into());
    service.insert("@type".into(), "GovernmentService".into());
    service.insert("name".into(), p.title.clone().into());
    service.insert("identifier".into(), p.code.clone().into());
    insert(&mut service, "description", description);
    service.insert("url".into(), url(&urls::procedure(&p.slug)).into());
    let agency = c.agency(&p.agency);
    if let Some(a) = agency {
        let mut provider = Map::new();
        provider.insert("@type".into(), "GovernmentOrganization".into());
        provider.insert("name".into(), a.name.clone().into());
        provider.insert("url".into(), url(&urls::agency(&a.id)).into());
        insert(&mut provider, "telephone", a.phone.as_deref());
        insert(&mut provider, "email", a.email.as_deref());
        insert(&mut provider, "address", a.address.as_deref());
        insert(&mut provider, "sameAs", a.website.as_deref());
        service.insert("provider".into(), provider.into());
    }
    if let Some(province) = &c.site.province {
        service.insert(
            "areaServed".into(),
            json!({ "@type": "AdministrativeArea", "name": province }),
        );
    }
    if let Some(field) = c.field(&p.field) {
        service.insert("serviceType".into(), field.name.clone().into());
    }
    // An abolished procedure keeps its page, but offers no way to apply any more.
    if p.status == Status::Active {
        let channels: Vec<Value> = p
            .channels
            .iter()
            .map(|ch| {
                let mut channel = Map::new();
                channel.insert("@type".into(), "ServiceChannel".into());
                channel.insert("name".into(), t.get(channel_key(ch.kind)).into());
                if ch.kind == ChannelKind::Online {
                    insert(
                        &mut channel,
                        "serviceUrl",
                        p.online.as_ref().map(|o| o.url.as_str()),
                    );
                }
                if ch.kind == ChannelKind::InPerson
                    && let Some(address) = agency.and_then(|a| a.address.as_deref())
                {
                    channel.insert(
                        "serviceLocation".into(),
                        json!({ "@type": "Place", "name": agency.map(|a| &a.name), "address": address }),
                    );
                }
                insert(
                    &mut channel,
                    "processingTime",
                    iso_duration(ch.duration).as_deref(),
                );
                Value::from(channel)
            })
            .collect();
        if !channels.is_empty() {
            service.insert("availableChannel".into(), channels.into());
        }
        let offers = offers(p);
        if !offers.is_empty() {
            service.insert("offers".into(), offers.into());
        }
    }
    script_safe(&Value::from(service))
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        map.insert(key.into(), v.into());
    }
}

/// Each fee once, as an offer priced in đồng: the same fee is often stated for every
/// channel (with the note of its first mention).
fn offers(p: &Procedure) -> Vec<Value> {
    let mut seen = Vec::new();
    let mut offers = Vec::new();
    for fee in p.channels.iter().filter_map(|c| c.fees.as_ref()).flatten() {
        let key = (&fee.label, fee.amount);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let mut offer = Map::new();
        offer.insert("@type".into(), "Offer".into());
        offer.insert("name".into(), fee.label.clone().into());
        offer.insert("price".into(), fee.amount.0.into());
        offer.insert("priceCurrency".into(), "VND".into());
        insert(&mut offer, "description", fee.note.as_deref());
        offers.push(Value::from(offer));
    }
    offers
}

/// An ISO 8601 duration, only when the processing time is exact in ISO terms: working
/// days, "the same day" and "not specified" have none.
fn iso_duration(d: Duration) -> Option<String> {
    match d.unit {
        DurationUnit::Days => Some(format!("P{}D", d.value)),
        DurationUnit::Hours => Some(format!("PT{}H", d.value)),
        DurationUnit::Months => Some(format!("P{}M", d.value)),
        DurationUnit::WorkingDays | DurationUnit::SameDay | DurationUnit::NotSpecified => None,
    }
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e`, `\u0026`, so no text can close the element (`</script>`) or
/// open a comment (`<!--`); U+2028 and U+2029 too, for old JavaScript parsers. These
/// characters only ever occur inside JSON strings, where the escapes mean the same.
pub fn script_safe(value: &Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_its_element_and_means_the_same() {
        let text = "a</script><script>alert(1)</script><!-- & \u{2028} ]]> \"q\"";
        let value = json!({ "name": text });
        let safe = script_safe(&value);
        for bad in ['<', '>', '&', '\u{2028}'] {
            assert!(!safe.contains(bad), "{bad:?} in {safe}");
        }
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], text);
    }

    #[test]
    fn only_exact_durations_have_an_iso_form() {
        let d = |value, unit| iso_duration(Duration { value, unit });
        assert_eq!(d(15, DurationUnit::Days).as_deref(), Some("P15D"));
        assert_eq!(d(4, DurationUnit::Hours).as_deref(), Some("PT4H"));
        assert_eq!(d(3, DurationUnit::Months).as_deref(), Some("P3M"));
        assert_eq!(d(5, DurationUnit::WorkingDays), None);
        assert_eq!(d(0, DurationUnit::SameDay), None);
        assert_eq!(d(0, DurationUnit::NotSpecified), None);
    }
}
