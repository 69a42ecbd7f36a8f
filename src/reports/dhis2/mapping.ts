// PLACEHOLDER for the mapping overrides of the other worktree (wt-d), which replaces this file at merge (theirs reads
// the CSV `type,our_key,their_code[,their_id]`). The codes DHIS2 knows our objects by: theirs when mapped, else ours.
import { DATA_SET_CODE } from './codes.js';

export const MAPPING_TYPES = ['dataElement', 'orgUnit', 'dataSet'] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

export interface MappingEntry {
  line: number;
  type: MappingType;
  ourKey: string;
  theirCode: string;
  theirId: string | null;
}

export interface Dhis2Mapping {
  source: string;
  dataElements: ReadonlyMap<string, MappingEntry>;
  orgUnits: ReadonlyMap<string, MappingEntry>;
  dataSet: MappingEntry | null;
}

export const EMPTY_MAPPING: Dhis2Mapping = { source: '', dataElements: new Map(), orgUnits: new Map(), dataSet: null };

export class Dhis2MappingError extends Error {
  override name = 'Dhis2MappingError';
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
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
