// BELUM: who has not reported a month yet, by desa and the name of its PPKBD (never a phone number), and whose
// recap was returned and not corrected. Pure: the aggregation and the cadres' names in, messages out. A kecamatan
// lists every desa; the kabupaten goes kecamatan by kecamatan and says how to ask for one kecamatan in full.
import { someNames } from '../flows/fit-text.js';
import type { AreaAggregate, DesaRef, KecamatanFigures } from './aggregate.js';
import { periodText } from './labels.js';
import { deadlineText, desaName, MESSAGE_LIMIT, packMessages } from './summary-text.js';

/** The active PPKBD of each desa by code (a desa without one is absent). */
export type CadreNames = ReadonlyMap<string, string>;

/** At most this many messages for the kabupaten; the rest is counted. */
const MAX_MESSAGES = 3;

function who(d: DesaRef, cadres: CadreNames): string {
  const name = cadres.get(d.code);
  return name ? `${desaName(d)}: ${name} (PPKBD)` : `${desaName(d)}: belum ada PPKBD terdaftar`;
}

/** In the kabupaten's list: the desa, and its PPKBD's name when one is registered (the count line says the rest). */
function short(d: DesaRef, cadres: CadreNames): string {
  const name = cadres.get(d.code);
  return name ? `${d.name} (${name})` : d.name;
}

function head(agg: AreaAggregate, areaName: string): string {
  return `*Belum lapor — ${periodText(agg.period)}*\n${areaName}. ${deadlineText(agg.calendar)}`;
}

function countLine(expected: number, missing: number, period: string): string {
  if (expected === 0) return 'Belum ada desa/kelurahan yang ikut program bulan ini.';
  if (missing === 0) return `Semua ${expected} desa/kelurahan yang ikut sudah mengirim laporan ${periodText(period)}.`;
  return `${missing} dari ${expected} desa/kelurahan yang ikut belum mengirim laporan:`;
}

/** A kecamatan or a PKB's binaan: every desa missing, then those returned. */
export function missingMessagesForArea(agg: AreaAggregate, areaName: string, cadres: CadreNames): string[] {
  const c = agg.completeness;
  const lines = [countLine(c.expected, c.missing.length, agg.period), ...c.missing.map((d) => `• ${who(d, cadres)}`)];
  if (c.returnedDesa.length > 0) lines.push(`*Dikembalikan, belum diperbaiki (${c.returnedDesa.length}):*`, ...c.returnedDesa.map((d) => `• ${who(d, cadres)}`));
  return packMessages(head(agg, areaName), lines, '*Belum lapor (lanjutan)*');
}

function kecamatanLine(k: KecamatanFigures, cadres: CadreNames): string {
  const c = k.completeness;
  const returned = c.returnedDesa.length > 0 ? `; dikembalikan: ${someNames(c.returnedDesa.map((d) => short(d, cadres)), 3)}` : '';
  const missing = c.missing.length > 0 ? `${c.missing.length} dari ${c.expected}: ${someNames(c.missing.map((d) => short(d, cadres)), 5)}` : `semua ${c.expected} sudah lapor`;
  return `*${k.kecamatan.name}* ${missing}${returned}.`;
}

/** The kabupaten: one line per kecamatan with someone missing (or returned), at most a few messages. */
export function missingMessagesForKabupaten(agg: AreaAggregate, areaName: string, cadres: CadreNames): string[] {
  const c = agg.completeness;
  const behind = agg.byKecamatan.filter((k) => k.completeness.missing.length > 0 || k.completeness.returnedDesa.length > 0);
  const lines = [countLine(c.expected, c.missing.length, agg.period), ...behind.map((k) => kecamatanLine(k, cadres))];
  const all = packMessages(head(agg, areaName), lines, '*Belum lapor (lanjutan)*');
  if (all.length <= MAX_MESSAGES) return all;
  // Too long for a chat: the first messages, then how many kecamatan were left out and how to see one in full.
  const isKecamatanLine = (line: string) => behind.some((k) => line.startsWith(`*${k.kecamatan.name}* `));
  const kept = all.slice(0, MAX_MESSAGES - 1);
  const last = all[MAX_MESSAGES - 1]!.split('\n');
  for (;;) {
    const shown = [...kept.flatMap((m) => m.split('\n')), ...last].filter(isKecamatanLine).length;
    const example = behind[shown]?.kecamatan.name ?? behind[0]!.kecamatan.name;
    const more = `…dan ${behind.length - shown} kecamatan lainnya. Ketik BELUM dan nama kecamatannya untuk daftar lengkap, misalnya BELUM ${example}.`;
    const text = [...last, more].join('\n');
    if (text.length <= MESSAGE_LIMIT || last.length <= 1) return [...kept, text];
    last.pop();
  }
}
