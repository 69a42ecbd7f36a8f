// The pure scope of a token (src/http/auth/token-scope.ts): what --area means per role, and what a token may see.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AreaDirectory } from '../../src/areas/directory.js';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { mayAccess, parseTokenArea, ScopeError, scopeOf, visibleDesa } from '../../src/http/auth/token-scope.js';

let areas: AreaDirectory;
beforeAll(() => {
  const database = openReadyDatabase(':memory:');
  areas = database.areas;
  database.close();
});

const KEC = '73.06.06';
const PAKATTO = '73.06.06.2003';
const NIRANNUANG = '73.06.06.2004';

describe('token scope', () => {
  it('when dinas or admin tokens are made, then they cover the kabupaten and refuse another area', () => {
    expect(parseTokenArea('dinas', undefined, areas)).toEqual({ areaSpec: '73.06', homeAreaCode: '73.06' });
    expect(parseTokenArea('admin', '73.06', areas)).toEqual({ areaSpec: '73.06', homeAreaCode: '73.06' });
    expect(() => parseTokenArea('dinas', KEC, areas)).toThrow(ScopeError);
  });

  it('when a koordinator token is made, then it needs exactly one kecamatan', () => {
    expect(parseTokenArea('koordinator', KEC, areas)).toEqual({ areaSpec: KEC, homeAreaCode: KEC });
    expect(() => parseTokenArea('koordinator', undefined, areas)).toThrow(/needs --area/);
    expect(() => parseTokenArea('koordinator', PAKATTO, areas)).toThrow(/one kecamatan code/);
  });

  it('when a PKB token names desa, then its home is their kecamatan, or the kabupaten when they span two', () => {
    expect(parseTokenArea('pkb', `${PAKATTO}; ${NIRANNUANG}`, areas)).toEqual({ areaSpec: `${PAKATTO};${NIRANNUANG}`, homeAreaCode: KEC });
    const other = areas.desaOf('73.06.01')[0]!.code;
    expect(parseTokenArea('pkb', `${PAKATTO};${other}`, areas).homeAreaCode).toBe('73.06');
    expect(() => parseTokenArea('pkb', '73.06.06.9999', areas)).toThrow(/unknown desa code/);
  });

  it('when a PKB token holds two desa, then it sees them and their kecamatan in part, not other desa or the kabupaten', () => {
    const scope = scopeOf({ role: 'pkb', areaSpec: `${PAKATTO};${NIRANNUANG}`, homeAreaCode: KEC }, areas);
    expect(mayAccess(scope, PAKATTO, areas)).toBe(true);
    expect(mayAccess(scope, '73.06.06.2006', areas)).toBe(false);
    expect(mayAccess(scope, KEC, areas)).toBe(true);
    expect(mayAccess(scope, '73.06.01', areas)).toBe(false);
    expect(mayAccess(scope, '73.06', areas)).toBe(false);
    expect(visibleDesa(scope, KEC, areas)).toEqual([PAKATTO, NIRANNUANG]);
    expect(scope.wholeKecamatan.size).toBe(0);
  });

  it('when a koordinator token is read, then it sees every desa of its kecamatan and holds that kecamatan whole', () => {
    const scope = scopeOf({ role: 'koordinator', areaSpec: KEC, homeAreaCode: KEC }, areas);
    expect(visibleDesa(scope, '73.06', areas)).toEqual(areas.desaOf(KEC).map((d) => d.code));
    expect([...scope.wholeKecamatan]).toEqual([KEC]);
    expect(mayAccess(scope, areas.desaOf('73.06.01')[0]!.code, areas)).toBe(false);
  });

  it('when a dinas token is read, then it sees the kabupaten and every area in it', () => {
    const scope = scopeOf({ role: 'dinas', areaSpec: '73.06', homeAreaCode: '73.06' }, areas);
    expect(scope.desa).toBeNull();
    expect(mayAccess(scope, '73.06', areas)).toBe(true);
    expect(mayAccess(scope, PAKATTO, areas)).toBe(true);
    expect(visibleDesa(scope, '73.06', areas)).toHaveLength(areas.allDesa().length);
  });
});
