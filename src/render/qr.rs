//! QR codes as inline SVG: the printed page and the posting sheet on the office wall lead
//! a phone back to the page that stays current.
//!
//! The `qrcode` crate encodes; this module chooses the mask (the same one the crate
//! chooses, faster: [`best_mask`]) and draws the modules, one path of horizontal
//! strokes, so the SVG is small, the same bytes every build, and needs no request of
//! its own.

use crate::catalogue::Procedure;
use crate::urls;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

/// The QR code of every procedure's page, each encoded and minified at most once a
/// build: the page, its A4 sheet and a row of each posting sheet show the same code, and
/// encoding (trying every mask for the most legible one) costs more than rendering the
/// page around it.
///
/// Pages hold a [slot](Codes::slot) where a code goes, and the code is put in after the
/// page is minified ([`Codes::fill`]): the paths of a posting sheet's codes are most of
/// its bytes, and the minifier would parse them again on every sheet.
pub struct Codes {
    base_url: String,
    index: HashMap<String, usize>,
    codes: Vec<(String, OnceLock<Option<String>>)>,
}

/// How a slot starts in a minified page. Content cannot make it: the minifier escapes
/// `<` in text, [`minify::html`](super::minify::html) in quoted attribute values and
/// titles, an unquoted value has no space, and comments are dropped.
const SLOT: &str = "<thutuc-qr i=";
/// How it ends, after the number.
const SLOT_END: &str = "></thutuc-qr>";

impl Codes {
    /// Room for the code of each of `procedures`; each is made when first asked for.
    pub fn new<'p>(procedures: impl Iterator<Item = &'p Procedure>, base_url: &str) -> Codes {
        let codes: Vec<(String, OnceLock<Option<String>>)> = procedures
            .map(|p| (p.slug.clone(), OnceLock::new()))
            .collect();
        Codes {
            base_url: base_url.to_string(),
            index: codes
                .iter()
                .enumerate()
                .map(|(i, (slug, _))| (slug.clone(), i))
                .collect(),
            codes,
        }
    }

    /// The canonical URL of the procedure page `slug`, which its code opens.
    pub fn url(&self, slug: &str) -> String {
        format!("{}{}", self.base_url, urls::procedure(slug))
    }

    /// The code of the procedure page `slug`, as [`svg`] draws it and the minifier
    /// writes it.
    pub fn of(&self, slug: &str) -> Option<String> {
        match self.index.get(slug) {
            Some(&i) => self.minified(i).map(str::to_string),
            None => minified(&self.url(slug)),
        }
    }

    fn minified(&self, i: usize) -> Option<&str> {
        let (slug, code) = self.codes.get(i)?;
        code.get_or_init(|| minified(&self.url(slug))).as_deref()
    }

    /// What a template inserts for the code of `slug`: a slot that [`Codes::fill`] fills
    /// after minifying, the code itself for a page not of the catalogue, or none when
    /// the address is too long for a code.
    pub fn slot(&self, slug: &str) -> Option<String> {
        match self.index.get(slug) {
            Some(&i) => self.minified(i).map(|_| format!("{SLOT}{i}{SLOT_END}")),
            None => self.of(slug),
        }
    }

    /// A minified page with its slots filled with their codes. A page without slots is
    /// returned as it is.
    pub fn fill(&self, page: Vec<u8>) -> Result<Vec<u8>, String> {
        let slot = SLOT.as_bytes();
        let Some(first) = crate::text::find_bytes(&page, slot, 0) else {
            return Ok(page);
        };
        let mut out = Vec::with_capacity(page.len() + 4096);
        out.extend_from_slice(&page[..first]);
        let mut at = first;
        loop {
            let digits = at + slot.len();
            let end = page[digits..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(page.len(), |n| digits + n);
            let code = std::str::from_utf8(&page[digits..end])
                .ok()
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|i| self.codes.get(i).and_then(|(_, c)| c.get()))
                .and_then(Option::as_deref);
            let (Some(code), true) = (code, page[end..].starts_with(SLOT_END.as_bytes())) else {
                return Err("a QR code's place in the page is damaged (a bug in thutuc)".into());
            };
            out.extend_from_slice(code.as_bytes());
            at = end + SLOT_END.len();
            match crate::text::find_bytes(&page, slot, at) {
                Some(next) => {
                    out.extend_from_slice(&page[at..next]);
                    at = next;
                }
                None => {
                    out.extend_from_slice(&page[at..]);
                    return Ok(out);
                }
            }
        }
    }
}

/// The code of `text` as the minifier writes it in a page: made once, put into pages
/// after they are minified.
fn minified(text: &str) -> Option<String> {
    let svg = svg(text)?;
    let bytes = super::minify::html(&svg).ok()?;
    String::from_utf8(bytes).ok()
}

/// The light margin around the code, in modules (the standard asks for 4).
const QUIET_ZONE: usize = 4;

/// `text` as an inline `<svg>`, hidden from screen readers: the page shows `text` beside
/// it, which is its text alternative. None when `text` is too long for a QR code (it is
/// a URL of a few dozen bytes; the largest code holds 2,331 bytes at this level).
pub fn svg(text: &str) -> Option<String> {
    let (width, dark) = encode(text.as_bytes())?;
    let size = width + 2 * QUIET_ZONE;
    // Relative moves from the end of the last stroke: most are a few modules, so the
    // path costs a few bytes a stroke. The viewBox starts half a module up, so that a
    // stroke along the middle of row y has the integer coordinate y.
    let mut path = String::with_capacity(width * width);
    let (mut at_x, mut at_y) = (0, 0);
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            let (sx, sy) = ((start + QUIET_ZONE) as i64, (y + QUIET_ZONE) as i64);
            if path.is_empty() {
                let _ = write!(path, "M{sx} {sy}h{}", x - start);
            } else {
                let _ = write!(path, "m{} {}h{}", sx - at_x, sy - at_y, x - start);
            }
            at_x = (x + QUIET_ZONE) as i64;
            at_y = sy;
        }
    }
    // No xmlns: the SVG is only ever inline in HTML, where the parser supplies it.
    Some(format!(
        "<svg class=qr viewBox=\"0 -.5 {size} {size}\" aria-hidden=true \
         shape-rendering=crispEdges><rect y=-.5 width={size} height={size} fill=#fff />\
         <path stroke=#000 d=\"{path}\"/></svg>"
    ))
}

/// `data` as the modules of a QR code (dark or not, row by row) and its width: what
/// `QrCode::with_error_correction_level(data, EcLevel::M)` makes, module for module.
/// Level M survives a crease or a stain on the paper without a large code.
fn encode(data: &[u8]) -> Option<(usize, Vec<bool>)> {
    let level = EcLevel::M;
    let bits = bits::encode_auto(data, level).ok()?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    Some((width, best_mask(&canvas, width)))
}

/// The eight masks of a QR code, in the order the crate tries them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The canvas under the mask with the lowest penalty (the first of equals), as the
/// crate's `apply_best_mask` chooses it: the same rules and scores, counted over a plain
/// array of modules. The crate reads every module through bounds checks and a boxed
/// closure per position, which made its search a fifth of a build's CPU.
fn best_mask(canvas: &Canvas, width: usize) -> Vec<bool> {
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let score = if width <= 128 {
            penalty_by_rows(&dark, width)
        } else {
            penalty(&dark, width)
        };
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| dark).unwrap_or_default()
}

/// The penalty of a masked code, as the `qrcode` crate counts it (its
/// `compute_total_penalty_scores` for a normal code, with its arithmetic: `u16`, the
/// finder rule's 360 taken off, wrapping as in a release build): runs of five or more in
/// a row or column, 2×2 blocks of one colour, finder-like patterns, and the balance of
/// dark and light.
fn penalty(dark: &[bool], width: usize) -> u16 {
    let at = |x: usize, y: usize, horizontal: bool| {
        if horizontal {
            dark[y * width + x]
        } else {
            dark[x * width + y]
        }
    };
    let mut score: u16 = 0;
    for horizontal in [true, false] {
        // Runs: 3 points for five in a row, one more for each module after.
        for i in 0..width {
            let mut run = 1u16;
            for j in 1..=width {
                if j < width && at(j, i, horizontal) == at(j - 1, i, horizontal) {
                    run += 1;
                } else {
                    if run >= 5 {
                        score = score.wrapping_add(run - 2);
                    }
                    run = 1;
                }
            }
        }
    }
    // 2×2 blocks of one colour: 3 points each, overlapping counted.
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let c = dark[y * width + x];
            if dark[y * width + x + 1] == c
                && dark[(y + 1) * width + x] == c
                && dark[(y + 1) * width + x + 1] == c
            {
                score = score.wrapping_add(3);
            }
        }
    }
    // Dark, light, dark ×3, light, dark without four light modules on both sides:
    // 40 points (the three real finder patterns count too, hence the 360 taken off).
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    for horizontal in [true, false] {
        let mut finder: u16 = 0;
        for i in 0..width {
            for j in 0..width.saturating_sub(6) {
                if !(0..7).all(|k| at(j + k, i, horizontal) == FINDER[k]) {
                    continue;
                }
                let any_dark =
                    |from: usize, to: usize| (from..to.min(width)).any(|k| at(k, i, horizontal));
                if !any_dark(j.saturating_sub(4), j) || !any_dark(j + 7, j + 11) {
                    finder = finder.wrapping_add(40);
                }
            }
        }
        score = score.wrapping_add(finder.wrapping_sub(360));
    }
    // Balance: one point for each half per cent away from half dark.
    let dark_modules = dark.iter().filter(|d| **d).count();
    let ratio = dark_modules * 200 / dark.len();
    let balance = ratio.abs_diff(100) as u16;
    score.wrapping_add(balance)
}

/// [`penalty`], counted on rows and columns as bits (a code of up to 128 modules a
/// side: every address of the site): each rule is a few shifts and masks a row.
fn penalty_by_rows(dark: &[bool], width: usize) -> u16 {
    let mut rows = vec![0u128; width];
    let mut columns = vec![0u128; width];
    for y in 0..width {
        for x in 0..width {
            if dark[y * width + x] {
                rows[y] |= 1 << x;
                columns[x] |= 1 << y;
            }
        }
    }
    let all: u128 = if width == 128 {
        u128::MAX
    } else {
        (1 << width) - 1
    };
    // Bits `from..to` of a line.
    let range = |from: usize, to: usize| -> u128 {
        let to = to.min(width);
        match to.saturating_sub(from) {
            0 => 0,
            128.. => u128::MAX,
            len => ((1u128 << len) - 1) << from,
        }
    };
    let mut score: u16 = 0;
    // Runs of five or more: from the positions where the colour changes.
    for line in rows.iter().chain(&columns) {
        // Bit x: module x differs from module x + 1 (the last one ends every line).
        let changes = ((line ^ (line >> 1)) & (all >> 1)) | (1 << (width - 1));
        let mut start = 0;
        let mut rest = changes;
        while rest != 0 {
            let end = rest.trailing_zeros() as usize;
            let run = end + 1 - start;
            if run >= 5 {
                score = score.wrapping_add((run - 2) as u16);
            }
            start = end + 1;
            rest &= rest - 1;
        }
    }
    // 2×2 blocks of one colour.
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same = !(a ^ (a >> 1)) & !(a ^ b) & !(b ^ (b >> 1)) & (all >> 1);
        score = score.wrapping_add(3 * same.count_ones() as u16);
    }
    // Finder-like patterns.
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    for lines in [&rows, &columns] {
        let mut finder: u16 = 0;
        for line in lines.iter() {
            let mut found = if width >= 7 { all >> 6 } else { 0 };
            for (k, dark) in FINDER.iter().enumerate() {
                let shifted = line >> k;
                found &= if *dark { shifted } else { !shifted };
            }
            while found != 0 {
                let j = found.trailing_zeros() as usize;
                found &= found - 1;
                let left_dark = line & range(j.saturating_sub(4), j) != 0;
                let right_dark = line & range(j + 7, j + 11) != 0;
                if !left_dark || !right_dark {
                    finder = finder.wrapping_add(40);
                }
            }
        }
        score = score.wrapping_add(finder.wrapping_sub(360));
    }
    let dark_modules: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark_modules * 200 / dark.len();
    score.wrapping_add(ratio.abs_diff(100) as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_modules_as_the_crate() {
        // Every mask wins for some of these; each code must be the crate's own.
        let mut masks = std::collections::HashSet::new();
        for n in 0..400 {
            let text = format!(
                "https://thutuc.example.vn/{}/thu-tuc/{}/",
                "t".repeat(n % 7),
                "cap-giay-phep-".repeat(n % 13) + &n.to_string()
            );
            let crate_code =
                qrcode::QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
            let ours = encode(text.as_bytes()).unwrap();
            assert_eq!(ours.0, crate_code.width(), "{text}");
            let theirs: Vec<bool> = crate_code
                .to_colors()
                .iter()
                .map(|c| *c == Color::Dark)
                .collect();
            assert_eq!(ours.1, theirs, "{text}");
            masks.insert(ours.1[8 * ours.0..8 * ours.0 + 9].to_vec());
        }
        assert!(masks.len() >= 6, "{} masks chosen", masks.len());
    }

    #[test]
    fn rows_count_as_modules_do() {
        // Random squares, and codes of every size the site makes and more.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for width in [21, 25, 57, 61, 64, 65, 101, 127, 128] {
            for _ in 0..20 {
                let dark: Vec<bool> = (0..width * width)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed.is_multiple_of(3)
                    })
                    .collect();
                assert_eq!(
                    penalty_by_rows(&dark, width),
                    penalty(&dark, width),
                    "{width}"
                );
            }
        }
        for n in [10, 100, 250, 400] {
            let (width, dark) = encode("x".repeat(n).as_bytes()).unwrap();
            assert_eq!(penalty_by_rows(&dark, width), penalty(&dark, width), "{n}");
        }
    }

    #[test]
    fn same_text_same_bytes() {
        let a = svg("https://example.org/thu-tuc/x/").unwrap();
        assert_eq!(a, svg("https://example.org/thu-tuc/x/").unwrap());
        assert!(a.starts_with("<svg class=qr "));
    }

    #[test]
    fn the_longest_address_stays_small() {
        // base_url, thu-tuc/ and a slug of 200 characters (the most `check` allows): the
        // posting sheets' rows a page (`posting::SHEET_ROWS`) count on this.
        let url = format!(
            "https://thutuc.example.vn/tinh/thu-tuc/{}/",
            "a-b".repeat(67)
        );
        let svg = svg(&url).unwrap();
        assert!(svg.len() < 8_000, "{} bytes", svg.len());
    }

    #[test]
    fn too_long_is_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
