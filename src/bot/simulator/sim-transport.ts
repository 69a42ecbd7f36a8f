// The simulator's transport: every outbound message is printed in the transcript's notation, in send order.
import { createHash } from 'node:crypto';
import type { InboundHandler, OutboundMessage, SendReceipt, Transport } from '../transport.js';

/** A stable fake WhatsApp group id for a label, the same in every run (so --db stories continue). */
export function simGroupId(label: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(label).digest('hex').slice(0, 15)}`).toString().padStart(18, '0').slice(0, 18);
  return `120363${digits}@g.us`;
}

export function formatOutbound(recipient: string, message: OutboundMessage): string {
  const body =
    message.content.kind === 'text'
      ? message.content.text
      : `[${message.content.kind === 'image' ? 'gambar' : 'dokumen'}: ${message.content.fileName}] ${message.content.caption}`;
  const [first = '', ...rest] = body.split('\n');
  return [`> ${recipient}: ${first}`, ...rest.map((l) => `  ${l}`)].join('\n');
}

export class SimTransport implements Transport {
  readonly name = 'simulator';
  #handler: InboundHandler | null = null;
  #seq = 0;

  constructor(
    private readonly write: (text: string) => void,
    /** How the transcript names an address: +<number> for people, the label for groups. */
    private readonly nameOf: (address: string) => string,
  ) {}

  async start(handler: InboundHandler): Promise<void> {
    this.#handler = handler;
  }

  get handler(): InboundHandler {
    if (!this.#handler) throw new Error('simulator transport not started');
    return this.#handler;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    this.write(`${formatOutbound(this.nameOf(message.to), message)}\n`);
    return { providerMessageId: `sim-out-${++this.#seq}` };
  }

  async stop(): Promise<void> {
    this.#handler = null;
  }
}
