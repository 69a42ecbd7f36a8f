// The daily PKB digest as a PKB reads it on a phone: what came since the last digest, how far the month's recap is
// (X of Y desa, the missing ones named, the days left), what waits for verification or was returned, new and overdue
// cases, stock-outs; the official figures are the verified ones. One message under ~1,000 characters (long lists end
// with "dan N lainnya"); one line when nothing happened and nothing is missing or waiting. Pure: formats one
// aggregation (aggregate.ts), so its numbers are the exports'.
import { formatDay, periodDeadlines, shiftPeriod, type ReportingCalendar, type WitaDay } from '../domain/recap/calendar.js';
import { formatPct } from '../domain/recap/derive.js';
import { dayWithWeekday } from '../domain/recap/reminder-ladder.js';
import { FACILITY_OPTIONS, labelOf, METHOD_OPTIONS } from '../flows/cases/case-options.js';
import { someNames } from '../flows/fit-text.js';
import { MESSAGE_MAX_CHARS } from '../flows/recap/recap-texts.js';
import { periodLabel } from '../flows/recap/summary.js';
import { SHORT_KIND_LABELS } from '../domain/meetings/meeting-labels.js';
import { toWita } from '../time/wita.js';
import type { AreaAggregate, DesaRef, FacilityKind, PendingRecap } from './aggregate.js';

export interface PkbDigestInput {
  /** The digest's period for the recipient's area, aggregated at `now` with `since` the previous digest. */
  aggregate: AreaAggregate;
  /** Whose digest: "Kec. Bontomarannu", or "desa binaan Anda, Kec. Bontomarannu". */
  scope: string;
  now: Date;
  /** To say when the next month's recap opens, once this one is closed. */
  calendar: ReportingCalendar;
}

/** The month a digest reports on: the month before today's (open from the 1st to the close day, closed after it). */
export function digestPeriod(now: Date): string {
  const today = toWita(now);
  return shiftPeriod(`${today.year}-${String(today.month).padStart(2, '0')}`, -1);
}

const names = (list: readonly DesaRef[], max: number) => someNames(list.map((d) => d.name), max);
const withCorrections = (list: readonly PendingRecap[], max: number) => someNames(list.map((r) => (r.version > 1 ? `${r.name} (perbaikan)` : r.name)), max);

function deadline(agg: AreaAggregate): string {
  const { daysToDue, dueDate, closeDate } = agg.calendar;
  const [due, close] = [dueDate, closeDate].map((iso) => formatIso(iso));
  if (daysToDue > 0) return `Batas pengiriman ${due} (${daysToDue} hari lagi).`;
  if (daysToDue === 0) return `Batas pengiriman hari ini (${due}).`;
  return `Batas pengiriman ${due} sudah lewat ${-daysToDue} hari; ditutup ${close}.`;
}

function formatIso(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return formatDay({ year, month, day });
}

/** The official (verified) figures in one line, or nothing when no recap is verified yet. */
function officialLine(agg: AreaAggregate): string[] {
  const v = agg.indicators.verified;
  if (v.recaps === 0) return [];
  return [
    `Angka terverifikasi (${v.recaps} desa/kelurahan): PUS ${v.sums.pus ?? '–'}, peserta KB aktif ${v.paTotal ?? '–'} (${formatPct(v.cpr)}), ` +
      `cara modern ${formatPct(v.mcpr)}, ingin ber-KB tetapi belum ber-KB ${formatPct(v.unmetNeedPct)}, MKJP ${formatPct(v.mkjpShare)} dari peserta KB aktif.`,
  ];
}

const facilityLabel = (f: FacilityKind) => (f === 'tidak_disebut' ? 'tempat tidak disebut' : labelOf(FACILITY_OPTIONS, f));

/** The recaps that need the PKB: arrived since the last digest, waiting, returned, disagreeing with their dusun parts. */
function pendingLines(agg: AreaAggregate, max: number): string[] {
  const lines: string[] = [];
  const received = agg.since?.recapsReceived ?? [];
  const { waiting, returned, dusunMismatch } = agg.verification;
  if (received.length > 0) lines.push(`Baru masuk sejak ringkasan lalu (${received.length}): ${withCorrections(received, max)}.`);
  if (waiting.length > 0) lines.push(`Menunggu verifikasi (${waiting.length}): ${withCorrections(waiting, max)}.`);
  if (returned.length > 0) lines.push(`Dikembalikan, belum diperbaiki (${returned.length}): ${names(returned, max)}.`);
  if (dusunMismatch.length > 0) lines.push(`Bagian dusun berubah, belum bisa diverifikasi (${dusunMismatch.length}): ${names(dusunMismatch, max)}.`);
  return lines;
}

function recapBlock(agg: AreaAggregate, max: number): string[] {
  const c = agg.completeness;
  const month = periodLabel(agg.period);
  const details = [c.verified > 0 ? `${c.verified} terverifikasi` : '', agg.timeliness.late > 0 ? `${agg.timeliness.late} terlambat` : ''].filter(Boolean);
  const counts = `${c.sent} dari ${c.expected} desa/kelurahan sudah lapor${details.length ? ` (${details.join(', ')})` : ''}.`;
  return [
    `*Laporan ${month}*: ${counts}`,
    ...(c.missing.length > 0 ? [deadline(agg), `Belum lapor (${c.missing.length}): ${names(c.missing, max)}.`] : []),
    ...pendingLines(agg, max),
    ...officialLine(agg),
  ];
}

/** After the close day: only what still needs the PKB, then when the next month opens. */
function closedBlock(agg: AreaAggregate, max: number, next: { period: string; opens: WitaDay; due: WitaDay }): string[] {
  const pending = pendingLines(agg, max);
  const c = agg.completeness;
  return [
    ...(pending.length > 0 ? [`*Laporan ${periodLabel(agg.period)}* (sudah ditutup): ${c.sent} dari ${c.expected} desa/kelurahan lapor, ${c.verified} terverifikasi.`, ...pending] : []),
    `Laporan ${periodLabel(next.period)} dibuka ${formatDay(next.opens)}, batas pengiriman ${formatDay(next.due)}.`,
  ];
}

function caseBlock(agg: AreaAggregate, max: number, open: boolean): string[] {
  const { cases, since, stockOuts } = agg;
  const fresh = since?.casesOpened ?? 0;
  const freshStock = since?.stockOuts ?? 0;
  const lines: string[] = [];
  if (fresh > 0 || cases.openNow > 0) {
    const parts = [fresh > 0 ? `${fresh} baru sejak ringkasan lalu${freshStock > 0 ? ` (${freshStock} stok kosong)` : ''}` : '', `${cases.openNow} masih terbuka`].filter(Boolean);
    lines.push(`*Kasus*: ${parts.join(', ')}.`);
  }
  if (cases.overdue.length > 0) {
    const listed = cases.overdue.slice(0, max).map((o) => `${o.code} (${o.desaName}, ${o.days} hari)`);
    const more = cases.overdue.length > max ? ` dan ${cases.overdue.length - max} lainnya` : '';
    lines.push(`Belum ditindaklanjuti lebih dari ${agg.caseFollowUpDays} hari (${cases.overdue.length}): ${listed.join('; ')}${more}.`);
  }
  if (open && (cases.opened > 0 || stockOuts.total > 0)) {
    const items = stockOuts.items.slice(0, max).map((s) => `${labelOf(METHOD_OPTIONS, s.method)} di ${facilityLabel(s.facility)} ${s.count}`);
    const more = stockOuts.items.length > max ? ` dan ${stockOuts.items.length - max} lainnya` : '';
    const stock = stockOuts.total > 0 ? `, ${stockOuts.total} stok kosong (${items.join(', ')}${more})` : '';
    lines.push(`Bulan ${periodLabel(agg.period)}: ${cases.opened} kasus dilaporkan${stock}.`);
  }
  return lines;
}

/** "rakor desa Pakatto 30/11 (18 hadir)": each meeting reported since the last digest, oldest day first. */
function meetingsBlock(agg: AreaAggregate, max: number): string[] {
  const since = agg.meetings.since ?? [];
  if (since.length === 0) return [];
  const items = since.slice(0, max).map((m) => {
    const [, month, day] = m.heldOn.split('-').map(Number) as [number, number, number];
    const where = m.level === 'desa' ? ` ${m.desaName ?? ''}`.trimEnd() : '';
    return `${SHORT_KIND_LABELS[m.kind]}${where} ${day}/${month} (${m.attendanceTotal} hadir${m.kieKit && m.kind !== 'KIE_KIT' ? ', KIE Kit' : ''})`;
  });
  const more = since.length > max ? ` dan ${since.length - max} lainnya` : '';
  return [`*Pertemuan* dicatat sejak ringkasan lalu (${since.length}): ${items.join('; ')}${more}.`];
}

/** Nothing arrived, nothing is missing, waiting or returned, no new or overdue case, no meeting reported. */
export function isQuietDigest(agg: AreaAggregate): boolean {
  const openWindow = agg.calendar.state === 'open' || agg.calendar.state === 'past_due';
  return (
    (agg.since?.recapsReceived.length ?? 0) === 0 &&
    (!openWindow || agg.completeness.missing.length === 0) &&
    agg.verification.waiting.length === 0 &&
    agg.verification.returned.length === 0 &&
    agg.verification.dusunMismatch.length === 0 &&
    (agg.since?.casesOpened ?? 0) === 0 &&
    agg.cases.overdue.length === 0 &&
    (agg.meetings.since?.length ?? 0) === 0
  );
}

function quietLine(input: PkbDigestInput, title: string, nextOpening: string): string {
  const { aggregate: agg } = input;
  const openWindow = agg.calendar.state === 'open' || agg.calendar.state === 'past_due';
  const state = openWindow
    ? `laporan ${periodLabel(agg.period)} sudah lengkap (${agg.completeness.sent} dari ${agg.completeness.expected} desa/kelurahan) dan terverifikasi`
    : nextOpening;
  const open = agg.cases.openNow > 0 ? `; ${agg.cases.openNow} kasus masih ditangani` : '';
  return `${title}: tidak ada yang baru; ${state}${open}.`;
}

/** The digest's text for one recipient (a group, a koordinator, a PKB for their binaan). */
export function pkbDigestText(input: PkbDigestInput, limit = MESSAGE_MAX_CHARS): string {
  const { aggregate: agg, scope, now } = input;
  const today = toWita(now);
  const next = shiftPeriod(agg.period, 1);
  const nextDeadlines = periodDeadlines(next, input.calendar);
  const nextInfo = { period: next, opens: toWita(nextDeadlines.opensAt), due: nextDeadlines.due };
  const openWindow = agg.calendar.state === 'open' || agg.calendar.state === 'past_due';
  if (isQuietDigest(agg)) {
    const nextOpening = `laporan ${periodLabel(next)} dibuka ${formatDay(nextInfo.opens)}`;
    return quietLine(input, `*Ringkasan harian ${scope}* (${dayWithWeekday(today)})`, nextOpening);
  }
  const build = (max: number) => {
    const blocks = [
      [`*Ringkasan harian ${scope}*`, dayWithWeekday(today)],
      openWindow ? recapBlock(agg, max) : closedBlock(agg, max, nextInfo),
      caseBlock(agg, max, openWindow),
      meetingsBlock(agg, max),
      agg.verification.waiting.length + agg.verification.returned.length > 0 ? ['Verifikasi: chat pribadi ke nomor ini, menu *Periksa laporan desa*.'] : [],
    ];
    return blocks
      .filter((b) => b.length > 0)
      .map((b) => b.join('\n'))
      .join('\n\n');
  };
  for (const max of [10, 6, 4, 3]) {
    const text = build(max);
    if (text.length <= limit) return text;
  }
  return build(2);
}
