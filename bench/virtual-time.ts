// A simulated clock with timers, for code that waits (pacing, typing pauses, backoff): nothing sleeps for real.
// run() lets every pending promise settle, then jumps to the next timer, until the time limit or no timer is left.
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { ManualClock } from '../src/clock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class VirtualTime {
  readonly clock: ManualClock;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(start: Date) {
    this.clock = new ManualClock(start);
  }

  now = (): number => this.clock.now().getTime();

  sleep = (ms: number): Promise<void> => new Promise((resolve) => this.#add(ms, resolve));

  /** Calls fn after ms of simulated time. */
  wake = (fn: () => void, ms: number): void => this.#add(ms, fn);

  /** Calls fn at an absolute simulated time (ms). */
  at(time: number, fn: () => void): void {
    this.#add(Math.max(0, time - this.now()), fn);
  }

  #add(ms: number, fire: () => void): void {
    this.#timers.push({ at: this.now() + Math.max(0, ms), seq: ++this.#seq, fire });
  }

  /** Lets promise chains (and better-sqlite3's synchronous work between them) settle. */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i++) await yieldToIo();
  }

  /** Advances through timers in time order until `until` (ms) or until none is left. */
  async run(until = Number.POSITIVE_INFINITY): Promise<void> {
    await this.settle();
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers[0];
      if (!next || next.at > until) break;
      this.#timers.shift();
      if (next.at > this.now()) this.clock.set(new Date(next.at));
      next.fire();
      await this.settle();
    }
    if (until !== Number.POSITIVE_INFINITY && until > this.now()) this.clock.set(new Date(until));
  }

  get pending(): number {
    return this.#timers.length;
  }
}
