// Issue 10, "done when": a month played day by day through `imp-smart simulate`, from 25 November to 12 December
// 2026, with restarts on several mornings (before and right after the morning jobs). Every digest, summary and
// reminder arrives on its day, exactly once, in the right group or to the right people; what is read back from the
// database (the outbox, with the day each row was queued) agrees with the transcript.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simGroupId } from '../../src/bot/simulator/sim-transport.js';
import { openDatabase } from '../../src/db/client.js';
import { loadAreaDirectory } from '../../src/db/repos/areas.repo.js';
import { outbox } from '../../src/db/schema.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { casesExport } from '../../src/reports/cases-export.js';
import { writeCasesXlsx } from '../../src/reports/cases-xlsx.js';
import { exportAreaLabel, recapExport } from '../../src/reports/recap-export.js';
import { writeXlsx } from '../../src/reports/recap-xlsx.js';
import { fromWita, toWita } from '../../src/time/wita.js';
import { headlineOfDigest, headlineOfExports } from '../helpers/export-figures.js';
import { DINAS_PHONE, KOORD_PHONE, PKB_PHONE, PPKBD_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { KOORD_PALLANGGA, monthTranscript, MONTH_PEOPLE, NIRANNUANG_PPKBD, PKB_PALLANGGA, SOKKOLIA_PPKBD } from '../helpers/push-month.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const GROUPS = ['grp-pkb-bontomarannu', 'grp-dinas'];
const DAYS = ['11-26', '11-27', '11-28', '11-29', '11-30', ...Array.from({ length: 12 }, (_, i) => `12-${String(i + 1).padStart(2, '0')}`)];

interface Row {
  to: string;
  /** MM-DD of the WITA day the row was queued. */
  day: string;
  /** HH:MM WITA. */
  time: string;
  kind: string;
  text: string;
  mediaName: string | null;
  status: string;
}

let dir: string;
let transcriptOut: string;
let rows: Row[];
let exportsAtEnd: Awaited<ReturnType<typeof headlineOfExports>>;

function recipient(address: string): string {
  if (address.endsWith('@g.us')) return GROUPS.find((g) => simGroupId(g) === address) ?? address;
  return `+${address.replace(/\D/g, '')}`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imp-push-month-'));
  const dbPath = join(dir, 'sim.db');
  transcriptOut = await simulate(monthTranscript(), { people: MONTH_PEOPLE, dbPath, mediaDir: join(dir, 'media') });
  const { db, close } = openDatabase(dbPath);
  try {
    rows = db
      .select()
      .from(outbox)
      .orderBy(outbox.id)
      .all()
      .map((r) => {
        const w = toWita(new Date(r.createdAt));
        const pad = (n: number) => String(n).padStart(2, '0');
        return { to: recipient(r.toAddress), day: `${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}`, kind: r.kind, text: r.text, mediaName: r.mediaName, status: r.status };
      });
    // The exports of November for Bontomarannu as they stood at the last digest (nothing changed after it).
    const areas = loadAreaDirectory(db);
    const scope = { period: '2026-11', kecamatanCode: '73.06.06', now: fromWita(2026, 12, 12, 7, 0), caseFollowUpDays: 7 };
    const meta = { period: '2026-11', areaLabel: exportAreaLabel(areas, '73.06.06') };
    const recap = recapExport(db, areas, { ...scope, settings: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 } });
    const cases = casesExport(db, areas, scope);
    const files = { recap: join(dir, 'rekap.xlsx'), cases: join(dir, 'kasus.xlsx') };
    await writeXlsx(recap.rows, DEFAULT_RECAP_SETTINGS, { ...meta, summary: recap.summary }, files.recap);
    await writeCasesXlsx(cases.rows, { ...meta, summary: cases.summary }, files.cases);
    exportsAtEnd = await headlineOfExports(files.recap, files.cases);
  } finally {
    close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digestsTo = (to: string) => rows.filter((r) => r.to === to && r.text.startsWith('*Ringkasan harian'));
const remindersTo = (to: string) => rows.filter((r) => r.to === to && r.text.startsWith('*Pengingat laporan bulanan*'));

describe('a month of pushed messages, 25 November to 12 December', () => {
  it('when the month is replayed, then the transcript shows exactly what the outbox holds, all of it sent', () => {
    // Same messages; the order may differ where a reply overtook a notice queued in the same transaction.
    const key = (to: string, text: string) => `${to}|${text.split('\n')[0]}`;
    const shown = messagesOf(transcriptOut).map((m) => key(m.to, m.text.replace(/^\[(gambar|dokumen): [^\]]+\] /, '')));
    expect(shown.sort()).toEqual(rows.map((r) => key(r.to, r.text)).sort());
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('when a kecamatan has a PKB group, then its digest goes there at 07:00 every day, once, until HAPUS GRUP; then to the PKB and the koordinator one by one', () => {
    const inGroup = digestsTo('grp-pkb-bontomarannu');
    expect(inGroup.map((r) => r.day)).toEqual(DAYS.filter((d) => d <= '12-10'));
    expect(inGroup.every((r) => r.time === '07:00')).toBe(true);
    for (const person of [PKB_PHONE, KOORD_PHONE]) expect(digestsTo(person).map((r) => r.day)).toEqual(['12-11', '12-12']);
    // The PKB's own copy is scoped to the binaan; the koordinator reads the whole kecamatan.
    expect(digestsTo(PKB_PHONE)[0]!.text).toContain('desa binaan Anda, Kec. Bontomarannu');
    expect(digestsTo(KOORD_PHONE)[0]!.text).toContain('*Ringkasan harian Kec. Bontomarannu*');
  });

  it('when a kecamatan has no group, then its PKB and koordinator each get the digest once a day', () => {
    for (const person of [PKB_PALLANGGA, KOORD_PALLANGGA]) expect(digestsTo(person).map((r) => r.day)).toEqual(DAYS);
  });

  it('when the recap month opens, then the digest shows the missing desa and the days left, and on the due day what came in since the day before', () => {
    const byDay = new Map(digestsTo('grp-pkb-bontomarannu').map((r) => [r.day, r.text]));
    expect(byDay.get('11-26')!.split('\n')).toHaveLength(1);
    expect(byDay.get('12-01')).toContain('0 dari 9 desa/kelurahan sudah lapor');
    expect(byDay.get('12-01')).toContain('(2 hari lagi)');
    expect(byDay.get('12-03')).toContain('Baru masuk sejak ringkasan lalu (2): Pakatto dan Sokkolia.');
    expect(byDay.get('12-04')).not.toContain('Baru masuk');
    // The meeting Pakatto recorded on the 1st is in the next morning's digest, once.
    expect(byDay.get('12-02')).toContain('*Pertemuan* dicatat sejak ringkasan lalu (1): rakor desa Pakatto 28/11 (27 hadir, KIE Kit).');
    expect([...byDay.values()].filter((t) => t.includes('*Pertemuan*'))).toHaveLength(1);
    expect(byDay.get('12-04')).toContain('Dikembalikan, belum diperbaiki (1): Sokkolia.');
    expect(byDay.get('12-04')).toContain('2 dari 9 desa/kelurahan sudah lapor (1 terverifikasi)');
    expect(byDay.get('12-04')).toMatch(/Angka terverifikasi \(1 desa\/kelurahan\): PUS 480, peserta KB aktif 266 \(55,4%\)/);
    for (const text of byDay.values()) expect(text.length).toBeLessThanOrEqual(1000);
  });

  it('when a cadre submits on the 2nd, then she is reminded on the 1st only; one who never submits gets all three; a returned recap is reminded with the reason', () => {
    expect(remindersTo(PPKBD_PHONE).map((r) => r.day)).toEqual(['12-01']);
    expect(remindersTo(NIRANNUANG_PPKBD).map((r) => r.day)).toEqual(['12-01', '12-03', '12-04']);
    expect(remindersTo(SOKKOLIA_PPKBD).map((r) => r.day)).toEqual(['12-01', '12-03', '12-04']);
    const [, returned] = remindersTo(SOKKOLIA_PPKBD);
    expect(returned!.text).toContain('dikembalikan');
    expect(returned!.text).toContain('Alasan: PUS tidak sama dengan register');
    // The Sub-PPKBD is reminded of her dusun part until the desa recap is in.
    expect(remindersTo(SUB_PPKBD_PHONE).map((r) => r.day)).toEqual(['12-01']);
    // Every reminder names the month and the fast-entry form, at 08:00, in private.
    for (const r of rows.filter((x) => x.text.startsWith('*Pengingat laporan bulanan*'))) {
      expect(r.time).toBe('08:00');
      expect(r.to.startsWith('+')).toBe(true);
      expect(r.text).toContain('LAPOR 11/2026');
    }
  });

  it('when the due day has passed, then the PKB group gets the named list of missing and returned desa, once, the next day', () => {
    const lists = rows.filter((r) => r.text.startsWith('*Belum lapor:'));
    expect(lists.filter((r) => r.to === 'grp-pkb-bontomarannu').map((r) => r.day)).toEqual(['12-04']);
    const list = lists.find((r) => r.to === 'grp-pkb-bontomarannu')!.text;
    expect(list).toContain('Nirannuang (PPKBD: Nur Aeni)');
    expect(list).toContain('Sokkolia (PPKBD: Hasnah)');
    expect(list).not.toContain('Pakatto');
    expect(list).not.toMatch(/\+?62\d{6,}|08\d{6,}/);
    expect(lists.filter((r) => r.to === PKB_PHONE)).toEqual([]);
  });

  it('when the PKB digest is read back, then its numbers equal the exports of the same period and kecamatan', () => {
    const last = digestsTo(KOORD_PHONE).at(-1)!;
    expect(last.day).toBe('12-12');
    expect(headlineOfDigest(last.text)).toEqual(exportsAtEnd);
    expect(exportsAtEnd).toMatchObject({ expected: 9, sent: 2, verified: 1, returned: 1, cpr: 55.4 });
  });

  it('when a cadre tries to register a group or members chat in a group, then the cadre is refused in one line and the chatter gets no reply', () => {
    const inGroups = rows.filter((r) => GROUPS.includes(r.to) && r.day === '11-25');
    expect(inGroups.map((r) => r.text)).toEqual([
      expect.stringContaining('Grup ini terdaftar untuk PKB Kec. Bontomarannu'),
      'Maaf, perintah ini hanya untuk PKB, koordinator, dan petugas Dinas yang terdaftar di IMP Smart.',
      expect.stringContaining('Grup ini terdaftar untuk Dinas'),
    ]);
    // Nothing went to the Sub-PPKBD or the koordinator for what they wrote in the groups that day.
    expect(rows.filter((r) => r.day === '11-25' && !GROUPS.includes(r.to))).toEqual([]);
  });

  it('when it is Monday, then the Dinas group gets the weekly summary at 08:00, once; on the 5th the monthly one with the chart and the XLSX after it', () => {
    const toDinas = rows.filter((r) => r.to === 'grp-dinas' && r.day !== '11-25');
    const weekly = toDinas.filter((r) => r.text.startsWith('*Ringkasan mingguan'));
    expect(weekly.map((r) => `${r.day} ${r.time}`)).toEqual(['11-30 08:00', '12-07 08:00']);
    const monthly = toDinas.filter((r) => r.day === '12-05');
    expect(monthly[0]!.text.split('\n')[0]).toBe('*Ringkasan bulanan laporan November 2026*');
    // Meetings: the kabupaten's count and, per kecamatan, the meetings and whether the full kecamatan meeting was held.
    expect(monthly[0]!.text).toContain('Pertemuan dicatat: 1 (rakor desa 1), 27 hadir • rapat lengkap kecamatan di 0 dari 18 kecamatan');
    expect(monthly.map((r) => r.text).join('\n')).toMatch(/\*Bontomarannu\* 2\/9 lapor[^\n]* • pertemuan 1, rapat kec\. belum/);
    expect(monthly.filter((r) => r.kind !== 'text').map((r) => [r.kind, r.mediaName])).toEqual([
      ['image', 'rekap-2026-11.png'],
      ['document', 'rekap-2026-11.xlsx'],
    ]);
    expect(monthly.at(-2)!.kind).toBe('image');
    expect(monthly.at(-1)!.kind).toBe('document');
    // Nothing else reached the Dinas group after the registration day; the officer got nothing personally.
    expect(toDinas.every((r) => ['11-30', '12-05', '12-07'].includes(r.day))).toBe(true);
    expect(rows.filter((r) => r.to === DINAS_PHONE)).toEqual([]);
    for (const r of toDinas.filter((x) => x.kind === 'text')) expect(r.text.length).toBeLessThanOrEqual(1000);
  });

  it('when the monthly chart is sent, then the transcript shows it as an image and --media-dir holds a valid, non-blank PNG of sensible size', () => {
    expect(transcriptOut).toContain('> grp-dinas: [gambar: rekap-2026-11.png]');
    expect(transcriptOut).toContain('> grp-dinas: [dokumen: rekap-2026-11.xlsx]');
    const png = PNG.sync.read(readFileSync(join(dir, 'media', 'rekap-2026-11.png')));
    expect(png.width).toBeGreaterThanOrEqual(600);
    expect(png.height).toBeGreaterThanOrEqual(400);
    let ink = 0;
    let bar = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (r < 200 || g < 200 || b < 200) ink++;
      // The bars are saturated colours (blue for completeness, orange for CPR), not the grey of text and grid.
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) bar++;
    }
    const pixels = png.width * png.height;
    expect(ink / pixels).toBeGreaterThan(0.01);
    expect(ink / pixels).toBeLessThan(0.6);
    expect(bar).toBeGreaterThan(500);
  });
});
