// The HTTP API, built from plugins: security headers, rate limits, the OpenAPI document and its browsable page,
// /health and /ready, then every /api/v1 route group behind the bearer-token check. The server (listen) is in
// main.ts; tests use inject(). Requests and responses are zod schemas (fastify-type-provider-zod): a response is
// serialized through its schema, so a field the schema does not list never leaves the process.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../logger.js';
import { bearerAuth, DEFAULT_AUTH_LIMITS, type AuthLimits } from './auth/bearer.js';
import type { ApiContext } from './context.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { areasRoutes } from './routes/areas.js';
import { casesRoutes } from './routes/cases.js';
import { exportsRoutes } from './routes/exports.js';
import { groupsRoutes } from './routes/groups.js';
import { healthRoutes, type HealthSnapshot } from './routes/health.js';
import { indicatorsRoutes } from './routes/indicators.js';
import { meetingsRoutes } from './routes/meetings.js';
import { peopleRoutes } from './routes/people.js';
import { quizzesRoutes } from './routes/quizzes.js';
import { recapsRoutes } from './routes/recaps.js';
import type { DashboardDeps } from './dashboard/deps.js';

export type { HealthSnapshot } from './routes/health.js';

export interface AppDeps {
  logger: Logger;
  health: () => HealthSnapshot;
  /** The data behind /api/v1 (and /ready's database check); without it only /health, /ready and the docs answer. */
  api?: ApiContext;
  authLimits?: AuthLimits;
  /** Requests per IP per minute on the whole server (a second net behind the failed-token counter). */
  requestsPerMinute?: number;
  /** The browser dashboard under /dasbor (dashboard/); left out when absent. */
  dashboard?: DashboardDeps;
}

export const API_PREFIX = '/api/v1';
const QUIET_URLS = new Set(['/health', '/ready']);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Health checks come every few seconds; logging each would bury what matters. Every other request line goes
    // through the root logger's redactor (phone numbers in URLs become tags).
    logController: new LogController({ disableRequestLogging: (request) => QUIET_URLS.has(request.url) }),
    // CSV imports and filters are small; anything bigger is a mistake.
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // A CSV import arrives as text/csv: read it as a string, the route's schema checks it.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  await app.register(helmet, { global: true });
  await app.register(rateLimit, { global: true, max: deps.requestsPerMinute ?? 600, timeWindow: 60_000, allowList: (request) => QUIET_URLS.has(request.url) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'IMP Smart API',
        description: 'Laporan Kader IMP Kabupaten Gowa: wilayah, kader, rekap bulanan, indikator, kasus, pertemuan, grup, ekspor. / The IMP Smart reporting API.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'imp-smart token create …' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { health: deps.health, ...(deps.api ? { api: deps.api } : {}) });
  const api = deps.api;
  if (api) {
    await app.register(
      async (scoped) => {
        bearerAuth(scoped, api, deps.authLimits ?? DEFAULT_AUTH_LIMITS);
        for (const routes of [areasRoutes, peopleRoutes, recapsRoutes, indicatorsRoutes, casesRoutes, meetingsRoutes, groupsRoutes, exportsRoutes, quizzesRoutes]) {
          await scoped.register(routes, { api });
        }
      },
      { prefix: API_PREFIX },
    );
  }

  // Loaded only when served: the dashboard's page modules are not needed to answer /health or in tests without it.
  if (deps.dashboard) await (await import('./dashboard/plugin.js')).registerDashboard(app, deps.dashboard);

  await app.ready();
  return app;
}
