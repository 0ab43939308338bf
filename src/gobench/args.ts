/**
 * `go` command lines as data, so tests can check them without running
 * anything. User-supplied values travel as single `-flag=value` tokens:
 * a bench regex such as `-exec=/bin/sh` can never become a flag of its own.
 */

/** Fields requested from `go list -json` (Go's Package struct). */
const LIST_FIELDS = 'ImportPath,Dir,Name,TestGoFiles,XTestGoFiles,Error,Module'

/** `go list` for package discovery; -e reports bad patterns as entries instead of failing. */
export function goListArgs(patterns: readonly string[]): string[] {
  return ['list', '-e', `-json=${LIST_FIELDS}`, '--', ...patterns]
}

/**
 * Flags of the test binary (`go help testflag`) that a user may add and
 * that must reach each run of a prebuilt binary as `-test.<name>`. The
 * ones benchgate sets itself (bench, count, benchtime, run, profiles) are
 * not forwarded.
 */
const FORWARDED_TEST_FLAGS = new Set([
  'cpu',
  'short',
  'timeout',
  'parallel',
  'failfast',
  'shuffle',
  'memprofilerate',
  'blockprofilerate',
  'mutexprofilefraction',
  'benchmem'
])

/**
 * Split `go test` flags for `go test -c` + running the binary (A/B): build
 * flags (-tags, -gcflags, …) go to the build; test-binary flags (-cpu,
 * -short, …) to every run, renamed `-test.cpu=…`. A value given as the next
 * argument (`-cpu 1,2`) travels with its flag.
 */
export function splitTestFlags(flags: readonly string[]): { build: string[]; run: string[] } {
  const build: string[] = []
  const run: string[] = []
  for (let i = 0; i < flags.length; i++) {
    const m = /^--?(?:test\.)?([\w.-]+)(=.*)?$/.exec(flags[i])
    const name = m?.[1]
    if (!m || !name || !FORWARDED_TEST_FLAGS.has(name)) {
      build.push(flags[i])
      continue
    }
    const boolean = ['short', 'failfast', 'benchmem'].includes(name)
    let value = m[2] ?? ''
    if (!value && !boolean && i + 1 < flags.length) value = `=${flags[++i]}`
    run.push(`-test.${name}${value}`)
  }
  return { build, run }
}

/**
 * `go test -c` for one package, run in its directory: the test binary
 * every sample runs. -trimpath makes the same source give the same bytes
 * in any directory (a worktree, another checkout), so a binary can stand
 * for its source; profiles then name files `<module path>/<file>`.
 */
export function goTestBuildArgs(binary: string, buildFlags: readonly string[]): string[] {
  return ['test', '-c', '-trimpath', `-o=${binary}`, ...buildFlags, '.']
}

/** The calibration run of a package: every benchmark -bench matches, once, at a short benchtime. */
export interface CalibrationSpec {
  bench: string
  benchtime: string
  runFlags: readonly string[]
}

/**
 * argv of a test binary for calibration: Go's own ramp-up at a short
 * benchtime, no profiles. It names the benchmarks (sub-benchmarks are only
 * known by running them) and sizes each one's fixed iteration count.
 */
export function calibrationArgs(spec: CalibrationSpec): string[] {
  return [
    '-test.run=^$',
    `-test.bench=${spec.bench}`,
    '-test.benchmem',
    '-test.count=1',
    `-test.benchtime=${spec.benchtime}`,
    ...spec.runFlags
  ]
}

/**
 * `go tool pprof -proto` of several profiles: pprof's own merge (sums
 * samples with the same stack), one file a package keeps for flame graphs
 * and `-diff_base`. -symbolize=none: Go's profiles carry their symbols.
 */
export function goPprofMergeArgs(output: string, inputs: readonly string[]): string[] {
  return ['tool', 'pprof', '-proto', '-symbolize=none', `-output=${output}`, ...inputs]
}

/** `go env -json` for the environment a bundle records. */
export function goEnvArgs(): string[] {
  return ['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH']
}

/** One sample: one benchmark, a fixed iteration count, its own process and profiles. */
export interface ProfileRunSpec {
  /** An exact -bench pattern (measure/select.ts). */
  bench: string
  iterations: number
  cpuProfile: string
  memProfile: string
  runFlags: readonly string[]
}

/**
 * The heap sampling rate of every sample: one heap sample per 64 KiB
 * allocated on average, 8× Go's default, so per-op allocation costs carry
 * a third of the sampling noise (no ns/op change measurable on the demo;
 * docs/comparison.md). Both sides of every comparison run at it.
 */
export const PASS_MEM_PROFILE_RATE = 65536

/**
 * argv of a test binary for one sample: `-test.benchtime=Nx` (every
 * sample of both sides does the same work, and no process pays Go's
 * ramp-up), one count, CPU and heap profiles. The user's run flags come
 * last, so their own -test.memprofilerate wins.
 */
export function goTestProfileArgs(spec: ProfileRunSpec): string[] {
  return [
    '-test.run=^$',
    `-test.bench=${spec.bench}`,
    '-test.benchmem',
    '-test.count=1',
    `-test.benchtime=${spec.iterations}x`,
    `-test.cpuprofile=${spec.cpuProfile}`,
    `-test.memprofile=${spec.memProfile}`,
    `-test.memprofilerate=${PASS_MEM_PROFILE_RATE}`,
    ...spec.runFlags
  ]
}

/** One run of the contention pass: one benchmark, a fixed iteration count, the asked-for profiles. */
export interface ContentionRunSpec {
  bench: string
  iterations: number
  /** -test.blockprofile with its rate, when block is asked for. */
  block?: { file: string; rate: number }
  /** -test.mutexprofile with its fraction, when mutex is asked for. */
  mutex?: { file: string; fraction: number }
  /** -test.trace, when trace is asked for. */
  trace?: string
  runFlags: readonly string[]
}

/**
 * argv of a test binary for the contention pass: like the profiling pass
 * (`-test.benchtime=Nx`, one count), with the block, mutex and trace
 * collectors instead of the CPU and heap profiles, so none of them
 * distorts the others' numbers more than it must.
 */
export function goTestContentionArgs(spec: ContentionRunSpec): string[] {
  const out = [
    '-test.run=^$',
    `-test.bench=${spec.bench}`,
    '-test.count=1',
    `-test.benchtime=${spec.iterations}x`
  ]
  if (spec.block)
    out.push(`-test.blockprofile=${spec.block.file}`, `-test.blockprofilerate=${spec.block.rate}`)
  if (spec.mutex)
    out.push(
      `-test.mutexprofile=${spec.mutex.file}`,
      `-test.mutexprofilefraction=${spec.mutex.fraction}`
    )
  if (spec.trace) out.push(`-test.trace=${spec.trace}`)
  return [...out, ...spec.runFlags]
}

/** `go tool trace -pprof=<kind> <trace>`: one trace-derived profile, on standard output. */
export function goTraceProfileArgs(
  kind: 'sync' | 'syscall' | 'net' | 'sched',
  trace: string
): string[] {
  return ['tool', 'trace', `-pprof=${kind}`, trace]
}
