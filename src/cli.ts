#!/usr/bin/env node
/**
 * benchgate's command-line front end. Like src/main.ts for the Action, this
 * is the only place that touches argv, stdout/stderr and the exit status;
 * every command is a thin call into the engine modules.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { aggregate, formatTop, ProfileError, readProfile } from './pprof/index.js'

/** A mistake in how the command was called: exit status 2, with usage. */
class UsageError extends Error {
  override name = 'UsageError'
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

interface Command {
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  run(values: Values, positionals: string[]): Promise<number>
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
        sampleType: values['sample-index'] as string | undefined,
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
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      strict: true
    })
    return await command.run(values, positionals)
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
    if (err instanceof ProfileError) {
      console.error(`benchgate: ${err.message}`)
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
