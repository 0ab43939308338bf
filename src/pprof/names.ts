import type { ProfileFunction } from './model.js'

/**
 * The name pprof shows and aggregates a function under.
 *
 * Before building its graph, `go tool pprof` runs its symbolizer's Demangle
 * step in the default mode (google/pprof internal/symbolizer/symbolizer.go,
 * demangleSingleFunction). For a Go name that "looks like demangled C++" —
 * it has one of `<>[]` or `::`, and neither `.<` (Java) nor `]).` (a Go
 * method on a generic type) — it removes every balanced `(...)` group and
 * then every balanced `<...>` group. Generic instantiations such as
 * `OnceValue[go.shape.func(A) B]` are thereby renamed, and two of them can
 * merge into one node. We apply the same rule, so names and totals match.
 *
 * Mangled C++/Rust symbols (`_Z…`, `_R…`), which pprof would demangle, are
 * kept as they are: Go profiles name Go functions already.
 */
export function pprofFunctionName(fn: ProfileFunction): string {
  const { name, systemName } = fn
  if (name !== '' && systemName !== name) return name
  const raw = systemName
  if (!looksLikeDemangledCPlusPlus(raw)) return raw
  return removeMatching(removeMatching(raw, '(', ')'), '<', '>')
}

function looksLikeDemangledCPlusPlus(name: string): boolean {
  if (name.includes('.<')) return false
  if (name.includes(']).')) return false
  return /[<>[\]]/.test(name) || name.includes('::')
}

/**
 * Remove balanced start..end groups; on a stray closer, stop and keep the
 * rest as it is, as pprof's removeMatching does (it returns the name with
 * the groups before the closer already removed). One pass that copies
 * each kept run once: rebuilding the string for every group, as pprof
 * does, is quadratic, and a name with 100,000 groups took minutes.
 */
function removeMatching(name: string, start: string, end: string): string {
  const kept: string[] = []
  let nesting = 0
  let first = 0
  /** name[copied..] is not yet in kept. */
  let copied = 0
  for (let i = 0; i < name.length; i++) {
    const c = name[i]
    if (c === start) {
      nesting++
      if (nesting === 1) first = i
    } else if (c === end) {
      nesting--
      if (nesting < 0) break
      if (nesting === 0) {
        kept.push(name.slice(copied, first))
        copied = i + 1
      }
    }
  }
  if (copied === 0) return name
  kept.push(name.slice(copied))
  return kept.join('')
}

/**
 * A function's name as Go's tracebacks write it (runtime/traceback.go
 * prints instantiations as `[...]`): every balanced `[…]` group becomes
 * `[...]`, so `btree.(*node[go.shape.interface { Less(btree.Item) bool }]).get`
 * and pprof's partly simplified `items[go.shape.interface { Less bool }].find`
 * read as `btree.(*node[...]).get` and `items[...].find`, and all the
 * instantiations of one function share one name (docs/design.md D10). `top`
 * keeps pprof's exact names; this is for everything written for people.
 */
export function goTracebackName(name: string): string {
  if (!name.includes('[')) return name
  let out = ''
  let depth = 0
  for (const c of name) {
    if (c === '[') {
      if (depth === 0) out += '[...'
      depth++
    } else if (c === ']' && depth > 0) {
      depth--
      if (depth === 0) out += ']'
    } else if (depth === 0) out += c
  }
  // An unbalanced name is left as it was rather than guessed at.
  return depth === 0 ? out : name
}
