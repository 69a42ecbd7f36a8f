// The whole database schema. One file until it hurts (see docs/ARCHITECTURE.md).
// Migrations are generated from it with `npm run db:generate -- --name <what>` and committed in drizzle/.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/roles.js';

/** Timestamps are ISO-8601 UTC strings: sortable, readable in the sqlite shell, no driver conversion. */
const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const AREA_LEVELS = ['kabupaten', 'kecamatan', 'desa'] as const;
export const DESA_KINDS = ['desa', 'kelurahan'] as const;

/** Kabupaten → kecamatan → desa/kelurahan, keyed by Kemendagri code (73.06, 73.06.06, 73.06.06.2001). */
export const areas = sqliteTable(
  'areas',
  {
    code: text('code').primaryKey(),
    level: text('level', { enum: AREA_LEVELS }).notNull(),
    name: text('name').notNull(),
    /** Only for level 'desa': whether it is a desa or a kelurahan. */
    kind: text('kind', { enum: DESA_KINDS }),
    parentCode: text('parent_code').references((): any => areas.code),
  },
  (t) => [index('areas_parent_code_idx').on(t.parentCode)],
);

/** Other spellings of an area's name (older BPS spelling, local variants), for tolerant lookup. */
export const areaAliases = sqliteTable(
  'area_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    alias: text('alias').notNull(),
    source: text('source').notNull(),
  },
  (t) => [uniqueIndex('area_aliases_area_code_alias_idx').on(t.areaCode, t.alias)],
);

/** Dusun / RW under a desa. Not in public Kemendagri data: created from the people import. */
export const areaUnits = sqliteTable(
  'area_units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    name: text('name').notNull(),
    /** Lower-cased, whitespace-collapsed name: "Dusun  Bontoa" and "dusun bontoa" are one unit. */
    nameKey: text('name_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('area_units_desa_code_name_key_idx').on(t.desaCode, t.nameKey)],
);

/**
 * Which desa take part in the programme, as dated events. A desa takes part in period P when its latest
 * event with from_period <= P is a 'join'; with no event at all it takes part (the default).
 */
export const areaParticipation = sqliteTable(
  'area_participation',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    action: text('action', { enum: ['join', 'leave'] }).notNull(),
    /** First period (YYYY-MM) the action applies to. */
    fromPeriod: text('from_period').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('area_participation_desa_code_idx').on(t.desaCode, t.fromPeriod)],
);

/** Registered people. Never deleted: deactivated instead, so history and authorship stay attributable. */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** E.164, e.g. +6281234567001. */
    phone: text('phone').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /**
     * The area as registered: desa for cadres, kecamatan for a koordinator, kabupaten for dinas/admin. For a pkb the
     * binaan is in person_areas and this holds the spec as imported ("73.06.06" or "73.06.06.2001;73.06.06.2002").
     */
    areaSpec: text('area_spec').notNull(),
    /** The one area that names the person's place: their desa, the pkb's kecamatan (or kabupaten), etc. */
    homeAreaCode: text('home_area_code')
      .notNull()
      .references(() => areas.code),
    unitId: integer('unit_id').references(() => areaUnits.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('people_phone_idx').on(t.phone)],
);

/** The desa a person covers (one for cadres, the binaan for a pkb, all desa of the scope for the others). */
export const personAreas = sqliteTable(
  'person_areas',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
  },
  (t) => [primaryKey({ columns: [t.personId, t.areaCode] }), index('person_areas_area_code_idx').on(t.areaCode)],
);

/** Every version of a person, written on create, change, deactivation and reactivation. */
export const peopleHistory = sqliteTable(
  'people_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    change: text('change', { enum: ['created', 'updated', 'deactivated', 'reactivated'] }).notNull(),
    /** JSON of the person's fields after the change. */
    snapshot: text('snapshot').notNull(),
    source: text('source').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('people_history_person_id_idx').on(t.personId)],
);

/** WhatsApp groups the bot has seen or been told about (the simulator gives each label a stable fake id). */
export const chatGroups = sqliteTable('chat_groups', {
  id: text('id').primaryKey(),
  label: text('label').notNull(),
  createdAt: createdAt(),
});

/** The flow engine's state per sender (see src/flows/engine/types.ts ConversationState). */
export const conversations = sqliteTable('conversations', {
  senderKey: text('sender_key').primaryKey(),
  state: text('state').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Every inbound message, keyed by the provider's message id: the durable de-duplication key. The text is kept for
 * support and audit, and pruned after the retention period (UU PDP: raw message logs at most 90 days).
 */
export const inboundMessages = sqliteTable(
  'inbound_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    providerId: text('provider_id').notNull(),
    transport: text('transport').notNull(),
    senderKey: text('sender_key').notNull(),
    chatId: text('chat_id').notNull(),
    kind: text('kind').notNull(),
    text: text('text'),
    receivedAt: text('received_at').notNull(),
    processedAt: text('processed_at').notNull(),
    outcome: text('outcome', { enum: ['handled', 'ignored', 'failed'] }).notNull(),
  },
  (t) => [
    uniqueIndex('inbound_messages_provider_id_idx').on(t.providerId),
    index('inbound_messages_received_at_idx').on(t.receivedAt),
  ],
);

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/** Every outbound message. Written in the same transaction as the state change that caused it; sent after commit. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Transport address: E.164 phone for a person, a group id for a group, or a raw chat id (unregistered LID). */
    toAddress: text('to_address').notNull(),
    kind: text('kind', { enum: ['text', 'image', 'document'] }).notNull(),
    text: text('text').notNull(),
    mediaName: text('media_name'),
    mediaPath: text('media_path'),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Earliest time of the next attempt (backoff after a transport outage). */
    notBefore: text('not_before').notNull(),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    providerMessageId: text('provider_message_id'),
    /** The inbound message that caused this one, if any (no foreign key: inbound rows are pruned). */
    inboundId: integer('inbound_id'),
  },
  (t) => [index('outbox_status_not_before_idx').on(t.status, t.notBefore), index('outbox_provider_message_id_idx').on(t.providerMessageId)],
);

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

// ---- The monthly village recap (domain.md §5).

export const RECAP_STATUSES = ['submitted', 'returned', 'verified'] as const;

/**
 * One recap per desa, period and unit: the desa record (unit_key '') or a dusun part (unit_key = the unit id).
 * Drafts live in the cadre's conversation; a row exists from the first submission. Values are never adjusted.
 */
export const recaps = sqliteTable(
  'recaps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    /** YYYY-MM (WITA). */
    period: text('period').notNull(),
    unitId: integer('unit_id').references(() => areaUnits.id),
    /** '' for the desa record, else the unit id: SQLite treats NULLs as distinct in unique indexes. */
    unitKey: text('unit_key').notNull(),
    status: text('status', { enum: RECAP_STATUSES }).notNull(),
    /** The current version number (1 at first submission). */
    version: integer('version').notNull(),
    /** JSON: field id → count, as the cadre confirmed them. */
    values: text('values').notNull(),
    /** JSON: soft-rule warnings raised and the cadre's answer ({ rule, message, answer }). */
    warnings: text('warnings').notNull(),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => people.id),
    receiptCode: text('receipt_code').notNull(),
    submittedAt: text('submitted_at').notNull(),
    late: integer('late', { mode: 'boolean' }).notNull(),
    verifiedAt: text('verified_at'),
    verifiedBy: integer('verified_by').references(() => people.id),
    returnedReason: text('returned_reason'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('recaps_desa_code_period_unit_key_idx').on(t.desaCode, t.period, t.unitKey),
    uniqueIndex('recaps_receipt_code_idx').on(t.receiptCode),
    index('recaps_period_idx').on(t.period, t.status),
  ],
);

/** Every submitted version and every status change of a recap, kept for good. */
export const recapEvents = sqliteTable(
  'recap_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recapId: integer('recap_id')
      .notNull()
      .references(() => recaps.id),
    version: integer('version').notNull(),
    change: text('change', { enum: ['submitted', 'corrected', 'returned', 'verified', 'reopened'] }).notNull(),
    /** JSON of the values at this version (for submitted/corrected). */
    values: text('values'),
    warnings: text('warnings'),
    note: text('note'),
    byPersonId: integer('by_person_id')
      .notNull()
      .references(() => people.id),
    at: text('at').notNull(),
  },
  (t) => [index('recap_events_recap_id_idx').on(t.recapId)],
);

/** A PKB reopened a closed period for one desa, until a date (the late recap is then accepted, marked late). */
export const recapReopenings = sqliteTable(
  'recap_reopenings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    period: text('period').notNull(),
    byPersonId: integer('by_person_id')
      .notNull()
      .references(() => people.id),
    at: text('at').notNull(),
    until: text('until').notNull(),
  },
  (t) => [index('recap_reopenings_desa_code_period_idx').on(t.desaCode, t.period)],
);

// ---- Unmet-need and unserved-acceptor cases (domain.md §6). No name, NIK, phone, address or birth date.

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    desaCode: text('desa_code')
      .notNull()
      .references(() => areas.code),
    /** Dusun/RT as typed (scrubbed of personal data), optional. */
    place: text('place'),
    category: text('category', { enum: ['IAT', 'TIAL', 'CALON_AKSEPTOR'] }).notNull(),
    methodWanted: text('method_wanted').notNull(),
    /** JSON array of reason keys. */
    reasons: text('reasons').notNull(),
    stockOutMethod: text('stock_out_method'),
    stockOutFacility: text('stock_out_facility'),
    consentToContact: integer('consent_to_contact', { mode: 'boolean' }).notNull(),
    /** Cadre path only: pointer to the register row / KKI, age band, living children, post-partum. */
    refRegister: text('ref_register'),
    ageBand: text('age_band'),
    children: text('children'),
    postPartum: integer('post_partum', { mode: 'boolean' }),
    status: text('status', { enum: ['reported', 'assigned', 'followed_up', 'served', 'declined', 'referred', 'lost', 'closed_invalid'] }).notNull(),
    /** Who reported: a registered person, or a resident's sender key (to answer STATUS and close the loop). */
    reporterPersonId: integer('reporter_person_id').references(() => people.id),
    reporterKey: text('reporter_key').notNull(),
    /** Where the resident is answered (their chat address); null once closed and not consenting. */
    reporterAddress: text('reporter_address'),
    assigneeId: integer('assignee_id').references(() => people.id),
    outcomeMethod: text('outcome_method'),
    outcomeDate: text('outcome_date'),
    outcomeNote: text('outcome_note'),
    reportedAt: text('reported_at').notNull(),
    followedUpAt: text('followed_up_at'),
    closedAt: text('closed_at'),
    remindedAt: text('reminded_at'),
    escalatedAt: text('escalated_at'),
  },
  (t) => [
    uniqueIndex('cases_code_idx').on(t.code),
    index('cases_desa_code_status_idx').on(t.desaCode, t.status),
    index('cases_reporter_key_idx').on(t.reporterKey),
  ],
);

/** Every change of a case, with who and when. */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    byPersonId: integer('by_person_id').references(() => people.id),
    at: text('at').notNull(),
  },
  (t) => [index('case_events_case_id_idx').on(t.caseId)],
);
