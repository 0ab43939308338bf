/**
 * `benchgate compare`: compare two bundles (or `go test -bench` text
 * files); with --confirm-base, re-measure the screen's suspects by A/B.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { reusableCounts } from '../../measure/pipeline.js'
import { readBundle } from '../../bundle/index.js'
import { durationSeconds } from '../../measure/targets.js'
import type { Comparison, Screen } from '../../compare/model.js'
import { confirmSuspects } from '../../engine/confirm.js'
import { localEngine } from '../../engine/index.js'
import { CONFIRM_BUDGET_DEFAULT, CONFIRM_ROUNDS_DEFAULT } from '../../judge/judge.js'
import { compareAndReport } from '../../engine/outputs.js'
import { parseShard } from '../../shard/partition.js'
import { gitSources } from '../../measure/sources.js'
import { LocalGit } from '../../git/index.js'
import {
  bounded,
  COMPARE_OPTIONS,
  compareOptions,
  emitComparison,
  unconfirmedStatus,
  runSettingsFrom,
  scheduleFlag,
  selectFlag,
  str,
  UsageError,
  type Command
} from '../options.js'
import { abProgress } from '../progress.js'

/** The -benchtime a bundle was made at, when it is a bundle that recorded one. */
async function recordedBenchtime(path: string): Promise<{ benchtime?: string }> {
  try {
    const { bundle } = await readBundle(path)
    const b = bundle.environment.settings?.benchtime
    // Only a duration or an iteration count: the bundle may be a fork's.
    return typeof b === 'string' && (durationSeconds(b) !== undefined || /^\d{1,12}x$/.test(b))
      ? { benchtime: b }
      : {}
  } catch {
    // A text file, or a bundle compareAndReport will refuse with its own message.
    return {}
  }
}

/**
 * With --shard i/n, both inputs must be that shard's part (bundles whose
 * settings record it): a screen or a confirmation of one shard's head
 * against another shard's baseline would call every package new or gone.
 */
async function checkShardParts(paths: readonly string[], text: string): Promise<void> {
  const want = parseShard(text, '--shard')
  for (const path of paths) {
    let recorded: unknown
    try {
      recorded = (await readBundle(path)).bundle.environment.settings.shard
    } catch (err) {
      throw new UsageError(
        `--shard ${want.index}/${want.count} compares bundles of that shard, and ${path} is not one that can be read (${(err as Error).message})`
      )
    }
    if (recorded !== `${want.index}/${want.count}`)
      throw new UsageError(
        `${path} is ${typeof recorded === 'string' ? `shard ${recorded}'s part` : "not a shard's part (it was run without --shard)"}, not shard ${want.index}/${want.count}'s: compare each shard's head with the same shard's baseline`
      )
  }
}

/** Flags that mean something only with --confirm-base. */
const CONFIRM_ONLY = [
  'confirm-head',
  'confirm-rounds',
  'confirm-budget',
  'dir',
  'benchtime',
  'out',
  'schedule',
  'select'
]

/** The `compare` command. */
export const compareCommand: Command = {
  usage:
    'benchgate compare <base> <head> [--shard i/n] [--format markdown|json|text] [--output FILE] [--threshold P] [--alpha A] [--alloc-threshold P] [--fail-on-alloc] [--fail-on-inconclusive] [--max-functions N] [--test welch|utest|wilcoxon] [--ab-threshold P] [--confirm-base <ref> [--confirm-head <ref>] [--dir D] [--confirm-rounds N] [--confirm-budget SECONDS] [--schedule abba|duet] [--select changed|all] [--benchtime T] [--out DIR] [-- go test -c build flags]]',
  options: {
    ...COMPARE_OPTIONS,
    'confirm-base': { type: 'string' },
    'confirm-head': { type: 'string' },
    'confirm-rounds': { type: 'string' },
    'confirm-budget': { type: 'string' },
    schedule: { type: 'string' },
    select: { type: 'string' },
    dir: { type: 'string' },
    benchtime: { type: 'string' },
    out: { type: 'string' },
    shard: { type: 'string' }
  },
  passthrough: true,
  async run(values, positionals, rest) {
    if (positionals.length !== 2) {
      throw new UsageError(
        'compare takes two inputs: the base and the head (bundle directories or go test -bench output files)'
      )
    }
    const opts = compareOptions(values)
    const shard = str(values, 'shard')
    if (shard !== undefined) await checkShardParts(positionals, shard)
    const confirmBase = str(values, 'confirm-base')
    const confirmOnly = CONFIRM_ONLY.find(k => values[k] !== undefined)
    if (!confirmBase && (confirmOnly || rest.length > 0))
      throw new UsageError(
        `${confirmOnly ? `--${confirmOnly}` : 'build flags after --'} only apply with --confirm-base <ref>`
      )
    let judge: ((screen: Screen) => Promise<Comparison>) | undefined
    if (confirmBase) {
      // Re-measure the way the bundles were made: their -benchtime, unless --benchtime says otherwise.
      const checked = runSettingsFrom(
        values,
        {
          count: CONFIRM_ROUNDS_DEFAULT,
          extraFlags: rest,
          out: 'benchgate-confirm',
          ...(await recordedBenchtime(positionals[1]))
        },
        'confirm-rounds'
      )
      const started = Date.now()
      const counts = await countsOf(positionals[1])
      const { runAb } = localEngine()
      judge = screen =>
        confirmSuspects(
          runAb,
          screen,
          {
            ...checked,
            rounds: checked.count,
            budgetMs: bounded(values, 'confirm-budget', CONFIRM_BUDGET_DEFAULT) * 1000,
            buildFlags: rest,
            base: confirmBase,
            head: str(values, 'confirm-head'),
            schedule: scheduleFlag(values),
            select: selectFlag(values),
            // The head bundle's fixed iteration counts: both sides re-measure at them.
            ...counts,
            sources: gitSources(new LocalGit(), resolve('.'))
          },
          opts,
          abProgress(started)
        )
    }
    const outputs = await compareAndReport(positionals[0], positionals[1], opts, {
      key: str(values, 'key') ?? 'default',
      repositoryUrl: str(values, 'repository-url'),
      headSha: str(values, 'head-sha'),
      pathsRelativeTo: resolve('.'),
      judge,
      sources: gitSources(new LocalGit(), resolve('.'))
    })
    const status = await emitComparison(values, outputs)
    return confirmBase ? status : unconfirmedStatus(outputs.comparison, status)
  }
}

/** The fixed iteration counts of a head that is a bundle; none for a text file. */
async function countsOf(path: string): Promise<{ iterations?: Map<string, number> }> {
  const dir = path.endsWith('results.json') ? dirname(path) : path
  if (!existsSync(join(dir, 'results.json'))) return {}
  return { iterations: await reusableCounts(dir) }
}
