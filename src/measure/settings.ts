/**
 * Settings for one benchmark run, shared by the CLI (`benchgate run`) and
 * the Action. Validated eagerly; every error names the input (as the front
 * end calls it), the bad value, and what is allowed.
 */
import { DEFAULT_MAX_PROFILE_BYTES } from '../pprof/index.js'
import { CONTENTION_FAMILIES, type ContentionFamily } from '../attribution/contention.js'
import type { Shard } from '../shard/partition.js'

/** Settings for one benchmark run, the same for both front ends. */
export interface RunSettings {
  /** Directory to run in: a module, a package inside one, or a tree of modules. */
  dir: string
  /** Package patterns, as `go list` takes them. Default ["./..."]. */
  packages: string[]
  /** -bench regular expression. Default ".". */
  bench: string
  /** -count: samples per benchmark. The statistics need ≥ 4 per side (6 for a confidence interval). */
  count: number
  /** -benchtime: a duration (1s, 500ms) or an iteration count (100x). */
  benchtime: string
  /** -timeout per package. */
  timeout: string
  /** Extra `go test` flags (-tags, -cpu, …), one argv item each. */
  extraFlags: string[]
  /** Bundle directory to write. */
  out: string
  /** Functions kept per benchmark and measure, by cum. */
  topK: number
  /** Cap on a decoded profile's size. */
  maxProfileBytes: number
  /** Commit and ref recorded in the bundle; read from git when absent. */
  commit?: string
  ref?: string
  /** Which profiles to collect beyond CPU and heap (docs/contention.md); cpu,mem when absent. */
  profiles?: ProfileSettings
  /**
   * Run only shard `index` of `count` of the packages (shard/partition.ts),
   * balanced by the package durations of the bundle at `weightsFrom` (the
   * newest baseline) when given, else by their benchmark counts.
   */
  shard?: Shard & { weightsFrom?: string }
  /**
   * A bundle (the baseline) whose benchmarks' fixed iteration counts this
   * run reuses for the benchmarks it shares, so both sides of the
   * comparison do the same work; the others are calibrated.
   */
  iterationsFrom?: string
}

/** The profiles a run can collect. cpu and mem are always collected. */
export const PROFILE_KINDS = ['cpu', 'mem', 'block', 'mutex', 'trace'] as const

/** One of PROFILE_KINDS. */
export type ProfileKind = (typeof PROFILE_KINDS)[number]

/**
 * The profiles to collect, and how. block, mutex and trace run in a
 * contention pass of their own (measure/contention-pass.ts), never beside
 * the timed runs that gate: they slow a benchmark down by up to 2.5×
 * (docs/performance.md).
 */
export interface ProfileSettings {
  /** The kinds, cpu and mem always among them, in PROFILE_KINDS order. */
  kinds: ProfileKind[]
  /** -test.blockprofilerate: one blocking event per this many ns blocked is recorded (1: all). */
  blockRate: number
  /** -test.mutexprofilefraction: one in this many mutex contention events is recorded (1: all). */
  mutexFraction: number
  /** Rounds of the contention pass: each one low and one high run, so each gives one per-op value. */
  rounds: number
}

/** The defaults of the profile settings: CPU and heap only; everything, when asked for. */
export const PROFILE_DEFAULTS: ProfileSettings = {
  kinds: ['cpu', 'mem'],
  blockRate: 1,
  mutexFraction: 1,
  rounds: 5
}

/**
 * ProfileSettings from a front end's raw values (already bounded as
 * numbers), defaults for what is absent. `name` is how the front end calls
 * the list (`--profiles`, `input "profiles"`).
 */
export function profileSettings(
  raw: { kinds?: readonly string[]; blockRate?: number; mutexFraction?: number; rounds?: number },
  name: string
): ProfileSettings {
  return {
    kinds: raw.kinds ? parseProfileKinds(raw.kinds, name) : [...PROFILE_DEFAULTS.kinds],
    blockRate: raw.blockRate ?? PROFILE_DEFAULTS.blockRate,
    mutexFraction: raw.mutexFraction ?? PROFILE_DEFAULTS.mutexFraction,
    rounds: raw.rounds ?? PROFILE_DEFAULTS.rounds
  }
}

/**
 * The families of `fail-on-contention` (`mutex,sched`; `all`; `none` or
 * empty for report-only). Throws SettingsError naming the input.
 */
export function parseContentionFamilies(
  items: readonly string[],
  name: string
): ContentionFamily[] {
  const out = new Set<ContentionFamily>()
  for (const raw of items) {
    const item = raw.trim().toLowerCase()
    if (item === '' || item === 'none') continue
    if (item === 'all') return [...CONTENTION_FAMILIES]
    if (!(CONTENTION_FAMILIES as readonly string[]).includes(item))
      throw new SettingsError(
        `${name}: invalid value ${JSON.stringify(raw)}; allowed: a list of ${CONTENTION_FAMILIES.join(', ')}, or all, or none (the default: report-only)`
      )
    out.add(item as ContentionFamily)
  }
  return CONTENTION_FAMILIES.filter(f => out.has(f))
}

/** Whether the contention pass runs: any of block, mutex or trace asked for. */
export function wantsContention(p: ProfileSettings | undefined): boolean {
  return p !== undefined && p.kinds.some(k => k === 'block' || k === 'mutex' || k === 'trace')
}

/**
 * The profile kinds of a list (`cpu,mem,mutex`), cpu and mem added when
 * left out (the per-op breakdown needs them), in PROFILE_KINDS order.
 * Throws SettingsError naming the input and the unknown kind.
 */
export function parseProfileKinds(items: readonly string[], name: string): ProfileKind[] {
  const wanted = new Set<string>(['cpu', 'mem'])
  for (const raw of items) {
    const item = raw.trim().toLowerCase()
    if (item === '') continue
    if (!(PROFILE_KINDS as readonly string[]).includes(item))
      throw new SettingsError(
        `${name}: invalid value ${JSON.stringify(raw)}; allowed: a list of ${PROFILE_KINDS.join(', ')} (the default is cpu,mem)`
      )
    wanted.add(item)
  }
  return PROFILE_KINDS.filter(k => wanted.has(k))
}

/** The defaults of the run settings. */
export const RUN_DEFAULTS = {
  packages: ['./...'],
  bench: '.',
  count: 6,
  benchtime: '1s',
  timeout: '60m',
  topK: 50,
  maxProfileBytes: DEFAULT_MAX_PROFILE_BYTES
} as const

/** A setting with a bad value; the message names the input and what is allowed. */
export class SettingsError extends Error {
  override name = 'SettingsError'
}

/** How a front end names each setting in messages (`--count`, or the `count` input). */
export type SettingNames = Record<
  'count' | 'benchtime' | 'timeout' | 'bench' | 'topK' | 'packages',
  string
>

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/

/** Check a RunSettings value; throws SettingsError. */
export function validateRunSettings(s: RunSettings, names: SettingNames): RunSettings {
  const fail = (key: keyof SettingNames, value: unknown, allowed: string): never => {
    throw new SettingsError(`${names[key]}: invalid value ${JSON.stringify(value)}; ${allowed}`)
  }
  if (!Number.isInteger(s.count) || s.count < 1 || s.count > 1000) {
    fail(
      'count',
      s.count,
      'use a whole number from 1 to 1000 (at least 4 for a verdict, 6 for a confidence interval)'
    )
  }
  if (!DURATION.test(s.benchtime) && !/^\d+x$/.test(s.benchtime)) {
    fail(
      'benchtime',
      s.benchtime,
      'use a Go duration such as 1s or 500ms, or an iteration count such as 100x'
    )
  }
  if (!DURATION.test(s.timeout) && s.timeout !== '0') {
    fail('timeout', s.timeout, 'use a Go duration such as 30m, or 0 for none')
  }
  if (s.bench.trim() === '' || /[\n\r\0]/.test(s.bench)) {
    fail(
      'bench',
      s.bench,
      'use a non-empty regular expression on one line, such as . or ^BenchmarkDecode'
    )
  }
  if (!Number.isInteger(s.topK) || s.topK < 1 || s.topK > 10000) {
    fail('topK', s.topK, 'use a whole number from 1 to 10000')
  }
  if (s.packages.length === 0 || s.packages.some(p => p.trim() === '' || /[\n\r\0]/.test(p))) {
    fail(
      'packages',
      s.packages,
      'list one or more package patterns such as ./... or ./internal/codec'
    )
  }
  return s
}

/** A numeric setting's bounds, shared by the Action's inputs and the CLI's flags. */
export interface NumberBounds {
  min: number
  max: number
  /** Whole numbers only. */
  integer: boolean
}

/**
 * Bounds of every numeric setting, by the Action input's name. The CLI's
 * flag of the same name (`--max-functions`) takes the same bounds, so both
 * front ends accept and refuse the same values.
 */
export const NUMBER_BOUNDS = {
  count: { min: 1, max: 1000, integer: true },
  'confirm-rounds': { min: 6, max: 1000, integer: true },
  'confirm-budget': { min: 1, max: 86400, integer: false },
  threshold: { min: 0, max: 1000, integer: false },
  'ab-threshold': { min: 0, max: 1000, integer: false },
  alpha: { min: 0.0001, max: 0.5, integer: false },
  'alloc-threshold': { min: 0, max: 1000, integer: false },
  'max-functions': { min: 1, max: 100, integer: true },
  'block-profile-rate': { min: 1, max: 1e9, integer: true },
  'mutex-profile-fraction': { min: 1, max: 1e6, integer: true },
  'contention-rounds': { min: 3, max: 100, integer: true },
  'contention-threshold': { min: 0, max: 1000, integer: false }
} as const satisfies Record<string, NumberBounds>

/** A numeric setting's name. */
export type NumberSetting = keyof typeof NUMBER_BOUNDS

/** "a whole number from 1 to 100": what a setting allows, for messages. */
export function describeBounds(b: NumberBounds): string {
  return `${b.integer ? 'a whole number' : 'a number'} from ${b.min} to ${b.max}`
}

/** The value of raw text for this setting, or undefined when it is not allowed. */
export function parseBounded(raw: string, setting: NumberSetting): number | undefined {
  const b: NumberBounds = NUMBER_BOUNDS[setting]
  const v = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(v) || v < b.min || v > b.max) return undefined
  if (b.integer && !Number.isInteger(v)) return undefined
  return v
}
