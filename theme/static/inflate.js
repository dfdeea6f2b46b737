// Raw DEFLATE (RFC 1951) decoding, for the browsers without DecompressionStream('deflate-raw')
// (before 2023): search.js loads it only there. The search index's files are deflated when the
// site is built, so that what a query downloads is small on any host.

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
// the order in which a dynamic block gives the lengths of its code-length code
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const corrupt = () => new Error('search index file is corrupt');

// A canonical Huffman code from its code lengths: how many codes of each length, and the
// symbols in code order.
function huffman(lengths) {
  const counts = new Uint16Array(16);
  for (const length of lengths) counts[length]++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let length = 1; length < 16; length++) offsets[length] = offsets[length - 1] + counts[length - 1];
  const symbols = new Uint16Array(lengths.length);
  lengths.forEach((length, symbol) => {
    if (length) symbols[offsets[length]++] = symbol;
  });
  return { counts, symbols };
}

const FIXED_LITERALS = huffman(Array.from({ length: 288 }, (_, s) => (s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8)));
const FIXED_DISTANCES = huffman(new Array(30).fill(5));

/** The bytes that raw DEFLATE `input` (a Uint8Array) holds. */
export function inflateRaw(input) {
  let at = 0;
  let bit = 0;
  let out = new Uint8Array(Math.max(1024, input.length * 4));
  let n = 0;
  const room = (k) => {
    if (n + k <= out.length) return;
    const grown = new Uint8Array(Math.max(out.length * 2, n + k));
    grown.set(out);
    out = grown;
  };
  const bits = (k) => {
    let v = 0;
    for (let i = 0; i < k; i++) {
      if (at >= input.length) throw new Error('search index file is truncated');
      v |= ((input[at] >> bit) & 1) << i;
      if (++bit === 8) {
        bit = 0;
        at++;
      }
    }
    return v;
  };
  const decode = ({ counts, symbols }) => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length < 16; length++) {
      code |= bits(1);
      const count = counts[length];
      if (code - count < first) return symbols[index + (code - first)];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw corrupt();
  };
  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // stored: from the next byte, its length, the length's complement, the bytes
      if (bit) {
        bit = 0;
        at++;
      }
      if (at + 4 > input.length) throw new Error('search index file is truncated');
      const length = input[at] | (input[at + 1] << 8);
      at += 4;
      if (at + length > input.length) throw new Error('search index file is truncated');
      room(length);
      out.set(input.subarray(at, at + length), n);
      n += length;
      at += length;
      continue;
    }
    if (type === 3) throw corrupt();
    let literals = FIXED_LITERALS;
    let distances = FIXED_DISTANCES;
    if (type === 2) {
      const literalCount = bits(5) + 257;
      const distanceCount = bits(5) + 1;
      const codeLengthCount = bits(4) + 4;
      const codeLengths = new Uint8Array(19);
      for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
      const lengthCode = huffman(codeLengths);
      const lengths = new Uint8Array(literalCount + distanceCount);
      for (let i = 0; i < lengths.length;) {
        const symbol = decode(lengthCode);
        if (symbol < 16) {
          lengths[i++] = symbol;
          continue;
        }
        if (symbol === 16 && i === 0) throw corrupt();
        const repeated = symbol === 16 ? lengths[i - 1] : 0;
        let times = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7);
        if (i + times > lengths.length) throw corrupt();
        while (times--) lengths[i++] = repeated;
      }
      literals = huffman(lengths.subarray(0, literalCount));
      distances = huffman(lengths.subarray(literalCount));
    }
    for (;;) {
      const symbol = decode(literals);
      if (symbol < 256) {
        room(1);
        out[n++] = symbol;
        continue;
      }
      if (symbol === 256) break;
      const s = symbol - 257;
      if (s >= 29) throw corrupt();
      const length = LENGTH_BASE[s] + bits(LENGTH_EXTRA[s]);
      const d = decode(distances);
      if (d >= 30) throw corrupt();
      const distance = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
      if (distance > n) throw corrupt();
      room(length);
      for (let i = 0; i < length; i++, n++) out[n] = out[n - distance];
    }
  }
  return out.subarray(0, n);
}
