// The print pages and their PDFs, for every goal and the whole plan (issue 6, "Verified"):
// page count, A4 size, embedded fonts, the first and last sentence of each page found on
// that page of the PDF, voice texts within capacity and starting with their page number,
// and no sheet whose content overflows its box in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const site = process.env.SITE_DIR;
const folders = ['print', ...[1, 2, 3, 4, 5, 6].map((n) => `goal-${n}/print`)]
  .filter((f) => existsSync(join(site, f, 'codes.json')));
const pdfName = (folder) => folder === 'print' ? 'plan.pdf' : `${dirname(folder)}.pdf`;
const graphemes = (s) => [...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(s)].length;
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

// The text of one PDF page without ruby: words smaller than 0.78 of the body size are
// readings (half size, at most 0.7 of a heading's size), set on lines of their own.
function pageText(pdf, n, fontPt) {
  const tsv = run('pdftotext', ['-f', String(n), '-l', String(n), '-tsv', pdf, '-']);
  let out = '';
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] !== '5') continue;
    if (Number(cols[9]) < fontPt * 0.78) continue;
    out += cols[11];
  }
  return out.replace(/\s+/g, '');
}

test('there is a print folder for the whole plan and each goal', () => {
  assert.equal(folders.length, 7, `print folders: ${folders.join(', ')}`);
});

for (const folder of folders) {
  test(`${folder}: the PDF is the generator's pages on A4 with embedded fonts`, () => {
    const codes = JSON.parse(readFileSync(join(site, folder, 'codes.json'), 'utf8'));
    const pdf = join(site, folder, pdfName(folder));
    assert.ok(existsSync(pdf), `${pdf} is missing`);
    const info = run('pdfinfo', ['-f', '1', '-l', '9999', pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
    assert.equal(pages, codes.pages.length, 'PDF pages = pages the generator cut');
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)];
    assert.equal(sizes.length, pages);
    for (const [, w, h] of sizes) {
      const mm = (pt) => (Number(pt) * 25.4) / 72;
      assert.ok(Math.abs(mm(w) - 210) <= 1 && Math.abs(mm(h) - 297) <= 1, `page is ${mm(w)} × ${mm(h)} mm, not A4`);
    }
    const fonts = run('pdffonts', [pdf]).split('\n').slice(2).filter((l) => l.trim());
    assert.ok(fonts.length > 0, 'no fonts in the PDF');
    for (const line of fonts) {
      assert.match(line, /BIZUD/, `a font that is not BIZ UD: ${line}`);
      // columns: name type encoding emb sub uni object-id gen
      const cols = line.trim().split(/\s+/);
      assert.equal(cols[cols.length - 5], 'yes', `font not embedded: ${line}`);
    }
  });

  test(`${folder}: each PDF page holds the first and last sentence the generator put on it`, () => {
    const codes = JSON.parse(readFileSync(join(site, folder, 'codes.json'), 'utf8'));
    const pdf = join(site, folder, pdfName(folder));
    codes.pages.forEach((p, i) => {
      const text = pageText(pdf, i + 1, codes.font_pt);
      assert.ok(p.first && p.last, `page ${p.page} has no sentences in codes.json`);
      assert.ok(text.includes(p.first), `page ${p.page} (PDF page ${i + 1}) lacks its first sentence「${p.first}」`);
      assert.ok(text.includes(p.last), `page ${p.page} (PDF page ${i + 1}) lacks its last sentence「${p.last}」`);
      assert.ok(text.includes(String(p.page)), `page ${p.page}: no folio`);
    });
  });

  test(`${folder}: every voice text fits its code and begins with its page number`, () => {
    const codes = JSON.parse(readFileSync(join(site, folder, 'codes.json'), 'utf8'));
    assert.equal(codes.capacity, 800);
    for (const p of codes.pages) {
      const utf8 = readFileSync(join(site, folder, p.files.utf8), 'utf8').replace(/\n$/, '');
      assert.ok(utf8.startsWith(`${p.page}ページ`), `page ${p.page}: voice text starts「${utf8.slice(0, 10)}」`);
      assert.ok(graphemes(utf8) <= codes.capacity, `page ${p.page}: ${graphemes(utf8)} characters > ${codes.capacity}`);
      assert.equal(graphemes(utf8), p.characters, `page ${p.page}: codes.json counts ${p.characters}`);
      const sjis = new TextDecoder('shift_jis').decode(readFileSync(join(site, folder, p.files.cp932)));
      assert.equal(sjis.replace(/\r\n$/, ''), utf8.replace(/\u301c/g, '\uff5e').replace(/\u2212/g, '\uff0d'),
        `page ${p.page}: the CP932 file says something else`);
    }
  });
}

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});
after(async () => { await browser?.close(); });

for (const folder of folders) {
  test(`${folder}: no sheet's content overflows its box, and the model's heights hold`, async (t) => {
    const codes = JSON.parse(readFileSync(join(site, folder, 'codes.json'), 'utf8'));
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print' });
    await page.goto(pathToFileURL(join(site, folder, 'index.html')).href);
    await page.evaluate(() => document.fonts.ready);
    const sheets = await page.$$eval('.sheet', (els) => els.map((s) => {
      const body = s.querySelector('.sheet-body');
      const last = body.lastElementChild;
      const used = last ? last.getBoundingClientRect().bottom - body.getBoundingClientRect().top : 0;
      const font = getComputedStyle(body).fontFamily;
      return { scroll: body.scrollHeight, client: body.clientHeight, used, label: s.getAttribute('aria-label'), font };
    }));
    await page.close();
    assert.equal(sheets.length, codes.pages.length, 'sheets = pages in codes.json');
    sheets.forEach((s, i) => {
      const p = codes.pages[i];
      assert.equal(s.label, `${p.page}ページ`);
      assert.ok(s.scroll <= s.client, `page ${p.page}: content ${s.scroll}px overflows its ${s.client}px box`);
      // The browser sets no more than the model counted (the last margin aside).
      assert.ok(s.used <= p.height_px + 0.5, `page ${p.page}: the browser uses ${s.used}px, the model ${p.height_px}px`);
    });
    const gaps = sheets.map((s, i) => codes.pages[i].height_px - s.used);
    t.diagnostic(`model − browser height per sheet: ${Math.min(...gaps).toFixed(1)}…${Math.max(...gaps).toFixed(1)} px; ` +
      `voice characters ${Math.min(...codes.pages.map((p) => p.characters))}…${Math.max(...codes.pages.map((p) => p.characters))}`);
  });
}

// The print pages are HTML too: whoever opens one before printing gets an accessible page
// (every sheet labelled with its page number, readings hidden from assistive technology).
// One template makes every print page and axe takes 8 s a goal: two goals are checked
// (every kind of block appears in each; the whole plan's page repeats the goals' sheets).
for (const folder of ['goal-1/print', 'goal-5/print']) {
  test(`${folder}: axe-core finds no violation on the print page`, async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 1200 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, folder, 'index.html')).href);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    await context.close();
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`);
    assert.deepEqual(found, []);
  });
}
