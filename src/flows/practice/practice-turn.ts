// Practice mode in the conversation core. A practice runs the REAL recap, fast-entry or case-report flow on a
// made-up world (practice-env.ts), so the validators, rules and texts are the real ones; what differs is only what
// happens around it:
// * every message to the person carries the practice mark; messages to anyone else are dropped;
// * the caught mistakes (mistake_caught events) are counted in the state, for the feedback;
// * the report's domain event (recap_submitted, case_reported) never leaves: it becomes the practice receipt, the
//   feedback and one practice_finished event, which the host records (a practice_runs row, nothing else);
// * BATAL, MENU and expiry end the practice with nothing kept (no draft: a practice draft must never become a real one);
// * commands that work anywhere (KASUS, STATUS, HADIR <kode>) are answered for real; one that asks something ends the
//   practice, one that answers at once goes back to it.
// The host loads no database facts while a practice runs (bot/router.ts) and filters once more (bot/features/practice.ts).
// Pure: (state, input, env) → (state, events).
import { COPY } from '../copy.js';
import { helpFor, isSessionCompatible, repromptFlow, say, startFlow, type FlowSprint } from '../engine/engine.js';
import { MAX_INPUT_CHARS, MAX_MESSAGE_CHARS } from '../engine/limits.js';
import type { ConversationInput, ConversationState, FlowDefinition, FlowEnv, FlowEvent, PracticeRequested, Sprint } from '../engine/types.js';
import { isBlank, normalizeInput } from '../parse/index.js';
import type { FlowRegistry } from '../registry.js';
import { practiceEnv } from './practice-env.js';
import { practiceFeedback, practiceReceipt, topicsOf, type PracticeOutcome } from './practice-feedback.js';
import { NOTHING_CAUGHT, PRACTICE_MARK, type PracticeState } from './practice-model.js';
import { buildSheet, practiceSeed } from './practice-sheet.js';
import { isPracticeWord, practiceCommand } from './practice-words.js';
import { fastEntryReminder, sheetMessages } from './sheet-text.js';

/** What practice mode needs from the conversation core (passed in, so this module does not import it back). */
export interface PracticeHost {
  registry: FlowRegistry;
  expiryMs: number;
  /** The person's real main menu. */
  menu(): FlowEvent;
  /** MENU, BATAL, BANTUAN, LANJUT, when the text is one of them. */
  globalWord(text: string): 'MENU' | 'BATAL' | 'BANTUAN' | 'LANJUT' | undefined;
  /** The open flow's answer (or its own entries), as the conversation core gives it. */
  answer(def: FlowDefinition, active: NonNullable<ConversationState['active']>, text: string, env: FlowEnv): FlowSprint;
  /** The conversation as if no practice were running: for commands that work anywhere and unreadable messages. */
  real(state: ConversationState, input: ConversationInput): Sprint<ConversationState>;
}

export const PRACTICE_FLOW = 'practice';
const RECAP_FLOW = 'recap';
const CASE_FLOW = 'case_report';

export const PRACTICE_COPY = {
  stopped: 'Latihan dihentikan. Tidak ada yang disimpan. Ketik LATIHAN untuk mulai lagi.',
  expired: 'Latihan tadi ditutup karena lama tidak ada balasan. Tidak ada yang disimpan. Ketik LATIHAN untuk mulai lagi.',
  already: 'Anda sedang berlatih. Lanjutkan isian di bawah, atau ketik BATAL untuk berhenti.',
  back: 'Kembali ke latihan:',
  recapHelp: 'Isi laporan latihan sesuai lembar latihan. Ketik BATAL untuk berhenti (latihan tidak disimpan). Bisa juga dikirim sekaligus dalam satu pesan: ketik BANTUAN LAPOR untuk caranya.',
} as const;

/**
 * A flow as it runs in practice: it keeps no draft, and the recap's help does not promise to keep the answers. The
 * nodes are the real ones.
 */
function asPractised(def: FlowDefinition): FlowDefinition {
  return { ...def, keepsDraft: false, ...(def.id === RECAP_FLOW ? { help: PRACTICE_COPY.recapHelp } : {}) };
}

/** "🧪 *LATIHAN*" over a text, cut at line breaks when the two together would be too long for one message. */
export function markText(text: string): string[] {
  const room = MAX_MESSAGE_CHARS - PRACTICE_MARK.length - 1;
  if (text.length <= room) return [`${PRACTICE_MARK}\n${text}`];
  const parts: string[] = [];
  let part = '';
  for (const line of text.split('\n')) {
    if (part && part.length + 1 + line.length > room) {
      parts.push(part);
      part = '';
    }
    part = part ? `${part}\n${line}` : line.slice(0, room);
  }
  if (part) parts.push(part);
  return parts.map((p) => `${PRACTICE_MARK}\n${p}`);
}

/** The practice's messages to the person, marked (once); messages to anyone else dropped (a practice reaches nobody). */
export function marked(events: readonly FlowEvent[]): FlowEvent[] {
  return events.flatMap((e): FlowEvent[] => {
    if (e.type !== 'message_created') return [e];
    if (e.to.kind !== 'sender') return [];
    if (e.text.startsWith(`${PRACTICE_MARK}\n`)) return [e];
    return markText(e.text).map((text) => ({ ...e, text }));
  });
}

function withoutPractice(state: ConversationState): ConversationState {
  const { practice: _practice, ...rest } = state;
  return rest;
}

/** The state after a practice ends: no practice, no open flow; the real drafts are as they were. */
function ended(state: ConversationState): ConversationState {
  return { ...withoutPractice(state), active: null };
}

/** The flow a kind of practice runs, started on the made-up world (fast entry waits for its LAPOR message). */
function startTarget(host: PracticeHost, practice: PracticeState, env: FlowEnv): FlowSprint | null {
  if (practice.kind === 'fast') return null;
  return startFlow(host.registry.get(practice.kind === 'case' ? CASE_FLOW : RECAP_FLOW)!, practiceEnv(env, practice), undefined);
}

/**
 * Enters practice mode when the practice flow asked for it (practice_requested): the sheet, then the first question
 * of the real flow on the made-up world. The practice flow always ends at that event, so no flow is open here.
 */
export function enterPractice(host: PracticeHost, sprint: Sprint<ConversationState>, env: FlowEnv): Sprint<ConversationState> {
  const request = sprint.events.find((e): e is PracticeRequested => e.type === 'practice_requested');
  if (!request) return sprint;
  const before = sprint.events.filter((e) => e !== request);
  const started = (sprint.state.practicesStarted ?? 0) + 1;
  const personId = env.actor.kind === 'person' ? env.actor.personId : 0;
  const sheet = buildSheet({ seed: practiceSeed(personId, env.now, started), kind: request.kind, unit: request.unit, now: env.now, settings: request.settings });
  const practice: PracticeState = { kind: request.kind, startedAt: env.now.toISOString(), sheet, caught: NOTHING_CAUGHT, topics: [] };
  const state: ConversationState = { ...sprint.state, active: null, practice, practicesStarted: started };
  const shown = marked(sheetMessages(practice.kind, sheet).map((text) => say(text)));
  const start = startTarget(host, practice, env);
  if (!start) return { state, events: [...before, ...shown] };
  const settled = settle(state, practice, start, env);
  return { state: settled.state, events: [...before, ...shown, ...settled.events] };
}

/** The open practice question asked again (or, for fast entry before its LAPOR, how to send it). */
function again(host: PracticeHost, state: ConversationState, practice: PracticeState, env: FlowEnv): FlowEvent[] {
  if (!state.active) return [say(fastEntryReminder(practice.sheet))];
  return repromptFlow(host.registry.get(state.active.flowId)!, state.active, practiceEnv(env, practice)).events;
}

/** One message while a practice runs. */
export function practiceTurn(host: PracticeHost, previous: ConversationState, input: ConversationInput, env: FlowEnv): Sprint<ConversationState> {
  const practice = previous.practice!;
  const state: ConversationState = { ...previous, lastActivityAt: env.now.toISOString() };
  const stop = (text: string): Sprint<ConversationState> => ({ state: ended(state), events: [...marked([say(text)]), host.menu()] });

  // Like any flow, a practice left idle ends; the next message is told so and gets the menu.
  if (previous.lastActivityAt && env.now.getTime() - Date.parse(previous.lastActivityAt) > host.expiryMs) return stop(PRACTICE_COPY.expired);
  if (input.kind === 'undecryptable') {
    const real = host.real(state, input);
    return { state: real.state, events: marked(real.events) };
  }
  const def = state.active ? host.registry.get(state.active.flowId) : undefined;
  if (state.active && (!def || !isSessionCompatible(def, state.active))) return stop(COPY.flowChanged);
  // Only fast entry waits with no open flow; anything else without one is over (settle ends it, this is a safety net).
  if (!state.active && practice.kind !== 'fast') return host.real(ended(state), input);

  const ask = () => marked(again(host, state, practice, env));
  if (input.kind === 'media') return { state, events: [...marked([say(COPY.textOnly)]), ...ask()] };
  if (isBlank(input.text)) return { state, events: [...marked([say(COPY.blank)]), ...ask()] };
  if (input.text.length > MAX_INPUT_CHARS) return { state, events: [...marked([say(COPY.tooLong(MAX_INPUT_CHARS))]), ...ask()] };

  const text = normalizeInput(input.text);
  switch (host.globalWord(text)) {
    case 'MENU':
    case 'BATAL':
      return stop(PRACTICE_COPY.stopped);
    case 'BANTUAN':
      if (!state.active) return { state, events: ask() };
      return { state, events: marked([say(helpFor(asPractised(def!), state.active, practiceEnv(env, practice)))]) };
    case 'LANJUT':
      return { state, events: [...marked([say(COPY.continuing)]), ...ask()] };
    case undefined:
      break;
  }

  const global = host.registry.globalEntryFor(env.actor, text);
  if (global?.flowId === PRACTICE_FLOW || isPracticeWord(text) || practiceCommand(text) !== null) return { state, events: [...marked([say(PRACTICE_COPY.already)]), ...ask()] };
  if (global) {
    // A real command: answered on the real world, outside the practice.
    const real = host.real({ ...withoutPractice(state), active: null }, input);
    if (real.state.active === null) {
      const back = ask();
      if (back[0]?.type === 'message_created') back[0] = { ...back[0], text: back[0].text.replace(`${PRACTICE_MARK}\n`, `${PRACTICE_MARK}\n${PRACTICE_COPY.back}\n`) };
      return { state: { ...real.state, active: state.active, practice }, events: [...real.events, ...back] };
    }
    return { state: real.state, events: [...marked([say(PRACTICE_COPY.stopped)]), ...real.events] };
  }

  const penv = practiceEnv(env, practice);
  if (state.active) return settle(state, practice, host.answer(asPractised(def!), state.active, text, penv), env);
  // Fast entry: the practice waits for a LAPOR message (or BANTUAN LAPOR), taken by the real recap flow.
  const entry = host.registry.entryFor(penv.actor, text);
  if (entry?.flowId !== RECAP_FLOW) return { state, events: ask() };
  return settle(state, practice, startFlow(asPractised(host.registry.get(RECAP_FLOW)!), penv, { node: entry.node, text }), env);
}

/**
 * What the real flow did, as practice: mistakes counted, messages marked (others dropped), and the report's event
 * turned into the receipt, the feedback and practice_finished. Anything else a practice flow might emit is dropped.
 */
function settle(state: ConversationState, practice: PracticeState, sprint: FlowSprint, env: FlowEnv): Sprint<ConversationState> {
  const caught = { ...practice.caught };
  const topics = [...practice.topics];
  const messages: FlowEvent[] = [];
  let outcome: PracticeOutcome | null = null;
  let failed = false;
  for (const event of sprint.events) {
    switch (event.type) {
      case 'message_created':
        messages.push(event);
        break;
      case 'mistake_caught':
        caught[event.kind]++;
        for (const topic of topicsOf(event.kind, event.nodeId, event.rules)) if (!topics.includes(topic)) topics.push(topic);
        break;
      case 'recap_submitted':
        outcome = { kind: 'recap', event };
        break;
      case 'case_reported':
        outcome = { kind: 'case', event };
        break;
      case 'flow_failed':
        failed = true;
        messages.push(event);
        break;
      default:
        // Nothing else a flow emits is real in a practice.
        break;
    }
  }
  const updated: PracticeState = { ...practice, caught, topics };
  if (outcome) {
    const feedback = practiceFeedback(updated, outcome, env.now);
    const closing = [say(practiceReceipt(updated, outcome)), say(feedback.text)];
    return { state: ended(state), events: [...marked([...messages, ...closing]), feedback.event] };
  }
  // A guided or case practice whose flow ended without a report (a failure) is over; fast entry waits for LAPOR again.
  if (failed || (sprint.state === null && practice.kind !== 'fast')) return { state: ended(state), events: marked(messages) };
  return { state: { ...state, active: sprint.state, practice: updated }, events: marked(messages) };
}
