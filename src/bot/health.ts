// What GET /health answers: the transport's link, open alerts (stored or only in memory), the outbox counts, and
// whether the database can be written. It never throws: a failing database makes it "degraded", not silent.
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { outboxCounts } from '../db/repos/outbox.repo.js';
import type { Logger } from '../logger.js';
import type { AlertDesk } from './alert-desk.js';
import type { StorageHealth } from './storage-health.js';
import type { Transport } from './transport.js';

/** Same shape as the HTTP layer's HealthSnapshot (the layers do not import each other; main.ts joins them). */
export interface HealthSnapshot {
  status: 'ok' | 'degraded';
  transport: { name: string; state: string; detail: string; since: string };
  outbox: { pending: number; sent: number; failed: number };
  alerts: string[];
}

export function healthSnapshot(deps: { db: Db; clock: Clock; logger: Logger; transport: Transport; alerts: AlertDesk; storage: StorageHealth }): HealthSnapshot {
  const { transport, clock } = deps;
  const link = transport.status?.() ?? { state: 'open' as const, detail: '', since: clock.now() };
  const alerts = deps.alerts.open();
  let outbox = { pending: 0, sent: 0, failed: 0 };
  try {
    outbox = outboxCounts(deps.db);
  } catch (error) {
    deps.logger.error({ err: error }, 'health: could not count the outbox');
  }
  return {
    status: link.state === 'open' && alerts.length === 0 && !deps.storage.failing ? 'ok' : 'degraded',
    transport: { name: transport.name, state: link.state, detail: link.detail, since: link.since.toISOString() },
    outbox,
    alerts,
  };
}
