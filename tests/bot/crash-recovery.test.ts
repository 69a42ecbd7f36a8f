// A crash test: a bot process is killed with SIGKILL at random moments while messages stream in through a transport
// that acknowledges on receipt, and started again on the same database. No acknowledged message is lost, none is
// answered twice, and each sender's replies keep the order of their messages.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/random.js';
import { openDatabase } from '../../src/db/client.js';
import { inboundMessages, outbox } from '../../src/db/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Inbound {
  id: string;
  from: { phone: string; rawId: string };
  chat: { kind: 'private'; address: string };
  content: { kind: 'text'; text: string };
  sentAt: string;
}

interface Run {
  acked: string[];
  sends: number[];
  killed: boolean;
}

/** Starts the bot, streams `messages` to it, and kills it after `killAfterAcks` acknowledgements (never, if null). */
function runChild(dbPath: string, messages: Inbound[], killAfterAcks: number | null, killDelayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/crash-child.ts', dbPath], { stdio: ['pipe', 'pipe', 'inherit'] });
    const run: Run = { acked: [], sends: [], killed: false };
    const out = createInterface({ input: child.stdout! });
    child.stdin!.on('error', () => undefined); // the child may die while we write
    out.on('line', (line) => {
      if (line === 'READY') {
        // Messages trickle in, a few milliseconds apart, so a kill lands while they still stream.
        let i = 0;
        const next = () => {
          if (run.killed || i >= messages.length) {
            if (killAfterAcks === null) child.stdin!.end();
            return;
          }
          child.stdin!.write(`${JSON.stringify(messages[i++])}\n`);
          setTimeout(next, 2);
        };
        next();
      } else if (line.startsWith('ACK ')) {
        run.acked.push(line.slice(4));
        if (killAfterAcks !== null && run.acked.length === killAfterAcks && !run.killed) {
          run.killed = true;
          setTimeout(() => child.kill('SIGKILL'), killDelayMs);
        }
      } else if (line.startsWith('SEND ')) {
        run.sends.push(Number(line.split(' ')[1]));
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve(run));
  });
}

describe('crash at random moments', () => {
  it('when the bot is killed again and again while messages stream in, then no acknowledged message is lost and none is answered twice', async () => {
    const random = seededRandom(20261202);
    const dbPath = join(dir, 'crash.db');
    const senders = Array.from({ length: 12 }, (_, i) => `+62852777000${String(i).padStart(2, '0')}`);
    const all: Inbound[] = [];
    for (let k = 0; k < 8; k++) {
      for (const phone of senders) {
        all.push({ id: `wa-${phone.slice(-2)}-${k}`, from: { phone, rawId: phone }, chat: { kind: 'private', address: phone }, content: { kind: 'text', text: k % 2 === 0 ? 'halo' : 'MENU' }, sentAt: new Date(Date.UTC(2026, 11, 2, 1, 0, k)).toISOString() });
      }
    }
    const acked = new Set<string>();
    const sends: number[] = [];
    let kills = 0;
    // WhatsApp redelivers what was not acknowledged (and now and then what was).
    for (let round = 0; round < 30 && (round < 6 || acked.size < all.length); round++) {
      const unacked = all.filter((m) => !acked.has(m.id));
      const redelivered = all.filter((m) => acked.has(m.id) && random() < 0.05);
      const batch = [...redelivered, ...unacked];
      const kill = round < 6 && batch.length > 1 ? 1 + Math.floor(random() * (batch.length - 1)) : null;
      const run = await runChild(dbPath, batch, kill, Math.floor(random() * 15));
      run.acked.forEach((id) => acked.add(id));
      sends.push(...run.sends);
      if (run.killed) kills++;
    }
    // A last clean run lets every queued reply go out.
    sends.push(...(await runChild(dbPath, [], null, 0)).sends);
    expect(kills).toBeGreaterThanOrEqual(4);
    expect(acked.size).toBe(all.length);

    const { db, close } = openDatabase(dbPath);
    const inbound = db.select().from(inboundMessages).all();
    const replies = db.select().from(outbox).all();
    close();
    // Every acknowledged message was processed exactly once and answered by exactly one reply, which was sent.
    expect(inbound.map((r) => r.providerId).sort()).toEqual(all.map((m) => m.id).sort());
    expect(inbound.every((r) => r.outcome === 'handled')).toBe(true);
    expect(replies).toHaveLength(all.length);
    expect(new Set(replies.map((r) => r.inboundId)).size).toBe(all.length);
    expect(replies.every((r) => r.status === 'sent')).toBe(true);
    // Each reply reached the transport; a reply sent again after a kill carries the same outbox id (the network
    // drops such a duplicate by its message id), and there is at most one such re-send per kill.
    const perOutbox = new Map<number, number>();
    for (const id of sends) perOutbox.set(id, (perOutbox.get(id) ?? 0) + 1);
    expect([...perOutbox.keys()].sort((a, b) => a - b)).toEqual(replies.map((r) => r.id).sort((a, b) => a - b));
    const resent = [...perOutbox.values()].reduce((n, c) => n + c - 1, 0);
    expect(resent).toBeLessThanOrEqual(kills);
    // Per sender, replies follow the order of the messages.
    const idOf = new Map(inbound.map((r) => [r.id, r.providerId]));
    for (const phone of senders) {
      const order = replies.filter((r) => r.toAddress === phone).sort((a, b) => a.id - b.id).map((r) => idOf.get(r.inboundId!)!);
      expect(order).toEqual(all.filter((m) => m.from.phone === phone).map((m) => m.id));
    }
  }, 120_000);
});
