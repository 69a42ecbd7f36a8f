// The machine a run measured: figures mean little without it (BENCHMARKS.md quotes this table).
import { createRequire } from 'node:module';
import os from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  sqlite: string;
  os: string;
  memory_gb: number;
  load_avg_1m: number;
}

export function machine(): Machine {
  // The SQLite library better-sqlite3 was built with, not whatever sqlite3 the system has.
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => { prepare(sql: string): { pluck(): { get(): unknown } }; close(): void };
  const db = new Database(':memory:');
  const sqlite = String(db.prepare('select sqlite_version()').pluck().get());
  db.close();
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    sqlite,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    load_avg_1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
