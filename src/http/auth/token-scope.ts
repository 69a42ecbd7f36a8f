// What an API token may see (issue 13): a PKB token its binaan desa (or a whole kecamatan), a koordinator token its
// kecamatan, dinas and admin tokens the kabupaten. Pure: the token's role and area spec plus the area directory in,
// the scope out. Every route and dashboard page asks `mayAccess` for the area it is about to show.
import type { AreaDirectory } from '../../areas/directory.js';
import type { ApiRole } from '../../domain/api-roles.js';

export interface TokenScope {
  role: ApiRole;
  /** The area that names the scope: the kabupaten, a kecamatan, or the kecamatan of a PKB's binaan. */
  homeAreaCode: string;
  /** The desa the token may see; null: all of the kabupaten. */
  desa: ReadonlySet<string> | null;
  /** Kecamatan of which the token may see every desa (their figures as a whole). */
  wholeKecamatan: ReadonlySet<string>;
}

export class ScopeError extends Error {}

/**
 * Reads `--area` as given to `token create`: nothing or the kabupaten for dinas/admin; a kecamatan for koordinator;
 * a kecamatan or desa codes separated by ";" for pkb. Throws ScopeError with a one-line reason.
 */
export function parseTokenArea(role: ApiRole, spec: string | undefined, areas: AreaDirectory): { areaSpec: string; homeAreaCode: string } {
  const kabupaten = areas.kabupaten().code;
  const codes = (spec ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  if (role === 'dinas' || role === 'admin') {
    if (codes.length > 1 || (codes.length === 1 && codes[0] !== kabupaten)) throw new ScopeError(`a ${role} token covers the kabupaten (${kabupaten}); leave --area out`);
    return { areaSpec: kabupaten, homeAreaCode: kabupaten };
  }
  if (codes.length === 0) throw new ScopeError(`a ${role} token needs --area (${role === 'koordinator' ? 'a kecamatan code' : 'a kecamatan code or desa codes separated by ";"'})`);
  if (role === 'koordinator') {
    if (codes.length !== 1 || !areas.isKecamatan(codes[0]!)) throw new ScopeError('a koordinator token needs one kecamatan code, e.g. 73.06.06');
    return { areaSpec: codes[0]!, homeAreaCode: codes[0]! };
  }
  if (codes.length === 1 && areas.isKecamatan(codes[0]!)) return { areaSpec: codes[0]!, homeAreaCode: codes[0]! };
  const unknown = codes.find((c) => !areas.isDesa(c));
  if (unknown) throw new ScopeError(`unknown desa code ${unknown}`);
  const kecamatan = new Set(codes.map((c) => areas.kecamatanOf(c)!.code));
  const home = kecamatan.size === 1 ? [...kecamatan][0]! : kabupaten;
  return { areaSpec: codes.join(';'), homeAreaCode: home };
}

export function scopeOf(token: { role: ApiRole; areaSpec: string; homeAreaCode: string }, areas: AreaDirectory): TokenScope {
  const { role, areaSpec, homeAreaCode } = token;
  if (role === 'dinas' || role === 'admin') return { role, homeAreaCode, desa: null, wholeKecamatan: new Set(areas.kecamatanList().map((k) => k.code)) };
  if (areas.isKecamatan(areaSpec)) {
    return { role, homeAreaCode, desa: new Set(areas.desaOf(areaSpec).map((d) => d.code)), wholeKecamatan: new Set([areaSpec]) };
  }
  const desa = new Set(areaSpec.split(';').filter((c) => areas.isDesa(c)));
  const whole = areas.kecamatanList().filter((k) => {
    const all = areas.desaOf(k.code);
    return all.length > 0 && all.every((d) => desa.has(d.code));
  });
  return { role, homeAreaCode, desa, wholeKecamatan: new Set(whole.map((k) => k.code)) };
}

/**
 * May the token see this area? A desa: when it is in scope. A kecamatan: when the token sees all of it, or (for a
 * PKB) some of its desa — the caller then shows only those (`visibleDesa`). The kabupaten: dinas and admin only.
 */
export function mayAccess(scope: TokenScope, areaCode: string, areas: AreaDirectory): boolean {
  if (scope.desa === null) return areaCode === areas.kabupaten().code || areas.get(areaCode) !== undefined;
  if (areas.isDesa(areaCode)) return scope.desa.has(areaCode);
  if (areas.isKecamatan(areaCode)) return areas.desaOf(areaCode).some((d) => scope.desa!.has(d.code));
  return false;
}

/** The desa of an area the token may see (all of them for dinas/admin). */
export function visibleDesa(scope: TokenScope, areaCode: string, areas: AreaDirectory): string[] {
  const all = areas.isDesa(areaCode) ? [areaCode] : areas.isKecamatan(areaCode) ? areas.desaOf(areaCode).map((d) => d.code) : areas.allDesa().map((d) => d.code);
  return scope.desa === null ? all : all.filter((c) => scope.desa!.has(c));
}
