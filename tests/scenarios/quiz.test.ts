// Workshop quizzes through the real bot (the simulator): wrong answers then recovery, leaving and resuming, expiry and
// @restart mid-quiz, a redelivered answer, a quiz closed mid-way or expired, the post-test's feedback, who may take
// and open quizzes, an officer seeing only their own area's workshops, and the menus.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { quizAnswers, quizAttempts, quizWorkshops } from '../../src/db/schema.js';
import { loadQuizBanks } from '../../src/quiz/bank-files.js';
import { DINAS_PHONE as DINAS, KOORD_PHONE as KOORD, PEOPLE_CSV, PKB_PHONE as PKB, PPKBD_PHONE as SITI, RESIDENT_PHONE as RES, SUB_PPKBD_PHONE as RAHMA } from '../helpers/people.js';
import { answerLines, answersScoring, BANK, codeIn, QUESTIONS } from '../helpers/quiz-story.js';
import { messagesOf, simulate, type SimulateOptions } from '../helpers/simulate.js';

// Another PKB (Tompobulu) with a cadre of their own.
const PKB_BAJENG = '+6281234567031';
const BAJENG_CADRE = '+6281234567032';
const PEOPLE = [PEOPLE_CSV, `${PKB_BAJENG},Muh. Arfah,pkb,73.06.03,`, `${BAJENG_CADRE},Hasmawati,ppkbd,73.06.03.2003,`].join('\n');

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});
function dbFile(): string {
  dir = mkdtempSync(join(tmpdir(), 'imp-quiz-'));
  return join(dir, 'sim.db');
}
async function run(lines: string[], dbPath: string, options: SimulateOptions = {}) {
  return messagesOf(await simulate(lines.join('\n'), { people: PEOPLE, dbPath, ...options }));
}
const to = (out: { to: string; text: string }[], phone: string) => out.filter((m) => m.to === phone).map((m) => m.text);

/** A story that starts with the PKB opening a pre-test; returns its code. */
async function opened(dbPath: string, name = 'Pelatihan Kader Pakatto', by = PKB, at = '2026-11-25 08:00'): Promise<string> {
  return codeIn(to(await run([`@at ${at}`, `${by}: KUIS BUKA ${name}`], dbPath), by)[0]!);
}

function withDb<T>(path: string, fn: (db: ReturnType<typeof openDatabase>['db']) => T): T {
  const { db, close } = openDatabase(path);
  try {
    return fn(db);
  } finally {
    close();
  }
}

const right = answersScoring(QUESTIONS);

describe('taking a quiz', () => {
  it('when a cadre answers with an unknown reply, then she is asked again plainly with how to leave, and a good answer goes on', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, `${SITI}: 7`, `${SITI}: entahlah`, `${SITI}: ${right[0]}`], path), SITI);
    expect(out[1]).toMatch(/^Maaf, jawaban belum terbaca\. Balas angka 1 sampai \d\./);
    expect(out[1]).toContain('*Soal 1/10*');
    expect(out[1]).toContain('Ketik BATAL untuk berhenti atau MENU untuk ke menu utama.');
    expect(out[2]).toContain('*Soal 1/10*');
    expect(out[3]).toMatch(/^\*Soal 2\/10\*/);
  });

  it('when a cadre gives three unreadable answers, then the bot explains how to answer and that her answers are kept', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, `${SITI}: x`, `${SITI}: y`, `${SITI}: z`], path), SITI);
    expect(out[3]).toContain('Sepertinya pertanyaan ini sulit dijawab.');
    expect(out[3]).toContain('Jawaban yang sudah dikirim tersimpan');
  });

  it('when a cadre leaves mid-quiz and sends the code again, then she goes on from the next question with her answers kept', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(
      await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, ...answerLines(SITI, 10).slice(0, 3), `${SITI}: MENU`, `${SITI}: KUIS ${code}`, ...answerLines(SITI, 10, 3)], path),
      SITI,
    );
    const resumed = out.find((t) => t.startsWith('Melanjutkan'))!;
    expect(resumed).toContain('3 dari 10 soal sudah Anda jawab');
    expect(resumed).toContain('*Soal 4/10*');
    expect(out.at(-1)).toContain('Nilai Anda: *10 dari 10* (100%)');
  });

  it('when a cadre stops writing for longer than the expiry mid-quiz, then she is told once and LANJUT goes on at the same question', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(
      await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, ...answerLines(SITI, 10).slice(0, 2), '@at 2026-11-28 10:00', `${SITI}: ${right[2]}`, `${SITI}: LANJUT`, ...answerLines(SITI, 10, 2)], path),
      SITI,
    );
    const expired = out.findIndex((t) => t.startsWith('Percakapan sebelumnya sudah ditutup'));
    expect(out[expired]).toContain('ketik LANJUT');
    expect(out.slice(expired).join('\n')).toContain('*Soal 3/10*');
    expect(out.at(-1)).toContain('Nilai Anda: *10 dari 10* (100%)');
    // The answer sent just after the expiry was not taken as an answer.
    withDb(path, (db) => expect(db.select().from(quizAnswers).all()).toHaveLength(QUESTIONS));
  });

  it('when the bot restarts mid-quiz and an answer is delivered twice, then the quiz goes on and nothing is counted twice', async () => {
    const path = dbFile();
    const code = await opened(path);
    const lines = answerLines(SITI, 7);
    const out = to(await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, ...lines.slice(0, 4), '@redeliver', '@restart', ...lines.slice(4)], path), SITI);
    expect(out.filter((t) => t.startsWith('*Soal 5/10*'))).toHaveLength(1);
    expect(out.at(-1)).toContain('Nilai Anda: *7 dari 10* (70%)');
    withDb(path, (db) => {
      expect(db.select().from(quizAnswers).all()).toHaveLength(QUESTIONS);
      expect(db.select().from(quizAttempts).get()).toMatchObject({ score: 7 });
    });
  });

  it('when KUIS <kode> is sent in the middle of another flow, then the quiz takes over', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(await run(['@at 2026-11-25 09:00', `${SITI}: 1`, `${SITI}: KUIS ${code}`], path), SITI);
    expect(out.at(-1)).toContain('*Pre-test Pelatihan Kader Pakatto*');
  });

  it('when a cadre chooses Kuis pelatihan in the menu, then she is asked for the code and the quiz starts with it', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(await run(['@at 2026-11-25 09:00', `${RAHMA}: menu`, `${RAHMA}: kuis`, `${RAHMA}: ${code.toLowerCase()}`], path), RAHMA);
    expect(out[0]).toContain('Kuis pelatihan');
    expect(out[1]).toContain('Tulis kode kuis dari penyelenggara');
    expect(out[2]).toContain('*Pre-test Pelatihan Kader Pakatto*');
  });
});

describe('the post-test', () => {
  it('when a cadre answers the post-test, then each answer shows right or wrong with its explanation, next to the next question', async () => {
    const path = dbFile();
    await opened(path);
    const post = codeIn(to(await run(['@at 2026-11-25 13:00', `${PKB}: KUIS BUKA Pelatihan Kader Pakatto`], path), PKB)[0]!);
    const wrong = answersScoring(0)[0]!;
    const out = to(await run(['@at 2026-11-25 13:10', `${SITI}: KUIS ${post}`, `${SITI}: ${right[0]}`, `${SITI}: ${answersScoring(0)[1]}`], path), SITI);
    expect(out[0]).toContain('Setelah tiap jawaban Anda melihat jawaban yang benar dan penjelasannya.');
    expect(out[1]).toContain(`*Benar.* ${BANK.questions[0]!.explanation}`);
    expect(out[1]).toContain('*Soal 2/10*');
    expect(out[2]).toContain(`*Kurang tepat.* Jawaban yang benar: ${right[1]}. ${BANK.questions[1]!.options[right[1]! - 1]}`);
    expect(out[2]).toContain(BANK.questions[1]!.explanation);
    expect(wrong).not.toBe(right[0]);
  });

  it('when a cadre still in the pre-test sends the post-test code, then the post-test starts with no word of a draft', async () => {
    const path = dbFile();
    const pre = await opened(path);
    await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${pre}`, ...answerLines(SITI, 10).slice(0, 2)], path);
    const post = codeIn(to(await run(['@at 2026-11-25 13:00', `${PKB}: KUIS POST ${pre}`], path), PKB)[0]!);
    const out = to(await run(['@at 2026-11-25 13:05', `${SITI}: KUIS ${post}`], path), SITI);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\*Post-test Pelatihan Kader Pakatto\*/);
  });

  it('when a cadre takes only the post-test, then her score says she did not take the pre-test', async () => {
    const path = dbFile();
    await opened(path);
    const post = codeIn(to(await run(['@at 2026-11-25 13:00', `${PKB}: KUIS POST`], path), PKB)[0]!);
    const out = to(await run(['@at 2026-11-25 13:10', `${RAHMA}: KUIS ${post}`, ...answerLines(RAHMA, 6)], path), RAHMA);
    expect(out.at(-1)).toContain('Nilai Anda: *6 dari 10* (60%). Anda tidak mengerjakan pre-test pelatihan ini.');
  });

  it('when the pre-test answers are given, then no right answer or explanation is shown', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, ...answerLines(SITI, 2)], path), SITI);
    expect(out.join('\n')).not.toMatch(/Benar\.|Kurang tepat|Jawaban yang benar/);
    for (const q of BANK.questions) expect(out.join('\n')).not.toContain(q.explanation);
  });
});

describe('closed, expired and unknown quizzes', () => {
  it('when the organiser closes the quiz while a cadre is mid-way, then her next answer is refused and her earlier answers stay', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = await run(['@at 2026-11-25 09:00', `${SITI}: KUIS ${code}`, ...answerLines(SITI, 10).slice(0, 3), `${PKB}: KUIS TUTUP ${code}`, `${SITI}: ${right[3]}`, `${RAHMA}: KUIS ${code}`], path);
    expect(to(out, PKB).at(-1)).toBe(`Kuis ${code} (pre-test Pelatihan Kader Pakatto) ditutup. 0 kader selesai. Setelah materi: KUIS POST ${code} membuka post-test.`);
    expect(to(out, SITI).at(-1)).toBe(`Kuis ${code} (pre-test Pelatihan Kader Pakatto) sudah ditutup oleh penyelenggara, jadi tidak bisa dikerjakan lagi. Jawaban Anda sebelumnya (3 dari 10 soal) tetap tercatat.`);
    expect(to(out, RAHMA).at(-1)).toContain('sudah ditutup oleh penyelenggara');
    withDb(path, (db) => expect(db.select().from(quizAnswers).all()).toHaveLength(3));
  });

  it('when a code is used more than a week after it opened, then it no longer works', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = to(await run(['@at 2026-12-03 09:00', `${SITI}: KUIS ${code}`], path), SITI);
    expect(out.at(-1)).toBe(`Kuis ${code} (pre-test Pelatihan Kader Pakatto) sudah tidak berlaku (berlaku sampai 2/12/2026), jadi tidak bisa dikerjakan lagi.`);
  });

  it('when an unknown code is sent, then the cadre is told to check it', async () => {
    const path = dbFile();
    const out = to(await run(['@at 2026-11-25 09:00', `${SITI}: kuis zz99`], path), SITI);
    expect(out[0]).toBe('Kode kuis ZZ99 tidak ditemukan. Periksa lagi kode dari penyelenggara (4 huruf/angka), lalu balas KUIS dan kodenya, misalnya KUIS K7Q2.');
  });
});

describe('who may take and open quizzes', () => {
  it('when an officer sends a quiz code, a resident sends one, or a cadre tries to open one, then each gets a plain answer', async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = await run(['@at 2026-11-25 09:00', `${KOORD}: KUIS ${code}`, `${RES}: KUIS ${code}`, `${SITI}: KUIS BUKA Pelatihan saya`], path);
    expect(to(out, KOORD)[0]).toContain('Kuis pelatihan dikerjakan oleh kader (PPKBD dan Sub-PPKBD)');
    expect(to(out, RES)[0]).toContain('kuis pelatihan hanya untuk kader yang terdaftar');
    expect(to(out, SITI)[0]).toContain('Kuis pelatihan dibuka oleh PKB, koordinator, atau Dinas.');
    withDb(path, (db) => {
      expect(db.select().from(quizAttempts).all()).toHaveLength(0);
      expect(db.select().from(quizWorkshops).all()).toHaveLength(1);
    });
  });

  it("when a PKB asks for another PKB's workshop, then it is not found for them; the koordinator and the Dinas see it", async () => {
    const path = dbFile();
    const code = await opened(path);
    const out = await run(
      ['@at 2026-11-25 09:00', `${PKB_BAJENG}: KUIS HASIL ${code}`, `${PKB_BAJENG}: KUIS TUTUP ${code}`, `${PKB_BAJENG}: KUIS HASIL`, `${KOORD}: KUIS HASIL ${code}`, `${DINAS}: KUIS HASIL Pelatihan Kader Pakatto`],
      path,
    );
    const bajeng = to(out, PKB_BAJENG);
    expect(bajeng[0]).toBe(`Kode kuis ${code} tidak ditemukan di wilayah Anda. Periksa kodenya, atau tulis nama pelatihannya.`);
    expect(bajeng[1]).toBe(bajeng[0]);
    expect(bajeng[2]).toContain('Belum ada kuis pelatihan di wilayah Anda.');
    expect(to(out, KOORD)[0]).toContain('*Hasil kuis: Pelatihan Kader Pakatto*');
    expect(to(out, DINAS)[0]).toContain('*Hasil kuis: Pelatihan Kader Pakatto*');
  });

  it("when another PKB opens a workshop of the same name, then it is their own new workshop, not the other's post-test", async () => {
    const path = dbFile();
    const code = await opened(path, 'Pelatihan Kader');
    const out = to(await run(['@at 2026-11-25 09:00', `${PKB_BAJENG}: KUIS BUKA Pelatihan Kader`], path), PKB_BAJENG);
    expect(out[0]).toContain('*Pre-test dibuka:* Pelatihan Kader');
    expect(codeIn(out[0]!)).not.toBe(code);
  });

  it('when a workshop has both tests and is opened again, then the organiser is told its codes and nothing changes', async () => {
    const path = dbFile();
    await opened(path);
    const out = to(await run(['@at 2026-11-25 13:00', `${PKB}: KUIS BUKA Pelatihan Kader Pakatto`, `${PKB}: KUIS BUKA Pelatihan Kader Pakatto`], path), PKB);
    expect(out[1]).toMatch(/^Pelatihan Pelatihan Kader Pakatto sudah punya pre-test [A-Z0-9]{4} dan post-test [A-Z0-9]{4}\./);
  });
});

describe('the organiser menu', () => {
  it('when the PKB uses the menu with two banks, then the bank is asked, and results and closing pick from lists', async () => {
    const path = dbFile();
    const banks = join(dir!, 'banks');
    mkdirSync(banks);
    const extra = ['# Bank kedua', 'id: bank-kedua', '', '## 1', 'Soal satu?', '1. Ya', '2. Tidak', '3. Mungkin', 'Jawaban: 1', 'Penjelasan: Karena ya.', '', '## 2', 'Soal dua?', '1. A', '2. B', '3. C', 'Jawaban: 2', 'Penjelasan: B benar.', '', '## 3', 'Soal tiga?', '1. A', '2. B', '3. C', 'Jawaban: 3', 'Penjelasan: C benar.'];
    writeFileSync(join(banks, 'a-dasar.md'), (await import('node:fs')).readFileSync(new URL('../../resources/quiz-banks/dasar-kb-kader.md', import.meta.url), 'utf8'));
    writeFileSync(join(banks, 'b-kedua.md'), extra.join('\n'));
    const quizBanks = loadQuizBanks(banks);
    const out = to(
      await run(
        ['@at 2026-11-25 08:00', `${PKB}: menu`, `${PKB}: kuis`, `${PKB}: 1`, `${PKB}: Orientasi Sub-PPKBD`, `${PKB}: 2`, `${PKB}: kuis`, `${PKB}: 3`, `${PKB}: 1`, `${PKB}: kuis`, `${PKB}: 4`, `${PKB}: 1`],
        path,
        { quizBanks },
      ),
      PKB,
    );
    expect(out[1]).toContain('1. Buka pre-test untuk pelatihan baru');
    expect(out[2]).toContain('Tulis nama pelatihannya');
    expect(out[3]).toContain('Pilih bank soalnya:\n1. Dasar KB dan Laporan untuk Kader IMP (10 soal)\n2. Bank kedua (3 soal)');
    expect(out[4]).toContain('*Pre-test dibuka:* Orientasi Sub-PPKBD');
    expect(out[4]).toContain('(3 soal, Bank kedua)');
    const code = codeIn(out[4]!);
    expect(out[6]).toContain(`1. Orientasi Sub-PPKBD (${code})`);
    expect(out[7]).toContain('*Hasil kuis: Orientasi Sub-PPKBD*');
    expect(out.at(-2)).toContain(`1. ${code}: Orientasi Sub-PPKBD`);
    expect(out.at(-1)).toContain(`Kuis ${code} (pre-test Orientasi Sub-PPKBD) ditutup.`);
  });
});
