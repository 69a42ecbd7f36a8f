// Storage for the WhatsApp (Baileys) session: auth creds and signal keys, LID ↔ phone pairs, our sent messages and
// the sending holds (refused chats, account restriction) that must survive a restart.
// These functions implement the adapter's ports (src/bot/adapters/baileys/ports.ts) structurally: the db layer sits
// below the bot, so it cannot import those interfaces; the types below are kept identical to them instead and the
// compiler checks the match where main.ts passes these objects to the adapter.
// Values are opaque strings here: the adapter owns Baileys' encoding (BufferJSON, protobuf), the database owns
// durability and atomicity.
import { and, asc, eq, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client.js';
import { people, waCreds, waKeys, waLidPairs, waSendHolds, waSentMessages } from '../schema.js';

/** Same shape as the adapter's AuthKeyValueStore port. */
export interface AuthKeyValueRows {
  readCreds(): string | null;
  writeCreds(json: string): void;
  readKeys(type: string, ids: readonly string[]): Record<string, string>;
  writeKeys(entries: readonly { type: string; id: string; json: string | null }[]): void;
  clear(): void;
}

/** Same shape as the adapter's LidPairStore port. */
export interface LidPairRows {
  remember(lid: string, phone: string): void;
  phoneFor(lid: string): string | null;
  phonesWithoutLid(limit: number): string[];
}

/** Same shape as the adapter's SendHoldStore port. */
export interface SendHoldRows {
  load(): { scope: string; until: Date; reason: string }[];
  hold(scope: string, until: Date, reason: string): void;
  release(scope: string): void;
}

/** Same shape as the adapter's SentMessageStore port. */
export interface SentMessageRows {
  save(id: string, remoteJid: string, message: string, sentAt: Date): void;
  load(id: string): string | null;
}

/**
 * SQLite allows a bounded number of bound parameters per statement (32766 in the bundled build, 999 in old ones);
 * Baileys asks for hundreds of pre-keys or device sessions at once, so large id lists are read in slices.
 */
const READ_CHUNK = 500;

/**
 * The auth state of one session (several sessions may share the database: the session name is part of every key).
 * Every call is synchronous and durable when it returns, so a `creds.update` saved just before a 515 restart is on
 * disk before the next socket reads it.
 */
export function createAuthKeyValueStore(db: Db, session: string): AuthKeyValueRows {
  return {
    readCreds() {
      const row = db.select({ json: waCreds.json }).from(waCreds).where(eq(waCreds.session, session)).get();
      return row?.json ?? null;
    },

    writeCreds(json) {
      const updatedAt = new Date().toISOString();
      db.insert(waCreds)
        .values({ session, json, updatedAt })
        .onConflictDoUpdate({ target: waCreds.session, set: { json, updatedAt } })
        .run();
    },

    readKeys(type, ids) {
      const out: Record<string, string> = {};
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += READ_CHUNK) {
        const slice = unique.slice(i, i + READ_CHUNK);
        const rows = db
          .select({ id: waKeys.id, json: waKeys.json })
          .from(waKeys)
          .where(and(eq(waKeys.session, session), eq(waKeys.type, type), inArray(waKeys.id, slice)))
          .all();
        for (const row of rows) out[row.id] = row.json;
      }
      return out;
    },

    writeKeys(entries) {
      if (entries.length === 0) return;
      // One IMMEDIATE transaction per batch: Baileys hands over a ratchet step as one batch (session + pre-key
      // removal + identity…), and half of it on disk is worse than none ("Bad MAC" on the next message).
      // IMMEDIATE takes the write lock up front, so a concurrent writer (the CLI) waits on busy_timeout instead of
      // failing the batch half-way with SQLITE_BUSY on the lock upgrade.
      db.transaction(
        (tx) => {
          for (const { type, id, json } of entries) {
            if (json === null) {
              tx.delete(waKeys)
                .where(and(eq(waKeys.session, session), eq(waKeys.type, type), eq(waKeys.id, id)))
                .run();
            } else {
              tx.insert(waKeys)
                .values({ session, type, id, json })
                .onConflictDoUpdate({ target: [waKeys.session, waKeys.type, waKeys.id], set: { json } })
                .run();
            }
          }
        },
        { behavior: 'immediate' },
      );
    },

    clear() {
      // Creds and keys go together: keys without their identity (or the reverse) are a broken session.
      db.transaction(
        (tx) => {
          tx.delete(waKeys).where(eq(waKeys.session, session)).run();
          tx.delete(waCreds).where(eq(waCreds.session, session)).run();
        },
        { behavior: 'immediate' },
      );
    },
  };
}

/**
 * Our own LID → phone table. Not scoped to a session and not wiped on re-pairing: WhatsApp offers no LID → phone
 * look-up, so every pair we have ever seen is worth keeping.
 */
export function createLidPairStore(db: Db, now: () => Date): LidPairRows {
  return {
    remember(lid, phone) {
      const seenAt = now().toISOString();
      // Called for nearly every inbound message: only write when the pair is new or the phone changed, so the
      // common case (same pair again) costs no write and no WAL growth. seen_at therefore records when the pair
      // was first seen in its current form.
      db.insert(waLidPairs)
        .values({ lid, phone, seenAt })
        .onConflictDoUpdate({ target: waLidPairs.lid, set: { phone, seenAt }, setWhere: ne(waLidPairs.phone, phone) })
        .run();
    },

    phoneFor(lid) {
      const row = db.select({ phone: waLidPairs.phone }).from(waLidPairs).where(eq(waLidPairs.lid, lid)).get();
      return row?.phone ?? null;
    },

    phonesWithoutLid(limit) {
      // Active people with no pair on their phone (wa_lid_pairs_phone_idx makes the anti-join an index probe).
      return db
        .select({ phone: people.phone })
        .from(people)
        .leftJoin(waLidPairs, eq(waLidPairs.phone, people.phone))
        .where(and(eq(people.active, true), isNull(waLidPairs.lid)))
        .orderBy(asc(people.id))
        .limit(limit)
        .all()
        .map((row) => row.phone);
    },
  };
}

/**
 * The sending holds of one session (wa_send_holds): a refused chat, or '*' for the account's reach-out restriction.
 * Expiry is the adapter's business (it compares `until` with its clock and releases what has passed).
 */
export function createSendHoldStore(db: Db, session: string, now: () => Date): SendHoldRows {
  return {
    load() {
      return db
        .select({ scope: waSendHolds.scope, until: waSendHolds.until, reason: waSendHolds.reason })
        .from(waSendHolds)
        .where(eq(waSendHolds.session, session))
        .all()
        .map((row) => ({ scope: row.scope, until: new Date(row.until), reason: row.reason }));
    },

    hold(scope, until, reason) {
      const createdAt = now().toISOString();
      db.insert(waSendHolds)
        .values({ session, scope, until: until.toISOString(), reason, createdAt })
        .onConflictDoUpdate({ target: [waSendHolds.session, waSendHolds.scope], set: { until: until.toISOString(), reason, createdAt } })
        .run();
    },

    release(scope) {
      db.delete(waSendHolds)
        .where(and(eq(waSendHolds.session, session), eq(waSendHolds.scope, scope)))
        .run();
    },
  };
}

/** Sent messages kept for Baileys' getMessage (a recipient's retry request after a restart). */
export function createSentMessageStore(db: Db): SentMessageRows {
  return {
    save(id, remoteJid, message, sentAt) {
      // Message ids are unique per send; a second save of the same id (Baileys echoing our own send back) keeps
      // the first copy rather than failing the send path.
      db.insert(waSentMessages).values({ id, remoteJid, message, sentAt: sentAt.toISOString() }).onConflictDoNothing().run();
    },

    load(id) {
      const row = db.select({ message: waSentMessages.message }).from(waSentMessages).where(eq(waSentMessages.id, id)).get();
      return row?.message ?? null;
    },
  };
}

/** Forgets sent messages older than `olderThan` (retries come within minutes or days, not forever). Returns the count. */
export function pruneSentMessages(db: DbOrTx, olderThan: Date): number {
  return db.delete(waSentMessages).where(lt(waSentMessages.sentAt, olderThan.toISOString())).run().changes;
}
