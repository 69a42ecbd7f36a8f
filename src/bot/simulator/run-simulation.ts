// Runs a transcript through the real bot (router, flows, database, outbox) with a simulated clock.
// Used by `imp-smart simulate`, by trainers, and by the scenario tests.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../db/bootstrap.js';
import { groupLabel, rememberGroup } from '../../db/repos/groups.repo.js';
import { loadOrCreateLogSalt } from '../../db/repos/runtime-state.repo.js';
import type { ConversationOptions } from '../../flows/conversation.js';
import type { FlowRegistry } from '../../flows/registry.js';
import { useLogSalt, type Logger } from '../../logger.js';
import { normalizePhone } from '../../people/phone.js';
import { formatImportReport, importPeople } from '../../people/people-import.js';
import type { CompletionHandler } from '../apply-events.js';
import { createBot, type Bot, type BotOptions } from '../bot.js';
import type { InboundMessage } from '../transport.js';
import { dueRuns } from '../scheduler.js';
import { SimTransport, simGroupId } from './sim-transport.js';
import { parseTranscript, type TranscriptStep } from './transcript.js';

export interface SimulationOptions {
  transcript: string;
  /** Database to use (created if missing); default: a fresh temporary one, removed afterwards. */
  dbPath?: string;
  /** People CSV imported first, exactly as `imp-smart people import` does. */
  people?: { csv: string; name: string };
  write: (text: string) => void;
  logger: Logger;
  conversation: ConversationOptions;
  /** Clock before the first @at (default: the real current time). */
  startAt?: Date;
  registry?: FlowRegistry;
  completions?: Readonly<Record<string, CompletionHandler>>;
  recap?: BotOptions['recap'];
  caseFollowUpDays?: number;
}

export class SimulationSetupError extends Error {
  override name = 'SimulationSetupError';
}

export async function runSimulation(options: SimulationOptions): Promise<void> {
  const steps = parseTranscript(options.transcript);
  const temporary = options.dbPath === undefined;
  const dbPath = options.dbPath ?? join(tmpdir(), `imp-smart-sim-${randomUUID()}.db`);
  const clock = new ManualClock(options.startAt ?? new Date());
  const runId = randomUUID().slice(0, 8);
  let database: ReadyDatabase = openReadyDatabase(dbPath);
  try {
    useLogSalt(loadOrCreateLogSalt(database.db));
    if (options.people) {
      const report = importPeople(database.db, options.people.csv, database.areas, `simulate:${options.people.name}`, clock.now());
      if (!report.ok) throw new SimulationSetupError(formatImportReport(report, options.people.name));
    }
    // Recipients are printed as the transcript wrote them.
    const written = new Map<string, string>();
    let transport!: SimTransport;
    let bot!: Bot;
    const boot = async () => {
      const db = database.db;
      transport = new SimTransport(options.write, (address) => written.get(address) ?? groupLabel(db, address) ?? address);
      bot = createBot({
        database,
        transport,
        clock,
        logger: options.logger,
        conversation: options.conversation,
        ...(options.registry ? { registry: options.registry } : {}),
        ...(options.completions ? { completions: options.completions } : {}),
        ...(options.recap ? { recap: options.recap } : {}),
        ...(options.caseFollowUpDays ? { caseFollowUpDays: options.caseFollowUpDays } : {}),
      });
      await bot.start();
    };
    await boot();

    let previous: InboundMessage | null = null;
    let clockSet = false;
    let seq = 0;
    for (const step of steps) {
      switch (step.kind) {
        case 'at':
          // Before the first @at the clock is the real time; the first @at may set any time, later ones only
          // move forward (checked when the transcript was parsed).
          if (clockSet) {
            // Every scheduled job that falls due before the new time runs first, in time order.
            for (const run of dueRuns(bot.jobs, clock.now(), step.at)) {
              clock.set(run.at);
              run.job.run(run.at);
              await bot.idle();
            }
          }
          clock.set(step.at, { allowBack: !clockSet });
          clockSet = true;
          break;
        case 'restart':
          // A crash and restart: every in-memory object goes, the database is reopened from disk.
          await bot.stop();
          database.close();
          database = openReadyDatabase(dbPath);
          await boot();
          break;
        case 'redeliver':
          await transport.handler(previous!);
          break;
        case 'message': {
          previous = toInbound(step, `sim-${runId}-${++seq}`, clock.now(), written);
          if (previous.chat.kind === 'group') rememberGroup(database.db, previous.chat.groupId, step.group!);
          await transport.handler(previous);
          break;
        }
      }
      await bot.idle();
    }
    await bot.stop();
  } finally {
    database.close();
    if (temporary) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
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
