/**
 * `benchgate merge`: one comparison from the comparisons of a sharded run
 * (docs/sharding.md), as the Action's merge job makes it, to run locally or in
 * another CI.
 */
import { basename } from 'node:path'
import { mergeComparisons, readMergeInput } from '../../judge/merge-comparisons.js'
import { renderMarkdown } from '../../report/markdown.js'
import { emitComparison, str, unconfirmedStatus, UsageError, type Command } from '../options.js'

/** The `merge` command. */
export const mergeCommand: Command = {
  usage:
    'benchgate merge <comparison.json>... [--format markdown|json|text] [--output FILE] [--key K]',
  options: {
    format: { type: 'string' },
    output: { type: 'string' },
    key: { type: 'string' }
  },
  async run(values, positionals) {
    if (positionals.length === 0)
      throw new UsageError(
        'merge takes the comparison of each shard: the files `benchgate compare --format json` writes'
      )
    // A shard is named by its file; two files of one name are told apart by their paths.
    const names = positionals.map(p => basename(p))
    const inputs = await Promise.all(
      positionals.map((p, i) =>
        readMergeInput(p, names.filter(n => n === names[i]).length > 1 ? p : names[i])
      )
    )
    const comparison = mergeComparisons(inputs)
    const comment = renderMarkdown(comparison, { key: str(values, 'key') ?? 'default' })
    const status = await emitComparison(values, { comparison, comment })
    // Shards compared without confirmation leave their suspects unchecked, as compare says.
    return comparison.confirmation ? status : unconfirmedStatus(comparison, status)
  }
}
