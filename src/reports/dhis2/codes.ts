// PLACEHOLDER for the fixed codes of the other worktree's DHIS2 package (wt-d), which replaces this file at merge.

/** Our data set's code; a mapping row `dataSet,IMP_FIDAL,…` replaces it. */
export const DATA_SET_CODE = 'IMP_FIDAL';
