// What the recap flow needs to know from the database, loaded by the host before the engine runs
// (src/bot/features/recap.ts). Pure types and helpers only.
import type { SectionIIProposal } from '../../domain/meetings/recap-section-ii.js';
import type { RecapSettings, RecapValues } from '../../domain/recap/fields.js';
import type { Scope } from '../engine/types.js';

export interface StoredRecap {
  status: 'submitted' | 'returned' | 'verified';
  version: number;
  values: RecapValues;
}

export interface RecapFacts {
  settings: RecapSettings;
  /** Periods (YYYY-MM) this cadre may report now, newest first: closed months not yet locked, or reopened. */
  openPeriods: readonly string[];
  /** This desa's (or dusun's) stored recap per open period, if any. */
  existing: Readonly<Record<string, StoredRecap>>;
  /** The previous month's stored values per open period (for the change-against-last-month checks). */
  previous: Readonly<Record<string, RecapValues | null>>;
  /** IAT/TIAL cases reported for this desa during each open period (soft rule W10). */
  casesInPeriod: Readonly<Record<string, number>>;
  /**
   * For a PPKBD: the dusun parts received per open period and the registered dusun still missing. How many dusun
   * the desa has is the recap's own Sub-PPKBD yang ada (see dusun-nodes.ts).
   */
  dusun: Readonly<Record<string, DusunParts>>;
  /**
   * For a PPKBD: Section II proposed from the meetings recorded for the desa, per open period that has any
   * (domain/meetings/recap-section-ii.ts). Absent: asked as usual.
   */
  meetings?: Readonly<Record<string, SectionIIProposal>>;
}

export interface DusunParts {
  received: readonly { name: string; values: RecapValues }[];
  /** Dusun with an active Sub-PPKBD whose part has not come in. */
  missing: readonly string[];
  /** Dusun the desa is known to have (e.g. a former Sub-PPKBD's) with no active Sub-PPKBD and no part. */
  unregistered?: readonly string[];
}

export const RECAP_FACTS = 'recap';

export function recapFacts(scope: Pick<Scope, 'facts'>): RecapFacts | null {
  return (scope.facts[RECAP_FACTS] as RecapFacts | undefined) ?? null;
}
