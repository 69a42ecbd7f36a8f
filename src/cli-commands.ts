// Every command but `help`: reads the configuration and calls the composition root (main.ts) or an admin command.
// Loaded by cli.ts only when a command needs it, so `imp-smart help` loads nothing else.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runAdminCommand, AdminUsageError } from './admin/commands.js';
import { DatabaseError } from './db/database-errors.js';
import { TranscriptError } from './bot/simulator/transcript.js';
import { SimulationSetupError } from './bot/simulator/run-simulation.js';

function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/**
 * An operator's mistake (configuration, arguments, transcript, database path, a database in use) is one line saying
 * what is wrong and how to fix it. Anything else is a bug: one line, and the stack only when asked for.
 */
export function reportFailure(error: unknown, logLevel: string, write: (text: string) => void): number {
  if (error instanceof ConfigError || error instanceof AdminUsageError || error instanceof TranscriptError || error instanceof SimulationSetupError) {
    write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    write(`${error.message}\nRun "imp-smart help" for usage.\n`);
    return 2;
  }
  if (error instanceof DatabaseError) {
    write(`${error.message}\n`);
    return 1;
  }
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim() || String(error);
  if (logLevel === 'debug' || logLevel === 'trace') {
    write(`imp-smart: ${message}\n${error instanceof Error ? error.stack : ''}\n`);
  } else {
    write(`imp-smart: ${message} (IMP_LOG_LEVEL=debug shows the details)\n`);
  }
  return 1;
}

/** Runs a command other than help (cli.ts answers that); `setLogLevel` tells the caller how loud a failure may be. */
export async function runCommand(argv: string[], setLogLevel: (level: string) => void): Promise<number> {
  const [command = 'help', ...rest] = argv;
  loadDotEnv();
  const config: Config = loadConfig();
  setLogLevel(config.logLevel);
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, 'pair-code': { type: 'string' } } });
      let pairCodePhone: string | null = null;
      if (values['pair-code'] !== undefined) {
        const { normalizePhone } = await import('./people/phone.js');
        pairCodePhone = normalizePhone(values['pair-code']);
        if (!pairCodePhone) throw new AdminUsageError('--pair-code needs the bot\'s own phone number, e.g. +6281234567000');
      }
      const { serve } = await import('./main.js');
      await serve({ ...config, dbPath: values.db ?? config.dbPath }, { pairCodePhone });
      return -1; // keeps running until a signal
    }
    case 'simulate': {
      const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, people: { type: 'string' }, 'media-dir': { type: 'string' } } });
      const { simulate } = await import('./main.js');
      const transcript = await readStdin();
      await simulate(config, {
        transcript,
        ...(values.db ? { dbPath: values.db } : {}),
        ...(values.people ? { peopleFile: values.people } : {}),
        ...(values['media-dir'] ? { mediaDir: values['media-dir'] } : {}),
      });
      return 0;
    }
    case 'chat': {
      const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, as: { type: 'string' } } });
      const { normalizePhone } = await import('./people/phone.js');
      const phone = values.as ? normalizePhone(values.as) : null;
      if (!phone) throw new AdminUsageError('chat needs --as +62… with a valid phone number');
      const { chat } = await import('./main.js');
      await chat({ ...config, dbPath: values.db ?? config.dbPath }, phone);
      return 0;
    }
    case 'dhis2': {
      if (rest[0] === 'push' || rest[0] === 'status') {
        const { runDhis2PushCommand } = await import('./admin/dhis2-push-command.js');
        return await runDhis2PushCommand(rest, config, adminOutput);
      }
      const { runDhis2Command } = await import('./admin/dhis2-command.js');
      return await runDhis2Command(rest, config, adminOutput);
    }
    default:
      return await runAdminCommand(command, rest, config, adminOutput);
  }
}

const adminOutput = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
};

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
