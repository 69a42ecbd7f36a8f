// The parts of DHIS2's exchange formats that IMP Smart writes, as zod schemas: the metadata import file
// (POST /api/metadata), the data value set (POST /api/dataValueSets) and the completeness registrations
// (POST /api/completeDataSetRegistrations). Field names and enums as in DHIS2's own classes (dhis2-core:
// DataElement, DataSet, Section, Indicator, IndicatorType, OrganisationUnit, ValidationRule + Expression, dxf2
// DataValueSet and CompleteDataSetRegistration). Strict objects: a misspelt property fails here instead of being
// ignored by DHIS2. The metadata types are inferred from these schemas; the payload types are declared in
// data-values.ts (the push's import) and checked against them.
import { z } from 'zod';
import type { CompleteDataSetRegistrations, DataValueSet } from './data-values.js';
import { MAX_NAME, MAX_SHORT_NAME } from './codes.js';
import { DHIS2_UID } from './uid.js';

const Uid = z.string().regex(DHIS2_UID, 'not a DHIS2 UID');
const Ref = z.strictObject({ id: Uid });
/** identifiableProperties.hbm: code is a unique 50-character column. */
const Code = z.string().min(1).max(50);
const Name = z.string().min(1).max(MAX_NAME);
const ShortName = z.string().min(1).max(MAX_SHORT_NAME);
const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'not a YYYY-MM-DD date');

export const DataElementSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  shortName: ShortName,
  formName: Name,
  description: z.string(),
  valueType: z.enum(['INTEGER_ZERO_OR_POSITIVE', 'INTEGER_POSITIVE', 'INTEGER', 'NUMBER']),
  domainType: z.literal('AGGREGATE'),
  aggregationType: z.enum(['SUM', 'LAST_IN_PERIOD']),
  categoryCombo: Ref,
  zeroIsSignificant: z.boolean(),
});

export const DataSetSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  shortName: ShortName,
  description: z.string(),
  periodType: z.literal('Monthly'),
  categoryCombo: Ref,
  formType: z.enum(['DEFAULT', 'SECTION']),
  timelyDays: z.number().int().min(0),
  expiryDays: z.number().int().min(0),
  openFuturePeriods: z.number().int().min(0),
  dataSetElements: z.array(z.strictObject({ dataSet: Ref, dataElement: Ref })),
  organisationUnits: z.array(Ref),
});

export const SectionSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  sortOrder: z.number().int(),
  dataSet: Ref,
  dataElements: z.array(Ref).min(1),
});

export const IndicatorTypeSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  factor: z.number().int().positive(),
  number: z.boolean(),
});

export const IndicatorSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  shortName: ShortName,
  description: z.string(),
  indicatorType: Ref,
  numerator: z.string().min(1),
  numeratorDescription: z.string(),
  denominator: z.string().min(1),
  denominatorDescription: z.string(),
  decimals: z.number().int().min(0).max(5),
  annualized: z.boolean(),
});

export const OrganisationUnitSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  shortName: ShortName,
  openingDate: IsoDate,
  parent: Ref.optional(),
});

const ExpressionSchema = z.strictObject({
  expression: z.string().min(1),
  description: z.string(),
  missingValueStrategy: z.enum(['SKIP_IF_ANY_VALUE_MISSING', 'SKIP_IF_ALL_VALUES_MISSING', 'NEVER_SKIP']),
});

export const ValidationRuleSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  description: z.string(),
  instruction: z.string(),
  importance: z.enum(['HIGH', 'MEDIUM', 'LOW']),
  // dhis2-core expression/Operator.java.
  operator: z.enum(['equal_to', 'not_equal_to', 'greater_than', 'greater_than_or_equal_to', 'less_than', 'less_than_or_equal_to', 'compulsory_pair', 'exclusive_pair']),
  periodType: z.literal('Monthly'),
  leftSide: ExpressionSchema,
  rightSide: ExpressionSchema,
});

export const ValidationRuleGroupSchema = z.strictObject({
  id: Uid,
  code: Code,
  name: Name,
  validationRules: z.array(Ref).min(1),
});

/** The metadata import file: one array per object type, named as DHIS2's schemas name them (plural). */
export const MetadataSchema = z.strictObject({
  dataElements: z.array(DataElementSchema),
  dataSets: z.array(DataSetSchema).max(1).optional(),
  sections: z.array(SectionSchema).optional(),
  indicatorTypes: z.array(IndicatorTypeSchema),
  indicators: z.array(IndicatorSchema),
  organisationUnits: z.array(OrganisationUnitSchema).optional(),
  validationRules: z.array(ValidationRuleSchema),
  validationRuleGroups: z.array(ValidationRuleGroupSchema),
});

export type Dhis2Ref = z.infer<typeof Ref>;
export type Dhis2DataElement = z.infer<typeof DataElementSchema>;
export type Dhis2DataSet = z.infer<typeof DataSetSchema>;
export type Dhis2Section = z.infer<typeof SectionSchema>;
export type Dhis2IndicatorType = z.infer<typeof IndicatorTypeSchema>;
export type Dhis2Indicator = z.infer<typeof IndicatorSchema>;
export type Dhis2OrganisationUnit = z.infer<typeof OrganisationUnitSchema>;
export type Dhis2ValidationRule = z.infer<typeof ValidationRuleSchema>;
export type Dhis2ValidationRuleGroup = z.infer<typeof ValidationRuleGroupSchema>;
export type Dhis2Metadata = z.infer<typeof MetadataSchema>;

/** DHIS2's monthly period id: YYYYMM. */
export const MONTHLY_PERIOD = /^\d{4}(0[1-9]|1[0-2])$/;
/** A value of INTEGER_ZERO_OR_POSITIVE as DHIS2 stores it: digits, no sign, no leading zero, no decimals. */
export const NON_NEGATIVE_INTEGER = /^(0|[1-9]\d*)$/;

const Period = z.string().regex(MONTHLY_PERIOD, 'not a monthly period YYYYMM');

export const DataValueSetSchema = z.strictObject({
  dataSet: Code,
  period: Period,
  dataSetIdScheme: z.literal('CODE'),
  dataElementIdScheme: z.literal('CODE'),
  orgUnitIdScheme: z.literal('CODE'),
  dataValues: z.array(
    z.strictObject({
      dataElement: Code,
      period: Period,
      orgUnit: Code,
      value: z.string().regex(NON_NEGATIVE_INTEGER, 'not a non-negative integer'),
    }),
  ),
}) satisfies z.ZodType<DataValueSet>;

export const CompleteRegistrationsSchema = z.strictObject({
  dataSetIdScheme: z.literal('CODE'),
  orgUnitIdScheme: z.literal('CODE'),
  completeDataSetRegistrations: z.array(
    z.strictObject({
      dataSet: Code,
      period: Period,
      organisationUnit: Code,
      date: IsoDate,
      completed: z.literal(true),
    }),
  ),
}) satisfies z.ZodType<CompleteDataSetRegistrations>;
