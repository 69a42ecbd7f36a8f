// memory: N cadres each in the middle of a recap (the first two groups answered), through the real bot; the RSS of
// this process then (after a GC when exposed). Run by run.ts in a child process of its own, so nothing measured
// before adds to it: `tsx bench/memory-bench.ts N` prints one JSON line.
import { loadAreaDirectory } from '../src/db/repos/areas.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../src/domain/recap/fields.js';
import { importPeople } from '../src/people/people-import.js';
import { fromWita } from '../src/time/wita.js';
import { CLEAN_RECAP } from '../tests/helpers/recap-fixture.js';
import { drive, startBenchBot } from './bench-bot.js';
import { insertAreas } from './synthetic-areas.js';

export async function runMemoryBench(conversations: number): Promise<Record<string, unknown>> {
  const groups = activeGroups(DEFAULT_RECAP_SETTINGS).slice(0, 2);
  const phones = Array.from({ length: conversations }, (_, i) => `+62813${String(10_000_000 + i)}`);
  const handle = await startBenchBot({
    start: fromWita(2026, 12, 2, 9, 0),
    prepare: (database, clock) => {
      const desa = insertAreas(database.native, { kabupaten: Math.ceil(conversations / 1000), kecamatanPerKabupaten: 10, desaPerKecamatan: 100 });
      const csv = ['phone,name,role,area,unit', ...phones.map((p, i) => `${p},Kader ${i + 1},ppkbd,${desa[i]},`)].join('\n');
      const report = importPeople(database.db, csv, loadAreaDirectory(database.db), 'bench', clock.now());
      if (!report.ok) throw new Error('memory bench: people import failed');
    },
  });
  try {
    const lines = ['1', ...groups.map((g) => g.fields.map((f) => String(CLEAN_RECAP[f])).join(' '))];
    const users = phones.map((phone) => {
      let i = 0;
      return { phone, script: () => (i < lines.length ? lines[i++]! : null) };
    });
    const run = await drive(handle, users, 1000);
    (globalThis as { gc?: () => void }).gc?.();
    const open = Number(handle.database.native.prepare('select count(*) from conversations').pluck().get());
    return {
      bench: 'memory',
      conversations_open: open,
      rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20),
      peak_rss_mb: Math.max(run.peak_rss_mb, Math.round(process.resourceUsage().maxRSS / 1024)),
      heap_used_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      target_rss_mb: 150,
      messages: run.messages,
    };
  } finally {
    await handle.close();
  }
}

if (process.argv[1]?.endsWith('memory-bench.ts')) {
  const n = Number(process.argv[2] ?? 10_000);
  process.stdout.write(`${JSON.stringify(await runMemoryBench(n))}\n`);
}
