import { describe, expect, it } from 'vitest';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { backoffMs, decideReconnect } from '../../../src/bot/adapters/baileys/reconnect-policy.js';

const mid = () => 0.5; // jitter factor exactly 1

describe('reconnect policy (docs/whatsapp.md §2)', () => {
  it.each([
    [DisconnectReason.loggedOut, { action: 'stop', state: 'logged_out', wipeAuth: true }],
    [419, { action: 'stop', state: 'logged_out', wipeAuth: true }],
    [DisconnectReason.multideviceMismatch, { action: 'stop', state: 'logged_out', wipeAuth: true }],
    [DisconnectReason.forbidden, { action: 'stop', state: 'banned', wipeAuth: false }],
    [DisconnectReason.connectionReplaced, { action: 'stop', state: 'replaced', wipeAuth: false }],
    [DisconnectReason.restartRequired, { action: 'reconnect', delayMs: 0 }],
    [DisconnectReason.connectionClosed, { action: 'reconnect', delayMs: 2_000 }],
    [DisconnectReason.connectionLost, { action: 'reconnect', delayMs: 2_000 }],
    [DisconnectReason.timedOut, { action: 'reconnect', delayMs: 2_000 }],
    [DisconnectReason.badSession, { action: 'reconnect', delayMs: 2_000 }],
    [DisconnectReason.unavailableService, { action: 'reconnect', delayMs: 2_000 }],
    [405, { action: 'reconnect', delayMs: 2_000, refreshVersion: true }],
    [undefined, { action: 'reconnect', delayMs: 2_000 }],
  ])('when the socket closes with %s, then the decision is %o', (code, expected) => {
    expect(decideReconnect(code, 0, mid)).toMatchObject(expected);
  });

  it('when the close is not 405, then no version refresh is asked for', () => {
    for (const code of [408, 428, 500, 503, 515, undefined]) expect(decideReconnect(code, 0, mid)).not.toHaveProperty('refreshVersion');
    expect(decideReconnect(405, 3, mid)).toMatchObject({ delayMs: 16_000, refreshVersion: true });
  });

  it('when reconnects keep failing, then the delay doubles up to a minute, with jitter between 0.5 and 1.5', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffMs(a, mid))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(backoffMs(0, () => 0)).toBe(1_000);
    expect(backoffMs(0, () => 0.999999)).toBe(3_000);
  });

  it('when the code table of the guide is checked against Baileys, then the enum values match', () => {
    expect([DisconnectReason.loggedOut, DisconnectReason.forbidden, DisconnectReason.multideviceMismatch, DisconnectReason.connectionReplaced, DisconnectReason.restartRequired]).toEqual([401, 403, 411, 440, 515]);
  });
});
