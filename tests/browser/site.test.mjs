// The browser suite: every generated page in Debian's Chromium (headless, never a
// downloaded browser). For each page at 1280×800 and 320×640: zero axe-core violations
// (wcag2a, wcag2aa, wcag21aa, wcag22aa, best-practice) and no sideways page scroll; for
// each table, the headers that Chromium's accessibility tree gives every data cell match
// the ones the Markdown source says.
//
// usage: SITE_DIR=… CONTENT_DIR=… node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { tablesFromMarkdown, expectedHeaders, normalise } from './tables.mjs';

const siteDir = process.env.SITE_DIR;
const contentDir = process.env.CONTENT_DIR;
assert.ok(siteDir && contentDir, 'SITE_DIR and CONTENT_DIR must be set');

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.js': 'text/javascript' };

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
// Print pages (goal-N/print/, print/) are fixed A4 sheets for paper, not reflowing pages:
// tests/print checks them (overflow, PDFs, axe at A4 width).
const pages = walk(siteDir).filter((p) => p.endsWith('.html')).map((p) => relative(siteDir, p))
  .filter((p) => !/(^|\/)print\//.test(p)).sort();
// The department pages (departments/<name>/) are generated from one template and differ
// only in their lists; the axe views run on the list page and on the shortest and the
// longest department page (the table-header and furigana tests still read every page).
const departmentPages = pages.filter((p) => /^departments\/[^/]+\/index\.html$/.test(p))
  .map((p) => [p, statSync(join(siteDir, p)).size]).sort((a, b) => a[1] - b[1]).map(([p]) => p);
// The read-aloud pages (…/read/index.html, issue 7) come from one layout with text only:
// the views run on the shortest and the longest of them.
const readPages = pages.filter((p) => /(^|\/)read\/index\.html$/.test(p))
  .map((p) => [p, statSync(join(siteDir, p)).size]).sort((a, b) => a[1] - b[1]).map(([p]) => p);
const sampled = new Set([departmentPages[0], departmentPages[departmentPages.length - 1],
  readPages[0], readPages[readPages.length - 1]]);
const axePages = pages.filter((p) => (!departmentPages.includes(p) && !readPages.includes(p)) || sampled.has(p));

let server, base, browser;
before(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = join(siteDir, path.endsWith('/') || path === '' ? join(path, 'index.html') : path);
    if (relative(siteDir, file).startsWith('..')) { res.writeHead(403).end(); return; }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch { res.writeHead(404).end(); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  server?.close();
});

// Every page in every colour scheme and text size (issue 11): contrast depends on the
// scheme, reflow on the size and width, so each scheme runs at 1280 px and each size at
// 1280 px, the default and the largest also at 320 px.
// The markup is the same in every view; only CSS changes. So the default views run every
// rule, and the other schemes and sizes run the rules CSS can break: contrast, links told
// apart from text, target size (and the reflow check below).
const ALL = null;
const CSS_RULES = ['color-contrast', 'link-in-text-block', 'target-size', 'scrollable-region-focusable'];
const views = [
  { width: 1280, height: 800, scheme: 'white', size: 'normal', rules: ALL },
  { width: 320, height: 640, scheme: 'white', size: 'normal', rules: ALL },
  { width: 1280, height: 800, scheme: 'black', size: 'normal', rules: CSS_RULES },
  { width: 1280, height: 800, scheme: 'blue', size: 'normal', rules: CSS_RULES },
  { width: 1280, height: 800, scheme: 'white', size: 'large', rules: CSS_RULES },
  { width: 320, height: 640, scheme: 'white', size: 'x-large', rules: CSS_RULES },
  // Browser zoom 200% on a 1280×800 window is a 640×400 CSS viewport (WCAG 1.4.4), and the
  // OS forced-colors mode replaces every colour (the controls must not depend on them).
  { width: 640, height: 400, scheme: 'white', size: 'normal', rules: CSS_RULES, label: 'zoom 200%' },
  { width: 1280, height: 800, scheme: 'white', size: 'normal', rules: CSS_RULES, forcedColors: 'active', label: 'forced colors' },
];

test('the site has pages to test', () => {
  assert.ok(pages.length >= 7, `only ${pages.length} pages in ${siteDir}`);
});

for (const path of axePages) {
  for (const view of views) {
    const viewport = { width: view.width, height: view.height };
    const name = view.label ?? `${view.width}px, ${view.scheme}, ${view.size}`;
    test(`${path} at ${name}: no axe violations, no sideways scroll`, async () => {
      const context = await browser.newContext({ viewport, forcedColors: view.forcedColors ?? 'none' });
      await context.addInitScript(([scheme, size]) => {
        localStorage.setItem('tsutawaru-scheme', scheme);
        localStorage.setItem('tsutawaru-size', size);
      }, [view.scheme, view.size]);
      const page = await context.newPage();
      try {
        await page.goto(base + path);
        const builder = new AxeBuilder({ page });
        const result = await (view.rules
          ? builder.withRules(view.rules)
          : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'])).analyze();
        const report = result.violations.map((v) =>
          `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')}`).join('\n'));
        assert.deepEqual(report, [], report.join('\n'));
        const overflow = await page.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px (WCAG 1.4.10)`);
      } finally {
        await context.close();
      }
    });
  }
}

// Chromium cuts long names computed from many inline children (a row header holding a
// ruby'd description) after about a hundred characters. The name must be the text or its
// start, and never hold the furigana (read once: ruby readings are hidden from the tree).
function assertSameText(actual, expected, what) {
  const a = normalise(actual);
  const e = normalise(expected);
  assert.ok(e.startsWith(a) && a.length >= Math.min(e.length, 60),
    `${what}: the accessibility tree says "${actual}", the Markdown "${expected}"`);
}

// Which Markdown file a page comes from.
function sourceOf(path) {
  if (path === 'index.html') return join(contentDir, '_index.md');
  const dir = path.replace(/\/index\.html$/, '');
  for (const candidate of [join(contentDir, dir, 'index.md'), join(contentDir, dir + '.md'), join(contentDir, dir, '_index.md')]) {
    try { statSync(candidate); return candidate; } catch { /* next */ }
  }
  return null;
}

// Reads every table of the page from Chromium's accessibility tree and lays its cells out
// on the grid (HTML table model: a cell spanning rows occupies its column below).
async function axTables(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const spans = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) =>
    [...t.rows].map((r) => [...r.cells].map((c) => c.rowSpan))));
  const tables = nodes.filter((n) => n.role?.value === 'table');
  return tables.map((t, k) => {
    const rows = [];
    const collect = (n) => {
      for (const id of n.childIds ?? []) {
        const c = byId.get(id);
        if (c.role?.value === 'row') rows.push(c);
        else if (c.role?.value !== 'caption') collect(c);
      }
    };
    collect(t);
    const grid = [];
    rows.forEach((row, r) => {
      grid[r] ??= [];
      let col = 0;
      const cells = (row.childIds ?? []).map((id) => byId.get(id))
        .filter((c) => ['cell', 'gridcell', 'rowheader', 'columnheader'].includes(c.role?.value));
      cells.forEach((cell, i) => {
        while (grid[r][col]) col++;
        const span = spans[k]?.[r]?.[i] ?? 1;
        for (let s = 0; s < span; s++) (grid[r + s] ??= [])[col] = { role: cell.role.value, name: cell.name?.value ?? '', origin: r === r + s };
        col++;
      });
    });
    return { name: t.name?.value ?? '', grid };
  });
}

for (const path of pages) {
  const source = sourceOf(path);
  if (!source) continue;
  const expected = tablesFromMarkdown(readFileSync(source, 'utf8'));
  if (expected.length === 0) continue;
  test(`${path}: every data cell has the row and column headers of the Markdown`, async () => {
    const page = await browser.newPage();
    try {
      await page.goto(base + path);
      const actual = await axTables(page);
      assert.equal(actual.length, expected.length, 'number of tables');
      for (const [k, want] of expected.entries()) {
        const got = actual[k];
        assert.equal(normalise(got.name), normalise(want.caption), `table ${k + 1}: caption`);
        let checked = 0;
        for (const cell of expectedHeaders(want)) {
          const row = got.grid[cell.row + 1];  // +1: the header row
          const at = row?.[cell.col];
          assert.ok(at, `${want.caption}: no cell at row ${cell.row + 1}, column ${cell.col + 1}`);
          assertSameText(at.name, cell.text, `${want.caption}: cell text`);
          assert.equal(at.role, 'cell', `${want.caption}: "${cell.text}" should be a data cell`);
          const columnHeaders = got.grid[0].filter((c, i) => i === cell.col && c.role === 'columnheader').map((c) => c.name);
          const rowHeaders = row.filter((c, i) => i < cell.col && c.role === 'rowheader').map((c) => c.name);
          assert.equal(columnHeaders.length, 1, `${want.caption} "${cell.text}": one column header`);
          assertSameText(columnHeaders[0], cell.column, `${want.caption} "${cell.text}": column header`);
          assert.equal(rowHeaders.length, cell.rows.length, `${want.caption} "${cell.text}": row headers ${rowHeaders}`);
          rowHeaders.forEach((h, i) => assertSameText(h, cell.rows[i], `${want.caption} "${cell.text}": row header ${i + 1}`));
          checked++;
        }
        assert.ok(checked > 0, `${want.caption}: no data cells checked`);
      }
    } finally {
      await page.close();
    }
  });
}

// Read once (issue 3): the accessibility tree of a paragraph with visible furigana holds
// its base text once and none of the readings.
test('a paragraph with furigana is read once', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(base + 'goal-1/index.html');
    const probe = await page.evaluate(() => {
      const p = [...document.querySelectorAll('main p')].find((e) => e.querySelector('ruby:not(.rh) rt'));
      if (!p) return null;
      p.id = 'read-once-probe';
      const clone = p.cloneNode(true);
      clone.querySelectorAll('rt, rp').forEach((e) => e.remove());
      return { base: clone.textContent, readings: [...p.querySelectorAll('ruby:not(.rh) rt')].map((e) => e.textContent) };
    });
    assert.ok(probe, 'no paragraph with visible furigana on goal-1');
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const { node } = await cdp.send('DOM.describeNode', {
      objectId: (await cdp.send('Runtime.evaluate', { expression: "document.getElementById('read-once-probe')" })).result.objectId,
    });
    const para = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
    assert.ok(para, 'the paragraph is in the accessibility tree');
    let spoken = '';
    const collect = (n) => {
      if (n.role?.value === 'StaticText') spoken += n.name?.value ?? '';
      else for (const id of n.childIds ?? []) collect(byId.get(id));
    };
    collect(para);
    assert.equal(normalise(spoken), normalise(probe.base));
    assert.ok(probe.readings.length > 0);
  } finally {
    await page.close();
  }
});

// The ふりがな switch (issue 3): a real button whose state is announced, remembered across
// pages; without JavaScript it stays hidden and the policy applies.
test('the furigana switch turns all furigana on and off, and is remembered', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const visibleReadings = () => page.evaluate(() =>
    [...document.querySelectorAll('main rt')].filter((rt) => getComputedStyle(rt).display !== 'none').length);
  const allReadings = () => page.evaluate(() => document.querySelectorAll('main rt').length);
  try {
    await page.goto(base + 'goal-1/index.html');
    const button = page.getByRole('button', { name: 'ふりがな' });
    assert.equal(await button.getAttribute('aria-pressed'), 'mixed');  // the policy: some
    const some = await visibleReadings();
    assert.ok(some > 0 && some < await allReadings());
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await visibleReadings(), await allReadings());
    await page.goto(base + 'goal-2/index.html');
    assert.equal(await page.getByRole('button', { name: 'ふりがな' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await visibleReadings(), await allReadings());
    await page.getByRole('button', { name: 'ふりがな' }).press('Enter');  // keyboard works too
    assert.equal(await page.getByRole('button', { name: 'ふりがな' }).getAttribute('aria-pressed'), 'false');
    assert.equal(await visibleReadings(), 0);
  } finally {
    await context.close();
  }
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page2 = await noScript.newPage();
    await page2.goto(base + 'goal-1/index.html');
    assert.equal(await page2.locator('#furigana-switch').isVisible(), false);
    assert.ok(await page2.evaluate(() =>
      [...document.querySelectorAll('main rt')].some((rt) => getComputedStyle(rt).display !== 'none')));
  } finally {
    await noScript.close();
  }
});

// Readable furigana (issue 3): readings at least half the base size and never under 10 px,
// and never touching the line above, with every reading shown.
test('furigana is large enough and clear of the line above', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  try {
    await page.goto(base + 'goal-1/index.html');
    await page.evaluate(() => localStorage.setItem('tsutawaru-furigana', 'on'));
    await page.reload();
    const report = await page.evaluate(() => {
      const problems = [];
      let checked = 0;
      for (const p of document.querySelectorAll('main p, main li')) {
        const rts = [...p.querySelectorAll('rt')];
        if (rts.length === 0) continue;
        // the boxes of the base text, line by line
        const bases = [];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.parentElement.closest('rt, rp')) continue;
          const r = document.createRange();
          r.selectNodeContents(n);
          bases.push(...r.getClientRects());
        }
        for (const rt of rts) {
          const box = rt.getBoundingClientRect();
          const size = parseFloat(getComputedStyle(rt).fontSize);
          const baseSize = parseFloat(getComputedStyle(rt.parentElement).fontSize);
          if (size < 10 || size < baseSize / 2) problems.push(`rt ${rt.textContent} is ${size}px on ${baseSize}px`);
          for (const b of bases) {
            const above = b.top + b.height / 2 < box.top;
            // the base text box includes its half-leading; at least 2px must stay clear
            if (above && b.bottom > box.top - 2 && b.right > box.left && b.left < box.right)
              problems.push(`rt ${rt.textContent} (top ${box.top}) touches the line above (bottom ${b.bottom})`);
          }
          checked++;
        }
      }
      return { problems, checked };
    });
    assert.ok(report.checked > 100, `only ${report.checked} readings checked`);
    assert.deepEqual(report.problems.slice(0, 5), []);
  } finally {
    await context.close();
  }
});

// The reader's controls (issue 11): operated by keyboard, their effect visible, their state
// announced (aria-pressed) and kept across pages.
test('文字サイズ and 背景色 work by keyboard and are remembered', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(base + 'goal-1/index.html');
    const size = (name) => page.getByRole('group', { name: '文字サイズ' }).getByRole('button', { name, exact: true });
    const scheme = (name) => page.getByRole('group', { name: '背景色' }).getByRole('button', { name, exact: true });
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const normal = await rootSize();
    assert.equal(await size('標準').getAttribute('aria-pressed'), 'true');

    await size('特大').focus();
    await page.keyboard.press('Enter');
    assert.equal(await size('特大').getAttribute('aria-pressed'), 'true');
    assert.equal(await size('標準').getAttribute('aria-pressed'), 'false');
    assert.equal(await rootSize(), normal * 1.5);

    await scheme('黒').focus();
    await page.keyboard.press('Space');
    assert.equal(await scheme('黒').getAttribute('aria-pressed'), 'true');
    assert.equal(await background(), 'rgb(0, 0, 0)');

    await page.goto(base + 'goal-3/index.html');  // kept on another page
    assert.equal(await size('特大').getAttribute('aria-pressed'), 'true');
    assert.equal(await scheme('黒').getAttribute('aria-pressed'), 'true');
    assert.equal(await rootSize(), normal * 1.5);
    assert.equal(await background(), 'rgb(0, 0, 0)');

    await scheme('青').focus();
    await page.keyboard.press('Enter');
    assert.equal(await background(), 'rgb(0, 34, 102)');
    await size('標準').focus();
    await page.keyboard.press('Enter');
    assert.equal(await rootSize(), normal);
  } finally {
    await context.close();
  }
  // Without JavaScript the controls are not shown (they would do nothing).
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noScript.newPage();
    await page.goto(base + 'goal-1/index.html');
    assert.equal(await page.locator('.tool-group').first().isVisible(), false);
  } finally {
    await noScript.close();
  }
});

// Forced colors (Windows High Contrast and the like): the pressed state of each control
// must still be visible without colour — the ●/○ marks — and focus must stay outlined.
test('the controls keep their state and focus visible in forced-colors mode', async () => {
  const context = await browser.newContext({ forcedColors: 'active' });
  const page = await context.newPage();
  try {
    await page.goto(base + 'goal-1/index.html');
    const mark = (name) => page.getByRole('group', { name: '文字サイズ' }).getByRole('button', { name, exact: true })
      .evaluate((b) => getComputedStyle(b, '::before').content);
    assert.match(await mark('標準'), /●/);
    assert.match(await mark('大'), /○/);
    const button = page.getByRole('group', { name: '背景色' }).getByRole('button', { name: '黒', exact: true });
    await button.focus();
    const outline = await button.evaluate((b) => getComputedStyle(b).outlineStyle);
    assert.notEqual(outline, 'none');
  } finally {
    await context.close();
  }
});
