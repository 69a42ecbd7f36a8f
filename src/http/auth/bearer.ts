// Bearer tokens on every /api route: who asks (role, area scope), refused with 401 before any route runs. Failed
// attempts are counted per IP: after too many in a window, the IP gets 429 until the window passes, so tokens cannot
// be guessed by trying.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyApiToken, type ApiToken } from '../../db/repos/api-tokens.repo.js';
import type { ApiRole } from '../../domain/api-roles.js';
import type { ApiContext } from '../context.js';
import { ApiError, forbidden } from '../errors.js';
import { knownArea } from '../schemas.js';
import { mayAccess, scopeOf, type TokenScope } from './token-scope.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiToken: ApiToken | null;
    scope: TokenScope | null;
  }
}

export interface AuthLimits {
  /** Failed token checks allowed per IP within the window. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = { maxFailures: 10, windowMs: 15 * 60_000 };

/** Failed attempts per IP in a fixed window; memory stays bounded by forgetting windows that ended. */
export class FailedAuthCounter {
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limits: AuthLimits) {}

  blocked(ip: string, now: number): boolean {
    const hit = this.#hits.get(ip);
    return hit !== undefined && hit.resetAt > now && hit.count >= this.limits.maxFailures;
  }

  fail(ip: string, now: number): void {
    if (this.#hits.size > 10_000) for (const [key, h] of this.#hits) if (h.resetAt <= now) this.#hits.delete(key);
    const hit = this.#hits.get(ip);
    if (!hit || hit.resetAt <= now) this.#hits.set(ip, { count: 1, resetAt: now + this.limits.windowMs });
    else hit.count++;
  }
}

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'Token tidak ada atau tidak berlaku. Kirim header Authorization: Bearer <token>.', 'Missing or invalid token. Send Authorization: Bearer <token>.');

/** Adds the token check to every route of this (encapsulated) instance. */
export function bearerAuth(app: FastifyInstance, ctx: ApiContext, limits: AuthLimits): void {
  const counter = new FailedAuthCounter(limits);
  app.decorateRequest('apiToken', null);
  app.decorateRequest('scope', null);
  app.addHook('onRequest', async (request) => {
    const now = ctx.now();
    if (counter.blocked(request.ip, now.getTime())) {
      throw new ApiError(429, 'rate_limited', 'Terlalu banyak percobaan token yang salah. Coba lagi nanti.', 'Too many failed token attempts. Try again later.');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const token = match ? verifyApiToken(ctx.db, match[1]!, now) : null;
    if (!token) {
      // Only a token that was tried counts: a request without one is not a guess.
      if (request.headers.authorization) counter.fail(request.ip, now.getTime());
      throw unauthorized();
    }
    request.apiToken = token;
    request.scope = scopeOf(token, ctx.areas);
  });
}

/** The caller's scope when its role is one of `roles`; 403 otherwise. */
export function requireRole(request: FastifyRequest, roles: readonly ApiRole[]): TokenScope {
  const scope = request.scope;
  if (!scope) throw unauthorized();
  if (!roles.includes(scope.role)) throw forbidden();
  return scope;
}

/** 403 unless the token may see this area. */
export function requireArea(scope: TokenScope, areaCode: string, ctx: ApiContext): void {
  if (!mayAccess(scope, areaCode, ctx.areas)) throw forbidden();
}

/**
 * The area a request is about: the one asked for (400 when unknown, 403 outside the token's scope), or the whole
 * kabupaten, of which the caller then sees only its own desa (`visibleDesa`).
 */
export function areaInScope(scope: TokenScope, requested: string | undefined, ctx: ApiContext, field = 'area'): string {
  if (requested === undefined) return ctx.areas.kabupaten().code;
  knownArea(ctx.areas, requested, field);
  if (requested === ctx.areas.kabupaten().code) return requested;
  requireArea(scope, requested, ctx);
  return requested;
}

export const ALL_ROLES: readonly ApiRole[] = ['dinas', 'koordinator', 'pkb', 'admin'];
export const SECURITY = [{ bearerAuth: [] }];
