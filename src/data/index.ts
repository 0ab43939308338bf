/**
 * Tables keyed by names we did not choose. Benchmark names, units,
 * packages, profile sample types and every key of a JSON file we did not
 * write come from the code under test or from an artifact. In a plain
 * object a key such as `__proto__`, `constructor` or `toString` is not an
 * ordinary entry: reading it returns Object.prototype's member, and
 * writing through it changes Object.prototype for the whole process (whose
 * inherited keys child_process then passes on as environment variables).
 * A table without a prototype has none of these members.
 */

/** An empty table with no prototype: every key, `__proto__` included, is an ordinary entry. */
export function table<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/** A table with no prototype holding the own entries of `entries`. */
export function tableOf<T>(
  entries: Iterable<readonly [string, T]> | Record<string, T>
): Record<string, T> {
  const out = table<T>()
  const list = Symbol.iterator in entries ? entries : Object.entries(entries)
  for (const [k, v] of list as Iterable<readonly [string, T]>) out[k] = v
  return out
}

/** `obj[key]` when it is obj's own entry, else undefined (never an inherited member). */
export function own<T>(obj: Record<string, T> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined
}

/**
 * JSON.parse for text we did not write: every object comes back without a
 * prototype, so its keys are data. (JSON.parse itself already makes a
 * `"__proto__"` key an own entry; this keeps a later `obj[name]` from
 * reaching an inherited member when the name is not there.)
 */
export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? tableOf(value as Record<string, unknown>)
      : value
  )
}

/**
 * The largest of `values`, or `empty` when there are none. Input-sized
 * arrays never go through `Math.max(...xs)`: each element becomes an
 * argument, and a few hundred thousand overflow the call stack.
 */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let best = empty
  for (const v of values) if (v > best || Number.isNaN(v)) best = v
  return best
}

/** The smallest of `values`, or `empty` when there are none (see maxOf). */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let best = empty
  for (const v of values) if (v < best || Number.isNaN(v)) best = v
  return best
}

/** Append every item of `items` to `target` (push(...items) overflows the stack on big arrays). */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item)
  return target
}
