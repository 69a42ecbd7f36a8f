// `imp-smart token create|list|revoke`: API tokens for the HTTP API and the dashboard. A token is printed once, at
// creation; the database keeps only its hash, so `token list` can show its prefix but never the token itself.
import { systemClock } from '../clock.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../db/repos/api-tokens.repo.js';
import { API_ROLES, type ApiRole } from '../domain/api-roles.js';
import { parseTokenArea, ScopeError } from '../http/auth/token-scope.js';

export interface TokenOptions {
  role?: string | undefined;
  area?: string | undefined;
  name?: string | undefined;
}

const USAGE = 'usage: imp-smart token create --role dinas|koordinator|pkb|admin [--area CODE] --name NAME | token list | token revoke ID';

export function runTokenCommand(sub: string, args: string[], options: TokenOptions, open: () => ReadyDatabase, out: (text: string) => void, usageError: (message: string) => Error): number {
  switch (sub) {
    case 'create': {
      const role = options.role as ApiRole | undefined;
      if (!role || !API_ROLES.includes(role)) throw usageError(`--role must be one of ${API_ROLES.join(', ')}\n${USAGE}`);
      const name = options.name?.trim();
      if (!name) throw usageError(`--name is required (who or what uses the token, e.g. "Dashboard Dinas")\n${USAGE}`);
      const database = open();
      try {
        let area: { areaSpec: string; homeAreaCode: string };
        try {
          area = parseTokenArea(role, options.area, database.areas);
        } catch (error) {
          if (error instanceof ScopeError) throw usageError(`--area: ${error.message}`);
          throw error;
        }
        const { token, row } = createApiToken(database.db, { name, role, ...area }, systemClock.now());
        out(`Token ${row.id} (${row.role}, ${database.areas.label(row.homeAreaCode)}${row.areaSpec !== row.homeAreaCode ? `: ${row.areaSpec}` : ''}) for "${row.name}":`);
        out(token);
        out('Keep it now: it is shown only once. Use it as "Authorization: Bearer <token>".');
        return 0;
      } finally {
        database.close();
      }
    }
    case 'list': {
      const database = open();
      try {
        const tokens = listApiTokens(database.db);
        if (tokens.length === 0) out('No API tokens yet. Use: imp-smart token create --role … --name …');
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
          out([String(t.id).padStart(3), `${t.prefix}…`, t.role.padEnd(11), t.areaSpec, `"${t.name}"`, `created ${t.createdAt}`, `last used ${t.lastUsedAt ?? 'never'}`, state].join('  '));
        }
        return 0;
      } finally {
        database.close();
      }
    }
    case 'revoke': {
      const id = Number(args[0]);
      if (!args[0] || !Number.isInteger(id) || id <= 0) throw usageError(`token revoke needs the token's number (see token list)\n${USAGE}`);
      const database = open();
      try {
        const revoked = revokeApiToken(database.db, id, systemClock.now());
        out(revoked ? `Token ${id} revoked; its dashboard sessions are ended.` : `Token ${id}: no change (no such token, or already revoked).`);
        return revoked ? 0 : 1;
      } finally {
        database.close();
      }
    }
    default:
      throw usageError(USAGE);
  }
}
