// The Dinas' summaries (issue 10 point 5), to the Dinas group or, without one, to each Dinas officer:
// - weekly (Monday 08:00 WITA): the latest month whose reports are open or just closed, so far;
// - monthly (the 5th, two days after the due day, and the day after the close day, 08:00 WITA): the month just due,
//   then its final figures; each with the chart (completeness and CPR per kecamatan) and the kabupaten recap XLSX,
//   queued after the text.
// A Monday that is also a monthly day gets the monthly summary only. Each run happens once (job_runs): the weekly one
// per date, the monthly one per month and kind, so a moved cron time cannot send a month's summary twice. A run
// missed while the bot was down is made up at start within 2 days (weekly) or 3 days (monthly), else skipped.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Db, Tx } from '../../db/client.js';
import { enqueueMedia, enqueueOutbound, type OutboxMedia } from '../../db/repos/outbox.repo.js';
import { shiftPeriod } from '../../domain/recap/calendar.js';
import type { Logger } from '../../logger.js';
import type { MediaStore } from '../../media/media-store.js';
import type { AggregateSettings, AreaAggregate } from '../../reports/aggregate.js';
import { aggregateArea } from '../../reports/aggregate-data.js';
import { chartInputOf } from '../../reports/chart-bars.js';
import { saveRecapChart, saveRecapXlsx } from '../../reports/recap-media.js';
import { kabupatenSummaryMessages, type SummaryKind } from '../../reports/summary-text.js';
import { fromWita, toWita, witaPeriod } from '../../time/wita.js';
import { cronSlots } from '../jobs/cron.js';
import type { Job } from '../jobs/job.js';
import { recipientAddresses, recipientsFor } from './recipients.js';

const DAY_MS = 86_400_000;

export interface DinasSummaryDeps {
  db: Db;
  /** Null: the text only (no chart, no XLSX). */
  media: MediaStore | null;
  settings: AggregateSettings;
}

/** Which month a monthly run covers and what it is: the month before the slot's; after the close day, final. */
export function monthlyRunOf(scheduledAt: Date, closeDay: number): { period: string; kind: 'monthly_due' | 'monthly_final' } {
  return { period: shiftPeriod(witaPeriod(scheduledAt), -1), kind: toWita(scheduledAt).day > closeDay ? 'monthly_final' : 'monthly_due' };
}

/** Whether a cron expression fires on the WITA date of `at`. */
function firesOn(expression: string, at: Date): boolean {
  const { year, month, day } = toWita(at);
  const dayStart = fromWita(year, month, day);
  return cronSlots(expression, new Date(dayStart.getTime() - 1), new Date(dayStart.getTime() + DAY_MS - 1)).length > 0;
}

/** Texts first, then the files, to the Dinas group or to each officer; returns how many messages were queued. */
function sendToDinas(tx: Tx, texts: readonly string[], media: readonly OutboxMedia[], now: Date): number {
  const addresses = recipientAddresses(recipientsFor(tx, { role: 'dinas' }));
  for (const to of addresses) {
    for (const text of texts) enqueueOutbound(tx, { toAddress: to, priority: 'bulk', kind: 'text', text }, now);
    for (const file of media) enqueueMedia(tx, to, 'bulk', file, now);
  }
  return addresses.length * (texts.length + media.length);
}

function kabupatenAggregate(db: Db | Tx, areas: AreaDirectory, period: string, now: Date, settings: AggregateSettings): AreaAggregate {
  return aggregateArea(db, areas, { period, areaCode: areas.kabupaten().code, now, settings });
}

function summaryTexts(agg: AreaAggregate, kind: SummaryKind, areas: AreaDirectory): string[] {
  return kabupatenSummaryMessages(agg, kind, areas.label(areas.kabupaten().code));
}

/** Every Monday (default 08:00 WITA): the latest month so far, text only. */
export function dinasWeeklyJob(cronExpression: string, monthlyCron: string, deps: DinasSummaryDeps): Job {
  return {
    name: 'dinas_weekly',
    cron: cronExpression,
    catchUpWithinMs: 2 * DAY_MS,
    run(tx, { scheduledAt, now, areas, logger }) {
      // The monthly summary of the same morning says all of it, with the chart.
      if (firesOn(monthlyCron, scheduledAt)) {
        logger.info({ job: 'dinas_weekly' }, 'weekly summary skipped: the monthly one goes out today');
        return 0;
      }
      const period = shiftPeriod(witaPeriod(scheduledAt), -1);
      return sendToDinas(tx, summaryTexts(kabupatenAggregate(tx, areas, period, now, deps.settings), 'weekly', areas), [], now);
    },
  };
}

interface MonthlyPrepared {
  texts: string[];
  media: OutboxMedia[];
}

async function monthlyFiles(deps: DinasSummaryDeps, agg: AreaAggregate, areas: AreaDirectory, now: Date, logger: Logger): Promise<OutboxMedia[]> {
  if (!deps.media) return [];
  const files: OutboxMedia[] = [];
  // A file that cannot be made is left out (logged): the summary's text still goes.
  try {
    files.push(await saveRecapChart(deps.media, chartInputOf(agg, areas.label(areas.kabupaten().code), 'kabupaten'), now));
  } catch (err) {
    logger.error({ err, period: agg.period }, 'monthly chart could not be drawn');
  }
  try {
    files.push(await saveRecapXlsx(deps.db, areas, deps.media, { period: agg.period, settings: deps.settings.recap }, now));
  } catch (err) {
    logger.error({ err, period: agg.period }, 'monthly recap XLSX could not be written');
  }
  return files;
}

/** The 5th and the day after the close day (default 08:00 WITA): the month just due, then final; with chart and XLSX. */
export function dinasMonthlyJob(cronExpression: string, deps: DinasSummaryDeps): Job<MonthlyPrepared> {
  const closeDay = deps.settings.calendar.closeDay;
  return {
    name: 'dinas_monthly',
    cron: cronExpression,
    periodKey: (scheduledAt) => {
      const run = monthlyRunOf(scheduledAt, closeDay);
      return `${run.period}/${run.kind === 'monthly_final' ? 'final' : 'due'}`;
    },
    catchUpWithinMs: 3 * DAY_MS,
    // The figures, the chart and the workbook are made together, before the transaction, so they agree.
    async prepare({ scheduledAt, now, areas, logger }) {
      const { period, kind } = monthlyRunOf(scheduledAt, closeDay);
      const agg = kabupatenAggregate(deps.db, areas, period, now, deps.settings);
      // Nobody to send to (no Dinas group, no officer): no chart or workbook is drawn for nothing.
      const anyone = recipientAddresses(recipientsFor(deps.db, { role: 'dinas' })).length > 0;
      return { texts: summaryTexts(agg, kind, areas), media: anyone ? await monthlyFiles(deps, agg, areas, now, logger) : [] };
    },
    run(tx, { now }, prepared) {
      return sendToDinas(tx, prepared.texts, prepared.media, now);
    },
  };
}
