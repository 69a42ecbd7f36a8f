// What never leaves the API: token hashes, a resident's key or address, phone numbers in check-in lists, and
// officers' numbers to tokens of a smaller area. Responses are serialized through their schemas, so a field a
// schema does not list is dropped even when the code hands it over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiTokens } from '../../src/db/repos/api-tokens.repo.js';
import { apiTokens } from '../../src/db/schema.js';
import { DINAS_PHONE, KOORD_PHONE, PKB_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { apiFixture, PERIOD, RESIDENT_ADDRESS, type ApiFixture, type TokenName } from './api-fixture.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(async () => f.close());

const get = async (url: string, token: TokenName = 'dinas') => {
  const res = await f.app.inject({ method: 'GET', url, headers: f.auth(token) });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.body;
};

describe('API privacy', () => {
  it('when every read route answers the Dinas, then no token hash, reporter key or resident number is in any body', async () => {
    const hashes = f.database.db.select({ hash: apiTokens.hash }).from(apiTokens).all().map((r) => r.hash);
    const bodies = await Promise.all(
      [
        '/api/v1/areas',
        '/api/v1/people?limit=500',
        `/api/v1/recaps?period=${PERIOD}&limit=500`,
        `/api/v1/recaps/${f.ids.sokkoliaRecap}`,
        `/api/v1/indicators?from=${PERIOD}`,
        `/api/v1/cases?period=${PERIOD}`,
        `/api/v1/cases/${f.ids.caseCode}`,
        `/api/v1/meetings?period=${PERIOD}`,
        `/api/v1/meetings/${f.ids.meetingCode}`,
        '/api/v1/groups',
        `/api/v1/exports/cases?period=${PERIOD}`,
        `/api/v1/exports/meetings?period=${PERIOD}`,
        '/openapi.json',
        '/health',
      ].map((url) => get(url)),
    );
    for (const body of bodies) {
      for (const hash of hashes) expect(body).not.toContain(hash);
      expect(body).not.toContain('secret-reporter-key');
      expect(body).not.toContain(RESIDENT_ADDRESS);
      expect(body).not.toContain(RESIDENT_ADDRESS.slice(1));
    }
    expect(listApiTokens(f.database.db).length).toBe(hashes.length);
  });

  it('when a meeting and its check-ins are read, then names and roles are shown and no phone number', async () => {
    const detail = await get(`/api/v1/meetings/${f.ids.meetingCode}`, 'pkb');
    expect(detail).toContain('Rahmawati');
    for (const body of [detail, await get(`/api/v1/meetings?period=${PERIOD}`, 'pkb'), await get(`/api/v1/exports/meetings?period=${PERIOD}`)]) {
      for (const phone of [SUB_PPKBD_PHONE, PKB_PHONE]) expect(body).not.toContain(phone.slice(3));
    }
  });

  it('when a PKB lists people, then it sees its binaan\'s cadres and not the Dinas or another kecamatan', async () => {
    const body = JSON.parse(await get('/api/v1/people?limit=500', 'pkb'));
    const phones = body.items.map((p: { phone: string }) => p.phone);
    expect(phones).toContain(PKB_PHONE);
    expect(phones).not.toContain(DINAS_PHONE);
    expect(body.items.every((p: { desa_codes: string[] }) => p.desa_codes.some((d) => d.startsWith('73.06.06.')))).toBe(true);
    expect(phones).toContain(KOORD_PHONE);
  });

  it('when a case is read, then its response has only the fields its schema lists', async () => {
    const keys = Object.keys(JSON.parse(await get(`/api/v1/cases/${f.ids.caseCode}`)));
    expect(keys.sort()).toEqual(
      ['allowed_actions', 'assignee_name', 'category', 'closed_at', 'code', 'desa_code', 'desa_name', 'history', 'kecamatan_code', 'method_wanted', 'outcome_date', 'outcome_method', 'place', 'reasons', 'referred_to', 'reported_at', 'status'].sort(),
    );
  });
});
