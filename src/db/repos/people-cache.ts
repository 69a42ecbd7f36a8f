// Each connection keeps the people it looked up by phone, and the phones that belong to no one (visitors), so the
// sender of a message costs one read of a token instead of three queries.
//
// Invalidation: triggers (migration 0014_people_cache_generation) give runtime_state's `people_generation` row a new
// random token at every insert, update or delete on people, person_areas and area_units, whichever connection or
// process makes it (the CLI's `people import` while `serve` runs). A lookup reads the token first, then the rows;
// entries are kept under the token read before them, and all are dropped when a lookup finds another token. Reading
// the token first matters outside a transaction, where each statement sees the latest commit: rows newer than their
// token are dropped at the next lookup, while rows older than their token would be kept wrongly.
//
// Rollback: a change made inside a transaction that rolls back leaves the token as it was before, and entries read
// after the change carry the token the change set, which no later change repeats (random, not a counter), so they
// are dropped at the next lookup.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { Lru } from '../lru.js';
import { prepared } from '../prepared.js';
import { runtimeState } from '../schema.js';
import type { PersonView } from './people.repo.js';

/** The runtime_state key whose value the triggers of migration 0013 replace at every change to the people tables. */
export const PEOPLE_GENERATION_KEY = 'people_generation';

/** Entries per connection, found and absent each: Gowa has about a thousand registered people. */
export const PEOPLE_CACHE_CAPACITY = 4096;

const generation = prepared((db) => db.select({ value: runtimeState.value }).from(runtimeState).where(eq(runtimeState.key, PEOPLE_GENERATION_KEY)).prepare());

/** The people tables' current token; null without the row (a database opened read-only before migration 0013). */
export function peopleGeneration(db: DbOrTx): string | null {
  return generation(db).get()?.value ?? null;
}

export class PeopleCache {
  #token: string | null = null;
  readonly #found: Lru<string, PersonView>;
  readonly #absent: Lru<string, true>;

  // Two maps, so a flood of unknown numbers pushes out other unknown numbers, not the registered people.
  constructor(capacity = PEOPLE_CACHE_CAPACITY) {
    this.#found = new Lru(capacity);
    this.#absent = new Lru(capacity);
  }

  get size(): { found: number; absent: number } {
    return { found: this.#found.size, absent: this.#absent.size };
  }

  /**
   * What is known of `phone` under `token`: the person, null (no one has this phone) or undefined (not cached).
   * Entries kept under another token are dropped first; with no token nothing is ever known.
   */
  get(token: string | null, phone: string): PersonView | null | undefined {
    if (token !== this.#token) {
      this.#found.clear();
      this.#absent.clear();
      this.#token = token;
    }
    if (token === null) return undefined;
    const found = this.#found.get(phone);
    if (found) return found;
    return this.#absent.get(phone) ? null : undefined;
  }

  /** Keeps what was read for `phone` after reading `token` (see `get`, called with the same token just before). */
  set(token: string | null, phone: string, person: PersonView | null): void {
    if (token === null || token !== this.#token) return;
    if (person) {
      this.#absent.delete(phone);
      this.#found.set(phone, person);
    } else {
      this.#found.delete(phone);
      this.#absent.set(phone, true);
    }
  }

  /**
   * This connection changed one person's row by `patch` alone, inside a transaction, moving the token from `before`
   * to `after`: the entries stay valid under `after` with that person patched, instead of all being dropped (the
   * first message of each person changes their row; dropping everyone then would empty the cache all day at the
   * start of a month). If the transaction rolls back, the token is `before` again and the next lookup drops them.
   */
  patched(before: string | null, after: string | null, personId: number, patch: Partial<Pick<PersonView, 'firstMessageAt' | 'welcomedAt'>>): void {
    if (before === null || after === null || before !== this.#token) return;
    // Collected first: setting an entry while iterating would move it to the end and meet it again.
    const mine = [...this.#found.entries()].filter(([, person]) => person.id === personId);
    for (const [phone, person] of mine) this.#found.set(phone, Object.freeze({ ...person, ...patch }));
    this.#token = after;
  }
}

/** The connection's cache (`prepared` keeps one value per connection: here a cache rather than a statement). */
export const peopleCacheOf = prepared(() => new PeopleCache());
