import { readdir, stat } from 'node:fs/promises'
import { readTextCapped } from '../files/index.js'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { goListArgs } from './args.js'
import type { GoToolchain } from './toolchain.js'

/** A package that discovery found. */
export interface GoPackage {
  importPath: string
  /** Absolute directory; `go test` runs here. */
  dir: string
  /** True when a _test.go file declares a Benchmark function. */
  hasBenchmarks: boolean
  /** How many Benchmark functions its test files declare (at least 1 when unreadable, 0 when none). */
  benchmarks: number
  /** go list's error for the package, if any (it will fail to build). */
  listError?: string
  /**
   * The module the package belongs to: its path and directory. A test
   * binary built with -trimpath names its files `<module path>/<file>`,
   * and this maps them back to the directory (measure/source-paths.ts).
   */
  module?: { path: string; dir: string }
}

/** A problem with what the user asked to run: a pattern, the directory, or Go itself. */
export class DiscoveryError extends Error {
  override name = 'DiscoveryError'
}

interface ListedPackage {
  ImportPath: string
  Dir?: string
  TestGoFiles?: string[]
  XTestGoFiles?: string[]
  Error?: { Err: string }
  Module?: { Path?: string; Dir?: string }
}

/** Directories never searched for nested modules (the go command ignores them too). */
function skipDir(name: string): boolean {
  return (
    name === 'vendor' ||
    name === 'testdata' ||
    name === 'node_modules' ||
    name.startsWith('.') ||
    name.startsWith('_')
  )
}

/** Every directory under root (root included) that holds a go.mod. */
async function findModuleRoots(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    if (entries.some(e => e.isFile() && e.name === 'go.mod')) out.push(dir)
    for (const e of entries) if (e.isDirectory() && !skipDir(e.name)) await walk(join(dir, e.name))
  }
  await walk(root)
  return out
}

/** go list -json prints concatenated objects; split them without a streaming JSON library. */
export function splitJsonStream(text: string): unknown[] {
  const out: unknown[] = []
  let depth = 0
  let start = -1
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') {
      if (depth++ === 0) start = i
    } else if (c === '}' && --depth === 0) {
      out.push(JSON.parse(text.slice(start, i + 1)))
    }
  }
  return out
}

/**
 * `func BenchmarkXxx(` where Xxx does not start with a lower-case letter
 * (the testing package's rule). Reading the test files is far cheaper than
 * `go test -list`, which compiles the package (bench/run-overhead.mjs).
 */
/** Test files larger than this are not scanned; go test decides. */
const MAX_TEST_FILE_BYTES = 64 * 1024 * 1024

const BENCH_FUNC = /^func\s+Benchmark(?!\p{Ll})[\p{L}\p{N}_]*\s*\(/gmu

/** The Benchmark functions the test files declare (what sharding weighs a package by without a baseline). */
async function countBenchmarks(dir: string, files: string[]): Promise<number> {
  let n = 0
  for (const f of files) {
    try {
      // A test file that is not a regular file, or is huge, is not read here.
      const text = await readTextCapped(join(dir, f), MAX_TEST_FILE_BYTES, 'the test file')
      n += text.match(BENCH_FUNC)?.length ?? 0
    } catch {
      n = Math.max(n, 1) // unreadable: let go test decide
    }
  }
  return n
}

/**
 * Resolve patterns (default ./...) to packages, from `dir`. Relative
 * patterns are run in every module found under `dir` as well as the one
 * containing it, because `./...` stops at nested go.mod files and fails at
 * the root of a multi-module tree even with a go.work. A pattern that
 * matches no package in any module is an error that names it.
 */
export async function discoverPackages(
  go: GoToolchain,
  dir: string,
  patterns: readonly string[]
): Promise<GoPackage[]> {
  const root = resolve(dir)
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory')
  } catch {
    throw new DiscoveryError(
      `working directory "${dir}" does not exist or is not a directory; set it to the Go module's directory`
    )
  }
  const modules = await findModuleRoots(root)
  // The module enclosing root (root itself may be a package dir inside it).
  if (!modules.includes(root)) modules.unshift(root)

  const found = new Map<string, GoPackage>()
  const matched = new Map<string, boolean>(patterns.map(p => [p, false]))
  const errors: string[] = []
  for (const moduleDir of modules) {
    const local = patterns.flatMap(p => translatePattern(p, root, moduleDir))
    if (local.length === 0) continue
    const result = await go.run(goListArgs(local.map(l => l.local)), { cwd: moduleDir })
    if (result.code !== 0 && result.stdout.trim() === '') {
      // Outside any module (e.g. the root of a multi-module tree): the
      // nested modules were listed in their own directories.
      if (moduleDir === root && modules.length > 1) continue
      errors.push(result.stderr.trim())
      continue
    }
    for (const entry of splitJsonStream(result.stdout) as ListedPackage[]) {
      if (!entry.Dir) continue // a pattern error: no such directory, matched nothing
      const key = entry.Dir
      const origin = local.find(l => covers(l, entry.Dir as string, moduleDir))
      if (origin) matched.set(origin.pattern, true)
      else for (const p of patterns) if (!p.startsWith('.') && !isAbsolute(p)) matched.set(p, true)
      if (found.has(key)) continue
      const testFiles = [...(entry.TestGoFiles ?? []), ...(entry.XTestGoFiles ?? [])]
      const benchmarks = entry.Error ? 1 : await countBenchmarks(entry.Dir, testFiles)
      found.set(key, {
        importPath: entry.ImportPath,
        dir: entry.Dir,
        hasBenchmarks: benchmarks > 0,
        benchmarks,
        listError: entry.Error?.Err,
        ...(entry.Module?.Path && entry.Module.Dir
          ? { module: { path: entry.Module.Path, dir: entry.Module.Dir } }
          : {})
      })
    }
  }
  const unmatched = [...matched].filter(([, ok]) => !ok).map(([p]) => p)
  if (unmatched.length > 0) {
    throw new DiscoveryError(
      `package pattern${unmatched.length > 1 ? 's' : ''} ${unmatched.map(p => `"${p}"`).join(', ')} matched no Go package under ${root}` +
        (errors.length ? ` (go list: ${errors.join('; ')})` : '') +
        '. Check the `packages` input / --packages and the working directory'
    )
  }
  return [...found.values()].sort((a, b) =>
    a.importPath < b.importPath ? -1 : a.importPath > b.importPath ? 1 : 0
  )
}

interface LocalPattern {
  pattern: string
  local: string
  /** Absolute directory the pattern is rooted at, and whether it recurses. */
  base: string
  recursive: boolean
}

/**
 * Rewrite a pattern relative to `root` so it means the same thing when run
 * in `moduleDir`; [] when it cannot match there. Import-path patterns are
 * passed through unchanged.
 */
function translatePattern(pattern: string, root: string, moduleDir: string): LocalPattern[] {
  if (!pattern.startsWith('.') && !isAbsolute(pattern)) {
    return moduleDir === root ? [{ pattern, local: pattern, base: '', recursive: false }] : []
  }
  const recursive = pattern === '...' || pattern.endsWith('/...')
  const base = resolve(root, recursive ? pattern.slice(0, -3) || '.' : pattern)
  const rel = relative(moduleDir, base)
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    // The pattern's base lies inside this module.
    const local = `./${rel.split(sep).join('/')}`.replace(/\/$/, '').replace(/^\.\/$/, '.')
    return [
      { pattern, local: recursive ? `${local === '.' ? '.' : local}/...` : local, base, recursive }
    ]
  }
  if (recursive && !relative(base, moduleDir).startsWith('..')) {
    // A nested module inside the recursive pattern's base.
    return [{ pattern, local: './...', base, recursive }]
  }
  return []
}

function covers(p: LocalPattern, pkgDir: string, moduleDir: string): boolean {
  if (p.base === '') return false
  const rel = relative(p.base, pkgDir)
  if (p.recursive) return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
  return rel === '' || (moduleDir !== '' && resolve(pkgDir) === resolve(p.base))
}
