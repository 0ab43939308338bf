/**
 * The rounds of an A/B run (ab.ts): the timed rounds in ABBA or duet
 * order, each side's run of a package, and the interleaved contention
 * rounds.
 */
import { join, relative } from 'node:path'
import { splitTestFlags, testBinaryArgs } from '../gobench/args.js'
import type { GoPackage } from '../gobench/discover.js'
import { BenchParser } from '../gobench/parse.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import type { AbEvent, AbSettings } from './ab.js'
import type { PackageMeasurement } from '../measure/bundle-builder.js'
import {
  contentionRound,
  newContentionProfiles,
  type ContentionProfiles
} from '../measure/contention-pass.js'
import { allowedCpus, duetPlan, haveTaskset, setsCpuFlag, type DuetPlan } from './duet.js'
import { passKey, targetsOf, type PassTarget } from '../measure/profile-pass.js'

/** A problem with the A/B setup: not a git repository, an unknown ref, a build failure. */
export class AbError extends Error {
  override name = 'AbError'
}

/** A side of an A/B. */
export type SideName = 'base' | 'head'

/** One side's checkout, test binaries and what it measured so far. */
export interface SideState {
  root: string
  /** The environment its go commands run with (a worktree's GOWORK); undefined: benchgate's own. */
  env?: NodeJS.ProcessEnv
  binaries: Map<string, string>
  measured: Map<string, PackageMeasurement>
  /** The contention rounds, by passKey, when asked for. */
  contention?: Map<string, ContentionProfiles>
}

/** One side's go test flags: the shared ones, then its own. */
export function flagsOf(s: AbSettings, side: SideName): string[] {
  return [...s.buildFlags, ...(s.sideFlags?.[side] ?? [])]
}

/**
 * The timed rounds: ABBA (base, head; then head, base), or duet (both at
 * once on disjoint CPUs) when asked for and possible. Returns the duet
 * plan that ran, if any.
 */
export async function timedRounds(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  paired: readonly GoPackage[],
  scratch: string,
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<DuetPlan | undefined> {
  const duet = scheduleOf(s, onEvent)
  for (let round = 0; round < s.rounds; round++) {
    const order: SideName[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base']
    if (duet) {
      // The halves swap every round, so a faster CPU favours neither side.
      const [b, h] = round % 2 === 0 ? duet.cpus : [duet.cpus[1], duet.cpus[0]]
      onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order, duet: [b, h] })
      for (const pkg of paired)
        await together([
          runRound(go, sides, 'base', pkg, round, scratch, s, { cpus: b, procs: duet.procs }),
          runRound(go, sides, 'head', pkg, round, scratch, s, { cpus: h, procs: duet.procs })
        ])
    } else {
      onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order })
      for (const pkg of paired)
        for (const side of order) await runRound(go, sides, side, pkg, round, scratch, s)
    }
    if (round === 0) checkMatched(sides, s.bench)
  }
  return duet
}

/** The duet plan when asked for and possible; otherwise ABBA, with a notice when duet was asked. */
function scheduleOf(s: AbSettings, onEvent: (e: AbEvent) => void): DuetPlan | undefined {
  if (s.schedule !== 'duet') return undefined
  const d = duetPlan(allowedCpus(), haveTaskset())
  if ('plan' in d) return d.plan
  onEvent({ type: 'notice', message: d.fallback })
  return undefined
}

/** Both sides' runs of a duet round: wait for both, then report the first failure. */
async function together(runs: Promise<void>[]): Promise<void> {
  const settled = await Promise.allSettled(runs)
  const failed = settled.find(r => r.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
}

/** One side's run of one package in one round: results and profiles appended to its measurement. */
async function runRound(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  side: SideName,
  pkg: GoPackage,
  round: number,
  scratch: string,
  s: AbSettings,
  /** Duet: the CPUs to pin to, and the -test.cpu both sides share. */
  pin?: { cpus: string; procs: number }
): Promise<void> {
  const state = sides[side]
  const rel = relative(sides.head.root, pkg.dir)
  const stem = `${side}-${packageStem(pkg.importPath)}-r${round}`
  const cpu = join(scratch, `${stem}.cpu.pprof`)
  const mem = join(scratch, `${stem}.mem.pprof`)
  const parser = new BenchParser()
  const argv = testBinaryArgs({
    bench: s.bench,
    benchtime: s.benchtime,
    cpuProfile: cpu,
    memProfile: mem,
    runFlags: pinnedFlags(splitTestFlags(flagsOf(s, side)).run, pin)
  })
  const r = await go.runTestBinary(state.binaries.get(pkg.importPath)!, argv, {
    cwd: join(state.root, rel),
    onLine: line => void parser.line(line),
    ...(pin ? { cpus: pin.cpus } : {})
  })
  if (r.code !== 0)
    throw new AbError(
      `${pkg.importPath} failed at the ${side} revision in round ${round + 1}:\n${tail(r.stdout)}`
    )
  const parsed = parser.finish()
  const m = state.measured.get(pkg.importPath)!
  m.results = [...m.results, ...parsed.results.map(x => ({ ...x, pkg: pkg.importPath }))]
  if (Object.keys(m.config).length === 0)
    m.config = parsed.config[pkg.importPath] ?? Object.values(parsed.config)[0] ?? {}
  m.profiles.cpu.push(cpu)
  m.profiles.mem.push(mem)
}

/**
 * A pinned side runs with the -test.cpu of the whole CPU set unless the
 * user chose one, so its benchmarks keep the names (and GOMAXPROCS) the
 * timed runs had.
 */
function pinnedFlags(run: string[], pin: { procs: number } | undefined): string[] {
  return pin && !setsCpuFlag(run) ? [...run, `-test.cpu=${pin.procs}`] : run
}

/**
 * The contention pass of both sides, interleaved as the timed rounds are
 * (base, head; then head, base): round r of each side runs beside round r
 * of the other, so a burst on the runner hits both.
 */
export async function contentionRounds(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  w: { paired: readonly GoPackage[]; headRoot: string; scratch: string },
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<void> {
  const targets = {
    base: abPassTargets(sides.base, w.paired, w.headRoot),
    head: abPassTargets(sides.head, w.paired, w.headRoot)
  }
  for (const side of ['base', 'head'] as const) sides[side].contention = new Map()
  const rounds = s.profiles!.rounds
  for (let round = 0; round < rounds; round++) {
    const order: SideName[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base']
    onEvent({ type: 'contention-round', round: round + 1, rounds, order })
    for (const side of order)
      for (const [i, t] of targets[side].entries()) {
        const key = passKey(t.importPath, t.name)
        const into =
          sides[side].contention!.get(key) ??
          sides[side].contention!.set(key, newContentionProfiles(t)).get(key)!
        await contentionRound(go, t, round, into, {
          scratch: w.scratch,
          stem: `${side}-${packageStem(t.importPath)}-q${i}`,
          runFlags: splitTestFlags(flagsOf(s, side)).run,
          profiles: s.profiles!
        })
      }
  }
}

/** After the first round: a -bench that matched nothing on either side is an error naming it. */
export function checkMatched(sides: Record<SideName, SideState>, bench: string): void {
  const any = (state: SideState): boolean =>
    [...state.measured.values()].some(m => m.results.length > 0)
  if (any(sides.base) || any(sides.head)) return
  throw new AbError(
    `-bench regular expression ${JSON.stringify(bench)} matched no benchmark in the ${sides.head.measured.size} package(s) with benchmarks on both sides (${[
      ...sides.head.measured.keys()
    ]
      .slice(0, 5)
      .join(', ')}). Check --bench`
  )
}

/** Every benchmark one side measured, with that side's test binary. */
export function abPassTargets(
  state: SideState,
  paired: readonly GoPackage[],
  headRoot: string
): PassTarget[] {
  return paired.flatMap(pkg => {
    const m = state.measured.get(pkg.importPath)
    const binary = state.binaries.get(pkg.importPath)
    if (!m || !binary) return []
    return targetsOf(
      pkg.importPath,
      m.results,
      binary,
      join(state.root, relative(headRoot, pkg.dir))
    )
  })
}

/** The last 15 lines of a run's output, for messages. */
export function tail(text: string): string {
  return text.trim().split('\n').slice(-15).join('\n')
}
