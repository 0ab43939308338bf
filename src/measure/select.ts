/**
 * A `-bench` pattern that selects exactly the named benchmarks, so that
 * confirmation re-runs the suspects and nothing else.
 *
 * Go splits a -bench pattern on `/` into one regular expression per name
 * level, and on a top-level `|` into alternatives, each a whole path
 * (testing/match.go, splitRegexp). So `^A$/^x$|^B$` runs A/x and B but not
 * A/y. Each level is quoted, so a name's metacharacters match themselves.
 */

/** Go's regexp.QuoteMeta: escape `\.+*?()|[]{}^$`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')
}

/**
 * Names as printed (`BenchmarkA/x-2`, procs suffix included). The suffix
 * is optional in the pattern: with GOMAXPROCS=1 Go prints none, so a
 * trailing `-8` may be part of the name itself. The one over-selection
 * this allows: a sibling named like the suspect minus that suffix (`size`
 * beside `size-8`) runs too.
 */
export function exactBenchPattern(names: readonly string[]): string {
  const alternatives = [...new Set(names)].map(full => {
    const levels = full.split('/')
    const last = levels.pop()!
    const m = /^(.*?)(-\d+)$/.exec(last)
    const lastPattern = m ? `${quoteMeta(m[1])}(${quoteMeta(m[2])})?` : quoteMeta(last)
    return [...levels.map(quoteMeta), lastPattern].map(l => `^${l}$`).join('/')
  })
  if (alternatives.length === 0) throw new RangeError('no benchmark names to select')
  return alternatives.join('|')
}
