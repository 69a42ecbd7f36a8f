// One desa's recap of a period with its history, for the dashboard's desa page: the stored desa record (never a dusun
// part), every recorded change (each version's values, returns, verifications, reopenings) and the names of the
// people involved (the PPKBD who sent, the PKB who checked) as the paper form prints them.
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { people } from '../schema.js';
import { findRecap, recapHistory, type RecapRow } from './recaps.repo.js';

export type RecapEventRow = ReturnType<typeof recapHistory>[number];

export interface DesaRecapHistory {
  recap: RecapRow | null;
  /** Oldest first. */
  events: RecapEventRow[];
  /** Person id → name, for the reporter, the verifier and everyone named in the events. */
  names: ReadonlyMap<number, string>;
}

export function desaRecapHistory(db: DbOrTx, desaCode: string, period: string): DesaRecapHistory {
  const recap = findRecap(db, desaCode, period, null) ?? null;
  if (!recap) return { recap: null, events: [], names: new Map() };
  const events = recapHistory(db, recap.id);
  const ids = [...new Set([recap.reporterId, ...(recap.verifiedBy === null ? [] : [recap.verifiedBy]), ...events.map((e) => e.byPersonId)])];
  const names = new Map(db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)).all().map((p) => [p.id, p.name]));
  return { recap, events, names };
}
