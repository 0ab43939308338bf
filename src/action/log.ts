/**
 * Progress in the Action's log: the builds, one collapsible group per
 * package's calibration with Go's output streamed into it, the samples, how many packages are done, the elapsed time,
 * and the A/B rounds. Names from the code under test are shown with their
 * control characters made visible.
 */
import { randomBytes } from 'node:crypto'
import * as core from '@actions/core'
import type { AbEvent } from '../ab/ab.js'
import type { SinceEvent } from '../ab/since.js'
import type { PipelineEvent } from '../measure/pipeline.js'
import { showInvisible as safe } from '../report/escape.js'
import { unfinishedMessage } from '../report/text.js'

/** Seconds since the start, for progress lines. */
function elapsedSince(started: number): () => string {
  return () => `${((Date.now() - started) / 1000).toFixed(1)}s`
}

/**
 * Log a line of the benchmarks' own output so that the runner reads no
 * workflow command in it (`::error …`, `::add-mask::`, `::stop-commands::`,
 * or the older `##[…]`): a line that could hold one is framed by
 * `::stop-commands::` with a fresh random token and its resume line, so it
 * shows as plain text and our own commands work again right after it.
 */
export function logInert(line: string): void {
  if (!line.includes('::') && !line.includes('##[')) return core.info(line)
  const token = randomBytes(16).toString('hex')
  core.info(`::stop-commands::${token}`)
  core.info(line)
  core.info(`::${token}::`)
}

/** Progress of select: changed: the base revision's builds, and what cannot differ. */
export function sinceLog(): (e: SinceEvent) => void {
  const elapsed = elapsedSince(Date.now())
  return e => {
    switch (e.type) {
      case 'since-worktree':
        core.info(`benchgate: base revision ${safe(e.ref)} checked out in a worktree`)
        break
      case 'since-built':
        core.info(`[${e.done}/${e.total}] built ${safe(e.pkg)} at the base; ${elapsed()} elapsed`)
        break
      case 'identical':
        core.info(
          `benchgate: ${safe(e.pkg)}: identical test binary and package files; not measured`
        )
        break
    }
  }
}

/** Progress of the sequential run, one log group per package. */
export function runLog(): (e: PipelineEvent) => void {
  const elapsed = elapsedSince(Date.now())
  let open = false
  return e => {
    switch (e.type) {
      case 'discovered':
        core.info(
          `benchgate: ${e.run.length} package(s) with benchmarks${e.shard ? ` in shard ${e.shard.index}/${e.shard.count} (of ${e.shard.of}, balanced by ${e.shard.balancedBy})` : ''}${e.skipped.length ? `, ${e.skipped.length} without (skipped)` : ''}`
        )
        break
      case 'build-start':
        core.info(
          `benchgate: building ${e.total} test binar${e.total === 1 ? 'y' : 'ies'}, ${e.parallel} at a time`
        )
        break
      case 'built':
        core.info(
          `[${e.done}/${e.total}] built ${safe(e.pkg.importPath)}${e.ok ? '' : ' (failed)'}; ${elapsed()} elapsed`
        )
        break
      case 'calibrate-start':
        core.startGroup(
          `[${e.index + 1}/${e.total}] ${safe(e.pkg.importPath)}: calibrating (${elapsed()})`
        )
        open = true
        core.info(safe(e.argv.join(' ')))
        break
      case 'output':
        logInert(safe(e.line))
        break
      case 'calibrated':
        core.info(
          `[${e.index + 1}/${e.total}] ${safe(e.result.pkg.importPath)}: ${e.result.targets.length} benchmark(s), ${e.result.status}; ${elapsed()} elapsed`
        )
        if (open) core.endGroup()
        open = false
        break
      case 'sample':
        if (e.done === 1)
          core.info(
            `benchgate: ${e.total} samples, ${e.rounds} round(s), each its own process at a fixed iteration count`
          )
        if (e.failed || e.round === e.rounds - 1 || e.done % 25 === 0)
          core.info(
            `sample ${e.done}/${e.total} (round ${e.round + 1}/${e.rounds}) ${safe(e.target.importPath)} ${safe(e.target.name)}${e.failed ? ' FAILED' : ''}; ${elapsed()} elapsed`
          )
        break
      case 'package-end':
        core.info(
          `${safe(e.run.pkg.importPath)}: ${e.run.status}, ${e.run.results.length} results in ${(e.run.durationMs / 1000).toFixed(1)}s; ${elapsed()} elapsed`
        )
        if (e.run.unfinished.length > 0) core.warning(unfinishedMessage(e.run))
        break
      case 'contention':
        if (e.index === 0 && e.round === 0)
          core.info(
            `benchgate: contention pass, ${e.total} benchmark(s), ${e.rounds} rounds each (block, mutex, trace as asked)`
          )
        core.info(
          `[${e.index + 1}/${e.total}] contention ${safe(e.name)} round ${e.round + 1}/${e.rounds}; ${elapsed()} elapsed`
        )
        break
      case 'attributing':
        break
    }
  }
}

/** Progress of A/B rounds (`what`: "A/B" or "confirmation"). */
export function abLog(what: string): (e: AbEvent) => void {
  const elapsed = elapsedSince(Date.now())
  return e => {
    switch (e.type) {
      case 'worktree':
        core.info(`benchgate ${what}: ${e.side} ${safe(e.ref)} checked out in ${safe(e.path)}`)
        break
      case 'build':
        core.info(`benchgate ${what}: building ${safe(e.pkg)} (${e.side}); ${elapsed()} elapsed`)
        break
      case 'calibrated':
        core.info(
          `benchgate ${what}: ${safe(e.pkg)}: ${e.benchmarks} benchmark(s) calibrated; ${elapsed()} elapsed`
        )
        break
      case 'round':
        core.info(
          `benchgate ${what}: round ${e.round}/${e.rounds} (${e.duet ? `base and head together, duet on CPUs ${e.duet[0]} | ${e.duet[1]}` : e.order.join(', ')}); ${elapsed()} elapsed`
        )
        break
      case 'notice':
        core.notice(`benchgate ${what}: ${e.message}`)
        break
      case 'contention-round':
        core.info(
          `benchgate ${what}: contention round ${e.round}/${e.rounds} (${e.order.join(', ')}); ${elapsed()} elapsed`
        )
        break
      case 'decided':
        core.info(
          `benchgate ${what}: ${e.decided} benchmark(s) decided and stopped, ${e.open} still running; ${elapsed()} elapsed`
        )
        break
      case 'identical':
        core.info(
          `benchgate ${what}: ${safe(e.pkg)}: identical test binary and files on both sides, not measured`
        )
        break
    }
  }
}
