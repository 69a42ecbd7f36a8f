// The `imp-smart` command as an operator runs it (through tsx, so no build is needed for tests).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PEOPLE_CSV, PPKBD_PHONE } from './helpers/people.js';
import { runCliProcess, type CliResult } from './helpers/processes.js';
import { runCliInProcess } from './helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input = '', env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, IMP_LOG_LEVEL: '', ...env, IMP_DB_PATH: join(dir, 'default.db') },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The same, asynchronous, so independent commands run side by side. */
function cliAsync(args: string[], input = '', env: Record<string, string> = {}): Promise<CliResult> {
  return runCliProcess(args, input, { IMP_DB_PATH: join(dir, 'default.db'), ...env });
}

/** runCli in this process (no start-up cost), its stdout and stderr captured. */
async function inProcess(args: string[], env: Record<string, string> = {}) {
  return runCliInProcess(args, { IMP_DB_PATH: join(dir, 'default.db'), ...env });
}

/** One line for the operator: no stack trace, nothing else. */
function expectOneLine(err: string) {
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).not.toContain('    at ');
}

describe('imp-smart CLI', () => {
  it('when run with --help, then every subcommand is listed', () => {
    const { code, out } = cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'simulate', 'chat --as', 'people import', 'people list', 'people deactivate', 'areas list', 'areas join', 'areas leave', 'whatsapp status', 'whatsapp logout', '--pair-code', 'migrate', '--db PATH']) {
      expect(out).toContain(command);
    }
  });

  it('when a transcript is piped into simulate with --people, then every outbound message is on stdout', () => {
    const people = join(dir, 'people.csv');
    writeFileSync(people, PEOPLE_CSV);
    const { code, out, err } = cli(['simulate', '--people', people], `# training\n@at 2026-11-25 07:00\n${PPKBD_PHONE}: halo\n+6285200000001: [gambar] foto\n`);
    expect(err).toBe('');
    expect(code).toBe(0);
    // The first menu a registered person sees carries the one-time welcome under the greeting.
    expect(out).toMatch(/^> \+6281234567001: Halo, Siti Aminah! Anda terdaftar sebagai PPKBD Desa Pakatto, Kec\. Bontomarannu\.\n {2}Selamat datang di \*IMP Smart\*/);
    expect(out).toContain('  Pilih menu dengan membalas angkanya:');
    expect(out).toContain('> +6285200000001: Maaf, IMP Smart hanya bisa membaca pesan teks.');
  });

  it('when a transcript line is malformed, then simulate fails naming the line and sends nothing', () => {
    const { code, out, err } = cli(['simulate'], `+6281234567001: halo\nthis is not a line\n`);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim()).toBe('transcript line 2: expected "+<phone>: text", "+<phone> @ <group>: text", a directive or a comment');
  });

  it('when the clock goes back in a transcript, then simulate fails naming the line', () => {
    const { code, err } = cli(['simulate'], `@at 2026-11-25 07:00\n@at 2026-11-24 07:00\n`);
    expect(code).toBe(2);
    expect(err.trim()).toBe('transcript line 2: the clock never goes back');
  });

  it('when the configuration is bad, then the command stops with one line naming the variable', () => {
    const { code, err } = cli(['migrate'], '', { IMP_HTTP_PORT: 'abc' });
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('IMP_HTTP_PORT');
  });

  it('when people are imported, listed and areas change by period with --db, then each command reports it', () => {
    const db = join(dir, 'ops.db');
    expect(cli(['migrate', '--db', db]).out).toContain(`Database ready: ${db}`);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'phone,name,role,area,unit\n0812,X,ppkbd,73.06.06.2003,\n081234567009,Y,ppkbd,99,\n');
    const failed = cli(['people', 'import', bad, '--db', db]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('line 2: invalid phone number "0812"');
    expect(failed.err).toContain('line 3: unknown area code 99');

    const good = join(dir, 'good.csv');
    writeFileSync(good, PEOPLE_CSV);
    expect(cli(['people', 'import', good, '--db', db]).out).toContain('5 created');
    expect(cli(['people', 'import', good, '--db', db]).out).toContain('0 created, 0 updated, 0 reactivated, 5 unchanged');
    const list = cli(['people', 'list', '--db', db]).out;
    expect(list).toContain('+6281234567001 ppkbd       active   Siti Aminah — Desa Pakatto, Kec. Bontomarannu');

    expect(cli(['areas', 'leave', '73.06', '--from', '2026-12', '--db', db]).out).toContain('167 desa/kelurahan stop taking part from 2026-12');
    expect(cli(['areas', 'join', '73.06.06', '--from', '2026-12', '--db', db]).out).toContain('9 desa/kelurahan take part');
    const areas = cli(['areas', 'list', '--period', '2026-12', '--db', db]).out;
    expect(areas).toContain('taking part in 2026-12 (9 of 167 desa/kelurahan)');
    expect(areas).toContain('[x] 73.06.06.2003  Desa Pakatto');
    expect(areas).toContain('[ ] 73.06.01.1001  Kelurahan Bontonompo');
  });

  it('when lines are typed into chat --as, then the bot answers that number in the terminal', () => {
    const db = join(dir, 'chat.db');
    const people = join(dir, 'chat-people.csv');
    writeFileSync(people, PEOPLE_CSV);
    expect(cli(['migrate', '--db', db]).code).toBe(0);
    expect(cli(['people', 'import', people, '--db', db]).code).toBe(0);
    const { code, out } = cli(['chat', '--as', '0812-3456-7001', '--db', db], 'halo\n4\n/as +6285200000001\nhalo\n');
    expect(code).toBe(0);
    expect(out).toContain('> +6281234567001: Halo, Siti Aminah!');
    expect(out).toContain('> +6281234567001: *Profil Anda di IMP Smart*');
    expect(out).toContain('(you are now +6285200000001)');
    expect(out).toContain('> +6285200000001: Halo! Selamat datang di *IMP Smart*');
  });

  it('when the WhatsApp session is logged out from the CLI, then only the session is forgotten and status says so', async () => {
    const db = join(dir, 'wa.db');
    const people = join(dir, 'wa-people.csv');
    writeFileSync(people, PEOPLE_CSV);
    expect(cli(['migrate', '--db', db]).code).toBe(0);
    expect(cli(['people', 'import', people, '--db', db]).code).toBe(0);
    const { openDatabase } = await import('../src/db/client.js');
    const { createAuthKeyValueStore } = await import('../src/db/repos/whatsapp.repo.js');
    const opened = openDatabase(db);
    createAuthKeyValueStore(opened.db, 'default').writeCreds('{"me":1}');
    createAuthKeyValueStore(opened.db, 'default').writeKeys([{ type: 'session', id: 'x', json: '"y"' }]);
    opened.close();
    expect(cli(['whatsapp', 'status', '--db', db]).out).toContain('WhatsApp session "default": stored');
    const logout = cli(['whatsapp', 'logout', '--db', db]);
    expect(logout.code).toBe(0);
    expect(logout.out).toContain('cleared');
    const status = cli(['whatsapp', 'status', '--db', db]).out;
    expect(status).toContain('none (npm start will show a QR code)');
    expect(status).toContain('Link: logged_out');
    expect(cli(['people', 'list', '--db', db]).out).toContain('Siti Aminah');
  });

  it('when a command is unknown, then it says so with exit 2', () => {
    const { code, err } = cli(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toContain('unknown command "frobnicate"');
  });
});

describe('imp-smart CLI failures', () => {
  it('when export is given a database that does not exist, then it says so in one line, exits non-zero and creates nothing', async () => {
    const root = join(dir, 'missing');
    mkdirSync(root);
    const result = await cliAsync(['export', 'recap', '--period', '2026-11', '--db', join(root, 'does-not-exist.db')]);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain(`Database ${join(root, 'does-not-exist.db')} does not exist`);
    expectOneLine(result.err);
    expect(readdirSync(root)).toEqual([]);
  });

  const csv = join(dir, 'missing-people.csv');
  it.each([
    ['export recap --period 2026-11', ['export', 'recap', '--period', '2026-11']],
    ['export cases --period 2026-11', ['export', 'cases', '--period', '2026-11']],
    ['export meetings --period 2026-11', ['export', 'meetings', '--period', '2026-11']],
    ['export recap --period 2026-11 --format xlsx --out OUT/r.xlsx', ['export', 'recap', '--period', '2026-11', '--format', 'xlsx', '--out', 'OUT/r.xlsx']],
    ['people list', ['people', 'list']],
    ['people import FILE.csv', ['people', 'import', csv]],
    ['people activate PHONE', ['people', 'activate', PPKBD_PHONE]],
    ['people deactivate PHONE', ['people', 'deactivate', PPKBD_PHONE]],
    ['areas list', ['areas', 'list']],
    ['areas join 73.06.06 --from 2026-12', ['areas', 'join', '73.06.06', '--from', '2026-12']],
    ['areas leave 73.06.06 --from 2026-12', ['areas', 'leave', '73.06.06', '--from', '2026-12']],
    ['whatsapp status', ['whatsapp', 'status']],
    ['whatsapp logout', ['whatsapp', 'logout']],
    ['chat --as PHONE', ['chat', '--as', PPKBD_PHONE]],
  ] as const)('when "%s" is given a database that does not exist (by --db or IMP_DB_PATH), then it says so, exits non-zero and creates nothing', async (_title, args) => {
    writeFileSync(csv, PEOPLE_CSV);
    const root = mkdtempSync(join(dir, 'absent-'));
    const argv = args.map((a) => a.replace('OUT', root));
    const byFlag = await inProcess([...argv, '--db', join(root, 'sub', 'does-not-exist.db')]);
    const byEnv = await inProcess(argv, { IMP_DB_PATH: join(root, 'env.db') });
    for (const [result, file] of [[byFlag, join(root, 'sub', 'does-not-exist.db')], [byEnv, join(root, 'env.db')]] as const) {
      expect(result.code).not.toBe(0);
      expect(result.err).toBe(`Database ${file} does not exist. Check --db or IMP_DB_PATH; "imp-smart migrate --db ${file}" creates a new one.\n`);
      expect(result.out).toBe('');
    }
    expect(readdirSync(root)).toEqual([]);
  });

  it('when the database path is a folder, a file that is not a database, or below a file, then the command says so in one line without a stack', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database\n');
    const [asFolder, servedFolder, asText, listText, belowFile] = await Promise.all([
      cliAsync(['migrate', '--db', folder]),
      cliAsync(['serve', '--db', folder], '', { IMP_TRANSPORT: 'console', IMP_HTTP_PORT: '0' }),
      cliAsync(['migrate'], '', { IMP_DB_PATH: text }),
      cliAsync(['people', 'list', '--db', text]),
      cliAsync(['migrate', '--db', join(text, 'sub', 'x.db')]),
    ]);
    for (const result of [asFolder, servedFolder]) {
      expect(result.code).not.toBe(0);
      expect(result.err).toContain(`Database path ${folder} is a folder, not a file`);
      expectOneLine(result.err);
    }
    for (const result of [asText, listText]) {
      expect(result.code).not.toBe(0);
      expect(result.err).toContain(`${text} is not an IMP Smart (SQLite) database`);
      expectOneLine(result.err);
    }
    expect(belowFile.code).not.toBe(0);
    expect(belowFile.err).toContain(`Cannot create the folder ${join(text, 'sub')}`);
    expectOneLine(belowFile.err);
    expect(readdirSync(folder)).toEqual([]);
    expect(existsSync(`${text}.lock`) || existsSync(`${folder}.lock`)).toBe(false);
  }, 60_000);

  it('when something unexpected fails, then one line says what, with a hint; at debug level the details follow', async () => {
    const db = join(dir, 'unexpected.db');
    expect(cli(['migrate', '--db', db]).code).toBe(0);
    const out = join(dir, 'no-such-folder', 'rekap.xlsx');
    const args = ['export', 'recap', '--period', '2026-11', '--format', 'xlsx', '--out', out, '--db', db];
    const [plain, debug] = await Promise.all([cliAsync(args), cliAsync(args, '', { IMP_LOG_LEVEL: 'debug' })]);
    expect(plain.code).toBe(1);
    expectOneLine(plain.err);
    expect(plain.err).toMatch(/^imp-smart: .*no such file or directory.*IMP_LOG_LEVEL=debug/);
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/^imp-smart: .*no such file or directory/);
    // The details: the error itself (node's file errors carry no JavaScript frames).
    expect(debug.err.trim().split('\n').length).toBeGreaterThan(1);
    expect(debug.err).toContain('Error: ENOENT');
  }, 60_000);

  it('when the reader of simulate closes early, then simulate ends quietly without an EPIPE error', async () => {
    const transcript = ['@at 2026-11-25 07:00', ...Array.from({ length: 300 }, () => '+6285200000001: halo')].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'simulate'], {
      env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(dir, 'default.db') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    // Like `| head -1`: read the first output, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(transcript);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(err).not.toContain('EPIPE');
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('when simulate --db continues a story with an @at before the clock where the last run left it, then it fails naming the line', () => {
    const db = join(dir, 'story.db');
    expect(cli(['simulate', '--db', db], `@at 2026-11-25 09:00\n${PPKBD_PHONE}: halo\n`).code).toBe(0);
    const { code, out, err } = cli(['simulate', '--db', db], `# next week\n@at 2026-11-24 09:00\n${PPKBD_PHONE}: halo\n`);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim()).toBe('transcript line 2: the clock never goes back: the story in this database is already at 2026-11-25 09:00 WITA');
  });
});
