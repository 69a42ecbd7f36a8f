// The simulator keeps its clock in the database: a later run with the same --db continues the story's time, so the
// daily jobs due in between (case SLA, retention prune) run, ages stay true, and the clock never goes back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TranscriptError } from '../../src/bot/simulator/transcript.js';
import { openDatabase } from '../../src/db/client.js';
import { inboundMessages, outbox } from '../../src/db/schema.js';
import { KOORD_PHONE, PKB_PHONE, PPKBD_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const R = '+6285299990009';
/** A resident reports an unmet-need case for Desa Pakatto (PKB Andi Baso, koordinator Hj. Nurhayati). */
const REPORT = [`${R}: laporkan`, `${R}: Pakatto`, `${R}: 0`, `${R}: 1`, `${R}: 2`, `${R}: 4`, `${R}: ya`];

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-sim-clock-'));
  db = join(dir, 'story.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function rows(path: string) {
  const opened = openDatabase(path, { readOnly: true });
  try {
    return {
      inbound: opened.db.select().from(inboundMessages).all(),
      outbox: opened.db.select().from(outbox).all(),
    };
  } finally {
    opened.close();
  }
}

describe('simulator clock across runs', () => {
  it('when a later run on the same --db starts weeks after the last, then the SLA reminder and escalation due in between are sent in that run', async () => {
    const first = messagesOf(await simulate(['@at 2026-11-25 09:00', ...REPORT].join('\n'), { dbPath: db }));
    expect(first.filter((m) => m.to === PKB_PHONE)).toHaveLength(1);

    const second = messagesOf(await simulate(['@at 2026-12-10 09:00', `${PKB_PHONE}: KASUS`].join('\n'), { dbPath: db, people: null }));
    const reminder = second.findIndex((m) => m.to === PKB_PHONE && m.text.startsWith('Pengingat: kasus *UN-062003-2026-0001*'));
    const escalation = second.findIndex((m) => m.to === KOORD_PHONE && m.text.startsWith('Eskalasi: kasus *UN-062003-2026-0001*'));
    expect(reminder).toBeGreaterThanOrEqual(0);
    expect(escalation).toBeGreaterThan(reminder);
    expect(second.at(-1)!.text).toContain('UN-062003-2026-0001 • Pakatto • 15 hari');
  });

  it('when a later run has no @at, then it goes on at the clock the last run left and KASUS never shows a negative age', async () => {
    await simulate(['@at 2026-12-27 09:00', ...REPORT].join('\n'), { dbPath: db });
    // The helper's start time (25 November) is before the story's clock: the stored clock wins.
    const kasus = messagesOf(await simulate(`${PKB_PHONE}: KASUS`, { dbPath: db, people: null })).at(-1)!.text;
    expect(kasus).toContain('UN-062003-2026-0001 • Pakatto • 0 hari');
    expect(kasus).not.toMatch(/-\d+ hari/);

    const later = messagesOf(await simulate(['@at 2026-12-29 10:00', `${PKB_PHONE}: KASUS`].join('\n'), { dbPath: db, people: null })).at(-1)!.text;
    expect(later).toContain('UN-062003-2026-0001 • Pakatto • 2 hari');
  });

  it('when a later run starts before the clock the last run left, then it fails naming the line and nothing is processed', async () => {
    await simulate(['@at 2026-11-25 09:00', `${PPKBD_PHONE}: halo`].join('\n'), { dbPath: db });
    const before = rows(db);
    const run = simulate(['# a week earlier', '@at 2026-11-18 09:00', `${PPKBD_PHONE}: halo`].join('\n'), { dbPath: db, people: null });
    await expect(run).rejects.toThrow(TranscriptError);
    await expect(run).rejects.toThrow('transcript line 2: the clock never goes back: the story in this database is already at 2026-11-25 09:00 WITA');
    expect(rows(db)).toEqual(before);
  });

  it('when simulated days pass beyond the retention period, then the nightly prune removes the older inbound messages and keeps the newer', async () => {
    await simulate(['@at 2026-01-05 09:00', `${PPKBD_PHONE}: halo`, '@at 2026-03-20 09:00', `${PPKBD_PHONE}: menu`].join('\n'), { dbPath: db, retentionDays: 30 });
    expect(rows(db).inbound.map((r) => r.text)).toEqual(['menu']);
    await simulate(['@at 2026-04-25 09:00', `${PPKBD_PHONE}: halo lagi`].join('\n'), { dbPath: db, people: null, retentionDays: 30 });
    expect(rows(db).inbound.map((r) => r.text)).toEqual(['halo lagi']);
    // Four simulated months of daily jobs, with a monthly chart and kabupaten workbook for the Dinas twice a month.
  }, 120_000);
});
