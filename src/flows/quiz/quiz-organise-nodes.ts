// The organiser's side of the quiz flow (PKB, koordinator, Dinas, admin): open a workshop's pre-test (KUIS BUKA
// <nama>, choosing the bank when there are several), open its post-test (the same name again, KUIS POST <kode>, or
// from the menu), close a test (KUIS TUTUP <kode>) and read the results (KUIS HASIL <kode atau nama>). What a code or
// name means is known only in the database, so every path ends handing { action, … } to the host, which answers.
import { cleanWorkshopName, isQuizOrganiser, WORKSHOP_NAME_MAX, WORKSHOP_NAME_MIN } from '../../domain/quiz/quiz-rules.js';
import { choices, listText, type LabelledOption } from '../cases/case-options.js';
import { say } from '../engine/engine.js';
import type { FlowNode, Scope } from '../engine/types.js';
import type { ChoiceArgs } from '../engine/validators.js';
import { readQuizCommand } from './quiz-commands.js';
import { quizFacts, type WorkshopChoice } from './quiz-facts.js';
import { NOT_ORGANISER } from './quiz-texts.js';
import { id } from './quiz-take-nodes.js';

export type QuizAction = 'open' | 'post' | 'close' | 'report';

const value = (scope: Scope, name: string) => scope.results[name]?.value;

const MENU_OPTIONS: LabelledOption[] = [
  { key: 'open', label: 'Buka pre-test untuk pelatihan baru', words: ['buka', 'pre-test', 'pretest', 'baru'] },
  { key: 'post', label: 'Buka post-test pelatihan', words: ['post-test', 'posttest', 'post'] },
  { key: 'report', label: 'Lihat hasil kuis', words: ['hasil', 'lihat hasil'] },
  { key: 'close', label: 'Tutup kuis', words: ['tutup'] },
];

const ASK_NAME = `Tulis nama pelatihannya (${WORKSHOP_NAME_MIN} sampai ${WORKSHOP_NAME_MAX} huruf), misalnya: Pelatihan Kader Pallangga Oktober.`;

const workshops = (scope: Scope): readonly WorkshopChoice[] => quizFacts(scope)?.workshops ?? [];
const needPost = (scope: Scope) => workshops(scope).filter((w) => w.pre !== null && w.post === null);
const openTests = (scope: Scope) =>
  workshops(scope).flatMap((w) => [w.pre, w.post].filter((t) => t !== null && t.state === 'open').map((t) => ({ workshop: w.name, test: t! })));

const workshopOptions = (list: readonly WorkshopChoice[]): LabelledOption[] =>
  list.map((w) => ({ key: String(w.id), label: `${w.name}${w.pre ? ` (${w.pre.code}${w.post ? `, ${w.post.code}` : ''})` : ''}`, words: [w.name] }));
const testOptions = (scope: Scope): LabelledOption[] =>
  openTests(scope).map(({ workshop, test }) => ({ key: String(test.id), label: `${test.code}: ${workshop}`, words: [test.code] }));
const bankOptions = (scope: Scope): LabelledOption[] => (quizFacts(scope)?.banks ?? []).map((b) => ({ key: b.id, label: `${b.title} (${b.questions} soal)`, words: [b.id] }));

const onlyOrganisers = (scope: Scope) => scope.actor.kind === 'person' && isQuizOrganiser(scope.actor.role);

/** A list to pick from, or a plain answer when it is empty. */
function pickNode(prompt: string, options: (scope: Scope) => LabelledOption[], result: string, next: string): FlowNode {
  return {
    kind: 'ask',
    prompt: (scope) => `${prompt}\n${listText(options(scope))}`,
    brief: (scope) => `${prompt}\n${listText(options(scope))}`,
    validate: { name: 'pick', args: (scope: Scope): ChoiceArgs => ({ options: choices(options(scope)) }) },
    result,
    routes: { ok: next },
  };
}

function listOrEmpty(options: (scope: Scope) => LabelledOption[], empty: string, next: string): FlowNode {
  return {
    kind: 'action',
    run: (scope) => (options(scope).length > 0 ? { category: 'pick' } : { category: 'empty', events: [say(empty)] }),
    routes: { pick: next, empty: id('end') },
  };
}

/** An organiser's command typed in full: its argument for the host. */
function command(action: Exclude<QuizAction, 'open'>): FlowNode {
  return {
    kind: 'action',
    run: (scope) => {
      if (!onlyOrganisers(scope)) return { category: 'no', events: [say(NOT_ORGANISER)] };
      const c = readQuizCommand(String(value(scope, 'trigger') ?? ''));
      const key = c && c.kind !== 'join' && c.kind !== 'open' ? c.key : '';
      return { category: 'done', results: { action, key } };
    },
    routes: { done: id('done'), no: id('end') },
  };
}

const set = (action: QuizAction): FlowNode => ({ kind: 'action', run: () => ({ category: 'done', results: { action } }), routes: { done: id('done') } });

export const ORGANISE_NODES: Record<string, FlowNode> = {
  [id('menu')]: {
    kind: 'ask',
    prompt: `*Kuis pelatihan*\n${listText(MENU_OPTIONS)}\n\nPerintah cepat: KUIS BUKA <nama pelatihan>, KUIS POST <kode>, KUIS HASIL <kode>, KUIS TUTUP <kode>.`,
    brief: 'Balas angka 1 sampai 4.',
    validate: { name: 'choice', args: { options: choices(MENU_OPTIONS) } },
    result: 'choice',
    routes: { open: id('ask_name'), post: id('post_list'), report: id('report_list'), close: id('close_list') },
  },
  [id('open_cmd')]: {
    kind: 'action',
    run: (scope) => {
      if (!onlyOrganisers(scope)) return { category: 'no', events: [say(NOT_ORGANISER)] };
      const c = readQuizCommand(String(value(scope, 'trigger') ?? ''));
      const name = c?.kind === 'open' ? cleanWorkshopName(c.name) : '';
      return name.length >= WORKSHOP_NAME_MIN && name.length <= WORKSHOP_NAME_MAX ? { category: 'named', results: { name } } : { category: 'ask' };
    },
    routes: { named: id('named'), ask: id('ask_name'), no: id('end') },
  },
  [id('ask_name')]: {
    kind: 'ask',
    prompt: `*Buka kuis pelatihan*\n${ASK_NAME}\nMembuka nama yang sama lagi akan membuka post-test-nya.`,
    brief: ASK_NAME,
    validate: { name: 'text', args: { minLength: WORKSHOP_NAME_MIN, maxLength: WORKSHOP_NAME_MAX } },
    result: 'name',
    routes: { ok: id('named') },
  },
  [id('named')]: {
    kind: 'action',
    run: (scope) => {
      const name = cleanWorkshopName(String(value(scope, 'name') ?? ''));
      // Only punctuation typed ("...") leaves too little of a name.
      if (name.length < WORKSHOP_NAME_MIN) return { category: 'again', events: [say('Nama pelatihannya terlalu pendek.')] };
      const facts = quizFacts(scope);
      // A known name opens its post-test, which asks the same questions: no bank to choose.
      if (facts?.knownWorkshop(name)) return { category: 'done', results: { name, action: 'open', bank: null } };
      const banks = facts?.banks ?? [];
      if (banks.length === 0) return { category: 'none', events: [say('Belum ada bank soal kuis. Minta operator menambahkannya (lihat panduan operator).')] };
      if (banks.length === 1) return { category: 'done', results: { name, action: 'open', bank: banks[0]!.id } };
      return { category: 'bank', results: { name } };
    },
    routes: { done: id('done'), bank: id('ask_bank'), none: id('end'), again: id('ask_name') },
  },
  [id('ask_bank')]: pickNode('Pilih bank soalnya:', bankOptions, 'bank', id('open_set')),
  [id('open_set')]: set('open'),
  [id('post_list')]: listOrEmpty(
    (s) => workshopOptions(needPost(s)),
    'Belum ada pelatihan yang pre-test-nya bisa dilanjutkan dengan post-test. Buka pre-test dulu: KUIS BUKA <nama pelatihan>.',
    id('ask_post'),
  ),
  [id('ask_post')]: pickNode('Buka post-test untuk pelatihan mana?', (s) => workshopOptions(needPost(s)), 'workshop', id('post_set')),
  [id('post_set')]: set('post'),
  [id('report_list')]: listOrEmpty((s) => workshopOptions(workshops(s)), 'Belum ada kuis pelatihan di wilayah Anda. Buka dengan KUIS BUKA <nama pelatihan>.', id('ask_report')),
  [id('ask_report')]: pickNode('Hasil kuis pelatihan mana?', (s) => workshopOptions(workshops(s)), 'workshop', id('report_set')),
  [id('report_set')]: set('report'),
  [id('close_list')]: listOrEmpty(testOptions, 'Tidak ada kuis yang sedang dibuka di wilayah Anda.', id('ask_close')),
  [id('ask_close')]: pickNode('Tutup kuis yang mana?', testOptions, 'quiz', id('close_set')),
  [id('close_set')]: set('close'),
  [id('post_cmd')]: command('post'),
  [id('close_cmd')]: command('close'),
  [id('report_cmd')]: command('report'),
  [id('done')]: { kind: 'end', complete: true },
};
