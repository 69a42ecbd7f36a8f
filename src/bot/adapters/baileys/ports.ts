// What the WhatsApp adapter needs from the rest of the program, as narrow ports. main.ts passes in
// implementations backed by the database (src/db/repos/whatsapp.repo.ts); tests may pass in-memory ones.
// Values cross these ports as plain strings: the adapter owns Baileys' encoding (BufferJSON, proto).

/** Durable key/value storage for Baileys' auth state (creds + signal keys) of one session. */
export interface AuthKeyValueStore {
  /** The creds JSON (BufferJSON-encoded), or null when never paired. */
  readCreds(): string | null;
  writeCreds(json: string): void;
  /** Stored values for the ids of one type; missing ids are left out. */
  readKeys(type: string, ids: readonly string[]): Record<string, string>;
  /** Writes (json) and deletes (null) in one transaction: all of the batch or none of it. */
  writeKeys(entries: readonly { type: string; id: string; json: string | null }[]): void;
  /** Forgets the whole session (re-pairing). */
  clear(): void;
}

/** LID ↔ phone pairs seen on the wire, kept by us as well as by Baileys. */
export interface LidPairStore {
  /** `lid` is the LID user part ("123456789012345"), `phone` an E.164 number. */
  remember(lid: string, phone: string): void;
  phoneFor(lid: string): string | null;
  /**
   * Phones (E.164) of active registered people for whom no pair is known yet, at most `limit`, oldest registration
   * first: the adapter asks WhatsApp for their LIDs (phone → LID is a network look-up, LID → phone is not).
   */
  phonesWithoutLid(limit: number): string[];
}

/** Our sent messages, for Baileys' getMessage (a recipient asking for a resend). */
export interface SentMessageStore {
  /** `message` is base64 of proto.Message.encode(...). */
  save(id: string, remoteJid: string, message: string, sentAt: Date): void;
  load(id: string): string | null;
}

/**
 * Sending holds that must survive a restart, of one session. `scope` is a chat jid (WhatsApp refused a message to it
 * with 463/479: leave it alone for hours) or '*' for the account (a reach-out restriction: pause all sending).
 */
export interface SendHoldStore {
  /** Every stored hold, expired ones included (the adapter releases those). */
  load(): { scope: string; until: Date; reason: string }[];
  /** Creates or replaces the hold on `scope`. */
  hold(scope: string, until: Date, reason: string): void;
  release(scope: string): void;
}
