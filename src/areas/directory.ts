// Pure, in-memory lookup over the wilayah master data. Every resident message may
// name a desa, so all keys are computed once in the constructor and lookups are
// map hits, falling back to a bounded edit-distance scan over ~200 short keys.
import type { Area, AreaAlias } from './types.js';
import { editDistance, looseKey, nameKey } from './name-key.js';

export type AreaMatch =
  | { kind: 'found'; area: Area }
  | { kind: 'ambiguous'; candidates: Area[] }
  | { kind: 'not_found'; suggestions: Area[] };

interface Entry {
  area: Area;
  loose: string;
}

/** Keys for one level (kecamatan or desa): official names and aliases together. */
interface LevelIndex {
  exact: Map<string, Area[]>;
  loose: Map<string, Area[]>;
  entries: Entry[];
}

const byCode = (a: Area, b: Area): number => a.code.localeCompare(b.code);

function addTo(map: Map<string, Area[]>, key: string, area: Area): void {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [area]);
  else if (!list.includes(area)) list.push(area);
}

// "Bontomanai, Bungaya" / "bontomanai kec. bungaya" → desa part + kecamatan part.
function splitQuery(query: string): { desa: string; kec: string } | null {
  const parts = query.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 2 && parts[0] && parts[1]) return { desa: parts[0], kec: parts[1] };
  const m = /^(.+?)\s+(?:kecamatan|kec)\b\.?\s*(.+)$/i.exec(query.trim());
  return m?.[1] && m[2] ? { desa: m[1], kec: m[2] } : null;
}

export class AreaDirectory {
  private readonly byCode = new Map<string, Area>();
  private readonly desaByKec = new Map<string, Area[]>();
  private readonly kecamatans: Area[];
  private readonly desas: Area[];
  private readonly kab: Area | undefined;
  private readonly kecIndex: LevelIndex;
  private readonly desaIndex: LevelIndex;

  constructor(areas: Area[], aliases: AreaAlias[]) {
    for (const a of areas) this.byCode.set(a.code, a);
    this.kab = areas.find((a) => a.level === 'kabupaten');
    this.kecamatans = areas.filter((a) => a.level === 'kecamatan').sort(byCode);
    this.desas = areas.filter((a) => a.level === 'desa').sort(byCode);
    for (const d of this.desas) {
      const list = this.desaByKec.get(d.parentCode ?? '') ?? [];
      list.push(d);
      this.desaByKec.set(d.parentCode ?? '', list);
    }
    const names = (level: Area[]): Array<[Area, string]> => {
      const codes = new Set(level.map((a) => a.code));
      const out: Array<[Area, string]> = level.map((a) => [a, a.name]);
      for (const al of aliases) {
        const area = this.byCode.get(al.areaCode);
        if (area && codes.has(area.code)) out.push([area, al.alias]);
      }
      return out;
    };
    this.kecIndex = this.buildIndex(names(this.kecamatans));
    this.desaIndex = this.buildIndex(names(this.desas));
  }

  private buildIndex(names: Array<[Area, string]>): LevelIndex {
    const idx: LevelIndex = { exact: new Map(), loose: new Map(), entries: [] };
    for (const [area, name] of names) {
      const loose = looseKey(name);
      addTo(idx.exact, nameKey(name), area);
      addTo(idx.loose, loose, area);
      if (loose) idx.entries.push({ area, loose });
    }
    return idx;
  }

  get(code: string): Area | undefined {
    return this.byCode.get(code);
  }

  kabupaten(): Area {
    if (!this.kab) throw new Error('AreaDirectory: no kabupaten row in the area data');
    return this.kab;
  }

  kecamatanList(): Area[] {
    return [...this.kecamatans];
  }

  desaOf(kecamatanCode: string): Area[] {
    return [...(this.desaByKec.get(kecamatanCode) ?? [])];
  }

  allDesa(): Area[] {
    return [...this.desas];
  }

  /** The kecamatan itself for a kecamatan code, the parent for a desa code. */
  kecamatanOf(code: string): Area | undefined {
    const a = this.byCode.get(code);
    if (!a) return undefined;
    if (a.level === 'kecamatan') return a;
    if (a.level === 'desa' && a.parentCode) return this.byCode.get(a.parentCode);
    return undefined;
  }

  isDesa(code: string): boolean {
    return this.byCode.get(code)?.level === 'desa';
  }

  isKecamatan(code: string): boolean {
    return this.byCode.get(code)?.level === 'kecamatan';
  }

  /** Human label for replies; always names the kecamatan because desa names repeat. Unknown codes come back as-is. */
  label(code: string): string {
    const a = this.byCode.get(code);
    if (!a) return code;
    if (a.level === 'kabupaten') return `Kabupaten ${a.name}`;
    if (a.level === 'kecamatan') return `Kec. ${a.name}`;
    const kec = this.kecamatanOf(code);
    const kind = a.kind === 'kelurahan' ? 'Kelurahan' : 'Desa';
    return kec ? `${kind} ${a.name}, Kec. ${kec.name}` : `${kind} ${a.name}`;
  }

  findKecamatan(query: string): AreaMatch {
    return this.match(this.kecIndex, query, () => true);
  }

  /**
   * `kecamatanCode` is a hard filter (a cadre bound to one kecamatan must not
   * silently land in another). The query may carry its own kecamatan
   * ("Bontomanai, Bungaya", "bontomanai kec bungaya", "bontomanai bungaya").
   */
  findDesa(query: string, opts?: { kecamatanCode?: string }): AreaMatch {
    const scope = opts?.kecamatanCode;
    const inKec = (k: string | undefined) => (a: Area) => k === undefined || a.parentCode === k;

    const split = splitQuery(query);
    if (split) {
      const kec = this.findKecamatan(split.kec);
      if (kec.kind === 'found' && (scope === undefined || scope === kec.area.code)) {
        const r = this.match(this.desaIndex, split.desa, inKec(kec.area.code));
        if (r.kind === 'found') return r;
      }
    }

    const whole = this.match(this.desaIndex, query, inKec(scope));
    if (whole.kind !== 'not_found') return whole;

    // "bontomanai bungaya": trailing words that are exactly a kecamatan name.
    // Only strict tiers here, so a typo never invents a kecamatan.
    const words = query.trim().split(/\s+/);
    for (let i = words.length - 1; i >= 1; i--) {
      const tail = words.slice(i).join(' ');
      const kec = this.strictHits(this.kecIndex, tail, () => true);
      if (kec.length !== 1 || !kec[0] || (scope !== undefined && scope !== kec[0].code)) continue;
      const r = this.match(this.desaIndex, words.slice(0, i).join(' '), inKec(kec[0].code));
      if (r.kind === 'found') return r;
    }

    // Named kecamatan did not contain it: the desa part alone beats the glued string.
    if (split) {
      const r = this.match(this.desaIndex, split.desa, inKec(scope));
      if (r.kind !== 'not_found') return r;
    }
    return whole;
  }

  private strictHits(idx: LevelIndex, query: string, ok: (a: Area) => boolean): Area[] {
    const exact = (idx.exact.get(nameKey(query)) ?? []).filter(ok);
    return exact.length ? exact : (idx.loose.get(looseKey(query)) ?? []).filter(ok);
  }

  private match(idx: LevelIndex, query: string, ok: (a: Area) => boolean): AreaMatch {
    const q = looseKey(query);
    if (!q) return { kind: 'not_found', suggestions: [] };
    const strict = this.strictHits(idx, query, ok);
    if (strict.length) return this.result(strict);

    // Typo tier: keep only the areas at the single best distance.
    const max = q.length <= 5 ? 1 : 2;
    const dist = new Map<Area, number>();
    for (const e of idx.entries) {
      if (!ok(e.area)) continue;
      const d = editDistance(q, e.loose, 3);
      if (d <= 3 && d < (dist.get(e.area) ?? Infinity)) dist.set(e.area, d);
    }
    const best = Math.min(...dist.values());
    if (best <= max) return this.result([...dist].filter(([, d]) => d === best).map(([a]) => a));

    const suggestions = [...dist]
      .sort(([a, da], [b, db]) => da - db || byCode(a, b))
      .slice(0, 3)
      .map(([a]) => a);
    return { kind: 'not_found', suggestions };
  }

  private result(areas: Area[]): AreaMatch {
    const [only] = areas;
    if (areas.length === 1 && only) return { kind: 'found', area: only };
    return { kind: 'ambiguous', candidates: [...areas].sort(byCode) };
  }
}
