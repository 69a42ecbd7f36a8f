// The welcome: once per registered person, with the reply to their first message; never to anyone who has not written.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox, people } from '../../src/db/schema.js';
import { Harness } from '../helpers/harness.js';
import { KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';

let h: Harness;
afterEach(async () => h?.close());

describe('the welcome on a first message', () => {
  it('when a registered PPKBD writes for the first time, then the menu reply welcomes them with their role, desa and what they can do, once', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    const first = await h.reply(PPKBD_PHONE, 'halo');
    expect(first).toContain('Halo, Siti Aminah! Anda terdaftar sebagai PPKBD Desa Pakatto, Kec. Bontomarannu.');
    expect(first).toContain('Selamat datang di *IMP Smart*');
    expect(first).toContain('laporan bulanan desa');
    expect(first).toContain('1. Laporan bulanan');
    expect(first.length).toBeLessThanOrEqual(1000);
    const second = await h.reply(PPKBD_PHONE, 'halo');
    expect(second).not.toContain('Selamat datang');
    expect(h.db.select().from(people).where(eq(people.phone, PPKBD_PHONE)).get()!.firstMessageAt).not.toBeNull();
  });

  it('when a PKB\'s first message is a command, then it is answered as on any day, and the welcome comes with the first menu they see, once', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    const answer = await h.reply(PKB_PHONE, 'KASUS');
    expect(answer).not.toContain('Selamat datang');
    expect(h.db.select().from(people).where(eq(people.phone, PKB_PHONE)).get()!.firstMessageAt).not.toBeNull();
    const menu = await h.reply(PKB_PHONE, 'MENU');
    expect(menu).toMatch(/^Halo, Andi Baso! Anda terdaftar sebagai PKB, wilayah binaan: Desa Pakatto/);
    expect(menu).toContain('memeriksa laporan bulanan desa binaan');
    expect(await h.reply(PKB_PHONE, 'MENU')).not.toContain('Selamat datang');
  });

  it('when each role writes first, then each welcome names what that role does', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    expect(await h.reply(SUB_PPKBD_PHONE, 'hai')).toContain('laporan bulanan dusun');
    expect(await h.reply(KOORD_PHONE, 'hai')).toContain('se-kecamatan');
  });

  it('when a resident writes, or the bot is idle, then no welcome is queued and nothing goes to anyone who has not written', async () => {
    h = await Harness.create({ people: PEOPLE_CSV });
    expect(await h.reply(RESIDENT_PHONE, 'halo')).not.toContain('Anda bisa:');
    const addresses = new Set(h.db.select({ to: outbox.toAddress }).from(outbox).all().map((r) => r.to));
    expect([...addresses]).toEqual([RESIDENT_PHONE]);
    const neverWrote = h.db.select().from(people).all().filter((p) => p.firstMessageAt === null).map((p) => p.phone);
    expect(neverWrote).toContain(PPKBD_PHONE);
    for (const phone of neverWrote) expect(addresses.has(phone)).toBe(false);
  });
});
