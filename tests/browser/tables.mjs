// Tables as the Markdown source says them, independent of the generator: the expected
// headers of every data cell (header row = column headers; first column = row headers;
// an empty first cell continues the row group above, and then the second column is each
// row's header; `{.no-row-headers}` in the caption turns row headers off).

// Splits a GFM table row on unescaped pipes.
function cells(line) {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const out = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') { cur += '|'; i++; continue; }
    if (s[i] === '|') { out.push(cur.trim()); cur = ''; continue; }
    cur += s[i];
  }
  out.push(cur.trim());
  return out;
}

export function tablesFromMarkdown(md) {
  const lines = md.split('\n');
  const tables = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s{0,3}(```|~~~)/.test(lines[i])) inFence = !inFence;
    if (inFence) continue;
    if (!lines[i].trim().startsWith('|') || !/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1] ?? '')) continue;
    const header = cells(lines[i]);
    const body = [];
    let j = i + 2;
    while (j < lines.length && lines[j].trim().startsWith('|')) body.push(cells(lines[j++]));
    while (j < lines.length && lines[j].trim() === '') j++;
    let caption = (lines[j] ?? '').startsWith('Table:') ? lines[j].slice(6).trim() : '';
    const rowHeaders = !caption.endsWith('{.no-row-headers}');
    caption = caption.replace(/\s*\{\.no-row-headers\}$/, '');
    tables.push({ header, body, caption, rowHeaders });
    i = j;
  }
  return tables;
}

export function expectedHeaders(table) {
  const grouped = table.rowHeaders && table.body.some((r, i) => i > 0 && r[0] === '' && r.length > 1);
  const out = [];
  let group = '';
  table.body.forEach((row, r) => {
    if (row[0] !== '') group = row[0];
    const first = !table.rowHeaders ? 0 : grouped ? 2 : 1;
    const rows = !table.rowHeaders ? [] : grouped ? [group, row[1]] : [row[0]];
    for (let c = first; c < row.length; c++) {
      out.push({ row: r, col: c, text: row[c], column: table.header[c], rows });
    }
  });
  return out;
}

// Compares text as a reader hears it: without Markdown emphasis, line breaks or spaces.
export function normalise(s) {
  return String(s).replace(/<br\s*\/?>/g, '').replace(/\*\*|__/g, '').replace(/\s+/g, '');
}
