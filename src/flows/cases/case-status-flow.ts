// "STATUS <kode>": a resident (or the cadre who reported) sees where their own case stands, and only theirs.
import { parseCaseCode } from '../../domain/cases/case-model.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import { CASE_STATUS_LABELS } from './case-options.js';

export interface OwnCase {
  code: string;
  status: string;
  desaLabel: string;
}

export const OWN_CASES_FACTS = 'own_cases';

function ownCases(scope: Scope): readonly OwnCase[] {
  return (scope.facts[OWN_CASES_FACTS] as readonly OwnCase[] | undefined) ?? [];
}

/** The case code in a message ("STATUS un 062003 2026 7" → "UN-062003-2026-0007"), or null. */
export function codeIn(text: string): string | null {
  return parseCaseCode(text)?.code ?? null;
}

function listOwn(scope: Scope): string {
  const own = ownCases(scope);
  if (own.length === 0) return 'Belum ada laporan dari nomor ini. Ketik MENU untuk melapor.';
  return ['*Laporan Anda*', ...own.map((c) => `• ${c.code}: ${CASE_STATUS_LABELS[c.status] ?? c.status}`)].join('\n');
}

export const caseStatusFlow = {
  id: 'case_status',
  version: 1,
  start: 'case_status.list',
  nodes: {
    'case_status.list': {
      kind: 'end',
      text: (scope) => listOwn(scope),
    },
    'case_status.one': {
      kind: 'end',
      text: (scope) => {
        const code = codeIn(String(scope.results.trigger?.value ?? ''));
        if (!code) return listOwn(scope);
        const found = ownCases(scope).find((c) => c.code === code);
        // Another person's code gets the same answer as an unknown one: no hint that it exists.
        if (!found) return 'Kode itu tidak ditemukan di antara laporan dari nomor ini. Periksa lagi kodenya, misalnya STATUS UN-062003-2026-0001.';
        return `Laporan ${found.code} (${found.desaLabel}): ${CASE_STATUS_LABELS[found.status] ?? found.status}.`;
      },
    },
  },
  entries: [{ matches: (text: string) => /^status\b/i.test(text.trim()), node: 'case_status.one' }],
  // Cadres check their case reports in "Cek status laporan" next to their monthly recap (recap-status-flow.ts),
  // which also answers their STATUS <kode>.
  menu: { audience: ['resident'], label: 'Cek status laporan', words: ['status', 'cek status'], order: 35 },
} satisfies FlowDefinition;
