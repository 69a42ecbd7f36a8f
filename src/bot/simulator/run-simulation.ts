// Runs a transcript through the real bot (router, flows, database, outbox) with a simulated clock.
// Used by `imp-smart simulate`, by trainers, and by the scenario tests.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../db/bootstrap.js';
import type { Db } from '../../db/client.js';
import { claimDatabase, lockPathOf } from '../../db/owner-lock.js';
import { groupLabel, rememberGroup } from '../../db/repos/groups.repo.js';
import { loadOrCreateLogSalt, readRuntimeState, writeRuntimeState } from '../../db/repos/runtime-state.repo.js';
import type { ConversationOptions } from '../../flows/conversation.js';
import type { FlowRegistry } from '../../flows/registry.js';
import { useLogSalt, type Logger } from '../../logger.js';
import { MediaStore, mediaDirFor } from '../../media/media-store.js';
import { normalizePhone } from '../../people/phone.js';
import { formatImportReport, importPeople } from '../../people/people-import.js';
import type { CompletionHandler } from '../apply-events.js';
import { createBot, type Bot, type BotOptions } from '../bot.js';
import type { InboundMessage } from '../transport.js';
import { SimTransport, simGroupId } from './sim-transport.js';
import { parseTranscript, TranscriptError, type TranscriptStep } from './transcript.js';
import { toWita } from '../../time/wita.js';

/** runtime_state key of the simulated clock, so a later run on the same --db continues the story's time. */
export const SIM_CLOCK_KEY = 'sim_clock';

export interface SimulationOptions {
  transcript: string;
  /**
   * Database to use (created if missing); default: a fresh temporary one, removed afterwards. The run takes the
   * database's owner lock (DatabaseInUseError while serve, chat or another simulate runs on it) and keeps it
   * across @restart.
   */
  dbPath?: string;
  /** People CSV imported first, exactly as `imp-smart people import` does. */
  people?: { csv: string; name: string };
  /**
   * Where the images and documents the bot sends are written, by their names (--media-dir), so they can be opened.
   * The bot's own media store is always the one beside the simulated database (never IMP_MEDIA_DIR: a story's
   * prune would delete the real bot's files); a temporary database's goes with it.
   */
  mediaDir?: string;
  write: (text: string) => void;
  logger: Logger;
  conversation: ConversationOptions;
  /**
   * Clock before the first @at (default: the real current time). Ignored when the database holds the clock of an
   * earlier run: a continued story starts where that run left it.
   */
  startAt?: Date;
  registry?: FlowRegistry;
  /** The Smart Book cards (main.ts loads IMP_SMART_BOOK_DIR); default the bundled cards. */
  smartBook?: BotOptions['smartBook'];
  completions?: Readonly<Record<string, CompletionHandler>>;
  recap?: BotOptions['recap'];
  caseFollowUpDays?: number;
  messageRetentionDays?: number;
  schedule?: BotOptions['schedule'];
  /** IMP_HOLIDAYS: days without recap reminders, besides Sundays. */
  holidays?: readonly string[];
  /** The quiz banks read at start (IMP_QUIZ_BANK_DIR); default: the bundled ones. */
  quizBanks?: BotOptions['quizBanks'];
}

export class SimulationSetupError extends Error {
  override name = 'SimulationSetupError';
}

export async function runSimulation(options: SimulationOptions): Promise<void> {
  const steps = parseTranscript(options.transcript);
  const temporary = options.dbPath === undefined;
  const dbPath = options.dbPath ?? join(tmpdir(), `imp-smart-sim-${randomUUID()}.db`);
  const runId = randomUUID().slice(0, 8);
  // The simulator runs the bot and sends the outbox (to stdout): on a database a running bot owns it would take
  // that bot's messages, so it is refused before the database is opened.
  const lock = claimDatabase(dbPath, 'simulate', { create: true });
  const media = new MediaStore(mediaDirFor(dbPath));
  let database: ReadyDatabase | null = null;
  try {
    database = openReadyDatabase(dbPath);
    useLogSalt(loadOrCreateLogSalt(database.db));
    const stored = readSimClock(database.db);
    const firstAt = steps.find((step) => step.kind === 'at');
    // Checked before anything runs, so a wrong transcript changes nothing in the story.
    if (stored && firstAt && firstAt.at < stored) {
      throw new TranscriptError(firstAt.line, `the clock never goes back: the story in this database is already at ${formatWita(stored)} WITA`);
    }
    // The holder's "since" is real time: it names a process to the operator, not a moment of the story.
    lock.announce(database.db, new Date());
    // A continued story starts at its stored clock, so the jobs due until its first @at run and ages stay true.
    const clock = new ManualClock(stored ?? options.startAt ?? new Date());
    let storedAt = stored?.getTime() ?? null;
    const remember = (db: Db) => {
      if (clock.now().getTime() === storedAt) return;
      writeRuntimeState(db, SIM_CLOCK_KEY, clock.now().toISOString(), clock.now());
      storedAt = clock.now().getTime();
    };
    if (options.people) {
      const report = importPeople(database.db, options.people.csv, database.areas, `simulate:${options.people.name}`, clock.now());
      if (!report.ok) throw new SimulationSetupError(formatImportReport(report, options.people.name));
    }
    // Recipients are printed as the transcript wrote them.
    const written = new Map<string, string>();
    let transport!: SimTransport;
    let bot!: Bot;
    const boot = async (ready: ReadyDatabase) => {
      const db = ready.db;
      transport = new SimTransport(options.write, (address) => written.get(address) ?? groupLabel(db, address) ?? address, options.mediaDir ?? null);
      bot = createBot({
        database: ready,
        transport,
        clock,
        logger: options.logger,
        conversation: options.conversation,
        ...(options.registry ? { registry: options.registry } : {}),
        ...(options.smartBook ? { smartBook: options.smartBook } : {}),
        ...(options.completions ? { completions: options.completions } : {}),
        ...(options.recap ? { recap: options.recap } : {}),
        ...(options.caseFollowUpDays ? { caseFollowUpDays: options.caseFollowUpDays } : {}),
        ...(options.schedule ? { schedule: options.schedule } : {}),
        ...(options.holidays ? { holidays: options.holidays } : {}),
        ...(options.messageRetentionDays ? { messageRetentionDays: options.messageRetentionDays } : {}),
        ...(options.quizBanks ? { quizBanks: options.quizBanks } : {}),
        media,
      });
      await bot.start();
    };
    await boot(database);

    let previous: InboundMessage | null = null;
    // A continued story already has a time: its first @at moves on from it like any later one.
    let clockSet = stored !== null;
    let seq = 0;
    for (const step of steps) {
      const db = database.db;
      switch (step.kind) {
        case 'at':
          // Before the first @at the clock is the real time (or the stored one); the first @at of a new story may
          // set any time, later ones only move forward (checked when the transcript was parsed).
          if (clockSet) {
            // Every scheduled job that falls due before the new time runs first, in time order.
            for (const slot of bot.runner.slotsBetween(bot.jobs, clock.now(), step.at)) {
              clock.set(slot.at);
              remember(db);
              await bot.runner.runSlot(slot.job, slot.at);
              await bot.idle();
            }
          }
          clock.set(step.at, { allowBack: !clockSet });
          clockSet = true;
          break;
        case 'restart':
          // A crash and restart: every in-memory object goes, the database is reopened from disk. The owner lock
          // stays: it is this process's, and a real crash would end the process and release it anyway.
          await bot.stop();
          database.close();
          database = openReadyDatabase(dbPath);
          lock.announce(database.db, new Date());
          await boot(database);
          break;
        case 'redeliver':
          await transport.handler(previous!);
          break;
        case 'message': {
          previous = toInbound(step, `sim-${runId}-${++seq}`, clock.now(), written);
          if (previous.chat.kind === 'group') rememberGroup(db, previous.chat.groupId, step.group!);
          await transport.handler(previous);
          break;
        }
      }
      await bot.idle();
      // Stored once the story has reached this time (an @at, or a message at the start time).
      remember(database.db);
    }
    await bot.stop();
  } finally {
    // Release first: it removes the holder's announcement through the open database.
    lock.release();
    database?.close();
    if (temporary) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    if (temporary) rmSync(lockPathOf(dbPath), { force: true });
    if (temporary) rmSync(media.dir, { recursive: true, force: true });
  }
}

/** The simulated clock a previous run left in this database, or null for a new story. */
export function readSimClock(db: Db): Date | null {
  const stored = readRuntimeState<string>(db, SIM_CLOCK_KEY);
  return stored ? new Date(stored.value) : null;
}

function formatWita(date: Date): string {
  const p = toWita(date);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

function toInbound(
  step: Extract<TranscriptStep, { kind: 'message' }>,
  id: string,
  now: Date,
  written: Map<string, string>,
): InboundMessage {
  // WhatsApp may address one person in several forms; the phone is normalised like everywhere else.
  const phone = normalizePhone(step.phone) ?? step.phone;
  written.set(phone, step.phone);
  const chat: InboundMessage['chat'] = step.group
    ? { kind: 'group', groupId: simGroupId(step.group), label: step.group }
    : { kind: 'private', address: phone };
  if (step.group) written.set(simGroupId(step.group), step.group);
  return {
    id,
    from: { phone, rawId: phone },
    chat,
    content:
      step.content.kind === 'text'
        ? { kind: 'text', text: step.content.text }
        : { kind: 'media', media: 'image', caption: step.content.caption || null },
    sentAt: now,
  };
}
