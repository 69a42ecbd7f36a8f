// `imp-smart dhis2 metadata|export`: the F/I/Dal as a DHIS2 metadata package, and a month's recaps as DHIS2 data
// (docs/OPERATIONS.md "DHIS2"). Loaded only for these commands (cli-commands.ts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { openReadyDatabase } from '../db/bootstrap.js';
import { recordAudit } from '../db/repos/audit.repo.js';
import { buildCompleteRegistrations, buildDataValueSet, loadDhis2Recaps } from '../reports/dhis2/data-values.js';
import { CompleteRegistrationsSchema, DataValueSetSchema } from '../reports/dhis2/format.js';
import { Dhis2MappingError, type Dhis2Mapping } from '../reports/dhis2/mapping.js';
import { readMappingFile } from '../reports/dhis2/mapping-file.js';
import { buildMetadata, metadataJson } from '../reports/dhis2/metadata.js';
import { checkMetadata } from '../reports/dhis2/references.js';
import { exportAreaLabel } from '../reports/recap-export.js';
import { AdminUsageError, type Output } from './commands.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DEFAULT_METADATA_FILE = 'imp-smart-dhis2.json';

const USAGE = [
  'usage: imp-smart dhis2 metadata [--out FILE.json] [--mapping FILE.csv] [--no-org-units] [--db PATH]',
  '       imp-smart dhis2 export --period YYYY-MM [--kecamatan CODE] [--include-unverified] [--mapping FILE.csv] [--out FILE.json] [--db PATH]',
].join('\n');

/** Where the completeness registrations go: beside the data values, `X.json` → `X.complete.json`. */
export function completenessFile(valuesFile: string): string {
  return valuesFile.endsWith('.json') ? `${valuesFile.slice(0, -'.json'.length)}.complete.json` : `${valuesFile}.complete.json`;
}

export async function runDhis2Command(argv: string[], config: Config, io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      out: { type: 'string' },
      mapping: { type: 'string' },
      period: { type: 'string' },
      kecamatan: { type: 'string' },
      'include-unverified': { type: 'boolean' },
      'no-org-units': { type: 'boolean' },
    },
  });
  const [sub, extra] = positionals;
  if (extra !== undefined || (sub !== 'metadata' && sub !== 'export')) throw new AdminUsageError(USAGE);
  const database = openReadyDatabase(values.db ?? config.dbPath, { create: false });
  try {
    const settings = { pusRule: config.recap.pusRule, parts: config.recap.parts };
    const areas = database.areas;
    const mapping = withUsageErrors(() => readMappingFile(values.mapping ?? config.dhis2.mappingFile, areas));

    if (sub === 'metadata') {
      if (values.period || values.kecamatan || values['include-unverified']) throw new AdminUsageError(`dhis2 metadata takes no --period, --kecamatan or --include-unverified\n${USAGE}`);
      const pkg = withUsageErrors(() => buildMetadata(areas, { settings, mapping, includeOrgUnits: !values['no-org-units'], timelyDays: config.recap.dueDay }));
      const problems = checkMetadata(pkg.metadata, pkg.externalIds);
      // The builder made something DHIS2 would refuse: a bug, so nothing is written.
      if (problems.length > 0) throw new Error(`the DHIS2 metadata is inconsistent, nothing written: ${problems.join('; ')}`);
      const file = values.out ?? DEFAULT_METADATA_FILE;
      writeFileSync(file, metadataJson(pkg.metadata));
      const m = pkg.metadata;
      io.out(
        `DHIS2 metadata → ${resolve(file)}: ${m.dataSets?.length ?? 0} data set, ${m.dataElements.length} data elements, ${m.indicators.length} indicators, ` +
          `${m.validationRules.length} validation rules, ${m.organisationUnits?.length ?? 0} org units${describeMapping(mapping)}`,
      );
      for (const note of pkg.notes) io.out(`  ${note}`);
      io.out('Import it in DHIS2: Import/Export → Metadata import (or POST /api/metadata); a later import of a new file updates these objects.');
      return 0;
    }

    if (values['no-org-units']) throw new AdminUsageError(`dhis2 export takes no --no-org-units\n${USAGE}`);
    const period = values.period;
    if (!period) throw new AdminUsageError(`--period YYYY-MM is required\n${USAGE}`);
    if (!PERIOD.test(period)) throw new AdminUsageError(`--period must be YYYY-MM (got "${period}")`);
    const kecamatan = values.kecamatan;
    if (kecamatan !== undefined && !areas.isKecamatan(kecamatan)) throw new AdminUsageError(`--kecamatan: ${kecamatan} is not a kecamatan code (see imp-smart areas list)`);
    const includeUnverified = values['include-unverified'] ?? false;

    const rows = loadDhis2Recaps(database.db, { period, kecamatan, includeUnverified });
    const options = { period, settings, mapping };
    // Checked against DHIS2's format before anything is written, like the metadata.
    const valueSet = DataValueSetSchema.parse(buildDataValueSet(rows, options));
    const registrations = CompleteRegistrationsSchema.parse(buildCompleteRegistrations(rows, options));
    const file = values.out ?? `dhis2-${period}${kecamatan ? `-${kecamatan}` : ''}.json`;
    const complete = completenessFile(file);
    writeFileSync(file, `${JSON.stringify(valueSet, null, 2)}\n`);
    writeFileSync(complete, `${JSON.stringify(registrations, null, 2)}\n`);
    recordAudit(database.db, {
      actor: { kind: 'cli' },
      action: 'export.dhis2',
      at: systemClock.now(),
      areaCode: kecamatan ?? areas.kabupaten().code,
      period,
      detail: { recaps: rows.length, values: valueSet.dataValues.length, includeUnverified },
    });
    const which = includeUnverified ? 'verified and waiting for verification' : 'verified';
    io.out(`${exportAreaLabel(areas, kecamatan)}, ${period}: ${rows.length} desa recap(s) (${which}), ${valueSet.dataValues.length} values${describeMapping(mapping)}`);
    io.out(`  data values → ${resolve(file)} (POST /api/dataValueSets?idScheme=CODE)`);
    io.out(`  completeness → ${resolve(complete)} (POST /api/completeDataSetRegistrations?idScheme=CODE)`);
    return 0;
  } finally {
    database.close();
  }
}

/** A bad mapping is the operator's to fix: one line per bad row, exit code 2 like every usage error. */
function withUsageErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Dhis2MappingError) throw new AdminUsageError(error.message);
    throw error;
  }
}

function describeMapping(mapping: Dhis2Mapping): string {
  if (!mapping.source) return '';
  const n = mapping.dataElements.size + mapping.orgUnits.size + (mapping.dataSet ? 1 : 0);
  return ` (mapping ${mapping.source}: ${n} code(s) of the instance's own)`;
}
