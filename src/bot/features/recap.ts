// The recap's host side: the reporting calendar and the facts the recap flow needs (open periods, stored recaps,
// last month). Storing a submission: recap-submission.ts; the reviewer's side: recap-review.ts; status:
// recap-status.ts.
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { dusunPartsOf, findRecap, reopenedPeriods } from '../../db/repos/recaps.repo.js';
import { areaUnits, people } from '../../db/schema.js';
import { shiftPeriod, type ReportingCalendar } from '../../domain/recap/calendar.js';
import type { RecapSettings, RecapValues } from '../../domain/recap/fields.js';
import type { Actor } from '../../flows/engine/types.js';
import { RECAP_FACTS, type DusunParts, type RecapFacts, type StoredRecap } from '../../flows/recap/recap-facts.js';
import { fromWita, toWita } from '../../time/wita.js';
import { unmetCasesReported } from '../../db/repos/cases.repo.js';
import { desaMeetingsForRecap } from '../../db/repos/meeting-reads.repo.js';
import { proposeSectionII, type SectionIIProposal } from '../../domain/meetings/recap-section-ii.js';
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

function unitIdOf(tx: Tx, personId: number): number | null {
  return tx.select({ unitId: people.unitId }).from(people).where(eq(people.id, personId)).get()?.unitId ?? null;
}

function stored(tx: Tx, desaCode: string, period: string, unitId: number | null): StoredRecap | null {
  const row = findRecap(tx, desaCode, period, unitId);
  return row ? { status: row.status, version: row.version, values: JSON.parse(row.values) as RecapValues } : null;
}

export function recapFactsLoader(settings: RecapSettings, calendar: RecapCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor, now: Date) => {
    if (actor.kind !== 'person' || (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd')) return {};
    const unitId = actor.role === 'sub_ppkbd' ? unitIdOf(tx, actor.personId) : null;
    // The month that just closed, plus any period the PKB reopened for this desa.
    const periods = [...new Set([...openPeriods(now, calendar), ...reopenedPeriods(tx, actor.homeAreaCode, now)])].sort().reverse();
    const existing: Record<string, StoredRecap> = {};
    const previous: Record<string, RecapValues | null> = {};
    const dusun: Record<string, DusunParts> = {};
    const casesInPeriod: Record<string, number> = {};
    for (const period of periods) {
      const current = stored(tx, actor.homeAreaCode, period, unitId);
      if (current) existing[period] = current;
      previous[period] = stored(tx, actor.homeAreaCode, shiftPeriod(period, -1), unitId)?.values ?? null;
      if (actor.role === 'ppkbd') {
        const parts = dusunPartsOf(tx, actor.homeAreaCode, period);
        // Dusun the desa is known to have but with nobody registered to report them: named as not in yet.
        const named = new Set([...parts.received.map((p) => p.name), ...parts.missing]);
        const known = tx.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.desaCode, actor.homeAreaCode)).orderBy(areaUnits.name).all();
        dusun[period] = { ...parts, unregistered: known.map((u) => u.name).filter((name) => !named.has(name)) };
        const [y, m] = period.split('-').map(Number) as [number, number];
        casesInPeriod[period] = unmetCasesReported(tx, actor.homeAreaCode, fromWita(y, m, 1), fromWita(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1));
      }
    }
    // Section II from the recorded meetings: only the desa recap has it (a dusun part is Section III alone).
    const meetings: Record<string, SectionIIProposal> = {};
    if (actor.role === 'ppkbd') {
      for (const [period, list] of desaMeetingsForRecap(tx, actor.homeAreaCode, periods)) {
        const proposal = proposeSectionII(list);
        if (proposal) meetings[period] = proposal;
      }
    }
    const facts: RecapFacts = { settings, openPeriods: periods, existing, previous, dusun, casesInPeriod, meetings };
    return { [RECAP_FACTS]: facts };
  };
  return { flows: ['recap'], load };
}
