// The HTTP API as a fastify plugin-style factory; the server (listen) is in main.ts. Tests use inject().
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { DashboardDeps } from './dashboard/deps.js';

/** What GET /health answers (built by the bot layer, src/bot/health.ts; main.ts passes it in). */
export interface HealthSnapshot {
  status: 'ok' | 'degraded';
  transport: { name: string; state: string; detail: string; since: string };
  outbox: { pending: number; sent: number; failed: number };
  alerts: string[];
}

export interface AppDeps {
  logger: Logger;
  health: () => HealthSnapshot;
  /** The browser dashboard under /dasbor (dashboard/); left out when absent. */
  dashboard?: DashboardDeps;
}

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  transport: z.object({ name: z.string(), state: z.string(), detail: z.string(), since: z.string() }),
  outbox: z.object({ pending: z.number(), sent: z.number(), failed: z.number() }),
  alerts: z.array(z.string()),
});

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Health checks come every few seconds; logging each would bury what matters.
    logController: new LogController({ disableRequestLogging: (request) => request.url === '/health' }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // One place decides what clients see: 4xx keep their message, 5xx get a generic body.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
      return reply.status(status).send({ error: 'Internal Server Error' });
    }
    return reply.status(status).send({ error: error.message });
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/health', { schema: { response: { 200: HealthSchema, 503: HealthSchema } } }, async (_request, reply) => {
    const health = deps.health();
    return reply.status(health.status === 'ok' ? 200 : 503).send(health);
  });

  // Loaded only when served: the dashboard's page modules are not needed to answer /health or in tests without it.
  if (deps.dashboard) await (await import('./dashboard/plugin.js')).registerDashboard(app, deps.dashboard);

  await app.ready();
  return app;
}
