/**
 * The comparison stage: match two sides, test every benchmark and unit
 * (verdicts.ts), and explain the changed ones by their function deltas
 * (functions.ts). The gate is decided by the judge (src/judge/judge.ts).
 */
import { explain, functionDeltas } from './functions.js'
import type { Side } from './input.js'
import { SAME_TREE, type SourceView } from './lines.js'
import { benchmarkKey, type CompareOptions, type Screen } from './model.js'
import { compareVerdicts, countVerdicts, overallVerdict } from './verdicts.js'
import { applyContentionVerdicts, compareContention } from './contention.js'

/** Compare two loaded sides: verdicts, function deltas and summaries of the changed benchmarks. */
export function compareSides(
  base: Side,
  head: Side,
  options: Partial<CompareOptions> = {},
  /** Both revisions' sources for hot lines, or why there are none. */
  sources?: SourceView | { unavailable: string }
): Screen {
  const screen = compareVerdicts(base, head, options)
  const view = sources && 'files' in sources ? sources : undefined
  if (sources)
    screen.hotLines = view
      ? { between: view.between }
      : { unavailable: (sources as { unavailable: string }).unavailable }
  const baseBy = new Map(base.benchmarks.map(b => [benchmarkKey(b), b]))
  const headBy = new Map(head.benchmarks.map(b => [benchmarkKey(b), b]))
  for (const bc of screen.benchmarks) {
    if (bc.verdict !== 'regression' && bc.verdict !== 'improvement') continue
    const b = baseBy.get(benchmarkKey(bc))!
    const h = headBy.get(benchmarkKey(bc))!
    const d = functionDeltas(b, h, screen.options.maxFunctions, bc.verdict, view)
    if (d) {
      bc.functions = d.functions
      bc.functionStats = d.stats
      bc.functionsFrom = 'baseline'
    }
    bc.summary = explain(bc, view !== undefined && view.between !== SAME_TREE)
  }
  compareContention(
    screen.benchmarks,
    bc => ({ base: baseBy.get(benchmarkKey(bc)), head: headBy.get(benchmarkKey(bc)) }),
    screen.options,
    'baseline',
    view
  )
  applyContentionVerdicts(screen.benchmarks)
  screen.counts = countVerdicts(screen.benchmarks)
  screen.verdict = overallVerdict(screen.counts)
  return screen
}
