// Which desa and which field a DHIS2 data value is, in words, so a conflict can be told as "Desa Pakatto, Kec.
// Bontomarannu — Peserta KB aktif IUD" instead of two codes: the mapping read backwards over the rows that were sent.
import type { AreaDirectory } from '../../areas/directory.js';
import { RECAP_FIELDS } from '../../domain/recap/fields.js';
import type { Dhis2RecapRow } from '../dhis2/data-values.js';
import { dataElementCode, orgUnitCode, type Dhis2Mapping } from '../dhis2/mapping.js';

export interface ValueLabels {
  /** "Desa Pakatto, Kec. Bontomarannu", or null for a code no row was mapped to. */
  place(orgUnit: string): string | null;
  /** "Peserta KB aktif IUD", or null for an unknown code. */
  field(dataElement: string): string | null;
}

export function valueLabels(areas: AreaDirectory, rows: readonly Dhis2RecapRow[], mapping: Dhis2Mapping): ValueLabels {
  const places = new Map(rows.map((r) => [orgUnitCode(r.desaCode, mapping), areas.label(r.desaCode)]));
  const fields = new Map(RECAP_FIELDS.map((f) => [dataElementCode(f.id, mapping), f.label]));
  return { place: (orgUnit) => places.get(orgUnit) ?? null, field: (dataElement) => fields.get(dataElement) ?? null };
}
