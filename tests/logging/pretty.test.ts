// Logs for people at a terminal: readable lines (pino-pretty) that are still redacted; JSON for everything else.
import { describe, expect, it } from 'vitest';
import { createLogger, LogRedactor } from '../../src/logger.js';

function capture(pretty: boolean | undefined) {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const logger = createLogger('info', { destination, redactor: new LogRedactor(), ...(pretty === undefined ? {} : { pretty }) });
  return { logger, text: () => lines.join('') };
}

describe('pretty logs', () => {
  it('when pretty output is asked for, then a line is readable text, not JSON, and a phone number in it is still redacted', () => {
    const { logger, text } = capture(true);
    logger.info({ phone: '+6281234567001' }, 'message from +6281234567001 stored');
    expect(text()).toContain('message from');
    expect(text()).toContain('INFO');
    expect(text()).not.toContain('6281234567001');
    expect(() => JSON.parse(text())).toThrow();
  });

  it('when a destination is given without asking for pretty output (a pipe, a service manager), then lines are JSON', () => {
    const { logger, text } = capture(undefined);
    logger.warn('link down');
    expect(JSON.parse(text())).toMatchObject({ level: 40, msg: 'link down' });
  });
});
