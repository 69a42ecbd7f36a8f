// The pure side of group commands: reading a group message, and who may bind a group to what.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../src/areas/wilayah-data.js';
import type { Actor } from '../../src/flows/engine/types.js';
import { isGroupRegistrationCommand, parseGroupCommand } from '../../src/flows/groups/group-commands.js';
import { GROUP_COPY, mayManage, planRegistration, planRemoval, resolveRegistration, type BindingView } from '../../src/flows/groups/group-registration.js';

const { areas: rows, aliases } = loadWilayahFromResources();
const areas = new AreaDirectory(rows, aliases);
const BONTOMARANNU = '73.06.06';
const PALLANGGA = '73.06.07';
const PATTALLASSANG = '73.06.13';
const KAB = '73.06';

function person(role: Extract<Actor, { kind: 'person' }>['role'], desaCodes: string[], homeAreaCode: string): Actor {
  return { kind: 'person', personId: 1, name: 'X', role, desaCodes, homeAreaCode, unitName: null };
}
const pkb = person('pkb', ['73.06.06.2003', '73.06.06.2004'], BONTOMARANNU);
const pkbTwoKec = person('pkb', ['73.06.06.2003', '73.06.07.1001'], KAB);
const koordinator = person('koordinator', areas.desaOf(BONTOMARANNU).map((d) => d.code), BONTOMARANNU);
const dinas = person('dinas', areas.allDesa().map((d) => d.code), KAB);
const admin = person('admin', [], KAB);
const ppkbd = person('ppkbd', ['73.06.06.2003'], '73.06.06.2003');
const resident: Actor = { kind: 'resident' };

describe('parseGroupCommand', () => {
  it.each([
    ['DAFTAR GRUP PKB Bontomarannu', { kind: 'register', target: { role: 'pkb', kecamatan: 'Bontomarannu' } }],
    ['  daftar   grup  pkb   bontomarannu  ', { kind: 'register', target: { role: 'pkb', kecamatan: 'bontomarannu' } }],
    ['/daftar grup pkb Pattalasang', { kind: 'register', target: { role: 'pkb', kecamatan: 'Pattalasang' } }],
    ['# Daftar Grup PKB Kec. Somba Opu.', { kind: 'register', target: { role: 'pkb', kecamatan: 'Kec. Somba Opu' } }],
    ['daftarkan group pkb Bajeng Barat, Kab. Gowa', { kind: 'register', target: { role: 'pkb', kecamatan: 'Bajeng Barat' } }],
    ['DAFTAR GRUP PENYULUH KB Parigi', { kind: 'register', target: { role: 'pkb', kecamatan: 'Parigi' } }],
    ['DAFTAR GRUP Pallangga', { kind: 'register', target: { role: 'pkb', kecamatan: 'Pallangga' } }],
    ['daftar grub pkb', { kind: 'register', target: { role: 'pkb', kecamatan: null } }],
    ['DAFTAR GRUP', { kind: 'register', target: null }],
    ['daftar grup dinas', { kind: 'register', target: { role: 'dinas' } }],
    ['DAFTAR GRUP DINAS PPKB Kabupaten Gowa', { kind: 'register', target: { role: 'dinas' } }],
    ['hapus grup', { kind: 'unregister' }],
    ['/HAPUS  GROUP!', { kind: 'unregister' }],
    ['BELUM', { kind: 'missing', args: '' }],
    ['/belum', { kind: 'missing', args: '' }],
    ['siapa yang belum lapor?', { kind: 'missing', args: '' }],
    ['rekap pallangga 11/2026', { kind: 'recap', args: 'pallangga 11/2026' }],
    ['GRAFIK', { kind: 'chart', args: '' }],
    ['hadir rk-1234', { kind: 'attend', code: 'RK-1234', looksLikeCode: true }],
    ['Hadir: 7sx2', { kind: 'attend', code: '7SX2', looksLikeCode: true }],
    ['HADIR KQRT', { kind: 'attend', code: 'KQRT', looksLikeCode: true }],
    ['hadir semua', { kind: 'attend', code: 'SEMUA', looksLikeCode: false }],
    ['HADIR 7SX2 pak', { kind: 'attend', code: '7SX2', looksLikeCode: false }],
  ] as const)('when a group message is "%s", then it is read as that command', (text, expected) => {
    expect(parseGroupCommand(text)).toEqual(expected);
  });

  it.each(['halo semua', 'menu', '1', 'Belum, bu. Besok saya kirim', 'Belum.', 'belum lengkap datanya', 'mau daftar grup ini bagaimana?', '', '   ', 'hapus saja grupnya'])(
    'when a group message is "%s", then it is no command',
    (text) => {
      expect(parseGroupCommand(text)).toBeNull();
    },
  );

  it('when a message is DAFTAR GRUP or HAPUS GRUP, then it is a registration command; REKAP is not', () => {
    expect(isGroupRegistrationCommand('daftar grup pkb x')).toBe(true);
    expect(isGroupRegistrationCommand('HAPUS GRUP')).toBe(true);
    expect(isGroupRegistrationCommand('REKAP')).toBe(false);
  });
});

describe('resolveRegistration', () => {
  const target = (actor: Actor, kecamatan: string | null) => resolveRegistration(actor, { role: 'pkb', kecamatan }, areas);

  it('when a PKB names the kecamatan of their binaan, tolerantly spelt, then that kecamatan is the target', () => {
    for (const name of ['Bontomarannu', 'bontomaranu', 'Kec. Bonto Marannu', "bontomarannu'"]) {
      expect(target(pkb, name)).toEqual({ kind: 'target', target: { role: 'pkb', areaCode: BONTOMARANNU } });
    }
  });

  it('when a PKB names another kecamatan, then they are refused naming their own', () => {
    expect(target(pkb, 'Pallangga')).toEqual({ kind: 'reply', text: 'Maaf, Anda hanya bisa mendaftarkan grup untuk Kec. Bontomarannu.' });
    expect(target(pkbTwoKec, 'Somba Opu')).toEqual({ kind: 'reply', text: 'Maaf, Anda hanya bisa mendaftarkan grup untuk Kec. Bontomarannu dan Kec. Pallangga.' });
  });

  it('when a PKB or koordinator of one kecamatan names none, then it is theirs; with two, or for the Dinas, they are asked to name it', () => {
    expect(target(pkb, null)).toEqual({ kind: 'target', target: { role: 'pkb', areaCode: BONTOMARANNU } });
    expect(target(koordinator, null)).toEqual({ kind: 'target', target: { role: 'pkb', areaCode: BONTOMARANNU } });
    expect(target(pkbTwoKec, null)).toEqual({ kind: 'reply', text: GROUP_COPY.usage('Bontomarannu') });
    expect(resolveRegistration(dinas, null, areas)).toEqual({ kind: 'reply', text: GROUP_COPY.usage('Bontomarannu') });
  });

  it('when a koordinator names their kecamatan, then it is the target; another one is refused', () => {
    expect(target(koordinator, 'BONTOMARANNU')).toEqual({ kind: 'target', target: { role: 'pkb', areaCode: BONTOMARANNU } });
    expect(target(koordinator, 'Parigi')).toMatchObject({ kind: 'reply' });
  });

  it('when the Dinas or an admin names any kecamatan, old spellings included, then it is the target', () => {
    expect(target(dinas, 'Pattalasang')).toEqual({ kind: 'target', target: { role: 'pkb', areaCode: PATTALLASSANG } });
    expect(target(admin, 'Palangga')).toEqual({ kind: 'target', target: { role: 'pkb', areaCode: PALLANGGA } });
  });

  it('when only the Dinas or an admin asks for the Dinas group, then it is the kabupaten', () => {
    expect(resolveRegistration(dinas, { role: 'dinas' }, areas)).toEqual({ kind: 'target', target: { role: 'dinas', areaCode: KAB } });
    expect(resolveRegistration(admin, { role: 'dinas' }, areas)).toEqual({ kind: 'target', target: { role: 'dinas', areaCode: KAB } });
    expect(resolveRegistration(pkb, { role: 'dinas' }, areas)).toEqual({ kind: 'reply', text: GROUP_COPY.dinasOnly });
    expect(resolveRegistration(koordinator, { role: 'dinas' }, areas)).toEqual({ kind: 'reply', text: GROUP_COPY.dinasOnly });
  });

  it('when a cadre or an unregistered member asks, then they are refused in one line, whatever they named', () => {
    for (const actor of [ppkbd, resident]) {
      for (const t of [{ role: 'pkb', kecamatan: 'Bontomarannu' } as const, { role: 'dinas' } as const, null]) {
        const reply = resolveRegistration(actor, t, areas);
        expect(reply).toEqual({ kind: 'reply', text: GROUP_COPY.notAllowed });
      }
    }
    expect(GROUP_COPY.notAllowed).not.toContain('\n');
  });

  it('when the kecamatan is unknown, then the reply says so with an example and never an area code', () => {
    const reply = target(dinas, 'Jakarta Selatan');
    expect(reply.kind).toBe('reply');
    expect((reply as { text: string }).text).toMatch(/^Kecamatan itu tidak ditemukan di Kabupaten Gowa\..*Contoh: DAFTAR GRUP PKB /);
    expect((reply as { text: string }).text).not.toMatch(/73\.06/);
  });
});

describe('planRegistration and planRemoval', () => {
  const group = { id: '120363000000000001@g.us', label: 'PKB Bontomarannu' };
  const other: BindingView = { groupId: '120363000000000002@g.us', label: 'Grup Lama', role: 'pkb', areaCode: BONTOMARANNU };
  const here = (role: 'pkb' | 'dinas', areaCode: string): BindingView => ({ groupId: group.id, label: group.label, role, areaCode });
  const bontomarannu = { role: 'pkb', areaCode: BONTOMARANNU } as const;

  it('when a free group is bound, then the group is told in one line which kecamatan and what arrives there', () => {
    const plan = planRegistration(pkb, areas, group, bontomarannu, { ofGroup: null, ofTarget: null });
    expect(plan).toEqual({
      kind: 'bind',
      target: bontomarannu,
      reply: `Grup ini terdaftar untuk PKB Kec. Bontomarannu: ringkasan harian laporan desa dan kasus kecamatan ini akan dikirim ke sini.${GROUP_COPY.commands('pkb')}`,
      replaced: null,
    });
  });

  it('when the group is already bound to it, then nothing changes and it says so', () => {
    expect(planRegistration(pkb, areas, group, bontomarannu, { ofGroup: here('pkb', BONTOMARANNU), ofTarget: here('pkb', BONTOMARANNU) })).toEqual({
      kind: 'reply',
      text: 'Grup ini sudah terdaftar untuk PKB Kec. Bontomarannu.',
    });
  });

  it('when the kecamatan already has another group, then this one replaces it and the old group is told', () => {
    const plan = planRegistration(koordinator, areas, group, bontomarannu, { ofGroup: null, ofTarget: other });
    expect(plan).toMatchObject({ kind: 'bind', replaced: { groupId: other.groupId } });
    if (plan.kind !== 'bind') return;
    expect(plan.reply).toContain('Grup ini menggantikan grup "Grup Lama".');
    expect(plan.replaced!.text).toBe('Grup ini tidak lagi terdaftar untuk PKB Kec. Bontomarannu: ringkasannya sekarang dikirim ke grup "PKB Bontomarannu".');
  });

  it('when group names are not known, then the replies say "grup lain" instead of an id', () => {
    const plan = planRegistration(dinas, areas, { id: group.id, label: group.id }, bontomarannu, { ofGroup: null, ofTarget: { ...other, label: other.groupId } });
    if (plan.kind !== 'bind') throw new Error('expected a binding');
    expect(plan.reply).toContain('menggantikan grup yang terdaftar sebelumnya');
    expect(plan.replaced!.text).toContain('dikirim ke grup lain');
    expect(`${plan.reply}${plan.replaced!.text}`).not.toContain('@g.us');
  });

  it('when the group is bound to another kecamatan the sender also manages, then it moves and says where from', () => {
    const plan = planRegistration(dinas, areas, group, { role: 'pkb', areaCode: PALLANGGA }, { ofGroup: here('pkb', BONTOMARANNU), ofTarget: null });
    expect(plan).toMatchObject({
      kind: 'bind',
      reply: `Grup ini sekarang untuk PKB Kec. Pallangga (sebelumnya PKB Kec. Bontomarannu): ringkasan harian laporan desa dan kasus kecamatan ini akan dikirim ke sini.${GROUP_COPY.commands('pkb')}`,
    });
  });

  it('when the group is bound to a kecamatan the sender does not manage, then it is refused and names who may', () => {
    const plan = planRegistration(pkbTwoKec, areas, group, { role: 'pkb', areaCode: PALLANGGA }, { ofGroup: here('dinas', KAB), ofTarget: null });
    expect(plan).toEqual({ kind: 'reply', text: 'Maaf, grup ini terdaftar untuk Dinas PPKB Kabupaten Gowa; hanya petugas Dinas yang bisa mengubahnya.' });
  });

  it('when HAPUS GRUP comes from someone who may manage the binding, then it is removed and says where messages go now', () => {
    expect(planRemoval(pkb, areas, here('pkb', BONTOMARANNU))).toEqual({
      kind: 'unbind',
      reply: 'Pendaftaran grup ini untuk PKB Kec. Bontomarannu dihapus: ringkasannya kembali dikirim langsung ke PKB dan koordinator kecamatan.',
    });
    expect(planRemoval(dinas, areas, here('dinas', KAB))).toMatchObject({ kind: 'unbind', reply: expect.stringContaining('langsung ke petugas Dinas') });
  });

  it('when HAPUS GRUP comes from a cadre, an outsider PKB, or the group is not bound, then it is refused in one line', () => {
    expect(planRemoval(ppkbd, areas, here('pkb', BONTOMARANNU))).toEqual({ kind: 'reply', text: GROUP_COPY.notAllowed });
    expect(planRemoval(resident, areas, null)).toEqual({ kind: 'reply', text: GROUP_COPY.notAllowed });
    expect(planRemoval(pkb, areas, here('pkb', PALLANGGA))).toEqual({
      kind: 'reply',
      text: 'Maaf, grup ini terdaftar untuk PKB Kec. Pallangga; hanya PKB atau koordinator Kec. Pallangga dan petugas Dinas yang bisa mengubahnya.',
    });
    expect(planRemoval(pkb, areas, null)).toEqual({ kind: 'reply', text: 'Grup ini belum terdaftar di IMP Smart.' });
  });

  it('when authority is checked, then PKB and koordinator manage their kecamatan only, the Dinas and admins everything', () => {
    expect(mayManage(pkb, bontomarannu, areas)).toBe(true);
    expect(mayManage(pkb, { role: 'pkb', areaCode: PALLANGGA }, areas)).toBe(false);
    expect(mayManage(pkb, { role: 'dinas', areaCode: KAB }, areas)).toBe(false);
    expect(mayManage(admin, { role: 'dinas', areaCode: KAB }, areas)).toBe(true);
    expect(mayManage(ppkbd, bontomarannu, areas)).toBe(false);
  });
});
