// Watches a networked transport's link: records its state for health checks and `imp-smart whatsapp status`,
// raises alerts (logged out, banned, replaced, down for too long), marks late delivery failures in the outbox,
// and tells the admins on WhatsApp once the link is back. Outbound messages stay queued meanwhile: nothing is lost.
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { markAlertsNotified, raiseAlert, resolveAlerts, unnotifiedAlerts } from '../db/repos/alerts.repo.js';
import { enqueueOutbound, markDeliveryFailed } from '../db/repos/outbox.repo.js';
import { listPeople } from '../db/repos/people.repo.js';
import { writeRuntimeState } from '../db/repos/runtime-state.repo.js';
import type { Logger } from '../logger.js';
import type { LinkEvents, LinkState, TransportStatus } from './transport.js';

export const LINK_STATE_KEY = 'whatsapp_link';

/** Alert kinds and the Indonesian text admins read (health check and WhatsApp). */
const ALERTS: Partial<Record<LinkState, { kind: string; message: string }>> = {
  logged_out: {
    kind: 'WHATSAPP_LOGGED_OUT',
    message: 'Nomor WhatsApp bot keluar (logged out). Jalankan "imp-smart whatsapp logout", lalu pasangkan ulang dengan "npm start".',
  },
  banned: { kind: 'WHATSAPP_BANNED', message: 'WhatsApp memblokir nomor bot (403). Bot berhenti; data tetap aman. Hubungi admin.' },
  replaced: { kind: 'WHATSAPP_REPLACED', message: 'Sesi WhatsApp bot dipakai di tempat lain (440). Bot berhenti agar tidak saling rebut.' },
  waiting_for_pairing: { kind: 'WHATSAPP_NOT_PAIRED', message: 'Nomor WhatsApp bot belum dipasangkan. Jalankan "npm start" dan pindai kode QR.' },
};
const LINK_DOWN = { kind: 'WHATSAPP_LINK_DOWN', message: (minutes: number) => `Bot tidak tersambung ke WhatsApp lebih dari ${minutes} menit. Pesan keluar ditahan dan akan dikirim setelah tersambung.` };

export interface LinkMonitorDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Raise the link-down alert after this long without an open link. */
  downAlertAfterMs: number;
  /** Called after admin notifications were queued (the dispatcher's kick). */
  onQueued: () => void;
}

export class LinkMonitor implements Pick<LinkEvents, 'stateChanged' | 'deliveryFailed'> {
  #status: TransportStatus;

  constructor(private readonly deps: LinkMonitorDeps) {
    this.#status = { state: 'starting', detail: '', since: deps.clock.now() };
  }

  get status(): TransportStatus {
    return this.#status;
  }

  stateChanged(state: LinkState, detail: string): void {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    if (state !== this.#status.state) this.#status = { state, detail, since: now };
    else this.#status = { ...this.#status, detail };
    writeRuntimeState(db, LINK_STATE_KEY, { state, detail, since: this.#status.since.toISOString() }, now);
    const alert = ALERTS[state];
    if (alert) {
      logger.error({ state, detail }, 'WhatsApp link needs an operator');
      raiseAlert(db, alert.kind, alert.message, now);
    } else {
      logger.info({ state, detail }, 'WhatsApp link state');
    }
    if (state === 'open') {
      resolveAlerts(db, [LINK_DOWN.kind, ...Object.values(ALERTS).map((a) => a!.kind)], now);
      this.notifyAdmins();
    }
  }

  deliveryFailed(providerMessageId: string, code: string): void {
    const found = markDeliveryFailed(this.deps.db, providerMessageId, code);
    this.deps.logger.warn({ providerMessageId, code, found }, 'WhatsApp refused a sent message; not retried');
  }

  /**
   * Called every minute: a link that has not been open for too long raises an alert (once). Not while intake is
   * suspended: that is the bot's own decision (storage is failing, and alerts about that are the bot's).
   */
  check(): void {
    const { state, since } = this.#status;
    if (state === 'open' || state === 'stopped' || state === 'suspended') return;
    const down = this.deps.clock.now().getTime() - since.getTime();
    if (down < this.deps.downAlertAfterMs) return;
    const minutes = Math.round(this.deps.downAlertAfterMs / 60_000);
    if (raiseAlert(this.deps.db, LINK_DOWN.kind, LINK_DOWN.message(minutes), this.deps.clock.now())) {
      this.deps.logger.error({ state, downMs: down }, 'WhatsApp link down for too long');
    }
  }

  /** Queues one message per active admin listing alerts they have not been told about. */
  notifyAdmins(): void {
    const { db, clock } = this.deps;
    const now = clock.now();
    const queued = db.transaction((tx) => {
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
    if (queued) this.deps.onQueued();
  }
}
