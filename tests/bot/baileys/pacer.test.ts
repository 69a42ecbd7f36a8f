// Pacing on a fake clock: sleeping advances the clock, nothing waits for real.
import { describe, expect, it } from 'vitest';
import { Pacer, typingDelayMs } from '../../../src/bot/adapters/baileys/pacer.js';

function fakeTime() {
  let now = 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    at: () => now,
  };
}

describe('pacer', () => {
  it('when several chats get messages, then sends are at least a second apart overall', async () => {
    const t = fakeTime();
    const pacer = new Pacer(t.now, t.sleep, () => 0, { globalGapMs: 1_000, perChatGapMs: 4_000, jitterMinMs: 0, jitterMaxMs: 0 });
    const times: number[] = [];
    for (const chat of ['a', 'b', 'c', 'd']) {
      await pacer.waitTurn(chat);
      times.push(t.at());
    }
    expect(times.map((x) => x - times[0]!)).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it('when one chat gets several messages, then they are several seconds apart', async () => {
    const t = fakeTime();
    const pacer = new Pacer(t.now, t.sleep, () => 0, { globalGapMs: 1_000, perChatGapMs: 4_000, jitterMinMs: 0, jitterMaxMs: 0 });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pacer.waitTurn('a');
      times.push(t.at());
    }
    expect(times.map((x) => x - times[0]!)).toEqual([0, 4_000, 8_000]);
  });

  it('when jitter is configured, then every send waits a random extra within the bounds', async () => {
    const t = fakeTime();
    const pacer = new Pacer(t.now, t.sleep, () => 0.5, { globalGapMs: 0, perChatGapMs: 0, jitterMinMs: 500, jitterMaxMs: 2_000 });
    await pacer.waitTurn('a');
    await pacer.waitTurn('b');
    expect(t.sleeps).toEqual([1_250, 1_250]);
  });

  it('when text is long, then the typing pause grows but stays within 1–3 s', () => {
    expect(typingDelayMs('ok')).toBe(1_030);
    expect(typingDelayMs('x'.repeat(1000))).toBe(3_000);
  });
});
