// The recap's host side: facts the flow needs (open periods, stored recaps, last month) and storing a submitted
// recap with its receipt and the PKB's notification, all inside the message's transaction.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { dusunPartsOf, findRecap, peopleCovering, pendingReviews, recapById, recordReview, reopenedPeriods, reopenPeriod, saveSubmission } from '../../db/repos/recaps.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { areaUnits, people } from '../../db/schema.js';
import { formatPct, indicators } from '../../domain/recap/derive.js';
import { FIELD_BY_ID, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import type { Actor, RecapPeriodReopened, RecapReviewed, RecapSubmitted } from '../../flows/engine/types.js';
import { REVIEW_FACTS, type PendingReview } from '../../flows/recap/review-flow.js';
import { REOPEN_FACTS, type ReopenFacts } from '../../flows/recap/reopen-flow.js';
import { RECAP_FACTS, type DusunParts, type RecapFacts, type StoredRecap } from '../../flows/recap/recap-facts.js';
import { periodLabel } from '../../flows/recap/summary.js';
import { fromWita, toWita } from '../../time/wita.js';
import { unmetCasesReported } from '../../db/repos/cases.repo.js';
import type { ApplyContext } from '../apply-events.js';
import type { FactsLoader } from '../router.js';

export interface RecapCalendar {
  /** Due by this day of the next month, 23:59 WITA. */
  dueDay: number;
  /** Closed after this day of the next month. */
  closeDay: number;
}

export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month that just closed is open for reporting from the 1st until the close day (WITA). */
export function openPeriods(now: Date, calendar: RecapCalendar): string[] {
  const today = toWita(now);
  const current = `${today.year}-${String(today.month).padStart(2, '0')}`;
  return today.day <= calendar.closeDay ? [shiftPeriod(current, -1)] : [];
}

/** Late when submitted after the due day of the month following the period, 23:59 WITA. */
export function isLate(period: string, now: Date, calendar: RecapCalendar): boolean {
  const today = toWita(now);
  const next = shiftPeriod(period, 1);
  const [y, m] = next.split('-').map(Number) as [number, number];
  if (today.year !== y || today.month !== m) return today.year * 12 + today.month > y * 12 + m;
  return today.day > calendar.dueDay;
}

function unitIdOf(tx: Tx, personId: number): number | null {
  return tx.select({ unitId: people.unitId }).from(people).where(eq(people.id, personId)).get()?.unitId ?? null;
}

function stored(tx: Tx, desaCode: string, period: string, unitId: number | null): StoredRecap | null {
  const row = findRecap(tx, desaCode, period, unitId);
  return row ? { status: row.status, version: row.version, values: JSON.parse(row.values) as RecapValues } : null;
}

export function recapFactsLoader(settings: RecapSettings, calendar: RecapCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor, now: Date) => {
    if (actor.kind !== 'person' || (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd')) return {};
    const unitId = actor.role === 'sub_ppkbd' ? unitIdOf(tx, actor.personId) : null;
    // The month that just closed, plus any period the PKB reopened for this desa.
    const periods = [...new Set([...openPeriods(now, calendar), ...reopenedPeriods(tx, actor.homeAreaCode, now)])].sort().reverse();
    const existing: Record<string, StoredRecap> = {};
    const previous: Record<string, RecapValues | null> = {};
    const dusun: Record<string, DusunParts> = {};
    const casesInPeriod: Record<string, number> = {};
    for (const period of periods) {
      const current = stored(tx, actor.homeAreaCode, period, unitId);
      if (current) existing[period] = current;
      previous[period] = stored(tx, actor.homeAreaCode, shiftPeriod(period, -1), unitId)?.values ?? null;
      if (actor.role === 'ppkbd') {
        const parts = dusunPartsOf(tx, actor.homeAreaCode, period);
        // Dusun the desa is known to have but with nobody registered to report them: named as not in yet.
        const named = new Set([...parts.received.map((p) => p.name), ...parts.missing]);
        const known = tx.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.desaCode, actor.homeAreaCode)).orderBy(areaUnits.name).all();
        dusun[period] = { ...parts, unregistered: known.map((u) => u.name).filter((name) => !named.has(name)) };
        const [y, m] = period.split('-').map(Number) as [number, number];
        casesInPeriod[period] = unmetCasesReported(tx, actor.homeAreaCode, fromWita(y, m, 1), fromWita(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1));
      }
    }
    const facts: RecapFacts = { settings, openPeriods: periods, existing, previous, dusun, casesInPeriod };
    return { [RECAP_FACTS]: facts };
  };
  return { flows: ['recap'], load };
}

function changedLines(before: RecapValues, after: RecapValues): string[] {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return ids
    .filter((id) => before[id] !== after[id])
    .map((id) => `• ${FIELD_BY_ID.get(id)?.label ?? id}: ${before[id] ?? '–'} → ${after[id] ?? '–'}`);
}

export function recapSubmittedHandler(settings: RecapSettings, calendar: RecapCalendar) {
  return (tx: Tx, event: RecapSubmitted, ctx: ApplyContext): void => {
    const { actor } = ctx;
    if (actor.kind !== 'person') throw new Error('recap_submitted from an unregistered sender');
    const unitId = actor.role === 'sub_ppkbd' ? unitIdOf(tx, actor.personId) : null;
    const late = isLate(event.period, ctx.now, calendar);
    const { row, previous } = saveSubmission(tx, {
      desaCode: event.desaCode,
      period: event.period,
      unitId,
      values: event.values,
      warnings: event.warnings,
      reporterId: actor.personId,
      late,
      now: ctx.now,
    });

    const ind = indicators(event.values, settings);
    const lastMonth = findRecap(tx, event.desaCode, shiftPeriod(event.period, -1), unitId);
    const lastPa = lastMonth ? indicators(JSON.parse(lastMonth.values) as RecapValues, settings).paTotal : null;
    const change = lastPa === null ? 'belum ada data bulan lalu' : `peserta KB ${ind.paTotal - lastPa >= 0 ? '+' : ''}${ind.paTotal - lastPa} dibanding bulan lalu`;
    const unitName = unitId === null ? null : (tx.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.id, unitId)).get()?.name ?? null);
    const what = `${unitName ? `${unitName}, ` : ''}${periodLabel(event.period)}`;
    enqueueOutbound(
      tx,
      {
        toAddress: ctx.replyTo,
        priority: 'reply',
        kind: 'text',
        text:
          `Terima kasih! Laporan ${what} terkirim (versi ${row.version}${late ? ', terlambat' : ''}).\n` +
          `Kode tanda terima: *${row.receiptCode}*\n` +
          `CPR ${formatPct(ind.cpr)} • unmet need ${formatPct(ind.unmetNeedPct)} • ${change}.`,
        inboundId: ctx.inboundId,
      },
      ctx.now,
    );

    // A dusun part goes to the desa's PPKBD, who sums the parts; the desa recap goes to the PKB.
    if (unitId !== null) {
      const ppkbd = tx
        .select({ phone: people.phone })
        .from(people)
        .where(and(eq(people.role, 'ppkbd'), eq(people.homeAreaCode, event.desaCode), eq(people.active, true)))
        .get();
      const text = `Bagian ${unitName ?? 'dusun'} untuk laporan ${periodLabel(event.period)} masuk dari ${actor.name} (Sub-PPKBD): PUS ${event.values.pus ?? '–'}, PA ${ind.paTotal}.`;
      if (ppkbd) enqueueOutbound(tx, { toAddress: ppkbd.phone, priority: 'notice', kind: 'text', text, inboundId: ctx.inboundId }, ctx.now);
      return;
    }
    // The PKB whose binaan includes the desa verifies the desa recap; with no PKB, the koordinator is told.
    const pkb = peopleCovering(tx, event.desaCode, ['pkb']);
    const recipients = pkb.length > 0 ? pkb : peopleCovering(tx, event.desaCode, ['koordinator']);
    const place = `${actor.name} (PPKBD)`;
    const body = previous
      ? [`Perbaikan rekap ${periodLabel(event.period)} dari ${place}, versi ${row.version}. Yang berubah:`, ...changedLines(JSON.parse(previous.values) as RecapValues, event.values)]
      : [`Rekap ${periodLabel(event.period)} masuk dari ${place}${late ? ' (terlambat)' : ''}.`, `PUS ${event.values.pus ?? '–'} • PA ${ind.paTotal} • CPR ${formatPct(ind.cpr)} • unmet need ${formatPct(ind.unmetNeedPct)}`];
    for (const person of recipients) {
      enqueueOutbound(tx, { toAddress: person.phone, priority: 'notice', kind: 'text', text: [ctx.areas.label(event.desaCode), ...body].join('\n'), inboundId: ctx.inboundId }, ctx.now);
    }
  };
}

/**
 * The desa a reviewer may verify: a pkb their binaan; a koordinator the desa of their kecamatan that no active
 * pkb serves (the koordinator stands in, as for notifications).
 */
function reviewableDesa(tx: Tx, actor: Actor): string[] {
  if (actor.kind !== 'person') return [];
  if (actor.role === 'pkb') return [...actor.desaCodes];
  if (actor.role === 'koordinator') return actor.desaCodes.filter((code) => peopleCovering(tx, code, ['pkb']).length === 0);
  return [];
}

export function reviewFactsLoader(): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor) => {
    if (actor.kind !== 'person' || (actor.role !== 'pkb' && actor.role !== 'koordinator')) return {};
    const items: PendingReview[] = pendingReviews(tx, reviewableDesa(tx, actor)).map(({ recap, reporterName }) => ({
      recapId: recap.id,
      version: recap.version,
      desaCode: recap.desaCode,
      period: recap.period,
      late: recap.late,
      reporterName,
      values: JSON.parse(recap.values) as RecapValues,
    }));
    return { [REVIEW_FACTS]: items };
  };
  return { flows: ['recap_review'], load };
}

export function recapReviewedHandler() {
  return (tx: Tx, event: RecapReviewed, ctx: ApplyContext): void => {
    const { actor } = ctx;
    const reply = (text: string) => enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, ctx.now);
    const row = recapById(tx, event.recapId);
    // Checked again here: the binaan may have changed, or the PPKBD may have sent a new version meanwhile.
    if (actor.kind !== 'person' || !row || !reviewableDesa(tx, actor).includes(row.desaCode)) {
      reply('Laporan ini bukan wilayah binaan Anda; tidak ada yang diubah.');
      return;
    }
    if (row.status !== 'submitted' || row.version !== event.version) {
      reply('Laporan ini sudah berubah (ada versi baru atau sudah diperiksa). Silakan buka lagi menu Periksa laporan desa.');
      return;
    }
    recordReview(tx, row, event.decision, event.reason, actor.personId, ctx.now);
    const what = `Laporan ${periodLabel(row.period)} ${ctx.areas.label(row.desaCode)} (versi ${row.version})`;
    const reporter = tx.select({ phone: people.phone, active: people.active }).from(people).where(eq(people.id, row.reporterId)).get();
    const toCadre =
      event.decision === 'verified'
        ? `${what} sudah diverifikasi oleh ${actor.name} dan dikunci. Terima kasih!`
        : `${what} dikembalikan oleh ${actor.name} untuk diperbaiki.\nAlasan: ${event.reason}\nPilih menu Laporan bulanan untuk memperbaiki dan mengirim ulang.`;
    if (reporter?.active) enqueueOutbound(tx, { toAddress: reporter.phone, priority: 'notice', kind: 'text', text: toCadre, inboundId: ctx.inboundId }, ctx.now);
    reply(event.decision === 'verified' ? `${what} diverifikasi dan dikunci.` : `${what} dikembalikan ke PPKBD dengan alasan Anda.`);
  };
}

/** How long a reopened period stays open. */
export const REOPEN_DAYS = 7;

/** Closed months a reviewer may reopen: the three before the one currently open (or, after the close day, four). */
export function reopenablePeriods(now: Date, calendar: RecapCalendar): string[] {
  const today = toWita(now);
  const current = `${today.year}-${String(today.month).padStart(2, '0')}`;
  const firstClosed = today.day <= calendar.closeDay ? -2 : -1;
  return [0, 1, 2].map((n) => shiftPeriod(current, firstClosed - n));
}

export function reopenFactsLoader(calendar: RecapCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor, now: Date) => {
    if (actor.kind !== 'person' || (actor.role !== 'pkb' && actor.role !== 'koordinator')) return {};
    const facts: ReopenFacts = { desa: reviewableDesa(tx, actor), periods: reopenablePeriods(now, calendar), days: REOPEN_DAYS };
    return { [REOPEN_FACTS]: facts };
  };
  return { flows: ['recap_reopen'], load };
}

export function periodReopenedHandler(calendar: RecapCalendar) {
  return (tx: Tx, event: RecapPeriodReopened, ctx: ApplyContext): void => {
    const { actor } = ctx;
    const reply = (text: string) => enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, ctx.now);
    if (actor.kind !== 'person' || !reviewableDesa(tx, actor).includes(event.desaCode) || !reopenablePeriods(ctx.now, calendar).includes(event.period)) {
      reply('Periode ini tidak bisa dibuka kembali oleh Anda; tidak ada yang diubah.');
      return;
    }
    const until = new Date(ctx.now.getTime() + REOPEN_DAYS * 24 * 3600_000);
    reopenPeriod(tx, event.desaCode, event.period, actor.personId, ctx.now, until);
    const untilText = `${toWita(until).day}/${toWita(until).month}/${toWita(until).year}`;
    const what = `Laporan ${periodLabel(event.period)} ${ctx.areas.label(event.desaCode)}`;
    const ppkbd = tx
      .select({ phone: people.phone })
      .from(people)
      .where(and(eq(people.role, 'ppkbd'), eq(people.homeAreaCode, event.desaCode), eq(people.active, true)))
      .get();
    if (ppkbd) enqueueOutbound(tx, { toAddress: ppkbd.phone, priority: 'notice', kind: 'text', text: `${what} dibuka kembali oleh ${actor.name} sampai ${untilText}. Pilih menu Laporan bulanan untuk mengirim.`, inboundId: ctx.inboundId }, ctx.now);
    reply(`${what} dibuka kembali sampai ${untilText}.`);
  };
}
