// Practice mode (LATIHAN, issue 15 A) through the real bot: a cadre rehearses the monthly recap (guided and fast
// entry) and the case report on a made-up desa; the real flows, rules and texts run, every message is marked, and
// nothing real is stored or sent to anyone else. A trainer opens a round for their cadres and sees who finished.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, gt, ne } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import type { DbOrTx } from '../../src/db/client.js';
import { loadConversation } from '../../src/db/repos/conversations.repo.js';
import { findRecap } from '../../src/db/repos/recaps.repo.js';
import { cases, outbox, practiceRuns, recapEvents, recaps } from '../../src/db/schema.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import type { ConversationState } from '../../src/flows/engine/types.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness, type Sent } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE as P, RESIDENT_PHONE as R, SUB_PPKBD_PHONE as S } from '../helpers/people.js';
import { caseAnswers, isMarked, laporOf, lineAnswer, practisingNow, reportsSnapshot, sheetGroups, sheetOf } from '../helpers/practice.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const NIRANNUANG_PPKBD = '+6281234567021';
const PEOPLE = `${PEOPLE_CSV}\n${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,73.06.06.2004,`;
const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const realLapor = (values: Record<string, number>) => `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${values[f]}`).join(' ')}`;
const to = (sent: readonly Sent[], phone: string) => sent.filter((m) => m.to === phone);
const textTo = (sent: readonly Sent[], phone: string) => to(sent, phone).map((m) => m.text).join('\n---\n');

const rowsOf = (db: DbOrTx, table: typeof recaps | typeof cases | typeof recapEvents | typeof practiceRuns) => db.select({ n: count() }).from(table).get()!.n;

const opened: Harness[] = [];
afterEach(async () => {
  for (const h of opened.splice(0)) await h.close();
});

async function harness(options: { expiryMs?: number; start?: Date } = {}): Promise<Harness> {
  const h = await Harness.create({ people: PEOPLE, start: options.start ?? fromWita(2026, 12, 2, 9, 0), ...(options.expiryMs ? { expiryMs: options.expiryMs } : {}) });
  opened.push(h);
  return h;
}

/** Sends every message and returns all that was sent meanwhile. */
async function sendAll(h: Harness, phone: string, texts: readonly string[]): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (const text of texts) sent.push(...(await h.send(phone, text)));
  return sent;
}

/** KIRIM, then YA to each unusual number the bot asks about, until the round ends; returns what was sent. */
async function sendPractice(h: Harness, phone: string): Promise<Sent[]> {
  let sent = await h.send(phone, 'KIRIM');
  const all = [...sent];
  for (let i = 0; i < 5 && textTo(sent, phone).includes('Balas YA jika benar'); i++) all.push(...(sent = await h.send(phone, 'YA')));
  return all;
}

describe('done when: a practice recap with a hard-rule error and a soft warning, through the simulator', () => {
  it('when a PPKBD practises the guided recap, breaks the PUS balance, fixes it and confirms the warning, then every message is marked and nothing real is stored, sent or reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-practice-'));
    const dbPath = join(dir, 'story.db');
    const withDb = <T>(fn: (ready: ReadyDatabase) => T): T => {
      const ready = openReadyDatabase(dbPath);
      try {
        return fn(ready);
      } finally {
        ready.close();
      }
    };
    try {
      // The real month so far: Nirannuang sent its recap, a resident reported a couple.
      await simulate(
        [
          '@at 2026-12-02 09:00',
          `${NIRANNUANG_PPKBD}: ${realLapor({ ...CLEAN_RECAP, pus: 500, ias: 80 })}`,
          `${NIRANNUANG_PPKBD}: KIRIM`,
          `${R}: laporkan`,
          `${R}: Nirannuang`,
          `${R}: 0`,
          `${R}: 1`,
          `${R}: 1`,
          `${R}: 2`,
          `${R}: tidak`,
        ].join('\n'),
        { dbPath, people: PEOPLE },
      );
      const reportAt = fromWita(2026, 12, 2, 12, 0);
      const before = withDb(({ db, areas }) => ({
        reports: reportsSnapshot(db, areas, reportAt),
        recaps: rowsOf(db, recaps),
        cases: rowsOf(db, cases),
        lastOutbox: db.select({ id: outbox.id }).from(outbox).all().reduce((m, r) => Math.max(m, r.id), 0),
      }));
      expect(before).toMatchObject({ recaps: 1, cases: 1 });

      const start = messagesOf(await simulate(['@at 2026-12-02 10:00', `${P}: LATIHAN`, `${P}: 1`].join('\n'), { dbPath, people: null }));
      const sheet = withDb(({ db }) => sheetOf(db, P));
      const groups = sheetGroups(sheet);
      // The careless line: the register's total typed in front of the methods, as the sheet writes it.
      const paIndex = groups.findIndex((g) => g.id === 'pa');
      const pa = groups[paIndex]!;
      const total = pa.fields.reduce((s, f) => s + sheet.recap!.values[f]!, 0);
      const careless = [total, ...pa.fields.slice(0, -1).map((f) => sheet.recap!.values[f])].join(' ');
      const answers = groups.map((g, i) => (i === paIndex ? careless : lineAnswer(sheet, g)));
      const rest = messagesOf(
        await simulate(
          ['@at 2026-12-02 10:08', ...answers.map((a) => `${P}: ${a}`), `${P}: KIRIM`, `${P}: UBAH ${paIndex + 1}`, `${P}: ${lineAnswer(sheet, pa)}`, `${P}: KIRIM`, `${P}: YA`].join('\n'),
          { dbPath, people: null },
        ),
      );
      const practice = [...start, ...rest];

      // Every message went to the cadre, and every one of them is marked.
      expect(practice.every((m) => m.to === P)).toBe(true);
      expect(practice.filter((m) => !isMarked(m.text))).toEqual([]);
      const texts = practice.map((m) => m.text).join('\n---\n');
      expect(texts).toContain(`Lembar latihan: Desa ${sheet.desaName}, Kec. Latihan`);
      // The real rules and messages: the balance told, KIRIM refused naming the numbers, the warning asked.
      expect(texts).toContain('*Jumlah PUS belum seimbang*');
      expect(texts).toContain('Laporan belum bisa dikirim karena ada angka yang tidak cocok:');
      expect(texts).toContain('Balas YA jika benar');
      const [receipt, feedback] = rest.slice(-2).map((m) => m.text);
      expect(receipt).toContain(`Terima kasih! Laporan latihan Desa ${sheet.desaName}, Kec. Latihan, November 2026 selesai.`);
      expect(receipt).toContain('tidak disimpan dan tidak dikirim ke PKB');
      expect(receipt).not.toMatch(/Kode tanda terima: \*/);
      expect(feedback).toContain('*Hasil latihan*');
      expect(feedback).toContain('Waktu: 8 menit.');
      expect(feedback).toContain('Angka tidak cocok (laporan ditahan): 1');
      expect(feedback).toContain('Peringatan angka tidak biasa: 1');
      expect(feedback).toContain('Isian berbeda dengan lembar: 0');
      expect(feedback).toContain('PUS = peserta KB aktif + hamil + IAS + IAT + TIAL');

      withDb(({ db, areas }) => {
        // No real recap, version or case; the outbox since holds messages to the cadre only.
        expect(rowsOf(db, recaps)).toBe(before.recaps);
        expect(rowsOf(db, recapEvents)).toBe(1);
        expect(findRecap(db, '73.06.06.2003', '2026-11', null)).toBeUndefined();
        expect(rowsOf(db, cases)).toBe(before.cases);
        const since = db.select({ to: outbox.toAddress }).from(outbox).where(gt(outbox.id, before.lastOutbox)).all();
        expect(since.length).toBe(practice.length);
        expect(new Set(since.map((r) => r.to))).toEqual(new Set([P]));
        // Digests, summaries, REKAP, BELUM, the exports and the roll-up read exactly as before.
        expect(reportsSnapshot(db, areas, reportAt)).toEqual(before.reports);
        // Only who practised, what, how long and what was caught.
        const runs = db.select().from(practiceRuns).all();
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({ kind: 'guided', durationSeconds: 8 * 60, hardCount: 1, softCount: 1, differenceCount: 0 });
        expect(loadConversation<ConversationState>(db, P)?.practice).toBeUndefined();
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('practice of fast entry and of the case report', () => {
  it('when a Sub-PPKBD practises fast entry with an unknown key and a wrong number, then the real checks catch both and the feedback names them', async () => {
    const h = await harness();
    const started = await h.send(S, 'LATIHAN CEPAT');
    expect(textTo(started, S)).toContain('Kirim laporan ini dalam *satu pesan*');
    const sheet = sheetOf(h.db, S);
    expect(sheet.recap!.unit).toBe('dusun');
    const sent = [
      ...(await h.send(S, `${laporOf(sheet, { pa_iud: sheet.recap!.values.pa_iud! + 1 })} SUNTK=4`)),
      ...(await h.send(S, 'KIRIM')),
      ...(await h.send(S, `LAPOR IUD=${sheet.recap!.values.pa_iud}`)),
      ...(await sendPractice(h, S)),
    ];
    const text = textTo(sent, S);
    expect(text).toContain("'SUNTK' tidak dikenal");
    expect(text).toContain('Laporan belum bisa dikirim');
    expect(text).toContain(`Laporan latihan ${sheet.unitName}, Desa ${sheet.desaName}`);
    expect(text).toContain('Jawaban yang belum bisa dibaca: 1');
    expect(text).toContain('Angka tidak cocok (laporan ditahan): 1');
    expect(text).toContain('Penulisan LAPOR');
    expect(to(sent, S).every((m) => isMarked(m.text))).toBe(true);
    // The PPKBD of the desa hears nothing of a practice dusun part, and nothing is stored.
    expect(sent.filter((m) => m.to !== S)).toEqual([]);
    expect(rowsOf(h.db, recaps)).toBe(0);
    expect(h.db.select().from(practiceRuns).all()).toMatchObject([{ kind: 'fast', invalidCount: 1, hardCount: 1 }]);
  });

  it('when a Sub-PPKBD practises the case report and types the couple\'s name, then it is refused as in a real report, and no case, PKB or PPKBD message follows', async () => {
    const h = await harness();
    await h.send(S, 'halo');
    await h.send(S, 'LATIHAN');
    const started = await h.send(S, '3');
    const sheet = sheetOf(h.db, S);
    const c = sheet.case!;
    expect(textTo(started, S)).toContain(`Ibu ${c.wife} dan Bapak ${c.husband} (nama karangan)`);
    const answers = caseAnswers(sheet);
    const registerAt = answers.indexOf(c.register);
    const sent = await sendAll(h, S, [...answers.slice(0, registerAt), `Ibu ${c.wife} ${c.register}`, ...answers.slice(registerAt)]);
    const text = textTo(sent, S);
    expect(text).toContain('mohon jangan menulis nama orang');
    expect(text).toContain('Terima kasih, laporan kasus latihan sudah lengkap.');
    expect(text).toContain('Jawaban yang belum bisa dibaca: 1');
    expect(text).toContain('Isian berbeda dengan lembar: 0');
    expect(text).toContain('Nomor register ditulis tanpa nama');
    expect(to(sent, S).every((m) => isMarked(m.text))).toBe(true);
    expect(sent.filter((m) => m.to !== S)).toEqual([]);
    expect(rowsOf(h.db, cases)).toBe(0);
    expect(h.db.select().from(practiceRuns).all()).toMatchObject([{ kind: 'case', invalidCount: 1, differenceCount: 0 }]);
  });

  it('when a cadre practises again at once, then the new practice has a new sheet', async () => {
    const h = await harness();
    await h.send(P, 'LATIHAN CEPAT');
    const first = sheetOf(h.db, P);
    await h.send(P, 'BATAL');
    await h.send(P, 'LATIHAN CEPAT');
    const second = sheetOf(h.db, P);
    expect(second.recap!.values).not.toEqual(first.recap!.values);
  });

  it('when the practice menu gets a wrong answer, then the reply is marked too, and a word chooses as well as a number', async () => {
    const h = await harness();
    await h.send(P, 'mulai latihan');
    const wrong = await h.send(P, 'entahlah');
    expect(wrong).toHaveLength(1);
    expect(isMarked(wrong[0]!.text)).toBe(true);
    expect(wrong[0]!.text).toContain('Balas angka 1 sampai 3.');
    const chosen = await h.send(P, 'kasus');
    expect(textTo(chosen, P)).toContain('*Lembar latihan: laporan kasus*');
  });

  it('when a PKB rehearses the recap, then they get the cadre\'s side on the made-up desa', async () => {
    const h = await harness();
    await h.send(PKB_PHONE, 'LATIHAN');
    const sent = await h.send(PKB_PHONE, '1');
    expect(textTo(sent, PKB_PHONE)).toContain('(1/10) *I. Keadaan Umum*');
    expect(to(sent, PKB_PHONE).every((m) => isMarked(m.text))).toBe(true);
  });
});

describe('leaving, expiry and restarts', () => {
  it('when a cadre switches from a real recap to practice and then cancels it, then nothing of the practice is kept and LANJUT resumes the real draft', async () => {
    const h = await harness();
    await h.send(P, 'menu');
    await h.send(P, '1');
    await h.send(P, '1 4 12 3 2 1 2');
    // LATIHAN works inside the real recap, which is kept as a draft, as MENU keeps it.
    expect(await h.reply(P, 'LATIHAN')).toContain('Jawaban Anda tersimpan sebagai draf');
    await h.send(P, '1');
    await h.send(P, lineAnswer(sheetOf(h.db, P), sheetGroups(sheetOf(h.db, P))[0]!));
    const cancelled = await h.send(P, 'BATAL');
    expect(cancelled[0]!.text).toMatch(/^🧪 \*LATIHAN\*\nLatihan dihentikan\. Tidak ada yang disimpan\./);
    expect(isMarked(cancelled[1]!.text)).toBe(false);
    expect(cancelled[1]!.text).toContain('Pilih menu dengan membalas angkanya');
    expect(practisingNow(h.db, P)).toBe(false);
    const resumed = await h.reply(P, 'LANJUT');
    expect(resumed).toContain('Kita lanjutkan dari jawaban terakhir Anda.');
    expect(resumed).toContain('(2/10)');
    expect(resumed).not.toContain('LATIHAN');
    expect(loadConversation<ConversationState>(h.db, P)!.active!.results['v.sub_ppkbd_ada']?.value).toBe(4);
  });

  it('when a practice is left idle past the expiry, then the next message is told it closed, gets the menu, and no draft is left', async () => {
    const h = await harness({ expiryMs: 60 * 60_000 });
    await h.send(P, 'LATIHAN');
    await h.send(P, '1');
    h.clock.advance(2 * 60 * 60_000);
    const sent = await h.send(P, '1 3 10 3 3 2 2');
    expect(sent[0]!.text).toContain('Latihan tadi ditutup karena lama tidak ada balasan. Tidak ada yang disimpan.');
    expect(isMarked(sent[0]!.text)).toBe(true);
    expect(sent[1]!.text).toContain('Pilih menu dengan membalas angkanya');
    expect(practisingNow(h.db, P)).toBe(false);
    expect(await h.reply(P, 'LANJUT')).toContain('Tidak ada draf yang tersimpan.');
  });

  it('when the bot restarts in the middle of a practice, then the practice goes on where it was, still marked', async () => {
    const h = await harness();
    await h.send(P, 'LATIHAN');
    await h.send(P, '1');
    const sheet = sheetOf(h.db, P);
    await h.send(P, lineAnswer(sheet, sheetGroups(sheet)[0]!));
    await h.restart();
    const sent = await h.send(P, lineAnswer(sheet, sheetGroups(sheet)[1]!));
    expect(sent).toHaveLength(1);
    expect(isMarked(sent[0]!.text)).toBe(true);
    expect(sent[0]!.text).toContain('(3/10)');
    expect(sheetOf(h.db, P)).toEqual(sheet);
  });

  it('when a cadre asks BANTUAN in the middle of a practice, then the help is marked and promises no draft', async () => {
    const h = await harness();
    await h.send(P, 'LATIHAN');
    await h.send(P, '1');
    const help = await h.send(P, 'BANTUAN');
    expect(help).toHaveLength(1);
    expect(isMarked(help[0]!.text)).toBe(true);
    expect(help[0]!.text).toContain('(1/10)');
    expect(help[0]!.text).not.toContain('disimpan sebagai draf');
    // The third wrong answer explains with the flow's help: in practice it keeps nothing.
    for (let i = 0; i < 2; i++) await h.send(P, 'entah');
    const third = await h.send(P, 'entah');
    expect(third[0]!.text).toContain('Sepertinya pertanyaan ini sulit dijawab.');
    expect(third[0]!.text).not.toContain('jawaban disimpan');
  });

  it('when a command that works anywhere comes in the middle of a practice, then it is answered for real and the practice goes on', async () => {
    const h = await harness();
    await h.send(P, 'LATIHAN');
    await h.send(P, '1');
    const sent = await h.send(P, 'STATUS UN-062003-2026-0001');
    expect(sent).toHaveLength(2);
    expect(isMarked(sent[0]!.text)).toBe(false);
    expect(sent[1]!.text).toMatch(/^🧪 \*LATIHAN\*\nKembali ke latihan:\n/);
    expect(sent[1]!.text).toContain('(1/10)');
    expect(practisingNow(h.db, P)).toBe(true);
  });

  it('when a cadre sends a real recap right after a practice, then it is stored, acknowledged and passed to the PKB as always', async () => {
    const h = await harness();
    await h.send(P, 'LATIHAN CEPAT');
    const sheet = sheetOf(h.db, P);
    await h.send(P, laporOf(sheet));
    const finished = await sendPractice(h, P);
    expect(textTo(finished, P)).toContain('*Hasil latihan*');

    await h.send(P, realLapor(CLEAN_RECAP));
    const sent = await h.send(P, 'KIRIM');
    const receipt = textTo(sent, P);
    expect(receipt).toContain('Terima kasih! Laporan November 2026 terkirim (versi 1).');
    expect(receipt).toContain('Kode tanda terima:');
    expect(isMarked(receipt)).toBe(false);
    expect(textTo(sent, PKB_PHONE)).toContain('Rekap November 2026 masuk dari Siti Aminah (PPKBD)');
    expect(JSON.parse(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.values)).toEqual({ ...CLEAN_RECAP });
  });
});

describe('who may practise', () => {
  it('when a resident writes LATIHAN, then they get a plain answer and no practice starts', async () => {
    const h = await harness();
    for (const text of ['LATIHAN', 'latihan kasus']) {
      const reply = await h.reply(R, text);
      expect(reply).toContain('Latihan hanya untuk kader (PPKBD dan Sub-PPKBD) dan petugas KB yang terdaftar');
      expect(practisingNow(h.db, R)).toBe(false);
    }
  });

  it('when a cadre asks for a group round, then they are told a PKB opens it', async () => {
    const h = await harness();
    expect(await h.reply(P, 'LATIHAN KELOMPOK')).toContain('Latihan kelompok dibuka oleh Penyuluh KB (PKB)');
  });
});

describe('a trainer\'s round', () => {
  it('when a PKB opens a round, two cadres finish and one does not, then every cadre of the binaan is invited and HASIL lists everyone right', async () => {
    const h = await harness();
    await h.send(PKB_PHONE, 'LATIHAN');
    const opening = await h.send(PKB_PHONE, '4');
    const code = /Latihan kelompok \*([A-Z0-9]{4})\* dibuka sampai 5\/12\/2026/.exec(textTo(opening, PKB_PHONE))?.[1];
    expect(code).toBeDefined();
    expect(textTo(opening, PKB_PHONE)).toContain('Undangan dikirim ke 3 kader (PPKBD dan Sub-PPKBD) di wilayah Anda.');
    // The binaan's cadres (Pakatto's PPKBD and Sub-PPKBD, Nirannuang's PPKBD), as notices; nobody else.
    expect(new Set(opening.filter((m) => m.to !== PKB_PHONE).map((m) => m.to))).toEqual(new Set([P, S, NIRANNUANG_PPKBD]));
    for (const cadre of [P, S, NIRANNUANG_PPKBD]) {
      const invitation = textTo(opening, cadre);
      expect(isMarked(invitation)).toBe(true);
      expect(invitation).toContain('Andi Baso (PKB) mengajak Anda berlatih');
      expect(invitation).toContain('Ketik *LATIHAN* untuk mulai');
    }
    const notices = h.db.select({ to: outbox.toAddress, priority: outbox.priority }).from(outbox).where(ne(outbox.toAddress, PKB_PHONE)).all();
    expect(notices.every((n) => n.priority === 1)).toBe(true);
    expect(await h.reply(PKB_PHONE, 'LATIHAN KELOMPOK')).toContain(`Latihan kelompok *${code}* masih terbuka`);

    // The PPKBD practises fast entry with one wrong number; the Sub-PPKBD the case report, without a mistake.
    h.clock.advance(30 * 60_000);
    await h.send(P, 'LATIHAN');
    await h.send(P, '2');
    h.clock.advance(6 * 60_000);
    const sheetP = sheetOf(h.db, P);
    await h.send(P, laporOf(sheetP, { pa_pil: sheetP.recap!.values.pa_pil! + 2 }));
    await h.send(P, 'KIRIM');
    await h.send(P, `LAPOR PIL=${sheetP.recap!.values.pa_pil}`);
    const done = await sendPractice(h, P);
    expect(textTo(done, P)).toContain(`tercatat untuk latihan kelompok *${code}*; Andi Baso (PKB) dapat melihatnya`);
    await h.send(S, 'LATIHAN KASUS');
    await sendAll(h, S, caseAnswers(sheetOf(h.db, S)));
    // Nirannuang's PPKBD writes, but does not practise.
    await h.send(NIRANNUANG_PPKBD, 'halo');

    const results = await h.reply(PKB_PHONE, 'LATIHAN HASIL');
    expect(results).toContain(`*Hasil latihan kelompok ${code}* (terbuka sampai 5/12/2026)`);
    expect(results).toContain('Sudah selesai: 2 dari 3 kader.');
    expect(results).toContain('• Rahmawati, Desa Pakatto: laporan kasus, kurang dari 1 menit, tanpa kesalahan');
    expect(results).toContain('• Siti Aminah, Desa Pakatto: laporan cepat, 6 menit, 1 kesalahan');
    expect(results).toMatch(/Belum \(1\):\n• Nur Aeni, Desa Nirannuang$/);
    expect(isMarked(results)).toBe(false);

    // Closed: a practice afterwards no longer counts.
    const closed = await h.send(PKB_PHONE, 'LATIHAN TUTUP');
    expect(textTo(closed, PKB_PHONE)).toContain(`Latihan kelompok *${code}* ditutup.`);
    h.clock.advance(60_000);
    await h.send(NIRANNUANG_PPKBD, 'LATIHAN CEPAT');
    await h.send(NIRANNUANG_PPKBD, laporOf(sheetOf(h.db, NIRANNUANG_PPKBD)));
    const late = await sendPractice(h, NIRANNUANG_PPKBD);
    expect(textTo(late, NIRANNUANG_PPKBD)).not.toContain('latihan kelompok');
    const after = await h.reply(PKB_PHONE, 'LATIHAN HASIL');
    expect(after).toContain('(sudah ditutup)');
    expect(after).toContain('Sudah selesai: 2 dari 3 kader.');
    expect(await h.reply(PKB_PHONE, 'LATIHAN TUTUP')).toContain('Tidak ada latihan kelompok yang sedang terbuka');
    // Three practices recorded; no report of any kind.
    expect(rowsOf(h.db, practiceRuns)).toBe(3);
    expect(rowsOf(h.db, recaps) + rowsOf(h.db, cases)).toBe(0);
    // The PKB got answers to their own commands only: no notice of any recap or case.
    expect(h.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.toAddress, PKB_PHONE), ne(outbox.priority, 0))).all()).toEqual([]);
  });
});
