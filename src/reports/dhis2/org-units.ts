// The org unit tree of the kabupaten (kabupaten → kecamatan → desa/kelurahan) with the Kemendagri codes, for an
// instance that does not have it yet, and the references the data set needs to be assigned to every desa.
// A mapped unit exists in the instance already: it is left out and referred to by its UID (their_id). A mapping row
// for the province code ("73") gives the kabupaten its parent in an instance that has the province; without one the
// kabupaten is a root.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Area } from '../../areas/types.js';
import { ORG_UNIT_OPENING_DATE } from './codes.js';
import type { Dhis2OrganisationUnit, Dhis2Ref } from './format.js';
import { provinceCode, type Dhis2Mapping } from './mapping.js';
import { dhis2Uid } from './uid.js';

export interface OrgUnitTree {
  /** The units to create, parents before children (empty without org units). */
  organisationUnits: Dhis2OrganisationUnit[];
  /** The desa the data set can be assigned to (by their UID or ours). */
  dataSetUnits: Dhis2Ref[];
  /** Desa the data set cannot be assigned to: mapped without their_id, or not created with --no-org-units. */
  unassigned: string[];
  /** Mapping rows the tree needs a UID from and that have none: `line N: …`. */
  problems: string[];
}

function unitName(area: Area): string {
  if (area.level === 'kabupaten') return `Kabupaten ${area.name}`;
  if (area.level === 'kecamatan') return `Kecamatan ${area.name}`;
  return `${area.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${area.name}`;
}

export function orgUnitTree(areas: AreaDirectory, mapping: Dhis2Mapping, includeOrgUnits: boolean): OrgUnitTree {
  const kabupaten = areas.kabupaten();
  const tree: Area[] = [kabupaten, ...areas.kecamatanList().filter((k) => k.parentCode === kabupaten.code)];
  const desa = tree.slice(1).flatMap((k) => areas.desaOf(k.code));
  tree.push(...desa);
  const problems: string[] = [];

  /** The UID of a unit in the instance after the import, or null when there is none to name. */
  const uidOf = (code: string): string | null => {
    const mapped = mapping.orgUnits.get(code);
    if (mapped) return mapped.theirId;
    return includeOrgUnits ? dhis2Uid('organisationUnit', code) : null;
  };

  const organisationUnits: Dhis2OrganisationUnit[] = [];
  if (includeOrgUnits) {
    for (const area of tree) {
      if (mapping.orgUnits.has(area.code)) continue;
      const parentCode = area.level === 'kabupaten' ? provinceCode(areas) : area.parentCode!;
      const parentMapping = mapping.orgUnits.get(parentCode);
      const name = unitName(area);
      const unit: Dhis2OrganisationUnit = { id: dhis2Uid('organisationUnit', area.code), code: area.code, name, shortName: name, openingDate: ORG_UNIT_OPENING_DATE };
      if (parentMapping && !parentMapping.theirId) {
        problems.push(`line ${parentMapping.line}: orgUnit ${parentCode} is mapped without their_id, but the units created under it need its UID as their parent`);
      }
      const parent = area.level === 'kabupaten' ? (parentMapping?.theirId ?? null) : uidOf(parentCode);
      if (parent) unit.parent = { id: parent };
      organisationUnits.push(unit);
    }
  }

  const dataSetUnits: Dhis2Ref[] = [];
  const unassigned: string[] = [];
  for (const d of desa) {
    const id = uidOf(d.code);
    if (id) dataSetUnits.push({ id });
    else unassigned.push(d.code);
  }
  return { organisationUnits, dataSetUnits, unassigned, problems: [...new Set(problems)] };
}
