// API tokens and dashboard sessions (schema-api.ts). A token is `imp_` + 32 random base64url characters, shown once;
// only its SHA-256 is stored. A session secret is the same kind of string, kept by the browser in an HttpOnly cookie.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { ApiRole } from '../../domain/api-roles.js';
import type { DbOrTx } from '../client.js';
import { apiSessions, apiTokens } from '../schema.js';

export interface ApiToken {
  id: number;
  name: string;
  role: ApiRole;
  areaSpec: string;
  homeAreaCode: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const PUBLIC_COLUMNS = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  areaSpec: apiTokens.areaSpec,
  homeAreaCode: apiTokens.homeAreaCode,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** Creates a token; returns it once, with its row. */
export function createApiToken(db: DbOrTx, input: { name: string; role: ApiRole; areaSpec: string; homeAreaCode: string }, now: Date): { token: string; row: ApiToken } {
  const token = newSecret('imp_');
  const row = db
    .insert(apiTokens)
    .values({ ...input, prefix: token.slice(0, 8), hash: hashSecret(token), createdAt: now.toISOString() })
    .returning(PUBLIC_COLUMNS)
    .get();
  return { token, row: row as ApiToken };
}

/** The active (not revoked) token with this secret, or null; records when it was last used (at most once a minute). */
export function verifyApiToken(db: DbOrTx, token: string, now: Date): ApiToken | null {
  const row = db
    .select(PUBLIC_COLUMNS)
    .from(apiTokens)
    .where(and(eq(apiTokens.hash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .get() as ApiToken | undefined;
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000) {
    db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, row.id)).run();
  }
  return row;
}

export function listApiTokens(db: DbOrTx): ApiToken[] {
  return db.select(PUBLIC_COLUMNS).from(apiTokens).orderBy(asc(apiTokens.id)).all() as ApiToken[];
}

/** Revokes a token and ends its dashboard sessions. False when there is no such active token. */
export function revokeApiToken(db: DbOrTx, id: number, now: Date): boolean {
  const changed = db
    .update(apiTokens)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .run().changes;
  if (changed > 0) db.delete(apiSessions).where(eq(apiSessions.tokenId, id)).run();
  return changed > 0;
}

/** Starts a dashboard session for a verified token; returns the secret for the cookie. */
export function createApiSession(db: DbOrTx, tokenId: number, now: Date, ttlMs: number): string {
  const secret = newSecret('s_');
  db.delete(apiSessions).where(lt(apiSessions.expiresAt, now.toISOString())).run();
  db.insert(apiSessions)
    .values({ tokenId, hash: hashSecret(secret), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() })
    .run();
  return secret;
}

/** The token behind a live session, or null (expired, signed out, token revoked). */
export function tokenOfSession(db: DbOrTx, secret: string, now: Date): ApiToken | null {
  const row = db
    .select(PUBLIC_COLUMNS)
    .from(apiSessions)
    .innerJoin(apiTokens, eq(apiTokens.id, apiSessions.tokenId))
    .where(and(eq(apiSessions.hash, hashSecret(secret)), gt(apiSessions.expiresAt, now.toISOString()), isNull(apiTokens.revokedAt)))
    .get();
  return (row as ApiToken | undefined) ?? null;
}

export function endApiSession(db: DbOrTx, secret: string): void {
  db.delete(apiSessions).where(eq(apiSessions.hash, hashSecret(secret))).run();
}
