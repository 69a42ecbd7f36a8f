// One sender's conversation around the flows: expiry, the words that work anywhere (MENU, BATAL, BANTUAN,
// LANJUT), non-text and oversized messages, and the role's main menu. Pure: (registry, state, input, env) →
// (state, events).
import { describeActorRole } from './actor-label.js';
import { COPY } from './copy.js';
import { generalHelp } from './help.js';
import { compactConversation } from './engine/compact.js';
import { helpFor, isSessionCompatible, repromptFlow, resumeFlow, say, startFlow, TRIGGER, type FlowSprint } from './engine/engine.js';
import { MAX_INPUT_CHARS } from './engine/limits.js';
import type { ConversationInput, ConversationState, FlowDefinition, FlowEnv, FlowEvent, FlowSession, Sprint } from './engine/types.js';
import { isBlank, keywordOf, normalizeInput, parseChoice } from './parse/index.js';
import { enterPractice, marked, practiceTurn, PRACTICE_FLOW, type PracticeHost } from './practice/practice-turn.js';
import type { FlowRegistry } from './registry.js';

export interface ConversationOptions {
  /** Idle time after which an open flow is closed (its draft kept), in milliseconds. */
  expiryMs: number;
}

/** At most one "please send that again" per sender in this window: a decryption storm must not become spam. */
export const RESEND_REQUEST_INTERVAL_MS = 10 * 60_000;

type GlobalWord = 'MENU' | 'BATAL' | 'BANTUAN' | 'LANJUT';
const GLOBAL_WORDS: Readonly<Record<string, GlobalWord>> = {
  MENU: 'MENU',
  'MENU UTAMA': 'MENU',
  BATAL: 'BATAL',
  STOP: 'BATAL',
  BERHENTI: 'BATAL',
  BANTUAN: 'BANTUAN',
  TOLONG: 'BANTUAN',
  HELP: 'BANTUAN',
  LANJUT: 'LANJUT',
  LANJUTKAN: 'LANJUT',
};

/** MENU, BATAL, BANTUAN or LANJUT (and their other spellings), when the message is one of them. */
export function globalWordOf(text: string): GlobalWord | undefined {
  return GLOBAL_WORDS[keywordOf(text)];
}

/** The menu's first line: the resident's welcome, or the person named with their role and area. */
export function greetingOf(env: Pick<FlowEnv, 'actor' | 'areas'>): string {
  const { actor, areas } = env;
  return actor.kind === 'resident'
    ? 'Halo! Selamat datang di *IMP Smart*, layanan WhatsApp Kader KB Kabupaten Gowa.'
    : `Halo, ${actor.name}! Anda terdaftar sebagai ${describeActorRole(actor, areas)}.`;
}

/** The greeting naming the person and their area, followed by the numbered menu. */
export function menuText(registry: FlowRegistry, env: FlowEnv): string {
  const { actor } = env;
  const greeting = greetingOf(env);
  const items = registry.menuFor(actor).map((item) => `${item.number}. ${item.label}`);
  return [greeting, '', COPY.menuIntro, ...items, '', COPY.menuFooter].join('\n');
}

/**
 * One message through the conversation. The state returned is `stored` itself (the same object) when the message
 * changed nothing that must be kept — a menu, a help page or a one-message answer with no flow open — so the host
 * may skip writing it. A state stored by an older version is compacted first (engine/compact.ts).
 */
export function converse(
  registry: FlowRegistry,
  stored: ConversationState,
  input: ConversationInput,
  env: FlowEnv,
  options: ConversationOptions,
): Sprint<ConversationState> {
  const previous = compactConversation(stored);
  const host: PracticeHost = {
    registry,
    expiryMs: options.expiryMs,
    menu: () => say(menuText(registry, env)),
    globalWord: globalWordOf,
    answer: answerActive,
    real: (state, message) => converseOutside(registry, state, message, env, options),
  };
  // A practice (LATIHAN) runs the real flows on a made-up desa: flows/practice/practice-turn.ts.
  if (previous.practice) return practiceTurn(host, previous, input, env);
  const sprint = converseOutside(registry, previous, input, env, options);
  // Still at the practice menu (a wrong answer, BANTUAN): what it says belongs to the practice and is marked too.
  const atPracticeMenu = previous.active?.flowId === PRACTICE_FLOW && sprint.state.active?.flowId === PRACTICE_FLOW;
  return enterPractice(host, atPracticeMenu ? { state: sprint.state, events: marked(sprint.events) } : sprint, env);
}

/** One message outside practice mode. */
function converseOutside(
  registry: FlowRegistry,
  previous: ConversationState,
  input: ConversationInput,
  env: FlowEnv,
  options: ConversationOptions,
): Sprint<ConversationState> {
  // Nothing of an unreadable message is known: it does not count as activity of the open flow either.
  if (input.kind === 'undecryptable') return askToResend(previous, env);
  const sprint = handle(registry, previous, input, env, options);
  // The idle clock only matters while a flow is open (expiry): with none open before or after, leave it alone.
  if (sprint.state === previous && !previous.active) return sprint;
  return { ...sprint, state: { ...sprint.state, lastActivityAt: env.now.toISOString() } };
}

function handle(
  registry: FlowRegistry,
  previous: ConversationState,
  input: Exclude<ConversationInput, { kind: 'undecryptable' }>,
  env: FlowEnv,
  options: ConversationOptions,
): Sprint<ConversationState> {
  const events: FlowEvent[] = [];
  let state: ConversationState = previous;
  const menu = () => say(menuText(registry, env));

  // Expiry is noticed on the next message: the user is told once, the draft (if any) is kept.
  let justExpired = false;
  if (previous.active && previous.lastActivityAt) {
    const idle = env.now.getTime() - Date.parse(previous.lastActivityAt);
    if (idle > options.expiryMs) {
      const left = leave(registry, state);
      state = left.state;
      events.push(say(COPY.expired(left.keptDraft)));
      justExpired = true;
    }
  }

  // A session saved under an older definition of its flow cannot safely continue.
  if (state.active) {
    const def = registry.get(state.active.flowId);
    if (!def || !isSessionCompatible(def, state.active)) {
      state = { ...state, active: null };
      events.push(say(COPY.flowChanged));
      return { state, events: [...events, menu()] };
    }
  }

  const again = (): FlowEvent[] => (state.active ? reprompt(registry, state.active, env).events : [menu()]);

  if (input.kind === 'media') return { state, events: [...events, say(COPY.textOnly), ...again()] };
  if (isBlank(input.text)) return { state, events: [...events, say(COPY.blank), ...again()] };
  if (input.text.length > MAX_INPUT_CHARS) return { state, events: [...events, say(COPY.tooLong(MAX_INPUT_CHARS)), ...again()] };

  const text = normalizeInput(input.text);
  const word = globalWordOf(text);
  if (word) return applyGlobalWord(word, registry, state, env, events);

  // "KASUS <kode>", "STATUS <kode>": commands that work inside any flow, like the words above.
  const global = registry.globalEntryFor(env.actor, text);
  if (global && (state.active || justExpired) && !readsItself(registry, state, global.flowId, text)) return enterGlobal(registry, state, global, text, env, events);

  // After an expiry the message most likely answered the old question: show the menu rather than guess.
  if (justExpired) return { state, events: [...events, menu()] };

  if (state.active) {
    const sprint = answerActive(registry.get(state.active.flowId)!, state.active, text, env);
    return { state: { ...state, active: sprint.state }, events: [...events, ...sprint.events] };
  }

  const entry = registry.entryFor(env.actor, text);
  if (entry) {
    // A direct command (e.g. fast entry) starts its flow at the entry node, with the draft's answers (if any)
    // for the flow to build on.
    const def = registry.get(entry.flowId)!;
    const { [entry.flowId]: draft, ...drafts } = state.drafts;
    const sprint = startFlow(def, env, { node: entry.node, text, ...(draft ? { results: draft.results } : {}) });
    // An entry that ends at once (a help page, a refusal) leaves the draft where it was.
    return { state: { ...state, active: sprint.state, drafts: sprint.state ? drafts : state.drafts }, events: [...events, ...sprint.events] };
  }

  const chosen = parseChoice(text, registry.menuChoices(env.actor));
  if (chosen) {
    const sprint = enterFlow(registry, state, chosen, env);
    return { state: sprint.state, events: [...events, ...sprint.events] };
  }
  return { state, events: [...events, menu()] };
}

/**
 * A message to the open flow: its answer, or one of the flow's own entries, which work inside it: a help entry
 * ("BANTUAN LAPOR" mid-recap) answers and asks the open question again; any other ("LAPOR PUS=480" at the summary)
 * restarts there with the answers so far. Also used by practice mode (practice-turn.ts), on its made-up world.
 */
export function answerActive(def: FlowDefinition, active: FlowSession, text: string, env: FlowEnv): FlowSprint {
  const own = def.entries?.find((e) => e.inside === true && !e.others && e.matches(text));
  if (own && def.nodes[own.node]?.kind === 'end') {
    const help = startFlow(def, env, { node: own.node, text });
    return { state: active, events: [...help.events, ...repromptFlow(def, active, env).events] };
  }
  if (own) {
    const sprint = startFlow(def, env, { node: own.node, text, results: active.results });
    // A restart that ends at once (a closed month named) leaves the open question where it was.
    if (!sprint.state) return { state: active, events: [...sprint.events, ...repromptFlow(def, active, env).events] };
    return sprint;
  }
  return resumeFlow(def, active, text, env);
}

/** Nothing of the message is known, so the conversation does not move; the sender is asked once to resend. */
function askToResend(state: ConversationState, env: FlowEnv): Sprint<ConversationState> {
  const last = state.resendAskedAt ? Date.parse(state.resendAskedAt) : Number.NEGATIVE_INFINITY;
  if (env.now.getTime() - last < RESEND_REQUEST_INTERVAL_MS) return { state, events: [] };
  return { state: { ...state, resendAskedAt: env.now.toISOString() }, events: [say(COPY.pleaseResend)] };
}

function applyGlobalWord(
  word: GlobalWord,
  registry: FlowRegistry,
  state: ConversationState,
  env: FlowEnv,
  events: FlowEvent[],
): Sprint<ConversationState> {
  const menu = say(menuText(registry, env));
  switch (word) {
    case 'MENU': {
      if (!state.active) return { state, events: [...events, menu] };
      const left = leave(registry, state);
      const note = COPY.leftToMenu(left.keptDraft);
      return { state: left.state, events: [...events, ...(note ? [say(note)] : []), menu] };
    }
    case 'BATAL': {
      if (!state.active) return { state, events: [...events, say(COPY.nothingToCancel), menu] };
      const left = leave(registry, state);
      return { state: left.state, events: [...events, say(COPY.cancelled(left.keptDraft)), menu] };
    }
    case 'BANTUAN': {
      if (!state.active) return { state, events: [...events, say(generalHelp(env.actor)), menu] };
      const def = registry.get(state.active.flowId)!;
      return { state, events: [...events, say(helpFor(def, state.active, env))] };
    }
    case 'LANJUT': {
      if (state.active) {
        return { state, events: [...events, say(COPY.continuing), ...reprompt(registry, state.active, env).events] };
      }
      const flowId = Object.keys(state.drafts).at(-1);
      if (!flowId) return { state, events: [...events, say(COPY.noDraft), menu] };
      const sprint = enterFlow(registry, state, flowId, env);
      return { state: sprint.state, events: [...events, ...sprint.events] };
    }
  }
}

/**
 * A global entry typed while another flow is open. A one-message answer (STATUS) leaves the open flow where it
 * was and asks its question again; a flow that asks something (KASUS <kode>) takes over, and the open flow is left
 * as MENU leaves it (kept as a draft when it keeps drafts).
 */
function enterGlobal(
  registry: FlowRegistry,
  state: ConversationState,
  entry: { flowId: string; node: string },
  text: string,
  env: FlowEnv,
  events: FlowEvent[],
): Sprint<ConversationState> {
  const def = registry.get(entry.flowId)!;
  const sprint = startFlow(def, env, { node: entry.node, text });
  if (sprint.state === null) {
    const back = state.active ? backTo(reprompt(registry, state.active, env).events) : [];
    return { state, events: [...events, ...sprint.events, ...back] };
  }
  const left = leave(registry, state);
  // The same flow started again (KUIS <another code> mid-quiz) replaces its draft: no draft to announce.
  const note = state.active?.flowId === entry.flowId ? '' : COPY.leftToMenu(left.keptDraft);
  const { [entry.flowId]: _draft, ...drafts } = left.state.drafts;
  return { state: { ...left.state, active: sprint.state, drafts }, events: [...events, ...(note ? [say(note)] : []), ...sprint.events] };
}

/**
 * A global entry of the open flow that is also marked `inside` (INFO <kata> while browsing the Smart Book) is read by
 * that flow with what is on screen, below, instead of starting it over.
 */
function readsItself(registry: FlowRegistry, state: ConversationState, flowId: string, text: string): boolean {
  if (state.active?.flowId !== flowId) return false;
  return registry.get(flowId)?.entries?.some((e) => e.global === true && e.inside === true && e.matches(text)) === true;
}

/** The open question asked again after an interruption, introduced as such. */
function backTo(reprompted: FlowEvent[]): FlowEvent[] {
  return reprompted.map((event, i) => (i === 0 && event.type === 'message_created' ? { ...event, text: `${COPY.backToQuestion}\n${event.text}` } : event));
}

/** Starts a flow, or resumes its draft when one is kept. */
function enterFlow(registry: FlowRegistry, state: ConversationState, flowId: string, env: FlowEnv): Sprint<ConversationState> {
  const def = registry.get(flowId);
  const { [flowId]: draft, ...otherDrafts } = state.drafts;
  if (!def) return { state: { ...state, drafts: otherDrafts }, events: [say(COPY.flowChanged), say(menuText(registry, env))] };
  if (draft && isSessionCompatible(def, draft)) {
    const sprint = repromptFlow(def, draft, env);
    return { state: { ...state, active: sprint.state, drafts: otherDrafts }, events: [say(COPY.resumingDraft), ...sprint.events] };
  }
  const sprint: FlowSprint = startFlow(def, env);
  return { state: { ...state, active: sprint.state, drafts: otherDrafts }, events: sprint.events };
}

function reprompt(registry: FlowRegistry, session: FlowSession, env: FlowEnv): FlowSprint {
  return repromptFlow(registry.get(session.flowId)!, session, env);
}

/**
 * Leaves the active flow, keeping it as the newest draft when the flow keeps drafts and has answers. What was typed
 * ends with the conversation: a draft keeps the understood answers, not the raw text (which may hold a NIK).
 */
function leave(registry: FlowRegistry, state: ConversationState): { state: ConversationState; keptDraft: boolean } {
  const active = state.active;
  if (!active) return { state, keptDraft: false };
  const def = registry.get(active.flowId);
  const keep = def?.keepsDraft === true && Object.keys(active.results).length > 0;
  const { [active.flowId]: _old, ...others } = state.drafts;
  // Re-inserting puts this draft last, so LANJUT resumes the most recently left flow.
  const drafts = keep ? { ...others, [active.flowId]: forgetTypedText({ ...active, attempts: 0 }) } : state.drafts;
  return { state: { ...state, active: null, drafts }, keptDraft: keep };
}

/**
 * The session without the text as typed: every answer's `raw`, and the message that started the flow (`trigger`,
 * read only by the entry node). The engine no longer stores either once a message is handled, but a session saved
 * by an older version may hold them. Used when a flow is left and by the nightly retention job for idle conversations.
 */
export function forgetTypedText(session: FlowSession): FlowSession {
  const results = Object.fromEntries(Object.entries(session.results).map(([name, result]) => [name, { value: name === TRIGGER ? '' : result.value }]));
  return { ...session, results };
}

/** A whole conversation with forgetTypedText applied to its open flow and its drafts. */
export function forgetConversationText(state: ConversationState): ConversationState {
  return {
    ...state,
    active: state.active ? forgetTypedText(state.active) : null,
    drafts: Object.fromEntries(Object.entries(state.drafts).map(([id, draft]) => [id, forgetTypedText(draft)])),
  };
}
