// Every /api/v1 route through app.inject on a seeded database: success, a validation error that names the field
// (400), no token (401), and a token of the wrong role or area (403).
import { auditEntries } from '../../src/db/repos/audit.repo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, KEC, NIRANNUANG, PAKATTO, PERIOD, SOKKOLIA_PPKBD, type ApiFixture, type TokenName } from './api-fixture.js';

interface RouteCase {
  route: string;
  method: 'GET' | 'POST' | 'PATCH';
  ok: { token: TokenName; url: string; body?: unknown; status?: number; check?: (json: any, f: ApiFixture) => void; contentType?: string };
  invalid: { url: string; body?: unknown; field: string; contentType?: string };
  forbidden: { token: TokenName; url: string; body?: unknown };
}

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(async () => f.close());

const csv = 'text/csv';
// Built lazily: ids come from the fixture.
const routes = (): RouteCase[] => [
  {
    route: 'GET /areas',
    method: 'GET',
    ok: { token: 'pkb', url: '/api/v1/areas', check: (j) => expect(j.kecamatan.flatMap((k: any) => k.desa.map((d: any) => d.code))).toEqual([PAKATTO, NIRANNUANG]) },
    invalid: { url: '/api/v1/areas?kecamatan=gowa', field: 'kecamatan' },
    forbidden: { token: 'otherKoordinator', url: `/api/v1/areas?kecamatan=${KEC}` },
  },
  {
    route: 'GET /areas/lookup',
    method: 'GET',
    ok: { token: 'koordinator', url: '/api/v1/areas/lookup?name=pakato', check: (j) => expect(j.area.code).toBe(PAKATTO) },
    invalid: { url: '/api/v1/areas/lookup', field: 'name' },
    forbidden: { token: 'otherKoordinator', url: `/api/v1/areas/lookup?name=pakatto&kecamatan=${KEC}` },
  },
  {
    route: 'GET /areas/participation',
    method: 'GET',
    ok: { token: 'koordinator', url: `/api/v1/areas/participation?period=${PERIOD}&area=${KEC}`, check: (j) => expect(j).toMatchObject({ total: 9, taking_part: 9 }) },
    invalid: { url: '/api/v1/areas/participation?period=11-2026', field: 'period' },
    forbidden: { token: 'pkb', url: `/api/v1/areas/participation?period=${PERIOD}&area=${f.otherKec}` },
  },
  {
    route: 'GET /people',
    method: 'GET',
    ok: { token: 'koordinator', url: '/api/v1/people?role=ppkbd', check: (j) => expect(j.total).toBe(3) },
    invalid: { url: '/api/v1/people?limit=0', field: 'limit' },
    forbidden: { token: 'koordinator', url: `/api/v1/people?area=${f.otherKec}` },
  },
  {
    route: 'POST /people',
    method: 'POST',
    ok: {
      token: 'dinas',
      url: '/api/v1/people',
      body: { phone: '0812-3456-7020', name: 'Daeng Ngai', role: 'sub_ppkbd', area: PAKATTO, unit: 'Dusun Jene' },
      status: 201,
      check: (j) => expect(j).toMatchObject({ phone: '+6281234567020', role: 'sub_ppkbd', unit: 'Dusun Jene', active: true }),
    },
    invalid: { url: '/api/v1/people', body: { name: 'Tanpa Nomor', role: 'ppkbd', area: PAKATTO }, field: 'phone' },
    forbidden: { token: 'pkb', url: '/api/v1/people', body: { phone: '081234567021', name: 'X', role: 'ppkbd', area: PAKATTO } },
  },
  {
    route: 'PATCH /people/:phone',
    method: 'PATCH',
    ok: { token: 'admin', url: `/api/v1/people/${encodeURIComponent(SOKKOLIA_PPKBD)}`, body: { name: 'Hasnah Daeng Bau' }, check: (j) => expect(j.name).toBe('Hasnah Daeng Bau') },
    invalid: { url: `/api/v1/people/${encodeURIComponent(SOKKOLIA_PPKBD)}`, body: { role: 'kepala' }, field: 'role' },
    forbidden: { token: 'koordinator', url: `/api/v1/people/${encodeURIComponent(SOKKOLIA_PPKBD)}`, body: { name: 'X' } },
  },
  {
    route: 'POST /people/:phone/deactivate',
    method: 'POST',
    ok: { token: 'dinas', url: '/api/v1/people/081234567020/deactivate', check: (j) => expect(j).toMatchObject({ active: false, changed: true }) },
    invalid: { url: `/api/v1/people/${'9'.repeat(41)}/deactivate`, field: 'phone' },
    forbidden: { token: 'pkb', url: '/api/v1/people/081234567020/deactivate' },
  },
  {
    route: 'POST /people/:phone/activate',
    method: 'POST',
    ok: { token: 'dinas', url: '/api/v1/people/081234567020/activate', check: (j) => expect(j).toMatchObject({ active: true, changed: true }) },
    invalid: { url: `/api/v1/people/${'9'.repeat(41)}/activate`, field: 'phone' },
    forbidden: { token: 'koordinator', url: '/api/v1/people/081234567020/activate' },
  },
  {
    route: 'POST /people/import',
    method: 'POST',
    ok: {
      token: 'admin',
      url: '/api/v1/people/import',
      body: `phone,name,role,area,unit\n081234567030,Jumriah,sub_ppkbd,${NIRANNUANG},Dusun Bila`,
      contentType: csv,
      check: (j) => expect(j).toEqual({ ok: true, errors: [], counts: { created: 1, updated: 0, reactivated: 0, unchanged: 0 } }),
    },
    invalid: { url: '/api/v1/people/import', body: '', field: 'body', contentType: csv },
    forbidden: { token: 'koordinator', url: '/api/v1/people/import', body: 'phone,name,role,area,unit\n' },
  },
  {
    route: 'GET /recaps',
    method: 'GET',
    ok: {
      token: 'pkb',
      url: `/api/v1/recaps?period=${PERIOD}`,
      check: (j) => {
        expect(j.items.map((r: any) => [r.desa_code, r.status])).toEqual([
          [PAKATTO, 'verified'],
          [NIRANNUANG, 'submitted'],
        ]);
      },
    },
    invalid: { url: `/api/v1/recaps?period=${PERIOD}&status=late`, field: 'status' },
    forbidden: { token: 'otherKoordinator', url: `/api/v1/recaps?period=${PERIOD}&area=${KEC}` },
  },
  {
    route: 'GET /recaps/:id',
    method: 'GET',
    ok: { token: 'koordinator', url: `/api/v1/recaps/${f.ids.pakattoRecap}`, check: (j) => expect(j.versions.map((v: any) => v.change)).toEqual(['submitted', 'corrected', 'verified']) },
    invalid: { url: '/api/v1/recaps/abc', field: 'id' },
    forbidden: { token: 'pkb', url: `/api/v1/recaps/${f.ids.otherRecap}` },
  },
  {
    route: 'POST /recaps/:id/return',
    method: 'POST',
    ok: { token: 'pkb', url: `/api/v1/recaps/${f.ids.nirannuangRecap}/return`, body: { version: 1, reason: 'IAS terlalu tinggi, mohon dicek' }, check: (j) => expect(j.status).toBe('returned') },
    invalid: { url: `/api/v1/recaps/${f.ids.nirannuangRecap}/return`, body: { version: 1, reason: 'x' }, field: 'reason' },
    forbidden: { token: 'koordinator', url: `/api/v1/recaps/${f.ids.pakattoRecap}/return`, body: { version: 2, reason: 'Mohon dicek lagi' } },
  },
  {
    route: 'POST /recaps/:id/verify',
    method: 'POST',
    ok: { token: 'pkb', url: `/api/v1/recaps/${f.ids.nirannuangRecap}/verify`, body: { version: 1 }, check: (j) => expect(j).toEqual({ status: 'verified', reviewer_name: 'Andi Baso', cadre_notified: true }) },
    invalid: { url: `/api/v1/recaps/${f.ids.nirannuangRecap}/verify`, body: {}, field: 'version' },
    forbidden: { token: 'admin', url: `/api/v1/recaps/${f.ids.sokkoliaRecap}/verify`, body: { version: 1 } },
  },
  {
    route: 'GET /indicators',
    method: 'GET',
    ok: { token: 'koordinator', url: `/api/v1/indicators?from=2026-10&to=${PERIOD}&area=${KEC}`, check: (j) => expect(j.periods.map((p: any) => p.period)).toEqual(['2026-10', PERIOD]) },
    invalid: { url: `/api/v1/indicators?from=${PERIOD}&to=2026-10`, field: 'to' },
    forbidden: { token: 'pkb', url: `/api/v1/indicators?from=${PERIOD}&area=${f.otherKec}` },
  },
  {
    route: 'GET /cases',
    method: 'GET',
    ok: { token: 'pkb', url: `/api/v1/cases?period=${PERIOD}`, check: (j) => expect(j.items.map((c: any) => c.code)).toEqual([f.ids.caseCode]) },
    invalid: { url: `/api/v1/cases?period=${PERIOD}&status=open`, field: 'status' },
    forbidden: { token: 'otherKoordinator', url: `/api/v1/cases?period=${PERIOD}&area=${PAKATTO}` },
  },
  {
    route: 'GET /cases/:code',
    method: 'GET',
    ok: { token: 'pkb', url: `/api/v1/cases/${f.ids.caseCode}`, check: (j) => expect(j.allowed_actions.map((a: any) => a.action)).toContain('follow_up') },
    invalid: { url: '/api/v1/cases/x', field: 'code' },
    forbidden: { token: 'otherKoordinator', url: `/api/v1/cases/${f.ids.caseCode}` },
  },
  {
    route: 'GET /meetings',
    method: 'GET',
    ok: { token: 'koordinator', url: `/api/v1/meetings?period=${PERIOD}`, check: (j) => expect(j.items.map((m: any) => m.code)).toEqual(['RPT-API1']) },
    invalid: { url: `/api/v1/meetings?period=${PERIOD}&kind=arisan`, field: 'kind' },
    forbidden: { token: 'otherKoordinator', url: `/api/v1/meetings?period=${PERIOD}&area=${KEC}` },
  },
  {
    route: 'GET /meetings/:code',
    method: 'GET',
    ok: { token: 'pkb', url: '/api/v1/meetings/RPT-API1', check: (j) => expect(j.checked_in).toEqual([{ name: 'Rahmawati', role: 'Sub-PPKBD' }, { name: 'Andi Baso', role: 'PKB' }]) },
    invalid: { url: '/api/v1/meetings/x', field: 'code' },
    forbidden: { token: 'otherKoordinator', url: '/api/v1/meetings/RPT-API1' },
  },
  {
    route: 'GET /groups',
    method: 'GET',
    ok: { token: 'dinas', url: '/api/v1/groups', check: (j) => expect(j).toEqual({ items: [], total: 0, limit: 50, offset: 0 }) },
    invalid: { url: '/api/v1/groups?bound=maybe', field: 'bound' },
    forbidden: { token: 'pkb', url: '/api/v1/groups' },
  },
  {
    route: 'GET /exports/:kind',
    method: 'GET',
    ok: { token: 'koordinator', url: `/api/v1/exports/recap?period=${PERIOD}`, check: () => undefined },
    invalid: { url: `/api/v1/exports/recap?period=${PERIOD}&format=pdf`, field: 'format' },
    forbidden: { token: 'pkb', url: `/api/v1/exports/recap?period=${PERIOD}&kecamatan=${KEC}` },
  },
];

function inject(method: string, url: string, token: TokenName | null, body?: unknown, contentType?: string) {
  const headers: Record<string, string> = token ? { ...f.auth(token) } : {};
  if (contentType) headers['content-type'] = contentType;
  return f.app.inject({ method: method as 'GET', url, headers, ...(body !== undefined ? { payload: body as string } : {}) });
}

describe('API routes', () => {
  // Sequential on purpose: the writes build on each other (create → deactivate → activate; return → verify).
  it('when each route is called with a good request and the right token, then it answers with its data', async () => {
    for (const r of routes()) {
      const res = await inject(r.method, r.ok.url, r.ok.token, r.ok.body, r.ok.contentType);
      expect(res.statusCode, `${r.route}: ${res.body}`).toBe(r.ok.status ?? 200);
      if (r.route !== 'GET /exports/:kind') r.ok.check?.(res.json(), f);
    }
  });

  it('when a request breaks its schema, then 400 names the field in Indonesian and English', async () => {
    for (const r of routes()) {
      const res = await inject(r.method, r.invalid.url, 'admin', r.invalid.body, r.invalid.contentType);
      expect(res.statusCode, `${r.route}: ${res.body}`).toBe(400);
      const { error } = res.json();
      expect(error.field, r.route).toBe(r.invalid.field);
      expect(error.message_id, r.route).toMatch(/\S/);
      expect(error.message_en, r.route).toMatch(/\S/);
    }
  });

  it('when no token is sent, then every route answers 401 and does nothing', async () => {
    for (const r of routes()) {
      const res = await inject(r.method, r.ok.url, null, r.ok.body, r.ok.contentType);
      expect(res.statusCode, r.route).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('when a token of the wrong role or area calls a route, then 403', async () => {
    for (const r of routes()) {
      const res = await inject(r.method, r.forbidden.url, r.forbidden.token, r.forbidden.body, r.route === 'POST /people/import' ? csv : undefined);
      expect(res.statusCode, `${r.route}: ${res.body}`).toBe(403);
      expect(res.json().error.code, r.route).toMatch(/forbidden|not_reviewer/);
    }
  });

  it('when the export is asked as XLSX, then the file comes with its content type and the CLI file name', async () => {
    const res = await inject('GET', `/api/v1/exports/cases?period=${PERIOD}&kecamatan=${KEC}&format=xlsx`, 'dinas');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="kasus-${PERIOD}-${KEC}.xlsx"`);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const csvRes = await inject('GET', `/api/v1/exports/meetings?period=${PERIOD}`, 'koordinator');
    expect(csvRes.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers['content-disposition']).toBe(`attachment; filename="pertemuan-${PERIOD}-${KEC}.csv"`);
  });

  it('when a token exports, then the audit log records which token, what, for which area and month, and nothing of the content', async () => {
    const before = auditEntries(f.database.db).length;
    expect((await inject('GET', `/api/v1/exports/recap?period=${PERIOD}&kecamatan=${KEC}`, 'koordinator')).statusCode).toBe(200);
    const rows = auditEntries(f.database.db).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorKind: 'token', action: 'export.recap', areaCode: KEC, period: PERIOD });
    expect(rows[0]!.actorId).toBeGreaterThan(0);
    expect(JSON.stringify(rows[0])).not.toMatch(/\+62|Siti|Pakatto/);
  });
});
