// The monthly village recap ("C1/Des/Dal", docs/domain.md §5): every field in paper-form order, with the name as on
// the form, the short key for fast entry, and a hard plausibility bound. Pure data; flows, rules, exports and
// fast entry all read it from here.

export type SectionId = 'I' | 'II' | 'III' | 'IV' | 'V';

/** Optional parts of the form: deployment settings, off by default (docs/domain.md §5.4). */
export type OptionalPart = 'flows' | 'channel' | 'mal_traditional';

export interface FieldDef {
  /** Stable snake_case id, as in docs/domain.md §5 (`pa_iud`, `bkb_pertemuan`). */
  id: string;
  /** Fast-entry key (`LAPOR … IUD=20`), upper case, unique. */
  key: string;
  /** Name as on the paper form, in Bahasa Indonesia. */
  label: string;
  section: SectionId;
  /** Hard plausibility bound: larger values never pass. */
  max: number;
  optional?: OptionalPart;
}

/** Fields the form groups together are asked in one reply (numbers in order), with a one-at-a-time fallback. */
export interface FieldGroup {
  id: string;
  section: SectionId;
  title: string;
  fields: readonly string[];
  /**
   * An example reply, numbers in field order. The examples of all groups together must not make a valid recap
   * (their PUS does not balance), so a cadre who copies them is stopped (see examples.ts).
   */
  example: string;
  optional?: OptionalPart;
}

export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  I: 'I. Keadaan Umum',
  II: 'II. Kegiatan Operasional',
  III: 'III. PUS dan Kesertaan ber-KB',
  IV: 'IV. Poktan BKB, BKR, BKL',
  V: 'V. UPPKA',
};

export const INSTITUTIONS = [
  ['ppkbd', 'PPKBD'],
  ['sub_ppkbd', 'Sub-PPKBD'],
  ['kelompok_kb', 'Kelompok KB'],
  ['bkb', 'BKB'],
  ['bkr', 'BKR'],
  ['bkl', 'BKL'],
  ['uppka', 'UPPKA'],
] as const;

/** The contraceptive methods in the order of the register (docs/domain.md §5.4, S8). */
export const METHODS = [
  ['iud', 'IUD'],
  ['mow', 'MOW'],
  ['mop', 'MOP'],
  ['implan', 'Implan'],
  ['suntik', 'Suntik'],
  ['pil', 'Pil'],
  ['kondom', 'Kondom'],
] as const;
export const EXTRA_METHODS = [
  ['mal', 'MAL'],
  ['lain', 'Tradisional/lainnya'],
] as const;
export const MKJP_METHODS = ['iud', 'mow', 'mop', 'implan'] as const;

export const POKTAN = [
  ['bkb', 'BKB'],
  ['bkr', 'BKR'],
  ['bkl', 'BKL'],
] as const;

const COUNT_MAX = 10_000;
const MONTH_DAYS = 31;

function field(id: string, key: string, label: string, section: SectionId, max: number, optional?: OptionalPart): FieldDef {
  return optional ? { id, key, label, section, max, optional } : { id, key, label, section, max };
}

export const RECAP_FIELDS: readonly FieldDef[] = [
  // I. Keadaan umum: how many exist, how many reported.
  ...INSTITUTIONS.map(([id, name]) => field(`${id}_ada`, `${id.toUpperCase()}_ADA`, `${name} yang ada`, 'I', 500)),
  ...INSTITUTIONS.map(([id, name]) => field(`${id}_lapor`, `${id.toUpperCase()}_LAPOR`, `${name} yang melapor`, 'I', 500)),
  // II. Kegiatan operasional.
  field('frek_rakor_desa', 'RAKOR', 'Frekuensi rakor desa', 'II', MONTH_DAYS),
  field('frek_penyuluhan_pkb', 'PENYULUHAN', 'Frekuensi penyuluhan oleh PKB', 'II', MONTH_DAYS),
  field('frek_kie_kit', 'KIE_KIT', 'Frekuensi penggunaan KIE Kit', 'II', MONTH_DAYS),
  field('jml_tokoh_aktif_kie', 'TOKOH', 'Tokoh masyarakat/agama aktif KIE', 'II', 500),
  // III. PUS and contraceptive use (end-of-month stock).
  field('jml_keluarga', 'KELUARGA', 'Jumlah keluarga', 'III', COUNT_MAX),
  field('pus', 'PUS', 'Jumlah PUS', 'III', COUNT_MAX),
  ...METHODS.map(([id, name]) => field(`pa_${id}`, id.toUpperCase(), `Peserta KB aktif ${name}`, 'III', COUNT_MAX)),
  ...EXTRA_METHODS.map(([id, name]) => field(`pa_${id}`, id.toUpperCase(), `Peserta KB aktif ${name}`, 'III', COUNT_MAX, 'mal_traditional')),
  field('pa_pemerintah', 'PA_PEMERINTAH', 'Peserta KB aktif jalur pemerintah', 'III', COUNT_MAX, 'channel'),
  field('pa_swasta', 'PA_SWASTA', 'Peserta KB aktif jalur swasta', 'III', COUNT_MAX, 'channel'),
  field('hamil', 'HAMIL', 'PUS hamil', 'III', COUNT_MAX),
  field('ias', 'IAS', 'Ingin anak segera (IAS)', 'III', COUNT_MAX),
  field('iat', 'IAT', 'Ingin anak ditunda (IAT)', 'III', COUNT_MAX),
  field('tial', 'TIAL', 'Tidak ingin anak lagi (TIAL)', 'III', COUNT_MAX),
  ...[...METHODS, ...EXTRA_METHODS].map(([id, name]) => field(`pb_${id}`, `PB_${id.toUpperCase()}`, `Peserta KB baru ${name}`, 'III', 1_000, 'flows')),
  ...[...METHODS, ...EXTRA_METHODS].map(([id, name]) => field(`do_${id}`, `DO_${id.toUpperCase()}`, `Drop out ${name}`, 'III', 1_000, 'flows')),
  ...[...METHODS, ...EXTRA_METHODS].map(([id, name]) => field(`gc_dari_${id}`, `GC_DARI_${id.toUpperCase()}`, `Ganti cara dari ${name}`, 'III', 1_000, 'flows')),
  ...[...METHODS, ...EXTRA_METHODS].map(([id, name]) => field(`gc_ke_${id}`, `GC_KE_${id.toUpperCase()}`, `Ganti cara ke ${name}`, 'III', 1_000, 'flows')),
  // IV. Poktan BKB / BKR / BKL.
  ...POKTAN.flatMap(([id, name]) => [
    field(`${id}_keluarga_sasaran`, `${id.toUpperCase()}_SASARAN`, `${name}: keluarga sasaran`, 'IV', COUNT_MAX),
    field(`${id}_keluarga_anggota`, `${id.toUpperCase()}_ANGGOTA`, `${name}: keluarga anggota`, 'IV', COUNT_MAX),
    field(`${id}_anggota_hadir`, `${id.toUpperCase()}_HADIR`, `${name}: anggota hadir`, 'IV', COUNT_MAX),
    field(`${id}_pus_anggota`, `${id.toUpperCase()}_PUS`, `${name}: PUS anggota`, 'IV', COUNT_MAX),
    field(`${id}_pus_anggota_kb`, `${id.toUpperCase()}_PUS_KB`, `${name}: PUS anggota ber-KB`, 'IV', COUNT_MAX),
    field(`${id}_pertemuan`, `${id.toUpperCase()}_PERTEMUAN`, `${name}: jumlah pertemuan`, 'IV', MONTH_DAYS),
  ]),
  // V. UPPKA.
  field('uppka_anggota', 'UPPKA_ANGGOTA', 'UPPKA: anggota', 'V', COUNT_MAX),
  field('uppka_anggota_kps_ks1', 'UPPKA_ANGGOTA_KS1', 'UPPKA: anggota KPS dan KS I', 'V', COUNT_MAX),
  field('uppka_pus', 'UPPKA_PUS', 'UPPKA: PUS anggota', 'V', COUNT_MAX),
  field('uppka_pus_kb', 'UPPKA_PUS_KB', 'UPPKA: PUS anggota ber-KB', 'V', COUNT_MAX),
  field('uppka_pus_kps_ks1', 'UPPKA_PUS_KS1', 'UPPKA: PUS anggota KPS dan KS I', 'V', COUNT_MAX),
  field('uppka_pus_kps_ks1_kb', 'UPPKA_PUS_KS1_KB', 'UPPKA: PUS KPS dan KS I ber-KB', 'V', COUNT_MAX),
  field('uppka_pertemuan', 'UPPKA_PERTEMUAN', 'UPPKA: jumlah pertemuan', 'V', MONTH_DAYS),
  field('uppka_kelompok_akses_modal', 'UPPKA_MODAL', 'UPPKA: kelompok yang mengakses modal', 'V', 500),
];

const ids = (prefix: string, list: readonly (readonly [string, string])[], suffix = '') => list.map(([id]) => `${prefix}${id}${suffix}`);

export const RECAP_GROUPS: readonly FieldGroup[] = [
  { id: 'ada', section: 'I', title: 'Jumlah yang ada: PPKBD, Sub-PPKBD, Kelompok KB, BKB, BKR, BKL, UPPKA', fields: ids('', INSTITUTIONS, '_ada'), example: '1 5 14 4 3 2 1' },
  { id: 'lapor', section: 'I', title: 'Jumlah yang melapor: PPKBD, Sub-PPKBD, Kelompok KB, BKB, BKR, BKL, UPPKA', fields: ids('', INSTITUTIONS, '_lapor'), example: '1 5 13 4 3 2 1' },
  { id: 'operasional', section: 'II', title: 'Frekuensi rakor desa, penyuluhan PKB, penggunaan KIE Kit, dan jumlah tokoh aktif KIE', fields: ['frek_rakor_desa', 'frek_penyuluhan_pkb', 'frek_kie_kit', 'jml_tokoh_aktif_kie'], example: '2 1 3 6' },
  { id: 'pus', section: 'III', title: 'Jumlah keluarga dan jumlah PUS', fields: ['jml_keluarga', 'pus'], example: '650 500' },
  { id: 'pa', section: 'III', title: 'Peserta KB aktif per cara: IUD, MOW, MOP, Implan, Suntik, Pil, Kondom', fields: ids('pa_', METHODS), example: '15 4 1 25 110 70 8' },
  { id: 'pa_extra', section: 'III', title: 'Peserta KB aktif MAL dan tradisional/lainnya', fields: ids('pa_', EXTRA_METHODS), example: '3 2', optional: 'mal_traditional' },
  { id: 'channel', section: 'III', title: 'Peserta KB aktif menurut jalur: pemerintah, swasta', fields: ['pa_pemerintah', 'pa_swasta'], example: '180 53', optional: 'channel' },
  { id: 'non_user', section: 'III', title: 'Bukan peserta KB: hamil, IAS, IAT, TIAL', fields: ['hamil', 'ias', 'iat', 'tial'], example: '20 55 65 50' },
  { id: 'pb', section: 'III', title: 'Peserta KB baru bulan ini per cara: IUD, MOW, MOP, Implan, Suntik, Pil, Kondom, MAL, tradisional', fields: ids('pb_', [...METHODS, ...EXTRA_METHODS]), example: '1 0 0 2 4 3 1 0 0', optional: 'flows' },
  { id: 'do', section: 'III', title: 'Drop out bulan ini per cara: IUD, MOW, MOP, Implan, Suntik, Pil, Kondom, MAL, tradisional', fields: ids('do_', [...METHODS, ...EXTRA_METHODS]), example: '0 0 0 1 2 2 1 0 0', optional: 'flows' },
  { id: 'gc_dari', section: 'III', title: 'Ganti cara bulan ini, DARI cara: IUD, MOW, MOP, Implan, Suntik, Pil, Kondom, MAL, tradisional', fields: ids('gc_dari_', [...METHODS, ...EXTRA_METHODS]), example: '0 0 0 0 3 1 0 0 0', optional: 'flows' },
  { id: 'gc_ke', section: 'III', title: 'Ganti cara bulan ini, KE cara: IUD, MOW, MOP, Implan, Suntik, Pil, Kondom, MAL, tradisional', fields: ids('gc_ke_', [...METHODS, ...EXTRA_METHODS]), example: '1 0 0 1 0 0 0 0 0', optional: 'flows' },
  ...POKTAN.map(([id, name]) => ({
    id,
    section: 'IV' as const,
    title: `${name}: keluarga sasaran, keluarga anggota, anggota hadir, PUS anggota, PUS anggota ber-KB, jumlah pertemuan`,
    fields: ['keluarga_sasaran', 'keluarga_anggota', 'anggota_hadir', 'pus_anggota', 'pus_anggota_kb', 'pertemuan'].map((f) => `${id}_${f}`),
    example: '130 85 60 75 55 2',
  })),
  {
    id: 'uppka',
    section: 'V',
    title: 'UPPKA: anggota, anggota KPS/KS I, PUS anggota, PUS ber-KB, PUS KPS/KS I, PUS KPS/KS I ber-KB, pertemuan, kelompok akses modal',
    fields: ['uppka_anggota', 'uppka_anggota_kps_ks1', 'uppka_pus', 'uppka_pus_kb', 'uppka_pus_kps_ks1', 'uppka_pus_kps_ks1_kb', 'uppka_pertemuan', 'uppka_kelompok_akses_modal'],
    example: '30 12 22 16 9 7 2 1',
  },
];

/** Deployment settings of the recap (docs/domain.md §5.4, §5.7). */
export interface RecapSettings {
  /** C3 (hamil counted separately, default) or C3′ (New SIGA: hamil inside IAS/IAT/TIAL). */
  pusRule: 'C3' | 'C3_PRIME';
  parts: Readonly<Record<OptionalPart, boolean>>;
}

export const DEFAULT_RECAP_SETTINGS: RecapSettings = {
  pusRule: 'C3',
  parts: { flows: false, channel: false, mal_traditional: false },
};

export function activeGroups(settings: RecapSettings): FieldGroup[] {
  return RECAP_GROUPS.filter((g) => !g.optional || settings.parts[g.optional]);
}

export function activeFields(settings: RecapSettings): FieldDef[] {
  return RECAP_FIELDS.filter((f) => !f.optional || settings.parts[f.optional]);
}

export const FIELD_BY_ID: ReadonlyMap<string, FieldDef> = new Map(RECAP_FIELDS.map((f) => [f.id, f]));
export const FIELD_BY_KEY: ReadonlyMap<string, FieldDef> = new Map(RECAP_FIELDS.map((f) => [f.key, f]));

/** Section III alone: what a Sub-PPKBD reports for their dusun (docs/domain.md §5, issue: dusun parts). */
export function dusunGroups(settings: RecapSettings): FieldGroup[] {
  return activeGroups(settings).filter((g) => g.section === 'III');
}

/** Recap values: field id → count. A field absent from the map has not been answered. */
export type RecapValues = Readonly<Record<string, number>>;
