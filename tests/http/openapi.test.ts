// The OpenAPI document is generated from the routes' zod schemas: it validates, lists every route the app serves
// under /api/v1 (and /health, /ready), and /docs shows it in the browser.
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, type ApiFixture } from './api-fixture.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(async () => f.close());

/** Every route the app serves, as "METHOD /path" in OpenAPI's {param} form, read from fastify's route tree (HEAD left out). */
function servedRoutes(): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of f.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/\/\//g, '/').replace(/:(\w+)/g, '{$1}');
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return out;
}

describe('OpenAPI document', () => {
  it('when /openapi.json is read, then it is a valid OpenAPI 3 document', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('when the document lists its paths, then every route of the app is there with its methods, and each API route needs the bearer token', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const listed = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown }>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const expected = [
      'GET /health',
      'GET /ready',
      'GET /api/v1/areas',
      'GET /api/v1/areas/lookup',
      'GET /api/v1/areas/participation',
      'GET /api/v1/people',
      'POST /api/v1/people',
      'PATCH /api/v1/people/{phone}',
      'POST /api/v1/people/{phone}/deactivate',
      'POST /api/v1/people/{phone}/activate',
      'POST /api/v1/people/import',
      'GET /api/v1/recaps',
      'GET /api/v1/recaps/{id}',
      'POST /api/v1/recaps/{id}/verify',
      'POST /api/v1/recaps/{id}/return',
      'GET /api/v1/indicators',
      'GET /api/v1/cases',
      'GET /api/v1/cases/{code}',
      'POST /api/v1/cases/{code}/actions',
      'GET /api/v1/meetings',
      'GET /api/v1/meetings/{code}',
      'GET /api/v1/groups',
      'GET /api/v1/exports/{kind}',
      'GET /api/v1/quizzes',
      'GET /api/v1/quizzes/banks',
      'POST /api/v1/quizzes',
      'GET /api/v1/quizzes/{id}',
      'POST /api/v1/quizzes/{id}/post',
      'POST /api/v1/quizzes/{id}/close',
      'GET /api/v1/quizzes/{id}/export',
    ];
    expect(listed.sort()).toEqual(expected.sort());
    // And the other way round: no route of the app is missing from the document.
    expect(servedRoutes().filter((r) => r.includes('/api/v1/') || r.endsWith(' /health') || r.endsWith(' /ready')).sort()).toEqual(expected.sort());
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { security?: unknown }>>)) {
      if (path.startsWith('/api/v1/')) for (const op of Object.values(ops)) expect(op.security, path).toEqual([{ bearerAuth: [] }]);
    }
  });

  it('when /docs is opened, then the browsable page answers with security headers', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeTruthy();
  });
});
