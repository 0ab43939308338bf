/** `benchgate ab`: interleaved A/B of two revisions on this machine, judged like gate ab. */
import { resolve } from 'node:path'
import { localEngine } from '../../engine/index.js'
import { abOptions, AB_TEST, judgeAb } from '../../judge/judge.js'
import { stopRule } from '../../judge/sequential.js'
import { compareAndReport } from '../../engine/outputs.js'
import { gitSources } from '../../measure/sources.js'
import {
  COMPARE_OPTIONS,
  compareOptions,
  emitComparison,
  RUN_OPTIONS,
  runSettingsFrom,
  str,
  UsageError,
  scheduleFlag,
  selectFlag,
  SHARD_OPTIONS,
  shardFlags,
  type Command
} from '../options.js'
import { abProgress } from '../progress.js'

/** The `ab` command. */
export const abCommand: Command = {
  usage:
    'benchgate ab --base <ref> [--head <ref>] [--dir D] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--out DIR] [--format markdown|json|text] [--test utest|wilcoxon] [--schedule abba|duet] [--select changed|all] [--shard i/n [--shard-weights BASELINE]] [-- go test flags]',
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    schedule: { type: 'string' },
    select: { type: 'string' },
    ...RUN_OPTIONS,
    ...SHARD_OPTIONS,
    ...COMPARE_OPTIONS
  },
  passthrough: true,
  async run(values, positionals, rest) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const base = str(values, 'base')
    if (!base)
      throw new UsageError(
        'ab needs --base <ref>: the revision to compare the head against (e.g. the merge-base)'
      )
    const checked = runSettingsFrom(values, { count: 10, extraFlags: rest, out: 'benchgate-ab' })
    const select = selectFlag(values)
    // Validate the comparison flags before minutes of A/B, not after.
    const explicit = str(values, 'threshold') !== undefined
    const opts = compareOptions(values, AB_TEST)
    const { git, runAb } = localEngine()
    const abOpts = {
      ...abOptions(opts, checked.count, explicit ? opts.threshold : undefined),
      test: opts.test
    }
    const { baseDir, headDir } = await runAb(
      {
        ...checked,
        rounds: checked.count,
        decide: stopRule(abOpts),
        buildFlags: rest,
        base,
        head: str(values, 'head'),
        schedule: scheduleFlag(values),
        select,
        ...shardFlags(values)
      },
      abProgress(Date.now())
    )
    // An A/B verdict: drift-free, so the A/B threshold applies (unless --threshold is given).
    // --test still chooses the test.
    const outputs = await compareAndReport(baseDir, headDir, abOpts, {
      key: str(values, 'key') ?? 'ab',
      pathsRelativeTo: resolve('.'),
      sources: gitSources(git, checked.dir),
      // Judged as the Action's gate ab is: breakdowns and contention marked as A/B.
      judge: async screen => judgeAb(screen, base)
    })
    return emitComparison(values, outputs)
  }
}
