/**
 * `benchgate flame` (a self-contained differential flame graph) and its
 * terminal twin `benchgate diff` (the ranked culprit table), for two
 * bundles or two pprof profiles.
 */
import { rename, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { frameCount } from '../../attribution/flame.js'
import { MEASURES, type Measure } from '../../attribution/index.js'
import { CONTENTION_MEASURES } from '../../attribution/contention.js'
import { flameReport, type FlameOptions } from '../../flame/graphs.js'
import { diffMarkdown, diffText } from '../../report/diff.js'
import { flameHtml } from '../../report/flame.js'
import { forTerminal } from '../../report/escape.js'
import {
  compareOptions,
  parseSize,
  str,
  UsageError,
  write,
  type Command,
  type Values
} from '../options.js'

const SHARED = {
  benchmark: { type: 'string' },
  measure: { type: 'string' },
  'sample-index': { type: 'string' },
  normalize: { type: 'boolean' },
  'max-functions': { type: 'string' },
  'max-profile-bytes': { type: 'string' }
} as const

function flameOptions(values: Values, positionals: string[], what: string): FlameOptions {
  if (positionals.length !== 2)
    throw new UsageError(
      `${what} takes two inputs: the base and the head (bundle directories, or pprof profiles)`
    )
  const opts: FlameOptions = { compare: compareOptions(values) }
  const re = str(values, 'benchmark')
  if (re !== undefined) {
    try {
      opts.benchmark = new RegExp(re)
    } catch (err) {
      throw new UsageError(
        `--benchmark ${JSON.stringify(re)} is not a regular expression (${(err as Error).message})`
      )
    }
  }
  const measure = str(values, 'measure')
  if (measure !== undefined) {
    if (!Object.hasOwn(MEASURES, measure) && !Object.hasOwn(CONTENTION_MEASURES, measure))
      throw new UsageError(
        `--measure must be one of ${[...Object.keys(MEASURES), ...Object.keys(CONTENTION_MEASURES)].join(', ')}, not ${JSON.stringify(measure)}`
      )
    opts.measure = measure as Measure
  }
  const sampleIndex = str(values, 'sample-index')
  if (sampleIndex !== undefined) opts.sampleIndex = sampleIndex
  if (values.normalize === true) opts.normalize = true
  const maxBytes = parseSize(str(values, 'max-profile-bytes'), '--max-profile-bytes')
  if (maxBytes !== undefined) opts.maxProfileBytes = maxBytes
  return opts
}

/** The `flame` command. */
export const flameCommand: Command = {
  usage:
    'benchgate flame <base> <head> [-o FILE] [--benchmark RE] [--measure cpu|alloc_space|alloc_objects|mutex_delay|…] [--sample-index NAME] [--normalize]',
  options: { ...SHARED, output: { type: 'string', short: 'o' } },
  async run(values, positionals) {
    const opts = flameOptions(values, positionals, 'flame')
    const report = await flameReport(positionals[0], positionals[1], opts)
    const out = resolve(str(values, 'output') ?? 'benchgate-flame.html')
    // Written whole, then moved into place: a failure leaves no half a file.
    const tmp = `${out}.${process.pid}.tmp`
    await writeFile(tmp, flameHtml(report))
    await rename(tmp, out)
    const frames = report.graphs.reduce((n, g) => n + frameCount(g.root), 0)
    console.error(
      forTerminal(
        `benchgate flame: wrote ${out}: ${report.graphs.length} graph(s), ${frames} frames. Open it in any browser; it needs no network.`
      )
    )
    return 0
  }
}

/** The `diff` command. */
export const diffCommand: Command = {
  usage:
    'benchgate diff <base> <head> [--format text|markdown|json] [--benchmark RE] [--measure M] [--sample-index NAME] [--normalize]',
  options: { ...SHARED, format: { type: 'string' } },
  async run(values, positionals) {
    const format = str(values, 'format') ?? 'text'
    if (!['text', 'markdown', 'json'].includes(format))
      throw new UsageError(`--format must be text, markdown or json, not ${JSON.stringify(format)}`)
    const opts = flameOptions(values, positionals, 'diff')
    const report = await flameReport(positionals[0], positionals[1], { ...opts, tablesOnly: true })
    if (format === 'json')
      await write(
        JSON.stringify(
          {
            base: report.base,
            head: report.head,
            notes: report.notes,
            graphs: report.graphs.map(g => ({
              title: g.title,
              subtitle: g.subtitle,
              measure: g.measure,
              unit: g.unit,
              functions: g.culprits,
              ...(g.stats ? { stats: g.stats } : {})
            }))
          },
          null,
          1
        ) + '\n'
      )
    else await write(format === 'markdown' ? diffMarkdown(report) : diffText(report))
    return 0
  }
}
