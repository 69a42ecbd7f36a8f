// Issue 9 point 17 with groups: what the code sends "to the Dinas" (a case from a desa with no PKB or koordinator,
// a stock-out, an escalation) goes to the registered Dinas group when there is one, without the couple's place,
// and to each Dinas officer one by one when there is none.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromWita } from '../../src/time/wita.js';
import { Harness, type Sent } from '../helpers/harness.js';

const KOORD_BONTONOMPO = '+6281300000005';
const DINAS_A = '+6281300000006';
const DINAS_B = '+6281300000007';
const PEOPLE = [
  'phone,name,role,area,unit',
  `${KOORD_BONTONOMPO},Baharuddin,koordinator,73.06.01,`,
  `${DINAS_A},Marlina,dinas,73.06,`,
  `${DINAS_B},Ridwan,dinas,73.06,`,
].join('\n');
const RESIDENT = '+6285311110001';
const GROUP = 'grp-dinas-gowa';

let h: Harness;
beforeEach(async () => {
  h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 11, 25, 9, 0) });
});
afterEach(() => h.close());

const codeIn = (sent: Sent[], to: string) => /\*(UN-\d{6}-\d{4}-\d{4})\*/.exec(sent.find((m) => m.to === to)?.text ?? '')?.[1] ?? '';
const textTo = (sent: Sent[], to: string) => sent.filter((m) => m.to === to).map((m) => m.text).join('\n---\n');

async function residentReport(answers: readonly string[]): Promise<Sent[]> {
  await h.send(RESIDENT, 'laporkan');
  let sent: Sent[] = [];
  for (const a of answers) sent = await h.send(RESIDENT, a);
  return sent;
}

describe('the Dinas group for cases', () => {
  it('when a resident reports a case from a desa with nobody registered and the Dinas has a group, then the group gets it without the RT, and no officer personally', async () => {
    await h.send(DINAS_A, 'DAFTAR GRUP DINAS', { group: GROUP });
    const sent = await residentReport(['Buakkang', 'RT 07', '3', '2', '3', 'ya']);
    const code = codeIn(sent, RESIDENT);
    expect(code).not.toBe('');
    const toGroup = textTo(sent, `${GROUP}@g.us`);
    expect(toGroup).toContain(`Kasus *${code}*`);
    expect(toGroup).toContain(`ketik KASUS ${code} di chat pribadi`);
    expect(toGroup).not.toContain('RT 07');
    expect(toGroup).not.toMatch(/(?:\+?62|0)8\d{7,}/);
    expect(textTo(sent, DINAS_A)).toBe('');
    expect(textTo(sent, DINAS_B)).toBe('');
    // The officers still work it privately.
    expect(await h.reply(DINAS_B, `KASUS ${code}`)).toContain('1. Sudah dihubungi / diberi KIE');
  });

  it('when a stock-out is reported in a kecamatan with a koordinator, then the Dinas group is told once, and without a group each officer is', async () => {
    await h.send(DINAS_A, 'DAFTAR GRUP DINAS', { group: GROUP });
    // Bategulung (Bontonompo): the method was out of stock (reason 1) at the puskesmas (facility 1).
    const withGroup = await residentReport(['Bategulung', 'RT 02', '3', '1', '1', '1', 'ya']);
    const stock = withGroup.filter((m) => m.text.startsWith('⚠️ Stok alat/obat KB kosong'));
    expect(stock.map((m) => m.to)).toEqual([`${GROUP}@g.us`]);
    expect(stock[0]!.text).not.toContain('RT 02');

    await h.send(DINAS_A, 'HAPUS GRUP', { group: GROUP });
    const without = await residentReport(['Bategulung', 'RT 03', '3', '1', '1', '1', 'ya']);
    expect(without.filter((m) => m.text.startsWith('⚠️ Stok alat/obat KB kosong')).map((m) => m.to).sort()).toEqual([DINAS_A, DINAS_B]);
  });
});
