// Operator commands on the database: people, areas, WhatsApp groups and exports. No transport involved.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { openReadyDatabase } from '../db/bootstrap.js';
import { participatingDesa, recordParticipation } from '../db/repos/areas.repo.js';
import { openAlerts } from '../db/repos/alerts.repo.js';
import { outboxCounts, recentFailures } from '../db/repos/outbox.repo.js';
import { findPersonByPhone, listPeople, setPersonActive } from '../db/repos/people.repo.js';
import { readRuntimeState, writeRuntimeState } from '../db/repos/runtime-state.repo.js';
import { createAuthKeyValueStore } from '../db/repos/whatsapp.repo.js';
import type { RecapSettings } from '../domain/recap/fields.js';
import { formatImportReport, importPeople } from '../people/people-import.js';
import { normalizePhone } from '../people/phone.js';
import { casesExport, casesToCsv, type CasesExport } from '../reports/cases-export.js';
import { writeCasesXlsx } from '../reports/cases-xlsx.js';
import { meetingsExport, meetingsToCsv, type MeetingsExport } from '../reports/meetings-export.js';
import { writeMeetingsXlsx } from '../reports/meetings-xlsx.js';
import { recapExport, toCsv, type RecapExport } from '../reports/recap-export.js';
import { writeXlsx } from '../reports/recap-xlsx.js';
import { runExport } from './export-command.js';
import { runGroupsCommand } from './groups-command.js';
import { runKartuLapor, runPeopleInvite } from './onboarding-command.js';
import { runAuditExport, runPeopleForget } from './privacy-command.js';
import { recordAudit } from '../db/repos/audit.repo.js';
import { witaPeriod } from '../time/wita.js';

export class AdminUsageError extends Error {
  override name = 'AdminUsageError';
}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function runAdminCommand(command: string, argv: string[], config: Config, io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      from: { type: 'string' },
      period: { type: 'string' },
      kecamatan: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      to: { type: 'string' },
      area: { type: 'string' },
      'bot-number': { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      bank: { type: 'string' },
      table: { type: 'string' },
    },
  });
  const [sub, arg] = positionals;
  const dbPath = values.db ?? config.dbPath;
  // Only migrate creates a database. Every other command on a mistyped path says the file does not exist and
  // creates nothing (no file, no -wal/-shm, no folder), instead of answering from a new, empty database.
  // None of them takes the owner lock: they run beside the bot (WAL, short IMMEDIATE transactions).
  const open = () => openReadyDatabase(dbPath, { create: command === 'migrate' });
  const usage = (message: string) => new AdminUsageError(message);

  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'migrate': {
      const database = open();
      database.close();
      io.out(`Database ready: ${dbPath}`);
      return 0;
    }
    case 'people import': {
      if (!arg) throw new AdminUsageError('usage: imp-smart people import FILE.csv [--db PATH]');
      const csv = readTextFile(arg);
      const database = open();
      try {
        const report = importPeople(database.db, csv, database.areas, `import:${basename(arg)}`, systemClock.now());
        if (report.ok) recordAudit(database.db, { actor: { kind: 'cli' }, action: 'people.import', at: systemClock.now(), detail: { ...report.counts } });
        (report.ok ? io.out : io.err)(formatImportReport(report, arg));
        return report.ok ? 0 : 1;
      } finally {
        database.close();
      }
    }
    case 'people list': {
      const database = open();
      try {
        const people = listPeople(database.db);
        if (people.length === 0) io.out('No one is registered yet. Use: imp-smart people import FILE.csv');
        for (const p of people) {
          const area = p.role === 'pkb' ? `binaan ${p.desaCodes.length} desa (${p.areaSpec})` : database.areas.label(p.homeAreaCode);
          // Whether they have written: only then may the bot write to them (see people invite).
          const written = p.firstMessageAt ? 'written' : 'never written';
          io.out([p.phone, p.role.padEnd(11), p.active ? 'active  ' : 'inactive', p.name, '—', area, p.unitName ? `— ${p.unitName}` : '', `(${written})`].filter(Boolean).join(' '));
        }
        return 0;
      } finally {
        database.close();
      }
    }
    case 'people deactivate':
    case 'people activate': {
      const phone = arg ? normalizePhone(arg) : null;
      if (!phone) throw new AdminUsageError(`usage: imp-smart people ${sub} PHONE [--db PATH]`);
      const database = open();
      try {
        const active = sub === 'activate';
        const changed = database.db.transaction((tx) => {
          const done = setPersonActive(tx, phone, active, `cli:${sub}`, systemClock.now());
          const id = done ? findPersonByPhone(tx, phone)?.id : undefined;
          if (id !== undefined) recordAudit(tx, { actor: { kind: 'cli' }, action: `people.${sub}`, at: systemClock.now(), targets: [id] });
          return done;
        });
        io.out(changed ? `${phone} ${active ? 'reactivated' : 'deactivated'}.` : `${phone}: no change (not registered, or already ${active ? 'active' : 'inactive'}).`);
        return changed ? 0 : 1;
      } finally {
        database.close();
      }
    }
    case 'people invite':
      return runPeopleInvite(config, { area: values.area, out: values.out, botNumber: values['bot-number'] }, open, io.out, usage);
    case 'people forget':
      return runPeopleForget(arg, open, io.out, usage);
    case 'kartu lapor':
      return runKartuLapor(config, values.out, io.out, usage);
    case 'audit export':
      return runAuditExport({ from: values.from, to: values.to, format: values.format, out: values.out }, open, io.out, usage);
    case 'areas list': {
      const period = values.period ?? witaPeriod(systemClock.now());
      if (!PERIOD.test(period)) throw new AdminUsageError('--period must be YYYY-MM');
      const database = open();
      try {
        const { areas } = database;
        const kecamatan = areas.kecamatanList().filter((k) => !values.kecamatan || k.code === values.kecamatan);
        const taking = new Set(participatingDesa(database.db, areas.allDesa().map((d) => d.code), period));
        io.out(`Areas of Kabupaten Gowa; "x" = taking part in ${period} (${taking.size} of ${areas.allDesa().length} desa/kelurahan)`);
        for (const kec of kecamatan) {
          io.out(`${kec.code}  Kec. ${kec.name}`);
          for (const desa of areas.desaOf(kec.code)) {
            io.out(`  [${taking.has(desa.code) ? 'x' : ' '}] ${desa.code}  ${desa.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${desa.name}`);
          }
        }
        return 0;
      } finally {
        database.close();
      }
    }
    case 'areas join':
    case 'areas leave': {
      if (!arg || !values.from || !PERIOD.test(values.from)) {
        throw new AdminUsageError(`usage: imp-smart areas ${sub} CODE --from YYYY-MM [--db PATH]`);
      }
      const database = open();
      try {
        const { areas } = database;
        const area = areas.get(arg);
        if (!area) throw new AdminUsageError(`unknown area code ${arg}`);
        // A kecamatan or kabupaten code stands for every desa in it (phased roll-out: "all but …").
        const desa = area.level === 'desa' ? [area] : area.level === 'kecamatan' ? areas.desaOf(area.code) : areas.allDesa();
        const action = sub === 'join' ? 'join' : 'leave';
        database.db.transaction((tx) => {
          for (const d of desa) recordParticipation(tx, d.code, action, values.from!);
        });
        io.out(`${areas.label(area.code)}: ${desa.length} desa/kelurahan ${action === 'join' ? 'take part' : 'stop taking part'} from ${values.from}.`);
        return 0;
      } finally {
        database.close();
      }
    }
    case 'whatsapp status': {
      const database = open();
      try {
        const link = readRuntimeState<{ state: string; detail: string; since: string }>(database.db, 'whatsapp_link');
        const paired = createAuthKeyValueStore(database.db, config.whatsapp.session).readCreds() !== null;
        io.out(`WhatsApp session "${config.whatsapp.session}": ${paired ? 'stored' : 'none (npm start will show a QR code)'}`);
        io.out(link ? `Link: ${link.value.state} since ${link.value.since}${link.value.detail ? ` (${link.value.detail})` : ''}` : 'Link: never started');
        const counts = outboxCounts(database.db);
        io.out(`Outbox: ${counts.pending} pending, ${counts.sent} sent, ${counts.failed} failed`);
        const failures = recentFailures(database.db);
        if (failures.length > 0) {
          io.out('Last failed messages:');
          for (const f of failures) io.out(`  ${f.failedAt ?? f.createdAt} to ${maskAddress(f.toAddress)}: ${f.lastError ?? 'unknown'}`);
        }
        const alerts = openAlerts(database.db);
        io.out(alerts.length === 0 ? 'Alerts: none' : `Alerts:\n${alerts.map((a) => `  ${a.raisedAt} ${a.kind}: ${a.message}`).join('\n')}`);
        return 0;
      } finally {
        database.close();
      }
    }
    case 'whatsapp logout': {
      const database = open();
      try {
        // Only the session's own tables: people, reports, outbox and LID pairs stay as they are.
        createAuthKeyValueStore(database.db, config.whatsapp.session).clear();
        writeRuntimeState(database.db, 'whatsapp_link', { state: 'logged_out', detail: 'session cleared by the operator', since: systemClock.now().toISOString() }, systemClock.now());
        io.out(`WhatsApp session "${config.whatsapp.session}" cleared. Stop the running bot if any, then run "npm start" to pair again (QR), or "imp-smart serve --pair-code +62…".`);
        io.out('On the phone, also remove the old device under WhatsApp → Linked devices.');
        return 0;
      } finally {
        database.close();
      }
    }
    case 'groups list':
    case 'groups set':
    case 'groups remove':
      return runGroupsCommand(sub!, positionals.slice(1), open, io.out, (message) => new AdminUsageError(message));
    case 'token create':
    case 'token list':
    case 'token revoke': {
      const { runTokenCommand } = await import('./token-command.js');
      return runTokenCommand(sub!, positionals.slice(1), values, open, io.out, (message) => new AdminUsageError(message));
    }
    case 'quiz banks':
    case 'quiz open':
    case 'quiz close':
    case 'quiz list':
    case 'quiz report':
    case 'quiz export': {
      const { runQuizCommand } = await import('./quiz-command.js');
      return runQuizCommand(sub!, positionals.slice(1), values, config, open, io.out, (message) => new AdminUsageError(message));
    }
    case 'export recap': {
      const settings = recapSettings(config);
      return runExport<RecapExport>(
        {
          name: 'recap',
          filePrefix: 'rekap',
          load: (database, scope) =>
            recapExport(database.db, database.areas, {
              ...scope,
              settings,
              calendar: { dueDay: config.recap.dueDay, closeDay: config.recap.closeDay },
              caseFollowUpDays: config.caseFollowUpDays,
              now: systemClock.now(),
            }),
          summary: ({ rows }) => `${rows.length} desa/kelurahan, ${rows.filter((r) => r.status !== 'belum lapor').length} reported`,
          csv: ({ rows }) => toCsv(rows, settings),
          xlsx: ({ rows, summary }, meta, file) => writeXlsx(rows, settings, { ...meta, summary }, file),
        },
        values,
        open,
        io.out,
        (message) => new AdminUsageError(message),
      );
    }
    case 'export cases':
      return runExport<CasesExport>(
        {
          name: 'cases',
          filePrefix: 'kasus',
          load: (database, scope) => casesExport(database.db, database.areas, { ...scope, now: systemClock.now(), caseFollowUpDays: config.caseFollowUpDays }),
          summary: ({ rows }) => `${rows.length} cases, ${rows.filter((r) => r.closedAt === null).length} open`,
          csv: ({ rows }) => casesToCsv(rows),
          xlsx: ({ rows, summary }, meta, file) => writeCasesXlsx(rows, { ...meta, summary }, file),
        },
        values,
        open,
        io.out,
        (message) => new AdminUsageError(message),
      );
    case 'export meetings':
      return runExport<MeetingsExport>(
        {
          name: 'meetings',
          filePrefix: 'pertemuan',
          load: (database, scope) => meetingsExport(database.db, database.areas, { ...scope, now: systemClock.now() }),
          summary: ({ rows }) => `${rows.length} meetings, ${rows.reduce((n, r) => n + r.attendanceTotal, 0)} attendances`,
          csv: ({ rows }) => meetingsToCsv(rows),
          xlsx: ({ rows, summary }, meta, file) => writeMeetingsXlsx(rows, { ...meta, summary }, file),
        },
        values,
        open,
        io.out,
        (message) => new AdminUsageError(message),
      );
    default:
      throw new AdminUsageError(`unknown command "${[command, sub].filter(Boolean).join(' ')}". Run "imp-smart help" for usage.`);
  }
}

/** A file the operator named; a wrong name is a usage error, not a crash. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'no permission' : (error as Error).message;
    throw new AdminUsageError(`cannot read ${file}: ${why}`);
  }
}

/** A recipient as the operator needs it: a group id whole, a phone with its middle digits hidden. */
function maskAddress(address: string): string {
  if (address.endsWith('@g.us')) return `group ${address}`;
  return address.length > 8 ? `${address.slice(0, 6)}****${address.slice(-3)}` : '****';
}

/** The recap settings of this deployment (optional parts, PUS rule), as the bot uses them. */
function recapSettings(config: Config): RecapSettings {
  return { pusRule: config.recap.pusRule, parts: config.recap.parts };
}
