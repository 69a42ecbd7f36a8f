// Issue 9, the cases and privacy half of the field test: what residents, cadres, PKB, the koordinator and the Dinas
// ran into, replayed through the real bot (harness) or the simulator, with other people and desa than the report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { findCaseByCode } from '../../src/db/repos/cases.repo.js';
import { caseEvents, cases, conversations, outbox } from '../../src/db/schema.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness, type Sent } from '../helpers/harness.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

// Bontomarannu: a kecamatan-wide PKB registered before the PKB of Pakatto and Nirannuang, two Sub-PPKBD in
// Pakatto, a koordinator. Bontonompo: a koordinator and no PKB. Bungaya: nobody. Two Dinas officers and an admin.
const PPKBD = '+6281300000001';
const KEC_PKB = '+6281300000002';
const PKB = '+6281300000003';
const KOORD = '+6281300000004';
const KOORD_BONTONOMPO = '+6281300000005';
const DINAS_A = '+6281300000006';
const DINAS_B = '+6281300000007';
const ADMIN = '+6281300000008';
const FIELD_PEOPLE = [
  'phone,name,role,area,unit',
  `${PPKBD},Hasnah,ppkbd,73.06.06.2003,`,
  '+6281300000011,Jumriah,sub_ppkbd,73.06.06.2003,Dusun Bontoa',
  '+6281300000012,Kartini,sub_ppkbd,73.06.06.2003,Dusun Tamalate',
  `${KEC_PKB},Kamaruddin,pkb,73.06.06,`,
  `${PKB},Syamsul Alam,pkb,73.06.06.2003;73.06.06.2004,`,
  `${KOORD},Rosdiana,koordinator,73.06.06,`,
  `${KOORD_BONTONOMPO},Baharuddin,koordinator,73.06.01,`,
  `${DINAS_A},Marlina,dinas,73.06,`,
  `${DINAS_B},Ridwan,dinas,73.06,`,
  `${ADMIN},Operator,admin,73.06,`,
].join('\n');

const RESIDENT = '+6285311110001';
const NEIGHBOUR = '+6285311110002';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create({ people: FIELD_PEOPLE, start: fromWita(2026, 11, 25, 9, 0) });
});
afterEach(() => h.close());

const codeIn = (sent: Sent[], to: string) => /\*(UN-\d{6}-\d{4}-\d{4})\*/.exec(sent.find((m) => m.to === to)?.text ?? '')?.[1] ?? '';
const textTo = (sent: Sent[], to: string) => sent.filter((m) => m.to === to).map((m) => m.text).join('\n---\n');

/** A resident's report, answers in order after "laporkan"; returns what the last answer caused. */
async function residentReport(from: string, answers: readonly string[]): Promise<Sent[]> {
  await h.send(from, 'laporkan');
  let sent: Sent[] = [];
  for (const a of answers) sent = await h.send(from, a);
  return sent;
}

/** Pakatto (listed dusun), a wish, a method, a reason, consent. */
const PAKATTO = ['Pakatto', '1', '1', '2', '2', 'ya'] as const;

async function walk(phone: string, answers: readonly string[]): Promise<string> {
  let last = '';
  for (const a of answers) last = await h.reply(phone, a);
  return last;
}

function caseRow(code: string) {
  return findCaseByCode(h.db, code)!;
}

/** Runs the daily jobs as the scheduler would at `at` and returns what they sent. */
async function runJobsAt(at: Date): Promise<Sent[]> {
  h.clock.set(at);
  const before = h.transport.sent.length;
  for (const job of h.bot.jobs) await h.bot.runner.runSlot(job, at);
  await h.bot.idle();
  return h.transport.sent.slice(before).map((m) => ({ to: m.to, text: m.content.kind === 'text' ? m.content.text : m.content.caption }));
}

describe('17: a case in a desa with no PKB and no koordinator goes to the Dinas', () => {
  it('when a resident reports from Buakkang (Bungaya: nobody registered), then every Dinas officer gets it, the resident is told the Dinas has it, and the Dinas lists and works it with KASUS', async () => {
    const sent = await residentReport(RESIDENT, ['Buakkang', 'RT 01', '3', '2', '3', 'ya']);
    const code = codeIn(sent, RESIDENT);
    expect(code).toBe('UN-092003-2026-0001');
    expect(textTo(sent, RESIDENT)).toContain('diteruskan ke Dinas PPKB Kabupaten Gowa');
    for (const officer of [DINAS_A, DINAS_B]) expect(textTo(sent, officer)).toContain(`KASUS ${code}`);
    expect(caseRow(code)).toMatchObject({ status: 'assigned', assigneeId: expect.any(Number) });

    expect(await h.reply(DINAS_B, 'KASUS')).toContain(`${code} • Buakkang`);
    expect(await h.reply(ADMIN, 'KASUS')).toContain(`${code} • Buakkang`);
    expect(await h.reply(DINAS_B, `KASUS ${code}`)).toContain('1. Sudah dihubungi / diberi KIE');
    expect(await h.reply(DINAS_B, '1')).toContain('sekarang "sudah ditindaklanjuti"');
    expect(caseRow(code).status).toBe('followed_up');
    expect(await h.reply(RESIDENT, `STATUS ${code}`)).toContain('Desa Buakkang, Kec. Bungaya');
  });

  it('when nobody is registered at all for the desa, then the resident is told so truthfully and the case waits for the first officer registered', async () => {
    await h.close();
    h = await Harness.create({ people: 'phone,name,role,area,unit\n', start: fromWita(2026, 11, 25, 9, 0) });
    const sent = await residentReport(RESIDENT, ['Buakkang', '0', '1', '1', '2', 'tidak']);
    const code = codeIn(sent, RESIDENT);
    expect(textTo(sent, RESIDENT)).toContain('belum ada petugas KB yang terdaftar untuk desa ini');
    expect(textTo(sent, RESIDENT)).not.toContain('Dinas');
    expect(caseRow(code)).toMatchObject({ status: 'reported', assigneeId: null });
    const { importPeople } = await import('../../src/people/people-import.js');
    importPeople(h.db, `phone,name,role,area,unit\n${DINAS_A},Marlina,dinas,73.06,\n`, h.database.areas, 'test', h.clock.now());
    const morning = await runJobsAt(fromWita(2026, 11, 26, 8, 0));
    expect(textTo(morning, DINAS_A)).toContain(`KASUS ${code}`);
    expect(caseRow(code).status).toBe('assigned');
  });

  it('when the Dinas does not follow an orphaned case up, then the SLA job reminds its officer after 7 days and escalates to the other officer after 14', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-orphan-'));
    const transcript = ['@at 2026-11-25 09:00', `${RESIDENT}: laporkan`, `${RESIDENT}: Buakkang`, `${RESIDENT}: 0`, `${RESIDENT}: 1`, `${RESIDENT}: 2`, `${RESIDENT}: 4`, `${RESIDENT}: ya`, '@at 2026-12-10 09:00'].join('\n');
    const out = messagesOf(await simulate(transcript, { people: FIELD_PEOPLE, dbPath: join(dir, 'o.db') }));
    const opened = openDatabase(join(dir, 'o.db'));
    const row = opened.db.select().from(cases).get()!;
    opened.close();
    rmSync(dir, { recursive: true, force: true });
    const reminders = out.filter((m) => m.text.startsWith('Pengingat'));
    const escalations = out.filter((m) => m.text.startsWith('Eskalasi'));
    expect(reminders.map((m) => m.to)).toEqual([DINAS_A]);
    expect(escalations.map((m) => m.to)).toEqual([DINAS_B]);
    expect(row.remindedAt).toBe(fromWita(2026, 12, 3, 8, 0).toISOString());
    expect(row.escalatedAt).toBe(fromWita(2026, 12, 10, 8, 0).toISOString());
  });
});

describe('18: places and facilities are chosen; the free text left is screened', () => {
  it('when the desa has known dusun, then they are offered by number, "lainnya" asks a short code, and a name or address is refused with a plain request', async () => {
    await h.send(RESIDENT, 'laporkan');
    const place = await h.reply(RESIDENT, 'Pakatto');
    expect(place).toContain('1. Dusun Bontoa\n2. Dusun Tamalate\n3. Lainnya');
    const refused = await h.reply(RESIDENT, 'Siti Rahmawati, Jl. Poros Malino No. 12');
    expect(refused).toContain('mohon jangan menulis nama orang dan alamat rumah');
    expect(refused).not.toContain('Rahmawati');
    expect(await h.reply(RESIDENT, '3')).toContain('Tulis RT/RW atau nama dusunnya');
    expect(await h.reply(RESIDENT, 'Bidan Dg. Ngai, lahir 12 Mei 1990')).toContain('mohon jangan menulis nama orang dan tanggal lahir');
    expect(await h.reply(RESIDENT, 'rt 4 rw 2')).toContain('(3/6)');
    await walk(RESIDENT, ['3', '1', '1']);
    const facility = await h.reply(RESIDENT, 'Dg. Ngai');
    expect(facility).toContain('balas angka antara 0 dan 7');
    expect(facility).not.toContain('Ngai');
    await h.reply(RESIDENT, '4');
    const sent = await h.send(RESIDENT, 'ya');
    const code = codeIn(sent, RESIDENT);
    expect(caseRow(code)).toMatchObject({ place: 'RT 04 RW 02', stockOutFacility: 'Bidan desa' });
    expect(textTo(sent, PKB)).toContain('Desa Pakatto, Kec. Bontomarannu, RT 04 RW 02');
  });

  it('when a resident picks a listed dusun by number or types its name, then that dusun is stored', async () => {
    const byNumber = await residentReport(RESIDENT, ['Pakatto', '2', '1', '1', '2', 'ya']);
    expect(caseRow(codeIn(byNumber, RESIDENT)).place).toBe('Dusun Tamalate');
    const byName = await residentReport(NEIGHBOUR, ['pakatto', 'bontoa', '1', '1', '2', 'tidak']);
    expect(caseRow(codeIn(byName, NEIGHBOUR)).place).toBe('Dusun Bontoa');
  });

  it('when a PKB writes a note with a name under "lainnya", then it is refused; the reasons are chosen from a list', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await walk(PKB, [`KASUS ${code}`, '1', `KASUS ${code}`]);
    expect(await h.reply(PKB, '2')).toContain('1. Takut efek samping');
    expect(await h.reply(PKB, '6')).toContain('tanpa nama atau data pribadi');
    const refused = await h.reply(PKB, 'Ibu Sitti Rahma tidak mau, suaminya Dg. Tayang');
    expect(refused).toContain('mohon jangan menulis nama orang');
    expect(caseRow(code).status).toBe('followed_up');
    expect(await h.reply(PKB, 'belum siap')).toContain('sekarang "pasangan memutuskan tidak ber-KB saat ini"');
    expect(caseRow(code).outcomeNote).toBe('Lainnya: belum siap');
    expect(JSON.stringify(h.db.select().from(caseEvents).all())).not.toContain('Sitti');
  });

  it('when a cadre types a NIK as the register pointer, then it is refused; a page and row number is kept', async () => {
    await walk(PPKBD, ['laporkan', '1', '1', '2', '2', 'ya']);
    expect(await h.reply(PPKBD, '7306012345678901')).toContain('NIK atau nomor KK');
    await walk(PPKBD, ['RT 2/hal 4/no 17', '31', '2']);
    const code = codeIn(await h.send(PPKBD, 'tidak'), PPKBD);
    expect(caseRow(code).refRegister).toBe('RT 2/hal 4/no 17');
  });
});

describe('19: raw personal data is not kept', () => {
  it('when an unknown desa is typed with a NIK, then the reply does not repeat it and nothing sent holds it', async () => {
    await h.send(RESIDENT, 'laporkan');
    const reply = await h.reply(RESIDENT, 'desa Pakato NIK 7306012345678901');
    expect(reply).not.toContain('7306');
    expect(reply).not.toContain('Pakato NIK');
    expect(JSON.stringify(h.db.select().from(outbox).all())).not.toContain('7306012345678901');
  });

  it('when a cadre puts a NIK or a name into a fast-entry recap, then the error list does not repeat it', async () => {
    h.clock.set(fromWita(2026, 12, 1, 9, 0));
    const reply = await h.reply(PPKBD, 'LAPOR 11/2026 PUS=480 NIK 7306012345678901 ibu Sitti Rahma');
    expect(reply).toContain('Tulis nama isian, tanda =, lalu angkanya');
    expect(reply).not.toContain('7306012345678901');
    expect(reply).not.toContain('Sitti');
  });

  it('when a report is left with BATAL, then the kept draft holds the answers but none of the text as typed', async () => {
    await walk(RESIDENT, ['laporkan', 'Pakatto', 'RT 03 / RW 01', '2']);
    await h.reply(RESIDENT, 'batal');
    const state = JSON.parse(h.db.select().from(conversations).get()!.state) as { drafts: Record<string, { results: Record<string, { raw?: string; value: unknown }> }> };
    const draft = state.drafts.case_report!;
    expect(draft.results.place!.value).toBe('RT 03 RW 01');
    expect(Object.values(draft.results).filter((r) => r.raw)).toEqual([]);
    expect(await h.reply(RESIDENT, 'lanjut')).toContain('(4/6)');
  });

  it('when a conversation stays idle past the expiry, then the nightly job drops its typed text; sent messages older than the retention lose their text but stay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-retention-'));
    const db = join(dir, 'r.db');
    const transcript = ['@at 2026-11-25 09:00', `${RESIDENT}: laporkan`, `${RESIDENT}: Pakato`, `${RESIDENT}: RT 5`, '@at 2026-11-29 09:00', '@at 2027-03-01 09:00'].join('\n');
    await simulate(transcript, { people: FIELD_PEOPLE, dbPath: db, retentionDays: 90 });
    const opened = openDatabase(db);
    const state = opened.db.select().from(conversations).get()!.state;
    // The resident's messages: the Dinas summaries of the last weeks are still within the retention.
    const rows = opened.db.select().from(outbox).all().filter((r) => r.toAddress === RESIDENT);
    opened.close();
    rmSync(dir, { recursive: true, force: true });
    expect(state).not.toContain('Pakato');
    expect(state).not.toContain('RT 5');
    // The story's own messages; the digests and reminders of its last days are younger than the retention.
    const old = rows.filter((r) => r.createdAt < fromWita(2026, 12, 1).toISOString());
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((r) => r.status === 'sent' && r.text === '')).toBe(true);
  });

  it('when a resident refuses contact, then the case keeps neither their number nor their address; with consent the address goes when the case closes', async () => {
    const refused = codeIn(await residentReport(NEIGHBOUR, ['Nirannuang', 'RT 1', '1', '1', '2', 'tidak']), NEIGHBOUR);
    expect(JSON.stringify(caseRow(refused))).not.toContain('85311110002');
    expect(await h.reply(NEIGHBOUR, `STATUS ${refused}`)).toContain('Desa Nirannuang');
    const agreed = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    expect(caseRow(agreed).reporterAddress).toBe(RESIDENT);
    expect(caseRow(agreed).reporterKey).not.toContain('85311110001');
    await walk(PKB, [`KASUS ${agreed}`, '1', `KASUS ${agreed}`, '4', '1']);
    expect(caseRow(agreed)).toMatchObject({ status: 'closed_invalid', reporterAddress: null });
  });

  it('when a case has been closed for 12 months, then the nightly job de-identifies it and keeps what the indicators need', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-deid-'));
    const db = join(dir, 'd.db');
    const code = 'UN-062003-2026-0001';
    const transcript = [
      '@at 2026-11-25 09:00',
      ...['laporkan', ...PAKATTO].map((a) => `${RESIDENT}: ${a}`),
      `${PKB}: KASUS ${code}`,
      `${PKB}: 1`,
      `${PKB}: KASUS ${code}`,
      `${PKB}: 3`,
      `${PKB}: 1`,
      `${PKB}: KASUS ${code}`,
      `${PKB}: 1`,
      `${PKB}: 3`,
      `${PKB}: hari ini`,
      '@at 2027-11-20 09:00',
      '@at 2027-11-28 09:00',
    ].join('\n');
    await simulate(transcript, { people: FIELD_PEOPLE, dbPath: db });
    const opened = openDatabase(db);
    const row = opened.db.select().from(cases).get()!;
    opened.close();
    rmSync(dir, { recursive: true, force: true });
    expect(row).toMatchObject({ code, status: 'served', place: null, refRegister: null, reporterKey: '', reporterAddress: null, outcomeMethod: 'implan', referredTo: 'Puskesmas' });
    expect(row.deidentifiedAt).toBe(fromWita(2027, 11, 26, 2, 15).toISOString());
    // A simulated year runs every scheduled job on the way, including 24 monthly Dinas summaries with chart and XLSX.
  }, 180_000);
});

describe('20: the reporter hears only that the case was followed up and closed', () => {
  it('when the couple declines, then the resident is not told the outcome', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await walk(PKB, [`KASUS ${code}`, '1', `KASUS ${code}`, '2']);
    const sent = await h.send(PKB, '3');
    const told = textTo(sent, RESIDENT);
    expect(told).toBe(`Kabar untuk laporan ${code}: sudah ditindaklanjuti petugas KB dan ditutup. Terima kasih atas kepedulian Anda.`);
    expect(await h.reply(RESIDENT, `STATUS ${code}`)).not.toMatch(/menolak|tidak ber-KB|dilayani/);
  });
});

describe('22: the service date is a real WITA date between the report and today', () => {
  it('when a PKB types 31/02/2026, a date in 2030 or one before the report, then each is refused plainly; HARI INI at 07:30 WITA is that WITA day', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await walk(PKB, [`KASUS ${code}`, '1']);
    h.clock.set(fromWita(2026, 11, 27, 7, 30));
    await walk(PKB, [`KASUS ${code}`, '1', '2']);
    expect(await h.reply(PKB, '31/02/2026')).toContain('tanggal itu tidak ada di kalender');
    expect(await h.reply(PKB, '12/12/2030')).toContain('tidak boleh setelah hari ini (27/11/2026)');
    expect(await h.reply(PKB, '20 November 2026')).toContain('tidak boleh sebelum kasus dilaporkan (25/11/2026)');
    expect(caseRow(code).status).toBe('followed_up');
    await h.reply(PKB, 'HARI INI');
    expect(caseRow(code)).toMatchObject({ status: 'served', outcomeMethod: 'pil', outcomeDate: '2026-11-27' });
  });

  it('when a PKB answers KEMARIN, then the day before in WITA is recorded', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await walk(PKB, [`KASUS ${code}`, '1']);
    h.clock.set(fromWita(2026, 11, 26, 0, 30));
    await walk(PKB, [`KASUS ${code}`, '1', '3', 'kemarin']);
    expect(caseRow(code).outcomeDate).toBe('2026-11-25');
  });
});

describe('23: KASUS <kode> and STATUS <kode> work inside another flow', () => {
  it('when a resident half way through a new report types STATUS with a code, then the status is shown and the report goes on from the same question', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await walk(RESIDENT, ['menu', 'laporkan', 'Nirannuang', 'RT 2']);
    const status = await h.reply(RESIDENT, `status ${code}`);
    expect(status).toContain(`Laporan ${code} (Desa Pakatto, Kec. Bontomarannu)`);
    expect(status).toContain('Kembali ke isian tadi:\n(3/6) Apa keinginan pasangan ini?');
    expect(await h.reply(RESIDENT, '2')).toContain('(4/6)');
  });

  it('when a PPKBD half way through her monthly recap types STATUS with a case code, then she sees the case and the recap goes on', async () => {
    await walk(PPKBD, ['laporkan', '1', '1', '2', '2', 'ya', '0', '31', '2']);
    const code = codeIn(await h.send(PPKBD, 'tidak'), PPKBD);
    h.clock.set(fromWita(2026, 12, 1, 9, 0));
    await h.reply(PPKBD, 'menu');
    const question = await h.reply(PPKBD, '1');
    const status = await h.reply(PPKBD, `STATUS ${code}`);
    expect(status).toContain(`Laporan ${code} (Desa Pakatto, Kec. Bontomarannu)`);
    expect(status).toContain(`Kembali ke isian tadi:\n${question.split('\n---\n').at(-1)!}`);
    const state = JSON.parse(h.db.select().from(conversations).all().find((c) => c.senderKey === PPKBD)!.state) as { active: { flowId: string } | null };
    expect(state.active?.flowId).toBe('recap');
  });

  it('when a PKB in the middle of reopening a period types KASUS with a code, then the case opens at once', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await h.reply(PKB, 'menu');
    expect(await h.reply(PKB, '2')).toContain('Buka kembali laporan untuk desa mana?');
    const opened = await h.reply(PKB, `KASUS ${code}`);
    expect(opened).toContain('Catat tindakan:');
    expect(await h.reply(PKB, '1')).toContain('sekarang "sudah ditindaklanjuti"');
  });
});

describe('25: smaller things', () => {
  it('when the same desa name exists three times, then the bot says "antara 1 dan 3" and accepts the kecamatan name', async () => {
    await h.send(RESIDENT, 'laporkan');
    expect(await h.reply(RESIDENT, 'Bontomanai')).toContain('3. Desa Bontomanai, Kec. Bajeng Barat');
    expect(await h.reply(RESIDENT, '5')).toContain('antara 1 dan 3');
    expect(await h.reply(RESIDENT, 'Bajeng Barat')).toContain('(2/6) Desa Bontomanai, Kec. Bajeng Barat.');
    await h.send(NEIGHBOUR, 'laporkan');
    expect(await h.reply(NEIGHBOUR, 'katangka')).toContain('2. Kelurahan Katangka, Kec. Somba Opu');
    expect(await h.reply(NEIGHBOUR, '9')).toContain('antara 1 dan 2');
    expect(await h.reply(NEIGHBOUR, 'kec somba upu')).toContain('(2/6) Kelurahan Katangka, Kec. Somba Opu.');
  });

  it('when a PPKBD checks STATUS, then the desa is named, not coded; the PKB confirmation is in Indonesian', async () => {
    await walk(PPKBD, ['laporkan', '1', '1', '2', '2', 'ya', '0', '31', '2']);
    const code = codeIn(await h.send(PPKBD, 'tidak'), PPKBD);
    expect(await h.reply(PPKBD, `STATUS ${code}`)).toContain(`Laporan ${code} (Desa Pakatto, Kec. Bontomarannu)`);
    await h.reply(PKB, `KASUS ${code}`);
    const confirmation = await h.reply(PKB, '1');
    expect(confirmation).toBe(`Tercatat: kasus ${code} sekarang "sudah ditindaklanjuti".`);
  });

  it('when a referred case is later served, then where it was referred is kept', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await walk(PKB, [`KASUS ${code}`, '1', `KASUS ${code}`, '3', '6', `KASUS ${code}`, '1', '4', 'hari ini']);
    expect(caseRow(code)).toMatchObject({ status: 'served', referredTo: 'Rumah sakit', outcomeMethod: 'iud' });
  });

  it('when a case sits with a koordinator (no PKB in Bontonompo), then its escalation goes to the Dinas, not to the koordinator', async () => {
    const code = codeIn(await residentReport(RESIDENT, ['Barembeng', '0', '1', '1', '2', 'ya']), RESIDENT);
    expect(caseRow(code).assigneeId).not.toBeNull();
    await runJobsAt(fromWita(2026, 12, 3, 8, 0));
    const escalated = await runJobsAt(fromWita(2026, 12, 10, 8, 0));
    const escalations = escalated.filter((m) => m.text.startsWith('Eskalasi'));
    expect(escalations.map((m) => m.to).sort()).toEqual([DINAS_A, DINAS_B]);
    expect(escalations.some((m) => m.to === KOORD_BONTONOMPO)).toBe(false);
  });

  it('when a referral has no outcome after 30 days, then the case becomes lost and the resident may report again', async () => {
    const first = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    await residentReport(RESIDENT, [...PAKATTO]);
    await residentReport(RESIDENT, [...PAKATTO]);
    await walk(PKB, [`KASUS ${first}`, '1', `KASUS ${first}`, '3', '1']);
    await h.reply(RESIDENT, 'menu');
    expect(await h.reply(RESIDENT, 'laporkan')).toContain('sudah punya 3 laporan');
    await h.reply(RESIDENT, 'menu');
    await runJobsAt(fromWita(2026, 12, 24, 8, 0));
    expect(caseRow(first).status).toBe('referred');
    const lost = await runJobsAt(fromWita(2026, 12, 26, 8, 0));
    expect(caseRow(first)).toMatchObject({ status: 'lost', reporterAddress: null });
    expect(textTo(lost, PKB)).toContain('tidak terlacak');
    expect(textTo(lost, RESIDENT)).toContain('sudah ditindaklanjuti petugas KB dan ditutup');
    expect(await h.reply(RESIDENT, 'laporkan')).toContain('(1/6)');
  });

  it('when the koordinator hands a case to another PKB of the kecamatan, then that PKB gets it and the first is told', async () => {
    const code = codeIn(await residentReport(RESIDENT, [...PAKATTO]), RESIDENT);
    const opened = await h.reply(KOORD, `KASUS ${code}`);
    expect(opened).toContain('Petugas: Syamsul Alam (PKB)');
    expect(opened).toContain('3. Alihkan ke PKB lain');
    expect(await h.reply(KOORD, '3')).toContain('1. Kamaruddin');
    const sent = await h.send(KOORD, '1');
    expect(textTo(sent, KOORD)).toContain('dialihkan ke Kamaruddin');
    expect(textTo(sent, KEC_PKB)).toContain(`Kasus *${code}* dialihkan kepada Anda`);
    expect(textTo(sent, PKB)).toContain('dialihkan ke PKB lain');
    expect(await h.reply(PKB, `KASUS ${code}`)).toContain('Catat tindakan:');
    expect(await h.reply(PKB, 'menu')).toBeTruthy();
    expect(await h.reply(PKB, `KASUS ${code}`)).not.toContain('Alihkan');
  });

  it('when a desa has its own PKB and a kecamatan-wide PKB was registered first, then its cases go to its own PKB', async () => {
    const sent = await residentReport(RESIDENT, [...PAKATTO]);
    expect(textTo(sent, PKB)).toContain('ditugaskan kepada Anda');
    expect(textTo(sent, KEC_PKB)).toBe('');
    const other = await residentReport(NEIGHBOUR, ['Romangloe', '0', '1', '1', '2', 'ya']);
    expect(textTo(other, KEC_PKB)).toContain('ditugaskan kepada Anda');
  });
});
