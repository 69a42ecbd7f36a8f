// Where a person may record a meeting (pure): a cadre her own desa, a PKB the binaan desa or the kecamatan level, a
// koordinator the kecamatan's desa or its level, the Dinas (and admin) the kabupaten level or any kecamatan's level.
// The host checks again at KIRIM.
import type { AreaDirectory } from '../../areas/directory.js';
import type { MeetingLevel } from '../../domain/meetings/meeting-model.js';
import type { Actor } from '../engine/types.js';
import type { LabelledOption } from '../cases/case-options.js';

export interface MeetingArea {
  level: MeetingLevel;
  areaCode: string;
}

/** "desa:73.06.06.2003", "kecamatan:73.06.06", "kabupaten:73.06": an option key, stored as the answer. */
export function areaKey(area: MeetingArea): string {
  return `${area.level}:${area.areaCode}`;
}

export function parseAreaKey(key: string): MeetingArea {
  const [level, areaCode] = key.split(':') as [MeetingLevel, string];
  return { level, areaCode };
}

/**
 * The option "Tingkat kecamatan" of someone who may record for any kecamatan (the Dinas): not an area itself, the
 * kecamatan is asked next by name. Never passes `mayRecordAt`.
 */
export const ANY_KECAMATAN = 'kecamatan:*';

/** The Dinas and admin: the kabupaten level or any kecamatan, named rather than listed (18 is too long a list). */
export function namesAnyKecamatan(actor: Actor): boolean {
  return actor.kind === 'person' && (actor.role === 'dinas' || actor.role === 'admin');
}

export function meetingAreasOf(actor: Actor, areas: AreaDirectory): MeetingArea[] {
  if (actor.kind !== 'person') return [];
  switch (actor.role) {
    case 'ppkbd':
    case 'sub_ppkbd':
      return [{ level: 'desa', areaCode: actor.homeAreaCode }];
    case 'pkb': {
      const kecamatan = [...new Set(actor.desaCodes.map((d) => areas.kecamatanOf(d)?.code).filter((c): c is string => c !== undefined))];
      return [...actor.desaCodes.map((d) => ({ level: 'desa' as const, areaCode: d })), ...kecamatan.map((k) => ({ level: 'kecamatan' as const, areaCode: k }))];
    }
    case 'koordinator':
      return [...areas.desaOf(actor.homeAreaCode).map((d) => ({ level: 'desa' as const, areaCode: d.code })), { level: 'kecamatan', areaCode: actor.homeAreaCode }];
    case 'dinas':
    case 'admin':
      return [{ level: 'kabupaten', areaCode: areas.kabupaten().code }, ...areas.kecamatanList().map((k) => ({ level: 'kecamatan' as const, areaCode: k.code }))];
  }
}

export function mayRecordAt(actor: Actor, areas: AreaDirectory, area: MeetingArea): boolean {
  return meetingAreasOf(actor, areas).some((a) => a.level === area.level && a.areaCode === area.areaCode);
}

export function areaLabel(area: MeetingArea, areas: AreaDirectory): string {
  if (area.level === 'desa') {
    const a = areas.get(area.areaCode);
    return `${a?.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${a?.name ?? area.areaCode}`;
  }
  if (area.level === 'kecamatan') return `Tingkat kecamatan (Kec. ${areas.get(area.areaCode)?.name ?? area.areaCode})`;
  return 'Tingkat kabupaten';
}

export function areaOptions(actor: Actor, areas: AreaDirectory): LabelledOption[] {
  if (namesAnyKecamatan(actor)) {
    return [
      { key: areaKey({ level: 'kabupaten', areaCode: areas.kabupaten().code }), label: 'Tingkat kabupaten', words: ['kabupaten', 'tingkat kabupaten'] },
      { key: ANY_KECAMATAN, label: 'Tingkat kecamatan', words: ['kecamatan', 'tingkat kecamatan'] },
    ];
  }
  return meetingAreasOf(actor, areas).map((a) => ({
    key: areaKey(a),
    label: areaLabel(a, areas),
    words: a.level === 'desa' ? [areas.get(a.areaCode)?.name ?? a.areaCode] : a.level === 'kecamatan' ? ['kecamatan', 'tingkat kecamatan'] : ['kabupaten'],
  }));
}
