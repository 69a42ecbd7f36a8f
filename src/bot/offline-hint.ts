// The one plain-words line a person at a terminal needs when `npm start` cannot reach WhatsApp (no internet, a
// firewall, WhatsApp refusing the connection): otherwise they see only a stream of reconnect lines and cannot tell
// whether the bot is broken or waiting. Said once per process, and only before WhatsApp has ever answered: a link
// that was open (or showed a QR code) and dropped is a different story, told by the link-down alert.
import type { LinkState } from './transport.js';

/**
 * `reconnecting` reports before the hint. The transport reports each failed attempt twice (the retry is scheduled,
 * then it connects again), so 3 is the second failure: one failure is often just a slow network at start.
 */
export const OFFLINE_HINT_AFTER_REPORTS = 3;

export const OFFLINE_HINT =
  'WhatsApp cannot be reached from this machine (no internet, or the connection is refused). ' +
  'The bot keeps retrying in the background; replies wait in the outbox and go out once it connects. ' +
  'To try the bot without WhatsApp, stop it (Ctrl-C) and run "IMP_TRANSPORT=console npm start" to chat in this terminal, ' +
  'or "npx imp-smart simulate < transcript.txt" (see docs/simulator.md).';

/** Watches the link states of one process and answers the hint exactly once, when it is due. */
export class OfflineHint {
  #reached = false;
  #reports = 0;
  #said = false;

  /** The text to log now, or null. */
  observe(state: LinkState): string | null {
    // A QR code or a pairing code means WhatsApp answered: the network is fine, whatever happens next.
    if (state === 'open' || state === 'waiting_for_pairing') this.#reached = true;
    if (this.#reached || this.#said || state !== 'reconnecting') return null;
    this.#reports++;
    if (this.#reports < OFFLINE_HINT_AFTER_REPORTS) return null;
    this.#said = true;
    return OFFLINE_HINT;
  }
}
