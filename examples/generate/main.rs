//! Writes a synthetic but realistic content folder of N procedures, for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example generate -- N DIR
//! ```
//!
//! DIR must be new or empty. The catalogue has the shapes of the real records in
//! `shared/realworld/`: agencies of up to 34 provinces and their communes, 80 fields, life
//! events, liên thông groups, and procedures with steps, conditions, documents and form files,
//! fees (free, not stated, fixed, schedules), durations in every unit, channels, online
//! levels, legal basis, decisions, keywords, abolished procedures and old URLs. Bodies are
//! 400–800 words. The output is the same, byte for byte, for the same N: every record draws
//! from its own stream of a small seeded generator, so procedures are written in parallel.

mod vocab;

use rayon::prelude::*;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use std::{fs, io};
use thutuc::text::slugify;
use unicode_normalization::UnicodeNormalization;
use vocab::*;

/// `write!` into a `String`, which cannot fail.
macro_rules! out {
    ($buf:expr, $($arg:tt)*) => {{
        let _ = write!($buf, $($arg)*);
    }};
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir), 2) = (
        args.first()
            .and_then(|a| a.replace('_', "").parse::<usize>().ok()),
        args.get(1),
        args.len(),
    ) else {
        eprintln!("usage: generate N DIR   (N procedures; DIR a new or empty folder)");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    match generate(n, Path::new(dir)) {
        Ok(s) => {
            eprintln!(
                "wrote {} procedures, {} agencies, {} groups and {} form files ({:.1} MB) to {dir} in {:.2} s",
                s.procedures,
                s.agencies,
                s.groups,
                s.forms,
                s.bytes as f64 / 1e6,
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub procedures: usize,
    pub agencies: usize,
    pub groups: usize,
    pub forms: usize,
    pub bytes: u64,
}

/// Writes a catalogue of `n` procedures into `dir`, which must be new or empty.
pub fn generate(n: usize, dir: &Path) -> io::Result<Summary> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty; give a new folder so that nothing is overwritten",
                dir.display()
            ),
        ));
    }
    let world = World::new(n);
    let plans = plan_procedures(n, &world);
    let groups = plan_groups(n, &plans);
    for sub in ["agencies", "groups"] {
        fs::create_dir_all(dir.join(sub))?;
    }
    for f in FIELDS {
        fs::create_dir_all(dir.join("procedures").join(f.id))?;
        fs::create_dir_all(dir.join("files").join(f.id))?;
    }
    let bytes = AtomicU64::new(0);
    let write = |rel: &str, text: &str| -> io::Result<()> {
        bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
        fs::write(dir.join(rel), text)
    };

    write("site.yaml", &site_yaml(n, &world))?;
    write("levels.yaml", LEVELS_YAML)?;
    write("fields.yaml", &fields_yaml())?;
    write("life-events.yaml", &life_events_yaml())?;
    for (i, agency) in world.agencies.iter().enumerate() {
        let text = agency_yaml(n, i, agency, &world);
        write(&format!("agencies/{}.yaml", agency.id), &text)?;
    }
    for group in &groups {
        write(
            &format!("groups/{}.yaml", group.id),
            &group_yaml(group, &plans),
        )?;
    }
    let mut forms = 0;
    for f in FIELDS {
        for k in 1..=FORMS_PER_FIELD {
            let text = format!(
                "Mẫu số {k:02} – lĩnh vực {}\n\nTệp mẫu của một danh mục tổng hợp (không có thật), dùng để đo hiệu năng.\n",
                f.name
            );
            write(&form_path(f.id, k), &text)?;
            forms += 1;
        }
    }
    let ctx = Context {
        n,
        world: &world,
        plans: &plans,
    };
    plans.par_iter().enumerate().try_for_each_init(
        || String::with_capacity(16 * 1024),
        |buf, (i, plan)| {
            buf.clear();
            write_procedure(buf, &ctx, i, plan);
            write(&plan.file, buf)
        },
    )?;
    Ok(Summary {
        procedures: n,
        agencies: world.agencies.len(),
        groups: groups.len(),
        forms,
        bytes: bytes.into_inner(),
    })
}

// ---- randomness ----

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

/// The kinds of record, each with its own streams.
#[derive(Clone, Copy)]
enum Stream {
    World = 1,
    Plan = 2,
    Procedure = 3,
    Agency = 4,
    Group = 5,
}

impl Rng {
    /// The stream of record `i` of a kind, in a catalogue of `n` procedures.
    fn stream(n: usize, kind: Stream, i: usize) -> Rng {
        let seed = mix(mix(n as u64 ^ ((kind as u64) << 56)) ^ i as u64);
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn weighted<T: Copy>(&mut self, items: &[(u32, T)]) -> T {
        let total: u32 = items.iter().map(|(w, _)| w).sum();
        let mut x = self.below(total as usize) as u32;
        for (w, item) in items {
            if x < *w {
                return *item;
            }
            x -= w;
        }
        items[items.len() - 1].1
    }

    /// `k` distinct indices of `0..len`, in the order drawn.
    fn distinct(&mut self, len: usize, k: usize) -> Vec<usize> {
        let mut chosen = Vec::with_capacity(k);
        while chosen.len() < k.min(len) {
            let i = self.below(len);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen
    }
}

/// The SplitMix64 finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// ---- agencies ----

struct Province {
    name: &'static str,
    slug: String,
    /// "tỉnh Gia Lai", "thành phố Hà Nội".
    full: String,
    /// The host part of its addresses: "gialai".
    host: String,
    /// Agency index of each of its departments, in the order of [`DEPTS`]; it may have fewer.
    depts: Vec<usize>,
    /// Agency indices of its communes and wards.
    communes: Vec<usize>,
}

struct Agency {
    id: String,
    name: String,
    short_name: Option<String>,
    level: &'static str,
    parent: Option<usize>,
    province: usize,
    /// The website and e-mail host name, before the province's.
    host: String,
    /// Commune name, for addresses: "xã An Hiệp".
    place: Option<String>,
}

struct World {
    provinces: Vec<Province>,
    agencies: Vec<Agency>,
}

impl World {
    /// About 2,000 agencies at scale, fewer for small catalogues: N/5 + 20, at most 2,000.
    /// About 80 per province: 20 departments, the rest communes and wards.
    fn new(n: usize) -> World {
        let total = (n / 5 + 20).min(2000);
        let count = (total / 80).clamp(1, PROVINCES.len());
        let mut rng = Rng::stream(n, Stream::World, 0);
        let mut world = World {
            provinces: Vec::new(),
            agencies: Vec::new(),
        };
        for (p, &(name, city)) in PROVINCES.iter().take(count).enumerate() {
            let share = total / count + usize::from(p < total % count);
            let n_depts = DEPTS.len().min((share / 2).max(2));
            let slug = slugify(name);
            let full = format!("{} {name}", if city { "thành phố" } else { "tỉnh" });
            let host = slug.replace('-', "");
            let mut province = Province {
                name,
                slug,
                full,
                host,
                depts: Vec::new(),
                communes: Vec::new(),
            };
            for dept in &DEPTS[..n_depts] {
                province.depts.push(world.agencies.len());
                world.agencies.push(Agency {
                    id: format!("{}-{}", dept.key, province.slug),
                    name: format!("{} {}", dept.name, province.full),
                    short_name: (!dept.short.is_empty())
                        .then(|| format!("{} {}", dept.short, province.full)),
                    level: "tinh",
                    parent: dept.parent.map(|d| province.depts[d]),
                    province: p,
                    host: dept.host.to_string(),
                    place: None,
                });
            }
            let mut names = HashSet::new();
            for _ in n_depts..share {
                let (a, b) = loop {
                    let a = *rng.pick(PLACE_SYLLABLES);
                    let b = *rng.pick(PLACE_SYLLABLES);
                    if a != b && names.insert((a, b)) {
                        break (a, b);
                    }
                };
                let ward = rng.percent(if city { 60 } else { 20 });
                let kind = if ward { "phường" } else { "xã" };
                let place = format!("{kind} {a} {b}");
                province.communes.push(world.agencies.len());
                world.agencies.push(Agency {
                    id: format!("ubnd-{}-{}", slugify(&place), province.slug),
                    name: format!("Ủy ban nhân dân {place}"),
                    short_name: Some(format!("UBND {place}")),
                    level: "xa",
                    parent: Some(province.depts[vocab::UBND]),
                    province: p,
                    host: slugify(&format!("{a}{b}")),
                    place: Some(place),
                });
            }
            world.provinces.push(province);
        }
        world
    }

    /// The agency of a province that handles a field: its department, else the People's Committee.
    fn dept(&self, province: usize, dept: usize) -> usize {
        let p = &self.provinces[province];
        *p.depts.get(dept).unwrap_or(&p.depts[vocab::UBND])
    }
}

fn agency_yaml(n: usize, i: usize, a: &Agency, world: &World) -> String {
    let mut r = Rng::stream(n, Stream::Agency, i);
    let p = &world.provinces[a.province];
    let mut s = String::with_capacity(512);
    out!(s, "name: {}\n", a.name);
    if let Some(short) = &a.short_name {
        out!(s, "short_name: {short}\n");
    }
    out!(s, "level: {}\n", a.level);
    if let Some(parent) = a.parent {
        out!(s, "parent: {}\n", world.agencies[parent].id);
    }
    let number = r.range(1, 250);
    let street = r.pick(STREETS);
    match &a.place {
        Some(place) => out!(s, "address: Thôn {}, {place}, {}\n", r.range(1, 12), p.full),
        None => out!(s, "address: {number} {street}, {}\n", p.full),
    }
    out!(
        s,
        "phone: \"0{} {} {:03} {:03}\"\n",
        203 + a.province * 3,
        r.range(2, 3),
        r.below(1000),
        r.below(1000)
    );
    if r.percent(80) {
        out!(s, "email: {}@{}.gov.vn\n", a.host, p.host);
    }
    if r.percent(70) {
        out!(s, "website: https://{}.{}.gov.vn\n", a.host, p.host);
    }
    s.push_str("opening_hours:\n  - \"Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00\"\n");
    if r.percent(40) {
        s.push_str("  - \"Sáng thứ Bảy: 7:30–11:30\"\n");
    }
    if r.percent(50) {
        let lat = 8.6 + r.below(14_800) as f64 / 1000.0;
        let lon = 102.2 + r.below(7_200) as f64 / 1000.0;
        out!(
            s,
            "map_url: https://www.openstreetmap.org/?mlat={lat:.3}&mlon={lon:.3}\n"
        );
    }
    s
}

// ---- the taxonomies and the site ----

const LEVELS_YAML: &str = "\
- id: tinh
  name: Cấp tỉnh
  description: Ủy ban nhân dân tỉnh, thành phố và các sở, ban, ngành
- id: xa
  name: Cấp xã
  description: Ủy ban nhân dân xã, phường, đặc khu
";

const FORMS_PER_FIELD: usize = 3;

fn form_path(field: &str, k: usize) -> String {
    let ext = if k == FORMS_PER_FIELD { "doc" } else { "docx" };
    format!("files/{field}/mau-so-{k:02}.{ext}")
}

fn site_yaml(n: usize, world: &World) -> String {
    let first = &world.provinces[0];
    let area = if world.provinces.len() == 1 {
        first.name.to_string()
    } else {
        format!("{} tỉnh, thành phố", world.provinces.len())
    };
    format!(
        "title: Thủ tục hành chính – danh mục tổng hợp {n} thủ tục
description: Danh mục thủ tục hành chính tổng hợp (không có thật), sinh tự động để đo hiệu năng của thutuc.
base_url: https://thutuc.example.vn/
language: vi
province: {area}
contact:
  phone: \"0269 3 824 000\"
  email: tthc@{host}.gov.vn
  address: 01 Trần Hưng Đạo, {full}
feedback_url: https://thutuc.example.vn/phan-anh
service_centre: {centre}
license: CC BY 4.0
",
        host = first.host,
        full = first.full,
        centre = world.agencies[world.dept(0, vocab::TTPV)].id,
    )
}

fn fields_yaml() -> String {
    let mut s = String::new();
    for f in FIELDS {
        out!(s, "- id: {}\n  name: {}\n", f.id, scalar(f.name));
        if f.commune {
            out!(
                s,
                "  description: Thủ tục về {} ở cấp tỉnh và cấp xã\n",
                lower_first(f.name)
            );
        }
    }
    s
}

fn life_events_yaml() -> String {
    let mut s = String::new();
    for (id, name, description) in LIFE_EVENTS {
        out!(
            s,
            "- id: {id}\n  name: {name}\n  description: {description}\n"
        );
    }
    s
}

// ---- planning: what each procedure is, before it is written ----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Levels {
    Tinh,
    Xa,
    Both,
}

/// A procedure's identity and links, decided in one sequential pass so that titles and
/// URLs are unique and references point at procedures that exist.
struct Plan {
    code: String,
    title: String,
    /// Set when the title's URL is taken.
    slug: Option<String>,
    /// The file, relative to the content folder.
    file: String,
    field: usize,
    kind: char,
    action: &'static str,
    noun: &'static str,
    levels: Levels,
    province: usize,
    agency: usize,
    abolished: bool,
    replaced_by: Option<usize>,
    related: Vec<usize>,
    has_alias: bool,
}

/// A unique code for procedure (or group) `i`: prefix, dot, six digits scattered by a
/// multiplication that is a permutation modulo a power of ten.
fn code(i: usize, width: u32) -> String {
    let modulus = 10u64.pow(width);
    let number = (i as u64 * 7919 + 1013) % modulus;
    let prefix = match mix(i as u64) % 20 {
        0..=15 => 1,
        16..=18 => 2,
        _ => 3,
    };
    format!("{prefix}.{number:0w$}", w = width as usize)
}

/// Six digits, as in the national database, or more for catalogues past a million.
fn code_width(n: usize) -> u32 {
    (n.max(1).ilog10() + 1).max(6)
}

fn plan_procedures(n: usize, world: &World) -> Vec<Plan> {
    // Some fields are much larger than others, as in a real catalogue.
    let weights: Vec<(u32, usize)> = (0..FIELDS.len())
        .map(|k| (2000 / ((k * 37) % FIELDS.len() + 4) as u32, k))
        .collect();
    let width = code_width(n + 100);
    let mut urls: HashSet<String> = HashSet::with_capacity(n * 2);
    let mut last_active: Vec<Option<usize>> = vec![None; FIELDS.len()];
    let mut recent: Vec<Vec<usize>> = vec![Vec::new(); FIELDS.len()];
    let mut plans = Vec::with_capacity(n);
    for i in 0..n {
        let mut r = Rng::stream(n, Stream::Plan, i);
        let k = r.weighted(&weights);
        let field = &FIELDS[k];
        let levels = if field.commune {
            r.weighted(&[(60, Levels::Tinh), (28, Levels::Xa), (12, Levels::Both)])
        } else {
            Levels::Tinh
        };
        let province = r.below(world.provinces.len());
        let communes = &world.provinces[province].communes;
        let agency = if levels == Levels::Xa && !communes.is_empty() {
            *r.pick(communes)
        } else {
            world.dept(province, field.dept)
        };
        let object = *r.pick(field.objects);
        let kind = object.chars().next().unwrap_or('V');
        let noun = &object[2..];
        let action = r.weighted(actions(kind));
        let mut title = if action.is_empty() {
            upper_first(noun)
        } else {
            format!("{action} {noun}")
        };
        if r.percent(if kind == 'V' { 45 } else { 25 }) {
            let qualifier = *r.pick(QUALIFIERS);
            title.push_str(qualifier);
        }
        match levels {
            Levels::Tinh if r.percent(8) => title.push_str(" (thực hiện tại cấp tỉnh)"),
            Levels::Xa if r.percent(8) => title.push_str(" (thực hiện tại cấp xã)"),
            _ => {}
        }
        let code = code(i, width);
        // A title already taken gets the province's name, as local procedures do; if that is
        // taken too, the title stays and an explicit slug makes the URL unique.
        let mut url = slugify(&title);
        if urls.contains(&url) {
            let local = format!("{title} ({})", world.provinces[province].full);
            url = slugify(&local);
            if !urls.contains(&url) {
                title = local;
            }
        }
        let slug = if urls.contains(&url) {
            url = format!("{}-{}", slugify(&title), code.replace('.', "-"));
            Some(url.clone())
        } else {
            None
        };
        urls.insert(url.clone());
        let stem = if url.len() > 80 {
            let cut = url[..80].rfind('-').unwrap_or(80);
            format!("{}-{}", &url[..cut], code.replace('.', "-"))
        } else {
            url
        };
        let abolished = i >= 20 && r.percent(1);
        let replaced_by = if abolished { last_active[k] } else { None };
        if !abolished {
            last_active[k] = Some(i);
        }
        let related = if r.percent(12) && !recent[k].is_empty() {
            let count = r.range(1, 2);
            r.distinct(recent[k].len(), count)
                .into_iter()
                .map(|j| recent[k][j])
                .collect()
        } else {
            Vec::new()
        };
        if recent[k].len() == 8 {
            recent[k].remove(0);
        }
        recent[k].push(i);
        plans.push(Plan {
            code,
            title,
            slug,
            file: format!("procedures/{}/{stem}.md", field.id),
            field: k,
            kind,
            action,
            noun,
            levels,
            province,
            agency,
            abolished,
            replaced_by,
            related,
            has_alias: r.percent(1),
        });
    }
    plans
}

struct GroupPlan {
    id: String,
    code: Option<String>,
    /// Procedure indices, in the order of the journey.
    members: Vec<usize>,
}

/// A few dozen liên thông groups of 2–4 active procedures that share a life event.
fn plan_groups(n: usize, plans: &[Plan]) -> Vec<GroupPlan> {
    let count = (n / 100).clamp(n.min(3), 40);
    let mut by_event: Vec<Vec<usize>> = vec![Vec::new(); LIFE_EVENTS.len()];
    for (i, p) in plans.iter().enumerate() {
        if p.abolished {
            continue;
        }
        let event = FIELDS[p.field].event;
        if let Some(e) = LIFE_EVENTS.iter().position(|(id, _, _)| *id == event) {
            by_event[e].push(i);
        }
    }
    let active: Vec<usize> = (0..plans.len()).filter(|&i| !plans[i].abolished).collect();
    let width = code_width(n + 100);
    (0..count)
        .filter_map(|g| {
            let mut r = Rng::stream(n, Stream::Group, g);
            let e = g % LIFE_EVENTS.len();
            let pool = if by_event[e].len() >= 4 {
                &by_event[e]
            } else {
                &active
            };
            let size = r.range(2, 4).min(pool.len());
            (size >= 2).then(|| GroupPlan {
                id: format!("lien-thong-{}-{:02}", LIFE_EVENTS[e].0, g + 1),
                code: r.percent(70).then(|| code(n + g, width)),
                members: r
                    .distinct(pool.len(), size)
                    .into_iter()
                    .map(|j| pool[j])
                    .collect(),
            })
        })
        .collect()
}

fn group_yaml(g: &GroupPlan, plans: &[Plan]) -> String {
    // "… về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế".
    let mut topics: Vec<String> = Vec::new();
    for &i in &g.members {
        let p = &plans[i];
        let topic = if p.action.is_empty() {
            p.noun.to_string()
        } else {
            format!("{} {}", p.action.to_lowercase(), p.noun)
        };
        if !topics.contains(&topic) {
            topics.push(topic);
        }
    }
    let mut s = String::new();
    out!(
        s,
        "title: {}\n",
        scalar(&format!(
            "Liên thông các thủ tục hành chính về {}",
            topics.join("; ")
        ))
    );
    if let Some(code) = &g.code {
        out!(s, "code: \"{code}\"\n");
    }
    out!(
        s,
        "description: Làm một lần, nhận đủ kết quả của {} thủ tục.\nprocedures:\n",
        g.members.len()
    );
    for &i in &g.members {
        out!(s, "  - \"{}\"\n", plans[i].code);
    }
    s
}

// ---- writing a procedure ----

struct Context<'a> {
    n: usize,
    world: &'a World,
    plans: &'a [Plan],
}

fn write_procedure(s: &mut String, ctx: &Context, i: usize, plan: &Plan) {
    let mut r = Rng::stream(ctx.n, Stream::Procedure, i);
    let field = &FIELDS[plan.field];
    let world = ctx.world;
    let agency = &world.agencies[plan.agency];
    let province = &world.provinces[plan.province];
    let ubnd = world.dept(plan.province, vocab::UBND);

    s.push_str("---\n");
    out!(s, "code: \"{}\"\n", plan.code);
    out!(s, "title: {}\n", scalar(&plan.title));
    if let Some(slug) = &plan.slug {
        out!(s, "slug: {slug}\n");
    }
    s.push_str(match plan.levels {
        Levels::Tinh => "level: tinh\n",
        Levels::Xa => "level: xa\n",
        Levels::Both => "level: [tinh, xa]\n",
    });
    out!(s, "field: {}\nagency: {}\n", field.id, agency.id);
    if plan.agency != ubnd && r.percent(25) {
        out!(s, "deciding_agency: {}\n", world.agencies[ubnd].id);
    }
    if r.percent(15) {
        let depts = &province.depts;
        let count = r.range(1, 2);
        let picks = r.distinct(depts.len(), count);
        let others: Vec<&str> = picks
            .iter()
            .map(|&d| depts[d])
            .filter(|&a| a != plan.agency)
            .map(|a| world.agencies[a].id.as_str())
            .collect();
        if !others.is_empty() {
            out!(s, "coordinating_agencies: [{}]\n", others.join(", "));
        }
    }
    s.push_str("subjects:\n");
    let first = r.weighted(SUBJECTS);
    out!(s, "  - {first}\n");
    if r.percent(35) {
        let second = r.weighted(SUBJECTS);
        if second != first {
            out!(s, "  - {second}\n");
        }
    }

    let duration = Duration::draw(&mut r);
    let fees = Fees::draw(&mut r);
    let online = r.percent(45);
    let post = r.percent(55);
    let in_person = r.percent(97) || !(online || post);
    s.push_str("channels:\n");
    let office = agency.short_name.as_deref().unwrap_or(&agency.name);
    if in_person {
        out!(s, "  - type: in_person\n    duration: {}\n", duration.text);
        fees.write(s, &mut r, false);
        if r.percent(60) {
            out!(s, "    note: Nộp tại Bộ phận Một cửa của {office}\n");
        }
    }
    if post {
        out!(s, "  - type: post\n    duration: {}\n", duration.text);
        fees.write(s, &mut r, false);
        if r.percent(30) {
            s.push_str("    note: Gửi hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích\n");
        }
    }
    if online {
        let faster = duration.value > 2 && r.percent(20);
        let text = if faster {
            Duration::days(duration.value - 1, &mut r)
        } else {
            duration.text.clone()
        };
        out!(s, "  - type: online\n    duration: {text}\n");
        fees.write(s, &mut r, true);
        if r.percent(30) {
            s.push_str("    note: Nộp hồ sơ trên Cổng Dịch vụ công quốc gia\n");
        }
        if r.percent(90) {
            let level = if r.percent(60) { "full" } else { "partial" };
            out!(
                s,
                "online:\n  level: {level}\n  url: https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc={}\n",
                plan.code
            );
        }
    }

    let words = Words::new(plan, field, agency, province, &duration);
    write_documents(s, &mut r, plan, field, &words);
    s.push_str("result:\n");
    out!(s, "  - {}\n", scalar(&words.result));
    if r.percent(30) {
        s.push_str("  - Văn bản trả lời nêu rõ lý do (trường hợp không đủ điều kiện)\n");
    }
    write_legal_basis(s, &mut r, plan.field);
    let announced = Date::draw(&mut r, 2016, 2025);
    let issuer = if r.percent(40) {
        "UBND"
    } else {
        DEPTS[field.dept].issuer
    };
    out!(
        s,
        "announced:\n  decision: {}/QĐ-{issuer}\n  date: {announced}\n",
        r.range(100, 6000)
    );
    if r.percent(40) {
        out!(s, "updated: {}\n", Date::draw(&mut r, 2025, 2026));
    }
    if !field.event.is_empty() && r.percent(75) {
        out!(s, "life_events: [{}]\n", field.event);
    } else if r.percent(8) {
        out!(s, "life_events: [{}]\n", r.pick(LIFE_EVENTS).0);
    }
    if r.percent(50) {
        s.push_str("keywords:\n");
        out!(s, "  - {}\n", scalar(&lower_first(plan.noun)));
        if r.percent(50) {
            out!(s, "  - {}\n", scalar(&lower_first(field.name)));
        }
    }
    if !plan.related.is_empty() {
        let codes: Vec<String> = plan
            .related
            .iter()
            .map(|&j| format!("\"{}\"", ctx.plans[j].code))
            .collect();
        out!(s, "related: [{}]\n", codes.join(", "));
    }
    if plan.abolished {
        s.push_str("status: abolished\n");
        if let Some(j) = plan.replaced_by {
            out!(s, "replaced_by: \"{}\"\n", ctx.plans[j].code);
        }
    }
    if plan.has_alias {
        // Old titles started with "Thủ tục"; no current title does, so the old URL is free.
        let slug = plan.slug.clone().unwrap_or_else(|| slugify(&plan.title));
        out!(s, "aliases: [/thu-tuc/thu-tuc-{slug}/]\n");
    }
    s.push_str("---\n");
    write_body(s, &mut r, &words);
}

/// A processing time as staff write it, and its number of days (0 when not a count).
struct Duration {
    text: String,
    value: usize,
}

impl Duration {
    fn draw(r: &mut Rng) -> Duration {
        let unit = r.weighted(&[
            (62, 'w'),
            (11, 'd'),
            (3, 'h'),
            (2, 'm'),
            (8, 's'),
            (14, 'n'),
        ]);
        let (value, text) = match unit {
            'w' => {
                let v = *r.pick(&[1, 2, 3, 5, 7, 10, 12, 15, 20, 25, 30, 45]);
                let unit = if r.percent(30) {
                    "Ngày làm việc"
                } else {
                    "ngày làm việc"
                };
                (v, format!("{} {unit}", number(r, v)))
            }
            'd' => {
                let v = *r.pick(&[3, 5, 7, 10, 15, 20, 30, 45, 60, 90]);
                return Duration {
                    value: v,
                    text: Duration::days(v, r),
                };
            }
            'h' => {
                let v = *r.pick(&[1, 2, 4, 8, 24]);
                let unit = if r.percent(50) { "Giờ" } else { "giờ" };
                (0, format!("{} {unit}", number(r, v)))
            }
            'm' => {
                let v = *r.pick(&[1, 2, 3, 6]);
                (0, format!("{v} tháng"))
            }
            's' => (0, "trong ngày".to_string()),
            _ => (
                0,
                if r.percent(50) {
                    "Không quy định"
                } else {
                    "không quy định"
                }
                .to_string(),
            ),
        };
        Duration { text, value }
    }

    fn days(v: usize, r: &mut Rng) -> String {
        let unit = if r.percent(30) { "Ngày" } else { "ngày" };
        format!("{} {unit}", number(r, v))
    }

    /// The time for a sentence: "Trong thời hạn …".
    fn phrase(&self) -> &str {
        if self.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            &self.text
        } else {
            "quy định"
        }
    }
}

/// A small number, sometimes with the leading zero of the national database: "07".
fn number(r: &mut Rng, v: usize) -> String {
    if v < 10 && r.percent(25) {
        format!("0{v}")
    } else {
        v.to_string()
    }
}

/// The fees of a procedure, the same on every channel (less online, sometimes).
enum Fees {
    NotStated,
    Free {
        note: Option<&'static str>,
    },
    Fixed {
        label: &'static str,
        amount: u64,
    },
    Schedule {
        label: &'static str,
        cases: &'static [&'static str],
        base: u64,
    },
}

impl Fees {
    fn draw(r: &mut Rng) -> Fees {
        match r.below(100) {
            0..=44 => Fees::Free {
                note: r.percent(40).then(|| *r.pick(FREE_NOTES)),
            },
            45..=74 => Fees::NotStated,
            75..=89 => {
                let label = *r.pick(&["Lệ phí", "Lệ phí", "Phí", "Phí thẩm định"]);
                let amount = *r.pick(&[
                    10_000, 20_000, 30_000, 50_000, 100_000, 150_000, 200_000, 500_000, 1_000_000,
                    1_500_000, 3_000_000,
                ]);
                Fees::Fixed { label, amount }
            }
            _ => {
                let (label, cases, base) = *r.pick(FEE_SCHEDULES);
                Fees::Schedule {
                    label,
                    cases,
                    base: base * 1000,
                }
            }
        }
    }

    fn write(&self, s: &mut String, r: &mut Rng, online: bool) {
        match self {
            Fees::NotStated => {}
            Fees::Free { note: None } if r.percent(50) => s.push_str("    fees: [{ amount: 0 }]\n"),
            Fees::Free { note } => {
                let amount = *r.pick(&["0", "0", "\"Miễn phí\"", "\"0 đồng\""]);
                out!(
                    s,
                    "    fees:\n      - label: Lệ phí\n        amount: {amount}\n"
                );
                if let Some(note) = note {
                    out!(s, "        note: {note}\n");
                }
            }
            Fees::Fixed { label, amount } => {
                let halved = online && r.percent(30);
                let amount = if halved { amount / 2 } else { *amount };
                out!(
                    s,
                    "    fees:\n      - label: {label}\n        amount: {}\n",
                    money(r, amount)
                );
                if halved {
                    s.push_str("        note: Giảm 50% khi nộp hồ sơ trực tuyến\n");
                }
            }
            Fees::Schedule { label, cases, base } => {
                s.push_str("    fees:\n");
                for (k, case) in cases.iter().enumerate() {
                    let amount = base * (1 + k as u64 * 2);
                    out!(
                        s,
                        "      - label: {label}\n        amount: {}\n        note: {case}\n",
                        money(r, amount)
                    );
                }
            }
        }
    }
}

/// An amount written as staff write it: 50000, "50.000", "50.000 đồng", "50,000", "50.000 VNĐ".
fn money(r: &mut Rng, amount: u64) -> String {
    let dotted = |sep: char| {
        let digits = amount.to_string();
        let mut grouped = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                grouped.push(sep);
            }
            grouped.push(c);
        }
        grouped
    };
    match r.below(10) {
        0..=2 => amount.to_string(),
        3..=5 => format!("\"{}\"", dotted('.')),
        6..=7 => format!("\"{} đồng\"", dotted('.')),
        8 => format!("\"{}\"", dotted(',')),
        _ => format!("\"{} VNĐ\"", dotted('.')),
    }
}

/// The words a procedure's text is made of.
struct Words {
    /// The title, in lower case, for the middle of a sentence.
    tt: String,
    noun: String,
    agency: String,
    subject: &'static str,
    result: String,
    duration: String,
    field: String,
    province: String,
    law: &'static str,
}

impl Words {
    fn new(
        plan: &Plan,
        field: &Field,
        agency: &Agency,
        province: &Province,
        duration: &Duration,
    ) -> Words {
        let action = plan.action.to_lowercase();
        let result = match plan.kind {
            'L' if plan.action != "Thu hồi" => upper_first(plan.noun),
            'R' => format!("Văn bản xác nhận {action} {}", plan.noun),
            'V' => format!("Văn bản thông báo kết quả {}", plan.noun),
            _ => format!("Quyết định {action} {}", plan.noun),
        };
        Words {
            tt: lower_first(&plan.title),
            noun: plan.noun.to_string(),
            agency: agency.name.clone(),
            subject: match plan.levels {
                Levels::Xa => "Công dân",
                _ => "Tổ chức, cá nhân",
            },
            result,
            duration: duration.phrase().to_string(),
            field: lower_first(field.name),
            province: province.full.clone(),
            law: field.law,
        }
    }

    /// A sentence with its placeholders filled in.
    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = start + rest[start..].find('}').expect("closed placeholder");
            out.push_str(match &rest[start + 1..end] {
                "tt" => &self.tt,
                "obj" => &self.noun,
                "ag" => &self.agency,
                "sub" => self.subject,
                "res" => &self.result,
                "dur" => &self.duration,
                "field" => &self.field,
                "prov" => &self.province,
                "law" => self.law,
                other => panic!("unknown placeholder {{{other}}}"),
            });
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

fn write_documents(s: &mut String, r: &mut Rng, plan: &Plan, field: &Field, words: &Words) {
    s.push_str("documents:\n");
    let form_name = if r.percent(50) {
        format!("Đơn đề nghị {}", words.tt)
    } else {
        format!("Tờ khai {}", lower_first(plan.noun))
    };
    out!(s, "  - name: {}\n", scalar(&form_name));
    if r.percent(55) {
        let k = r.range(1, FORMS_PER_FIELD);
        out!(s, "    form: {}\n", form_path(field.id, k));
        out!(
            s,
            "    note: Mẫu số {k:02} ban hành kèm theo văn bản hướng dẫn {}\n",
            field.law
        );
    }
    let count = r.weighted(&[(20, 1), (35, 2), (25, 3), (15, 4), (5, 6)]);
    for d in r.distinct(COMMON_DOCUMENTS.len(), count) {
        let (name, required) = COMMON_DOCUMENTS[d];
        out!(s, "  - name: {}\n", scalar(name));
        match r.below(10) {
            0..=5 => {}
            6..=7 => s.push_str("    originals: 0\n    copies: 1\n"),
            _ => s.push_str("    copies: 1\n"),
        }
        if !required {
            s.push_str("    required: false\n");
        }
    }
    if r.percent(50) {
        out!(
            s,
            "  - name: {}\n    kind: present\n",
            r.pick(PRESENTED_DOCUMENTS)
        );
    }
}

/// A few laws with their real numbers; the rest of the legal basis has made-up numbers.
const REAL_LAWS: &[(&str, &str, &str)] = &[
    ("ho-tich", "60/2014/QH13", "2014-11-20"),
    ("dat-dai", "31/2024/QH15", "2024-01-18"),
    ("cu-tru", "68/2020/QH14", "2020-11-13"),
    ("thanh-lap-doanh-nghiep", "59/2020/QH14", "2020-06-17"),
    ("hoat-dong-xay-dung", "50/2014/QH13", "2014-06-18"),
];

fn write_legal_basis(s: &mut String, r: &mut Rng, k: usize) {
    let field = &FIELDS[k];
    // Every procedure of a field cites the same law, decree and circular.
    let year = 2005 + (k * 7) % 20;
    let (law_number, law_date) = match REAL_LAWS.iter().find(|(id, _, _)| *id == field.id) {
        Some((_, number, date)) => (number.to_string(), date.to_string()),
        None => {
            let legislature = match year {
                ..2007 => 11,
                2007..2011 => 12,
                2011..2016 => 13,
                2016..2021 => 14,
                _ => 15,
            };
            (
                format!("{}/{year}/QH{legislature}", 10 + k % 70),
                format!("{year}-{:02}-{:02}", 1 + k % 12, 1 + k % 28),
            )
        }
    };
    let issuer = DEPTS[field.dept].issuer;
    s.push_str("legal_basis:\n");
    out!(
        s,
        "  - number: {law_number}\n    title: {}\n    date: {law_date}\n",
        scalar(field.law)
    );
    if r.percent(40) {
        out!(
            s,
            "    url: https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID={}\n",
            30_000 + k * 911
        );
    }
    if r.percent(80) {
        out!(
            s,
            "  - number: {}/{}/NĐ-CP\n    title: {}\n",
            20 + (k * 13) % 150,
            year + 1,
            scalar(&format!(
                "Nghị định quy định chi tiết một số điều và biện pháp thi hành {}",
                field.law
            ))
        );
    }
    if r.percent(60) {
        out!(
            s,
            "  - number: {:02}/{}/TT-{issuer}\n    title: {}\n    date: {}-{:02}-15\n",
            1 + (k * 5) % 40,
            year + 2,
            scalar(&format!("Thông tư hướng dẫn thực hiện {}", field.law)),
            year + 2,
            1 + (k * 5) % 12
        );
    }
    let general = r.range(0, 2);
    for g in r.distinct(GENERAL_LAWS.len(), general) {
        let (number, title, date) = GENERAL_LAWS[g];
        out!(
            s,
            "  - number: {number}\n    title: {title}\n    date: {date}\n"
        );
    }
}

/// A calendar date (day ≤ 28, so that every month has it).
struct Date(usize, usize, usize);

impl Date {
    fn draw(r: &mut Rng, from: usize, to: usize) -> Date {
        Date(r.range(from, to), r.range(1, 12), r.range(1, 28))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

/// The Markdown body: what it is for, the steps, the conditions and other sections,
/// 400–800 words in all.
fn write_body(s: &mut String, r: &mut Rng, w: &Words) {
    let target = r.range(400, 620);
    // The first sentence says what the procedure is for and who needs it.
    let sentences = r.range(1, 2);
    let mut intro = vec![w.fill(INTRO[0])];
    intro.extend(
        r.distinct(INTRO.len() - 1, sentences)
            .into_iter()
            .map(|i| w.fill(INTRO[i + 1])),
    );
    let mut steps: Vec<Vec<String>> = STEPS
        .iter()
        .map(|stage| {
            let k = if stage.len() > 3 { r.range(1, 2) } else { 1 };
            r.distinct(stage.len(), k)
                .into_iter()
                .map(|i| w.fill(stage[i]))
                .collect()
        })
        .collect();
    let with_conditions = r.percent(75);
    let first_conditions = r.range(1, 3);
    let mut conditions: Vec<String> = if with_conditions {
        r.distinct(CONDITIONS.len(), first_conditions)
            .into_iter()
            .map(|i| w.fill(CONDITIONS[i]))
            .collect()
    } else {
        Vec::new()
    };
    let mut others: Vec<(&str, Vec<String>)> = Vec::new();

    // Grow the sections from the unused sentences until the text is long enough.
    let mut total = word_count(&intro)
        + steps.iter().map(|st| word_count(st)).sum::<usize>()
        + word_count(&conditions);
    let mut details = r
        .distinct(STEP_DETAILS.len(), STEP_DETAILS.len())
        .into_iter();
    let mut more_conditions = r.distinct(CONDITIONS.len(), CONDITIONS.len()).into_iter();
    let mut more_intro = r.distinct(INTRO.len(), INTRO.len()).into_iter();
    let mut sections = r
        .distinct(OTHER_SECTIONS.len(), OTHER_SECTIONS.len())
        .into_iter();
    let mut round = 0;
    while total < target && round < 200 {
        round += 1;
        let added = match round % 4 {
            0 | 1 => details.next().map(|i| {
                let sentence = w.fill(STEP_DETAILS[i]);
                let stage = r.range(1, 3);
                steps[stage].push(sentence.clone());
                sentence
            }),
            2 if with_conditions => more_conditions.next().and_then(|i| {
                let sentence = w.fill(CONDITIONS[i]);
                (!conditions.contains(&sentence)).then(|| {
                    conditions.push(sentence.clone());
                    sentence
                })
            }),
            2 => more_intro.next().and_then(|i| {
                let sentence = w.fill(INTRO[i]);
                (!intro.contains(&sentence)).then(|| {
                    intro.push(sentence.clone());
                    sentence
                })
            }),
            _ => sections.next().map(|k| {
                let (heading, lines) = OTHER_SECTIONS[k];
                let text: Vec<String> = lines.iter().map(|l| w.fill(l)).collect();
                let joined = text.join(" ");
                others.push((heading, text));
                joined
            }),
        };
        total += added.map_or(0, |t| t.split_whitespace().count());
    }

    // About one record in twenty has the text quirks of the real data: decomposed tone
    // marks, no-break spaces, a left-to-right mark inside a word.
    if r.percent(5) {
        let sentence = &mut steps[0][0];
        *sentence = sentence.nfd().collect();
    }
    if r.percent(4) {
        let sentence = &mut intro[0];
        *sentence = sentence.replacen(' ', "\u{00A0}", 3);
    }
    if r.percent(2) {
        let sentence = &mut steps[4][0];
        if let Some(at) = sentence.find("ký") {
            sentence.insert(at + "k".len(), '\u{200E}');
        }
    }

    out!(s, "{}\n\n", intro.join(" "));
    let heading = if r.percent(80) {
        "Trình tự thực hiện"
    } else {
        "Các bước"
    };
    out!(s, "## {heading}\n\n");
    let numbered = r.percent(60);
    for (k, stage) in steps.iter().enumerate() {
        if numbered {
            out!(s, "{}. {}\n", k + 1, stage.join(" "));
        } else {
            out!(s, "Bước {}: {}\n\n", k + 1, stage.join(" "));
        }
    }
    if numbered {
        s.push('\n');
    }
    if with_conditions {
        let heading = if r.percent(85) {
            "Yêu cầu, điều kiện"
        } else {
            "Điều kiện"
        };
        out!(s, "## {heading}\n\n");
        for c in &conditions {
            out!(s, "- {c}\n");
        }
        s.push('\n');
    }
    for (heading, lines) in &others {
        out!(s, "## {heading}\n\n");
        for l in lines {
            out!(s, "- {l}\n");
        }
        s.push('\n');
    }
    // One blank line at the end, not two.
    while s.ends_with("\n\n") {
        s.pop();
    }
}

// ---- text helpers ----

fn word_count(sentences: &[String]) -> usize {
    sentences.iter().map(|t| t.split_whitespace().count()).sum()
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The first letter in lower case, for a title in the middle of a sentence.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A YAML scalar: plain when YAML reads it back as the same text, quoted otherwise.
fn scalar(s: &str) -> String {
    let special_start = s.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ]);
    let looks_typed = s.parse::<f64>().is_ok()
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "~" | "on" | "off"
        );
    if s.is_empty()
        || special_start
        || looks_typed
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.trim() != s
    {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}
