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

/** One package's benchmark run, as DESIGN.md "What go test writes" requires. */
export interface GoTestSpec {
  bench: string
  count: number
  benchtime: string
  timeout: string
  cpuProfile: string
  memProfile: string
  binary: string
  /** Extra user flags (e.g. -tags, -cpu), each its own argv item. */
  extraFlags: readonly string[]
}

/**
 * `go test` for one package, run with the package directory as cwd: that
 * works alike for one module, nested modules and go.work workspaces.
 * -run '^$' keeps tests out of the profiles; -o is needed because
 * -cpuprofile also writes the test binary.
 */
export function goTestArgs(spec: GoTestSpec): string[] {
  return [
    'test',
    '-run=^$',
    `-bench=${spec.bench}`,
    '-benchmem',
    `-count=${spec.count}`,
    `-benchtime=${spec.benchtime}`,
    `-cpuprofile=${spec.cpuProfile}`,
    `-memprofile=${spec.memProfile}`,
    `-o=${spec.binary}`,
    `-timeout=${spec.timeout}`,
    ...spec.extraFlags,
    '.'
  ]
}
