// Time is an input: everything that needs "now" gets a Clock, so tests and the simulator can set it.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; never goes back. Used by the simulator and tests. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start: Date) {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  /** Moves the clock to `to`; only `allowBack` (the simulator's first @at) may move it backwards. */
  set(to: Date, { allowBack = false } = {}): void {
    if (!allowBack && to.getTime() < this.#now.getTime()) throw new RangeError('the clock never goes back');
    this.#now = new Date(to);
  }
  advance(ms: number): void {
    this.set(new Date(this.#now.getTime() + ms));
  }
}
