import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from './go.js'

const exec = promisify(execFile)

/** The built CLI (dist/cli.js), as a user runs it. */
export const CLI = join(ROOT, 'dist', 'cli.js')

/** Run the built CLI with an argv array; resolve with its exit code and output, never reject. */
export async function cli(
  args: string[],
  options: { cwd?: string; timeout?: number; env?: NodeJS.ProcessEnv } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20, ...options }).then(
    r => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr
    })
  )
}
