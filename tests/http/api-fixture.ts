// A seeded database and the HTTP app over it, for the API tests: people of Bontomarannu (tests/helpers/people.ts)
// plus two more PPKBD and one in another kecamatan; November recaps (one verified, one late, one with a confirmed
// warning), an October one, a case, a meeting with a check-in; a token per role. Everything through app.inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { apiCaseActor } from '../../src/bot/features/api-case-action.js';
import { apiRecapReviewer } from '../../src/bot/features/api-review.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { createApiToken } from '../../src/db/repos/api-tokens.repo.js';
import { createCase } from '../../src/db/repos/cases.repo.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { buildApp, type HealthSnapshot } from '../../src/http/app.js';
import type { AuthLimits } from '../../src/http/auth/bearer.js';
import { parseTokenArea } from '../../src/http/auth/token-scope.js';
import type { ApiContext } from '../../src/http/context.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import { importPeople } from '../../src/people/people-import.js';
import { DEFAULT_CASE_FOLLOW_UP_DAYS } from '../../src/reports/aggregate.js';
import { insertCheckin, insertMeeting } from '../helpers/meeting-fixture.js';
import { DINAS_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

export const PERIOD = '2026-11';
export const KEC = '73.06.06'; // Bontomarannu
export const PAKATTO = '73.06.06.2003';
export const NIRANNUANG = '73.06.06.2004';
export const SOKKOLIA = '73.06.06.2006';
export const NIRANNUANG_PPKBD = '+6281234567011';
export const SOKKOLIA_PPKBD = '+6281234567012';
export const OTHER_PPKBD = '+6281234567013';
export const RESIDENT_ADDRESS = '+6285299990001';
export const NOW = new Date('2026-12-06T02:00:00Z');
export const W4 = { rule: 'W4', message: 'PUS 480 lebih dari 1,3 × jumlah keluarga 300. Apakah benar?', answer: 'YA' };

export type TokenName = 'dinas' | 'admin' | 'koordinator' | 'pkb' | 'otherKoordinator';

export interface ApiFixture {
  app: FastifyInstance;
  database: ReadyDatabase;
  tokens: Record<TokenName, string>;
  /** The kecamatan and the desa (with a PPKBD and a recap) outside Bontomarannu. */
  otherKec: string;
  otherDesa: string;
  ids: { pakattoRecap: number; nirannuangRecap: number; sokkoliaRecap: number; otherRecap: number; caseCode: string; meetingCode: string };
  auth: (name: TokenName) => { authorization: string };
  close: () => Promise<void>;
}

const healthy: HealthSnapshot = { status: 'ok', transport: { name: 'memory', state: 'open', detail: '', since: NOW.toISOString() }, outbox: { pending: 0, sent: 0, failed: 0 }, alerts: [] };

export async function apiFixture(options: { logger?: Logger; authLimits?: AuthLimits } = {}): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'imp-api-'));
  const database = openReadyDatabase(join(dir, 'api.db'));
  const { db, areas } = database;
  const otherKec = areas.kecamatanList().find((k) => k.code !== KEC)!.code;
  const otherDesa = areas.desaOf(otherKec)[0]!.code;
  const csv = [PEOPLE_CSV, `${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,${NIRANNUANG},`, `${SOKKOLIA_PPKBD},Hasnah,ppkbd,${SOKKOLIA},`, `${OTHER_PPKBD},Sitti Rahma,ppkbd,${otherDesa},`].join('\n');
  const report = importPeople(db, csv, areas, 'fixture.csv', new Date('2026-10-01T00:00:00Z'));
  if (!report.ok) throw new Error(JSON.stringify(report.errors));
  const id = (phone: string) => findPersonByPhone(db, phone)!.id;
  const submit = (desaCode: string, period: string, values: Record<string, number>, phone: string, late: boolean, at: string, warnings: unknown[] = []) =>
    saveSubmission(db, { desaCode, period, unitId: null, values, warnings, reporterId: id(phone), late, now: new Date(at) }).row;

  const october = submit(PAKATTO, '2026-10', { ...CLEAN_RECAP, pus: 470, iat: 60 }, PPKBD_PHONE, false, '2026-11-02T02:00:00Z');
  recordReview(db, october, 'verified', null, id(PKB_PHONE), new Date('2026-11-03T02:00:00Z'));
  submit(PAKATTO, PERIOD, { ...CLEAN_RECAP, pus: 470, iat: 60 }, PPKBD_PHONE, false, '2026-12-01T02:00:00Z');
  const pakatto = submit(PAKATTO, PERIOD, CLEAN_RECAP, PPKBD_PHONE, false, '2026-12-02T03:30:00Z');
  recordReview(db, pakatto, 'verified', null, id(PKB_PHONE), new Date('2026-12-04T01:15:00Z'));
  const nirannuang = submit(NIRANNUANG, PERIOD, { ...CLEAN_RECAP, pus: 500, ias: 80 }, NIRANNUANG_PPKBD, true, '2026-12-05T01:00:00Z');
  const sokkolia = submit(SOKKOLIA, PERIOD, { ...CLEAN_RECAP, jml_keluarga: 300 }, SOKKOLIA_PPKBD, false, '2026-12-02T16:30:00Z', [W4]);
  const other = submit(otherDesa, PERIOD, CLEAN_RECAP, OTHER_PPKBD, false, '2026-12-03T01:00:00Z');
  recordReview(db, other, 'verified', null, id(DINAS_PHONE), new Date('2026-12-04T01:00:00Z'));

  const kase = createCase(
    db,
    {
      desaCode: PAKATTO,
      place: 'Dusun Bontoa',
      category: 'IAT',
      methodWanted: 'implan',
      reasons: JSON.stringify(['stok_kosong']),
      stockOutMethod: 'implan',
      stockOutFacility: 'pustu',
      consentToContact: true,
      reporterPersonId: null,
      reporterKey: 'secret-reporter-key',
      reporterAddress: RESIDENT_ADDRESS,
      assigneeId: id(PKB_PHONE),
    },
    2026,
    new Date('2026-11-20T02:00:00Z'),
  );
  const meetingId = insertMeeting(db, { code: 'RPT-API1', areaCode: PAKATTO, kind: 'RAKOR_DESA', heldOn: '2026-11-12', reporter: PPKBD_PHONE, attendance: { ppkbd: 1, sub_ppkbd: 1, pkb: 1 } });
  insertCheckin(db, meetingId, PPKBD_PHONE, PAKATTO, [{ phone: SUB_PPKBD_PHONE, role: 'sub_ppkbd' }, { phone: PKB_PHONE, role: 'pkb' }]);

  const token = (role: 'dinas' | 'admin' | 'koordinator' | 'pkb', area: string | undefined, name: string) =>
    createApiToken(db, { name, role, ...parseTokenArea(role, area, areas) }, NOW).token;
  const tokens: Record<TokenName, string> = {
    dinas: token('dinas', undefined, 'Dinas'),
    admin: token('admin', undefined, 'Operator'),
    koordinator: token('koordinator', KEC, 'Koordinator Bontomarannu'),
    pkb: token('pkb', `${PAKATTO};${NIRANNUANG}`, 'PKB Andi'),
    otherKoordinator: token('koordinator', otherKec, 'Koordinator lain'),
  };

  const settings = { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 5, closeDay: 10 }, caseFollowUpDays: DEFAULT_CASE_FOLLOW_UP_DAYS };
  const api: ApiContext = {
    db,
    areas,
    now: () => NOW,
    settings,
    reviewRecap: apiRecapReviewer({ db, areas, settings: settings.recap, calendar: settings.calendar, now: () => NOW }),
    actOnCase: apiCaseActor({ db, areas, now: () => NOW }),
    kick: () => {},
  };
  const app = await buildApp({ logger: options.logger ?? silentLogger(), health: () => healthy, api, ...(options.authLimits ? { authLimits: options.authLimits } : {}) });
  return {
    app,
    database,
    tokens,
    otherKec,
    otherDesa,
    ids: { pakattoRecap: pakatto.id, nirannuangRecap: nirannuang.id, sokkoliaRecap: sokkolia.id, otherRecap: other.id, caseCode: kase.code, meetingCode: 'RPT-API1' },
    auth: (name) => ({ authorization: `Bearer ${tokens[name]}` }),
    close: async () => {
      await app.close();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
