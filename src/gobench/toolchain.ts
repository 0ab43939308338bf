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
/** A line longer than this (output with no newline) is passed on in pieces. */
const MAX_LINE = 1 << 20

/**
 * How long a child may run. Test binaries get `timeout` itself, as
 * `-test.timeout` (their own panic, with every goroutine's stack, comes
 * first) and as a watchdog a little later that kills the process group.
 * `go` commands may build and download before anything runs, so their
 * watchdog allows `buildGraceSeconds` more. 0 seconds means no limit, as
 * Go's `-timeout 0` does.
 */
export interface ChildLimits {
  /** The `timeout` setting in seconds; 0 for none. */
  timeoutSeconds: number
  /** Extra time a `go` command gets for building and downloading. */
  buildGraceSeconds: number
}

/** The watchdog fires this long after a test binary's own -test.timeout. */
function watchdogMs(seconds: number): number {
  return (seconds + Math.min(60, Math.max(5, seconds / 10))) * 1000
}

/** The real toolchain: spawns `go` directly (shell: false). */
export class LocalGo implements GoToolchain {
  constructor(
    private readonly binary = 'go',
    private readonly limits: ChildLimits = { timeoutSeconds: 3600, buildGraceSeconds: 1800 }
  ) {}

  /** Spawn `go` directly, no shell, under the watchdog. */
  run(args: readonly string[], options: GoRunOptions): Promise<GoProcess> {
    const { timeoutSeconds, buildGraceSeconds } = this.limits
    const limit = timeoutSeconds > 0 ? watchdogMs(timeoutSeconds + buildGraceSeconds) : 0
    return spawnCaptured(this.binary, args, options, limit)
  }

  /** Spawn a test binary directly, no shell, with -test.timeout and the watchdog. */
  runTestBinary(
    binary: string,
    args: readonly string[],
    options: GoRunOptions
  ): Promise<GoProcess> {
    const { timeoutSeconds } = this.limits
    const limit = timeoutSeconds > 0 ? watchdogMs(timeoutSeconds) : 0
    // First, so that a -test.timeout the user forwarded wins (the last one does).
    const argv = [`-test.timeout=${timeoutSeconds}s`, ...args]
    if (options.cpus !== undefined)
      return spawnCaptured('taskset', ['--cpu-list', options.cpus, binary, ...argv], options, limit)
    return spawnCaptured(binary, argv, options, limit)
  }
}

/**
 * Every child runs in a process group of its own, so that a watchdog, or
 * benchgate's own end, kills what it started too (`go test` starts the
 * test binary; killing `go` alone would leave the binary running).
 */
const live = new Set<number>()
let reaping = false

/** Kill every live child's process group (SIGKILL: nothing of theirs needs to finish). */
export function killChildren(): void {
  for (const pid of live) killGroup(pid)
  live.clear()
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/**
 * Once: kill the children when benchgate exits or is told to stop
 * (Ctrl-C, a cancelled workflow's SIGINT/SIGTERM), then stop as the
 * signal would have stopped it.
 */
function reapOnExit(): void {
  if (reaping) return
  reaping = true
  process.once('exit', killChildren)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killChildren()
      process.kill(process.pid, signal)
    })
  }
}

/** Spawn one process, stream its lines, keep the tail of each stream; kill it after limitMs (0: never). */
function spawnCaptured(
  binary: string,
  args: readonly string[],
  options: GoRunOptions,
  limitMs: number
): Promise<GoProcess> {
  return new Promise((resolve, reject) => {
    let fd: number | undefined
    try {
      if (options.stdoutFile !== undefined) fd = openSync(options.stdoutFile, 'w')
    } catch (err) {
      reject(err)
      return
    }
    reapOnExit()
    const child = spawn(binary, args, {
      cwd: options.cwd,
      // The code under test must not see the token (src/env).
      env: childEnv(options.env ?? process.env),
      shell: false,
      detached: process.platform !== 'win32',
      stdio: ['ignore', fd ?? 'pipe', 'pipe']
    })
    if (fd !== undefined) closeSync(fd)
    const pid = child.pid
    if (pid !== undefined && process.platform !== 'win32') live.add(pid)
    let timedOut = false
    const watchdog =
      limitMs > 0
        ? setTimeout(() => {
            timedOut = true
            if (pid !== undefined) killGroup(pid)
          }, limitMs)
        : undefined
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
      if (partial[stream].length > MAX_LINE) {
        lines.push(partial[stream])
        partial[stream] = ''
      }
      for (const line of lines) options.onLine(line, stream)
    }
    child.stdout?.on('data', take('stdout'))
    child.stderr?.on('data', take('stderr'))
    child.on('error', err => {
      clearTimeout(watchdog)
      if (pid !== undefined) live.delete(pid)
      reject(new GoNotFoundError(binary, err.message))
    })
    child.on('close', code => {
      clearTimeout(watchdog)
      if (pid !== undefined) live.delete(pid)
      for (const stream of ['stdout', 'stderr'] as const) {
        if (options.onLine && partial[stream] !== '') options.onLine(partial[stream], stream)
      }
      if (timedOut) {
        const note = `benchgate: killed after ${limitMs / 1000}s (the timeout setting, plus time to build): the process did not finish`
        captured.stderr += `\n${note}\n`
        options.onLine?.(note, 'stderr')
      }
      resolve({ code: code ?? -1, ...captured })
    })
  })
}
