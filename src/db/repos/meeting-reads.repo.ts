// Reads of the recorded meetings for the recap (Section II proposal), the aggregation and the export. Writes (the
// meeting report, check-ins) live in meetings.repo.ts.
import { and, asc, eq, gte, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { inListParam, listParam } from '../sql-params.js';
import { meetingAttendees, meetingCheckins, meetings, people } from '../schema.js';
import type { MeetingForRecap } from '../../domain/meetings/recap-section-ii.js';

import type { MeetingRow } from './meetings.repo.js';

export type { MeetingRow } from './meetings.repo.js';

const desaMeetingsIn = prepared((db) =>
  db
    .select({ period: meetings.period, kind: meetings.kind, kieKit: meetings.kieKit, attTokohAgama: meetings.attTokohAgama, attTokohMasyarakat: meetings.attTokohMasyarakat })
    .from(meetings)
    .where(and(eq(meetings.areaCode, sql.placeholder('desa')), inListParam(meetings.period, 'periods'), eq(meetings.level, 'desa')))
    .prepare(),
);

/**
 * The desa-level meetings of one desa for these periods (its dusun included), by period. One indexed query, prepared
 * once per connection: the recap's Section II question runs it.
 */
export function desaMeetingsForRecap(db: DbOrTx, desaCode: string, periods: readonly string[]): Map<string, MeetingForRecap[]> {
  const byPeriod = new Map<string, MeetingForRecap[]>();
  if (periods.length === 0) return byPeriod;
  const rows = desaMeetingsIn(db).all({ desa: desaCode, periods: listParam(periods) });
  for (const { period, ...m } of rows) byPeriod.set(period, [...(byPeriod.get(period) ?? []), m]);
  return byPeriod;
}

/**
 * Meetings of a period, or reported since an instant (a digest's "since the last one"), in the given kecamatan (all
 * of them when `kecamatanCodes` is null), plus the kabupaten-level ones when asked. Ordered by day, then report.
 */
export function meetingsOf(
  db: DbOrTx,
  scope: { period: string; kecamatanCodes: readonly string[] | null; kabupaten: boolean; since?: Date | null | undefined },
): MeetingRow[] {
  const when: SQL = scope.since ? or(eq(meetings.period, scope.period), gte(meetings.reportedAt, scope.since.toISOString()))! : eq(meetings.period, scope.period);
  const where: SQL[] = [];
  if (scope.kecamatanCodes === null) where.push(scope.kabupaten ? when : and(when, ne(meetings.level, 'kabupaten'))!);
  else {
    if (scope.kecamatanCodes.length > 0) where.push(and(when, inArray(meetings.kecamatanCode, [...scope.kecamatanCodes]))!);
    if (scope.kabupaten) where.push(and(when, eq(meetings.level, 'kabupaten'))!);
  }
  if (where.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(where.length === 1 ? where[0] : or(...where))
    .orderBy(asc(meetings.heldOn), asc(meetings.id))
    .all();
}

export interface MeetingPerson {
  name: string;
  role: string;
}

/** Who reported each meeting (name and role now). */
export function reportersOf(db: DbOrTx, personIds: readonly number[]): Map<number, MeetingPerson> {
  if (personIds.length === 0) return new Map();
  const rows = db
    .select({ id: people.id, name: people.name, role: people.role })
    .from(people)
    .where(inArray(people.id, [...new Set(personIds)]))
    .all();
  return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role }]));
}

/**
 * The registered people checked in for each meeting (name and their role at check-in, in check-in order), by meeting
 * id: through the check-in the report took its attendance from, or a check-in that names the meeting.
 */
export function checkedInOf(db: DbOrTx, rows: readonly Pick<MeetingRow, 'id' | 'checkinId'>[]): Map<number, MeetingPerson[]> {
  const result = new Map<number, MeetingPerson[]>();
  if (rows.length === 0) return result;
  const ids = rows.map((r) => r.id);
  const checkins = db
    .select({ id: meetingCheckins.id, meetingId: meetingCheckins.meetingId })
    .from(meetingCheckins)
    .where(or(inArray(meetingCheckins.meetingId, ids), inArray(meetingCheckins.id, rows.flatMap((r) => (r.checkinId === null ? [] : [r.checkinId])))))
    .all();
  const meetingOfCheckin = new Map<number, number>();
  for (const r of rows) if (r.checkinId !== null) meetingOfCheckin.set(r.checkinId, r.id);
  for (const c of checkins) if (c.meetingId !== null && !meetingOfCheckin.has(c.id)) meetingOfCheckin.set(c.id, c.meetingId);
  if (meetingOfCheckin.size === 0) return result;
  const attendees = db
    .select({ checkinId: meetingAttendees.checkinId, name: people.name, role: meetingAttendees.role })
    .from(meetingAttendees)
    .innerJoin(people, eq(people.id, meetingAttendees.personId))
    .where(inArray(meetingAttendees.checkinId, [...meetingOfCheckin.keys()]))
    .orderBy(asc(meetingAttendees.at), asc(meetingAttendees.id))
    .all();
  for (const a of attendees) {
    const meetingId = meetingOfCheckin.get(a.checkinId)!;
    result.set(meetingId, [...(result.get(meetingId) ?? []), { name: a.name, role: a.role }]);
  }
  return result;
}
