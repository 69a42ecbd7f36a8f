// In-memory implementations of the WhatsApp adapter's ports, and a socket built on Baileys' real event emitter
// (makeEventBuffer) with recorded sends: the adapter is exercised with Baileys' own objects, offline.
import { makeEventBuffer, type ReachoutTimelockState, type UserFacingSocketConfig, type WAMessage } from '@whiskeysockets/baileys';
import pino from 'pino';
import type { WaSocket } from '../../src/bot/adapters/baileys/baileys-transport.js';
import type { AuthKeyValueStore, LidPairStore, SendHoldStore, SentMessageStore } from '../../src/bot/adapters/baileys/ports.js';
import type { LinkEvents, LinkState } from '../../src/bot/transport.js';

export const silent = pino({ level: 'silent' });

export function memoryAuthStore(): AuthKeyValueStore & { keys: Map<string, string> } {
  let creds: string | null = null;
  const keys = new Map<string, string>();
  return {
    keys,
    readCreds: () => creds,
    writeCreds: (json) => void (creds = json),
    readKeys: (type, ids) => Object.fromEntries(ids.flatMap((id) => (keys.has(`${type}/${id}`) ? [[id, keys.get(`${type}/${id}`)!]] : []))),
    writeKeys: (entries) => entries.forEach((e) => (e.json === null ? keys.delete(`${e.type}/${e.id}`) : keys.set(`${e.type}/${e.id}`, e.json))),
    clear: () => {
      creds = null;
      keys.clear();
    },
  };
}

/** `registered`: the phones of active registered people (phonesWithoutLid answers those without a pair). */
export function memoryPairs(registered: string[] = []): LidPairStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    remember: (lid, phone) => void map.set(lid, phone),
    phoneFor: (lid) => map.get(lid) ?? null,
    phonesWithoutLid: (limit) => registered.filter((phone) => ![...map.values()].includes(phone)).slice(0, limit),
  };
}

export function memoryHolds(): SendHoldStore & { rows: Map<string, { until: Date; reason: string }> } {
  const rows = new Map<string, { until: Date; reason: string }>();
  return {
    rows,
    load: () => [...rows].map(([scope, row]) => ({ scope, ...row })),
    hold: (scope, until, reason) => void rows.set(scope, { until, reason }),
    release: (scope) => void rows.delete(scope),
  };
}

export function memorySent(): SentMessageStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, save: (id, _jid, message) => void map.set(id, message), load: (id) => map.get(id) ?? null };
}

export interface RecordedEvents extends LinkEvents {
  states: { state: LinkState; detail: string }[];
  failures: { id: string; code: string }[];
  pairings: ({ qr: string } | { code: string })[];
  /** Resolves when the link reaches `state`. */
  reach(state: LinkState): Promise<void>;
}

export function recordEvents(): RecordedEvents {
  const waiters: { state: LinkState; resolve: () => void }[] = [];
  const events: RecordedEvents = {
    states: [],
    failures: [],
    pairings: [],
    stateChanged(state, detail) {
      events.states.push({ state, detail });
      for (const w of waiters.filter((w) => w.state === state)) w.resolve();
    },
    deliveryFailed: (id, code) => void events.failures.push({ id, code }),
    pairing: (info) => void events.pairings.push(info),
    reach: (state) =>
      events.states.some((s) => s.state === state) ? Promise.resolve() : new Promise((resolve) => waiters.push({ state, resolve })),
  };
  return events;
}

/** A socket whose event emitter is Baileys' own; sends and read receipts are recorded, not transmitted. */
export interface FakeSocket extends WaSocket {
  config: UserFacingSocketConfig;
  sentMessages: { jid: string; content: unknown }[];
  /** The messageId option of each send, in order. */
  messageIds: (string | undefined)[];
  /** What fetchAccountReachoutTimelock answers (an Error is thrown). */
  reachout: ReachoutTimelockState | Error;
  reachoutPolls: number;
  presences: string[];
  reads: unknown[];
  ended: boolean;
  failNextSendWith?: number;
}

export function fakeSocketFactory(
  lidToPn: (lid: string) => Promise<string | null> = async () => null,
  pnToLid: (pn: string) => Promise<string | null> = async () => null,
) {
  const sockets: FakeSocket[] = [];
  let seq = 0;
  const factory = (config: UserFacingSocketConfig): WaSocket => {
    const sock: FakeSocket = {
      config,
      ev: makeEventBuffer(silent),
      sentMessages: [],
      messageIds: [],
      reachout: { isActive: false },
      reachoutPolls: 0,
      presences: [],
      reads: [],
      ended: false,
      signalRepository: { lidMapping: { getPNForLID: lidToPn, getLIDForPN: pnToLid } } as unknown as WaSocket['signalRepository'],
      async sendMessage(jid: string, content: unknown, options?: { messageId?: string }) {
        if (sock.failNextSendWith) {
          const code = sock.failNextSendWith;
          sock.failNextSendWith = undefined;
          throw Object.assign(new Error('nack'), { output: { statusCode: code } });
        }
        sock.sentMessages.push({ jid, content });
        sock.messageIds.push(options?.messageId);
        const id = options?.messageId ?? `OUT${++seq}`;
        return { key: { id, remoteJid: jid, fromMe: true }, message: { conversation: (content as { text?: string }).text ?? '' } } as WAMessage;
      },
      async readMessages(keys: unknown[]) {
        sock.reads.push(...keys);
      },
      async sendPresenceUpdate(type: string) {
        sock.presences.push(type);
      },
      async groupMetadata(jid: string) {
        return { id: jid, subject: 'grp', participants: [] } as never;
      },
      end() {
        sock.ended = true;
      },
      async requestPairingCode() {
        return 'ABCD1234';
      },
      // rc14 also emits connection.update { reachoutTimeLock } with the answer; the adapter applies the return value.
      async fetchAccountReachoutTimelock() {
        sock.reachoutPolls++;
        if (sock.reachout instanceof Error) throw sock.reachout;
        return sock.reachout;
      },
    } as unknown as FakeSocket;
    sockets.push(sock);
    return sock;
  };
  return { factory, sockets };
}
