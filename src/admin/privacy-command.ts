// Operator commands for data protection: forget one number (a data-subject request, UU PDP) and export the audit log.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock } from '../clock.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import { auditEntries, recordAudit } from '../db/repos/audit.repo.js';
import { forgetPhone } from '../people/forget.js';
import { normalizePhone } from '../people/phone.js';
import { auditToCsv, writeAuditXlsx } from '../reports/audit-export.js';
import { fromWita } from '../time/wita.js';

type UsageError = (message: string) => Error;

/** `people forget PHONE`: de-identifies the person, deletes what the number wrote and received; prints what it did. */
export function runPeopleForget(arg: string | undefined, open: () => ReadyDatabase, print: (text: string) => void, usageError: UsageError): number {
  const phone = arg ? normalizePhone(arg) : null;
  if (!phone) throw usageError('usage: imp-smart people forget PHONE [--db PATH]');
  const database = open();
  try {
    const now = systemClock.now();
    const report = database.db.transaction((tx) => forgetPhone(tx, phone, { kind: 'cli' }, now));
    print(`Forgot ${phone} (tag ${report.phoneTag} in logs and the audit log):`);
    print(
      report.personId === null
        ? '  not a registered person: no people row to de-identify'
        : `  person #${report.personId}: name and number removed, deactivated; ${report.historyRows} history rows de-identified (kept: the law requires who held which role when)`,
    );
    print(`  conversations deleted: ${report.conversations}`);
    print(`  received messages deleted: ${report.inboundMessages}`);
    print(`  outgoing messages deleted: ${report.outboxMessages} (and ${report.sentMessageCopies} WhatsApp copies)`);
    print(`  WhatsApp LID pairs deleted: ${report.lidPairs}; send holds: ${report.sendHolds}; chart requests: ${report.chartRequests}`);
    print(`  cases they reported: ${report.casesCleared} (reporter key and contact address cleared; the case itself stays, with no personal data)`);
    print('Recaps, case actions and meeting attendance keep the person number only. Backups older than today still hold the data: they age out with your backup rotation.');
    return 0;
  } finally {
    database.close();
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function witaDay(text: string, flag: string, usageError: UsageError): { year: number; month: number; day: number } {
  const m = DAY.exec(text);
  if (!m) throw usageError(`${flag} must be a date YYYY-MM-DD (got "${text}")`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export interface AuditExportOptions {
  from?: string | undefined;
  to?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
}

/** `audit export [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format csv|xlsx [--out FILE]`: both days inclusive, WITA. */
export async function runAuditExport(options: AuditExportOptions, open: () => ReadyDatabase, print: (text: string) => void, usageError: UsageError): Promise<number> {
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw usageError(`--format must be csv or xlsx (got "${format}")`);
  const from = options.from === undefined ? undefined : witaDay(options.from, '--from', usageError);
  const to = options.to === undefined ? undefined : witaDay(options.to, '--to', usageError);
  const range = {
    ...(from ? { from: fromWita(from.year, from.month, from.day) } : {}),
    ...(to ? { to: fromWita(to.year, to.month, to.day + 1) } : {}),
  };
  const database = open();
  let rows;
  try {
    rows = auditEntries(database.db, range);
    // Reading the log is itself recorded (after the read, so the file does not list its own export).
    recordAudit(database.db, { actor: { kind: 'cli' }, action: 'export.audit', at: systemClock.now(), detail: { format, from: options.from ?? null, to: options.to ?? null, rows: rows.length } });
  } finally {
    database.close();
  }
  if (format === 'csv') {
    const csv = auditToCsv(rows);
    if (options.out === undefined) print(csv.replace(/\r\n$/, ''));
    else {
      writeFileSync(options.out, csv);
      print(`${rows.length} audit entries → ${resolve(options.out)}`);
    }
    return 0;
  }
  const file = options.out ?? 'audit.xlsx';
  await writeAuditXlsx(rows, file);
  print(`${rows.length} audit entries → ${resolve(file)}`);
  return 0;
}
