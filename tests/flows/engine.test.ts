// The pure engine: definitions as data, validators as categories, limits as failures.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../src/areas/wilayah-data.js';
import { EngineError, resumeFlow, startFlow } from '../../src/flows/engine/engine.js';
import type { FlowDefinition, FlowEnv } from '../../src/flows/engine/types.js';
import { validateDefinition } from '../../src/flows/engine/validate-definition.js';
import { PRODUCTION_FLOWS, productionFlows } from '../../src/flows/index.js';
import { createRegistry } from '../../src/flows/registry.js';
import { fixtureFlow } from '../helpers/fixture-flow.js';

const { areas, aliases } = loadWilayahFromResources();
const env: FlowEnv = { now: new Date('2026-11-25T00:00:00Z'), actor: { kind: 'resident' }, areas: new AreaDirectory(areas, aliases), facts: {} };

describe('flow registry', () => {
  it.each(productionFlows().map((f) => [f.id, f]))('when flow %s is validated, then it has no problems', (_id, flow) => {
    expect(validateDefinition(flow)).toEqual([]);
  });

  it('when a definition is broken, then every problem is named', () => {
    const broken: FlowDefinition = {
      id: 'broken',
      version: 1,
      start: 'broken.a',
      nodes: {
        'broken.a': { kind: 'ask', prompt: 'A?', validate: { name: 'yes_no' }, routes: { yes: 'broken.gone' } },
        'broken.b': { kind: 'ask', prompt: 'B?', validate: { name: 'nope' }, routes: {} },
        'other.c': { kind: 'end' },
      },
    };
    expect(validateDefinition(broken)).toEqual([
      'node other.c is not namespaced under broken.',
      'broken.a routes to missing node broken.gone',
      'broken.a does not route category no',
      'broken.b uses unknown validator nope',
      'node broken.b is unreachable',
      'node other.c is unreachable',
    ]);
    expect(() => createRegistry([broken])).toThrow(/flow broken:/);
  });

  it('when the menu is built, then each audience sees only its entries, numbered from 1', () => {
    const registry = createRegistry([...PRODUCTION_FLOWS, fixtureFlow]);
    expect(registry.menuFor({ kind: 'resident' }).map((m) => `${m.number}. ${m.label}`)).toEqual(['1. Isian latihan', '2. Tentang IMP Smart', '3. Bantuan']);
    const pkb = { kind: 'person', personId: 1, name: 'A', role: 'pkb', desaCodes: [], homeAreaCode: '73.06', unitName: null } as const;
    expect(registry.menuFor(pkb).map((m) => m.label)).toEqual(['Profil saya', 'Bantuan', 'Rekap dan grafik laporan']);
  });
});

describe('engine', () => {
  it('when a flow starts and is answered, then the session keeps the value (not the text as typed) and the end completes', () => {
    const started = startFlow(fixtureFlow, env);
    expect(started.events).toEqual([{ type: 'message_created', to: { kind: 'sender' }, text: '(1/3) Berapa jumlah PUS? Contoh: 120' }]);
    const one = resumeFlow(fixtureFlow, started.state!, ' 1.250 ', env);
    expect(one.state!.results).toEqual({ pus: { value: 1250 } });
    const two = resumeFlow(fixtureFlow, one.state!, 'tidak', env);
    expect(two.state).toBeNull();
    expect(two.events.at(-1)).toEqual({ type: 'flow_completed', flowId: 'fixture', results: { pus: 1250, poktan: false } });
  });

  it('when an answer is wrong, then the attempt counter rises and resets after the third', () => {
    let session = startFlow(fixtureFlow, env).state!;
    const attempts: number[] = [];
    for (let i = 0; i < 4; i++) {
      session = resumeFlow(fixtureFlow, session, 'abc', env).state!;
      attempts.push(session.attempts);
    }
    expect(attempts).toEqual([1, 2, 0, 1]);
  });

  it('when a flow loops without waiting, then the step limit turns it into a failure event', () => {
    const loop: FlowDefinition = {
      id: 'loop',
      version: 1,
      start: 'loop.a',
      nodes: {
        'loop.a': { kind: 'action', run: () => ({ category: 'again' }), routes: { again: 'loop.b' } },
        'loop.b': { kind: 'say', text: 'x', next: 'loop.a' },
      },
    };
    const sprint = startFlow(loop, env);
    expect(sprint.state).toBeNull();
    expect(sprint.events).toEqual([
      { type: 'flow_failed', flowId: 'loop', nodeId: expect.stringMatching(/^loop\./), reason: 'more than 100 steps' },
      { type: 'message_created', to: { kind: 'sender' }, text: expect.stringContaining('Maaf, terjadi gangguan') },
    ]);
  });

  // A line of numbers saved as one result per number by the action after it; the action also reads what was typed.
  const lineFlow: FlowDefinition = {
    id: 'line',
    version: 1,
    start: 'line.ask',
    nodes: {
      'line.ask': { kind: 'ask', prompt: 'Dua angka?', validate: { name: 'number_list', args: { count: 2, max: [99, 99] } }, result: 'ans', transient: true, routes: { ok: 'line.save', wrong_count: 'line.ask', month: 'line.ask', ubah: 'line.ask' } },
      'line.save': {
        kind: 'action',
        run: ({ results }) => {
          const [a, b] = results.ans!.value as number[];
          return { category: 'ok', results: { a, b, typed: results.ans!.raw } };
        },
        routes: { ok: 'line.next' },
      },
      'line.next': { kind: 'ask', prompt: 'Lanjut?', validate: { name: 'yes_no' }, result: 'go', routes: { yes: 'line.done', no: 'line.done' } },
      'line.done': { kind: 'end' },
    },
  };

  it('when a transient question is answered, then the actions after it see the answer and what was typed, and the session keeps only what they saved', () => {
    expect(validateDefinition(lineFlow)).toEqual([]);
    const sprint = resumeFlow(lineFlow, startFlow(lineFlow, env).state!, '3 4', env);
    expect(sprint.state!.nodeId).toBe('line.next');
    expect(sprint.state!.results).toEqual({ a: { value: 3 }, b: { value: 4 }, typed: { value: '3 4' } });
  });

  it('when a flow starts at an entry node, then the entry reads the message as `trigger` and the waiting session does not keep it', () => {
    const entryFlow: FlowDefinition = {
      ...lineFlow,
      nodes: { ...lineFlow.nodes, 'line.cmd': { kind: 'action', run: ({ results }) => ({ category: 'ok', results: { said: String(results.trigger?.value).length } }), routes: { ok: 'line.next' } } },
      entries: [{ matches: (t) => t.startsWith('GARIS'), node: 'line.cmd' }],
    };
    const sprint = startFlow(entryFlow, env, { node: 'line.cmd', text: 'GARIS 3 4' });
    expect(sprint.state!.results).toEqual({ said: { value: 9 } });
  });

  it('when the engine is given a session that is not waiting, then it throws an EngineError', () => {
    const session = { flowId: 'fixture', flowVersion: 1, nodeId: 'fixture.done', results: {}, attempts: 0, startedAt: '' };
    expect(() => resumeFlow(fixtureFlow, session, 'x', env)).toThrow(EngineError);
  });

  // A question whose options come from the facts, with a long first page and a short form for wrong answers.
  const pickFlow: FlowDefinition = {
    id: 'pickf',
    version: 1,
    start: 'pickf.ask',
    nodes: {
      'pickf.ask': {
        kind: 'ask',
        preface: 'Halaman pertama.',
        prompt: 'Pilih:\n1. Apel\n2. Jeruk',
        brief: 'Balas 1 atau 2.',
        validate: {
          name: 'pick',
          args: (scope: { facts: Record<string, unknown> }) => ({ options: (scope.facts.fruits as string[]).map((f, i) => ({ key: f, number: i + 1, words: [], label: f })) }),
        },
        result: 'fruit',
        routes: { ok: 'pickf.done' },
      },
      'pickf.done': { kind: 'end' },
    },
  };
  const withFruits = { ...env, facts: { fruits: ['Apel', 'Jeruk'] } };

  it('when a question has a preface, then it is sent before the prompt; a wrong answer repeats only the brief form', () => {
    const started = startFlow(pickFlow, withFruits);
    expect(started.events.map((e) => (e.type === 'message_created' ? e.text : ''))).toEqual(['Halaman pertama.', 'Pilih:\n1. Apel\n2. Jeruk']);
    const wrong = resumeFlow(pickFlow, started.state!, 'mangga', withFruits);
    // One message, and the note of what was caught (for practice mode's feedback).
    expect(wrong.events.map((e) => e.type)).toEqual(['message_created', 'mistake_caught']);
    expect(wrong.events[1]).toEqual({ type: 'mistake_caught', kind: 'invalid', nodeId: 'pickf.ask', rules: [] });
    expect((wrong.events[0] as { text: string }).text).toContain('Balas 1 atau 2.');
    expect((wrong.events[0] as { text: string }).text).not.toContain('Halaman pertama');
  });

  it('when a validator takes its options from the scope, then the answer is read against them, by number or word', () => {
    const started = startFlow(pickFlow, withFruits);
    expect(resumeFlow(pickFlow, started.state!, 'jeruk', withFruits).state).toBeNull();
    const byNumber = resumeFlow(pickFlow, started.state!, '1', withFruits);
    expect(byNumber.state).toBeNull();
    expect(validateDefinition(pickFlow)).toEqual([]);
  });

  it('when a choice validator is given computed options, then the definition check refuses it (its routes could not be checked)', () => {
    const bad: FlowDefinition = {
      ...pickFlow,
      nodes: { ...pickFlow.nodes, 'pickf.ask': { ...(pickFlow.nodes['pickf.ask'] as object), validate: { name: 'choice', args: () => ({ options: [] }) } } as never },
    };
    expect(validateDefinition(bad)).toEqual(['pickf.ask: validator choice needs its arguments as data']);
  });
});
