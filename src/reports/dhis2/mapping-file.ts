// PLACEHOLDER for the mapping file reader of the other worktree (wt-d), which replaces this file at merge: theirs
// reads and checks the CSV named by --mapping or IMP_DHIS2_MAPPING. Until then only "no file" (our own codes) works.
import type { AreaDirectory } from '../../areas/directory.js';
import { Dhis2MappingError, EMPTY_MAPPING, type Dhis2Mapping } from './mapping.js';

export function readMappingFile(file: string | null | undefined, _areas: AreaDirectory): Dhis2Mapping {
  if (!file) return EMPTY_MAPPING;
  throw new Dhis2MappingError([`cannot read the DHIS2 mapping ${file}: mapping files arrive with the DHIS2 export`]);
}
