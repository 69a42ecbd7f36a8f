// A DHIS2 server on loopback that implements POST /api/dataValueSets the way DHIS2 2.40 does, closely enough for
// the push to be tested against it:
// - authentication: "Authorization: ApiToken <token>" or Basic; anything else is 401 (JSON web message);
// - identifiers read by idScheme, dataElementIdScheme, orgUnitIdScheme, dataSetIdScheme (CODE or UID; UID default),
//   from the payload first, then the URL, as DHIS2 does; a period on the set applies to all its values;
// - dryRun=true validates and counts but stores nothing;
// - importStrategy CREATE_AND_UPDATE (default), CREATE or UPDATE;
// - each value validated in DHIS2's order: data element (E7610), period (E7611), org unit (E7612), the user's
//   hierarchy (E7617), the value's type (E7619); a rejected value counts as ignored and its conflict is merged with
//   equal ones (indexes accumulate), as DHIS2 2.38+ does; an unknown data set aborts the import (E7600, ERROR);
// - a value equal to the stored one (value and comment) counts as ignored, as DHIS2 does since DHIS2-15254
//   (2.41, backported to 2.40.x in 2023-12; before it counted as updated): `unchangedCountsAs` picks either;
// - the answer: 2.38+ web message (200 when SUCCESS, 409 with status WARNING/ERROR), or with `legacy` the plain
//   import summary of 2.37 and earlier (always 200, conflicts only { object, value }).
// - POST /api/completeDataSetRegistrations: data set, period and org unit checked (conflicts name the object, without
//   codes or indexes, as DHIS2 gives them there), a new registration imported, an existing one updated.
// Every request is kept (`requests`), so a test can say "the server saw nothing".
import Fastify, { type FastifyInstance } from 'fastify';

type Scheme = 'CODE' | 'UID';

export interface FakeObject {
  code: string;
  uid: string;
}

export interface FakeDhis2Options {
  dataSets?: readonly string[];
  dataElements: readonly string[];
  orgUnits: readonly string[];
  /** Org unit codes that exist but are outside the import user's hierarchy (E7617). */
  outsideHierarchy?: readonly string[];
  token?: string;
  basic?: { username: string; password: string };
  /** Answer 403 to an authenticated import (a user without the authority). */
  forbidden?: boolean;
  /** 2.37 and earlier: the plain import summary. */
  legacy?: boolean;
  unchangedCountsAs?: 'ignored' | 'updated';
  /** Answer completeness registrations with a 503 page (a proxy in front of a DHIS2 that is restarting). */
  registrationsDown?: boolean;
}

export interface SeenRequest {
  endpoint: 'dataValueSets' | 'completeDataSetRegistrations';
  dryRun: boolean;
  query: Record<string, string>;
  authorization: string | undefined;
  dataSet: string | undefined;
  dataValues: { dataElement: string; period: string; orgUnit: string; value?: string; comment?: string }[];
  registrations: Registration[];
}

interface Registration {
  dataSet: string;
  period: string;
  organisationUnit: string;
  date?: string;
  completed?: boolean;
}

type Body = {
  dataSet?: string;
  period?: string;
  idScheme?: string;
  dataElementIdScheme?: string;
  orgUnitIdScheme?: string;
  dataSetIdScheme?: string;
  dataValues?: SeenRequest['dataValues'];
  completeDataSetRegistrations?: Registration[];
};

interface Conflict {
  object: string;
  objects: Record<string, string>;
  value: string;
  errorCode: string;
  property: string;
  indexes: number[];
}

interface Summary {
  status: 'SUCCESS' | 'WARNING' | 'ERROR';
  description: string;
  importCount: { imported: number; updated: number; ignored: number; deleted: number };
  /** Data value conflicts in full; registration conflicts only { object, value }, as DHIS2 gives them. */
  conflicts: (Conflict | { object: string; value: string })[];
  rejectedIndexes: number[];
}

let uidSeq = 0;
/** An 11-character DHIS2-like uid (a letter, then letters and digits). */
function uid(): string {
  uidSeq += 1;
  return `f${String(uidSeq).padStart(10, '0')}`;
}

function objects(codes: readonly string[]): FakeObject[] {
  return codes.map((code) => ({ code, uid: uid() }));
}

function scheme(value: string | undefined): Scheme | undefined {
  if (value === undefined) return undefined;
  return value.toUpperCase() === 'CODE' ? 'CODE' : 'UID';
}

export class FakeDhis2 {
  readonly requests: SeenRequest[] = [];
  readonly dataSets: FakeObject[];
  readonly dataElements: FakeObject[];
  readonly orgUnits: FakeObject[];
  /** Stored values: `${deUid}|${period}|${ouUid}` → value and comment. */
  readonly stored = new Map<string, { value: string; comment: string | null }>();
  /** Completeness registrations: `${dsUid}|${period}|${ouUid}` → date. */
  readonly registered = new Map<string, string>();
  #app: FastifyInstance | null = null;
  url = '';

  constructor(readonly options: FakeDhis2Options) {
    this.dataSets = objects(options.dataSets ?? ['IMP_FIDAL']);
    this.dataElements = objects(options.dataElements);
    this.orgUnits = objects(options.orgUnits);
  }

  async start(): Promise<this> {
    const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
    for (const endpoint of ['dataValueSets', 'completeDataSetRegistrations'] as const) {
      app.post(`/api/${endpoint}`, async (request, reply) => {
        const query = request.query as Record<string, string>;
        const body = (request.body ?? {}) as Body;
        const authorization = request.headers.authorization;
        this.requests.push({
          endpoint,
          dryRun: query.dryRun === 'true',
          query,
          authorization,
          dataSet: body.dataSet,
          dataValues: body.dataValues ?? [],
          registrations: body.completeDataSetRegistrations ?? [],
        });
        if (!this.#authenticated(authorization)) {
          return reply.code(401).send({ httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' });
        }
        if (this.options.forbidden) {
          return reply.code(403).send({ httpStatus: 'Forbidden', httpStatusCode: 403, status: 'ERROR', message: 'You don\'t have the proper permissions to access this page.' });
        }
        if (endpoint === 'completeDataSetRegistrations' && this.options.registrationsDown) {
          return reply.code(503).type('text/html').send('<html><body>503 Service Temporarily Unavailable</body></html>');
        }
        const summary = endpoint === 'dataValueSets' ? this.#import(body, query) : this.#register(body, query);
        if (this.options.legacy) {
          return reply.code(200).send({
            responseType: 'ImportSummary',
            status: summary.status,
            description: summary.description,
            importCount: summary.importCount,
            conflicts: summary.conflicts.map((c) => ({ object: c.object, value: c.value.replace(/: `[^`]*`$/, '') })),
            dataSetComplete: 'false',
          });
        }
        const ok = summary.status === 'SUCCESS';
        return reply.code(ok ? 200 : 409).send({
          httpStatus: ok ? 'OK' : 'Conflict',
          httpStatusCode: ok ? 200 : 409,
          status: ok ? 'OK' : summary.status,
          message: ok ? 'Import was successful.' : summary.status === 'ERROR' ? 'An error occurred, please check import summary.' : 'One more conflicts encountered, please check import summary.',
          response: { responseType: 'ImportSummary', ...summary, dataSetComplete: 'false' },
        });
      });
    }
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    this.url = `http://127.0.0.1:${address.port}`;
    this.#app = app;
    return this;
  }

  async close(): Promise<void> {
    await this.#app?.close();
    this.#app = null;
  }

  /** Real imports of data values only (dry runs and registrations left out). */
  get imports(): SeenRequest[] {
    return this.requests.filter((r) => r.endpoint === 'dataValueSets' && !r.dryRun);
  }

  /** The org unit codes registered as complete for a period (YYYYMM). */
  completeIn(period: string): string[] {
    return this.orgUnits.filter((o) => [...this.registered.keys()].some((k) => k.endsWith(`|${period}|${o.uid}`))).map((o) => o.code);
  }

  /** The stored value at codes (data element, period, org unit), or undefined. */
  valueAt(dataElement: string, period: string, orgUnit: string): string | undefined {
    const de = this.dataElements.find((d) => d.code === dataElement);
    const ou = this.orgUnits.find((o) => o.code === orgUnit);
    return de && ou ? this.stored.get(`${de.uid}|${period}|${ou.uid}`)?.value : undefined;
  }

  #authenticated(header: string | undefined): boolean {
    if (!header) return false;
    const { token, basic } = this.options;
    if (token !== undefined && header === `ApiToken ${token}`) return true;
    if (basic !== undefined && header === `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`) return true;
    return false;
  }

  #find(list: readonly FakeObject[], id: string | undefined, by: Scheme): FakeObject | undefined {
    if (id === undefined) return undefined;
    return list.find((o) => (by === 'CODE' ? o.code : o.uid) === id);
  }

  /** The id schemes: the payload's, else the URL's, else idScheme, else UID. */
  #schemes(body: Body, query: Record<string, string>) {
    const idScheme = scheme(body.idScheme) ?? scheme(query.idScheme) ?? 'UID';
    return {
      de: scheme(body.dataElementIdScheme) ?? scheme(query.dataElementIdScheme) ?? idScheme,
      ou: scheme(body.orgUnitIdScheme) ?? scheme(query.orgUnitIdScheme) ?? idScheme,
      ds: scheme(body.dataSetIdScheme) ?? scheme(query.dataSetIdScheme) ?? idScheme,
    };
  }

  #register(body: Body, query: Record<string, string>): Summary {
    const { ou: ouScheme, ds: dsScheme } = this.#schemes(body, query);
    const dryRun = query.dryRun === 'true';
    const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
    const conflicts: { object: string; value: string }[] = [];
    for (const r of body.completeDataSetRegistrations ?? []) {
      const ds = this.#find(this.dataSets, r.dataSet, dsScheme);
      const ou = this.#find(this.orgUnits, r.organisationUnit, ouScheme);
      const problem = !ds ? [r.dataSet, 'Data set not found or not accessible'] : !/^\d{4}(0[1-9]|1[0-2])$/.test(r.period) ? [r.period, 'Period not valid'] : !ou ? [r.organisationUnit, 'Organisation unit not found or not accessible'] : null;
      if (problem) {
        conflicts.push({ object: problem[0]!, value: problem[1]! });
        count.ignored += 1;
        continue;
      }
      const key = `${ds!.uid}|${r.period}|${ou!.uid}`;
      if (this.registered.has(key)) count.updated += 1;
      else count.imported += 1;
      if (!dryRun) this.registered.set(key, r.date ?? '');
    }
    return {
      status: conflicts.length > 0 ? 'WARNING' : 'SUCCESS',
      description: 'Import process completed successfully',
      importCount: count,
      conflicts,
      rejectedIndexes: [],
    };
  }

  #import(body: Body, query: Record<string, string>): Summary {
    const { de: deScheme, ou: ouScheme, ds: dsScheme } = this.#schemes(body, query);
    const dryRun = query.dryRun === 'true';
    const strategy = query.importStrategy ?? 'CREATE_AND_UPDATE';
    const values = body.dataValues ?? [];
    const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
    const conflicts: Conflict[] = [];
    const rejected: number[] = [];
    const conflict = (index: number, errorCode: string, property: string, object: string, message: string) => {
      const known = conflicts.find((c) => c.errorCode === errorCode && c.object === object);
      if (known) known.indexes.push(index);
      else conflicts.push({ object, objects: { [property]: object }, value: `${message}: \`${object}\``, errorCode, property, indexes: [index] });
      rejected.push(index);
      count.ignored += 1;
    };

    if (body.dataSet !== undefined && !this.#find(this.dataSets, body.dataSet, dsScheme)) {
      conflicts.push({ object: body.dataSet, objects: { dataSet: body.dataSet }, value: `Data set not found or not accessible: \`${body.dataSet}\``, errorCode: 'E7600', property: 'dataSet', indexes: [] });
      count.ignored = values.length;
      return { status: 'ERROR', description: 'Import process was aborted', importCount: count, conflicts, rejectedIndexes: [] };
    }
    const outside = new Set(this.options.outsideHierarchy ?? []);
    values.forEach((v, index) => {
      // A period on the set is the period of every value (DHIS2's "outer" period).
      const period = body.period ?? v.period;
      const de = this.#find(this.dataElements, v.dataElement, deScheme);
      if (!de) return conflict(index, 'E7610', 'dataElement', v.dataElement, 'Data element not found or not accessible');
      if (!/^\d{4}(0[1-9]|1[0-2])$/.test(period ?? '')) return conflict(index, 'E7611', 'period', String(period), 'Period not valid');
      const ou = this.#find(this.orgUnits, v.orgUnit, ouScheme);
      if (!ou) return conflict(index, 'E7612', 'orgUnit', v.orgUnit, 'Organisation unit not found or not accessible');
      if (outside.has(ou.code)) return conflict(index, 'E7617', 'orgUnit', ou.uid, 'Organisation unit not in hierarchy of current user');
      if (v.value === undefined || !/^\d+$/.test(v.value)) return conflict(index, 'E7619', 'value', de.uid, 'Value must match data element\'s type constraints (zero or positive integer)');
      const key = `${de.uid}|${period}|${ou.uid}`;
      const existing = this.stored.get(key);
      const next = { value: v.value, comment: v.comment ?? null };
      if (existing) {
        if (strategy === 'CREATE') count.ignored += 1;
        else if (existing.value === next.value && existing.comment === next.comment && (this.options.unchangedCountsAs ?? 'ignored') === 'ignored') count.ignored += 1;
        else {
          count.updated += 1;
          if (!dryRun) this.stored.set(key, next);
        }
      } else if (strategy === 'UPDATE') {
        count.ignored += 1;
      } else {
        count.imported += 1;
        if (!dryRun) this.stored.set(key, next);
      }
    });
    return {
      status: conflicts.length > 0 ? 'WARNING' : 'SUCCESS',
      description: 'Import process completed successfully',
      importCount: count,
      conflicts,
      rejectedIndexes: rejected,
    };
  }
}
