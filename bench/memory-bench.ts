// memory: N cadres each in the middle of a recap (the first two groups answered) through `serve` as production runs
// it — the built dist/ under plain node (bench/memory-child.mjs runs main.ts's serve() there, HTTP API and jobs
// included, Baileys loaded) — and its RSS: once serve is up, and with the N conversations open, each once quiet and
// after forced GCs (docs/BENCHMARKS.md, "memory"). This process only prepares the database (areas, one PPKBD per
// desa) and reads the child's line.
// `tsx bench/memory-bench.ts N [--src]` prints one JSON line; --src runs the child on src/ through tsx instead (no
// build needed: the smoke test), which adds tsx and every module's source map to what is measured.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openReadyDatabase } from '../src/db/bootstrap.js';
import { loadAreaDirectory } from '../src/db/repos/areas.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../src/domain/recap/fields.js';
import { importPeople } from '../src/people/people-import.js';
import { fromWita } from '../src/time/wita.js';
import { CLEAN_RECAP } from '../tests/helpers/recap-fixture.js';
import { ensureBuilt } from './built.js';
import { insertAreas } from './synthetic-areas.js';

export interface MemoryBenchOptions {
  /** Run the child on src/ through tsx rather than on the built dist/ (what production runs). */
  source?: boolean;
  /**
   * Wait for the process to be quiet (V8's own memory reducer, about a minute after start and again after the load)
   * for `rss_mb` and `rss_idle_mb`. Default true; the smoke test reads only the forced-GC figures.
   */
  waitQuiet?: boolean;
}

export async function runMemoryBench(conversations: number, options: MemoryBenchOptions = {}): Promise<Record<string, unknown>> {
  const source = options.source === true;
  if (!source) ensureBuilt();
  // 2 December, November's recap open; before the day's 07:00/08:00 jobs, so serve's catch-up at start sends no
  // reminders or digests to the cadres (yesterday's are past their catch-up window): only their conversations count.
  const start = fromWita(2026, 12, 2, 6, 0);
  const dir = mkdtempSync(join(tmpdir(), 'imp-bench-memory-'));
  const dbPath = join(dir, 'bench.db');
  try {
    const database = openReadyDatabase(dbPath, { create: true });
    try {
      // One PPKBD per desa, as in Gowa; the synthetic desa are beside Gowa's (bench/synthetic-areas.ts).
      const desa = insertAreas(database.native, { kabupaten: Math.ceil(conversations / 1000), kecamatanPerKabupaten: 10, desaPerKecamatan: 100 });
      const phones = Array.from({ length: conversations }, (_, i) => `+62813${String(10_000_000 + i)}`);
      const csv = ['phone,name,role,area,unit', ...phones.map((p, i) => `${p},Kader ${i + 1},ppkbd,${desa[i]},`)].join('\n');
      const report = importPeople(database.db, csv, loadAreaDirectory(database.db), 'bench', start);
      if (!report.ok) throw new Error('memory bench: people import failed');
    } finally {
      database.close();
    }

    const groups = activeGroups(DEFAULT_RECAP_SETTINGS).slice(0, 2);
    const lines = ['1', ...groups.map((g) => g.fields.map((f) => String(CLEAN_RECAP[f])).join(' '))];
    const root = pathToFileURL(join(process.cwd(), source ? 'src' : 'dist')).href + '/';
    const child = await runChild([...(source ? ['--import', 'tsx'] : []), '--expose-gc', 'bench/memory-child.mjs', root, String(conversations), start.toISOString(), JSON.stringify(lines), options.waitQuiet === false ? '0' : '1'], {
      ...process.env,
      IMP_DB_PATH: dbPath,
      IMP_MEDIA_DIR: join(dir, 'media'),
      // Replies unpaced, as every benchmark here; the transport itself is the child's.
      IMP_TRANSPORT: 'console',
      IMP_HTTP_HOST: '127.0.0.1',
      IMP_HTTP_PORT: '0',
      IMP_LOG_LEVEL: 'warn',
    });
    const check = openReadyDatabase(dbPath);
    const open = Number(check.native.prepare("select count(*) from conversations where state like '%\"active\":{%'").pluck().get());
    check.close();
    return { bench: 'memory', code: source ? 'src (tsx)' : 'dist', conversations_open: open, ...child, target_rss_mb: 150 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`memory bench child failed (${code}): ${err.slice(0, 500)}`));
      else resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

if (process.argv[1]?.endsWith('memory-bench.ts')) {
  const n = Number(process.argv.find((a, i) => i >= 2 && /^\d+$/.test(a)) ?? 10_000);
  process.stdout.write(`${JSON.stringify(await runMemoryBench(n, { source: process.argv.includes('--src') }))}\n`);
}
