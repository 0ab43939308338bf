/**
 * The Action's inputs, parsed and validated in one place. Each field is
 * documented in action.yml; every error names the input, the bad value and
 * what is allowed, and is thrown before any work starts.
 */
import { AB_SCHEDULES, type AbSchedule } from '../ab/duet.js'
import {
  COMPARE_DEFAULTS,
  GATE_MODES,
  type CompareOptions,
  type GateMode
} from '../compare/model.js'
import {
  CONFIRM_BUDGET_DEFAULT,
  CONFIRM_ROUNDS_DEFAULT,
  type CommentPolicy
} from '../judge/judge.js'
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
  type RunSettings
} from '../measure/settings.js'
import { MAX_SHARDS, parseShard, ShardError, type Shard } from '../shard/partition.js'

/** Reads one input by name ("" when unset), as @actions/core getInput does. */
export type InputReader = (name: string) => string

/** When the sticky comment is created: the judge's comment policy. */
export type CommentMode = CommentPolicy
/** When the baseline artifact is uploaded: auto (pushes to the default branch), always, never. */
export type UploadMode = 'auto' | 'always' | 'never'

/**
 * run: measure and judge; merge: one answer from the shards of a job
 * matrix; comment: post a fork PR's report from a workflow_run job.
 */
export type Mode = 'run' | 'merge' | 'comment'

/** Every input of the Action, typed and validated. */
export interface ActionSettings {
  /** run: benchmark and compare; merge: join a matrix's shards; comment: post a fork PR's report. */
  mode: Mode
  /** mode run: measure only this shard of the packages (shard/partition.ts). */
  shard?: Shard
  /** mode merge: how many shards the matrix has. */
  shards?: number
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
  /** A/B rounds per suspect under gate confirmed, at most. */
  confirmRounds: number
  /** Seconds of confirmation rounds, after the first look, before undecided suspects stop. */
  confirmBudget: number
  /** How A/B rounds are scheduled (gate ab and confirmation): abba or duet. */
  abSchedule: AbSchedule
  /** The pull-request label that accepts its regressions (judge/accept.ts); '' for none. */
  acceptLabel: string
  /**
   * Pull requests: changed measures only the packages whose test binary
   * or package files differ from the base revision (docs/design.md D16);
   * all measures every one. A push always measures everything.
   */
  select: 'changed' | 'all'
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

/** A numeric input within the bounds both front ends share (measure/settings.ts). */
function number(read: InputReader, name: NumberSetting, fallback: number): number {
  const raw = read(name).trim()
  if (raw === '') return fallback
  const v = parseBounded(raw, name)
  if (v === undefined) {
    throw new SettingsError(
      `input "${name}": invalid value ${JSON.stringify(raw)}; allowed: ${describeBounds(NUMBER_BOUNDS[name])}`
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

/** The profiles input and the contention pass's inputs. */
function profileInputs(read: InputReader): ProfileSettings {
  return profileSettings(
    {
      kinds: words(read('profiles')).length ? words(read('profiles')) : undefined,
      blockRate: number(read, 'block-profile-rate', PROFILE_DEFAULTS.blockRate),
      mutexFraction: number(read, 'mutex-profile-fraction', PROFILE_DEFAULTS.mutexFraction),
      rounds: number(read, 'contention-rounds', PROFILE_DEFAULTS.rounds)
    },
    'input "profiles"'
  )
}

/** The shard input of a matrix job, and the shard count of the merge job. */
function shardInputs(read: InputReader, mode: Mode): { shard?: Shard; shards?: number } {
  const shardText = read('shard').trim()
  const shardsText = read('shards').trim()
  let shard: Shard | undefined
  try {
    shard = shardText === '' ? undefined : parseShard(shardText, 'input "shard"')
  } catch (err) {
    if (err instanceof ShardError) throw new SettingsError(err.message)
    throw err
  }
  const shards = shardsText === '' ? undefined : Number(shardsText)
  if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1 && shards <= MAX_SHARDS))
    throw new SettingsError(
      `input "shards": invalid value ${JSON.stringify(shardsText)}; allowed: the matrix's shard count, 1 to ${MAX_SHARDS}`
    )
  if (mode === 'merge' && shards === undefined)
    throw new SettingsError(
      'input "shards" is empty; mode "merge" needs the shard count of the matrix it merges (say 3 for shard: 1/3, 2/3, 3/3)'
    )
  if (mode === 'merge' && shard)
    throw new SettingsError(
      'input "shard" is for the matrix\'s jobs; the merge job takes "shards", the count, instead'
    )
  if (mode === 'run' && shards !== undefined && shards !== shard?.count)
    throw new SettingsError(
      `input "shards" is ${shards} but input "shard" is ${shardText === '' ? 'empty' : JSON.stringify(shardText)}; a matrix job takes "shard: i/n", and "shards" is for mode "merge"`
    )
  return { ...(shard ? { shard } : {}), ...(shards !== undefined ? { shards } : {}) }
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
      count: number(read, 'count', RUN_DEFAULTS.count),
      benchtime: read('benchtime').trim() || RUN_DEFAULTS.benchtime,
      timeout: read('timeout').trim() || RUN_DEFAULTS.timeout,
      extraFlags: flags(read('go-test-flags')),
      out: '',
      topK: RUN_DEFAULTS.topK,
      maxProfileBytes: RUN_DEFAULTS.maxProfileBytes,
      profiles: profileInputs(read)
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
  const mode = oneOf(read, 'mode', ['run', 'merge', 'comment'] as const, 'run')
  return {
    mode,
    ...shardInputs(read, mode),
    run,
    compare: {
      threshold: number(read, 'threshold', COMPARE_DEFAULTS.threshold),
      abThreshold: number(read, 'ab-threshold', COMPARE_DEFAULTS.abThreshold),
      alpha: number(read, 'alpha', COMPARE_DEFAULTS.alpha),
      allocThreshold: number(read, 'alloc-threshold', COMPARE_DEFAULTS.allocThreshold),
      maxFunctions: number(read, 'max-functions', COMPARE_DEFAULTS.maxFunctions),
      failOnAlloc: bool(read, 'fail-on-alloc', false),
      failOnInconclusive: bool(read, 'fail-on-inconclusive', false),
      test: COMPARE_DEFAULTS.test,
      contentionThreshold: number(
        read,
        'contention-threshold',
        COMPARE_DEFAULTS.contentionThreshold
      ),
      failOnContention: parseContentionFamilies(
        words(read('fail-on-contention')),
        'input "fail-on-contention"'
      )
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
    confirmRounds: number(read, 'confirm-rounds', CONFIRM_ROUNDS_DEFAULT),
    confirmBudget: number(read, 'confirm-budget', CONFIRM_BUDGET_DEFAULT),
    abSchedule: oneOf(read, 'ab-schedule', AB_SCHEDULES, 'abba'),
    acceptLabel: acceptLabelInput(read('accept-label')),
    select: oneOf(read, 'select', ['changed', 'all'] as const, 'changed')
  }
}

/** The label that accepts regressions: the default when unset, none for `none`. */
export const ACCEPT_LABEL_DEFAULT = 'benchgate-accept'

function acceptLabelInput(raw: string): string {
  const label = raw.trim()
  if (label === '') return ACCEPT_LABEL_DEFAULT
  return label.toLowerCase() === 'none' ? '' : label
}
