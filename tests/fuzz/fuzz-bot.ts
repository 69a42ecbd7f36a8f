// Plays one fuzz case through the real bot (router, flows, database, outbox, jobs) on a temporary database and a
// manual clock, and checks the invariants after every message and at the end. Shared by the bounded test in the
// normal run (bot.fuzz.test.ts) and the long `npm run fuzz` (run-fuzz.ts).
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc } from 'drizzle-orm';
import fc from 'fast-check';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { importPeople } from '../../src/people/people-import.js';
import { cases, meetingCheckins, recaps } from '../../src/db/schema.js';
import { RESEND_REQUEST_INTERVAL_MS } from '../../src/flows/conversation.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness, type Sent } from '../helpers/harness.js';
import { ACTORS, FUZZ_PEOPLE, fuzzCase, type FuzzCase, type Step } from './fuzz-inputs.js';
import { storedProblems, textProblems } from './fuzz-invariants.js';

export class InvariantBroken extends Error {
  override name = 'InvariantBroken';
}

export interface FuzzStats {
  /** Messages delivered (private, group and images), the fuzzer's "inputs". */
  inputs: number;
  cases: number;
  /** Called after each case that passed (progress: the bot's promises never let a timer fire in between). */
  onCase?: (stats: FuzzStats) => void;
}

// Thousands of short-lived databases: in memory-backed /dev/shm where there is one, so a case pays for CPU, not
// for fsync on a shared disk. The directories are removed with each harness (the template's when the process ends).
try {
  accessSync('/dev/shm', constants.W_OK);
  process.env.TMPDIR = '/dev/shm';
} catch {
  // No /dev/shm: the system's temporary directory.
}

let template: { dir: string; path: string } | null = null;

/** A migrated database with the fuzz people imported, made once and copied for each case. */
function templateDb(): string {
  if (template) return template.path;
  const dir = mkdtempSync(join(tmpdir(), 'imp-fuzz-template-'));
  // Also on a plain exit; a test worker that is torn down calls removeTemplate (afterAll).
  process.once('exit', removeTemplate);
  const path = join(dir, 'template.db');
  const ready = openReadyDatabase(path);
  const report = importPeople(ready.db, FUZZ_PEOPLE, ready.areas, 'fuzz', fromWita(2026, 10, 1, 8, 0));
  if (!report.ok) throw new Error(JSON.stringify(report.errors));
  ready.close();
  template = { dir, path };
  return path;
}

/** Deletes the template database (the harnesses delete their own). */
export function removeTemplate(): void {
  if (template) rmSync(template.dir, { recursive: true, force: true });
  template = null;
}

/** The codes the bot gave out so far, so a KASUS/HADIR/TUTUP in the sequence can name a real one. */
function fillPlaceholders(h: Harness, text: string): string {
  if (!text.includes('{')) return text;
  const latest = <T>(rows: T[]) => rows[0];
  const caseCode = latest(h.db.select({ code: cases.code }).from(cases).orderBy(desc(cases.id)).limit(1).all())?.code ?? 'UN-062003-2026-0001';
  const checkin = latest(h.db.select({ code: meetingCheckins.code }).from(meetingCheckins).orderBy(desc(meetingCheckins.id)).limit(1).all())?.code ?? 'ABCD';
  const receipt = latest(h.db.select({ code: recaps.receiptCode }).from(recaps).orderBy(desc(recaps.id)).limit(1).all())?.code ?? 'RKP-0000';
  return text.replaceAll('{CASE}', caseCode).replaceAll('{HADIR}', checkin).replaceAll('{RECEIPT}', receipt);
}

function describeStep(step: Step, text: string): string {
  const shown = text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}… (${text.length} chars)` : JSON.stringify(text);
  if (step.kind === 'jump') return `clock +${step.minutes} min`;
  if (step.kind === 'group') return `${step.who} @ ${step.group}: ${shown}`;
  if (step.kind === 'image') return `${step.who}: [gambar] ${shown}`;
  if (step.kind === 'undecryptable') return `${step.who}: [tidak terbaca]`;
  return `${step.who}: ${shown}`;
}

/** Moves the clock as the simulator does: every job slot on the way runs first, in time order. */
async function jump(h: Harness, minutes: number): Promise<Sent[]> {
  const before = h.transport.sent.length;
  const to = new Date(h.clock.now().getTime() + minutes * 60_000);
  for (const slot of h.bot.runner.slotsBetween(h.bot.jobs, h.clock.now(), to)) {
    h.clock.set(slot.at);
    await h.bot.runner.runSlot(slot.job, slot.at);
    await h.bot.idle();
  }
  h.clock.set(to);
  return h.transport.sent.slice(before).map((m) => ({ to: m.to, text: m.content.kind === 'text' ? m.content.text : m.content.caption }));
}

/** Runs one case; throws InvariantBroken naming the step and the problems. */
export async function runFuzzCase(c: FuzzCase, stats?: FuzzStats): Promise<void> {
  const [y, mo, d, hh, mm] = c.start;
  const h = await Harness.create({ template: templateDb(), start: fromWita(y, mo, d, hh, mm) });
  const done: string[] = [];
  /** When each sender was last asked to resend an unreadable message (asked at most once per 10 minutes). */
  const resendAsked = new Map<string, number>();
  const fail = (step: string, problems: string[]) => {
    throw new InvariantBroken(`after ${done.length} steps (${done.slice(-5).join(' | ')}), at ${step}:\n  ${problems.join('\n  ')}`);
  };
  try {
    for (const step of c.steps) {
      // A little time passes between messages, as it does between real ones.
      h.clock.advance(7_000);
      if (step.kind === 'jump') {
        const sent = await jump(h, step.minutes);
        const problems = sent.flatMap((s) => textProblems(s.text).map((p) => `job message to ${s.to}: ${p}`));
        if (problems.length > 0) fail(describeStep(step, ''), problems);
        done.push(describeStep(step, ''));
        continue;
      }
      const phone = ACTORS[step.who];
      const text = step.kind === 'undecryptable' ? '' : fillPlaceholders(h, step.kind === 'image' ? step.caption : step.text);
      const label = describeStep(step, text);
      const sent =
        step.kind === 'group'
          ? await h.send(phone, text, { group: step.group })
          : await h.send(phone, text, step.kind === 'image' ? { image: true } : step.kind === 'undecryptable' ? { undecryptable: true } : {});
      if (stats) stats.inputs++;
      const problems = sent.flatMap((s) => textProblems(s.text, text).map((p) => `to ${s.to}: ${p} in ${JSON.stringify(s.text.slice(0, 300))}`));
      // Every private message gets an answer. The documented silences (ARCHITECTURE.md): the bot holds no
      // conversation in a group, and it asks to resend an unreadable message at most once per 10 minutes.
      const answered = sent.some((s) => s.to === phone);
      if (step.kind === 'undecryptable') {
        const now = h.clock.now().getTime();
        const asked = resendAsked.get(phone);
        const quiet = asked !== undefined && now - asked < RESEND_REQUEST_INTERVAL_MS;
        if (answered === quiet) problems.push(quiet ? 'asked to resend twice within 10 minutes' : 'an unreadable message was not answered');
        if (answered) resendAsked.set(phone, now);
      } else if (step.kind !== 'group' && !answered) problems.push('no reply to a private message');
      if (step.kind === 'group' && sent.some((s) => s.to !== phone && !s.to.endsWith('@g.us'))) problems.push('a group message answered to someone else in private');
      if (problems.length > 0) fail(label, problems);
      done.push(label);
    }
    const stored = storedProblems(h.db);
    if (stored.length > 0) fail('the end (stored data)', stored);
    if (stats) {
      stats.cases++;
      stats.onCase?.(stats);
    }
  } finally {
    await h.close();
  }
}

export function botProperty(stats?: FuzzStats) {
  return fc.asyncProperty(fuzzCase, (c) => runFuzzCase(c as FuzzCase, stats));
}
