// thutuc search client: no dependencies, runs in browsers and in Node 20+.
//
// It reads the static index written by src/search/export.rs (the file format is documented
// there), tokenizes a query exactly as src/search/analyzer.rs does, and ranks with the rules
// of src/search/query.rs and tantivy's BM25, computed in 32-bit floats as tantivy does, so
// that its ranking equals `thutuc search` (tests/search_parity.rs holds it to that).

const FORMAT = 8;

// ---------------------------------------------------------------- analyzer (analyzer.rs)

const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
const ASCII_DIGIT = /^[0-9]$/;
const DIGIT = /[0-9]/;
const MARKS = /\p{M}/gu;
// a consonant onset and a lone y: the y is written i (kí/ký, lí/lý, quí/quý)
const ONSET_Y = /^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|nh|p|ph|qu|r|s|t|th|tr|v|x)([yýỳỷỹỵ])$/u;
const Y_TO_I = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };
export const MAX_WORD_CHARS = 40;

function clean(text) {
  return Array.from(String(text).replace(INVISIBLE, '').normalize('NFC'));
}

function split(chars) {
  const out = [];
  let current = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (ALNUM.test(c)) {
      current += c;
    } else if (
      c === '.' && i > 0 && ASCII_DIGIT.test(chars[i - 1]) &&
      i + 1 < chars.length && ASCII_DIGIT.test(chars[i + 1])
    ) {
      // 1.000656: the dot is part of a number
    } else if (current) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}

/** The URL name of a title, as text::slugify: folded, ASCII letters and digits, hyphens. */
export function slugify(text) {
  const folded = String(text).normalize('NFD').replace(MARKS, '').toLowerCase().replace(/đ/g, 'd');
  return folded.split(/[^a-z0-9]+/).filter(Boolean).join('-');
}

/** The folded form of a lower-case word: every mark removed, đ → d. */
export function fold(word) {
  return word.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd');
}

function word(raw) {
  const accented = raw.toLowerCase().replace(ONSET_Y, (_, onset, y) => onset + Y_TO_I[y]);
  if (Array.from(accented).length > MAX_WORD_CHARS) return null;
  const folded = fold(accented);
  return folded ? { accented, folded } : null;
}

/** The words of a text: [{ accented, folded }]. */
export function analyze(text) {
  return split(clean(text)).map(word).filter(Boolean);
}

/** A query's words, and whether the text ends inside the last one (it is being typed). */
export function analyzeQuery(text) {
  const chars = clean(text);
  const endsInWord = chars.length > 0 && ALNUM.test(chars[chars.length - 1]);
  const words = [];
  let lastKept = false;
  for (const raw of split(chars)) {
    const w = word(raw);
    lastKept = w !== null;
    if (w) words.push({ ...w, typed: raw });
  }
  return { words, lastIsPrefix: endsInWord && lastKept };
}

// ------------------------------------------------------------------- BM25 as tantivy's

const f32 = Math.fround;

/** tantivy's one-byte field length code → length (Lucene's SmallFloat table). */
export const FIELDNORMS = Array.from({ length: 256 }, (_, id) => {
  if (id < 24) return id;
  const x = id - 24;
  return 24 + (x >> 3 === 0 ? x & 7 : ((x & 7) | 8) * 2 ** ((x >> 3) - 1));
});

function idf(df, n) {
  const x = f32(f32(f32(n - df) + 0.5) / f32(df + 0.5));
  return f32(Math.log(f32(1 + x)));
}

function normCache(avg, k1, b) {
  const oneMinusB = f32(1 - b);
  return Float64Array.from(FIELDNORMS, (dl) =>
    f32(k1 * f32(oneMinusB + f32(f32(b * f32(dl)) / avg))));
}

// ----------------------------------------------------------- binary files (export.rs)

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

function fnv1a32(s) {
  let h = 0x811c9dc5;
  for (const byte of ENCODER.encode(s)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h >>> 0;
}

/** The name a whole title is written under in the index (export.rs): base64url of its
 * 64-bit FNV-1a. */
export function wholeName(text) {
  let h = 0xcbf29ce484222325n;
  for (const byte of ENCODER.encode(text)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  let bytes = '';
  for (let i = 0n; i < 8n; i++) bytes += String.fromCharCode(Number((h >> (8n * i)) & 0xffn));
  return btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Raw DEFLATE → bytes: the browser's own decoder, or (browsers before 2023) inflate.js
async function inflate(bytes) {
  if (typeof DecompressionStream !== 'function') return (await import('./inflate.js')).inflateRaw(bytes);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    throw new Error('search index file is corrupt');
  }
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }
  byte() {
    if (this.at >= this.bytes.length) throw new Error('search index file is truncated');
    return this.bytes[this.at++];
  }
  varint() {
    let value = 0;
    let scale = 1;
    let b;
    do {
      b = this.byte();
      value += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return value;
  }
  string() {
    const n = this.varint();
    if (this.at + n > this.bytes.length) throw new Error('search index file is truncated');
    const s = DECODER.decode(this.bytes.subarray(this.at, this.at + n));
    this.at += n;
    return s;
  }
  skip(n) {
    if (this.at + n > this.bytes.length) throw new Error('search index file is truncated');
    const start = this.at;
    this.at += n;
    return this.bytes.subarray(start, this.at);
  }
}

// A dictionary shard or a region file: term → raw lists, decoded into postings only when a
// query needs them. `width` is the number of document ids a bitmap covers.
function parseTerms(bytes, m, width) {
  const r = new Reader(bytes);
  const terms = new Map();
  for (let t = r.varint(); t > 0; t--) {
    const text = r.string();
    const lists = new Map();
    let blocked = false;
    for (let l = r.varint(); l > 0; l--) {
      const field = r.varint();
      // fields `fields.length` and the next: the bounds of a pair of common words
      // (encoding 4)
      const spec = m.fields[field] || (field === m.fields.length || field === m.fields.length + 1 ? {} : null);
      if (!spec) throw new Error('search index: unknown field');
      const df = r.varint();
      const mode = r.varint();
      const raw = { mode, df };
      if (mode === 0) {
        raw.docs = new Uint32Array(df);
        let previous = -1;
        for (let k = 0; k < df; k++) raw.docs[k] = previous = previous + 1 + r.varint();
        Object.assign(raw, readFreqs(r, spec, df));
      } else if (mode === 1) {
        raw.docs = bitmapDocs(r.skip(Math.ceil(width / 8)), df);
        Object.assign(raw, readFreqs(r, spec, df));
      } else if (mode === 2) {
        raw.groups = new Map();
        for (let g = r.varint(); g > 0; g--) {
          const value = r.varint();
          raw.groups.set(value, splitFreq(spec, spec.freqs || spec.norms ? r.varint() : 0));
        }
      } else if (mode === 3) {
        raw.subset = r.skip(r.varint());
        raw.same = r.varint() === 1;
        if (!raw.same) Object.assign(raw, readFreqs(r, spec, df));
      } else if (mode === 4) {
        const count = r.varint();
        const regions = [];
        if (r.varint() === 0) {
          let previous = -1;
          for (let n = 0; n < count; n++) regions.push(previous = previous + 1 + r.varint());
        } else {
          const bits = r.skip(Math.ceil(Math.ceil(m.docs / m.region) / 8));
          for (let i = 0; i < bits.length * 8; i++) if ((bits[i >> 3] >> (i & 7)) & 1) regions.push(i);
          if (regions.length !== count) throw new Error('search index: bad region bitmap');
        }
        const quanta = r.skip(count);
        const max = new DataView(r.skip(4).slice().buffer).getFloat32(0, true);
        raw.regions = new Map(regions.map((region, i) => [region, (max * quanta[i]) / 255]));
        blocked ||= field < m.fields.length;
      } else {
        throw new Error(`search index: unknown postings encoding ${mode}`);
      }
      lists.set(field, raw);
    }
    // a term with postings in region files: the group of its region files
    if (blocked) lists.group = r.varint();
    terms.set(text, lists);
  }
  // a short dictionary shard may end with the synonyms whose phrase starts with its words
  terms.synonyms = [];
  if (r.at < bytes.length) {
    for (let n = r.varint(); n > 0; n--) {
      const key = r.string().split(' ');
      const means = [];
      for (let k = r.varint(); k > 0; k--) {
        means.push(r.string().split(' ').map((accented) => ({ accented, folded: fold(accented) })));
      }
      terms.synonyms.push({ key, means });
    }
  }
  return terms;
}

// The freqs block of export.rs → { tf, norm } arrays in doc order.
function readFreqs(r, spec, df) {
  const tf = new Uint32Array(df).fill(1);
  const norm = new Uint8Array(df).fill(1);
  if (spec.norms) {
    const width = r.varint();
    unpack(r.skip(Math.ceil((df * width) / 8)), df, width, norm);
  }
  if (spec.freqs) {
    let index = 0;
    for (let n = r.varint(); n > 0; n--) {
      index += r.varint();
      if (index >= df) throw new Error('search index: bad frequency');
      tf[index] = r.varint() + 1;
    }
  }
  return { tf, norm };
}

// `count` values of `width` bits, low bit first, into `out`.
function unpack(packed, count, width, out) {
  for (let i = 0; i < count; i++) {
    let v = 0;
    for (let b = 0; b < width; b++) {
      const bit = i * width + b;
      if ((packed[bit >> 3] >> (bit & 7)) & 1) v += 2 ** b;
    }
    out[i] = v;
  }
  return out;
}

function bitmapDocs(bitmap, count) {
  const docs = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < bitmap.length && k < count; i++) {
    for (let bit = 0, v = bitmap[i]; v; bit++, v >>= 1) if (v & 1) docs[k++] = i * 8 + bit;
  }
  return docs;
}

// A freq varint of export.rs → [tf, fieldnorm id].
function splitFreq(spec, v) {
  if (spec.freqs && spec.norms) return [Math.floor(v / 256) + 1, v % 256];
  if (spec.freqs) return [v + 1, 1];
  if (spec.norms) return [1, v];
  return [1, 1];
}

// The postings of `term` in field `f` of parsed terms: { docs, tf, norm }, { regions } for a
// blocked list (encoding 4), or null.
function postings(m, terms, term, f) {
  const lists = terms.get(term);
  const raw = lists && lists.get(f);
  if (!raw) return null;
  if (raw.resolved) return raw.resolved;
  const spec = m.fields[f];
  let list;
  if (raw.mode === 0 || raw.mode === 1) {
    list = { docs: raw.docs, tf: raw.tf, norm: raw.norm };
  } else if (raw.mode === 4) {
    list = { regions: raw.regions };
  } else if (raw.mode === 2) {
    const column = m.fieldOf();
    list = { docs: new Uint32Array(raw.df), tf: new Uint32Array(raw.df), norm: new Uint8Array(raw.df) };
    let k = 0;
    for (let d = 0; d < column.length && k < raw.df; d++) {
      const freq = raw.groups.get(column[d]);
      if (freq !== undefined) {
        list.docs[k] = d;
        [list.tf[k], list.norm[k]] = freq;
        k++;
      }
    }
    if (k !== raw.df) throw new Error('search index: facet postings do not match');
  } else {
    const twin = postings(m, terms, fold(term), spec.twin);
    if (!twin || !twin.docs) throw new Error('search index: missing twin postings');
    list = { docs: new Uint32Array(raw.df), tf: raw.tf || new Uint32Array(raw.df), norm: raw.norm || new Uint8Array(raw.df) };
    let k = 0;
    for (let i = 0; i < twin.docs.length && k < raw.df; i++) {
      if ((raw.subset[i >> 3] >> (i & 7)) & 1) {
        list.docs[k] = twin.docs[i];
        if (raw.same) {
          list.tf[k] = twin.tf[i];
          list.norm[k] = twin.norm[i];
        }
        k++;
      }
    }
    if (k !== raw.df) throw new Error('search index: subset postings do not match');
  }
  list.df = raw.df;
  raw.resolved = list;
  return list;
}

function parseCompletions(bytes) {
  const r = new Reader(bytes);
  const out = [];
  for (let n = r.varint(); n > 0; n--) out.push([r.string(), r.varint()]);
  return out;
}

// The agencies file: [{ id, name }] and each document's agency.
function parseAgencies(bytes, n) {
  const r = new Reader(bytes);
  const names = [];
  for (let k = r.varint(); k > 0; k--) names.push({ id: r.string(), name: r.string() });
  const width = r.varint();
  const column = unpack(r.skip(Math.ceil((n * width) / 8)), n, width, new Uint32Array(n));
  return { names, column, index: new Map(names.map((a, i) => [a.id, i])) };
}

// Code point order, as Rust compares strings.
function compareCodePoints(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

// First index in sorted `docs` at or above `value`.
function lowerBound(docs, value) {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// f32 sums in either engine may land a few ulps above the bound of their terms
const slack = (bound) => bound * (1 + 1e-5) + 1e-6;

// ---------------------------------------------------------------------- the search

/**
 * @param {{ baseUrl?: string, fetch?: typeof fetch }} options
 *   baseUrl: the site's base (the index is at `${baseUrl}search/manifest.json`);
 *   fetch: the fetch to use (default: the global one).
 */
export function createSearch({ baseUrl = '', fetch: fetchFn = globalThis.fetch } = {}) {
  const base = baseUrl === '' || baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let state = null; // { manifest, files: Map(path → Promise), parsed: Map(path → Promise) }

  // A file of the index: the manifest as JSON, every other file deflated (export.rs), as
  // bytes or (`as` 'json') as JSON
  function load(path, as, init) {
    let p = state.files.get(path);
    if (!p) {
      p = fetchFn(`${base}search/${path}`, init).then(async (response) => {
        if (!response.ok) throw new Error(`search index: ${path}: HTTP ${response.status}`);
        if (path === 'manifest.json') return response.json();
        const bytes = await inflate(new Uint8Array(await response.arrayBuffer()));
        return as === 'json' ? JSON.parse(DECODER.decode(bytes)) : bytes;
      });
      p.catch(() => state && state.files.delete(path));
      state.files.set(path, p);
    }
    return p;
  }

  async function open() {
    if (!state) {
      state = { files: new Map(), manifest: null, parsed: new Map() };
      const current = state;
      current.manifest = load('manifest.json', 'json', { cache: 'no-cache' }).then((m) => {
        if (m.format !== FORMAT) throw new Error(`search index format ${m.format}, expected ${FORMAT}`);
        return prepare(m);
      });
      current.manifest.catch(() => { if (state === current) state = null; });
    }
    return state.manifest;
  }

  function prepare(m) {
    const k1 = f32(m.bm25.k1);
    const b = f32(m.bm25.b);
    const n = m.docs;
    // a field: [name, form, family, boost, completionBoost, flags, tokens(, twin)]
    const fields = m.fields.map(([name, form, family, boost, completionBoost, flags, tokens, twin]) => ({
      name, form, family, tokens, twin,
      completes: flags.includes('c'),
      freqs: flags.includes('f'),
      norms: flags.includes('n'),
      boost: f32(boost),
      completionBoost: f32(completionBoost),
      cache: normCache(f32(f32(tokens) / f32(n)), k1, b),
    }));
    // documents are numbered by field then level set: runs of ids, [length, field, set,
    // plain], as varints (the field as a step from the previous run's) in base64
    const runs = [];
    const starts = [];
    const reader = new Reader(Uint8Array.from(atob(m.facets.runs), (c) => c.charCodeAt(0)));
    for (let at = 0, field = 0; reader.at < reader.bytes.length;) {
      const length = reader.varint();
      field += reader.varint();
      runs.push([length, field, reader.varint(), reader.varint()]);
      starts.push(at);
      at += length;
    }
    m.facets.runs = runs;
    let fieldColumn = null;
    const index = (list) => new Map(list.map((entry, i) => [entry.id, i]));
    return {
      ...m,
      fields,
      weightFactor: f32(1 + k1),
      starts,
      facetIndex: { level: index(m.facets.level) },
      // The run of document d: [length, field, set, plain].
      runOf(d) {
        return m.facets.runs[this.runIndex(d)];
      },
      runIndex(d) {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= d) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      },
      // the run's first `plain` documents are plain procedures (rule 9 of query.rs)
      isPlain(d) {
        const i = this.runIndex(d);
        return d - starts[i] < m.facets.runs[i][3];
      },
      fieldOf() {
        if (!fieldColumn) {
          fieldColumn = new Uint32Array(n);
          m.facets.runs.forEach(([length, field], i) => fieldColumn.fill(field, starts[i], starts[i] + length));
        }
        return fieldColumn;
      },
    };
  }

  function parsed(path, parse) {
    let p = state.parsed.get(path);
    if (!p) {
      p = load(path, 'bytes').then(parse);
      p.catch(() => state && state.parsed.delete(path));
      state.parsed.set(path, p);
    }
    return p;
  }

  // The files of a family: a word's short and body lists are in the words' files, and a
  // word whose key has a digit (a code, a number) is in the digit dictionary
  function filesOf(m, family) {
    return family === 'short' || family === 'body' ? m.files.words : m.files[family];
  }

  function shard(m, family, key) {
    const files = filesOf(m, family);
    const { dir, shards } = files === m.files.words && DIGIT.test(key) ? m.files.digits : files;
    return parsed(`${dir}/${fnv1a32(key) % shards}.bin`, (bytes) => parseTerms(bytes, m, m.docs));
  }

  // A word's entries in the words' dictionary: the shard of its folding and, for a word
  // with marks, the shard of its accented form (an accented term is sharded by its own text)
  function wordShard(m, w) {
    const folded = shard(m, 'short', w.folded);
    if (w.accented === w.folded) return folded;
    return Promise.all([folded, shard(m, 'short', w.accented)]).then(([a, b]) => {
      if (a === b) return a;
      const both = new Map([...a, ...b]);
      both.synonyms = a.synonyms;
      return both;
    });
  }

  // the region files of a term's group (written at the end of its dictionary entry)
  function regionFile(m, family, group, region) {
    const { regions } = filesOf(m, family);
    const width = Math.min(m.region, m.docs - region * m.region);
    return parsed(`${regions}/${region}-${group}.bin`, (bytes) => parseTerms(bytes, m, width));
  }

  function agencies(m) {
    return parsed(m.files.agencies, (bytes) => parseAgencies(bytes, m.docs));
  }

  // The fields' names, for the filters; their ids' places also go into m.facetIndex.
  async function fieldNames(m) {
    const list = await load(m.files.fields, 'json');
    if (!m.facetIndex.field) m.facetIndex.field = new Map(list.map((entry, i) => [entry.id, i]));
    return list;
  }

  // The candidate completions in the completion shard of `word`'s first characters.
  function candidates(m, word) {
    const { dir, shards } = m.files.completions;
    const key = Array.from(word).slice(0, m.query.minPrefixChars).join('');
    return parsed(`${dir}/${fnv1a32(key) % shards}.bin`, parseCompletions)
      .then((list) => list.filter(([term]) => term.startsWith(key)));
  }

  async function completions(m, prefix) {
    const list = await candidates(m, prefix);
    return list
      .filter(([term]) => term !== prefix && term.startsWith(prefix))
      .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
      .slice(0, m.query.maxExpansions)
      .map(([term]) => term);
  }

  // Rule 6 of query.rs: the corrections of an unknown folded word.
  async function corrections(m, word) {
    const list = await candidates(m, word);
    const chars = Array.from(word);
    const max = chars.length >= m.query.longWordChars ? 2 : 1;
    const near = [];
    for (const [term, weight] of list) {
      const t = Array.from(term);
      if (t.length <= m.query.minPrefixChars) continue;
      const d = editDistance(chars, t, max);
      if (d !== null) near.push([d, weight, term]);
    }
    near.sort((a, b) => a[0] - b[0] || b[1] - a[1] || compareCodePoints(a[2], b[2]));
    return near
      .filter((n) => n[0] === near[0][0])
      .slice(0, m.query.maxCorrections)
      .map((n) => n[2]);
  }

  // One term in one field, ready to score: its BM25 weight, its postings (or per-region
  // bounds when blocked) and where its region postings are.
  function termList(m, terms, family, key, term, f, boost) {
    const list = postings(m, terms, term, f);
    if (!list) return null;
    let weight = f32(idf(list.df, m.docs) * m.weightFactor);
    if (boost !== 1) weight = f32(weight * boost);
    const out = { family, key, term, f, weight, list, bounds: list.regions, group: terms.get(term).group };
    if (!list.regions) {
      // a list held whole: its bound in each region is its best score there
      out.bounds = new Map();
      const cache = m.fields[f].cache;
      for (let k = 0; k < list.docs.length; k++) {
        const r = Math.floor(list.docs[k] / m.region);
        const s = f32(weight * f32(list.tf[k] / f32(list.tf[k] + cache[list.norm[k]])));
        if (!(out.bounds.get(r) >= s)) out.bounds.set(r, s);
      }
    }
    return out;
  }

  // Adds the scores of `t` in region `r` (ids base…base+width) into `score`, marking `hit`.
  // An estimate instead of a score: with `estimate` 1, a blocked list outside the words'
  // files (pairs, whole titles) is not fetched, its bound in the region is added to every
  // document there; with 2, no blocked list is fetched.
  async function addRegion(m, t, r, base, width, score, hit, estimate) {
    if (!t.bounds.has(r)) return;
    if (estimate && t.list.regions && (estimate === 2 || filesOf(m, t.family) !== m.files.words)) {
      const s = t.bounds.get(r);
      for (let d = 0; d < width; d++) {
        score[d] += s;
        hit[d] = 1;
      }
      return;
    }
    let docs;
    let tf;
    let norm;
    let offset = 0;
    let from = 0;
    let to;
    if (t.list.regions) {
      const terms = await regionFile(m, t.family, t.group, r);
      const local = postings(m, terms, t.term, t.f);
      if (!local || !local.docs) throw new Error('search index: region postings missing');
      ({ docs, tf, norm } = local);
      to = docs.length;
    } else {
      ({ docs, tf, norm } = t.list);
      offset = base;
      from = lowerBound(docs, base);
      to = lowerBound(docs, base + width);
    }
    const cache = m.fields[t.f].cache;
    for (let k = from; k < to; k++) {
      const d = docs[k] - offset;
      const s = f32(t.weight * f32(tf[k] / f32(tf[k] + cache[norm[k]])));
      score[d] = f32(score[d] + s);
      hit[d] = 1;
    }
  }

  // Rules 3 and 5 of query.rs: one word in every accented and folded field (of the short
  // family only when `shortOnly`), each boost times `factor`: the term lists it has.
  function wordGroup(m, sh, w, factor, shortOnly) {
    const group = [];
    m.fields.forEach((field, f) => {
      if (field.form !== 'accented' && field.form !== 'folded') return;
      if (shortOnly && field.family !== 'short') return;
      const boost = factor === 1 ? field.boost : f32(field.boost * factor);
      const text = field.form === 'accented' ? w.accented : w.folded;
      const t = termList(m, sh[field.family], field.family, w.folded, text, f, boost);
      if (t) group.push(t);
    });
    return group;
  }

  async function run(query, filters, limit, exactWanted, planned) {
    const m = await open();
    const { words, lastIsPrefix, read = false } = planned || plan(query, m);
    const none = { results: [], facets: emptyFacets(), total: 0, exact: true, leftOut: [], corrected: null };
    if (words.length === 0) return none;
    const chosen = (kind) => filters && filters[kind] != null && filters[kind] !== '' && (!Array.isArray(filters[kind]) || filters[kind].length > 0);
    const agencyWanted = chosen('agency');
    const exact = exactWanted || limit === 0;
    const fields = exact || chosen('field') ? await fieldNames(m) : null;
    const wanted = selected(m, filters);

    const prefixWord = lastIsPrefix ? words[words.length - 1] : null;
    const isPrefix = (i) => lastIsPrefix && i === words.length - 1;
    const wholeTerm = words.map((w) => w.folded).join(' ');
    const pairs = pairsOf(words);
    const [expansions, shards, pairShards, wholeShard, agencyData] = await Promise.all([
      prefixWord ? completions(m, prefixWord.folded) : [],
      Promise.all(words.map((w) => wordShard(m, w).then((terms) => ({ short: terms, body: terms })))),
      Promise.all(pairs.map((pair) => shard(m, 'pair', pair))),
      shard(m, 'whole', wholeTerm),
      exact || agencyWanted ? agencies(m) : null,
    ]);
    // a whole title is written under its name, or (two titles of one name) its text
    const wholeHash = wholeName(wholeTerm);
    const wholeWritten = wholeShard.has(wholeHash) ? wholeHash : wholeTerm;
    // Rule 6: an unknown word typed with Telex keys is read as the word they spell; the
    // query is then run again with it
    // (query.rs `unknown`) a word to read or correct: long enough, in no field, not a
    // prefix that completes
    const unknown = (w, i) => Array.from(w.folded).length >= m.query.minTypoChars &&
      LETTERS.test(w.folded) && !(isPrefix(i) && expansions.length > 0) &&
      wordGroup(m, shards[i], w, 1, false).length === 0;
    const reads = [];
    words.forEach((w, i) => {
      // a word that starts a synonym phrase is left to the synonyms
      const startsSynonym = shards[i].short.synonyms.some((e) => fold(e.key[0]) === w.folded);
      const r = !startsSynonym && unknown(w, i) ? telex(w.folded) : null;
      if (r) reads.push([i, { accented: r, folded: r, typed: r }]);
    });
    if (reads.length) {
      const found = await Promise.all(reads.map(([, w]) => wordShard(m, w)));
      const next = words.slice();
      let prefix = lastIsPrefix;
      let any = false;
      reads.forEach(([i, w], k) => {
        if (wordGroup(m, { short: found[k], body: found[k] }, w, 1, false).length === 0) return;
        next[i] = w;
        any = true;
        if (isPrefix(i)) prefix = false;
      });
      if (any) return run(query, filters, limit, exactWanted, { words: next, lastIsPrefix: prefix, read: true });
    }
    if (agencyData && filters && filters.agency) {
      const ids = Array.isArray(filters.agency) ? filters.agency : [filters.agency];
      wanted.agency = new Set(ids.map((id) => agencyData.index.get(id)).filter((i) => i !== undefined));
    }

    // Rule 2: units, the longest synonym phrase first; rule 6: unknown words to correct
    const units = [];
    for (let i = 0; i < words.length;) {
      const syn = longestMatch(shards[i].short.synonyms, words, i);
      if (syn) {
        const boost = f32(m.query.synonymBoost);
        const alternatives = syn.means.map((ws) => ({ words: ws, factor: f32(f32(boost * syn.k) / ws.length) }));
        units.push({ start: i, end: i + syn.k, alternatives, corrected: false });
        i += syn.k;
        continue;
      }
      units.push({ start: i, end: i + 1, alternatives: [], corrected: false, unknown: unknown(words[i], i) });
      i += 1;
    }
    await Promise.all(units.filter((u) => u.unknown).map(async (u) => {
      const fixes = await corrections(m, words[u.start].folded);
      u.alternatives = fixes.map((t) => ({ words: [{ accented: t, folded: t }], factor: f32(m.query.typoBoost) }));
      u.corrected = fixes.length > 0;
    }));
    const [expansionShards, altShards, altPairShards] = await Promise.all([
      Promise.all(expansions.map((t) => shard(m, 'short', t))),
      Promise.all(units.map((u) => Promise.all(u.alternatives.map((a) =>
        Promise.all(a.words.map((w) => wordShard(m, w))))))),
      Promise.all(units.map((u) => Promise.all(u.alternatives.map((a) =>
        Promise.all(pairsOf(a.words).map((pair) => shard(m, 'pair', pair))))))),
    ]);

    // a clause per unit: its alternatives, each a list of word matches; a word match is a
    // list of groups whose best score counts (the exact word, and for the word being typed
    // each completion); a group sums its term lists
    const typedMatch = (i) => {
      const groups = [wordGroup(m, shards[i], words[i], 1, false)];
      if (isPrefix(i)) {
        expansions.forEach((term, e) => {
          const group = [];
          m.fields.forEach((field, f) => {
            if (!field.completes) return;
            const t = termList(m, expansionShards[e], 'short', term, term, f, field.completionBoost);
            if (t) group.push(t);
          });
          groups.push(group);
        });
      }
      return groups;
    };
    // rule 7: the pairs of a phrase that has meanings count inside its alternatives
    const pairLists = (pairList, shardList, factor) => {
      const out = [];
      m.fields.forEach((field, f) => {
        if (field.form !== 'bigram') return;
        const boost = f32(field.boost * factor);
        pairList.forEach((pair, i) => {
          const t = termList(m, shardList[i], 'pair', pair, pair, f, boost);
          if (t) out.push(Object.assign(t, { pair: i }));
        });
      });
      return out;
    };
    // The tables of the pairs of a list of words (`shards.rs` `pair_bounds`): per pair,
    // [both words, the first and a completion of the second] (region → bound), or null
    const pairTables = (pairList, shardList) => pairList.map((pair, i) => {
      const lists = shardList[i] && shardList[i].get(pair);
      const table = (f) => (lists && lists.get(f) || { regions: new Map() }).regions;
      return lists && lists.has(m.fields.length) ? [table(m.fields.length), table(m.fields.length + 1)] : null;
    });
    const inPhrase = new Uint8Array(words.length);
    const clauses = units.map((u, ui) => {
      const typed = [];
      for (let i = u.start; i < u.end; i++) typed.push(typedMatch(i));
      typed.pairs = [];
      if (u.alternatives.length) {
        for (let i = u.start; i + 1 < u.end; i++) inPhrase[i] = 1;
        const span = pairs.slice(u.start, u.end - 1);
        typed.pairs = pairLists(span, pairShards.slice(u.start, u.end - 1), 1);
        typed.tables = pairTables(span, pairShards.slice(u.start, u.end - 1));
        typed.factor = 1;
      }
      return [typed, ...u.alternatives.map((a, ai) => {
        const alt = a.words.map((w, wi) => [wordGroup(m, { short: altShards[ui][ai][wi] }, w, a.factor, true)]);
        alt.pairs = pairLists(pairsOf(a.words), altPairShards[ui][ai], a.factor);
        alt.tables = pairTables(pairsOf(a.words), altPairShards[ui][ai]);
        alt.factor = a.factor;
        return alt;
      })];
    });
    const live = (alt) => alt.every((groups) => groups.some((g) => g.length > 0));
    const namesQualifier = (ps) => ps.some((p) => m.query.qualifierPairs.includes(p));
    const plainBonus = !namesQualifier(pairs) &&
      !units.some((u) => u.alternatives.some((a) => namesQualifier(pairsOf(a.words))));
    const bonus = plainBonus ? f32(m.query.plainBonus) : 0;

    const level = (d) => m.facets.sets[m.runOf(d)[2]];
    const everyUnit = units.map((_, i) => i);

    // Rules 2–10 over the units `kept` (rule 8 when `withWhole`): the regions scored best
    // bound first until `top` results (passing `want`) are known, every region when
    // `all`.
    async function evaluate(kept, withWhole, want, top, all) {
      const inQuery = new Uint8Array(words.length);
      for (const u of kept) for (let i = units[u].start; i < units[u].end; i++) inQuery[i] = 1;
      const musts = kept.map((u) => clauses[u]);
      // Rules 7 and 8: adjacent words as bigrams, all the words as a whole title
      const optional = [];
      m.fields.forEach((field, f) => {
        if (field.form === 'bigram') {
          pairs.forEach((pair, i) => {
            if (!inQuery[i] || !inQuery[i + 1] || inPhrase[i]) return;
            const t = termList(m, pairShards[i], 'pair', pair, pair, f, field.boost);
            if (t) optional.push(Object.assign(t, { pair: i }));
          });
        } else if (field.form === 'whole' && withWhole) {
          const t = termList(m, wholeShard, 'whole', wholeTerm, wholeWritten, f, field.boost);
          if (t) optional.push(t);
        }
      });

      // the regions where every unit can match, each with a bound of any score in it
      const sumBounds = (lists, r) => lists.reduce((s, t) => s + (t.bounds.get(r) || 0), 0);
      const matchBound = (groups, r) => {
        let best = -1;
        for (const g of groups) if (g.some((t) => t.bounds.has(r))) best = Math.max(best, sumBounds(g, r));
        return best;
      };
      // Adjacent words that are units of one word each, whose bigram holds the bounds of
      // the two words together (`shards.rs` `pair_bounds`): per region, the best any
      // procedure there scores with both words (and, for the word being typed, with the
      // first word and a completion of the second)
      // A region's bound adds each word's best score there. Adjacent words whose pair has
      // a table count together instead, at the best score of both in one procedure there;
      // pairing from the first word or from the second, the least sum holds. pair(i) is
      // that score less the bound of the pair's bigram lists (counted apart), null if
      // no procedure there has both (then so is the sum), undefined without a table.
      const paired = (n, single, pair) => {
        let best = Infinity;
        for (const from of [0, 1]) {
          let sum = 0;
          for (let i = 0; i < n; i++) {
            const p = i >= from && i + 1 < n ? pair(i) : undefined;
            if (p === null) return null;
            if (p === undefined) {
              sum += single(i);
            } else {
              sum += p;
              i++;
            }
          }
          best = Math.min(best, sum);
        }
        return best;
      };
      const bigramBound = (lists, i, r) => sumBounds(lists.filter((t) => t.pair === i), r);
      // both words ([0]), or the second completed ([1]) when it has completions
      const tableBound = (table, completes, r) => {
        const v = Math.max(table[0].has(r) ? table[0].get(r) : -1, completes && table[1].has(r) ? table[1].get(r) : -1);
        return v < 0 ? null : v;
      };
      // An alternative: the sum over its words, or less through its pairs' tables (all its
      // lists weigh its factor times their field's boost)
      const altBound = (alt, r) => {
        let sum = 0;
        for (const groups of alt) {
          const b = matchBound(groups, r);
          if (b < 0) return -1;
          sum += b;
        }
        const tight = alt.tables && paired(alt.length, (i) => matchBound(alt[i], r), (i) => {
          const table = alt[i].length === 1 && alt.tables[i];
          if (!table) return undefined;
          const v = tableBound(table, alt[i + 1].length > 1, r);
          return v === null ? null : alt.factor * v - bigramBound(alt.pairs, i, r);
        });
        return tight === null ? -1 : (tight === undefined ? sum : Math.min(sum, tight)) + sumBounds(alt.pairs, r);
      };
      // Adjacent units of one word each, with no meanings, the first not being completed:
      // the tables of their pairs
      const single = (k) => units[kept[k]].end - units[kept[k]].start === 1 && !units[kept[k]].alternatives.length;
      const tables = kept.map((u, k) => k + 1 < kept.length && single(k) && single(k + 1) &&
        units[kept[k + 1]].start === units[u].end && musts[k][0][0].length === 1 &&
        pairTables([pairs[units[u].start]], [pairShards[units[u].start]])[0]);
      const regionCount = Math.ceil(m.docs / m.region);
      const allowed = all ? null : allowedIds(m, want);
      const candidates = [];
      for (let r = 0; r < regionCount; r++) {
        if (allowed && !allowed(r)) continue;
        const clauseBounds = musts.map((alts) => Math.max(...alts.map((alt) => altBound(alt, r))));
        if (clauseBounds.some((b) => b < 0)) continue;
        const tight = paired(kept.length, (k) => clauseBounds[k], (k) => {
          if (!tables[k]) return undefined;
          const best = tableBound(tables[k], musts[k + 1][0][0].length > 1, r);
          if (best === null) return null;
          return best - bigramBound(optional, units[kept[k]].start, r);
        });
        if (tight === null) continue;
        const bound = Math.min(clauseBounds.reduce((a, b) => a + b, 0), tight);
        candidates.push({ r, bound: bound + sumBounds(optional, r) + bonus, clauses: clauseBounds });
      }
      candidates.sort((a, b) => b.bound - a.bound || a.r - b.r);

      const passes = (d, except) =>
        (except === 'level' || !want.level || level(d).some((l) => want.level.has(l))) &&
        (except === 'field' || !want.field || want.field.has(m.runOf(d)[1])) &&
        (except === 'agency' || !want.agency || (agencyData && want.agency.has(agencyData.column[d])));

      const matched = [];
      const scores = new Map();
      const found = [];
      let processed = 0;
      const wordScores = async (groups, r, first, width, estimate) => {
        const score = new Float64Array(width);
        const hit = new Uint8Array(width);
        for (let gi = 0; gi < groups.length; gi++) {
          const s = gi === 0 ? score : new Float64Array(width);
          const h = gi === 0 ? hit : new Uint8Array(width);
          for (const t of groups[gi]) await addRegion(m, t, r, first, width, s, h, estimate);
          if (gi === 0) continue;
          for (let d = 0; d < width; d++) {
            if (h[d] && (!hit[d] || s[d] > score[d])) score[d] = s[d];
            hit[d] |= h[d];
          }
        }
        return { score, hit };
      };
      // The scores of the documents of region r: each clause's, and the optional lists'
      // (upper bounds with `estimate`, a function of the clause: 1 from its short postings
      // and its other lists' bounds, 2 from its lists' bounds)
      const scoreRegion = async (r, first, width, estimate) => {
        const clauseScores = await Promise.all(musts.map(async (alts, k) => {
          const mode = estimate ? estimate(k) : 0;
          const score = new Float64Array(width);
          const hit = new Uint8Array(width);
          for (const alt of alts) {
            if (!live(alt)) continue;
            let aScore = null;
            let aHit = null;
            for (const groups of alt) {
              const w = await wordScores(groups, r, first, width, mode);
              if (!aScore) {
                aScore = w.score;
                aHit = w.hit;
              } else {
                for (let d = 0; d < width; d++) {
                  aHit[d] &= w.hit[d];
                  aScore[d] = f32(aScore[d] + w.score[d]);
                }
              }
            }
            if (alt.pairs.length) {
              const pScore = new Float64Array(width);
              const pHit = new Uint8Array(width);
              for (const t of alt.pairs) await addRegion(m, t, r, first, width, pScore, pHit, mode);
              for (let d = 0; d < width; d++) if (aHit[d] && pHit[d]) aScore[d] = f32(aScore[d] + pScore[d]);
            }
            for (let d = 0; d < width; d++) {
              if (aHit[d] && (!hit[d] || aScore[d] > score[d])) score[d] = aScore[d];
              hit[d] |= aHit[d];
            }
          }
          return { score, hit };
        }));
        const extra = new Float64Array(width);
        const extraHit = new Uint8Array(width);
        for (const t of optional) await addRegion(m, t, r, first, width, extra, extraHit, estimate ? 1 : 0);
        return { clauseScores, extra, extraHit };
      };
      for (const { r, bound, clauses: clauseBounds } of candidates) {
        if (!all && found.length >= top) {
          found.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
          if (scores.get(found[top - 1]) > slack(bound)) break;
        }
        const first = r * m.region;
        const width = Math.min(m.region, m.docs - first);
        if (!all && found.length >= top) {
          // the short postings first, the clauses of the largest bounds first: when no
          // document there can beat the last shown result, the region's other postings are
          // not fetched
          const tenth = scores.get(found[top - 1]);
          const order = kept.map((_, k) => k).sort((a, b) => clauseBounds[b] - clauseBounds[a] || a - b);
          let skip = false;
          for (let n = Math.min(2, kept.length); n <= kept.length && !skip; n++) {
            const fetched = new Set(order.slice(0, n));
            const estimate = await scoreRegion(r, first, width, (k) => (fetched.has(k) ? 1 : 2));
            let best = -1;
            for (let d = 0; d < width; d++) {
              if (!estimate.clauseScores.every((c) => c.hit[d]) || !passes(first + d, null)) continue;
              let sum = 0;
              for (const c of estimate.clauseScores) sum += c.score[d];
              if (estimate.extraHit[d]) sum += estimate.extra[d];
              best = Math.max(best, sum + bonus);
            }
            skip = tenth > slack(best);
          }
          if (skip) continue;
        }
        const { clauseScores, extra, extraHit } = await scoreRegion(r, first, width, false);
        for (let d = 0; d < width; d++) {
          if (!clauseScores.every((c) => c.hit[d])) continue;
          let s = 0;
          for (const c of clauseScores) s = f32(s + c.score[d]);
          if (extraHit[d]) s = f32(s + extra[d]);
          const doc = first + d;
          if (bonus && m.isPlain(doc)) s = f32(s + bonus);
          scores.set(doc, s);
          matched.push(doc);
          if (passes(doc, null)) found.push(doc);
        }
        processed++;
      }
      found.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
      return { matched, scores, found, complete: processed === candidates.length, passes };
    }

    let kept = everyUnit;
    let outcome = await evaluate(kept, true, wanted, limit, exact);
    let leftOut = [];
    // Rule 11: no dead ends
    if (outcome.matched.length === 0 && units.length >= 2) {
      const alive = everyUnit.filter((u) => clauses[u].some(live));
      let size = alive.length === units.length ? units.length - 1 : alive.length;
      let budget = m.query.maxFallbackQueries;
      let chosen = null;
      while (size >= 1) {
        let best = null;
        for (const picks of combinations(alive.length, size)) {
          if (budget === 0) break;
          budget--;
          const subset = picks.map((p) => alive[p]);
          const { found, scores } = await evaluate(subset, false, {}, 1, false);
          if (found.length === 0) continue;
          const topScore = scores.get(found[0]);
          if (!best || beats(topScore, best.topScore)) best = { subset, topScore };
        }
        if (best || budget === 0) {
          chosen = best;
          break;
        }
        size--;
      }
      if (chosen) {
        kept = chosen.subset;
        outcome = await evaluate(kept, false, wanted, limit, exact);
        leftOut = everyUnit.filter((u) => !kept.includes(u))
          .flatMap((u) => words.slice(units[u].start, units[u].end).map((w) => w.typed));
      }
    }
    const { matched, scores, found, complete, passes } = outcome;

    const counts = { level: new Map(), field: new Map(), agency: new Map() };
    for (const d of matched) {
      if (passes(d, 'level')) for (const l of level(d)) bump(counts.level, l);
      if (passes(d, 'field')) bump(counts.field, m.runOf(d)[1]);
      if (agencyData && passes(d, 'agency')) bump(counts.agency, agencyData.column[d]);
    }
    const shown = found.slice(0, limit);
    const rows = await Promise.all(shown.map((d) => docRow(m, d)));
    const results = shown.map((d, i) => {
      const [code, title, agencyId, agencyName, slug, fieldId, fieldName] = rows[i];
      const [, , set] = m.runOf(d);
      const address = slug === 0 ? slugify(title) : slug === 1 ? slugify(`${title} ${code}`) : slug;
      return {
        url: base + m.url.replace('{slug}', address),
        title,
        code,
        level: m.facets.sets[set].map((l) => named(m.facets.level[l])),
        field: { id: fieldId, name: fieldName },
        agency: { id: agencyId, name: agencyName },
        score: scores.get(d),
      };
    });
    const corrected = read || units.some((u) => u.corrected)
      ? words.map((w, i) => {
        const u = units.find((x) => x.corrected && x.start === i);
        return u ? u.alternatives[0].words[0].folded : w.typed;
      }).join(' ')
      : null;
    return {
      results,
      facets: facetList(m, counts, wanted, fields, complete && agencyData),
      total: found.length,
      exact: complete,
      leftOut,
      corrected,
    };
  }

  async function docRow(m, d) {
    const { dir, chunk } = m.files.docs;
    const rows = await load(`${dir}/${Math.floor(d / chunk)}.bin`, 'json');
    if (!rows[d % chunk]) throw new Error('search index: docs chunk is short');
    // a row without its field has the field of the row before it in the file; a title or
    // an agency id that is a number is that of that row of the file
    const row = rows[d % chunk];
    let withField = d % chunk;
    while (withField > 0 && rows[withField].length < 7) withField--;
    const title = typeof row[1] === 'number' ? rows[row[1]][1] : row[1];
    const agency = typeof row[2] === 'number' ? rows[row[2]] : row;
    return [row[0], title, agency[2], agency[3], row[4], ...rows[withField].slice(5, 7)];
  }

  return {
    /**
     * @param {string} query as typed
     * @param {{ filters?: { level?: string|string[], field?: string|string[], agency?: string|string[] },
     *   limit?: number, exact?: boolean }} options
     *   exact: count every match and every facet (fetches every region the words share;
     *   always so with limit 0)
     * @returns {Promise<{ results: Array<{ url: string, title: string, code: string,
     *   level: Array<{id: string, name: string}>, field: {id: string, name: string},
     *   agency: {id: string, name: string}, score: number }>,
     *   facets: { level: Array<{id, name, count}>, field: Array<{id, name, count}>, agency: Array<{id, name, count}> },
     *   total: number, exact: boolean }>}
     *   with exact false, total is a lower bound and facets are empty
     */
    async search(query, { filters = {}, limit = 10, exact = false } = {}) {
      try {
        return await run(query, filters, limit, exact);
      } catch (error) {
        // a rebuilt site removes the old hashed files: reload the manifest once
        if (!String(error && error.message).includes('HTTP 404')) throw error;
        state = null;
        return run(query, filters, limit, exact);
      }
    },
  };
}

// Rule 1 of query.rs: the words taking part; a too short prefix waits for more letters; a
// leading "thủ tục" goes when more follows, and fillers when another word stays.
function plan(query, m) {
  const { words, lastIsPrefix: typing } = analyzeQuery(query);
  let lastIsPrefix = typing;
  if (lastIsPrefix && Array.from(words[words.length - 1].folded).length < m.query.minPrefixChars) {
    words.pop();
    lastIsPrefix = false;
  }
  const head = m.query.boilerplate;
  if (words.length > head.length && head.every((b, i) => words[i].folded === b)) words.splice(0, head.length);
  // question words ("tôi muốn", "gồm những gì") go when another word stays
  const kept = [];
  let lastDropped = false;
  for (let i = 0; i < words.length;) {
    let n = 0;
    for (const f of m.query.fillers || []) {
      if (f.length > n && i + f.length <= words.length && f.every((k, j) => wordMatches(words[i + j], k))) n = f.length;
    }
    if (n) {
      i += n;
      lastDropped = i === words.length;
    } else {
      kept.push(words[i]);
      lastDropped = false;
      i += 1;
    }
  }
  if (kept.length && kept.length < words.length) return { words: kept, lastIsPrefix: lastIsPrefix && !lastDropped };
  return { words, lastIsPrefix };
}

// rule 6: only words of letters are corrected
const LETTERS = /^\p{Alphabetic}+$/u;

// Whether a query word is the synonym phrase's word `key`: the same, or typed without marks.
function wordMatches(w, key) {
  return w.accented === key || (w.accented === w.folded && w.folded === fold(key));
}

// synonyms.rs `longest_match`: the longest phrase spelled by the words from `at`.
function longestMatch(entries, words, at) {
  let best = null;
  for (const e of entries) {
    const n = e.key.length;
    if (fold(e.key[0]) !== words[at].folded || at + n > words.length) continue;
    const span = words.slice(at, at + n);
    if (!span.every((w, j) => wordMatches(w, e.key[j]))) continue;
    const typed = span.map((w) => w.accented).join(' ');
    const text = (ws) => ws.map((w) => w.accented).join(' ');
    if (best && best.k > n) continue;
    if (best && best.k === n) {
      for (const mm of e.means) {
        if (!best.means.some((x) => text(x) === text(mm)) && text(mm) !== typed) best.means.push(mm);
      }
    } else {
      best = { k: n, means: e.means.filter((mm) => text(mm) !== typed) };
    }
  }
  return best && best.means.length ? best : null;
}

// query.rs `word_pairs`: the pairs of adjacent words, folded.
function pairsOf(words) {
  return words.slice(1).map((w, i) => `${words[i].folded} ${w.folded}`);
}

// query.rs `telex`: a word typed with Telex keys and no input method, folded ("hooj" → "ho").
function telex(word) {
  if (!/^[a-z]+$/.test(word)) return null;
  const first = word.search(/[aeiouy]/);
  if (first < 0) return null;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const last = out[out.length - 1];
    if (i > first && 'fjrsxz'.includes(c)) continue;
    if (c === 'w') {
      if (!(last === 'a' || last === 'o' || last === 'u')) out += 'u';
      continue;
    }
    if (last === c && 'aeod'.includes(c)) continue;
    out += c;
  }
  return out !== word && out ? out : null;
}

// query.rs `edit_distance`: optimal string alignment, or null above `max`.
function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return null;
  const w = b.length + 1;
  const d = new Uint32Array((a.length + 1) * w);
  for (let j = 0; j < w; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = v;
    }
  }
  const v = d[a.length * w + b.length];
  return v <= max ? v : null;
}

// The `size`-element subsets of 0…n−1, in lexicographic order, one at a time.
function* combinations(n, size) {
  if (size === 0 || size > n) return;
  const picks = Array.from({ length: size }, (_, i) => i);
  for (;;) {
    yield picks.slice();
    let i = size - 1;
    while (i >= 0 && picks[i] >= n - size + i) i--;
    if (i < 0) return;
    picks[i]++;
    for (let j = i + 1; j < size; j++) picks[j] = picks[j - 1] + 1;
  }
}

// Rule 11: a set's best score above the best so far by more than a relative 1e-5.
function beats(score, best) {
  return score > best + 1e-5 * Math.max(Math.abs(best), 1);
}

// Whether region r holds a document of the chosen fields and levels (null: no such filter).
function allowedIds(m, wanted) {
  if (!wanted.level && !wanted.field) return null;
  const regions = new Set();
  m.facets.runs.forEach(([length, field, set], i) => {
    if (wanted.field && !wanted.field.has(field)) return;
    if (wanted.level && !m.facets.sets[set].some((l) => wanted.level.has(l))) return;
    const start = m.starts[i];
    for (let r = Math.floor(start / m.region); r <= Math.floor((start + length - 1) / m.region); r++) regions.add(r);
  });
  return (r) => regions.has(r);
}

function bump(map, key) {
  map.set(key, (map.get(key) || 0) + 1);
}

function named(entry) {
  return entry ? { id: entry.id, name: entry.name } : { id: '', name: '' };
}

/** The chosen levels and fields as places in their lists (fields: once their names are loaded). */
function selected(m, filters) {
  const out = {};
  for (const kind of ['level', 'field']) {
    if (!m.facetIndex[kind]) continue;
    const value = filters && filters[kind];
    const ids = value == null || value === '' ? [] : Array.isArray(value) ? value : [value];
    if (ids.length) out[kind] = new Set(ids.map((id) => m.facetIndex[kind].get(id)).filter((i) => i !== undefined));
  }
  return out;
}

// The facets with their counts; without `agencyData` (the count was not exact), the levels
// and (if loaded) the fields with a null count, and no agencies.
function facetList(m, counts, wanted, fields, agencyData) {
  if (!agencyData) {
    const names = (list) => list.map(({ id, name }) => ({ id, name, count: null }));
    return { level: names(m.facets.level), field: names(fields || []), agency: [] };
  }
  const lists = { level: m.facets.level, field: fields, agency: agencyData.names };
  const out = {};
  for (const kind of ['level', 'field', 'agency']) {
    out[kind] = lists[kind]
      .map((entry, i) => ({ id: entry.id, name: entry.name, count: counts[kind].get(i) || 0, i }))
      .filter((e) => e.count > 0 || (wanted[kind] && wanted[kind].has(e.i)))
      .map(({ id, name, count }) => ({ id, name, count }));
  }
  return out;
}

function emptyFacets() {
  return { level: [], field: [], agency: [] };
}

// ------------------------------------------------------------------------ the page

const MESSAGES = {
  vi: {
    count: (n) => (n === 0 ? 'Không tìm thấy thủ tục nào' : `Tìm thấy ${n} thủ tục`),
    atLeast: (n) => `Tìm thấy ít nhất ${n} thủ tục`,
    all: 'Tất cả',
    level: 'Cấp thực hiện',
    field: 'Lĩnh vực',
    agency: 'Cơ quan thực hiện',
    code: 'Mã',
    error: 'Chưa tải được chỉ mục tìm kiếm. Hãy thử lại, hoặc xem danh sách A–Z.',
    corrected: (q) => `Kết quả cho “${q}”`,
    partial: (q, left) => `Không có thủ tục nào chứa đủ các từ “${q}”; các thủ tục gần nhất (không có từ “${left}”):`,
  },
  en: {
    count: (n) => (n === 0 ? 'No procedure found' : `${n} procedure${n === 1 ? '' : 's'} found`),
    atLeast: (n) => `At least ${n} procedures found`,
    all: 'All',
    level: 'Level',
    field: 'Field',
    agency: 'Agency',
    code: 'Code',
    error: 'The search index could not be loaded. Try again, or see the A–Z list.',
    corrected: (q) => `Results for “${q}”`,
    partial: (q, left) => `No procedure contains all the words “${q}”; the closest ones (without “${left}”):`,
  },
};

/**
 * Wires the search to a page: an `<input id="search-input">` inside a form, a results
 * container `#search-results`, a live region `#search-status` (created if missing) that
 * announces the count, and optional filters rendered into `#search-filters` (a `<select>`
 * per level, field and agency). Results are inserted as text (createElement, textContent),
 * never as HTML. The page should work without it: the form submits to itself and links to
 * the A–Z list and the browse pages.
 *
 * @param {{ document?: Document, baseUrl?: string, fetch?: typeof fetch, language?: 'vi'|'en',
 *   limit?: number, delay?: number, engine?: { search: Function } }} options
 *   `engine` replaces createSearch({ baseUrl, fetch }) (tests use it).
 */
export function mountSearch({
  document: doc = globalThis.document,
  baseUrl = '',
  fetch: fetchFn,
  language = 'vi',
  limit = 10,
  delay = 120,
  engine = createSearch({ baseUrl, fetch: fetchFn }),
} = {}) {
  const input = doc.getElementById('search-input');
  const container = doc.getElementById('search-results');
  if (!input || !container) return null;
  const text = MESSAGES[language] || MESSAGES.vi;
  const form = input.form;
  let status = doc.getElementById('search-status');
  if (!status) {
    status = doc.createElement('p');
    status.id = 'search-status';
    container.parentNode.insertBefore(status, container);
  }
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const filterBox = doc.getElementById('search-filters');
  const filters = { level: '', field: '', agency: '' };
  const selects = {};
  // counts cost every region the words share: fetched once the person opens or uses a filter
  let counting = false;
  let sequence = 0;
  let timer = null;

  if (filterBox) {
    for (const kind of ['level', 'field', 'agency']) {
      const label = doc.createElement('label');
      label.textContent = `${text[kind]} `;
      const select = doc.createElement('select');
      select.name = kind;
      select.addEventListener('change', () => {
        filters[kind] = select.value;
        counting = true;
        update();
      });
      select.addEventListener('focus', () => {
        if (counting) return;
        counting = true;
        if (input.value.trim()) update();
      });
      label.appendChild(select);
      filterBox.appendChild(label);
      selects[kind] = select;
    }
  }

  function option(value, label) {
    const o = doc.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }

  function render(query, { results, facets, total, exact = true, leftOut = [], corrected = null }) {
    for (const [kind, select] of Object.entries(selects)) {
      select.replaceChildren(option('', text.all));
      for (const f of facets[kind]) {
        select.appendChild(option(f.id, f.count == null ? f.name : `${f.name} (${f.count})`));
      }
      select.value = filters[kind];
    }
    const list = doc.createElement('ol');
    for (const r of results) {
      const item = doc.createElement('li');
      const link = doc.createElement('a');
      link.href = r.url;
      link.textContent = r.title;
      const meta = doc.createElement('p');
      const code = doc.createElement('span');
      code.textContent = `${text.code} ${r.code}`;
      const names = doc.createElement('span');
      names.textContent = [r.level.map((l) => l.name).join(', '), r.field.name, r.agency.name]
        .filter(Boolean)
        .map((name) => ` · ${name}`)
        .join('');
      // Names come from the content, which is Vietnamese whatever the interface's language.
      if (language !== 'vi') {
        link.lang = 'vi';
        names.lang = 'vi';
      }
      meta.append(code, names);
      item.append(link, meta);
      list.appendChild(item);
    }
    // what was searched instead of the words as typed: corrected typos, words left out
    const notes = [];
    if (corrected) notes.push(text.corrected(corrected));
    if (leftOut.length && results.length) notes.push(text.partial(query.trim(), leftOut.join(' ')));
    const shown = notes.map((line) => {
      const note = doc.createElement('p');
      note.className = 'search-note';
      note.textContent = line;
      return note;
    });
    container.replaceChildren(...shown, list);
    const count = !query.trim() ? '' : exact ? text.count(total) : text.atLeast(total);
    status.textContent = [count, ...notes].filter(Boolean).join('. ');
  }

  async function update() {
    const query = input.value;
    const mine = ++sequence;
    try {
      const exact = counting || Object.values(filters).some(Boolean);
      const found = await engine.search(query, { filters, limit, exact });
      if (mine === sequence) render(query, found);
    } catch (error) {
      if (mine === sequence) status.textContent = text.error;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  });
  if (form) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(timer);
      update();
    });
  }
  const initial = doc.defaultView && new URL(doc.defaultView.location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    update();
  }
  return { engine, update };
}
