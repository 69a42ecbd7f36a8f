// Facts computed on first read (src/bot/lazy-facts.ts), and the router's merge of several loaders' facts (mergeFacts),
// which must copy the getters rather than call them.
import { describe, expect, it } from 'vitest';
import { lazyFacts, mergeFacts, once } from '../../src/bot/lazy-facts.js';

/** The router's merge: later loaders win, getters are copied, not called. */
const merge = (...parts: object[]): Record<string, unknown> => mergeFacts(parts);

function counted() {
  const calls: string[] = [];
  const facts = lazyFacts<{ a: number; b: string[] }>({
    a: () => {
      calls.push('a');
      return 1;
    },
    b: () => {
      calls.push('b');
      return ['x'];
    },
  });
  return { calls, facts };
}

describe('lazy facts', () => {
  it('when no fact is read, then nothing is computed', () => {
    const { calls, facts } = counted();
    expect(Object.keys(facts)).toEqual(['a', 'b']);
    expect(calls).toEqual([]);
  });

  it('when a fact is read twice, then it is computed once and the same value comes back', () => {
    const { calls, facts } = counted();
    const first = facts.b;
    expect(facts.b).toBe(first);
    expect(facts.a).toBe(1);
    expect(calls).toEqual(['b', 'a']);
  });

  it('when loaders are merged as the router does, then nothing is computed until read, and a read computes once', () => {
    const { calls, facts } = counted();
    const other = lazyFacts<{ c: number }>({ c: () => 3 });
    const merged = merge({ recap: facts }, other, { plain: true });
    expect(calls).toEqual([]);
    expect(merged.c).toBe(3);
    expect(merged.plain).toBe(true);
    const recap = merged.recap as { a: number };
    expect(recap.a + recap.a).toBe(2);
    expect(calls).toEqual(['a']);
  });

  it('when top-level getters are copied by the merge, then the copy and the original share one computation', () => {
    let runs = 0;
    const original = lazyFacts<Record<string, unknown>>({ work: () => ++runs });
    const merged = merge(original);
    expect(merged.work).toBe(1);
    expect(original.work).toBe(1);
    expect(merged.work).toBe(1);
    expect(runs).toBe(1);
  });

  it('when Object.assign merges instead, then every getter runs at once (why the router copies descriptors)', () => {
    const { calls, facts } = counted();
    Object.assign({}, facts);
    expect(calls).toEqual(['a', 'b']);
  });

  it('when a shared value is asked by several facts, then once() computes it one time', () => {
    let runs = 0;
    const periods = once(() => {
      runs += 1;
      return ['2026-11'];
    });
    const facts = lazyFacts<{ open: string[]; count: number }>({ open: periods, count: () => periods().length });
    expect(facts.count).toBe(1);
    expect(facts.open).toEqual(['2026-11']);
    expect(runs).toBe(1);
  });
});
