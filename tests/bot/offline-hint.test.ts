// `npm start` without WhatsApp access: one plain line saying the bot keeps retrying and how to try it in the terminal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LinkMonitor } from '../../src/bot/link-monitor.js';
import { OFFLINE_HINT, OfflineHint } from '../../src/bot/offline-hint.js';
import { ManualClock } from '../../src/clock.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { createLogger, LogRedactor } from '../../src/logger.js';

describe('offline hint (pure)', () => {
  it('when WhatsApp cannot be reached on two attempts in a row, then the hint is given once, however long it keeps failing', () => {
    const hint = new OfflineHint();
    // As the transport reports it: each failure schedules a retry, then connects again.
    const states = ['connecting', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting', 'reconnecting'] as const;
    const said = states.map((state) => hint.observe(state));
    expect(said.filter((text) => text !== null)).toEqual([OFFLINE_HINT]);
    expect(said[3]).toBe(OFFLINE_HINT);
  });

  it('when WhatsApp answered with a QR code or was open, then later reconnects give no hint', () => {
    for (const reached of ['waiting_for_pairing', 'open'] as const) {
      const hint = new OfflineHint();
      hint.observe('connecting');
      hint.observe(reached);
      expect([1, 2, 3].map(() => hint.observe('reconnecting'))).toEqual([null, null, null]);
    }
  });

  it('when the hint is read, then it says the bot keeps retrying and names the console transport and the simulator', () => {
    expect(OFFLINE_HINT).toMatch(/keeps retrying/);
    expect(OFFLINE_HINT).toContain('IMP_TRANSPORT=console npm start');
    expect(OFFLINE_HINT).toContain('imp-smart simulate');
  });
});

describe('offline hint through the link monitor', () => {
  let database: ReadyDatabase;
  beforeEach(() => {
    database = openReadyDatabase(':memory:');
  });
  afterEach(() => database.close());

  it('when the Baileys link keeps failing at start, then the log holds the hint exactly once, as a warning', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { destination: { write: (line: string) => void lines.push(line) }, redactor: new LogRedactor() });
    const clock = new ManualClock(new Date('2026-11-25T00:00:00Z'));
    const monitor = new LinkMonitor({ db: database.db, clock, logger, downAlertAfterMs: 15 * 60_000, onQueued: () => {} });
    monitor.stateChanged('connecting', '');
    for (let retry = 1; retry <= 5; retry++) {
      monitor.stateChanged('reconnecting', `WhatsApp unreachable or timed out (408); retry ${retry} in 2 s`);
      monitor.stateChanged('reconnecting', `connecting (retry ${retry})`);
    }
    const hints = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((l) => l.msg === OFFLINE_HINT);
    expect(hints).toHaveLength(1);
    expect(hints[0]!.level).toBe(40);
  });
});
