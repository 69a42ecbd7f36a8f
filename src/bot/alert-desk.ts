// Operational alerts in one place: raised and resolved by kind (one open alert per kind), listed by the health
// check, and told to the admins on WhatsApp. An alert that cannot be stored (the database itself is failing) is kept
// in memory, so the health check still shows it; it is written once the database can be written again.
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { markAlertsNotified, openAlerts, raiseAlert, resolveAlerts, unnotifiedAlerts } from '../db/repos/alerts.repo.js';
import { countFailedSince, enqueueOutbound } from '../db/repos/outbox.repo.js';
import { listPeople } from '../db/repos/people.repo.js';
import type { Logger } from '../logger.js';

export interface AlertDeskDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Called after admin notifications were queued (the dispatcher's kick). */
  onQueued?: () => void;
}

export const MESSAGES_FAILED_ALERT = 'MESSAGES_FAILED';
const HOUR_MS = 3600_000;

export class AlertDesk {
  /** Alerts raised while the database could not be written: kind → message. */
  readonly #unstored = new Map<string, string>();
  #lastFailureAlertAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: AlertDeskDeps) {}

  /** Opens an alert unless one of its kind is open; true when a new one was opened. */
  raise(kind: string, message: string): boolean {
    try {
      return raiseAlert(this.deps.db, kind, message, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error({ err: error, kind }, 'could not store an alert; kept in memory');
      const isNew = !this.#unstored.has(kind);
      this.#unstored.set(kind, message);
      return isNew;
    }
  }

  resolve(...kinds: string[]): void {
    for (const kind of kinds) this.#unstored.delete(kind);
    try {
      resolveAlerts(this.deps.db, kinds, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not resolve alerts');
    }
  }

  /**
   * Stores an alert that was only in memory as raised and already resolved, so the admins still hear that it
   * happened (and that it is over) once the database works again.
   */
  recordResolved(kind: string, message: string): void {
    this.#unstored.delete(kind);
    const now = this.deps.clock.now();
    try {
      raiseAlert(this.deps.db, kind, message, now);
      resolveAlerts(this.deps.db, [kind], now);
    } catch (error) {
      this.deps.logger.error({ err: error, kind }, 'could not store a resolved alert');
    }
  }

  /**
   * Messages were given up (refused by WhatsApp, or still failing after their retries). The admins are told at once,
   * at most once an hour, with the count of the last day; the alert then closes, so the next failure opens a new one.
   */
  messagesFailed(): void {
    const now = this.deps.clock.now();
    if (now.getTime() - this.#lastFailureAlertAt < HOUR_MS) return;
    this.#lastFailureAlertAt = now.getTime();
    let count = 1;
    try {
      count = Math.max(1, countFailedSince(this.deps.db, new Date(now.getTime() - 24 * HOUR_MS)));
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not count failed messages');
    }
    this.raise(MESSAGES_FAILED_ALERT, `${count} pesan gagal dikirim dalam 24 jam terakhir (ditolak WhatsApp atau terus gagal). Rinciannya: "imp-smart whatsapp status".`);
    this.notifyAdmins();
    this.resolve(MESSAGES_FAILED_ALERT);
  }

  /** Open alerts' messages, stored or not. Never throws: the health check relies on it. */
  open(): string[] {
    let stored: string[] = [];
    try {
      stored = openAlerts(this.deps.db).map((a) => a.message);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not read alerts');
    }
    return [...stored, ...this.#unstored.values()];
  }

  /** Queues one message per active admin listing alerts they have not been told about. */
  notifyAdmins(): void {
    const { db, clock } = this.deps;
    const now = clock.now();
    let queued = false;
    try {
      queued = db.transaction((tx) => {
        const pending = unnotifiedAlerts(tx);
        if (pending.length === 0) return false;
        const admins = listPeople(tx).filter((p) => p.active && p.role === 'admin');
        if (admins.length === 0) return false;
        const lines = pending.map((a) => `• ${a.message}${a.resolvedAt ? ' (sudah pulih)' : ''}`);
        const text = ['⚠️ Pemberitahuan IMP Smart', ...lines].join('\n');
        for (const admin of admins) enqueueOutbound(tx, { toAddress: admin.phone, priority: 'notice', kind: 'text', text }, now);
        markAlertsNotified(tx, pending.map((a) => a.id), now);
        return true;
      });
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not queue the admins\' alert message');
    }
    if (queued) this.deps.onQueued?.();
  }
}
