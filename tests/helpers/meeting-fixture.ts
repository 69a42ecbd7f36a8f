// Recorded meetings for tests, written straight into the tables the meeting report flow fills (schema-meetings.ts),
// so reports, the recap proposal and the export can be tested apart from that flow.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.js';
import { meetingAttendees, meetingCheckins, meetings, people } from '../../src/db/schema.js';
import type { Attendance, MeetingKind, MeetingLevel, MeetingPlace, MeetingTopic } from '../../src/domain/meetings/meeting-model.js';
import { normalizePhone } from '../../src/people/phone.js';
import { attendanceColumns } from '../../src/db/repos/meetings.repo.js';

export interface MeetingFixture {
  code?: string;
  level?: MeetingLevel;
  /** The desa for level desa, the kecamatan for kecamatan, '73.06' for the kabupaten. */
  areaCode: string;
  dusun?: string | null;
  kind: MeetingKind;
  /** YYYY-MM-DD (WITA); the period is its month unless given. */
  heldOn: string;
  period?: string;
  place?: MeetingPlace;
  placeOther?: string | null;
  attendance?: Partial<Attendance>;
  kieKit?: boolean;
  topics?: MeetingTopic[];
  followUp?: string | null;
  /** The reporter's phone (a registered person). */
  reporter: string;
  reportedAt?: string;
}

let seq = 0;

export function personId(db: DbOrTx, phone: string): number {
  const row = db.select({ id: people.id }).from(people).where(eq(people.phone, normalizePhone(phone)!)).get();
  if (!row) throw new Error(`no person with phone ${phone}`);
  return row.id;
}

/** Inserts a meeting as the report flow would store it; returns its id. */
export function insertMeeting(db: DbOrTx, m: MeetingFixture): number {
  const level = m.level ?? 'desa';
  const a: Attendance = { pkb: 0, ppkbd: 0, sub_ppkbd: 0, tokoh_agama: 0, tokoh_masyarakat: 0, kader_poktan: 0, bidan: 0, aparat_desa: 0, peserta_lain: 0, ...m.attendance };
  const kecamatanCode = level === 'kabupaten' ? null : level === 'kecamatan' ? m.areaCode : m.areaCode.split('.').slice(0, 3).join('.');
  const row = db
    .insert(meetings)
    .values({
      code: m.code ?? `RPT-T${String(++seq).padStart(3, '0')}`,
      level,
      areaCode: m.areaCode,
      kecamatanCode,
      dusun: m.dusun ?? null,
      kind: m.kind,
      heldOn: m.heldOn,
      period: m.period ?? m.heldOn.slice(0, 7),
      place: m.place ?? 'balai_desa',
      placeOther: m.placeOther ?? null,
      ...attendanceColumns(a),
      attTotal: Object.values(a).reduce((s, n) => s + n, 0),
      kieKit: m.kieKit ?? false,
      topics: JSON.stringify(m.topics ?? []),
      followUp: m.followUp ?? null,
      reportedById: personId(db, m.reporter),
      reportedAt: m.reportedAt ?? `${m.heldOn}T04:00:00.000Z`,
    })
    .returning({ id: meetings.id })
    .get();
  return row.id;
}

/** A closed check-in for a meeting with these registered people (phone, role at check-in) checked in. */
export function insertCheckin(db: DbOrTx, meetingId: number, organiser: string, areaCode: string, attendees: readonly { phone: string; role: string; via?: 'private' | 'group' }[]): number {
  const opened = '2026-11-10T01:00:00.000Z';
  const checkin = db
    .insert(meetingCheckins)
    .values({ code: `K${String(++seq).padStart(3, '0')}`, organiserId: personId(db, organiser), areaCode, kind: null, openedAt: opened, expiresAt: '2026-11-10T15:59:59.999Z', closedAt: '2026-11-10T03:00:00.000Z', meetingId })
    .returning({ id: meetingCheckins.id })
    .get();
  attendees.forEach((p, i) => {
    db.insert(meetingAttendees)
      .values({ checkinId: checkin.id, personId: personId(db, p.phone), role: p.role, via: p.via ?? 'private', at: `2026-11-10T01:0${i}:00.000Z` })
      .run();
  });
  db.update(meetings).set({ checkinId: checkin.id }).where(eq(meetings.id, meetingId)).run();
  return checkin.id;
}
