import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type HealthSnapshot } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const healthy: HealthSnapshot = { status: 'ok', transport: { name: 'whatsapp', state: 'open', detail: 'connected', since: '2026-11-25T00:00:00.000Z' }, outbox: { pending: 1, sent: 2, failed: 0 }, alerts: [] };

describe('GET /health', () => {
  it('when the bot is healthy, then 200 with transport and outbox counts', async () => {
    app = await buildApp({ logger: silentLogger(), health: () => healthy });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(healthy);
    expect(res.json().database).toEqual({ ok: true });
    expect(res.json().process.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('when the bot is degraded, then 503 with the alerts', async () => {
    app = await buildApp({ logger: silentLogger(), health: () => ({ ...healthy, status: 'degraded', alerts: ['logged out'] }) });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().alerts).toEqual(['logged out']);
  });

  it('when the health source throws, then the body is generic and leaks nothing', async () => {
    app = await buildApp({
      logger: silentLogger(),
      health: () => {
        throw new Error('SQLITE_BUSY at /var/lib/secret.db');
      },
    });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message_id: 'Terjadi kesalahan di server.', message_en: 'Internal server error.' } });
    expect(res.body).not.toContain('SQLITE');
  });
});
