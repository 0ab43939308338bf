/**
 * The rounds of an A/B run (ab.ts): the timed rounds in ABBA or duet
 * order, each a process per side and benchmark at its fixed iteration
 * count, the short runs, and the interleaved contention rounds.
 */
import { join, relative } from 'node:path'
import { splitTestFlags } from '../gobench/args.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import type { AbEvent, AbSettings } from './ab.js'
import { interleave, lowIterations, runSample, type BenchmarkSamples } from '../measure/samples.js'
import {
  contentionRound,
  newContentionProfiles,
  type ContentionProfiles
} from '../measure/contention-pass.js'
import { allowedCpus, duetPlan, haveTaskset, setsCpuFlag, type DuetPlan } from './duet.js'
import { passKey, type PassTarget } from '../measure/targets.js'
import { isLook } from '../stats/group-sequential.js'

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
  /** Each target's samples on this side, by passKey. */
  samples: Map<string, BenchmarkSamples>
  /** The contention rounds, by passKey, when asked for. */
  contention?: Map<string, ContentionProfiles>
}

/** One side's go test flags: the shared ones, then its own. */
export function flagsOf(s: AbSettings, side: SideName): string[] {
  return [...s.buildFlags, ...(s.sideFlags?.[side] ?? [])]
}

/**
 * The timed rounds: ABBA (base, head; then head, base), or duet (both at
 * once on disjoint CPUs) when asked for and possible. Each round runs
 * every target once per side, each run a process of its own at the
 * target's fixed iteration count, the targets of all packages interleaved.
 * Returns the duet plan that ran, if any.
 */
export async function timedRounds(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  targets: readonly PassTarget[],
  scratch: string,
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<DuetPlan | undefined> {
  const duet = scheduleOf(s, onEvent)
  const order = interleave(targets)
  for (const side of ['base', 'head'] as const)
    for (const t of order) sides[side].samples.set(passKey(t.importPath, t.name), emptySamples(t))
  let active = order
  const started = performance.now()
  for (let round = 0; round < s.rounds && active.length > 0; round++) {
    if (
      // The budget ends the rounds at a look only: the design's repeated p holds there.
      isLook(round, s.rounds) &&
      s.budgetMs !== undefined &&
      performance.now() - started >= s.budgetMs
    ) {
      onEvent({
        type: 'notice',
        message: `confirmation budget of ${Math.round(s.budgetMs / 1000)} s spent after ${round} rounds; ${active.length} benchmark(s) undecided`
      })
      break
    }
    const sideOrder: SideName[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base']
    if (duet) {
      // The halves swap every round, so a faster CPU favours neither side.
      const [b, h] = round % 2 === 0 ? duet.cpus : [duet.cpus[1], duet.cpus[0]]
      onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order: sideOrder, duet: [b, h] })
      for (const t of active)
        await together([
          sideSample(go, sides, 'base', t, round, scratch, s, { cpus: b, procs: duet.procs }),
          sideSample(go, sides, 'head', t, round, scratch, s, { cpus: h, procs: duet.procs })
        ])
    } else {
      onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order: sideOrder })
      for (const t of active)
        for (const side of sideOrder) await sideSample(go, sides, side, t, round, scratch, s)
    }
    if (round === 0) checkMatched(sides, s.bench)
    if (s.decide && isLook(round + 1, s.rounds))
      active = stillUndecided(sides, active, s.decide, onEvent)
  }
  // The short runs: per-op costs without the fixed costs, per side.
  for (const side of ['base', 'head'] as const)
    for (const t of order) await sideLow(go, sides, side, t, scratch, s)
  return duet
}

/**
 * Paired per-round times of each benchmark result, by `importPath␊name`,
 * and the iterations each round ran: what a look decides on.
 */
export type RoundTimes = ReadonlyMap<string, { base: number[]; head: number[]; iterations: number }>

/**
 * A look: every result's paired times so far (those that stopped too:
 * the decision corrects across all of them); the targets with a result
 * still undecided go on, the rest stop.
 */
function stillUndecided(
  sides: Record<SideName, SideState>,
  active: readonly PassTarget[],
  decide: (rounds: RoundTimes) => ReadonlySet<string>,
  onEvent: (e: AbEvent) => void
): PassTarget[] {
  const times = new Map<string, { base: number[]; head: number[]; iterations: number }>()
  const owner = new Map<string, string>()
  for (const side of ['base', 'head'] as const)
    for (const [target, samples] of sides[side].samples)
      for (const r of samples.results) {
        const ns = r.measurements.find(m => m.unit === 'ns/op')
        if (!ns) continue
        const key = `${samples.target.importPath}\n${r.name}`
        owner.set(key, target)
        const entry =
          times.get(key) ??
          times.set(key, { base: [], head: [], iterations: samples.target.iterations }).get(key)!
        entry[side].push(ns.value)
      }
  const open = new Set([...decide(times)].map(k => owner.get(k)))
  const next = active.filter(t => open.has(passKey(t.importPath, t.name)))
  if (next.length < active.length)
    onEvent({ type: 'decided', decided: active.length - next.length, open: next.length })
  return next
}

/** A target's samples before any ran. */
function emptySamples(target: PassTarget): BenchmarkSamples {
  return { target, results: [], profiles: { cpu: [], mem: [] }, config: {}, durationMs: 0 }
}

/** Where a side runs a target: its binary, and the package directory in its tree. */
function onSide(
  state: SideState,
  t: PassTarget,
  headRoot: string
): { binary: string; cwd: string } {
  return {
    binary: state.binaries.get(t.importPath)!,
    cwd: join(state.root, relative(headRoot, t.cwd))
  }
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

/**
 * One side's sample of one target in one round. A side that prints no
 * result for it (the benchmark does not exist there) is not asked again;
 * a process that fails stops the A/B with the side, round and output.
 */
async function sideSample(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  side: SideName,
  t: PassTarget,
  round: number,
  scratch: string,
  s: AbSettings,
  /** Duet: the CPUs to pin to, and the -test.cpu both sides share. */
  pin?: { cpus: string; procs: number }
): Promise<void> {
  const state = sides[side]
  const into = state.samples.get(passKey(t.importPath, t.name))!
  if (into.error !== undefined) return
  const started = performance.now()
  const r = await runSample(go, t, t.iterations, {
    ...onSide(state, t, sides.head.root),
    scratch,
    stem: `${side}-${packageStem(t.importPath)}-${safeIndex(state, t)}-r${round}`,
    runFlags: pinnedFlags(splitTestFlags(flagsOf(s, side)).run, pin),
    ...(pin ? { cpus: pin.cpus } : {})
  })
  into.durationMs += performance.now() - started
  if (r.code !== 0)
    throw new AbError(
      `${t.importPath} ${t.name} failed at the ${side} revision in round ${round + 1}:\n${tail(r.lines.join('\n'))}`
    )
  if (r.results.length === 0) {
    into.error = `no result at the ${side} revision`
    return
  }
  into.results.push(...r.results)
  into.profiles.cpu.push(...r.files.cpu)
  into.profiles.mem.push(...r.files.mem)
  if (Object.keys(into.config).length === 0) into.config = r.config
}

/** A side's short run of one target, at a tenth of its count; a failure leaves it out. */
async function sideLow(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  side: SideName,
  t: PassTarget,
  scratch: string,
  s: AbSettings
): Promise<void> {
  const state = sides[side]
  const into = state.samples.get(passKey(t.importPath, t.name))!
  const low = lowIterations(t.iterations)
  if (into.results.length === 0 || low === undefined) return
  const r = await runSample(go, t, low, {
    ...onSide(state, t, sides.head.root),
    scratch,
    stem: `${side}-${packageStem(t.importPath)}-${safeIndex(state, t)}-low`,
    runFlags: splitTestFlags(flagsOf(s, side)).run
  })
  if (r.code === 0 && r.results.length > 0) into.low = { iterations: low, profiles: r.files }
}

/** A file-name-safe index of the target among the side's samples. */
function safeIndex(state: SideState, t: PassTarget): number {
  return [...state.samples.keys()].indexOf(passKey(t.importPath, t.name))
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
  w: { headRoot: string; scratch: string },
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<void> {
  const targets = {
    base: abPassTargets(sides.base, w.headRoot),
    head: abPassTargets(sides.head, w.headRoot)
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

/** After the first round: benchmarks that ran on neither side are an error naming the pattern. */
export function checkMatched(sides: Record<SideName, SideState>, bench: string): void {
  const any = (state: SideState): boolean =>
    [...state.samples.values()].some(m => m.results.length > 0)
  if (any(sides.base) || any(sides.head)) return
  const packages = [...new Set([...sides.head.samples.values()].map(x => x.target.importPath))]
  throw new AbError(
    `-bench regular expression ${JSON.stringify(bench)} ran no benchmark on either side in the ${packages.length} package(s) with benchmarks on both sides (${packages
      .slice(0, 5)
      .join(', ')}). Check --bench`
  )
}

/** Every benchmark one side sampled, with that side's test binary and directory. */
export function abPassTargets(state: SideState, headRoot: string): PassTarget[] {
  return [...state.samples.values()]
    .filter(x => x.results.length > 0)
    .map(x => ({ ...x.target, ...onSide(state, x.target, headRoot) }))
}

/** The last 15 lines of a run's output, for messages. */
export function tail(text: string): string {
  return text.trim().split('\n').slice(-15).join('\n')
}
