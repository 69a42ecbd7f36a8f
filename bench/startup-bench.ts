// start-up: the built CLI (`node bin/imp-smart.js`, as installed) as a child process, wall time from spawn: `help`
// to its exit, a one-line `simulate` to its exit, `serve` on the console transport to a healthy /health. The median
// of several runs. Needs `npm run build` (run.ts builds when dist/ is older than src/).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round } from './stats.js';

const BIN = 'bin/imp-smart.js';
const env = (extra: Record<string, string>) => ({ ...process.env, IMP_LOG_LEVEL: 'warn', ...extra });

function timed(args: string[], input: string, extra: Record<string, string> = {}): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { input, env: env(extra), encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`start-up bench: ${args.join(' ')} failed: ${result.stderr.slice(0, 300)}`);
  return ms;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawn → the first 200 from /health (polled every 10 ms), then SIGTERM. */
async function serveHealthy(dir: string, run: number): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: env({ IMP_TRANSPORT: 'console', IMP_DB_PATH: join(dir, `serve-${run}.db`), IMP_HTTP_PORT: String(port), IMP_HTTP_HOST: '127.0.0.1' }),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`start-up bench: serve exited: ${err.slice(0, 300)}`);
      if (performance.now() - t0 > 30_000) throw new Error('start-up bench: serve not healthy after 30 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

export async function runStartupBench(options: { runs: number }): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'imp-bench-start-'));
  try {
    const help: number[] = [];
    const simulate: number[] = [];
    const serve: number[] = [];
    // One untimed run of each warms the file cache, as on a machine where the bot was started before.
    timed(['help'], '');
    for (let i = 0; i < options.runs; i++) {
      help.push(timed(['help'], ''));
      simulate.push(timed(['simulate'], '@at 2026-11-25 07:00\n+6281234567001: halo\n'));
      serve.push(await serveHealthy(dir, i));
    }
    const row = (command: string, ms: number[], target: number) => ({
      bench: 'startup',
      command,
      runs: ms.length,
      median_s: round(median(ms) / 1000, 3),
      min_s: round(Math.min(...ms) / 1000, 3),
      target_s: target,
    });
    return [row('help', help, 0.3), row('simulate_one_line', simulate, 0.6), row('serve_healthy', serve, 1.0)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
