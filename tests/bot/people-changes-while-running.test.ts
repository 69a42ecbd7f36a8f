// The bot caches who a sender is (db/repos/people-cache.ts). What an operator changes in another process while the bot
// runs — `people import`, `people deactivate`, `areas leave` — is seen at the sender's next message, and a message
// whose transaction rolls back leaves nothing cached that the database does not hold.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { runCliProcess } from '../helpers/processes.js';

const RESIDENT_MENU = 'Tentang IMP Smart';

let h: Harness;
afterEach(() => h.close());

/** `imp-smart <args> --db <the bot's database>` in a process of its own, expected to succeed. */
async function operator(...args: string[]): Promise<void> {
  const result = await runCliProcess([...args, '--db', h.dbPath], '', {});
  expect(result, result.err).toMatchObject({ code: 0, err: '' });
}

describe('people changed by another process while the bot runs', () => {
  it('when `people import` moves a cadre and registers a visitor, and `people deactivate` removes a cadre, then each is seen at their next message', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    expect(await h.reply(PPKBD_PHONE, 'menu')).toContain('Anda terdaftar sebagai PPKBD Desa Pakatto, Kec. Bontomarannu.');
    expect(await h.reply(SUB_PPKBD_PHONE, 'menu')).toContain('Anda terdaftar sebagai Sub-PPKBD Dusun Bontoa, Desa Pakatto');
    expect(await h.reply(RESIDENT_PHONE, 'halo')).toContain(RESIDENT_MENU);

    const csv = join(h.dir, 'changes.csv');
    writeFileSync(csv, ['phone,name,role,area,unit', `${PPKBD_PHONE},Siti Aminah,ppkbd,73.06.06.2004,`, `${RESIDENT_PHONE},Nurul Hidayah,sub_ppkbd,73.06.06.2003,Dusun Bontoa`].join('\n'));
    await operator('people', 'import', csv);
    await operator('people', 'deactivate', SUB_PPKBD_PHONE);

    expect(await h.reply(PPKBD_PHONE, 'menu')).toContain('Anda terdaftar sebagai PPKBD Desa Nirannuang, Kec. Bontomarannu.');
    const registered = await h.reply(RESIDENT_PHONE, 'menu');
    expect(registered).toContain('Halo, Nurul Hidayah! Anda terdaftar sebagai Sub-PPKBD Dusun Bontoa, Desa Pakatto');
    expect(registered).toContain('Selamat datang di *IMP Smart*');
    const deactivated = await h.reply(SUB_PPKBD_PHONE, 'menu');
    expect(deactivated).toContain(RESIDENT_MENU);
    expect(deactivated).not.toContain('Rahmawati');
  }, 60_000);

  it('when a desa leaves the programme by `areas leave` in another process, then a PKB asking REKAP next counts one desa fewer', async () => {
    // Participation is not part of the area directory the bot keeps in memory: it is read at each use.
    h = await Harness.create({ people: PEOPLE_CSV, start: fromWita(2026, 12, 7, 9, 0) });
    expect(await h.reply(PKB_PHONE, 'REKAP')).toContain('Laporan masuk 0 dari 2 desa/kelurahan yang ikut');
    await operator('areas', 'leave', '73.06.06.2004', '--from', '2026-11');
    expect(await h.reply(PKB_PHONE, 'REKAP')).toContain('Laporan masuk 0 dari 1 desa/kelurahan yang ikut');
  }, 60_000);
});

describe('a message that fails after its sender was marked', () => {
  it('when the transaction of a cadre’s first message rolls back, then their next message is still their first, with the welcome', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    // The welcome cannot be queued: the message fails after its first-message and welcome marks were written.
    h.database.native.exec(`CREATE TRIGGER test_refuse_welcome BEFORE INSERT ON outbox WHEN NEW.text LIKE '%Selamat datang%' BEGIN SELECT RAISE(ABORT, 'test: no welcome'); END`);
    const failed = await h.reply(PPKBD_PHONE, 'halo');
    expect(failed).toContain('Maaf, pesan Anda belum bisa diproses');
    h.database.native.exec('DROP TRIGGER test_refuse_welcome');

    const again = await h.reply(PPKBD_PHONE, 'halo');
    expect(again).toContain('Halo, Siti Aminah!');
    expect(again).toContain('Selamat datang di *IMP Smart*');
    expect(await h.reply(PPKBD_PHONE, 'menu')).not.toContain('Selamat datang');
  }, 60_000);
});
