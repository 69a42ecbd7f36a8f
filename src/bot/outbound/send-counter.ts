// Hourly and daily send caps (a number that suddenly sends thousands of messages a day gets restricted). Sends are
// counted per minute over the last 24 hours, seeded from the outbox at start so a restart does not reset the count.
import type { Db } from '../../db/client.js';
import { sentPerMinute } from '../../db/repos/outbox.repo.js';

export interface SendCaps {
  hourly: number;
  daily: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;

export class SendCounter {
  readonly #perMinute = new Map<number, number>();
  #wasCapped = false;

  constructor(
    db: Db,
    private readonly caps: SendCaps,
    now: Date,
  ) {
    for (const { minute, n } of sentPerMinute(db, new Date(now.getTime() - DAY_MS))) {
      this.#perMinute.set(Math.floor(Date.parse(`${minute}:00Z`) / MINUTE_MS), n);
    }
  }

  record(at: Date): void {
    const minute = Math.floor(at.getTime() / MINUTE_MS);
    this.#perMinute.set(minute, (this.#perMinute.get(minute) ?? 0) + 1);
  }

  /** Whether either cap is reached at `now`. */
  capped(now: Date): boolean {
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    let hour = 0;
    let day = 0;
    for (const [m, n] of this.#perMinute) {
      if (m <= minute - 24 * 60) {
        this.#perMinute.delete(m);
        continue;
      }
      day += n;
      if (m > minute - 60) hour += n;
    }
    return hour >= this.caps.hourly || day >= this.caps.daily;
  }

  /** True once each time the capped state flips (to raise or resolve the alert once). */
  changed(capped: boolean): boolean {
    if (capped === this.#wasCapped) return false;
    this.#wasCapped = capped;
    return true;
  }
}
