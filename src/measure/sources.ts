/**
 * The sources behind hot lines: for the repository files the two sides'
 * profiles name, the diff between the revisions they were measured at and
 * each file's lines on both sides (compare/lines.ts matches lines through
 * it). The head is the work tree when it was measured at the checked-out
 * commit (a pull request's checkout, or local edits), else its commit.
 * Paths come from bundles, which a fork can forge: each must be a plain
 * path in the repository, and a work-tree file must be a regular file
 * inside it, never a symlink.
 */
import { lstat, realpath } from 'node:fs/promises'
import { join, relative, isAbsolute } from 'node:path'
import type { Side, SideBenchmark } from '../compare/input.js'
import { SAME_TREE, type SourceFile, type SourceView } from '../compare/lines.js'
import { isRepositoryPath } from '../bundle/index.js'
import { FileError, readTextCapped } from '../files/index.js'
import { parseHunks } from '../compare/hunks.js'
import { gitOutput, haveCommit, type Git } from '../git/index.js'

/** Why a comparison has no hot lines, or the sources to match them with. */
export type SourcesResult = SourceView | { unavailable: string }

/** Loads the sources for two sides: what compareAndReport and confirmation call. */
export type SourceLoader = (
  base: { benchmarks: readonly SideBenchmark[]; commit: string },
  head: { benchmarks: readonly SideBenchmark[]; commit: string }
) => Promise<SourcesResult>

/** Files read at most per comparison. */
export const MAX_SOURCE_FILES = 200
/** The largest source file read, in bytes. */
export const MAX_SOURCE_BYTES = 4 << 20

/**
 * The repository files that the functions of either side name: those
 * with line costs first (hot lines), then the rest (whether the diff
 * changed a function, compare/decls.ts), at most MAX_SOURCE_FILES.
 */
export function filesWithLines(...sides: (readonly SideBenchmark[])[]): string[] {
  const out = new Set<string>()
  const rest = new Set<string>()
  for (const benchmarks of sides)
    for (const b of benchmarks)
      for (const list of Object.values(b.functions ?? {}))
        for (const f of list ?? []) if (f.file) (f.lines?.length ? out : rest).add(f.file)
  const sorted = (set: Set<string>) => [...set].filter(isRepositoryPath).sort()
  return [...sorted(out), ...sorted(rest).filter(f => !out.has(f))].slice(0, MAX_SOURCE_FILES)
}

/** A work-tree file's lines, or undefined when it is not a regular file inside `root`. */
async function workTreeLines(root: string, file: string): Promise<string[] | undefined> {
  const path = join(root, file)
  try {
    if (!(await lstat(path)).isFile()) return undefined
    const rel = relative(await realpath(root), await realpath(path))
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined
    return (await readTextCapped(path, MAX_SOURCE_BYTES, 'a source file')).split('\n')
  } catch (err) {
    if (err instanceof FileError || (err as NodeJS.ErrnoException).code) return undefined
    throw err
  }
}

async function commitLines(
  git: Git,
  root: string,
  commit: string,
  file: string
): Promise<string[] | undefined> {
  const r = await git.run(root, ['show', '--no-textconv', `${commit}:${file}`])
  return r.code === 0 && r.stdout.length <= MAX_SOURCE_BYTES ? r.stdout.split('\n') : undefined
}

/**
 * Both sides measured in this very tree (the demo, an A/B of the work tree
 * under two build flags): every line is the same line.
 */
export function sameTreeSources(root: string): SourceLoader {
  return async (base, head) => {
    const files = new Map<string, SourceFile>()
    for (const file of filesWithLines(base.benchmarks, head.benchmarks)) {
      const lines = await workTreeLines(root, file)
      files.set(file, lines ? { hunks: [], head: lines, base: lines } : { hunks: [] })
    }
    return { between: SAME_TREE, files }
  }
}

/**
 * The root that bundle file paths are relative to for a run in `dir`: its
 * git checkout's top level, or `dir` itself outside git.
 */
export async function repositoryRoot(git: Git, dir: string): Promise<string> {
  return (await gitOutput(git, dir, ['rev-parse', '--show-toplevel'])) || dir
}

/** A commit a bundle names: hex before git sees it, and in the clone (fetched if need be). */
async function usableCommit(git: Git, root: string, sha: string): Promise<boolean> {
  return /^[0-9a-f]{7,64}$/.test(sha) && haveCommit(git, root, sha)
}

/** Sources from git in the checkout that holds `dir`: the diff from the base's commit to the head's. */
export function gitSources(git: Git, dir: string): SourceLoader {
  return async (base, head) => {
    if (!base.commit) return { unavailable: 'the base names no commit to diff against' }
    const root = await gitOutput(git, dir, ['rev-parse', '--show-toplevel'])
    const checkedOut = root && (await gitOutput(git, root, ['rev-parse', 'HEAD']))
    if (!root || !checkedOut) return { unavailable: `${dir} is not in a git checkout` }
    if (!(await usableCommit(git, root, base.commit)))
      return { unavailable: `the base commit ${base.commit.slice(0, 64)} is not in the clone` }
    const workTree = head.commit === '' || head.commit === checkedOut
    if (!workTree && !(await usableCommit(git, root, head.commit)))
      return { unavailable: `the head commit ${head.commit.slice(0, 64)} is not in the clone` }
    const files = new Map<string, SourceFile>()
    for (const file of filesWithLines(base.benchmarks, head.benchmarks)) {
      const range = workTree ? [base.commit] : [base.commit, head.commit]
      const diff = await git.run(root, [
        '-c',
        'core.quotepath=off',
        'diff',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--no-renames',
        '--unified=0',
        ...range,
        '--',
        file
      ])
      if (diff.code !== 0) continue
      const [headLines, baseLines] = await Promise.all([
        workTree ? workTreeLines(root, file) : commitLines(git, root, head.commit, file),
        commitLines(git, root, base.commit, file)
      ])
      const source: SourceFile = { hunks: parseHunks(diff.stdout) }
      if (headLines) source.head = headLines
      if (baseLines) source.base = baseLines
      files.set(file, source)
    }
    return {
      between: `${base.commit.slice(0, 12)}..${workTree ? 'the work tree' : head.commit.slice(0, 12)}`,
      files
    }
  }
}

/**
 * Ask a loader for the sources of two loaded sides; without a loader,
 * undefined. Hot lines are an extra: a loader that fails costs them, never
 * the comparison.
 */
export async function sourcesFor(
  loader: SourceLoader | undefined,
  base: Side,
  head: Side
): Promise<SourcesResult | undefined> {
  if (!loader) return undefined
  try {
    return await loader(
      { benchmarks: base.benchmarks, commit: base.environment?.commit ?? '' },
      { benchmarks: head.benchmarks, commit: head.environment?.commit ?? '' }
    )
  } catch (err) {
    return { unavailable: `the sources could not be read (${(err as Error).message})` }
  }
}
