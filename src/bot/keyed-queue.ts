// Runs tasks one at a time per key (one sender's messages strictly in order), while different keys proceed
// independently. Keys with nothing queued are forgotten, so memory follows the number of active senders.
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T> | T): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves when no key has anything queued (including tasks queued while waiting). */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }

  get activeKeys(): number {
    return this.#tails.size;
  }
}
