// DHIS2's import summary read in both shapes (2.38+ web message, and the plain summary before), and which sent values
// a conflict rejected.
import { describe, expect, it } from 'vitest';
import { readImportSummary, rejectedPositions } from '../../src/reports/dhis2-push/import-summary.js';

const values = [
  { dataElement: 'pus', period: '202611', orgUnit: '73.06.06.2003' },
  { dataElement: 'pa_iud', period: '202611', orgUnit: '73.06.06.2003' },
  { dataElement: 'pus', period: '202611', orgUnit: '73.06.06.2005' },
];

describe('the DHIS2 import summary', () => {
  it('when DHIS2 2.38+ answers with a web message (409 WARNING), then counts, conflicts with codes and indexes are read from its response', () => {
    const summary = readImportSummary({
      httpStatus: 'Conflict',
      httpStatusCode: 409,
      status: 'WARNING',
      message: 'One more conflicts encountered, please check import summary.',
      response: {
        responseType: 'ImportSummary',
        status: 'WARNING',
        importCount: { imported: 2, updated: 0, ignored: 1, deleted: 0 },
        conflicts: [{ object: '73.06.06.2005', objects: { orgUnit: '73.06.06.2005' }, value: 'Organisation unit not found or not accessible: `73.06.06.2005`', errorCode: 'E7612', property: 'orgUnit', indexes: [2] }],
        rejectedIndexes: [2],
      },
    })!;
    expect(summary).toMatchObject({ status: 'WARNING', shape: 'web-message', count: { imported: 2, updated: 0, ignored: 1, deleted: 0 }, rejectedIndexes: [2] });
    expect(summary.conflicts[0]).toEqual({ object: '73.06.06.2005', objects: { orgUnit: '73.06.06.2005' }, value: 'Organisation unit not found or not accessible: `73.06.06.2005`', errorCode: 'E7612', property: 'orgUnit', indexes: [2] });
    expect([...rejectedPositions(summary, values)!]).toEqual([2]);
  });

  it('when an older DHIS2 answers with the plain summary, then its conflicts are tied to the values by the code they name', () => {
    const summary = readImportSummary({
      responseType: 'ImportSummary',
      status: 'SUCCESS',
      importCount: { imported: 1, updated: 0, ignored: 2, deleted: 0 },
      conflicts: [{ object: 'pus', value: 'Data element not found or not accessible' }],
    })!;
    expect(summary).toMatchObject({ status: 'SUCCESS', shape: 'plain', conflicts: [{ object: 'pus', errorCode: null, indexes: [] }] });
    expect([...rejectedPositions(summary, values)!].sort()).toEqual([0, 2]);
  });

  it('when a conflict names nothing that was sent, or the status is ERROR, then no value can be taken as accepted', () => {
    const summary = readImportSummary({ status: 'WARNING', importCount: {}, conflicts: [{ object: 'Tl3Gx2VjP6a', value: 'Organisation unit not in hierarchy of current user' }] })!;
    expect(rejectedPositions(summary, values)).toBeNull();
    expect(rejectedPositions({ ...summary, status: 'ERROR', conflicts: [] }, values)).toBeNull();
  });

  it('when the body is not an import summary (an error message, an HTML page), then there is none', () => {
    expect(readImportSummary({ httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' })).toBeNull();
    expect(readImportSummary(null)).toBeNull();
    expect(readImportSummary('<html>')).toBeNull();
    expect(readImportSummary({ httpStatus: 'OK', status: 'OK', response: { responseType: 'ImportSummary', status: 'SUCCESS', importCount: { imported: 3 } } })?.count).toEqual({ imported: 3, updated: 0, ignored: 0, deleted: 0 });
  });
});
