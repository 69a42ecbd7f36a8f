// Facts for "Cek status laporan" (recap-status-flow.ts): where each open and recent month's recap of this cadre
// stands, with any draft kept in their conversation.
import type { Tx } from '../../db/client.js';
import { participatingDesa } from '../../db/repos/areas.repo.js';
import { loadConversation } from '../../db/repos/conversations.repo.js';
import { dusunPartsOf, findRecap, latestRecapEvent, personUnitId, reopenedPeriods, type RecapRow } from '../../db/repos/recaps.repo.js';
import { endOfDay } from '../../domain/recap/calendar.js';
import type { RecapSettings } from '../../domain/recap/fields.js';
import type { Actor, ConversationState, FlowSession } from '../../flows/engine/types.js';
import { RECAP_STATUS_FACTS, type MonthState, type MonthStatus, type RecapStatusFacts } from '../../flows/recap/recap-status-flow.js';
import { witaPeriod } from '../../time/wita.js';
import { lazyFacts, once } from '../lazy-facts.js';
import type { FactsLoader } from '../router.js';
import { openPeriods, shiftPeriod, type RecapCalendar } from './recap.js';
import { openUntil } from './recap-review.js';
import { dusunMismatchOf, reviewersOf, reviewerTitle } from './recap-reviewers.js';

/** Closed months shown besides the open ones. */
const RECENT_CLOSED = 3;

function stateOf(tx: Tx, row: RecapRow | undefined): MonthState {
  if (!row) return 'not_sent';
  if (row.status === 'returned' && latestRecapEvent(tx, row.id)?.change === 'reopened') return 'reopened';
  return row.status;
}

/** Periods with a recap draft in this conversation (the open flow, or one left with BATAL/MENU/expiry). */
function draftPeriods(tx: Tx, senderKey: string): Set<string> {
  const state = loadConversation<ConversationState>(tx, senderKey);
  // A practice's open recap is made up: it is no draft of a real month.
  const sessions: (FlowSession | null | undefined)[] = [state?.practice ? null : state?.active, state?.drafts.recap];
  const periods = sessions
    .filter((s): s is FlowSession => s?.flowId === 'recap')
    .filter((s) => Object.keys(s.results).some((name) => name.startsWith('v.')))
    .map((s) => s.results.period?.value)
    .filter((p): p is string => typeof p === 'string');
  return new Set(periods);
}

/** The open months and the last three closed ones, newest first; closed months the desa did not take part in are left out. */
function monthsToShow(tx: Tx, desaCode: string, now: Date, calendar: RecapCalendar): { period: string; open: boolean }[] {
  const open = new Set([...openPeriods(now, calendar), ...reopenedPeriods(tx, desaCode, now)]);
  const current = witaPeriod(now);
  const closed: string[] = [];
  for (let n = 1; closed.length < RECENT_CLOSED && n <= 24; n++) {
    const period = shiftPeriod(current, -n);
    if (open.has(period)) continue;
    if (participatingDesa(tx, [desaCode], period).length > 0 || findRecap(tx, desaCode, period, null)) closed.push(period);
  }
  return [...[...open].map((period) => ({ period, open: true })), ...closed.map((period) => ({ period, open: false }))].sort((a, b) =>
    b.period.localeCompare(a.period),
  );
}

/** The cadre's months, each with where its recap stands; read when the status page is shown (lazy-facts.ts). */
export function recapStatusFactsLoader(settings: RecapSettings, calendar: RecapCalendar): FactsLoader {
  const load: FactsLoader['load'] = (tx: Tx, actor: Actor, now: Date, sender) => {
    if (actor.kind !== 'person' || (actor.role !== 'ppkbd' && actor.role !== 'sub_ppkbd')) return {};
    const desaCode = actor.homeAreaCode;
    const unitId = once(() => (actor.role === 'sub_ppkbd' ? personUnitId(tx, actor.personId) : null));
    const months = (): MonthStatus[] => {
      const drafts = draftPeriods(tx, sender.key);
      return monthsToShow(tx, desaCode, now, calendar).map(({ period, open }) => {
        const row = findRecap(tx, desaCode, period, unitId());
        const desaRow = unitId() === null ? row : findRecap(tx, desaCode, period, null);
        const [y, m] = shiftPeriod(period, 1).split('-').map(Number) as [number, number];
        const until = open ? openUntil(tx, desaCode, period, now, calendar) : null;
        const parts = unitId() === null && open ? dusunPartsOf(tx, desaCode, period) : null;
        return {
          period,
          state: stateOf(tx, row),
          version: row?.version ?? null,
          receiptCode: row?.receiptCode ?? null,
          late: row?.late ?? false,
          reason: row?.status === 'returned' ? row.returnedReason : null,
          openUntil: until?.toISOString() ?? null,
          dueEnd: endOfDay(y, m, calendar.dueDay).toISOString(),
          draft: drafts.has(period),
          dusunMismatch: unitId() === null && row !== undefined && row.status !== 'verified' && dusunMismatchOf(tx, desaCode, period, settings) !== null,
          dusun: parts ? { received: parts.received.length, missing: parts.missing } : null,
          desaState: unitId() === null ? null : stateOf(tx, desaRow),
        };
      });
    };
    const facts = lazyFacts<RecapStatusFacts>({
      unit: () => (unitId() === null ? 'desa' : 'dusun'),
      reviewer: () => reviewerTitle(reviewersOf(tx, desaCode).role),
      months,
    });
    return { [RECAP_STATUS_FACTS]: facts };
  };
  return { flows: ['recap_status'], load };
}
