// The form benchmark: the shared "lapor" workload (form-workload.ts) through the real bot — router, journal,
// conversation state, outbox and dispatcher — on a SQLite file in WAL mode with the production pragmas, closed loop,
// round-robin, at 50 and at all users in flight. One JSON object per measurement, keys as the workload names them.
//
// Run alone: npx tsx bench/form.ts [--quick]   (prints JSON lines; npm run bench calls runFormBench)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBot } from '../src/bot/bot.js';
import type { InboundHandler, InboundMessage, OutboundMessage, SendReceipt, Transport } from '../src/bot/transport.js';
import { systemClock } from '../src/clock.js';
import { openReadyDatabase } from '../src/db/bootstrap.js';
import { createRegistry } from '../src/flows/registry.js';
import { silentLogger } from '../src/logger.js';
import { benchFormFlow } from './form-flow.js';
import { buildScripts, DEFAULT_SEED, FINGERPRINT_1000, fingerprint, WARMUP_PHONE_BASE, type Script } from './form-workload.js';

export interface FormBenchOptions {
  quick: boolean;
}

/** Hands every reply to a callback at once: no pacing, no network (the outbound boundary the workload times). */
class BenchTransport implements Transport {
  readonly name = 'bench';
  handler: InboundHandler | null = null;
  constructor(private readonly onSend: (message: OutboundMessage) => void) {}
  async start(handler: InboundHandler): Promise<void> {
    this.handler = handler;
  }
  async send(message: OutboundMessage): Promise<SendReceipt> {
    this.onSend(message);
    return { providerMessageId: `bench-${message.outboxId}` };
  }
  async stop(): Promise<void> {
    this.handler = null;
  }
}

interface RunResult {
  messages: number;
  msgsPerS: number;
  latencies: Float64Array;
  cpuMs: number;
}

const TIMEOUT_MS = 300_000;

/** One closed-loop run on a fresh bot and database: each user has one message in flight, at most `window` overall. */
async function runOnce(scripts: readonly Script[], window: number, run: string): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'imp-smart-bench-'));
  const database = openReadyDatabase(join(dir, 'bench.db'));
  const total = scripts.reduce((n, s) => n + s.steps.length, 0);
  const step = new Int32Array(scripts.length);
  const replied = new Uint8Array(scripts.length);
  const accepted = new Uint8Array(scripts.length);
  const t0 = new Float64Array(scripts.length);
  const latencies = new Float64Array(total);
  const byAddress = new Map(scripts.map((s, i) => [`+${s.from}`, i]));
  let done = 0;
  let inFlight = 0;
  let failure: Error | null = null;
  const ready: number[] = scripts.map((_, i) => i);
  let head = 0;
  let injectScheduled = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const fail = (error: Error) => {
    failure ??= error;
    finish();
  };
  const complete = (u: number) => {
    if (!replied[u] || !accepted[u]) return;
    latencies[done++] = performance.now() - t0[u]!;
    replied[u] = 0;
    accepted[u] = 0;
    inFlight--;
    if (++step[u]! < scripts[u]!.steps.length) ready.push(u);
    if (done === total) finish();
    else scheduleInject();
  };
  const transport = new BenchTransport((message) => {
    const u = byAddress.get(message.to);
    const expected = u === undefined ? undefined : scripts[u]!.steps[step[u]!]?.expect;
    const text = message.content.kind === 'text' ? message.content.text : '';
    if (u === undefined || replied[u] || text !== expected) {
      fail(new Error(`unexpected reply to ${message.to}: ${JSON.stringify(text).slice(0, 200)} (expected ${JSON.stringify(expected)?.slice(0, 200)})`));
      return;
    }
    replied[u] = 1;
    complete(u);
  });
  const bot = createBot({
    database,
    transport,
    clock: systemClock,
    logger: silentLogger(),
    conversation: { expiryMs: 72 * 3600_000 },
    registry: createRegistry([benchFormFlow]),
  });
  await bot.start();
  const handler = transport.handler!;

  const inject = () => {
    injectScheduled = false;
    while (inFlight < window && head < ready.length) {
      const u = ready[head++]!;
      inFlight++;
      const s = scripts[u]!;
      const message: InboundMessage = {
        id: `${run}-${u}-${step[u]}`,
        from: { phone: `+${s.from}`, rawId: s.from },
        chat: { kind: 'private', address: `+${s.from}` },
        content: { kind: 'text', text: s.steps[step[u]!]!.body },
        sentAt: new Date(),
      };
      t0[u] = performance.now();
      handler(message).then(
        () => {
          accepted[u] = 1;
          complete(u);
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
    }
    // Keep the queue array small: drop what has been injected.
    if (head > 4096) {
      ready.splice(0, head);
      head = 0;
    }
  };
  function scheduleInject() {
    if (injectScheduled) return;
    injectScheduled = true;
    setImmediate(inject);
  }

  const timer = setTimeout(() => fail(new Error(`timeout after ${TIMEOUT_MS / 1000} s (${done}/${total} messages)`)), TIMEOUT_MS);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  scheduleInject();
  await finished;
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  clearTimeout(timer);
  await bot.stop();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  if (failure) throw failure;
  return { messages: total, msgsPerS: (total / elapsed) * 1000, latencies, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Nearest-rank percentile, as the workload defines it. */
function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

function forceGc(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Runs the form workload at 50 in flight and with every user in flight; one JSON-able object per measurement. */
export async function runFormBench(options: FormBenchOptions): Promise<Record<string, unknown>[]> {
  const users = options.quick ? 200 : 1000;
  const warmupUsers = options.quick ? 20 : 100;
  const { scripts, messages } = buildScripts(users);
  const sha = fingerprint(scripts);
  if (users === 1000 && sha !== FINGERPRINT_1000) throw new Error(`workload differs from the published one: ${sha}`);
  const results: Record<string, unknown>[] = [];
  let seq = 0;
  for (const window of [50, users]) {
    // Warm-up on its own fresh bot, then two full collections, as the workload prescribes.
    await runOnce(buildScripts(warmupUsers, DEFAULT_SEED + 1, WARMUP_PHONE_BASE).scripts, Math.min(window, warmupUsers), `w${seq++}`);
    forceGc();
    const r = await runOnce(scripts, window, `m${seq++}`);
    const sorted = r.latencies.slice().sort();
    results.push({
      system: 'imp-smart',
      benchmark: 'form',
      users,
      window,
      messages,
      msgs_per_s: round(r.msgsPerS, 1),
      p50_ms: round(percentile(sorted, 0.5), 3),
      p99_ms: round(percentile(sorted, 0.99), 3),
      cpu_ms_per_msg: round(r.cpuMs / r.messages, 4),
      rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
      workload_sha256: sha,
      quick: options.quick,
    });
  }
  return results;
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const results = await runFormBench({ quick: process.argv.includes('--quick') });
  for (const result of results) console.log(JSON.stringify(result));
}
