/**
 * One A/B side's bundle: its samples per package (the head's pooled with
 * the run's samples of the same binary), written by the same builder as
 * `run`, with file names mapped into that side's tree.
 */
import { mkdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { gitOutput, type Git } from '../git/index.js'
import type { GoPackage } from '../gobench/discover.js'
import type { PackageRun } from '../gobench/run.js'
import type { GoToolchain } from '../gobench/toolchain.js'
import { buildBundle, type PackageMeasurement } from '../measure/bundle-builder.js'
import { measurementOf, mergeSampleProfiles, resultsInRoundOrder } from '../measure/packages.js'
import { prepareOutDir, SAMPLES_RECORDED } from '../measure/pipeline.js'
import type { PassProfiles } from '../measure/samples.js'
import type { AbSettings } from './ab.js'
import { flagsOf, type SideName, type SideState } from './ab-rounds.js'

/** How a side is named in its bundle and in messages. */
export function sideLabel(s: AbSettings, side: SideName): string {
  const own = s.sideFlags?.[side] ?? []
  const ref = s[side] ?? 'work tree'
  return own.length > 0 ? `${ref} (${own.join(' ')})` : ref
}

/** One side's bundle: its samples per package (the head's pooled with the run's), the shared builder. */
export async function writeSide(
  go: GoToolchain,
  git: Git,
  w: {
    state: SideState
    headRoot: string
    sub: string
    scratch: string
    paired: readonly GoPackage[]
    /** Packages not measured, and why (identical on both sides). */
    skipped: readonly { package: string; reason: string }[]
    /** Module paths and directories in the head tree, for trimmed file names. */
    modules: readonly { path: string; dir: string }[]
  },
  s: AbSettings,
  name: SideName,
  dir: string
): Promise<string> {
  await prepareOutDir(dir)
  const { state } = w
  const flags = flagsOf(s, name)
  const profileDir = join(dir, 'profiles')
  await mkdir(profileDir, { recursive: true })
  const measured: PackageMeasurement[] = []
  for (const pkg of w.paired) {
    const own = [...state.samples.values()].filter(
      x => x.target.importPath === pkg.importPath && x.results.length > 0
    )
    const cwd = join(state.root, relative(w.headRoot, pkg.dir))
    const merged =
      own.length > 0
        ? await mergeSampleProfiles(go, own, profileDir, { importPath: pkg.importPath, dir: cwd })
        : {}
    const run: PackageRun = {
      pkg,
      status: own.length > 0 ? 'ok' : 'no-match',
      results: resultsInRoundOrder(own),
      failures: [],
      unfinished: [],
      config: own[0]?.config ?? {},
      durationMs: own.reduce((t, x) => t + x.durationMs, 0),
      ...merged
    }
    const m = measurementOf(run, own)
    if (name === 'head' && s.pool) poolInto(m.pass as Map<string, PassProfiles>, s.pool)
    measured.push({ ...m, contention: state.contention })
  }
  await buildBundle(
    go,
    git,
    {
      dir,
      cwd: join(state.root, w.sub),
      repoRoot: state.root,
      modules: w.modules.map(m => ({
        path: m.path,
        dir: join(state.root, relative(w.headRoot, m.dir))
      })),
      topK: s.topK,
      maxProfileBytes: s.maxProfileBytes,
      commit: (await gitOutput(git, state.root, ['rev-parse', 'HEAD'])) ?? '',
      ref: sideLabel(s, name),
      skipped: w.skipped,
      settings: {
        mode: 'ab',
        rounds: s.rounds,
        bench: s.bench,
        benchtime: s.benchtime,
        buildFlags: flags,
        schedule: s.schedule ?? 'abba',
        samples: SAMPLES_RECORDED
      }
    },
    measured
  )
  return dir
}

/**
 * The head's samples from the run (same binary, same iteration count),
 * added to its A/B rounds' profiles: the function diff gets every sample
 * the job paid for.
 */
function poolInto(pass: Map<string, PassProfiles>, pool: NonNullable<AbSettings['pool']>): void {
  for (const [key, p] of pass) {
    const extra = pool.get(key)
    if (!extra || extra.iterations !== p.counts[1] || extra.profiles.cpu.length === 0) continue
    p.high = {
      cpu: [...p.high.cpu, ...extra.profiles.cpu],
      mem: [...p.high.mem, ...extra.profiles.mem]
    }
    p.processes += extra.profiles.cpu.length
  }
}
