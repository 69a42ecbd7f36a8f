// Learns the LIDs of registered people before they write (docs/whatsapp.md §4, §8.1). People are registered by phone, but
// WhatsApp increasingly addresses them by LID, and LID → phone cannot be asked of the network (getPNForLID is local
// only) while phone → LID can (getLIDForPN runs a USync query on an open socket). So while the link is open, every
// round asks for the LIDs of active registered people without a known pair, a few at a time with gaps, and remembers
// the pairs: their first message from a LID is then recognised. Someone imported while the bot runs is picked up at
// the next round.
import { jidDecode } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { LidPairStore } from './ports.js';

export interface LidLookupOptions {
  /** Look-ups per round. */
  perRound: number;
  /** Gap between two look-ups of a round. */
  gapMs: number;
  /** Time between the end of a round and the start of the next, while the link stays open. */
  intervalMs: number;
  /** A phone WhatsApp had no LID for (not on WhatsApp, or not yet) is not asked again for this long. */
  missRetryMs: number;
}

export const DEFAULT_LID_LOOKUP: LidLookupOptions = { perRound: 20, gapMs: 3_000, intervalMs: 10 * 60_000, missRetryMs: 24 * 3600_000 };

export interface LidResolverDeps {
  pairs: LidPairStore;
  logger: Logger;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  setTimer: (fn: () => void, ms: number) => () => void;
  options: LidLookupOptions;
}

/** phone jid ("62812…@s.whatsapp.net") → LID jid, or null; production passes the socket's lidMapping.getLIDForPN. */
export type LidLookup = (pnJid: string) => Promise<string | null>;

export class LidResolver {
  /** Bumped by every start/stop: a round of an earlier link notices it is stale and ends. */
  #generation = 0;
  #cancelTimer: (() => void) | null = null;
  readonly #missedUntil = new Map<string, number>();
  #round: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LidResolverDeps) {}

  /** The link is open: a round now, then one every intervalMs until stop(). */
  start(lookup: LidLookup): void {
    this.stop();
    const generation = this.#generation;
    const loop = () => {
      this.#cancelTimer = null;
      this.#round = this.#runRound(lookup, generation)
        .catch((err: unknown) => this.deps.logger.error({ err }, 'LID look-up round failed'))
        .then(() => {
          if (generation === this.#generation) this.#cancelTimer = this.deps.setTimer(loop, this.deps.options.intervalMs);
        });
    };
    loop();
  }

  /** The link closed (or the transport stops): no further look-ups on it. */
  stop(): void {
    this.#generation++;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  /** Resolves when the current round has finished (tests). */
  async idle(): Promise<void> {
    await this.#round;
  }

  async #runRound(lookup: LidLookup, generation: number): Promise<void> {
    const { pairs, logger, now, sleep, options } = this.deps;
    for (const [phone, until] of this.#missedUntil) if (until <= now()) this.#missedUntil.delete(phone);
    // Ask for enough rows that phones skipped as recent misses cannot crowd out the others.
    const phones = pairs
      .phonesWithoutLid(options.perRound + this.#missedUntil.size)
      .filter((phone) => !this.#missedUntil.has(phone))
      .slice(0, options.perRound);
    let found = 0;
    let failed = 0;
    for (const [i, phone] of phones.entries()) {
      if (i > 0) await sleep(options.gapMs);
      if (generation !== this.#generation) return;
      try {
        const lidJid = await lookup(`${phone.replace(/^\+/, '')}@s.whatsapp.net`);
        const lid = lidJid ? jidDecode(lidJid)?.user : undefined;
        if (lid) {
          pairs.remember(lid, phone);
          found++;
        } else {
          this.#missedUntil.set(phone, now() + options.missRetryMs);
        }
      } catch (err) {
        // Transient (socket closing, timeout): skipped now, asked again next round.
        failed++;
        logger.warn({ err }, 'LID look-up for a registered person failed');
      }
    }
    if (phones.length > 0) logger.info({ asked: phones.length, found, failed }, 'looked up LIDs of registered people');
  }
}
