// GET /health (the bot's state: WhatsApp link, outbox backlog, alerts; plus this process and the database) and
// GET /ready (may a load balancer send traffic: the database answers). No token: they say nothing about people.
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from '../context.js';

/** What the bot layer reports (src/bot/health.ts; main.ts passes it in). */
export interface HealthSnapshot {
  status: 'ok' | 'degraded';
  transport: { name: string; state: string; detail: string; since: string };
  outbox: { pending: number; sent: number; failed: number };
  alerts: string[];
}

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  transport: z.object({ name: z.string(), state: z.string(), detail: z.string(), since: z.string() }),
  outbox: z.object({ pending: z.number(), sent: z.number(), failed: z.number() }),
  alerts: z.array(z.string()),
  process: z.object({ uptimeSeconds: z.number(), memoryMb: z.number(), node: z.string() }),
  database: z.object({ ok: z.boolean() }),
});

const ReadySchema = z.object({ ready: z.boolean() });

function databaseAnswers(api: ApiContext | undefined): boolean {
  if (!api) return true;
  try {
    api.db.get(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export const healthRoutes: FastifyPluginAsync<{ health: () => HealthSnapshot; api?: ApiContext }> = async (app, opts) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Keadaan bot, WhatsApp, database, antrean pesan', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const snapshot = opts.health();
      const dbOk = databaseAnswers(opts.api);
      const memory = process.memoryUsage();
      const body = {
        ...snapshot,
        status: snapshot.status === 'ok' && dbOk ? ('ok' as const) : ('degraded' as const),
        process: { uptimeSeconds: Math.round(process.uptime()), memoryMb: Math.round(memory.rss / 1_048_576), node: process.version },
        database: { ok: dbOk },
      };
      return reply.status(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
  api.get('/ready', { schema: { tags: ['health'], summary: 'Siap menerima permintaan', response: { 200: ReadySchema, 503: ReadySchema } } }, async (_request, reply) => {
    const ready = databaseAnswers(opts.api);
    return reply.status(ready ? 200 : 503).send({ ready });
  });
};
