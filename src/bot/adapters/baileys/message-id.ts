// Idempotent sends: the WhatsApp message id of an outbox row is derived from its id and a per-database secret, so a
// message re-sent after a crash (sent, but the process died before the outbox recorded it) carries the same id and
// WhatsApp and the recipient's phone can recognise the second copy as the same message.
import { createHmac } from 'node:crypto';

/**
 * Formatted like Baileys' own ids (generateMessageIDV2: "3EB0" + 18 upper-case hex digits). The HMAC keeps ids
 * unguessable from the outbox id and distinct between databases (each has its own seed).
 */
export function messageIdFor(seed: string, outboxId: number): string {
  const mac = createHmac('sha256', seed).update(`outbox:${outboxId}`).digest('hex').toUpperCase();
  return `3EB0${mac.slice(0, 18)}`;
}
