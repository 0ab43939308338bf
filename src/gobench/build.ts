/**
 * Build once: every package's test binary (`go test -c -trimpath`) before
 * any benchmark runs, several at a time. Every later step (calibration,
 * samples, the contention pass, the head side of an A/B) runs these
 * binaries; nothing is built twice in a job.
 */
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { goTestBuildArgs } from './args.js'
import type { GoPackage } from './discover.js'
import { packageStem } from './run.js'
import type { GoToolchain } from './toolchain.js'

/** One package's build: the binary, or why there is none. */
export type BuiltBinary =
  | { pkg: GoPackage; binary: string; durationMs: number }
  | { pkg: GoPackage; error: string; durationMs: number }

/** Progress of the builds. */
export type BuildEvent =
  | { type: 'build-start'; total: number; parallel: number }
  | { type: 'built'; done: number; total: number; pkg: GoPackage; ok: boolean }

/** Lines of the compiler's output kept in a build failure's message. */
const TAIL_LINES = 25

/** How many builds run at once: one per CPU, since go's compiler runs several jobs of its own anyway. */
export function buildParallelism(): number {
  return Math.max(1, availableParallelism())
}

/**
 * Build every package's test binary into `binaryDir`, at most `parallel`
 * at a time; results in the packages' order. A package that does not
 * build is an entry with its error (the compiler's last lines), never a
 * throw: the other packages still run.
 */
export async function buildTestBinaries(
  go: GoToolchain,
  packages: readonly GoPackage[],
  o: {
    binaryDir: string
    buildFlags: readonly string[]
    env?: NodeJS.ProcessEnv
    parallel?: number
    /** The file name of a package's binary; its package stem by default. */
    nameOf?: (pkg: GoPackage) => string
  },
  onEvent: (e: BuildEvent) => void = () => {}
): Promise<BuiltBinary[]> {
  const parallel = Math.max(1, Math.min(o.parallel ?? buildParallelism(), packages.length))
  onEvent({ type: 'build-start', total: packages.length, parallel })
  const out: BuiltBinary[] = new Array(packages.length)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < packages.length) {
      const i = next++
      const pkg = packages[i]
      const binary = join(o.binaryDir, o.nameOf?.(pkg) ?? `${packageStem(pkg.importPath)}.test`)
      const started = Date.now()
      const r = await go.run(goTestBuildArgs(binary, o.buildFlags), { cwd: pkg.dir, env: o.env })
      const durationMs = Date.now() - started
      out[i] =
        r.code === 0
          ? { pkg, binary, durationMs }
          : { pkg, error: buildFailure(pkg, r.code, `${r.stdout}\n${r.stderr}`), durationMs }
      onEvent({ type: 'built', done: ++done, total: packages.length, pkg, ok: r.code === 0 })
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker))
  return out
}

/** A build failure's message: the package, what to do, the compiler's last lines. */
function buildFailure(pkg: GoPackage, code: number, output: string): string {
  const tail = output
    .split('\n')
    .filter(l => l.trim() !== '')
    .slice(-TAIL_LINES)
  return `${pkg.importPath} does not build. Fix it, or leave the package out with the packages input (--packages); the other packages still ran. Last lines of go test -c (exit status ${code}):\n${tail.join('\n')}`
}
