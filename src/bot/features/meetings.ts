// Meetings' host side: the facts the report flow reads (the open period's first day, dusun counts, the reporter's
// unused check-ins), storing a report at KIRIM (authority checked again) with its receipt, and the check-in commands
// — BUKA HADIR, HADIR <kode> in private or in a group, DAFTAR HADIR, TUTUP — each answered in private. Nothing about
// a check-in is ever written in a group.
import { count, eq, sql } from 'drizzle-orm';
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { inListParam, listParam } from '../../db/sql-params.js';
import {
  addAttendee,
  attendeeCount,
  attendeeOf,
  attendeesOf,
  closeCheckin as closeCheckinRow,
  attendanceColumns,
  findCheckin,
  insertMeeting,
  latestCheckinOf,
  linkCheckin,
  openCheckin,
  unusedCheckinsOf,
  type CheckinRow,
} from '../../db/repos/meetings.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { areaUnits, meetingAttendees, meetingCheckins } from '../../db/schema.js';
import { formatDay } from '../../domain/cases/service-date.js';
import type { Attendance, MeetingKind, MeetingPlace, MeetingTopic } from '../../domain/meetings/meeting-model.js';
import { KIND_LABELS } from '../../domain/meetings/meeting-labels.js';
import { attendanceRoleOf, attendanceTotal, checkinExpiry, emptyAttendance, meetingOpenFrom, ORGANISER_ROLES } from '../../domain/meetings/meeting-rules.js';
import type { ReportingCalendar } from '../../domain/recap/calendar.js';
import type { Role } from '../../domain/roles.js';
import type { Actor } from '../../flows/engine/types.js';
import { fitList } from '../../flows/fit-text.js';
import { ROLE_TITLES } from '../../flows/actor-label.js';
import { CHECKIN_FLOW, type CheckinAction } from '../../flows/meetings/checkin-flow.js';
import { areaLabel, mayRecordAt, parseAreaKey } from '../../flows/meetings/meeting-areas.js';
import { MEETING_FACTS, type MeetingFacts, type OpenCheckin } from '../../flows/meetings/meeting-facts.js';
import { MEETING_REPORT_FLOW } from '../../flows/meetings/meeting-report-flow.js';
import { toWita, witaDate } from '../../time/wita.js';
import type { ApplyContext, CompletionHandler } from '../apply-events.js';
import type { GroupCommandHandlers } from '../group-messages.js';
import { lazyFacts } from '../lazy-facts.js';
import type { FactsLoader } from '../router.js';

type Person = Extract<Actor, { kind: 'person' }>;

/** "09.15": the WITA time of day, as Indonesians write it. */
function clockTime(iso: string): string {
  const t = toWita(new Date(iso));
  return `${String(t.hour).padStart(2, '0')}.${String(t.minute).padStart(2, '0')}`;
}

const attendeeRoles = prepared((db) =>
  db.select({ role: meetingAttendees.role }).from(meetingAttendees).where(eq(meetingAttendees.checkinId, sql.placeholder('id'))).prepare(),
);

function countsOf(tx: Tx, checkinId: number): { counts: Attendance; people: number } {
  const rows = attendeeRoles(tx).all({ id: checkinId });
  const counts = emptyAttendance();
  for (const r of rows) counts[attendanceRoleOf(r.role)] += 1;
  return { counts, people: rows.length };
}

const dusunCountsIn = prepared((db) =>
  db
    .select({ desa: areaUnits.desaCode, n: count() })
    .from(areaUnits)
    .where(inListParam(areaUnits.desaCode, 'desa'))
    .groupBy(areaUnits.desaCode)
    .prepare(),
);

/**
 * The meeting report's facts, each read when a step first needs it (lazy-facts.ts): the first reportable day (the
 * date question), the dusun counts (the attendance bound), the unused check-ins (once the date is known).
 */
export function meetingFactsLoader(calendar: ReportingCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx, actor, now, sender) => {
    if (actor.kind !== 'person') return {};
    // The check-ins and dusun counts matter only once a report is under way (or starting).
    if (sender.openFlow !== null && sender.openFlow !== MEETING_REPORT_FLOW) return {};
    // The desa a person may record for are the desa they cover; the Dinas records kabupaten meetings only.
    const desaCodes = actor.role === 'dinas' || actor.role === 'admin' ? [] : actor.desaCodes;
    const facts = lazyFacts<MeetingFacts>({
      openFrom: () => meetingOpenFrom(now, calendar.closeDay),
      dusunCount: () => {
        const dusunCount: Record<string, number> = {};
        if (desaCodes.length === 0) return dusunCount;
        for (const r of dusunCountsIn(tx).all({ desa: listParam(desaCodes) })) dusunCount[r.desa] = r.n;
        return dusunCount;
      },
      checkins: () => unusedCheckinsOf(tx, actor.personId).map((c): OpenCheckin => ({ id: c.id, code: c.code, day: witaDate(new Date(c.openedAt)), ...countsOf(tx, c.id) })),
    });
    return { [MEETING_FACTS]: facts };
  };
  return { flows: [MEETING_REPORT_FLOW], load };
}

function reply(tx: Tx, to: string, text: string, now: Date, inboundId: number | null): void {
  enqueueOutbound(tx, { toAddress: to, priority: 'reply', kind: 'text', text, inboundId }, now);
}

/** KIRIM: the area is checked again (it may have changed since the report began; a kecamatan typed by the Dinas is one
 * of the kabupaten's, never the "Tingkat kecamatan" option itself), then one row and a receipt. */
const storeReport: CompletionHandler = (tx, results, ctx) => {
  const actor = ctx.actor;
  const send = (text: string) => reply(tx, ctx.replyTo, text, ctx.now, ctx.inboundId);
  const area = parseAreaKey(String(results.area));
  if (actor.kind !== 'person' || !mayRecordAt(actor, ctx.areas, area)) {
    send('Maaf, wilayah itu bukan wilayah tugas Anda, jadi laporan pertemuan ini tidak disimpan.');
    return;
  }
  const attendance = results.attendance as Attendance;
  const kind = results.kind as MeetingKind;
  const heldOn = String(results.date);
  const checkinId = typeof results.checkin_id === 'number' ? usableCheckin(tx, results.checkin_id, actor) : null;
  const row = insertMeeting(tx, {
    level: area.level,
    areaCode: area.areaCode,
    kecamatanCode: area.level === 'kabupaten' ? null : (ctx.areas.kecamatanOf(area.areaCode)?.code ?? null),
    dusun: actor.role === 'sub_ppkbd' ? actor.unitName : null,
    kind,
    heldOn,
    period: heldOn.slice(0, 7),
    place: results.place as MeetingPlace,
    placeOther: results.place === 'lainnya' ? String(results.place_other) : null,
    ...attendanceColumns(attendance),
    attTotal: attendanceTotal(attendance),
    kieKit: results.kie === true,
    topics: JSON.stringify(results.topics as MeetingTopic[]),
    followUp: (results.follow_up as string | null | undefined) ?? null,
    checkinId,
    reportedById: actor.personId,
    reportedAt: ctx.now.toISOString(),
  });
  if (checkinId !== null) linkCheckin(tx, checkinId, row.id);
  send(
    [
      'Terima kasih, laporan pertemuan sudah tersimpan.',
      `${KIND_LABELS[kind]}, ${formatDay(heldOn)}, ${areaLabel(area, ctx.areas)}; hadir ${row.attTotal} orang.`,
      `Kode tanda terima: *${row.code}*`,
    ].join('\n'),
  );
  ctx.logger.info({ meeting: row.code, level: area.level, area: area.areaCode }, 'meeting reported');
};

const checkinWithId = prepared((db) => db.select().from(meetingCheckins).where(eq(meetingCheckins.id, sql.placeholder('id'))).prepare());

/** The check-in a report names, if it is still this organiser's and unused (a second report does not reuse it). */
function usableCheckin(tx: Tx, id: number, actor: Person): number | null {
  const row = checkinWithId(tx).get({ id });
  return row && row.organiserId === actor.personId && row.meetingId === null ? row.id : null;
}


/** The area a check-in belongs to: the cadre's desa, a PKB's one desa or kecamatan, the koordinator's or Dinas' own. */
function checkinArea(actor: Person, areas: AreaDirectory): string {
  if (actor.role === 'pkb') return actor.desaCodes.length === 1 ? actor.desaCodes[0]! : (areas.kecamatanOf(actor.desaCodes[0] ?? '')?.code ?? actor.homeAreaCode);
  return actor.homeAreaCode;
}

type Answer = (text: string) => void;

function openCode(tx: Tx, actor: Person, areas: AreaDirectory, now: Date, answer: Answer): void {
  const row = openCheckin(tx, { organiserId: actor.personId, areaCode: checkinArea(actor, areas), openedAt: now, expiresAt: checkinExpiry(now) });
  answer(
    [
      `Kode hadir: *${row.code}*`,
      `Minta peserta yang terdaftar membalas *HADIR ${row.code}* ke nomor ini atau di grup WhatsApp. Kode berlaku sampai pukul 23.59 hari ini.`,
      `DAFTAR HADIR ${row.code} untuk melihat yang sudah hadir, TUTUP ${row.code} untuk menutup.`,
    ].join('\n'),
  );
}

/** HADIR <kode>: recorded once, by name and role; every other case told plainly. */
export function attend(tx: Tx, actor: Person, code: string | null, via: 'private' | 'group', now: Date, answer: Answer): void {
  const row = code ? findCheckin(tx, code) : undefined;
  if (!code || !row) {
    answer(`Kode ${code ?? ''} tidak ditemukan. Periksa lagi kode hadir dari penyelenggara (4 huruf/angka), lalu balas HADIR dan kodenya.`.replace('Kode  ', 'Kode '));
    return;
  }
  const already = attendeeOf(tx, row.id, actor.personId);
  if (already) {
    answer(`Anda sudah tercatat hadir pukul ${clockTime(already.at)} dengan kode ${row.code}. Tidak perlu mengirim lagi.`);
    return;
  }
  if (row.closedAt !== null) {
    answer(`Kode hadir ${row.code} sudah ditutup oleh penyelenggara, jadi kehadiran tidak bisa dicatat lagi. Sampaikan langsung kepada penyelenggara bila Anda hadir.`);
    return;
  }
  if (now.getTime() >= Date.parse(row.expiresAt)) {
    answer(`Kode hadir ${row.code} sudah tidak berlaku; kode hanya berlaku pada hari pertemuan.`);
    return;
  }
  addAttendee(tx, { checkinId: row.id, personId: actor.personId, role: actor.role, via, at: now });
  answer(`Terima kasih, ${actor.name} (${ROLE_TITLES[actor.role]}). Kehadiran Anda tercatat pukul ${clockTime(now.toISOString())} (kode ${row.code}).`);
}

/** The organiser's own check-in by code, or their latest when no code was given. */
function ownCheckin(tx: Tx, actor: Person, code: string | null, answer: Answer): CheckinRow | null {
  const row = code ? findCheckin(tx, code) : latestCheckinOf(tx, actor.personId);
  if (!row) {
    answer(code ? `Kode ${code} tidak ditemukan.` : 'Anda belum pernah membuka kode hadir. Balas BUKA HADIR untuk membukanya.');
    return null;
  }
  if (row.organiserId !== actor.personId) {
    answer(`Kode ${row.code} bukan kode hadir yang Anda buka.`);
    return null;
  }
  return row;
}

function closeCode(tx: Tx, actor: Person, code: string | null, now: Date, answer: Answer): void {
  const row = ownCheckin(tx, actor, code, answer);
  if (!row) return;
  const n = attendeeCount(tx, row.id);
  if (row.closedAt !== null) {
    answer(`Kode hadir ${row.code} sudah ditutup sebelumnya. Yang tercatat hadir: ${n} orang.`);
    return;
  }
  closeCheckinRow(tx, row.id, now);
  answer(`Kode hadir ${row.code} ditutup. Yang tercatat hadir: ${n} orang. Balas DAFTAR HADIR ${row.code} untuk melihat namanya.`);
}


function listCode(tx: Tx, actor: Person, code: string | null, now: Date, areas: AreaDirectory, answer: Answer): void {
  const row = ownCheckin(tx, actor, code, answer);
  if (!row) return;
  const state = row.closedAt !== null ? 'sudah ditutup' : now.getTime() >= Date.parse(row.expiresAt) ? 'sudah tidak berlaku' : 'masih dibuka';
  const head = `Daftar hadir kode ${row.code} (${areas.label(row.areaCode)}, ${formatDay(witaDate(new Date(row.openedAt)))}, ${state}):`;
  const people = attendeesOf(tx, row.id);
  if (people.length === 0) {
    answer(`${head}\nBelum ada yang tercatat hadir.`);
    return;
  }
  answer(fitList(head, people.map((p, i) => `${i + 1}. ${p.name} (${ROLE_TITLES[p.role as Role] ?? p.role}), ${clockTime(p.at)}`)));
}

const runCheckin: CompletionHandler = (tx, results, ctx: ApplyContext) => {
  const actor = ctx.actor;
  if (actor.kind !== 'person') return;
  const action = results.action as CheckinAction;
  const code = (results.code as string | null | undefined) ?? null;
  const answer: Answer = (text) => reply(tx, ctx.replyTo, text, ctx.now, ctx.inboundId);
  if (action === 'attend') return attend(tx, actor, code, 'private', ctx.now, answer);
  // The flow refuses non-organisers already; a role changed meanwhile is refused here too.
  if (!ORGANISER_ROLES.includes(actor.role)) return answer('Kode hadir dibuka oleh penyelenggara pertemuan (PKB atau PPKBD).');
  if (action === 'open') return openCode(tx, actor, ctx.areas, ctx.now, answer);
  if (action === 'close') return closeCode(tx, actor, code, ctx.now, answer);
  return listCode(tx, actor, code, ctx.now, ctx.areas, answer);
};

export function meetingCompletions(): Record<string, CompletionHandler> {
  return { [MEETING_REPORT_FLOW]: storeReport, [CHECKIN_FLOW]: runCheckin };
}

/**
 * HADIR <kode> written in a group: recorded like in private and answered in private only, so the group sees
 * nothing. Someone not registered is not answered (we cannot tell they meant the bot).
 */
export function attendGroupHandler(): Pick<GroupCommandHandlers, 'attend'> {
  return {
    attend(tx, command, ctx) {
      if (ctx.actor.kind !== 'person' || !ctx.senderPhone) return;
      // "hadir semua" in a group is chatter, not a code: what does not look like one is answered only when it exists.
      if (!command.looksLikeCode && !findCheckin(tx, command.code.replace(/[^A-Z0-9]/g, ''))) return false;
      const to = ctx.senderPhone;
      attend(tx, ctx.actor, command.code.replace(/[^A-Z0-9]/g, ''), 'group', ctx.now, (text) => reply(tx, to, text, ctx.now, ctx.inboundId));
      ctx.logger.info({ group: ctx.group.id }, 'check-in from a group');
    },
  };
}
