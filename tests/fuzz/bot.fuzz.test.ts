// Fuzzing the whole bot (issue 12.5): random sequences across every flow and role through the real router, on a
// fixed seed and a bounded number of cases so it fits the normal test run. `npm run fuzz` runs the same property
// on 100,000 inputs (tests/fuzz/run-fuzz.ts).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { botProperty, removeTemplate, type FuzzStats } from './fuzz-bot.js';

afterAll(removeTemplate);

const SEED = 20261202;
const RUNS = Number(process.env.IMP_FUZZ_RUNS ?? 120);

describe('fuzzing the bot', () => {
  it('when random people send random messages across every flow, then nothing fails, everyone is answered, no reply leaks internals, and nothing stored breaks a rule or holds personal data', async () => {
    const stats: FuzzStats = { inputs: 0, cases: 0 };
    await fc.assert(botProperty(stats), { seed: SEED, numRuns: RUNS });
    expect(stats.cases).toBe(RUNS);
  }, 120_000);
});
