// Unmet-need cases through the real bot: a resident reports, the PKB and PPKBD are told once, the PKB records
// service and the resident hears back; privacy, area and role limits hold.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseHistory, findCaseByCode } from '../../src/db/repos/cases.repo.js';
import { cases, conversations } from '../../src/db/schema.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { DINAS_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE as R } from '../helpers/people.js';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 11, 25, 9, 0) });
});
afterEach(() => h.close());

/** Walks the resident path; returns everything sent by the last answer. */
async function report(answers: { desa?: string; place?: string; want?: string; method?: string; reason?: string; facility?: string; consent?: string } = {}) {
  await h.reply(R, 'menu');
  await h.reply(R, 'laporkan');
  await h.reply(R, answers.desa ?? 'Pakatto');
  await h.reply(R, answers.place ?? 'RT 03 Dusun Bontoa');
  await h.reply(R, answers.want ?? '3');
  await h.reply(R, answers.method ?? '1');
  const reason = answers.reason ?? '2';
  if (reason === '1') {
    await h.reply(R, '1');
    await h.reply(R, answers.facility ?? '1');
  } else {
    await h.reply(R, reason);
  }
  return h.send(R, answers.consent ?? 'ya');
}

const codeOf = (sent: { to: string; text: string }[]) => /\*(UN-\d{6}-\d{4}-\d{4})\*/.exec(sent.find((m) => m.to === R)!.text)![1]!;

describe('resident report', () => {
  it('when a resident reports a case end to end, then PKB and PPKBD get one message each and the resident hears back when it is served', async () => {
    const sent = await report();
    const code = codeOf(sent);
    expect(code).toBe('UN-062003-2026-0001');
    expect(sent.filter((m) => m.to === PKB_PHONE)).toHaveLength(1);
    expect(sent.filter((m) => m.to === PPKBD_PHONE)).toHaveLength(1);
    expect(sent.find((m) => m.to === PKB_PHONE)!.text).toContain('Desa Pakatto, Kec. Bontomarannu, RT 03 Dusun Bontoa');
    expect(findCaseByCode(h.db, code)).toMatchObject({ status: 'assigned', category: 'CALON_AKSEPTOR', methodWanted: 'suntik', consentToContact: true });

    expect(await h.reply(PKB_PHONE, 'KASUS')).toContain(`1. ${code} • Pakatto • 0 hari`);
    expect(await h.reply(PKB_PHONE, `kasus ${code}`)).toContain('Catat tindakan:');
    expect(await h.reply(PKB_PHONE, '1')).toContain('sekarang "sudah ditindaklanjuti"');
    await h.reply(PKB_PHONE, `KASUS ${code}`);
    await h.reply(PKB_PHONE, '1');
    await h.reply(PKB_PHONE, '1');
    const served = await h.send(PKB_PHONE, 'hari ini');
    expect(served.find((m) => m.to === R)!.text).toBe(`Kabar untuk laporan ${code}: sudah ditindaklanjuti petugas KB dan ditutup. Terima kasih atas kepedulian Anda.`);
    expect(caseHistory(h.db, findCaseByCode(h.db, code)!.id).map((e) => e.toStatus)).toEqual(['reported', 'assigned', 'followed_up', 'served']);
    expect(await h.reply(R, `STATUS ${code}`)).toContain('sudah ditindaklanjuti dan ditutup');
  });

  it('when the desa name is ambiguous, then the kecamatan is asked; a misspelt name is matched; an unknown one is refused kindly', async () => {
    await h.reply(R, 'laporkan');
    const ambiguous = await h.reply(R, 'Bontomanai');
    expect(ambiguous).toContain('Ada beberapa desa/kelurahan dengan nama itu');
    expect(ambiguous).toContain('Kec. Bungaya');
    expect(await h.reply(R, '2')).toContain('Dusun atau RT/RW mana?');
    const other = '+6285299990003';
    await h.reply(other, 'laporkan');
    expect(await h.reply(other, 'Pakato')).toContain('Desa Pakatto, Kec. Bontomarannu. Dusun atau RT/RW mana?');
    const third = '+6285299990004';
    await h.reply(third, 'laporkan');
    expect(await h.reply(third, 'Jakarta')).toContain('tidak ditemukan di Kabupaten Gowa');
  });

  it('when a resident types a name or a 16-digit NIK, then it is refused, asked again, and stored nowhere', async () => {
    await h.reply(R, 'laporkan');
    await h.reply(R, 'Pakatto');
    const refused = await h.reply(R, 'RT 03, namanya Ibu Sitti Rahma NIK 7306012345678901');
    expect(refused).toContain('mohon jangan menulis nama orang dan NIK atau nomor KK');
    expect(refused).not.toContain('Sitti');
    expect(refused).toContain('Dusun atau RT/RW mana?');
    await h.reply(R, 'RT 03');
    await h.reply(R, '1');
    await h.reply(R, '1');
    await h.reply(R, '2');
    await h.reply(R, 'tidak');
    const row = h.db.select().from(cases).get()!;
    const stored = JSON.stringify([row, h.db.select().from(conversations).all()]);
    expect(stored).not.toContain('Sitti');
    expect(stored).not.toContain('7306012345678901');
    expect(row.place).toBe('RT 03');
  });

  it('when an insult is typed as an answer, then no case is made', async () => {
    await h.reply(R, 'laporkan');
    await h.reply(R, 'Pakatto');
    expect(await h.reply(R, 'bangsat')).toContain('tidak bisa kami catat');
    expect(h.db.select().from(cases).all()).toHaveLength(0);
  });

  it('when a stock-out is reported, then the Dinas is alerted once with the method and facility', async () => {
    const sent = await report({ reason: '1', facility: '2' });
    const alerts = sent.filter((m) => m.to === DINAS_PHONE);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.text).toContain('Suntik di Pustu, Desa Pakatto, Kec. Bontomarannu');
  });

  it('when a resident already has 3 open cases, then a 4th is refused politely', async () => {
    for (let i = 0; i < 3; i++) await report();
    await h.reply(R, 'menu');
    expect(await h.reply(R, 'laporkan')).toContain('sudah punya 3 laporan yang masih diproses');
  });

  it('when the report is redelivered or the bot restarts mid-report, then nothing is lost or duplicated', async () => {
    await h.reply(R, 'laporkan');
    await h.reply(R, 'Pakatto');
    await h.restart();
    await h.reply(R, 'RT 1');
    await h.reply(R, '1');
    await h.redeliver();
    await h.reply(R, '2');
    await h.reply(R, '2');
    await h.send(R, 'tidak');
    await h.redeliver();
    expect(h.db.select().from(cases).all()).toMatchObject([{ category: 'IAT', methodWanted: 'pil', consentToContact: false }]);
  });
});

describe('who may see and change a case', () => {
  it('when a PKB of other desa or a cadre tries to act on a case, then they cannot; a resident sees only their own', async () => {
    const code = codeOf(await report());
    const { importPeople } = await import('../../src/people/people-import.js');
    importPeople(h.db, 'phone,name,role,area,unit\n+6281234567099,PKB Lain,pkb,73.06.06.2005,\n', h.database.areas, 't', h.clock.now());
    expect(await h.reply('+6281234567099', `KASUS ${code}`)).toContain('tidak ditemukan di antara kasus terbuka wilayah Anda');
    expect(await h.reply(PPKBD_PHONE, `KASUS ${code}`)).not.toContain('Catat tindakan');
    expect(await h.reply('+6285299990002', `STATUS ${code}`)).toContain('tidak ditemukan di antara laporan dari nomor ini');
    expect(findCaseByCode(h.db, code)!.status).toBe('assigned');
  });
});

describe('SLA through the simulator', () => {
  it('when a case waits without follow-up, then the PKB is reminded once after 7 days and the koordinator told after 14', async () => {
    const { simulate, messagesOf } = await import('../helpers/simulate.js');
    const R2 = '+6285299990009';
    const transcript = [
      '@at 2026-11-25 09:00',
      `${R2}: laporkan`,
      `${R2}: Pakatto`,
      `${R2}: 0`,
      `${R2}: 1`,
      `${R2}: 2`,
      `${R2}: 4`,
      `${R2}: ya`,
      '@at 2026-12-01 09:00',
      '# 6 days: nothing yet',
      '@at 2026-12-03 09:00',
      '# the reminder runs on 3 December 08:00: the first 08:00 run after 7 full days',
      '@at 2026-12-10 09:00',
      '@at 2026-12-20 09:00',
    ].join('\n');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'imp-sla-'));
    const out = messagesOf(await simulate(transcript, { dbPath: join(dir, 'sla.db') }));
    const { openDatabase } = await import('../../src/db/client.js');
    const opened = openDatabase(join(dir, 'sla.db'));
    const row = opened.db.select().from(cases).get()!;
    opened.close();
    rmSync(dir, { recursive: true, force: true });
    expect(row.remindedAt).toBe(fromWita(2026, 12, 3, 8, 0).toISOString());
    expect(row.escalatedAt).toBe(fromWita(2026, 12, 10, 8, 0).toISOString());
    const reminders = out.filter((m) => m.to === PKB_PHONE && m.text.startsWith('Pengingat'));
    const escalations = out.filter((m) => m.to === '+6281234567004' && m.text.startsWith('Eskalasi'));
    expect(reminders).toHaveLength(1);
    expect(escalations).toHaveLength(1);
    // Order: the reminder comes before the escalation, both after the report's own messages.
    const index = (m: { text: string }) => out.indexOf(m as (typeof out)[number]);
    expect(index(reminders[0]!)).toBeLessThan(index(escalations[0]!));
  });
});

describe('lifecycle order', () => {
  it('when a PKB opens a case not yet followed up, then only follow-up and closing are offered, and a number outside them is refused', async () => {
    const code = /\*(UN-\d{6}-\d{4}-\d{4})\*/.exec((await report()).find((m) => m.to === R)!.text)![1]!;
    const menu = await h.reply(PKB_PHONE, `KASUS ${code}`);
    expect(menu).toContain('Catat tindakan:\n1. Sudah dihubungi / diberi KIE\n2. Tidak valid, tutup kasus');
    expect(menu).not.toContain('dilayani');
    expect(await h.reply(PKB_PHONE, '3')).toContain('balas angka antara 1 dan 2');
    expect(findCaseByCode(h.db, code)!.status).toBe('assigned');
  });
});

describe('cadre path', () => {
  it('when a PPKBD files a case, then it is for her own desa with the register pointer, age band, children and post-partum, and she cannot close it', async () => {
    await h.reply(PPKBD_PHONE, 'laporkan');
    expect(await h.reply(PPKBD_PHONE, 'RT 2')).toContain('(3/6) Apa keinginan pasangan ini?');
    await h.reply(PPKBD_PHONE, '1');
    await h.reply(PPKBD_PHONE, '2');
    await h.reply(PPKBD_PHONE, '4');
    expect(await h.reply(PPKBD_PHONE, 'ya')).toContain('Nomor register');
    await h.reply(PPKBD_PHONE, 'RT2/hal 4/no 17');
    await h.reply(PPKBD_PHONE, '27');
    await h.reply(PPKBD_PHONE, '4');
    const sent = await h.send(PPKBD_PHONE, 'ya');
    expect(sent.filter((m) => m.to === PKB_PHONE)).toHaveLength(1);
    expect(sent.filter((m) => m.to === PPKBD_PHONE)).toHaveLength(1); // her receipt only, not a second notice
    const row = h.db.select().from(cases).get()!;
    expect(row).toMatchObject({ desaCode: '73.06.06.2003', refRegister: 'RT2/hal 4/no 17', ageBand: '20-29', children: '3+', postPartum: true, category: 'IAT' });
    expect(await h.reply(PPKBD_PHONE, `KASUS ${row.code}`)).not.toContain('Catat tindakan');
  });
});

describe('case report in the simulator', () => {
  it('when messages are redelivered and the bot restarts mid-report, then one case is stored and nothing is sent twice', async () => {
    const { simulate, messagesOf } = await import('../helpers/simulate.js');
    const lines = ['@at 2026-11-25 09:00', `${R}: laporkan`, `${R}: Pakatto`, `${R}: 0`, `${R}: 1`, `${R}: 2`, `${R}: 4`, `${R}: ya`];
    const straight = await simulate(lines.join('\n'));
    const bumpy = await simulate([...lines.slice(0, 3), '@redeliver', '@restart', ...lines.slice(3, 6), '@restart', '@redeliver', lines[6]!, lines[7]!, '@redeliver'].join('\n'));
    expect(bumpy).toBe(straight);
    expect(messagesOf(bumpy).filter((m) => m.to === PKB_PHONE)).toHaveLength(1);
  });
});
