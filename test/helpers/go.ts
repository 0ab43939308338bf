import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/** Repository root, for fixture paths. */
export const ROOT = resolve(import.meta.dirname, '..', '..')

/** A fresh temporary directory for one test file. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `benchgate-${prefix}-`))
}

/** Run a command with an argv array (never a shell); reject with its output on failure. */
export async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await exec(cmd, args, { ...options, maxBuffer: 256 * 1024 * 1024 })
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string }
    throw new Error(
      `${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`
    )
  }
}

/** Profiles written by one `go test` run of one package. */
export interface ProfilePair {
  name: string
  cpu: string
  mem: string
}

/**
 * Run one package's benchmarks with CPU and memory profiles, as benchgate
 * itself will: one package per process, -run '^$', -o for the binary.
 */
export async function profilePackage(
  pkg: string,
  outDir: string,
  name: string,
  options: { cwd?: string; benchtime?: string; bench?: string } = {}
): Promise<ProfilePair> {
  const cpu = join(outDir, `${name}.cpu.pprof`)
  const mem = join(outDir, `${name}.mem.pprof`)
  await run(
    'go',
    [
      'test',
      '-run',
      '^$',
      '-bench',
      options.bench ?? '.',
      '-benchmem',
      '-count',
      '1',
      '-benchtime',
      options.benchtime ?? '20ms',
      '-cpuprofile',
      cpu,
      '-memprofile',
      mem,
      '-o',
      join(outDir, `${name}.test`),
      pkg
    ],
    { cwd: options.cwd }
  )
  return { name, cpu, mem }
}
