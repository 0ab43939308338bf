/**
 * Which functions a diff touched (docs/design.md D16): the top-level
 * function declarations of a Go file with the lines they span, from a
 * small lexer that skips comments, strings, raw strings and runes, and
 * the names pprof gives them (`F`, `F[...]`, `T.M`, `(*T[...]).M`). A
 * function is changed when a `git diff --unified=0` hunk adds or edits a
 * line inside it, or deletes lines from it.
 */
import type { Hunk } from './hunks.js'

/** One top-level function declaration: its pprof name without the package, and its lines. */
export interface GoDecl {
  /** `Work`, `Map[...]`, `Tree.Len`, `(*node[...]).get`. */
  key: string
  start: number
  end: number
}

/** A token the scanner cares about, with the line it is on. */
interface Tok {
  text: string
  line: number
  /** Whether it is the first token on its line. */
  first: boolean
}

/** Identifiers, and the punctuation that shapes a declaration; everything else is skipped. */
function* tokens(src: string): Generator<Tok> {
  let line = 1
  let first = true
  let i = 0
  const n = src.length
  while (i < n) {
    const c = src[i]
    if (c === '\n') {
      line++
      first = true
      i++
    } else if (c === ' ' || c === '\t' || c === '\r') i++
    else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2)
      const stop = end < 0 ? n : end + 2
      for (let j = i; j < stop; j++) if (src[j] === '\n') line++
      i = stop
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1)
      const stop = end < 0 ? n : end + 1
      for (let j = i; j < stop; j++) if (src[j] === '\n') line++
      i = stop
      first = false
    } else if (c === '"' || c === "'") {
      i++
      while (i < n && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1
      i++
      first = false
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const start = i
      while (i < n && /[\w\u0080-\uffff]/.test(src[i])) i++
      yield { text: src.slice(start, i), line, first }
      first = false
    } else {
      if ('(){}[]*.'.includes(c)) yield { text: c, line, first }
      first = false
      i++
    }
  }
}

/** `(*T[...])` or `T[...]` from a receiver's tokens `r * T [ K ]`. */
function receiverKey(toks: readonly string[]): string {
  const bracket = toks.indexOf('[')
  const head = bracket < 0 ? toks : toks.slice(0, bracket)
  const type = head.filter(t => /^[\w\u0080-\uffff]+$/.test(t)).pop() ?? ''
  const generic = bracket >= 0 ? '[...]' : ''
  return head.includes('*') ? `(*${type}${generic})` : `${type}${generic}`
}

/** The top-level function declarations of a Go source file, in order. */
export function goDecls(src: string): GoDecl[] {
  const out: GoDecl[] = []
  const it = tokens(src)
  let depth = 0
  let pending: Tok | undefined
  const next = (): Tok | undefined => {
    if (pending) {
      const t = pending
      pending = undefined
      return t
    }
    const r = it.next()
    return r.done ? undefined : r.value
  }
  for (let t = next(); t; t = next()) {
    if (t.text === '{') depth++
    else if (t.text === '}') depth = Math.max(0, depth - 1)
    if (depth !== 0 || t.text !== 'func' || !t.first) continue
    const start = t.line
    let u = next()
    let recv: string | undefined
    if (u?.text === '(') {
      const inner: string[] = []
      let p = 1
      for (u = next(); u && p > 0; u = next()) {
        if (u.text === '(') p++
        else if (u.text === ')') p--
        if (p > 0) inner.push(u.text)
      }
      recv = receiverKey(inner)
    }
    if (!u || !/^[\w\u0080-\uffff]+$/.test(u.text)) continue
    const name = u.text
    // The signature, up to the body's brace at depth 0 (a brace after
    // interface or struct opens a type), or the end of its line (no body).
    let generic = false
    let paren = 0
    let bracket = 0
    let typeBraces = 0
    let prev = name
    let body = false
    let end = u.line
    for (u = next(); u; u = next()) {
      if (paren === 0 && bracket === 0 && typeBraces === 0 && u.line !== end && u.first) break
      end = u.line
      if (u.text === '[' && paren === 0 && prev === name) generic = true
      if (u.text === '(') paren++
      else if (u.text === ')') paren--
      else if (u.text === '[') bracket++
      else if (u.text === ']') bracket--
      else if (u.text === '{') {
        if (prev === 'interface' || prev === 'struct' || typeBraces > 0 || paren > 0 || bracket > 0)
          typeBraces++
        else {
          body = true
          break
        }
      } else if (u.text === '}') typeBraces = Math.max(0, typeBraces - 1)
      prev = u.text
    }
    if (body) {
      // Its body, to the brace that closes it.
      let d = 1
      for (u = next(); u && d > 0; u = next()) {
        if (u.text === '{') d++
        else if (u.text === '}') d--
        end = u.line
        if (d === 0) break
      }
    }
    const key = recv !== undefined ? `${recv}.${name}` : `${name}${generic ? '[...]' : ''}`
    out.push({ key, start, end })
    // The token that ended a body-less declaration (assembly) starts what follows.
    if (!body && u) pending = u
  }
  return out
}

/** Whether a hunk touches head lines start..end: adds or edits one, or deletes lines between them. */
function touches(h: Hunk, start: number, end: number): boolean {
  if (h.headCount > 0) return h.headStart <= end && h.headStart + h.headCount - 1 >= start
  // A deletion sits after head line headStart.
  return h.headStart >= start && h.headStart < end
}

/** The keys of the declarations the hunks touched. */
export function changedDecls(decls: readonly GoDecl[], hunks: readonly Hunk[]): Set<string> {
  const out = new Set<string>()
  for (const d of decls) if (hunks.some(h => touches(h, d.start, d.end))) out.add(d.key)
  return out
}

const byFile = new WeakMap<object, { decls: GoDecl[]; changed: Set<string> }>()

/**
 * Whether the diff touched the declaration of pprof function `name` in a
 * file whose head text and hunks are given (its closures count as it).
 */
export function changedInFile(
  name: string,
  file: { hunks: readonly Hunk[]; head?: readonly string[] }
): boolean {
  if (file.hunks.length === 0 || !file.head) return false
  let known = byFile.get(file)
  if (!known) {
    const decls = goDecls(file.head.join('\n'))
    known = { decls, changed: changedDecls(decls, file.hunks) }
    byFile.set(file, known)
  }
  const d = declOf(name, known.decls)
  return d !== undefined && known.changed.has(d.key)
}

/**
 * The declaration a pprof function name belongs to: the longest key that
 * ends the name once closure suffixes (`.func1`, `.2`, `.gowrap1`,
 * `-range1`) are taken off; undefined when none does.
 */
export function declOf(name: string, decls: readonly GoDecl[]): GoDecl | undefined {
  let base = name
  for (;;) {
    const cut = base.replace(/(\.func\d+|\.gowrap\d+|\.deferwrap\d+|\.\d+|-range\d+)$/, '')
    if (cut === base) break
    base = cut
  }
  let best: GoDecl | undefined
  for (const d of decls)
    if (base.endsWith(`.${d.key}`) && (!best || d.key.length > best.key.length)) best = d
  return best
}
