// The reminder ladder (default 08:00 WITA, daily; docs/domain.md §9), doing only what is due that day: for the open
// period, two days before the due day, on the due day and the day after (never on a Sunday or a configured holiday
// unless it is the due day; reminder-ladder.ts), each active cadre of a desa taking part is reminded privately when
//   - PPKBD: the desa recap is not sent, or was returned and not corrected (with the reviewer's reason);
//   - Sub-PPKBD: their dusun part is not sent while the desa recap is not in yet (or returned): once the PPKBD has
//     sent the desa recap, a late part would only make it disagree with its parts. Dusun parts have no deadline of
//     their own, so they follow the same ladder.
// The day after the due day, the kecamatan's PKB side (group, else koordinator and PKB for their binaan) also gets the
// desa still missing or returned, by name. Everything is queued as outreach (bulk) in the run's transaction.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { participatingDesa } from '../../db/repos/areas.repo.js';
import { desaRecapsIn, type RecapRow } from '../../db/repos/recaps.repo.js';
import { activeCadresIn, dusunPartsSent, type ActiveCadre } from '../../db/repos/reminders.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { periodDeadlines, type ReportingCalendar } from '../../domain/recap/calendar.js';
import { ladderStepOn, type LadderStep } from '../../domain/recap/reminder-ladder.js';
import { cadreReminderText, missingListText, type CadreReminder, type NamedDesa } from '../../flows/recap/reminder-texts.js';
import type { Job } from '../jobs/job.js';
import { kecamatanReaders } from './kecamatan-audience.js';
import { openPeriods } from './recap.js';

export const RECAP_REMINDERS_JOB = 'recap_reminders';

export interface ReminderSettings {
  calendar: ReportingCalendar;
  /** IMP_HOLIDAYS: ISO dates without reminders (Sundays never have any). */
  holidays: readonly string[];
}

/** "Desa Pakatto" / "Kelurahan Bontomanai": how a cadre names their own place. */
function desaLabel(areas: AreaDirectory, code: string): string {
  const desa = areas.get(code);
  if (!desa) return code;
  return `${desa.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${desa.name}`;
}

/** What this cadre still owes for the period, or null. */
function owed(cadre: ActiveCadre, record: RecapRow | undefined, partsSent: ReadonlySet<number>, areas: AreaDirectory): Pick<CadreReminder, 'unit' | 'returned'> | null {
  const desa = desaLabel(areas, cadre.desaCode);
  if (cadre.role === 'ppkbd') {
    if (!record) return { unit: { kind: 'desa', desa }, returned: null };
    if (record.status === 'returned') return { unit: { kind: 'desa', desa }, returned: { reason: record.returnedReason } };
    return null;
  }
  if (cadre.unitId === null || partsSent.has(cadre.unitId)) return null;
  if (record && record.status !== 'returned') return null;
  return { unit: { kind: 'dusun', dusun: cadre.unitName ?? 'dusun Anda', desa }, returned: null };
}

function missingLists(tx: Tx, areas: AreaDirectory, period: string, calendar: ReportingCalendar, taking: ReadonlySet<string>, records: ReadonlyMap<string, RecapRow>, cadres: readonly ActiveCadre[], now: Date): number {
  const deadlines = periodDeadlines(period, calendar);
  const ppkbdOf = new Map(cadres.filter((c) => c.role === 'ppkbd').map((c) => [c.desaCode, c.name]));
  const named = (code: string): NamedDesa => ({ name: areas.get(code)?.name ?? code, ppkbd: ppkbdOf.get(code) ?? null });
  let queued = 0;
  for (const kecamatan of areas.kecamatanList()) {
    const all = areas.desaOf(kecamatan.code).map((d) => d.code).filter((code) => taking.has(code));
    if (all.length === 0) continue;
    for (const reader of kecamatanReaders(tx, areas, kecamatan.code)) {
      const scope = reader.onlyDesa ? all.filter((code) => reader.onlyDesa!.includes(code)) : all;
      const missing = scope.filter((code) => !records.has(code)).map(named);
      const returned = scope.filter((code) => records.get(code)?.status === 'returned').map(named);
      if (missing.length === 0 && returned.length === 0) continue;
      const text = missingListText({ period, scope: reader.scope, due: deadlines.due, close: deadlines.close, expected: scope.length, missing, returned });
      enqueueOutbound(tx, { toAddress: reader.address, priority: 'bulk', kind: 'text', text }, now);
      queued++;
    }
  }
  return queued;
}

/**
 * The step due on the day of `at.day` (the slot's) for each open period, with the recaps as they are `at.now`, in the
 * run's transaction; returns how many messages it queued.
 */
export function runRecapReminders(tx: Tx, areas: AreaDirectory, at: { day: Date; now: Date }, settings: ReminderSettings): number {
  const { now } = at;
  const holidays = new Set(settings.holidays);
  let queued = 0;
  for (const period of openPeriods(at.day, settings.calendar)) {
    const step: LadderStep | null = ladderStepOn(period, settings.calendar, at.day, holidays);
    if (!step) continue;
    const deadlines = periodDeadlines(period, settings.calendar);
    const taking = new Set(
      participatingDesa(
        tx,
        areas.allDesa().map((d) => d.code),
        period,
      ),
    );
    const records = new Map(desaRecapsIn(tx, [...taking], [period]).map((r) => [r.desaCode, r]));
    const partsSent = dusunPartsSent(tx, [...taking], period);
    const cadres = activeCadresIn(tx, [...taking]);
    for (const cadre of cadres) {
      const due = owed(cadre, records.get(cadre.desaCode), partsSent, areas);
      if (!due) continue;
      const text = cadreReminderText({ step, period, due: deadlines.due, close: deadlines.close, ...due });
      enqueueOutbound(tx, { toAddress: cadre.phone, priority: 'bulk', kind: 'text', text }, now);
      queued++;
    }
    if (step === 'after') queued += missingLists(tx, areas, period, settings.calendar, taking, records, cadres, now);
  }
  return queued;
}

export function recapRemindersJob(cronExpression: string, settings: ReminderSettings): Job {
  return {
    name: RECAP_REMINDERS_JOB,
    cron: cronExpression,
    // A morning missed while the bot was down is made up the same day; the ladder's next step covers later days.
    catchUpWithinMs: 12 * 3600_000,
    // The ladder's step belongs to the slot's day, even when made up later that day.
    run: (tx, { areas, scheduledAt, now }) => runRecapReminders(tx, areas, { day: scheduledAt, now }, settings),
  };
}
