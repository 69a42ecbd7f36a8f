// The WhatsApp texts of a month's figures for an area: the Dinas' weekly and monthly summaries and REKAP on demand.
// They format the one aggregation (aggregate.ts), so their numbers are the exports' numbers. Pure: an aggregation in,
// messages out. What a Dinas officer reads on a phone: the whole area first, in words, then one compact line per
// kecamatan; every message at most ~1,000 characters (more kecamatan than fit go on into the next message).
// Indicators are the verified recaps' (the official figures, the XLSX JUMLAH row), with the change from last month.
import { formatPct, formatPointChange } from '../domain/recap/derive.js';
import { labelOf, METHOD_OPTIONS } from '../flows/cases/case-options.js';
import { someNames } from '../flows/fit-text.js';
import { toWita } from '../time/wita.js';
import { SHORT_KIND_LABELS } from '../domain/meetings/meeting-labels.js';
import { MEETING_KINDS } from '../domain/meetings/meeting-model.js';
import type { AreaAggregate, AreaFigures, DesaRef, IndicatorChange, IndicatorSet, KecamatanFigures, KecamatanMeetings, MeetingsSlot, PeriodCalendar } from './aggregate.js';
import { periodText } from './labels.js';

/** The longest message the bot sends (flows/engine/limits.ts MAX_MESSAGE_CHARS; reports may not import the engine). */
export const MESSAGE_LIMIT = 1000;

const WEEKDAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** 12345 → "12.345": Indonesian thousands separator. */
export function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "2026-12-03" → "3/12/2026", how dates are written to PKB and the Dinas. */
export function dayText(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return `${d}/${m}/${y}`;
}

/** "Senin, 7/12/2026 pukul 08.00 WITA". */
export function asOfText(now: Date): string {
  const p = toWita(now);
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()]!;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${weekday}, ${p.day}/${p.month}/${p.year} pukul ${two(p.hour)}.${two(p.minute)} WITA`;
}

/** Where the period stands: due in N days, due today, past due (still accepted until the close), closed. */
export function deadlineText(cal: PeriodCalendar): string {
  const due = dayText(cal.dueDate);
  const close = dayText(cal.closeDate);
  switch (cal.state) {
    case 'not_open':
      return `Laporan bulan ini baru bisa dikirim mulai ${dayText(cal.opensAt.slice(0, 10))}.`;
    case 'open':
      return cal.daysToDue === 0 ? `Batas kirim hari ini, ${due}.` : `Batas kirim ${due} (${cal.daysToDue} hari lagi).`;
    case 'past_due':
      return `Batas kirim ${due} sudah lewat; laporan masih diterima sampai ${close}.`;
    case 'closed':
      return `Periode laporan sudah ditutup ${close}.`;
  }
}

/** "55,4% (+1,2)", or "55,4%" when last month has no figure, or "–". */
function withChange(value: number | null, change: number | null, percentSign = true): string {
  if (value === null) return '–';
  const shown = percentSign ? formatPct(value) : formatPct(value).replace('%', '');
  return change === null ? shown : `${shown} (${formatPointChange(change)})`;
}

/** "Desa Pakatto" / "Kelurahan Bontoala". */
export function desaName(d: Pick<DesaRef, 'kind' | 'name'>): string {
  return `${d.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${d.name}`;
}

function indicatorLines(v: IndicatorSet, change: IndicatorChange): string[] {
  if (v.recaps === 0) return ['Angka KB: belum ada laporan terverifikasi.'];
  return [
    `Angka KB dari ${v.recaps} laporan terverifikasi (dalam kurung: perubahan dari bulan lalu):`,
    `PUS ${v.sums.pus === null || v.sums.pus === undefined ? '–' : countText(v.sums.pus)} • peserta KB aktif ${v.paTotal === null ? '–' : countText(v.paTotal)}`,
    `CPR ${withChange(v.cpr, change.cpr)} • mCPR ${withChange(v.mcpr, change.mcpr)}`,
    `Kebutuhan ber-KB tidak terpenuhi ${withChange(v.unmetNeedPct, change.unmetNeedPct)}`,
    `MKJP ${withChange(v.mkjpShare, change.mkjpShare)}`,
  ];
}

function casesLine(f: AreaFigures, followUpDays: number): string {
  const c = f.cases;
  if (c.opened === 0 && c.openNow === 0) return 'Kasus calon akseptor: tidak ada.';
  return `Kasus calon akseptor: ${c.opened} baru bulan ini • ${c.openNow} masih terbuka • ${c.overdueNow} belum ditindaklanjuti lebih dari ${followUpDays} hari`;
}

function stockOutLine(f: AreaFigures): string {
  const s = f.stockOuts;
  if (s.total === 0) return 'Stok alat/obat KB kosong: tidak ada laporan.';
  return `Stok alat/obat KB kosong: ${s.total} laporan (${s.byMethod.map((m) => `${labelOf(METHOD_OPTIONS, m.method)} ${m.count}`).join(', ')})`;
}

/** The whole area in words: completeness and timeliness, verification, the indicators, cases, stock-outs. */
export function areaLines(f: AreaFigures, followUpDays: number): string[] {
  const c = f.completeness;
  const t = f.timeliness;
  const lines: string[] = [];
  if (c.expected === 0) {
    lines.push('Belum ada desa/kelurahan yang ikut program bulan ini.');
  } else {
    lines.push(
      `Laporan masuk ${c.sent} dari ${c.expected} desa/kelurahan yang ikut (${formatPct(c.sentPct)}): tepat waktu ${t.onTime}, terlambat ${t.late}.`,
      `Terverifikasi ${c.verified} • menunggu verifikasi ${c.waiting} • dikembalikan ${c.returned}`,
    );
  }
  if (c.sentNotTakingPart.length > 0) lines.push(`Juga ada ${c.sentNotTakingPart.length} laporan dari desa yang belum ikut program.`);
  const basis = f.indicators.verified;
  lines.push(...indicatorLines(basis, f.change.verified), casesLine(f, followUpDays), stockOutLine(f));
  return lines;
}

/**
 * The month's meetings of a kecamatan or the kabupaten in one line: how many by kind, whether the full meeting of the
 * kecamatan (per kecamatan: in how many) and of the kabupaten was held.
 */
export function meetingsLine(m: MeetingsSlot): string {
  const kinds = MEETING_KINDS.filter((k) => m.byKind[k] > 0).map((k) => `${SHORT_KIND_LABELS[k]} ${m.byKind[k]}`);
  const parts = [m.total === 0 ? 'Pertemuan dicatat: belum ada' : `Pertemuan dicatat: ${m.total} (${kinds.join(', ')}), ${countText(m.attendanceTotal)} hadir`];
  if (m.kecamatanMeetingHeld !== null) parts.push(`rapat lengkap kecamatan ${m.kecamatanMeetingHeld ? 'sudah' : 'belum'} diadakan`);
  if (m.kabupatenMeetingHeld !== null) {
    const held = m.byKecamatan.filter((k) => k.kecamatanMeetingHeld).length;
    parts.push(`rapat lengkap kecamatan di ${held} dari ${m.byKecamatan.length} kecamatan`, `rapat lengkap kabupaten ${m.kabupatenMeetingHeld ? 'sudah' : 'belum'} diadakan`);
  }
  return `${parts.join(' • ')}.`;
}

/** One compact line per kecamatan: reports in, late, the four indicators with their change, cases, stock-outs, meetings. */
export function kecamatanLine(k: KecamatanFigures, meetings?: KecamatanMeetings): string {
  const c = k.completeness;
  const v = k.indicators.verified;
  const ch = k.change.verified;
  const parts = [`*${k.kecamatan.name}* ${c.sent}/${c.expected} lapor${k.timeliness.late > 0 ? `, ${k.timeliness.late} terlambat` : ''}`];
  if (v.recaps === 0) parts.push('belum ada yang terverifikasi');
  else
    parts.push(
      `CPR ${withChange(v.cpr, ch.cpr, false)}`,
      `mCPR ${withChange(v.mcpr, ch.mcpr, false)}`,
      `tak terpenuhi ${withChange(v.unmetNeedPct, ch.unmetNeedPct, false)}`,
      `MKJP ${withChange(v.mkjpShare, ch.mkjpShare, false)}`,
    );
  if (k.cases.opened > 0 || k.cases.overdueNow > 0) parts.push(`kasus ${k.cases.opened}${k.cases.overdueNow > 0 ? `, ${k.cases.overdueNow} lewat waktu` : ''}`);
  if (k.stockOuts.total > 0) parts.push(`stok kosong ${k.stockOuts.total}`);
  if (meetings) parts.push(`pertemuan ${meetings.meetings}, rapat kec. ${meetings.kecamatanMeetingHeld ? 'sudah' : 'belum'}`);
  return parts.join(' • ');
}

/**
 * Lines packed into as few messages as fit `limit`: `head` opens the first, `continued` the next ones. A line
 * longer than a message on its own is kept whole (it cannot be split in a readable way).
 */
export function packMessages(head: string, lines: readonly string[], continued: string, limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = head;
  for (const line of lines) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= limit || current === head || current === continued) {
      current = next;
      continue;
    }
    messages.push(current);
    current = `${continued}\n${line}`;
  }
  if (current !== '') messages.push(current);
  return messages;
}

const KECAMATAN_HEAD =
  '*Per kecamatan*\nlapor = laporan masuk/desa yang ikut. CPR, mCPR, tak terpenuhi (kebutuhan ber-KB tidak terpenuhi) dan MKJP dalam %, dari laporan terverifikasi; dalam kurung perubahan dari bulan lalu. Pertemuan = pertemuan yang dicatat bulan ini; rapat kec. = rapat lengkap kecamatan.';
const KECAMATAN_CONTINUED = '*Per kecamatan (lanjutan)*';

/** The per-kecamatan part of a kabupaten summary; kecamatan not taking part and without reports share one line. */
export function kecamatanMessages(agg: AreaAggregate): string[] {
  const idle = agg.byKecamatan.filter((k) => k.completeness.expected === 0 && k.completeness.sentNotTakingPart.length === 0);
  const meetings = new Map(agg.meetings.byKecamatan.map((m) => [m.kecamatanCode, m]));
  const lines = agg.byKecamatan.filter((k) => !idle.includes(k)).map((k) => kecamatanLine(k, meetings.get(k.kecamatan.code)));
  if (idle.length > 0) lines.push(`Belum ikut program bulan ini: ${idle.map((k) => k.kecamatan.name).join(', ')}.`);
  return packMessages(KECAMATAN_HEAD, lines, KECAMATAN_CONTINUED);
}

export type SummaryKind = 'weekly' | 'monthly_due' | 'monthly_final' | 'on_demand';

function summaryTitle(kind: SummaryKind, period: string, areaName: string): string {
  const month = periodText(period);
  switch (kind) {
    case 'weekly':
      return `*Ringkasan mingguan laporan ${month}*\n${areaName}`;
    case 'monthly_due':
      return `*Ringkasan bulanan laporan ${month}*\n${areaName}`;
    case 'monthly_final':
      return `*Ringkasan akhir laporan ${month}*\n${areaName}`;
    case 'on_demand':
      return `*Rekap laporan ${month}*\n${areaName}`;
  }
}

/**
 * The kabupaten's summary (the Dinas' weekly and monthly messages, REKAP of the kabupaten): the kabupaten in words
 * first, then the kecamatan lines. `areaName`: "Kabupaten Gowa".
 */
export function kabupatenSummaryMessages(agg: AreaAggregate, kind: SummaryKind, areaName: string): string[] {
  const first = [
    summaryTitle(kind, agg.period, areaName),
    `Keadaan ${asOfText(new Date(agg.asOf))}. ${deadlineText(agg.calendar)}`,
    '',
    ...areaLines(agg, agg.caseFollowUpDays),
    meetingsLine(agg.meetings),
  ].join('\n');
  return [first, ...kecamatanMessages(agg)];
}

/** "Belum lapor: Desa A, Desa B dan 3 lainnya." */
function namesLine(label: string, list: readonly DesaRef[], max = 6): string | null {
  if (list.length === 0) return null;
  return `${label} (${list.length}): ${someNames(list.map(desaName), max)}.`;
}

/**
 * REKAP of a kecamatan or a PKB's binaan (one message): the area in words, then which desa are missing, waiting for
 * verification and returned, and what else can be asked.
 */
export function areaRekapMessage(agg: AreaAggregate, areaName: string): string {
  const c = agg.completeness;
  const v = agg.verification;
  const lists = [
    namesLine('Belum lapor', c.missing),
    namesLine('Menunggu verifikasi', v.waiting),
    namesLine('Dikembalikan, belum diperbaiki', v.returned),
  ].filter((l): l is string => l !== null);
  const head = [summaryTitle('on_demand', agg.period, areaName), `Keadaan ${asOfText(new Date(agg.asOf))}. ${deadlineText(agg.calendar)}`, ''];
  const tail = 'Ketik BELUM untuk nama kader yang belum lapor, GRAFIK untuk grafiknya.';
  const text = [...head, ...areaLines(agg, agg.caseFollowUpDays), meetingsLine(agg.meetings), ...lists, tail].join('\n');
  if (text.length <= MESSAGE_LIMIT) return text;
  // Long lists are shortened before anything else goes.
  const shorter = [namesLine('Belum lapor', c.missing, 3), namesLine('Menunggu verifikasi', v.waiting, 3), namesLine('Dikembalikan, belum diperbaiki', v.returned, 3)].filter(
    (l): l is string => l !== null,
  );
  return [...head, ...areaLines(agg, agg.caseFollowUpDays), meetingsLine(agg.meetings), ...shorter, tail].join('\n');
}

const STATUS_WORDS = {
  'belum lapor': 'belum dikirim',
  submitted: 'sudah dikirim, menunggu verifikasi',
  returned: 'dikembalikan untuk diperbaiki',
  verified: 'sudah terverifikasi',
} as const;

/** A cadre's own desa, one line: "Laporan Desa Pakatto bulan November 2026: belum dikirim. Batas kirim …". */
export function desaStatusLine(agg: AreaAggregate): string {
  const d = agg.byDesa[0];
  if (!d) return '';
  const late = d.late ? ' (terlambat)' : '';
  return `Laporan ${desaName(d)} bulan ${periodText(agg.period)}: ${STATUS_WORDS[d.status]}${d.status === 'belum lapor' ? '' : late}. ${deadlineText(agg.calendar)}`;
}
