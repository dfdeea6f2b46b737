//! Long lists over several pages: the A–Z list, a field, an agency, a level, a life event,
//! the agencies and "what changed" show at most [`PAGE_SIZE`] entries a page, so that
//! every page stays small whatever the size of the catalogue.
//!
//! The first page keeps the list's own path (`a-z/`); the others add `trang-<n>/`
//! (`a-z/trang-2/`). Published URLs are a contract: `docs/content-format.md` lists them.

use super::i18n::Strings;
use serde::Serialize;
use std::ops::Range;

/// Entries a page: a province's lists of a few hundred procedures take one or two pages,
/// and a page of list entries stays far below 250 KB.
pub const PAGE_SIZE: usize = 200;

/// How many pages `len` entries take: at least one, so an empty list still has its page.
pub fn count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}

/// The entries on page `number` (from 1).
pub fn range(number: usize, len: usize, size: usize) -> Range<usize> {
    let start = ((number - 1) * size).min(len);
    start..(start + size).min(len)
}

/// The path of page `number` of the list at `path` (relative to `base`).
pub fn path(list: &str, number: usize) -> String {
    if number <= 1 {
        list.to_string()
    } else {
        format!("{list}trang-{number}/")
    }
}

/// The page navigation below a list, when it has more than one page.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// "Trang 2/5", for people who read the page from the top.
    pub status: String,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and the last page, and the two either side of this one; `gap` between.
    pub links: Vec<PageLink>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages left out before this one.
    pub gap: bool,
}

impl Pager {
    /// The navigation of page `number` of `total` of the list at `list`; `None` for a
    /// list of one page.
    pub fn new(list: &str, number: usize, total: usize, t: &Strings) -> Option<Pager> {
        if total <= 1 {
            return None;
        }
        let mut links = Vec::new();
        let mut last = 0;
        for n in 1..=total {
            let near = n.abs_diff(number) <= 2;
            if n == 1 || n == total || near {
                links.push(PageLink {
                    number: n,
                    url: path(list, n),
                    current: n == number,
                    gap: n > last + 1,
                });
                last = n;
            }
        }
        Some(Pager {
            status: title_suffix(number, total, t),
            prev: (number > 1).then(|| path(list, number - 1)),
            next: (number < total).then(|| path(list, number + 1)),
            links,
        })
    }
}

/// "Trang 2/5": added to the title of every page of a list of several pages.
pub fn title_suffix(number: usize, total: usize, t: &Strings) -> String {
    t.get("page_of")
        .replace("{n}", &t.number(number as u64))
        .replace("{total}", &t.number(total as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Language;

    #[test]
    fn pages_split_at_their_size() {
        assert_eq!(count(0, 200), 1);
        assert_eq!(count(1, 200), 1);
        assert_eq!(count(200, 200), 1);
        assert_eq!(count(201, 200), 2);
        assert_eq!(count(400, 200), 2);
        assert_eq!(count(401, 200), 3);
        assert_eq!(range(1, 0, 200), 0..0);
        assert_eq!(range(1, 201, 200), 0..200);
        assert_eq!(range(2, 201, 200), 200..201);
        assert_eq!(range(2, 400, 200), 200..400);
    }

    #[test]
    fn the_first_page_keeps_the_list_path() {
        assert_eq!(path("a-z/", 1), "a-z/");
        assert_eq!(path("a-z/", 2), "a-z/trang-2/");
        assert_eq!(path("linh-vuc/ho-tich/", 12), "linh-vuc/ho-tich/trang-12/");
    }

    #[test]
    fn the_navigation_shows_the_ends_and_the_neighbours() {
        let t = Strings::load(Language::Vi).expect("strings");
        assert!(Pager::new("a-z/", 1, 1, &t).is_none());
        let p = Pager::new("a-z/", 1, 2, &t).expect("two pages");
        assert_eq!(p.prev, None);
        assert_eq!(p.next.as_deref(), Some("a-z/trang-2/"));
        assert_eq!(p.status, "Trang 1/2");
        let p = Pager::new("a-z/", 7, 20, &t).expect("many pages");
        let numbers: Vec<(usize, bool, bool)> = p
            .links
            .iter()
            .map(|l| (l.number, l.current, l.gap))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, false, false),
                (5, false, true),
                (6, false, false),
                (7, true, false),
                (8, false, false),
                (9, false, false),
                (20, false, true)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("a-z/trang-6/"));
        assert_eq!(p.next.as_deref(), Some("a-z/trang-8/"));
        let p = Pager::new("a-z/", 20, 20, &t).expect("last page");
        assert_eq!(p.next, None);
        assert_eq!(p.links[0].url, "a-z/");
    }
}
