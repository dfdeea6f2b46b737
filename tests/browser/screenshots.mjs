// Takes screenshots of the fixture site for a person to look at (not a test):
//   node screenshots.mjs [content folder] [path …]
// writes tests/browser/screenshots/<name>-<width>.png, at 360 px and 1280 px wide, full page,
// and the 360 px ones again in parts of 1000 px.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, launch, repo } from './site.mjs';

const [content, ...paths] = process.argv.slice(2);
const pages = paths.length ? paths : ['', 'thu-tuc/dang-ky-khai-sinh/'];
const out = join(repo, 'tests', 'browser', 'screenshots');
mkdirSync(out, { recursive: true });
const site = await startSite(content || undefined);
const browser = await launch();
try {
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const path of pages) {
      await page.goto(site.url + path);
      const name = (path.replace(/\/$/, '').replaceAll('/', '_') || 'home') + `-${width}.png`;
      await page.screenshot({ path: join(out, name), fullPage: true });
      console.log(join(out, name));
      // Tall narrow pages are also cut into screen-sized parts, which are easier to look at.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, n = 1; width < 800 && y < height; y += 1000, n++) {
        const part = name.replace('.png', `-part${n}.png`);
        await page.screenshot({ path: join(out, part), fullPage: true, clip: { x: 0, y, width, height: Math.min(1000, height - y) } });
        console.log(join(out, part));
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
  site.stop();
}
