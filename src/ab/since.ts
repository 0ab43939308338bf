/**
 * What a run need not measure (docs/design.md D16): the packages whose
 * test binary and package files are identical at another revision (`run
 * --since REF`; on a pull request, the A/B base). That revision's test
 * binaries are built in a worktree with the same flags, compared with the
 * run's (ab/identical.ts), and thrown away.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { gitOrThrow, type Git } from '../git/index.js'
import { splitTestFlags } from '../gobench/args.js'
import { buildTestBinaries } from '../gobench/build.js'
import type { GoPackage } from '../gobench/discover.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { AbError } from './ab-rounds.js'
import { cannotDiffer } from './identical.js'
import { withEnv, Worktrees, worktreeWorkspace } from './worktree.js'

/** The revision to compare the run's test binaries with. */
export interface SinceSettings {
  /** The run's directory (inside the repository). */
  dir: string
  /** A branch, tag or SHA. */
  ref: string
  /** The run's go test flags: their build flags build the other revision too. */
  extraFlags: readonly string[]
  /** What gave the ref, for an error (`--since`, `the pull request's base`). */
  what: string
}

/** Progress of the check. */
export type SinceEvent =
  | { type: 'since-worktree'; ref: string }
  | { type: 'since-built'; done: number; total: number; pkg: string }
  | { type: 'identical'; pkg: string }

/**
 * The import paths, among the run's built packages, whose test binary and
 * package files are identical at `s.ref`. A package missing there, or
 * that does not build there, differs. The worktree is always removed.
 */
export async function identicalSince(
  go: GoToolchain,
  git: Git,
  s: SinceSettings,
  built: readonly { pkg: GoPackage; binary: string }[],
  onEvent: (e: SinceEvent) => void = () => {}
): Promise<Set<string>> {
  const start = resolve(s.dir)
  const repoRoot = await gitOrThrow(
    git,
    start,
    ['rev-parse', '--show-toplevel'],
    m => new AbError(`${s.what} needs a git repository: ${m}`)
  )
  const scratch = await mkdtemp(join(tmpdir(), 'benchgate-since-'))
  const worktrees = new Worktrees(git, repoRoot, scratch)
  try {
    const root = await worktrees.add('since', s.ref, s.what)
    onEvent({ type: 'since-worktree', ref: s.ref })
    const env = { ...process.env, GOWORK: await worktreeWorkspace(go, start, repoRoot, root) }
    const there = (pkg: GoPackage): string => join(root, relative(repoRoot, pkg.dir))
    const pairs = built.filter(b => existsSync(there(b.pkg)))
    let done = 0
    const other = await buildTestBinaries(
      withEnv(go, env),
      pairs.map(b => ({ ...b.pkg, dir: there(b.pkg) })),
      {
        binaryDir: scratch,
        buildFlags: splitTestFlags(s.extraFlags).build,
        env,
        nameOf: pkg => `since-${packageStem(pkg.importPath)}.test`
      },
      e => {
        if (e.type === 'built')
          onEvent({ type: 'since-built', done: ++done, total: pairs.length, pkg: e.pkg.importPath })
      }
    )
    const same = new Set<string>()
    for (const [i, b] of pairs.entries()) {
      const o = other[i]
      if (!('binary' in o)) continue
      const dirs = { base: there(b.pkg), head: b.pkg.dir }
      if (await cannotDiffer({ base: o.binary, head: b.binary }, dirs)) {
        same.add(b.pkg.importPath)
        onEvent({ type: 'identical', pkg: b.pkg.importPath })
      }
    }
    return same
  } finally {
    await worktrees.removeAll()
    await rm(scratch, { recursive: true, force: true })
  }
}
