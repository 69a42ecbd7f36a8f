// A push told in plain words for the operator (stdout of `imp-smart dhis2 push`): what was sent, DHIS2's counts,
// and each conflict as the desa and fields it hit with DHIS2's own message and what usually fixes it. Pure.
import type { CompleteDataSetRegistration, DataValue } from '../dhis2/data-values.js';
import type { ImportConflict, ImportSummary } from './import-summary.js';
import type { PushResult, Refused } from './push.js';
import type { ValueLabels } from './value-labels.js';
import { witaDateTime } from '../labels.js';

/** What usually causes DHIS2's conflict, by its error code (DHIS2 2.38+ gives one). */
const HINTS: Readonly<Record<string, string>> = {
  E7600: 'DHIS2 has no data set with this code: import the IMP metadata first',
  E7601: 'the DHIS2 user may not write data to this data set (sharing)',
  E7603: 'DHIS2 has no org unit with this code: import the metadata or correct the mapping',
  E7610: 'DHIS2 has no data element with this code: import the IMP metadata first',
  E7611: 'DHIS2 does not accept this period',
  E7612: 'DHIS2 has no org unit with this code: import the metadata or correct the mapping',
  E7617: 'the DHIS2 user is not assigned to this org unit or one above it',
  E7618: 'the value is empty',
  E7619: 'the value does not fit the data element\'s type in DHIS2',
  E7633: 'this data element is not part of the data set in DHIS2',
  E7636: 'the data set is not assigned to this org unit in DHIS2',
  E7640: 'the period is closed for data entry in DHIS2 (the data set\'s expiry days)',
  E7641: 'the period is in the future for DHIS2',
  E7642: 'the data is already approved in DHIS2: it must be unapproved there first',
  E7643: 'the period is not open for data entry in DHIS2 (the data set\'s input periods)',
  E7644: 'the period is not open for data entry in DHIS2',
};

const MAX_FIELDS = 4;

function counts(summary: ImportSummary): string {
  const { imported, updated, ignored, deleted } = summary.count;
  return `imported ${imported}, updated ${updated}, ignored ${ignored}${deleted > 0 ? `, deleted ${deleted}` : ''}`;
}

/** "Peserta KB aktif IUD, Jumlah PUS", "all 57 values" or "56 of 57 values: PPKBD yang ada, … and 52 more". */
function fieldsText(values: readonly DataValue[], ofPlace: number, labels: ValueLabels): string {
  if (values.length === ofPlace && values.length > MAX_FIELDS) return `all ${values.length} values`;
  const names = values.map((v) => labels.field(v.dataElement) ?? v.dataElement);
  if (names.length <= MAX_FIELDS) return names.join(', ');
  return `${names.length} of ${ofPlace} values: ${names.slice(0, MAX_FIELDS).join(', ')} and ${names.length - MAX_FIELDS} more`;
}

/** DHIS2's words for a conflict, its error code, and what usually fixes it. */
function conflictHeading(conflict: ImportConflict, what: string): string {
  const hint = conflict.errorCode ? HINTS[conflict.errorCode] : undefined;
  return `  ✗ DHIS2${what}: "${conflict.value}"${conflict.errorCode ? ` (${conflict.errorCode})` : ''}${hint ? ` — ${hint}` : ''}`;
}

const UNTOLD = '      DHIS2 did not say which; none of them is taken as accepted, so all go again next time';

/** Each conflict: its message (and error code), the hint, then the desa and fields it rejected, one line each. */
export function refusedLines(refused: readonly Refused<DataValue>[], sent: readonly DataValue[], labels: ValueLabels): string[] {
  const perPlace = new Map<string, number>();
  for (const v of sent) perPlace.set(v.orgUnit, (perPlace.get(v.orgUnit) ?? 0) + 1);
  const lines: string[] = [];
  for (const { conflict, items } of refused) {
    lines.push(conflictHeading(conflict, ''));
    if (items === null) {
      lines.push(UNTOLD);
      continue;
    }
    const byPlace = new Map<string, DataValue[]>();
    for (const v of items) byPlace.set(v.orgUnit, [...(byPlace.get(v.orgUnit) ?? []), v]);
    for (const [orgUnit, hit] of byPlace) {
      const place = labels.place(orgUnit) ?? `org unit ${orgUnit}`;
      lines.push(`      ${place} (${orgUnit}): ${fieldsText(hit, perPlace.get(orgUnit) ?? 0, labels)}`);
    }
  }
  return lines;
}

/** The completeness registrations DHIS2 refused, by desa. */
function refusedRegistrationLines(refused: readonly Refused<CompleteDataSetRegistration>[], labels: ValueLabels): string[] {
  return refused.flatMap(({ conflict, items }) => [
    conflictHeading(conflict, ' (completeness)'),
    ...(items === null ? [UNTOLD] : items.map((r) => `      ${labels.place(r.organisationUnit) ?? `org unit ${r.organisationUnit}`} (${r.organisationUnit})`)),
  ]);
}

function registrationLines(result: PushResult): string[] {
  const reg = result.registrations;
  if (!reg) return [];
  if (reg.failure) return [`Completeness of ${reg.due} desa not registered: ${reg.failure}; it goes with the next push.`];
  const counted = reg.summary ? ` (${counts(reg.summary)})` : '';
  return [`Completeness: ${reg.accepted} of ${reg.due} desa registered as complete${counted}.`, ...refusedRegistrationLines(reg.refused, result.labels)];
}

export interface ReportMeta {
  /** "Kabupaten Gowa" or "Kec. Bontomarannu, Kabupaten Gowa". */
  scope: string;
  /** The DHIS2 base URL (never holds credentials: config refuses a URL with them). */
  url: string;
}

/** The whole report, line by line. */
export function pushReport(result: PushResult, meta: ReportMeta): string[] {
  const { request } = result;
  const which = request.includeUnverified ? 'verified and unverified recaps' : 'verified recaps';
  const lines = [`DHIS2 ${request.dryRun ? 'dry run' : 'push'}: ${request.period}, ${meta.scope} (${which}) → ${meta.url}`];
  const since = result.previousPushAt ? ` since the last push (${witaDateTime(result.previousPushAt)} WITA)` : '';
  if (result.status === 'nothing') {
    lines.push(
      result.total === 0
        ? `Nothing to send: no ${which} for ${request.period}${request.includeUnverified ? '' : ' (--include-unverified also sends those waiting for verification)'}.`
        : `Nothing to send: all ${result.total} values are in DHIS2 as they are now${since}.`,
    );
    return lines;
  }
  if (result.sent === 0) lines.push(`All ${result.total} values are in DHIS2 as they are now${since}.`);
  else lines.push(result.sent === result.total ? `${result.total} values to send.` : `${result.sent} of ${result.total} values changed${since}; only those are sent.`);
  if (result.check) {
    const found = result.check.conflicts.length;
    lines.push(`DHIS2's check (dry run, nothing stored): ${counts(result.check)}; ${found === 0 ? 'no conflicts' : `${found} conflict${found === 1 ? '' : 's'}`}.`);
  }
  if (result.summary) lines.push(`Sent: ${counts(result.summary)}.`);
  if (result.refused.length > 0) lines.push(...refusedLines(result.refused, result.values, result.labels));
  lines.push(...registrationLines(result));
  lines.push(closingLine(result));
  return lines;
}

function closingLine(result: PushResult): string {
  switch (result.status) {
    case 'ok':
      return result.request.dryRun
        ? 'Dry run only: DHIS2 would take every value; nothing was stored or recorded. Run it without --dry-run to send.'
        : `Done: DHIS2 holds all ${result.total} values of ${result.request.period} as they are now.`;
    case 'stopped':
      return result.request.dryRun
        ? 'Dry run only: nothing was stored or recorded. Fix the conflicts above (or push with --force to send the other values).'
        : 'Stopped: nothing was sent. Fix the conflicts above and push again, or push with --force: the other values go, these stay unsent and go again with the next push.';
    case 'partial':
      return result.accepted < result.sent
        ? `Sent${result.request.force ? ' with --force' : ''}: ${result.accepted} of ${result.sent} values are recorded as in DHIS2; the refused ones go again with the next push.`
        : `Sent: the ${result.sent} values are in DHIS2, but not every desa is registered as complete; the next push tries again.`;
    case 'error':
      return 'DHIS2 refused the import (status ERROR): nothing is recorded as sent.';
    case 'failed':
      return `Failed: ${result.message ?? 'no answer'}. Nothing is recorded as sent.`;
    case 'nothing':
      return 'Nothing to send.';
  }
}
