//! QR codes as inline SVG: the printed page and the posting sheet on the office wall lead
//! a phone back to the page that stays current.
//!
//! The `qrcode` crate encodes; this module only draws its modules, one path of
//! horizontal strokes, so the SVG is small, the same bytes every build, and needs no
//! request of its own.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

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
    let mut path = String::with_capacity(width * width);
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
            // A stroke one module wide along the middle of the row.
            let _ = write!(
                path,
                "M{} {}.5h{}",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start
            );
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         aria-hidden=\"true\" focusable=\"false\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path stroke=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_same_bytes() {
        let a = svg("https://example.org/thu-tuc/x/").unwrap();
        assert_eq!(a, svg("https://example.org/thu-tuc/x/").unwrap());
        assert!(a.starts_with("<svg class=\"qr\""));
    }

    #[test]
    fn too_long_is_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
