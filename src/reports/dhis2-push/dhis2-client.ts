// The requests the push makes: POST /api/dataValueSets and /api/completeDataSetRegistrations (JSON, codes,
// CREATE_AND_UPDATE), as a dry run or for real. Every way one can go wrong becomes one plain line for the operator;
// the credentials never appear in it (nor in a log: nothing here logs).
import type { Dhis2Auth } from './dhis2-auth.js';
import { readImportSummary, webMessageText, type ImportSummary } from './import-summary.js';

export interface Dhis2Target {
  /** The DHIS2 base URL (https://dhis2.example.org or …/dhis), without a trailing slash. */
  url: string;
  auth: Dhis2Auth;
  timeoutMs: number;
  /** Node's fetch unless a test gives another. */
  fetch?: typeof fetch;
}

export type PostFailure =
  | 'unreachable' // no connection (DNS, refused, TLS, reset) or no answer in time
  | 'unauthorized' // 401, or a redirect to the login page
  | 'forbidden' // 403: signed in, but may not import data
  | 'not_found' // 404: no DHIS2 API at that URL
  | 'bad_answer'; // an answer that is not an import summary (5xx, HTML, another web message)

export type PostResult = { ok: true; httpStatus: number; summary: ImportSummary } | { ok: false; failure: PostFailure; message: string };

/** What is imported: the values, or the desa's completeness registrations. */
export type ImportEndpoint = 'dataValueSets' | 'completeDataSetRegistrations';

/** The import URL: codes for every identifier, create or update, dry run or not. */
export function importUrl(baseUrl: string, endpoint: ImportEndpoint, dryRun: boolean): string {
  const params = new URLSearchParams({ idScheme: 'CODE', dryRun: String(dryRun), importStrategy: 'CREATE_AND_UPDATE' });
  return `${baseUrl}/api/${endpoint}?${params.toString()}`;
}

function failure(failure: PostFailure, message: string): PostResult {
  return { ok: false, failure, message };
}

/** Why a connection failed, from Node's error (its cause carries the system code: ECONNREFUSED, ENOTFOUND…). */
function connectionProblem(error: unknown, target: Dhis2Target): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return `DHIS2 at ${target.url} did not answer within ${Math.round(target.timeoutMs / 1000)} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `cannot reach DHIS2 at ${target.url} (${detail}): check IMP_DHIS2_URL and the server's network`;
}

/** POSTs one import and reads DHIS2's import summary, or says in one line why there is none. */
export async function postImport(target: Dhis2Target, endpoint: ImportEndpoint, payload: unknown, options: { dryRun: boolean }): Promise<PostResult> {
  const doFetch = target.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(importUrl(target.url, endpoint, options.dryRun), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: target.auth.header() },
      body: JSON.stringify(payload),
      // DHIS2 sends an unauthenticated browser to its login page; followed, that would look like a 200 HTML answer.
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    return failure('unreachable', connectionProblem(error, target));
  }
  let body: unknown = null;
  let raw = '';
  try {
    raw = await response.text();
    body = raw === '' ? null : JSON.parse(raw);
  } catch (error) {
    if (raw === '') return failure('unreachable', connectionProblem(error, target));
    body = null; // not JSON: told below
  }
  const said = webMessageText(body);
  const credentials = target.auth.kind === 'token' ? 'IMP_DHIS2_TOKEN (a personal access token)' : 'IMP_DHIS2_USERNAME and IMP_DHIS2_PASSWORD';
  if (response.status === 401 || (response.status >= 300 && response.status < 400)) {
    return failure('unauthorized', `DHIS2 refused the credentials (HTTP ${response.status}${said ? `: ${said}` : ''}): check ${credentials}`);
  }
  if (response.status === 403) {
    return failure('forbidden', `DHIS2 accepted the credentials but refused the import (HTTP 403${said ? `: ${said}` : ''}): the DHIS2 user needs the authority to import data values and write access to the data set`);
  }
  if (response.status === 404) {
    return failure('not_found', `no DHIS2 API at ${target.url}/api/${endpoint} (HTTP 404): IMP_DHIS2_URL must be the DHIS2 base URL`);
  }
  const summary = readImportSummary(body);
  if (summary && (response.ok || response.status === 409)) return { ok: true, httpStatus: response.status, summary };
  const what = body === null ? `${raw.length === 0 ? 'an empty answer' : 'an answer that is not JSON'}` : said ? `"${said}"` : 'an answer that is not an import summary';
  return failure('bad_answer', `DHIS2 at ${target.url} answered HTTP ${response.status} with ${what}`);
}
