// The pino root logger. Logs go to stderr so stdout stays clean for the simulator's transcript output.
// Phone numbers and message text are redacted: logs are not the place for residents' data (UU PDP).
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = ['phone', 'text', 'to', '*.phone', '*.text', '*.to', 'msg.text', 'message.text'];

export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}

/** A logger that writes nothing, for tests and for the simulator's default quiet mode. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
