// The daily PKB digest's text (src/reports/pkb-digest-text.ts), from aggregations built without a database: a day
// with activity, a quiet day in one line, long lists shortened, and the month after its close.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { aggregate, type AggregateInput, type CaseInput, type DesaInput, type RecapInput } from '../../src/reports/aggregate.js';
import { digestPeriod, isQuietDigest, pkbDigestText } from '../../src/reports/pkb-digest-text.js';
import { fromWita } from '../../src/time/wita.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { headlineOfAggregate, headlineOfDigest } from '../helpers/export-figures.js';

const CALENDAR = { dueDay: 3, closeDay: 15 };
const PERIOD = '2026-11';
const NOW = fromWita(2026, 12, 2, 7, 0);
const SINCE = fromWita(2026, 12, 1, 7, 0);

const desa = (n: number, name: string, takingPart = true): DesaInput => ({
  code: `73.06.06.${2000 + n}`,
  name,
  kind: 'desa',
  kecamatanCode: '73.06.06',
  kecamatanName: 'Bontomarannu',
  takingPart,
});
const A = desa(3, 'Pakatto');
const B = desa(4, 'Nirannuang');
const C = desa(5, 'Romangloe');
const D = desa(6, 'Sokkolia');
const OUT = desa(14, 'Bili-bili', false);

const recap = (d: DesaInput, over: Partial<RecapInput> = {}): RecapInput => ({
  desaCode: d.code,
  period: PERIOD,
  status: 'verified',
  version: 1,
  late: false,
  submittedAt: fromWita(2026, 11, 30, 9, 0).toISOString(),
  verifiedAt: fromWita(2026, 11, 30, 12, 0).toISOString(),
  values: CLEAN_RECAP,
  dusunMismatch: false,
  ...over,
});

const aCase = (d: DesaInput, code: string, over: Partial<CaseInput> = {}): CaseInput => ({
  code,
  desaCode: d.code,
  category: 'IAT',
  status: 'assigned',
  methodWanted: 'suntik',
  reasons: ['jarak_akses'],
  stockOutMethod: null,
  stockOutFacility: null,
  reportedAt: fromWita(2026, 11, 20, 10, 0).toISOString(),
  assignedAt: fromWita(2026, 11, 20, 10, 0).toISOString(),
  closedAt: null,
  ...over,
});

function digest(over: Partial<AggregateInput> = {}, scope = 'Kec. Bontomarannu') {
  const input: AggregateInput = {
    period: PERIOD,
    area: { code: '73.06.06', level: 'kecamatan', name: 'Bontomarannu' },
    now: NOW,
    since: SINCE,
    desa: [A, B, C, D, OUT],
    recaps: [],
    cases: [],
    settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: CALENDAR, caseFollowUpDays: 7 },
    ...over,
  };
  const agg = aggregate(input);
  return { agg, text: pkbDigestText({ aggregate: agg, scope, now: input.now, calendar: CALENDAR }) };
}

describe('PKB digest text', () => {
  it('when a day had activity, then it says what arrived, X of Y with the missing named and the days left, what waits or was returned, the official figures, and the cases', () => {
    const { agg, text } = digest({
      recaps: [
        recap(A),
        recap(B, { status: 'submitted', version: 2, submittedAt: fromWita(2026, 12, 1, 15, 0).toISOString(), verifiedAt: null }),
        recap(C, { status: 'returned', verifiedAt: null }),
      ],
      cases: [
        aCase(A, 'UN-062003-2026-0001'),
        aCase(B, 'UN-062004-2026-0002', { reportedAt: fromWita(2026, 12, 1, 18, 0).toISOString(), assignedAt: fromWita(2026, 12, 1, 18, 0).toISOString(), reasons: ['stok_kosong'], stockOutMethod: 'pil', stockOutFacility: 'Puskesmas' }),
        aCase(C, 'UN-062005-2026-0003', { reasons: ['stok_kosong'], stockOutMethod: 'suntik', stockOutFacility: 'Pustu' }),
      ],
    });
    expect(text).toContain('*Ringkasan harian Kec. Bontomarannu*\nRabu, 2/12/2026');
    expect(text).toContain('*Laporan November 2026*: 3 dari 4 desa/kelurahan sudah lapor (1 terverifikasi).');
    expect(text).toContain('Batas pengiriman 3/12/2026 (1 hari lagi).');
    expect(text).toContain('Belum lapor (1): Sokkolia.');
    expect(text).toContain('Baru masuk sejak ringkasan lalu (1): Nirannuang (perbaikan).');
    expect(text).toContain('Menunggu verifikasi (1): Nirannuang (perbaikan).');
    expect(text).toContain('Dikembalikan, belum diperbaiki (1): Romangloe.');
    expect(text).toContain('Angka terverifikasi (1 desa/kelurahan): PUS 480, peserta KB aktif 266 (55,4%)');
    expect(text).toContain('*Kasus*: 1 baru sejak ringkasan lalu (1 stok kosong), 3 masih terbuka.');
    expect(text).toContain('Belum ditindaklanjuti lebih dari 7 hari (2): UN-062003-2026-0001 (Pakatto, 11 hari); UN-062005-2026-0003 (Romangloe, 11 hari).');
    expect(text).toContain('Bulan November 2026: 2 kasus dilaporkan, 1 stok kosong (Suntik di Pustu 1).');
    expect(text).toContain('Periksa laporan desa');
    expect(text).not.toMatch(/Bili-bili/);
    expect(text.length).toBeLessThanOrEqual(1000);
    // What the text says is what the aggregation holds.
    expect(headlineOfDigest(text)).toEqual(headlineOfAggregate(agg));
  });

  it('when nothing happened and nothing is missing or waiting, then the digest is one line', () => {
    const { agg, text } = digest({ recaps: [recap(A), recap(B), recap(C), recap(D)] });
    expect(isQuietDigest(agg)).toBe(true);
    expect(text).not.toContain('\n');
    expect(text).toBe('*Ringkasan harian Kec. Bontomarannu* (Rabu, 2/12/2026): tidak ada yang baru; laporan November 2026 sudah lengkap (4 dari 4 desa/kelurahan) dan terverifikasi.');
  });

  it('when the month is closed and nothing waits, then the one line says when the next month opens; a recap still waiting is named', () => {
    const after = fromWita(2026, 12, 20, 7, 0);
    const quiet = digest({ now: after, since: fromWita(2026, 12, 19, 7, 0), recaps: [recap(A)] });
    expect(quiet.text).toBe('*Ringkasan harian Kec. Bontomarannu* (Minggu, 20/12/2026): tidak ada yang baru; laporan Desember 2026 dibuka 1/1/2027.');
    const waiting = digest({ now: after, since: fromWita(2026, 12, 19, 7, 0), recaps: [recap(A), recap(B, { status: 'submitted', verifiedAt: null })] });
    expect(waiting.text).toContain('*Laporan November 2026* (sudah ditutup): 2 dari 4 desa/kelurahan lapor, 1 terverifikasi.');
    expect(waiting.text).toContain('Menunggu verifikasi (1): Nirannuang.');
    expect(waiting.text).toContain('Laporan Desember 2026 dibuka 1/1/2027, batas pengiriman 3/1/2027.');
    expect(waiting.text).not.toContain('Belum lapor');
  });

  it('when the lists are long, then they are shortened with "dan N lainnya" and the digest stays one message', () => {
    const many = Array.from({ length: 40 }, (_, i) => desa(100 + i, `Desa Bernama Sangat Panjang Nomor ${i + 1}`));
    const waiting = many.slice(0, 15).map((d) => recap(d, { status: 'submitted', verifiedAt: null, submittedAt: fromWita(2026, 12, 1, 9, 0).toISOString() }));
    const cases = many.slice(0, 20).map((d, i) => aCase(d, `UN-06${100 + i}-2026-${String(i + 1).padStart(4, '0')}`));
    const { text } = digest({ desa: many, recaps: waiting, cases });
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).toMatch(/Belum lapor \(25\): .* dan \d+ lainnya\./);
    expect(text).toMatch(/Menunggu verifikasi \(15\): .* dan \d+ lainnya\./);
    expect(text).toMatch(/lebih dari 7 hari \(20\): .* dan \d+ lainnya\./);
  });

  it('when the digest is for a PKB alone, then it names their binaan', () => {
    const { text } = digest({ desa: [A, B], recaps: [] }, 'desa binaan Anda, Kec. Bontomarannu');
    expect(text).toContain('*Ringkasan harian desa binaan Anda, Kec. Bontomarannu*');
    expect(text).toContain('0 dari 2 desa/kelurahan');
  });

  it('when the date is from the 1st to the end of a month, then the digest reports the month before', () => {
    expect(digestPeriod(fromWita(2026, 12, 1, 7, 0))).toBe('2026-11');
    expect(digestPeriod(fromWita(2026, 12, 31, 7, 0))).toBe('2026-11');
    expect(digestPeriod(fromWita(2027, 1, 1, 7, 0))).toBe('2026-12');
  });
});
