// DHIS2's answer to POST /api/dataValueSets, read in both shapes it has had, into one. Pure.
// - 2.38 and later wrap the import summary in a web message, with HTTP 409 when there are conflicts:
//   { httpStatus: "Conflict", httpStatusCode: 409, status: "WARNING", message,
//     response: { responseType: "ImportSummary", status: "WARNING", importCount: { imported, updated, ignored, deleted },
//                 conflicts: [{ object, objects: { orgUnit: "…" }, value, errorCode: "E7612", property, indexes: [3] }],
//                 rejectedIndexes: [3] } }
// - before 2.38 the import summary is the body itself (HTTP 200): { responseType, status, importCount, conflicts:
//   [{ object, value }] }.

export type ImportStatus = 'SUCCESS' | 'WARNING' | 'ERROR';

export interface ImportCount {
  imported: number;
  updated: number;
  ignored: number;
  deleted: number;
}

export interface ImportConflict {
  /** The identifier DHIS2 complains about (a code as sent, or a uid), when it says. */
  object: string | null;
  /** 2.38+: the identifiers by property ({ orgUnit: "…" }). */
  objects: Record<string, string>;
  /** DHIS2's message. */
  value: string;
  errorCode: string | null;
  property: string | null;
  /** 2.38+: the positions of the values this conflict rejected, in the request's dataValues. */
  indexes: number[];
}

export interface ImportSummary {
  status: ImportStatus;
  count: ImportCount;
  conflicts: ImportConflict[];
  /** 2.38+: every position DHIS2 rejected; empty before. */
  rejectedIndexes: number[];
  description: string | null;
  /** Which shape it came in (for the report and the tests). */
  shape: 'web-message' | 'plain';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const int = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
const ints = (v: unknown): number[] => (Array.isArray(v) ? v.filter((i): i is number => Number.isInteger(i) && i >= 0) : []);

function statusOf(v: unknown): ImportStatus {
  // "OK" is the web message's word for SUCCESS; anything unknown is treated as the worst.
  if (v === 'SUCCESS' || v === 'OK') return 'SUCCESS';
  if (v === 'WARNING') return 'WARNING';
  return 'ERROR';
}

function conflictOf(raw: unknown): ImportConflict | null {
  if (!isObject(raw)) return null;
  const objects: Record<string, string> = {};
  if (isObject(raw.objects)) {
    for (const [key, value] of Object.entries(raw.objects)) {
      const t = text(value);
      if (t !== null) objects[key] = t;
    }
  }
  return {
    object: text(raw.object),
    objects,
    value: text(raw.value) ?? 'no message',
    errorCode: text(raw.errorCode),
    property: text(raw.property),
    indexes: ints(raw.indexes),
  };
}

function isSummary(v: unknown): v is Json {
  return isObject(v) && (v.responseType === 'ImportSummary' || isObject(v.importCount));
}

/** The import summary in a DHIS2 answer, or null when the body is not one (an error page, another web message). */
export function readImportSummary(body: unknown): ImportSummary | null {
  const wrapped = isObject(body) && isSummary(body.response);
  const summary = wrapped ? (body.response as Json) : isSummary(body) ? body : null;
  if (!summary) return null;
  const count = isObject(summary.importCount) ? summary.importCount : {};
  return {
    status: statusOf(summary.status),
    count: { imported: int(count.imported), updated: int(count.updated), ignored: int(count.ignored), deleted: int(count.deleted) },
    conflicts: (Array.isArray(summary.conflicts) ? summary.conflicts : []).map(conflictOf).filter((c): c is ImportConflict => c !== null),
    rejectedIndexes: ints(summary.rejectedIndexes),
    description: text(summary.description),
    shape: wrapped ? 'web-message' : 'plain',
  };
}

/** DHIS2's own message in an error answer ({ message } of a web message), if any. */
export function webMessageText(body: unknown): string | null {
  if (!isObject(body)) return null;
  return text(body.message) ?? (isObject(body.response) ? text(body.response.description) : null);
}

/**
 * Which of the sent values a conflict rejected: by its indexes (2.38+), else by the identifiers it names (older
 * versions name the org unit or data element code as sent). Null when it cannot be told (a uid we never sent, a
 * set-level conflict): then no value of the request can be taken as accepted.
 */
export function rejectedBy(conflict: ImportConflict, values: readonly { orgUnit: string; dataElement: string; period: string }[]): number[] | null {
  if (conflict.indexes.length > 0) return conflict.indexes.filter((i) => i < values.length);
  const named = new Set([conflict.object, ...Object.values(conflict.objects)].filter((v): v is string => v !== null && v !== ''));
  if (named.size === 0) return null;
  const hit: number[] = [];
  values.forEach((v, i) => {
    if (named.has(v.orgUnit) || named.has(v.dataElement)) hit.push(i);
  });
  return hit.length > 0 ? hit : null;
}

/**
 * The positions of the values DHIS2 did not take, or null when it cannot be told which (then none is taken as
 * accepted). An ERROR status rejects the whole request.
 */
export function rejectedPositions(summary: ImportSummary, values: readonly { orgUnit: string; dataElement: string; period: string }[]): Set<number> | null {
  if (summary.status === 'ERROR') return null;
  const rejected = new Set(summary.rejectedIndexes.filter((i) => i < values.length));
  for (const conflict of summary.conflicts) {
    const hit = rejectedBy(conflict, values);
    if (hit === null) return null;
    for (const i of hit) rejected.add(i);
  }
  return rejected;
}
