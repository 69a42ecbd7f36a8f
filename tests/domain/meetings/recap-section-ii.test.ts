import { describe, expect, it } from 'vitest';
import { proposeSectionII, type MeetingForRecap } from '../../../src/domain/meetings/recap-section-ii.js';

const m = (kind: MeetingForRecap['kind'], extra: Partial<MeetingForRecap> = {}): MeetingForRecap => ({ kind, kieKit: false, attTokohAgama: 0, attTokohMasyarakat: 0, ...extra });

describe('Section II from the meetings (docs/domain.md §8 derivations)', () => {
  it('when no meeting was recorded, then nothing is proposed', () => {
    expect(proposeSectionII([])).toBeNull();
  });

  it('when meetings of several kinds were recorded, then rakor and penyuluhan are counted by kind, the KIE Kit by use, and every meeting is in the total', () => {
    const p = proposeSectionII([m('RAKOR_DESA', { kieKit: true }), m('RAKOR_DESA'), m('PENYULUHAN_PKB', { kieKit: true }), m('POKTAN_BKB'), m('LAINNYA')]);
    expect(p).toEqual({ meetings: 5, values: { frek_rakor_desa: 2, frek_penyuluhan_pkb: 1, frek_kie_kit: 2, jml_tokoh_aktif_kie: 0 } });
  });

  it('when a KIE Kit session was recorded without the kit flag, then it still counts as a KIE Kit session', () => {
    expect(proposeSectionII([m('KIE_KIT')])!.values.frek_kie_kit).toBe(1);
  });

  it('when leaders came to several meetings, then the active leaders are the most at any one meeting (tokoh agama + tokoh masyarakat), not the sum', () => {
    const p = proposeSectionII([m('RAKOR_DESA', { attTokohAgama: 2, attTokohMasyarakat: 3 }), m('PENYULUHAN_PKB', { attTokohAgama: 4 }), m('POKTAN_BKR', { attTokohMasyarakat: 1 })]);
    expect(p!.values.jml_tokoh_aktif_kie).toBe(5);
  });

  it('when more meetings were reported than the recap allows (duplicates), then the proposal stays within the recap bounds', () => {
    const many = Array.from({ length: 40 }, () => m('RAKOR_DESA', { attTokohAgama: 600 }));
    const p = proposeSectionII(many)!;
    expect(p.values.frek_rakor_desa).toBe(31);
    expect(p.values.jml_tokoh_aktif_kie).toBe(500);
    expect(p.meetings).toBe(40);
  });
});
