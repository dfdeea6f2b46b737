//! The ranking rules, one small catalogue each, through tantivy (`thutuc::search::Engine`).
//! The parity test holds the browser client to the same ranking.

use std::path::{Path, PathBuf};
use thutuc::search::Engine;

/// Writes a catalogue of the given (code, title, keywords) procedures and loads it.
fn catalogue(name: &str, procedures: &[(&str, &str, &[&str])]) -> thutuc::catalogue::Catalogue {
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
    write("fields.yaml", "- id: ho-tich\n  name: Hộ tịch\n");
    write("life-events.yaml", "- id: sinh-con\n  name: Sinh con\n");
    write(
        "agencies/ubnd-xa.yaml",
        "name: Ủy ban nhân dân xã\nlevel: xa\n",
    );
    for (i, (code, title, keywords)) in procedures.iter().enumerate() {
        let keywords = if keywords.is_empty() {
            String::new()
        } else {
            format!("keywords: [{}]\n", keywords.join(", "))
        };
        write(
            &format!("procedures/p{i}.md"),
            &format!(
                "---\ncode: \"{code}\"\ntitle: {title}\nlevel: xa\nfield: ho-tich\nagency: ubnd-xa\n\
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
    // a finished word (a space after it) is not completed
    assert!(ranked(&e, "dang ky kh ").is_empty());
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
