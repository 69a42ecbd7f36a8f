// Sending holds that survive a restart (docs/whatsapp.md §6): a chat WhatsApp refused with 463/479 is left alone for hours
// (retrying counts as another reach-out and deepens the restriction), and while the account's reach-out is restricted
// nothing is sent. Kept in memory for the send path and written through to a SendHoldStore; expired by time.
import type { ReachoutTimelockState } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { SendHoldStore } from './ports.js';

/** The scope of the account-wide hold (a reach-out restriction); every other scope is a chat jid. */
export const ACCOUNT_SCOPE = '*';
/** When WhatsApp reports a restriction without an end, assume an hour (the open-time poll corrects it). */
const RESTRICTION_WITHOUT_END_MS = 3600_000;
const SWEEP_ABOVE = 1_000;

export class SendHolds {
  readonly #until = new Map<string, number>();

  constructor(
    private readonly store: SendHoldStore,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {
    let stored: ReturnType<SendHoldStore['load']> = [];
    try {
      stored = store.load();
    } catch (err) {
      logger.error({ err }, 'could not read the WhatsApp send holds; starting without them');
    }
    for (const { scope, until, reason } of stored) {
      if (until.getTime() > now()) {
        this.#until.set(scope, until.getTime());
        logger.warn({ scope: scope === ACCOUNT_SCOPE ? 'account' : 'chat', until, reason }, 'WhatsApp send hold still in force after restart');
      } else {
        this.#write(() => store.release(scope));
      }
    }
  }

  /** Until when (epoch ms) `scope` is held, or null when it is free. A hold that has run out is released. */
  until(scope: string): number | null {
    const until = this.#until.get(scope);
    if (until === undefined) return null;
    if (until > this.now()) return until;
    this.release(scope);
    return null;
  }

  hold(scope: string, until: number, reason: string): void {
    if (this.#until.get(scope) === until) return;
    this.#until.set(scope, until);
    this.#write(() => this.store.hold(scope, new Date(until), reason));
    if (this.#until.size > SWEEP_ABOVE) for (const s of [...this.#until.keys()]) this.until(s);
  }

  release(scope: string): void {
    if (!this.#until.delete(scope)) return;
    this.#write(() => this.store.release(scope));
  }

  /** WhatsApp's word on the account (connection.update or fetchAccountReachoutTimelock) replaces what we held. */
  applyReachout(lock: ReachoutTimelockState): void {
    const was = this.until(ACCOUNT_SCOPE);
    if (!lock.isActive) {
      if (was !== null) this.logger.info('WhatsApp reach-out restriction lifted: sending resumes');
      this.release(ACCOUNT_SCOPE);
      return;
    }
    const until = lock.timeEnforcementEnds?.getTime() ?? this.now() + RESTRICTION_WITHOUT_END_MS;
    if (until <= this.now()) return this.release(ACCOUNT_SCOPE);
    this.hold(ACCOUNT_SCOPE, until, `reach-out restricted (${lock.enforcementType ?? 'unknown'})`);
    if (was === null) this.logger.warn({ until: new Date(until), type: lock.enforcementType }, 'WhatsApp reach-out restriction: sending paused');
  }

  /** A failed write leaves the hold in memory: it still protects this run, only a restart would forget it. */
  #write(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error({ err }, 'could not store a WhatsApp send hold; it holds in memory only');
    }
  }
}
