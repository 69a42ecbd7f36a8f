// Outbound pacing for one WhatsApp number (baileys.md §6): about one message a second overall, several seconds
// between messages to the same chat, random jitter, and a typing pause before text. Bursts get numbers banned.
// Time and sleeping are injected, so tests run on a fake clock without waiting.

export interface PacingOptions {
  /** Minimum gap between any two sends. */
  globalGapMs: number;
  /** Minimum gap between two sends to the same chat. */
  perChatGapMs: number;
  /** Random extra delay before each send, between these bounds. */
  jitterMinMs: number;
  jitterMaxMs: number;
}

export const DEFAULT_PACING: PacingOptions = { globalGapMs: 1_000, perChatGapMs: 4_000, jitterMinMs: 500, jitterMaxMs: 2_000 };

/** How long the bot "types" before a text: 1–3 s by length. */
export function typingDelayMs(text: string): number {
  return Math.min(3_000, 1_000 + text.length * 15);
}

export class Pacer {
  #lastAny = Number.NEGATIVE_INFINITY;
  readonly #lastByChat = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly random: () => number,
    private readonly options: PacingOptions = DEFAULT_PACING,
  ) {}

  /** Waits until a send to `chat` is allowed, then records it as sent now. Callers send one at a time. */
  async waitTurn(chat: string): Promise<void> {
    const { globalGapMs, perChatGapMs, jitterMinMs, jitterMaxMs } = this.options;
    const now = this.now();
    const jitter = jitterMinMs + this.random() * (jitterMaxMs - jitterMinMs);
    const earliest = Math.max(now, this.#lastAny + globalGapMs, (this.#lastByChat.get(chat) ?? Number.NEGATIVE_INFINITY) + perChatGapMs);
    const wait = Math.max(0, earliest - now) + jitter;
    await this.sleep(wait);
    const sentAt = this.now();
    this.#lastAny = sentAt;
    this.#lastByChat.set(chat, sentAt);
    this.#forgetOld(sentAt);
  }

  /** Chats quiet for longer than the per-chat gap no longer constrain anything: keep the map small. */
  #forgetOld(now: number): void {
    if (this.#lastByChat.size < 1_000) return;
    for (const [chat, at] of this.#lastByChat) if (now - at > this.options.perChatGapMs) this.#lastByChat.delete(chat);
  }
}
