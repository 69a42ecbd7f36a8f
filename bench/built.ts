// The benchmarks that run the built CLI (start-up, memory) build dist/ first when it is missing or older than src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// An incremental build rewrites only what changed, so dist/bin.js can stay older than src/ after a good build: the
// time of the last build the benchmarks made (or saw succeed) is kept in a stamp instead.
const STAMP = 'dist/.bench-built';

export function ensureBuilt(): void {
  if (existsSync('dist/bin.js') && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest('src')) return;
  process.stderr.write('[bench] building dist/ (npm run build)…\n');
  const started = new Date();
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  // Stamped with the time the build started: a source saved during the build still counts as newer.
  writeFileSync(STAMP, '');
  utimesSync(STAMP, started, started);
}
