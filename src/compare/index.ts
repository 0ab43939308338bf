/**
 * The comparison stage: match two sides, test every benchmark and unit
 * (verdicts.ts), and explain the changed ones by their function deltas
 * (functions.ts). The gate is decided by the judge (src/engine/judge.ts).
 */
import { explain, functionDeltas } from './functions.js'
import type { Side } from './input.js'
import { benchmarkKey, type CompareOptions, type Screen } from './model.js'
import { compareVerdicts } from './verdicts.js'

/** Compare two loaded sides: verdicts, function deltas and summaries of the changed benchmarks. */
export function compareSides(
  base: Side,
  head: Side,
  options: Partial<CompareOptions> = {}
): Screen {
  const screen = compareVerdicts(base, head, options)
  const baseBy = new Map(base.benchmarks.map(b => [benchmarkKey(b), b]))
  const headBy = new Map(head.benchmarks.map(b => [benchmarkKey(b), b]))
  for (const bc of screen.benchmarks) {
    if (bc.verdict !== 'regression' && bc.verdict !== 'improvement') continue
    const b = baseBy.get(benchmarkKey(bc))!
    const h = headBy.get(benchmarkKey(bc))!
    const d = functionDeltas(b, h, screen.options.maxFunctions, bc.verdict)
    if (d) {
      bc.functions = d.functions
      bc.functionStats = d.stats
      bc.functionsFrom = 'baseline'
    }
    bc.summary = explain(bc)
  }
  return screen
}
