// The data set and its data elements: one data element per recap field that this deployment asks (the optional
// parts switched on in IMP_RECAP_PARTS), in paper-form order, grouped in sections I–V like the paper form.
import { activeFields, SECTION_TITLES, type FieldDef, type RecapSettings, type SectionId } from '../../domain/recap/fields.js';
import {
  DATA_SET_CODE,
  DATA_SET_NAME,
  DATA_SET_SHORT_NAME,
  DEFAULT_CATEGORY_COMBO_UID,
  MAX_SHORT_NAME,
  NAME_PREFIX,
  SHORT_NAME_PREFIX,
} from './codes.js';
import type { Dhis2DataElement, Dhis2DataSet, Dhis2Ref, Dhis2Section } from './format.js';
import type { Dhis2Mapping } from './mapping.js';
import { dhis2Uid } from './uid.js';

/**
 * Flows of the month (events: meetings, counselling sessions, new acceptors, drop-outs, switches) add up over time;
 * everything else is an end-of-month stock (PUS, PA, members, institutions) that must not: a year of PUS is not
 * twelve times PUS. Both add up over org units. DHIS2's LAST_IN_PERIOD is "sum over org units, the last value in
 * the period over time", and looks only inside the period (LAST would carry a desa's old stock forward for ever).
 */
function aggregationTypeOf(field: FieldDef): Dhis2DataElement['aggregationType'] {
  return /^(frek_|pb_|do_|gc_)|_pertemuan$/.test(field.id) ? 'SUM' : 'LAST_IN_PERIOD';
}

/** The UID a data element is referred to by: theirs when mapped (it exists there), else the one we generate. */
export function dataElementRef(fieldId: string, mapping: Dhis2Mapping): string {
  return mapping.dataElements.get(fieldId)?.theirId ?? dhis2Uid('dataElement', fieldId);
}

export function dataSetUid(): string {
  return dhis2Uid('dataSet', DATA_SET_CODE);
}

/** At most `max` characters, cut at a word where possible; the callers' names are far shorter today. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}

export function dataElement(field: FieldDef): Dhis2DataElement {
  return {
    id: dhis2Uid('dataElement', field.id),
    // The field id: what the recap stores, exports and the docs use (docs/domain.md §5), stable across versions.
    code: field.id,
    name: `${NAME_PREFIX}${field.label}`,
    shortName: clip(`${SHORT_NAME_PREFIX}${field.label}`, MAX_SHORT_NAME),
    // What the data entry form shows: the wording of the paper form.
    formName: field.label,
    description: `${SECTION_TITLES[field.section]}: ${field.label}. Laporan F/I/Dal dari IMP Smart (kolom ${field.id}).`,
    // Every recap field is a count (docs/domain.md §5: all counts are non-negative integers).
    valueType: 'INTEGER_ZERO_OR_POSITIVE',
    domainType: 'AGGREGATE',
    aggregationType: aggregationTypeOf(field),
    categoryCombo: { id: DEFAULT_CATEGORY_COMBO_UID },
    // A cadre's 0 is an answer. Without this DHIS2 drops zeros, and a rule over a 0 would be skipped as missing.
    zeroIsSignificant: true,
  };
}

/** Data elements of the active fields we create: a mapped one already exists in the instance. */
export function dataElements(settings: RecapSettings, mapping: Dhis2Mapping): Dhis2DataElement[] {
  return activeFields(settings)
    .filter((f) => !mapping.dataElements.has(f.id))
    .map(dataElement);
}

export function dataSet(settings: RecapSettings, mapping: Dhis2Mapping, organisationUnits: readonly Dhis2Ref[], timelyDays: number): Dhis2DataSet {
  const id = dataSetUid();
  return {
    id,
    code: DATA_SET_CODE,
    name: DATA_SET_NAME,
    shortName: DATA_SET_SHORT_NAME,
    description: 'Rekapitulasi bulanan desa/kelurahan oleh PPKBD (Kader IMP), dikirim lewat IMP Smart setelah diverifikasi PKB.',
    periodType: 'Monthly',
    categoryCombo: { id: DEFAULT_CATEGORY_COMBO_UID },
    formType: 'SECTION',
    // On time = completed by the due day of the next month (IMP_RECAP_DUE_DAY), as the bot counts it.
    timelyDays,
    // No lock: a PKB may reopen a closed month for one desa, and its late recap must still import.
    expiryDays: 0,
    openFuturePeriods: 0,
    dataSetElements: activeFields(settings).map((f) => ({ dataSet: { id }, dataElement: { id: dataElementRef(f.id, mapping) } })),
    organisationUnits: [...organisationUnits],
  };
}

/** The paper form's sections I–V, each with its fields in form order. */
export function sections(settings: RecapSettings, mapping: Dhis2Mapping): Dhis2Section[] {
  const bySection = new Map<SectionId, string[]>();
  for (const f of activeFields(settings)) bySection.set(f.section, [...(bySection.get(f.section) ?? []), f.id]);
  return [...bySection].map(([section, ids], i) => {
    const code = `${DATA_SET_CODE}_${section}`;
    return {
      id: dhis2Uid('section', code),
      code,
      name: SECTION_TITLES[section],
      sortOrder: i + 1,
      dataSet: { id: dataSetUid() },
      dataElements: ids.map((id) => ({ id: dataElementRef(id, mapping) })),
    };
  });
}
