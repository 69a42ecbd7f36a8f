// Watches a networked transport's link: records its state for health checks and `imp-smart whatsapp status`,
// raises alerts (logged out, banned, replaced, down for too long), marks late delivery failures in the outbox,
// and tells the admins on WhatsApp once the link is back. Outbound messages stay queued meanwhile: nothing is lost.
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { markDeliveryFailed } from '../db/repos/outbox.repo.js';
import { writeRuntimeState } from '../db/repos/runtime-state.repo.js';
import { AlertDesk } from './alert-desk.js';
import type { Logger } from '../logger.js';
import { OfflineHint } from './offline-hint.js';
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
  /** Where alerts go (default: a desk of its own on the same database). */
  alerts?: AlertDesk;
  /** The link is open again: the dispatcher resumes sending at once. */
  onOpen?: () => void;
}

export class LinkMonitor implements Pick<LinkEvents, 'stateChanged' | 'deliveryFailed'> {
  #status: TransportStatus;
  readonly #alerts: AlertDesk;
  readonly #offlineHint = new OfflineHint();

  constructor(private readonly deps: LinkMonitorDeps) {
    this.#status = { state: 'starting', detail: '', since: deps.clock.now() };
    this.#alerts = deps.alerts ?? new AlertDesk({ db: deps.db, clock: deps.clock, logger: deps.logger, onQueued: deps.onQueued });
  }

  get status(): TransportStatus {
    return this.#status;
  }

  stateChanged(state: LinkState, detail: string): void {
    const { db, clock, logger } = this.deps;
    const now = clock.now();
    if (state !== this.#status.state) this.#status = { state, detail, since: now };
    else this.#status = { ...this.#status, detail };
    try {
      writeRuntimeState(db, LINK_STATE_KEY, { state, detail, since: this.#status.since.toISOString() }, now);
    } catch (error) {
      // The link state is informational (status command); a database that cannot be written is alerted elsewhere.
      logger.warn({ err: error }, 'could not record the WhatsApp link state');
    }
    const alert = ALERTS[state];
    if (alert) {
      logger.error({ state, detail }, 'WhatsApp link needs an operator');
      this.#alerts.raise(alert.kind, alert.message);
    } else {
      logger.info({ state, detail }, 'WhatsApp link state');
    }
    const hint = this.#offlineHint.observe(state);
    if (hint) logger.warn(hint);
    if (state === 'open') {
      this.#alerts.resolve(LINK_DOWN.kind, ...Object.values(ALERTS).map((a) => a!.kind));
      this.deps.onOpen?.();
      this.notifyAdmins();
    }
  }

  deliveryFailed(providerMessageId: string, code: string): void {
    let found = false;
    try {
      found = markDeliveryFailed(this.deps.db, providerMessageId, code, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error({ err: error }, 'could not record a delivery failure');
    }
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
    if (this.#alerts.raise(LINK_DOWN.kind, LINK_DOWN.message(minutes))) {
      this.deps.logger.error({ state, downMs: down }, 'WhatsApp link down for too long');
    }
  }

  /** Queues one message per active admin listing alerts they have not been told about. */
  notifyAdmins(): void {
    this.#alerts.notifyAdmins();
  }
}
