// The PKB, the koordinator and the Dinas work cases from WhatsApp: `KASUS` lists the open cases they may work (the
// PKB's binaan, the koordinator's kecamatan, the whole kabupaten for the Dinas) oldest first with their age;
// `KASUS <kode>` (also inside another flow) shows one with the actions its status allows. Reasons and referral places
// are chosen from lists; a note under "lainnya" is screened for personal data. The host checks area and lifecycle again.
import { availableActions, canReassign, type CaseAction } from '../../domain/cases/lifecycle.js';
import { formatDay, isoOf } from '../../domain/cases/service-date.js';
import { toWita } from '../../time/wita.js';
import { say } from '../engine/engine.js';
import type { Actor, CaseActed, FlowDefinition, FlowNode, Scope } from '../engine/types.js';
import {
  choices,
  DECLINE_CHOICES,
  DECLINE_OPTIONS,
  FACILITY_CHOICES,
  FACILITY_OPTIONS,
  INVALID_CHOICES,
  INVALID_OPTIONS,
  labelOf,
  labelWithNote,
  listText,
  METHOD_CHOICES,
  METHOD_OPTIONS,
  REASON_OPTIONS,
  WANT_OPTIONS,
  WORK_STATUS_LABELS,
  type LabelledOption,
} from './case-options.js';
import { codeIn } from './case-status-flow.js';
import { FACILITY_NOTE_ARGS, type SafeTextArgs, type ServiceDateArgs } from './case-validators.js';
import type { ChoiceOption } from '../parse/index.js';
import type { ChoiceArgs } from '../engine/validators.js';

export interface WorkCase {
  code: string;
  desaCode: string;
  place: string | null;
  status: string;
  ageDays: number;
  /** The report's WITA date (YYYY-MM-DD): no service date before it. */
  reportedOn: string;
  want: string;
  methodWanted: string;
  reasons: readonly string[];
  consentToContact: boolean;
  referredTo: string | null;
  assigneeId: number | null;
  /** "Andi Baso (PKB)", for a koordinator or the Dinas looking at someone else's case. */
  assigneeLabel: string | null;
}

/** A PKB a case may be handed to: active, working in these kecamatan. */
export interface PkbChoice {
  id: number;
  name: string;
  kecamatanCodes: readonly string[];
}

export const CASE_WORK_FACTS = 'case_work';
export const CASE_PKBS_FACTS = 'case_pkbs';

/** At most this many cases in the KASUS list: a message must stay readable on a small phone. */
const LIST_LIMIT = 10;

function workCases(scope: Scope): readonly WorkCase[] {
  return (scope.facts[CASE_WORK_FACTS] as readonly WorkCase[] | undefined) ?? [];
}

function current(scope: Scope): WorkCase | undefined {
  return workCases(scope).find((c) => c.code === scope.results.code?.value);
}

const roleOf = (actor: Actor) => (actor.kind === 'person' ? actor.role : 'resident');

const ACTION_LABELS: Readonly<Record<CaseAction | 'reassign', string>> = {
  follow_up: 'Sudah dihubungi / diberi KIE',
  serve: 'Sudah dilayani (ber-KB)',
  decline: 'Pasangan menolak ber-KB',
  refer: 'Dirujuk ke fasilitas kesehatan',
  invalid: 'Tidak valid, tutup kasus',
  lost: 'Tidak terlacak setelah dirujuk',
  reassign: 'Alihkan ke PKB lain',
};

const ACTION_WORDS: Readonly<Record<CaseAction | 'reassign', readonly string[]>> = {
  follow_up: ['hubungi', 'dihubungi', 'sudah dihubungi', 'kie', 'tindak lanjut'],
  serve: ['dilayani', 'layani', 'sudah dilayani', 'ber-kb', 'sudah ber-kb'],
  decline: ['menolak', 'tolak', 'pasangan menolak'],
  refer: ['rujuk', 'dirujuk'],
  invalid: ['tidak valid', 'invalid', 'tutup', 'tutup kasus'],
  lost: ['tidak terlacak', 'hilang'],
  reassign: ['alihkan', 'pindahkan', 'alihkan ke pkb lain'],
};

/** Other PKB of the case's kecamatan, for the koordinator and the Dinas. */
function reassignTargets(scope: Scope): LabelledOption[] {
  const c = current(scope);
  if (!c) return [];
  const kecamatan = scope.areas.kecamatanOf(c.desaCode)?.code ?? '';
  const pkbs = (scope.facts[CASE_PKBS_FACTS] as readonly PkbChoice[] | undefined) ?? [];
  return pkbs.filter((p) => p.kecamatanCodes.includes(kecamatan) && p.id !== c.assigneeId).map((p) => ({ key: String(p.id), label: p.name, words: [p.name] }));
}

/** Only what the case can take now, for this person (domain lifecycle), plus handing it on where allowed. */
function actionOptions(scope: Scope): LabelledOption[] {
  const c = current(scope);
  if (!c) return [];
  const role = roleOf(scope.actor);
  const actions: (CaseAction | 'reassign')[] = availableActions(c.status, role);
  if (canReassign(c.status, role) && reassignTargets(scope).length > 0) actions.push('reassign');
  return actions.map((a) => ({ key: a, label: ACTION_LABELS[a], words: ACTION_WORDS[a] }));
}

function describe(scope: Scope, c: WorkCase): string {
  const mine = scope.actor.kind === 'person' && c.assigneeId === scope.actor.personId;
  return [
    `*${c.code}* — ${scope.areas.label(c.desaCode)}${c.place ? `, ${c.place}` : ''}`,
    `Status: ${WORK_STATUS_LABELS[c.status] ?? c.status}${c.referredTo ? ` (${c.referredTo})` : ''} • ${c.ageDays} hari`,
    `Keinginan: ${labelOf(WANT_OPTIONS, c.want)} • cara: ${labelOf(METHOD_OPTIONS, c.methodWanted)}`,
    `Alasan: ${c.reasons.map((r) => labelOf(REASON_OPTIONS, r)).join(', ')}`,
    `Setuju dihubungi: ${c.consentToContact ? 'ya' : 'tidak'}`,
    ...(!mine ? [`Petugas: ${c.assigneeLabel ?? 'belum ada'}`] : []),
  ].join('\n');
}

function acted(scope: Scope, action: CaseActed['action'], fields: Partial<Pick<CaseActed, 'note' | 'method' | 'date' | 'assignTo'>> = {}) {
  const event: CaseActed = {
    type: 'case_acted',
    code: String(scope.results.code?.value),
    action,
    note: fields.note ?? null,
    method: fields.method ?? null,
    date: fields.date ?? null,
    ...(fields.assignTo !== undefined ? { assignTo: fields.assignTo } : {}),
  };
  return { category: 'done', events: [event] };
}

const value = (scope: Scope, name: string) => scope.results[name]?.value as string | undefined;

const NOTE_ARGS = (expected: string): SafeTextArgs => ({ maxLength: 100, expected });

/** How a note typed with a case action is screened (WhatsApp asks for it under "lainnya"; the API takes it as `note`). */
export const CASE_NOTE_ARGS: Readonly<Record<'decline' | 'invalid' | 'refer' | 'other', SafeTextArgs>> = {
  decline: NOTE_ARGS('Tulis alasannya saja, misalnya belum siap.'),
  invalid: NOTE_ARGS('Tulis alasannya saja, misalnya data tidak sesuai register.'),
  refer: FACILITY_NOTE_ARGS,
  other: NOTE_ARGS('Tulis catatannya singkat, tanpa nama atau data pribadi.'),
};

/**
 * Three nodes for an action with a reason from a list: the list; under "lainnya" a short note, screened like all
 * free text; then the action recorded with the reason's label (and the note).
 */
function choiceWithNote(
  action: 'decline' | 'invalid' | 'refer',
  spec: { prompt: string; options: readonly LabelledOption[]; choices: readonly ChoiceOption<string>[]; notePrompt: string; noteArgs: SafeTextArgs },
): Record<string, FlowNode> {
  const ask = `case_work.${action}`;
  const note = `case_work.${action}_note`;
  const record = `case_work.record_${action}`;
  return {
    [ask]: {
      kind: 'ask',
      prompt: spec.prompt,
      validate: { name: 'choice', args: { options: spec.choices } },
      result: 'reason',
      routes: Object.fromEntries(spec.choices.map((o) => [o.key, o.key === 'lainnya' ? note : record])),
    },
    [note]: { kind: 'ask', prompt: spec.notePrompt, validate: { name: 'safe_text', args: spec.noteArgs }, result: 'note', routes: { ok: record } },
    [record]: {
      kind: 'action',
      run: (scope) => acted(scope, action, { note: labelWithNote(spec.options, value(scope, 'reason') ?? 'lainnya', value(scope, 'note')) }),
      routes: { done: 'case_work.end' },
    },
  };
}

function listCases(scope: Scope): string {
  const all = workCases(scope);
  if (all.length === 0) return 'Tidak ada kasus terbuka di wilayah Anda.';
  const me = scope.actor.kind === 'person' ? scope.actor.personId : -1;
  // Cases given to the reader first (a koordinator's or the Dinas' own), each group oldest first.
  const sorted = [...all.filter((c) => c.assigneeId === me), ...all.filter((c) => c.assigneeId !== me)];
  const lines = sorted
    .slice(0, LIST_LIMIT)
    .map((c, i) => `${i + 1}. ${c.code} • ${scope.areas.get(c.desaCode)?.name ?? c.desaCode} • ${c.ageDays} hari • ${WORK_STATUS_LABELS[c.status] ?? c.status}`);
  const more = all.length > LIST_LIMIT ? [`…dan ${all.length - LIST_LIMIT} kasus lainnya.`] : [];
  return [`*Kasus terbuka* (${all.length}, yang terlama di atas)`, ...lines, ...more, '', `Ketik KASUS dan kodenya untuk menindaklanjuti, misalnya KASUS ${sorted[0]!.code}`].join('\n');
}

export const caseWorkFlow = {
  id: 'case_work',
  version: 3,
  start: 'case_work.list',
  nodes: {
    'case_work.list': { kind: 'end', text: listCases },
    'case_work.open': {
      kind: 'action',
      run: (scope) => {
        const code = codeIn(String(scope.results.trigger?.value ?? ''));
        if (!code) return { category: 'list' };
        // Only cases the person may work are in the facts: others are "not found", not "forbidden".
        const found = workCases(scope).find((c) => c.code === code);
        if (!found) return { category: 'missing', events: [say(`Kasus ${code} tidak ditemukan di antara kasus terbuka wilayah Anda. Ketik KASUS untuk daftarnya.`)] };
        // Opening a case is a view of its details: the host writes it to the audit log.
        return { category: 'ok', results: { code }, events: [{ type: 'case_viewed', code }] };
      },
      routes: { list: 'case_work.list', missing: 'case_work.end', ok: 'case_work.check' },
    },
    'case_work.check': {
      kind: 'action',
      run: (scope) => {
        if (actionOptions(scope).length > 0) return { category: 'ok' };
        const c = current(scope)!;
        return { category: 'none', events: [say(`${describe(scope, c)}\n\nTidak ada tindakan yang bisa Anda catat untuk kasus ini sekarang.`)] };
      },
      routes: { ok: 'case_work.action', none: 'case_work.end' },
    },
    'case_work.action': {
      kind: 'ask',
      prompt: (scope) => {
        const c = current(scope);
        return c ? `${describe(scope, c)}\n\nCatat tindakan:\n${listText(actionOptions(scope))}` : 'Kasus ini sudah tidak terbuka. Ketik KASUS untuk daftar terbaru.';
      },
      validate: { name: 'pick', args: (scope: Scope): ChoiceArgs => ({ options: choices(actionOptions(scope)) }) },
      result: 'action',
      routes: { ok: 'case_work.route' },
    },
    'case_work.route': {
      kind: 'action',
      run: (scope) => ({ category: value(scope, 'action') ?? 'follow_up' }),
      routes: {
        follow_up: 'case_work.follow_up',
        serve: 'case_work.method',
        decline: 'case_work.decline',
        refer: 'case_work.refer',
        invalid: 'case_work.invalid',
        lost: 'case_work.lost',
        reassign: 'case_work.reassign',
      },
    },
    'case_work.follow_up': { kind: 'action', run: (scope) => acted(scope, 'follow_up'), routes: { done: 'case_work.end' } },
    'case_work.lost': { kind: 'action', run: (scope) => acted(scope, 'lost'), routes: { done: 'case_work.end' } },
    'case_work.method': {
      kind: 'ask',
      prompt: `Dilayani dengan cara apa?\n${listText(METHOD_OPTIONS.filter((m) => m.key !== 'belum_tahu'))}`,
      validate: { name: 'choice', args: { options: METHOD_CHOICES.filter((m) => m.key !== 'belum_tahu') } },
      result: 'method',
      routes: Object.fromEntries(METHOD_CHOICES.filter((m) => m.key !== 'belum_tahu').map((m) => [m.key, 'case_work.date'])),
    },
    'case_work.date': {
      kind: 'ask',
      prompt: (scope) => `Tanggal pelayanan? Balas HARI INI, KEMARIN, atau tanggalnya, misalnya ${formatDay(isoOf(toWita(scope.now)))}.`,
      validate: { name: 'service_date', args: { reportedOn: (scope) => current(scope)?.reportedOn ?? null } satisfies ServiceDateArgs },
      result: 'date',
      routes: { ok: 'case_work.serve' },
    },
    'case_work.serve': {
      kind: 'action',
      run: (scope) => acted(scope, 'serve', { method: value(scope, 'method') ?? null, date: value(scope, 'date') ?? null }),
      routes: { done: 'case_work.end' },
    },
    ...choiceWithNote('decline', {
      prompt: `Alasan pasangan menolak?\n${listText(DECLINE_OPTIONS)}`,
      options: DECLINE_OPTIONS,
      choices: DECLINE_CHOICES,
      notePrompt: 'Tulis alasannya singkat, tanpa nama atau data pribadi. Misalnya: belum siap.',
      noteArgs: CASE_NOTE_ARGS.decline,
    }),
    ...choiceWithNote('invalid', {
      prompt: `Mengapa tidak valid?\n${listText(INVALID_OPTIONS)}`,
      options: INVALID_OPTIONS,
      choices: INVALID_CHOICES,
      notePrompt: 'Tulis alasannya singkat, tanpa nama atau data pribadi. Misalnya: data tidak sesuai register.',
      noteArgs: CASE_NOTE_ARGS.invalid,
    }),
    ...choiceWithNote('refer', {
      prompt: `Dirujuk ke mana?\n${listText(FACILITY_OPTIONS)}`,
      options: FACILITY_OPTIONS,
      choices: FACILITY_CHOICES,
      notePrompt: 'Tempat apa? Tulis jenisnya singkat, misalnya apotek. Jangan tulis nama orang.',
      noteArgs: CASE_NOTE_ARGS.refer,
    }),
    'case_work.reassign': {
      kind: 'ask',
      prompt: (scope) => `Alihkan ke PKB mana?\n${listText(reassignTargets(scope))}`,
      validate: { name: 'pick', args: (scope: Scope): ChoiceArgs => ({ options: choices(reassignTargets(scope)) }) },
      result: 'assign_to',
      routes: { ok: 'case_work.record_reassign' },
    },
    'case_work.record_reassign': {
      kind: 'action',
      run: (scope) => acted(scope, 'reassign', { assignTo: Number(value(scope, 'assign_to')) }),
      routes: { done: 'case_work.end' },
    },
    'case_work.end': { kind: 'end' },
  },
  entries: [
    // With a code it works inside any flow, like MENU; "KASUS" alone lists, outside flows.
    { matches: (text: string) => /^kasus\b/i.test(text.trim()) && codeIn(text) !== null, node: 'case_work.open', global: true },
    { matches: (text: string) => /^kasus\b/i.test(text.trim()), node: 'case_work.open' },
  ],
  menu: { audience: ['pkb', 'koordinator', 'dinas', 'admin'], label: 'Kasus belum terlayani', words: ['kasus'], order: 30 },
} satisfies FlowDefinition;
