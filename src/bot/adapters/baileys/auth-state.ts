// Baileys' AuthenticationState on our own durable key/value port (SQLite in production), replacing
// useMultiFileAuthState, which rc14's own docs advise against for production: its writes are neither atomic nor
// crash-safe, and it silently turns an unreadable creds file into a fresh identity.
// This module owns the encoding: every value goes through BufferJSON (plain JSON would mangle key bytes), and the
// port only ever sees strings.
import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { AuthKeyValueStore } from './ports.js';

export interface SqliteAuthState {
  /** Pass as `auth` (keys may be wrapped in makeCacheableSignalKeyStore). `state.creds` is replaced by clear(). */
  readonly state: AuthenticationState;
  /** Persists the whole current `state.creds`; call on every `creds.update`. */
  saveCreds(): void;
  /** Forgets the session (stored creds and keys) and starts over with fresh, unpaired creds in memory. */
  clear(): void;
  /** Whether pairing completed: `creds.account` is only set by a successful pairing (`creds.registered` is not reliable). */
  isPaired(): boolean;
}

const encode = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
const decode = (json: string): unknown => JSON.parse(json, BufferJSON.reviver) as unknown;

export function createSqliteAuthState(store: AuthKeyValueStore): SqliteAuthState {
  const stored = store.readCreds();
  // A stored but unreadable creds row throws here on purpose: silently pairing a new identity over it (what the
  // multi-file store does) would hide the problem and lose the session.
  const state: { creds: AuthenticationCreds; keys: SignalKeyStore } = {
    creds: stored === null ? initAuthCreds() : (decode(stored) as AuthenticationCreds),
    keys: {
      get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]): { [id: string]: SignalDataTypeMap[T] } {
        const out: { [id: string]: SignalDataTypeMap[T] } = {};
        for (const [id, json] of Object.entries(store.readKeys(type, ids))) {
          const value = decode(json);
          // Baileys stores this key as the decoded protobuf instance. JSON.stringify calls the proto's toJSON,
          // which writes bytes as base64 *strings* (not BufferJSON buffers), so the reviver cannot restore them.
          // fromObject decodes base64 strings back to bytes (and accepts Buffers too); create() would keep keyData
          // a string and the app-state keys derived from it would be wrong.
          out[id] = (
            type === 'app-state-sync-key' ? proto.Message.AppStateSyncKeyData.fromObject(value as Record<string, unknown>) : value
          ) as SignalDataTypeMap[T];
        }
        return out;
      },

      set(data: SignalDataSet): void {
        // All types of the set in ONE port batch, hence one database transaction: a ratchet step touches several
        // types (session, pre-key removal, identity-key…) and must land completely or not at all.
        const entries: { type: string; id: string; json: string | null }[] = [];
        for (const [type, byId] of Object.entries(data)) {
          if (!byId) continue;
          for (const [id, value] of Object.entries(byId as Record<string, unknown>)) {
            // null (or a missing value) means "delete this id" in Baileys' contract.
            entries.push({ type, id, json: value === null || value === undefined ? null : encode(value) });
          }
        }
        if (entries.length > 0) store.writeKeys(entries);
      },

      // Baileys itself never calls this. The port can only forget a whole session, and keys without the identity
      // they belong to are useless, so it clears everything like clear() below.
      clear(): void {
        clearAll();
      },
    },
  };

  function clearAll(): void {
    store.clear();
    // A new object rather than a reset of the old one: a dying socket still holds (and may Object.assign into) the
    // old creds; replacing the reference keeps those late updates out of what saveCreds writes from now on.
    state.creds = initAuthCreds();
  }

  return {
    state,
    saveCreds: () => store.writeCreds(encode(state.creds)),
    clear: clearAll,
    isPaired: () => state.creds.account !== undefined && state.creds.account !== null,
  };
}
