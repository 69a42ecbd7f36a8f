// `npm run bench [-- --quick]`: every benchmark in this process (start-up and memory in child processes), on SQLite
// files in WAL mode in temporary directories, with fixed seeds. One JSON line per benchmark on stdout, then the
// machine. --quick: smaller sizes (under two minutes); the full run uses the sizes of docs/BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { machine } from './machine.js';
import { runRecapBench } from './recap-bench.js';
import { runReportsBench } from './reports-bench.js';
import { runStartupBench } from './startup-bench.js';
import { NATIONAL } from './synthetic-areas.js';

const quick = process.argv.includes('--quick');
const print = (row: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...row, quick })}\n`);

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// start-up measures the built CLI: build first when dist/ is missing or older than src/.
if (!existsSync('dist/bin.js') || statSync('dist/bin.js').mtimeMs < newest('src')) {
  process.stderr.write('[bench] building dist/ (npm run build)…\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

// form: the common bot-benchmark workload (bench/form.ts, bench/form-workload.ts).
const formPath = new URL('./form.ts', import.meta.url);
if (existsSync(formPath)) {
  const { runFormBench } = (await import(formPath.href)) as { runFormBench(options: { quick: boolean }): Promise<Record<string, unknown>[]> };
  for (const row of await runFormBench({ quick })) print(row);
} else {
  print({ bench: 'form', skipped: 'bench/form.ts is not in this branch yet' });
}

for (const row of await runRecapBench(quick ? { guided: 200, fast: 200 } : { guided: 1000, fast: 1000 })) print(row);

// memory: a child process of its own, so what ran before does not count.
const memory = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', 'bench/memory-bench.ts', String(quick ? 2000 : 10_000)], { encoding: 'utf8' });
if (memory.status !== 0) throw new Error(`memory bench failed: ${memory.stderr.slice(0, 500)}`);
print(JSON.parse(memory.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>);

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
