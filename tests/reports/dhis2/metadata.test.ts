// The DHIS2 metadata file: its structure against DHIS2's metadata import format (format.ts), every reference
// resolving, UIDs valid and unique, codes and names unique, short names within 50 characters, and the same bytes
// every time it is generated, under every recap setting and with or without the org unit tree.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../../src/areas/wilayah-data.js';
import { activeFields, DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../../../src/domain/recap/fields.js';
import { DEFAULT_CATEGORY_COMBO_UID } from '../../../src/reports/dhis2/codes.js';
import { MetadataSchema, type Dhis2Metadata } from '../../../src/reports/dhis2/format.js';
import { buildMetadata, metadataJson } from '../../../src/reports/dhis2/metadata.js';
import { checkMetadata } from '../../../src/reports/dhis2/references.js';
import { dhis2Uid, isDhis2Uid } from '../../../src/reports/dhis2/uid.js';

const { areas: rows, aliases } = loadWilayahFromResources();
const areas = new AreaDirectory(rows, aliases);
const ALL_PARTS: RecapSettings = { pusRule: 'C3_PRIME', parts: { flows: true, channel: true, mal_traditional: true } };
const build = (settings: RecapSettings = DEFAULT_RECAP_SETTINGS, includeOrgUnits = true) => buildMetadata(areas, { settings, includeOrgUnits, timelyDays: 3 });

describe('DHIS2 metadata', () => {
  it.each([
    ['default settings', DEFAULT_RECAP_SETTINGS, true],
    ['every optional part and C3′', ALL_PARTS, true],
    ['--no-org-units', DEFAULT_RECAP_SETTINGS, false],
  ])('when it is built with %s, then it is DHIS2 metadata whose every reference resolves', (_name, settings, includeOrgUnits) => {
    const pkg = build(settings, includeOrgUnits);
    expect(MetadataSchema.safeParse(pkg.metadata).success).toBe(true);
    expect(checkMetadata(pkg.metadata, pkg.externalIds)).toEqual([]);
    const m = pkg.metadata;
    const uids = Object.values(m).flatMap((list: Array<{ id: string }>) => list.map((o) => o.id));
    expect(uids.every(isDhis2Uid)).toBe(true);
    expect(new Set(uids).size).toBe(uids.length);
    for (const de of m.dataElements) expect(de.shortName.length).toBeLessThanOrEqual(50);
    expect(m.dataElements.every((de) => de.categoryCombo.id === DEFAULT_CATEGORY_COMBO_UID && de.domainType === 'AGGREGATE' && de.valueType === 'INTEGER_ZERO_OR_POSITIVE')).toBe(true);
  });

  it('when it is built, then there is one data element per asked recap field, coded by field id, all in the monthly data set and its sections', () => {
    for (const settings of [DEFAULT_RECAP_SETTINGS, ALL_PARTS]) {
      const m = build(settings).metadata;
      const fields = activeFields(settings);
      expect(m.dataElements.map((de) => de.code)).toEqual(fields.map((f) => f.id));
      expect(m.dataElements.map((de) => de.formName)).toEqual(fields.map((f) => f.label));
      const [ds] = m.dataSets!;
      expect(ds).toMatchObject({ code: 'IMP_FIDAL', name: 'Laporan Bulanan Pengendalian Lapangan Desa (F/I/Dal)', periodType: 'Monthly', timelyDays: 3 });
      expect(ds!.dataSetElements.map((e) => e.dataElement.id)).toEqual(m.dataElements.map((de) => de.id));
      expect(m.sections!.map((s) => s.name)).toEqual(['I. Keadaan Umum', 'II. Kegiatan Operasional', 'III. PUS dan Kesertaan ber-KB', 'IV. Poktan BKB, BKR, BKL', 'V. UPPKA']);
      expect(m.sections!.flatMap((s) => s.dataElements.map((d) => d.id))).toEqual(m.dataElements.map((de) => de.id));
    }
  });

  it('when stocks and flows are aggregated over time, then stocks take the last value in the period and flows add up', () => {
    const m = build(ALL_PARTS).metadata;
    const type = (code: string) => m.dataElements.find((de) => de.code === code)!.aggregationType;
    expect(['pus', 'pa_iud', 'jml_keluarga', 'ppkbd_ada', 'bkb_keluarga_anggota', 'uppka_anggota'].map(type)).toEqual(Array(6).fill('LAST_IN_PERIOD'));
    expect(['frek_rakor_desa', 'pb_iud', 'do_pil', 'gc_dari_suntik', 'bkb_pertemuan', 'uppka_pertemuan'].map(type)).toEqual(Array(6).fill('SUM'));
    // A 0 is an answer: stored, and counted by the validation rules.
    expect(m.dataElements.every((de) => de.zeroIsSignificant)).toBe(true);
  });

  it('when the org unit tree is built, then it is the kabupaten, its kecamatan and every desa with Kemendagri codes, and the data set covers every desa', () => {
    const m = build().metadata;
    const units = m.organisationUnits!;
    const kab = units.find((u) => u.code === '73.06')!;
    expect(kab).toEqual({ id: dhis2Uid('organisationUnit', '73.06'), code: '73.06', name: 'Kabupaten Gowa', shortName: 'Kabupaten Gowa', openingDate: '1990-01-01' });
    expect(units.filter((u) => u.code.split('.').length === 3)).toHaveLength(areas.kecamatanList().length);
    expect(units.filter((u) => u.code.split('.').length === 4)).toHaveLength(areas.allDesa().length);
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const u of units.filter((x) => x !== kab)) expect(u.code.startsWith(`${byId.get(u.parent!.id)!.code}.`)).toBe(true);
    // Parents come before their children, the order an importer reads them in.
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parent) expect(seen.has(u.parent.id)).toBe(true);
      seen.add(u.id);
    }
    expect(units.find((u) => u.code === '73.06.06.2003')).toMatchObject({ name: 'Desa Pakatto' });
    expect(new Set(m.dataSets![0]!.organisationUnits.map((o) => byId.get(o.id)!.code))).toEqual(new Set(areas.allDesa().map((d) => d.code)));
  });

  it('when --no-org-units is given, then no unit is created and, with nothing to name them by, the data set is assigned to none (and the notes say so)', () => {
    const pkg = build(DEFAULT_RECAP_SETTINGS, false);
    expect(pkg.metadata.organisationUnits).toBeUndefined();
    expect(pkg.metadata.dataSets![0]!.organisationUnits).toEqual([]);
    expect(pkg.notes.join('\n')).toContain(`${areas.allDesa().length} desa/kelurahan are not assigned to the data set`);
  });

  it('when it is generated twice, then the files are identical, and UIDs come from the fixed seed and the code', () => {
    expect(metadataJson(build(ALL_PARTS).metadata)).toBe(metadataJson(build(ALL_PARTS).metadata));
    // Frozen: a change here gives every object a new UID, and a re-import would duplicate the whole package.
    expect(dhis2Uid('dataElement', 'pa_iud')).toBe('ETYzXW84pOW');
    expect(dhis2Uid('organisationUnit', '73.06')).toBe('cpkLTS3Hijv');
    const m = build().metadata;
    expect(m.dataElements.find((de) => de.code === 'pus')!.id).toBe(dhis2Uid('dataElement', 'pus'));
    expect(m.dataSets![0]!.id).toBe(dhis2Uid('dataSet', 'IMP_FIDAL'));
    // Switching a part on adds objects and keeps the UIDs of the others.
    const more = build(ALL_PARTS).metadata;
    for (const de of m.dataElements) expect(more.dataElements.find((x) => x.code === de.code)!.id).toBe(de.id);
  });

  it('when the indicators are built, then they are percentages whose expressions name the method data elements', () => {
    const m = build().metadata;
    expect(m.indicatorTypes).toEqual([expect.objectContaining({ factor: 100, number: false })]);
    const uid = (code: string) => m.dataElements.find((de) => de.code === code)!.id;
    const byCode = new Map(m.indicators.map((i) => [i.code, i]));
    expect([...byCode.keys()]).toEqual(['IMP_CPR', 'IMP_MCPR', 'IMP_UNMET_NEED', 'IMP_MKJP']);
    expect(byCode.get('IMP_UNMET_NEED')).toMatchObject({ numerator: `#{${uid('iat')}} + #{${uid('tial')}}`, denominator: `#{${uid('pus')}}` });
    expect(byCode.get('IMP_MKJP')!.numerator).toBe(['pa_iud', 'pa_mow', 'pa_mop', 'pa_implan'].map((c) => `#{${uid(c)}}`).join(' + '));
    expect(byCode.get('IMP_MKJP')!.numerator).not.toContain(uid('pa_suntik'));
  });

  it('when a reference is broken, then the check names it (it is what makes a DHIS2 import fail)', () => {
    const pkg = build();
    const broken = structuredClone(pkg.metadata) as Dhis2Metadata;
    broken.dataSets![0]!.dataSetElements[0]!.dataElement.id = 'Abcdefghijk';
    broken.organisationUnits![5]!.parent = { id: 'Zyxwvutsrqp' };
    broken.indicators[0]!.numerator += ' + #{Qwertyuiopa}';
    broken.validationRules[0]!.rightSide.expression = 'max(#{Qwertyuiopa})';
    broken.dataElements[1]!.code = broken.dataElements[0]!.code;
    broken.dataElements[2]!.shortName = 'x'.repeat(51);
    const problems = checkMetadata(broken, pkg.externalIds);
    expect(problems).toEqual([expect.stringContaining('dataElements.2.shortName')]);
    broken.dataElements[2]!.shortName = 'ok';
    const again = checkMetadata(broken, pkg.externalIds).join('\n');
    expect(again).toContain('dataSetElements.dataElement refers to Abcdefghijk');
    expect(again).toContain('parent refers to Zyxwvutsrqp');
    expect(again).toContain('numerator refers to data element Qwertyuiopa');
    expect(again).toContain('is not a sum of #{uid} items');
    expect(again).toContain(`code "${pkg.metadata.dataElements[0]!.code}" appears more than once`);
  });
});
