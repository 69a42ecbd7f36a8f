// Jobs that run exactly once: a double fire, a restart or a second runner never repeats a run; a failed run leaves
// nothing and is made up at the next start while still useful; a slot too old is skipped, not sent late.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../src/bot/jobs/job.js';
import { JobRunner, periodKeyOf } from '../../../src/bot/jobs/job-runner.js';
import { ManualClock } from '../../../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../../src/db/bootstrap.js';
import { recentJobRuns } from '../../../src/db/repos/job-runs.repo.js';
import { enqueueOutbound } from '../../../src/db/repos/outbox.repo.js';
import { outbox } from '../../../src/db/schema.js';
import { silentLogger } from '../../../src/logger.js';
import { fromWita } from '../../../src/time/wita.js';

let dir: string;
let path: string;
let database: ReadyDatabase;
let clock: ManualClock;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-jobs-'));
  path = join(dir, 'jobs.db');
  database = openReadyDatabase(path);
  clock = new ManualClock(fromWita(2026, 12, 2, 7, 0));
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const runnerOn = (db: ReadyDatabase) => new JobRunner({ db: db.db, clock, areas: () => db.areas, logger: silentLogger() });

/** A digest-like job: one message per run, at 07:00, made up within a day. */
function digest(options: Partial<Job> = {}): Job {
  return {
    name: 'digest',
    cron: '0 7 * * *',
    catchUpWithinMs: 24 * 3600_000,
    run: (tx, { scheduledAt, now }) => {
      enqueueOutbound(tx, { toAddress: '+6281234567003', priority: 'bulk', kind: 'text', text: `Ringkasan ${scheduledAt.toISOString()}` }, now);
      return 1;
    },
    ...options,
  };
}

const sentCount = (db: ReadyDatabase) => db.db.select().from(outbox).all().length;

describe('job runner', () => {
  it('when the same slot fires twice, then the job runs once', async () => {
    const runner = runnerOn(database);
    const slot = fromWita(2026, 12, 2, 7, 0);
    expect(await runner.runSlot(digest(), slot)).toBe('ran');
    expect(await runner.runSlot(digest(), slot)).toBe('already');
    expect(sentCount(database)).toBe(1);
    expect(recentJobRuns(database.db, 'digest')).toMatchObject([{ periodKey: '2026-12-02', queued: 1 }]);
  });

  it('when the bot restarts (a new runner on the reopened database), then a slot that ran does not run again', async () => {
    await runnerOn(database).runSlot(digest(), fromWita(2026, 12, 2, 7, 0));
    database.close();
    database = openReadyDatabase(path);
    expect(await runnerOn(database).runSlot(digest(), fromWita(2026, 12, 2, 7, 0))).toBe('already');
    expect(await runnerOn(database).catchUp([digest()])).toEqual([{ job: 'digest', outcome: 'already' }]);
    expect(sentCount(database)).toBe(1);
  });

  it('when the operator moves a daily job to another hour, then the day it moved does not get a second run', async () => {
    const runner = runnerOn(database);
    await runner.runSlot(digest(), fromWita(2026, 12, 2, 7, 0));
    expect(await runner.runSlot(digest({ cron: '30 9 * * *' }), fromWita(2026, 12, 2, 9, 30))).toBe('already');
    expect(periodKeyOf(digest({ cron: '0 7,19 * * *' }), fromWita(2026, 12, 2, 19, 0))).toBe('2026-12-02T11:00');
  });

  it('when a run fails, then nothing of it is kept and the next start makes it up', async () => {
    const failing = digest({
      run: (tx, { now }) => {
        enqueueOutbound(tx, { toAddress: '+6281234567003', priority: 'bulk', kind: 'text', text: 'setengah jalan' }, now);
        throw new Error('boom');
      },
    });
    expect(await runnerOn(database).runSlot(failing, fromWita(2026, 12, 2, 7, 0))).toBe('failed');
    expect(sentCount(database)).toBe(0);
    expect(recentJobRuns(database.db, 'digest')).toEqual([]);
    clock.set(fromWita(2026, 12, 2, 9, 0));
    expect(await runnerOn(database).catchUp([digest()])).toEqual([{ job: 'digest', outcome: 'ran' }]);
    expect(sentCount(database)).toBe(1);
  });

  it('when the bot was down at the slot, then it is made up once at start within the useful time, and skipped when older', async () => {
    clock.set(fromWita(2026, 12, 2, 15, 0));
    expect(await runnerOn(database).catchUp([digest()])).toEqual([{ job: 'digest', outcome: 'ran' }]);
    expect(await runnerOn(database).catchUp([digest()])).toEqual([{ job: 'digest', outcome: 'already' }]);
    // Down from before 07:00 on the 3rd until the 4th at 08:00: the 4th's digest is made up, the 3rd's is not sent late.
    clock.set(fromWita(2026, 12, 4, 8, 0));
    await runnerOn(database).catchUp([digest()]);
    expect(recentJobRuns(database.db, 'digest').map((r) => r.periodKey)).toEqual(['2026-12-04', '2026-12-02']);
    // A job that is never made up.
    clock.set(fromWita(2026, 12, 5, 8, 0));
    expect(await runnerOn(database).catchUp([digest({ catchUpWithinMs: 0 })])).toEqual([]);
    // A day-old slot with a 12-hour window: skipped.
    clock.set(fromWita(2026, 12, 6, 20, 0));
    expect(await runnerOn(database).catchUp([digest({ catchUpWithinMs: 12 * 3600_000 })])).toEqual([]);
  });

  it('when two runners share a database (a second process), then a slot still runs once', async () => {
    const other = openReadyDatabase(path);
    try {
      expect(await runnerOn(database).runSlot(digest(), fromWita(2026, 12, 2, 7, 0))).toBe('ran');
      expect(await runnerOn(other).runSlot(digest(), fromWita(2026, 12, 2, 7, 0))).toBe('already');
    } finally {
      other.close();
    }
    expect(sentCount(database)).toBe(1);
  });

  it('when a job prepares a file before its transaction, then the preparation runs only for a period not yet run, and its result reaches run()', async () => {
    let prepared = 0;
    const withFile: Job<string> = {
      name: 'monthly',
      cron: '0 8 5 * *',
      catchUpWithinMs: 0,
      prepare: async ({ scheduledAt }) => {
        prepared++;
        return `rekap-${scheduledAt.toISOString().slice(0, 7)}.png`;
      },
      run: (tx, { now }, file) => {
        enqueueOutbound(tx, { toAddress: '+6281234567005', priority: 'bulk', kind: 'text', text: file }, now);
        return 1;
      },
    };
    const runner = runnerOn(database);
    expect(await runner.runSlot(withFile as Job, fromWita(2026, 12, 5, 8, 0))).toBe('ran');
    expect(await runner.runSlot(withFile as Job, fromWita(2026, 12, 5, 8, 0))).toBe('already');
    expect(prepared).toBe(1);
    expect(database.db.select().from(outbox).all().map((r) => r.text)).toEqual(['rekap-2026-12.png']);
  });
});
