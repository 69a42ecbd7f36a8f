// The process the memory benchmark measures (bench/memory-bench.ts prepares its database and spawns it): `serve`
// itself — main.ts's serve() with the HTTP API listening, the jobs scheduled, the alert desk and link monitor —
// from dist/ under plain node, as `node bin/imp-smart.js serve` runs it. Two seams differ from production: the
// bench's transport (it hands the replies to the driver below, without WhatsApp's pacing) and a fixed clock (the
// recap month played is open). Baileys and the QR printer are loaded as serve loads them for WhatsApp, so their
// code counts; no WhatsApp socket is open, so a live session's buffers do not.
//
// node --expose-gc bench/memory-child.mjs <code root URL> <conversations> <start ISO> <lines JSON> <wait quiet: 0|1>
// Prints one JSON line. Plain JavaScript on purpose: through tsx the process would also hold tsx and every module's
// source map (`--import tsx` with the src/ root does exactly that, for the smoke test).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { setImmediate, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import v8 from 'node:v8';

const [root, count, startIso, linesJson, waitQuiet] = process.argv.slice(2);
const conversations = Number(count);
const lines = JSON.parse(linesJson);
const code = (path) => new URL(path, root).href;

const { loadConfig } = await import(code('config.js'));
const { serve } = await import(code('main.js'));
const { MemoryTransport } = await import(code('bot/adapters/memory.js'));
const { ManualClock } = await import(code('clock.js'));
// What pickTransport loads for IMP_TRANSPORT=baileys.
await import(code('bot/adapters/baileys/baileys-transport.js'));
await import('qrcode-terminal');

const mb = (bytes) => Math.round(bytes / 2 ** 20);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const youngMb = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20;

/**
 * After forced GCs: a full GC, a second for what the first left (freed pages are unmapped by V8's helper threads
 * just after a GC), a moment for those threads. V8's young generation stays committed (up to 32 MB, empty): it
 * grew while modules loaded or messages came in, and only V8 gives it back.
 */
async function afterGc() {
  globalThis.gc();
  await pause(500);
  globalThis.gc();
  await pause(500);
  return process.memoryUsage();
}

/**
 * Once quiet: what the process holds when no message has come for a while. V8's memory reducer, which runs on its
 * own when allocation stops, gives the young generation back (32 MB → 1 MB); nothing here asks for it. Waits for
 * that (at most 3 minutes); null when it did not happen.
 */
async function quiet() {
  if (waitQuiet !== '1') return null;
  const t0 = Date.now();
  while (youngMb() > 2) {
    if (Date.now() - t0 > 180_000) return null;
    await pause(1000);
  }
  await pause(1000);
  return { ...process.memoryUsage(), ...madeOf(), after_s: Math.round((Date.now() - t0) / 1000) };
}

/**
 * What the RSS is made of (Linux): pages of files (the node binary, shared libraries), V8's heap as committed, and
 * the rest of the anonymous memory (malloc: SQLite's page cache, better-sqlite3, the WebAssembly of Baileys' Signal
 * bridge, libuv, V8's own bookkeeping).
 */
function madeOf() {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return {};
  }
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  const heap = v8.getHeapStatistics().total_physical_size;
  const anon = kib('RssAnon') * 1024;
  return { files: kib('RssFile') * 1024, v8: heap, young: youngMb() * 2 ** 20, malloc: anon - heap };
}

const madeOfMb = (m) => ({ files: mb(m.files), v8_heap: mb(m.v8), v8_heap_used: mb(m.heapUsed), v8_young: mb(m.young), malloc_and_other: mb(m.malloc) });

/** Hands every reply to the driver; keeps none of them. */
class RecordingTransport extends MemoryTransport {
  onReply = () => undefined;
  async send(message) {
    this.onReply(message.to);
    return { providerMessageId: `bench-${message.outboxId}` };
  }
}

const transport = new RecordingTransport('bench');
const { database } = await serve(loadConfig(), { transport, clock: new ManualClock(new Date(startIso)) });
const idleGced = await afterGc();
const idle = await quiet();

// Closed loop, as bench-bot.ts: each cadre has one message in flight, at most 1,000 cadres at once; a cadre's next
// message goes once every row queued for that chat has been handed over (counted at the first reply, when the
// transaction that queued them has committed).
const queuedFor = database.native.prepare('select count(*) from outbox where to_address = ?').pluck();
const sentTo = new Map();
const waiting = new Map();
transport.onReply = (to) => {
  const sent = (sentTo.get(to) ?? 0) + 1;
  sentTo.set(to, sent);
  const w = waiting.get(to);
  if (!w) return;
  w.target ??= Number(queuedFor.get(to));
  if (sent >= w.target) {
    waiting.delete(to);
    setImmediate(w.done);
  }
};
let seq = 0;
let messages = 0;
let peak = process.memoryUsage.rss();
async function runCadre(i) {
  const phone = `+62813${String(10_000_000 + i)}`;
  for (const text of lines) {
    await new Promise((resolve) => setImmediate(resolve));
    const answered = new Promise((done) => waiting.set(phone, { target: undefined, done }));
    await transport.deliver({
      id: `bench-${++seq}`,
      from: { phone, rawId: phone },
      chat: { kind: 'private', address: phone },
      content: { kind: 'text', text },
      sentAt: new Date(startIso),
    });
    await answered;
    if (++messages % 500 === 0) peak = Math.max(peak, process.memoryUsage.rss());
  }
  sentTo.delete(phone);
}
let next = 0;
await Promise.all(Array.from({ length: Math.min(1000, conversations) }, async () => {
  while (next < conversations) await runCadre(next++);
}));
peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);

const gced = await afterGc();
const settled = await quiet();
process.stdout.write(`${JSON.stringify({
  rss_mb: settled ? mb(settled.rss) : null,
  ...(settled?.files ? { made_of_mb: madeOfMb(settled) } : {}),
  rss_idle_mb: idle ? mb(idle.rss) : null,
  ...(idle?.files ? { idle_made_of_mb: madeOfMb(idle) } : {}),
  quiet_after_s: settled?.after_s ?? null,
  rss_after_gc_mb: mb(gced.rss),
  rss_idle_after_gc_mb: mb(idleGced.rss),
  peak_rss_mb: mb(peak),
  heap_used_mb: mb(gced.heapUsed),
  heap_total_mb: mb(gced.heapTotal),
  external_mb: mb(gced.external),
  messages,
})}\n`);
process.exit(0);
