/**
 * Differential flame graphs of the contention pass's delay measures
 * (docs/contention.md): each side's first-round high-run profile kept in its bundle,
 * the harness's and the runtime's own waits left out as in the per-op
 * costs, scaled so the whole tree is the measure's median per op.
 */
import { join } from 'node:path'
import {
  CONTENTION_MEASURES,
  CONTENTION_METRICS,
  harnessWait,
  type ContentionMeasure
} from '../attribution/contention.js'
import { callTrees, diffTree, pruneTree } from '../attribution/flame.js'
import type { Measure } from '../attribution/index.js'
import { changedContention, delayMeasureOf } from '../compare/contention.js'
import type { Side, SideBenchmark } from '../compare/input.js'
import type { BenchmarkComparison } from '../compare/model.js'
import { formatDelta } from '../compare/wording.js'
import { readProfile } from '../pprof/index.js'
import type { FlameGraph } from '../report/flame.js'
import { median } from '../stats/median.js'

/** One side's whole-process delay tree, or undefined without its profile. */
async function delayTree(
  side: Side,
  b: SideBenchmark,
  measure: ContentionMeasure,
  maxBytes?: number
) {
  const rel = b.contention?.profiles?.[CONTENTION_MEASURES[measure].profile]
  if (!rel || !side.dir) return undefined
  const file = join(side.dir, rel)
  const profile = await readProfile(file, { maxBytes })
  return callTrees(profile, 'delay', file, undefined, harnessWait).get('total')
}

/**
 * The graphs of one benchmark's delay measures: `only` when given, else
 * those whose family changed beyond noise (a changed mutex contentions
 * count draws the mutex wait).
 */
export async function contentionGraphs(
  bc: BenchmarkComparison,
  sides: { base: Side; head: Side; bb: SideBenchmark; hb: SideBenchmark },
  only: Measure | undefined,
  maxBytes?: number
): Promise<FlameGraph[]> {
  const wanted = new Set<ContentionMeasure>()
  if (only) {
    if (Object.hasOwn(CONTENTION_MEASURES, only)) wanted.add(only as ContentionMeasure)
  } else
    for (const r of changedContention(bc)) {
      const m = delayMeasureOf(r.metric)
      if (m) wanted.add(m)
    }
  const graphs: FlameGraph[] = []
  for (const measure of wanted) {
    const [bt, ht] = await Promise.all([
      delayTree(sides.base, sides.bb, measure, maxBytes),
      delayTree(sides.head, sides.hb, measure, maxBytes)
    ])
    const scale = (t: typeof bt, values: number[] | undefined): number =>
      t && t.value > 0 && values && values.length > 0 ? median(values) / t.value : 0
    const bs = scale(bt, sides.bb.contention?.metrics[measure])
    const hs = scale(ht, sides.hb.contention?.metrics[measure])
    if (bs === 0 && hs === 0) continue
    const root = diffTree(bs > 0 ? bt : undefined, hs > 0 ? ht : undefined, bs, hs)
    const row = bc.contention?.rows.find(r => r.metric === measure)
    const delta =
      row?.deltaPercent != null
        ? `, ${CONTENTION_METRICS[measure].label} ${formatDelta(row.deltaPercent)}`
        : ''
    graphs.push({
      title: `${bc.name} (${bc.package})`,
      subtitle: `${row?.verdict ?? bc.verdict}${delta}`,
      measure,
      unit: 'ns',
      root,
      merged: pruneTree(root),
      culprits: (bc.contention?.functions?.[measure] ?? []).filter(f => f.beyondNoise),
      ...(bc.contention?.functionStats?.[measure]
        ? { stats: bc.contention.functionStats[measure] }
        : {})
    })
  }
  return graphs
}
