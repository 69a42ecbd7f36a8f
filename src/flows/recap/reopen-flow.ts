// "Buka kembali periode laporan": a PKB reopens a closed month for one desa of their binaan (e.g. a PPKBD who
// was ill), for a limited time. Recaps sent then are accepted and marked late.
import { COPY } from '../copy.js';
import { say } from '../engine/engine.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import { periodLabel } from './summary.js';

export interface ReopenFacts {
  /** Desa the reviewer may reopen for (their binaan). */
  desa: readonly string[];
  /** Closed periods that may be reopened, newest first. */
  periods: readonly string[];
  /** How long a reopening lasts, in days (for the confirmation text). */
  days: number;
}

export const REOPEN_FACTS = 'recap_reopen';

function facts(scope: Scope): ReopenFacts {
  return (scope.facts[REOPEN_FACTS] as ReopenFacts | undefined) ?? { desa: [], periods: [], days: 0 };
}

const pickedDesa = (scope: Scope) => facts(scope).desa[Number(scope.results.desa_choice?.value) - 1];
const pickedPeriod = (scope: Scope) => facts(scope).periods[Number(scope.results.period_choice?.value) - 1];

export const reopenFlow = {
  id: 'recap_reopen',
  version: 1,
  start: 'recap_reopen.start',
  nodes: {
    'recap_reopen.start': {
      kind: 'action',
      run: (scope) => ({ category: facts(scope).desa.length > 0 && facts(scope).periods.length > 0 ? 'ok' : 'none' }),
      routes: { ok: 'recap_reopen.desa', none: 'recap_reopen.nothing' },
    },
    'recap_reopen.nothing': { kind: 'end', text: 'Tidak ada periode tertutup yang bisa dibuka kembali untuk wilayah Anda.' },
    'recap_reopen.desa': {
      kind: 'ask',
      prompt: (scope) => ['Buka kembali laporan untuk desa mana?', ...facts(scope).desa.map((c, i) => `${i + 1}. ${scope.areas.label(c)}`), '', 'Balas angkanya.'].join('\n'),
      validate: { name: 'number', args: { min: 1, max: 500 } },
      result: 'desa_choice',
      routes: { ok: 'recap_reopen.desa_check' },
    },
    'recap_reopen.desa_check': {
      kind: 'action',
      run: (scope) => (pickedDesa(scope) ? { category: 'ok' } : { category: 'again', events: [say(COPY.notInList)] }),
      routes: { ok: 'recap_reopen.period', again: 'recap_reopen.desa' },
    },
    'recap_reopen.period': {
      kind: 'ask',
      prompt: (scope) => ['Bulan apa?', ...facts(scope).periods.map((p, i) => `${i + 1}. ${periodLabel(p)}`), '', 'Balas angkanya.'].join('\n'),
      validate: { name: 'number', args: { min: 1, max: 12 } },
      result: 'period_choice',
      routes: { ok: 'recap_reopen.period_check' },
    },
    'recap_reopen.period_check': {
      kind: 'action',
      run: (scope) => (pickedPeriod(scope) ? { category: 'ok' } : { category: 'again', events: [say(COPY.notInList)] }),
      routes: { ok: 'recap_reopen.confirm', again: 'recap_reopen.period' },
    },
    'recap_reopen.confirm': {
      kind: 'ask',
      prompt: (scope) => `Buka kembali laporan ${periodLabel(pickedPeriod(scope)!)} untuk ${scope.areas.label(pickedDesa(scope)!)} selama ${facts(scope).days} hari? (YA/TIDAK)`,
      validate: { name: 'yes_no' },
      result: 'confirm',
      routes: { yes: 'recap_reopen.do', no: 'recap_reopen.cancelled' },
    },
    'recap_reopen.do': {
      kind: 'action',
      run: (scope) => ({ category: 'done', events: [{ type: 'recap_period_reopened', desaCode: pickedDesa(scope)!, period: pickedPeriod(scope)! }] }),
      routes: { done: 'recap_reopen.end' },
    },
    'recap_reopen.cancelled': { kind: 'end', text: 'Baik, tidak jadi dibuka. Ketik MENU untuk kembali.' },
    'recap_reopen.end': { kind: 'end' },
  },
  menu: { audience: ['pkb', 'koordinator'], label: 'Buka kembali periode laporan', words: ['buka kembali', 'buka periode'], order: 25 },
} satisfies FlowDefinition;
