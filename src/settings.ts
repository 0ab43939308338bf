/**
 * The Action's inputs, parsed and validated in one place. Each field is
 * documented in action.yml; every error names the input, the bad value and
 * what is allowed, and is thrown before any work starts.
 */
import {
  COMPARE_DEFAULTS,
  GATE_MODES,
  type CompareOptions,
  type GateMode
} from './compare/compare.js'
import { CONFIRM_ROUNDS_DEFAULT } from './ab/confirm.js'
import {
  RUN_DEFAULTS,
  SettingsError,
  validateRunSettings,
  type RunSettings
} from './pipeline/settings.js'

/** Reads one input by name ("" when unset), as @actions/core getInput does. */
export type InputReader = (name: string) => string

export type CommentMode = 'always' | 'on-change' | 'on-regression' | 'never'
export type UploadMode = 'auto' | 'always' | 'never'

export type Mode = 'run' | 'comment'

export interface ActionSettings {
  /** run: benchmark and compare; comment: post a fork PR's report from a workflow_run job. */
  mode: Mode
  run: Omit<RunSettings, 'out'>
  compare: CompareOptions
  failOnRegression: boolean
  githubToken: string
  artifactName: string
  /** Empty: the PR's base branch, or else the repository's default branch. */
  baselineBranch: string
  comment: CommentMode
  uploadBaseline: UploadMode
  /** On pull requests: confirmed (screen, then A/B of suspects), baseline (screen only), ab (A/B only). */
  gate: GateMode
  /** A/B rounds per suspect under gate confirmed. */
  confirmRounds: number
}

function oneOf<T extends string>(
  read: InputReader,
  name: string,
  allowed: readonly T[],
  fallback: T
): T {
  const v = read(name).trim() || fallback
  if (!allowed.includes(v as T)) {
    throw new SettingsError(
      `input "${name}": invalid value ${JSON.stringify(v)}; allowed: ${allowed.join(', ')}`
    )
  }
  return v as T
}

function bool(read: InputReader, name: string, fallback: boolean): boolean {
  const v = read(name).trim().toLowerCase()
  if (v === '') return fallback
  if (['true', 'yes', '1', 'on'].includes(v)) return true
  if (['false', 'no', '0', 'off'].includes(v)) return false
  throw new SettingsError(
    `input "${name}": invalid value ${JSON.stringify(v)}; allowed: true or false`
  )
}

function number(
  read: InputReader,
  name: string,
  fallback: number,
  min: number,
  max: number,
  integer = false
): number {
  const raw = read(name).trim()
  if (raw === '') return fallback
  const v = Number(raw)
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new SettingsError(
      `input "${name}": invalid value ${JSON.stringify(raw)}; allowed: ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`
    )
  }
  return v
}

/** Split a multi-value input on newlines, commas or spaces; each item stays one argv token. */
function words(raw: string): string[] {
  return raw.split(/[\s,]+/).filter(w => w !== '')
}

/** Split go-test-flags on whitespace only (a flag value may contain commas, e.g. -cpu=1,2). */
function flags(raw: string): string[] {
  return raw.split(/\s+/).filter(w => w !== '')
}

/** Read and validate every input. */
export function readSettings(read: InputReader): ActionSettings {
  const run = validateRunSettings(
    {
      dir: read('working-directory').trim() || '.',
      packages: words(read('packages')).length
        ? words(read('packages'))
        : [...RUN_DEFAULTS.packages],
      bench: read('bench').trim() || RUN_DEFAULTS.bench,
      count: number(read, 'count', RUN_DEFAULTS.count, 1, 1000, true),
      benchtime: read('benchtime').trim() || RUN_DEFAULTS.benchtime,
      timeout: read('timeout').trim() || RUN_DEFAULTS.timeout,
      extraFlags: flags(read('go-test-flags')),
      out: '',
      topK: RUN_DEFAULTS.topK,
      maxProfileBytes: RUN_DEFAULTS.maxProfileBytes
    },
    {
      count: 'input "count"',
      benchtime: 'input "benchtime"',
      timeout: 'input "timeout"',
      bench: 'input "bench"',
      topK: 'max-functions',
      packages: 'input "packages"'
    }
  )
  const artifactName = read('artifact-name').trim() || 'benchgate-baseline'
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(artifactName)) {
    throw new SettingsError(
      `input "artifact-name": invalid value ${JSON.stringify(artifactName)}; allowed: 1–100 letters, digits, '.', '_' or '-'`
    )
  }
  const baselineBranch = read('baseline-branch').trim()
  if (baselineBranch !== '' && !/^[\w./-]{1,250}$/.test(baselineBranch)) {
    throw new SettingsError(
      `input "baseline-branch": invalid value ${JSON.stringify(baselineBranch)}; allowed: a branch name`
    )
  }
  return {
    mode: oneOf(read, 'mode', ['run', 'comment'] as const, 'run'),
    run,
    compare: {
      threshold: number(read, 'threshold', COMPARE_DEFAULTS.threshold, 0, 1000),
      abThreshold: number(read, 'ab-threshold', COMPARE_DEFAULTS.abThreshold, 0, 1000),
      alpha: number(read, 'alpha', COMPARE_DEFAULTS.alpha, 0.0001, 0.5),
      allocThreshold: number(read, 'alloc-threshold', COMPARE_DEFAULTS.allocThreshold, 0, 1000),
      maxFunctions: number(read, 'max-functions', COMPARE_DEFAULTS.maxFunctions, 1, 100, true),
      failOnAlloc: bool(read, 'fail-on-alloc', false),
      test: 'utest'
    },
    failOnRegression: bool(read, 'fail-on-regression', true),
    githubToken: read('github-token').trim(),
    artifactName,
    baselineBranch,
    comment: oneOf(
      read,
      'comment',
      ['always', 'on-change', 'on-regression', 'never'] as const,
      'always'
    ),
    uploadBaseline: oneOf(read, 'upload-baseline', ['auto', 'always', 'never'] as const, 'auto'),
    gate: oneOf(read, 'gate', GATE_MODES, 'confirmed'),
    confirmRounds: number(read, 'confirm-rounds', CONFIRM_ROUNDS_DEFAULT, 6, 1000, true)
  }
}
