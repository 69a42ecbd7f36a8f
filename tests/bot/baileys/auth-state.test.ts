// Baileys' auth state on SQLite: creds and every signal key type survive a restart byte for byte, a keys.set batch
// is all-or-nothing, Baileys' real signal repository (LID mappings) runs on it offline; plus the LID-pair and
// sent-message tables, the registered phones without a LID, the send holds and the install seed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addTransactionCapability,
  BufferJSON,
  Curve,
  DEFAULT_CONNECTION_CONFIG,
  jidNormalizedUser,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
} from '@whiskeysockets/baileys';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAuthState } from '../../../src/bot/adapters/baileys/auth-state.js';
import type { AuthKeyValueStore } from '../../../src/bot/adapters/baileys/ports.js';
import { openReadyDatabase } from '../../../src/db/bootstrap.js';
import { openDatabase, type OpenDatabase } from '../../../src/db/client.js';
import { setPersonActive } from '../../../src/db/repos/people.repo.js';
import { loadOrCreateInstallSeed } from '../../../src/db/repos/runtime-state.repo.js';
import { waKeys, waLidPairs } from '../../../src/db/schema.js';
import {
  createAuthKeyValueStore,
  createLidPairStore,
  createSendHoldStore,
  createSentMessageStore,
  pruneSentMessages,
} from '../../../src/db/repos/whatsapp.repo.js';
import { importPeople } from '../../../src/people/people-import.js';
import { PEOPLE_CSV } from '../../helpers/people.js';

const logger = pino({ level: 'silent' });
const SESSION = 'main';

let dir: string | null = null;
const opened: OpenDatabase[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A database file that can be closed and reopened, like the bot restarting. */
function tempDatabase() {
  dir = mkdtempSync(join(tmpdir(), 'imp-wa-auth-'));
  const path = join(dir, 'bot.db');
  const open = () => {
    const database = openDatabase(path);
    opened.push(database);
    return database;
  };
  return { open };
}

function memoryDatabase() {
  const database = openDatabase(':memory:');
  opened.push(database);
  return database;
}

const bytes = (value: unknown) => Buffer.from(value as Uint8Array);
const random = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff));

/** A decoded proto instance, as Baileys receives it in APP_STATE_SYNC_KEY_SHARE and hands it to keys.set. */
function appStateSyncKey(keyData: Buffer) {
  const created = proto.Message.AppStateSyncKeyData.create({
    keyData,
    fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 3] },
    timestamp: 1_764_000_000_000,
  });
  return proto.Message.AppStateSyncKeyData.decode(proto.Message.AppStateSyncKeyData.encode(created).finish());
}

/** One realistic value per key type of rc14's SignalDataTypeMap; `satisfies` fails to compile if rc14 adds or drops a type. */
function sampleKeys() {
  const samples = {
    'pre-key': { '1': Curve.generateKeyPair(), '812': Curve.generateKeyPair() },
    session: { '6281234567001.0': new Uint8Array(random(420)) },
    'sender-key': { '120363000000000001@g.us::6281234567001::0': Buffer.from(JSON.stringify([{ senderKeyId: 1 }]), 'utf-8') },
    'sender-key-memory': { '120363000000000001@g.us': { '6281234567001:0@s.whatsapp.net': true, '123456789012345:3@lid': false } },
    'app-state-sync-key': { AAAAAFxy: appStateSyncKey(random(32)) },
    'app-state-sync-version': {
      regular_high: { version: 12, hash: random(128), indexValueMap: { 'q83vEjRWeJA=': { valueMac: new Uint8Array(random(32)) } } },
    },
    'lid-mapping': { '6281234567001': '123456789012345', '123456789012345_reverse': '6281234567001' },
    'device-list': { '6281234567001': ['0', '12', '99'] },
    tctoken: { '6281234567001@s.whatsapp.net': { token: random(24), timestamp: '1764000000', senderTimestamp: 1_764_000_001 } },
    'identity-key': { '6281234567001.0': new Uint8Array(random(33)) },
  } satisfies { [T in keyof SignalDataTypeMap]-?: Record<string, SignalDataTypeMap[T]> };
  return samples;
}

describe('creds', () => {
  it('when creds are saved and the database is closed and reopened, then they come back with every buffer byte-equal', () => {
    const files = tempDatabase();
    let database = files.open();
    const first = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION));
    const original = first.state.creds;
    first.saveCreds();
    database.close();

    database = files.open();
    const again = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.creds;
    expect(bytes(again.noiseKey.private).equals(bytes(original.noiseKey.private))).toBe(true);
    expect(bytes(again.noiseKey.public).equals(bytes(original.noiseKey.public))).toBe(true);
    expect(bytes(again.signedIdentityKey.private).equals(bytes(original.signedIdentityKey.private))).toBe(true);
    expect(bytes(again.signedPreKey.signature).equals(bytes(original.signedPreKey.signature))).toBe(true);
    expect(bytes(again.pairingEphemeralKeyPair.public).equals(bytes(original.pairingEphemeralKeyPair.public))).toBe(true);
    expect(Buffer.isBuffer(again.noiseKey.private)).toBe(true);
    expect(again.registrationId).toBe(original.registrationId);
    expect(again.advSecretKey).toBe(original.advSecretKey);
    // Everything else too: identical BufferJSON encodings mean identical values.
    expect(JSON.stringify(again, BufferJSON.replacer)).toBe(JSON.stringify(original, BufferJSON.replacer));
  });

  it('when nothing is stored, then fresh creds are made and the session is not paired', () => {
    const database = memoryDatabase();
    const auth = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION));
    expect(auth.isPaired()).toBe(false);
    expect(auth.state.creds.registered).toBe(false);
    expect(createAuthKeyValueStore(database.db, SESSION).readCreds()).toBeNull();
  });

  it('when Baileys sets creds.account and the creds are saved, then the session is paired after a restart and the account still encodes', () => {
    const files = tempDatabase();
    let database = files.open();
    const auth = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION));
    // What configureSuccessfulPairing assigns: a decoded proto instance, plus me.
    const account = proto.ADVSignedDeviceIdentity.decode(
      proto.ADVSignedDeviceIdentity.encode({
        details: random(40),
        accountSignatureKey: random(32),
        accountSignature: random(64),
        deviceSignature: random(64),
      }).finish(),
    );
    Object.assign(auth.state.creds, { account, me: { id: '6281234567000:12@s.whatsapp.net', lid: '987654321098765:12@lid' } });
    expect(auth.isPaired()).toBe(true);
    auth.saveCreds();
    database.close();

    database = files.open();
    const again = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION));
    expect(again.isPaired()).toBe(true);
    expect(again.state.creds.me?.id).toBe('6281234567000:12@s.whatsapp.net');
    // The proto's toJSON stores bytes as base64 strings; protobufjs encodes those back to the same bytes, which is
    // all Baileys does with creds.account (encodeSignedDeviceIdentity).
    const encodedAgain = proto.ADVSignedDeviceIdentity.encode(again.state.creds.account!).finish();
    expect(Buffer.from(encodedAgain).equals(Buffer.from(proto.ADVSignedDeviceIdentity.encode(account).finish()))).toBe(true);
  });

  it('when the session is cleared, then stored creds and keys are gone and the in-memory creds are fresh and unpaired', () => {
    const database = memoryDatabase();
    const store = createAuthKeyValueStore(database.db, SESSION);
    const other = createAuthKeyValueStore(database.db, 'other');
    other.writeKeys([{ type: 'session', id: 'x', json: '"kept"' }]);
    const auth = createSqliteAuthState(store);
    const oldCreds = auth.state.creds;
    auth.state.creds.account = proto.ADVSignedDeviceIdentity.create({ details: random(8) });
    auth.saveCreds();
    auth.state.keys.set({ 'lid-mapping': { '6281234567001': '123456789012345' } });

    auth.clear();
    expect(store.readCreds()).toBeNull();
    expect(store.readKeys('lid-mapping', ['6281234567001'])).toEqual({});
    expect(auth.isPaired()).toBe(false);
    expect(auth.state.creds).not.toBe(oldCreds);
    expect(other.readKeys('session', ['x'])).toEqual({ x: '"kept"' });
  });
});

describe('signal keys', () => {
  it('when every key type is set and the database is reopened, then each comes back with equal values and bytes', async () => {
    const files = tempDatabase();
    let database = files.open();
    const samples = sampleKeys();
    await createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.keys.set(samples);
    database.close();

    database = files.open();
    const keys = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.keys;
    const get = <T extends keyof SignalDataTypeMap>(type: T) => keys.get(type, Object.keys(samples[type]));

    const preKeys = await get('pre-key');
    for (const [id, pair] of Object.entries(samples['pre-key'])) {
      expect(bytes(preKeys[id]!.private).equals(bytes(pair.private))).toBe(true);
      expect(bytes(preKeys[id]!.public).equals(bytes(pair.public))).toBe(true);
    }
    const sessions = await get('session');
    expect(bytes(sessions['6281234567001.0']).equals(bytes(samples.session['6281234567001.0']))).toBe(true);
    const senderKeys = await get('sender-key');
    const senderKeyId = '120363000000000001@g.us::6281234567001::0';
    expect(bytes(senderKeys[senderKeyId]).equals(samples['sender-key'][senderKeyId])).toBe(true);
    expect(await get('sender-key-memory')).toEqual(samples['sender-key-memory']);

    const syncKey = (await get('app-state-sync-key'))['AAAAAFxy']!;
    expect(syncKey).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.isBuffer(syncKey.keyData) || syncKey.keyData instanceof Uint8Array).toBe(true);
    expect(bytes(syncKey.keyData).equals(bytes(samples['app-state-sync-key']['AAAAAFxy'].keyData))).toBe(true);
    expect(syncKey.fingerprint?.rawId).toBe(7);
    expect(Number(syncKey.timestamp)).toBe(1_764_000_000_000);

    const version = (await get('app-state-sync-version'))['regular_high']!;
    const sampleVersion = samples['app-state-sync-version'].regular_high;
    expect(version.version).toBe(12);
    expect(bytes(version.hash).equals(sampleVersion.hash)).toBe(true);
    expect(bytes(version.indexValueMap['q83vEjRWeJA=']!.valueMac).equals(bytes(sampleVersion.indexValueMap['q83vEjRWeJA='].valueMac))).toBe(true);

    expect(await get('lid-mapping')).toEqual(samples['lid-mapping']);
    expect(await get('device-list')).toEqual(samples['device-list']);
    const token = (await get('tctoken'))['6281234567001@s.whatsapp.net']!;
    expect(bytes(token.token).equals(samples.tctoken['6281234567001@s.whatsapp.net'].token)).toBe(true);
    expect(token.timestamp).toBe('1764000000');
    expect(token.senderTimestamp).toBe(1_764_000_001);
    const identity = await get('identity-key');
    expect(bytes(identity['6281234567001.0']).equals(bytes(samples['identity-key']['6281234567001.0']))).toBe(true);
  });

  it('when an app-state-sync-key was stored as a plain object with a buffer, then it also comes back as a proto with the same bytes', async () => {
    const database = memoryDatabase();
    const keys = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.keys;
    const keyData = random(32);
    await keys.set({ 'app-state-sync-key': { k: { keyData, timestamp: 5 } } });
    const back = (await keys.get('app-state-sync-key', ['k']))['k']!;
    expect(back).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(bytes(back.keyData).equals(keyData)).toBe(true);
  });

  it('when Baileys hands over a decoded proto, then its toJSON stores keyData as a base64 string, which create() would not turn back into bytes', () => {
    // Why auth-state.ts revives this type with fromObject rather than create (rc14 + protobufjs toJSON behaviour).
    const database = memoryDatabase();
    const store = createAuthKeyValueStore(database.db, SESSION);
    const keyData = random(32);
    createSqliteAuthState(store).state.keys.set({ 'app-state-sync-key': { k: appStateSyncKey(keyData) } });
    const revived = JSON.parse(store.readKeys('app-state-sync-key', ['k'])['k']!, BufferJSON.reviver) as { keyData: unknown };
    expect(revived.keyData).toBe(keyData.toString('base64'));
    expect(typeof proto.Message.AppStateSyncKeyData.create(revived as proto.Message.IAppStateSyncKeyData).keyData).toBe('string');
  });

  it('when some ids are missing, then get leaves them out', async () => {
    const database = memoryDatabase();
    const keys = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.keys;
    await keys.set({ 'device-list': { a: ['0'] } });
    const got = await keys.get('device-list', ['a', 'missing']);
    expect(got).toEqual({ a: ['0'] });
    expect('missing' in got).toBe(false);
    expect(await keys.get('session', [])).toEqual({});
  });

  it('when more ids are asked than fit in one query, then all of them are found', async () => {
    const database = memoryDatabase();
    const keys = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.keys;
    const many = Object.fromEntries(Array.from({ length: 1_200 }, (_, i) => [String(i + 1), { public: random(33), private: random(32) }]));
    await keys.set({ 'pre-key': many });
    const got = await keys.get('pre-key', [...Object.keys(many), 'nope']);
    expect(Object.keys(got)).toHaveLength(1_200);
  });

  it('when a value is set to null (or undefined), then its row is deleted and other ids stay', async () => {
    const database = memoryDatabase();
    const keys = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION)).state.keys;
    await keys.set({ 'pre-key': { '1': Curve.generateKeyPair(), '2': Curve.generateKeyPair(), '3': Curve.generateKeyPair() } });
    await keys.set({ 'pre-key': { '1': null, '2': undefined as unknown as null } });
    expect(Object.keys(await keys.get('pre-key', ['1', '2', '3']))).toEqual(['3']);
  });

  it('when a batch spans several types, then it reaches the store as one write', async () => {
    const database = memoryDatabase();
    const real = createAuthKeyValueStore(database.db, SESSION);
    const batches: number[] = [];
    const counting: AuthKeyValueStore = { ...real, writeKeys: (entries) => (batches.push(entries.length), real.writeKeys(entries)) };
    const samples = sampleKeys();
    await createSqliteAuthState(counting).state.keys.set(samples);
    const total = Object.values(samples).reduce((n, byId) => n + Object.keys(byId).length, 0);
    expect(total).toBe(12);
    expect(batches).toEqual([total]);
  });

  it('when one write of a multi-type batch fails, then nothing of that batch is written and earlier values are untouched', async () => {
    const database = memoryDatabase();
    const real = createAuthKeyValueStore(database.db, SESSION);
    const keys = createSqliteAuthState(real).state.keys;
    await keys.set({ session: { s1: new Uint8Array(random(10)) }, 'pre-key': { '9': Curve.generateKeyPair() } });
    const before = database.db.select().from(waKeys).all();

    // The last entry gets a value SQLite cannot bind, so the failure comes after the earlier upserts and the delete
    // of the same batch already ran inside the transaction.
    const failingLast: AuthKeyValueStore = {
      ...real,
      writeKeys: (entries) =>
        real.writeKeys(entries.map((e, i) => (i === entries.length - 1 ? { ...e, json: { not: 'a string' } as unknown as string } : e))),
    };
    const batch: SignalDataSet = {
      session: { s1: new Uint8Array(random(11)), s2: new Uint8Array(random(12)) },
      'pre-key': { '9': null },
      'lid-mapping': { '6281234567001': '123456789012345' },
      'identity-key': { 'x.0': new Uint8Array(random(33)) },
    };
    expect(() => createSqliteAuthState(failingLast).state.keys.set(batch)).toThrow();
    expect(database.db.select().from(waKeys).all()).toEqual(before);

    // The same failure directly on the repository's writeKeys.
    expect(() =>
      real.writeKeys([
        { type: 'device-list', id: 'a', json: '["0"]' },
        { type: 'session', id: 's1', json: null },
        // SQLite accepts a bigint (this row is written inside the transaction), then refuses the symbol.
        { type: 'tctoken', id: 'b', json: 42n as unknown as string },
        { type: 'tctoken', id: 'c', json: Symbol('bad') as unknown as string },
      ]),
    ).toThrow();
    expect(database.db.select().from(waKeys).all()).toEqual(before);
  });
});

describe("Baileys' signal repository on the store (offline)", () => {
  it('when LID mappings are stored, then a new repository after a restart finds the phone for the LID', async () => {
    const files = tempDatabase();
    const transactionOpts = { maxCommitRetries: 1, delayBetweenTriesMs: 1 };
    const repository = (database: OpenDatabase) => {
      const { state } = createSqliteAuthState(createAuthKeyValueStore(database.db, SESSION));
      return DEFAULT_CONNECTION_CONFIG.makeSignalRepository(
        { creds: state.creds, keys: addTransactionCapability(state.keys, logger, transactionOpts) },
        logger,
      );
    };

    let database = files.open();
    const first = repository(database);
    await first.lidMapping.storeLIDPNMappings([{ lid: '123456789012345@lid', pn: '6281234567001@s.whatsapp.net' }]);
    first.lidMapping.close();
    first.close?.();
    // Stored the way §4 of the Baileys notes describes: pnUser → lidUser and lidUser_reverse → pnUser.
    const store = createAuthKeyValueStore(database.db, SESSION);
    expect(store.readKeys('lid-mapping', ['6281234567001', '123456789012345_reverse'])).toEqual({
      '6281234567001': '"123456789012345"',
      '123456789012345_reverse': '"6281234567001"',
    });
    database.close();

    database = files.open();
    const second = repository(database);
    const pn = await second.lidMapping.getPNForLID('123456789012345@lid');
    expect(pn).not.toBeNull();
    expect(jidNormalizedUser(pn!)).toBe('6281234567001@s.whatsapp.net');
    expect(await second.lidMapping.getPNForLID('999999999999999@lid')).toBeNull();
    second.lidMapping.close();
    second.close?.();
  });
});

describe('LID pairs and sent messages', () => {
  it('when a pair is seen again unchanged, then nothing is rewritten; when the phone changes, then phone and seen time are updated', () => {
    const database = memoryDatabase();
    let now = new Date('2026-11-25T00:00:00Z');
    const pairs = createLidPairStore(database.db, () => now);
    const rows = () => database.db.select().from(waLidPairs).all();
    expect(pairs.phoneFor('123456789012345')).toBeNull();
    pairs.remember('123456789012345', '+6281234567001');
    expect(pairs.phoneFor('123456789012345')).toBe('+6281234567001');

    now = new Date('2026-11-26T00:00:00Z');
    pairs.remember('123456789012345', '+6281234567001');
    expect(rows()).toEqual([{ lid: '123456789012345', phone: '+6281234567001', seenAt: '2026-11-25T00:00:00.000Z' }]);

    now = new Date('2026-11-27T00:00:00Z');
    pairs.remember('123456789012345', '+6281234567999');
    expect(rows()).toEqual([{ lid: '123456789012345', phone: '+6281234567999', seenAt: '2026-11-27T00:00:00.000Z' }]);
    expect(pairs.phoneFor('123456789012345')).toBe('+6281234567999');
  });

  it('when a sent message is saved twice, then the first copy is kept and load finds it; unknown ids give null', () => {
    const database = memoryDatabase();
    const sent = createSentMessageStore(database.db);
    const message = Buffer.from(proto.Message.encode(proto.Message.create({ conversation: 'Laporan diterima' })).finish()).toString('base64');
    sent.save('3EB0AAA', '6281234567001@s.whatsapp.net', message, new Date('2026-11-25T00:00:00Z'));
    sent.save('3EB0AAA', '6281234567001@s.whatsapp.net', 'b3RoZXI=', new Date('2026-11-25T00:01:00Z'));
    expect(sent.load('3EB0AAA')).toBe(message);
    expect(proto.Message.decode(Buffer.from(sent.load('3EB0AAA')!, 'base64')).conversation).toBe('Laporan diterima');
    expect(sent.load('nope')).toBeNull();
  });

  it('when sent messages are pruned, then only those older than the cut-off go and the count is returned', () => {
    const database = memoryDatabase();
    const sent = createSentMessageStore(database.db);
    sent.save('old1', 'a@s.whatsapp.net', 'AA==', new Date('2026-10-01T00:00:00Z'));
    sent.save('old2', 'b@s.whatsapp.net', 'AA==', new Date('2026-10-31T23:59:59Z'));
    sent.save('edge', 'c@s.whatsapp.net', 'AA==', new Date('2026-11-01T00:00:00Z'));
    sent.save('new', 'd@s.whatsapp.net', 'AA==', new Date('2026-11-20T00:00:00Z'));
    expect(pruneSentMessages(database.db, new Date('2026-11-01T00:00:00Z'))).toBe(2);
    expect(['old1', 'old2', 'edge', 'new'].map((id) => sent.load(id) !== null)).toEqual([false, false, true, true]);
    expect(pruneSentMessages(database.db, new Date('2026-11-01T00:00:00Z'))).toBe(0);
  });
});

describe('registered phones without a LID', () => {
  it('when people are registered, then those active and without a pair are listed in registration order, up to the limit', () => {
    const database = openReadyDatabase(':memory:');
    try {
      const now = new Date('2026-11-25T00:00:00Z');
      expect(importPeople(database.db, PEOPLE_CSV, database.areas, 'test', now).ok).toBe(true);
      const pairs = createLidPairStore(database.db, () => now);
      expect(pairs.phonesWithoutLid(10)).toEqual(['+6281234567001', '+6281234567002', '+6281234567003', '+6281234567004', '+6281234567005']);
      pairs.remember('111100002222333', '+6281234567001');
      setPersonActive(database.db, '+6281234567003', false, 'test', now);
      expect(pairs.phonesWithoutLid(10)).toEqual(['+6281234567002', '+6281234567004', '+6281234567005']);
      expect(pairs.phonesWithoutLid(2)).toEqual(['+6281234567002', '+6281234567004']);
    } finally {
      database.close();
    }
  });
});

describe('send holds', () => {
  it('when holds are stored, then they survive a reopen, are per session, replace one another per scope, and release removes them', () => {
    const files = tempDatabase();
    const now = () => new Date('2026-11-25T00:00:00Z');
    let database = files.open();
    const main = createSendHoldStore(database.db, SESSION, now);
    main.hold('*', new Date('2026-11-25T02:00:00Z'), 'reach-out restricted (DEFAULT)');
    main.hold('6281234567009@s.whatsapp.net', new Date('2026-11-25T06:00:00Z'), 'WhatsApp refused a message (463)');
    main.hold('6281234567009@s.whatsapp.net', new Date('2026-11-25T07:00:00Z'), 'WhatsApp refused a message (479)');
    createSendHoldStore(database.db, 'other', now).hold('*', new Date('2026-11-26T00:00:00Z'), 'other session');
    database.close();

    database = files.open();
    const reopened = createSendHoldStore(database.db, SESSION, now);
    const byScope = (rows: ReturnType<typeof reopened.load>) => [...rows].sort((a, b) => a.scope.localeCompare(b.scope));
    expect(byScope(reopened.load())).toEqual([
      { scope: '*', until: new Date('2026-11-25T02:00:00Z'), reason: 'reach-out restricted (DEFAULT)' },
      { scope: '6281234567009@s.whatsapp.net', until: new Date('2026-11-25T07:00:00Z'), reason: 'WhatsApp refused a message (479)' },
    ]);
    reopened.release('*');
    reopened.release('nothing-held');
    expect(reopened.load().map((h) => h.scope)).toEqual(['6281234567009@s.whatsapp.net']);
    expect(createSendHoldStore(database.db, 'other', now).load()).toHaveLength(1);
  });
});

describe('install seed', () => {
  it('when the seed is asked for twice and after a reopen, then it is the same secret; another database gets another one', () => {
    const files = tempDatabase();
    const now = new Date('2026-11-25T00:00:00Z');
    let database = files.open();
    const seed = loadOrCreateInstallSeed(database.db, now);
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(loadOrCreateInstallSeed(database.db, now)).toBe(seed);
    database.close();
    database = files.open();
    expect(loadOrCreateInstallSeed(database.db, now)).toBe(seed);
    expect(loadOrCreateInstallSeed(memoryDatabase().db, now)).not.toBe(seed);
  });
});
