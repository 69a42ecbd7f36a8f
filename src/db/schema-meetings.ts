// Meeting and attendance tables (part of schema.ts). No resident's name or number: attendees who are not
// registered are counts; registered people who check in are referenced by id.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MEETING_KINDS, MEETING_LEVELS } from '../domain/meetings/meeting-model.js';
import { areas, people } from './schema.js';

/** A meeting as reported (summary → KIRIM), with its receipt code. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Receipt code shown to the reporter (e.g. "RPT-7K3Q"). */
    code: text('code').notNull(),
    level: text('level', { enum: MEETING_LEVELS }).notNull(),
    /** The desa for level desa, the kecamatan for kecamatan, the kabupaten for kabupaten. */
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    /** The kecamatan the meeting belongs to (null for the kabupaten), so reports filter without walking the tree. */
    kecamatanCode: text('kecamatan_code').references(() => areas.code),
    /** Optional dusun/RW (a Sub-PPKBD's own unit). */
    dusun: text('dusun'),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    /** WITA calendar day, YYYY-MM-DD, and the month it counts for (YYYY-MM). */
    heldOn: text('held_on').notNull(),
    period: text('period').notNull(),
    /** A key of MEETING_PLACES; `placeOther` holds a short screened text when it is 'lainnya'. */
    place: text('place').notNull(),
    placeOther: text('place_other'),
    attPkb: integer('att_pkb').notNull().default(0),
    attPpkbd: integer('att_ppkbd').notNull().default(0),
    attSubPpkbd: integer('att_sub_ppkbd').notNull().default(0),
    attTokohAgama: integer('att_tokoh_agama').notNull().default(0),
    attTokohMasyarakat: integer('att_tokoh_masyarakat').notNull().default(0),
    attKaderPoktan: integer('att_kader_poktan').notNull().default(0),
    attBidan: integer('att_bidan').notNull().default(0),
    attAparatDesa: integer('att_aparat_desa').notNull().default(0),
    attPesertaLain: integer('att_peserta_lain').notNull().default(0),
    attTotal: integer('att_total').notNull().default(0),
    kieKit: integer('kie_kit', { mode: 'boolean' }).notNull(),
    /** JSON array of MEETING_TOPICS keys. */
    topics: text('topics').notNull(),
    followUp: text('follow_up'),
    /** The check-in this report took its attendance from, if any. */
    checkinId: integer('checkin_id'),
    reportedById: integer('reported_by_id')
      .notNull()
      .references(() => people.id),
    reportedAt: text('reported_at').notNull(),
  },
  (t) => [uniqueIndex('meetings_code_idx').on(t.code), index('meetings_period_kecamatan_idx').on(t.period, t.kecamatanCode), index('meetings_area_period_idx').on(t.areaCode, t.period)],
);

/** An attendance check-in opened by an organiser: a short code people answer with HADIR <kode>. */
export const meetingCheckins = sqliteTable(
  'meeting_checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Short code people type (e.g. "K7Q2"); unique among all check-ins, so an old code is never confused with a new one. */
    code: text('code').notNull(),
    organiserId: integer('organiser_id')
      .notNull()
      .references(() => people.id),
    /** The organiser's area for this meeting (their desa, or kecamatan for a PKB's kecamatan-level meeting). */
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    kind: text('kind', { enum: MEETING_KINDS }),
    openedAt: text('opened_at').notNull(),
    /** The end of the WITA day it was opened (the code stops by itself then). */
    expiresAt: text('expires_at').notNull(),
    /** Set by TUTUP <kode>. */
    closedAt: text('closed_at'),
    /** Set when a meeting report used this check-in's attendance. */
    meetingId: integer('meeting_id').references(() => meetings.id),
  },
  (t) => [uniqueIndex('meeting_checkins_code_idx').on(t.code), index('meeting_checkins_organiser_idx').on(t.organiserId)],
);

/** One registered person checked in once per check-in; the role is the person's role at the time. */
export const meetingAttendees = sqliteTable(
  'meeting_attendees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    checkinId: integer('checkin_id')
      .notNull()
      .references(() => meetingCheckins.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    /** Where they wrote HADIR: in private or in a group. */
    via: text('via', { enum: ['private', 'group'] }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('meeting_attendees_checkin_person_idx').on(t.checkinId, t.personId)],
);
