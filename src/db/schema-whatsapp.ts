// WhatsApp session and operations tables (part of schema.ts).
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
// ---- WhatsApp (Baileys) session: own tables in the same database. Report data never lives here, so re-pairing
// (wiping these) never touches it.

/** Baileys AuthenticationCreds, BufferJSON-encoded, one row per session name. */
export const waCreds = sqliteTable('wa_creds', {
  session: text('session').primaryKey(),
  json: text('json').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Baileys signal keys (pre-key, session, sender-key, app-state-sync-key, lid-mapping, …), BufferJSON-encoded. */
export const waKeys = sqliteTable(
  'wa_keys',
  {
    session: text('session').notNull(),
    type: text('type').notNull(),
    id: text('id').notNull(),
    json: text('json').notNull(),
  },
  (t) => [primaryKey({ columns: [t.session, t.type, t.id] })],
);

/** Every LID ↔ phone pair we have seen, kept even across re-pairing: WhatsApp cannot look LIDs up. */
export const waLidPairs = sqliteTable(
  'wa_lid_pairs',
  {
    lid: text('lid').primaryKey(),
    /** E.164 phone. */
    phone: text('phone').notNull(),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [index('wa_lid_pairs_phone_idx').on(t.phone)],
);

/** Messages we sent (encoded proto), so Baileys' getMessage can serve a recipient's retry after a restart. */
export const waSentMessages = sqliteTable(
  'wa_sent_messages',
  {
    id: text('id').primaryKey(),
    remoteJid: text('remote_jid').notNull(),
    /** base64 of proto.Message.encode(message). */
    message: text('message').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [index('wa_sent_messages_sent_at_idx').on(t.sentAt)],
);

/**
 * Sending holds that must survive a restart: WhatsApp refused a chat with 463/479 (leave it alone for hours), or
 * restricted the account's reach-out (pause sending until it ends). `scope` is a chat jid, or '*' for the account.
 */
export const waSendHolds = sqliteTable(
  'wa_send_holds',
  {
    session: text('session').notNull(),
    scope: text('scope').notNull(),
    until: text('until').notNull(),
    reason: text('reason').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.session, t.scope] })],
);

/** Operational alerts (logged out, banned, link down…): shown by the health check and sent to admins. */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stable kind, e.g. WHATSAPP_LOGGED_OUT; one open alert per kind. */
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    raisedAt: text('raised_at').notNull(),
    resolvedAt: text('resolved_at'),
    /** When the admins were told on WhatsApp. */
    notifiedAt: text('notified_at'),
  },
  (t) => [index('alerts_kind_idx').on(t.kind, t.resolvedAt)],
);

/** Small operational state shared between the running bot and CLI commands (e.g. the WhatsApp link state). */
export const runtimeState = sqliteTable('runtime_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
