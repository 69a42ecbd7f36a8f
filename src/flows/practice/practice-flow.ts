// "Latihan": the entry to practice mode. A cadre (or an officer, who rehearses the cadre's side) picks what to
// practise; the flow makes a sheet and ends with practice_requested, which the conversation core turns into a
// practice of the real flow (practice-turn.ts). Trainers (PKB, koordinator, Dinas) also open a round for
// their cadres, see who finished, and close it: those end by handing { action } to the host
// (bot/features/practice.ts), which reads and writes the rounds.
import type { RecapSettings } from '../../domain/recap/fields.js';
import type { Role } from '../../domain/roles.js';
import { choices, listText, type LabelledOption } from '../cases/case-options.js';
import type { Actor, FlowDefinition, FlowNode } from '../engine/types.js';
import type { PracticeKind } from './practice-model.js';
import { isPracticeWord, practiceCommand, type RoundAction } from './practice-words.js';
export type { RoundAction } from './practice-words.js';
import { PRACTICE_FLOW, markText } from './practice-turn.js';

const id = (name: string) => `${PRACTICE_FLOW}.${name}`;

/** Who may open a practice round for the cadres of their area and see who finished. */
export const TRAINER_ROLES: readonly Role[] = ['pkb', 'koordinator', 'dinas', 'admin'];

const isTrainer = (actor: Actor) => actor.kind === 'person' && TRAINER_ROLES.includes(actor.role);

const KINDS: readonly LabelledOption[] = [
  { key: 'guided', label: 'Laporan bulanan (isian bertahap)', words: ['bertahap', 'laporan bulanan', 'laporan'] },
  { key: 'fast', label: 'Laporan bulanan cepat (LAPOR …)', words: ['cepat', 'lapor'] },
  { key: 'case', label: 'Laporan kasus (calon akseptor yang belum terlayani)', words: ['kasus'] },
];

const ROUNDS: readonly LabelledOption[] = [
  { key: 'round_open', label: 'Mulai latihan kelompok untuk kader', words: ['kelompok', 'mulai kelompok'] },
  { key: 'round_results', label: 'Lihat hasil latihan kelompok', words: ['hasil'] },
  { key: 'round_close', label: 'Tutup latihan kelompok', words: ['tutup'] },
];

const INTRO = 'Berlatih dengan desa dan angka karangan, persis seperti laporan sungguhan. Tidak ada yang disimpan atau dikirim ke PKB.';

/** The practice menu, carrying the practice mark like every message of a practice. */
function menuPrompt(options: readonly LabelledOption[], extra: string): string {
  return markText([INTRO, '', listText(options), '', ...(extra ? [extra] : []), 'Balas angkanya.'].join('\n'))[0]!;
}

const asksKind = (kind: PracticeKind) => (text: string) => {
  const command = practiceCommand(text);
  return command !== null && 'kind' in command && command.kind === kind;
};
const asksAction = (action: RoundAction) => (text: string) => {
  const command = practiceCommand(text);
  return command !== null && 'action' in command && command.action === action;
};

/** Asks the conversation core to start the practice (it makes the sheet); the flow ends here. */
function go(kind: PracticeKind, settings: RecapSettings): FlowNode {
  return {
    kind: 'action',
    run: ({ actor }) => {
      if (actor.kind !== 'person') return { category: 'not_allowed' };
      return { category: 'go', events: [{ type: 'practice_requested', kind, unit: actor.role === 'sub_ppkbd' ? 'dusun' : 'desa', settings }] };
    },
    routes: { go: id('end'), not_allowed: id('not_allowed') },
  };
}

function round(action: RoundAction): FlowNode {
  return {
    kind: 'action',
    run: ({ actor }) => (isTrainer(actor) ? { category: 'done', results: { action } } : { category: 'not_trainer' }),
    routes: { done: id('round'), not_trainer: id('not_trainer') },
  };
}

export function buildPracticeFlow(settings: RecapSettings): FlowDefinition {
  const nodes: Record<string, FlowNode> = {
    [id('start')]: {
      kind: 'action',
      run: ({ actor }) => ({ category: actor.kind !== 'person' ? 'not_allowed' : isTrainer(actor) ? 'trainer' : 'cadre' }),
      routes: { cadre: id('choose'), trainer: id('choose_trainer'), not_allowed: id('not_allowed') },
    },
    [id('choose')]: {
      kind: 'ask',
      prompt: menuPrompt(KINDS, ''),
      brief: 'Balas angka 1 sampai 3.',
      validate: { name: 'choice', args: { options: choices(KINDS) } },
      result: 'kind',
      routes: { guided: id('go_guided'), fast: id('go_fast'), case: id('go_case') },
      help: 'Latihan memakai desa dan angka karangan. Semua pesannya bertanda LATIHAN, dan tidak ada yang disimpan sebagai laporan sungguhan.',
    },
    [id('choose_trainer')]: {
      kind: 'ask',
      prompt: menuPrompt([...KINDS, ...ROUNDS], 'Latihan kelompok: kader di wilayah Anda diundang berlatih, lalu Anda bisa melihat siapa yang sudah selesai.'),
      brief: 'Balas angka 1 sampai 6.',
      validate: { name: 'choice', args: { options: choices([...KINDS, ...ROUNDS]) } },
      result: 'kind',
      routes: { guided: id('go_guided'), fast: id('go_fast'), case: id('go_case'), round_open: id('round_open'), round_results: id('round_results'), round_close: id('round_close') },
      help: 'Pilih 1 sampai 3 untuk mencoba sendiri apa yang dilihat kader. Pilih 4 untuk mengundang kader di wilayah Anda berlatih.',
    },
    [id('go_guided')]: go('guided', settings),
    [id('go_fast')]: go('fast', settings),
    [id('go_case')]: go('case', settings),
    [id('round_open')]: round('round_open'),
    [id('round_results')]: round('round_results'),
    [id('round_close')]: round('round_close'),
    [id('round')]: { kind: 'end', complete: true },
    [id('end')]: { kind: 'end' },
    [id('not_allowed')]: {
      kind: 'end',
      text: 'Latihan hanya untuk kader (PPKBD dan Sub-PPKBD) dan petugas KB yang terdaftar di IMP Smart. Ketik MENU untuk melihat menu.',
    },
    [id('not_trainer')]: {
      kind: 'end',
      text: 'Latihan kelompok dibuka oleh Penyuluh KB (PKB). Untuk berlatih sendiri, ketik LATIHAN.',
    },
  };
  return {
    id: PRACTICE_FLOW,
    version: 1,
    start: id('start'),
    nodes,
    help: 'Latihan memakai desa dan angka karangan. Ketik BATAL untuk berhenti; tidak ada yang disimpan.',
    menu: { audience: ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'], label: 'Latihan', words: ['latihan', 'berlatih'], order: 98 },
    entries: [
      // Works inside any flow, like MENU: a cadre in the middle of a real recap may switch to practice (the recap
      // is kept as a draft, as MENU keeps it).
      { matches: isPracticeWord, node: id('start'), global: true },
      ...(['guided', 'fast', 'case'] as const).map((kind) => ({ matches: asksKind(kind), node: id(`go_${kind}`) })),
      ...(['round_open', 'round_results', 'round_close'] as const).map((action) => ({ matches: asksAction(action), node: id(action) })),
      // A resident who writes LATIHAN is told who it is for, not shown the menu.
      { matches: (t) => isPracticeWord(t) || practiceCommand(t) !== null, node: id('not_allowed'), others: true },
    ],
  };
}
