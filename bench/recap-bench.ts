// recap: cadres sending the real monthly recap through the real bot: guided (one line per group, 10 % of the lines
// first answered wrongly, 30 % of the cadres confirming a soft rule with YA) and by fast entry (LAPOR 11/2026 …,
// KIRIM, YA when asked). Every cadre is a PPKBD of her own synthetic desa.
import { count } from 'drizzle-orm';
import { loadAreaDirectory } from '../src/db/repos/areas.repo.js';
import { recaps } from '../src/db/schema.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../src/domain/recap/fields.js';
import { importPeople } from '../src/people/people-import.js';
import { fromWita } from '../src/time/wita.js';
import { CLEAN_RECAP } from '../tests/helpers/recap-fixture.js';
import { drive, startBenchBot, type DriveResult, type Script } from './bench-bot.js';
import { seededRandom } from './random.js';
import { insertAreas } from './synthetic-areas.js';

const GROUPS = activeGroups(DEFAULT_RECAP_SETTINGS);
const FIELDS = GROUPS.flatMap((g) => g.fields);
// Never a valid answer to any group (a count of numbers could be, for a group of that size).
const WRONG = ['tidak tahu', 'belum ada', 'abc', 'kurang lebih'];

/** Sends `lines`, then KIRIM, then YA while a soft rule asks; done at the receipt. Throws on anything else. */
function recapScript(lines: readonly string[]): Script {
  let i = 0;
  let sent = false;
  return (replies) => {
    const last = replies.join('\n');
    if (i < lines.length) return lines[i++]!;
    if (!sent) {
      sent = true;
      return 'KIRIM';
    }
    if (last.includes('Balas YA jika benar')) return 'YA';
    if (last.includes('Terima kasih!')) return null;
    throw new Error(`recap bench: unexpected reply after KIRIM: ${last.slice(0, 300)}`);
  };
}

export interface RecapBenchOptions {
  guided: number;
  fast: number;
  seed?: number;
}

export async function runRecapBench(options: RecapBenchOptions): Promise<Record<string, unknown>[]> {
  const random = seededRandom(options.seed ?? 20240601);
  const cadres = options.guided + options.fast;
  const phones = Array.from({ length: cadres }, (_, i) => `+62813${String(10_000_000 + i)}`);
  const handle = await startBenchBot({
    // 2 December 2026, 09:00 WITA: November is open and not yet due.
    start: fromWita(2026, 12, 2, 9, 0),
    prepare: (database, clock) => {
      // One kabupaten, as one instance serves: receipt codes name the kecamatan and desa digits only (unique within it).
      const desa = insertAreas(database.native, { kabupaten: 1, kecamatanPerKabupaten: Math.ceil(cadres / 100), desaPerKecamatan: 100 });
      const csv = ['phone,name,role,area,unit', ...phones.map((p, i) => `${p},Kader ${i + 1},ppkbd,${desa[i]},`)].join('\n');
      // The directory of the reopened database knows the new desa; the import checks codes against it.
      const areas = loadAreaDirectory(database.db);
      const report = importPeople(database.db, csv, areas, 'bench', clock.now());
      if (!report.ok) throw new Error(`recap bench: people import failed: ${JSON.stringify(report.errors).slice(0, 300)}`);
    },
  });
  const results: Record<string, unknown>[] = [];
  try {
    const values = (soft: boolean) => (soft ? { ...CLEAN_RECAP, jml_keluarga: 300 } : CLEAN_RECAP);
    const guided = phones.slice(0, options.guided).map((phone) => {
      const v = values(random() < 0.3);
      const lines: string[] = ['1'];
      for (const g of GROUPS) {
        if (random() < 0.1) lines.push(WRONG[Math.floor(random() * WRONG.length)]!);
        lines.push(g.fields.map((f) => String(v[f])).join(' '));
      }
      return { phone, script: recapScript(lines) };
    });
    const fast = phones.slice(options.guided).map((phone) => {
      const v = values(random() < 0.3);
      return { phone, script: recapScript([`LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${v[f]}`).join(' ')}`]) };
    });
    const stored = () => handle.database.db.select({ n: count() }).from(recaps).get()!.n;
    const run = async (name: string, users: typeof guided, expected: number): Promise<DriveResult> => {
      const result = await drive(handle, users, users.length);
      if (stored() !== expected) throw new Error(`recap bench (${name}): ${stored()} recaps stored, expected ${expected}`);
      return result;
    };
    results.push({ bench: 'recap', mode: 'guided', cadres: options.guided, in_flight: options.guided, ...(await run('guided', guided, options.guided)) });
    results.push({ bench: 'recap', mode: 'fast_entry', cadres: options.fast, in_flight: options.fast, ...(await run('fast', fast, cadres)) });
  } finally {
    await handle.close();
  }
  return results;
}
