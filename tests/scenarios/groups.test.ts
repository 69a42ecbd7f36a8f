// WhatsApp groups through `imp-smart simulate`: DAFTAR GRUP / HAPUS GRUP by the people allowed to, one-line refusals
// for everyone else, silence for everything else written in a group, and @restart / @redeliver in the middle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simGroupId } from '../../src/bot/simulator/sim-transport.js';
import { recipientsFor } from '../../src/bot/features/recipients.js';
import { openDatabase } from '../../src/db/client.js';
import { bindingOfGroup, listGroups } from '../../src/db/repos/groups.repo.js';
import { inboundMessages, outbox } from '../../src/db/schema.js';
import { DINAS_PHONE, KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, RESIDENT_PHONE, SUB_PPKBD_PHONE } from '../helpers/people.js';
import { messagesOf, simulate } from '../helpers/simulate.js';
import { GROUP_COPY } from '../../src/flows/groups/group-registration.js';

// A second kecamatan with its own PKB and koordinator, and an admin.
const PKB_PALLANGGA = '+6281234567011';
const KOORD_PALLANGGA = '+6281234567012';
const ADMIN = '+6281234567013';
const PEOPLE = [
  PEOPLE_CSV,
  `${PKB_PALLANGGA},Rina Kartika,pkb,73.06.07.1001;73.06.07.1002,`,
  `${KOORD_PALLANGGA},Baharuddin,koordinator,73.06.07,`,
  `${ADMIN},Operator Dinas,admin,73.06,`,
].join('\n');

const BONTOMARANNU = '73.06.06';
const PALLANGGA = '73.06.07';
const HEAD_BONTOMARANNU = 'Grup ini terdaftar untuk PKB Kec. Bontomarannu: ringkasan harian laporan desa dan kasus kecamatan ini akan dikirim ke sini.';
// Every registration also says what the group can ask (REKAP, BELUM LAPOR, GRAFIK).
const PKB_COMMANDS = GROUP_COPY.commands('pkb');
const DINAS_COMMANDS = GROUP_COPY.commands('dinas');
const CONFIRM_BONTOMARANNU = `${HEAD_BONTOMARANNU}${PKB_COMMANDS}`;
const NOT_ALLOWED = 'Maaf, perintah ini hanya untuk PKB, koordinator, dan petugas Dinas yang terdaftar di IMP Smart.';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function dbFile(): string {
  dir = mkdtempSync(join(tmpdir(), 'imp-groups-'));
  return join(dir, 'sim.db');
}

async function run(lines: string[], dbPath?: string) {
  const out = await simulate(['@at 2026-11-25 07:00', ...lines].join('\n'), { people: PEOPLE, ...(dbPath ? { dbPath } : {}) });
  return messagesOf(out);
}

function withDb<T>(path: string, fn: (db: ReturnType<typeof openDatabase>['db']) => T): T {
  const { db, close } = openDatabase(path);
  try {
    return fn(db);
  } finally {
    close();
  }
}

describe('DAFTAR GRUP', () => {
  it('when a PKB registers their kecamatan in a group, then the group is told once in one line, under its label, and the binding is stored', async () => {
    const path = dbFile();
    const out = await run([`${PKB_PHONE} @ grp-pkb-bontomarannu:   /Daftar  grup PKB  bontomaranu `], path);
    expect(out).toEqual([{ to: 'grp-pkb-bontomarannu', text: CONFIRM_BONTOMARANNU }]);
    withDb(path, (db) => {
      const group = simGroupId('grp-pkb-bontomarannu');
      expect(group).toMatch(/@g\.us$/);
      expect(bindingOfGroup(db, group)).toMatchObject({ role: 'pkb', areaCode: BONTOMARANNU, boundByName: 'Andi Baso', boundVia: 'whatsapp', label: 'grp-pkb-bontomarannu' });
      // The reply went through the outbox, to the group's id.
      expect(db.select({ to: outbox.toAddress, status: outbox.status }).from(outbox).all()).toEqual([{ to: group, status: 'sent' }]);
      db.transaction((tx) => expect(recipientsFor(tx, { role: 'pkb', kecamatanCode: BONTOMARANNU })).toEqual({ kind: 'group', groupId: group, label: 'grp-pkb-bontomarannu' }));
    });
  });

  it('when a cadre or an unregistered member tries, then each is refused in one short line and nothing is bound', async () => {
    const path = dbFile();
    const out = await run(
      [
        `${PPKBD_PHONE} @ grp-desa: DAFTAR GRUP PKB Bontomarannu`,
        `${SUB_PPKBD_PHONE} @ grp-desa: daftar grup dinas`,
        `${RESIDENT_PHONE} @ grp-desa: #daftar grup pkb bontomarannu`,
        `${RESIDENT_PHONE} @ grp-desa: HAPUS GRUP`,
      ],
      path,
    );
    expect(out).toEqual(Array.from({ length: 4 }, () => ({ to: 'grp-desa', text: NOT_ALLOWED })));
    withDb(path, (db) => expect(bindingOfGroup(db, simGroupId('grp-desa'))).toBeUndefined());
  });

  it('when a PKB names another kecamatan or asks for the Dinas group, then they are refused; the koordinator and the Dinas may', async () => {
    const out = await run([
      `${PKB_PHONE} @ grp-a: DAFTAR GRUP PKB Pallangga`,
      `${PKB_PHONE} @ grp-a: DAFTAR GRUP DINAS`,
      `${KOORD_PHONE} @ grp-a: DAFTAR GRUP PKB Pallangga`,
      `${KOORD_PHONE} @ grp-a: DAFTAR GRUP PKB Bontomarannu`,
      `${DINAS_PHONE} @ grp-dinas: DAFTAR GRUP DINAS`,
      `${DINAS_PHONE} @ grp-pallangga: DAFTAR GRUP PKB Palangga`,
      `${KOORD_PALLANGGA} @ grp-pallangga: daftar grup`,
    ]);
    expect(out).toEqual([
      { to: 'grp-a', text: 'Maaf, Anda hanya bisa mendaftarkan grup untuk Kec. Bontomarannu.' },
      { to: 'grp-a', text: 'Maaf, grup Dinas hanya bisa didaftarkan oleh petugas Dinas atau admin IMP Smart.' },
      { to: 'grp-a', text: 'Maaf, Anda hanya bisa mendaftarkan grup untuk Kec. Bontomarannu.' },
      { to: 'grp-a', text: CONFIRM_BONTOMARANNU },
      { to: 'grp-dinas', text: `Grup ini terdaftar untuk Dinas PPKB Kabupaten Gowa: ringkasan mingguan dan bulanan semua kecamatan akan dikirim ke sini.${DINAS_COMMANDS}` },
      { to: 'grp-pallangga', text: `Grup ini terdaftar untuk PKB Kec. Pallangga: ringkasan harian laporan desa dan kasus kecamatan ini akan dikirim ke sini.${PKB_COMMANDS}` },
      // The koordinator of one kecamatan need not name it.
      { to: 'grp-pallangga', text: 'Grup ini sudah terdaftar untuk PKB Kec. Pallangga.' },
    ]);
  });

  it('when a second group registers the same kecamatan, then it replaces the first and both groups are told', async () => {
    const path = dbFile();
    const out = await run([`${PKB_PHONE} @ grp-lama: DAFTAR GRUP PKB Bontomarannu`, `${KOORD_PHONE} @ grp-baru: DAFTAR GRUP PKB Bontomarannu`], path);
    expect(out.slice(1)).toEqual([
      { to: 'grp-baru', text: `${HEAD_BONTOMARANNU} Grup ini menggantikan grup "grp-lama".${PKB_COMMANDS}` },
      { to: 'grp-lama', text: 'Grup ini tidak lagi terdaftar untuk PKB Kec. Bontomarannu: ringkasannya sekarang dikirim ke grup "grp-baru".' },
    ]);
    withDb(path, (db) => {
      expect(bindingOfGroup(db, simGroupId('grp-lama'))).toBeUndefined();
      expect(bindingOfGroup(db, simGroupId('grp-baru'))).toMatchObject({ areaCode: BONTOMARANNU, boundByName: 'Hj. Nurhayati' });
    });
  });

  it('when a group is registered to another kecamatan, then it moves if the sender manages both, and is refused otherwise', async () => {
    const path = dbFile();
    const out = await run(
      [
        `${PKB_PALLANGGA} @ grp-x: DAFTAR GRUP PKB Pallangga`,
        `${PKB_PHONE} @ grp-x: DAFTAR GRUP PKB Bontomarannu`,
        `${ADMIN} @ grp-x: DAFTAR GRUP PKB Bontomarannu`,
      ],
      path,
    );
    expect(out.slice(1)).toEqual([
      { to: 'grp-x', text: 'Maaf, grup ini terdaftar untuk PKB Kec. Pallangga; hanya PKB atau koordinator Kec. Pallangga dan petugas Dinas yang bisa mengubahnya.' },
      { to: 'grp-x', text: `Grup ini sekarang untuk PKB Kec. Bontomarannu (sebelumnya PKB Kec. Pallangga): ringkasan harian laporan desa dan kasus kecamatan ini akan dikirim ke sini.${PKB_COMMANDS}` },
    ]);
    withDb(path, (db) =>
      db.transaction((tx) => {
        expect(recipientsFor(tx, { role: 'pkb', kecamatanCode: BONTOMARANNU })).toMatchObject({ kind: 'group', label: 'grp-x' });
        // Pallangga lost its group: its PKB and koordinator get things one by one again.
        expect(recipientsFor(tx, { role: 'pkb', kecamatanCode: PALLANGGA })).toMatchObject({
          kind: 'people',
          people: [{ phone: PKB_PALLANGGA }, { phone: KOORD_PALLANGGA }],
        });
      }),
    );
  });
});

describe('HAPUS GRUP', () => {
  it('when a PKB removes their group, then it is told where messages go now and the people receive them again', async () => {
    const path = dbFile();
    const out = await run(
      [
        `${PKB_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`,
        `${PKB_PALLANGGA} @ grp-pkb: hapus grup`,
        `${PKB_PHONE} @ grp-pkb: /hapus grup`,
        `${PKB_PHONE} @ grp-pkb: HAPUS GRUP`,
      ],
      path,
    );
    expect(out.slice(1)).toEqual([
      { to: 'grp-pkb', text: 'Maaf, grup ini terdaftar untuk PKB Kec. Bontomarannu; hanya PKB atau koordinator Kec. Bontomarannu dan petugas Dinas yang bisa mengubahnya.' },
      { to: 'grp-pkb', text: 'Pendaftaran grup ini untuk PKB Kec. Bontomarannu dihapus: ringkasannya kembali dikirim langsung ke PKB dan koordinator kecamatan.' },
      { to: 'grp-pkb', text: 'Grup ini belum terdaftar di IMP Smart.' },
    ]);
    withDb(path, (db) =>
      db.transaction((tx) =>
        expect(recipientsFor(tx, { role: 'pkb', kecamatanCode: BONTOMARANNU })).toMatchObject({ kind: 'people', people: [{ phone: PKB_PHONE }, { phone: KOORD_PHONE }] }),
      ),
    );
  });

  it('when the Dinas group is removed by a Dinas officer, then the Dinas officers receive things one by one', async () => {
    const path = dbFile();
    const out = await run([`${ADMIN} @ grp-dinas: DAFTAR GRUP DINAS`, `${KOORD_PHONE} @ grp-dinas: HAPUS GRUP`, `${DINAS_PHONE} @ grp-dinas: hapus grup`], path);
    expect(out.map((m) => m.text)).toEqual([
      `Grup ini terdaftar untuk Dinas PPKB Kabupaten Gowa: ringkasan mingguan dan bulanan semua kecamatan akan dikirim ke sini.${DINAS_COMMANDS}`,
      'Maaf, grup ini terdaftar untuk Dinas PPKB Kabupaten Gowa; hanya petugas Dinas yang bisa mengubahnya.',
      'Pendaftaran grup ini untuk Dinas PPKB Kabupaten Gowa dihapus: ringkasannya kembali dikirim langsung ke petugas Dinas.',
    ]);
    withDb(path, (db) => db.transaction((tx) => expect(recipientsFor(tx, { role: 'dinas' })).toMatchObject({ kind: 'people', people: [{ phone: DINAS_PHONE }] })));
  });
});

describe('silence in groups', () => {
  it('when members chat in a registered group, whatever they write, then the bot answers nothing and keeps no copy of it', async () => {
    const path = dbFile();
    const chatter = [
      'halo semua, selamat pagi',
      'menu',
      '1',
      'BANTUAN',
      'STATUS',
      'KASUS',
      'LAPOR 11/2026 PUS=480',
      'BATAL',
      'Belum, bu. Besok saya kirim',
      // The on-demand commands' words in ordinary sentences (REKAP, BELUM LAPOR and GRAFIK themselves are answered).
      'Belum.',
      'rekap sudah saya kirim kemarin',
      'grafiknya bagus sekali',
      '[gambar] foto kegiatan',
      'mau daftar grup bagaimana?',
    ];
    const senders = [PPKBD_PHONE, PKB_PHONE, RESIDENT_PHONE, DINAS_PHONE];
    const lines = chatter.map((text, i) => `${senders[i % senders.length]} @ grp-pkb: ${text}`);
    const out = await run([`${PKB_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`, ...lines], path);
    expect(out).toEqual([{ to: 'grp-pkb', text: CONFIRM_BONTOMARANNU }]);
    withDb(path, (db) => {
      const rows = db.select({ text: inboundMessages.text, outcome: inboundMessages.outcome }).from(inboundMessages).all();
      expect(rows).toHaveLength(chatter.length + 1);
      expect(rows[0]).toEqual({ text: 'DAFTAR GRUP PKB Bontomarannu', outcome: 'handled' });
      expect(rows.slice(1)).toEqual(chatter.map(() => ({ text: null, outcome: 'ignored' })));
    });
  });

  it('when someone writes in a group the bot has no binding for, then nothing is sent, and the group is listed as seen', async () => {
    const path = dbFile();
    expect(await run([`${PPKBD_PHONE} @ grp-arisan: halo`, `${PPKBD_PHONE} @ grp-arisan: menu`], path)).toEqual([]);
    withDb(path, (db) => expect(listGroups(db)).toMatchObject([{ id: simGroupId('grp-arisan'), label: 'grp-arisan', binding: null }]));
  });
});

describe('group commands and the private chat', () => {
  it('when DAFTAR GRUP is sent to the bot privately, then the sender learns to write it in the group, not the menu', async () => {
    const out = await run([`${PKB_PHONE}: DAFTAR GRUP PKB Bontomarannu`, `${PPKBD_PHONE}: daftar grup`, `${DINAS_PHONE}: HAPUS GRUP`]);
    expect(out).toEqual([
      {
        to: PKB_PHONE,
        text: 'Perintah ini dikirim di dalam grup WhatsApp yang ingin didaftarkan, setelah nomor IMP Smart menjadi anggota grup itu. Contoh: DAFTAR GRUP PKB Bontomarannu. Untuk berhenti: HAPUS GRUP di grup itu.',
      },
      { to: PPKBD_PHONE, text: 'Pendaftaran grup WhatsApp hanya untuk PKB, koordinator, dan petugas Dinas. Ketik MENU untuk melihat menu.' },
      { to: DINAS_PHONE, text: expect.stringContaining('DAFTAR GRUP PKB Bontomarannu atau DAFTAR GRUP DINAS') },
    ]);
  });

  it('when a PKB is in the middle of a menu privately and registers a group, then the private conversation is untouched', async () => {
    const out = await run([`${PKB_PHONE}: menu`, `${PKB_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`, `${PKB_PHONE}: 4`]);
    expect(out.map((m) => m.to)).toEqual([PKB_PHONE, 'grp-pkb', PKB_PHONE]);
    expect(out[2]!.text).toContain('*Profil Anda di IMP Smart*');
  });
});

describe('groups across a restart and a redelivery', () => {
  it('when the bot restarts and a command is redelivered in the middle, then every answer is sent once, as without them', async () => {
    const lines = [
      `${PKB_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`,
      `${PPKBD_PHONE} @ grp-pkb: DAFTAR GRUP PKB Bontomarannu`,
      `${DINAS_PHONE} @ grp-dinas: DAFTAR GRUP DINAS`,
      `${KOORD_PHONE} @ grp-pkb-2: DAFTAR GRUP PKB Bontomarannu`,
      `${PKB_PHONE} @ grp-pkb-2: halo`,
      `${PKB_PHONE} @ grp-pkb-2: HAPUS GRUP`,
    ];
    const straight = await run(lines);
    const path = dbFile();
    const bumpy = await run(
      [lines[0]!, '@redeliver', '@restart', lines[1]!, lines[2]!, '@restart', '@redeliver', lines[3]!, '@redeliver', lines[4]!, '@restart', lines[5]!, '@redeliver'],
      path,
    );
    expect(bumpy).toEqual(straight);
    expect(straight.filter((m) => m.to === 'grp-pkb')).toHaveLength(3);
    withDb(path, (db) => {
      expect(bindingOfGroup(db, simGroupId('grp-pkb'))).toBeUndefined();
      expect(bindingOfGroup(db, simGroupId('grp-pkb-2'))).toBeUndefined();
      expect(bindingOfGroup(db, simGroupId('grp-dinas'))).toMatchObject({ role: 'dinas' });
      expect(db.select().from(outbox).all()).toHaveLength(straight.length);
    });
  });
});
