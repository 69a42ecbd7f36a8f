// The world a practice runs in: the person as the cadre of the made-up desa, an area directory that knows
// that desa, and the facts the recap and case flows read, all taken from the sheet. The real flows run unchanged on
// it, so the rules and messages are the real ones; nothing here reads the database (the host loads no facts for a
// practice message). Pure.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Area } from '../../areas/types.js';
import { CASE_UNITS_FACTS } from '../cases/case-validators.js';
import { CASE_FACTS, type CaseFacts } from '../cases/report-case-flow.js';
import type { Actor, FlowEnv } from '../engine/types.js';
import { RECAP_FACTS, type RecapFacts } from '../recap/recap-facts.js';
import { PRACTICE_DESA, PRACTICE_KECAMATAN, PRACTICE_KECAMATAN_NAME, type PracticeSheet, type PracticeState } from './practice-model.js';
import { practiceDesaLabel } from './sheet-text.js';

/**
 * The real directory plus the made-up desa and kecamatan. Only the look-ups the recap and case flows make are
 * answered for them (get, label, kecamatanOf, isDesa/isKecamatan); everything else is the real directory's.
 */
export function practiceAreas(real: AreaDirectory, sheet: PracticeSheet): AreaDirectory {
  const kecamatan: Area = { code: PRACTICE_KECAMATAN, level: 'kecamatan', name: PRACTICE_KECAMATAN_NAME, kind: null, parentCode: null };
  const desa: Area = { code: PRACTICE_DESA, level: 'desa', name: sheet.desaName, kind: 'desa', parentCode: PRACTICE_KECAMATAN };
  const own = new Map([
    [kecamatan.code, kecamatan],
    [desa.code, desa],
  ]);
  const overrides: Partial<Record<keyof AreaDirectory, unknown>> = {
    get: (code: string) => own.get(code) ?? real.get(code),
    label: (code: string) => (code === PRACTICE_DESA ? practiceDesaLabel(sheet) : code === PRACTICE_KECAMATAN ? `Kec. ${PRACTICE_KECAMATAN_NAME}` : real.label(code)),
    kecamatanOf: (code: string) => (own.has(code) ? kecamatan : real.kecamatanOf(code)),
    isDesa: (code: string) => code === PRACTICE_DESA || real.isDesa(code),
    isKecamatan: (code: string) => code === PRACTICE_KECAMATAN || real.isKecamatan(code),
  };
  // A thin layer over the real directory (its prototype), built per message: cheap, and the real one is untouched.
  return Object.create(real, Object.fromEntries(Object.entries(overrides).map(([k, value]) => [k, { value }]))) as AreaDirectory;
}

/** The person as the made-up desa's PPKBD (a Sub-PPKBD as the made-up dusun's): officers rehearse the cadre's side. */
export function practiceActor(actor: Actor, sheet: PracticeSheet): Actor {
  return {
    kind: 'person',
    personId: actor.kind === 'person' ? actor.personId : 0,
    name: actor.kind === 'person' ? actor.name : '',
    role: sheet.unitName === null ? 'ppkbd' : 'sub_ppkbd',
    desaCodes: [PRACTICE_DESA],
    homeAreaCode: PRACTICE_DESA,
    unitName: sheet.unitName,
  };
}

/** The facts the recap and case flows read, from the sheet: one open month, the made-up last month, the dusun. */
export function practiceFacts(sheet: PracticeSheet): Record<string, unknown> {
  const period = sheet.period;
  const recap: RecapFacts = {
    settings: sheet.settings,
    openPeriods: [period],
    existing: {},
    previous: { [period]: sheet.recap?.previous ?? null },
    casesInPeriod: { [period]: 0 },
    dusun: { [period]: { received: [], missing: [] } },
    meetings: {},
  };
  const cases: CaseFacts = { openByReporter: 0 };
  return { [RECAP_FACTS]: recap, [CASE_FACTS]: cases, [CASE_UNITS_FACTS]: { [PRACTICE_DESA]: sheet.dusun } };
}

export function practiceEnv(env: FlowEnv, practice: PracticeState): FlowEnv {
  return { now: env.now, actor: practiceActor(env.actor, practice.sheet), areas: practiceAreas(env.areas, practice.sheet), facts: practiceFacts(practice.sheet) };
}
