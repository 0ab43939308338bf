/**
 * The CLI's dispatcher: it picks the command, parses its flags, and turns
 * errors into one line and an exit status. Like src/action/main.ts for the
 * Action, the CLI is the only place that touches argv, stdout/stderr and
 * the exit status; each command is a thin call into the engine.
 */
import { parseArgs } from 'node:util'
import { BundleError } from '../bundle/index.js'
import { AbError } from '../ab/ab.js'
import { NoBenchmarksError } from '../measure/pipeline.js'
import { MergeError } from '../judge/merge-comparisons.js'
import { ShardError } from '../shard/partition.js'
import { SettingsError } from '../measure/settings.js'
import { FileError } from '../files/index.js'
import { GitError } from '../git/index.js'
import { DiscoveryError } from '../gobench/discover.js'
import { GoNotFoundError } from '../gobench/toolchain.js'
import { ProfileError } from '../pprof/index.js'
import { forTerminal } from '../report/escape.js'
import { abCommand } from './commands/ab.js'
import { compareCommand } from './commands/compare.js'
import { demoCommand } from './commands/demo.js'
import { diffCommand, flameCommand } from './commands/flame.js'
import { mergeCommand } from './commands/merge.js'
import { runCommand } from './commands/run.js'
import { topCommand } from './commands/top.js'
import { historyCommand } from './commands/history.js'
import { HistoryError } from '../history/index.js'
import { UsageError, type Command } from './options.js'

const commands: Record<string, Command> = {
  run: runCommand,
  compare: compareCommand,
  ab: abCommand,
  merge: mergeCommand,
  demo: demoCommand,
  flame: flameCommand,
  diff: diffCommand,
  top: topCommand,
  history: historyCommand
}

/** Errors that are the user's to fix: one line, no stack trace, exit 1. */
const KNOWN_ERRORS = [
  AbError,
  ProfileError,
  BundleError,
  DiscoveryError,
  NoBenchmarksError,
  GoNotFoundError,
  GitError,
  FileError,
  SettingsError,
  MergeError,
  ShardError,
  HistoryError
]

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
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined
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
        `benchgate: ${forTerminal((err as Error).message)}\n${command ? `Usage: ${command.usage}` : usage()}`
      )
      return 2
    }
    if (KNOWN_ERRORS.some(E => err instanceof E)) {
      console.error(`benchgate: ${forTerminal((err as Error).message)}`)
      return 1
    }
    const system = systemError(err)
    if (system) {
      console.error(`benchgate: ${forTerminal(system)}`)
      return 1
    }
    throw err
  }
}

/** What the operating system refused (a missing directory, a permission), as one line; else undefined. */
export function systemError(err: unknown): string | undefined {
  const e = err as { code?: unknown; syscall?: unknown; path?: unknown; message?: unknown }
  if (typeof e?.code !== 'string' || typeof e.syscall !== 'string' || !/^E[A-Z]+$/.test(e.code))
    return undefined
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ENOSPC: 'no space left on the device',
    EROFS: 'the file system is read-only',
    EEXIST: 'it already exists'
  }
  const verb = ['open', 'write', 'mkdir', 'rename', 'copyfile'].includes(e.syscall)
    ? 'write'
    : e.syscall === 'read' || e.syscall === 'stat' || e.syscall === 'scandir'
      ? 'read'
      : e.syscall
  const what = typeof e.path === 'string' ? e.path : ''
  return `cannot ${verb} ${what}: ${reasons[e.code] ?? String(e.message)}; check the path and its directory`
}

/** The last word on an error nobody expected: one line, and how to see the stack. */
export function internalError(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const message = err instanceof Error ? err.message : String(err)
  if (env.BENCHGATE_DEBUG && err instanceof Error && err.stack)
    return `benchgate: internal error: ${err.stack}`
  return `benchgate: internal error: ${forTerminal(message)} (rerun with BENCHGATE_DEBUG=1 to see the stack trace)`
}
