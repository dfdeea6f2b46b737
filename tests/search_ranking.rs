//! The ranking rules, one small catalogue each, through tantivy (`thutuc::search::Engine`).
//! The parity test holds the browser client to the same ranking.

use std::path::{Path, PathBuf};
use thutuc::search::Engine;

/// Writes a catalogue of the given (code, title, keywords) procedures and loads it.
fn catalogue(name: &str, procedures: &[(&str, &str, &[&str])]) -> thutuc::catalogue::Catalogue {
    let all: Vec<(&str, &str, &[&str], &str)> = procedures
        .iter()
        .map(|&(code, title, keywords)| (code, title, keywords, "ho-tich"))
        .collect();
    catalogue_with(name, &all, None)
}

/// Writes a catalogue of (code, title, keywords, field: `ho-tich` or `a-truoc`, numbered
/// first) procedures, with `synonyms.yaml` when given, and loads it.
fn catalogue_with(
    name: &str,
    procedures: &[(&str, &str, &[&str], &str)],
    synonyms: Option<&str>,
) -> thutuc::catalogue::Catalogue {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("ranking-{name}"));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear");
    }
    let write = |rel: &str, text: &str| {
        let path: PathBuf = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write("site.yaml", "title: Thử\nbase_url: https://example.vn/\n");
    write("levels.yaml", "- id: xa\n  name: Cấp xã\n");
    write(
        "fields.yaml",
        "- id: a-truoc\n  name: Lĩnh vực khác\n- id: ho-tich\n  name: Hộ tịch\n",
    );
    write("life-events.yaml", "- id: sinh-con\n  name: Sinh con\n");
    write(
        "agencies/ubnd-xa.yaml",
        "name: Ủy ban nhân dân xã\nlevel: xa\n",
    );
    if let Some(text) = synonyms {
        write("synonyms.yaml", text);
    }
    for (i, (code, title, keywords, field)) in procedures.iter().enumerate() {
        let keywords = if keywords.is_empty() {
            String::new()
        } else {
            format!("keywords: [{}]\n", keywords.join(", "))
        };
        write(
            &format!("procedures/p{i}.md"),
            &format!(
                "---\ncode: \"{code}\"\ntitle: {title}\nlevel: xa\nfield: {field}\nagency: ubnd-xa\n\
                 channels:\n  - type: in_person\n    duration: 5 ngày làm việc\n{keywords}---\n\
                 Thủ tục hành chính.\n"
            ),
        );
    }
    thutuc::check(&dir).expect("the test catalogue checks")
}

fn ranked(engine: &Engine, query: &str) -> Vec<String> {
    engine
        .search(query, 10)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.code)
        .collect()
}

#[test]
fn the_right_diacritics_rank_above_a_folded_match() {
    let c = catalogue(
        "accents",
        &[
            ("1.000001", "Đang giải quyết hồ sơ", &[]),
            ("1.000002", "Đăng ký giải quyết hồ sơ", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "đăng hồ sơ")[0], "1.000002");
    assert_eq!(ranked(&e, "đang hồ sơ")[0], "1.000001");
    // without marks both match, the shorter title first
    assert_eq!(ranked(&e, "dang ho so").len(), 2);
}

#[test]
fn adjacent_syllables_rank_above_scattered_ones() {
    let c = catalogue(
        "adjacent",
        &[
            ("1.000001", "Sinh viên khai báo tạm trú ở xã", &[]),
            ("1.000002", "Khai sinh cho trẻ em ở xã", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "khai sinh "), ["1.000002", "1.000001"]);
}

#[test]
fn a_short_title_ranks_above_a_long_one() {
    let c = catalogue(
        "short",
        &[
            (
                "1.000001",
                "Đăng ký kết hôn có yếu tố nước ngoài tại xã",
                &[],
            ),
            ("1.000002", "Đăng ký kết hôn", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "ket hon "), ["1.000002", "1.000001"]);
}

#[test]
fn the_last_word_is_a_prefix_while_typing() {
    let c = catalogue(
        "prefix",
        &[
            ("1.000001", "Đăng ký kết hôn", &[]),
            ("1.000002", "Đăng ký khai sinh", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "dang ky ket h"), ["1.000001"]);
    assert_eq!(ranked(&e, "dang ky kh"), ["1.000002"]);
    // a finished word (a space after it) is not completed: it is left out
    let hits = e.search("dang ky kh ", 10).expect("search");
    assert_eq!((hits.total, hits.left_out), (2, vec!["kh".to_string()]));
    // one letter is not yet a prefix: it waits
    assert_eq!(ranked(&e, "dang ky k").len(), 2);
}

#[test]
fn codes_are_found_with_or_without_the_dot_and_i_y_spellings_match() {
    let c = catalogue(
        "codes",
        &[
            ("1.000656", "Cấp phiếu lý lịch tư pháp", &[]),
            ("2.000528", "Đăng ký khai tử", &["giấy báo tử"]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "1.000656"), ["1.000656"]);
    assert_eq!(ranked(&e, "1000656"), ["1.000656"]);
    assert_eq!(ranked(&e, "lí lịch"), ["1.000656"]);
    assert_eq!(ranked(&e, "ly lich"), ["1.000656"]);
    assert_eq!(ranked(&e, "giay bao tu"), ["2.000528"]);
}

#[test]
fn a_leading_thu_tuc_does_not_count_against_a_title() {
    let c = catalogue(
        "boilerplate",
        &[
            ("1.000001", "Đăng ký lại khai tử", &[]),
            ("1.000002", "Thủ tục đăng ký khai tử", &[]),
            ("1.000003", "Đăng ký giám sát việc giám hộ", &[]),
            ("1.000004", "Thủ tục đăng ký giám hộ", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "khai tu")[0], "1.000002");
    assert_eq!(ranked(&e, "dang ky giam ho")[0], "1.000004");
    // typed in full, the boilerplate is left out of the query too
    assert_eq!(ranked(&e, "thủ tục đăng ký khai tử")[0], "1.000002");
}

#[test]
fn the_plain_procedure_ranks_above_its_variants() {
    // the same words and lengths: the variant is numbered first (its field is), so only
    // the plain procedure's bonus puts the plain one first
    let c = catalogue_with(
        "variants",
        &[
            ("1.000001", "Đăng ký khai tử lưu động", &[], "a-truoc"),
            ("1.000002", "Đăng ký khai tử tại nhà", &[], "ho-tich"),
            (
                "1.000003",
                "Cấp đổi thẻ (thực hiện tại cấp tỉnh)",
                &[],
                "a-truoc",
            ),
            ("1.000004", "Cấp đổi thẻ", &[], "ho-tich"),
        ],
        None,
    );
    let e = Engine::new(&c).expect("index");
    let hits = e.search("khai tu", 10).expect("search").hits;
    assert_eq!(hits[0].code, "1.000002");
    assert!((hits[0].score - hits[1].score - 0.25).abs() < 1e-4);
    assert_eq!(ranked(&e, "cap doi the")[0], "1.000004");
    // a query naming a qualifier gives no bonus
    let hits = e.search("khai tu luu dong", 10).expect("search").hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].code, "1.000001");
}

#[test]
fn the_first_issue_ranks_above_its_follow_ups() {
    // "Thu hồi" and "Cấp lại" follow up the first registration: variants, unless named
    let c = catalogue_with(
        "follow-ups",
        &[
            ("1.000001", "Thu hồi biển số xe", &[], "a-truoc"),
            ("1.000002", "Cấp lại biển số xe", &[], "a-truoc"),
            ("1.000003", "Đăng ký biển số xe", &[], "ho-tich"),
        ],
        None,
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "bien so xe")[0], "1.000003");
    assert_eq!(ranked(&e, "cap lai bien so xe")[0], "1.000002");
    // "mất" means "cấp lại", which names the follow-up: no bonus for the first issue
    let hits = e.search("mat bien so xe", 10).expect("search").hits;
    assert_eq!(hits[0].code, "1.000002");
}

#[test]
fn organisations_versions_and_named_qualifiers() {
    let c = catalogue_with(
        "organisations",
        &[
            (
                "1.000001",
                "Cấp tài khoản định danh điện tử cho cơ quan, tổ chức",
                &[],
                "a-truoc",
            ),
            (
                "1.000002",
                "Cấp tài khoản định danh điện tử mức độ 02 cho công dân",
                &[],
                "ho-tich",
            ),
            (
                "1.000003",
                "Đăng ký khai sinh có yếu tố nước ngoài",
                &[],
                "a-truoc",
            ),
            (
                "1.000004",
                "Đăng ký khai sinh yếu tố nước ngoài tại nhà",
                &[],
                "ho-tich",
            ),
        ],
        None,
    );
    let e = Engine::new(&c).expect("index");
    // the version for organisations is a variant: the citizens' one first
    assert_eq!(ranked(&e, "tai khoan dinh danh dien tu")[0], "1.000002");
    // unless the query names organisations
    assert_eq!(ranked(&e, "tai khoan dinh danh to chuc")[0], "1.000001");
    // "YTNN" means "yếu tố nước ngoài", which names a qualifier: no plain bonus, so the
    // shorter title first (with the bonus, the plain longer one would be)
    let short = e.search("khai sinh ytnn", 10).expect("search");
    assert_eq!(short.hits[0].code, "1.000003");
    let gap = |h: &thutuc::search::Hits| h.hits[0].score - h.hits[1].score;
    assert!(gap(&short) > 0.0 && gap(&short) < 0.25, "{short}");
}

#[test]
fn question_words_are_left_out() {
    let c = catalogue(
        "fillers",
        &[
            ("1.000001", "Đăng ký thường trú", &[]),
            ("1.000002", "Đăng ký khai sinh", &[]),
            ("1.000003", "Cấp hộ chiếu phổ thông", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    let hits = e
        .search("dang ky thuong tru gom nhung gi", 10)
        .expect("search");
    assert_eq!(hits.hits[0].code, "1.000001");
    assert!(hits.left_out.is_empty(), "{hits}");
    assert_eq!(
        ranked(&e, "tôi muốn đăng ký khai sinh cho con")[0],
        "1.000002"
    );
    assert_eq!(
        ranked(&e, "le phi lam ho chieu bao nhieu tien")[0],
        "1.000003"
    );
    assert_eq!(ranked(&e, "Mã thủ tục: 1.000003")[0], "1.000003");
    // the last word gone with them, no word is a prefix: "chi" is not completed to "chiếu"
    assert_eq!(ranked(&e, "cap ho chi")[0], "1.000003");
    let hits = e.search("cap ho chi gi", 10).expect("search");
    assert_eq!(hits.left_out, ["chi"]);
    // a query of question words only is searched as it is
    assert_eq!(e.search("bao nhieu", 10).expect("search").total, 0);
}

#[test]
fn synonyms_find_what_citizens_call_things_below_the_words_as_typed() {
    let c = catalogue_with(
        "synonyms",
        &[
            ("1.000001", "Cấp thẻ căn cước", &[], "ho-tich"),
            ("1.000002", "Cấp hộ chiếu phổ thông", &[], "ho-tich"),
            (
                "1.000003",
                "Trình báo mất hộ chiếu phổ thông",
                &[],
                "ho-tich",
            ),
            ("1.000004", "Đăng ký thường trú", &[], "ho-tich"),
            (
                "1.000005",
                "Cấp thị thực cho người nước ngoài",
                &[],
                "ho-tich",
            ),
            ("1.000006", "Cấp lại thẻ căn cước", &[], "ho-tich"),
            ("1.000007", "Cấp đổi thẻ căn cước", &[], "ho-tich"),
            ("1.000008", "Tra cứu CCCD", &[], "ho-tich"),
            ("1.000009", "Cấp giấy thông hành", &[], "ho-tich"),
        ],
        Some("- words: [hộ khẩu]\n  means: []\n- words: giấy thông hành\n  means: hộ chiếu\n"),
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "lam ho chieu")[0], "1.000002");
    assert_eq!(ranked(&e, "xin visa")[0], "1.000005");
    assert_eq!(ranked(&e, "xin visa ")[0], "1.000005");
    assert_eq!(ranked(&e, "doi cccd")[0], "1.000007");
    assert!(
        ranked(&e, "mat cccd ")
            .iter()
            .take(2)
            .any(|c| c == "1.000006")
    );
    // the abbreviation as typed scores above its meaning
    assert_eq!(ranked(&e, "cccd")[0], "1.000008");
    assert!(ranked(&e, "cccd").contains(&"1.000001".to_string()));
    // synonyms.yaml removes a built-in meaning and adds its own
    // (without its meaning "thường trú", no procedure has "khẩu")
    let hits = e.search("ho khau", 10).expect("search");
    assert_eq!(hits.left_out, ["khau"]);
    // one way: what a phrase means does not mean the phrase
    assert!(!ranked(&e, "ho chieu").contains(&"1.000009".to_string()));
    assert_eq!(ranked(&e, "giay thong hanh")[0], "1.000009");
    assert!(ranked(&e, "giay thong hanh").contains(&"1.000002".to_string()));
}

#[test]
fn a_mistyped_word_is_read_as_its_nearest_known_words() {
    let c = catalogue(
        "typos",
        &[
            ("1.000001", "Đăng ký khai sinh", &[]),
            ("1.000002", "Cấp hộ chiếu phổ thông", &[]),
            ("1.000003", "Đăng ký thường trú", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    let hits = e.search("dang ky khai sihn", 10).expect("search");
    assert_eq!(hits.hits[0].code, "1.000001");
    assert_eq!(hits.corrected.as_deref(), Some("dang ky khai sinh"));
    // typed with Telex keys and no input method: read as the words they spell, as if typed so
    let telex = e.search("ddawng ky khai sinhf", 10).expect("search");
    let plain = e.search("dang ky khai sinh ", 10).expect("search");
    assert_eq!(telex.corrected.as_deref(), Some("dang ky khai sinh"));
    assert_eq!(telex.hits[0].code, "1.000001");
    assert_eq!(telex.hits[0].score, plain.hits[0].score);
    // the words not corrected are shown as the person typed them, not as analysed
    let hits = e.search("Đăng Ký khai sihn", 10).expect("search");
    assert_eq!(hits.corrected.as_deref(), Some("Đăng Ký khai sinh"));
    // the word being typed too, when it completes to nothing
    assert_eq!(ranked(&e, "khai sihn")[0], "1.000001");
    assert_eq!(ranked(&e, "ho chiue pho thong")[0], "1.000002");
    // long words may be two edits away; short ones are not corrected
    assert_eq!(ranked(&e, "thuongg tru")[0], "1.000003");
    assert!(
        e.search("khai sinx", 10)
            .expect("search")
            .corrected
            .is_some()
    );
    assert!(e.search("ho chi ", 10).expect("search").corrected.is_none());
}

#[test]
fn no_dead_ends_the_closest_procedures_say_what_they_lack() {
    let c = catalogue(
        "fallback",
        &[
            ("1.000001", "Cấp thẻ căn cước cho người dưới 14 tuổi", &[]),
            (
                "1.000002",
                "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
                &[],
            ),
            ("1.000003", "Đăng ký khai sinh", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    let hits = e
        .search("can cuoc cho chau duoi 14 tuoi", 10)
        .expect("search");
    assert_eq!(hits.hits[0].code, "1.000001");
    assert_eq!(hits.left_out, ["chau"]);
    // "trẻ" is a synonym of "dưới 14 tuổi": nothing is left out
    let hits = e.search("can cuoc cho tre", 10).expect("search");
    assert_eq!(hits.hits[0].code, "1.000001");
    assert!(hits.left_out.is_empty());
    let hits = e.search("dang ky khai sinh Qwzx", 10).expect("search");
    assert_eq!(hits.hits[0].code, "1.000003");
    assert_eq!(hits.left_out, ["Qwzx"], "as typed");
    // every word there: nothing left out
    assert!(
        e.search("khai sinh", 10)
            .expect("search")
            .left_out
            .is_empty()
    );
    // one word that matches nothing: nothing to fall back to
    assert_eq!(e.search("qwzx", 10).expect("search").total, 0);
}

#[test]
fn check_reports_a_broken_synonyms_file_by_line_and_field() {
    catalogue_with(
        "synonyms-broken",
        &[("1.000001", "Đăng ký khai sinh", &[], "ho-tich")],
        None,
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ranking-synonyms-broken");
    std::fs::write(
        dir.join("synonyms.yaml"),
        "- words: giấy khai sinh\n  means: [khai sinh]\n  mean: x\n",
    )
    .expect("write");
    let problems: Vec<String> = match thutuc::check(&dir) {
        Ok(_) => panic!("a broken synonyms.yaml passes check"),
        Err(thutuc::Error::Content(d)) => d.iter().map(|d| d.to_string()).collect(),
        Err(e) => panic!("{e}"),
    };
    assert!(
        problems
            .iter()
            .any(|l| l.contains("synonyms.yaml:3:3: mean: unknown field `mean`")),
        "{problems:?}"
    );
}

#[test]
fn a_meaning_in_a_short_title_beats_the_words_in_a_long_one() {
    // the pairs of a phrase count with the phrase ("ho khau") and of a meaning with the
    // meaning ("thuong tru"), the best of the two taking them
    let c = catalogue(
        "meaning-pairs",
        &[
            ("1.000001", "Đăng ký thường trú", &[]),
            (
                "1.000002",
                "Cấp giấy thông hành biên giới cho công dân có hộ khẩu thường trú ở tỉnh có chung \
                 đường biên giới (thực hiện tại cấp xã)",
                &[],
            ),
            ("1.000003", "Đăng ký khai sinh", &[]),
        ],
    );
    let e = Engine::new(&c).expect("index");
    assert_eq!(ranked(&e, "ho khau"), ["1.000001", "1.000002"]);
}
