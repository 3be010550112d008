// `tsutawaru serve` in a real browser (issue 8): an open page reloads itself after a save,
// shows the build errors over the last good page when a save breaks the build, and drops
// them when the file is fixed. Uses the real content, copied to a temporary folder.
//
// usage: TSUTAWARU=path/to/tsutawaru SOURCE_ROOT=… node --test tests/browser/serve.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const bin = process.env.TSUTAWARU;
const root = process.env.SOURCE_ROOT;
const enabled = Boolean(bin && root);

let dir, server, url, browser;
before(async () => {
  if (!enabled) return;
  dir = mkdtempSync(join(tmpdir(), 'tsu-serve-browser-'));
  for (const name of ['site.toml', 'content', 'themes', 'assets']) cpSync(join(root, name), join(dir, name), { recursive: true });
  server = spawn(bin, ['serve', '--port', '0'], { cwd: dir });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  if (!enabled) return;
  await browser?.close();
  server?.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
});

function save(rel, text) {
  const p = join(dir, rel);
  writeFileSync(p + '.tmp~', text);
  renameSync(p + '.tmp~', p);
}

test('an open page reloads after a save, shows a broken build and recovers', { skip: !enabled }, async () => {
  const page = await browser.newPage();
  await page.goto(url + 'goal-1/');
  assert.equal(await page.locator('#tsutawaru-errors').count(), 0);
  const file = 'content/goal-1/index.md';
  const original = readFileSync(join(dir, file), 'utf8');

  const reloaded = page.waitForEvent('load');
  save(file, original + '\nほぞんしたらよみこみなおすぶんです。\n');
  await reloaded;
  await page.getByText('ほぞんしたらよみこみなおすぶんです。').waitFor();

  save(file, original + '\n# にばんめのみだし\n');
  const overlay = page.locator('#tsutawaru-errors');
  await overlay.waitFor();
  const text = await overlay.innerText();
  assert.match(text, /content\/goal-1\/index\.md:\d+:1: error: .*\[heading-h1\]/);
  assert.match(text, /# にばんめのみだし/);
  // The last good page is still there underneath.
  assert.ok(await page.getByText('ほぞんしたらよみこみなおすぶんです。').isVisible());
  assert.equal(await overlay.getAttribute('role'), 'alert');

  save(file, original);
  await overlay.waitFor({ state: 'detached' });
  assert.equal(await page.getByText('ほぞんしたらよみこみなおすぶんです。').count(), 0);
  await page.close();
});

test('serve adds the reload script; the built site never has it', { skip: !enabled }, async () => {
  const page = await browser.newPage();
  await page.goto(url);
  assert.equal(await page.locator('script[src="/__tsutawaru/live.js"]').count(), 1);
  await page.close();
  const built = process.env.SITE_DIR;
  if (built) assert.ok(!readFileSync(join(built, 'index.html'), 'utf8').includes('__tsutawaru'));
});
