// Prints the README's capacity table from the capacity model: cadres filling in the recap at once → reply delay
// (median and 99th percentile) at 1 and 3 messages a second, with 200 digest messages waiting as outreach.
// Run: npm run capacity
import { runCapacityModel } from './capacity-model.js';

const SIZES = [15, 50, 100, 167];
const RATES = [1, 3];
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

const rows: string[] = ['| cadres at once | 1 message/s: reply p50 / p99 | 3 messages/s: reply p50 / p99 |', '| ---: | ---: | ---: |'];
for (const cadres of SIZES) {
  const cells: string[] = [];
  for (const ratePerSecond of RATES) {
    const r = await runCapacityModel({ cadres, ratePerSecond, outreach: 200 });
    cells.push(`${seconds(r.p50Ms)} / ${seconds(r.p99Ms)}`);
  }
  rows.push(`| ${cadres} | ${cells.join(' | ')} |`);
}
console.log(rows.join('\n'));
