// The conversation core's state: left untouched (the same object) when a message changes nothing, so the host can
// skip writing it; an older session format read and reduced to values.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../src/areas/wilayah-data.js';
import { converse } from '../../src/flows/conversation.js';
import { compactConversation } from '../../src/flows/engine/compact.js';
import type { ConversationState, FlowEnv } from '../../src/flows/engine/types.js';
import { PRODUCTION_FLOWS } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';

const { areas, aliases } = loadWilayahFromResources();
const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);
const env: FlowEnv = { now: new Date('2026-11-25T02:00:00Z'), actor: { kind: 'resident' }, areas: new AreaDirectory(areas, aliases), facts: {} };
const options = { expiryMs: 72 * 3600_000 };
const text = (t: string) => ({ kind: 'text', text: t }) as const;

const idle: ConversationState = Object.freeze({ active: null, drafts: {}, lastActivityAt: '2026-11-24T01:00:00.000Z' });

describe('conversation state', () => {
  it('when a message with no flow open only gets the menu or help, then the stored state itself comes back (nothing to write)', () => {
    for (const message of ['halo', 'menu', 'bantuan', 'batal']) {
      const sprint = converse(registry, idle, text(message), env, options);
      expect(sprint.events.length).toBeGreaterThan(0);
      expect(sprint.state).toBe(idle);
    }
  });

  it('when a message starts a flow or is handled inside one, then the state is new and its idle clock is the message time', () => {
    const started = converse(registry, idle, text('latihan'), env, options);
    expect(started.state.active?.flowId).toBe('fixture');
    expect(started.state.lastActivityAt).toBe(env.now.toISOString());
    const later = { ...env, now: new Date('2026-11-25T03:00:00Z') };
    const helped = converse(registry, started.state, text('bantuan'), later, options);
    expect(helped.state).not.toBe(started.state);
    expect(helped.state).toEqual({ ...started.state, lastActivityAt: later.now.toISOString() });
  });

  it('when a state stored before compaction is read, then every result keeps only its value and the drafts keep their order', () => {
    const old = (value: unknown, nodeId: string) => ({ value, raw: 'typed', category: 'ok', nodeId, at: '2026-11-24T01:00:00.000Z' });
    const session = (flowId: string, results: Record<string, unknown>) => ({ flowId, flowVersion: 1, nodeId: `${flowId}.x`, results, attempts: 0, startedAt: '' });
    const stored = {
      active: session('fixture', { pus: old(120, 'fixture.pus') }),
      drafts: { b: session('b', { x: old(1, 'b.x') }), a: session('a', { y: { value: 2 } }) },
      lastActivityAt: null,
    } as unknown as ConversationState;
    const compact = compactConversation(stored);
    expect(compact.active!.results).toEqual({ pus: { value: 120 } });
    expect(Object.keys(compact.drafts)).toEqual(['b', 'a']);
    expect(compact.drafts.b!.results).toEqual({ x: { value: 1 } });
    // Already compact: the same objects, so nothing is rewritten.
    expect(compact.drafts.a).toBe(stored.drafts.a);
    expect(compactConversation(compact)).toBe(compact);
  });
});
