// Pushing a period's recaps to DHIS2 (issue 16 point 3), for `imp-smart dhis2 push` and the monthly job:
//   1. the period's values as the export builds them (data-values.ts), less those DHIS2 already holds as they are
//      now (dhis2_sent_values): a re-push sends only what changed; nothing changed → no request at all;
//   2. DHIS2 checks them first (dryRun=true: validated and counted, nothing stored); conflicts stop the push there,
//      unless forced, so a half-mapped set never lands half-imported by accident;
//   3. the real import; what DHIS2 accepted is recorded, a value it refused is not, so it goes again next time;
//   4. each desa whose values are now all in DHIS2 is registered as complete (completeDataSetRegistrations, once per
//      desa and period: DHIS2's completeness and timeliness count these).
// Every attempt is recorded in dhis2_pushes, whatever its outcome, in one transaction with what it got accepted.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Db } from '../../db/client.js';
import { changedSinceLastPush, lastSuccessfulPush, recordPush, unregistered } from '../../db/repos/dhis2.repo.js';
import type { Dhis2PushStatus } from '../../db/schema.js';
import type { RecapSettings } from '../../domain/recap/fields.js';
import { buildCompleteRegistrations, buildDataValueSet, loadDhis2Recaps, type CompleteDataSetRegistration, type DataValue } from '../dhis2/data-values.js';
import { postImport, type Dhis2Target } from './dhis2-client.js';
import { rejectedBy, rejectedPositions, type ImportConflict, type ImportSummary } from './import-summary.js';
import { EMPTY_MAPPING, type Dhis2Mapping } from '../dhis2/mapping.js';
import { valueLabels, type ValueLabels } from './value-labels.js';

export interface PushRequest {
  /** YYYY-MM. */
  period: string;
  /** One kecamatan's desa only; the whole kabupaten when absent. */
  kecamatan?: string | undefined;
  /** Also recaps waiting for verification (default: verified only). */
  includeUnverified: boolean;
  /** Only DHIS2's check: nothing is stored there, nothing recorded as sent. */
  dryRun: boolean;
  /** Send although the check found conflicts: the other values go, the conflicting ones stay unsent. */
  force: boolean;
  /** Send every value and registration again, not only what changed (after DHIS2's data was restored or deleted). */
  all?: boolean;
  trigger: 'cli' | 'job';
}

export interface PushDeps {
  db: Db;
  areas: AreaDirectory;
  target: Dhis2Target;
  /** The deployment's recap settings: which fields are asked, so which are sent. */
  settings: RecapSettings;
  /** The instance's own codes (IMP_DHIS2_MAPPING); ours when absent. */
  mapping?: Dhis2Mapping;
  now: () => Date;
}

/** A conflict and what of the request it rejected (null: DHIS2 did not say which). */
export interface Refused<T> {
  conflict: ImportConflict;
  items: T[] | null;
}

export interface RegistrationResult {
  /** Desa due for registration in this push. */
  due: number;
  /** Registrations DHIS2 accepted. */
  accepted: number;
  summary: ImportSummary | null;
  refused: Refused<CompleteDataSetRegistration>[];
  /** Why none could be registered (no answer), else null. */
  failure: string | null;
}

export interface PushResult {
  status: Dhis2PushStatus;
  pushId: number;
  request: PushRequest;
  /** The period's values now (what a first push would send). */
  total: number;
  /** How many values the request held: those changed since the last push. */
  sent: number;
  /** Those values (the request's dataValues, in order). */
  values: readonly DataValue[];
  /** Values now recorded as in DHIS2 by this push. */
  accepted: number;
  /** DHIS2's dry run, and the real import (null when it did not happen). */
  check: ImportSummary | null;
  summary: ImportSummary | null;
  /** The conflicts of the values' last answer, with their values. */
  refused: Refused<DataValue>[];
  /** The completeness registrations, when any were due after the values. */
  registrations: RegistrationResult | null;
  /** Why it failed, stopped or was partial, in one line. */
  message: string | null;
  /** When this period was last pushed with success, before this push (ISO), if ever. */
  previousPushAt: string | null;
  labels: ValueLabels;
}

type Coordinates = { orgUnit: string; dataElement: string; period: string };

function refusedOf<T>(summary: ImportSummary, items: readonly T[], coordinates: (item: T) => Coordinates): Refused<T>[] {
  const coords = items.map(coordinates);
  return summary.conflicts.map((conflict) => {
    const hit = rejectedBy(conflict, coords);
    return { conflict, items: hit === null ? null : hit.map((i) => items[i]!) };
  });
}

/** What DHIS2 took of what was sent: all but the rejected positions; nothing when it cannot be told. */
function acceptedOf<T>(summary: ImportSummary, items: readonly T[], coordinates: (item: T) => Coordinates): T[] {
  const rejected = rejectedPositions(summary, items.map(coordinates));
  return rejected === null ? [] : items.filter((_, i) => !rejected.has(i));
}

const valueCoordinates = (v: DataValue): Coordinates => v;
// A registration conflict names the org unit, or the data set (then every registration is hit).
const registrationCoordinates = (r: CompleteDataSetRegistration): Coordinates => ({ orgUnit: r.organisationUnit, dataElement: r.dataSet, period: r.period });

export async function pushPeriod(deps: PushDeps, request: PushRequest): Promise<PushResult> {
  const { db, areas, target } = deps;
  const mapping = deps.mapping ?? EMPTY_MAPPING;
  const rows = loadDhis2Recaps(db, { period: request.period, kecamatan: request.kecamatan, includeUnverified: request.includeUnverified });
  const options = { period: request.period, settings: deps.settings, mapping };
  const full = buildDataValueSet(rows, options);
  const server = target.url;
  const changed = request.all ? full.dataValues : changedSinceLastPush(db, server, full.dataValues);
  const payload = { ...full, dataValues: changed };
  const registrations = buildCompleteRegistrations(rows, options);
  /** Registrations to send: desa not registered yet whose values are all in DHIS2 (none of them still pending). */
  const registrationsDue = (pending: ReadonlySet<string>) =>
    (request.all ? registrations.completeDataSetRegistrations : unregistered(db, server, registrations.completeDataSetRegistrations)).filter(
      (r) => !pending.has(r.organisationUnit),
    );
  const previousPushAt = lastSuccessfulPush(db, server, request.period)?.at ?? null;
  const base = { request, total: full.dataValues.length, sent: changed.length, values: changed, previousPushAt, labels: valueLabels(areas, rows, mapping) };

  const finish = (
    status: Dhis2PushStatus,
    parts: { check?: ImportSummary | null; summary?: ImportSummary | null; message?: string | null; accepted?: readonly DataValue[]; registrations?: RegistrationResult & { acceptedItems: CompleteDataSetRegistration[] } },
  ): PushResult => {
    const answer = parts.summary ?? parts.check ?? null;
    const accepted = parts.accepted ?? [];
    const reg = parts.registrations ?? null;
    const record = {
      server,
      period: request.period,
      kecamatanCode: request.kecamatan ?? null,
      at: deps.now(),
      trigger: request.trigger,
      dryRun: request.dryRun,
      includeUnverified: request.includeUnverified,
      status,
      sent: changed.length,
      counts: answer?.count ?? null,
      registered: reg ? reg.accepted : null,
      conflicts: [...(answer?.conflicts ?? []), ...(reg?.summary?.conflicts ?? [])],
      message: parts.message ?? null,
    };
    // The push, the values and the registrations it got accepted commit together: a crash cannot record one alone.
    const pushId = db.transaction((tx) => recordPush(tx, record, accepted, reg?.acceptedItems ?? []));
    const registrationResult = reg ? { due: reg.due, accepted: reg.accepted, summary: reg.summary, refused: reg.refused, failure: reg.failure } : null;
    return {
      ...base,
      status,
      pushId,
      accepted: accepted.length,
      check: parts.check ?? null,
      summary: parts.summary ?? null,
      refused: answer ? refusedOf(answer, changed, valueCoordinates) : [],
      registrations: registrationResult,
      message: parts.message ?? null,
    };
  };

  // Nothing new: DHIS2 already holds every value as it is now and every desa as complete. No request is made.
  if (changed.length === 0 && (request.dryRun || registrationsDue(new Set()).length === 0)) return finish('nothing', {});

  let check: ImportSummary | null = null;
  let summary: ImportSummary | null = null;
  let acceptedValues: DataValue[] = [];
  if (changed.length > 0) {
    const checked = await postImport(target, 'dataValueSets', payload, { dryRun: true });
    if (!checked.ok) return finish('failed', { message: checked.message });
    check = checked.summary;
    const checkFound = check.status === 'ERROR' || check.conflicts.length > 0;
    if (request.dryRun) return finish(checkFound ? 'stopped' : 'ok', { check, message: checkFound ? conflictLine(check) : null });
    if (check.status === 'ERROR' || (checkFound && !request.force)) return finish('stopped', { check, message: conflictLine(check) });

    const posted = await postImport(target, 'dataValueSets', payload, { dryRun: false });
    // No answer: DHIS2 may or may not have imported. Nothing is recorded as sent, so the next push sends the values
    // again, and DHIS2 then counts those it already has as updated or ignored: safe either way.
    if (!posted.ok) return finish('failed', { check, message: posted.message });
    summary = posted.summary;
    if (summary.status === 'ERROR') return finish('error', { check, summary, message: conflictLine(summary) });
    acceptedValues = acceptedOf(summary, changed, valueCoordinates);
  }
  const valuesMessage = acceptedValues.length === changed.length ? null : summary ? conflictLine(summary) : null;

  // Completeness, for the desa whose values are all in DHIS2 now (refused ones keep their desa pending).
  const taken = new Set(acceptedValues);
  const pending = new Set(changed.filter((v) => !taken.has(v)).map((v) => v.orgUnit));
  const due = registrationsDue(pending);
  let reg: (RegistrationResult & { acceptedItems: CompleteDataSetRegistration[] }) | undefined;
  if (due.length > 0) {
    const posted = await postImport(target, 'completeDataSetRegistrations', { ...registrations, completeDataSetRegistrations: due }, { dryRun: false });
    if (!posted.ok) reg = { due: due.length, accepted: 0, summary: null, refused: [], failure: posted.message, acceptedItems: [] };
    else {
      const items = posted.summary.status === 'ERROR' ? [] : acceptedOf(posted.summary, due, registrationCoordinates);
      reg = { due: due.length, accepted: items.length, summary: posted.summary, refused: refusedOf(posted.summary, due, registrationCoordinates), failure: null, acceptedItems: items };
    }
  }
  const registrationMessage = !reg || reg.accepted === reg.due ? null : `completeness: ${reg.failure ?? (reg.summary ? conflictLine(reg.summary) : 'refused')}`;
  const message = [valuesMessage, registrationMessage].filter((m): m is string => m !== null).join('; ') || null;
  return finish(message === null ? 'ok' : 'partial', { check, summary, accepted: acceptedValues, ...(reg ? { registrations: reg } : {}), message });
}

/** The stored one-line reason: the first conflict in DHIS2's words, and how many there are. */
function conflictLine(summary: ImportSummary): string {
  const first = summary.conflicts[0];
  if (!first) return `DHIS2 answered ${summary.status}${summary.description ? `: ${summary.description}` : ''}`;
  const more = summary.conflicts.length > 1 ? ` (and ${summary.conflicts.length - 1} more)` : '';
  return `${first.errorCode ? `${first.errorCode} ` : ''}${first.value}${more}`;
}
