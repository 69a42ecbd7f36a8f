import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  CATEGORY_OF_WANT,
  CHILDREN,
  caseCode,
  isOpen,
  isTerminal,
  METHOD_LABELS,
  METHODS_WANTED,
  numberedMenu,
  OPEN_STATUSES,
  parseCaseCode,
  pickNumbered,
  REASON_LABELS,
  REASONS,
  SERVICE_METHODS,
  WANT_LABELS,
  WANTS,
  type CaseStatus,
} from '../../../src/domain/cases/case-model.js';

describe('enums', () => {
  it('when the wants are listed, then each maps to its category', () => {
    expect(WANTS.map((w) => [w, WANT_LABELS[w], CATEGORY_OF_WANT[w]])).toEqual([
      ['delay', 'Menunda kehamilan', 'IAT'],
      ['stop', 'Tidak ingin anak lagi', 'TIAL'],
      ['method_now', 'Ingin ber-KB sekarang', 'CALON_AKSEPTOR'],
    ]);
  });

  it('when the methods are listed, then "belum tahu" is last and is not a service method', () => {
    expect(METHODS_WANTED).toEqual(['iud', 'mow', 'mop', 'implan', 'suntik', 'pil', 'kondom', 'mal', 'belum_tahu']);
    expect(METHOD_LABELS.iud).toBe('IUD/spiral');
    expect(METHOD_LABELS.mow).toBe('MOW (steril wanita)');
    expect(METHOD_LABELS.belum_tahu).toBe('Belum tahu');
    expect(SERVICE_METHODS).not.toContain('belum_tahu');
    expect(SERVICE_METHODS).toHaveLength(8);
  });

  it('when the reasons are listed, then they follow docs/domain.md §6.1 with Indonesian labels', () => {
    expect(REASONS).toEqual(['stok_kosong', 'jarak_akses', 'biaya', 'takut_efek_samping', 'suami_tidak_setuju', 'alasan_kesehatan', 'belum_sempat', 'tidak_tahu_tempat', 'lainnya']);
    expect(REASON_LABELS.stok_kosong).toBe('Alat/obat KB habis di faskes');
    expect(REASON_LABELS.tidak_tahu_tempat).toBe('Tidak tahu tempat pelayanan');
  });

  it('when bands are listed, then they replace the date of birth and the exact number of children', () => {
    expect(AGE_BANDS).toEqual(['15-19', '20-29', '30-39', '40-49', '50+']);
    expect(CHILDREN).toEqual(['0', '1', '2', '3+']);
  });
});

describe('statuses', () => {
  it.each([
    ['reported', 'dilaporkan', true],
    ['assigned', 'ditugaskan', true],
    ['followed_up', 'sudah ditindaklanjuti', true],
    ['referred', 'dirujuk', true],
    ['served', 'sudah dilayani', false],
    ['declined', 'menolak', false],
    ['lost', 'tidak terlacak', false],
    ['closed_invalid', 'ditutup (tidak valid)', false],
  ] as const)('when the status is %s, then its label is "%s" and open is %s', (status, label, open) => {
    expect(CASE_STATUS_LABELS[status]).toBe(label);
    expect(isOpen(status)).toBe(open);
    expect(isTerminal(status)).toBe(!open);
  });

  it('when open statuses are listed, then they are the four non-terminal ones in order', () => {
    expect(OPEN_STATUSES).toEqual(['reported', 'assigned', 'followed_up', 'referred']);
    expect(CASE_STATUSES.filter((s: CaseStatus) => isOpen(s))).toEqual(OPEN_STATUSES);
  });
});

describe('numbered menus', () => {
  it('when a menu is built, then it is numbered from 1 in key order', () => {
    expect(numberedMenu(WANTS, WANT_LABELS)).toBe('1. Menunda kehamilan\n2. Tidak ingin anak lagi\n3. Ingin ber-KB sekarang');
  });

  it.each([
    ['1', 'delay'],
    [' 2. ', 'stop'],
    ['3)', 'method_now'],
    ['0', null],
    ['4', null],
    ['tunda', null],
    ['', null],
  ] as const)('when the answer is "%s", then the pick is %s', (answer, key) => {
    expect(pickNumbered(WANTS, answer)).toBe(key);
  });
});

describe('case code', () => {
  it.each([
    ['73.06.20.2003', 2026, 1, 'UN-202003-2026-0001'],
    ['7306202003', 2026, 42, 'UN-202003-2026-0042'],
    ['73.06.01.1001', 2025, 9999, 'UN-011001-2025-9999'],
    ['73.06.01.1001', 2025, 10000, 'UN-011001-2025-10000'],
  ] as const)('when the desa is %s, year %i, number %i, then the code is %s and parses back', (desa, year, seq, code) => {
    expect(caseCode(desa, year, seq)).toBe(code);
    expect(parseCaseCode(code)).toEqual({ code, desaCode: `73.06.${code.slice(3, 5)}.${code.slice(5, 9)}`, year, seq });
  });

  it.each([
    ['UN-202003-2026-0007'],
    ['un-202003-2026-0007'],
    ['UN 202003 2026 0007'],
    ['  un202003-2026-7 '],
    ['status UN-202003-2026-0007 ya'],
    ['STATUS un - 20.2003 - 2026 - 07'],
    ['UN–202003–2026–0007'],
  ])('when "%s" is typed, then it is read as UN-202003-2026-0007', (text) => {
    expect(parseCaseCode(text)).toEqual({ code: 'UN-202003-2026-0007', desaCode: '73.06.20.2003', year: 2026, seq: 7 });
  });

  it.each([['UN-2020-2026-0007'], ['202003-2026-0007'], ['FUN-202003-2026-0007'], ['UN-202003-2026-0000'], ['status'], ['']])(
    'when "%s" is typed, then no code is found',
    (text) => {
      expect(parseCaseCode(text)).toBeNull();
    },
  );

  it.each([
    ['73.71.01.1001', 2026, 1],
    ['Bontoa', 2026, 1],
    ['73.06.20.2003', 26, 1],
    ['73.06.20.2003', 2026, 0],
    ['73.06.20.2003', 2026, 1.5],
  ] as const)('when the input is %s / %s / %s, then making a code throws', (desa, year, seq) => {
    expect(() => caseCode(desa, year, seq)).toThrow(RangeError);
  });
});
