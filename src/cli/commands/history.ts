/**
 * `benchgate history`: build a history from result bundles (oldest first,
 * as given) and history files, and report its change points (issue 31).
 */
import { existsSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readBundle, RESULTS_FILE } from '../../bundle/index.js'
import { historyChangePoints } from '../../history/change-points.js'
import {
  appendRecord,
  emptyHistory,
  readHistoryFile,
  recordOf,
  type History
} from '../../history/index.js'
import {
  historyCsv,
  historyJson,
  historyMarkdown,
  historyText,
  type HistorySettings
} from '../../history/render.js'
import { CHANGE_POINT_DEFAULTS } from '../../stats/edivisive.js'
import { str, UsageError, write, type Command } from '../options.js'

const FORMATS = ['text', 'markdown', 'json', 'csv'] as const

/** A number flag in [lo, hi], or the default. */
function numberFlag(
  v: string | undefined,
  flag: string,
  lo: number,
  hi: number,
  fallback: number
): number {
  if (v === undefined) return fallback
  const x = Number(v)
  if (v.trim() === '' || !Number.isFinite(x) || x < lo || x > hi)
    throw new UsageError(`--${flag} must be a number from ${lo} to ${hi}, not ${JSON.stringify(v)}`)
  return x
}

/** The history of the inputs, in the order given: each a bundle directory or a history file. */
export async function historyOf(inputs: readonly string[]): Promise<History> {
  let h = emptyHistory()
  for (const input of inputs) {
    const bundleDir = input.endsWith(RESULTS_FILE)
      ? input.slice(0, -RESULTS_FILE.length) || '.'
      : input
    if (existsSync(join(bundleDir, RESULTS_FILE))) {
      const { bundle } = await readBundle(bundleDir)
      h = appendRecord(h, recordOf(bundle))
      continue
    }
    if (!existsSync(input) || statSync(input).isDirectory())
      throw new UsageError(
        `${input} is neither a result bundle (a directory with ${RESULTS_FILE}) nor a history file; pass bundles from benchgate run, oldest first, or a history JSON file`
      )
    const more = await readHistoryFile(input)
    for (const r of more.records) h = appendRecord(h, r)
    if (more.gaps) h = { ...h, gaps: [...(h.gaps ?? []), ...more.gaps] }
  }
  return h
}

/** The `history` command. */
export const historyCommand: Command = {
  usage:
    'benchgate history <bundle-or-history>... [--format text|markdown|json|csv] [-o|--output FILE] [--write-history FILE] [--max-p P] [--min-magnitude F] [--window N]',
  options: {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'write-history': { type: 'string' },
    'max-p': { type: 'string' },
    'min-magnitude': { type: 'string' },
    window: { type: 'string' }
  },
  async run(values, positionals) {
    if (positionals.length === 0)
      throw new UsageError('history takes result bundles (oldest first) or history files')
    const format = str(values, 'format') ?? 'text'
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`)
    const settings: HistorySettings = {
      maxP: numberFlag(str(values, 'max-p'), 'max-p', 1e-12, 0.5, CHANGE_POINT_DEFAULTS.maxP),
      minMagnitude: numberFlag(
        str(values, 'min-magnitude'),
        'min-magnitude',
        0,
        100,
        CHANGE_POINT_DEFAULTS.minMagnitude
      ),
      window: numberFlag(str(values, 'window'), 'window', 4, 10000, CHANGE_POINT_DEFAULTS.window)
    }
    const h = await historyOf(positionals)
    const cps = historyChangePoints(h, settings)
    const text =
      format === 'json'
        ? historyJson(h, cps, settings)
        : format === 'markdown'
          ? historyMarkdown(h, cps, settings)
          : format === 'csv'
            ? historyCsv(h)
            : historyText(h, cps, settings)
    const keep = str(values, 'write-history')
    if (keep) await writeFile(keep, JSON.stringify(h) + '\n')
    const output = str(values, 'output')
    if (output) await writeFile(output, text)
    else await write(text)
    return 0
  }
}
