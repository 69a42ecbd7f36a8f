// The port every transport implements: WhatsApp (Baileys), the simulator, the console and the in-memory one.
// Adapters translate their vendor's objects into InboundMessage at the edge and send OutboundMessage; they know
// nothing about flows or the database.

/** A message as the router sees it, whatever transport it came from. */
export interface InboundMessage {
  /** Provider message id: the durable de-duplication key. Must be unique per transport. */
  id: string;
  /** The sender: E.164 phone when known. */
  from: { phone: string | null; /** Opaque transport id (e.g. a WhatsApp LID) when the phone is unknown. */ rawId: string };
  /** Where it was said: a private chat, or a group (then replies would go to everyone in it). */
  chat: { kind: 'private'; address: string } | { kind: 'group'; groupId: string; label?: string };
  content:
    | { kind: 'text'; text: string }
    | { kind: 'media'; media: 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'other'; caption: string | null }
    /** The provider could not decrypt it (WhatsApp CIPHERTEXT stub): we only know someone wrote. */
    | { kind: 'undecryptable' };
  /** When the provider says it was sent. */
  sentAt: Date;
}

/** Why a message is sent: a reply to the message just received, a notice to someone else, or bulk outreach. */
export type SendPriority = 'reply' | 'notice' | 'bulk';

export interface OutboundMessage {
  /**
   * The outbox row id: lets a transport make sends idempotent. A message re-sent after a crash (sent, but the
   * process died before the outbox recorded it) carries the same id, and a transport that derives the network's
   * message id from it lets the network drop the duplicate.
   */
  outboxId: number;
  priority: SendPriority;
  /** E.164 phone, group id, or a raw chat address from InboundMessage.chat. */
  to: string;
  content:
    | { kind: 'text'; text: string }
    | { kind: 'image' | 'document'; fileName: string; path: string | null; caption: string };
}

export interface SendReceipt {
  providerMessageId: string | null;
}

export type InboundHandler = (message: InboundMessage) => Promise<void>;

/** The state of a transport's link to its network (always 'open' for local transports). */
export type LinkState =
  | 'starting'
  | 'connecting'
  | 'waiting_for_pairing'
  | 'open'
  | 'reconnecting'
  | 'restricted'
  | 'logged_out'
  | 'banned'
  | 'replaced'
  /** Intake suspended (suspendIntake): the network holds inbound messages until resumeIntake(). */
  | 'suspended'
  | 'stopped';

export interface TransportStatus {
  state: LinkState;
  detail: string;
  since: Date;
}

/** What a networked transport reports; main.ts turns it into alerts, outbox updates and log lines. */
export interface LinkEvents {
  stateChanged(state: LinkState, detail: string): void;
  /** The network refused a message after accepting it (WhatsApp messages.update ERROR), e.g. code "463". */
  deliveryFailed(providerMessageId: string, code: string): void;
  /** A QR code to show in the terminal, or a pairing code to print. */
  pairing(info: { qr: string } | { code: string }): void;
}

export interface Transport {
  readonly name: string;
  /** Where the link stands; transports without a network leave it out (always up). */
  status?(): TransportStatus;
  /** Begins delivering inbound messages to the handler. */
  start(handler: InboundHandler): Promise<void>;
  /**
   * Sends one message. Throws TransportRejectedError (never retry) or TransportUnreachableError (retry later).
   * The outbox dispatcher calls it for several chats at once (never twice at once for one chat), after its own rate
   * gate; a transport adds only what is its own (WhatsApp's typing pause).
   */
  send(message: OutboundMessage): Promise<SendReceipt>;
  /**
   * Stops taking inbound messages because they cannot be stored (disk full, read-only database). A network that
   * keeps undelivered messages (WhatsApp) then holds them until resumeIntake(); transports without one leave it out.
   */
  suspendIntake?(reason: string): Promise<void>;
  resumeIntake?(): Promise<void>;
  stop(): Promise<void>;
}

/** The remote refused this message (bad address, blocked, policy): retrying will not help. */
export class TransportRejectedError extends Error {
  override name = 'TransportRejectedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The transport could not reach the remote (socket down, timeout): retry later. */
export class TransportUnreachableError extends Error {
  override name = 'TransportUnreachableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
