// recipientsFor: the bound group when there is one, else the people one by one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recipientAddresses, recipientsFor } from '../../src/bot/features/recipients.js';
import { bindGroup, rememberGroup, unbindGroup } from '../../src/db/repos/groups.repo.js';
import { setPersonActive } from '../../src/db/repos/people.repo.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';

const PEOPLE = [
  'phone,name,role,area,unit',
  '+6281200000001,PKB Satu,pkb,73.06.06.2003;73.06.06.2004,',
  '+6281200000002,PKB Dua,pkb,73.06.06.2005;73.06.07.1001,',
  '+6281200000003,PKB Pensiun,pkb,73.06.06.2003,',
  '+6281200000004,Koordinator Bontomarannu,koordinator,73.06.06,',
  '+6281200000005,Koordinator Pallangga,koordinator,73.06.07,',
  '+6281200000006,Dinas Satu,dinas,73.06,',
  '+6281200000007,Dinas Pindah,dinas,73.06,',
  '+6281200000008,Admin,admin,73.06,',
  '+6281200000009,Kader,ppkbd,73.06.06.2003,',
].join('\n');

const BONTOMARANNU = '73.06.06';
const PALLANGGA = '73.06.07';
const PARIGI = '73.06.17';
const NOW = fromWita(2026, 11, 25, 7, 0);
const GROUP = '120363000000000001@g.us';
const DINAS_GROUP = '120363000000000002@g.us';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create({ people: PEOPLE, start: NOW });
  setPersonActive(h.db, '+6281200000003', false, 'test', NOW);
  setPersonActive(h.db, '+6281200000007', false, 'test', NOW);
});
afterEach(() => h.close());

const resolve = (target: Parameters<typeof recipientsFor>[1]) => h.db.transaction((tx) => recipientsFor(tx, target));
const phones = (target: Parameters<typeof recipientsFor>[1]) => {
  const r = resolve(target);
  return r.kind === 'people' ? r.people.map((p) => p.phone) : r;
};

describe('recipientsFor', () => {
  it('when no group is bound to a kecamatan, then its active PKB (any desa there) and then its koordinator get it, each once', () => {
    expect(resolve({ role: 'pkb', kecamatanCode: BONTOMARANNU })).toEqual({
      kind: 'people',
      people: [
        { personId: 1, phone: '+6281200000001', name: 'PKB Satu', role: 'pkb' },
        { personId: 2, phone: '+6281200000002', name: 'PKB Dua', role: 'pkb' },
        { personId: 4, phone: '+6281200000004', name: 'Koordinator Bontomarannu', role: 'koordinator' },
      ],
    });
    // A PKB whose binaan spans two kecamatan is in both.
    expect(phones({ role: 'pkb', kecamatanCode: PALLANGGA })).toEqual(['+6281200000002', '+6281200000005']);
  });

  it('when nobody is registered for a kecamatan, then there is nobody to send to', () => {
    expect(resolve({ role: 'pkb', kecamatanCode: PARIGI })).toEqual({ kind: 'people', people: [] });
  });

  it('when no Dinas group is bound, then the active Dinas officers get it, not admins and not cadres', () => {
    expect(phones({ role: 'dinas' })).toEqual(['+6281200000006']);
  });

  it('when a group is bound to the kecamatan or the Dinas, then only that group gets it; other kecamatan keep their people', () => {
    rememberGroup(h.db, GROUP, 'PKB Bontomarannu');
    rememberGroup(h.db, DINAS_GROUP, DINAS_GROUP);
    h.db.transaction((tx) => {
      bindGroup(tx, { groupId: GROUP, role: 'pkb', areaCode: BONTOMARANNU, byPersonId: 1, via: 'whatsapp', now: NOW });
      bindGroup(tx, { groupId: DINAS_GROUP, role: 'dinas', areaCode: '73.06', byPersonId: null, via: 'cli', now: NOW });
    });
    const bound = resolve({ role: 'pkb', kecamatanCode: BONTOMARANNU });
    expect(bound).toEqual({ kind: 'group', groupId: GROUP, label: 'PKB Bontomarannu' });
    expect(recipientAddresses(bound)).toEqual([GROUP]);
    expect(resolve({ role: 'dinas' })).toEqual({ kind: 'group', groupId: DINAS_GROUP, label: DINAS_GROUP });
    expect(recipientAddresses(resolve({ role: 'pkb', kecamatanCode: PALLANGGA }))).toEqual(['+6281200000002', '+6281200000005']);
  });

  it('when the group is unbound, or the people who bound it leave, then it goes back to the people only after unbinding', () => {
    rememberGroup(h.db, GROUP, 'PKB Bontomarannu');
    h.db.transaction((tx) => bindGroup(tx, { groupId: GROUP, role: 'pkb', areaCode: BONTOMARANNU, byPersonId: 1, via: 'whatsapp', now: NOW }));
    setPersonActive(h.db, '+6281200000001', false, 'test', NOW);
    expect(resolve({ role: 'pkb', kecamatanCode: BONTOMARANNU }).kind).toBe('group');
    h.db.transaction((tx) => unbindGroup(tx, GROUP));
    expect(phones({ role: 'pkb', kecamatanCode: BONTOMARANNU })).toEqual(['+6281200000002', '+6281200000004']);
  });
});
