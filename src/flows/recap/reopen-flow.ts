// "Buka kembali periode laporan": the reviewer of a desa opens a month again for a limited time (a PPKBD who was
// ill, a mistake found after verification). The window ends at the end of the day it names (23:59 WITA). A verified
// recap is locked, so the reviewer is told it is verified and asked to confirm unlocking it; the PPKBD can then send
// a corrected version, which must be verified again. Recaps first sent in a reopened month are marked late.
import { formatWindowEnd, windowEndAfterDays } from '../../domain/recap/calendar.js';
import { COPY } from '../copy.js';
import { say } from '../engine/engine.js';
import { MAX_MESSAGE_CHARS } from '../engine/limits.js';
import { fitList } from '../fit-text.js';
import type { FlowDefinition, Scope } from '../engine/types.js';
import type { ChoiceArgs } from '../engine/validators.js';
import { periodLabel } from './summary.js';

export interface ReopenPeriodState {
  /** The desa recap's status, or null when none was sent. */
  status: 'submitted' | 'returned' | 'verified' | null;
  version: number | null;
  /** ISO instant until which the month is open for this desa now (calendar or an earlier reopening), or null. */
  openUntil: string | null;
}

export interface ReopenFacts {
  /** Desa the reviewer may reopen for. */
  desa: readonly string[];
  /** Months that may be reopened, newest first: the month open now and the three before it. */
  periods: readonly string[];
  /** How long a reopening lasts, in days after today. */
  days: number;
  /** desa code → period → its state. */
  state: Readonly<Record<string, Readonly<Record<string, ReopenPeriodState>>>>;
}

export const REOPEN_FACTS = 'recap_reopen';

function facts(scope: Scope): ReopenFacts {
  return (scope.facts[REOPEN_FACTS] as ReopenFacts | undefined) ?? { desa: [], periods: [], days: 0, state: {} };
}

// The answers are the chosen option's key (pick): a desa code and a period, checked against the facts again.
const pickedDesa = (scope: Scope) => facts(scope).desa.find((code) => code === scope.results.desa_choice?.value);
const pickedPeriod = (scope: Scope) => facts(scope).periods.find((period) => period === scope.results.period_choice?.value);

/** The desa as numbered choices: by number or by name ("pakatto"). */
function desaOptions(scope: Scope): ChoiceArgs {
  return { options: facts(scope).desa.map((code, i) => ({ key: code, number: i + 1, label: scope.areas.label(code), words: [scope.areas.get(code)?.name ?? code] })) };
}

/** The months as numbered choices: by number or as a month ("nov", "11/2026"). */
function periodOptions(scope: Scope): ChoiceArgs {
  return {
    options: facts(scope).periods.map((period, i) => {
      const [year, month] = period.split('-').map(Number) as [number, number];
      return { key: period, number: i + 1, label: periodLabel(period), words: [], month: { year, month } };
    }),
  };
}

function stateOf(scope: Scope, desa: string, period: string): ReopenPeriodState {
  return facts(scope).state[desa]?.[period] ?? { status: null, version: null, openUntil: null };
}

const STATUS_WORDS: Readonly<Record<NonNullable<ReopenPeriodState['status']>, string>> = {
  submitted: 'menunggu diperiksa',
  returned: 'dikembalikan untuk diperbaiki',
  verified: 'sudah diverifikasi',
};

function periodLine(scope: Scope, desa: string, period: string, n: number): string {
  const st = stateOf(scope, desa, period);
  const status = st.status ? STATUS_WORDS[st.status] : 'belum dikirim';
  const open = st.openUntil ? `, terbuka sampai ${formatWindowEnd(new Date(st.openUntil))}` : '';
  return `${n}. ${periodLabel(period)} — ${status}${open}`;
}

/** "Laporan November 2026 Desa Pakatto, Kec. Bontomarannu". */
const what = (scope: Scope) => `laporan ${periodLabel(pickedPeriod(scope)!)} ${scope.areas.label(pickedDesa(scope)!)}`;
const until = (scope: Scope) => `${formatWindowEnd(windowEndAfterDays(scope.now, facts(scope).days))} pukul 23.59`;

export const reopenFlow = {
  id: 'recap_reopen',
  version: 2,
  start: 'recap_reopen.start',
  nodes: {
    'recap_reopen.start': {
      kind: 'action',
      run: (scope) => ({ category: facts(scope).desa.length > 0 && facts(scope).periods.length > 0 ? 'ok' : 'none' }),
      routes: { ok: 'recap_reopen.desa', none: 'recap_reopen.nothing' },
    },
    'recap_reopen.nothing': { kind: 'end', text: 'Tidak ada periode laporan yang bisa dibuka kembali untuk wilayah Anda.' },
    'recap_reopen.desa': {
      kind: 'ask',
      // A Dinas officer may reopen any of the kabupaten's 167 desa: the list is cut to one message, and the name of
      // a desa left out is still understood (the choice covers them all).
      prompt: (scope) =>
        fitList(
          'Buka kembali laporan untuk desa mana?',
          facts(scope).desa.map((c, i) => `${i + 1}. ${scope.areas.label(c)}`),
          '\nBalas angkanya atau nama desanya.',
          // Room for a line the conversation may put before it ("Kembali ke isian tadi:").
          { limit: MAX_MESSAGE_CHARS - 100, more: (left) => `…dan ${left} desa lain: tulis nama desanya.` },
        ),
      // The list can fill a whole message: a wrong answer repeats this, not the list.
      brief: 'Buka kembali laporan untuk desa mana? Balas angkanya dari daftar tadi, atau nama desanya.',
      validate: { name: 'pick', args: desaOptions },
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
      prompt: (scope) => ['Bulan apa?', ...facts(scope).periods.map((p, i) => periodLine(scope, pickedDesa(scope)!, p, i + 1)), '', 'Balas angkanya atau nama bulannya.'].join('\n'),
      validate: { name: 'pick', args: periodOptions },
      result: 'period_choice',
      routes: { ok: 'recap_reopen.period_check' },
    },
    'recap_reopen.period_check': {
      kind: 'action',
      run: (scope) => {
        const period = pickedPeriod(scope);
        if (!period) return { category: 'again', events: [say(COPY.notInList)] };
        const st = stateOf(scope, pickedDesa(scope)!, period);
        if (st.status === 'verified') return { category: 'verified', results: { unlock_version: st.version } };
        // Already open at least as long as a reopening would make it: nothing to do.
        const end = windowEndAfterDays(scope.now, facts(scope).days);
        if (st.openUntil && Date.parse(st.openUntil) >= end.getTime()) return { category: 'open' };
        return { category: 'closed', results: { unlock_version: null } };
      },
      routes: { again: 'recap_reopen.period', verified: 'recap_reopen.confirm_unlock', open: 'recap_reopen.already_open', closed: 'recap_reopen.confirm' },
    },
    'recap_reopen.already_open': {
      kind: 'end',
      text: (scope) => {
        const st = stateOf(scope, pickedDesa(scope)!, pickedPeriod(scope)!);
        return `${capitalise(what(scope))} masih terbuka sampai ${formatWindowEnd(new Date(st.openUntil!))} pukul 23.59; PPKBD bisa mengirim atau memperbaikinya tanpa dibuka kembali. Ketik MENU untuk kembali.`;
      },
    },
    'recap_reopen.confirm_unlock': {
      kind: 'ask',
      prompt: (scope) => {
        const st = stateOf(scope, pickedDesa(scope)!, pickedPeriod(scope)!);
        return [
          `${capitalise(what(scope))} sudah diverifikasi (versi ${st.version}) dan terkunci.`,
          'Bila dibuka kembali, kuncinya dilepas: PPKBD bisa mengirim perbaikan sebagai versi baru, lalu laporan itu perlu diperiksa dan diverifikasi lagi.',
          `Buka kunci dan buka kembali sampai ${until(scope)}? (YA/TIDAK)`,
        ].join('\n');
      },
      validate: { name: 'yes_no' },
      result: 'confirm',
      routes: { yes: 'recap_reopen.do', no: 'recap_reopen.cancelled' },
    },
    'recap_reopen.confirm': {
      kind: 'ask',
      prompt: (scope) =>
        `Buka kembali laporan ${periodLabel(pickedPeriod(scope)!)} untuk ${scope.areas.label(pickedDesa(scope)!)} selama ${facts(scope).days} hari, sampai ${until(scope)}? (YA/TIDAK)`,
      validate: { name: 'yes_no' },
      result: 'confirm',
      routes: { yes: 'recap_reopen.do', no: 'recap_reopen.cancelled' },
    },
    'recap_reopen.do': {
      kind: 'action',
      run: (scope) => {
        const unlock = scope.results.unlock_version?.value;
        return {
          category: 'done',
          events: [{ type: 'recap_period_reopened', desaCode: pickedDesa(scope)!, period: pickedPeriod(scope)!, unlockVersion: typeof unlock === 'number' ? unlock : null }],
        };
      },
      routes: { done: 'recap_reopen.end' },
    },
    'recap_reopen.cancelled': { kind: 'end', text: 'Baik, tidak jadi dibuka. Ketik MENU untuk kembali.' },
    'recap_reopen.end': { kind: 'end' },
  },
  menu: { audience: ['pkb', 'koordinator', 'dinas'], label: 'Buka kembali periode laporan', words: ['buka kembali', 'buka periode'], order: 25 },
} satisfies FlowDefinition;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
