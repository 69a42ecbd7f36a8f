// Fixed names and codes of the DHIS2 package. Codes are what a re-import and the payload match on, so they never
// change; each generated UID is derived from one of them (uid.ts).

/** Our data set's code; a mapping row `dataSet,IMP_FIDAL,…` replaces it. */
export const DATA_SET_CODE = 'IMP_FIDAL';
export const DATA_SET_NAME = 'Laporan Bulanan Pengendalian Lapangan Desa (F/I/Dal)';
export const DATA_SET_SHORT_NAME = 'F/I/Dal Laporan Bulanan Desa';

/**
 * DHIS2's built-in default category combo: every instance creates it with this UID and code "default"
 * (DefaultCategoryService.generateDefaultDimension). It is referred to, never put in the file: importing it would
 * overwrite the instance's own default (with mergeMode REPLACE, its categories too).
 */
export const DEFAULT_CATEGORY_COMBO_UID = 'bjDvmb4bfuf';

/**
 * Opening date of the org units we create. The Kemendagri list has no founding dates; DHIS2 refuses data for
 * periods before a unit opened, so a date before any period the bot can hold.
 */
export const ORG_UNIT_OPENING_DATE = '1990-01-01';

/** The indicator type of the four percentages. Its own name: "Persen" alone may already exist (names are unique). */
export const PERCENT_TYPE_CODE = 'IMP_PERSEN';
export const PERCENT_TYPE_NAME = 'Persen (F/I/Dal)';

export const RULE_GROUP_CODE = 'IMP_FIDAL_ATURAN_KERAS';
export const RULE_GROUP_NAME = 'F/I/Dal: aturan keras (C1–C8)';

/** Prefix of data element names and short names, so ours never take a generic name ("Jumlah PUS") from the instance. */
export const NAME_PREFIX = 'F/I/Dal - ';
export const SHORT_NAME_PREFIX = 'FIDal ';
export const MAX_SHORT_NAME = 50;
export const MAX_NAME = 230;
