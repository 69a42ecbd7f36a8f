// Signing in: a token pasted once is exchanged for a session secret in an HttpOnly, SameSite=Strict cookie (Secure
// when the request came over https), valid 12 hours; the database keeps only its hash. Failed sign-ins are limited
// per client address, so tokens cannot be guessed through the form.
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createApiSession, endApiSession, tokenOfSession, verifyApiToken } from '../../db/repos/api-tokens.repo.js';
import { scopeOf } from '../auth/token-scope.js';
import { BASE, type DashboardDeps, type Viewer } from './deps.js';

export const SESSION_COOKIE = 'imp_sesi';
export const SESSION_TTL_MS = 12 * 3600_000;

const FAILURES_ALLOWED = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

function sessionSecret(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return fastifyCookie.parse(header)[SESSION_COOKIE] ?? null;
}

export function viewerOf(deps: DashboardDeps, request: FastifyRequest): Viewer | null {
  const secret = sessionSecret(request);
  if (!secret) return null;
  const token = tokenOfSession(deps.db, secret, deps.now());
  return token ? { token, scope: scopeOf(token, deps.areas) } : null;
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  return fastifyCookie.serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', path: BASE, maxAge: maxAgeSeconds });
}

/** Remembers failed sign-ins per client address for a quarter of an hour. */
export class SignInLimiter {
  readonly #failures = new Map<string, { count: number; since: number }>();
  constructor(private readonly now: () => Date) {}

  blocked(key: string): boolean {
    const entry = this.#failures.get(key);
    if (!entry) return false;
    if (this.now().getTime() - entry.since > FAILURE_WINDOW_MS) {
      this.#failures.delete(key);
      return false;
    }
    return entry.count >= FAILURES_ALLOWED;
  }

  failed(key: string): void {
    const entry = this.#failures.get(key);
    if (!entry || this.now().getTime() - entry.since > FAILURE_WINDOW_MS) this.#failures.set(key, { count: 1, since: this.now().getTime() });
    else entry.count++;
  }
}

/** Exchanges a token for a session; false when the token is unknown or revoked. */
export function signIn(deps: DashboardDeps, request: FastifyRequest, reply: FastifyReply, token: string): boolean {
  const now = deps.now();
  const row = verifyApiToken(deps.db, token, now);
  if (!row) return false;
  const secret = createApiSession(deps.db, row.id, now, SESSION_TTL_MS);
  void reply.header('set-cookie', cookie(request, secret, SESSION_TTL_MS / 1000));
  return true;
}

export function signOut(deps: DashboardDeps, request: FastifyRequest, reply: FastifyReply): void {
  const secret = sessionSecret(request);
  if (secret) endApiSession(deps.db, secret);
  void reply.header('set-cookie', cookie(request, '', 0));
}
