/**
 * git behind one small seam. Every call is an argv array (never a shell),
 * and every call answers `{code, stdout, stderr}`: callers decide what a
 * non-zero status means (a missing commit is an answer in revision.ts, a
 * failure in the A/B runner), so there is one convention, not three.
 */
import { execFile } from 'node:child_process'
import { childEnv } from '../env/index.js'

/** What one `git` invocation produced. */
export interface GitResult {
  /** Exit status; -1 when git could not be started or was killed. */
  code: number
  stdout: string
  stderr: string
}

/** The seam: run git with these arguments in this directory. */
export interface Git {
  run(cwd: string, args: readonly string[]): Promise<GitResult>
}

/** No git command benchgate runs (a worktree, a fetch of one commit) needs longer. */
const GIT_TIMEOUT_MS = 30 * 60_000

/** The real git on PATH. */
export class LocalGit implements Git {
  constructor(private readonly binary = 'git') {}

  /** Run git; never rejects (a failure to start is code -1 with the reason in stderr). */
  run(cwd: string, args: readonly string[]): Promise<GitResult> {
    return new Promise(resolve => {
      execFile(
        this.binary,
        [...args],
        {
          cwd,
          env: childEnv(process.env),
          maxBuffer: 64 << 20,
          shell: false,
          // A hook or a stuck fetch must not hang the job for ever.
          timeout: GIT_TIMEOUT_MS,
          killSignal: 'SIGKILL'
        },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
          resolve({ code, stdout, stderr: stderr || (err && code === -1 ? err.message : '') })
        }
      )
    })
  }
}

/** A git command failed where the caller needed it to work. */
export class GitError extends Error {
  override name = 'GitError'
}

/** stdout, trimmed, when git succeeded; undefined otherwise. */
export async function gitOutput(
  git: Git,
  cwd: string,
  args: readonly string[]
): Promise<string | undefined> {
  const r = await git.run(cwd, args)
  return r.code === 0 ? r.stdout.trim() : undefined
}

/** stdout, trimmed; a failure throws `fail(message)` naming the command and git's words. */
export async function gitOrThrow(
  git: Git,
  cwd: string,
  args: readonly string[],
  fail: (message: string) => Error = m => new GitError(m)
): Promise<string> {
  const r = await git.run(cwd, args)
  if (r.code === 0) return r.stdout.trim()
  throw fail(`git ${args.join(' ')} failed in ${cwd}: ${(r.stderr || r.stdout).trim()}`)
}

/** Whether commit `sha` is in the clone at `cwd`, fetching that one commit from origin when it is not. */
export async function haveCommit(git: Git, cwd: string, sha: string): Promise<boolean> {
  if ((await git.run(cwd, ['cat-file', '-e', `${sha}^{commit}`])).code === 0) return true
  await git.run(cwd, ['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', sha])
  return (await git.run(cwd, ['cat-file', '-e', `${sha}^{commit}`])).code === 0
}
