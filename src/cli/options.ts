/**
 * Shared option parsing for the CLI's commands. Flags map onto the same
 * validators and bounds as the Action's inputs (measure/settings.ts), so
 * both front ends accept and refuse the same values.
 */
import { writeFile } from 'node:fs/promises'
import type { ParseArgsConfig } from 'node:util'
import {
  COMPARE_DEFAULTS,
  STAT_TESTS,
  type CompareOptions,
  type Comparison,
  type StatTest
} from '../compare/model.js'
import type { CompareOutputs } from '../engine/outputs.js'
import { AB_SCHEDULES, type AbSchedule } from '../ab/duet.js'
import { parseShard, ShardError, type Shard } from '../shard/partition.js'
import type { ContentionFamily } from '../attribution/contention.js'
import {
  describeBounds,
  NUMBER_BOUNDS,
  parseBounded,
  parseContentionFamilies,
  PROFILE_DEFAULTS,
  profileSettings,
  RUN_DEFAULTS,
  SettingsError,
  validateRunSettings,
  type NumberSetting,
  type ProfileSettings,
  type RunSettings,
  type SettingNames
} from '../measure/settings.js'
import { formatComparisonText, verdictText } from '../report/text.js'
import { forTerminal } from '../report/escape.js'
import { suspectsOf } from '../judge/confirmation.js'

/** A mistake in how the command was called: exit status 2, with usage. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** Parsed flag values, as node:util parseArgs returns them. */
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

/** One CLI command: its usage line, its flags, and what it does. */
export interface Command {
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Whether arguments after `--` are passed through (as `rest`). */
  passthrough?: boolean
  run(values: Values, positionals: string[], rest: string[]): Promise<number>
}

/** A string flag's value, if given. */
export function str(values: Values, key: string): string | undefined {
  const v = values[key]
  return typeof v === 'string' ? v : undefined
}

/** A whole-number flag (the run validators check its range). */
export function int(values: Values, key: string, fallback: number): number {
  const v = str(values, key)
  if (v === undefined) return fallback
  if (!/^\d+$/.test(v)) throw new UsageError(`--${key} must be a whole number, not "${v}"`)
  return Number(v)
}

/** A numeric flag within the bounds the Action's input of the same name has. */
export function bounded(values: Values, key: NumberSetting, fallback: number): number {
  const v = str(values, key)
  if (v === undefined) return fallback
  const x = parseBounded(v, key)
  if (x === undefined)
    throw new UsageError(`--${key} must be ${describeBounds(NUMBER_BOUNDS[key])}, not "${v}"`)
  return x
}

/** Repeated and comma-separated values: --packages ./a,./b --packages ./c */
export function list(values: Values, key: string): string[] | undefined {
  const v = values[key]
  if (v === undefined) return undefined
  const items = (Array.isArray(v) ? v : [v]).flatMap(x => String(x).split(','))
  return items.map(x => x.trim()).filter(x => x !== '')
}

/** A byte count such as 1073741824 or 512MiB. */
export function parseSize(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(raw.trim())
  if (!m)
    throw new UsageError(`${flag} must be a byte count such as 1073741824 or 512MiB, not "${raw}"`)
  const scale: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }
  const value = Number(m[1]) * (m[2] ? scale[m[2][0].toLowerCase()] : 1)
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${flag} must be positive, not "${raw}"`)
  return value
}

/** How the CLI names each run setting in error messages. */
const CLI_SETTING_NAMES: SettingNames = {
  count: '--count',
  benchtime: '--benchtime',
  timeout: '--timeout',
  bench: '--bench',
  topK: '--top',
  packages: '--packages'
}

/** The run-setting flags every measuring command shares. */
export const RUN_OPTIONS = {
  dir: { type: 'string' },
  packages: { type: 'string', multiple: true },
  bench: { type: 'string' },
  count: { type: 'string' },
  benchtime: { type: 'string' },
  out: { type: 'string' },
  profiles: { type: 'string', multiple: true },
  'block-profile-rate': { type: 'string' },
  'mutex-profile-fraction': { type: 'string' },
  'contention-rounds': { type: 'string' }
} as const

/**
 * RunSettings from flags, over a command's own defaults, validated by the
 * same function as the Action's inputs. `countFlag` names the flag that
 * sets the count (`--confirm-rounds` for confirmation).
 */
export function runSettingsFrom(
  values: Values,
  defaults: Partial<RunSettings> & { out: string },
  countFlag: 'count' | 'confirm-rounds' = 'count'
): RunSettings {
  const maxBytes = parseSize(str(values, 'max-profile-bytes'), '--max-profile-bytes')
  const count =
    countFlag === 'count'
      ? int(values, 'count', defaults.count ?? RUN_DEFAULTS.count)
      : bounded(values, 'confirm-rounds', defaults.count ?? RUN_DEFAULTS.count)
  return validateRunSettings(
    {
      dir: str(values, 'dir') ?? defaults.dir ?? '.',
      packages: list(values, 'packages') ?? defaults.packages ?? [...RUN_DEFAULTS.packages],
      bench: str(values, 'bench') ?? defaults.bench ?? RUN_DEFAULTS.bench,
      count,
      benchtime: str(values, 'benchtime') ?? defaults.benchtime ?? RUN_DEFAULTS.benchtime,
      timeout: str(values, 'timeout') ?? defaults.timeout ?? RUN_DEFAULTS.timeout,
      extraFlags: defaults.extraFlags ?? [],
      out: str(values, 'out') ?? defaults.out,
      topK: int(values, 'top', defaults.topK ?? RUN_DEFAULTS.topK),
      maxProfileBytes: maxBytes ?? defaults.maxProfileBytes ?? RUN_DEFAULTS.maxProfileBytes,
      profiles: profilesFrom(values, defaults.profiles)
    },
    countFlag === 'count' ? CLI_SETTING_NAMES : { ...CLI_SETTING_NAMES, count: '--confirm-rounds' }
  )
}

/** --profiles and the contention pass's flags, over a command's defaults. */
function profilesFrom(values: Values, defaults: ProfileSettings | undefined): ProfileSettings {
  const d = defaults ?? PROFILE_DEFAULTS
  try {
    return profileSettings(
      {
        kinds: list(values, 'profiles') ?? d.kinds,
        blockRate: bounded(values, 'block-profile-rate', d.blockRate),
        mutexFraction: bounded(values, 'mutex-profile-fraction', d.mutexFraction),
        rounds: bounded(values, 'contention-rounds', d.rounds)
      },
      '--profiles'
    )
  } catch (err) {
    if (err instanceof SettingsError) throw new UsageError(err.message)
    throw err
  }
}

/** --schedule abba|duet: how A/B rounds run (ab/duet.ts), as the ab-schedule input. */
export function scheduleFlag(values: Values): AbSchedule {
  const v = str(values, 'schedule') ?? 'abba'
  if (!(AB_SCHEDULES as readonly string[]).includes(v))
    throw new UsageError(`--schedule must be ${AB_SCHEDULES.join(' or ')}, not "${v}"`)
  return v as AbSchedule
}

/** --select: changed (default) leaves out packages whose test binaries cannot differ; all measures every one. */
export function selectFlag(values: Values): 'changed' | 'all' {
  const v = str(values, 'select') ?? 'changed'
  if (v !== 'changed' && v !== 'all')
    throw new UsageError(`--select must be changed or all, not ${JSON.stringify(v)}`)
  return v
}

/** The comparison flags of compare, ab and demo. */
export const COMPARE_OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string' },
  threshold: { type: 'string' },
  'ab-threshold': { type: 'string' },
  alpha: { type: 'string' },
  'alloc-threshold': { type: 'string' },
  'fail-on-alloc': { type: 'boolean' },
  'fail-on-inconclusive': { type: 'boolean' },
  'contention-threshold': { type: 'string' },
  'fail-on-contention': { type: 'string', multiple: true },
  'max-functions': { type: 'string' },
  key: { type: 'string' },
  test: { type: 'string' },
  'repository-url': { type: 'string' },
  'head-sha': { type: 'string' }
} as const

/** --fail-on-contention, as the Action's input reads it. */
function contentionFamilies(values: Values): ContentionFamily[] {
  try {
    return parseContentionFamilies(list(values, 'fail-on-contention') ?? [], '--fail-on-contention')
  } catch (err) {
    if (err instanceof SettingsError) throw new UsageError(err.message)
    throw err
  }
}

/** CompareOptions from flags, with the Action's bounds. */
export function compareOptions(
  values: Values,
  test: StatTest = COMPARE_DEFAULTS.test
): CompareOptions {
  const chosen = str(values, 'test') ?? test
  if (!(STAT_TESTS as readonly string[]).includes(chosen))
    throw new UsageError(`--test must be ${STAT_TESTS.join(' or ')}, not "${chosen}"`)
  return {
    test: chosen as StatTest,
    threshold: bounded(values, 'threshold', COMPARE_DEFAULTS.threshold),
    abThreshold: bounded(values, 'ab-threshold', COMPARE_DEFAULTS.abThreshold),
    alpha: bounded(values, 'alpha', COMPARE_DEFAULTS.alpha),
    allocThreshold: bounded(values, 'alloc-threshold', COMPARE_DEFAULTS.allocThreshold),
    maxFunctions: bounded(values, 'max-functions', COMPARE_DEFAULTS.maxFunctions),
    failOnAlloc: values['fail-on-alloc'] === true,
    ...(values['fail-on-inconclusive'] === true ? { failOnInconclusive: true } : {}),
    contentionThreshold: bounded(
      values,
      'contention-threshold',
      COMPARE_DEFAULTS.contentionThreshold
    ),
    failOnContention: contentionFamilies(values)
  }
}

/** Write to stdout, resolving once it is flushed. */
export function write(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, err => (err ? reject(err) : resolve()))
  )
}

/** Print (or write) a comparison in the chosen format; the verdict line always goes to stderr. */
export async function emitComparison(
  values: Values,
  outputs: Pick<CompareOutputs, 'comparison' | 'comment'>
): Promise<number> {
  const format = str(values, 'format') ?? 'markdown'
  if (!['markdown', 'json', 'text'].includes(format)) {
    throw new UsageError(`--format must be markdown, json or text, not "${format}"`)
  }
  const text =
    format === 'json'
      ? JSON.stringify(outputs.comparison, null, 1) + '\n'
      : format === 'text'
        ? formatComparisonText(outputs.comparison)
        : outputs.comment
  const output = str(values, 'output')
  if (output) await writeFile(output, text)
  else await write(text)
  console.error(`benchgate: ${verdictText(outputs.comparison)}`)
  return outputs.comparison.gate.fail ? 1 : 0
}

/** --shard and --shard-weights, for the commands that measure (run, ab). */
export const SHARD_OPTIONS = {
  shard: { type: 'string' },
  'shard-weights': { type: 'string' }
} as const

/** The shard to measure, from --shard i/n and --shard-weights BASELINE; none without --shard. */
export function shardFlags(values: Values): { shard?: Shard & { weightsFrom?: string } } {
  const text = str(values, 'shard')
  const weightsFrom = str(values, 'shard-weights')
  if (weightsFrom !== undefined && text === undefined)
    throw new UsageError('--shard-weights only applies with --shard i/n')
  if (text === undefined) return {}
  try {
    return { shard: { ...parseShard(text, '--shard'), ...(weightsFrom ? { weightsFrom } : {}) } }
  } catch (err) {
    if (err instanceof ShardError) throw new UsageError(err.message)
    throw err
  }
}

/**
 * Exit status 3 for a screen with suspects nothing checked: the gate the
 * Action runs by default would re-measure them, so "all clear" (0) would
 * claim what was never shown. Regressions the screen calls itself fail (1)
 * as before. Says which, and how to decide them.
 */
export function unconfirmedStatus(c: Comparison, status: number): number {
  const open = suspectsOf(c).filter(b => b.verdict !== 'regression')
  if (open.length === 0 || status !== 0) return status
  const names = open
    .slice(0, 5)
    .map(b => forTerminal(b.name))
    .join(', ')
  console.error(
    `benchgate: ${open.length} suspect(s) not confirmed: ${names}${open.length > 5 ? ', …' : ''}. The screen could not rule them out (a slowdown of ${c.options.abThreshold}% or more that is significant before correction, or of ${c.options.threshold}% or more); rerun with --confirm-base <base revision> to re-measure them by interleaved A/B on this machine. Exit status 3: not all clear.`
  )
  return 3
}
