// Practice mode's host side (flows/practice/ is the pure part). A practice stores no report, no case and sends
// nothing to anyone but the person practising; here:
// * practiceGuard: the router's last filter for a message handled in practice mode — only messages to the sender
//   and events that are not reports pass, whatever a flow emitted;
// * practice_finished: one practice_runs row (who, what, how long, what was caught), and, when a trainer's round
//   covers the cadre's desa, a line saying the trainer sees the result;
// * LATIHAN KELOMPOK / HASIL / TUTUP: a trainer's round for the cadres of their area (invitations, who finished).
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import {
  cadresOf,
  closePracticeRound,
  insertPracticeRun,
  latestRoundOf,
  openPracticeRound,
  openRoundOf,
  openRoundsCovering,
  runsBetween,
  type PracticeRoundRow,
} from '../../db/repos/practice.repo.js';
import type { Role } from '../../domain/roles.js';
import { ROLE_TITLES } from '../../flows/actor-label.js';
import type { Actor, FlowEvent, PracticeFinished } from '../../flows/engine/types.js';
import { PRACTICE_FLOW, markText } from '../../flows/practice/practice-turn.js';
import { TRAINER_ROLES, type RoundAction } from '../../flows/practice/practice-flow.js';
import type { PracticeKind } from '../../flows/practice/practice-model.js';
import { alreadyOpenText, invitationText, NO_OPEN_ROUND, NO_ROUND, openedText, resultsText, type FinishedCadre } from '../../flows/practice/round-texts.js';
import { fromWita, toWita } from '../../time/wita.js';
import type { Logger } from '../../logger.js';
import type { ApplyContext, CompletionHandler } from '../apply-events.js';

/** Reports and decisions: events a practice must never hand on, even if a flow emitted one. */
const REAL_ONLY: ReadonlySet<FlowEvent['type']> = new Set(['recap_submitted', 'recap_reviewed', 'recap_period_reopened', 'case_reported', 'case_acted']);

/**
 * The events of a message handled in practice mode, without anything that would reach someone else or store a
 * report. The conversation core already turns a practice's events into practice ones; this is the host's own check.
 */
export function practiceGuard(events: readonly FlowEvent[], logger: Logger): FlowEvent[] {
  return events.filter((event) => {
    const leak = (event.type === 'message_created' && event.to.kind !== 'sender') || REAL_ONLY.has(event.type);
    if (leak) logger.warn({ event: event.type }, 'practice mode: event dropped');
    return !leak;
  });
}

/** Days a round stays open: until midnight WITA, this many days after the day it opened. */
const ROUND_DAYS = 3;

function roundExpiry(now: Date): Date {
  const today = toWita(now);
  return fromWita(today.year, today.month, today.day + ROUND_DAYS + 1);
}

type Person = Extract<Actor, { kind: 'person' }>;

function trainerLabel(actor: Person): string {
  return `${actor.name} (${ROLE_TITLES[actor.role]})`;
}

/** Mistakes shown to a trainer: answers refused, rules broken, answers unlike the sheet (a warning is not one). */
function mistakes(run: { invalidCount: number; hardCount: number; differenceCount: number }): number {
  return run.invalidCount + run.hardCount + run.differenceCount;
}

export function practiceFinishedHandler() {
  return (tx: Tx, event: PracticeFinished, ctx: ApplyContext): void => {
    const { actor, now } = ctx;
    if (actor.kind !== 'person') return;
    insertPracticeRun(tx, {
      personId: actor.personId,
      kind: event.kind,
      startedAt: event.startedAt,
      finishedAt: now.toISOString(),
      durationSeconds: event.durationSeconds,
      invalidCount: event.caught.invalid,
      hardCount: event.caught.hard,
      softCount: event.caught.soft,
      differenceCount: event.caught.differences,
      topics: JSON.stringify(event.topics),
    });
    if (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd') return;
    // The cadre knows who sees the result: the trainer of the round that counts it.
    const round = openRoundsCovering(tx, actor.homeAreaCode, now)[0];
    if (!round) return;
    const trainer = `${round.trainerName} (${ROLE_TITLES[round.trainerRole as Role] ?? round.trainerRole})`;
    const text = markText(`Hasil latihan ini tercatat untuk latihan kelompok *${round.code}*; ${trainer} dapat melihatnya.`)[0]!;
    enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, now);
  };
}

function openRound(tx: Tx, actor: Person, ctx: ApplyContext, answer: (text: string) => void): void {
  const open = openRoundOf(tx, actor.personId, ctx.now);
  if (open) return answer(alreadyOpenText(open.code, new Date(open.expiresAt)));
  // Every active cadre of the trainer's area, as the recap reminders reach them.
  const cadres = cadresOf(tx, actor.desaCodes);
  const expiresAt = roundExpiry(ctx.now);
  const round = openPracticeRound(tx, { trainerId: actor.personId, desaCodes: actor.desaCodes, invited: cadres.length, openedAt: ctx.now, expiresAt });
  const invitation = invitationText(trainerLabel(actor), expiresAt);
  for (const cadre of cadres) enqueueOutbound(tx, { toAddress: cadre.phone, priority: 'notice', kind: 'text', text: invitation, inboundId: ctx.inboundId }, ctx.now);
  answer(openedText(round.code, expiresAt, cadres.length));
  ctx.logger.info({ round: round.code, invited: cadres.length }, 'practice round opened');
}

function results(tx: Tx, round: PracticeRoundRow, now: Date, areas: AreaDirectory): string {
  const until = new Date(Math.min(Date.parse(round.expiresAt), round.closedAt ? Date.parse(round.closedAt) : Number.POSITIVE_INFINITY));
  const cadres = cadresOf(tx, JSON.parse(round.desaCodes) as string[]);
  const runs = runsBetween(
    tx,
    cadres.map((c) => c.id),
    round.openedAt,
    until.toISOString(),
  );
  // Desa names repeat across kecamatan: a round over several kecamatan names the kecamatan too.
  const kecamatan = new Set(cadres.map((c) => areas.kecamatanOf(c.desaCode)?.code));
  const place = (c: { desaCode: string }) => (kecamatan.size > 1 ? areas.label(c.desaCode) : areas.label(c.desaCode).replace(/, Kec\. .*$/, ''));
  const finished: FinishedCadre[] = [];
  const notYet: { name: string; place: string }[] = [];
  for (const cadre of cadres) {
    const own = runs.filter((r) => r.personId === cadre.id);
    const last = own.at(-1);
    if (!last) notYet.push({ name: cadre.name, place: place(cadre) });
    else finished.push({ name: cadre.name, place: place(cadre), runs: own.length, kind: last.kind as PracticeKind, seconds: last.durationSeconds, mistakes: mistakes(last) });
  }
  const state = round.closedAt ? 'closed' : now.getTime() >= Date.parse(round.expiresAt) ? 'ended' : 'open';
  return resultsText({ code: round.code, state, expiresAt: new Date(round.expiresAt) }, finished, notYet);
}

const runRoundCommand: CompletionHandler = (tx, values, ctx) => {
  const { actor, now } = ctx;
  const answer = (text: string) => enqueueOutbound(tx, { toAddress: ctx.replyTo, priority: 'reply', kind: 'text', text, inboundId: ctx.inboundId }, now);
  // The flow checked the role; a role changed meanwhile is refused here too.
  if (actor.kind !== 'person' || !TRAINER_ROLES.includes(actor.role)) return answer('Latihan kelompok dibuka oleh Penyuluh KB (PKB).');
  const action = values.action as RoundAction;
  if (action === 'round_open') return openRound(tx, actor, ctx, answer);
  if (action === 'round_results') {
    const round = latestRoundOf(tx, actor.personId);
    return answer(round ? results(tx, round, now, ctx.areas) : NO_ROUND);
  }
  const open = openRoundOf(tx, actor.personId, now);
  if (!open) return answer(NO_OPEN_ROUND);
  closePracticeRound(tx, open.id, now);
  answer(`Latihan kelompok *${open.code}* ditutup. Latihan kader sesudah ini tidak dihitung lagi.`);
  answer(results(tx, { ...open, closedAt: now.toISOString() }, now, ctx.areas));
};

export function practiceCompletions(): Record<string, CompletionHandler> {
  return { [PRACTICE_FLOW]: runRoundCommand };
}
