// `imp-smart`: the command line. Parses arguments and calls the composition root (main.ts) or an admin command.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runAdminCommand, AdminUsageError } from './admin/commands.js';
import { DatabaseError } from './db/database-errors.js';
import { TranscriptError } from './bot/simulator/transcript.js';
import { SimulationSetupError } from './bot/simulator/run-simulation.js';

export const HELP = `imp-smart — WhatsApp bot and reporting backend for the Kader IMP of Kabupaten Gowa

Usage: imp-smart <command> [options]

Commands:
  serve [--pair-code +62…]       run the bot (transport from IMP_TRANSPORT) and the HTTP API; what npm start runs.
                                 WhatsApp without a session prints a QR code; --pair-code prints a code instead
  simulate [--people FILE.csv] [--media-dir DIR]
                                 run a transcript from stdin through the bot; every outbound message to stdout
                                 (images and documents as [gambar: NAME] / [dokumen: NAME]; --media-dir writes the
                                 files into DIR). With --db PATH a later run continues the story, from the clock the
                                 last run left
  chat --as +62…                 talk to the bot in this terminal as that phone number (an existing database)
  people import FILE.csv         register people (phone,name,role,area,unit); all rows or nothing
  people list                    show who is registered and who has written to the bot at least once
  people invite [--area CODE] [--out FILE.pdf|FILE.png] [--bot-number +62…]
                                 click-to-chat links and a QR sheet for registered people who never wrote (the bot
                                 never writes first); bot number from --bot-number, IMP_BOT_NUMBER or the session
  people forget PHONE            data-subject request: de-identify the person, delete that number's messages
  people deactivate PHONE        deactivate a person (never deleted; history kept)
  people activate PHONE          reactivate a person
  areas list [--period YYYY-MM]  kecamatan and desa with codes, and who takes part in the period
  areas join CODE --from YYYY-MM   a desa (or every desa of a kecamatan/kabupaten code) takes part from that month
  areas leave CODE --from YYYY-MM  ... stops taking part from that month
  groups list                    the WhatsApp groups the bot has seen, with what each is bound to
  groups set GROUP-ID pkb KECAMATAN | GROUP-ID dinas
                                 bind a group to a kecamatan's PKB (code or name) or to the Dinas, as DAFTAR GRUP
                                 does inside the group; one group per kecamatan (a new one replaces the old)
  groups remove GROUP-ID         unbind a group (HAPUS GRUP): its messages go to the people one by one again
  token create --role dinas|koordinator|pkb|admin [--area CODE] --name NAME
                                 an HTTP API / dashboard token, printed once (only its hash is kept). --area: a
                                 kecamatan for koordinator; a kecamatan or desa codes separated by ";" for pkb;
                                 none for dinas and admin (the kabupaten)
  token list                     the tokens: number, prefix, role, area, name, last use, revoked (never the token)
  token revoke ID                revoke a token at once (its dashboard sessions end too)
  export recap --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE]
                                 one row per desa/kelurahan of the scope, also those that have not reported: every
                                 field, the indicators, status, version, sent/verified (WITA), late, confirmed
                                 warnings; Indonesian headers and values, codes in extra columns. csv goes to stdout
                                 without --out; xlsx to rekap-<period>[-<kec>].xlsx, with a JUMLAH row of verified
                                 recaps and a paper-form (F/I/Dal) sheet per desa for A4
  export cases --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE]   unmet-need cases reported that month, no personal data
  export meetings --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE]
                                 the meetings recorded for that month, one row each: level, kecamatan, desa, dusun,
                                 kind, date, place, attendance by role and total, KIE Kit, topics, follow-up, reporter,
                                 and who checked in (name and role, no phone numbers); xlsx to pertemuan-<period>[-<kec>].xlsx
  whatsapp status                the WhatsApp link state, open alerts and the outbox
  whatsapp logout                forget the WhatsApp session (to re-pair); report data is not touched
  kartu lapor [--out FILE.pdf]   the one-page LAPOR card for cadres (keys in paper-form order, example, deadline)
  audit export [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format csv|xlsx [--out FILE]
                                 who exported data, opened a case or changed people, and when
  migrate                        create or update the database schema and load the built-in areas
  help                           this text

Every command accepts --db PATH to use another database than IMP_DB_PATH (default ./data/imp-smart.db).
Only serve, migrate and simulate create a missing database; simulate without --db uses a fresh temporary one.
One bot process per database: serve, chat and simulate --db refuse a database another of them is running on
(they hold the lock file <db>.lock); the other commands work beside a running bot.
Configuration is read from the environment (and ./.env when present); see .env.example.`;

function loadDotEnv(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/**
 * Runs one command and returns its exit code (-1: serve, which keeps running). Never throws: a failure is reported
 * on stderr by reportFailure.
 */
export async function runCli(argv: string[]): Promise<number> {
  let logLevel = 'info';
  try {
    return await run(argv, (level) => (logLevel = level));
  } catch (error) {
    return reportFailure(error, logLevel, (text) => process.stderr.write(text));
  }
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

async function run(argv: string[], setLogLevel: (level: string) => void): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
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
    default:
      return await runAdminCommand(command, rest, config, {
        out: (text) => process.stdout.write(`${text}\n`),
        err: (text) => process.stderr.write(`${text}\n`),
      });
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
