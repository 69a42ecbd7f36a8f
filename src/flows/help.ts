// "Bantuan": how to use the bot, for everyone.
import { COPY } from './copy.js';
import type { FlowDefinition } from './engine/types.js';

export const helpFlow = {
  id: 'help',
  version: 1,
  start: 'help.show',
  nodes: {
    'help.show': { kind: 'end', text: `${COPY.generalHelp}\n\nKetik MENU untuk kembali.` },
  },
  menu: {
    audience: ['resident', 'ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
    label: 'Bantuan',
    words: ['bantuan', 'petunjuk'],
    order: 90,
  },
} satisfies FlowDefinition;
