// The cases' host side: facts for the case flows, creating and routing a reported case (to the desa's PKB, else the
// koordinator, else the Dinas; the PPKBD and, on a stock-out, the Dinas told), and recording an action after the
// lifecycle check, with the loop closed back to a resident who agreed to be contacted. A case never keeps the
// reporter's number: only a keyed hash, plus the chat address of a consenting resident until the case closes.
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { inListParam, listParam } from '../../db/sql-params.js';
import {
  assignCase,
  caseAssigneeFor,
  casesOfReporter,
  createCase,
  findCaseByCode,
  forgetReporterAddress,
  moveCase,
  openCaseCountByReporter,
  openCasesIn,
  pkbsInKecamatan,
  reporterKeyOf,
  reporterKeysOf,
  workerById,
  type CaseRow,
  type CaseWorker,
} from '../../db/repos/cases.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { people } from '../../db/schema.js';
import { ACTION_TARGET, canReassign, canTransition, checkAction, mayTakeAction, nextStates, type CaseActionInput } from '../../domain/cases/lifecycle.js';
import { isServiceMethod, isTerminal } from '../../domain/cases/case-model.js';
import type { Actor, CaseActed, CaseReported } from '../../flows/engine/types.js';
import { CASE_STATUS_LABELS, labelOf, METHOD_OPTIONS, REASON_OPTIONS, WANT_OPTIONS } from '../../flows/cases/case-options.js';
import { CASE_PKBS_FACTS, CASE_WORK_FACTS, type PkbChoice, type WorkCase } from '../../flows/cases/case-work-flow.js';
import { OWN_CASES_FACTS, type OwnCase } from '../../flows/cases/case-status-flow.js';
import { CASE_FACTS, type CaseFacts } from '../../flows/cases/report-case-flow.js';
import { CASE_UNITS_FACTS } from '../../flows/cases/case-validators.js';
import { recipientsFor } from './recipients.js';
import { areaUnits } from '../../db/schema.js';
import { toWita, witaDate } from '../../time/wita.js';
import type { AreaDirectory } from '../../areas/directory.js';
import type { ApplyContext } from '../apply-events.js';
import { lazyFacts, once } from '../lazy-facts.js';
import type { FactsLoader } from '../router.js';

const DAY_MS = 24 * 3600_000;
const CATEGORY = { delay: 'IAT', stop: 'TIAL', method_now: 'CALON_AKSEPTOR' } as const;
const WORKER_ROLES = ['pkb', 'koordinator', 'dinas', 'admin'] as const;

const ROLE_NAMES: Readonly<Record<CaseWorker['role'], string>> = { pkb: 'PKB', koordinator: 'koordinator', dinas: 'Dinas', admin: 'Dinas' };

const isWorker = (actor: Actor): actor is Extract<Actor, { kind: 'person' }> & { role: CaseWorker['role'] } =>
  actor.kind === 'person' && (WORKER_ROLES as readonly string[]).includes(actor.role);

/** Who may work a case: the people covering its desa (PKB binaan, koordinator's kecamatan, the Dinas) and its assignee. */
function worksCase(actor: Actor, row: CaseRow): boolean {
  return isWorker(actor) && (actor.desaCodes.includes(row.desaCode) || row.assigneeId === actor.personId);
}

function workCase(row: CaseRow, now: Date, names: Map<number, string>): WorkCase {
  return {
    code: row.code,
    desaCode: row.desaCode,
    place: row.place,
    status: row.status,
    ageDays: Math.floor((now.getTime() - Date.parse(row.reportedAt)) / DAY_MS),
    reportedOn: witaDate(new Date(row.reportedAt)),
    want: Object.entries(CATEGORY).find(([, v]) => v === row.category)![0],
    methodWanted: row.methodWanted,
    reasons: JSON.parse(row.reasons) as string[],
    consentToContact: row.consentToContact,
    referredTo: row.referredTo,
    assigneeId: row.assigneeId,
    assigneeLabel: row.assigneeId === null ? null : (names.get(row.assigneeId) ?? null),
  };
}

const namesAndRoles = prepared((db) => db.select({ id: people.id, name: people.name, role: people.role }).from(people).where(inListParam(people.id, 'ids')).prepare());

/** "Andi Baso (PKB)" for each assignee of these cases, in one query. */
function assigneeLabels(tx: Tx, rows: readonly CaseRow[]): Map<number, string> {
  const ids = [...new Set(rows.map((r) => r.assigneeId).filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const found = namesAndRoles(tx).all({ ids: listParam(ids) });
  return new Map(found.map((p) => [p.id, `${p.name} (${ROLE_NAMES[p.role as CaseWorker['role']] ?? p.role})`]));
}

const unitsOfDesa = prepared((db) =>
  db.select({ desaCode: areaUnits.desaCode, name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.desaCode, sql.placeholder('desa'))).orderBy(areaUnits.name).prepare(),
);

const unitsOfAllDesa = prepared((db) => db.select({ desaCode: areaUnits.desaCode, name: areaUnits.name }).from(areaUnits).orderBy(areaUnits.name).prepare());

/** The dusun/lingkungan known for one desa, or for every desa (null), from the people import, for the place question. */
function unitsByDesa(tx: Tx, desaCode: string | null): Record<string, string[]> {
  const rows = desaCode === null ? unitsOfAllDesa(tx).all() : unitsOfDesa(tx).all({ desa: desaCode });
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.desaCode] ??= []).push(r.name);
  return out;
}

/**
 * Facts of the case flows, each read when a step first needs it (lazy-facts.ts): the worker's open cases (every step
 * of KASUS reads them), the PKB to hand a case to (only the reassign step), the reporter's open count, own cases and
 * the dusun list (only the place question). A menu message reads none of them.
 */
export function casesFactsLoader(): FactsLoader {
  const load: FactsLoader['load'] = (tx, actor, now, sender) => {
    if (isWorker(actor)) {
      const rows = once(() => openCasesIn(tx, actor.desaCodes, actor.personId));
      const facts: Record<string, () => unknown> = {
        [CASE_WORK_FACTS]: (): WorkCase[] => {
          const names = assigneeLabels(tx, rows());
          return rows().map((r) => workCase(r, now, names));
        },
      };
      if (canReassign('assigned', actor.role)) {
        facts[CASE_PKBS_FACTS] = () => {
          const kecamatan = actor.role === 'koordinator' ? [actor.homeAreaCode] : [...new Set(rows().map((r) => r.desaCode.split('.').slice(0, 3).join('.')))];
          return pkbsInKecamatan(tx, kecamatan) satisfies PkbChoice[];
        };
      }
      return lazyFacts<Record<string, unknown>>(facts);
    }
    if (actor.kind === 'resident' || actor.role === 'ppkbd' || actor.role === 'sub_ppkbd') {
      const keys = once(() => reporterKeysOf(tx, sender.key, now));
      return lazyFacts({
        [CASE_FACTS]: (): CaseFacts => ({ openByReporter: openCaseCountByReporter(tx, keys()) }),
        [OWN_CASES_FACTS]: (): OwnCase[] => {
          const mine = casesOfReporter(tx, keys());
          const roles = new Map<number, OwnCase['handler']>();
          for (const id of new Set(mine.map((c) => c.assigneeId).filter((id): id is number => id !== null))) {
            roles.set(id, (workerById(tx, id)?.role ?? null) as OwnCase['handler']);
          }
          return mine.map((c) => ({ code: c.code, status: c.status, desaCode: c.desaCode, handler: c.assigneeId === null ? null : (roles.get(c.assigneeId) ?? null) }));
        },
        // The place question lists the desa's dusun: the cadre's own desa; for a resident, once the report is under way.
        [CASE_UNITS_FACTS]: (): Record<string, string[]> =>
          actor.kind === 'person' ? unitsByDesa(tx, actor.homeAreaCode) : sender.openFlow === 'case_report' ? unitsByDesa(tx, null) : {},
      });
    }
    return {};
  };
  // recap_status: the cadre's "Cek status laporan" lists her case reports too, and answers STATUS <kode>.
  return { flows: ['case_report', 'case_status', 'case_work', 'recap_status'], load };
}

function essentials(areas: AreaDirectory, row: CaseRow): string {
  const reasons = (JSON.parse(row.reasons) as string[]).map((r) => labelOf(REASON_OPTIONS, r)).join(', ');
  const want = Object.entries(CATEGORY).find(([, v]) => v === row.category)![0];
  return [
    `${areas.label(row.desaCode)}${row.place ? `, ${row.place}` : ''}`,
    `${labelOf(WANT_OPTIONS, want)} • cara: ${labelOf(METHOD_OPTIONS, row.methodWanted)}`,
    `Alasan: ${reasons}${row.stockOutFacility ? ` (${row.stockOutFacility})` : ''}`,
    `Setuju dihubungi: ${row.consentToContact ? 'ya' : 'tidak'}`,
  ].join('\n');
}

/**
 * What a WhatsApp group may read about a case: the desa, what the couple wants, the method and why it was not served.
 * Not the dusun/RT nor the consent to be contacted: in a small dusun those could point to the couple, and whoever
 * works the case sees them privately with KASUS <kode>.
 */
function groupEssentials(areas: AreaDirectory, row: CaseRow): string {
  return essentials(areas, { ...row, place: null }).split('\n').slice(0, 3).join('\n');
}

/** The message that hands a case to someone (or to the Dinas group), by how it reached them. */
export function handOverText(areas: AreaDirectory, row: CaseRow, to: CaseWorker, why: 'new' | 'reassigned' | 'routed', toGroup = false): string {
  const head =
    to.role === 'dinas' || to.role === 'admin'
      ? `Kasus *${row.code}* dari desa yang belum punya Penyuluh KB maupun koordinator terdaftar; diteruskan ke Dinas:`
      : to.role === 'koordinator'
        ? `Kasus *${row.code}* dari desa yang belum punya Penyuluh KB terdaftar; ditugaskan kepada Anda:`
        : why === 'reassigned'
          ? `Kasus *${row.code}* dialihkan kepada Anda:`
          : `Kasus baru *${row.code}* ditugaskan kepada Anda:`;
  if (toGroup) return `${head}\n${groupEssentials(areas, row)}\n${KASUS_IN_PRIVATE(row.code)}`;
  return `${head}\n${essentials(areas, row)}\nKetik KASUS ${row.code} untuk menindaklanjuti.`;
}

/** In a group the bot answers no KASUS: the case is worked in a private chat with the bot. */
export const KASUS_IN_PRIVATE = (code: string) => `Petugas Dinas: ketik KASUS ${code} di chat pribadi dengan nomor ini untuk menindaklanjuti.`;

/** Where a message for the Dinas goes: its registered group, else every Dinas officer one by one. */
export function dinasAddresses(tx: Tx): { address: string; group: boolean }[] {
  const recipients = recipientsFor(tx, { role: 'dinas' });
  return recipients.kind === 'group' ? [{ address: recipients.groupId, group: true }] : recipients.people.map((p) => ({ address: p.phone, group: false }));
}

/** Who is told a case was handed over: the assignee; for the Dinas' case the Dinas group, else every Dinas officer. */
export function handOverTargets(tx: Tx, to: CaseWorker): { address: string; group: boolean }[] {
  return to.role === 'dinas' || to.role === 'admin' ? dinasAddresses(tx) : [{ address: to.phone, group: false }];
}

const RECEIVED_BY: Readonly<Record<CaseWorker['role'], string>> = {
  pkb: 'Laporan diteruskan ke Penyuluh KB (PKB) desa ini untuk ditindaklanjuti.',
  koordinator: 'Desa ini belum punya Penyuluh KB terdaftar, jadi laporan diteruskan ke Koordinator PKB kecamatan untuk ditindaklanjuti.',
  dinas: 'Desa ini belum punya Penyuluh KB maupun koordinator terdaftar, jadi laporan diteruskan ke Dinas PPKB Kabupaten Gowa untuk ditindaklanjuti.',
  admin: 'Laporan diteruskan ke Dinas PPKB Kabupaten Gowa untuk ditindaklanjuti.',
};

const ppkbdOfDesa = prepared((db) =>
  db
    .select({ id: people.id, phone: people.phone })
    .from(people)
    .where(and(eq(people.role, 'ppkbd'), eq(people.homeAreaCode, sql.placeholder('desa')), eq(people.active, true)))
    .prepare(),
);

export function caseReportedHandler() {
  return (tx: Tx, event: CaseReported, ctx: ApplyContext): void => {
    const { actor, now } = ctx;
    const send = (to: string, text: string) => enqueueOutbound(tx, { toAddress: to, priority: to === ctx.replyTo ? 'reply' : 'notice', kind: 'text', text, inboundId: ctx.inboundId }, now);
    const assignee = caseAssigneeFor(tx, event.desaCode);
    const resident = actor.kind === 'resident';
    const row = createCase(
      tx,
      {
        desaCode: event.desaCode,
        place: event.place,
        category: CATEGORY[event.want],
        methodWanted: event.methodWanted,
        reasons: JSON.stringify(event.reasons),
        stockOutMethod: event.reasons.includes('stok_kosong') ? event.methodWanted : null,
        stockOutFacility: event.stockOutFacility,
        consentToContact: event.consentToContact,
        refRegister: event.cadre?.refRegister ?? null,
        ageBand: event.cadre?.ageBand ?? null,
        children: event.cadre?.children ?? null,
        postPartum: event.cadre?.postPartum ?? null,
        reporterPersonId: actor.kind === 'person' ? actor.personId : null,
        reporterKey: reporterKeyOf(tx, ctx.senderKey, now),
        // Only a resident who agreed to be contacted is answered later; nobody else's address is kept.
        reporterAddress: resident && event.consentToContact ? ctx.replyTo : null,
        assigneeId: assignee?.id ?? null,
      },
      toWita(now).year,
      now,
    );

    const told = new Set<string>();
    if (assignee) {
      for (const to of handOverTargets(tx, assignee)) {
        if (to.address === ctx.replyTo) continue;
        send(to.address, handOverText(ctx.areas, row, assignee, 'new', to.group));
        told.add(to.address);
      }
    }
    const ppkbd = ppkbdOfDesa(tx).get({ desa: event.desaCode });
    if (ppkbd && !(actor.kind === 'person' && actor.personId === ppkbd.id)) send(ppkbd.phone, `Laporan calon akseptor belum terlayani di desa Anda: *${row.code}*\n${essentials(ctx.areas, row)}`);
    if (event.reasons.includes('stok_kosong')) {
      // Stock-outs reach the Dinas (its group, or each officer) the same day, once per case: whoever already got the
      // case is not told twice. The text names the method, the kind of facility and the desa: nothing about the couple.
      const text = `⚠️ Stok alat/obat KB kosong dilaporkan (${row.code}): ${labelOf(METHOD_OPTIONS, event.methodWanted)} di ${event.stockOutFacility ?? 'tempat pelayanan yang tidak disebut'}, ${ctx.areas.label(event.desaCode)}.`;
      for (const d of dinasAddresses(tx)) if (!told.has(d.address)) send(d.address, text);
    }
    const who = assignee
      ? RECEIVED_BY[assignee.role]
      : 'Saat ini belum ada petugas KB yang terdaftar untuk desa ini. Laporan tersimpan dan akan diteruskan begitu ada petugas.';
    send(
      ctx.replyTo,
      `Terima kasih, laporan Anda tercatat dengan kode *${row.code}*.\n${who}` +
        (event.consentToContact && resident ? ' Kami akan mengabari Anda di nomor ini bila laporan sudah selesai.' : '') +
        `\nKetik STATUS ${row.code} untuk melihat perkembangannya.`,
    );
  };
}

/** The only thing a reporter (maybe a neighbour) hears at the end: not the couple's outcome. */
export const CLOSING_TEXT = 'sudah ditindaklanjuti petugas KB dan ditutup. Terima kasih atas kepedulian Anda.';

/** Tells a consenting resident their case is closed, then forgets where to reach them. */
export function closeLoop(tx: Tx, row: CaseRow, now: Date, inboundId: number | null = null, priority?: 'notice' | 'bulk'): void {
  if (!isTerminal(row.status)) return;
  if (row.reporterAddress) {
    enqueueOutbound(tx, { toAddress: row.reporterAddress, priority: priority ?? (inboundId === null ? 'bulk' : 'notice'), kind: 'text', text: `Kabar untuk laporan ${row.code}: ${CLOSING_TEXT}`, inboundId }, now);
  }
  forgetReporterAddress(tx, row.id);
}

function actionInput(event: Pick<CaseActed, 'action' | 'note' | 'method' | 'date'>): CaseActionInput | null {
  switch (event.action) {
    case 'follow_up':
      return { action: 'follow_up', note: event.note };
    case 'serve':
      return event.method !== null && isServiceMethod(event.method) ? { action: 'serve', method: event.method, date: event.date ?? '' } : null;
    case 'decline':
      return { action: 'decline', reason: event.note ?? '' };
    case 'refer':
      return { action: 'refer', to: event.note ?? '' };
    case 'invalid':
      return { action: 'invalid', reason: event.note ?? '' };
    case 'lost':
      return { action: 'lost', note: event.note };
    case 'reassign':
      return null;
  }
}

/** Who records a case action: a registered worker (from WhatsApp, or the person an API token acts for). */
export interface CaseActionWorker {
  personId: number;
  role: CaseWorker['role'];
}

export interface CaseActionInputs {
  row: CaseRow;
  worker: CaseActionWorker;
  event: Pick<CaseActed, 'action' | 'note' | 'method' | 'date' | 'assignTo'>;
  inboundId: number | null;
  /** The priority of the notices (resident, PKB handed the case); WhatsApp answers are 'notice' when inboundId is set. */
  noticePriority?: 'notice' | 'bulk';
}

/** What storeCaseAction did: `text` is the answer for the worker (in Bahasa Indonesia), also on a refusal. */
export type StoredCaseAction =
  | { ok: true; row: CaseRow; text: string; residentNotified: boolean }
  | { ok: false; reason: 'role' | 'status' | 'detail' | 'target'; text: string };

/**
 * Records an action on a case after the lifecycle check (domain/cases/lifecycle.ts): the status change and its history
 * row, the outcome, and the notices queued in the same transaction: the consenting resident told the case is closed
 * (then forgotten), or on a hand-over the new PKB and the previous assignee. Shared by `KASUS <kode>` in WhatsApp and
 * POST /api/v1/cases/:code/actions. The caller has checked that the worker covers the case.
 */
export function storeCaseAction(tx: Tx, input: CaseActionInputs, deps: { now: Date; areas: AreaDirectory }): StoredCaseAction {
  const { row, worker, event, inboundId } = input;
  const { now } = deps;
  if (event.action === 'reassign') return reassign(tx, row, event.assignTo ?? null, input, deps);
  const action = actionInput(event);
  const check = action ? checkAction(row.status, action, worker.role, witaDate(now), witaDate(new Date(row.reportedAt))) : ({ ok: false, error: 'Metode KB yang diberikan belum dipilih.' } as const);
  if (!check.ok || !action) {
    const possible = nextStates(row.status, worker.role).map((s) => CASE_STATUS_LABELS[s] ?? s);
    const text = `${check.ok ? '' : check.error} Tidak ada yang diubah.` + (possible.length > 0 ? ` Yang bisa dicatat sekarang: ${possible.join(', ')}.` : '');
    const reason = !mayTakeAction(event.action, worker.role) ? 'role' : !canTransition(row.status, ACTION_TARGET[event.action], worker.role) ? 'status' : 'detail';
    return { ok: false, reason, text };
  }
  const moved = moveCase(tx, row, check.to, {
    action: event.action,
    note: event.note,
    byPersonId: worker.personId,
    now,
    // A served case keeps where it was referred; declined and invalid keep their reason.
    ...(action.action === 'serve' ? { outcome: { method: action.method, date: action.date, note: null } } : {}),
    ...(action.action === 'decline' || action.action === 'invalid' ? { outcome: { note: action.reason } } : {}),
    ...(action.action === 'refer' ? { referredTo: action.to } : {}),
  });
  const residentNotified = isTerminal(moved.status) && moved.reporterAddress !== null;
  closeLoop(tx, moved, now, inboundId, input.noticePriority);
  return { ok: true, row: moved, text: `Tercatat: kasus ${moved.code} sekarang "${CASE_STATUS_LABELS[moved.status] ?? moved.status}".`, residentNotified };
}

export function caseActedHandler() {
  return (tx: Tx, event: CaseActed, ctx: ApplyContext): void => {
    const { actor, now } = ctx;
    const reply = (text: string) => enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, now);
    const row = findCaseByCode(tx, event.code);
    if (!row || !isWorker(actor) || !worksCase(actor, row)) {
      reply(`Kasus ${event.code} tidak ditemukan di wilayah Anda; tidak ada yang diubah.`);
      return;
    }
    const stored = storeCaseAction(tx, { row, worker: { personId: actor.personId, role: actor.role }, event, inboundId: ctx.inboundId }, { now, areas: ctx.areas });
    reply(stored.text);
  };
}

/** The koordinator (or the Dinas) hands an open case to another PKB of its kecamatan. */
function reassign(tx: Tx, row: CaseRow, toId: number | null, input: CaseActionInputs, deps: { now: Date; areas: AreaDirectory }): StoredCaseAction {
  const { now, areas } = deps;
  const { worker } = input;
  if (!canReassign(row.status, worker.role)) {
    return { ok: false, reason: mayTakeAction('reassign', worker.role) ? 'status' : 'role', text: `Kasus ${row.code} tidak bisa dialihkan oleh Anda; tidak ada yang diubah.` };
  }
  const kecamatan = areas.kecamatanOf(row.desaCode)?.code ?? '';
  const target = pkbsInKecamatan(tx, [kecamatan]).find((p) => p.id === toId);
  const to = target ? workerById(tx, target.id) : undefined;
  if (!to?.active || to.id === row.assigneeId) {
    return { ok: false, reason: 'target', text: `PKB itu tidak bisa menerima kasus ${row.code}; tidak ada yang diubah.` };
  }
  const previous = row.assigneeId === null ? undefined : workerById(tx, row.assigneeId);
  const moved = assignCase(tx, row, to.id, worker.personId, now);
  const priority = input.noticePriority ?? 'notice';
  const notice = (phone: string, text: string) => enqueueOutbound(tx, { toAddress: phone, priority, kind: 'text', text, inboundId: input.inboundId }, now);
  notice(to.phone, handOverText(areas, moved, to, 'reassigned'));
  if (previous?.active && previous.id !== worker.personId && previous.id !== to.id) {
    notice(previous.phone, `Kasus ${row.code} (${areas.label(row.desaCode)}) dialihkan ke PKB lain; Anda tidak perlu menindaklanjutinya lagi.`);
  }
  return { ok: true, row: moved, text: `Tercatat: kasus ${row.code} dialihkan ke ${to.name} (PKB).`, residentNotified: false };
}
