// The `imp-smart` command as an operator runs it (through tsx, so no build is needed for tests).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PEOPLE_CSV, PPKBD_PHONE } from './helpers/people.js';

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
    expect(out).toMatch(/^> \+6281234567001: Halo, Siti Aminah! Anda terdaftar sebagai PPKBD Desa Pakatto, Kec\. Bontomarannu\.\n {2}\n {2}Pilih menu/);
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
