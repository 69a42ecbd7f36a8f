// Runs a transcript through runSimulation (the code behind `imp-smart simulate`) and returns its stdout.
import type { CompletionHandler } from '../../src/bot/apply-events.js';
import { runSimulation } from '../../src/bot/simulator/run-simulation.js';
import type { QuizBankCatalogue } from '../../src/domain/quiz/quiz-bank.js';
import type { FlowRegistry } from '../../src/flows/registry.js';
import type { SmartBook } from '../../src/domain/smart-book.js';
import { silentLogger } from '../../src/logger.js';
import { fromWita } from '../../src/time/wita.js';
import { PEOPLE_CSV } from './people.js';

export interface SimulateOptions {
  people?: string | null;
  dbPath?: string;
  registry?: FlowRegistry;
  /** Smart Book cards other than the bundled ones. */
  smartBook?: SmartBook;
  completions?: Record<string, CompletionHandler>;
  expiryMs?: number;
  retentionDays?: number;
  /** --media-dir: where the simulator writes the images and documents the bot sends. */
  mediaDir?: string;
  /** IMP_HOLIDAYS: days without recap reminders, besides Sundays. */
  holidays?: readonly string[];
  /** The quiz banks (IMP_QUIZ_BANK_DIR read at start); default the bundled ones. */
  quizBanks?: QuizBankCatalogue;
}

export async function simulate(transcript: string, options: SimulateOptions = {}): Promise<string> {
  let out = '';
  const people = options.people === undefined ? PEOPLE_CSV : options.people;
  await runSimulation({
    transcript,
    write: (text) => (out += text),
    logger: silentLogger(),
    conversation: { expiryMs: options.expiryMs ?? 72 * 3600_000 },
    startAt: fromWita(2026, 11, 25, 7, 0),
    ...(people ? { people: { csv: people, name: 'people.csv' } } : {}),
    ...(options.dbPath ? { dbPath: options.dbPath } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.smartBook ? { smartBook: options.smartBook } : {}),
    ...(options.completions ? { completions: options.completions } : {}),
    ...(options.retentionDays ? { messageRetentionDays: options.retentionDays } : {}),
    ...(options.mediaDir ? { mediaDir: options.mediaDir } : {}),
    ...(options.holidays ? { holidays: options.holidays } : {}),
    ...(options.quizBanks ? { quizBanks: options.quizBanks } : {}),
  });
  return out;
}

/** Splits simulator output into messages: { to, text } with continuation lines joined back. */
export function messagesOf(output: string): { to: string; text: string }[] {
  const messages: { to: string; text: string }[] = [];
  for (const line of output.split('\n')) {
    const m = /^> ([^:]+): (.*)$/.exec(line);
    if (m) messages.push({ to: m[1]!, text: m[2]! });
    else if (line.startsWith('  ') && messages.length > 0) messages.at(-1)!.text += `\n${line.slice(2)}`;
  }
  return messages;
}
