// A November for the DHIS2 export: recaps in every state it must tell apart, in two kecamatan.
import { expect } from 'vitest';
import type { ReadyDatabase } from '../../src/db/bootstrap.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { importPeople } from '../../src/people/people-import.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from './people.js';
import { CLEAN_RECAP } from './recap-fixture.js';

export const PERIOD = '2026-11';
export const KEC = '73.06.06'; // Bontomarannu
export const PAKATTO = '73.06.06.2003'; // two versions, verified
export const NIRANNUANG = '73.06.06.2004'; // verified, with a stale value of a switched-off part
export const SOKKOLIA = '73.06.06.2006'; // sent, waiting for the PKB
export const BILI_BILI = '73.06.06.2014'; // returned by the PKB
export const BONTONOMPO = '73.06.01.1001'; // verified, another kecamatan
export const PAKATTO_V1 = { ...CLEAN_RECAP, pus: 470, ias: 50 };
export const PAKATTO_V2 = { ...CLEAN_RECAP, pus: 481, ias: 61 };

/**
 * Pakatto sends on 1 December 10:00 WITA, is returned, corrects on 2 December and is verified: the export carries
 * version 2, completed on 1 December (the first submission, as the bot's `late` counts it). A dusun part of Pakatto
 * is stored too and is never exported.
 */
export function seedDhis2Month(database: ReadyDatabase): void {
  expect(importPeople(database.db, PEOPLE_CSV, database.areas, 'test.csv', new Date('2026-11-01T00:00:00Z')).ok).toBe(true);
  const reporter = findPersonByPhone(database.db, PPKBD_PHONE)!.id;
  const pkb = findPersonByPhone(database.db, PKB_PHONE)!.id;
  const submit = (desaCode: string, values: Record<string, number>, at: string, unitId: number | null = null) =>
    saveSubmission(database.db, { desaCode, period: PERIOD, unitId, values, warnings: [], reporterId: reporter, late: false, now: new Date(at) }).row;
  const review = (row: ReturnType<typeof submit>, decision: 'verified' | 'returned', at: string) => recordReview(database.db, row, decision, decision === 'returned' ? 'PUS salah' : null, pkb, new Date(at));

  review(submit(PAKATTO, PAKATTO_V1, '2026-12-01T02:00:00Z'), 'returned', '2026-12-01T05:00:00Z');
  review(submit(PAKATTO, PAKATTO_V2, '2026-12-02T17:30:00Z'), 'verified', '2026-12-03T01:00:00Z');
  submit(PAKATTO, { pus: 100, pa_iud: 5 }, '2026-12-01T01:00:00Z', 1);
  review(submit(NIRANNUANG, { ...CLEAN_RECAP, pa_mal: 4 }, '2026-12-02T01:00:00Z'), 'verified', '2026-12-02T03:00:00Z');
  submit(SOKKOLIA, CLEAN_RECAP, '2026-12-03T15:59:00Z');
  review(submit(BILI_BILI, CLEAN_RECAP, '2026-12-02T01:00:00Z'), 'returned', '2026-12-02T02:00:00Z');
  review(submit(BONTONOMPO, CLEAN_RECAP, '2026-12-02T01:00:00Z'), 'verified', '2026-12-02T02:00:00Z');
}
