// The monthly DHIS2 push job on a simulated clock (the simulator's way: every cron slot between two instants, run by
// the job runner), against the DHIS2 on loopback: when on, it pushes a period once, after it closes; when off,
// never; a failed push tells the admins once and is tried again the next day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../src/bot/adapters/memory.js';
import { createBot, type Bot } from '../../src/bot/bot.js';
import { DHIS2_PUSH_ALERT, latestClosedPeriod } from '../../src/bot/features/dhis2-push.js';
import { ManualClock } from '../../src/clock.js';
import { openAlerts } from '../../src/db/repos/alerts.repo.js';
import { recentJobRuns } from '../../src/db/repos/job-runs.repo.js';
import { recentPushes } from '../../src/db/repos/dhis2.repo.js';
import { silentLogger } from '../../src/logger.js';
import { tokenAuth } from '../../src/reports/dhis2-push/dhis2-auth.js';
import { pushPeriod } from '../../src/reports/dhis2-push/push.js';
import { fromWita } from '../../src/time/wita.js';
import { Dhis2Fixture, fakeDhis2, PAKATTO, SETTINGS, TOKEN, VALUES_PER_DESA } from '../helpers/dhis2-push-fixture.js';
import type { FakeDhis2 } from '../helpers/fake-dhis2.js';

const ADMIN_PHONE = '+6281234567009';

let fixture: Dhis2Fixture;
let server: FakeDhis2;
let clock: ManualClock;
let bot: Bot | null = null;
let transport: MemoryTransport;
/** Where the job's push goes: switched by a test to simulate DHIS2 being down, then back. */
let dhis2Url = '';

beforeEach(async () => {
  fixture = new Dhis2Fixture([`${ADMIN_PHONE},Operator,admin,73.06,`]);
  fixture.verifiedRecap(PAKATTO, '2026-11');
  server = await fakeDhis2([PAKATTO]);
  dhis2Url = server.url;
  clock = new ManualClock(fromWita(2026, 12, 10, 7, 0));
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await server.close();
  fixture.close();
});

async function startBot(pushJob: boolean): Promise<Bot> {
  transport = new MemoryTransport();
  bot = createBot({
    database: fixture.database,
    transport,
    clock,
    logger: silentLogger(),
    conversation: { expiryMs: 72 * 3600_000 },
    dhis2Push: pushJob
      ? {
          push: (period, { areas }) =>
            pushPeriod(
              { db: fixture.db, areas, target: { url: dhis2Url, auth: tokenAuth(TOKEN), timeoutMs: 5_000 }, settings: SETTINGS, now: () => clock.now() },
              { period, includeUnverified: false, dryRun: false, force: false, trigger: 'job' },
            ),
        }
      : null,
  });
  await bot.start();
  return bot;
}

/** The simulator's loop: every job slot up to `to`, in order, on the clock. */
async function runUntil(b: Bot, to: Date): Promise<void> {
  for (const slot of b.runner.slotsBetween(b.jobs, clock.now(), to)) {
    clock.set(slot.at);
    await b.runner.runSlot(slot.job, slot.at);
  }
  clock.set(to);
  await b.idle();
}

const adminMessages = () => transport.sent.filter((m) => m.to === ADMIN_PHONE && m.content.kind === 'text').map((m) => (m.content.kind === 'text' ? m.content.text : ''));

describe('the monthly DHIS2 push job', () => {
  it('when a period closes, then the latest closed period moves to it the next day (WITA)', () => {
    expect(latestClosedPeriod(fromWita(2026, 12, 15, 23, 59), 15)).toBe('2026-10');
    expect(latestClosedPeriod(fromWita(2026, 12, 16, 0, 0), 15)).toBe('2026-11');
    expect(latestClosedPeriod(fromWita(2027, 1, 5, 8, 30), 15)).toBe('2026-11');
    expect(latestClosedPeriod(fromWita(2027, 3, 1, 8, 30), 28)).toBe('2027-01');
  });

  it('when it is on, then November is pushed once, on the morning after the close day, and not again on the following days', async () => {
    const b = await startBot(true);
    await runUntil(b, fromWita(2026, 12, 15, 23, 0));
    expect(server.requests).toEqual([]); // October has nothing to send; November is still open

    await runUntil(b, fromWita(2026, 12, 20, 12, 0));

    expect(server.imports).toHaveLength(1);
    expect(server.imports[0]!.dataValues).toHaveLength(VALUES_PER_DESA);
    expect(server.stored.size).toBe(VALUES_PER_DESA);
    const pushes = recentPushes(fixture.db, 10).filter((p) => p.period === '2026-11');
    expect(pushes).toMatchObject([{ trigger: 'job', status: 'ok', at: fromWita(2026, 12, 16, 8, 30).toISOString() }]);
    expect(recentJobRuns(fixture.db, 'dhis2_push').map((r) => r.periodKey)).toEqual(['2026-11', '2026-10']);
    expect(adminMessages()).toEqual([]);
  });

  it('when it is off, then nothing is ever pushed', async () => {
    const b = await startBot(false);
    expect(b.jobs.map((j) => j.name)).not.toContain('dhis2_push');
    await runUntil(b, fromWita(2027, 1, 20, 12, 0));
    expect(server.requests).toEqual([]);
    expect(recentPushes(fixture.db, 10)).toEqual([]);
  });

  it('when DHIS2 cannot be reached on the day, then the admins are told once, the next mornings try again, and the push that works closes the alert', async () => {
    const b = await startBot(true);
    await runUntil(b, fromWita(2026, 12, 15, 23, 0));
    const up = server.url;
    await server.close();
    dhis2Url = up;

    await runUntil(b, fromWita(2026, 12, 17, 12, 0));
    expect(recentPushes(fixture.db, 10).filter((p) => p.period === '2026-11').map((p) => p.status)).toEqual(['failed', 'failed']);
    expect(openAlerts(fixture.db).map((a) => a.kind)).toEqual([DHIS2_PUSH_ALERT]);
    const told = adminMessages();
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Kiriman data November 2026 ke DHIS2 gagal: cannot reach DHIS2');
    expect(recentJobRuns(fixture.db, 'dhis2_push').map((r) => r.periodKey)).toEqual(['2026-10']);

    server = await fakeDhis2([PAKATTO]);
    dhis2Url = server.url;
    await runUntil(b, fromWita(2026, 12, 19, 12, 0));
    expect(server.imports).toHaveLength(1);
    expect(openAlerts(fixture.db)).toEqual([]);
    expect(recentJobRuns(fixture.db, 'dhis2_push').map((r) => r.periodKey)).toEqual(['2026-11', '2026-10']);
    expect(adminMessages()).toHaveLength(1);
  });

  it('when DHIS2\'s check finds a conflict, then the job does not force it: nothing is sent and the admins read the conflict', async () => {
    await server.close();
    server = await fakeDhis2([]);
    dhis2Url = server.url;
    const b = await startBot(true);

    await runUntil(b, fromWita(2026, 12, 16, 12, 0));

    expect(server.imports).toEqual([]);
    expect(adminMessages()[0]).toMatch(/^⚠️ Pemberitahuan IMP Smart\n• Kiriman data November 2026 ke DHIS2 dihentikan: pemeriksaan DHIS2 menemukan 1 konflik \(E7612 Organisation unit not found/);
    expect(adminMessages()[0]).toContain('imp-smart dhis2 push --period 2026-11 --dry-run');
  });
});
