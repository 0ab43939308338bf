/** `benchgate run`: measure the benchmarks into a result bundle. */
import { localEngine } from '../../engine/index.js'
import { runToBundle } from '../../engine/measure.js'
import { parseShard, ShardError } from '../../engine/shard.js'
import { forTerminal } from '../../report/escape.js'
import { formatRunSummary } from '../../report/text.js'
import { RUN_OPTIONS, runSettingsFrom, str, UsageError, write, type Command } from '../options.js'
import { runProgress } from '../progress.js'

/** --shard i/n, as a usage error when malformed. */
function shardFlag(text: string): { index: number; count: number } {
  try {
    return parseShard(text, '--shard')
  } catch (err) {
    if (err instanceof ShardError) throw new UsageError(err.message)
    throw err
  }
}

/** The `run` command. */
export const runCommand: Command = {
  usage:
    'benchgate run [--dir D] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--timeout T] [--out DIR] [--top K] [--max-profile-bytes N] [--shard i/n [--shard-weights BASELINE]] [-- extra go test flags]',
  options: {
    ...RUN_OPTIONS,
    timeout: { type: 'string' },
    top: { type: 'string' },
    'max-profile-bytes': { type: 'string' },
    shard: { type: 'string' },
    'shard-weights': { type: 'string' }
  },
  passthrough: true,
  async run(values, positionals, rest) {
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument "${positionals[0]}"; pass go test flags after --`)
    }
    const shard = str(values, 'shard')
    const weightsFrom = str(values, 'shard-weights')
    if (weightsFrom && !shard) throw new UsageError('--shard-weights only applies with --shard i/n')
    const settings = {
      ...runSettingsFrom(values, { extraFlags: rest, out: 'benchgate-results' }),
      ...(shard ? { shard: { ...shardFlag(shard), ...(weightsFrom ? { weightsFrom } : {}) } } : {})
    }
    const { go, git } = localEngine()
    const outcome = await runToBundle(go, git, settings, runProgress(Date.now()))
    await write(formatRunSummary(outcome.bundle))
    console.error(`bundle: ${outcome.bundleDir}`)
    for (const f of outcome.failed) console.error(`\nbenchgate: ${forTerminal(f.error ?? '')}`)
    return outcome.failed.length > 0 ? 1 : 0
  }
}
