// An in-memory transport for tests: deliver() hands a message to the bot; sent holds everything sent.
import type { InboundHandler, InboundMessage, OutboundMessage, SendReceipt, Transport } from '../transport.js';
import { TransportUnreachableError } from '../transport.js';

export class MemoryTransport implements Transport {
  readonly name: string;
  readonly sent: OutboundMessage[] = [];
  /** While true, sends fail as if the network were down. */
  offline = false;
  /** Why intake is suspended (the bot could not store messages), or null. */
  intakeSuspended: string | null = null;
  #handler: InboundHandler | null = null;

  constructor(name = 'memory') {
    this.name = name;
  }

  async start(handler: InboundHandler): Promise<void> {
    this.#handler = handler;
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    if (this.offline) throw new TransportUnreachableError('memory transport is offline');
    this.sent.push(message);
    return { providerMessageId: `mem-${message.outboxId}` };
  }

  async suspendIntake(reason: string): Promise<void> {
    this.intakeSuspended = reason;
  }

  async resumeIntake(): Promise<void> {
    this.intakeSuspended = null;
  }

  async stop(): Promise<void> {
    this.#handler = null;
  }

  /** Delivers one inbound message and resolves when the bot has processed it. */
  async deliver(message: InboundMessage): Promise<void> {
    if (!this.#handler) throw new Error('memory transport not started');
    await this.#handler(message);
  }
}
