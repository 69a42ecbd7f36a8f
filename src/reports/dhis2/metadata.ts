// The DHIS2 metadata import file (POST /api/metadata) for the F/I/Dal: data elements, the data set with its sections
// and org units, the indicator type and indicators, the org unit tree, and the hard rules as validation rules.
// Pure and deterministic: the same areas, settings and mapping give the same file, byte for byte, so re-importing
// it updates what the last import created.
import type { AreaDirectory } from '../../areas/directory.js';
import { activeFields, type RecapSettings } from '../../domain/recap/fields.js';
import { DATA_SET_CODE, DEFAULT_CATEGORY_COMBO_UID } from './codes.js';
import { dataElementRef, dataElements, dataSet, sections } from './elements.js';
import type { Dhis2Metadata } from './format.js';
import { indicators, percentType } from './indicators.js';
import { Dhis2MappingError, EMPTY_MAPPING, type Dhis2Mapping } from './mapping.js';
import { orgUnitTree } from './org-units.js';
import { RULES_LEFT_OUT, ruleGroup, validationRules } from './rules.js';

export interface MetadataOptions {
  settings: RecapSettings;
  mapping?: Dhis2Mapping;
  /** False with --no-org-units: the instance has the tree already. */
  includeOrgUnits?: boolean;
  /** DHIS2's timelyDays: the recap's due day of the next month (IMP_RECAP_DUE_DAY). */
  timelyDays: number;
}

/** UIDs the file may refer to without containing them: DHIS2's default combo and the mapped objects. */
export interface ExternalIds {
  categoryCombos: ReadonlySet<string>;
  dataElements: ReadonlySet<string>;
  organisationUnits: ReadonlySet<string>;
}

export interface MetadataPackage {
  metadata: Dhis2Metadata;
  externalIds: ExternalIds;
  /** What the operator should know: rules left out and why, mapped objects, desa without the data set. */
  notes: string[];
}

/** Throws Dhis2MappingError when a mapped object the file must refer to has no their_id. */
export function buildMetadata(areas: AreaDirectory, options: MetadataOptions): MetadataPackage {
  const { settings, timelyDays } = options;
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const includeOrgUnits = options.includeOrgUnits ?? true;
  const fields = activeFields(settings);

  // Data set elements, sections, indicators and rules all point at data elements by UID.
  const problems = fields
    .map((f) => mapping.dataElements.get(f.id))
    .filter((e) => e !== undefined && e.theirId === null)
    .map((e) => `line ${e!.line}: dataElement ${e!.ourKey} is mapped to ${e!.theirCode} without their_id; the metadata refers to data elements by UID (data set, indicators, validation rules)`);
  const tree = orgUnitTree(areas, mapping, includeOrgUnits);
  problems.push(...tree.problems);
  if (problems.length > 0) throw new Dhis2MappingError(problems.map((p) => `${mapping.source} ${p}`));

  const ref = (fieldId: string) => dataElementRef(fieldId, mapping);
  const rules = validationRules(settings, ref);
  const metadata: Dhis2Metadata = {
    dataElements: dataElements(settings, mapping),
    ...(mapping.dataSet ? {} : { dataSets: [dataSet(settings, mapping, tree.dataSetUnits, timelyDays)], sections: sections(settings, mapping) }),
    indicatorTypes: [percentType()],
    indicators: indicators(settings, ref),
    ...(includeOrgUnits ? { organisationUnits: tree.organisationUnits } : {}),
    validationRules: rules,
    validationRuleGroups: [ruleGroup(rules)],
  };

  const notes = RULES_LEFT_OUT.map((r) => `Rule ${r.rule} is not in the file: ${r.why}.`);
  if (!settings.parts.channel) notes.push('Rule C2 is not in the file: the channel part (pa_pemerintah, pa_swasta) is off in IMP_RECAP_PARTS.');
  if (!settings.parts.flows) notes.push('Rule C8 is not in the file: the flows part (ganti cara) is off in IMP_RECAP_PARTS.');
  const mappedElements = fields.filter((f) => mapping.dataElements.has(f.id)).length;
  if (mappedElements > 0) notes.push(`${mappedElements} data element(s) are the instance's own (mapping): not created, referred to by their UID.`);
  if (mapping.dataSet) {
    notes.push(
      `The data set is the instance's own (${DATA_SET_CODE} → ${mapping.dataSet.theirCode}): the file neither creates nor changes it. ` +
        'Add the data elements to it and assign it to the desa in DHIS2.',
    );
  } else if (tree.unassigned.length > 0) {
    notes.push(
      `${tree.unassigned.length} desa/kelurahan are not assigned to the data set (no UID to name them by: ${includeOrgUnits ? 'mapped without their_id' : '--no-org-units and no their_id in the mapping'}). ` +
        'Assign them in DHIS2, or add their_id to the mapping.',
    );
  }

  const theirIds = (entries: Iterable<{ theirId: string | null }>) => new Set([...entries].map((e) => e.theirId).filter((id): id is string => id !== null));
  return {
    metadata,
    externalIds: {
      categoryCombos: new Set([DEFAULT_CATEGORY_COMBO_UID]),
      dataElements: theirIds(mapping.dataElements.values()),
      organisationUnits: theirIds(mapping.orgUnits.values()),
    },
    notes,
  };
}

/** The file as written: two-space JSON and a final line break, the same bytes for the same input. */
export function metadataJson(metadata: Dhis2Metadata): string {
  return `${JSON.stringify(metadata, null, 2)}\n`;
}
