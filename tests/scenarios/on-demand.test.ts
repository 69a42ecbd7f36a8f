// REKAP, BELUM and GRAFIK on demand (issue 10 point 7) through the real bot: in private and in a registered group,
// scoped to the asker; group chatter stays silent; a chart asked for before a restart is still sent after it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHART_REQUEST_MAX_AGE_MS } from '../../src/bot/chart-worker.js';
import { pendingChartRequests, requestChart } from '../../src/db/repos/chart-requests.repo.js';
import { ON_DEMAND_COPY } from '../../src/flows/on-demand/on-demand.js';
import { MediaStore } from '../../src/media/media-store.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { DINAS_PHONE, KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PKB_PALLANGGA = '+6281234567011';
const PEOPLE = [PEOPLE_CSV, `${PKB_PALLANGGA},Rina Kartika,pkb,73.06.07.1001;73.06.07.1002,`].join('\n');
const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');
const PHONE_LIKE = /(?:\+?62|0)8\d{7,}/;

async function run(lines: string[], mediaDir?: string) {
  return messagesOf(await simulate(['@at 2026-12-07 09:00', ...lines].join('\n'), { people: PEOPLE, ...(mediaDir ? { mediaDir } : {}) }));
}

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('on demand in private', () => {
  it('when a PKB asks REKAP and BELUM, then they get their binaan for the latest month, with the cadres named and no phone number', async () => {
    const out = await run([`${PKB_PHONE}: REKAP`, `${PKB_PHONE}: belum`]);
    expect(out).toHaveLength(2);
    expect(out[0]!.text).toMatch(/^\*Rekap laporan November 2026\*\nWilayah binaan Anda, Kec\. Bontomarannu\n/);
    expect(out[0]!.text).toContain('Laporan masuk 0 dari 2 desa/kelurahan yang ikut');
    expect(out[1]!.text).toContain('• Desa Pakatto: Siti Aminah (PPKBD)');
    expect(out[1]!.text).toContain('• Desa Nirannuang: belum ada PPKBD terdaftar');
    for (const m of out) expect(m.text).not.toMatch(PHONE_LIKE);
  }, 60_000);

  it('when a PKB asks for another kecamatan or the kabupaten, then they are refused in one line naming what they may see', async () => {
    const out = await run([`${PKB_PHONE}: rekap pallangga`, `${PKB_PHONE}: GRAFIK kab gowa`, `${PKB_PALLANGGA}: belum bontomarannu`]);
    expect(out.map((m) => m.text)).toEqual([
      'Maaf, Anda hanya bisa melihat rekap Kec. Bontomarannu.',
      'Maaf, Anda hanya bisa melihat rekap Kec. Bontomarannu.',
      'Maaf, Anda hanya bisa melihat rekap Kec. Pallangga.',
    ]);
  }, 60_000);

  it('when a cadre asks REKAP, then they only hear where their own desa stands', async () => {
    const out = await run([`${PPKBD_PHONE}: rekap pallangga`]);
    expect(out).toEqual([{ to: PPKBD_PHONE, text: `Laporan Desa Pakatto bulan November 2026: belum dikirim. Batas kirim 3/12/2026 sudah lewat; laporan masih diterima sampai 15/12/2026.\n${ON_DEMAND_COPY.cadre}` }]);
  }, 60_000);

  it('when the Dinas asks for a kecamatan and a month, the kabupaten, and a chart, then each comes for that scope and the chart is a PNG', async () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-on-demand-'));
    const out = await run([`${DINAS_PHONE}: rekap kec. bontomaranu oktober`, `${DINAS_PHONE}: REKAP`, `${DINAS_PHONE}: grafik`, `${PKB_PHONE}: grafik`], dir);
    expect(out[0]!.text).toMatch(/^\*Rekap laporan Oktober 2026\*\nKec\. Bontomarannu\n/);
    const kabupaten = out.filter((m) => m.to === DINAS_PHONE).slice(1, -1);
    expect(kabupaten[0]!.text).toMatch(/^\*Rekap laporan November 2026\*\nKabupaten Gowa\n/);
    expect(kabupaten.at(-1)!.text).toContain(ON_DEMAND_COPY.menuHint);
    for (const m of out) expect(m.text.length).toBeLessThanOrEqual(1000);
    expect(out.filter((m) => m.to === DINAS_PHONE).at(-1)!.text).toBe('[gambar: rekap-2026-11.png] Rekap November 2026: kelengkapan laporan dan CPR per kecamatan.');
    expect(out.at(-1)).toEqual({ to: PKB_PHONE, text: '[gambar: rekap-bontomarannu-2026-11.png] Rekap November 2026: kelengkapan laporan dan CPR per desa/kelurahan.' });
    expect(readFileSync(join(dir, 'rekap-2026-11.png')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
  }, 60_000);

  it('when a month not yet reportable is asked for, then the answer says which month REKAP shows', async () => {
    const out = await run([`${KOORD_PHONE}: rekap desember 2026`]);
    expect(out.map((m) => m.text)).toEqual([ON_DEMAND_COPY.future('2026-12', '2026-11', 'recap')]);
  }, 60_000);
});

describe('on demand in a registered group', () => {
  it('when the PKB group asks REKAP, BELUM LAPOR and GRAFIK, then the answers go to the group for its kecamatan; chatter and a bare "Belum." stay silent', async () => {
    const out = await run([
      `${PKB_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`,
      `${KOORD_PHONE} @ grp-pkb: REKAP`,
      `${PKB_PHONE} @ grp-pkb: rekap sudah saya kirim kemarin`,
      `${PKB_PHONE} @ grp-pkb: Belum.`,
      `${PKB_PHONE} @ grp-pkb: siapa yang belum lapor?`,
      `${PKB_PHONE} @ grp-pkb: grafik`,
    ]);
    expect(out.every((m) => m.to === 'grp-pkb')).toBe(true);
    expect(out).toHaveLength(4);
    expect(out[0]!.text).toContain('Di grup ini bisa diketik REKAP, BELUM LAPOR, atau GRAFIK');
    expect(out[1]!.text).toMatch(/^\*Rekap laporan November 2026\*\nKec\. Bontomarannu\n/);
    expect(out[2]!.text).toContain('9 dari 9 desa/kelurahan yang ikut belum mengirim laporan');
    expect(out[2]!.text).toContain('• Desa Pakatto: Siti Aminah (PPKBD)');
    expect(out[2]!.text).not.toMatch(PHONE_LIKE);
    expect(out[3]!.text).toBe('[gambar: rekap-bontomarannu-2026-11.png] Rekap November 2026: kelengkapan laporan dan CPR per desa/kelurahan.');
  }, 60_000);

  it('when a cadre, a PKB of another kecamatan or a PKB in the Dinas group asks, then each is refused in one line in the group', async () => {
    const out = await run([
      `${PKB_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`,
      `${DINAS_PHONE} @ grp-dinas: DAFTAR GRUP DINAS`,
      `${PPKBD_PHONE} @ grp-pkb: REKAP`,
      `${PKB_PALLANGGA} @ grp-pkb: BELUM`,
      `${PKB_PHONE} @ grp-pkb: rekap pallangga`,
      `${PKB_PHONE} @ grp-dinas: rekap`,
    ]);
    expect(out.slice(2)).toEqual([
      { to: 'grp-pkb', text: 'Maaf, perintah ini hanya untuk PKB, koordinator, dan petugas Dinas yang terdaftar di IMP Smart.' },
      { to: 'grp-pkb', text: ON_DEMAND_COPY.notThisGroup('PKB Kec. Bontomarannu') },
      { to: 'grp-pkb', text: ON_DEMAND_COPY.otherArea('PKB Kec. Bontomarannu', 'recap') },
      { to: 'grp-dinas', text: ON_DEMAND_COPY.dinasGroupOnly },
    ]);
  }, 60_000);

  it('when the Dinas group asks BELUM LAPOR, then the kabupaten comes kecamatan by kecamatan in at most three messages', async () => {
    const out = await run([`${DINAS_PHONE} @ grp-dinas: DAFTAR GRUP DINAS`, `${DINAS_PHONE} @ grp-dinas: belum lapor`]);
    const answer = out.slice(1);
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.length).toBeLessThanOrEqual(3);
    expect(answer[0]!.text).toContain('167 dari 167 desa/kelurahan yang ikut belum mengirim laporan');
    expect(answer.map((m) => m.text).join('\n')).toContain('Pakatto (Siti Aminah)');
  }, 60_000);
});

describe('GRAFIK across a restart', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('when the bot stops after a GRAFIK request was recorded and before its image, then the image is sent once after the restart', async () => {
    const media = new MediaStore(join(mkdtempSync(join(tmpdir(), 'imp-grafik-')), 'media'));
    h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 7, 9, 0), media });
    // What the GRAFIK command's transaction left behind when the process died before the worker drew it.
    requestChart(h.db, { toAddress: PKB_PHONE, period: '2026-11', areaCode: '73.06.06', onlyDesa: null, label: 'Kec. Bontomarannu' }, h.clock.now());
    h.clock.set(fromWita(2026, 12, 7, 9, 20));
    const before = h.transport.sent.length;
    await h.restart();
    await h.bot.idle();
    const sent = h.transport.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: PKB_PHONE, content: { kind: 'image', fileName: 'rekap-bontomarannu-2026-11.png' } });
    const content = sent[0]!.content;
    if (content.kind === 'image') expect(readFileSync(content.path!).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pendingChartRequests(h.db)).toBe(0);
    await h.restart();
    await h.bot.idle();
    expect(h.transport.sent).toHaveLength(0);
    rmSync(media.dir, { recursive: true, force: true });
  }, 60_000);

  it('when the bot comes back more than an hour after a GRAFIK request, then the asker gets a short apology instead of a late chart', async () => {
    const media = new MediaStore(join(mkdtempSync(join(tmpdir(), 'imp-grafik-')), 'media'));
    h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 7, 9, 0), media });
    requestChart(h.db, { toAddress: PKB_PHONE, period: '2026-11', areaCode: '73.06.06', onlyDesa: null, label: 'Kec. Bontomarannu' }, h.clock.now());
    h.clock.set(new Date(h.clock.now().getTime() + CHART_REQUEST_MAX_AGE_MS + 60_000));
    await h.restart();
    await h.bot.idle();
    expect(h.transport.sent.map((m) => ({ to: m.to, text: m.content.kind === 'text' ? m.content.text : '' }))).toEqual([{ to: PKB_PHONE, text: ON_DEMAND_COPY.chartExpired }]);
    expect(pendingChartRequests(h.db)).toBe(0);
    rmSync(media.dir, { recursive: true, force: true });
  }, 60_000);

  it('when a PKB types GRAFIK in the middle of another conversation, then the chart comes and the conversation goes on', async () => {
    const media = new MediaStore(join(mkdtempSync(join(tmpdir(), 'imp-grafik-')), 'media'));
    h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 7, 9, 0), media });
    await h.send(PKB_PHONE, 'laporkan');
    const sent = await h.send(PKB_PHONE, 'grafik');
    expect(sent.some((m) => m.text.startsWith('Rekap November 2026: kelengkapan laporan dan CPR'))).toBe(true);
    rmSync(media.dir, { recursive: true, force: true });
  }, 60_000);
});
