// `imp-smart dhis2 push|status` as an operator runs them (runCli in this process, stdout captured), against the
// DHIS2 on loopback: the report, the exit codes, and the configuration's mistakes as one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { auditEntries } from '../../src/db/repos/audit.repo.js';
import { Dhis2Fixture, fakeDhis2, PAKATTO, TOKEN, VALUES_PER_DESA } from '../helpers/dhis2-push-fixture.js';
import type { FakeDhis2 } from '../helpers/fake-dhis2.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';

let fixture: Dhis2Fixture;
let server: FakeDhis2;
beforeAll(async () => {
  fixture = new Dhis2Fixture();
  fixture.verifiedRecap(PAKATTO, '2026-11');
  fixture.verifiedRecap(PAKATTO, '2026-10'); // never pushed: the failures below still have something to send
  fixture.database.close(); // the commands open it themselves
  server = await fakeDhis2([PAKATTO]);
});
afterAll(async () => {
  await server.close();
  fixture.close();
});

async function cli(env: Record<string, string>, ...args: string[]) {
  return runCliInProcess(args, { IMP_DB_PATH: fixture.dbPath, IMP_DHIS2_URL: '', IMP_DHIS2_TOKEN: '', IMP_DHIS2_USERNAME: '', IMP_DHIS2_PASSWORD: '', IMP_DHIS2_PUSH_JOB: '', ...env });
}

describe('imp-smart dhis2', () => {
  it('when the operator pushes a closed month twice, then the first imports and exits 0, the second sends nothing, and status lists both', async () => {
    const env = { IMP_DHIS2_URL: `${server.url}/`, IMP_DHIS2_TOKEN: TOKEN };
    const first = await cli(env, 'dhis2', 'push', '--period', '2026-11');
    expect(first.code).toBe(0);
    expect(first.out).toContain(`DHIS2 push: 2026-11, Kabupaten Gowa (verified recaps) → ${server.url}\n`);
    expect(first.out).toContain(`Sent: imported ${VALUES_PER_DESA}, updated 0, ignored 0.`);

    const second = await cli(env, 'dhis2', 'push', '--period', '2026-11');
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing to send');
    expect(server.imports).toHaveLength(1);

    const status = await cli(env, 'dhis2', 'status');
    expect(status.code).toBe(0);
    expect(status.out).toContain(`DHIS2: ${server.url} (personal access token)`);
    expect(status.out).toContain('Monthly push job: off');
    expect(status.out).toMatch(/#2 .* 2026-11 {2}kabupaten {2}cli {2}nothing +nothing changed/);
    expect(status.out).toMatch(new RegExp(`#1 .* 2026-11 {2}kabupaten {2}cli {2}ok +sent ${VALUES_PER_DESA}: imported ${VALUES_PER_DESA}, updated 0, ignored 0`));
    for (const r of [first, second, status]) expect(r.out + r.err).not.toContain(TOKEN);
    // The push that sent data is in the audit log; the one that sent nothing is not.
    const { db, close } = openDatabase(fixture.dbPath);
    try {
      expect(auditEntries(db).filter((e) => e.action === 'dhis2.push').map((e) => [e.period, e.areaCode])).toEqual([['2026-11', '73.06']]);
    } finally {
      close();
    }
  });

  it('when the token is wrong or the server is down, then the push exits 1 with one clear line and no stack', async () => {
    const refused = await cli({ IMP_DHIS2_URL: server.url, IMP_DHIS2_TOKEN: 'd2pat_wrong' }, 'dhis2', 'push', '--period', '2026-10', '--kecamatan', '73.06.06', '--dry-run');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Failed: DHIS2 refused the credentials (HTTP 401: Unauthorized): check IMP_DHIS2_TOKEN');
    expect(refused.out).not.toContain('d2pat_wrong');

    const closed = await fakeDhis2([PAKATTO]);
    await closed.close(); // a port nothing listens on any more
    const down = await cli({ IMP_DHIS2_URL: closed.url, IMP_DHIS2_TOKEN: TOKEN }, 'dhis2', 'push', '--period', '2026-10', '--include-unverified');
    expect(down.code).toBe(1);
    expect(down.out).toContain(`Failed: cannot reach DHIS2 at ${closed.url} (ECONNREFUSED)`);
    expect(down.err).toBe('');
  });

  it('when DHIS2 is not configured or misconfigured, then one line says what to set (exit 2), never echoing a secret', async () => {
    const none = await cli({}, 'dhis2', 'push', '--period', '2026-11');
    expect(none.code).toBe(2);
    expect(none.err).toContain('DHIS2 is not configured: set IMP_DHIS2_URL and IMP_DHIS2_TOKEN');

    const both = await cli({ IMP_DHIS2_URL: server.url, IMP_DHIS2_TOKEN: TOKEN, IMP_DHIS2_USERNAME: 'u', IMP_DHIS2_PASSWORD: 'p' }, 'dhis2', 'status');
    expect(both.code).toBe(2);
    expect(both.err).toContain('IMP_DHIS2_TOKEN and IMP_DHIS2_USERNAME/IMP_DHIS2_PASSWORD are both set');

    const inUrl = await cli({ IMP_DHIS2_URL: 'https://admin:Sangat-Rahasia@dhis2.example.org' }, 'dhis2', 'status');
    expect(inUrl.code).toBe(2);
    expect(inUrl.err).toContain('IMP_DHIS2_URL must not hold a user name or password');
    expect(inUrl.err).not.toContain('Sangat-Rahasia');

    const job = await cli({ IMP_DHIS2_PUSH_JOB: 'on' }, 'dhis2', 'status');
    expect(job.code).toBe(2);
    expect(job.err).toContain('IMP_DHIS2_PUSH_JOB=on needs IMP_DHIS2_URL');

    const period = await cli({ IMP_DHIS2_URL: server.url, IMP_DHIS2_TOKEN: TOKEN }, 'dhis2', 'push');
    expect(period.code).toBe(2);
    expect(period.err).toContain('--period YYYY-MM is required');
  });
});
