// What to do when the WhatsApp socket closes, as a pure function of the close code (docs: docs/whatsapp.md §2).

export type ReconnectDecision =
  /** `refreshVersion`: fetch the current WhatsApp Web version before the next socket (a stale one is refused). */
  | { action: 'reconnect'; delayMs: number; reason: string; refreshVersion?: true }
  | { action: 'stop'; state: 'logged_out' | 'banned' | 'replaced'; wipeAuth: boolean; reason: string };

const MAX_BACKOFF_MS = 60_000;
const BASE_BACKOFF_MS = 2_000;

/** Exponential backoff with jitter: min(60 s, 2 s·2^attempt) · (0.5 … 1.5). */
export function backoffMs(attempt: number, random: () => number): number {
  return Math.round(Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt) * (0.5 + random()));
}

/**
 * `attempt` counts reconnects since the link was last open (0 for the first). `random` returns [0, 1).
 * Codes: 401/419 logged out and 411 multi-device mismatch → re-pair; 403 banned and 440 replaced → stop and alert
 * (reconnecting would fight another socket or the ban); 515 after pairing → at once; 405 "Connection Failure" (not in
 * DisconnectReason; usually a stale WhatsApp Web version) → refresh the version, then backoff; anything else → backoff.
 */
export function decideReconnect(code: number | undefined, attempt: number, random: () => number): ReconnectDecision {
  switch (code) {
    case 401:
    case 419:
      return { action: 'stop', state: 'logged_out', wipeAuth: true, reason: `logged out (${code}): pair again` };
    case 411:
      return { action: 'stop', state: 'logged_out', wipeAuth: true, reason: 'multi-device mismatch (411): pair again' };
    case 403:
      return { action: 'stop', state: 'banned', wipeAuth: false, reason: 'account forbidden (403): WhatsApp blocked this number' };
    case 440:
      return { action: 'stop', state: 'replaced', wipeAuth: false, reason: 'connection replaced (440): another session uses this number' };
    case 515:
      return { action: 'reconnect', delayMs: 0, reason: 'restart required (515)' };
    case 405:
      return { action: 'reconnect', delayMs: backoffMs(attempt, random), reason: 'connection failure (405): refreshing the WhatsApp Web version', refreshVersion: true };
    case 408:
      return { action: 'reconnect', delayMs: backoffMs(attempt, random), reason: 'WhatsApp unreachable or timed out (408)' };
    default:
      return { action: 'reconnect', delayMs: backoffMs(attempt, random), reason: code === undefined ? 'connection closed' : `closed with ${code}` };
  }
}
