// The outbound side measured on a simulated clock with the real dispatcher, rate gate and WhatsApp transport (typing
// pause included) on a fake Baileys socket: throughput, reply delays under a month-end crowd with outreach waiting,
// strict order per chat through failures, and a backlog sent as soon as the link is back.
import { afterEach, describe, expect, it } from 'vitest';
import { runCapacityModel } from '../../../bench/capacity-model.js';
import { startPacedBot, type PacedBot } from '../../../bench/paced-bot.js';
import { openAlerts } from '../../../src/db/repos/alerts.repo.js';
import { enqueueOutbound, type OutboxPriority } from '../../../src/db/repos/outbox.repo.js';
import { outbox } from '../../../src/db/schema.js';
import { fromWita } from '../../../src/time/wita.js';

let paced: PacedBot | null = null;
afterEach(async () => {
  await paced?.close();
  paced = null;
});

const START = fromWita(2026, 12, 2, 9, 0);
const chat = (n: number) => `+62812555${String(n).padStart(5, '0')}`;
const jid = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;

function queue(p: PacedBot, messages: { to: string; text: string; priority?: OutboxPriority }[]): void {
  p.database.db.transaction((tx) => {
    for (const m of messages) enqueueOutbound(tx, { toAddress: m.to, priority: m.priority ?? 'reply', kind: 'text', text: m.text }, p.vt.clock.now());
  });
}

describe('throughput', () => {
  it.each([1, 3])('when many chats have replies queued, then the dispatcher sends at ≥ 95 percent of %i message(s)/s', async (rate) => {
    paced = await startPacedBot({ start: START, pacing: { ratePerSecond: rate } });
    queue(paced, Array.from({ length: 300 }, (_, n) => ({ to: chat(n), text: `Balasan ${n}` })));
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 3600_000);
    const times = paced.sends.map((s) => s.at);
    expect(times).toHaveLength(300);
    const achieved = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
    expect(achieved).toBeGreaterThanOrEqual(0.95 * rate);
    // And never faster than the rate beyond the burst: in any 10 s window at most rate·10 + burst sends.
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + 10_000).length;
      expect(inWindow).toBeLessThanOrEqual(rate * 10 + 3);
    }
  });

  it('when only outreach is queued, then it goes at its own slower rate', async () => {
    paced = await startPacedBot({ start: START, pacing: { outreachPerMinute: 20 } });
    queue(paced, Array.from({ length: 60 }, (_, n) => ({ to: chat(n), text: `Ringkasan ${n}`, priority: 'bulk' as const })));
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 3600_000);
    const times = paced.sends.map((s) => s.at);
    expect(times).toHaveLength(60);
    const perMinute = (times.length - 1) / ((times.at(-1)! - times[0]!) / 60_000);
    expect(perMinute).toBeLessThanOrEqual(20 * 1.05);
    expect(perMinute).toBeGreaterThanOrEqual(20 * 0.9);
  });
});

describe('replies under a month-end crowd', () => {
  it('when 15 cadres fill in the guided recap at once while 200 digests wait, then replies take p50 ≤ 5 s and p99 ≤ 15 s', async () => {
    const result = await runCapacityModel({ cadres: 15, ratePerSecond: 1, outreach: 200 });
    expect(result.replies).toBe(15 * 13);
    expect(result.p50Ms).toBeLessThanOrEqual(5_000);
    expect(result.p99Ms).toBeLessThanOrEqual(15_000);
    // Outreach still moved in the gaps, at no more than its own rate.
    expect(result.outreachDuringRush).toBeGreaterThan(0);
    expect(result.outreachDuringRush).toBeLessThanOrEqual((result.rushMs / 60_000) * 20 + 2);
  });

  it('when a reply is queued behind 200 waiting digests, then it goes out within seconds', async () => {
    paced = await startPacedBot({ start: START });
    queue(paced, Array.from({ length: 200 }, (_, n) => ({ to: chat(n), text: `Ringkasan ${n}`, priority: 'bulk' as const })));
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 60_000);
    const askedAt = paced.vt.now();
    queue(paced, [{ to: chat(9999), text: 'Balasan untuk Anda' }]);
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 60_000);
    const reply = paced.sends.find((s) => s.jid === jid(chat(9999)))!;
    expect(reply.at - askedAt).toBeLessThanOrEqual(5_500);
  });

  it('when a chat has a digest waiting and then a reply, then the digest goes at reply priority and the reply follows it', async () => {
    paced = await startPacedBot({ start: START, pacing: { outreachPerMinute: 1 } });
    queue(paced, Array.from({ length: 5 }, (_, n) => ({ to: chat(n), text: `Ringkasan ${n}`, priority: 'bulk' as const })));
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 2_000);
    queue(paced, [{ to: chat(3), text: 'Balasan' }]);
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 30_000);
    const toChat3 = paced.sends.filter((s) => s.jid === jid(chat(3))).map((s) => s.text);
    expect(toChat3).toEqual(['Ringkasan 3', 'Balasan']);
  });
});

describe('order per chat', () => {
  it('when a send fails because WhatsApp is unreachable, then that chat\'s later messages never overtake it', async () => {
    paced = await startPacedBot({ start: START });
    queue(paced, [
      { to: chat(1), text: 'A1' },
      { to: chat(2), text: 'B1' },
      { to: chat(1), text: 'A2' },
      { to: chat(1), text: 'A3' },
      { to: chat(2), text: 'B2' },
    ]);
    paced.sock().failNextSendWith = 500;
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 10 * 60_000);
    const texts = (n: number) => paced!.sends.filter((s) => s.jid === jid(chat(n))).map((s) => s.text);
    expect(texts(1)).toEqual(['A1', 'A2', 'A3']);
    expect(texts(2)).toEqual(['B1', 'B2']);
    expect(paced.database.db.select().from(outbox).all().every((r) => r.status === 'sent')).toBe(true);
  });

  it('when one message fails for a reason of its own, then its chat waits for its retry while other chats go on', async () => {
    paced = await startPacedBot({ start: START });
    const send = paced.transport.send.bind(paced.transport);
    let failed = false;
    paced.transport.send = async (message) => {
      if (!failed && message.content.kind === 'text' && message.content.text === 'A1') {
        failed = true;
        throw new Error('unexpected');
      }
      return send(message);
    };
    queue(paced, [
      { to: chat(1), text: 'A1' },
      { to: chat(1), text: 'A2' },
      { to: chat(2), text: 'B1' },
      { to: chat(2), text: 'B2' },
    ]);
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 10 * 60_000);
    const sent = paced.sends.map((s) => s.text);
    expect(sent.filter((t) => t.startsWith('A'))).toEqual(['A1', 'A2']);
    // Chat 2 did not wait for chat 1's retry.
    expect(sent.indexOf('B2')).toBeLessThan(sent.indexOf('A1'));
  });
});

describe('link outage', () => {
  it('when the link comes back after an outage, then the backlog goes out at once, in order, not after each message\'s backoff', async () => {
    paced = await startPacedBot({ start: START });
    paced.sock().ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: Object.assign(new Error('lost'), { output: { statusCode: 408 } }), date: new Date() } });
    queue(paced, Array.from({ length: 12 }, (_, n) => ({ to: chat(n % 3), text: `M${n}` })));
    void paced.bot.idle();
    // Down for 20 minutes: the dispatcher's own backoff (up to 2 minutes) has grown meanwhile.
    await paced.vt.run(paced.vt.now() + 20 * 60_000);
    expect(paced.sends).toHaveLength(0);
    // Reconnect (the transport's timer made a new socket); it opens now.
    const reopenedAt = paced.vt.now();
    paced.sock().ev.emit('connection.update', { connection: 'open' });
    await paced.vt.run(paced.vt.now() + 5 * 60_000);
    expect(paced.sends).toHaveLength(12);
    expect(paced.sends[0]!.at - reopenedAt).toBeLessThanOrEqual(6_000);
    for (let c = 0; c < 3; c++) {
      expect(paced.sends.filter((s) => s.jid === jid(chat(c))).map((s) => s.text)).toEqual([0, 1, 2, 3].map((k) => `M${k * 3 + c}`));
    }
  });
});

describe('send caps', () => {
  it('when the hourly cap is reached, then outreach waits with an alert while replies still go, and resumes in the next hour', async () => {
    paced = await startPacedBot({ start: START, caps: { hourly: 5, daily: 100 } });
    queue(paced, Array.from({ length: 8 }, (_, n) => ({ to: chat(n), text: `Ringkasan ${n}`, priority: 'bulk' as const })));
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 10 * 60_000);
    expect(paced.sends).toHaveLength(5);
    expect(openAlerts(paced.database.db).map((a) => a.kind)).toEqual(['SEND_CAP_REACHED']);
    queue(paced, [{ to: chat(100), text: 'Balasan' }]);
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 60_000);
    expect(paced.sends.map((s) => s.text)).toContain('Balasan');
    await paced.vt.run(paced.vt.now() + 60 * 60_000);
    void paced.bot.idle();
    await paced.vt.run(paced.vt.now() + 10 * 60_000);
    expect(paced.sends.filter((s) => s.text.startsWith('Ringkasan'))).toHaveLength(8);
    expect(openAlerts(paced.database.db)).toEqual([]);
  });
});
