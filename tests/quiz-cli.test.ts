// The quiz banks at start and `imp-smart quiz …` as an operator runs them: a bad bank file stops the bot's commands
// with one line naming it (light commands do not read the banks); quiz open/list/close/report on a database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-quiz-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BAD = join(dir, 'bad-banks');
const db = join(dir, 'quiz.db');
{
  const { mkdirSync } = await import('node:fs');
  mkdirSync(BAD);
  writeFileSync(join(BAD, 'pelatihan.md'), ['# Pelatihan', 'id: pelatihan', '', '## 1', 'Soal?', '1. A', '2. B', '3. C', 'Jawaban: 7', 'Penjelasan: -'].join('\n'));
}

/** runCli in this process, stdout and stderr captured. */
async function cli(args: string[], env: Record<string, string> = {}) {
  return runCliInProcess(args, { IMP_DB_PATH: db, IMP_QUIZ_BANK_DIR: '', ...env });
}

const BAD_LINE = `Quiz bank ${join(BAD, 'pelatihan.md')} line 9: question "Soal?": "Jawaban: 7" names no option (there are 3)\n`;

describe('quiz banks at start', () => {
  it('when IMP_QUIZ_BANK_DIR holds a bad bank, then serve refuses to start with one line naming the file and the problem', async () => {
    const res = await cli(['serve'], { IMP_QUIZ_BANK_DIR: BAD, IMP_TRANSPORT: 'console' });
    expect(res.code).toBe(2);
    expect(res.err).toBe(BAD_LINE);
  });

  it('when the simulator starts with a bad bank, then it refuses before anything runs', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'simulate'], {
      input: '@at 2026-11-25 07:00\n+6281234567001: halo\n',
      encoding: 'utf8',
      env: { ...process.env, IMP_LOG_LEVEL: '', IMP_QUIZ_BANK_DIR: BAD },
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(BAD_LINE);
  });

  it('when a light command runs with a bad bank folder, then it works: only the bot and quiz commands read the banks', async () => {
    expect((await cli(['migrate'])).code).toBe(0);
    expect((await cli(['people', 'list'], { IMP_QUIZ_BANK_DIR: BAD })).code).toBe(0);
    expect(await cli(['quiz', 'banks'], { IMP_QUIZ_BANK_DIR: BAD })).toMatchObject({ code: 2, err: BAD_LINE });
  });
});

describe('imp-smart quiz', () => {
  it('when the operator opens, lists, closes and reports a workshop, then each says what it did in one line or the report', async () => {
    expect((await cli(['migrate'])).code).toBe(0);
    const banks = await cli(['quiz', 'banks']);
    expect(banks.out).toContain('dasar-kb-kader  Dasar KB dan Laporan untuk Kader IMP (10 questions)');
    const open = await cli(['quiz', 'open', 'Pelatihan', 'Kader', 'Parangloe', '--area', '73.06.05']);
    expect(open.code).toBe(0);
    const code = /code ([A-Z0-9]{4})/.exec(open.out)![1]!;
    expect(open.out).toContain('Pre-test of "Pelatihan Kader Parangloe" opened');
    const post = await cli(['quiz', 'open', 'pelatihan kader parangloe', '--area', '73.06.05']);
    expect(post.out).toContain(`Pre-test ${code} closed (0 finished).`);
    const postCode = /code ([A-Z0-9]{4})/.exec(post.out)![1]!;
    expect((await cli(['quiz', 'list', '--area', '73.06.05'])).out).toContain(`"Pelatihan Kader Parangloe" — Kec. Parangloe — pre ${code} (closed, 0 finished), post ${postCode} (open, 0 finished)`);
    expect((await cli(['quiz', 'list', '--area', '73.06.06'])).out).toContain('No workshop quiz yet.');
    expect((await cli(['quiz', 'close', postCode])).out).toContain(`post-test ${postCode} of "Pelatihan Kader Parangloe" closed (0 finished).`);
    expect((await cli(['quiz', 'report', code])).out).toContain('Hasil kuis: Pelatihan Kader Parangloe');
    expect(await cli(['quiz', 'report', 'ZZZZ'])).toMatchObject({ code: 2, err: 'no workshop quiz "ZZZZ" (see imp-smart quiz list)\n' });
  });
});
