// Who receives and verifies a desa's recap, and whether the desa recap still agrees with its dusun parts.
// Shared by the submission, review, reopen and status features.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { desaCoveredBy, dusunStatesOf, peopleCovering, type CoveringRole } from '../../db/repos/recaps.repo.js';
import { people } from '../../db/schema.js';
import { allDusunIn, dusunMismatch, type DusunMismatch } from '../../domain/recap/dusun-consistency.js';
import { dusunGroups, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import type { Actor } from '../../flows/engine/types.js';

export interface Reviewers {
  /** The role that verifies this desa's recap, or null when nobody is registered for it. */
  role: CoveringRole | null;
  people: { id: number; phone: string; name: string }[];
}

/**
 * The desa's PKB verifies its recap; where no PKB serves the desa, the koordinator of its kecamatan; where there
 * is neither, the Dinas (every active person with role dinas), so a recap never goes nowhere.
 */
export function reviewersOf(tx: Tx, desaCode: string): Reviewers {
  for (const role of ['pkb', 'koordinator', 'dinas'] as const) {
    const found = peopleCovering(tx, desaCode, [role]);
    if (found.length > 0) return { role, people: found.map(({ id, phone, name }) => ({ id, phone, name })) };
  }
  return { role: null, people: [] };
}

/** The desa whose recaps this person verifies: the same chain as reviewersOf, seen from the reviewer. */
export function reviewableDesa(tx: Tx, actor: Actor): string[] {
  if (actor.kind !== 'person') return [];
  switch (actor.role) {
    case 'pkb':
      return [...actor.desaCodes];
    case 'koordinator': {
      const served = desaCoveredBy(tx, ['pkb']);
      return actor.desaCodes.filter((code) => !served.has(code));
    }
    case 'dinas': {
      const served = desaCoveredBy(tx, ['pkb', 'koordinator']);
      return actor.desaCodes.filter((code) => !served.has(code));
    }
    default:
      return [];
  }
}

/** "Andi Baso (PKB)", "Dinas (Muh. Ridwan, …)": who a recap was passed to, for the cadre's receipt. */
export function reviewersLabel(reviewers: Reviewers): string | null {
  if (reviewers.people.length === 0) return null;
  const names = reviewers.people.map((p) => p.name);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} dan ${names.at(-1)!}`;
  switch (reviewers.role) {
    case 'pkb':
      return `${list} (PKB)`;
    case 'koordinator':
      return `${list} (Koordinator PKB kecamatan)`;
    default:
      return `Dinas PP dan KB (${list})`;
  }
}

/** Who checks the recap, as a cadre calls them. */
export function reviewerTitle(role: CoveringRole | null): string {
  return role === 'koordinator' ? 'Koordinator PKB' : role === 'dinas' ? 'Dinas' : 'PKB';
}

const ppkbdOfDesa = prepared((db) =>
  db
    .select({ id: people.id, phone: people.phone, name: people.name })
    .from(people)
    .where(and(eq(people.role, 'ppkbd'), eq(people.homeAreaCode, sql.placeholder('desa')), eq(people.active, true)))
    .prepare(),
);

export function activePpkbdOf(tx: Tx, desaCode: string) {
  return ppkbdOfDesa(tx).get({ desa: desaCode });
}

export interface PartOverride {
  unitId: number;
  /** Values to judge this part by instead of its stored ones (the part as it was before a new version). */
  values: RecapValues | null;
}

/**
 * Whether the desa recap of a period disagrees with its dusun parts (see dusunMismatch). Every dusun has reported
 * when each registered Sub-PPKBD's dusun has sent a part and there are at least as many parts as the desa recap
 * says Sub-PPKBD exist. `override` judges one part by other values (what it was before its latest version).
 */
export function dusunMismatchOf(tx: Tx, desaCode: string, period: string, settings: RecapSettings, override?: PartOverride): DusunMismatch | null {
  const state = dusunStatesOf(tx, [desaCode], period).get(desaCode);
  if (!state) return null;
  const parts = state.parts
    .map((p) => {
      if (!override || override.unitId !== p.unitId) return p;
      return override.values === null ? null : { ...p, current: override.values };
    })
    .filter((p) => p !== null);
  if (parts.length === 0) return null;
  // A part judged as not yet sent (override null) is missing too.
  const unreported = state.unreportedUnits + (override && override.values === null ? 1 : 0);
  const fields = dusunGroups(settings).flatMap((g) => g.fields);
  return dusunMismatch(state.desaValues, parts, allDusunIn(unreported, parts.length, state.desaValues), fields);
}
