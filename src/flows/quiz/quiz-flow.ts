// "Kuis pelatihan" (issue 15 C): workshop pre- and post-tests taken in the chat. Cadres join with KUIS <kode> (a
// global entry: it works inside any open flow, like HADIR) or from the menu; officers open, close and read them.
// Nodes: quiz-take-nodes.ts (the cadre) and quiz-organise-nodes.ts (the organiser); host: bot/features/quiz.ts.
import { isQuizOrganiser, isQuizTaker } from '../../domain/quiz/quiz-rules.js';
import type { FlowDefinition } from '../engine/types.js';
import { isQuizCommand } from './quiz-commands.js';
import { ORGANISE_NODES } from './quiz-organise-nodes.js';
import { id, QUIZ_FLOW, TAKE_NODES } from './quiz-take-nodes.js';
import { NOT_REGISTERED, OFFICER_NOT_TAKER } from './quiz-texts.js';

export { QUIZ_FLOW };

export const quizFlow = {
  id: QUIZ_FLOW,
  version: 1,
  start: id('start'),
  // Answers are stored one by one; leaving keeps the place, and LANJUT (or KUIS <kode>) goes on from it.
  keepsDraft: true,
  help: 'Kuis pelatihan: kader mengerjakan pre-test dan post-test dengan KUIS dan kode dari penyelenggara. PKB, koordinator, atau Dinas membukanya dengan KUIS BUKA <nama pelatihan>.',
  nodes: {
    [id('start')]: {
      kind: 'action',
      run: ({ actor }) => ({ category: actor.kind !== 'person' ? 'other' : isQuizOrganiser(actor.role) ? 'organiser' : isQuizTaker(actor.role) ? 'cadre' : 'other' }),
      routes: { organiser: id('menu'), cadre: id('ask_code'), other: id('not_taker') },
    },
    [id('not_taker')]: { kind: 'end', text: OFFICER_NOT_TAKER },
    [id('not_registered')]: { kind: 'end', text: NOT_REGISTERED },
    ...TAKE_NODES,
    ...ORGANISE_NODES,
  },
  // After the numbers people already know (meetings 95, check-in 96, the Smart Book 97, practice 98).
  menu: {
    audience: ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
    label: 'Kuis pelatihan',
    words: ['kuis', 'kuis pelatihan', 'quiz'],
    order: 99,
  },
  entries: [
    { matches: isQuizCommand('join'), node: id('join_cmd'), global: true },
    { matches: isQuizCommand('join'), node: id('not_registered'), others: true },
    { matches: isQuizCommand('open'), node: id('open_cmd') },
    { matches: isQuizCommand('post'), node: id('post_cmd') },
    { matches: isQuizCommand('close'), node: id('close_cmd') },
    { matches: isQuizCommand('report'), node: id('report_cmd') },
  ],
} satisfies FlowDefinition;
