// Checks a metadata file the way a DHIS2 import would fail on it: the structure (format.ts), UIDs valid and unique,
// codes and the names DHIS2 keeps unique not repeated, and every reference pointing at an object of the right type
// in the file or known to exist in the instance (ExternalIds). The command runs it before writing, the tests on
// every variant; a problem is a bug in the builder, never the operator's.
import { expressionUids, isPlainExpression } from './expressions.js';
import { MetadataSchema, type Dhis2Metadata } from './format.js';
import type { ExternalIds } from './metadata.js';

/** The problems found, one line each; empty when the file is sound. */
export function checkMetadata(metadata: Dhis2Metadata, external: ExternalIds): string[] {
  const parsed = MetadataSchema.safeParse(metadata);
  if (!parsed.success) return parsed.error.issues.map((i) => `structure: ${i.path.join('.')}: ${i.message}`);
  const m = parsed.data;
  const problems: string[] = [];

  const all: Array<{ type: string; list: ReadonlyArray<{ id: string; code: string; name: string; shortName?: string }> }> = [
    { type: 'dataElements', list: m.dataElements },
    { type: 'dataSets', list: m.dataSets ?? [] },
    { type: 'sections', list: m.sections ?? [] },
    { type: 'indicatorTypes', list: m.indicatorTypes },
    { type: 'indicators', list: m.indicators },
    { type: 'organisationUnits', list: m.organisationUnits ?? [] },
    { type: 'validationRules', list: m.validationRules },
    { type: 'validationRuleGroups', list: m.validationRuleGroups },
  ];
  const seenIds = new Map<string, string>();
  for (const { type, list } of all) {
    for (const o of list) {
      const other = seenIds.get(o.id);
      if (other) problems.push(`${type} ${o.code}: UID ${o.id} is also used by ${other}`);
      seenIds.set(o.id, `${type} ${o.code}`);
    }
    unique(problems, type, 'code', list.map((o) => o.code));
    // Org unit names repeat legitimately (DHIS2 does not require them unique); the others' names and short names must not.
    if (type !== 'organisationUnits') {
      unique(problems, type, 'name', list.map((o) => o.name));
      unique(problems, type, 'shortName', list.flatMap((o) => (o.shortName === undefined ? [] : [o.shortName])));
    }
  }

  const ids = (list: ReadonlyArray<{ id: string }> | undefined, extra: ReadonlySet<string> = new Set()) => new Set([...(list ?? []).map((o) => o.id), ...extra]);
  const dataElements = ids(m.dataElements, external.dataElements);
  const orgUnits = ids(m.organisationUnits, external.organisationUnits);
  const combos = external.categoryCombos;
  const dataSets = ids(m.dataSets);
  const types = ids(m.indicatorTypes);
  const rules = ids(m.validationRules);
  const expect = (set: ReadonlySet<string>, id: string, what: string) => {
    if (!set.has(id)) problems.push(`${what} refers to ${id}, which is neither in the file nor known to exist in the instance`);
  };

  for (const de of m.dataElements) expect(combos, de.categoryCombo.id, `dataElement ${de.code} categoryCombo`);
  for (const ds of m.dataSets ?? []) {
    expect(combos, ds.categoryCombo.id, `dataSet ${ds.code} categoryCombo`);
    for (const e of ds.dataSetElements) {
      expect(dataSets, e.dataSet.id, `dataSet ${ds.code} dataSetElements.dataSet`);
      expect(dataElements, e.dataElement.id, `dataSet ${ds.code} dataSetElements.dataElement`);
    }
    unique(problems, `dataSet ${ds.code}`, 'dataSetElements', ds.dataSetElements.map((e) => e.dataElement.id));
    for (const ou of ds.organisationUnits) expect(orgUnits, ou.id, `dataSet ${ds.code} organisationUnits`);
    unique(problems, `dataSet ${ds.code}`, 'organisationUnits', ds.organisationUnits.map((o) => o.id));
  }
  for (const s of m.sections ?? []) {
    expect(dataSets, s.dataSet.id, `section ${s.code} dataSet`);
    for (const de of s.dataElements) expect(dataElements, de.id, `section ${s.code} dataElements`);
  }
  for (const ou of m.organisationUnits ?? []) if (ou.parent) expect(orgUnits, ou.parent.id, `organisationUnit ${ou.code} parent`);
  for (const ind of m.indicators) {
    expect(types, ind.indicatorType.id, `indicator ${ind.code} indicatorType`);
    checkExpression(problems, dataElements, ind.numerator, `indicator ${ind.code} numerator`);
    checkExpression(problems, dataElements, ind.denominator, `indicator ${ind.code} denominator`);
  }
  for (const r of m.validationRules) {
    checkExpression(problems, dataElements, r.leftSide.expression, `validationRule ${r.code} leftSide`);
    checkExpression(problems, dataElements, r.rightSide.expression, `validationRule ${r.code} rightSide`);
  }
  for (const g of m.validationRuleGroups) for (const r of g.validationRules) expect(rules, r.id, `validationRuleGroup ${g.code} validationRules`);
  return problems;
}

function checkExpression(problems: string[], dataElements: ReadonlySet<string>, text: string, what: string): void {
  if (!isPlainExpression(text)) problems.push(`${what}: "${text}" is not a sum of #{uid} items`);
  for (const uid of expressionUids(text)) if (!dataElements.has(uid)) problems.push(`${what} refers to data element ${uid}, which is neither in the file nor known to exist in the instance`);
}

function unique(problems: string[], type: string, property: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) problems.push(`${type}: ${property} "${v}" appears more than once`);
    seen.add(v);
  }
}
