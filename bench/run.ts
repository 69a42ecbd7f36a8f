// `npm run bench [-- --quick]`: every benchmark in this process (start-up and memory in child processes), on SQLite
// files in WAL mode in temporary directories, with fixed seeds. One JSON line per benchmark on stdout, then the
// machine. --quick: smaller sizes (under two minutes); the full run uses the sizes of docs/BENCHMARKS.md.
import { existsSync } from 'node:fs';
import { ensureBuilt } from './built.js';
import { machine } from './machine.js';
import { runMemoryBench } from './memory-bench.js';
import { runRecapBench } from './recap-bench.js';
import { runReportsBench } from './reports-bench.js';
import { runStartupBench } from './startup-bench.js';
import { NATIONAL } from './synthetic-areas.js';

const quick = process.argv.includes('--quick');
const print = (row: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...row, quick })}\n`);

// start-up and memory measure the built CLI: build first when dist/ is missing or older than src/.
ensureBuilt();

// form: the common bot-benchmark workload (bench/form.ts, bench/form-workload.ts).
const formPath = new URL('./form.ts', import.meta.url);
if (existsSync(formPath)) {
  const { runFormBench } = (await import(formPath.href)) as { runFormBench(options: { quick: boolean }): Promise<Record<string, unknown>[]> };
  for (const row of await runFormBench({ quick })) print(row);
} else {
  print({ bench: 'form', skipped: 'bench/form.ts is not in this branch yet' });
}

for (const row of await runRecapBench(quick ? { guided: 200, fast: 200 } : { guided: 1000, fast: 1000 })) print(row);

// memory: serve in a child process of its own (bench/memory-child.mjs), so what ran before does not count.
print(await runMemoryBench(quick ? 2000 : 10_000));

for (const row of await runReportsBench(
  quick ? { shape: { kabupaten: 40, kecamatanPerKabupaten: 14, desaPerKecamatan: 12 }, months: 3, runs: 5 } : { shape: NATIONAL, months: 24, runs: 10 },
)) {
  print(row);
}

for (const row of await runStartupBench({ runs: quick ? 3 : 7 })) print(row);

const m = machine();
process.stdout.write(
  [
    '',
    `machine   ${m.cores} cores, ${m.cpu}, ${m.memory_gb} GB`,
    `node      ${m.node}`,
    `sqlite    ${m.sqlite} (better-sqlite3)`,
    `os        ${m.os}`,
    `load      ${m.load_avg_1m} (1-minute average at the end: figures taken beside other work are noisy)`,
    '',
  ].join('\n'),
);
