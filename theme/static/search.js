// thutuc search client: no dependencies, runs in browsers and in Node 20+.
//
// It reads the static index written by src/search/export.rs (the file format is documented
// there), tokenizes a query exactly as src/search/analyzer.rs does, and ranks with the rules
// of src/search/query.rs and tantivy's BM25, computed in 32-bit floats as tantivy does, so
// that its ranking equals `thutuc search` (tests/search_parity.rs holds it to that).

const FORMAT = 2;

// ---------------------------------------------------------------- analyzer (analyzer.rs)

const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
const ASCII_DIGIT = /^[0-9]$/;
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
    if (w) words.push(w);
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

/** A term shard: term → raw lists, decoded into postings only when a query needs them. */
function parseShard(bytes, m) {
  const r = new Reader(bytes);
  const terms = new Map();
  for (let t = r.varint(); t > 0; t--) {
    const text = r.string();
    const lists = new Map();
    for (let l = r.varint(); l > 0; l--) {
      const field = r.varint();
      const spec = m.fields[field];
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
        raw.docs = bitmapDocs(r.skip(Math.ceil(m.docs / 8)), df);
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
      } else {
        throw new Error(`search index: unknown postings encoding ${mode}`);
      }
      lists.set(field, raw);
    }
    terms.set(text, lists);
  }
  return terms;
}

/** The freqs block of export.rs → { tf, norm } arrays in doc order. */
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

/** `count` values of `width` bits, low bit first, into `out`. */
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

/** A freq varint of export.rs → [tf, fieldnorm id]. */
function splitFreq(spec, v) {
  if (spec.freqs && spec.norms) return [Math.floor(v / 256) + 1, v % 256];
  if (spec.freqs) return [v + 1, 1];
  if (spec.norms) return [1, v];
  return [1, 1];
}

/** The postings of `term` in field `f` of a parsed shard: { docs, tf, norm } or null. */
function postings(m, terms, term, f, facets) {
  const lists = terms.get(term);
  const raw = lists && lists.get(f);
  if (!raw) return null;
  if (raw.resolved) return raw.resolved;
  const spec = m.fields[f];
  let list;
  if (raw.mode === 0 || raw.mode === 1) {
    list = { docs: raw.docs, tf: raw.tf, norm: raw.norm };
  } else if (raw.mode === 2) {
    const column = facets[spec.facet];
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
    const twin = postings(m, terms, fold(term), spec.twin, facets);
    if (!twin) throw new Error('search index: missing twin postings');
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
  raw.resolved = list;
  return list;
}

function parseCompletions(bytes) {
  const r = new Reader(bytes);
  const out = [];
  for (let n = r.varint(); n > 0; n--) out.push([r.string(), r.varint()]);
  return out;
}

function parseFacets(bytes) {
  const r = new Reader(bytes);
  const n = r.varint();
  const sets = [];
  for (let s = r.varint(); s > 0; s--) {
    const set = [];
    for (let k = r.varint(); k > 0; k--) set.push(r.varint());
    sets.push(set);
  }
  const column = () => {
    const width = r.varint();
    return unpack(r.skip(Math.ceil((n * width) / 8)), n, width, new Uint32Array(n));
  };
  const levelSet = column();
  return { sets, levelSet, field: column(), agency: column() };
}

/** Code point order, as Rust compares strings. */
function compareCodePoints(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
}

// ---------------------------------------------------------------------- the search

/**
 * @param {{ baseUrl?: string, fetch?: typeof fetch }} options
 *   baseUrl: the site's base (the index is at `${baseUrl}search/manifest.json`);
 *   fetch: the fetch to use (default: the global one).
 */
export function createSearch({ baseUrl = '', fetch: fetchFn = globalThis.fetch } = {}) {
  const base = baseUrl === '' || baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  let state = null; // { manifest, files: Map(path → Promise), ... }

  function load(path, as, init) {
    let p = state.files.get(path);
    if (!p) {
      p = fetchFn(`${base}search/${path}`, init).then((response) => {
        if (!response.ok) throw new Error(`search index: ${path}: HTTP ${response.status}`);
        return as === 'json' ? response.json() : response.arrayBuffer().then((b) => new Uint8Array(b));
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
    const fields = m.fields.map((field) => ({
      ...field,
      boost: f32(field.boost),
      completionBoost: f32(field.completionBoost),
      cache: normCache(f32(f32(field.tokens) / f32(n)), k1, b),
    }));
    const index = (list) => new Map(list.map((entry, i) => [entry.id, i]));
    return {
      ...m,
      fields,
      weightFactor: f32(1 + k1),
      facetIndex: { level: index(m.facets.level), field: index(m.facets.field), agency: index(m.facets.agency) },
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

  function shard(m, family, key) {
    const { dir, shards } = m.files[family];
    return parsed(`${dir}/${fnv1a32(key) % shards}.bin`, (bytes) => parseShard(bytes, m));
  }

  async function completions(m, prefix) {
    const { dir, shards } = m.files.completions;
    const key = Array.from(prefix).slice(0, m.query.minPrefixChars).join('');
    const list = await parsed(`${dir}/${fnv1a32(key) % shards}.bin`, parseCompletions);
    return list
      .filter(([term]) => term !== prefix && term.startsWith(prefix))
      .sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]))
      .slice(0, m.query.maxExpansions)
      .map(([term]) => term);
  }

  /** Adds boost · BM25 of `term` in field `f` into `score`, marking `hit`. */
  function addTerm(m, terms, f, term, boost, score, hit, facets) {
    const list = postings(m, terms, term, f, facets);
    if (!list) return;
    const field = m.fields[f];
    let weight = f32(idf(list.docs.length, m.docs) * m.weightFactor);
    if (boost !== 1) weight = f32(weight * boost);
    const { docs, tf, norm } = list;
    for (let k = 0; k < docs.length; k++) {
      const d = docs[k];
      const s = f32(weight * f32(tf[k] / f32(tf[k] + field.cache[norm[k]])));
      score[d] = f32(score[d] + s);
      hit[d] = 1;
    }
  }

  async function run(query, filters, limit) {
    const m = await open();
    const facetsPromise = load(m.files.facets, 'bytes');
    const { words, lastIsPrefix } = plan(query, m);
    if (words.length === 0) return { results: [], facets: emptyFacets(), total: 0 };

    const n = m.docs;
    const prefixWord = lastIsPrefix ? words[words.length - 1] : null;
    const wholeTerm = words.map((w) => w.folded).join(' ');
    const pairs = words.slice(1).map((w, i) => `${words[i].folded} ${w.folded}`);
    const [expansions, shards, pairShards, wholeShard, facetBytes] = await Promise.all([
      prefixWord ? completions(m, prefixWord.folded) : [],
      Promise.all(words.map((w) => Promise.all([shard(m, 'short', w.folded), shard(m, 'body', w.folded)])
        .then(([short, body]) => ({ short, body })))),
      Promise.all(pairs.map((pair) => shard(m, 'pair', pair))),
      shard(m, 'whole', wholeTerm),
      facetsPromise,
    ]);
    const expansionShards = await Promise.all(expansions.map((t) => shard(m, 'short', t)));
    const facets = parseFacetsOnce(m, facetBytes);
    const columns = { field: facets.field, agency: facets.agency };

    // Rule 2: every word in every accented and folded field
    const wordScore = (w, i) => {
      const score = new Float64Array(n);
      const hit = new Uint8Array(n);
      m.fields.forEach((field, f) => {
        if (field.form !== 'accented' && field.form !== 'folded') return;
        const terms = shards[i][field.family];
        addTerm(m, terms, f, field.form === 'accented' ? w.accented : w.folded, field.boost, score, hit, columns);
      });
      return { score, hit };
    };
    const musts = words.map((w, i) => {
      const exact = wordScore(w, i);
      if (!(lastIsPrefix && i === words.length - 1) || expansions.length === 0) return exact;
      // Rule 3: the best of the exact word and its completions
      for (const [e, term] of expansions.entries()) {
        const score = new Float64Array(n);
        const hit = new Uint8Array(n);
        m.fields.forEach((field, f) => {
          if (field.completes) addTerm(m, expansionShards[e], f, term, field.completionBoost, score, hit, columns);
        });
        for (let d = 0; d < n; d++) {
          if (hit[d] && (!exact.hit[d] || score[d] > exact.score[d])) exact.score[d] = score[d];
          exact.hit[d] |= hit[d];
        }
      }
      return exact;
    });
    // Rules 4 and 5: adjacent words as bigrams, all the words as a whole title
    const optional = new Float64Array(n);
    const optionalHit = new Uint8Array(n);
    m.fields.forEach((field, f) => {
      if (field.form === 'bigram') {
        pairs.forEach((pair, i) => addTerm(m, pairShards[i], f, pair, field.boost, optional, optionalHit, columns));
      } else if (field.form === 'whole') {
        addTerm(m, wholeShard, f, wholeTerm, field.boost, optional, optionalHit, columns);
      }
    });

    const matched = [];
    const scores = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      if (!musts.every((c) => c.hit[d])) continue;
      let s = 0;
      for (const c of musts) s = f32(s + c.score[d]);
      if (optionalHit[d]) s = f32(s + optional[d]);
      scores[d] = s;
      matched.push(d);
    }

    const wanted = selected(m, filters);
    const passes = (d, except) =>
      (except === 'level' || !wanted.level || facets.sets[facets.levelSet[d]].some((l) => wanted.level.has(l))) &&
      (except === 'field' || !wanted.field || wanted.field.has(facets.field[d])) &&
      (except === 'agency' || !wanted.agency || wanted.agency.has(facets.agency[d]));

    const counts = { level: new Map(), field: new Map(), agency: new Map() };
    const kept = [];
    for (const d of matched) {
      if (passes(d, 'level')) for (const l of facets.sets[facets.levelSet[d]]) bump(counts.level, l);
      if (passes(d, 'field')) bump(counts.field, facets.field[d]);
      if (passes(d, 'agency')) bump(counts.agency, facets.agency[d]);
      if (passes(d, null)) kept.push(d);
    }
    kept.sort((a, b) => scores[b] - scores[a] || a - b);
    const top = kept.slice(0, limit);
    const rows = await Promise.all(top.map((d) => docRow(m, d)));
    const results = top.map((d, i) => {
      const [code, title, slug] = rows[i];
      return {
        url: base + m.url.replace('{slug}', slug || slugify(title)),
        title,
        code,
        level: facets.sets[facets.levelSet[d]].map((l) => named(m.facets.level[l])),
        field: named(m.facets.field[facets.field[d]]),
        agency: named(m.facets.agency[facets.agency[d]]),
        score: scores[d],
      };
    });
    return { results, facets: facetList(m, counts, wanted), total: kept.length };
  }

  function parseFacetsOnce(m, bytes) {
    if (!state.facets || state.facets.bytes !== bytes) state.facets = { bytes, data: parseFacets(bytes) };
    return state.facets.data;
  }

  async function docRow(m, d) {
    const { dir, chunk } = m.files.docs;
    const rows = await load(`${dir}/${Math.floor(d / chunk)}.json`, 'json');
    const row = rows[d % chunk];
    if (!row) throw new Error('search index: docs chunk is short');
    return row;
  }

  return {
    /**
     * @param {string} query as typed
     * @param {{ filters?: { level?: string|string[], field?: string|string[], agency?: string|string[] }, limit?: number }} options
     * @returns {Promise<{ results: Array<{ url: string, title: string, code: string,
     *   level: Array<{id: string, name: string}>, field: {id: string, name: string},
     *   agency: {id: string, name: string}, score: number }>,
     *   facets: { level: Array<{id, name, count}>, field: Array<{id, name, count}>, agency: Array<{id, name, count}> },
     *   total: number }>}
     */
    async search(query, { filters = {}, limit = 10 } = {}) {
      try {
        return await run(query, filters, limit);
      } catch (error) {
        // a rebuilt site removes the old hashed files: reload the manifest once
        if (!String(error && error.message).includes('HTTP 404')) throw error;
        state = null;
        return run(query, filters, limit);
      }
    },
  };
}

/** Rule 1 of query.rs: the words taking part; a too short prefix waits for more letters. */
function plan(query, m) {
  const { words, lastIsPrefix } = analyzeQuery(query);
  if (lastIsPrefix && Array.from(words[words.length - 1].folded).length < m.query.minPrefixChars) {
    words.pop();
    return { words, lastIsPrefix: false };
  }
  return { words, lastIsPrefix };
}

function bump(map, key) {
  map.set(key, (map.get(key) || 0) + 1);
}

function named(entry) {
  return entry ? { id: entry.id, name: entry.name } : { id: '', name: '' };
}

function selected(m, filters) {
  const out = {};
  for (const kind of ['level', 'field', 'agency']) {
    const value = filters && filters[kind];
    const ids = value == null || value === '' ? [] : Array.isArray(value) ? value : [value];
    if (ids.length) out[kind] = new Set(ids.map((id) => m.facetIndex[kind].get(id)).filter((i) => i !== undefined));
  }
  return out;
}

function facetList(m, counts, wanted) {
  const out = {};
  for (const kind of ['level', 'field', 'agency']) {
    out[kind] = m.facets[kind]
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
    all: 'Tất cả',
    level: 'Cấp thực hiện',
    field: 'Lĩnh vực',
    agency: 'Cơ quan thực hiện',
    code: 'Mã',
    error: 'Chưa tải được chỉ mục tìm kiếm. Hãy thử lại, hoặc xem danh sách A–Z.',
  },
  en: {
    count: (n) => (n === 0 ? 'No procedure found' : `${n} procedure${n === 1 ? '' : 's'} found`),
    all: 'All',
    level: 'Level',
    field: 'Field',
    agency: 'Agency',
    code: 'Code',
    error: 'The search index could not be loaded. Try again, or see the A–Z list.',
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
  limit = 20,
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
        update();
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

  function render(query, { results, facets, total }) {
    for (const [kind, select] of Object.entries(selects)) {
      select.replaceChildren(option('', text.all));
      for (const f of facets[kind]) select.appendChild(option(f.id, `${f.name} (${f.count})`));
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
    container.replaceChildren(list);
    status.textContent = query.trim() ? text.count(total) : '';
  }

  async function update() {
    const query = input.value;
    const mine = ++sequence;
    try {
      const found = await engine.search(query, { filters, limit });
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
