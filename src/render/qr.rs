//! QR codes as inline SVG: the printed page and the posting sheet on the office wall lead
//! a phone back to the page that stays current.
//!
//! The `qrcode` crate encodes; this module only draws its modules, one path of
//! horizontal strokes, so the SVG is small, the same bytes every build, and needs no
//! request of its own.

use crate::catalogue::Catalogue;
use crate::urls;
use qrcode::{Color, EcLevel, QrCode};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

/// The QR code of every procedure's page, each encoded at most once a build: the page,
/// its A4 sheet and a row of each posting sheet show the same code, and encoding (trying
/// every mask for the most legible one) costs more than rendering the page around it.
pub struct Codes {
    base_url: String,
    by_slug: HashMap<String, OnceLock<Option<String>>>,
}

impl Codes {
    /// Room for the code of every procedure of `c`; each is made when first asked for.
    pub fn new(c: &Catalogue, base_url: &str) -> Codes {
        Codes {
            base_url: base_url.to_string(),
            by_slug: c
                .procedures
                .iter()
                .map(|p| (p.slug.clone(), OnceLock::new()))
                .collect(),
        }
    }

    /// The canonical URL of the procedure page `slug`, which its code opens.
    pub fn url(&self, slug: &str) -> String {
        format!("{}{}", self.base_url, urls::procedure(slug))
    }

    /// The code of the procedure page `slug`, as [`svg`] draws it.
    pub fn of(&self, slug: &str) -> Option<String> {
        match self.by_slug.get(slug) {
            Some(code) => code.get_or_init(|| svg(&self.url(slug))).clone(),
            None => svg(&self.url(slug)),
        }
    }
}

/// The light margin around the code, in modules (the standard asks for 4).
const QUIET_ZONE: usize = 4;

/// `text` as an inline `<svg>`, hidden from screen readers: the page shows `text` beside
/// it, which is its text alternative. None when `text` is too long for a QR code (it is
/// a URL of a few dozen bytes; the largest code holds 2,331 bytes at this level).
pub fn svg(text: &str) -> Option<String> {
    // Level M survives a crease or a stain on the paper without a large code.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark: Vec<bool> = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

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
