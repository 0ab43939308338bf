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
  type RunSettings
} from './pipeline/settings.js'
import { aggregate, formatTop, ProfileError, readProfile } from './pprof/index.js'
import { formatNumber, formatRunSummary } from './report/text.js'

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
  ProfileError,
  BundleError,
  DiscoveryError,
  NoBenchmarksError,
  GoNotFoundError,
  SettingsError
]

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
          `${stamp()}     ${e.result.name}  ${ns ? `${formatNumber(ns.value)} ns/op` : ''}  (result ${e.done})`
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
        {
          count: '--count',
          benchtime: '--benchtime',
          timeout: '--timeout',
          bench: '--bench',
          topK: '--top',
          packages: '--packages'
        }
      )
      const outcome = await runToBundle(new LocalGo(), settings, progress(Date.now()))
      await write(formatRunSummary(outcome.bundle))
      console.error(`bundle: ${outcome.bundleDir}`)
      for (const f of outcome.failed) console.error(`\nbenchgate: ${f.error}`)
      return outcome.failed.length > 0 ? 1 : 0
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
