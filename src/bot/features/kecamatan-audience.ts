// Who reads what is pushed about one kecamatan's recaps (the daily digest, the named list of desa still missing), and
// over which desa: the kecamatan's PKB group reads the whole kecamatan; without a group, the koordinator reads the
// whole kecamatan and each PKB only their wilayah binaan in it (the desa they verify and answer for), unless the
// binaan is the whole kecamatan.
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { desaCoveredByPeople } from '../../db/repos/reminders.repo.js';
import { recipientsFor } from './recipients.js';

export interface KecamatanReader {
  /** A group id (…@g.us) or a phone. */
  address: string;
  /** The desa this reader's message covers; null: the whole kecamatan. */
  onlyDesa: string[] | null;
  /** How the message names its area: "Kec. Bontomarannu", or "desa binaan Anda, Kec. Bontomarannu". */
  scope: string;
}

/** Resolved now (inside the transaction that enqueues); empty when no group is bound and nobody is registered. */
export function kecamatanReaders(tx: Tx, areas: AreaDirectory, kecamatanCode: string): KecamatanReader[] {
  const whole = areas.label(kecamatanCode);
  const recipients = recipientsFor(tx, { role: 'pkb', kecamatanCode });
  if (recipients.kind === 'group') return [{ address: recipients.groupId, onlyDesa: null, scope: whole }];
  const inKecamatan = new Set(areas.desaOf(kecamatanCode).map((d) => d.code));
  const pkb = recipients.people.filter((p) => p.role === 'pkb');
  const binaan = desaCoveredByPeople(
    tx,
    pkb.map((p) => p.personId),
  );
  return recipients.people.map((p): KecamatanReader => {
    if (p.role !== 'pkb') return { address: p.phone, onlyDesa: null, scope: whole };
    const desa = (binaan.get(p.personId) ?? []).filter((code) => inKecamatan.has(code));
    return desa.length === inKecamatan.size ? { address: p.phone, onlyDesa: null, scope: whole } : { address: p.phone, onlyDesa: desa, scope: `desa binaan Anda, ${whole}` };
  });
}
