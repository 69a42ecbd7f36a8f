// The token check: bad and revoked tokens are 401, failed attempts from one IP are limited, security headers are
// set, errors say nothing internal, and request logs carry no phone number.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { revokeApiToken } from '../../src/db/repos/api-tokens.repo.js';
import { createLogger, LogRedactor } from '../../src/logger.js';
import { apiFixture, NOW, SOKKOLIA_PPKBD, type ApiFixture } from './api-fixture.js';

let f: ApiFixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

describe('API authentication', () => {
  it('when the token is wrong, malformed or revoked, then 401 in Indonesian and English', async () => {
    f = await apiFixture();
    for (const authorization of ['Bearer imp_not-a-real-token-at-all-000000000', 'Basic abc', `Bearer`]) {
      const res = await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'unauthorized', message_id: expect.stringContaining('Token'), message_en: expect.stringContaining('token') });
    }
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: f.auth('koordinator') })).statusCode).toBe(200);
    revokeApiToken(f.database.db, 3, NOW);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: f.auth('koordinator') })).statusCode).toBe(401);
  });

  it('when one IP keeps trying wrong tokens, then it gets 429 even with a good token until the window passes', async () => {
    f = await apiFixture({ authLimits: { maxFailures: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      expect((await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: { authorization: `Bearer imp_guess${i}` } })).statusCode).toBe(401);
    }
    const blocked = await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: f.auth('dinas') });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    // Another address is not held back, and no token at all is not a guess.
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: f.auth('dinas'), remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
  });

  it('when any response goes out, then it carries the security headers', async () => {
    f = await apiFixture();
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/areas', headers: f.auth('dinas') });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeTruthy();
    expect(res.headers['x-ratelimit-limit']).toBeTruthy();
  });

  it('when an unknown route is asked, then 404 in the one error shape', async () => {
    f = await apiFixture();
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/nothing', headers: f.auth('dinas') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message_id: 'Alamat ini tidak ada.', message_en: 'No such route.' } });
  });

  it('when a request names a phone number in its URL, then the request log line carries a tag, not the number', async () => {
    let logged = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) });
    const redactor = new LogRedactor();
    redactor.useSalt(new Uint8Array(32).fill(7));
    f = await apiFixture({ logger: createLogger('info', { destination: sink, redactor }) });
    const res = await f.app.inject({ method: 'POST', url: `/api/v1/people/${encodeURIComponent(SOKKOLIA_PPKBD)}/deactivate`, headers: f.auth('dinas') });
    expect(res.statusCode).toBe(200);
    expect(logged).toContain('request completed');
    expect(logged).not.toContain(SOKKOLIA_PPKBD.slice(1));
    expect(logged).not.toContain(SOKKOLIA_PPKBD.slice(3));
  });
});
