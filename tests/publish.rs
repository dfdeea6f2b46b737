//! What the build publishes for other systems: Atom feeds of announcements.

mod common;

use common::*;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// An XML element: its name, attributes, text and children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn text_of(&self, name: &str) -> &str {
        self.child(name)
            .map(|c| c.text.as_str())
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }
}

/// Parses `xml` strictly: a malformed document panics.
fn parse_xml(xml: &str) -> Element {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart| Element {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .expect("a well-formed value")
                        .into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let el = open(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.into_inner().into_owned();
                let ch = match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity &{other};"),
                };
                stack.last_mut().unwrap().text.push_str(ch);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.pop().unwrap()
}

fn is_atom_date(s: &str) -> bool {
    s.len() == 20 && s.ends_with("T00:00:00Z") && s.as_bytes()[4] == b'-'
}

#[test]
fn atom_feed_of_announcements_is_valid_dated_by_content_and_newest_first() {
    let (_tmp, out) = built_fixture("feed");
    let feed = parse_xml(&read(&out, "feed.xml"));
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
    assert_eq!(feed.text_of("id"), "https://thutuc.example.org/feed.xml");
    assert_eq!(feed.text_of("title"), "Thủ tục hành chính tỉnh Thử Nghiệm");
    assert!(
        feed.child("author")
            .is_some_and(|a| a.child("name").is_some())
    );
    assert!(feed.all("link").any(|l| l.attr("rel") == Some("self")
        && l.attr("href") == Some("https://thutuc.example.org/feed.xml")));
    let entries: Vec<_> = feed.all("entry").collect();
    assert!(entries.len() >= 3, "{} entries", entries.len());
    // The feed is as new as its newest entry: a content date, not the build time.
    assert_eq!(feed.text_of("updated"), entries[0].text_of("updated"));
    assert_eq!(feed.text_of("updated"), "2025-07-01T00:00:00Z");
    let mut previous = String::from("9999");
    for e in &entries {
        for required in ["id", "title", "updated"] {
            assert!(!e.text_of(required).is_empty(), "{required} is empty");
        }
        let updated = e.text_of("updated");
        assert!(is_atom_date(updated), "{updated}");
        assert!(updated <= previous.as_str(), "not newest first");
        previous = updated.to_string();
        let link = e.child("link").expect("an entry links to its page");
        let href = link.attr("href").unwrap();
        assert!(
            href.starts_with("https://thutuc.example.org/thu-tuc/"),
            "{href}"
        );
        let page = href.trim_start_matches("https://thutuc.example.org/");
        assert!(out.join(page).join("index.html").is_file(), "{page}");
    }
    let by_title = |title: &str| {
        entries
            .iter()
            .find(|e| e.text_of("title") == title)
            .unwrap_or_else(|| panic!("no entry for {title}"))
    };
    let birth = by_title("Đăng ký khai sinh");
    assert_eq!(birth.text_of("updated"), "2025-07-01T00:00:00Z");
    assert_eq!(
        birth.child("category").unwrap().attr("term"),
        Some("changed")
    );
    assert!(birth.text_of("summary").contains("1872/QĐ-BTP"));
    let marriage = by_title("Đăng ký kết hôn");
    assert_eq!(marriage.text_of("updated"), "2024-01-15T00:00:00Z");
    assert_eq!(
        marriage.child("category").unwrap().attr("term"),
        Some("announced")
    );
    // Ids are unique.
    let mut ids: Vec<&str> = entries.iter().map(|e| e.text_of("id")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len());
}

#[test]
fn each_field_has_its_feed_linked_from_its_page_and_the_home_page() {
    let (_tmp, out) = built_fixture("field-feed");
    let home = read(&out, "index.html");
    let alternate = |html: &str| -> Option<String> {
        tags(html)
            .iter()
            .find(|t| {
                t.name == "link"
                    && t.attr("rel") == Some("alternate")
                    && t.attr("type") == Some("application/atom+xml")
            })
            .and_then(|t| t.attr("href").map(str::to_string))
    };
    assert_eq!(alternate(&home).as_deref(), Some("/feed.xml"));
    let field = read(&out, "linh-vuc/ho-tich/index.html");
    assert_eq!(
        alternate(&field).as_deref(),
        Some("/linh-vuc/ho-tich/feed.xml")
    );
    let feed = parse_xml(&read(&out, "linh-vuc/ho-tich/feed.xml"));
    assert_eq!(
        feed.text_of("id"),
        "https://thutuc.example.org/linh-vuc/ho-tich/feed.xml"
    );
    let titles: Vec<&str> = feed.all("entry").map(|e| e.text_of("title")).collect();
    assert!(titles.contains(&"Đăng ký khai sinh"));
    assert!(!titles.contains(&"Đăng ký thường trú"), "{titles:?}");
    // A procedure page offers no feed of its own.
    assert_eq!(
        alternate(&read(&out, "thu-tuc/dang-ky-khai-sinh/index.html")),
        None
    );
}

/// A feed holds the latest `feed_entries` of site.yaml, newest first: the same entries
/// as the first ones of a longer feed.
#[test]
fn feeds_hold_the_latest_entries_that_site_yaml_allows() {
    let (_tmp, out) = built_fixture("feed-full");
    let ids = |xml: &str| -> Vec<String> {
        parse_xml(xml)
            .all("entry")
            .map(|e| e.text_of("id").to_string())
            .collect()
    };
    let full = ids(&read(&out, "feed.xml"));
    assert!(full.len() > 2, "the fixture has {} entries", full.len());
    let full_field = ids(&read(&out, "linh-vuc/ho-tich/feed.xml"));
    assert!(full_field.len() > 1);

    let tmp = TempDir::new("feed-limit");
    let content = tmp.join("content");
    copy_dir(&fixture(), &content);
    let site = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        format!("{site}feed_entries: 2\n"),
    )
    .unwrap();
    let out = build(&content, &tmp, None).expect("builds");
    assert_eq!(ids(&read(&out, "feed.xml")), full[..2]);
    assert_eq!(
        ids(&read(&out, "linh-vuc/ho-tich/feed.xml")),
        full_field[..2]
    );
}
