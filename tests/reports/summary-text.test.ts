// The pure texts and rules behind the Dinas summaries and REKAP/BELUM/GRAFIK: message length, the per-kecamatan
// lines, BELUM's names without numbers, the chart bars, the monthly schedule, and who may see which area.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyRunOf } from '../../src/bot/features/dinas-summary.js';
import { dinasMonthlyCron } from '../../src/bot/jobs/schedule.js';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import type { Actor } from '../../src/flows/engine/types.js';
import { parseGroupCommand } from '../../src/flows/groups/group-commands.js';
import { decideScope, latestReportingPeriod, parseOnDemandArgs, readOnDemandCommand } from '../../src/flows/on-demand/on-demand.js';
import type { AreaAggregate, KecamatanFigures } from '../../src/reports/aggregate.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { chartInputOf } from '../../src/reports/chart-bars.js';
import { missingMessagesForArea, missingMessagesForKabupaten } from '../../src/reports/missing-text.js';
import { areaRekapMessage, kabupatenSummaryMessages, MESSAGE_LIMIT, packMessages } from '../../src/reports/summary-text.js';
import { fromWita } from '../../src/time/wita.js';

const SETTINGS = { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 };
const NOW = fromWita(2026, 12, 7, 8, 0);

let dir: string;
let database: ReadyDatabase;
let kabupaten: AreaAggregate;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-summary-text-'));
  database = openReadyDatabase(join(dir, 'db.sqlite'));
  // No recap at all: every desa takes part (no participation rows) and none has sent.
  kabupaten = aggregateArea(database.db, database.areas, { period: '2026-11', areaCode: '73.06', now: NOW, settings: SETTINGS });
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every kecamatan with verified figures and changes, as long as its line can get. */
function busy(agg: AreaAggregate): AreaAggregate {
  const fill = (k: KecamatanFigures, i: number): KecamatanFigures => ({
    ...k,
    completeness: { ...k.completeness, sent: k.completeness.expected - 1 },
    timeliness: { ...k.timeliness, late: 3 },
    indicators: { ...k.indicators, verified: { ...k.indicators.verified, recaps: 5, cpr: 55.55 + i, mcpr: 50.12, unmetNeedPct: 12.34, mkjpShare: 21.05 } },
    change: { ...k.change, verified: { cpr: -1.25, mcpr: 2.5, unmetNeedPct: -0.75, mkjpShare: 10.1 } },
    cases: { ...k.cases, opened: 12, overdueNow: 4 },
    stockOuts: { ...k.stockOuts, total: 3 },
  });
  return { ...agg, byKecamatan: agg.byKecamatan.map(fill) };
}

describe('the Dinas summary text', () => {
  it('when all 18 kecamatan have full lines, then the summary is several messages, none over 1,000 characters, kabupaten first, each kecamatan once', () => {
    const messages = kabupatenSummaryMessages(busy(kabupaten), 'monthly_due', 'Kabupaten Gowa');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(messages[0]).toContain('*Ringkasan bulanan laporan November 2026*');
    expect(messages[0]).toContain('Laporan masuk 0 dari 167 desa/kelurahan');
    const all = messages.join('\n');
    for (const k of database.areas.kecamatanList()) expect(all.split(`*${k.name}* `).length - 1, k.name).toBe(1);
    expect(all).toContain('*Bontonompo* 13/14 lapor, 3 terlambat • CPR 55,5 (−1,2) • mCPR 50,1 (+2,5)');
  });

  it('when nothing was sent, then the summary says so in words and uses no English or internal codes', () => {
    const [first] = kabupatenSummaryMessages(kabupaten, 'weekly', 'Kabupaten Gowa');
    expect(first).toContain('*Ringkasan mingguan laporan November 2026*');
    expect(first).toContain('Angka KB: belum ada laporan terverifikasi.');
    expect(first).not.toMatch(/\b(?:null|undefined|NaN|73\.06|verified|submitted)\b/);
  });

  it('when lines are packed, then every message stays within the limit and the next one says it continues', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `baris nomor ${i} ${'x'.repeat(60)}`);
    const messages = packMessages('*Judul*', lines, '*Lanjutan*', 300);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(300);
    expect(messages.slice(1).every((m) => m.startsWith('*Lanjutan*'))).toBe(true);
    expect(messages.join('\n').match(/baris nomor/g)).toHaveLength(40);
  });

  it('when a kecamatan is asked for with REKAP, then it is one message within the limit that names the missing desa', () => {
    const agg = aggregateArea(database.db, database.areas, { period: '2026-11', areaCode: '73.06.06', now: NOW, settings: SETTINGS });
    const text = areaRekapMessage(agg, 'Kec. Bontomarannu');
    expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(text).toContain('Belum lapor (9)');
    expect(text).toContain('Desa Pakatto');
  });
});

describe('BELUM text', () => {
  it('when desa of a kecamatan have not reported, then each is named with its PPKBD and no phone number appears', () => {
    const agg = aggregateArea(database.db, database.areas, { period: '2026-11', areaCode: '73.06.06', now: NOW, settings: SETTINGS });
    const pakatto = agg.completeness.missing.find((d) => d.name === 'Pakatto')!;
    const messages = missingMessagesForArea(agg, 'Kec. Bontomarannu', new Map([[pakatto.code, 'Siti Aminah']]));
    const all = messages.join('\n');
    expect(all).toContain('9 dari 9 desa/kelurahan yang ikut belum mengirim laporan');
    expect(all).toContain('Desa Pakatto: Siti Aminah (PPKBD)');
    expect(all).toContain('belum ada PPKBD terdaftar');
    expect(all).not.toMatch(/\+?62\d{6,}|08\d{6,}/);
  });

  it('when the whole kabupaten is missing, then BELUM fits in at most three messages and says how to see one kecamatan in full', () => {
    const messages = missingMessagesForKabupaten(kabupaten, 'Kabupaten Gowa', new Map());
    expect(messages.length).toBeLessThanOrEqual(3);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(messages[0]).toContain('167 dari 167');
  });
});

describe('chart bars', () => {
  it('when the kabupaten is charted, then there is one bar pair per kecamatan; a kecamatan is charted per desa', () => {
    expect(chartInputOf(kabupaten, 'Kabupaten Gowa', 'kabupaten').bars).toHaveLength(18);
    const kec = aggregateArea(database.db, database.areas, { period: '2026-11', areaCode: '73.06.06', now: NOW, settings: SETTINGS });
    const input = chartInputOf(kec, 'Kec. Bontomarannu', 'kecamatan');
    expect(input.bars).toHaveLength(kec.byDesa.length);
    expect(input.bars[0]).toMatchObject({ completenessPct: 0, cprPct: null });
    expect(input.total).toEqual({ completenessPct: 0, cprPct: null });
  });
});

describe('the monthly summary days', () => {
  it('when the close day is the 15th, then the monthly summary runs on the 5th and the 16th at 08:00', () => {
    expect(dinasMonthlyCron(15)).toBe('0 8 5,16 * *');
    expect(dinasMonthlyCron(4)).toBe('0 8 5 * *');
  });

  it('when the monthly run is on the 5th, then it covers last month as just due; on the 16th, its final figures', () => {
    expect(monthlyRunOf(fromWita(2026, 12, 5, 8, 0), 15)).toEqual({ period: '2026-11', kind: 'monthly_due' });
    expect(monthlyRunOf(fromWita(2026, 12, 16, 8, 0), 15)).toEqual({ period: '2026-11', kind: 'monthly_final' });
    expect(monthlyRunOf(fromWita(2027, 1, 5, 8, 0), 15)).toEqual({ period: '2026-12', kind: 'monthly_due' });
  });
});

describe('reading REKAP, BELUM and GRAFIK', () => {
  it('when commands are typed in private, then the report and the rest of the message are read', () => {
    expect(readOnDemandCommand('/Rekap bontomarannu nov?')).toEqual({ report: 'recap', args: 'bontomarannu nov' });
    expect(readOnDemandCommand('GRAFIK')).toEqual({ report: 'chart', args: '' });
    expect(readOnDemandCommand('siapa yang belum lapor?')).toEqual({ report: 'missing', args: '' });
    expect(readOnDemandCommand('belum pallangga')).toEqual({ report: 'missing', args: 'pallangga' });
    expect(readOnDemandCommand('terima kasih')).toBeNull();
  });

  it('when "belum" is written in a group, then only BELUM LAPOR, capitals or a leading slash count as the command', () => {
    expect(parseGroupCommand('Belum.')).toBeNull();
    expect(parseGroupCommand('belum, nanti sore saya kirim')).toBeNull();
    expect(parseGroupCommand('BELUM')).toEqual({ kind: 'missing', args: '' });
    expect(parseGroupCommand('/belum')).toEqual({ kind: 'missing', args: '' });
    expect(parseGroupCommand('siapa yang belum lapor?')).toEqual({ kind: 'missing', args: '' });
    expect(parseGroupCommand('belum lapor november')).toEqual({ kind: 'missing', args: 'november' });
  });

  it('when arguments name a kecamatan loosely and a month, then both are read; a month alone defaults the place', () => {
    const now = fromWita(2026, 12, 7, 9, 0);
    expect(latestReportingPeriod(now)).toBe('2026-11');
    expect(parseOnDemandArgs('kec. bontomaranu 10/2026', database.areas, now)).toMatchObject({ kind: 'ok', place: { kind: 'kecamatan', area: { code: '73.06.06' } }, period: '2026-10' });
    expect(parseOnDemandArgs('oktober', database.areas, now)).toEqual({ kind: 'ok', place: { kind: 'default' }, period: '2026-10' });
    // December is later than the latest month: read looking back, it is last year's.
    expect(parseOnDemandArgs('desember', database.areas, now)).toMatchObject({ period: '2025-12' });
    expect(parseOnDemandArgs('kab gowa', database.areas, now)).toMatchObject({ place: { kind: 'kabupaten' }, period: null });
    expect(parseOnDemandArgs('sudah saya kirim tadi', database.areas, now).kind).toBe('unknown_place');
  });
});

describe('who may see which area', () => {
  const person = (role: Extract<Actor, { kind: 'person' }>['role'], homeAreaCode: string, desaCodes: string[]): Actor =>
    ({ kind: 'person', personId: 1, role, name: 'X', homeAreaCode, desaCodes, unitName: null });
  const pkb = person('pkb', '73.06.06.2003', ['73.06.06.2003', '73.06.06.2004']);
  const dinas = person('dinas', '73.06', []);
  const cadre = person('ppkbd', '73.06.06.2003', ['73.06.06.2003']);
  const pallangga = () => ({ kind: 'kecamatan' as const, area: database.areas.get('73.06.07')! });

  it('when a PKB asks in private, then they get their binaan, and another kecamatan or the kabupaten is refused', () => {
    expect(decideScope(pkb, { kind: 'default' }, { kind: 'private' }, database.areas, 'recap')).toMatchObject({
      kind: 'scope',
      scope: { areaCode: '73.06.06', onlyDesa: ['73.06.06.2003', '73.06.06.2004'] },
    });
    expect(decideScope(pkb, pallangga(), { kind: 'private' }, database.areas, 'recap')).toMatchObject({ kind: 'refuse', text: expect.stringContaining('Kec. Bontomarannu') });
    expect(decideScope(pkb, { kind: 'kabupaten' }, { kind: 'private' }, database.areas, 'recap').kind).toBe('refuse');
  });

  it('when the Dinas asks, then the kabupaten or any kecamatan named; a cadre gets their own desa', () => {
    expect(decideScope(dinas, { kind: 'default' }, { kind: 'private' }, database.areas, 'recap')).toMatchObject({ kind: 'scope', scope: { areaCode: '73.06', level: 'kabupaten' } });
    expect(decideScope(dinas, pallangga(), { kind: 'private' }, database.areas, 'chart')).toMatchObject({ kind: 'scope', scope: { areaCode: '73.06.07' } });
    expect(decideScope(cadre, pallangga(), { kind: 'private' }, database.areas, 'recap')).toEqual({ kind: 'cadre', desaCode: '73.06.06.2003' });
  });

  it('when asked in a PKB group, then the scope is its kecamatan, a PKB of another kecamatan and a cadre are refused', () => {
    const group = { kind: 'group' as const, binding: { role: 'pkb' as const, areaCode: '73.06.06' } };
    expect(decideScope(pkb, { kind: 'default' }, group, database.areas, 'missing')).toMatchObject({ kind: 'scope', scope: { areaCode: '73.06.06', onlyDesa: null } });
    expect(decideScope(dinas, { kind: 'default' }, group, database.areas, 'missing')).toMatchObject({ kind: 'scope', scope: { areaCode: '73.06.06' } });
    const otherPkb = person('pkb', '73.06.07.1001', ['73.06.07.1001']);
    expect(decideScope(otherPkb, { kind: 'default' }, group, database.areas, 'recap').kind).toBe('refuse');
    expect(decideScope(cadre, { kind: 'default' }, group, database.areas, 'recap').kind).toBe('refuse');
    expect(decideScope(pkb, pallangga(), group, database.areas, 'recap').kind).toBe('refuse');
  });
});
