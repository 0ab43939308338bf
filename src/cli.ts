#!/usr/bin/env node
/**
 * benchgate's command-line front end. Like src/main.ts for the Action, this
 * is the only place that touches argv, stdout/stderr and the exit status;
 * every command is a thin call into the engine modules.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { BundleError } from './bundle/index.js'
import { DiscoveryError } from './gobench/discover.js'
import { GoNotFoundError, LocalGo } from './gobench/toolchain.js'
import { NoBenchmarksError, runToBundle, type PipelineEvent } from './pipeline/run.js'
import {
  RUN_DEFAULTS,
  SettingsError,
  validateRunSettings,
  type RunSettings,
  type SettingNames
} from './pipeline/settings.js'
import { aggregate, formatTop, ProfileError, readProfile } from './pprof/index.js'
import { formatComparisonText, formatRunSummary, verdictText } from './report/text.js'
import { sig } from './report/format.js'
import { compareAndReport } from './pipeline/compare.js'
import { AbError, runAb, type AbEvent } from './ab/index.js'
import {
  COMPARE_DEFAULTS,
  STAT_TESTS,
  type CompareOptions,
  type Comparison,
  type StatTest
} from './compare/compare.js'
import { AB_TEST, CONFIRM_ROUNDS_DEFAULT, confirmSuspects } from './ab/confirm.js'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A mistake in how the command was called: exit status 2, with usage. */
class UsageError extends Error {
  override name = 'UsageError'
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

interface Command {
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Whether arguments after `--` are passed through (as `rest`). */
  passthrough?: boolean
  run(values: Values, positionals: string[], rest: string[]): Promise<number>
}

/** Errors that are the user's to fix: one line, no stack trace, exit 1. */
const KNOWN_ERRORS = [
  AbError,
  ProfileError,
  BundleError,
  DiscoveryError,
  NoBenchmarksError,
  GoNotFoundError,
  SettingsError
]

/** A number option within bounds, e.g. --threshold 5. */
function num(values: Values, key: string, fallback: number, min: number, max: number): number {
  const v = str(values, key)
  if (v === undefined) return fallback
  const x = Number(v)
  if (v.trim() === '' || !Number.isFinite(x) || x < min || x > max) {
    throw new UsageError(`--${key} must be a number from ${min} to ${max}, not "${v}"`)
  }
  return x
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

const COMPARE_OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string' },
  threshold: { type: 'string' },
  'ab-threshold': { type: 'string' },
  alpha: { type: 'string' },
  'alloc-threshold': { type: 'string' },
  'fail-on-alloc': { type: 'boolean' },
  'max-functions': { type: 'string' },
  key: { type: 'string' },
  test: { type: 'string' },
  'repository-url': { type: 'string' },
  'head-sha': { type: 'string' }
} as const

function compareOptions(values: Values, test: StatTest = 'utest'): CompareOptions {
  const chosen = str(values, 'test') ?? test
  if (!(STAT_TESTS as readonly string[]).includes(chosen))
    throw new UsageError(`--test must be ${STAT_TESTS.join(' or ')}, not "${chosen}"`)
  return {
    test: chosen as StatTest,
    threshold: num(values, 'threshold', COMPARE_DEFAULTS.threshold, 0, 1000),
    abThreshold: num(values, 'ab-threshold', COMPARE_DEFAULTS.abThreshold, 0, 1000),
    alpha: num(values, 'alpha', COMPARE_DEFAULTS.alpha, 0.0001, 0.5),
    allocThreshold: num(values, 'alloc-threshold', COMPARE_DEFAULTS.allocThreshold, 0, 1000),
    maxFunctions: num(values, 'max-functions', COMPARE_DEFAULTS.maxFunctions, 1, 1000),
    failOnAlloc: values['fail-on-alloc'] === true
  }
}

/** Print (or write) a comparison in the chosen format; the verdict line always goes to stderr. */
async function emitComparison(
  values: Values,
  outputs: Awaited<ReturnType<typeof compareAndReport>>
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

function str(values: Values, key: string): string | undefined {
  const v = values[key]
  return typeof v === 'string' ? v : undefined
}

function int(values: Values, key: string, fallback: number): number {
  const v = str(values, key)
  if (v === undefined) return fallback
  if (!/^\d+$/.test(v)) throw new UsageError(`--${key} must be a whole number, not "${v}"`)
  return Number(v)
}

/** Repeated and comma-separated values: --packages ./a,./b --packages ./c */
function list(values: Values, key: string): string[] | undefined {
  const v = values[key]
  if (v === undefined) return undefined
  const items = (Array.isArray(v) ? v : [v]).flatMap(x => String(x).split(','))
  return items.map(x => x.trim()).filter(x => x !== '')
}

/** Progress for long runs, on stderr: elapsed time, package i/N, each result. */
function progress(started: number): (e: PipelineEvent) => void {
  const stamp = (): string => `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`
  return e => {
    switch (e.type) {
      case 'discovered':
        console.error(
          `${stamp()} ${e.run.length} package(s) with benchmarks` +
            (e.skipped.length ? `, ${e.skipped.length} without (skipped)` : '')
        )
        break
      case 'package-start':
        console.error(
          `${stamp()} [${e.index + 1}/${e.total}] ${e.pkg.importPath}: go ${e.argv.join(' ')}`
        )
        break
      case 'result': {
        const ns = e.result.measurements.find(m => m.unit === 'ns/op')
        console.error(
          `${stamp()}     ${e.result.name}  ${ns ? `${sig(ns.value)} ns/op` : ''}  (result ${e.done})`
        )
        break
      }
      case 'package-end':
        console.error(
          `${stamp()} [${e.index + 1}/${e.total}] ${e.run.pkg.importPath}: ${
            e.run.status === 'failed'
              ? 'FAILED'
              : e.run.status === 'no-match'
                ? 'no benchmark matched'
                : `ok, ${e.run.results.length} results`
          } in ${(e.run.durationMs / 1000).toFixed(1)}s`
        )
        break
      case 'attributing':
      case 'output':
        break
    }
  }
}

/** Progress of A/B rounds, on stderr. */
function abProgress(started: number): (e: AbEvent) => void {
  const stamp = (): string => `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`
  return e => {
    switch (e.type) {
      case 'worktree':
        console.error(`${stamp()} ${e.side}: ${e.ref} checked out in ${e.path}`)
        break
      case 'build':
        console.error(`${stamp()} building ${e.pkg} (${e.side})`)
        break
      case 'round':
        console.error(`${stamp()} round ${e.round}/${e.rounds}: ${e.order.join(', ')}`)
        break
    }
  }
}

function parseSize(raw: string | undefined, flag: string): number | undefined {
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

const commands: Record<string, Command> = {
  run: {
    usage:
      'benchgate run [--dir D] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--timeout T] [--out DIR] [--top K] [--max-profile-bytes N] [-- extra go test flags]',
    options: {
      dir: { type: 'string' },
      packages: { type: 'string', multiple: true },
      bench: { type: 'string' },
      count: { type: 'string' },
      benchtime: { type: 'string' },
      timeout: { type: 'string' },
      out: { type: 'string' },
      top: { type: 'string' },
      'max-profile-bytes': { type: 'string' }
    },
    passthrough: true,
    async run(values, positionals, rest) {
      if (positionals.length > 0) {
        throw new UsageError(`unexpected argument "${positionals[0]}"; pass go test flags after --`)
      }
      const settings: RunSettings = validateRunSettings(
        {
          dir: str(values, 'dir') ?? '.',
          packages: list(values, 'packages') ?? [...RUN_DEFAULTS.packages],
          bench: str(values, 'bench') ?? RUN_DEFAULTS.bench,
          count: int(values, 'count', RUN_DEFAULTS.count),
          benchtime: str(values, 'benchtime') ?? RUN_DEFAULTS.benchtime,
          timeout: str(values, 'timeout') ?? RUN_DEFAULTS.timeout,
          extraFlags: rest,
          out: str(values, 'out') ?? 'benchgate-results',
          topK: int(values, 'top', RUN_DEFAULTS.topK),
          maxProfileBytes:
            parseSize(str(values, 'max-profile-bytes'), '--max-profile-bytes') ??
            RUN_DEFAULTS.maxProfileBytes
        },
        CLI_SETTING_NAMES
      )
      const outcome = await runToBundle(new LocalGo(), settings, progress(Date.now()))
      await write(formatRunSummary(outcome.bundle))
      console.error(`bundle: ${outcome.bundleDir}`)
      for (const f of outcome.failed) console.error(`\nbenchgate: ${f.error}`)
      return outcome.failed.length > 0 ? 1 : 0
    }
  },
  compare: {
    usage:
      'benchgate compare <base> <head> [--format markdown|json|text] [--output FILE] [--threshold P] [--alpha A] [--alloc-threshold P] [--fail-on-alloc] [--max-functions N] [--test utest|wilcoxon] [--ab-threshold P] [--confirm-base <ref> [--confirm-head <ref>] [--dir D] [--confirm-rounds N] [--benchtime T] [--out DIR] [-- go test -c build flags]]',
    options: {
      ...COMPARE_OPTIONS,
      'confirm-base': { type: 'string' },
      'confirm-head': { type: 'string' },
      'confirm-rounds': { type: 'string' },
      dir: { type: 'string' },
      benchtime: { type: 'string' },
      out: { type: 'string' }
    },
    passthrough: true,
    async run(values, positionals, rest) {
      if (positionals.length !== 2) {
        throw new UsageError(
          'compare takes two inputs: the base and the head (bundle directories or go test -bench output files)'
        )
      }
      const opts = compareOptions(values)
      const confirmBase = str(values, 'confirm-base')
      const confirmOnly = ['confirm-head', 'confirm-rounds', 'dir', 'benchtime', 'out'].find(
        k => values[k] !== undefined
      )
      if (!confirmBase && (confirmOnly || rest.length > 0))
        throw new UsageError(
          `${confirmOnly ? `--${confirmOnly}` : 'build flags after --'} only apply with --confirm-base <ref>`
        )
      let confirm: ((screen: Comparison) => Promise<Comparison>) | undefined
      if (confirmBase) {
        const checked = validateRunSettings(
          {
            ...RUN_DEFAULTS,
            packages: [...RUN_DEFAULTS.packages],
            dir: str(values, 'dir') ?? '.',
            count: int(values, 'confirm-rounds', CONFIRM_ROUNDS_DEFAULT),
            benchtime: str(values, 'benchtime') ?? RUN_DEFAULTS.benchtime,
            extraFlags: rest,
            out: str(values, 'out') ?? 'benchgate-confirm'
          },
          { ...CLI_SETTING_NAMES, count: '--confirm-rounds' }
        )
        const started = Date.now()
        confirm = screen =>
          confirmSuspects(
            new LocalGo(),
            screen,
            {
              ...checked,
              rounds: checked.count,
              buildFlags: rest,
              base: confirmBase,
              head: str(values, 'confirm-head')
            },
            opts,
            abProgress(started)
          )
      }
      const outputs = await compareAndReport(positionals[0], positionals[1], opts, {
        key: str(values, 'key') ?? 'default',
        repositoryUrl: str(values, 'repository-url'),
        headSha: str(values, 'head-sha'),
        refine: confirm
      })
      return emitComparison(values, outputs)
    }
  },
  ab: {
    usage:
      'benchgate ab --base <ref> [--head <ref>] [--dir D] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--out DIR] [--format markdown|json|text] [--test utest|wilcoxon] [-- go test flags]',
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      dir: { type: 'string' },
      packages: { type: 'string', multiple: true },
      bench: { type: 'string' },
      count: { type: 'string' },
      benchtime: { type: 'string' },
      out: { type: 'string' },
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
      const checked = validateRunSettings(
        {
          dir: str(values, 'dir') ?? '.',
          packages: list(values, 'packages') ?? [...RUN_DEFAULTS.packages],
          bench: str(values, 'bench') ?? RUN_DEFAULTS.bench,
          count: int(values, 'count', 10),
          benchtime: str(values, 'benchtime') ?? RUN_DEFAULTS.benchtime,
          timeout: RUN_DEFAULTS.timeout,
          extraFlags: rest,
          out: str(values, 'out') ?? 'benchgate-ab',
          topK: RUN_DEFAULTS.topK,
          maxProfileBytes: RUN_DEFAULTS.maxProfileBytes
        },
        CLI_SETTING_NAMES
      )
      const { baseDir, headDir } = await runAb(
        new LocalGo(),
        { ...checked, rounds: checked.count, buildFlags: rest, base, head: str(values, 'head') },
        abProgress(Date.now())
      )
      // An A/B verdict: drift-free, so the A/B threshold applies (unless --threshold is given).
      const abOpts = compareOptions(values, AB_TEST)
      if (str(values, 'threshold') === undefined) abOpts.threshold = abOpts.abThreshold
      const outputs = await compareAndReport(baseDir, headDir, abOpts, {
        key: str(values, 'key') ?? 'ab'
      })
      return emitComparison(values, outputs)
    }
  },
  demo: {
    usage: 'benchgate demo [--out DIR] [--count N] [--benchtime T] [--format markdown|json|text]',
    options: {
      out: { type: 'string' },
      count: { type: 'string' },
      benchtime: { type: 'string' },
      ...COMPARE_OPTIONS
    },
    async run(values, positionals) {
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
      // The demo module ships beside dist/ in this repository.
      const module = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'demo')
      const out = resolve(str(values, 'out') ?? 'benchgate-demo')
      const started = Date.now()
      const base: RunSettings = validateRunSettings(
        {
          dir: module,
          packages: ['./...'],
          bench: '.',
          count: int(values, 'count', 6),
          benchtime: str(values, 'benchtime') ?? '200ms',
          timeout: '10m',
          extraFlags: [],
          out: join(out, 'base'),
          topK: RUN_DEFAULTS.topK,
          maxProfileBytes: RUN_DEFAULTS.maxProfileBytes
        },
        CLI_SETTING_NAMES
      )
      console.error('benchgate demo: the base run (fixtures/demo as committed)')
      await runToBundle(new LocalGo(), base, progress(started))
      console.error(
        'benchgate demo: the head run (-tags=benchgate_demo_regression: a seeded CPU and allocation regression)'
      )
      await runToBundle(
        new LocalGo(),
        { ...base, out: join(out, 'head'), extraFlags: ['-tags=benchgate_demo_regression'] },
        progress(started)
      )
      const outputs = await compareAndReport(
        join(out, 'base'),
        join(out, 'head'),
        compareOptions(values),
        { key: 'demo' }
      )
      await mkdir(out, { recursive: true })
      await writeFile(join(out, 'comment.md'), outputs.comment)
      await writeFile(join(out, 'summary.md'), outputs.summary)
      await writeFile(
        join(out, 'comparison.json'),
        JSON.stringify(outputs.comparison, null, 1) + '\n'
      )
      console.error(
        `benchgate demo: wrote ${join(out, 'base')}, ${join(out, 'head')}, comment.md, summary.md and comparison.json in ${out}`
      )
      return emitComparison(values, outputs)
    }
  },
  top: {
    usage: 'benchgate top <profile> [--sample-index NAME] [--json] [--max-profile-bytes N]',
    options: {
      'sample-index': { type: 'string' },
      json: { type: 'boolean' },
      'max-profile-bytes': { type: 'string' }
    },
    async run(values, positionals) {
      if (positionals.length !== 1) throw new UsageError('top takes exactly one profile file')
      const file = positionals[0]
      const maxBytes = parseSize(
        values['max-profile-bytes'] as string | undefined,
        '--max-profile-bytes'
      )
      const profile = await readProfile(file, { maxBytes })
      const table = aggregate(profile, {
        sampleType: str(values, 'sample-index'),
        source: file
      })
      const out = values.json
        ? JSON.stringify({
            sampleType: table.sampleType,
            unit: table.unit,
            total: table.total,
            functions: table.functions
          }) + '\n'
        : formatTop(table, file)
      await write(out)
      return 0
    }
  }
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, err => (err ? reject(err) : resolve()))
  )
}

function usage(): string {
  return ['Usage:', ...Object.values(commands).map(c => `  ${c.usage}`)].join('\n')
}

/** Run the CLI with the given arguments; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage())
    return name === undefined ? 2 : 0
  }
  const command = commands[name]
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`)
    const cut = rest.indexOf('--')
    const own = cut >= 0 && command.passthrough ? rest.slice(0, cut) : rest
    const passthrough = cut >= 0 && command.passthrough ? rest.slice(cut + 1) : []
    const { values, positionals } = parseArgs({
      args: own,
      options: command.options,
      allowPositionals: true,
      strict: true
    })
    return await command.run(values, positionals, passthrough)
  } catch (err) {
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(
        `benchgate: ${(err as Error).message}\n${command ? `Usage: ${command.usage}` : usage()}`
      )
      return 2
    }
    if (KNOWN_ERRORS.some(E => err instanceof E)) {
      console.error(`benchgate: ${(err as Error).message}`)
      return 1
    }
    throw err
  }
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (err: unknown) => {
    // Not a known failure: still one clear line, never a silent pass.
    console.error(
      `benchgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
    )
    process.exitCode = 1
  }
)
