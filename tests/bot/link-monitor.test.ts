// The watchdog: alerts for an operator, late refusals in the outbox, admins told once the link is back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkMonitor } from '../../src/bot/link-monitor.js';
import { ManualClock } from '../../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { openAlerts } from '../../src/db/repos/alerts.repo.js';
import { enqueueOutbound, markSent } from '../../src/db/repos/outbox.repo.js';
import { readRuntimeState } from '../../src/db/repos/runtime-state.repo.js';
import { outbox } from '../../src/db/schema.js';
import { silentLogger } from '../../src/logger.js';
import { importPeople } from '../../src/people/people-import.js';

let database: ReadyDatabase;
let clock: ManualClock;
let kicks: number;
let monitor: LinkMonitor;

beforeEach(() => {
  database = openReadyDatabase(':memory:');
  clock = new ManualClock(new Date('2026-11-25T00:00:00Z'));
  kicks = 0;
  importPeople(database.db, 'phone,name,role,area,unit\n081100000009,Admin Dinas,admin,73.06,\n', database.areas, 't', clock.now());
  monitor = new LinkMonitor({ db: database.db, clock, logger: silentLogger(), downAlertAfterMs: 15 * 60_000, onQueued: () => kicks++ });
});
afterEach(() => database.close());

const adminMessages = () => database.db.select().from(outbox).all().filter((r) => r.toAddress === '+6281100000009');

describe('link monitor', () => {
  it('when the link is logged out, then an alert is open, the state is recorded, and the admin is told once the link is back', () => {
    monitor.stateChanged('logged_out', 'logged out (401): pair again');
    expect(openAlerts(database.db).map((a) => a.kind)).toEqual(['WHATSAPP_LOGGED_OUT']);
    expect(readRuntimeState(database.db, 'whatsapp_link')?.value).toMatchObject({ state: 'logged_out' });
    expect(adminMessages()).toHaveLength(0);
    monitor.stateChanged('open', 'connected');
    expect(openAlerts(database.db)).toEqual([]);
    expect(adminMessages()).toMatchObject([{ text: expect.stringContaining('Nomor WhatsApp bot keluar (logged out)') }]);
    expect(kicks).toBe(1);
    monitor.stateChanged('reconnecting', 'x');
    monitor.stateChanged('open', 'connected');
    expect(adminMessages()).toHaveLength(1);
  });

  it('when the link stays down past the limit, then one link-down alert is raised', () => {
    monitor.stateChanged('reconnecting', 'closed with 408');
    clock.advance(14 * 60_000);
    monitor.check();
    expect(openAlerts(database.db)).toEqual([]);
    clock.advance(2 * 60_000);
    monitor.check();
    monitor.check();
    expect(openAlerts(database.db).map((a) => a.kind)).toEqual(['WHATSAPP_LINK_DOWN']);
  });

  it('when intake is suspended for longer than the limit, then no link-down alert is raised (the state is still recorded)', () => {
    monitor.stateChanged('suspended', 'intake suspended: disk full');
    clock.advance(60 * 60_000);
    monitor.check();
    expect(openAlerts(database.db)).toEqual([]);
    expect(readRuntimeState(database.db, 'whatsapp_link')?.value).toMatchObject({ state: 'suspended' });
  });

  it('when a sent message is refused later, then its outbox row fails with the code', () => {
    const id = enqueueOutbound(database.db, { toAddress: '+6281234567001', priority: 'reply', kind: 'text', text: 'x' }, clock.now());
    markSent(database.db, id, clock.now(), 'WAID1');
    monitor.deliveryFailed('WAID1', '463');
    expect(database.db.select().from(outbox).all()).toMatchObject([{ status: 'failed', lastError: 'delivery failed (463)' }]);
  });
});
