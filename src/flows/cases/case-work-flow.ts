// PKB (and koordinator) work their cases from WhatsApp: `KASUS` lists open cases of their area oldest first with
// their age, `KASUS <kode>` shows one with a numbered action menu. The host checks area and lifecycle again.
import { say } from '../engine/engine.js';
import type { CaseActed, FlowDefinition, Scope } from '../engine/types.js';
import { CASE_STATUS_LABELS, labelOf, listText, METHOD_CHOICES, METHOD_OPTIONS, REASON_OPTIONS, WANT_OPTIONS } from './case-options.js';
import { codeIn } from './case-status-flow.js';

export interface WorkCase {
  code: string;
  desaCode: string;
  place: string | null;
  status: string;
  ageDays: number;
  want: string;
  methodWanted: string;
  reasons: readonly string[];
  consentToContact: boolean;
}

export const CASE_WORK_FACTS = 'case_work';

function workCases(scope: Scope): readonly WorkCase[] {
  return (scope.facts[CASE_WORK_FACTS] as readonly WorkCase[] | undefined) ?? [];
}

function current(scope: Scope): WorkCase | undefined {
  return workCases(scope).find((c) => c.code === scope.results.code?.value);
}


const ACTIONS = [
  { key: 'follow_up', label: 'Sudah dihubungi / ditindaklanjuti', words: ['hubungi', 'tindak lanjut'] },
  { key: 'serve', label: 'Sudah dilayani (ber-KB)', words: ['dilayani', 'layani'] },
  { key: 'decline', label: 'Pasangan menolak', words: ['menolak', 'tolak'] },
  { key: 'refer', label: 'Dirujuk', words: ['rujuk', 'dirujuk'] },
  { key: 'invalid', label: 'Tidak valid (ganda, pindah, bukan PUS…)', words: ['tidak valid', 'invalid'] },
] as const;

function describe(scope: Scope, c: WorkCase): string {
  return [
    `*${c.code}* — ${scope.areas.label(c.desaCode)}${c.place ? `, ${c.place}` : ''}`,
    `Status: ${CASE_STATUS_LABELS[c.status] ?? c.status} • ${c.ageDays} hari`,
    `Keinginan: ${labelOf(WANT_OPTIONS, c.want)} • cara: ${labelOf(METHOD_OPTIONS, c.methodWanted)}`,
    `Alasan: ${c.reasons.map((r) => labelOf(REASON_OPTIONS, r)).join(', ')}`,
    `Setuju dihubungi: ${c.consentToContact ? 'ya' : 'tidak'}`,
  ].join('\n');
}

function acted(scope: Scope, action: CaseActed['action'], note: string | null, method: string | null = null, date: string | null = null) {
  const event: CaseActed = { type: 'case_acted', code: String(scope.results.code?.value), action, note, method, date };
  return { category: 'done', events: [event] };
}

export const caseWorkFlow = {
  id: 'case_work',
  version: 1,
  start: 'case_work.list',
  nodes: {
    'case_work.list': {
      kind: 'end',
      text: (scope) => {
        const list = workCases(scope);
        if (list.length === 0) return 'Tidak ada kasus terbuka di wilayah Anda.';
        const lines = list.map((c, i) => `${i + 1}. ${c.code} • ${scope.areas.get(c.desaCode)?.name ?? c.desaCode} • ${c.ageDays} hari • ${CASE_STATUS_LABELS[c.status] ?? c.status}`);
        return ['*Kasus terbuka* (yang terlama di atas)', ...lines, '', 'Ketik KASUS dan kodenya untuk menindaklanjuti, misalnya KASUS ' + list[0]!.code].join('\n');
      },
    },
    'case_work.open': {
      kind: 'action',
      run: (scope) => {
        const code = codeIn(String(scope.results.trigger?.value ?? ''));
        if (!code) return { category: 'list' };
        // Only cases of the reviewer's own area are in the facts: others are "not found", not "forbidden".
        if (!workCases(scope).some((c) => c.code === code)) return { category: 'missing', events: [say(`Kasus ${code} tidak ditemukan di antara kasus terbuka wilayah Anda.`)] };
        return { category: 'ok', results: { code } };
      },
      routes: { list: 'case_work.list', missing: 'case_work.end', ok: 'case_work.action' },
    },
    'case_work.action': {
      kind: 'ask',
      prompt: (scope) => {
        const c = current(scope);
        return c ? `${describe(scope, c)}\n\nCatat tindakan:\n${listText(ACTIONS)}` : 'Kasus ini sudah tidak terbuka. Ketik KASUS untuk daftar terbaru.';
      },
      validate: { name: 'choice', args: { options: ACTIONS.map((a, i) => ({ key: a.key, number: i + 1, words: a.words })) } },
      result: 'action',
      routes: { follow_up: 'case_work.follow_up', serve: 'case_work.method', decline: 'case_work.note', refer: 'case_work.note', invalid: 'case_work.note' },
    },
    'case_work.follow_up': {
      kind: 'action',
      run: (scope) => acted(scope, 'follow_up', null),
      routes: { done: 'case_work.end' },
    },
    'case_work.method': {
      kind: 'ask',
      prompt: `Dilayani dengan cara apa?\n${listText(METHOD_OPTIONS.filter((m) => m.key !== 'belum_tahu'))}`,
      validate: { name: 'choice', args: { options: METHOD_CHOICES.filter((m) => m.key !== 'belum_tahu') } },
      result: 'method',
      routes: Object.fromEntries(METHOD_CHOICES.filter((m) => m.key !== 'belum_tahu').map((m) => [m.key, 'case_work.date'])),
    },
    'case_work.date': {
      kind: 'ask',
      prompt: 'Tanggal pelayanan? Balas HARI INI atau tanggalnya, misalnya 27/11/2026.',
      validate: { name: 'text', args: { minLength: 2, maxLength: 20 } },
      result: 'date',
      routes: { ok: 'case_work.serve' },
    },
    'case_work.serve': {
      kind: 'action',
      run: (scope) => {
        const raw = String(scope.results.date?.value).trim();
        const today = scope.now.toISOString().slice(0, 10);
        const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
        const date = /^hari ini$/i.test(raw) ? today : m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
        if (!date) return { category: 'again', events: [say('Tanggalnya belum terbaca. Balas HARI INI atau misalnya 27/11/2026.')] };
        return acted(scope, 'serve', null, String(scope.results.method?.value), date);
      },
      routes: { done: 'case_work.end', again: 'case_work.date' },
    },
    'case_work.note': {
      kind: 'ask',
      prompt: ({ results }) =>
        results.action?.value === 'refer' ? 'Dirujuk ke mana? (puskesmas/RS/bidan)' : results.action?.value === 'decline' ? 'Alasan menolak (singkat)?' : 'Mengapa tidak valid (singkat)?',
      validate: { name: 'text', args: { minLength: 2, maxLength: 200 } },
      result: 'note',
      routes: { ok: 'case_work.record' },
    },
    'case_work.record': {
      kind: 'action',
      run: (scope) => acted(scope, scope.results.action?.value as 'decline' | 'refer' | 'invalid', String(scope.results.note?.value)),
      routes: { done: 'case_work.end' },
    },
    'case_work.end': { kind: 'end' },
  },
  entries: [{ matches: (text: string) => /^kasus\b/i.test(text.trim()), node: 'case_work.open' }],
  menu: { audience: ['pkb', 'koordinator'], label: 'Kasus belum terlayani', words: ['kasus'], order: 30 },
} satisfies FlowDefinition;
