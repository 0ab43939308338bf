/**
 * A fork report's contention comparisons, rebuilt field by field
 * (report-artifact.ts): known metrics and measures only, numbers checked;
 * the comment job re-judges their verdicts and gates.
 */
import {
  CONTENTION_MEASURES,
  CONTENTION_METRICS,
  type ContentionMeasure,
  type ContentionMetric
} from '../attribution/contention.js'
import type { ContentionComparison } from './contention.js'
import { VERDICTS, type FunctionDelta } from './model.js'
import { arr, bool, L, num, numOrNull, obj, oneOf, side } from './sanitize-fields.js'

/**
 * A benchmark's contention comparison, field by field: known metrics and
 * measures only; the verdicts and gates are re-judged by the comment job
 * (judge/rejudge.ts).
 */
export function contention(
  v: unknown,
  w: string,
  functionDelta: (x: unknown, w: string) => FunctionDelta
): ContentionComparison {
  const o = obj(v, w)
  const rounds = obj(o.rounds, `${w}.rounds`)
  const c: ContentionComparison = {
    rows: arr(o.rows, `${w}.rows`, L.metrics).map((x, i) => {
      const r = obj(x, `${w}.rows[${i}]`)
      const metric = oneOf(
        r.metric,
        Object.keys(CONTENTION_METRICS) as ContentionMetric[],
        `${w}.rows[${i}].metric`
      )
      return {
        metric,
        unit: CONTENTION_METRICS[metric].unit,
        verdict: oneOf(r.verdict, VERDICTS, `${w}.rows[${i}].verdict`),
        base: side(r.base, `${w}.rows[${i}].base`),
        head: side(r.head, `${w}.rows[${i}].head`),
        deltaPercent: numOrNull(r.deltaPercent, `${w}.rows[${i}].deltaPercent`),
        p: numOrNull(r.p, `${w}.rows[${i}].p`),
        pAdjusted: numOrNull(r.pAdjusted, `${w}.rows[${i}].pAdjusted`),
        gates: bool(r.gates, `${w}.rows[${i}].gates`)
      }
    }),
    rounds: {
      base: num(rounds.base, `${w}.rounds.base`),
      head: num(rounds.head, `${w}.rounds.head`)
    },
    measuredBy: oneOf(o.measuredBy, ['baseline', 'ab'] as const, `${w}.measuredBy`)
  }
  if (o.functions !== undefined) {
    const f = obj(o.functions, `${w}.functions`)
    c.functions = {}
    for (const measure of Object.keys(CONTENTION_MEASURES) as ContentionMeasure[]) {
      if (f[measure] === undefined) continue
      c.functions[measure] = arr(f[measure], `${w}.functions.${measure}`, L.functions).map((x, i) =>
        functionDelta(x, `${w}.functions.${measure}[${i}]`)
      )
    }
  }
  return c
}
