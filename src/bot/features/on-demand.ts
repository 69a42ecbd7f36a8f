// REKAP, BELUM and GRAFIK on demand, in private (the on_demand flow's report_requested event) and in a registered
// group (group command handlers): who may see what is decided by the pure rules in flows/on-demand/on-demand.ts; the
// figures come from the one aggregation, inside the message's transaction, and the texts from reports/. GRAFIK only
// records a request here: the chart is drawn after the commit by the chart worker (bot/chart-worker.ts), never on
// the inbound path.
import { and, eq, inArray } from 'drizzle-orm';
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { requestChart } from '../../db/repos/chart-requests.repo.js';
import { bindingOfGroup } from '../../db/repos/groups.repo.js';
import { enqueueOutbound } from '../../db/repos/outbox.repo.js';
import { people } from '../../db/schema.js';
import type { Actor, ReportRequested } from '../../flows/engine/types.js';
import {
  decideScope,
  exampleKecamatan,
  latestReportingPeriod,
  ON_DEMAND_COPY,
  parseOnDemandArgs,
  type OnDemandReport,
  type OnDemandScope,
  type Where,
} from '../../flows/on-demand/on-demand.js';
import type { Logger } from '../../logger.js';
import type { AggregateSettings, AreaAggregate } from '../../reports/aggregate.js';
import { aggregateArea } from '../../reports/aggregate-data.js';
import { missingMessagesForArea, missingMessagesForKabupaten, type CadreNames } from '../../reports/missing-text.js';
import { areaRekapMessage, desaStatusLine, kabupatenSummaryMessages, MESSAGE_LIMIT } from '../../reports/summary-text.js';
import type { ApplyContext } from '../apply-events.js';
import type { GroupCommandHandlers } from '../group-messages.js';

export interface OnDemandDeps {
  settings: AggregateSettings;
  /** Whether charts can be made (the bot has a media store); without one GRAFIK is answered with an apology. */
  charts: boolean;
}

interface Asked {
  now: Date;
  areas: AreaDirectory;
  actor: Actor;
  /** The group's id, or the asker's chat. */
  replyTo: string;
  inboundId: number | null;
  logger: Logger;
}

/** The active PPKBD of each of these desa, by desa code: the names BELUM shows (never a phone number). */
function ppkbdNames(tx: Tx, desaCodes: readonly string[]): CadreNames {
  if (desaCodes.length === 0) return new Map();
  const rows = tx
    .select({ desaCode: people.homeAreaCode, name: people.name })
    .from(people)
    .where(and(eq(people.role, 'ppkbd'), eq(people.active, true), inArray(people.homeAreaCode, [...desaCodes])))
    .all();
  return new Map(rows.map((r) => [r.desaCode, r.name]));
}

function aggregateScope(tx: Tx, asked: Asked, scope: Pick<OnDemandScope, 'areaCode' | 'onlyDesa'>, period: string, settings: AggregateSettings): AreaAggregate {
  return aggregateArea(tx, asked.areas, { period, areaCode: scope.areaCode, onlyDesa: scope.onlyDesa ?? undefined, now: asked.now, settings });
}

/** The kabupaten as a whole, not a PKB's desa spread over kecamatan. */
const wholeKabupaten = (scope: OnDemandScope) => scope.level === 'kabupaten' && scope.onlyDesa === null;

function withHint(messages: string[], hint: string): string[] {
  const last = messages.at(-1);
  if (last === undefined || last.includes(hint)) return messages;
  return `${last}\n${hint}`.length <= MESSAGE_LIMIT ? [...messages.slice(0, -1), `${last}\n${hint}`] : [...messages, hint];
}

/**
 * Answers one REKAP, BELUM or GRAFIK. In a group, a command whose arguments do not read (chatter) gets nothing and
 * false is returned; every other outcome is answered in one or a few messages to `replyTo`.
 */
export function answerOnDemand(tx: Tx, report: OnDemandReport, args: string, where: Where, asked: Asked, deps: OnDemandDeps): boolean {
  const { areas, actor, now } = asked;
  const say = (text: string) => enqueueOutbound(tx, { toAddress: asked.replyTo, priority: 'reply', kind: 'text', text, inboundId: asked.inboundId }, now);
  const parsed = parseOnDemandArgs(args, areas, now);
  const inGroup = where.kind === 'group';
  if (parsed.kind !== 'ok' && inGroup) return false;
  // A cadre or a resident in private is answered whatever followed the word.
  const place = parsed.kind === 'ok' ? parsed.place : ({ kind: 'default' } as const);
  const decision = decideScope(actor, place, where, areas, report);
  if (decision.kind === 'scope' && parsed.kind !== 'ok') {
    const example = exampleKecamatan(actor, areas);
    say(parsed.kind === 'ambiguous' ? ON_DEMAND_COPY.ambiguous(parsed.names) : ON_DEMAND_COPY.unknownPlace(parsed.suggestions, report, example));
    return true;
  }
  const latest = latestReportingPeriod(now);
  const period = (parsed.kind === 'ok' ? parsed.period : null) ?? latest;
  if (decision.kind === 'refuse') {
    say(decision.text);
    return true;
  }
  if (period > latest) {
    say(ON_DEMAND_COPY.future(period, latest, report));
    return true;
  }
  if (decision.kind === 'cadre') {
    const agg = aggregateScope(tx, asked, { areaCode: decision.desaCode, onlyDesa: null }, period, deps.settings);
    say(`${desaStatusLine(agg)}\n${ON_DEMAND_COPY.cadre}`);
    return true;
  }
  const { scope } = decision;
  switch (report) {
    case 'recap': {
      const agg = aggregateScope(tx, asked, scope, period, deps.settings);
      const messages = wholeKabupaten(scope) ? withHint(kabupatenSummaryMessages(agg, 'on_demand', scope.title), ON_DEMAND_COPY.menuHint) : [areaRekapMessage(agg, scope.title)];
      for (const text of messages) say(text);
      break;
    }
    case 'missing': {
      const agg = aggregateScope(tx, asked, scope, period, deps.settings);
      const cadres = ppkbdNames(tx, [...agg.completeness.missing, ...agg.completeness.returnedDesa].map((d) => d.code));
      const messages = wholeKabupaten(scope) ? missingMessagesForKabupaten(agg, scope.title, cadres) : missingMessagesForArea(agg, scope.title, cadres);
      for (const text of messages) say(text);
      break;
    }
    case 'chart':
      if (!deps.charts) {
        say(ON_DEMAND_COPY.chartUnavailable);
        break;
      }
      // Drawn after this transaction commits (bot/chart-worker.ts), then sent to the same chat.
      requestChart(tx, { toAddress: asked.replyTo, period, areaCode: scope.areaCode, onlyDesa: scope.onlyDesa, label: scope.title }, now);
      asked.logger.info({ period, area: scope.areaCode }, 'chart requested');
      break;
  }
  return true;
}

/** REKAP, BELUM LAPOR and GRAFIK written in a WhatsApp group. */
export function onDemandGroupHandlers(deps: OnDemandDeps): Pick<GroupCommandHandlers, 'recap' | 'missing' | 'chart'> {
  const handle = (report: OnDemandReport) => (tx: Tx, command: { args: string }, ctx: Parameters<NonNullable<GroupCommandHandlers['recap']>>[2]) => {
    const binding = bindingOfGroup(tx, ctx.group.id);
    const where: Where = { kind: 'group', binding: binding ? { role: binding.role, areaCode: binding.areaCode } : null };
    return answerOnDemand(tx, report, command.args, where, { now: ctx.now, areas: ctx.areas, actor: ctx.actor, replyTo: ctx.group.id, inboundId: ctx.inboundId, logger: ctx.logger }, deps);
  };
  return { recap: handle('recap'), missing: handle('missing'), chart: handle('chart') };
}

/** REKAP, BELUM and GRAFIK written in a private chat (the on_demand flow). */
export function reportRequestedHandler(deps: OnDemandDeps) {
  return (tx: Tx, event: ReportRequested, ctx: ApplyContext): void => {
    answerOnDemand(tx, event.report, event.args, { kind: 'private' }, ctx, deps);
  };
}
