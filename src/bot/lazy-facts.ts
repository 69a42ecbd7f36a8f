// Facts read only when a step needs them. A facts loader runs before the engine, but most messages reach a step that
// reads little or nothing of what its flow could need (a number in the middle of the recap reads no stored data at
// all). So a loader describes each fact as a function and gets back an object whose properties are getters: the
// first read runs the queries, inside the message's transaction (the engine is synchronous and runs inside it), and
// later reads of the same message get the same value. Flows still see plain read-only data.
//
// Whoever combines such objects must copy the property descriptors, not the values (Object.assign and spreading call
// every getter, which would run every query again): the router merges loaders with Object.getOwnPropertyDescriptors.

/** Runs `compute` on the first call only; later calls return the first result (shared between facts of a message). */
export function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * An object with one enumerable getter per key of `compute`, each computed on its first read and remembered. The
 * memory is in the getter itself, so a copy of the descriptor (the router's merge) shares it.
 */
export function lazyFacts<T extends object>(compute: { readonly [K in keyof T]-?: () => T[K] }): T {
  const facts = {} as T;
  for (const key of Object.keys(compute) as (keyof T & string)[]) {
    Object.defineProperty(facts, key, { enumerable: true, configurable: false, get: once(compute[key]) });
  }
  return facts;
}

/**
 * Several loaders' facts as one object, later loaders winning on a shared key. Property descriptors are copied, not
 * values: `Object.assign` would call every getter and run every query up front.
 */
export function mergeFacts(parts: readonly object[]): Record<string, unknown> {
  return Object.defineProperties({}, Object.assign({}, ...parts.map((part) => Object.getOwnPropertyDescriptors(part)))) as Record<string, unknown>;
}
