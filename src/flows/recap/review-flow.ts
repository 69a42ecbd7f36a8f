// "Periksa laporan desa": a PKB (or, where no PKB serves the desa, the koordinator) verifies a submitted recap,
// which locks it, or returns it to the PPKBD with a reason. The host lists only desa of the reviewer's binaan and
// checks again when storing.
import { activeGroups, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { COPY } from '../copy.js';
import { say } from '../engine/engine.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import { groupLine, periodLabel, derivedLine } from './summary.js';

export interface PendingReview {
  recapId: number;
  version: number;
  desaCode: string;
  period: string;
  late: boolean;
  reporterName: string;
  values: RecapValues;
}

export const REVIEW_FACTS = 'recap_review';

function pending(scope: Scope): readonly PendingReview[] {
  return (scope.facts[REVIEW_FACTS] as readonly PendingReview[] | undefined) ?? [];
}

function chosen(scope: Scope): PendingReview | undefined {
  return pending(scope).find((p) => p.recapId === scope.results.recap_id?.value);
}

function itemLine(scope: Scope, p: PendingReview, n: number): string {
  return `${n}. ${scope.areas.label(p.desaCode)} — ${periodLabel(p.period)} (versi ${p.version}${p.late ? ', terlambat' : ''})`;
}

export function buildReviewFlow(settings: RecapSettings): FlowDefinition {
  const groups = activeGroups(settings);
  return {
    id: 'recap_review',
    version: 1,
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
        prompt: (scope) => ['*Laporan menunggu diperiksa*', ...pending(scope).map((p, i) => itemLine(scope, p, i + 1)), '', 'Balas nomor laporan.'].join('\n'),
        validate: { name: 'number', args: { min: 1, max: 500 } },
        result: 'pick',
        routes: { ok: 'recap_review.pick_check' },
      },
      'recap_review.pick_check': {
        kind: 'action',
        run: (scope) => {
          const item = pending(scope)[Number(scope.results.pick?.value) - 1];
          if (!item) return { category: 'again', events: [say(COPY.notInList)] };
          return { category: 'ok', results: { recap_id: item.recapId, version: item.version } };
        },
        routes: { again: 'recap_review.pick', ok: 'recap_review.decide' },
      },
      'recap_review.decide': {
        kind: 'ask',
        prompt: (scope) => {
          const item = chosen(scope);
          if (!item) return 'Laporan ini tidak lagi menunggu pemeriksaan. Ketik MENU.';
          const lines = groups.map((g, i) => `${i + 1}. ${groupLine(g, item.values)}`);
          return [
            `*${scope.areas.label(item.desaCode)} — ${periodLabel(item.period)}*`,
            `Dari ${item.reporterName}, versi ${item.version}${item.late ? ' (terlambat)' : ''}`,
            '',
            ...lines,
            '',
            derivedLine(item.values, settings),
            '',
            'Pilih:',
            '1. Verifikasi (laporan dikunci)',
            '2. Kembalikan ke PPKBD untuk diperbaiki',
          ].join('\n');
        },
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
    menu: { audience: ['pkb', 'koordinator'], label: 'Periksa laporan desa', words: ['periksa', 'verifikasi'], order: 20 },
  };
}
