// `npm run fuzz [-- --seed N --runs N]`: the bot fuzz property (fuzz-bot.ts) run long. By default it keeps
// generating cases until 100,000 inputs (messages) have been delivered; --runs N runs exactly N cases instead.
// The seed is printed first, so a failure is replayed with the same --seed (and fast-check's path, printed with it).
import fc from 'fast-check';
import { botProperty, type FuzzStats } from './fuzz-bot.js';

function option(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value)) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

const seed = option('seed') ?? Date.now() % 2 ** 31;
const runs = option('runs');
const target = option('inputs') ?? 100_000;
const path = process.argv.includes('--path') ? process.argv[process.argv.indexOf('--path') + 1] : undefined;
console.log(`fuzz: seed ${seed}, ${runs !== undefined ? `${runs} cases` : `until ${target} inputs`}`);

const started = Date.now();
const stats: FuzzStats = {
  inputs: 0,
  cases: 0,
  onCase: ({ cases, inputs }) => {
    if (cases % 250 === 0) console.log(`fuzz: ${cases} cases, ${inputs} inputs, ${Math.round((Date.now() - started) / 1000)} s`);
  },
};
const property = botProperty(stats);
try {
  if (runs !== undefined) {
    await fc.assert(property, { seed, numRuns: runs, ...(path ? { path } : {}) });
  } else {
    // Batches of cases from consecutive seeds until the target: each batch is reproducible with its own seed.
    for (let batch = 0; stats.inputs < target; batch++) {
      const batchSeed = seed + batch;
      await fc.assert(property, { seed: batchSeed, numRuns: 100 }).catch((error: unknown) => {
        console.error(`fuzz: failed in the batch with seed ${batchSeed} (replay: npm run fuzz -- --seed ${batchSeed} --runs 100)`);
        throw error;
      });
    }
  }
  console.log(`fuzz: passed, seed ${seed}, ${stats.cases} cases, ${stats.inputs} inputs in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause instanceof Error) console.error(error.cause.message);
  console.error(`fuzz: FAILED, seed ${seed}`);
  process.exitCode = 1;
}
