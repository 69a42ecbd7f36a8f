// A send that keeps failing is retried with backoff and then given up: failed with its reason, listed by
// `whatsapp status`, and told to the admins. A link outage never uses up a message's tries.
import { afterEach, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../src/admin/commands.js';
import { MAX_SEND_ATTEMPTS } from '../../../src/bot/outbound/outbox-dispatcher.js';
import { loadConfig } from '../../../src/config.js';
import { enqueueOutbound } from '../../../src/db/repos/outbox.repo.js';
import { outbox } from '../../../src/db/schema.js';
import { Harness } from '../../helpers/harness.js';
import { PEOPLE_CSV } from '../../helpers/people.js';

const ADMIN = '+6281100000009';
const PEOPLE = `${PEOPLE_CSV}\n081100000009,Admin Dinas,admin,73.06,`;
const PKB = '+6281234567003';

let h: Harness;
afterEach(() => h.close());

async function statusText(): Promise<string> {
  const lines: string[] = [];
  await runAdminCommand('whatsapp', ['status', '--db', h.dbPath], loadConfig({}), { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return lines.join('\n');
}

describe('a send that keeps failing', () => {
  it('when a digest cannot be sent again and again, then it is retried with backoff, then given up with its reason, shown in status, and the admins are told', async () => {
    h = await Harness.create({ people: PEOPLE });
    const send = h.transport.send.bind(h.transport);
    let tries = 0;
    h.transport.send = async (message) => {
      if (message.content.kind === 'text' && message.content.text.startsWith('Ringkasan')) {
        tries++;
        throw new Error('media server said no');
      }
      return send(message);
    };
    enqueueOutbound(h.db, { toAddress: PKB, priority: 'bulk', kind: 'text', text: 'Ringkasan harian' }, h.clock.now());
    await h.bot.idle();
    expect(tries).toBe(1);
    // Each retry waits its backoff: nothing happens before it is due.
    await h.bot.idle();
    expect(tries).toBe(1);
    for (let i = 0; i < 20 && tries < MAX_SEND_ATTEMPTS; i++) {
      h.clock.advance(10 * 60_000);
      await h.bot.idle();
    }
    expect(tries).toBe(MAX_SEND_ATTEMPTS);
    const row = h.db.select().from(outbox).all().find((r) => r.text === 'Ringkasan harian')!;
    expect(row).toMatchObject({ status: 'failed', lastError: expect.stringContaining(`media server said no (gave up after ${MAX_SEND_ATTEMPTS} tries)`), failedAt: expect.any(String) });
    h.clock.advance(60 * 60_000);
    await h.bot.idle();
    expect(tries).toBe(MAX_SEND_ATTEMPTS);
    const toAdmin = h.transport.sent.filter((m) => m.to === ADMIN).map((m) => (m.content.kind === 'text' ? m.content.text : ''));
    expect(toAdmin).toEqual([expect.stringContaining('1 pesan gagal dikirim dalam 24 jam terakhir')]);
    const status = await statusText();
    expect(status).toContain('Outbox: 0 pending');
    expect(status).toContain('1 failed');
    expect(status).toMatch(/Last failed messages:\n {2}\S+ to \+62812\*\*\*\*003: Error: media server said no \(gave up after 8 tries\)/);
  });

  it('when the link is down for a long time, then the waiting messages keep their tries and go out once it is back', async () => {
    h = await Harness.create({ people: PEOPLE });
    h.transport.offline = true;
    enqueueOutbound(h.db, { toAddress: PKB, priority: 'bulk', kind: 'text', text: 'Ringkasan harian' }, h.clock.now());
    for (let i = 0; i < 30; i++) {
      h.clock.advance(10 * 60_000);
      await h.bot.idle();
    }
    expect(h.db.select().from(outbox).get()).toMatchObject({ status: 'pending', attempts: 0 });
    h.transport.offline = false;
    h.clock.advance(10 * 60_000);
    await h.bot.idle();
    expect(h.db.select().from(outbox).get()).toMatchObject({ status: 'sent' });
  });
});
