/** `benchgate run`: measure the benchmarks into a result bundle. */
import { localEngine } from '../../engine/index.js'
import { runToBundle } from '../../measure/pipeline.js'
import { forTerminal } from '../../report/escape.js'
import { formatRunSummary } from '../../report/text.js'
import {
  RUN_OPTIONS,
  runSettingsFrom,
  SHARD_OPTIONS,
  shardFlags,
  str,
  UsageError,
  write,
  type Command
} from '../options.js'
import { runProgress, sinceProgress } from '../progress.js'
import { identicalSince } from '../../ab/since.js'

/** The `run` command. */
export const runCommand: Command = {
  usage:
    'benchgate run [--dir D] [--since REF] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--timeout T] [--out DIR] [--top K] [--max-profile-bytes N] [--shard i/n [--shard-weights BASELINE]] [--iterations-from BASELINE] [-- extra go test flags]',
  options: {
    ...RUN_OPTIONS,
    timeout: { type: 'string' },
    top: { type: 'string' },
    'max-profile-bytes': { type: 'string' },
    ...SHARD_OPTIONS,
    'iterations-from': { type: 'string' },
    since: { type: 'string' }
  },
  passthrough: true,
  async run(values, positionals, rest) {
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument "${positionals[0]}"; pass go test flags after --`)
    }
    const settings = {
      ...runSettingsFrom(values, { extraFlags: rest, out: 'benchgate-results' }),
      ...shardFlags(values),
      ...(str(values, 'iterations-from') !== undefined
        ? { iterationsFrom: str(values, 'iterations-from') }
        : {})
    }
    const { go, git } = localEngine(settings.timeout)
    const started = Date.now()
    const since = str(values, 'since')
    if (since === '') throw new UsageError('--since needs a revision: a branch, tag or SHA')
    const outcome = await runToBundle(
      go,
      git,
      {
        ...settings,
        // Only what can differ from REF is measured (docs/design.md D16).
        ...(since !== undefined
          ? {
              unchanged: {
                ref: since,
                filter: built =>
                  identicalSince(
                    go,
                    git,
                    {
                      dir: settings.dir,
                      ref: since,
                      extraFlags: settings.extraFlags,
                      what: '--since'
                    },
                    built,
                    sinceProgress(started)
                  )
              }
            }
          : {})
      },
      runProgress(started)
    )
    await write(formatRunSummary(outcome.bundle))
    console.error(`bundle: ${outcome.bundleDir}`)
    for (const f of outcome.failed) console.error(`\nbenchgate: ${forTerminal(f.error ?? '')}`)
    return outcome.failed.length > 0 ? 1 : 0
  }
}
