// The groups repository: labels as WhatsApp names groups, and one group per role and area.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { bindGroup, groupBoundTo, groupLabel, listGroups, rememberGroup } from '../../src/db/repos/groups.repo.js';
import { fromWita } from '../../src/time/wita.js';

const A = '120363000000000001@g.us';
const B = '120363000000000002@g.us';
const NOW = fromWita(2026, 11, 25, 7, 0);

let dir: string;
let database: ReadyDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-groups-db-'));
  database = openReadyDatabase(join(dir, 'g.db'));
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('groups repository', () => {
  it('when a group is first seen without its name, then its id stands in until the name arrives, and no name later keeps it', () => {
    const { db } = database;
    rememberGroup(db, A);
    expect(groupLabel(db, A)).toBe(A);
    rememberGroup(db, A, 'PKB Bontomarannu');
    expect(groupLabel(db, A)).toBe('PKB Bontomarannu');
    rememberGroup(db, A, null);
    rememberGroup(db, A, A);
    expect(groupLabel(db, A)).toBe('PKB Bontomarannu');
    rememberGroup(db, A, 'PKB Bontomarannu 2026');
    expect(listGroups(db)).toMatchObject([{ id: A, label: 'PKB Bontomarannu 2026', binding: null }]);
  });

  it('when a second group is bound to the same kecamatan, then the first loses it and both changes are returned', () => {
    const { db } = database;
    rememberGroup(db, A, 'lama');
    rememberGroup(db, B, 'baru');
    const first = db.transaction((tx) => bindGroup(tx, { groupId: A, role: 'pkb', areaCode: '73.06.06', byPersonId: null, via: 'cli', now: NOW }));
    expect(first).toEqual({ previous: null, replaced: null });
    db.transaction((tx) => bindGroup(tx, { groupId: B, role: 'pkb', areaCode: '73.06.07', byPersonId: null, via: 'cli', now: NOW }));
    const second = db.transaction((tx) => bindGroup(tx, { groupId: B, role: 'pkb', areaCode: '73.06.06', byPersonId: null, via: 'cli', now: NOW }));
    expect(second).toMatchObject({ previous: { groupId: B, areaCode: '73.06.07' }, replaced: { groupId: A, label: 'lama' } });
    expect(groupBoundTo(db, 'pkb', '73.06.06')).toMatchObject({ groupId: B });
    expect(groupBoundTo(db, 'pkb', '73.06.07')).toBeUndefined();
    expect(listGroups(db).map((g) => g.binding?.areaCode ?? null)).toEqual([null, '73.06.06']);
  });
});
