// WhatsApp's "typing…" pause before a text: 1–3 s by length, so the bot reads like an attended number. The pause
// runs inside the send of one chat; the dispatcher sends to other chats meanwhile, so pauses overlap.

export function typingDelayMs(text: string): number {
  return Math.min(3_000, 1_000 + text.length * 15);
}
