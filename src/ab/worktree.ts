/**
 * Git worktrees of other revisions, for the A/B's sides and for `run
 * --since`: each checked out detached under a scratch directory, built
 * with the repository's own go.work (or none), and always removed.
 */
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { gitOrThrow, type Git } from '../git/index.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { AbError } from './ab-rounds.js'

const abFail = (m: string): Error => new AbError(m)

/** Worktrees added under one scratch directory, removed together. */
export class Worktrees {
  private readonly paths: string[] = []

  /**
   * @param git the git seam
   * @param repoRoot the repository's top level
   * @param scratch where the worktrees go (one directory per name)
   */
  constructor(
    private readonly git: Git,
    private readonly repoRoot: string,
    private readonly scratch: string
  ) {}

  /**
   * Check out `ref` detached at scratch/name. An unknown ref is an
   * AbError that names `what` (the flag or input that gave it).
   */
  async add(name: string, ref: string, what = name): Promise<string> {
    const ok = await this.git.run(this.repoRoot, [
      'rev-parse',
      '--verify',
      '--quiet',
      `${ref}^{commit}`
    ])
    if (ok.code !== 0)
      throw new AbError(
        `${what} ${JSON.stringify(ref)} is not a commit in ${this.repoRoot}; pass a branch, tag or SHA`
      )
    const path = join(this.scratch, name)
    await gitOrThrow(this.git, this.repoRoot, ['worktree', 'add', '--detach', path, ref], abFail)
    this.paths.push(path)
    return path
  }

  /** Remove every worktree added (errors ignored: the scratch directory goes anyway). */
  async removeAll(): Promise<void> {
    for (const path of this.paths)
      await this.git.run(this.repoRoot, ['worktree', 'remove', '--force', path])
    if (this.paths.length > 0) await this.git.run(this.repoRoot, ['worktree', 'prune'])
    this.paths.length = 0
  }
}

/**
 * The GOWORK a worktree side builds with. Worktrees live in the temp
 * directory, and go looks for a go.work in every directory above: under a
 * shared $TMPDIR, a stranger's go.work there would decide what is built.
 * The repository's own go.work, where the work tree uses one inside the
 * repository, is taken at the same place in the worktree; else none.
 */
export async function worktreeWorkspace(
  go: GoToolchain,
  start: string,
  repoRoot: string,
  worktree: string
): Promise<string> {
  const r = await go.run(['env', 'GOWORK'], { cwd: start })
  const own = r.code === 0 ? r.stdout.trim() : ''
  if (own === '' || own === 'off') return 'off'
  const rel = relative(repoRoot, own)
  if (rel.startsWith('..') || isAbsolute(rel)) return 'off'
  const mapped = join(worktree, rel)
  return existsSync(mapped) ? mapped : 'off'
}

/** The same toolchain, with `env` for every go command (undefined: as it is). */
export function withEnv(go: GoToolchain, env: NodeJS.ProcessEnv | undefined): GoToolchain {
  if (!env) return go
  return {
    run: (args, options) => go.run(args, { ...options, env: options.env ?? env }),
    runTestBinary: (binary, args, options) => go.runTestBinary(binary, args, options)
  }
}
