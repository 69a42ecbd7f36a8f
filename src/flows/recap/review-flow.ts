// "Periksa laporan desa": the reviewer of a desa (its PKB; where no PKB serves it the koordinator; where neither,
// the Dinas) verifies a submitted recap, which locks it, or returns it to the PPKBD with a reason. The review shows
// every number, the derived figures and the unusual numbers the cadre confirmed. A desa recap that no longer agrees
// with its dusun parts cannot be verified until that is resolved. The host lists only desa the reviewer covers and
// checks again when storing.
import { activeGroups, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { toWita } from '../../time/wita.js';
import { COPY } from '../copy.js';
import { say } from '../engine/engine.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import type { ChoiceArgs } from '../engine/validators.js';
import { clip, figureLines, packMessages, warningLines, type ConfirmedWarning } from './recap-texts.js';
import { groupLine, periodLabel } from './summary.js';

export interface PendingReview {
  recapId: number;
  version: number;
  desaCode: string;
  period: string;
  /** The first submission came after the due day. */
  late: boolean;
  reporterName: string;
  /** ISO instant of this version. */
  submittedAt: string;
  values: RecapValues;
  /** Unusual numbers the cadre confirmed with YA. */
  warnings: readonly ConfirmedWarning[];
  /** Why it cannot be verified yet (a dusun part changed after it was sent), or null. */
  blocked: readonly string[] | null;
  /** Back with the cadre and not corrected yet: returned with a reason, or unlocked after verification (null reason). */
  returned: { reason: string | null } | null;
}

export const REVIEW_FACTS = 'recap_review';

function pending(scope: Scope): readonly PendingReview[] {
  return (scope.facts[REVIEW_FACTS] as readonly PendingReview[] | undefined) ?? [];
}

function chosen(scope: Scope): PendingReview | undefined {
  return pending(scope).find((p) => p.recapId === scope.results.recap_id?.value);
}

function pickPrompt(scope: Scope): string {
  const items = pending(scope);
  const waiting = items.filter((p) => !p.returned);
  const returned = items.filter((p) => p.returned);
  const lines = ['*Laporan menunggu diperiksa*', ...(waiting.length > 0 ? waiting.map((p, i) => itemLine(scope, p, i + 1)) : ['Tidak ada laporan baru.'])];
  if (returned.length > 0) lines.push('', '*Dikembalikan, belum diperbaiki*', ...returned.map((p, i) => itemLine(scope, p, waiting.length + i + 1)));
  return [...lines, '', 'Balas nomor laporan atau nama desanya.'].join('\n');
}

/** Numbered as shown: waiting first, then returned. */
function shownOrder(items: readonly PendingReview[]): PendingReview[] {
  return [...items.filter((p) => !p.returned), ...items.filter((p) => p.returned)];
}

/** The recaps as numbered choices: by number or by the desa's name ("pakatto"). */
function reviewOptions(scope: Scope): ChoiceArgs {
  return { options: shownOrder(pending(scope)).map((p, i) => ({ key: String(p.recapId), number: i + 1, label: `${scope.areas.label(p.desaCode)} ${periodLabel(p.period)}`, words: [scope.areas.get(p.desaCode)?.name ?? p.desaCode] })) };
}

function itemLine(scope: Scope, p: PendingReview, n: number): string {
  const notes = [`versi ${p.version}`, ...(p.late ? ['terlambat'] : []), ...(p.blocked ? ['bagian dusun berubah'] : [])];
  return `${n}. ${scope.areas.label(p.desaCode)} — ${periodLabel(p.period)} (${notes.join(', ')})`;
}

function sentAt(iso: string): string {
  const t = toWita(new Date(iso));
  return `${t.day}/${t.month}/${t.year} pukul ${String(t.hour).padStart(2, '0')}.${String(t.minute).padStart(2, '0')}`;
}

const NOT_PENDING = 'Laporan ini tidak lagi menunggu pemeriksaan. Ketik MENU untuk kembali.';

export function buildReviewFlow(settings: RecapSettings): FlowDefinition {
  const groups = activeGroups(settings);

  /** The recap as the reviewer reads it, in as few short messages as fit. */
  const reviewMessages = (scope: Scope, item: PendingReview): string[] => {
    const header = [
      `*${scope.areas.label(item.desaCode)} — ${periodLabel(item.period)}*`,
      `Dari ${item.reporterName}, versi ${item.version}, dikirim ${sentAt(item.submittedAt)}${item.late ? ' (terlambat)' : ''}`,
      ...(item.returned
        ? [item.returned.reason ? `Sudah dikembalikan ke PPKBD (alasan: ${clip(item.returned.reason, 160)}); belum diperbaiki.` : 'Kunci verifikasinya sudah dibuka kembali; PPKBD belum mengirim perbaikan.']
        : []),
    ];
    const sections = [...new Set(groups.map((g) => g.section))].map((section) =>
      groups.filter((g) => g.section === section).map((g) => `• ${groupLine(g, item.values)}`),
    );
    return packMessages([header, ...sections, figureLines(item.values, settings), warningLines(item.warnings)]);
  };

  return {
    id: 'recap_review',
    version: 2,
    start: 'recap_review.start',
    nodes: {
      'recap_review.start': {
        kind: 'action',
        run: (scope) => ({ category: pending(scope).length > 0 ? 'some' : 'none' }),
        routes: { some: 'recap_review.pick', none: 'recap_review.nothing' },
      },
      'recap_review.nothing': { kind: 'end', text: 'Tidak ada laporan desa yang menunggu diperiksa. Ketik MENU untuk kembali.' },
      'recap_review.pick': {
        kind: 'ask',
        prompt: pickPrompt,
        validate: { name: 'pick', args: reviewOptions },
        result: 'pick',
        routes: { ok: 'recap_review.pick_check' },
      },
      'recap_review.pick_check': {
        kind: 'action',
        run: (scope) => {
          const items = pending(scope);
          const item = shownOrder(items).find((p) => String(p.recapId) === scope.results.pick?.value);
          if (!item) return { category: 'again', events: [say(COPY.notInList)] };
          const events = reviewMessages(scope, item).map((text) => say(text));
          return { category: item.blocked ? 'blocked' : 'ok', results: { recap_id: item.recapId, version: item.version }, events };
        },
        routes: { again: 'recap_review.pick', ok: 'recap_review.decide', blocked: 'recap_review.decide_blocked' },
      },
      'recap_review.decide': {
        kind: 'ask',
        prompt: (scope) => (chosen(scope) ? ['Pilih:', '1. Verifikasi (laporan dikunci)', '2. Kembalikan ke PPKBD untuk diperbaiki'].join('\n') : NOT_PENDING),
        validate: {
          name: 'choice',
          args: {
            options: [
              { key: 'verify', number: 1, words: ['verifikasi', 'setuju', 'benar'] },
              { key: 'return', number: 2, words: ['kembalikan', 'tolak'] },
            ],
          },
        },
        result: 'decision',
        routes: { verify: 'recap_review.verify', return: 'recap_review.reason' },
      },
      'recap_review.decide_blocked': {
        kind: 'ask',
        prompt: (scope) => {
          const item = chosen(scope);
          if (!item) return NOT_PENDING;
          return [
            ...(item.blocked ?? []),
            'Rekap desa ini belum bisa diverifikasi sampai PPKBD mengirim perbaikan atau bagian dusun cocok lagi.',
            '',
            'Pilih:',
            '1. Kembalikan ke PPKBD untuk diperbaiki',
            '2. Nanti saja',
          ].join('\n');
        },
        validate: {
          name: 'choice',
          args: {
            options: [
              { key: 'return', number: 1, words: ['kembalikan', 'tolak'] },
              { key: 'later', number: 2, words: ['nanti', 'nanti saja', 'tidak'] },
            ],
          },
        },
        result: 'decision',
        routes: { return: 'recap_review.reason', later: 'recap_review.later' },
      },
      'recap_review.later': { kind: 'end', text: 'Baik. Laporan ini tetap menunggu. Ketik MENU untuk kembali.' },
      'recap_review.verify': {
        kind: 'action',
        run: ({ results }) => ({
          category: 'done',
          events: [{ type: 'recap_reviewed', recapId: Number(results.recap_id?.value), version: Number(results.version?.value), decision: 'verified', reason: null }],
        }),
        routes: { done: 'recap_review.end' },
      },
      'recap_review.reason': {
        kind: 'ask',
        prompt: 'Tulis alasan pengembalian (singkat), misalnya: "PUS tidak sama dengan register RT 3".',
        validate: { name: 'text', args: { minLength: 5, maxLength: 300 } },
        result: 'reason',
        routes: { ok: 'recap_review.return' },
      },
      'recap_review.return': {
        kind: 'action',
        run: ({ results }) => ({
          category: 'done',
          events: [{ type: 'recap_reviewed', recapId: Number(results.recap_id?.value), version: Number(results.version?.value), decision: 'returned', reason: String(results.reason?.value) }],
        }),
        routes: { done: 'recap_review.end' },
      },
      'recap_review.end': { kind: 'end' },
    },
    menu: { audience: ['pkb', 'koordinator', 'dinas'], label: 'Periksa laporan desa', words: ['periksa', 'verifikasi'], order: 20 },
  };
}
