/**
 * Progress on stderr for long CLI runs: the elapsed time, the package that
 * is running and how many are done, each result as it lands, and the A/B
 * rounds. Names come from the code under test, so control characters are
 * shown, never sent to the terminal.
 */
import type { AbEvent } from '../ab/ab.js'
import type { SinceEvent } from '../ab/since.js'
import type { PipelineEvent } from '../measure/pipeline.js'
import { showInvisible as safe } from '../report/escape.js'
import { sig } from '../report/format.js'
import { unfinishedMessage } from '../report/text.js'

/** `[  12.3s]`: seconds since `started`. */
function stamper(started: number): () => string {
  return () => `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`
}

/** Progress of a sequential run: discovery, package i/N, each result, each package's outcome. */
export function runProgress(started: number): (e: PipelineEvent) => void {
  const stamp = stamper(started)
  return e => {
    switch (e.type) {
      case 'discovered':
        console.error(
          `${stamp()} ${e.run.length} package(s) with benchmarks` +
            (e.shard
              ? ` in shard ${e.shard.index}/${e.shard.count} (of ${e.shard.of}, balanced by ${e.shard.balancedBy})`
              : '') +
            (e.skipped.length ? `, ${e.skipped.length} without (skipped)` : '')
        )
        break
      case 'build-start':
        console.error(
          `${stamp()} building ${e.total} test binar${e.total === 1 ? 'y' : 'ies'}, ${e.parallel} at a time`
        )
        break
      case 'built':
        console.error(
          `${stamp()} [${e.done}/${e.total}] built ${safe(e.pkg.importPath)}${e.ok ? '' : ': FAILED'}`
        )
        break
      case 'calibrate-start':
        console.error(
          `${stamp()} [${e.index + 1}/${e.total}] ${safe(e.pkg.importPath)}: calibrating (${safe(e.argv.join(' '))})`
        )
        break
      case 'calibrated':
        console.error(
          `${stamp()} [${e.index + 1}/${e.total}] ${safe(e.result.pkg.importPath)}: ${e.result.targets.length} benchmark(s)${e.result.status === 'failed' ? ', FAILED' : ''} in ${(e.result.durationMs / 1000).toFixed(1)}s`
        )
        break
      case 'sample': {
        const ns = e.nsPerOp !== undefined ? `${sig(e.nsPerOp)} ns/op` : ''
        console.error(
          `${stamp()} sample ${e.done}/${e.total} (round ${e.round + 1}/${e.rounds}) ${safe(e.target.importPath)} ${safe(e.target.name)} ×${e.target.iterations}  ${e.failed ? 'FAILED' : ns}`
        )
        break
      }
      case 'package-end':
        console.error(
          `${stamp()} [${e.index + 1}/${e.total}] ${safe(e.run.pkg.importPath)}: ${
            e.run.status === 'failed'
              ? 'FAILED'
              : e.run.status === 'no-match'
                ? 'no benchmark matched'
                : `ok, ${e.run.results.length} results`
          } in ${(e.run.durationMs / 1000).toFixed(1)}s`
        )
        if (e.run.unfinished.length > 0)
          console.error(`${stamp()} warning: ${unfinishedMessage(e.run)}`)
        break
      case 'contention':
        console.error(
          `${stamp()} contention pass [${e.index + 1}/${e.total}] ${safe(e.name)} round ${e.round + 1}/${e.rounds}`
        )
        break
      case 'attributing':
      case 'output':
        break
    }
  }
}

/** Progress of `run --since`: the other revision's checkout and builds, and what cannot differ. */
export function sinceProgress(started: number): (e: SinceEvent) => void {
  const stamp = stamper(started)
  return e => {
    switch (e.type) {
      case 'since-worktree':
        console.error(`${stamp()} building ${safe(e.ref)}'s test binaries to compare`)
        break
      case 'since-built':
        console.error(
          `${stamp()} [${e.done}/${e.total}] built ${safe(e.pkg)} at the other revision`
        )
        break
      case 'identical':
        console.error(`${stamp()} ${safe(e.pkg)}: identical test binary and files; not measured`)
        break
    }
  }
}

/** Progress of A/B rounds. */
export function abProgress(started: number): (e: AbEvent) => void {
  const stamp = stamper(started)
  return e => {
    switch (e.type) {
      case 'worktree':
        console.error(`${stamp()} ${e.side}: ${safe(e.ref)} checked out in ${safe(e.path)}`)
        break
      case 'build':
        console.error(`${stamp()} building ${safe(e.pkg)} (${e.side})`)
        break
      case 'calibrated':
        console.error(`${stamp()} calibrated ${safe(e.pkg)}: ${e.benchmarks} benchmark(s)`)
        break
      case 'round':
        console.error(
          `${stamp()} round ${e.round}/${e.rounds}: ${e.duet ? `base and head together (duet, CPUs ${e.duet[0]} | ${e.duet[1]})` : e.order.join(', ')}`
        )
        break
      case 'notice':
        console.error(`${stamp()} notice: ${e.message}`)
        break
      case 'contention-round':
        console.error(`${stamp()} contention round ${e.round}/${e.rounds}: ${e.order.join(', ')}`)
        break
      case 'decided':
        console.error(`${stamp()} ${e.decided} decided and stopped; ${e.open} still running`)
        break
      case 'identical':
        console.error(
          `${stamp()} ${safe(e.pkg)}: identical test binary and files on both sides; not measured`
        )
        break
    }
  }
}
