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
    /**
     * When their first message arrived (set once, in that message's transaction; null: never written). It decides the
     * welcome and who still needs an invitation: the bot never writes first to someone who has not written.
     */
    firstMessageAt: text('first_message_at'),
    /**
     * When the welcome (role, area, what they can do) was shown: with the first menu they see, which is the reply to
     * their first message unless they started with a command (then they get their answer, and the welcome waits).
     */
    welcomedAt: text('welcomed_at'),
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
    change: text('change', { enum: ['created', 'updated', 'deactivated', 'reactivated', 'forgotten'] }).notNull(),
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
 * The inbound journal: every received message, keyed by the provider's message id (the durable de-duplication key).
 * A row is written the moment a message arrives (outcome null, the normalised message in `payload`) and is processed
 * from there; processing sets `outcome` and `processed_at` and drops the payload in the same transaction as its
 * effects, so a crash, a full disk or a failed transaction leaves the row to be processed at the next start or retry,
 * exactly once. The text is kept for support and audit, and pruned after the retention period (UU PDP: raw message
 * logs at most 90 days).
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
    /** Null until processed. */
    processedAt: text('processed_at'),
    /** Null while the message waits in the journal. */
    outcome: text('outcome', { enum: ['handled', 'ignored', 'failed'] }),
    /** The normalised message (JSON) while it waits to be processed; null afterwards. */
    payload: text('payload'),
    /** Processing attempts that failed for a reason outside the message (busy, full or read-only database). */
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('inbound_messages_provider_id_idx').on(t.providerId),
    index('inbound_messages_received_at_idx').on(t.receivedAt),
    index('inbound_messages_outcome_idx').on(t.outcome, t.id),
  ],
);

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * Send priority: a reply to the message just received goes first; outreach (notices to other people, then bulk
 * digests and reminders) waits behind replies and has its own, slower rate.
 */
export const OUTBOX_PRIORITIES = { reply: 0, notice: 1, bulk: 2 } as const;

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
    /** OUTBOX_PRIORITIES: 0 reply, 1 notice, 2 bulk. */
    priority: integer('priority').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Earliest time of the next attempt (backoff after a failure of this message). */
    notBefore: text('not_before').notNull(),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    /** When it was given up: refused by the network, or still failing after its retries. */
    failedAt: text('failed_at'),
    providerMessageId: text('provider_message_id'),
    /** The inbound message that caused this one, if any (no foreign key: inbound rows are pruned). */
    inboundId: integer('inbound_id'),
  },
  (t) => [
    // Pending rows only (partial indexes): a message leaving "pending" is removed from them, not moved within them,
    // which halves what recording each send writes. The chat-head index carries the priority, so the dispatcher's
    // "next message of every chat" reads the index alone.
    index('outbox_pending_not_before_idx').on(t.notBefore).where(sql`status = 'pending'`),
    index('outbox_pending_chat_idx').on(t.toAddress, t.id, t.priority).where(sql`status = 'pending'`),
    index('outbox_failed_at_idx').on(t.failedAt).where(sql`status = 'failed'`),
    index('outbox_provider_message_id_idx').on(t.providerMessageId),
    index('outbox_sent_at_idx').on(t.sentAt),
  ],
);

/**
 * One row per scheduled job run, keyed by job and period: the run's transaction inserts it, so a run that happened
 * is never repeated (double fire, restart, catch-up) and one that failed leaves no row and can be made up.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    /** The cron slot the run was for. */
    scheduledAt: text('scheduled_at').notNull(),
    ranAt: text('ran_at').notNull(),
    /** Messages the run queued, when the job says. */
    queued: integer('queued'),
  },
  (t) => [uniqueIndex('job_runs_job_period_key_idx').on(t.job, t.periodKey)],
);

// The other tables live in their own files, one per feature, and are part of this schema.
export * from './schema-whatsapp.js';
export * from './schema-recap.js';
export * from './schema-cases.js';
export * from './schema-groups.js';
export * from './schema-meetings.js';
export * from './schema-reports.js';
export * from './schema-api.js';
export * from './schema-audit.js';
export * from './schema-dhis2.js';
export * from './schema-quiz.js';
export * from './schema-practice.js';
