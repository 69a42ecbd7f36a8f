// Through the simulator: each role gets a greeting and menu naming them and their area.
import { describe, expect, it } from 'vitest';
import { DINAS_PHONE, KOORD_PHONE, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';

describe('greetings and menus', () => {
  it('when an unregistered number writes, then it gets the resident greeting and menu', async () => {
    const [reply] = messagesOf(await simulate(`${RESIDENT_PHONE}: halo`));
    expect(reply!.to).toBe(RESIDENT_PHONE);
    expect(reply!.text).toContain('Selamat datang di *IMP Smart*');
    expect(reply!.text).toContain('1. Laporkan calon akseptor yang belum terlayani\n2. Cek status laporan\n3. Tentang IMP Smart\n4. Bantuan');
    expect(reply!.text).not.toContain('Profil saya');
  });

  it('when a registered PPKBD writes, then the menu names them and their desa and kecamatan', async () => {
    const [reply] = messagesOf(await simulate(`${PPKBD_PHONE}: selamat pagi`));
    expect(reply!.text).toContain('Halo, Siti Aminah! Anda terdaftar sebagai PPKBD Desa Pakatto, Kec. Bontomarannu.');
    expect(reply!.text).toMatch(/1\. Laporan bulanan\n2\. Laporkan calon akseptor yang belum terlayani\n3\. Cek status laporan\n4\. Profil saya\n5\. Bantuan/);
  });

  it('when a PKB writes, then the menu names their desa binaan', async () => {
    const [reply] = messagesOf(await simulate(`${PKB_PHONE}: menu`));
    expect(reply!.text).toContain('Halo, Andi Baso! Anda terdaftar sebagai PKB, wilayah binaan: Desa Pakatto dan Desa Nirannuang (Kec. Bontomarannu).');
  });

  it('when a Sub-PPKBD, a koordinator and a dinas officer write, then each is named with their area', async () => {
    const out = messagesOf(await simulate([`${SUB_PPKBD_PHONE}: hai`, `${KOORD_PHONE}: hai`, `${DINAS_PHONE}: hai`].join('\n')));
    expect(out[0]!.text).toContain('Sub-PPKBD Dusun Bontoa, Desa Pakatto, Kec. Bontomarannu');
    expect(out[1]!.text).toContain('Koordinator PKB Kec. Bontomarannu');
    expect(out[2]!.text).toContain('petugas DPPKB Kabupaten Gowa');
  });

  it('when the PPKBD chooses "4", then their profile is shown; a word works as well as the number', async () => {
    const out = messagesOf(await simulate([`${PPKBD_PHONE}: halo`, `${PPKBD_PHONE}: 4`, `${PPKBD_PHONE}: bantuan`].join('\n')));
    expect(out[1]!.text).toContain('• Nama: Siti Aminah');
    expect(out[1]!.text).toContain('• Wilayah: Desa Pakatto, Kec. Bontomarannu');
    expect(out[2]!.text).toContain('Cara memakai IMP Smart');
  });

  it('when someone writes in a group, then the bot does not converse there', async () => {
    const out = await simulate(`${PKB_PHONE} @ grp-pkb-bontomarannu: MENU`);
    expect(out).toBe('');
  });
});
