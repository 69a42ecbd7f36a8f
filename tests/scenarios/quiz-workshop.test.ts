// Issue 15 (C), "done when": a workshop with 5 cadres of 5 desa through the simulator — the PKB opens the pre-test,
// four cadres take it (one types a wrong code first), one joins late, one answers twice; the same name opens the
// paired post-test, four take it; closing it sends the organiser the report. The WhatsApp report, the CSV and the
// XLSX (read back with exceljs) give the same scores per cadre, per desa and per question, and the pre → post change.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../src/admin/commands.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { quizAnswers, quizAttempts, quizzes } from '../../src/db/schema.js';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import { answerLines, codeIn, QUESTIONS } from '../helpers/quiz-story.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

const PKB = '+6281234567103';
const SITI = '+6281234567101'; // PPKBD Pakatto
const NUR = '+6281234567102'; // PPKBD Nirannuang
const HASNAH = '+6281234567104'; // PPKBD Romangloe
const RAHMA = '+6281234567105'; // Sub-PPKBD Sokkolia
const JUMRIAH = '+6281234567106'; // PPKBD Mata Allo, joins late
const PEOPLE = [
  'phone,name,role,area,unit',
  `${PKB},Andi Baso,pkb,73.06.06.2003;73.06.06.2004;73.06.06.2005;73.06.06.2006;73.06.06.2013,`,
  `${SITI},Siti Aminah,ppkbd,73.06.06.2003,`,
  `${NUR},Nurlaela,ppkbd,73.06.06.2004,`,
  `${HASNAH},Hasnah,ppkbd,73.06.06.2005,`,
  `${RAHMA},Rahmawati,sub_ppkbd,73.06.06.2006,Dusun Sokkolia`,
  `${JUMRIAH},Jumriah,ppkbd,73.06.06.2013,`,
].join('\n');

// Scores out of 10: pre 4, 5, 6, 3 and 7 (late); post 9, 8, 10, – and 9.
const PRE: Record<string, number> = { [SITI]: 4, [NUR]: 5, [HASNAH]: 6, [RAHMA]: 3, [JUMRIAH]: 7 };
const POST: Record<string, number> = { [SITI]: 9, [NUR]: 8, [HASNAH]: 10, [JUMRIAH]: 9 };

let dir: string;
let dbPath: string;
const out: { to: string; text: string }[] = [];
let preCode = '';
let postCode = '';

async function story(lines: string[]): Promise<{ to: string; text: string }[]> {
  const messages = messagesOf(await simulate(lines.join('\n'), { people: PEOPLE, dbPath }));
  out.push(...messages);
  return messages;
}
const to = (phone: string, list = out) => list.filter((m) => m.to === phone).map((m) => m.text);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imp-quiz-workshop-'));
  dbPath = join(dir, 'sim.db');
  const opened = await story(['@at 2026-11-25 08:30', `${PKB}: KUIS BUKA Pelatihan Kader Bontomarannu`]);
  preCode = codeIn(to(PKB, opened)[0]!);
  const pre = await story([
    '@at 2026-11-25 09:00',
    `${SITI}: KUIS ${preCode}`,
    ...answerLines(SITI, PRE[SITI]!),
    `${NUR}: kuis ${preCode.toLowerCase()}`,
    ...answerLines(NUR, PRE[NUR]!),
    // A wrong code first (one letter off), then the right one.
    `${HASNAH}: KUIS ${preCode.slice(0, 3)}${preCode[3] === 'Z' ? 'Y' : 'Z'}`,
    `${HASNAH}: Kuis: ${preCode}`,
    ...answerLines(HASNAH, PRE[HASNAH]!),
    `${RAHMA}: KUIS ${preCode}`,
    ...answerLines(RAHMA, PRE[RAHMA]!),
    // Siti sends the code again after finishing: her score, nothing changes.
    `${SITI}: KUIS ${preCode}`,
    // Jumriah comes late, after everyone finished, while the pre-test is still open.
    '@at 2026-11-25 10:30',
    `${JUMRIAH}: KUIS ${preCode}`,
    ...answerLines(JUMRIAH, PRE[JUMRIAH]!),
  ]);
  expect(pre.length).toBeGreaterThan(0);
  // The same workshop name again (written differently) opens the paired post-test.
  const post = await story(['@at 2026-11-25 14:00', `${PKB}: kuis buka pelatihan kader  bontomarannu`]);
  postCode = codeIn(to(PKB, post)[0]!);
  await story([
    '@at 2026-11-25 14:10',
    ...[SITI, NUR, HASNAH, JUMRIAH].flatMap((phone) => [`${phone}: KUIS ${postCode}`, ...answerLines(phone, POST[phone]!)]),
    '@at 2026-11-25 15:00',
    `${PKB}: KUIS TUTUP ${postCode}`,
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a workshop with 5 cadres: pre-test, post-test, one answering twice, one joining late, one with a wrong code', () => {
  it('when the PKB opens the workshop twice by name, then a pre-test and a paired post-test get their own codes', () => {
    expect(preCode).not.toBe(postCode);
    const messages = to(PKB);
    expect(messages[0]).toContain('*Pre-test dibuka:* Pelatihan Kader Bontomarannu');
    expect(messages[0]).toContain(`KUIS ${preCode}`);
    expect(messages[1]).toContain('*Post-test dibuka:* Pelatihan Kader Bontomarannu');
    expect(messages[1]).toContain(`Pre-test ${preCode} ditutup: 5 kader selesai.`);
  });

  it('when a cadre types a wrong code, then she is told plainly and the right code works after it', () => {
    const hasnah = to(HASNAH);
    expect(hasnah[0]).toMatch(/^Kode kuis [A-Z0-9]{4} tidak ditemukan\./);
    expect(hasnah[1]).toContain('*Pre-test Pelatihan Kader Bontomarannu*');
    expect(hasnah[1]).toContain(`${QUESTIONS} soal pilihan ganda`);
  });

  it('when a cadre finishes, then she gets her score; after the post-test also the change from her pre-test', () => {
    expect(to(SITI).find((t) => t.startsWith('*Pre-test selesai.*'))).toContain('Nilai Anda: *4 dari 10* (40%)');
    const end = to(SITI).find((t) => t.includes('*Post-test selesai.*'))!;
    expect(end).toContain('Nilai Anda: *9 dari 10* (90%)');
    expect(end).toContain('Pre-test Anda: 4 dari 10, jadi naik 5 soal.');
  });

  it('when a cadre sends the code again after finishing, then she is told her score and nothing is stored twice', () => {
    const again = to(SITI).find((t) => t.startsWith('Anda sudah mengerjakan pre-test'))!;
    expect(again).toContain('Nilai Anda: *4 dari 10* (40%)');
    const { db, close } = openDatabase(dbPath);
    try {
      const pre = db.select().from(quizzes).all().find((q) => q.code === preCode)!;
      const attempts = db.select().from(quizAttempts).all().filter((a) => a.quizId === pre.id);
      expect(attempts).toHaveLength(5);
      expect(attempts.map((a) => a.score).sort()).toEqual([3, 4, 5, 6, 7]);
      const ids = new Set(attempts.map((a) => a.id));
      expect(db.select().from(quizAnswers).all().filter((a) => ids.has(a.attemptId))).toHaveLength(5 * QUESTIONS);
    } finally {
      close();
    }
  });

  it('when the post-test is closed, then the organiser gets the report: per cadre, per desa, per question and the pre → post change', () => {
    const messages = to(PKB);
    expect(messages[2]).toBe(`Kuis ${postCode} (post-test Pelatihan Kader Bontomarannu) ditutup. 4 kader selesai.`);
    const [summary, cadres, desa, questions] = messages.slice(3);
    expect(summary).toContain('*Hasil kuis: Pelatihan Kader Bontomarannu*');
    expect(summary).toContain(`Pre-test ${preCode} (ditutup): 5 kader selesai, rata-rata 5,0 dari 10 benar (50%).`);
    expect(summary).toContain(`Post-test ${postCode} (ditutup): 4 kader selesai, rata-rata 9,0 dari 10 benar (90%).`);
    expect(summary).toContain('*Pre → post* (4 kader ikut keduanya): 55% → 90%, +35 poin (rata-rata +3,5 soal).');
    expect(summary).toContain('Hanya pre-test: Rahmawati (Sokkolia).');
    expect(cadres!.split('\n').slice(1)).toEqual([
      '1. Jumriah (Mata Allo): 7 → 9 (+2)',
      '2. Nurlaela (Nirannuang): 5 → 8 (+3)',
      '3. Siti Aminah (Pakatto): 4 → 9 (+5)',
      '4. Hasnah (Romangloe): 6 → 10 (+4)',
      '5. Rahmawati (Sokkolia): 3 → –',
    ]);
    expect(desa!.split('\n').slice(1)).toEqual([
      '• Mata Allo, Kec. Bontomarannu (1 kader): 70% → 90% (+20 poin)',
      '• Nirannuang, Kec. Bontomarannu (1 kader): 50% → 80% (+30 poin)',
      '• Pakatto, Kec. Bontomarannu (1 kader): 40% → 90% (+50 poin)',
      '• Romangloe, Kec. Bontomarannu (1 kader): 60% → 100% (+40 poin)',
      '• Sokkolia, Kec. Bontomarannu (1 kader): 30% → –',
    ]);
    const perQuestion = questions!.split('\n').slice(1).map((line) => /: (\d+%) → (\d+%)$/.exec(line)!.slice(1, 3).join(' '));
    // Pre: right on the first 4, 5, 6, 3, 7 questions; post: the first 9, 8, 10, 9.
    expect(perQuestion).toEqual(['100% 100%', '100% 100%', '100% 100%', '80% 100%', '60% 100%', '40% 100%', '20% 100%', '0% 100%', '0% 75%', '0% 25%']);
  });

  it('when the cadres take the quiz, then every message the bot sent fits in one WhatsApp message', () => {
    for (const m of out) expect(m.text.length, m.text.slice(0, 60)).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });

  it('when the results are exported, then the CSV and the XLSX give the same scores and pre → post change', async () => {
    const lines: string[] = [];
    const config = { ...loadConfig({}), dbPath };
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    expect(await runAdminCommand('quiz', ['export', preCode, '--format', 'csv', '--out', join(dir, 'peserta.csv')], config, io)).toBe(0);
    expect(await runAdminCommand('quiz', ['export', 'Pelatihan Kader Bontomarannu', '--format', 'csv', '--table', 'desa', '--out', join(dir, 'desa.csv')], config, io)).toBe(0);
    expect(await runAdminCommand('quiz', ['export', postCode, '--format', 'xlsx', '--out', join(dir, 'kuis.xlsx')], config, io)).toBe(0);

    const csv = parse<Record<string, string>>(readFileSync(join(dir, 'peserta.csv'), 'utf8'), { columns: true });
    const row = (name: string) => csv.find((r) => r.Nama === name)!;
    expect(csv).toHaveLength(5);
    expect(row('Siti Aminah')).toMatchObject({ 'Desa/Kelurahan': 'Pakatto', 'Pre-test benar': '4', 'Post-test benar': '9', 'Perubahan (soal)': '5', 'Perubahan (poin %)': '50', Keterangan: 'pre dan post' });
    expect(row('Jumriah')).toMatchObject({ 'Pre-test benar': '7', 'Post-test benar': '9', 'Perubahan (soal)': '2' });
    expect(row('Rahmawati')).toMatchObject({ Peran: 'Sub-PPKBD', 'Pre-test benar': '3', 'Post-test benar': '', Keterangan: 'hanya pre-test' });
    expect(row('Hasnah')).toMatchObject({ 'Kode pre-test': preCode, 'Kode post-test': postCode });
    const desa = parse<Record<string, string>>(readFileSync(join(dir, 'desa.csv'), 'utf8'), { columns: true });
    expect(desa.find((d) => d['Desa/Kelurahan'] === 'Romangloe')).toMatchObject({ 'Rata-rata pre-test %': '60', 'Rata-rata post-test %': '100', 'Perubahan (poin %)': '40' });

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'kuis.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Peserta', 'Per desa', 'Per soal']);
    const sheet = book.getWorksheet('Peserta')!;
    const header = (sheet.getRow(8).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const cells = (r: number) => ({ name: sheet.getRow(r).getCell(col('Nama')).value, pre: sheet.getRow(r).getCell(col('Pre-test benar')).value, post: sheet.getRow(r).getCell(col('Post-test benar')).value, change: sheet.getRow(r).getCell(col('Perubahan (soal)')).value });
    expect([9, 10, 11, 12, 13].map(cells)).toEqual([
      { name: 'Jumriah', pre: 7, post: 9, change: 2 },
      { name: 'Nurlaela', pre: 5, post: 8, change: 3 },
      { name: 'Siti Aminah', pre: 4, post: 9, change: 5 },
      { name: 'Hasnah', pre: 6, post: 10, change: 4 },
      { name: 'Rahmawati', pre: 3, post: null, change: null },
    ]);
    const top = [2, 3, 4, 5, 6].map((r) => String(sheet.getCell(r, 1).value));
    expect(top).toContain('Pre → post (4 kader ikut keduanya): 55% → 90%, perubahan 35 poin');
    const soal = book.getWorksheet('Per soal')!;
    const soalHeader = (soal.getRow(8).values as unknown[]).slice(1);
    const q9 = soal.getRow(9 + 8);
    expect(q9.getCell(soalHeader.indexOf('Soal ke') + 1).value).toBe(9);
    expect(q9.getCell(soalHeader.indexOf('Post-test %') + 1).value).toBe(75);
  });
});
