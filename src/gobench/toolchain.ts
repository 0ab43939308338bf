/**
 * The Go toolchain seam: everything that spawns `go` or a test binary that
 * `go test -c` built goes through it, with argv built in args.ts.
 */
import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { childEnv } from '../env/index.js'

/** What one `go` invocation produced. */
export interface GoProcess {
  /** Exit status; -1 when the process was killed by a signal. */
  code: number
  stdout: string
  stderr: string
}

/** Options for one `go` invocation. */
export interface GoRunOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /** Called for each complete output line as it arrives (for streaming progress). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /**
   * Write standard output, byte for byte, to this file instead of
   * capturing it (`go tool trace -pprof` writes a binary profile there).
   */
  stdoutFile?: string
  /**
   * Test binaries only: pin the process to these CPUs (a taskset CPU
   * list such as `0` or `2,3`), for duet A/B rounds.
   */
  cpus?: string
}

/**
 * The Go toolchain behind one small seam: every command is an argv array,
 * never a shell string, so nothing in a benchmark name or flag can be
 * interpreted by a shell.
 */
export interface GoToolchain {
  /** Run `go` with these arguments. */
  run(args: readonly string[], options: GoRunOptions): Promise<GoProcess>
  /** Run a test binary built by `go test -c` (A/B rounds), with argv from args.ts. */
  runTestBinary(binary: string, args: readonly string[], options: GoRunOptions): Promise<GoProcess>
}

/** `go` was not found or could not be started. */
export class GoNotFoundError extends Error {
  constructor(binary: string, reason: string) {
    super(
      `cannot run the Go toolchain ("${binary}": ${reason}). Install Go (https://go.dev/dl/) and put it on PATH; in a workflow, add actions/setup-go before benchgate`
    )
    this.name = 'GoNotFoundError'
  }
}

/** Keep at most this much of each stream in memory (the tail is what explains failures). */
const MAX_CAPTURE = 32 * 1024 * 1024

/** The real toolchain: spawns `go` directly (shell: false). */
export class LocalGo implements GoToolchain {
  constructor(private readonly binary = 'go') {}

  /** Spawn `go` directly, no shell. */
  run(args: readonly string[], options: GoRunOptions): Promise<GoProcess> {
    return spawnCaptured(this.binary, args, options)
  }

  /** Spawn a test binary directly, no shell. */
  runTestBinary(
    binary: string,
    args: readonly string[],
    options: GoRunOptions
  ): Promise<GoProcess> {
    if (options.cpus !== undefined)
      return spawnCaptured('taskset', ['--cpu-list', options.cpus, binary, ...args], options)
    return spawnCaptured(binary, args, options)
  }
}

/** Spawn one process, stream its lines, keep the tail of each stream. */
function spawnCaptured(
  binary: string,
  args: readonly string[],
  options: GoRunOptions
): Promise<GoProcess> {
  return new Promise((resolve, reject) => {
    let fd: number | undefined
    try {
      if (options.stdoutFile !== undefined) fd = openSync(options.stdoutFile, 'w')
    } catch (err) {
      reject(err)
      return
    }
    const child = spawn(binary, args, {
      cwd: options.cwd,
      // The code under test must not see the token (src/env).
      env: childEnv(options.env ?? process.env),
      shell: false,
      stdio: ['ignore', fd ?? 'pipe', 'pipe']
    })
    if (fd !== undefined) closeSync(fd)
    const captured = { stdout: '', stderr: '' }
    const partial = { stdout: '', stderr: '' }
    const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      captured[stream] += text
      if (captured[stream].length > MAX_CAPTURE)
        captured[stream] = captured[stream].slice(-MAX_CAPTURE / 2)
      if (!options.onLine) return
      const lines = (partial[stream] + text).split('\n')
      partial[stream] = lines.pop() ?? ''
      for (const line of lines) options.onLine(line, stream)
    }
    child.stdout?.on('data', take('stdout'))
    child.stderr?.on('data', take('stderr'))
    child.on('error', err => reject(new GoNotFoundError(binary, err.message)))
    child.on('close', code => {
      for (const stream of ['stdout', 'stderr'] as const) {
        if (options.onLine && partial[stream] !== '') options.onLine(partial[stream], stream)
      }
      resolve({ code: code ?? -1, ...captured })
    })
  })
}
