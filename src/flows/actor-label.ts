// How the bot names a person and their area in greetings ("PPKBD Desa Bontomanai, Kec. Bungaya").
import type { AreaDirectory } from '../areas/directory.js';
import type { Role } from '../domain/roles.js';
import type { Actor } from './engine/types.js';

export const ROLE_TITLES: Readonly<Record<Role, string>> = {
  ppkbd: 'PPKBD',
  sub_ppkbd: 'Sub-PPKBD',
  pkb: 'PKB',
  koordinator: 'Koordinator PKB',
  dinas: 'petugas DPPKB',
  admin: 'admin IMP Smart',
};

/** "Desa A dan Kelurahan B (Kec. X)" for a pkb's binaan, grouped by kecamatan; a whole kecamatan is named as such. */
export function describeBinaan(desaCodes: readonly string[], areas: AreaDirectory): string {
  const byKecamatan = new Map<string, string[]>();
  for (const code of desaCodes) {
    const kec = areas.kecamatanOf(code);
    if (!kec) continue;
    byKecamatan.set(kec.code, [...(byKecamatan.get(kec.code) ?? []), code]);
  }
  const parts = [...byKecamatan.entries()].map(([kecCode, codes]) => {
    const kec = areas.get(kecCode)!;
    if (codes.length === areas.desaOf(kecCode).length && codes.length > 1) {
      return `semua desa/kelurahan di Kec. ${kec.name} (${codes.length})`;
    }
    const names = codes.map((c) => {
      const a = areas.get(c)!;
      return `${a.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${a.name}`;
    });
    return `${joinIndonesian(names)} (Kec. ${kec.name})`;
  });
  return parts.length > 0 ? joinIndonesian(parts) : 'belum diatur';
}

/** "PPKBD Desa Bontomanai, Kec. Bungaya" and the like: the person's role and area in one phrase. */
export function describeActorRole(actor: Extract<Actor, { kind: 'person' }>, areas: AreaDirectory): string {
  const title = ROLE_TITLES[actor.role];
  switch (actor.role) {
    case 'ppkbd':
      return `${title} ${areas.label(actor.homeAreaCode)}`;
    case 'sub_ppkbd':
      return `${title}${actor.unitName ? ` ${actor.unitName},` : ''} ${areas.label(actor.homeAreaCode)}`;
    case 'pkb':
      return `${title}, wilayah binaan: ${describeBinaan(actor.desaCodes, areas)}`;
    case 'koordinator':
      return `${title} ${areas.label(actor.homeAreaCode)}`;
    case 'dinas':
    case 'admin':
      return `${title} Kabupaten Gowa`;
  }
}

export function joinIndonesian(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} dan ${items.at(-1)}`;
}
