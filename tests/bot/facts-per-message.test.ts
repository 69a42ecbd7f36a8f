// What stored data a message reads. Facts are read only when the step needs them (bot/lazy-facts.ts), so a number in
// the middle of the guided recap, a menu or a mid-report answer runs none of the recap, case or meeting queries. The
// statements are counted through better-sqlite3's `verbose` hook (db/client.ts `trace`), which sees every execution,
// statements prepared once and cached included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, RESIDENT_PHONE as R } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { lineAnswer, sheetGroups, sheetOf } from '../helpers/practice.js';

const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const answer = (groupIndex: number) => GROUPS[groupIndex]!.fields.map((f) => String(CLEAN_RECAP[f])).join(' ');

/** Tables only the flows' facts and their completion read; the message path itself never needs them. */
const FACT_TABLES = new Set([
  'recaps',
  'recap_events',
  'recap_reopenings',
  'cases',
  'case_events',
  'meetings',
  'meeting_checkins',
  'meeting_attendees',
  'area_units',
  'area_participation',
  'runtime_state',
]);

function tablesOf(statement: string): string[] {
  return [...statement.matchAll(/\b(?:from|join|into|update)\s+"([a-z_]+)"/gi)].map((m) => m[1]!);
}

/**
 * Generous on purpose: a message's own statements (journal, sender, conversation, outbox, the send afterwards) are
 * another part's business and may change; at the time of writing the number below ran 14 of them, 9 of them in
 * its transaction, where the eager loaders ran 8 more recap queries.
 */
const SMALL = 20;

let h: Harness;
const log: string[] = [];

/** Sends the message and returns the SQL of every statement it caused, the sends after the commit included. */
async function statementsOf(phone: string, text: string): Promise<string[]> {
  log.length = 0;
  await h.send(phone, text);
  return [...log];
}

/** The sender cache's token (runtime_state 'people_generation') is the message path's own read, not a fact. */
const isSenderCacheCheck = (statement: string) => statement.includes("'people_generation'");
const factQueries = (statements: readonly string[]) => statements.filter((s) => !isSenderCacheCheck(s) && tablesOf(s).some((t) => FACT_TABLES.has(t)));
const tablesRead = (statements: readonly string[]) => [...new Set(factQueries(statements).flatMap(tablesOf).filter((t) => FACT_TABLES.has(t)))].sort();

beforeEach(async () => {
  // 2 December 2026, 09:00 WITA: November is open and not yet due.
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 2, 9, 0), trace: (sql) => log.push(sql) });
});
afterEach(() => h.close());

describe('facts read per message', () => {
  it('when a PPKBD answers a number in the middle of the guided recap, then no recap, case or meeting query runs and the statements are few', async () => {
    await h.reply(P, '1');
    for (let i = 0; i <= 3; i++) await h.reply(P, answer(i));
    // Section III's methods: the next question (the non-users) needs nothing stored.
    const statements = await statementsOf(P, answer(4));
    expect(factQueries(statements)).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(SMALL);
  });

  it('when the guided recap starts, then only the open months and this month\'s stored recap are read', async () => {
    const statements = await statementsOf(P, '1');
    expect(tablesRead(statements)).toEqual(['recap_reopenings', 'recaps']);
    expect(factQueries(statements)).toHaveLength(2);
  });

  it('when a cadre, a PKB and a resident open the menu, then none of their flows\' facts is read', async () => {
    for (const phone of [P, PKB_PHONE, R]) {
      // Not their first message: the first one also records that they wrote and were welcomed (once per person).
      await h.send(phone, 'halo');
      const statements = await statementsOf(phone, 'MENU');
      expect(factQueries(statements)).toEqual([]);
      expect(statements.length).toBeLessThanOrEqual(SMALL);
    }
  });

  it('when a person asks for the menu with no flow open, then their conversation state is not written again', async () => {
    await h.send(P, 'halo');
    const writes = (statements: readonly string[]) => statements.filter((s) => /^insert into "conversations"|^update "conversations"/i.test(s));
    expect(writes(await statementsOf(P, 'MENU'))).toEqual([]);
    // A flow opened is written; leaving it is written; the menu after that is not.
    expect(writes(await statementsOf(P, '1'))).toHaveLength(1);
    expect(writes(await statementsOf(P, 'BATAL'))).toHaveLength(1);
    expect(writes(await statementsOf(P, 'MENU'))).toEqual([]);
  });

  it('when a resident answers a question of a case report that needs nothing stored, then no case query runs', async () => {
    await h.reply(R, 'laporkan');
    await h.reply(R, 'Pakatto');
    await h.reply(R, 'RT 03 Dusun Bontoa');
    // What the couple wants: the next question (the method) reads nothing stored.
    const statements = await statementsOf(R, '3');
    expect(factQueries(statements)).toEqual([]);
  });

  it('when a cadre practises the recap (LATIHAN), then no message of it, KIRIM and the end included, reads the recap, case or meeting tables', async () => {
    await h.send(P, 'LATIHAN');
    const statements = [...(await statementsOf(P, '1'))];
    const sheet = sheetOf(h.db, P);
    for (const group of sheetGroups(sheet)) statements.push(...(await statementsOf(P, lineAnswer(sheet, group))));
    statements.push(...(await statementsOf(P, 'KIRIM')), ...(await statementsOf(P, 'YA')));
    expect(factQueries(statements)).toEqual([]);
  });

  it('when KIRIM runs the checks that read the open months and the cases, then each of those queries runs once', async () => {
    await h.reply(P, '1');
    for (let i = 0; i < GROUPS.length - 1; i++) await h.reply(P, answer(i));
    // The last group leads to the summary; KIRIM then runs the checks (last month, cases, dusun parts) and stores.
    await h.reply(P, answer(GROUPS.length - 1));
    const statements = await statementsOf(P, 'KIRIM');
    const reopenings = statements.filter((s) => tablesOf(s).includes('recap_reopenings'));
    const cases = statements.filter((s) => tablesOf(s).includes('cases'));
    expect(reopenings).toHaveLength(1);
    expect(cases).toHaveLength(1);
  });
});
