// What the dashboard needs from the composition root, and who is looking at a page.
import type { AreaDirectory } from '../../areas/directory.js';
import type { DbOrTx } from '../../db/client.js';
import type { ApiToken } from '../../db/repos/api-tokens.repo.js';
import type { AggregateSettings } from '../../reports/aggregate.js';
import type { TokenScope } from '../auth/token-scope.js';

export interface DashboardDeps {
  db: DbOrTx;
  areas: AreaDirectory;
  /** The clock (the simulator's or a test's in tests): sessions expire and figures are "as of" this instant. */
  now: () => Date;
  /** The same settings the bot's digests and the CLI exports use, so every number agrees. */
  settings: AggregateSettings;
}

export interface Viewer {
  token: ApiToken;
  scope: TokenScope;
}

/** Where the dashboard lives; every page, form and cookie is under it. */
export const BASE = '/dasbor';
