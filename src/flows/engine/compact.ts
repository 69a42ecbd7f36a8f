// Sessions stored before results were reduced to their values: each result also carried the text as typed, its
// category, the node that asked it and the time, about 120 bytes around a value of a few digits (a recap at its
// summary was 10 KB of JSON). Such a state still loads and runs as it is; it is reduced here when it is next read,
// so the first message after an upgrade writes it small and the flow goes on where it was. Pure.
import type { ConversationState, FlowSession, Result, Results } from './types.js';

/** True when a stored result has more than its value (an older session's, or an answer's `raw` not yet settled). */
function isLoose(result: Result): boolean {
  for (const key in result) if (key !== 'value') return true;
  return false;
}

/** The results with only their values; the same object when there is nothing to drop. */
export function compactResults(results: Results): Results {
  if (!Object.values(results).some(isLoose)) return results;
  return Object.fromEntries(Object.entries(results).map(([name, result]) => [name, isLoose(result) ? { value: result.value } : result]));
}

export function compactSession(session: FlowSession): FlowSession {
  const results = compactResults(session.results);
  return results === session.results ? session : { ...session, results };
}

/** The conversation with every session compacted; the same object when it already was (nothing to write). */
export function compactConversation(state: ConversationState): ConversationState {
  const active = state.active ? compactSession(state.active) : null;
  let draftsChanged = false;
  const drafts: Record<string, FlowSession> = {};
  for (const [flowId, draft] of Object.entries(state.drafts)) {
    drafts[flowId] = compactSession(draft);
    if (drafts[flowId] !== draft) draftsChanged = true;
  }
  if (active === state.active && !draftsChanged) return state;
  return { ...state, active, ...(draftsChanged ? { drafts } : {}) };
}
