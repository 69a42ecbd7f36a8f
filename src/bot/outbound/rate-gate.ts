// The outbound rate gate for one number: a token bucket shared by every chat, with replies served before outreach.
// Each send takes a token; tokens refill at `ratePerSecond` up to `burst` (a few messages may go at once, then the
// rate holds). Outreach (notices, digests, reminders) also needs a token from its own slower bucket and may never take
// the last `replyReserve` tokens, so a reply arriving at any moment finds one. Waiters are served replies first, then
// notices, then bulk, first come first served within a class. Time and sleeping are injected: tests run on a
// simulated clock.
import type { SendPriority } from '../transport.js';

export interface RateOptions {
  /** Sustained sends per second, all chats together. */
  ratePerSecond: number;
  /** Tokens the bucket holds: how many sends may go back to back after a quiet moment. */
  burst: number;
  /** Sustained outreach (notice + bulk) sends per minute. */
  outreachPerMinute: number;
  /** Tokens outreach leaves for replies. */
  replyReserve: number;
}

const CLASS: Record<SendPriority, number> = { reply: 0, notice: 1, bulk: 2 };

interface Waiter {
  chat: string;
  priority: SendPriority;
  seq: number;
  resolve: () => void;
}

export class RateGate {
  #tokens: number;
  #outreachTokens: number;
  #refilledAt: number;
  #waiters: Waiter[] = [];
  #seq = 0;
  #wakeAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly options: RateOptions,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.#tokens = options.burst;
    this.#outreachTokens = 1;
    this.#refilledAt = now();
  }

  /** Resolves when a message of this priority to `chat` may be sent; the token is taken. */
  acquire(chat: string, priority: SendPriority): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push({ chat, priority, seq: ++this.#seq, resolve });
      this.#waiters.sort((a, b) => CLASS[a.priority] - CLASS[b.priority] || a.seq - b.seq);
      this.#pump();
    });
  }

  /** A reply is now waiting behind an outreach message of the same chat: that message goes at reply priority. */
  promote(chat: string): void {
    let changed = false;
    for (const w of this.#waiters) {
      if (w.chat === chat && w.priority !== 'reply') {
        w.priority = 'reply';
        changed = true;
      }
    }
    if (changed) {
      this.#waiters.sort((a, b) => CLASS[a.priority] - CLASS[b.priority] || a.seq - b.seq);
      this.#pump();
    }
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  #refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.#refilledAt) / 1000;
    this.#refilledAt = now;
    const { ratePerSecond, burst, outreachPerMinute } = this.options;
    this.#tokens = Math.min(burst, this.#tokens + elapsed * ratePerSecond);
    this.#outreachTokens = Math.min(1, this.#outreachTokens + (elapsed * outreachPerMinute) / 60);
  }

  #pump(): void {
    this.#refill();
    const { replyReserve } = this.options;
    // Small tolerance: refills are computed from millisecond clocks.
    const EPS = 1e-9;
    while (this.#waiters.length > 0) {
      const head = this.#waiters[0]!;
      const isReply = head.priority === 'reply';
      const ok = isReply ? this.#tokens >= 1 - EPS : this.#tokens >= 1 + replyReserve - EPS && this.#outreachTokens >= 1 - EPS;
      if (!ok) break;
      this.#tokens -= 1;
      if (!isReply) this.#outreachTokens -= 1;
      this.#waiters.shift();
      head.resolve();
    }
    if (this.#waiters.length > 0) this.#scheduleWake();
  }

  /** Sleeps until the head waiter can go, then pumps again (one wake pending at a time, moved earlier if needed). */
  #scheduleWake(): void {
    const head = this.#waiters[0]!;
    const { ratePerSecond, outreachPerMinute, replyReserve } = this.options;
    const need = head.priority === 'reply' ? 1 - this.#tokens : 1 + replyReserve - this.#tokens;
    let ms = Math.max(0, need) / ratePerSecond * 1000;
    if (head.priority !== 'reply') ms = Math.max(ms, (Math.max(0, 1 - this.#outreachTokens) * 60_000) / outreachPerMinute);
    const at = this.now() + Math.ceil(ms);
    if (at >= this.#wakeAt) return;
    this.#wakeAt = at;
    void this.sleep(Math.ceil(ms)).then(() => {
      if (this.#wakeAt === at) this.#wakeAt = Number.POSITIVE_INFINITY;
      this.#pump();
    });
  }
}
