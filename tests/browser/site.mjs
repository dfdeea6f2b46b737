// Shared by the browser tests: start `thutuc serve` on a free port and launch Debian's Chromium.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function thutucBinary() {
  if (process.env.THUTUC_BIN) return process.env.THUTUC_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
  return join(target, 'debug', 'thutuc');
}

/** Builds `content` and serves it; resolves to { url, stop }. */
export async function startSite(content = join(repo, 'tests', 'fixtures', 'site')) {
  const output = join(mkdtempSync(join(tmpdir(), 'thutuc-browser-')), 'public');
  const child = spawn(thutucBinary(), ['serve', '--content', content, '--output', output, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((ok, fail) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error('thutuc serve did not start in 60 s')), 60_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/Serving at (\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code) => fail(new Error(`thutuc serve exited with ${code}`)));
  });
  return {
    url,
    stop() {
      child.kill();
      rmSync(dirname(output), { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless; no browser is downloaded. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
