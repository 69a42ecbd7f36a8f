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
}

/** Our sent messages, for Baileys' getMessage (a recipient asking for a resend). */
export interface SentMessageStore {
  /** `message` is base64 of proto.Message.encode(...). */
  save(id: string, remoteJid: string, message: string, sentAt: Date): void;
  load(id: string): string | null;
}
