// HTTP API access (part of schema.ts): tokens made by an operator, and dashboard sessions a token was exchanged for.
// Only hashes are stored: a token or session secret is shown once and cannot be read back from the database.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { API_ROLES } from '../domain/api-roles.js';
import { areas } from './schema.js';

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Who or what uses it ("Dashboard Dinas", "SIGA sync"). */
    name: text('name').notNull(),
    role: text('role', { enum: API_ROLES }).notNull(),
    /** The scope: a kecamatan for koordinator, the binaan desa (";"-separated) or a kecamatan for pkb, the kabupaten otherwise. */
    areaSpec: text('area_spec').notNull(),
    /** The area that names the scope (the kecamatan, or the kabupaten). */
    homeAreaCode: text('home_area_code')
      .notNull()
      .references(() => areas.code),
    /** A short public prefix of the token, to recognise it in lists ("imp_7Kq2…"). */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole token (hex). Tokens are long random strings, so no slow hash is needed. */
    hash: text('hash').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.hash)],
);

/** A dashboard sign-in: the token exchanged for an HttpOnly cookie; the cookie holds the secret, we hold its hash. */
export const apiSessions = sqliteTable(
  'api_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id),
    hash: text('hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('api_sessions_hash_idx').on(t.hash), index('api_sessions_token_id_idx').on(t.tokenId)],
);
