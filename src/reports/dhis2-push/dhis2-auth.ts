// DHIS2 credentials as the configuration holds them; no imports, so config.ts (read by every command) loads nothing
// of the push.

/**
 * How we sign in: a personal access token (DHIS2 2.37+, `Authorization: ApiToken …`) or a user's name and password
 * (Basic). The secret is held by a closure, so printing or JSON-serialising the configuration never shows it.
 */
export interface Dhis2Auth {
  readonly kind: 'token' | 'basic';
  /** The Authorization header's value. */
  header(): string;
}

export function tokenAuth(token: string): Dhis2Auth {
  return Object.freeze({ kind: 'token' as const, header: () => `ApiToken ${token}`, toJSON: () => ({ kind: 'token' }) });
}

export function basicAuth(username: string, password: string): Dhis2Auth {
  const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return Object.freeze({ kind: 'basic' as const, header: () => `Basic ${encoded}`, toJSON: () => ({ kind: 'basic' }) });
}
