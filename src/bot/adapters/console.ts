// An interactive console transport: type as a phone number, read the bot's replies in the terminal.
// `/as +62…` switches who you are; replies to other people are shown with their number.
import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatOutbound } from '../simulator/sim-transport.js';
import type { InboundHandler, OutboundMessage, SendReceipt, Transport } from '../transport.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** E.164 phone you speak as. */
  phone: string;
  /** Normalises a typed phone for /as; null when invalid. */
  normalizePhone: (raw: string) => string | null;
  now: () => Date;
  /** Called when the input ends (Ctrl-D or end of a piped file). */
  onClose?: () => void;
}

export class ConsoleTransport implements Transport {
  readonly name = 'console';
  #rl: Interface | null = null;
  #phone: string;
  #seq = 0;
  readonly #session = randomUUID().slice(0, 8);
  #pending: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleOptions) {
    this.#phone = options.phone;
  }

  async start(handler: InboundHandler): Promise<void> {
    const { input, output } = this.options;
    output.write(`IMP Smart console — you are ${this.#phone}. Type a message; "/as +62…" to switch number; Ctrl-D to quit.\n`);
    this.#rl = createInterface({ input, terminal: false });
    this.#rl.on('line', (line) => {
      // Lines are handled one after another, like one phone typing.
      this.#pending = this.#pending.then(() => this.#onLine(line, handler));
    });
    this.#rl.on('close', () => {
      void this.#pending.then(() => this.options.onClose?.());
    });
  }

  async #onLine(line: string, handler: InboundHandler): Promise<void> {
    const as = /^\/as\s+(.+)$/.exec(line.trim());
    if (as) {
      const phone = this.options.normalizePhone(as[1]!);
      this.options.output.write(phone ? `(you are now ${phone})\n` : `(not a valid phone number: ${as[1]})\n`);
      if (phone) this.#phone = phone;
      return;
    }
    await handler({
      id: `console-${this.#session}-${++this.#seq}`,
      from: { phone: this.#phone, rawId: this.#phone },
      chat: { kind: 'private', address: this.#phone },
      content: { kind: 'text', text: line.replace(/\\n/g, '\n') },
      sentAt: this.options.now(),
    });
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    this.options.output.write(`${formatOutbound(message.to, message)}\n`);
    return { providerMessageId: `console-out-${message.outboxId}` };
  }

  /** Resolves when every typed line so far has been handled. */
  drained(): Promise<void> {
    return this.#pending;
  }

  async stop(): Promise<void> {
    this.#rl?.close();
    this.#rl = null;
  }
}
