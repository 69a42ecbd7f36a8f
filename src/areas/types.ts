// Plain data types for the wilayah (area) master data. Pure: no I/O here.

export type AreaLevel = 'kabupaten' | 'kecamatan' | 'desa';
export type DesaKind = 'desa' | 'kelurahan';

export interface Area {
  /** Kemendagri code: "73.06" (kabupaten), "73.06.06" (kecamatan), "73.06.06.2001" (desa/kelurahan). */
  code: string;
  level: AreaLevel;
  /** Official Kemendagri spelling, e.g. "Bontomanai", "Pa'bentengang". */
  name: string;
  /** Only for level 'desa'. */
  kind: DesaKind | null;
  parentCode: string | null;
}

export interface AreaAlias {
  areaCode: string;
  /** Another spelling of the name, as written in the source (not normalised). */
  alias: string;
  source: string;
}
