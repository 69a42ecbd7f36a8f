// Meetings and check-ins: a reported meeting with its receipt code, a check-in's short code, attendees once each.
// Every statement here runs in a message of the meeting or check-in conversations: prepared once per connection.
import { and, asc, count, desc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Attendance } from '../../domain/meetings/meeting-model.js';
import { shortCode } from '../../domain/meetings/meeting-rules.js';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { everyColumnInsert, setParam } from '../sql-params.js';
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

const lastMeetingId = prepared((db) => db.select({ n: max(meetings.id) }).from(meetings).prepare());
const meetingWithCode = prepared((db) => db.select().from(meetings).where(eq(meetings.code, sql.placeholder('code'))).prepare());
// The report names most columns; the attendance of roles nobody counted may be left out (default 0).
const newMeeting = everyColumnInsert(meetings);
const insertMeetingRow = prepared((db) =>
  db
    .insert(meetings)
    .values(newMeeting.values as unknown as typeof meetings.$inferInsert)
    .returning()
    .prepare(),
);

export function insertMeeting(db: DbOrTx, meeting: NewMeeting): MeetingRow {
  const n = (lastMeetingId(db).get()?.n ?? 0) + 1;
  const code = `RPT-${nextCode(db, (c) => findMeetingByCode(db, `RPT-${c}`) !== undefined, n, RECEIPT_SALT)}`;
  return insertMeetingRow(db).get(newMeeting.bind({ ...meeting, code }))!;
}

export function findMeetingByCode(db: DbOrTx, code: string): MeetingRow | undefined {
  return meetingWithCode(db).get({ code });
}

const lastCheckinId = prepared((db) => db.select({ n: max(meetingCheckins.id) }).from(meetingCheckins).prepare());
const insertCheckin = prepared((db) =>
  db
    .insert(meetingCheckins)
    .values({
      code: sql.placeholder('code'),
      organiserId: sql.placeholder('organiserId'),
      areaCode: sql.placeholder('areaCode'),
      openedAt: sql.placeholder('openedAt'),
      expiresAt: sql.placeholder('expiresAt'),
    })
    .returning()
    .prepare(),
);

export function openCheckin(db: DbOrTx, input: { organiserId: number; areaCode: string; openedAt: Date; expiresAt: Date }): CheckinRow {
  const n = (lastCheckinId(db).get()?.n ?? 0) + 1;
  const code = nextCode(db, (c) => findCheckin(db, c) !== undefined, n, CHECKIN_SALT);
  return insertCheckin(db).get({ code, organiserId: input.organiserId, areaCode: input.areaCode, openedAt: input.openedAt.toISOString(), expiresAt: input.expiresAt.toISOString() })!;
}

const checkinWithCode = prepared((db) => db.select().from(meetingCheckins).where(eq(meetingCheckins.code, sql.placeholder('code'))).prepare());

export function findCheckin(db: DbOrTx, code: string): CheckinRow | undefined {
  return checkinWithCode(db).get({ code });
}

const latestOfOrganiser = prepared((db) =>
  db.select().from(meetingCheckins).where(eq(meetingCheckins.organiserId, sql.placeholder('organiser'))).orderBy(desc(meetingCheckins.id)).limit(1).prepare(),
);

export function latestCheckinOf(db: DbOrTx, organiserId: number): CheckinRow | undefined {
  return latestOfOrganiser(db).get({ organiser: organiserId });
}

const unusedOfOrganiser = prepared((db) =>
  db
    .select()
    .from(meetingCheckins)
    .where(and(eq(meetingCheckins.organiserId, sql.placeholder('organiser')), isNull(meetingCheckins.meetingId)))
    .orderBy(desc(meetingCheckins.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** The organiser's check-ins no report has used yet, newest first (a report proposes their attendance). */
export function unusedCheckinsOf(db: DbOrTx, organiserId: number, limit = 10): CheckinRow[] {
  return unusedOfOrganiser(db).all({ organiser: organiserId, limit });
}

const closeCheckinRow = prepared((db) => db.update(meetingCheckins).set({ closedAt: setParam('at') }).where(eq(meetingCheckins.id, sql.placeholder('id'))).prepare());

export function closeCheckin(db: DbOrTx, id: number, now: Date): void {
  closeCheckinRow(db).run({ id, at: now.toISOString() });
}

const linkCheckinRow = prepared((db) => db.update(meetingCheckins).set({ meetingId: setParam('meeting') }).where(eq(meetingCheckins.id, sql.placeholder('id'))).prepare());

export function linkCheckin(db: DbOrTx, checkinId: number, meetingId: number): void {
  linkCheckinRow(db).run({ id: checkinId, meeting: meetingId });
}

const attendeeRow = prepared((db) =>
  db
    .select()
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.checkinId, sql.placeholder('checkin')), eq(meetingAttendees.personId, sql.placeholder('person'))))
    .prepare(),
);

export function attendeeOf(db: DbOrTx, checkinId: number, personId: number) {
  return attendeeRow(db).get({ checkin: checkinId, person: personId });
}

const insertAttendee = prepared((db) =>
  db
    .insert(meetingAttendees)
    .values({ checkinId: sql.placeholder('checkinId'), personId: sql.placeholder('personId'), role: sql.placeholder('role'), via: sql.placeholder('via'), at: sql.placeholder('at') })
    .prepare(),
);

export function addAttendee(db: DbOrTx, input: { checkinId: number; personId: number; role: string; via: 'private' | 'group'; at: Date }): void {
  insertAttendee(db).run({ ...input, at: input.at.toISOString() });
}

const attendeesCounted = prepared((db) => db.select({ n: count() }).from(meetingAttendees).where(eq(meetingAttendees.checkinId, sql.placeholder('checkin'))).prepare());

export function attendeeCount(db: DbOrTx, checkinId: number): number {
  return attendeesCounted(db).get({ checkin: checkinId })?.n ?? 0;
}

const attendeesListed = prepared((db) =>
  db
    .select({ name: people.name, role: meetingAttendees.role, at: meetingAttendees.at })
    .from(meetingAttendees)
    .innerJoin(people, eq(people.id, meetingAttendees.personId))
    .where(eq(meetingAttendees.checkinId, sql.placeholder('checkin')))
    .orderBy(asc(meetingAttendees.id))
    .prepare(),
);

/** Who checked in, in order: name and role (never the phone). */
export function attendeesOf(db: DbOrTx, checkinId: number): { name: string; role: string; at: string }[] {
  return attendeesListed(db).all({ checkin: checkinId });
}
