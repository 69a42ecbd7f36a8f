// Practice mode (LATIHAN): what a practice keeps in the conversation state, and the constants that make a
// practice recognisable. Pure data; the practice itself runs in practice-turn.ts.
// A trainer's "round" (LATIHAN KELOMPOK) is a group of practices: bot/features/practice.ts.
import type { RecapSettings } from '../../domain/recap/fields.js';

/** Guided recap, fast entry (LAPOR …), or the case report. */
export type PracticeKind = 'guided' | 'fast' | 'case';

/**
 * The made-up desa and its kecamatan. Not Kemendagri codes (those are digits and dots), so nothing real can ever
 * match them: a practice value that leaked into a real table would name no area.
 */
export const PRACTICE_DESA = 'LATIHAN';
export const PRACTICE_KECAMATAN = 'LATIHAN-KEC';
export const PRACTICE_KECAMATAN_NAME = 'Latihan';

/** The first line of every message of a practice, so a cadre never mistakes it for the real thing. */
export const PRACTICE_MARK = '🧪 *LATIHAN*';

/** The numbers of a practice recap: what the sheet says this month, and the made-up last month. */
export interface RecapSheet {
  unit: 'desa' | 'dusun';
  /** Every field the recap asks under the deployment's settings, consistent with the rules. */
  values: Readonly<Record<string, number>>;
  /** Last month (Section III fields), for the soft rules that compare months. */
  previous: Readonly<Record<string, number>>;
  /** The soft rule the change from last month raises, and the sheet's sentence that explains the change. */
  change: { rule: 'W2' | 'W3'; note: string };
}

/** The couple of a practice case report and what the sheet says about them. */
export interface CaseSheet {
  /** Made-up names, shown on the sheet only: typing them anywhere is refused, as in a real report. */
  wife: string;
  husband: string;
  dusun: string;
  wifeAge: number;
  children: number;
  postPartum: boolean;
  want: 'delay' | 'stop' | 'method_now';
  method: string;
  reason: string;
  /** The kind of facility (a FACILITY_OPTIONS key) when the reason is a stock-out. */
  facility: string | null;
  consent: boolean;
  register: string;
}

export interface PracticeSheet {
  /** The seed it was generated from (several variants, so cadres do not learn one sheet by heart). */
  seed: number;
  /** "Latihan Mawar": shown as "Desa Latihan Mawar, Kec. Latihan". */
  desaName: string;
  /** The made-up dusun of the desa ("Dusun Pelita"…). */
  dusun: readonly string[];
  /** The dusun a Sub-PPKBD reports for in practice; null when the report is the desa's. */
  unitName: string | null;
  /** The month being "reported" (YYYY-MM): the month before the practice, whatever the real calendar says. */
  period: string;
  settings: RecapSettings;
  recap: RecapSheet | null;
  case: CaseSheet | null;
}

export interface PracticeCaught {
  invalid: number;
  hard: number;
  soft: number;
}

export interface PracticeState {
  kind: PracticeKind;
  startedAt: string;
  sheet: PracticeSheet;
  caught: PracticeCaught;
  /** What the mistakes concerned, first seen first, without repeats (practice-feedback.ts turns them into words). */
  topics: readonly string[];
}

export const NOTHING_CAUGHT: PracticeCaught = Object.freeze({ invalid: 0, hard: 0, soft: 0 });
