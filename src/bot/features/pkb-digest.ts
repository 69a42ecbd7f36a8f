// The daily PKB digest (default 07:00 WITA): for each kecamatan with desa taking part in the digest's month, one
// message to its PKB group, else to its koordinator (the whole kecamatan) and its PKB (their binaan) one by one; a
// kecamatan nobody reads gets nothing. "Since the last digest" is since the previous run of this job (job_runs), or
// the same time yesterday for the first one. A digest missed while the bot was down is made up the same day, within
// 12 hours of its time; an older one is skipped, never sent late. The text is pkb-digest-text.ts.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { participatingDesa } from '../../db/repos/areas.repo.js';
import { recentJobRuns } from '../../db/repos/job-runs.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import type { AggregateSettings } from '../../reports/aggregate.js';
import { aggregateArea } from '../../reports/aggregate-data.js';
import { digestPeriod, pkbDigestText } from '../../reports/pkb-digest-text.js';
import type { Job } from '../jobs/job.js';
import { kecamatanReaders } from './kecamatan-audience.js';

export const PKB_DIGEST_JOB = 'pkb_digest';

const DAY_MS = 86_400_000;

/** The start of "since the last digest": when the previous digest ran, else a day before this one's slot. */
export function digestSince(tx: Tx, scheduledAt: Date): Date {
  const previous = recentJobRuns(tx, PKB_DIGEST_JOB, 1)[0];
  return previous ? new Date(previous.ranAt) : new Date(scheduledAt.getTime() - DAY_MS);
}

/** Queues every kecamatan's digest in the run's transaction; returns how many messages. */
export function runPkbDigest(tx: Tx, areas: AreaDirectory, at: { scheduledAt: Date; now: Date }, settings: AggregateSettings): number {
  const { now } = at;
  const since = digestSince(tx, at.scheduledAt);
  const period = digestPeriod(now);
  const taking = new Set(
    participatingDesa(
      tx,
      areas.allDesa().map((d) => d.code),
      period,
    ),
  );
  let queued = 0;
  for (const kecamatan of areas.kecamatanList()) {
    if (!areas.desaOf(kecamatan.code).some((d) => taking.has(d.code))) continue;
    for (const reader of kecamatanReaders(tx, areas, kecamatan.code)) {
      if (reader.onlyDesa && !reader.onlyDesa.some((code) => taking.has(code))) continue;
      const aggregate = aggregateArea(tx, areas, { period, areaCode: kecamatan.code, now, since, onlyDesa: reader.onlyDesa ?? undefined, settings });
      const text = pkbDigestText({ aggregate, scope: reader.scope, now, calendar: settings.calendar });
      enqueueOutbound(tx, { toAddress: reader.address, priority: 'bulk', kind: 'text', text }, now);
      queued++;
    }
  }
  return queued;
}

export function pkbDigestJob(cronExpression: string, settings: AggregateSettings): Job {
  return {
    name: PKB_DIGEST_JOB,
    cron: cronExpression,
    // Made up the same morning or afternoon; a digest from a day before is stale (the next one covers it).
    catchUpWithinMs: 12 * 3600_000,
    run: (tx, context) => runPkbDigest(tx, context.areas, context, settings),
  };
}
