// The DHIS2 push against a DHIS2 on loopback (tests/helpers/fake-dhis2.ts, DHIS2's /api/dataValueSets contract):
// a first push imports and registers the desa as complete, a second sends nothing, a correction sends only its
// changed values, a conflict is told in plain words and its values are not recorded as sent; dry runs store nothing;
// refused credentials and an unreachable server give one clear line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentPushes } from '../../src/db/repos/dhis2.repo.js';
import { dhis2SentValues, recaps } from '../../src/db/schema.js';
import { basicAuth, tokenAuth, type Dhis2Auth } from '../../src/reports/dhis2-push/dhis2-auth.js';
import { pushPeriod, type PushRequest, type PushResult } from '../../src/reports/dhis2-push/push.js';
import { pushReport } from '../../src/reports/dhis2-push/push-report.js';
import { de, Dhis2Fixture, fakeDhis2, NIRANNUANG, PAKATTO, ROMANGLOE, SETTINGS, TOKEN, VALUES_PER_DESA } from '../helpers/dhis2-push-fixture.js';
import type { FakeDhis2 } from '../helpers/fake-dhis2.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';

let fixture: Dhis2Fixture;
let server: FakeDhis2 | null = null;
beforeEach(() => {
  fixture = new Dhis2Fixture();
});
afterEach(async () => {
  await server?.close();
  server = null;
  fixture.close();
});

async function push(url: string, request: Partial<PushRequest> = {}, auth: Dhis2Auth = tokenAuth(TOKEN)): Promise<{ result: PushResult; report: string }> {
  const result = await pushPeriod(
    { db: fixture.db, areas: fixture.database.areas, target: { url, auth, timeoutMs: 5_000 }, settings: SETTINGS, now: () => new Date('2026-12-16T00:30:00Z') },
    { period: PERIOD, includeUnverified: false, dryRun: false, force: false, trigger: 'cli', ...request },
  );
  const report = pushReport(result, { scope: 'Kabupaten Gowa', url }).join('\n');
  // Whatever happened, the credentials are nowhere in what the operator reads or the database keeps.
  expect(report).not.toContain(TOKEN);
  expect(JSON.stringify(recentPushes(fixture.db, 50))).not.toContain(TOKEN);
  return { result, report };
}

const sentRows = () => fixture.db.select().from(dhis2SentValues).all();

describe('pushing a period to DHIS2', () => {
  it('when a period is pushed the first time, then DHIS2 checks it (dry run, idScheme=CODE), imports every value, each is recorded as sent, and each desa is registered as complete', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.verifiedRecap(NIRANNUANG, PERIOD);
    server = await fakeDhis2([PAKATTO, NIRANNUANG]);

    const { result, report } = await push(server.url);

    expect(result.status).toBe('ok');
    expect(result.summary?.count).toEqual({ imported: 2 * VALUES_PER_DESA, updated: 0, ignored: 0, deleted: 0 });
    expect(server.requests.map((r) => [r.endpoint, r.query])).toEqual([
      ['dataValueSets', { idScheme: 'CODE', dryRun: 'true', importStrategy: 'CREATE_AND_UPDATE' }],
      ['dataValueSets', { idScheme: 'CODE', dryRun: 'false', importStrategy: 'CREATE_AND_UPDATE' }],
      ['completeDataSetRegistrations', { idScheme: 'CODE', dryRun: 'false', importStrategy: 'CREATE_AND_UPDATE' }],
    ]);
    expect(server.completeIn('202611')).toEqual([PAKATTO, NIRANNUANG]);
    expect(server.requests[2]!.registrations[0]).toEqual({ dataSet: 'IMP_FIDAL', period: '202611', organisationUnit: PAKATTO, date: '2026-12-02', completed: true });
    expect(server.requests[0]!.authorization).toBe(`ApiToken ${TOKEN}`);
    expect(server.valueAt(de('pa_iud'), '202611', PAKATTO)).toBe(String(CLEAN_RECAP.pa_iud));
    expect(server.stored.size).toBe(2 * VALUES_PER_DESA);
    expect(sentRows()).toHaveLength(2 * VALUES_PER_DESA);
    expect(report).toContain(`${2 * VALUES_PER_DESA} values to send.`);
    expect(report).toContain(`Sent: imported ${2 * VALUES_PER_DESA}, updated 0, ignored 0.`);
    expect(report).toContain('Completeness: 2 of 2 desa registered as complete (imported 2, updated 0, ignored 0).');
    expect(report).toContain(`Done: DHIS2 holds all ${2 * VALUES_PER_DESA} values of ${PERIOD}`);
  });

  it('when the same period is pushed again unchanged, then nothing is sent: the server sees no request at all', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO]);
    await push(server.url);
    const seen = server.requests.length;

    const { result, report } = await push(server.url);

    expect(result.status).toBe('nothing');
    expect(server.requests).toHaveLength(seen);
    expect(report).toMatch(new RegExp(`Nothing to send: all ${VALUES_PER_DESA} values are in DHIS2 as they are now since the last push \\(2026-12-16 08:30 WITA\\)`));
  });

  it('when the push goes to another DHIS2 server, or --all is asked for, then every value goes again', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO]);
    await push(server.url);
    const other = await fakeDhis2([PAKATTO]);
    try {
      const moved = await push(other.url);
      expect(moved.result.summary?.count.imported).toBe(VALUES_PER_DESA);
      expect(other.completeIn('202611')).toEqual([PAKATTO]);
    } finally {
      await other.close();
    }
    // DHIS2's data was restored from an older backup: the record here cannot know; --all sends everything.
    server.stored.clear();
    const all = await push(server.url, { all: true });
    expect(all.result.summary?.count).toEqual({ imported: VALUES_PER_DESA, updated: 0, ignored: 0, deleted: 0 });
    expect(all.result.registrations?.summary?.count.updated).toBe(1);
  });

  it('when a recap is corrected (a new version with two changed fields) and verified, then only those two values go and DHIS2 reports 2 updated', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.verifiedRecap(NIRANNUANG, PERIOD);
    server = await fakeDhis2([PAKATTO, NIRANNUANG]);
    await push(server.url);

    fixture.verifiedRecap(NIRANNUANG, PERIOD, { ...CLEAN_RECAP, pa_iud: 22, pa_suntik: 118 }, new Date('2026-12-10T01:00:00Z'));
    const { result, report } = await push(server.url);

    expect(result.status).toBe('ok');
    expect(server.imports.at(-1)!.dataValues).toEqual([
      { dataElement: de('pa_iud'), period: '202611', orgUnit: NIRANNUANG, value: '22' },
      { dataElement: de('pa_suntik'), period: '202611', orgUnit: NIRANNUANG, value: '118' },
    ]);
    expect(result.summary?.count).toEqual({ imported: 0, updated: 2, ignored: 0, deleted: 0 });
    expect(server.valueAt(de('pa_iud'), '202611', NIRANNUANG)).toBe('22');
    // The desa was registered as complete already: a correction does not register it again.
    expect(server.requests.at(-1)!.endpoint).toBe('dataValueSets');
    expect(result.registrations).toBeNull();
    expect(report).toContain(`2 of ${2 * VALUES_PER_DESA} values changed since the last push`);
    expect(report).toContain('Sent: imported 0, updated 2, ignored 0.');
    // And after it, nothing again.
    expect((await push(server.url)).result.status).toBe('nothing');
  });

  it('when DHIS2 does not know a desa, then the check stops the push, the conflict is told in plain words, and nothing is sent', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.verifiedRecap(ROMANGLOE, PERIOD);
    server = await fakeDhis2([PAKATTO]);

    const { result, report } = await push(server.url);

    expect(result.status).toBe('stopped');
    expect(server.imports).toEqual([]);
    expect(sentRows()).toEqual([]);
    expect(report).toContain(`✗ DHIS2: "Organisation unit not found or not accessible: \`${ROMANGLOE}\`" (E7612) — DHIS2 has no org unit with this code`);
    expect(report).toContain(`Desa Romangloe, Kec. Bontomarannu (${ROMANGLOE}): all ${VALUES_PER_DESA} values`);
    expect(report).toContain('Stopped: nothing was sent.');
    expect(recentPushes(fixture.db, 1)[0]).toMatchObject({ status: 'stopped', sent: 2 * VALUES_PER_DESA, imported: VALUES_PER_DESA, ignored: VALUES_PER_DESA });
  });

  it('when a push with a conflict is forced, then the other values are imported, the refused ones are not recorded as sent, and they go again next time', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.verifiedRecap(ROMANGLOE, PERIOD);
    server = await fakeDhis2([PAKATTO]);

    const { result, report } = await push(server.url, { force: true });

    expect(result.status).toBe('partial');
    expect(result.summary?.count).toEqual({ imported: VALUES_PER_DESA, updated: 0, ignored: VALUES_PER_DESA, deleted: 0 });
    expect(new Set(sentRows().map((r) => r.orgUnit))).toEqual(new Set([PAKATTO]));
    expect(server.completeIn('202611')).toEqual([PAKATTO]);
    expect(report).toContain(`Sent with --force: ${VALUES_PER_DESA} of ${2 * VALUES_PER_DESA} values are recorded as in DHIS2`);

    // The desa is added in DHIS2 (its metadata imported): the next push sends that desa's values only.
    server.orgUnits.push({ code: ROMANGLOE, uid: 'fRomangloe01' });
    const again = await push(server.url);
    expect(again.result.status).toBe('ok');
    expect(new Set(server.imports.at(-1)!.dataValues.map((v) => v.orgUnit))).toEqual(new Set([ROMANGLOE]));
    expect(again.result.summary?.count.imported).toBe(VALUES_PER_DESA);
    expect(server.completeIn('202611')).toEqual([PAKATTO, ROMANGLOE]);
  });

  it('when the completeness registration gets no answer, then the push is partial and the next push sends only the registration', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO], { registrationsDown: true });

    const first = await push(server.url);
    expect(first.result.status).toBe('partial');
    expect(sentRows()).toHaveLength(VALUES_PER_DESA);
    expect(first.report).toContain('Completeness of 1 desa not registered: DHIS2 at');
    expect(first.report).toContain('answered HTTP 503 with an answer that is not JSON; it goes with the next push.');

    server.options.registrationsDown = false;
    const seen = server.requests.length;
    const second = await push(server.url);
    expect(second.result.status).toBe('ok');
    expect(server.requests.slice(seen).map((r) => r.endpoint)).toEqual(['completeDataSetRegistrations']);
    expect(second.report).toContain(`All ${VALUES_PER_DESA} values are in DHIS2 as they are now since the last push`);
    expect(second.report).toContain('Completeness: 1 of 1 desa registered as complete');
    expect((await push(server.url)).result.status).toBe('nothing');
  });

  it('when a field is unknown to DHIS2 or the user lacks a desa, then the fields and the desa are named', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.verifiedRecap(NIRANNUANG, PERIOD);
    server = await fakeDhis2([PAKATTO, NIRANNUANG], { outsideHierarchy: [NIRANNUANG] });
    server.dataElements.splice(server.dataElements.findIndex((d) => d.code === de('pa_iud')), 1);

    const { report } = await push(server.url, { dryRun: true });

    expect(report).toContain(`✗ DHIS2: "Data element not found or not accessible: \`${de('pa_iud')}\`" (E7610) — DHIS2 has no data element with this code`);
    expect(report).toContain(`Desa Pakatto, Kec. Bontomarannu (${PAKATTO}): Peserta KB aktif IUD`);
    // DHIS2 names the org unit by its uid here; the indexes still tell which values it refused.
    expect(report).toContain('(E7617) — the DHIS2 user is not assigned to this org unit');
    expect(report).toContain(`Desa Nirannuang, Kec. Bontomarannu (${NIRANNUANG}): ${VALUES_PER_DESA - 1} of ${VALUES_PER_DESA} values: PPKBD yang ada, Sub-PPKBD yang ada,`);
  });

  it('when it is a dry run, then DHIS2 only checks: nothing is stored there and nothing is recorded as sent', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO]);

    const { result, report } = await push(server.url, { dryRun: true });

    expect(result.status).toBe('ok');
    expect(server.requests.map((r) => r.dryRun)).toEqual([true]);
    expect(server.stored.size).toBe(0);
    expect(sentRows()).toEqual([]);
    expect(report).toContain(`DHIS2's check (dry run, nothing stored): imported ${VALUES_PER_DESA}, updated 0, ignored 0; no conflicts.`);
    expect(report).toContain('Dry run only');
    // So a real push afterwards still sends everything.
    expect((await push(server.url)).result.summary?.count.imported).toBe(VALUES_PER_DESA);
  });

  it('when the recaps are not verified yet, then they are sent only with includeUnverified', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.db.update(recaps).set({ status: 'submitted' }).run();
    server = await fakeDhis2([PAKATTO]);

    const { result, report } = await push(server.url);
    expect(result.status).toBe('nothing');
    expect(report).toContain('Nothing to send: no verified recaps for 2026-11 (--include-unverified also sends');
    expect(server.requests).toEqual([]);

    expect((await push(server.url, { includeUnverified: true })).result.summary?.count.imported).toBe(VALUES_PER_DESA);
  });

  it('when DHIS2 refuses the credentials, then one line says so and what to check; nothing is recorded as sent', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO]);

    const { result, report } = await push(server.url, {}, tokenAuth('d2pat_wrong'));

    expect(result.status).toBe('failed');
    expect(result.message).toBe('DHIS2 refused the credentials (HTTP 401: Unauthorized): check IMP_DHIS2_TOKEN (a personal access token)');
    expect(report).toContain('Failed: DHIS2 refused the credentials (HTTP 401');
    expect(sentRows()).toEqual([]);
    expect(recentPushes(fixture.db, 1)[0]).toMatchObject({ status: 'failed', imported: null });
  });

  it('when the user may not import (403), then one line says which authority is missing', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO], { forbidden: true });
    const { result } = await push(server.url);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^DHIS2 accepted the credentials but refused the import \(HTTP 403: .*\): the DHIS2 user needs the authority to import data values/);
  });

  it('when basic authentication is configured, then it signs in with the user name and password', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO], { basic: { username: 'imp-gowa', password: 'Rahasia-123' } });
    const { result } = await push(server.url, {}, basicAuth('imp-gowa', 'Rahasia-123'));
    expect(result.status).toBe('ok');
    expect(server.requests[0]!.authorization).toBe(`Basic ${Buffer.from('imp-gowa:Rahasia-123').toString('base64')}`);
  });

  it('when the server cannot be reached, then one line names the address and the cause', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    const closed = await fakeDhis2([PAKATTO]);
    const url = closed.url;
    await closed.close();

    const { result, report } = await push(url);

    expect(result.status).toBe('failed');
    expect(result.message).toBe(`cannot reach DHIS2 at ${url} (ECONNREFUSED): check IMP_DHIS2_URL and the server's network`);
    expect(report.split('\n').at(-1)).toBe(`Failed: cannot reach DHIS2 at ${url} (ECONNREFUSED): check IMP_DHIS2_URL and the server's network. Nothing is recorded as sent.`);
  });

  it('when the server is a DHIS2 before 2.38 (the plain import summary, conflicts without codes or indexes), then the push reads it the same way', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    fixture.verifiedRecap(ROMANGLOE, PERIOD);
    server = await fakeDhis2([PAKATTO], { legacy: true });

    const stopped = await push(server.url);
    expect(stopped.result.check?.shape).toBe('plain');
    expect(stopped.result.status).toBe('stopped');
    expect(stopped.report).toContain('✗ DHIS2: "Organisation unit not found or not accessible"');
    expect(stopped.report).toContain(`Desa Romangloe, Kec. Bontomarannu (${ROMANGLOE}): all ${VALUES_PER_DESA} values`);

    const forced = await push(server.url, { force: true });
    expect(forced.result.status).toBe('partial');
    expect(new Set(sentRows().map((r) => r.orgUnit))).toEqual(new Set([PAKATTO]));
  });

  it('when DHIS2 does not know the data set, then the import is refused as a whole (ERROR) and nothing is recorded', async () => {
    fixture.verifiedRecap(PAKATTO, PERIOD);
    server = await fakeDhis2([PAKATTO], { dataSets: ['ANOTHER_SET'] });
    const { result, report } = await push(server.url, { force: true });
    expect(result.status).toBe('stopped');
    expect(server.imports).toEqual([]);
    expect(report).toContain('(E7600) — DHIS2 has no data set with this code: import the IMP metadata first');
    expect(report).toContain('DHIS2 did not say which; none of them is taken as accepted');
  });
});
