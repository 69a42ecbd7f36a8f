// Crash test in CI (issue 12.6): the real CLI (`imp-smart simulate --db FILE`) plays a month of recaps, cases,
// meetings, digests, reminders and Dinas summaries on a file database and is killed with SIGKILL at random moments
// (seeded), then started again with the rest of the story, like a bot whose WhatsApp redelivers what it had not
// taken in. At the end nothing submitted is lost, nothing is stored or pushed twice, and every journal row is done.
// Bounded for CI (IMP_CRASH_KILLS, default 5); `npm run crash` kills it 40 times. IMP_CRASH_SEED replays a run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/random.js';
import { readSimClock } from '../../src/bot/simulator/run-simulation.js';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { openDatabase } from '../../src/db/client.js';
import { cases, inboundMessages, jobRuns, meetings, outbox, recapEvents, recaps } from '../../src/db/schema.js';
import { importPeople } from '../../src/people/people-import.js';
import { toWita } from '../../src/time/wita.js';
import { CRASH_PEOPLE, CRASH_START, crashStory, EXPECTED, remainingSteps, toTranscript, type StoryStep } from './crash-month.js';

const KILLS = Number(process.env.IMP_CRASH_KILLS ?? 5);
const SEED = Number(process.env.IMP_CRASH_SEED ?? 20261203);
const dir = mkdtempSync(join(tmpdir(), 'imp-crash-month-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  out: string;
  killed: boolean;
  code: number | null;
  err: string;
}

/**
 * `imp-smart simulate --db` on the rest of the story. `kill` (if any): SIGKILL after that many output lines, or that
 * many milliseconds after the start, whichever the seed chose, plus a few milliseconds so it lands mid-work.
 */
function play(dbPath: string, transcript: string, kill: { afterLines: number } | { afterMs: number } | null, jitterMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'simulate', '--db', dbPath], {
      env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(dir, 'unused.db') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const run: Run = { out: '', killed: false, code: null, err: '' };
    let lines = 0;
    const killNow = () => {
      if (run.killed || child.exitCode !== null) return;
      run.killed = true;
      setTimeout(() => child.kill('SIGKILL'), jitterMs);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      run.out += text;
      lines += text.split('\n').length - 1;
      if (kill && 'afterLines' in kill && lines >= kill.afterLines) killNow();
    });
    child.stderr.on('data', (chunk: Buffer) => (run.err += chunk.toString('utf8')));
    const timer = kill && 'afterMs' in kill ? setTimeout(killNow, kill.afterMs) : null;
    child.stdin.on('error', () => undefined); // the child may die before it has read everything
    child.stdin.end(transcript);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      run.code = code;
      resolve(run);
    });
  });
}

/** Messages of the story journaled so far, and the simulator's stored clock. */
function progress(dbPath: string): { journaled: number; clock: Date | null } {
  const { db, close } = openDatabase(dbPath);
  try {
    return { journaled: db.select({ id: inboundMessages.id }).from(inboundMessages).all().length, clock: readSimClock(db) };
  } finally {
    close();
  }
}

function witaDay(iso: string): string {
  const p = toWita(new Date(iso));
  return `${p.year}-${p.month}-${p.day}`;
}

describe('crash test: a month killed at random moments', () => {
  it(`when simulate is killed with SIGKILL ${KILLS} times during a month and restarted, then nothing submitted is lost, nothing is stored or pushed twice, and every journal row is processed`, async () => {
    const random = seededRandom(SEED);
    const dbPath = join(dir, 'month.db');
    const setup = openReadyDatabase(dbPath);
    const report = importPeople(setup.db, CRASH_PEOPLE, setup.areas, 'crash-test', CRASH_START);
    setup.close();
    expect(report.ok).toBe(true);

    const story = crashStory();
    const messages = story.filter((s) => s.kind === 'message').length;
    let out = '';
    let kills = 0;
    let runs = 0;
    try {
      for (;;) {
        const { journaled, clock } = progress(dbPath);
        const rest: StoryStep[] = remainingSteps(story, journaled, clock);
        const kill = kills < KILLS ? (random() < 0.5 ? { afterLines: 1 + Math.floor(random() * 40) } : { afterMs: 300 + Math.floor(random() * 4_000) }) : null;
        const run = await play(dbPath, toTranscript(rest), kill, Math.floor(random() * 25));
        runs++;
        out += run.out;
        if (run.killed && run.code === null) {
          kills++;
          continue;
        }
        expect(run.err, 'simulate wrote to stderr').toBe('');
        expect(run.code).toBe(0);
        break;
      }

      const { db, close } = openDatabase(dbPath, { readOnly: true });
      try {
        // Every message was taken in once and handled; nothing failed.
        const inbound = db.select().from(inboundMessages).all();
        expect(inbound).toHaveLength(messages);
        expect(inbound.filter((r) => r.outcome === null || r.outcome === 'failed')).toEqual([]);
        // Nothing submitted lost, nothing stored twice.
        const recapRows = db.select().from(recaps).all();
        expect(recapRows).toHaveLength(EXPECTED.recaps);
        expect(recapRows.every((r) => r.version === 1)).toBe(true);
        expect(recapRows.filter((r) => r.status === 'verified')).toHaveLength(EXPECTED.verified);
        const submissions = db.select().from(recapEvents).all().filter((e) => e.change === 'submitted' || e.change === 'corrected');
        expect(submissions).toHaveLength(EXPECTED.recaps);
        const caseRows = db.select().from(cases).all();
        expect(caseRows).toHaveLength(EXPECTED.cases);
        const meetingRows = db.select().from(meetings).all();
        expect(meetingRows).toHaveLength(EXPECTED.meetings);
        // Every receipt anyone was shown names a stored row.
        const receipts = [...out.matchAll(/Kode tanda terima: \*([A-Za-z0-9-]+)\*/g)].map((m) => m[1]!);
        const stored = new Set([...recapRows.map((r) => r.receiptCode), ...meetingRows.map((m) => m.code)]);
        expect(receipts.filter((code) => !stored.has(code))).toEqual([]);
        expect(new Set(receipts).size).toBeGreaterThanOrEqual(EXPECTED.recaps + EXPECTED.meetings);
        const caseCodes = new Set(caseRows.map((c) => c.code));
        expect([...out.matchAll(/\*(UN-\d{6}-\d{4}-\d{4})\*/g)].map((m) => m[1]!).filter((code) => !caseCodes.has(code))).toEqual([]);
        // No digest, reminder or summary twice: one run per job and period, one message per recipient, day and text.
        const runsByKey = db.select().from(jobRuns).all().map((r) => `${r.job} ${r.periodKey}`);
        expect(new Set(runsByKey).size).toBe(runsByKey.length);
        for (const job of ['pkb_digest', 'recap_reminders', 'dinas_monthly']) expect(runsByKey.some((k) => k.startsWith(`${job} `)), job).toBe(true);
        const rows = db.select().from(outbox).all();
        const bulk = rows.filter((r) => r.priority === 2);
        expect(bulk.length).toBeGreaterThan(0);
        const keys = bulk.map((r) => `${r.toAddress} ${witaDay(r.createdAt)} ${r.kind} ${r.text}`);
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
        // And everything queued went out.
        expect(rows.filter((r) => r.status !== 'sent').map((r) => `${r.id} ${r.status}`)).toEqual([]);
      } finally {
        close();
      }
      // A run may finish the story before its kill lands (the story gets shorter with each restart).
      expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 3));
    } catch (error) {
      // The seed (and what happened) makes the run reproducible: IMP_CRASH_SEED=<seed> npx vitest run tests/crash.
      if (error instanceof Error) error.message = `[crash seed ${SEED}, ${kills} kills, ${runs} runs] ${error.message}`;
      throw error;
    }
  }, 60_000 + KILLS * 15_000);
});
