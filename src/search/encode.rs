//! Byte-level building blocks of the export: varints, strings, bit-packed columns, hashes.
//! The JavaScript reader in `theme/static/search.js` mirrors each of them.

/// Unsigned LEB128: seven bits a byte, low bits first, high bit set on all but the last.
pub fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A varint byte length, then the UTF-8 bytes.
pub fn string(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The number of bits that hold every value below `count` (0 when there is one value).
pub fn bits_for(count: usize) -> u32 {
    match count {
        0 | 1 => 0,
        n => usize::BITS - (n - 1).leading_zeros(),
    }
}

/// `values` packed `width` bits each, value `i` at bits `i*width..`, low bits first.
pub fn bitpack(out: &mut Vec<u8>, values: &[u32], width: u32) {
    let start = out.len();
    let total_bits = values.len() * width as usize;
    out.resize(start + total_bits.div_ceil(8), 0);
    for (i, &v) in values.iter().enumerate() {
        for b in 0..width {
            if v >> b & 1 == 1 {
                let bit = i * width as usize + b as usize;
                out[start + bit / 8] |= 1 << (bit % 8);
            }
        }
    }
}

/// FNV-1a, 32 bits, over UTF-8: picks a term's shard. Small enough to write again in JS.
pub fn fnv1a32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h: u32, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

/// FNV-1a, 64 bits: names files after their content (not a security measure: it only has
/// to change when the bytes change).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, &b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The name a whole-title term is written under: 11 characters (base64url of its 64-bit
/// FNV-1a) instead of the whole title's 60 or so. The chance that a query that is no title
/// takes a title's name is about one in 10^14 at 100,000 titles.
pub fn whole_name(term: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(fnv1a64(term.as_bytes()).to_le_bytes())
}

/// Raw DEFLATE (RFC 1951) at the best compression: what the search index's files are
/// stored as, and what the client inflates. The same bytes give the same output.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::best(),
    );
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("writing to a Vec cannot fail")
}

/// The short hex name of some content.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:012x}", fnv1a64(bytes) >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX as u64] {
            varint(&mut out, v);
        }
        assert_eq!(
            out,
            [0, 1, 127, 0x80, 1, 0xac, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]
        );
    }

    #[test]
    fn bits_and_packing() {
        assert_eq!(
            [0, 1, 2, 3, 4, 5, 256, 257].map(bits_for),
            [0, 0, 1, 2, 2, 3, 8, 9]
        );
        let mut out = Vec::new();
        bitpack(&mut out, &[1, 2, 3, 0, 1], 2);
        assert_eq!(out, [0b0011_1001, 0b01]);
    }

    #[test]
    fn deflated_bytes_inflate_to_themselves() {
        let text = "Đăng ký khai sinh, đăng ký khai tử, đăng ký kết hôn".repeat(20);
        let deflated = deflate(text.as_bytes());
        assert!(deflated.len() < text.len() / 4, "{} bytes", deflated.len());
        let mut inflated = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::DeflateDecoder::new(&deflated[..]),
            &mut inflated,
        )
        .unwrap();
        assert_eq!(inflated, text);
    }

    #[test]
    fn fnv() {
        // reference values of FNV-1a
        assert_eq!(fnv1a32(""), 0x811c9dc5);
        assert_eq!(fnv1a32("a"), 0xe40c292c);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        // the client's wholeName gives the same (tests/search/analyzer.test.mjs)
        assert_eq!(whole_name("dang ky khai sinh"), "qpWeFi5gtt4");
    }
}
