// The reviewer's side of the recap: facts for "Periksa laporan desa" and "Buka kembali periode laporan", storing a
// verification or a return, and reopening (and, once confirmed, unlocking) a month for a desa. Authority is checked
// again when storing: the binaan may have changed, or the cadre may have sent a new version meanwhile.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import {
  desaRecapsIn,
  findRecap,
  pendingReviews,
  recapById,
  recordReview,
  reopenedUntil,
  reopenPeriod,
  runningReopenings,
  setDusunPartsLocked,
  unlockVerified,
} from '../../db/repos/recaps.repo.js';
import { people } from '../../db/schema.js';
import { calendarWindowEnd, formatWindowEnd, windowEndAfterDays } from '../../domain/recap/calendar.js';
import type { RecapSettings, RecapValues } from '../../domain/recap/fields.js';
import type { Actor, RecapPeriodReopened, RecapReviewed } from '../../flows/engine/types.js';
import { mismatchLines, parseWarnings } from '../../flows/recap/recap-texts.js';
import { REOPEN_FACTS, type ReopenFacts, type ReopenPeriodState } from '../../flows/recap/reopen-flow.js';
import { REVIEW_FACTS, type PendingReview } from '../../flows/recap/review-flow.js';
import { periodLabel } from '../../flows/recap/summary.js';
import { toWita } from '../../time/wita.js';
import type { ApplyContext } from '../apply-events.js';
import { lazyFacts, once } from '../lazy-facts.js';
import type { FactsLoader } from '../router.js';
import { openPeriods, shiftPeriod, type RecapCalendar } from './recap.js';
import { activePpkbdOf, dusunMismatchOf, reviewableDesa } from './recap-reviewers.js';

/** How long a reopening lasts: until the end of the day this many days after today (WITA). */
export const REOPEN_DAYS = 7;

/** The later of the calendar window (when the period is open by the calendar) and a reopening's end. */
function laterEnd(period: string, reopened: Date | null, now: Date, calendar: RecapCalendar): Date | null {
  const byCalendar = openPeriods(now, calendar).includes(period) ? calendarWindowEnd(period, calendar.closeDay) : null;
  if (!byCalendar) return reopened;
  if (!reopened) return byCalendar;
  return reopened > byCalendar ? reopened : byCalendar;
}

/** Until when a month is open for a desa now (the calendar window or a running reopening), or null when closed. */
export function openUntil(tx: Tx, desaCode: string, period: string, now: Date, calendar: RecapCalendar): Date | null {
  return laterEnd(period, reopenedUntil(tx, desaCode, period, now), now, calendar);
}

/** Months a reviewer may reopen: the month open now (if any) and the three closed months before it. */
export function reopenablePeriods(now: Date, calendar: RecapCalendar): string[] {
  const today = toWita(now);
  const current = `${today.year}-${String(today.month).padStart(2, '0')}`;
  const open = openPeriods(now, calendar);
  const firstClosed = open.length > 0 ? -2 : -1;
  return [...open, ...[0, 1, 2].map((n) => shiftPeriod(current, firstClosed - n))];
}

/** The recaps waiting for this reviewer, read when the review flow first looks at them (lazy-facts.ts). */
export function reviewFactsLoader(settings: RecapSettings): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor) => {
    if (actor.kind !== 'person' || !['pkb', 'koordinator', 'dinas'].includes(actor.role)) return {};
    const items = (): PendingReview[] => pendingReviews(tx, reviewableDesa(tx, actor)).map(({ recap, reporterName }) => {
      const mismatch = dusunMismatchOf(tx, recap.desaCode, recap.period, settings);
      return {
        recapId: recap.id,
        version: recap.version,
        desaCode: recap.desaCode,
        period: recap.period,
        late: recap.late,
        reporterName,
        submittedAt: recap.submittedAt,
        values: JSON.parse(recap.values) as RecapValues,
        warnings: parseWarnings(recap.warnings),
        blocked: mismatch ? mismatchLines(mismatch) : null,
        returned: recap.status === 'returned' ? { reason: recap.returnedReason } : null,
      };
    });
    return lazyFacts<Record<string, unknown>>({ [REVIEW_FACTS]: items });
  };
  return { flows: ['recap_review'], load };
}

export function recapReviewedHandler(settings: RecapSettings, calendar: RecapCalendar) {
  return (tx: Tx, event: RecapReviewed, ctx: ApplyContext): void => {
    const { actor } = ctx;
    const result =
      actor.kind !== 'person'
        ? notReviewer
        : storeReview(
            tx,
            { ...event, reviewer: { personId: actor.personId, name: actor.name }, reviewable: reviewableDesa(tx, actor), inboundId: ctx.inboundId },
            { settings, calendar, now: ctx.now, areas: ctx.areas },
          );
    enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text: result.text, inboundId: ctx.inboundId }, ctx.now);
  };
}

export interface ReviewInput {
  recapId: number;
  version: number;
  decision: 'verified' | 'returned';
  reason: string | null;
  /** Who verifies or returns: the name the cadre is told, the person the history records. */
  reviewer: { personId: number; name: string };
  /** The desa this reviewer reviews (the PKB → koordinator → Dinas chain, seen from the reviewer). */
  reviewable: readonly string[];
  inboundId: number | null;
}

export type ReviewResult =
  | { ok: true; status: 'verified' | 'returned'; text: string; cadreNotified: boolean }
  | { ok: false; reason: 'not_reviewer' | 'changed' | 'dusun_mismatch'; text: string };

const notReviewer: ReviewResult = { ok: false, reason: 'not_reviewer', text: 'Laporan ini bukan wilayah binaan Anda; tidak ada yang diubah.' };

/**
 * Stores a verification or a return and queues the cadre's notice, in the caller's transaction; the returned text
 * is the reviewer's answer. The one review rule set: WhatsApp (above) and the HTTP API (api-review.ts) both call it.
 */
export function storeReview(
  tx: Tx,
  input: ReviewInput,
  deps: { settings: RecapSettings; calendar: RecapCalendar; now: Date; areas: ApplyContext['areas'] },
): ReviewResult {
  const { now } = deps;
  const row = recapById(tx, input.recapId);
  if (!row || row.unitKey !== '' || !input.reviewable.includes(row.desaCode)) return notReviewer;
  // A returned recap not corrected yet may still be verified as it is (the reviewer checked it another way).
  if (row.status === 'verified' || row.version !== input.version) {
    return { ok: false, reason: 'changed', text: 'Laporan ini sudah berubah (ada versi baru atau sudah diperiksa). Silakan buka lagi menu Periksa laporan desa.' };
  }
  const what = `Laporan ${periodLabel(row.period)} ${deps.areas.label(row.desaCode)} (versi ${row.version})`;
  if (input.decision === 'verified') {
    const mismatch = dusunMismatchOf(tx, row.desaCode, row.period, deps.settings);
    if (mismatch) {
      const text = [`${what} belum bisa diverifikasi.`, ...mismatchLines(mismatch), 'Kembalikan ke PPKBD untuk diperbaiki, atau tunggu sampai bagian dusun cocok lagi.'].join('\n');
      return { ok: false, reason: 'dusun_mismatch', text };
    }
  }
  recordReview(tx, row, input.decision, input.reason, input.reviewer.personId, now);
  const reporter = activePersonPhone(tx, row.reporterId);
  let toCadre: string;
  if (input.decision === 'verified') {
    setDusunPartsLocked(tx, row.desaCode, row.period, true, input.reviewer.personId, now);
    toCadre = `${what} sudah diverifikasi oleh ${input.reviewer.name} dan dikunci. Terima kasih!`;
  } else {
    // The cadre must be able to correct it: a month already closed is reopened for them.
    let end = openUntil(tx, row.desaCode, row.period, now, deps.calendar);
    if (!end) {
      end = windowEndAfterDays(now, REOPEN_DAYS);
      reopenPeriod(tx, row.desaCode, row.period, input.reviewer.personId, now, end);
    }
    toCadre =
      `${what} dikembalikan oleh ${input.reviewer.name} untuk diperbaiki.\nAlasan: ${input.reason}\n` +
      `Pilih menu Laporan bulanan untuk memperbaiki dan mengirim ulang, paling lambat ${formatWindowEnd(end)} pukul 23.59.`;
  }
  if (reporter) enqueueOutbound(tx, { toAddress: reporter, priority: 'notice', kind: 'text', text: toCadre, inboundId: input.inboundId }, now);
  const text = input.decision === 'verified' ? `${what} diverifikasi dan dikunci.` : `${what} dikembalikan ke PPKBD dengan alasan Anda.`;
  return { ok: true, status: input.decision, text, cadreNotified: reporter !== null };
}

const phoneAndActive = prepared((db) => db.select({ phone: people.phone, active: people.active }).from(people).where(eq(people.id, sql.placeholder('id'))).prepare());

/** The phone of a person (the cadre who sent a recap), if they are still active. */
function activePersonPhone(tx: Tx, personId: number): string | null {
  const row = phoneAndActive(tx).get({ id: personId });
  return row?.active ? row.phone : null;
}

/** What the reopen flow offers, each part read when a step first needs it (lazy-facts.ts). */
export function reopenFactsLoader(calendar: RecapCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor, now: Date) => {
    if (actor.kind !== 'person' || !['pkb', 'koordinator', 'dinas'].includes(actor.role)) return {};
    const desa = once(() => reviewableDesa(tx, actor));
    const periods = reopenablePeriods(now, calendar);
    const state = (): Record<string, Record<string, ReopenPeriodState>> => {
      // Two queries for the whole binaan (a Dinas officer may cover many desa).
      const rows = new Map(desaRecapsIn(tx, desa(), periods).map((r) => [`${r.desaCode}|${r.period}`, r]));
      const reopenings = runningReopenings(tx, desa(), now);
      const state: Record<string, Record<string, ReopenPeriodState>> = {};
      for (const code of desa()) {
        state[code] = {};
        for (const period of periods) {
          const row = rows.get(`${code}|${period}`);
          const until = laterEnd(period, reopenings.get(code)?.get(period) ?? null, now, calendar);
          state[code][period] = { status: row?.status ?? null, version: row?.version ?? null, openUntil: until?.toISOString() ?? null };
        }
      }
      return state;
    };
    const facts = lazyFacts<ReopenFacts>({ desa, periods: () => periods, days: () => REOPEN_DAYS, state });
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
    const what = `Laporan ${periodLabel(event.period)} ${ctx.areas.label(event.desaCode)}`;
    const row = findRecap(tx, event.desaCode, event.period, null);
    const unlock = row?.status === 'verified';
    // Unlocking needs the reviewer's confirmation of exactly the version that is locked now.
    if (unlock && event.unlockVersion !== row.version) {
      reply(`${what} sudah diverifikasi dan terkunci; tidak ada yang diubah. Buka lagi menu Buka kembali periode laporan untuk membuka kuncinya.`);
      return;
    }
    if (unlock) {
      unlockVerified(tx, row, actor.personId, ctx.now);
      setDusunPartsLocked(tx, event.desaCode, event.period, false, actor.personId, ctx.now);
    }
    reopenPeriod(tx, event.desaCode, event.period, actor.personId, ctx.now, windowEndAfterDays(ctx.now, REOPEN_DAYS));
    const until = `${formatWindowEnd(openUntil(tx, event.desaCode, event.period, ctx.now, calendar)!)} pukul 23.59`;
    const ppkbd = activePpkbdOf(tx, event.desaCode);
    const toCadre = unlock
      ? `${what} dibuka kembali oleh ${actor.name} dan kunci verifikasinya dilepas sampai ${until}. Anda bisa mengirim perbaikan sebagai versi baru lewat menu Laporan bulanan; laporan itu akan diperiksa lagi.`
      : `${what} dibuka kembali oleh ${actor.name} sampai ${until}. Pilih menu Laporan bulanan untuk mengirim.`;
    if (ppkbd) enqueueOutbound(tx, { toAddress: ppkbd.phone, priority: 'notice', kind: 'text', text: toCadre, inboundId: ctx.inboundId }, ctx.now);
    reply(`${what} dibuka kembali sampai ${until}${unlock ? '; kunci verifikasinya dilepas' : ''}.${ppkbd ? ' PPKBD sudah diberi tahu.' : ' PPKBD desa ini belum terdaftar.'}`);
  };
}
