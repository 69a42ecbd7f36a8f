// The flow engine: pure and synchronous. (definition, session, input, env) → (session, events).
// It throws only when the caller misuses it (EngineError); problems inside a flow become `flow_failed` events.
import { COPY } from '../copy.js';
import { MAX_ATTEMPTS, MAX_STEPS_PER_SPRINT } from './limits.js';
import type {
  AskNode,
  FlowDefinition,
  FlowEnv,
  FlowEvent,
  FlowSession,
  NodeId,
  Results,
  Scope,
  Sprint,
  Text,
} from './types.js';
import { VALIDATORS } from './validators.js';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: 'ENGINE_NODE_NOT_WAITING' | 'ENGINE_FLOW_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

/** A session is null once its flow has ended. */
export type FlowSprint = Sprint<FlowSession | null>;

export function renderText(text: Text, scope: Scope): string {
  return typeof text === 'function' ? text(scope) : text;
}

/** A message to whoever sent the message being handled. */
export function say(text: string): FlowEvent {
  return { type: 'message_created', to: { kind: 'sender' }, text };
}

function scopeOf(env: FlowEnv, results: Results): Scope {
  return { ...env, results };
}

/** The result holding the message that started a flow at an entry node. */
export const TRIGGER = 'trigger';

/**
 * Starts a flow and runs until it waits for an answer or ends: at its first node, or at an entry node with the
 * message that triggered it saved as the result `trigger`. Entry nodes read it at once (a fast entry is parsed into
 * one result per number), so like a transient answer it is not kept once the flow waits.
 */
export function startFlow(def: FlowDefinition, env: FlowEnv, entry?: { node: NodeId; text: string; results?: Results }): FlowSprint {
  const start = entry?.node ?? def.start;
  const session: FlowSession = {
    flowId: def.id,
    flowVersion: def.version,
    nodeId: start,
    results: entry ? { ...entry.results, [TRIGGER]: { value: entry.text } } : {},
    attempts: 0,
    startedAt: env.now.toISOString(),
  };
  const sprint = advance(def, session, start, env, []);
  return entry && sprint.state ? { ...sprint, state: settle(sprint.state, TRIGGER, true) } : sprint;
}

/** Feeds one answer to the question the session is waiting on. */
export function resumeFlow(def: FlowDefinition, session: FlowSession, raw: string, env: FlowEnv): FlowSprint {
  const node = waitingNode(def, session);
  const scope = scopeOf(env, session.results);
  const validator = VALIDATORS[node.validate.name];
  if (!validator) return fail(def, session, `unknown validator ${node.validate.name}`);
  const args: unknown = typeof node.validate.args === 'function' ? (node.validate.args as (s: Scope) => unknown)(scope) : node.validate.args;
  const verdict = validator.run(raw, args, scope);
  const next = node.routes[verdict.category];

  if (next === undefined) {
    const attempts = session.attempts + 1;
    const hint = node.invalid ? renderText(node.invalid, scope) : (verdict.reason ?? COPY.invalidGeneric);
    const question = renderText(node.brief ?? node.prompt, scope);
    // Told to the host as well, for practice mode's feedback (flows/practice/); nothing stores it.
    const caught: FlowEvent = { type: 'mistake_caught', kind: 'invalid', nodeId: session.nodeId, rules: [] };
    if (attempts >= MAX_ATTEMPTS) {
      // Explain properly and offer a way out, then give the cadre a fresh set of tries at the same question.
      const help = node.help ? renderText(node.help, scope) : def.help ? renderText(def.help, scope) : hint;
      return { state: { ...session, attempts: 0 }, events: [say(COPY.tooManyAttempts(help, question)), caught] };
    }
    return { state: { ...session, attempts }, events: [say(COPY.invalidAnswer(hint, question)), caught] };
  }

  const name = node.result ?? session.nodeId;
  const results: Results = { ...session.results, [name]: { value: verdict.value, raw } };
  const sprint = advance(def, { ...session, results, attempts: 0 }, next, env, []);
  return sprint.state ? { ...sprint, state: settle(sprint.state, name, node.transient === true) } : sprint;
}

/**
 * The session as stored once the message is handled: the answer without the text as typed, or gone when its
 * question is transient (the actions after it saved what it meant). Other results never carry `raw`.
 */
function settle(session: FlowSession, name: string, transient: boolean): FlowSession {
  const answer = session.results[name];
  if (answer === undefined || (!transient && answer.raw === undefined)) return session;
  const { [name]: _answer, ...others } = session.results;
  return { ...session, results: transient ? others : { ...others, [name]: { value: answer.value } } };
}

/** The question the session waits on, asked again (LANJUT, BANTUAN, after a restart of the conversation). */
export function repromptFlow(def: FlowDefinition, session: FlowSession, env: FlowEnv): FlowSprint {
  const node = waitingNode(def, session);
  return { state: session, events: asked(node, scopeOf(env, session.results)) };
}

/** The messages that ask a question: its preface (if any), then its prompt. */
function asked(node: AskNode, scope: Scope): FlowEvent[] {
  const preface = node.preface ? renderText(node.preface, scope) : '';
  return [...(preface ? [say(preface)] : []), say(renderText(node.prompt, scope))];
}

/** Help for where the user is: the node's, else the flow's, else a generic line. Followed by the question. */
export function helpFor(def: FlowDefinition, session: FlowSession, env: FlowEnv): string {
  const node = waitingNode(def, session);
  const scope = scopeOf(env, session.results);
  const help = node.help ?? node.invalid ?? def.help;
  return COPY.helpInFlow(help ? renderText(help, scope) : null, renderText(node.brief ?? node.prompt, scope), def.keepsDraft === true);
}

/** True when the session can still run on this definition (same version, node still exists and waits). */
export function isSessionCompatible(def: FlowDefinition, session: FlowSession): boolean {
  return session.flowVersion === def.version && def.nodes[session.nodeId]?.kind === 'ask';
}

function waitingNode(def: FlowDefinition, session: FlowSession): AskNode {
  if (session.flowId !== def.id) {
    throw new EngineError('ENGINE_FLOW_MISMATCH', `session of ${session.flowId} given to ${def.id}`);
  }
  const node = def.nodes[session.nodeId];
  if (node?.kind !== 'ask') {
    throw new EngineError('ENGINE_NODE_NOT_WAITING', `${session.nodeId} is not a question`);
  }
  return node;
}

function fail(def: FlowDefinition, session: FlowSession, reason: string, events: FlowEvent[] = []): FlowSprint {
  // Messages of a failed sprint are dropped: a runaway loop must not flood the user, who gets one apology.
  const kept = events.filter((event) => event.type !== 'message_created');
  return {
    state: null,
    events: [...kept, { type: 'flow_failed', flowId: def.id, nodeId: session.nodeId, reason }, say(COPY.flowFailed)],
  };
}

/** Walks non-waiting nodes from `nodeId` until a question (wait) or an end, within the step limit. */
function advance(def: FlowDefinition, start: FlowSession, nodeId: NodeId, env: FlowEnv, events: FlowEvent[]): FlowSprint {
  let session = start;
  let current = nodeId;
  for (let step = 0; step < MAX_STEPS_PER_SPRINT; step++) {
    const node = def.nodes[current];
    if (!node) return fail(def, session, `missing node ${current}`, events);
    session = { ...session, nodeId: current };
    const scope = scopeOf(env, session.results);
    switch (node.kind) {
      case 'ask':
        events.push(...asked(node, scope));
        return { state: session, events };
      case 'say':
        events.push(say(renderText(node.text, scope)));
        current = node.next;
        break;
      case 'action': {
        const outcome = node.run(scope);
        events.push(...(outcome.events ?? []));
        if (outcome.results) session = { ...session, results: { ...session.results, ...derived(outcome.results) } };
        const next = node.routes[outcome.category];
        if (next === undefined) return fail(def, session, `unrouted category ${outcome.category} at ${current}`, events);
        current = next;
        break;
      }
      case 'end':
        if (node.text) events.push(say(renderText(node.text, scope)));
        if (node.complete) {
          const values = Object.fromEntries(Object.entries(session.results).map(([k, r]) => [k, r.value]));
          events.push({ type: 'flow_completed', flowId: def.id, results: values });
        }
        return { state: null, events };
    }
  }
  return fail(def, session, `more than ${MAX_STEPS_PER_SPRINT} steps`, events);
}

function derived(values: Record<string, unknown>): Results {
  return Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }]));
}
