// Meetings and check-ins: a reported meeting with its receipt code, a check-in's short code, attendees once each.
import { and, asc, count, desc, eq, isNull, max } from 'drizzle-orm';
import type { Attendance } from '../../domain/meetings/meeting-model.js';
import { shortCode } from '../../domain/meetings/meeting-rules.js';
import type { DbOrTx } from '../client.js';
import { meetingAttendees, meetingCheckins, meetings, people } from '../schema.js';

export type MeetingRow = typeof meetings.$inferSelect;
export type CheckinRow = typeof meetingCheckins.$inferSelect;
export type NewMeeting = Omit<typeof meetings.$inferInsert, 'id' | 'code'>;

/** The attendance by role as stored: one column per role (schema-meetings.ts). */
export function attendanceColumns(a: Attendance) {
  return {
    attPkb: a.pkb,
    attPpkbd: a.ppkbd,
    attSubPpkbd: a.sub_ppkbd,
    attTokohAgama: a.tokoh_agama,
    attTokohMasyarakat: a.tokoh_masyarakat,
    attKaderPoktan: a.kader_poktan,
    attBidan: a.bidan,
    attAparatDesa: a.aparat_desa,
    attPesertaLain: a.peserta_lain,
  };
}

/** A stored meeting's attendance by role. */
export function attendanceOf(m: Pick<MeetingRow, keyof ReturnType<typeof attendanceColumns>>): Attendance {
  return {
    pkb: m.attPkb,
    ppkbd: m.attPpkbd,
    sub_ppkbd: m.attSubPpkbd,
    tokoh_agama: m.attTokohAgama,
    tokoh_masyarakat: m.attTokohMasyarakat,
    kader_poktan: m.attKaderPoktan,
    bidan: m.attBidan,
    aparat_desa: m.attAparatDesa,
    peserta_lain: m.attPesertaLain,
  };
}

// Different salts keep a check-in code and a receipt from looking alike.
const CHECKIN_SALT = 0;
const RECEIPT_SALT = 524_287;

/** The next free code of a sequence, derived from the row count (deterministic: the same story gives the same codes). */
function nextCode(db: DbOrTx, taken: (code: string) => boolean, n: number, salt: number): string {
  for (let i = n; ; i++) {
    const code = shortCode(i, salt);
    if (!taken(code)) return code;
  }
}

export function insertMeeting(db: DbOrTx, meeting: NewMeeting): MeetingRow {
  const n = (db.select({ n: max(meetings.id) }).from(meetings).get()?.n ?? 0) + 1;
  const code = `RPT-${nextCode(db, (c) => db.select({ id: meetings.id }).from(meetings).where(eq(meetings.code, `RPT-${c}`)).get() !== undefined, n, RECEIPT_SALT)}`;
  return db.insert(meetings).values({ ...meeting, code }).returning().get();
}

export function findMeetingByCode(db: DbOrTx, code: string): MeetingRow | undefined {
  return db.select().from(meetings).where(eq(meetings.code, code)).get();
}

export function openCheckin(db: DbOrTx, input: { organiserId: number; areaCode: string; openedAt: Date; expiresAt: Date }): CheckinRow {
  const n = (db.select({ n: max(meetingCheckins.id) }).from(meetingCheckins).get()?.n ?? 0) + 1;
  const code = nextCode(db, (c) => findCheckin(db, c) !== undefined, n, CHECKIN_SALT);
  return db
    .insert(meetingCheckins)
    .values({ code, organiserId: input.organiserId, areaCode: input.areaCode, openedAt: input.openedAt.toISOString(), expiresAt: input.expiresAt.toISOString() })
    .returning()
    .get();
}

export function findCheckin(db: DbOrTx, code: string): CheckinRow | undefined {
  return db.select().from(meetingCheckins).where(eq(meetingCheckins.code, code)).get();
}

export function latestCheckinOf(db: DbOrTx, organiserId: number): CheckinRow | undefined {
  return db.select().from(meetingCheckins).where(eq(meetingCheckins.organiserId, organiserId)).orderBy(desc(meetingCheckins.id)).limit(1).get();
}

/** The organiser's check-ins no report has used yet, newest first (a report proposes their attendance). */
export function unusedCheckinsOf(db: DbOrTx, organiserId: number, limit = 10): CheckinRow[] {
  return db
    .select()
    .from(meetingCheckins)
    .where(and(eq(meetingCheckins.organiserId, organiserId), isNull(meetingCheckins.meetingId)))
    .orderBy(desc(meetingCheckins.id))
    .limit(limit)
    .all();
}

export function closeCheckin(db: DbOrTx, id: number, now: Date): void {
  db.update(meetingCheckins).set({ closedAt: now.toISOString() }).where(eq(meetingCheckins.id, id)).run();
}

export function linkCheckin(db: DbOrTx, checkinId: number, meetingId: number): void {
  db.update(meetingCheckins).set({ meetingId }).where(eq(meetingCheckins.id, checkinId)).run();
}

export function attendeeOf(db: DbOrTx, checkinId: number, personId: number) {
  return db
    .select()
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.checkinId, checkinId), eq(meetingAttendees.personId, personId)))
    .get();
}

export function addAttendee(db: DbOrTx, input: { checkinId: number; personId: number; role: string; via: 'private' | 'group'; at: Date }): void {
  db.insert(meetingAttendees).values({ ...input, at: input.at.toISOString() }).run();
}

export function attendeeCount(db: DbOrTx, checkinId: number): number {
  return db.select({ n: count() }).from(meetingAttendees).where(eq(meetingAttendees.checkinId, checkinId)).get()?.n ?? 0;
}

/** Who checked in, in order: name and role (never the phone). */
export function attendeesOf(db: DbOrTx, checkinId: number): { name: string; role: string; at: string }[] {
  return db
    .select({ name: people.name, role: meetingAttendees.role, at: meetingAttendees.at })
    .from(meetingAttendees)
    .innerJoin(people, eq(people.id, meetingAttendees.personId))
    .where(eq(meetingAttendees.checkinId, checkinId))
    .orderBy(asc(meetingAttendees.id))
    .all();
}
