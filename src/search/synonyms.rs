//! Synonyms and abbreviations: the words citizens type for the catalogue's words.
//!
//! A built-in list ([`BUILT_IN`]), then the catalogue's `synonyms.yaml`
//! (`catalogue::synonyms`), whose entries replace the built-in meanings of the phrases they
//! list (an empty `means` removes them). The export folds the table into the short
//! dictionary shards, each entry in the shard of its first word, which a query fetches
//! anyway; `query.rs` says how a query uses it.
//!
//! A phrase is kept as its words' accented forms joined by spaces (`căn cước`,
//! `cccd`); it matches query words that are the same word, or the same word typed without
//! marks (`can cuoc`), never a word with other marks (`cân` does not match `căn`).

use super::analyzer::{Word, fold, words};
use crate::catalogue::Catalogue;
use crate::catalogue::synonyms::MAX_KEY_WORDS;
use std::collections::BTreeMap;

/// What citizens type → what the catalogue's titles say. Each phrase on the left means
/// every phrase on the right. Keep it to administrative words whose meaning does not
/// depend on the rest of the query.
pub const BUILT_IN: &[(&[&str], &[&str])] = &[
    // identity cards: the card is "thẻ căn cước" since 1 July 2024
    (&["CCCD", "căn cước công dân"], &["căn cước"]),
    // the old card: its number is still on papers ("xác nhận số chứng minh nhân dân")
    (
        &["CMND", "CMT", "chứng minh thư"],
        &["căn cước", "chứng minh nhân dân"],
    ),
    (&["chứng minh nhân dân"], &["căn cước"]),
    // getting a card: the issue of one, not its renewal
    (
        &[
            "làm CCCD",
            "làm căn cước",
            "làm thẻ căn cước",
            "làm CMND",
            "làm chứng minh thư",
        ],
        &["cấp thẻ căn cước"],
    ),
    (&["định danh", "VNeID"], &["định danh điện tử"]),
    (&["YTNN"], &["yếu tố nước ngoài"]),
    (&["GCN"], &["giấy chứng nhận"]),
    // insurance
    (&["BHYT", "thẻ BHYT"], &["bảo hiểm y tế"]),
    (&["BHXH", "sổ BHXH"], &["bảo hiểm xã hội"]),
    (&["BHTN"], &["bảo hiểm thất nghiệp"]),
    (&["lương hưu", "về hưu", "nghỉ hưu"], &["hưu trí"]),
    // driving and vehicles
    (
        &[
            "GPLX",
            "bằng lái",
            "bằng lái xe",
            "bằng xe",
            "bằng lái xe máy",
        ],
        &["giấy phép lái xe"],
    ),
    (
        &["cà vẹt", "cavet", "giấy tờ xe"],
        &["chứng nhận đăng ký xe"],
    ),
    (&["biển xe"], &["biển số xe"]),
    // getting plates: a vehicle's first registration
    (
        &["làm biển số", "làm biển số xe", "bấm biển số", "bấm biển"],
        &["đăng ký cấp biển số xe"],
    ),
    (
        &[
            "làm bằng lái",
            "làm bằng lái xe",
            "thi bằng lái",
            "thi bằng lái xe",
            "học bằng lái",
        ],
        &["cấp giấy phép lái xe"],
    ),
    (
        &["mất bằng lái", "mất bằng lái xe", "mất GPLX"],
        &["cấp lại giấy phép lái xe"],
    ),
    (
        &["đổi bằng lái", "đổi bằng lái xe", "đổi GPLX"],
        &["đổi giấy phép lái xe"],
    ),
    // land and building
    // the red book is a "Giấy chứng nhận" of the land field (some titles say no more)
    (
        &["sổ đỏ", "sổ hồng", "bìa đỏ", "bìa hồng", "GCN QSDĐ", "QSDĐ"],
        &[
            "giấy chứng nhận quyền sử dụng đất",
            "giấy chứng nhận đất đai",
        ],
    ),
    (&["nhà đất"], &["quyền sử dụng đất", "nhà ở"]),
    // a mortgage is registered as a "biện pháp bảo đảm"
    (&["thế chấp"], &["biện pháp bảo đảm"]),
    (
        &[
            "thế chấp sổ đỏ",
            "thế chấp sổ hồng",
            "thế chấp nhà đất",
            "thế chấp đất",
        ],
        &["biện pháp bảo đảm bằng quyền sử dụng đất"],
    ),
    (
        &["mua bán nhà", "mua bán nhà đất", "bán nhà", "mua nhà"],
        &["giao dịch nhà ở", "chuyển nhượng quyền sử dụng đất"],
    ),
    (
        &["hợp đồng mua bán", "mua bán"],
        &["giao dịch", "chuyển nhượng"],
    ),
    (
        &["GPXD", "xin phép xây dựng", "phép xây nhà"],
        &["giấy phép xây dựng"],
    ),
    // residence
    (
        &["hộ khẩu", "nhập hộ khẩu", "sổ hộ khẩu", "nhập khẩu"],
        &["thường trú"],
    ),
    (&["KT3", "KT2", "sổ tạm trú"], &["tạm trú"]),
    (
        &["tách hộ khẩu", "tách khẩu", "tách sổ hộ khẩu"],
        &["tách hộ"],
    ),
    (
        &["khai báo lưu trú", "báo lưu trú", "trình báo lưu trú"],
        &["thông báo lưu trú"],
    ),
    (
        &["cắt khẩu", "cắt hộ khẩu", "chuyển khẩu"],
        &["xóa đăng ký thường trú"],
    ),
    // travel
    (&["visa"], &["thị thực"]),
    (&["evisa", "e-visa", "visa điện tử"], &["thị thực điện tử"]),
    (&["passport"], &["hộ chiếu"]),
    (&["việt kiều"], &["người việt nam định cư ở nước ngoài"]),
    // civil status
    (
        &["giấy khai sinh", "làm khai sinh", "khai sinh cho con"],
        &["khai sinh"],
    ),
    (
        &["làm giấy khai sinh", "xin giấy khai sinh"],
        &["đăng ký khai sinh"],
    ),
    (&["giấy chứng tử", "báo tử", "khai báo tử"], &["khai tử"]),
    (&["giấy kết hôn", "đăng ký cưới", "cưới"], &["kết hôn"]),
    (
        &["xác nhận độc thân", "độc thân"],
        &["xác nhận tình trạng hôn nhân"],
    ),
    (&["nhận con nuôi", "xin con nuôi"], &["nuôi con nuôi"]),
    (&["lý lịch", "LLTP"], &["lý lịch tư pháp"]),
    // a child: the titles say how old ("người dưới 14 tuổi", "trẻ em dưới 6 tuổi")
    (
        &["trẻ", "trẻ em", "trẻ nhỏ", "em bé"],
        &["trẻ em", "dưới 14 tuổi", "dưới 6 tuổi", "chưa thành niên"],
    ),
    // copies and business
    (
        &[
            "công chứng bản sao",
            "sao y",
            "sao y bản chính",
            "photo công chứng",
        ],
        &["chứng thực bản sao"],
    ),
    (
        &[
            "GPKD",
            "ĐKKD",
            "giấy phép kinh doanh",
            "mở công ty",
            "thành lập công ty",
        ],
        &["đăng ký doanh nghiệp", "đăng ký kinh doanh"],
    ),
    (&["MST"], &["mã số thuế"]),
    (&["HKD", "hộ KD"], &["hộ kinh doanh"]),
    (&["PCCC"], &["phòng cháy chữa cháy"]),
    (&["UBND"], &["ủy ban nhân dân"]),
    (&["xe máy"], &["mô tô"]),
    // verbs: what people say for what offices do
    (
        &["làm", "xin", "làm mới", "đăng ký mới"],
        &["cấp", "đăng ký"],
    ),
    (&["đổi"], &["cấp đổi"]),
    (
        &["mất", "bị mất", "làm mất", "đánh mất"],
        &["cấp lại", "trình báo mất"],
    ),
    (&["hỏng", "bị hỏng", "rách"], &["cấp lại", "cấp đổi"]),
    (&["gia hạn visa"], &["gia hạn thị thực"]),
];

/// One phrase and what it means: accented words, and each meaning's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: Vec<String>,
    pub means: Vec<Vec<Word>>,
}

/// The synonyms of a catalogue, by phrase (accented words joined by spaces).
#[derive(Debug, Clone, Default)]
pub struct Table {
    entries: BTreeMap<String, Entry>,
}

impl Table {
    /// The built-in list with `synonyms.yaml` over it.
    pub fn of(catalogue: &Catalogue) -> Table {
        let mut table = Table::default();
        let lists = BUILT_IN
            .iter()
            .map(|(typed, means)| (typed.to_vec(), means.to_vec()))
            .chain(catalogue.synonyms.iter().map(|s| {
                let typed = s.words.iter().map(String::as_str).collect::<Vec<_>>();
                let means = s.means.iter().map(String::as_str).collect::<Vec<_>>();
                (typed, means)
            }));
        for (typed, means) in lists {
            for phrase in typed {
                let key: Vec<String> = words(phrase).into_iter().map(|w| w.accented).collect();
                if key.is_empty() || key.len() > MAX_KEY_WORDS {
                    continue;
                }
                let joined = key.join(" ");
                let means = means
                    .iter()
                    .map(|m| words(m))
                    .filter(|m| !m.is_empty() && key_of_words(m) != joined)
                    .collect::<Vec<_>>();
                // a later entry (the file after the built-in list) replaces an earlier one
                table.entries.insert(joined, Entry { key, means });
            }
        }
        table.entries.retain(|_, e| !e.means.is_empty());
        table
    }

    /// Every entry, phrases in code point order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    /// The entries whose first word folds to `folded`, in code point order of their phrase.
    pub fn starting_with<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = &'a Entry> {
        self.entries
            .values()
            .filter(move |e| e.key.first().is_some_and(|k| fold(k) == folded))
    }
}

fn key_of_words(words: &[Word]) -> String {
    let accented: Vec<&str> = words.iter().map(|w| w.accented.as_str()).collect();
    accented.join(" ")
}

/// Whether a query word is the phrase's word `key` (accented): the same, or typed without
/// marks and the same once folded.
pub fn word_matches(word: &Word, key: &str) -> bool {
    word.accented == key || (word.accented == word.folded && word.folded == fold(key))
}

/// The longest phrase of `entries` that the query words starting at `at` spell, and what it
/// means: the meanings of every entry of that length that matches, in the entries' order,
/// each once, without the words as typed. `None` when no phrase matches.
pub fn longest_match<'a>(
    entries: impl Iterator<Item = &'a Entry>,
    query: &[Word],
    at: usize,
) -> Option<(usize, Vec<Vec<Word>>)> {
    let mut best: Option<(usize, Vec<Vec<Word>>)> = None;
    for e in entries {
        let n = e.key.len();
        let Some(span) = query.get(at..at + n) else {
            continue;
        };
        if !span.iter().zip(&e.key).all(|(w, k)| word_matches(w, k)) {
            continue;
        }
        let typed = key_of_words(span);
        match &mut best {
            Some((len, _)) if *len > n => continue,
            Some((len, means)) if *len == n => {
                for m in &e.means {
                    if !means.contains(m) && key_of_words(m) != typed {
                        means.push(m.clone());
                    }
                }
            }
            _ => {
                let means: Vec<Vec<Word>> = e
                    .means
                    .iter()
                    .filter(|m| key_of_words(m) != typed)
                    .cloned()
                    .collect();
                best = Some((n, means));
            }
        }
    }
    best.filter(|(_, means)| !means.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::synonyms::key_of;

    fn table() -> Table {
        let mut t = Table::default();
        for (typed, means) in BUILT_IN {
            for p in *typed {
                let key: Vec<String> = words(p).into_iter().map(|w| w.accented).collect();
                t.entries.insert(
                    key.join(" "),
                    Entry {
                        key,
                        means: means.iter().map(|m| words(m)).collect(),
                    },
                );
            }
        }
        t
    }

    #[test]
    fn built_in_phrases_are_short_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for (typed, means) in BUILT_IN {
            assert!(!means.is_empty());
            for p in *typed {
                let n = words(p).len();
                assert!((1..=MAX_KEY_WORDS).contains(&n), "{p}");
                assert!(seen.insert(key_of(p)), "{p} twice");
            }
        }
    }

    #[test]
    fn the_longest_phrase_wins_and_marks_must_agree() {
        let t = table();
        let q = words("so do cap lai");
        let (n, means) = longest_match(t.starting_with("so"), &q, 0).expect("sổ đỏ");
        assert_eq!(n, 2);
        assert_eq!(key_of_words(&means[0]), "giấy chứng nhận quyền sử dụng đất");
        // "số đỏ" has other marks than "sổ đỏ"
        let q = words("số đỏ");
        assert!(longest_match(t.starting_with("so"), &q, 0).is_none());
        let q = words("căn cước công dân");
        let (n, means) = longest_match(t.starting_with("can"), &q, 0).expect("cccd");
        assert_eq!((n, key_of_words(&means[0])), (4, "căn cước".to_string()));
    }
}
