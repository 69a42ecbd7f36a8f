// Reads the mapping file named by --mapping or IMP_DHIS2_MAPPING (mapping.ts checks it). Shared by the DHIS2
// commands and the push, so both send under the same codes.
import { readFileSync } from 'node:fs';
import type { AreaDirectory } from '../../areas/directory.js';
import { Dhis2MappingError, EMPTY_MAPPING, parseMappingCsv, type Dhis2Mapping } from './mapping.js';

/** No file: our own codes. An unreadable file is a Dhis2MappingError naming it, like a bad row. */
export function readMappingFile(file: string | null | undefined, areas: AreaDirectory): Dhis2Mapping {
  if (!file) return EMPTY_MAPPING;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'no permission' : (error as Error).message;
    throw new Dhis2MappingError([`cannot read the DHIS2 mapping ${file}: ${why}`]);
  }
  return parseMappingCsv(text, areas, file);
}
