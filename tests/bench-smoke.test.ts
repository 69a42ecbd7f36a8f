// The benchmark runner's pieces work (tiny sizes, no timing asserted: benchmarks are never tests). Start-up needs the
// built CLI and is left to `npm run bench`.
import { describe, expect, it } from 'vitest';
import { runMemoryBench } from '../bench/memory-bench.js';
import { runRecapBench } from '../bench/recap-bench.js';
import { runReportsBench } from '../bench/reports-bench.js';

describe('npm run bench, tiny', () => {
  it('when the recap, memory and reports benchmarks run on tiny sizes, then each prints its figures', async () => {
    const recap = await runRecapBench({ guided: 4, fast: 4 });
    expect(recap.map((r) => r.bench)).toEqual(['recap', 'recap']);
    for (const row of recap) expect(row).toMatchObject({ msgs_per_s: expect.any(Number) as number });

    // serve itself in a child process, here on src/ through tsx (no build) and without waiting for it to be quiet.
    const memory = await runMemoryBench(20, { source: true, waitQuiet: false });
    expect(memory).toMatchObject({ bench: 'memory', conversations_open: 20, messages: 60, rss_after_gc_mb: expect.any(Number) as number });

    const reports = await runReportsBench({ shape: { kabupaten: 2, kecamatanPerKabupaten: 2, desaPerKecamatan: 3 }, months: 2, runs: 1 });
    expect(reports.map((r) => r.report)).toEqual(['kabupaten_digest', 'province_rollup', 'kabupaten_xlsx', 'database_size']);
    expect(reports.find((r) => r.report === 'kabupaten_xlsx')).toMatchObject({ desa_in_file: 6, streaming: true });
  }, 60_000);
});
