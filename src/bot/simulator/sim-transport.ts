// The simulator's transport: every outbound message is printed in the transcript's notation, in send order; with a
// media directory (--media-dir), the images and documents are also written there by their names, to be opened.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TransportRejectedError, type InboundHandler, type OutboundMessage, type SendReceipt, type Transport } from '../transport.js';

/** A stable fake WhatsApp group id for a label, the same in every run (so --db stories continue). */
export function simGroupId(label: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(label).digest('hex').slice(0, 15)}`).toString().padStart(18, '0').slice(0, 18);
  return `120363${digits}@g.us`;
}

export function formatOutbound(recipient: string, message: OutboundMessage): string {
  const body =
    message.content.kind === 'text'
      ? message.content.text
      : `[${message.content.kind === 'image' ? 'gambar' : 'dokumen'}: ${message.content.fileName}]${message.content.caption ? ` ${message.content.caption}` : ''}`;
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
    /** Where sent images and documents are copied (--media-dir), or null. */
    private readonly mediaDir: string | null = null,
  ) {}

  async start(handler: InboundHandler): Promise<void> {
    this.#handler = handler;
  }

  get handler(): InboundHandler {
    if (!this.#handler) throw new Error('simulator transport not started');
    return this.#handler;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const { content } = message;
    if (content.kind !== 'text') {
      // As WhatsApp's adapter does: a message whose file is gone cannot be sent, and is marked failed.
      if (!content.path || !existsSync(content.path)) throw new TransportRejectedError(`no file for ${content.fileName}`);
      if (this.mediaDir) {
        mkdirSync(this.mediaDir, { recursive: true });
        // basename: the name is ours, but a file is only ever written inside the directory asked for.
        copyFileSync(content.path, join(this.mediaDir, basename(content.fileName)));
      }
    }
    this.write(`${formatOutbound(this.nameOf(message.to), message)}\n`);
    return { providerMessageId: `sim-out-${++this.#seq}` };
  }

  async stop(): Promise<void> {
    this.#handler = null;
  }
}
