// A small bounded TTL cache with the CacheStore shape Baileys accepts. Baileys' caches must be bounded (RC memory
// growth, docs/whatsapp.md §8) and created once, outside the reconnect loop.
export class BoundedCache<V = unknown> {
  readonly #entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get<T = V>(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value as unknown as T;
  }

  set<T = V>(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value: value as unknown as V, expires: this.now() + this.ttlMs });
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  del(key: string): void {
    this.#entries.delete(key);
  }

  flushAll(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
