// "Bantuan": how to use the bot, for everyone.
import { COPY } from './copy.js';
import type { Actor, FlowDefinition } from './engine/types.js';

/** How to use the bot; those who send the monthly recap also learn the one-message way (LAPOR). */
export function generalHelp(actor: Actor): string {
  const cadre = actor.kind === 'person' && (actor.role === 'ppkbd' || actor.role === 'sub_ppkbd');
  const practice = actor.kind === 'person' ? `\n${COPY.practiceTip}` : '';
  return cadre ? `${COPY.generalHelp}\n${COPY.fastEntryTip}${practice}` : `${COPY.generalHelp}${practice}`;
}

export const helpFlow = {
  id: 'help',
  version: 1,
  start: 'help.show',
  nodes: {
    'help.show': { kind: 'end', text: ({ actor }) => `${generalHelp(actor)}\n\nKetik MENU untuk kembali.` },
  },
  menu: {
    audience: ['resident', 'ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
    label: 'Bantuan',
    words: ['bantuan', 'petunjuk'],
    order: 90,
  },
} satisfies FlowDefinition;
