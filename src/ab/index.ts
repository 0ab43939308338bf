/**
 * Interleaved A/B runs on one machine (issue 7, first part): build the test
 * binaries of the base revision (checked out in a git worktree) and of the
 * head, then run them alternately, round by round, in ABBA order (AB, BA,
 * AB, …) so neither side always goes first. Each round is one
 * `-test.count=1` run per side, with profiles. Drift between rounds then
 * hits both sides alike. The result is one bundle per side, which the
 * ordinary comparison reads.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { attributeProfiles, unattributedShares } from '../attribution/index.js'
import {
  SCHEMA_VERSION,
  writeBundle,
  type Bundle,
  type BundleBenchmark,
  type BundlePackage
} from '../bundle/index.js'
import { discoverPackages, type GoPackage } from '../gobench/discover.js'
import { BenchParser, type BenchResult } from '../gobench/parse.js'
import { packageStem } from '../gobench/run.js'
import { splitTestFlags } from '../gobench/args.js'
import { LocalGo, type GoToolchain } from '../gobench/toolchain.js'
import { buildBenchmarks } from '../pipeline/benchmarks.js'
import { BENCHGATE_VERSION } from '../pipeline/run.js'

const exec = promisify(execFile)

/** A problem with the A/B setup: not a git repository, an unknown ref, a build failure. */
export class AbError extends Error {
  override name = 'AbError'
}

export interface AbSettings {
  dir: string
  packages: string[]
  /** When set, only these import paths run (confirmation: the suspects' packages). */
  only?: ReadonlySet<string>
  bench: string
  /** Rounds: each is one run per side. */
  rounds: number
  benchtime: string
  /** go test flags: build flags (e.g. -tags=x) go to `go test -c`, test flags (e.g. -cpu) to each run. */
  buildFlags: string[]
  base: string
  /** A ref to check out for the head; undefined = the work tree as it is. */
  head?: string
  out: string
  topK: number
  maxProfileBytes: number
}

export type AbEvent =
  | { type: 'worktree'; side: 'base' | 'head'; ref: string; path: string }
  | { type: 'build'; side: 'base' | 'head'; pkg: string }
  | { type: 'round'; round: number; rounds: number; order: ('base' | 'head')[] }

/** Run git; a failure is an AbError naming the command and git's message. */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    return (await exec('git', args, { cwd })).stdout.trim()
  } catch (err) {
    const e = err as { stderr?: string; message: string }
    throw new AbError(`git ${args.join(' ')} failed in ${cwd}: ${(e.stderr || e.message).trim()}`)
  }
}

interface SideState {
  root: string
  binaries: Map<string, string>
  results: Map<string, BenchResult[]>
  profiles: Map<string, { cpu: string[]; mem: string[] }>
}

/** Run the A/B rounds and write out/base and out/head bundles. Worktrees are always removed. */
export async function runAb(
  go: GoToolchain,
  s: AbSettings,
  onEvent: (e: AbEvent) => void = () => {}
): Promise<{ baseDir: string; headDir: string }> {
  const start = resolve(s.dir)
  const repoRoot = await git(start, ['rev-parse', '--show-toplevel'])
  const sub = relative(repoRoot, start)
  const scratch = await mkdtemp(join(tmpdir(), 'benchgate-ab-'))
  const worktrees: string[] = []
  const addWorktree = async (side: 'base' | 'head', ref: string): Promise<string> => {
    await git(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => {
      throw new AbError(
        `--${side} ${JSON.stringify(ref)} is not a commit in ${repoRoot}; pass a branch, tag or SHA`
      )
    })
    const path = join(scratch, side)
    await git(repoRoot, ['worktree', 'add', '--detach', path, ref])
    worktrees.push(path)
    onEvent({ type: 'worktree', side, ref, path })
    return path
  }
  const flags = splitTestFlags(s.buildFlags)
  try {
    const base: SideState = {
      root: await addWorktree('base', s.base),
      binaries: new Map(),
      results: new Map(),
      profiles: new Map()
    }
    const head: SideState = {
      root: s.head ? await addWorktree('head', s.head) : repoRoot,
      binaries: new Map(),
      results: new Map(),
      profiles: new Map()
    }
    const packages = (await discoverPackages(go, join(head.root, sub), s.packages)).filter(
      p => p.hasBenchmarks && (!s.only || s.only.has(p.importPath))
    )
    const paired: GoPackage[] = []
    for (const pkg of packages) {
      const rel = relative(head.root, pkg.dir)
      if (!existsSync(join(base.root, rel))) continue // new package: nothing to pair with
      paired.push(pkg)
      for (const [side, state] of [
        ['base', base],
        ['head', head]
      ] as const) {
        onEvent({ type: 'build', side, pkg: pkg.importPath })
        const bin = join(scratch, `${side}-${packageStem(pkg.importPath)}.test`)
        const r = await go.run(['test', '-c', `-o=${bin}`, ...flags.build, '.'], {
          cwd: join(state.root, rel)
        })
        if (r.code !== 0 || !existsSync(bin)) {
          throw new AbError(
            `building ${pkg.importPath} at the ${side} revision failed:\n${(r.stdout + r.stderr).trim().split('\n').slice(-15).join('\n')}`
          )
        }
        state.binaries.set(pkg.importPath, bin)
      }
    }
    if (paired.length === 0)
      throw new AbError('no package with benchmarks exists on both sides; nothing to compare')

    for (let round = 0; round < s.rounds; round++) {
      const order: ('base' | 'head')[] = round % 2 === 0 ? ['base', 'head'] : ['head', 'base']
      onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order })
      for (const pkg of paired) {
        const rel = relative(head.root, pkg.dir)
        for (const side of order) {
          const state = side === 'base' ? base : head
          const stem = `${side}-${packageStem(pkg.importPath)}-r${round}`
          const cpu = join(scratch, `${stem}.cpu.pprof`)
          const mem = join(scratch, `${stem}.mem.pprof`)
          const parser = new BenchParser()
          const r = await new LocalGo(state.binaries.get(pkg.importPath)!).run(
            [
              '-test.run=^$',
              `-test.bench=${s.bench}`,
              '-test.benchmem',
              '-test.count=1',
              `-test.benchtime=${s.benchtime}`,
              `-test.cpuprofile=${cpu}`,
              `-test.memprofile=${mem}`,
              ...flags.run
            ],
            { cwd: join(state.root, rel), onLine: line => void parser.line(line) }
          )
          if (r.code !== 0)
            throw new AbError(
              `${pkg.importPath} failed at the ${side} revision in round ${round + 1}:\n${r.stdout.split('\n').slice(-15).join('\n')}`
            )
          const parsed = parser.finish()
          const list = state.results.get(pkg.importPath) ?? []
          list.push(...parsed.results.map(x => ({ ...x, pkg: pkg.importPath })))
          state.results.set(pkg.importPath, list)
          const prof = state.profiles.get(pkg.importPath) ?? { cpu: [], mem: [] }
          prof.cpu.push(cpu)
          prof.mem.push(mem)
          state.profiles.set(pkg.importPath, prof)
        }
      }
    }
    const baseDir = join(resolve(s.out), 'base')
    const headDir = join(resolve(s.out), 'head')
    await writeSide(base, baseDir, s, paired, await git(base.root, ['rev-parse', 'HEAD']), s.base)
    await writeSide(
      head,
      headDir,
      s,
      paired,
      await git(head.root, ['rev-parse', 'HEAD']),
      s.head ?? 'work tree'
    )
    return { baseDir, headDir }
  } finally {
    for (const path of worktrees)
      await git(repoRoot, ['worktree', 'remove', '--force', path]).catch(() => undefined)
    await git(repoRoot, ['worktree', 'prune']).catch(() => undefined)
    await rm(scratch, { recursive: true, force: true })
  }
}

async function writeSide(
  state: SideState,
  dir: string,
  s: AbSettings,
  packages: GoPackage[],
  commit: string,
  ref: string
): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  await mkdir(join(dir, 'profiles'), { recursive: true })
  const bundlePackages: BundlePackage[] = []
  const benchmarks: BundleBenchmark[] = []
  for (const pkg of packages) {
    const entry: BundlePackage = { importPath: pkg.importPath, status: 'ok', profiles: {} }
    const files = state.profiles.get(pkg.importPath) ?? { cpu: [], mem: [] }
    // Every round's profile counts toward the shares.
    const { tables, decoded, errors } = await attributeProfiles(
      files,
      pkg.importPath,
      s.maxProfileBytes
    )
    if (errors.length > 0) entry.profileErrors = errors
    const unattributed = unattributedShares(tables)
    if (Object.keys(unattributed).length > 0) entry.unattributed = unattributed
    for (const kind of ['cpu', 'mem'] as const) {
      // Keep the first usable round's profile, for `go tool pprof -diff_base`.
      if (decoded[kind][0]) {
        const name = `profiles/${packageStem(pkg.importPath)}.${kind}.pprof`
        await copyFile(decoded[kind][0], join(dir, name))
        entry.profiles[kind] = name
      }
    }
    bundlePackages.push(entry)
    benchmarks.push(
      ...buildBenchmarks(
        pkg.importPath,
        state.results.get(pkg.importPath) ?? [],
        tables,
        s.topK,
        state.root
      )
    )
  }
  const bundle: Bundle = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'benchgate', version: BENCHGATE_VERSION },
    environment: {
      goVersion: '',
      goos: '',
      goarch: '',
      cpu: '',
      gomaxprocs: 0,
      commit,
      ref,
      createdAt: new Date().toISOString(),
      settings: {
        mode: 'ab',
        rounds: s.rounds,
        bench: s.bench,
        benchtime: s.benchtime,
        buildFlags: s.buildFlags
      }
    },
    packages: bundlePackages,
    benchmarks
  }
  await writeBundle(dir, bundle)
}
