// The pino root logger. Logs go to stderr so stdout stays clean for the simulator's transcript output.
// Logs are not the place for residents' data (UU PDP): every line of the process — ours, Baileys' child logger,
// fastify's request loggers — passes through one redactor (src/log-redaction.ts) wired into the root, which children
// inherit. Phone numbers, JIDs and LIDs become salted tags, message text and names `[redacted]`, bytes their length.
// A person at a terminal reads short coloured lines (pino-pretty); a service manager or a pipe gets JSON, one object
// a line. Either way the redactor has already run: pino-pretty formats the line pino wrote, after `streamWrite`.
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';
import { LogRedactor } from './log-redaction.js';

export type { Logger };
export { LogRedactor, isTag } from './log-redaction.js';

/**
 * The process's redactor. The logger exists before the database is open (it reports opening errors), so it starts
 * unsalted (identifiers become `[phone]`, `[lid]`…) and gets the database's salt through `useLogSalt` once it is open.
 */
const processRedactor = new LogRedactor();

export interface LoggerOptions {
  /** Default: stderr. */
  destination?: DestinationStream;
  /** Human-readable lines instead of JSON. Default: when stderr is a terminal and no destination is given. */
  pretty?: boolean;
  /** Default: the process's redactor (salted by `useLogSalt`); tests pass their own. */
  redactor?: LogRedactor;
}

// Top-level keys that may also arrive as child-logger bindings (Baileys binds `msgId`), which no formatter sees;
// serializers do see bindings. Each is idempotent, because on log objects the formatter has already run.
const IDENTITY_SERIALIZED = ['jid', 'remoteJid', 'participant', 'pn', 'lid', 'from', 'to', 'recipient', 'phone', 'senderKey', 'chatId', 'address'];
const MESSAGE_ID_SERIALIZED = ['id', 'msgId', 'messageId', 'providerId', 'providerMessageId', 'stanzaId'];

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const redactor = options.redactor ?? processRedactor;
  const serializers: Record<string, (value: unknown) => unknown> = { err: (value) => redactor.serializeError(value) };
  for (const key of IDENTITY_SERIALIZED) serializers[key] = (value) => redactor.identity(value, key);
  for (const key of MESSAGE_ID_SERIALIZED) serializers[key] = (value) => redactor.messageId(value);
  return pino(
    {
      level,
      serializers,
      // Called only for lines that are written (disabled levels are no-ops): the walk costs nothing when off.
      formatters: { log: (object) => redactor.redactFields(object) },
      hooks: {
        // Objects after the message are printf arguments (`%o`, `%j`): they end up in the message string.
        logMethod(args, method) {
          const values = args as unknown[];
          const first = typeof values[0] === 'object' && values[0] !== null ? 2 : 1;
          for (let i = first; i < values.length; i++) {
            if (typeof values[i] === 'object' && values[i] !== null) values[i] = redactor.redact(values[i]);
          }
          method.apply(this, args);
        },
        // The last net: identifiers in any string of the line (message, bindings, other serializers' output).
        streamWrite: (line) => redactor.scrubLine(line),
      },
    },
    destinationOf(options),
  );
}

function destinationOf(options: LoggerOptions): DestinationStream {
  const wantPretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true);
  if (!wantPretty) return options.destination ?? pino.destination(2);
  return prettyStream(options.destination);
}

/**
 * pino-pretty's formatter in front of `destination` (default: stderr), in the same process and synchronous: a crash
 * still shows its last lines, and the formatter reads the line pino wrote, already redacted.
 */
export function prettyStream(destination?: DestinationStream): DestinationStream {
  const target = destination ?? pino.destination(2);
  // Required here, not imported above: a service manager's serve (JSON logs) never needs it (1.5 MB of RSS).
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  const format = prettyFactory({
    colorize: destination === undefined && process.stderr.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
  });
  return { write: (line: string) => void target.write(format(line)) };
}

/** Salts the process's redactor (and `hashSender`): call once, right after the database is open. */
export function useLogSalt(salt: Uint8Array): void {
  processRedactor.useSalt(salt);
}

/**
 * A short salted tag for a sender key (`+62…` or `raw:<lid>`), equal to the tag the same number gets anywhere in the
 * logs, so one person's lines can be followed without their number. `[phone]`/`[lid]` until `useLogSalt`.
 */
export function hashSender(key: string): string {
  return processRedactor.hashSender(key);
}

/** A logger that writes nothing, for tests and for the simulator's default quiet mode. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
