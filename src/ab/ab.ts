/**
 * Interleaved A/B runs on one machine: build the test binaries of the base
 * revision (checked out in a git worktree) and of the head, then run them
 * alternately, round by round, in ABBA order (AB, BA, AB, …) so neither
 * side always goes first. Each round is one `-test.count=1` run per side,
 * with profiles. Drift between rounds then hits both sides alike. The
 * result is one bundle per side, written by the same builder as `run`.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { gitOrThrow, gitOutput, type Git } from '../git/index.js'
import { splitTestFlags } from '../gobench/args.js'
import { discoverPackages, type GoPackage } from '../gobench/discover.js'
import { selectShard, type Shard } from '../shard/partition.js'
import { packageStem } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import {
  AbError,
  contentionRounds,
  flagsOf,
  tail,
  timedRounds,
  type RoundTimes,
  type SideName,
  type SideState
} from './ab-rounds.js'
import { checkOutDir, modulesOf } from '../measure/pipeline.js'
import { calibratePackages } from '../measure/calibrate.js'
import type { PassTarget } from '../measure/targets.js'
import type { ProfileFiles } from '../attribution/index.js'
import { buildTestBinaries } from '../gobench/build.js'
import { wantsContention, type ProfileSettings } from '../measure/settings.js'
import type { AbSchedule, DuetPlan } from './duet.js'
import { sideLabel, writeSide } from './side-bundle.js'
import { cannotDiffer } from './identical.js'
import { withEnv, Worktrees, worktreeWorkspace } from './worktree.js'
import { IDENTICAL_REASON } from '../bundle/index.js'

export { AbError } from './ab-rounds.js'
export type { RoundTimes } from './ab-rounds.js'

/** What one A/B run measures, and how. */
export interface AbSettings {
  dir: string
  packages: string[]
  /** When set, only these import paths run (confirmation: the suspects' packages). */
  only?: ReadonlySet<string>
  bench: string
  /** Rounds: each is one run per side (with `decide`, the most a benchmark gets). */
  rounds: number
  /**
   * Sequential confirmation: at each look (after 6 rounds, then every 2),
   * the result keys (`importPath␊name`) still undecided given every
   * result's paired ns/op so far; a target whose results are all decided
   * stops. Without it every target runs all the rounds.
   */
  decide?: (rounds: RoundTimes) => ReadonlySet<string>
  /** With `decide`: no round starts after this many ms of timed rounds, once the first look is past. */
  budgetMs?: number
  benchtime: string
  /** go test flags: build flags (e.g. -tags=x) go to `go test -c`, test flags (e.g. -cpu) to each run. */
  buildFlags: string[]
  /** A ref to check out for the base; undefined = the work tree as it is (then sideFlags must tell the sides apart). */
  base?: string
  /** A ref to check out for the head; undefined = the work tree as it is. */
  head?: string
  /**
   * go test flags for one side only, after buildFlags. The demo builds both
   * sides from one tree and its head with -tags=benchgate_demo_regression.
   */
  sideFlags?: Partial<Record<'base' | 'head', string[]>>
  out: string
  topK: number
  maxProfileBytes: number
  /** Profiles beyond CPU and heap: their contention rounds interleave base and head too. */
  profiles?: ProfileSettings
  /** abba (default): the sides alternate; duet: they run together on disjoint CPUs (ab/duet.ts). */
  schedule?: AbSchedule
  /** Only this shard of the packages (shard/partition.ts), as `run --shard` picks them. */
  shard?: Shard & { weightsFrom?: string }
  /** Fixed iteration counts by passKey (the baseline's, through the run); others are calibrated. */
  iterations?: ReadonlyMap<string, number>
  /** The head's test binaries, by import path, when the run built them from the same tree and flags. */
  prebuilt?: ReadonlyMap<string, string>
  /** The run's samples of the head, by passKey: pooled into the head's per-op costs. */
  pool?: ReadonlyMap<string, { iterations: number; profiles: ProfileFiles }>
  /**
   * changed (default): a package whose two test binaries and package files
   * are identical cannot differ (ab/identical.ts), and is not measured;
   * all: every package is.
   */
  select?: 'changed' | 'all'
}

/** Progress of an A/B run. */
export type AbEvent =
  | { type: 'worktree'; side: 'base' | 'head'; ref: string; path: string }
  | { type: 'build'; side: 'base' | 'head'; pkg: string }
  | { type: 'calibrated'; pkg: string; benchmarks: number }
  | {
      type: 'round'
      round: number
      rounds: number
      order: ('base' | 'head')[]
      /** Duet: both sides at once, on these CPU lists (base's, head's). */
      duet?: [string, string]
    }
  | { type: 'notice'; message: string }
  | { type: 'contention-round'; round: number; rounds: number; order: ('base' | 'head')[] }
  /** A look of a sequential confirmation stopped `decided` targets; `open` go on. */
  | { type: 'decided'; decided: number; open: number }
  /** A package that cannot differ between the sides: not measured. */
  | { type: 'identical'; pkg: string }

/** The two bundles an A/B run wrote. */
export interface AbResult {
  baseDir: string
  headDir: string
}

/** The seam confirmation and the judge run A/B through (the real one is runAb). */
export type AbRunner = (s: AbSettings, onEvent?: (e: AbEvent) => void) => Promise<AbResult>

const abFail = (m: string): Error => new AbError(m)

/** Run the A/B rounds and write out/base and out/head bundles. Worktrees are always removed. */
export async function runAb(
  go: GoToolchain,
  git: Git,
  s: AbSettings,
  onEvent: (e: AbEvent) => void = () => {}
): Promise<AbResult> {
  for (const side of ['base', 'head']) await checkOutDir(join(resolve(s.out), side))
  if (s.base === undefined && s.head === undefined && sideLabel(s, 'base') === sideLabel(s, 'head'))
    throw new AbError('both A/B sides are the work tree with the same flags; give a base revision')
  const start = resolve(s.dir)
  // Worktrees need a repository; two builds of the work tree do not.
  const repoRoot =
    s.base === undefined && s.head === undefined
      ? ((await gitOutput(git, start, ['rev-parse', '--show-toplevel'])) ?? start)
      : await gitOrThrow(git, start, ['rev-parse', '--show-toplevel'], abFail)
  const sub = relative(repoRoot, start)
  const scratch = await mkdtemp(join(tmpdir(), 'benchgate-ab-'))
  const worktrees = new Worktrees(git, repoRoot, scratch)
  const worktreeSide = async (side: SideName, ref: string): Promise<SideState> => {
    const root = await worktrees.add(side, ref, `--${side}`)
    onEvent({ type: 'worktree', side, ref, path: root })
    const gowork = await worktreeWorkspace(go, start, repoRoot, root)
    return {
      root,
      env: { ...process.env, GOWORK: gowork },
      binaries: new Map(),
      samples: new Map()
    }
  }
  const workTree = (): SideState => ({ root: repoRoot, binaries: new Map(), samples: new Map() })
  try {
    const sides: Record<SideName, SideState> = {
      base: s.base !== undefined ? await worktreeSide('base', s.base) : workTree(),
      head: s.head ? await worktreeSide('head', s.head) : workTree()
    }
    const headGo = withEnv(go, sides.head.env)
    const found = (await discoverPackages(headGo, join(sides.head.root, sub), s.packages)).filter(
      p => p.hasBenchmarks && (!s.only || s.only.has(p.importPath))
    )
    const { packages } = await selectShard(found, s.shard)
    const { paired, same, duet } = await measureWhatCanDiffer(
      go,
      sides,
      packages,
      scratch,
      s,
      onEvent
    )
    const side = (name: SideName): Promise<string> =>
      writeSide(
        withEnv(go, sides[name].env),
        git,
        {
          state: sides[name],
          headRoot: sides.head.root,
          sub,
          scratch,
          paired,
          skipped: same.map(p => ({ package: p.importPath, reason: IDENTICAL_REASON })),
          modules: modulesOf(found)
        },
        // What ran: a duet that fell back is recorded as ABBA.
        { ...s, schedule: duet ? 'duet' : 'abba' },
        name,
        join(resolve(s.out), name)
      )
    return { baseDir: await side('base'), headDir: await side('head') }
  } finally {
    await worktrees.removeAll()
    await rm(scratch, { recursive: true, force: true })
  }
}

/**
 * Build both sides, leave out what cannot differ (unless s.select is
 * all), then calibrate and run the rounds of the rest. Returns the
 * packages measured, those left out, and the duet plan that ran, if any.
 */
async function measureWhatCanDiffer(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  packages: readonly GoPackage[],
  scratch: string,
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<{ paired: GoPackage[]; same: GoPackage[]; duet?: DuetPlan }> {
  const built = await buildBinaries(go, sides, packages, scratch, s, onEvent)
  const same = s.select === 'all' ? [] : await identicalPackages(sides, built)
  for (const p of same) onEvent({ type: 'identical', pkg: p.importPath })
  const paired = built.filter(p => !same.includes(p))
  if (paired.length === 0) return { paired, same }
  const targets = await calibrateHead(go, sides.head, paired, s, onEvent)
  const duet = await timedRounds(go, sides, targets, scratch, s, onEvent)
  if (wantsContention(s.profiles))
    await contentionRounds(go, sides, { headRoot: sides.head.root, scratch }, s, onEvent)
  return { paired, same, ...(duet ? { duet } : {}) }
}

/** The packages built on both sides that cannot differ between them (ab/identical.ts). */
async function identicalPackages(
  sides: Record<SideName, SideState>,
  packages: readonly GoPackage[]
): Promise<GoPackage[]> {
  const out: GoPackage[] = []
  for (const pkg of packages) {
    const base = sides.base.binaries.get(pkg.importPath)
    const head = sides.head.binaries.get(pkg.importPath)
    if (!base || !head) continue
    const dirs = { base: join(sides.base.root, relative(sides.head.root, pkg.dir)), head: pkg.dir }
    if (await cannotDiffer({ base, head }, dirs)) out.push(pkg)
  }
  return out
}

/**
 * Calibrate the head's packages: the benchmarks -bench selects, each at
 * the fixed iteration count given for it (the baseline's, through the
 * run) or calibrated here. Both sides then run every target at that count.
 */
async function calibrateHead(
  go: GoToolchain,
  head: SideState,
  paired: readonly GoPackage[],
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<PassTarget[]> {
  const calibrations = await calibratePackages(
    go,
    paired.map(pkg => ({ pkg, binary: head.binaries.get(pkg.importPath)! })),
    {
      bench: s.bench,
      benchtime: s.benchtime,
      runFlags: splitTestFlags(flagsOf(s, 'head')).run,
      ...(s.iterations ? { reuse: s.iterations } : {})
    },
    e => {
      if (e.type === 'calibrated')
        onEvent({
          type: 'calibrated',
          pkg: e.result.pkg.importPath,
          benchmarks: e.result.targets.length
        })
    }
  )
  const failed = calibrations.find(c => c.status === 'failed')
  if (failed) throw new AbError(`calibrating at the head revision failed: ${failed.error}`)
  const targets = calibrations.flatMap(c => c.targets)
  if (targets.length === 0)
    throw new AbError(
      `-bench regular expression ${JSON.stringify(s.bench)} matched no benchmark in the ${paired.length} package(s) with benchmarks on both sides (${paired
        .slice(0, 5)
        .map(p => p.importPath)
        .join(', ')}). Check --bench`
    )
  return targets
}

/**
 * Build each package's test binary on both sides, several at a time; the
 * head reuses the binaries the run built (s.prebuilt) rather than build
 * them again. A package new in head has nothing to pair with.
 */
async function buildBinaries(
  go: GoToolchain,
  sides: Record<SideName, SideState>,
  packages: readonly GoPackage[],
  scratch: string,
  s: AbSettings,
  onEvent: (e: AbEvent) => void
): Promise<GoPackage[]> {
  const paired = packages.filter(pkg =>
    existsSync(join(sides.base.root, relative(sides.head.root, pkg.dir)))
  )
  if (paired.length === 0)
    throw new AbError('no package with benchmarks exists on both sides; nothing to compare')
  for (const side of ['base', 'head'] as const) {
    const reuse = side === 'head' ? s.prebuilt : undefined
    const toBuild = paired.filter(p => !reuse?.has(p.importPath))
    for (const p of paired) {
      const bin = reuse?.get(p.importPath)
      if (bin) sides.head.binaries.set(p.importPath, bin)
    }
    const built = await buildTestBinaries(
      go,
      toBuild.map(pkg => ({
        ...pkg,
        dir: join(sides[side].root, relative(sides.head.root, pkg.dir))
      })),
      {
        binaryDir: scratch,
        buildFlags: splitTestFlags(flagsOf(s, side)).build,
        ...(sides[side].env ? { env: sides[side].env } : {}),
        nameOf: pkg => `${side}-${packageStem(pkg.importPath)}.test`
      },
      e => {
        if (e.type === 'built') onEvent({ type: 'build', side, pkg: e.pkg.importPath })
      }
    )
    for (const b of built) {
      if ('error' in b)
        throw new AbError(
          `building ${b.pkg.importPath} at the ${side} revision (${sideLabel(s, side)}) failed:\n${tail(b.error)}`
        )
      sides[side].binaries.set(b.pkg.importPath, b.binary)
    }
  }
  return paired
}
