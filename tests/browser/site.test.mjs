// Browser tests of the built site, in Debian's Chromium: no WCAG 2.2 AA violations that
// axe-core can find on every page kind, a procedure page readable on a 360 px phone (the
// statistics and the changes on a 320 px one),
// and reading a procedure with JavaScript turned off; the search page at 320 and 360 px with
// results and filters in (no sideways scroll, no layout shift); and the pages of a long list
// (a generated catalogue) with their navigation.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startSite, launch, repo } from './site.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// One page of every kind in the fixture catalogue (tests/fixtures/site).
const PAGES = {
  home: '',
  procedure: 'thu-tuc/dang-ky-khai-sinh/',
  'abolished procedure': 'thu-tuc/dang-ky-khai-sinh-mau-cu/',
  field: 'linh-vuc/ho-tich/',
  'empty field': 'linh-vuc/dat-dai/',
  level: 'cap/xa/',
  'life event': 'su-kien/sinh-con/',
  agency: 'co-quan/ubnd-xa/',
  group: 'lien-thong/lien-thong-khai-sinh/',
  'open data': 'du-lieu/',
  'a–z': 'a-z/',
  search: 'tim-kiem/',
  statistics: 'thong-ke/',
  'what changed': 'thay-doi/',
  'not found': 'khong-co-trang-nay/',
  'posting sheet': 'niem-yet/ubnd-xa/',
  'procedure sheet': 'thu-tuc/dang-ky-khai-sinh/in/',
};

let site;
let browser;

before(async () => {
  site = await startSite();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.stop();
});

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  }, WCAG);
}

function describe(violations) {
  return violations
    .map((v) => `${v.rule} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`)
    .join('\n');
}

test('axe-core is injected and finds what it should', async () => {
  const page = await browser.newPage();
  await page.setContent('<html><body><p style="color:#aaa;background:#fff">pale</p><img src="data:,"><a href="#"></a></body></html>');
  const rules = (await axeViolations(page)).map((v) => v.rule).sort();
  await page.close();
  assert.deepEqual(rules, ['color-contrast', 'document-title', 'html-has-lang', 'image-alt', 'link-name']);
});

for (const width of [1280, 360]) {
  test(`no WCAG 2.2 AA violations on every page kind at ${width} px`, async () => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const found = [];
    for (const [kind, path] of Object.entries(PAGES)) {
      const response = await page.goto(site.url + path);
      assert.equal(response.status(), kind === 'not found' ? 404 : 200, `${kind}: ${path}`);
      const violations = await axeViolations(page);
      if (violations.length) found.push(`${kind} (/${path}):\n  ${describe(violations)}`);
    }
    await page.close();
    assert.deepEqual(found, [], found.join('\n\n'));
  });
}

test('a procedure page reads on a 360 px phone without sideways scrolling', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(site.url + PAGES.procedure);
  const layout = await page.evaluate(() => {
    const overflowing = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      const hidden = r.width <= 1 || getComputedStyle(el).position === 'absolute';
      if (!hidden && (r.right > window.innerWidth + 0.5 || r.left < -0.5)) {
        overflowing.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    const bodyFont = parseFloat(getComputedStyle(document.querySelector('.intro p')).fontSize);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      overflowing,
      bodyFont,
    };
  });
  assert.equal(layout.innerWidth, 360);
  assert.ok(layout.scrollWidth <= 360, `the page is ${layout.scrollWidth} px wide`);
  assert.deepEqual(layout.overflowing, []);
  assert.ok(layout.bodyFont >= 16, `text is ${layout.bodyFont} px`);
  // The answer is on the first screen: the title and the processing time.
  const time = await page.getByText('Thời hạn giải quyết').first().boundingBox();
  assert.ok(time && time.y < 740 * 1.5, `processing time starts at ${time?.y} px`);
  // The statistics (SVG charts and their tables) and the changes fit a 320 px phone too.
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of [PAGES.statistics, PAGES['what changed']]) {
    await page.goto(site.url + path);
    const { scrollWidth, charts } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      charts: [...document.querySelectorAll('svg.chart')].map((svg) => svg.getBoundingClientRect().width),
    }));
    assert.ok(scrollWidth <= 320, `${path} is ${scrollWidth} px wide`);
    assert.ok(charts.every((w) => w > 200 && w <= 320), `${path}: charts ${charts}`);
  }
  await page.close();
});

test('a procedure page works with JavaScript turned off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(site.url + PAGES.procedure);
  assert.equal(response.status(), 200);
  // The preview server adds its live-reload script (/__thutuc/); published pages have none.
  // (Their JSON-LD is data in a script element, never run.)
  const scripts = 'script:not([src^="/__thutuc/"]):not([type="application/ld+json"])';
  assert.equal(await page.locator(scripts).count(), 0, 'a procedure page needs no script');
  assert.equal(await page.locator('h1').innerText(), 'Đăng ký khai sinh');
  for (const text of ['Cách thực hiện', 'Hồ sơ cần chuẩn bị', 'Các bước thực hiện', 'Nơi giải quyết và liên hệ']) {
    assert.ok(await page.getByRole('heading', { name: text }).isVisible(), text);
  }
  assert.equal(await page.locator('.checklist > li').count(), 4);
  // The stylesheet loaded (the page is styled), and in-page links move to their section.
  const headerColour = await page.locator('.site-header').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(headerColour, 'rgb(18, 53, 91)');
  await page.getByRole('link', { name: 'Hồ sơ cần chuẩn bị' }).click();
  assert.ok(page.url().endsWith('#ho-so'));
  // The form downloads, and the search form still submits to the search page.
  const form = await page.request.get(await page.getByRole('link', { name: /Tải mẫu/ }).getAttribute('href', { timeout: 1000 }).then((h) => new URL(h, site.url).href));
  assert.equal(form.status(), 200);
  await page.locator('#site-search-q').fill('khai sinh');
  await page.locator('#site-search-q').press('Enter');
  await page.waitForURL(/tim-kiem\/\?q=khai\+sinh/);
  assert.ok(await page.getByText('cần JavaScript').isVisible());
  await context.close();
});

test('keyboard users get a skip link and a visible focus', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(site.url + PAGES.procedure);
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { text: el.textContent, href: el.getAttribute('href'), visible: r.left >= 0 && r.top >= 0 && r.width > 0, bg: getComputedStyle(el).backgroundColor };
  });
  assert.equal(skip.text, 'Chuyển đến nội dung chính');
  assert.ok(skip.visible, 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.ok(page.url().endsWith('#noi-dung'));
  // Focus on a link is the high-contrast yellow.
  await page.getByRole('link', { name: 'Ủy ban nhân dân xã, phường' }).first().focus();
  const focusBg = await page.evaluate(() => getComputedStyle(document.activeElement).backgroundColor);
  assert.equal(focusBg, 'rgb(255, 221, 0)');
  await page.close();
});

test('a procedure prints as a checklist', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 1000 } });
  await page.goto(site.url + PAGES.procedure);
  await page.emulateMedia({ media: 'print' });
  const shown = (sel) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).display !== 'none');
  assert.equal(await shown('.site-header'), false);
  assert.equal(await shown('.toc'), false);
  assert.equal(await shown('.site-footer'), false);
  assert.equal(await shown('.print-only'), true);
  const box = await page.locator('.checklist > li').first().evaluate((el) => {
    const s = getComputedStyle(el, '::before');
    return { content: s.content, border: s.borderTopWidth };
  });
  assert.equal(box.content, '""', 'an empty box to tick');
  assert.notEqual(box.border, '0px');
  await page.close();
});

// Search on the real sample catalogue: typed without diacritics, as citizens type on phones.
// Served by `thutuc serve`, with its live-reload poll running as staff see it: that poll
// once stalled the first search (a worker race in the HTTP crate serve used before).
test('search finds a procedure typed without diacritics and filters by level', async () => {
  const sample = await startSite(join(repo, 'content'));
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  try {
    await page.goto(sample.url + 'tim-kiem/');
    assert.equal(await page.isHidden('#search-no-js'), true, 'the no-JavaScript notice is hidden');
    await page.fill('#search-input', 'dang ky thuong tru');
    const first = page.locator('#search-results li a').first();
    await first.waitFor({ timeout: 30_000 });
    assert.equal(await first.textContent(), 'Đăng ký thường trú');
    assert.match(await page.textContent('#search-status'), /\d/);

    // no dead end: a word no procedure has is left out, and the page says so; a typo is
    // corrected, the other words shown as typed
    await page.fill('#search-input', 'Đăng Ký thuong truu qwzx ');
    const notes = page.locator('#search-results .search-note');
    await page.waitForFunction(() => document.querySelectorAll('#search-results .search-note').length === 2, null, { timeout: 30_000 });
    assert.deepEqual(await notes.allTextContents(), [
      'Kết quả cho “Đăng Ký thuong tru qwzx”',
      'Không có thủ tục nào chứa đủ các từ “Đăng Ký thuong truu qwzx”; các thủ tục gần nhất (không có từ “qwzx”):',
    ]);
    assert.equal(await first.textContent(), 'Đăng ký thường trú');
    assert.match(await page.textContent('#search-status'), /Kết quả cho/);

    await page.fill('#search-input', 'giay phep');
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 1);
    const before = await page.locator('#search-results li').count();
    await page.selectOption('#search-filters select[name=level]', 'tinh');
    await page.waitForFunction(
      (n) => document.querySelectorAll('#search-results li').length < n,
      before,
      { timeout: 30_000 },
    );
    const metas = await page.locator('#search-results li p').allTextContents();
    assert.ok(metas.length > 0, 'some results remain');
    for (const meta of metas) assert.match(meta, /Cấp tỉnh/);
  } finally {
    await page.close();
    sample.stop();
  }
});

// The search page on a narrow phone once results and filters are in: an agency whose name
// is very long (real names run past a hundred characters; this one also has a long unbroken
// word) must not widen the page (a select is as wide as its longest option unless told
// otherwise: WCAG 1.4.10 reflow), and results arriving must not move what is on screen (layout
// shift). The query comes in the address, as from the header's search box on every other
// page, so no input excuses a shift; the search files are slowed down as on a phone's network,
// so that the page paints before they come (served at once, they beat the first paint and no
// shift can be seen). The viewport is Lighthouse's phone height, without mobile emulation,
// which counts its own start-up gestures as input and so hides shifts.
test('the search page keeps its width and layout at 320 and 360 px with results and filters', async () => {
  const content = join(mkdtempSync(join(tmpdir(), 'thutuc-reflow-')), 'content');
  cpSync(join(repo, 'tests', 'fixtures', 'site'), content, { recursive: true });
  const longName = 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an tỉnh, thành phố trực thuộc '
    + 'Trung ương (Đội đăng ký, quản lý cư trú và cơ sở dữ liệu quốc gia về dân cư, căn cước) '
    + 'PC06-ĐộiĐăngKýQuảnLýCưTrúVàCơSởDữLiệuQuốcGiaVềDânCư';
  writeFileSync(join(content, 'agencies', 'phong-csqlhc.yaml'), `name: "${longName}"\nlevel: tinh\n`);
  writeFileSync(join(content, 'procedures', 'cu-tru', 'dang-ky-tam-tru.md'), [
    '---', 'code: "1.004194"', 'title: Đăng ký tạm trú', 'level: [tinh]', 'field: cu-tru',
    'agency: phong-csqlhc', 'channels:', '  - type: in_person', '    duration: 3 ngày làm việc',
    '---', 'Đăng ký nơi tạm trú.', '',
  ].join('\n'));
  const reflow = await startSite(content);
  try {
    for (const width of [320, 360]) {
      const page = await browser.newPage({ viewport: { width, height: 823 } });
      await page.addInitScript(() => {
        window.shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (!e.hadRecentInput) window.shifts.push({ value: e.value, at: Math.round(e.startTime) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.route(/\/(search\/|static\/search\.)/, async (route) => {
        await new Promise((done) => setTimeout(done, 300));
        await route.continue();
      });
      await page.goto(reflow.url + 'tim-kiem/?q=dang%20ky');
      await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 1, null, { timeout: 30_000 });
      // shifts are reported after their frame
      await page.waitForTimeout(500);
      const shifts = await page.evaluate(() => window.shifts);
      const cls = shifts.reduce((sum, s) => sum + s.value, 0);
      assert.ok(cls < 0.1, `at ${width} px results arriving shift the layout by ${cls.toFixed(3)}: ${JSON.stringify(shifts)}`);

      // the filters, opened (focused: counts are fetched) and used with the long name
      const agency = page.locator('#search-filters select[name=agency]');
      await agency.focus();
      await page.waitForFunction(() => [...document.querySelectorAll('#search-filters select[name=agency] option')]
        .some((o) => o.textContent.includes('PC06')), null, { timeout: 30_000 });
      const wide = async (when) => {
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `at ${width} px ${when} the page is ${scroll} px wide for ${client}`);
      };
      await wide('with the filters filled');
      await agency.selectOption('phong-csqlhc');
      await page.waitForFunction(() => document.querySelectorAll('#search-results li').length === 1, null, { timeout: 30_000 });
      assert.match(await page.textContent('#search-results li'), /PC06/);
      await wide('filtered by the long agency');
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `search page with results at ${width} px:\n${describe(violations)}`);
      await page.close();
    }
  } finally {
    reflow.stop();
    rmSync(join(content, '..'), { recursive: true, force: true });
  }
});

test('the pages of a long list are axe-clean, fit a 360 px phone and work without JavaScript', async () => {
  const generate = process.env.THUTUC_GENERATE;
  assert.ok(generate, 'THUTUC_GENERATE names the example generator (tests/browser/run.sh sets it)');
  const content = join(mkdtempSync(join(tmpdir(), 'thutuc-long-')), 'content');
  const made = spawnSync(generate, ['650', content], { stdio: 'inherit' });
  assert.equal(made.status, 0, 'the generator ran');
  const long = await startSite(content);
  try {
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
      const page = await context.newPage();
      for (const path of ['a-z/', 'a-z/trang-2/', 'cap/tinh/trang-2/']) {
        const response = await page.goto(long.url + path);
        assert.equal(response.status(), 200, path);
        const nav = page.locator('nav.pager');
        assert.equal(await nav.count(), 1, `${path}: one page navigation`);
        assert.ok(await nav.getAttribute('aria-label'), `${path}: the navigation is labelled`);
        assert.equal(await nav.locator('[aria-current="page"]').count(), 1, `${path}: the current page is marked`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} at ${width} px scrolls sideways by ${overflow} px`);
      }
      // following "next" without JavaScript reaches page 2, and it says so in its title
      await page.goto(long.url + 'a-z/');
      await page.locator('nav.pager a[rel="next"]').click();
      assert.match(page.url(), /a-z\/trang-2\/$/);
      assert.match(await page.title(), /Trang 2\//);
      await context.close();
      const checked = await browser.newPage({ viewport: { width, height: 900 } });
      // and a large office's posting sheets: its index of fields, a long field's index of
      // parts, and a part
      const sheets = ['niem-yet/cong-an-tinh-gia-lai/', 'niem-yet/cong-an-tinh-gia-lai/can-cuoc/', 'niem-yet/cong-an-tinh-gia-lai/can-cuoc/trang-2/'];
      for (const path of ['a-z/trang-2/', 'cap/tinh/', 'co-quan/', ...sheets]) {
        const response = await checked.goto(long.url + path);
        assert.equal(response.status(), 200, path);
        const violations = await axeViolations(checked);
        assert.deepEqual(violations, [], `${path} at ${width} px:\n${describe(violations)}`);
      }
      await checked.close();
    }
  } finally {
    long.stop();
    rmSync(join(content, '..'), { recursive: true, force: true });
  }
});

// Paper at the counter, on the sample catalogue (its commune police receive procedures of
// several fields): printed to A4, each field on a page of its own, nothing but the sheet.
test('a posting sheet prints one field per A4 page, with no navigation and nothing cut off', async () => {
  const sample = await startSite(join(repo, 'content'));
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
  try {
    await page.goto(sample.url + 'niem-yet/cong-an-cap-xa/');
    await page.emulateMedia({ media: 'print' });
    const fields = await page.locator('.posting-field').count();
    assert.ok(fields >= 3, `${fields} fields`);
    assert.equal(await page.locator('nav, .site-header, .site-footer, .site-search').count(), 0);
    assert.equal(await page.locator('.posting-field .qr').count(), await page.locator('.posting-table tbody tr').count());
    // A4 at 96 dpi, less the 1.2 cm margins: no row, code or address runs off the paper.
    await page.setViewportSize({ width: 794 - 91, height: 1123 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow} px wider than the paper`);
    // One field per page: the sheet prints on as many pages as its fields printed one by
    // one (a long field may take two), so no page holds the end of one field and the
    // start of the next.
    const pdfPages = async () => {
      const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
      return pdf.match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
    };
    const whole = await pdfPages();
    let apart = 0;
    for (let i = 0; i < fields; i++) {
      await page.evaluate((keep) => {
        document.querySelectorAll('.posting-field').forEach((el, n) => { el.hidden = n !== keep; });
      }, i);
      apart += await pdfPages();
    }
    assert.ok(whole >= fields, `${whole} pages for ${fields} fields`);
    assert.equal(whole, apart, 'each field starts a page of its own');

    // The one-page sheet of a procedure: tick boxes and its QR code, on one A4 page.
    await page.goto(sample.url + 'thu-tuc/dang-ky-thuong-tru/in/');
    await page.emulateMedia({ media: 'print' });
    assert.ok((await page.locator('.sheet-checklist .tick').count()) > 0);
    assert.equal(await page.locator('.qr-figure svg').count(), 1);
    assert.equal(await pdfPages(), 1, 'the sheet of a procedure fits one A4 page');
  } finally {
    await page.close();
    sample.stop();
  }
});
