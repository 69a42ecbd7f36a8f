// Prints the advance widths of DejaVu Sans and DejaVu Sans Bold for printable ASCII, in em, as the string that
// src/reports/chart/text-width.ts embeds. Run once when the chart font changes:
//   node scripts/dejavu-widths.mjs /usr/share/fonts/truetype/dejavu
// Reads the TrueType tables directly (head, hhea, hmtx, cmap format 4), so it needs no font library.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function widths(file) {
  const b = readFileSync(file);
  const tables = {};
  for (let i = 0, n = b.readUInt16BE(4); i < n; i++) {
    const at = 12 + i * 16;
    tables[b.toString('latin1', at, at + 4)] = b.readUInt32BE(at + 8);
  }
  const unitsPerEm = b.readUInt16BE(tables.head + 18);
  const hMetrics = b.readUInt16BE(tables.hhea + 34);
  const advance = (glyph) => b.readUInt16BE(tables.hmtx + 4 * Math.min(glyph, hMetrics - 1));
  const cmap = tables.cmap;
  let sub = -1;
  for (let i = 0, n = b.readUInt16BE(cmap + 2); i < n; i++) {
    const at = cmap + 4 + i * 8;
    if (b.readUInt16BE(at) === 3 && b.readUInt16BE(at + 2) === 1) sub = cmap + b.readUInt32BE(at + 4);
  }
  if (sub < 0 || b.readUInt16BE(sub) !== 4) throw new Error(`${file}: no Unicode BMP cmap`);
  const segs = b.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const offsets = deltas + segs * 2;
  const glyphOf = (code) => {
    for (let s = 0; s < segs; s++) {
      if (code > b.readUInt16BE(ends + s * 2)) continue;
      const start = b.readUInt16BE(starts + s * 2);
      if (code < start) return 0;
      const delta = b.readInt16BE(deltas + s * 2);
      const ro = b.readUInt16BE(offsets + s * 2);
      if (ro === 0) return (code + delta) & 0xffff;
      const g = b.readUInt16BE(offsets + s * 2 + ro + (code - start) * 2);
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const out = [];
  for (let c = 32; c <= 126; c++) out.push(Math.round((advance(glyphOf(c)) / unitsPerEm) * 1000));
  return out;
}

const dir = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';
console.log(`regular: [${widths(join(dir, 'DejaVuSans.ttf')).join(', ')}]`);
console.log(`bold: [${widths(join(dir, 'DejaVuSans-Bold.ttf')).join(', ')}]`);
