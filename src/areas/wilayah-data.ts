// I/O: loads the Gowa wilayah master data shipped in resources/wilayah.
// The URL is resolved relative to this module, which sits two levels below the
// package root both as src/areas/*.ts (tsx, vitest) and dist/areas/*.js (build).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Area, AreaAlias, DesaKind } from './types.js';

const KABUPATEN: Area = { code: '73.06', level: 'kabupaten', name: 'Gowa', kind: null, parentCode: null };

// Older spellings documented in docs/domain.md §3 (archived Kemendagri files
// 2020-2023). They are not in the CSVs, yet residents and old spreadsheets use them.
const OLD_KECAMATAN: ReadonlyArray<[current: string, old: string]> = [
  ['Tompobulu', 'Tompobullu'],
  ['Pallangga', 'Palangga'],
  ['Somba Opu', 'Somba Upu'],
  ['Pattallasang', 'Pattalasang'],
];
const OLD_DESA: ReadonlyArray<[current: string, old: string]> = [
  ['Tana Karaeng', 'Tanak Karaeng'],
  ["Jene'tallasa", 'Jene tallasa'],
];

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../../resources/wilayah/${file}`, import.meta.url), 'utf8');
  // The files use CRLF; csv-parse detects the record delimiter, `trim` guards stray spaces.
  return parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

function field(row: Record<string, string>, name: string, file: string): string {
  const v = row[name];
  if (!v) throw new Error(`${file}: missing "${name}" in row ${JSON.stringify(row)}`);
  return v;
}

export function loadWilayahFromResources(): { areas: Area[]; aliases: AreaAlias[] } {
  const WIL = 'gowa-wilayah.csv';
  const kecamatan = new Map<string, Area>();
  const desa: Area[] = [];

  for (const row of readCsv(WIL)) {
    const code = field(row, 'kode', WIL);
    const jenis = field(row, 'jenis', WIL);
    const m = /^(73\.06\.\d{2})\.\d{4}$/.exec(code);
    if (!m?.[1]) throw new Error(`${WIL}: unexpected code ${code}`);
    if (jenis !== 'desa' && jenis !== 'kelurahan') throw new Error(`${WIL}: unexpected jenis ${jenis} for ${code}`);
    const kecCode = m[1];
    const kecName = field(row, 'kecamatan', WIL);
    const known = kecamatan.get(kecCode);
    if (known && known.name !== kecName) {
      throw new Error(`${WIL}: kecamatan ${kecCode} named both ${known.name} and ${kecName}`);
    }
    if (!known) {
      kecamatan.set(kecCode, { code: kecCode, level: 'kecamatan', name: kecName, kind: null, parentCode: KABUPATEN.code });
    }
    const kind: DesaKind = jenis;
    desa.push({ code, level: 'desa', name: field(row, 'desa', WIL), kind, parentCode: kecCode });
  }

  const byCode = new Map(desa.map((d) => [d.code, d]));
  const aliases: AreaAlias[] = [];
  const ALI = 'gowa-wilayah-aliases.csv';
  for (const row of readCsv(ALI)) {
    const code = field(row, 'kode_kemendagri', ALI);
    const area = byCode.get(code);
    if (!area) throw new Error(`${ALI}: unknown code ${code}`);
    const bps = field(row, 'desa_bps_2017', ALI);
    if (bps !== area.name) aliases.push({ areaCode: code, alias: bps, source: 'bps_2017' });
  }

  const findCode = (areas: Iterable<Area>, name: string): string => {
    for (const a of areas) if (a.name === name) return a.code;
    throw new Error(`wilayah data: no area named ${name} for an old-spelling alias`);
  };
  for (const [current, old] of OLD_KECAMATAN) {
    aliases.push({ areaCode: findCode(kecamatan.values(), current), alias: old, source: 'kemendagri_old' });
  }
  for (const [current, old] of OLD_DESA) {
    aliases.push({ areaCode: findCode(desa, current), alias: old, source: 'kemendagri_old' });
  }

  const kecList = [...kecamatan.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { areas: [KABUPATEN, ...kecList, ...desa], aliases };
}
