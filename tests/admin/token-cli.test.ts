// `imp-smart token create|list|revoke` as an operator runs them (runCli in this process, its output captured), and
// the token it prints working against the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { verifyApiToken } from '../../src/db/repos/api-tokens.repo.js';
import { apiTokens } from '../../src/db/schema.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-token-cli-'));
const db = join(dir, 'tokens.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  return runCliInProcess(args, { IMP_DB_PATH: join(dir, 'default.db') });
}

describe('imp-smart token', () => {
  it('when a koordinator token is created, then it is printed once, stored only as a hash, listed without it, and revoked', async () => {
    expect((await cli('migrate', '--db', db)).code).toBe(0);
    const created = await cli('token', 'create', '--role', 'koordinator', '--area', '73.06.06', '--name', 'Koordinator Bontomarannu', '--db', db);
    expect(created.code).toBe(0);
    const token = /imp_[A-Za-z0-9_-]{32}/.exec(created.out)![0];
    expect(created.out).toContain('Kec. Bontomarannu');
    expect(created.out).toContain('shown only once');

    const database = openReadyDatabase(db);
    try {
      const stored = database.db.select().from(apiTokens).all();
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(verifyApiToken(database.db, token, new Date())).toMatchObject({ role: 'koordinator', areaSpec: '73.06.06' });
    } finally {
      database.close();
    }

    const list = await cli('token', 'list', '--db', db);
    expect(list.out).toContain('koordinator');
    expect(list.out).toContain(token.slice(0, 8));
    expect(list.out).not.toContain(token);
    expect(list.out).toContain('active');

    expect((await cli('token', 'revoke', '1', '--db', db)).out).toContain('Token 1 revoked');
    expect((await cli('token', 'list', '--db', db)).out).toContain('revoked');
    expect((await cli('token', 'revoke', '1', '--db', db)).code).toBe(1);
  });

  it('when the role or area is wrong, then one line says what to give and exit code 2', async () => {
    const noRole = await cli('token', 'create', '--name', 'x', '--db', db);
    expect(noRole.code).toBe(2);
    expect(noRole.err).toContain('--role must be one of dinas, koordinator, pkb, admin');
    const badArea = await cli('token', 'create', '--role', 'koordinator', '--area', '73.06.06.2003', '--name', 'x', '--db', db);
    expect(badArea.code).toBe(2);
    expect(badArea.err).toContain('--area: a koordinator token needs one kecamatan code');
    const noName = await cli('token', 'create', '--role', 'dinas', '--db', db);
    expect(noName.err).toContain('--name is required');
  });
});
