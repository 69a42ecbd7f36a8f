// `imp-smart dhis2 push` and `imp-smart dhis2 status`: a period's recaps sent to the configured DHIS2 server, told
// in plain words, and the last pushes. Runs beside the bot (no owner lock), like the exports. Loaded only for these
// commands (cli-commands.ts); `dhis2 metadata|export` are the DHIS2 export's (dhis2-command.ts).
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { openReadyDatabase, type ReadyDatabase } from '../db/bootstrap.js';
import { recordAudit } from '../db/repos/audit.repo.js';
import { recentPushes, type Dhis2PushRow } from '../db/repos/dhis2.repo.js';
import { formatWindowEnd, periodDeadlines } from '../domain/recap/calendar.js';
import { Dhis2MappingError } from '../reports/dhis2/mapping.js';
import { readMappingFile } from '../reports/dhis2/mapping-file.js';
import { pushPeriod } from '../reports/dhis2-push/push.js';
import { pushReport } from '../reports/dhis2-push/push-report.js';
import { witaDateTime } from '../reports/labels.js';
import { exportAreaLabel } from '../reports/recap-export.js';
import { AdminUsageError, type Output } from './commands.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const USAGE = [
  'usage: imp-smart dhis2 push --period YYYY-MM [--kecamatan CODE] [--include-unverified] [--dry-run] [--force] [--all] [--mapping FILE.csv] [--db PATH]',
  '       imp-smart dhis2 status [--period YYYY-MM] [--db PATH]',
].join('\n');

export interface Dhis2PushOptions {
  period?: string | undefined;
  kecamatan?: string | undefined;
  includeUnverified?: boolean | undefined;
  dryRun?: boolean | undefined;
  force?: boolean | undefined;
  all?: boolean | undefined;
  mapping?: string | undefined;
}

/** `imp-smart dhis2 push|status …` (argv from "push" or "status" on). */
export async function runDhis2PushCommand(argv: string[], config: Config, io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      period: { type: 'string' },
      kecamatan: { type: 'string' },
      mapping: { type: 'string' },
      'include-unverified': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      all: { type: 'boolean' },
    },
  });
  const [sub, extra] = positionals;
  const usage = (message: string) => new AdminUsageError(message);
  // Like every command but migrate: a mistyped path is said, not answered from a new, empty database.
  const open = () => openReadyDatabase(values.db ?? config.dbPath, { create: false });
  if (extra !== undefined) throw usage(USAGE);
  if (sub === 'status') {
    if (values.kecamatan || values.mapping || values['include-unverified'] || values['dry-run'] || values.force || values.all) throw usage(`dhis2 status takes only --period and --db\n${USAGE}`);
    return runDhis2Status({ period: values.period }, config, open, io.out, usage);
  }
  if (sub !== 'push') throw usage(USAGE);
  const options = { period: values.period, kecamatan: values.kecamatan, includeUnverified: values['include-unverified'], dryRun: values['dry-run'], force: values.force, all: values.all, mapping: values.mapping };
  return runDhis2Push(options, config, open, io.out, usage);
}

/** The credentials in words, never their value. */
function signIn(config: Config): string {
  const auth = config.dhis2.auth;
  return auth === null ? 'no credentials' : auth.kind === 'token' ? 'personal access token' : 'user name and password';
}

export async function runDhis2Push(
  options: Dhis2PushOptions,
  config: Config,
  open: () => ReadyDatabase,
  out: (text: string) => void,
  usage: (message: string) => Error,
): Promise<number> {
  if (!options.period) throw usage(`--period YYYY-MM is required\n${USAGE}`);
  if (!PERIOD.test(options.period)) throw usage(`--period must be YYYY-MM (got "${options.period}")`);
  const { url, auth, timeoutMs } = config.dhis2;
  if (!url || !auth) {
    throw usage('DHIS2 is not configured: set IMP_DHIS2_URL and IMP_DHIS2_TOKEN (or IMP_DHIS2_USERNAME and IMP_DHIS2_PASSWORD), see .env.example');
  }
  const period = options.period;
  const database = open();
  try {
    const { areas } = database;
    if (options.kecamatan !== undefined && !areas.isKecamatan(options.kecamatan)) {
      throw usage(`--kecamatan: ${options.kecamatan} is not a kecamatan code (see imp-smart areas list)`);
    }
    let mapping;
    try {
      mapping = readMappingFile(options.mapping ?? config.dhis2.mappingFile, areas);
    } catch (error) {
      // A bad mapping is the operator's to fix: one line per bad row, exit code 2.
      if (error instanceof Dhis2MappingError) throw usage(error.message);
      throw error;
    }
    const now = systemClock.now();
    const closeEnd = periodDeadlines(period, { dueDay: config.recap.dueDay, closeDay: config.recap.closeDay }).closeEnd;
    if (closeEnd > now) out(`Note: ${period} is still open for recaps (until ${formatWindowEnd(closeEnd)}); a later push sends what changes.`);
    const result = await pushPeriod(
      { db: database.db, areas, target: { url, auth, timeoutMs }, settings: { pusRule: config.recap.pusRule, parts: config.recap.parts }, mapping, now: () => systemClock.now() },
      {
        period,
        kecamatan: options.kecamatan,
        includeUnverified: options.includeUnverified === true,
        dryRun: options.dryRun === true,
        force: options.force === true,
        all: options.all === true,
        trigger: 'cli',
      },
    );
    // Data left for DHIS2 whenever a request was made, a dry run too: the audit log says so, like an export.
    if (result.status !== 'nothing') {
      recordAudit(database.db, {
        actor: { kind: 'cli' },
        action: 'dhis2.push',
        at: systemClock.now(),
        areaCode: options.kecamatan ?? areas.kabupaten().code,
        period,
        detail: { status: result.status, dryRun: result.request.dryRun, sent: result.sent, accepted: result.accepted, registered: result.registrations?.accepted ?? 0, pushId: result.pushId },
      });
    }
    for (const line of pushReport(result, { scope: exportAreaLabel(areas, options.kecamatan), url })) out(line);
    return result.status === 'ok' || result.status === 'nothing' ? 0 : 1;
  } finally {
    database.close();
  }
}

function pushLine(row: Dhis2PushRow, scope: string, currentUrl: string | null): string {
  const when = witaDateTime(row.at) ?? row.at;
  const what = `${row.dryRun ? 'dry run ' : ''}${row.status}`;
  const registered = row.registered === null ? '' : `, ${row.registered} desa registered complete`;
  const counts = `${row.imported === null ? '' : `: imported ${row.imported}, updated ${row.updated}, ignored ${row.ignored}`}${registered}`;
  const sent = row.status === 'nothing' ? 'nothing changed' : `sent ${row.sent}${counts}`;
  const elsewhere = row.server === currentUrl ? '' : ` (to ${row.server})`;
  return `  #${row.id} ${when}  ${row.period}  ${scope}  ${row.trigger.padEnd(3)}  ${what.padEnd(14)} ${sent}${elsewhere}${row.message ? ` — ${row.message}` : ''}`;
}

export function runDhis2Status(
  options: { period?: string | undefined },
  config: Config,
  open: () => ReadyDatabase,
  out: (text: string) => void,
  usage: (message: string) => Error,
): number {
  if (options.period !== undefined && !PERIOD.test(options.period)) throw usage(`--period must be YYYY-MM (got "${options.period}")`);
  const { url, pushJob } = config.dhis2;
  out(url ? `DHIS2: ${url} (${signIn(config)})` : 'DHIS2: not configured (IMP_DHIS2_URL)');
  out(`Monthly push job: ${pushJob ? `on (${config.schedule.dhis2Push}, WITA; the latest closed period, once)` : 'off (IMP_DHIS2_PUSH_JOB=on turns it on)'}`);
  const database = open();
  try {
    const rows = recentPushes(database.db, 10, options.period);
    if (rows.length === 0) {
      out(options.period ? `No push of ${options.period} yet.` : 'No push yet.');
      return 0;
    }
    out('Last pushes (newest first; WITA):');
    for (const row of rows) out(pushLine(row, row.kecamatanCode ? database.areas.label(row.kecamatanCode) : 'kabupaten', url));
    return 0;
  } finally {
    database.close();
  }
}
