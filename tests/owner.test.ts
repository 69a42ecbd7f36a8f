// One bot process per database, with real processes: a second `serve` (or chat, simulate --db) on a database a
// running serve owns is refused with one line naming it, and touches nothing; read-only and admin commands still
// work beside it; the lock dies with its holder, even on SIGKILL. WhatsApp is pointed at a closed local port, so
// the running bot keeps its outbox pending.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { enqueueOutbound } from '../src/db/repos/outbox.repo.js';
import { outbox } from '../src/db/schema.js';
import { PEOPLE_CSV, PPKBD_PHONE } from './helpers/people.js';
import { freePort, runCliProcess, type CliResult } from './helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-owner-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});


const ENV = { IMP_TRANSPORT: 'baileys', IMP_WA_WEBSOCKET_URL: 'ws://127.0.0.1:9/ws/chat', IMP_LOG_LEVEL: 'info' };

interface Served {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  /** Resolves when the bot says it is running; rejects with its stderr if it exits first. */
  running: Promise<void>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

async function serve(db: string): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'serve', '--db', db], {
    env: { ...process.env, ...ENV, IMP_HTTP_PORT: String(port), IMP_DB_PATH: join(dir, 'unused.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('IMP Smart is running')) resolve();
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before running: ${stderr}`)));
  });
  running.catch(() => undefined);
  child.stdout!.resume();
  return { child, port, stderr: () => stderr, running, exited };
}

/** At most `ms` for a promise that must settle by itself; the timer only bounds a failure. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** An imp-smart command run to its end (async, so independent commands run side by side). */
function cli(args: string[], input = ''): Promise<CliResult> {
  return runCliProcess(args, input, { ...ENV, IMP_DB_PATH: join(dir, 'unused.db') });
}

describe('one bot process per database', () => {
  const db = join(dir, 'owned.db');
  let first: Served;
  let waiting: number;

  it('when a second serve starts on a database a serve runs on, then it exits non-zero within seconds with one line naming the running one, which keeps serving', async () => {
    first = await serve(db);
    await within(first.running, 25_000, 'first serve start');
    // A reply waiting in the outbox: the running bot cannot send it (WhatsApp unreachable), and nobody else may.
    const writer = openDatabase(db, { create: false });
    waiting = enqueueOutbound(writer.db, { toAddress: PPKBD_PHONE, priority: 'reply', kind: 'text', text: 'pesan yang menunggu' }, new Date());
    writer.close();

    const second = await serve(db);
    const started = Date.now();
    const code = await within(second.exited, 15_000, 'second serve exit');
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    const lines = second.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('is in use by "imp-smart serve"');
    expect(lines[0]).toContain(`pid ${first.child.pid}`);
    expect(lines[0]).toMatch(/since \d{4}-\d{2}-\d{2}T/);
    expect(lines[0]).toContain('"serve" was not started');

    const health = await fetch(`http://127.0.0.1:${first.port}/health`);
    expect(((await health.json()) as { transport: { name: string } }).transport.name).toBe('whatsapp');
  }, 60_000);

  it('when chat or simulate --db start on a database a serve runs on, then they are refused naming it and the waiting outbox message stays unsent', async () => {
    const [simulated, chatted] = await Promise.all([
      cli(['simulate', '--db', db], `@at 2026-11-25 07:00\n${PPKBD_PHONE}: halo\n`),
      cli(['chat', '--as', PPKBD_PHONE, '--db', db], 'halo\n'),
    ]);
    expect(simulated.code).not.toBe(0);
    expect(simulated.out).toBe('');
    expect(simulated.err.trim()).toContain(`in use by "imp-smart serve" (pid ${first.child.pid}`);
    expect(simulated.err.trim()).toContain('"simulate" was not started');
    expect(chatted.code).not.toBe(0);
    expect(chatted.out).not.toContain('pesan yang menunggu');
    expect(chatted.err.trim()).toContain(`in use by "imp-smart serve" (pid ${first.child.pid}`);

    const reader = openDatabase(db, { readOnly: true });
    expect(reader.db.select().from(outbox).where(eq(outbox.id, waiting)).get()).toMatchObject({ status: 'pending', sentAt: null });
    reader.close();
  }, 60_000);

  it('when a serve runs, then export (recap, meetings), people import|list, areas leave and whatsapp status still work beside it', async () => {
    const people = join(dir, 'people.csv');
    writeFileSync(people, PEOPLE_CSV);
    const [imported, areas, recap, status, meetings] = await Promise.all([
      cli(['people', 'import', people, '--db', db]),
      cli(['areas', 'leave', '73.06.01', '--from', '2027-01', '--db', db]),
      cli(['export', 'recap', '--period', '2026-11', '--db', db]),
      cli(['whatsapp', 'status', '--db', db]),
      cli(['export', 'meetings', '--period', '2026-11', '--db', db]),
    ]);
    expect(meetings).toMatchObject({ code: 0, err: '' });
    expect(meetings.out).toContain('Kode laporan,Tingkat');
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(areas).toMatchObject({ code: 0, err: '' });
    expect(recap.code).toBe(0);
    expect(recap.out).toContain('73.06.06.2003');
    expect(status.code).toBe(0);
    expect(status.out).toContain('Outbox: 1 pending');
    expect((await cli(['people', 'list', '--db', db])).out).toContain('Siti Aminah');
  }, 60_000);

  it('when the running serve is killed with SIGKILL, then a new serve starts on the database', async () => {
    // The lock is the process's: killed without any chance to clean up, it is gone with it.
    first.child.kill('SIGKILL');
    await first.exited;
    const next = await serve(db);
    await within(next.running, 25_000, 'serve after SIGKILL');
    next.child.kill('SIGTERM');
    expect(await within(next.exited, 15_000, 'serve stop')).toBe(0);
  }, 60_000);
});
