// "Profil saya": what the registry knows about the person, so they can spot a wrong desa or role.
import { describeBinaan, ROLE_TITLES } from './actor-label.js';
import type { FlowDefinition, Scope } from './engine/types.js';

function profileText({ actor, areas }: Scope): string {
  if (actor.kind !== 'person') return 'Nomor ini belum terdaftar sebagai kader atau petugas.';
  const lines = ['*Profil Anda di IMP Smart*', `• Nama: ${actor.name}`, `• Peran: ${ROLE_TITLES[actor.role]}`];
  if (actor.role === 'pkb') lines.push(`• Wilayah binaan: ${describeBinaan(actor.desaCodes, areas)}`);
  else lines.push(`• Wilayah: ${areas.label(actor.homeAreaCode)}`);
  if (actor.unitName) lines.push(`• Dusun/RW: ${actor.unitName}`);
  lines.push('', 'Jika ada yang salah, hubungi PKB Anda atau admin DPPKB: hanya mereka yang bisa mengubah data ini.');
  lines.push('Ketik MENU untuk kembali.');
  return lines.join('\n');
}

export const profileFlow = {
  id: 'profile',
  version: 1,
  start: 'profile.show',
  nodes: {
    'profile.show': { kind: 'end', text: profileText },
  },
  menu: {
    audience: ['ppkbd', 'sub_ppkbd', 'pkb', 'koordinator', 'dinas', 'admin'],
    label: 'Profil saya',
    words: ['profil', 'profil saya'],
    order: 80,
  },
} satisfies FlowDefinition;
