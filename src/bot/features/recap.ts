// The recap's host side: the reporting calendar and the facts the recap flow needs (open periods, stored recaps,
// last month). Storing a submission: recap-submission.ts; the reviewer's side: recap-review.ts; status:
// recap-status.ts.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { dusunPartsOf, findRecap, personUnitId, reopenedPeriods } from '../../db/repos/recaps.repo.js';
import { areaUnits } from '../../db/schema.js';
import { shiftPeriod, type ReportingCalendar } from '../../domain/recap/calendar.js';
import type { RecapSettings, RecapValues } from '../../domain/recap/fields.js';
import type { Actor } from '../../flows/engine/types.js';
import { RECAP_FACTS, type DusunParts, type RecapFacts, type StoredRecap } from '../../flows/recap/recap-facts.js';
import { fromWita, toWita } from '../../time/wita.js';
import { unmetCasesReported } from '../../db/repos/cases.repo.js';
import { desaMeetingsForRecap } from '../../db/repos/meeting-reads.repo.js';
import { proposeSectionII, type SectionIIProposal } from '../../domain/meetings/recap-section-ii.js';
import { lazyFacts, once } from '../lazy-facts.js';
import type { FactsLoader } from '../router.js';

/** Due by `dueDay` of the next month, 23:59 WITA; closed after `closeDay` (domain/recap/calendar.ts). */
export type RecapCalendar = ReportingCalendar;

export { shiftPeriod };

/** The month that just closed is open for reporting from the 1st until the close day (WITA). */
export function openPeriods(now: Date, calendar: RecapCalendar): string[] {
  const today = toWita(now);
  const current = `${today.year}-${String(today.month).padStart(2, '0')}`;
  return today.day <= calendar.closeDay ? [shiftPeriod(current, -1)] : [];
}

/** Late when submitted after the due day of the month following the period, 23:59 WITA. */
export function isLate(period: string, now: Date, calendar: RecapCalendar): boolean {
  const today = toWita(now);
  const next = shiftPeriod(period, 1);
  const [y, m] = next.split('-').map(Number) as [number, number];
  if (today.year !== y || today.month !== m) return today.year * 12 + today.month > y * 12 + m;
  return today.day > calendar.dueDay;
}

function stored(tx: Tx, desaCode: string, period: string, unitId: number | null): StoredRecap | null {
  const row = findRecap(tx, desaCode, period, unitId);
  return row ? { status: row.status, version: row.version, values: JSON.parse(row.values) as RecapValues } : null;
}

/** One entry per period, in the order given. */
function byPeriod<T>(periods: readonly string[], value: (period: string) => T): Record<string, T> {
  return Object.fromEntries(periods.map((period) => [period, value(period)]));
}

/** The dusun/lingkungan the desa is known to have, by name. */
const knownUnits = prepared((db) =>
  db.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.desaCode, sql.placeholder('desa'))).orderBy(areaUnits.name).prepare(),
);

/** The open month's first instant and the next month's, in WITA: the window cases are counted in (W10). */
function monthBounds(period: string): [Date, Date] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return [fromWita(y, m, 1), fromWita(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1)];
}

/**
 * The recap flow's facts for a cadre, each read when a step first needs it (lazy-facts.ts): a number in the middle
 * of the guided recap reads none, the month question only the open periods and the stored recap, the summary's
 * checks last month and the cases, the Section III offer the dusun parts, Section II the meetings.
 */
export function recapFactsLoader(settings: RecapSettings, calendar: RecapCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor, now: Date) => {
    if (actor.kind !== 'person' || (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd')) return {};
    const desaCode = actor.homeAreaCode;
    const desa = actor.role === 'ppkbd';
    const unitId = once(() => (desa ? null : personUnitId(tx, actor.personId)));
    // The month that just closed, plus any period the PKB reopened for this desa.
    const periods = once(() => [...new Set([...openPeriods(now, calendar), ...reopenedPeriods(tx, desaCode, now)])].sort().reverse());
    const facts = lazyFacts<RecapFacts>({
      settings: () => settings,
      openPeriods: periods,
      existing: () => {
        const existing: Record<string, StoredRecap> = {};
        for (const period of periods()) {
          const current = stored(tx, desaCode, period, unitId());
          if (current) existing[period] = current;
        }
        return existing;
      },
      previous: () => byPeriod(periods(), (period) => stored(tx, desaCode, shiftPeriod(period, -1), unitId())?.values ?? null),
      // A dusun part has neither: its parts and W10 concern the desa record.
      dusun: () => {
        if (!desa) return {};
        const known = knownUnits(tx).all({ desa: desaCode });
        return byPeriod(periods(), (period): DusunParts => {
          const parts = dusunPartsOf(tx, desaCode, period);
          // Dusun the desa is known to have but with nobody registered to report them: named as not in yet.
          const named = new Set([...parts.received.map((p) => p.name), ...parts.missing]);
          return { ...parts, unregistered: known.map((u) => u.name).filter((name) => !named.has(name)) };
        });
      },
      casesInPeriod: () => (desa ? byPeriod(periods(), (period) => unmetCasesReported(tx, desaCode, ...monthBounds(period))) : {}),
      // Section II from the recorded meetings: only the desa recap has it (a dusun part is Section III alone).
      meetings: () => {
        const meetings: Record<string, SectionIIProposal> = {};
        if (!desa) return meetings;
        for (const [period, list] of desaMeetingsForRecap(tx, desaCode, periods())) {
          const proposal = proposeSectionII(list);
          if (proposal) meetings[period] = proposal;
        }
        return meetings;
      },
    });
    return { [RECAP_FACTS]: facts };
  };
  return { flows: ['recap'], load };
}
