// REKAP, BELUM and GRAFIK on demand: reading the command and its arguments, and deciding whose figures the asker
// may see. Pure: the host (bot/features/on-demand.ts) aggregates and answers.
//
// Who sees what, as a PKB, koordinator or Dinas officer would expect:
// - in private, a PKB their binaan by default (the whole kecamatan when the binaan is all of it) or, named, a
//   kecamatan where they serve a desa; a koordinator their kecamatan; the Dinas and admins the kabupaten or any
//   kecamatan named; a cadre hears where their own desa's recap stands; anyone else is told it is for officers.
// - in a registered group, the group's area (a PKB group its kecamatan, the Dinas group the kabupaten or a kecamatan
//   named), asked by a PKB or koordinator of that kecamatan or a Dinas officer/admin; everyone else is refused in one
//   line. An unregistered group is told to register first. Arguments that do not read as a kecamatan or a month
//   (group chatter starting with the same word) get no answer in a group.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Area } from '../../areas/types.js';
import { shiftPeriod } from '../../domain/recap/calendar.js';
import { witaPeriod } from '../../time/wita.js';
import { joinIndonesian } from '../actor-label.js';
import type { Actor } from '../engine/types.js';
import { GROUP_COPY, kecamatanScope, managesGroups } from '../groups/group-registration.js';
import { formatMonth, normalizeInput, readMonth } from '../parse/index.js';

export type OnDemandReport = 'recap' | 'missing' | 'chart';

/** The command word as people type it, for examples in replies. */
export const COMMAND_WORDS: Readonly<Record<OnDemandReport, string>> = { recap: 'REKAP', missing: 'BELUM', chart: 'GRAFIK' };

/** What a REKAP means without a month: the latest month whose reports have opened (the month before today's, WITA). */
export function latestReportingPeriod(now: Date): string {
  return shiftPeriod(witaPeriod(now), -1);
}

const REKAP = /^rekap\b\s*(.*)$/i;
const GRAFIK = /^grafik\b\s*(.*)$/i;
// "BELUM LAPOR", "siapa yang belum lapor?": a question no one asks a colleague in those words.
const BELUM_LAPOR = /^(?:siapa\s+(?:yang\s+)?)?belum\s+lapor\b\s*(.*)$/i;
const BELUM = /^belum\b\s*(.*)$/i;

/**
 * The command in a message written to the bot in private, or null. Case does not matter, nor a leading "/" or "#" or
 * a question mark at the end.
 */
export function readOnDemandCommand(raw: string): { report: OnDemandReport; args: string } | null {
  const text = normalizeInput(raw)
    .replace(/^[/#]+\s*/, '')
    .replace(/[\s.!?]+$/, '');
  const recap = REKAP.exec(text);
  if (recap) return { report: 'recap', args: recap[1]!.trim() };
  const chart = GRAFIK.exec(text);
  if (chart) return { report: 'chart', args: chart[1]!.trim() };
  const missing = BELUM_LAPOR.exec(text) ?? BELUM.exec(text);
  if (missing) return { report: 'missing', args: missing[1]!.trim() };
  return null;
}

/** A command short enough to be one (not a sentence that starts with the word), so it may interrupt an open flow. */
export function isShortCommand(raw: string): boolean {
  return normalizeInput(raw).split(/\s+/).length <= 5;
}

export type Place = { kind: 'default' } | { kind: 'kabupaten' } | { kind: 'kecamatan'; area: Area };

export type ParsedArgs =
  | { kind: 'ok'; place: Place; period: string | null }
  | { kind: 'unknown_place'; suggestions: string[] }
  | { kind: 'ambiguous'; names: string[] };

const FILLER = new Set(['kec', 'kecamatan', 'bulan', 'lapor', 'laporan', 'untuk', 'di', 'wilayah']);
const KABUPATEN = /^(?:(?:kab|kabupaten)\s*)?gowa$|^(?:kab|kabupaten|semua|semua kecamatan|dinas)$/;

/** The month in the first or last words ("nov", "11/2026", "november 2026"), the year inferred looking back. */
function splitMonth(tokens: readonly string[], latest: string): { period: string; rest: string[] } | null {
  const [ly, lm] = latest.split('-').map(Number) as [number, number];
  const tries: [number, number][] = [
    [tokens.length - 2, tokens.length],
    [tokens.length - 1, tokens.length],
    [0, 2],
    [0, 1],
  ];
  for (const [from, to] of tries) {
    if (from < 0 || to > tokens.length || to - from < 1 || to - from > tokens.length) continue;
    const read = readMonth(tokens.slice(from, to).join(' '));
    if (!read) continue;
    const year = read.year ?? (read.month <= lm ? ly : ly - 1);
    return { period: `${year}-${String(read.month).padStart(2, '0')}`, rest: [...tokens.slice(0, from), ...tokens.slice(to)] };
  }
  return null;
}

/**
 * "Bontomarannu 11/2026", "nov", "kec. somba opu november 2026", "gowa": a kecamatan (tolerant spelling) or the
 * kabupaten, and a month; either may be left out.
 */
export function parseOnDemandArgs(args: string, areas: AreaDirectory, now: Date): ParsedArgs {
  const tokens = normalizeInput(args)
    .toLowerCase()
    .replace(/[,;]+/g, ' ')
    .replace(/\bkec\./g, 'kec')
    .replace(/\bkab\./g, 'kab')
    .split(/\s+/)
    .filter((t) => t !== '' && !FILLER.has(t));
  const month = splitMonth(tokens, latestReportingPeriod(now));
  const rest = (month?.rest ?? tokens).join(' ').trim();
  const period = month?.period ?? null;
  if (rest === '') return { kind: 'ok', place: { kind: 'default' }, period };
  if (KABUPATEN.test(rest)) return { kind: 'ok', place: { kind: 'kabupaten' }, period };
  const match = areas.findKecamatan(rest);
  if (match.kind === 'found') return { kind: 'ok', place: { kind: 'kecamatan', area: match.area }, period };
  if (match.kind === 'ambiguous') return { kind: 'ambiguous', names: match.candidates.map((a) => a.name) };
  return { kind: 'unknown_place', suggestions: match.suggestions.map((a) => a.name) };
}

/** Whose figures: an area, possibly only some of its desa (a PKB's binaan), and how the answer names it. */
export interface OnDemandScope {
  areaCode: string;
  onlyDesa: string[] | null;
  /** "Kabupaten Gowa", "Kec. Bontomarannu", "Wilayah binaan Anda, Kec. Bontomarannu". */
  title: string;
  /** The bars of its chart: kecamatan for the kabupaten, desa otherwise. */
  level: 'kabupaten' | 'kecamatan';
  /** The kecamatan's name for a file name (none: the kabupaten). */
  fileScope: string | null;
}

export type Where = { kind: 'private' } | { kind: 'group'; binding: { role: 'pkb' | 'dinas'; areaCode: string } | null };

export type ScopeDecision =
  | { kind: 'scope'; scope: OnDemandScope }
  /** A cadre: their own desa's status. */
  | { kind: 'cadre'; desaCode: string }
  | { kind: 'refuse'; text: string };

export const ON_DEMAND_COPY = {
  privateOnly: 'Maaf, rekap laporan desa hanya untuk PKB, koordinator, dan petugas Dinas yang terdaftar di IMP Smart. Ketik MENU untuk melihat menu.',
  cadre: 'Rekap kecamatan hanya untuk PKB, koordinator, dan Dinas. Untuk mengisi laporan bulanan ketik LAPOR; untuk status lengkapnya ketik STATUS.',
  groupNotBound: 'Grup ini belum terdaftar di IMP Smart. Daftarkan dulu dengan DAFTAR GRUP PKB <nama kecamatan> atau DAFTAR GRUP DINAS.',
  notThisGroup: (title: string) => `Maaf, di grup ${title} perintah ini hanya untuk PKB dan koordinator kecamatan itu serta petugas Dinas.`,
  dinasGroupOnly: 'Maaf, di grup Dinas perintah ini hanya untuk petugas Dinas.',
  otherArea: (title: string, report: OnDemandReport) =>
    `Grup ini untuk ${title}. Ketik ${COMMAND_WORDS[report]} saja, atau minta rekap kecamatan lain di chat pribadi dengan nomor ini.`,
  ownOnly: (own: readonly string[]) => `Maaf, Anda hanya bisa melihat rekap ${joinIndonesian(own)}.`,
  usage: (report: OnDemandReport, example: string) =>
    `Contoh: ${COMMAND_WORDS[report]}, ${COMMAND_WORDS[report]} ${example}, atau ${COMMAND_WORDS[report]} ${example} 11/2026 (kecamatan dan bulan boleh tidak ditulis).`,
  unknownPlace: (suggestions: readonly string[], report: OnDemandReport, example: string) =>
    `Kecamatan itu tidak ditemukan di Kabupaten Gowa.${suggestions.length > 0 ? ` Maksud Anda ${joinOr(suggestions)}?` : ''} Contoh: ${COMMAND_WORDS[report]} ${example}.`,
  ambiguous: (names: readonly string[]) => `Nama itu cocok dengan ${joinOr(names.map((n) => `Kec. ${n}`))}. Tulis nama kecamatannya lebih lengkap.`,
  future: (period: string, latest: string, report: OnDemandReport) =>
    `Laporan ${periodName(period)} belum bisa dikirim kader. ${COMMAND_WORDS[report]} tanpa bulan menampilkan ${periodName(latest)}.`,
  chartUnavailable: 'Maaf, grafik belum bisa dibuat saat ini. Ketik REKAP untuk angkanya.',
  chartExpired: 'Maaf, grafik yang Anda minta tadi tidak sempat dibuat. Silakan ketik GRAFIK lagi.',
  menuHint: 'Ketik BELUM untuk desa yang belum lapor (dengan nama kadernya), GRAFIK untuk grafik, atau REKAP dan nama kecamatan serta bulannya.',
} as const;

function joinOr(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} atau ${items.at(-1)}`;
}

function periodName(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return formatMonth({ year, month });
}

/** A kecamatan this person may name in an example (their own first). */
export function exampleKecamatan(actor: Actor, areas: AreaDirectory): string {
  const scope = kecamatanScope(actor, areas);
  const own = scope === 'all' ? undefined : [...scope].sort()[0];
  return (own && areas.get(own)?.name) ?? 'Bontomarannu';
}

function kecamatanWhole(area: Area, areas: AreaDirectory): OnDemandScope {
  return { areaCode: area.code, onlyDesa: null, title: areas.label(area.code), level: 'kecamatan', fileScope: area.name };
}

function kabupatenWhole(areas: AreaDirectory): OnDemandScope {
  const kab = areas.kabupaten();
  return { areaCode: kab.code, onlyDesa: null, title: areas.label(kab.code), level: 'kabupaten', fileScope: null };
}

/** A PKB's binaan: the whole kecamatan when it is all of it, else only their desa. */
function binaan(actor: Extract<Actor, { kind: 'person' }>, areas: AreaDirectory): OnDemandScope | null {
  const desa = [...new Set(actor.desaCodes)].filter((c) => areas.isDesa(c)).sort();
  const kecamatan = [...new Set(desa.map((c) => areas.kecamatanOf(c)!.code))];
  if (kecamatan.length === 0) return null;
  if (kecamatan.length === 1) {
    const kec = areas.get(kecamatan[0]!)!;
    if (areas.desaOf(kec.code).every((d) => desa.includes(d.code))) return kecamatanWhole(kec, areas);
    return { areaCode: kec.code, onlyDesa: desa, title: `Wilayah binaan Anda, ${areas.label(kec.code)}`, level: 'kecamatan', fileScope: kec.name };
  }
  return { areaCode: areas.kabupaten().code, onlyDesa: desa, title: 'Wilayah binaan Anda', level: 'kecamatan', fileScope: null };
}

function decidePrivate(actor: Actor, place: Place, areas: AreaDirectory): ScopeDecision {
  if (actor.kind !== 'person') return { kind: 'refuse', text: ON_DEMAND_COPY.privateOnly };
  if (actor.role === 'ppkbd' || actor.role === 'sub_ppkbd') return { kind: 'cadre', desaCode: actor.homeAreaCode };
  const scope = kecamatanScope(actor, areas);
  if (scope === 'all') {
    return { kind: 'scope', scope: place.kind === 'kecamatan' ? kecamatanWhole(place.area, areas) : kabupatenWhole(areas) };
  }
  const own = [...scope].sort();
  const refuse: ScopeDecision = { kind: 'refuse', text: own.length > 0 ? ON_DEMAND_COPY.ownOnly(own.map((c) => areas.label(c))) : ON_DEMAND_COPY.privateOnly };
  if (place.kind === 'kabupaten') return refuse;
  if (place.kind === 'kecamatan') return scope.has(place.area.code) ? { kind: 'scope', scope: kecamatanWhole(place.area, areas) } : refuse;
  if (actor.role === 'pkb') {
    const mine = binaan(actor, areas);
    return mine ? { kind: 'scope', scope: mine } : refuse;
  }
  // A koordinator: their kecamatan (one, as registered).
  const home = areas.isKecamatan(actor.homeAreaCode) ? actor.homeAreaCode : own[0];
  const area = home ? areas.get(home) : undefined;
  return area ? { kind: 'scope', scope: kecamatanWhole(area, areas) } : refuse;
}

function decideGroup(actor: Actor, place: Place, binding: Extract<Where, { kind: 'group' }>['binding'], areas: AreaDirectory, report: OnDemandReport): ScopeDecision {
  if (!managesGroups(actor)) return { kind: 'refuse', text: GROUP_COPY.notAllowed };
  if (!binding) return { kind: 'refuse', text: ON_DEMAND_COPY.groupNotBound };
  const scope = kecamatanScope(actor, areas);
  if (binding.role === 'dinas') {
    if (scope !== 'all') return { kind: 'refuse', text: ON_DEMAND_COPY.dinasGroupOnly };
    return { kind: 'scope', scope: place.kind === 'kecamatan' ? kecamatanWhole(place.area, areas) : kabupatenWhole(areas) };
  }
  const kec = areas.get(binding.areaCode);
  if (!kec) return { kind: 'refuse', text: ON_DEMAND_COPY.groupNotBound };
  const title = `PKB ${areas.label(kec.code)}`;
  if (scope !== 'all' && !scope.has(kec.code)) return { kind: 'refuse', text: ON_DEMAND_COPY.notThisGroup(title) };
  if (place.kind === 'kabupaten' || (place.kind === 'kecamatan' && place.area.code !== kec.code)) return { kind: 'refuse', text: ON_DEMAND_COPY.otherArea(title, report) };
  return { kind: 'scope', scope: kecamatanWhole(kec, areas) };
}

/** Whose figures this asker gets here, or the one line that says why not. */
export function decideScope(actor: Actor, place: Place, where: Where, areas: AreaDirectory, report: OnDemandReport): ScopeDecision {
  return where.kind === 'private' ? decidePrivate(actor, place, areas) : decideGroup(actor, place, where.binding, areas, report);
}
