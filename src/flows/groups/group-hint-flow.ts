// DAFTAR GRUP / HAPUS GRUP written to the bot in a private chat: they only mean something inside the group, so the
// sender is told where to write them instead of getting the menu.
import type { FlowDefinition } from '../engine/types.js';
import { isGroupRegistrationCommand } from './group-commands.js';
import { kecamatanScope, managesGroups } from './group-registration.js';

export const groupHintFlow = {
  id: 'group_hint',
  version: 1,
  start: 'group_hint.show',
  nodes: {
    'group_hint.show': {
      kind: 'end',
      text: ({ actor, areas }) => {
        if (!managesGroups(actor)) return 'Pendaftaran grup WhatsApp hanya untuk PKB, koordinator, dan petugas Dinas. Ketik MENU untuk melihat menu.';
        const scope = kecamatanScope(actor, areas);
        const own = scope === 'all' ? undefined : [...scope].sort()[0];
        const example = own ? `DAFTAR GRUP PKB ${areas.get(own)?.name ?? ''}` : 'DAFTAR GRUP PKB Bontomarannu atau DAFTAR GRUP DINAS';
        return (
          'Perintah ini dikirim di dalam grup WhatsApp yang ingin didaftarkan, setelah nomor IMP Smart menjadi anggota grup itu. ' +
          `Contoh: ${example}. Untuk berhenti: HAPUS GRUP di grup itu.`
        );
      },
    },
  },
  // No menu: the entry is for every sender (registered or not), and only outside other flows.
  entries: [{ matches: isGroupRegistrationCommand, node: 'group_hint.show', others: true }],
} satisfies FlowDefinition;
