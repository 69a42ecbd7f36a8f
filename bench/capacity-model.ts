// The capacity model behind the README's table and the pacing test: the real bot (journal, router, flows, database,
// outbox dispatcher and rate gate) and the real WhatsApp transport (typing pause included) on a fake Baileys socket,
// driven on a simulated clock. N cadres fill in the guided monthly recap at once (13 messages each, a think time
// after every reply) while a backlog of digest messages waits as outreach; every reply's delay is measured from the
// moment its message arrived to the moment the socket sends it.
import { proto, type WAMessage } from '@whiskeysockets/baileys';
import { WHATSAPP_PACING } from '../src/bot/outbound/outbox-dispatcher.js';
import { enqueueOutbound } from '../src/db/repos/outbox.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../src/domain/recap/fields.js';
import { importPeople } from '../src/people/people-import.js';
import { fromWita } from '../src/time/wita.js';
import { CLEAN_RECAP } from '../tests/helpers/recap-fixture.js';
import { startPacedBot } from './paced-bot.js';
import { seededRandom } from './random.js';

export interface CapacityOptions {
  cadres: number;
  /** Messages per second, all chats together. */
  ratePerSecond: number;
  burst?: number;
  /** Digest messages queued as bulk outreach at the start. */
  outreach?: number;
  /** Time a cadre takes to answer after reading the bot's reply. */
  thinkMs?: number;
  seed?: number;
}

export interface CapacityResult {
  cadres: number;
  ratePerSecond: number;
  replies: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Outreach messages sent while the cadres were still busy, and in all. */
  outreachDuringRush: number;
  outreachSent: number;
  /** Simulated time until the last cadre's last reply. */
  rushMs: number;
}

/** The 13 messages of a guided recap: greeting, menu (the only open month is named, not asked), the 10 groups of numbers, KIRIM. */
export function guidedRecapMessages(): string[] {
  const groups = activeGroups(DEFAULT_RECAP_SETTINGS).map((g) => g.fields.map((f) => String(CLEAN_RECAP[f])).join(' '));
  return ['halo', '1', ...groups, 'KIRIM'];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runCapacityModel(options: CapacityOptions): Promise<CapacityResult> {
  const { cadres, ratePerSecond, burst = WHATSAPP_PACING.burst, outreach = 0, thinkMs = 20_000, seed = 1 } = options;
  const random = seededRandom(seed + 1);
  const paced = await startPacedBot({ start: fromWita(2026, 12, 2, 9, 0), pacing: { ratePerSecond, burst }, seed });
  const { vt, database, bot } = paced;
  const desa = database.areas.allDesa();
  if (cadres > desa.length) throw new RangeError(`at most ${desa.length} cadres (one PPKBD per desa)`);
  const phones = Array.from({ length: cadres }, (_, i) => `+62812700${String(i).padStart(5, '0')}`);
  const csv = ['phone,name,role,area,unit', ...phones.map((p, i) => `${p},Kader ${i},ppkbd,${desa[i]!.code},`)].join('\n');
  const imported = importPeople(database.db, csv, database.areas, 'capacity', vt.clock.now());
  if (!imported.ok) throw new Error('capacity model: people import failed');
  const sock = paced.sock();

  const script = guidedRecapMessages();
  const jidOf = (phone: string) => `${phone.slice(1)}@s.whatsapp.net`;
  const cadreOfJid = new Map(phones.map((p, i) => [jidOf(p), i]));
  const next = new Array<number>(cadres).fill(0);
  const lastInboundAt = new Array<number>(cadres).fill(0);
  const awaitingReply = new Array<boolean>(cadres).fill(false);
  const latencies: number[] = [];
  let finished = 0;
  let rushEnd = 0;
  let outreachSent = 0;
  let outreachDuringRush = 0;

  const deliver = (i: number) => {
    const k = next[i]!++;
    lastInboundAt[i] = vt.now();
    awaitingReply[i] = true;
    const message: WAMessage = {
      key: { id: `CAP${i}-${k}`, remoteJid: jidOf(phones[i]!), fromMe: false },
      message: proto.Message.create({ conversation: script[k]! }),
      messageTimestamp: Math.floor(vt.now() / 1000),
    };
    sock.ev.emit('messages.upsert', { messages: [message], type: 'notify' });
  };

  // Each send the socket makes: a reply to a cadre (measured; the cadre answers after thinking) or outreach.
  const onSend = ({ jid, at }: { jid: string; at: number }) => {
    const i = cadreOfJid.get(jid);
    if (i === undefined) {
      outreachSent++;
      if (finished < cadres) outreachDuringRush++;
      return;
    }
    latencies.push(at - lastInboundAt[i]!);
    if (awaitingReply[i]) {
      awaitingReply[i] = false;
      if (next[i]! < script.length) vt.wake(() => deliver(i), thinkMs);
      else if (++finished === cadres) rushEnd = at;
    }
  };
  const sends = paced.sends;
  const push = sends.push.bind(sends);
  sends.push = (...items) => {
    items.forEach(onSend);
    return push(...items);
  };

  const start = vt.now();
  if (outreach > 0) {
    database.db.transaction((tx) => {
      for (let n = 0; n < outreach; n++) {
        enqueueOutbound(tx, { toAddress: `+62813900${String(n).padStart(5, '0')}`, priority: 'bulk', kind: 'text', text: `Ringkasan harian ${n}` }, vt.clock.now());
      }
    });
    void bot.idle();
  }
  // Cadres start within the first think time, not all in the same second.
  for (let i = 0; i < cadres; i++) vt.wake(() => deliver(i), Math.floor(random() * thinkMs));

  // Advance a minute at a time until every cadre has sent KIRIM and been answered (or a generous limit).
  const limit = start + 6 * 3600_000;
  while (finished < cadres && vt.now() < limit) await vt.run(vt.now() + 60_000);
  await paced.close();

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    cadres,
    ratePerSecond,
    replies: latencies.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? 0,
    outreachDuringRush,
    outreachSent,
    rushMs: (rushEnd || vt.now()) - start,
  };
}
