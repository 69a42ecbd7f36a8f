// The cases' host side: facts for the case flows, creating and routing a reported case (assignee, PKB, PPKBD,
// Dinas on a stock-out), and recording a PKB's action with the loop closed back to the resident.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { casesOfReporter, createCase, findCaseByCode, moveCase, openCaseCountByReporter, openCasesIn, type CaseRow } from '../../db/repos/cases.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { peopleCovering } from '../../db/repos/recaps.repo.js';
import { people } from '../../db/schema.js';
import { canTransition, nextStates } from '../../domain/cases/lifecycle.js';
import type { Actor, CaseActed, CaseReported } from '../../flows/engine/types.js';
import { CASE_STATUS_LABELS, labelOf, METHOD_OPTIONS, REASON_OPTIONS, WANT_OPTIONS } from '../../flows/cases/case-options.js';
import { CASE_WORK_FACTS, type WorkCase } from '../../flows/cases/case-work-flow.js';
import { OWN_CASES_FACTS, type OwnCase } from '../../flows/cases/case-status-flow.js';
import { CASE_FACTS, type CaseFacts } from '../../flows/cases/report-case-flow.js';
import { toWita } from '../../time/wita.js';
import type { ApplyContext } from '../apply-events.js';
import type { FactsLoader } from '../router.js';

const DAY_MS = 24 * 3600_000;
const CATEGORY = { delay: 'IAT', stop: 'TIAL', method_now: 'CALON_AKSEPTOR' } as const;
const TO_STATUS = { follow_up: 'followed_up', serve: 'served', decline: 'declined', refer: 'referred', invalid: 'closed_invalid' } as const;

/** Who may work cases of a desa: its PKB, and the koordinator of its kecamatan. */
function worksDesa(actor: Actor, desaCode: string): boolean {
  return actor.kind === 'person' && (actor.role === 'pkb' || actor.role === 'koordinator') && actor.desaCodes.includes(desaCode);
}

export function casesFactsLoader(): FactsLoader {
  const load: FactsLoader['load'] = (tx, actor, now, sender) => {
    if (actor.kind === 'person' && (actor.role === 'pkb' || actor.role === 'koordinator')) {
      const work: WorkCase[] = openCasesIn(tx, actor.desaCodes).map((c) => ({
        code: c.code,
        desaCode: c.desaCode,
        place: c.place,
        status: c.status,
        ageDays: Math.floor((now.getTime() - Date.parse(c.reportedAt)) / DAY_MS),
        want: Object.entries(CATEGORY).find(([, v]) => v === c.category)![0],
        methodWanted: c.methodWanted,
        reasons: JSON.parse(c.reasons) as string[],
        consentToContact: c.consentToContact,
      }));
      return { [CASE_WORK_FACTS]: work };
    }
    if (actor.kind === 'resident' || actor.role === 'ppkbd' || actor.role === 'sub_ppkbd') {
      const facts: CaseFacts = { openByReporter: openCaseCountByReporter(tx, sender.key) };
      const own: OwnCase[] = casesOfReporter(tx, sender.key).map((c) => ({ code: c.code, status: c.status, desaLabel: c.desaCode }));
      return { [CASE_FACTS]: facts, [OWN_CASES_FACTS]: own };
    }
    return {};
  };
  return { flows: ['case_report', 'case_status', 'case_work'], load };
}

function essentials(ctx: ApplyContext, row: CaseRow): string {
  const reasons = (JSON.parse(row.reasons) as string[]).map((r) => labelOf(REASON_OPTIONS, r)).join(', ');
  const want = Object.entries(CATEGORY).find(([, v]) => v === row.category)![0];
  return [
    `${ctx.areas.label(row.desaCode)}${row.place ? `, ${row.place}` : ''}`,
    `${labelOf(WANT_OPTIONS, want)} • cara: ${labelOf(METHOD_OPTIONS, row.methodWanted)}`,
    `Alasan: ${reasons}${row.stockOutFacility ? ` (${row.stockOutFacility})` : ''}`,
    `Setuju dihubungi: ${row.consentToContact ? 'ya' : 'tidak'}`,
  ].join('\n');
}

export function caseReportedHandler() {
  return (tx: Tx, event: CaseReported, ctx: ApplyContext): void => {
    const { actor, now } = ctx;
    const send = (to: string, text: string) => enqueueOutbound(tx, { toAddress: to, priority: to === ctx.replyTo ? 'reply' : 'notice', kind: 'text', text, inboundId: ctx.inboundId }, now);
    // The PKB whose binaan includes the desa; the kecamatan's koordinator when no PKB serves it.
    const pkb = peopleCovering(tx, event.desaCode, ['pkb']);
    const assignee = pkb[0] ?? peopleCovering(tx, event.desaCode, ['koordinator'])[0];
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
        reporterKey: ctx.senderKey,
        reporterAddress: ctx.replyTo,
        assigneeId: assignee?.id ?? null,
      },
      toWita(now).year,
      now,
    );

    const details = essentials(ctx, row);
    if (assignee) send(assignee.phone, `Kasus baru *${row.code}* ditugaskan kepada Anda:\n${details}\nKetik KASUS ${row.code} untuk menindaklanjuti.`);
    const ppkbd = tx
      .select({ id: people.id, phone: people.phone })
      .from(people)
      .where(and(eq(people.role, 'ppkbd'), eq(people.homeAreaCode, event.desaCode), eq(people.active, true)))
      .get();
    if (ppkbd && !(actor.kind === 'person' && actor.personId === ppkbd.id)) send(ppkbd.phone, `Laporan calon akseptor belum terlayani di desa Anda: *${row.code}*\n${details}`);
    if (event.reasons.includes('stok_kosong')) {
      // Stock-outs reach the Dinas the same day, once per case.
      const dinas = tx.select({ phone: people.phone }).from(people).where(and(eq(people.role, 'dinas'), eq(people.active, true))).all();
      const text = `⚠️ Stok alat/obat KB kosong dilaporkan (${row.code}): ${labelOf(METHOD_OPTIONS, event.methodWanted)} di ${event.stockOutFacility ?? 'tempat pelayanan yang tidak disebut'}, ${ctx.areas.label(event.desaCode)}.`;
      for (const d of dinas) send(d.phone, text);
    }
    send(
      ctx.replyTo,
      `Terima kasih, laporan Anda tercatat dengan kode *${row.code}*.\n` +
        `${assignee ? 'Penyuluh KB setempat akan menindaklanjutinya.' : 'Laporan diteruskan ke Dinas untuk ditindaklanjuti.'}` +
        (event.consentToContact && actor.kind === 'resident' ? ' Kami akan mengabari Anda di nomor ini bila sudah ada hasilnya.' : '') +
        `\nKetik STATUS ${row.code} untuk melihat perkembangannya.`,
    );
  };
}

const CLOSING_TEXT: Partial<Record<CaseRow['status'], string>> = {
  served: 'sudah dilayani Penyuluh KB. Terima kasih atas kepedulian Anda.',
  declined: 'sudah ditindaklanjuti Penyuluh KB; pasangan memutuskan tidak ber-KB saat ini. Terima kasih atas kepedulian Anda.',
  closed_invalid: 'sudah diperiksa Penyuluh KB dan ditutup. Terima kasih atas kepedulian Anda.',
};

export function caseActedHandler() {
  return (tx: Tx, event: CaseActed, ctx: ApplyContext): void => {
    const { actor, now } = ctx;
    const reply = (text: string) => enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, now);
    const row = findCaseByCode(tx, event.code);
    if (!row || actor.kind !== 'person' || !worksDesa(actor, row.desaCode)) {
      reply(`Kasus ${event.code} tidak ditemukan di wilayah Anda; tidak ada yang diubah.`);
      return;
    }
    const to = TO_STATUS[event.action];
    if (!canTransition(row.status, to, actor.role)) {
      const possible = nextStates(row.status, actor.role).map((s) => CASE_STATUS_LABELS[s] ?? s);
      reply(
        `Kasus ${row.code} sedang "${CASE_STATUS_LABELS[row.status] ?? row.status}"; tindakan itu belum bisa dicatat.` +
          (possible.length > 0 ? ` Yang bisa sekarang: ${possible.join(', ')}.` : ''),
      );
      return;
    }
    const moved = moveCase(tx, row, to, {
      action: event.action,
      note: event.note,
      byPersonId: actor.personId,
      now,
      ...(event.action === 'serve' ? { outcome: { method: event.method, date: event.date, note: null } } : event.note ? { outcome: { note: event.note } } : {}),
    });
    reply(`Tercatat: kasus ${moved.code} sekarang "${moved.status}".`);
    const closing = CLOSING_TEXT[moved.status];
    // The loop closes back to a resident who reported it, if the couple agreed to be contacted.
    if (closing && moved.consentToContact && moved.reporterPersonId === null && moved.reporterAddress) {
      enqueueOutbound(tx, { toAddress: moved.reporterAddress, priority: 'notice', kind: 'text', text: `Kabar untuk laporan ${moved.code}: ${closing}`, inboundId: ctx.inboundId }, now);
    }
  };
}
