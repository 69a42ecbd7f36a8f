// Mapping overrides: a DHIS2 instance that already has its own data elements, org units or data set for the F/I/Dal
// names them with its own codes. A CSV `type,our_key,their_code[,their_id]` says which of ours is which of theirs.
//
// What a mapped object means (the decision, see docs/OPERATIONS.md "DHIS2"): it already exists there and is theirs.
// The payload names it by their code; the metadata file neither creates nor changes it, and refers to it by their
// UID (`their_id`), which DHIS2 needs wherever one object points at another (data set elements, indicator and rule
// expressions, org unit parents). The export needs only their code.
import { parse } from 'csv-parse/sync';
import type { AreaDirectory } from '../../areas/directory.js';
import { FIELD_BY_ID, FIELD_BY_KEY } from '../../domain/recap/fields.js';
import { DATA_SET_CODE } from './codes.js';
import { isDhis2Uid } from './uid.js';

export const MAPPING_TYPES = ['dataElement', 'orgUnit', 'dataSet'] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

export interface MappingEntry {
  /** Line in the file (the header is line 1), for messages that send the operator back to the row. */
  line: number;
  type: MappingType;
  /** A field id (`pa_iud`), a Kemendagri area code (or the province code, the kabupaten's parent), or `IMP_FIDAL`. */
  ourKey: string;
  theirCode: string;
  /** Their UID, when given: the metadata file refers to their object by it. */
  theirId: string | null;
}

export interface Dhis2Mapping {
  /** The file it was read from, for messages; '' for no mapping. */
  source: string;
  /** By field id. */
  dataElements: ReadonlyMap<string, MappingEntry>;
  /** By area code. */
  orgUnits: ReadonlyMap<string, MappingEntry>;
  dataSet: MappingEntry | null;
}

export const EMPTY_MAPPING: Dhis2Mapping = { source: '', dataElements: new Map(), orgUnits: new Map(), dataSet: null };

/** One bad row per line, or a problem with the file as a whole; the message names the file and the line. */
export class Dhis2MappingError extends Error {
  override name = 'Dhis2MappingError';
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}

/** DHIS2 keeps codes in a 50-character column (identifiableProperties.hbm: code length 50). */
const MAX_CODE = 50;
const REQUIRED = ['type', 'our_key', 'their_code'] as const;

/** The province a kabupaten belongs to ("73" for "73.06"): a mapping row for it only gives the kabupaten a parent. */
export function provinceCode(areas: AreaDirectory): string {
  return areas.kabupaten().code.split('.')[0]!;
}

/**
 * Reads and checks a mapping file. Every bad row becomes one line `FILE line N: …`, all of them at once, and nothing
 * is used if there is any (like the people import): a half-applied mapping would send values under the wrong codes.
 */
export function parseMappingCsv(text: string, areas: AreaDirectory, fileName: string): Dhis2Mapping {
  const fail = (line: number, reason: string) => `${fileName} line ${line}: ${reason}`;
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  } catch (error) {
    throw new Dhis2MappingError([fail((error as { lines?: number }).lines ?? 1, `not a readable CSV file (${(error as Error).message})`)]);
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Dhis2MappingError([fail(1, `missing column(s) ${missing.join(', ')}; expected type,our_key,their_code[,their_id]`)]);

  const errors: string[] = [];
  const entries: MappingEntry[] = [];
  const seenKey = new Map<string, number>();
  const seenCode = new Map<string, number>();
  const seenId = new Map<string, number>();
  const province = provinceCode(areas);
  for (const { record, info } of records) {
    const line = info.lines;
    const get = (c: string) => (record[c] ?? '').trim();
    const type = MAPPING_TYPES.find((t) => t.toLowerCase() === get('type').toLowerCase());
    const ourKey = get('our_key');
    const theirCode = get('their_code');
    const theirId = get('their_id') || null;
    if (!type) {
      errors.push(fail(line, `unknown type "${get('type')}" (expected ${MAPPING_TYPES.join(', ')})`));
      continue;
    }
    const unknown = unknownKey(type, ourKey, areas, province);
    if (unknown) {
      errors.push(fail(line, unknown));
      continue;
    }
    if (!theirCode) {
      errors.push(fail(line, `their_code is empty for ${type} ${ourKey}`));
      continue;
    }
    if (theirCode.length > MAX_CODE) {
      errors.push(fail(line, `their_code "${theirCode}" is longer than DHIS2's ${MAX_CODE} characters`));
      continue;
    }
    if (theirId !== null && !isDhis2Uid(theirId)) {
      errors.push(fail(line, `their_id "${theirId}" is not a DHIS2 UID (11 letters and digits, a letter first)`));
      continue;
    }
    // Two of ours onto one of theirs would make one value overwrite the other in DHIS2.
    const duplicates: Array<[Map<string, number>, string, string]> = [
      [seenKey, `${type}\u0000${ourKey}`, `${type} ${ourKey} is already mapped`],
      [seenCode, `${type}\u0000${theirCode}`, `their_code ${theirCode} is already used for another ${type}`],
      ...(theirId ? [[seenId, `${type}\u0000${theirId}`, `their_id ${theirId} is already used for another ${type}`] as [Map<string, number>, string, string]] : []),
    ];
    const clash = duplicates.find(([seen, key]) => seen.has(key));
    if (clash) {
      errors.push(fail(line, `${clash[2]} on line ${clash[0].get(clash[1])}`));
      continue;
    }
    for (const [seen, key] of duplicates) seen.set(key, line);
    entries.push({ line, type, ourKey, theirCode, theirId });
  }
  if (errors.length > 0) throw new Dhis2MappingError(errors);
  return {
    source: fileName,
    dataElements: new Map(entries.filter((e) => e.type === 'dataElement').map((e) => [e.ourKey, e])),
    orgUnits: new Map(entries.filter((e) => e.type === 'orgUnit').map((e) => [e.ourKey, e])),
    dataSet: entries.find((e) => e.type === 'dataSet') ?? null,
  };
}

/** Why `ourKey` is not one of ours for `type`, or null when it is. */
function unknownKey(type: MappingType, ourKey: string, areas: AreaDirectory, province: string): string | null {
  if (!ourKey) return `our_key is empty for ${type}`;
  switch (type) {
    case 'dataElement': {
      if (FIELD_BY_ID.has(ourKey)) return null;
      // The fast-entry key is what a cadre types; the stored field id is the data element's code.
      const byKey = FIELD_BY_KEY.get(ourKey.toUpperCase());
      return byKey ? `unknown dataElement key "${ourKey}": use the field id "${byKey.id}" (the fast-entry key is not the code)` : `unknown dataElement key "${ourKey}" (not a field of the recap; see the codes in imp-smart-dhis2.json)`;
    }
    case 'orgUnit':
      return areas.get(ourKey) || ourKey === province ? null : `unknown orgUnit key "${ourKey}" (not a Kemendagri code of ${areas.label(areas.kabupaten().code)}; see imp-smart areas list)`;
    case 'dataSet':
      return ourKey === DATA_SET_CODE ? null : `unknown dataSet key "${ourKey}" (ours is ${DATA_SET_CODE})`;
  }
}

/** The code DHIS2 knows a field by: theirs when mapped, else the field id. */
export function dataElementCode(fieldId: string, mapping: Dhis2Mapping): string {
  return mapping.dataElements.get(fieldId)?.theirCode ?? fieldId;
}

/** The code DHIS2 knows an area by: theirs when mapped, else the Kemendagri code. */
export function orgUnitCode(areaCode: string, mapping: Dhis2Mapping): string {
  return mapping.orgUnits.get(areaCode)?.theirCode ?? areaCode;
}

export function dataSetCode(mapping: Dhis2Mapping): string {
  return mapping.dataSet?.theirCode ?? DATA_SET_CODE;
}
