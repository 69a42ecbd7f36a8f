// "STATUS <kode>": a resident (or the cadre who reported) sees where their own case stands, and only theirs. It
// works inside any other flow. A resident, who may be a neighbour, hears only that the case is being or has been
// followed up, never the couple's outcome; the cadre who reported sees the status itself.
import { parseCaseCode } from '../../domain/cases/case-model.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import { CASE_STATUS_LABELS } from './case-options.js';

export interface OwnCase {
  code: string;
  status: string;
  desaCode: string;
  /** Who works it now: the role of the assignee (null: nobody yet). */
  handler: 'pkb' | 'koordinator' | 'dinas' | 'admin' | null;
}

export const OWN_CASES_FACTS = 'own_cases';

function ownCases(scope: Scope): readonly OwnCase[] {
  return (scope.facts[OWN_CASES_FACTS] as readonly OwnCase[] | undefined) ?? [];
}

/** The case code in a message ("STATUS un 062003 2026 7" → "UN-062003-2026-0007"), or null. */
export function codeIn(text: string): string | null {
  return parseCaseCode(text)?.code ?? null;
}

const HANDLER_TEXT: Readonly<Record<NonNullable<OwnCase['handler']>, string>> = {
  pkb: 'diteruskan ke Penyuluh KB (PKB)',
  koordinator: 'diteruskan ke Koordinator PKB kecamatan',
  dinas: 'diteruskan ke Dinas PPKB Kabupaten Gowa',
  admin: 'diteruskan ke Dinas PPKB Kabupaten Gowa',
};

/** What the reporter is told: a resident the stage only, a cadre the status. */
function statusText(scope: Scope, c: OwnCase): string {
  const cadre = scope.actor.kind === 'person';
  switch (c.status) {
    case 'reported':
      return 'tercatat, menunggu petugas KB';
    case 'assigned':
      return c.handler ? HANDLER_TEXT[c.handler] : 'tercatat, menunggu petugas KB';
    case 'followed_up':
    case 'referred':
      return cadre ? (CASE_STATUS_LABELS[c.status] ?? c.status) : 'sedang ditindaklanjuti petugas KB';
    default:
      return cadre ? `${CASE_STATUS_LABELS[c.status] ?? c.status} (selesai)` : 'sudah ditindaklanjuti dan ditutup';
  }
}

function listOwn(scope: Scope): string {
  const own = ownCases(scope);
  if (own.length === 0) return 'Belum ada laporan dari nomor ini. Ketik MENU untuk melapor.';
  return ['*Laporan Anda*', ...own.slice(-10).map((c) => `• ${c.code}: ${statusText(scope, c)}`)].join('\n');
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
        return `Laporan ${found.code} (${scope.areas.label(found.desaCode)}): ${statusText(scope, found)}.`;
      },
    },
  },
  entries: [
    // With a code it works inside any flow, like MENU; alone it is the list, outside flows.
    { matches: (text: string) => /^status\b/i.test(text.trim()) && codeIn(text) !== null, node: 'case_status.one', global: true },
    { matches: (text: string) => /^status\b/i.test(text.trim()), node: 'case_status.one' },
  ],
  // Cadres check their case reports in "Cek status laporan" next to their monthly recap (recap-status-flow.ts),
  // which also answers their STATUS <kode>, inside any flow too.
  menu: { audience: ['resident'], label: 'Cek status laporan', words: ['status', 'cek status'], order: 35 },
} satisfies FlowDefinition;
