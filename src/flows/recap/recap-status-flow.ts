// "Cek status laporan" for a PPKBD or Sub-PPKBD: one answer with both kinds of report a cadre sends. First the
// monthly recap, month by month (the open months and the last three closed ones): not sent, draft, sent and waiting
// for the reviewer, returned with the reason, verified, with the receipt code and whether it was late (a Sub-PPKBD
// sees their dusun part and where the desa recap stands). Then the cadre's unmet-need case reports, with
// "STATUS <kode>" for one of them (the case-status flow's own answer).
import { formatDay, formatWindowEnd, lastDayBefore } from '../../domain/recap/calendar.js';
import { caseStatusFlow, OWN_CASES_FACTS, codeIn, type OwnCase } from '../cases/case-status-flow.js';
import { CASE_STATUS_LABELS } from '../cases/case-options.js';
import { say } from '../engine/engine.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import { clip, packMessages } from './recap-texts.js';
import { periodLabel } from './summary.js';

/** Where a month's recap (or dusun part) stands. `reopened`: verified, then unlocked by the reviewer for a correction. */
export type MonthState = 'not_sent' | 'submitted' | 'returned' | 'reopened' | 'verified';

export interface MonthStatus {
  period: string;
  state: MonthState;
  version: number | null;
  receiptCode: string | null;
  /** The first submission came after the due day. */
  late: boolean;
  /** The reviewer's reason, when returned. */
  reason: string | null;
  /** ISO instant until which the month can still be sent (exclusive end), or null when it is closed. */
  openUntil: string | null;
  /** ISO instant at which the recap becomes late (the end of the due day). */
  dueEnd: string;
  /** Answers for this month are kept in a draft that was not sent yet. */
  draft: boolean;
  /** PPKBD: a dusun part changed after the desa recap was sent, so the two disagree. */
  dusunMismatch: boolean;
  /** PPKBD: dusun parts received, and registered dusun still missing. */
  dusun: { received: number; missing: readonly string[] } | null;
  /** Sub-PPKBD: where the desa recap stands. */
  desaState: MonthState | null;
}

export interface RecapStatusFacts {
  unit: 'desa' | 'dusun';
  /** Who checks the desa recaps: "PKB", "Koordinator PKB" or "Dinas". */
  reviewer: string;
  /** Newest first. */
  months: readonly MonthStatus[];
}

export const RECAP_STATUS_FACTS = 'recap_status';

/** Case reports listed in the overview; the rest are counted. */
const MAX_CASES_LISTED = 8;

function statusFacts(scope: Scope): RecapStatusFacts | null {
  return (scope.facts[RECAP_STATUS_FACTS] as RecapStatusFacts | undefined) ?? null;
}

const day = (iso: string) => formatWindowEnd(new Date(iso));

function receipt(m: MonthStatus): string {
  return `Versi ${m.version}, kode ${m.receiptCode}${m.late ? ', terlambat' : ''}.`;
}

/** Not sent yet: the deadline, or that it can no longer be sent. */
function notSentLine(m: MonthStatus, now: Date): string {
  const draft = m.draft ? 'draf tersimpan, belum dikirim (ketik LANJUT untuk melanjutkan)' : 'belum dikirim';
  if (!m.openUntil) return `${draft}; periode sudah ditutup.`;
  const due = formatDay(lastDayBefore(new Date(m.dueEnd)));
  if (now.getTime() < Date.parse(m.dueEnd)) return `${draft}. Batas ${due}.`;
  return `${draft}. Sudah lewat batas ${due}; masih bisa dikirim sampai ${day(m.openUntil)} (tercatat terlambat).`;
}

function desaMonthLine(m: MonthStatus, reviewer: string, now: Date): string {
  const parts: string[] = [];
  switch (m.state) {
    case 'not_sent':
      parts.push(notSentLine(m, now));
      break;
    case 'submitted':
      parts.push(`terkirim, menunggu diperiksa ${reviewer}.`, receipt(m));
      break;
    case 'returned':
      parts.push(`dikembalikan ${reviewer} untuk diperbaiki.`, ...(m.reason ? [`Alasan: ${clip(m.reason, 160)}`] : []), receipt(m));
      parts.push(m.openUntil ? `Perbaiki lewat menu Laporan bulanan sampai ${day(m.openUntil)}.` : 'Periode sudah ditutup; minta dibuka kembali.');
      break;
    case 'reopened':
      parts.push(`dibuka kembali oleh ${reviewer} untuk perbaikan.`, receipt(m));
      if (m.openUntil) parts.push(`Kirim perbaikan sampai ${day(m.openUntil)}.`);
      break;
    case 'verified':
      parts.push(`sudah diverifikasi ${reviewer} (terkunci).`, receipt(m));
      break;
  }
  if (m.state !== 'not_sent' && m.draft) parts.push('Ada perbaikan yang belum dikirim (ketik LANJUT).');
  if (m.dusunMismatch) parts.push('Bagian dusun berubah setelah rekap dikirim: kirim perbaikan rekap desa.');
  if (m.dusun && m.openUntil && m.state !== 'verified') parts.push(...dusunPartsNote(m.dusun));
  return `• ${periodLabel(m.period)}: ${parts.join(' ')}`;
}

function dusunPartsNote(dusun: NonNullable<MonthStatus['dusun']>): string[] {
  const { received, missing } = dusun;
  if (received === 0 && missing.length === 0) return [];
  if (received === 0) return [`Bagian dusun belum masuk: ${missing.join(', ')}.`];
  return [`Bagian dusun masuk: ${received} dari ${received + missing.length}${missing.length > 0 ? ` (belum: ${missing.join(', ')})` : ''}.`];
}

const DESA_STATE_WORDS: Readonly<Record<MonthState, (reviewer: string) => string>> = {
  not_sent: () => 'belum dikirim PPKBD',
  submitted: (r) => `menunggu diperiksa ${r}`,
  returned: () => 'dikembalikan untuk diperbaiki',
  reopened: () => 'dibuka kembali untuk perbaikan',
  verified: (r) => `sudah diverifikasi ${r}`,
};

function dusunMonthLine(m: MonthStatus, reviewer: string, now: Date): string {
  const parts: string[] = [];
  if (m.state === 'not_sent') parts.push(notSentLine(m, now));
  else if (m.state === 'verified') parts.push('terkirim dan terkunci bersama rekap desa.', receipt(m));
  else parts.push('terkirim ke PPKBD.', receipt(m));
  if (m.state !== 'not_sent' && m.draft) parts.push('Ada perbaikan yang belum dikirim (ketik LANJUT).');
  if (m.desaState && m.state !== 'verified' && (m.openUntil || m.state !== 'not_sent')) parts.push(`Rekap desa: ${DESA_STATE_WORDS[m.desaState](reviewer)}.`);
  return `• ${periodLabel(m.period)}: ${parts.join(' ')}`;
}

function recapBlock(scope: Scope): string[] {
  const facts = statusFacts(scope);
  const actor = scope.actor;
  if (!facts || actor.kind !== 'person') return ['Status laporan bulanan belum bisa ditampilkan.'];
  const place = scope.areas.label(actor.homeAreaCode);
  const title = facts.unit === 'dusun' ? '*Status laporan bulanan* (bagian dusun)' : '*Status laporan bulanan*';
  const line = facts.unit === 'dusun' ? dusunMonthLine : desaMonthLine;
  return [title, facts.unit === 'dusun' && actor.unitName ? `${actor.unitName}, ${place}` : place, ...facts.months.map((m) => line(m, facts.reviewer, scope.now))];
}

function casesBlock(scope: Scope): string[] {
  const own = (scope.facts[OWN_CASES_FACTS] as readonly OwnCase[] | undefined) ?? [];
  if (own.length === 0) return ['*Laporan calon akseptor belum terlayani*: belum ada dari nomor ini.'];
  const listed = own.slice(0, MAX_CASES_LISTED).map((c) => `• ${c.code}: ${CASE_STATUS_LABELS[c.status] ?? c.status}`);
  const more = own.length > MAX_CASES_LISTED ? [`• dan ${own.length - MAX_CASES_LISTED} laporan lain`] : [];
  return ['*Laporan calon akseptor belum terlayani*', ...listed, ...more, `Ketik STATUS dan kodenya untuk rinciannya, misalnya STATUS ${own[0]!.code}.`];
}

/** "STATUS", "cek status", "status laporan", "cek laporan", "lihat status"… with or without a case code. */
const isStatusRequest = (text: string) => /^(?:(?:cek|lihat)\s+)?status\b|^(?:cek|lihat)\s+laporan\b/i.test(text.trim());

const oneCase = caseStatusFlow.nodes['case_status.one'].text;

export const recapStatusFlow = {
  id: 'recap_status',
  version: 1,
  start: 'recap_status.show',
  nodes: {
    'recap_status.show': {
      kind: 'action',
      run: (scope) => ({ category: 'done', events: packMessages([recapBlock(scope), casesBlock(scope)]).map((text) => say(text)) }),
      routes: { done: 'recap_status.end' },
    },
    'recap_status.case': { kind: 'end', text: (scope) => oneCase(scope) },
    'recap_status.end': { kind: 'end' },
  },
  entries: [
    // With a case code it works inside any flow (a recap half filled in goes on afterwards).
    { matches: (text: string) => isStatusRequest(text) && codeIn(text) !== null, node: 'recap_status.case', global: true },
    { matches: (text: string) => isStatusRequest(text), node: 'recap_status.show' },
  ],
  menu: { audience: ['ppkbd', 'sub_ppkbd'], label: 'Cek status laporan', words: ['status', 'cek status', 'status laporan', 'cek status laporan', 'cek laporan', 'lihat status'], order: 35 },
} satisfies FlowDefinition;
