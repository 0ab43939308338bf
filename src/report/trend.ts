/**
 * Main's trend in the pull-request comment (issue 31): for each changed
 * benchmark with a history, a sparkline of the last baselines' medians on
 * main, then this pull request's; and a creep line when main itself moved
 * by the threshold or more within those baselines, so ten merges of +2%
 * each are seen even though each passed the gate.
 */
import { benchmarkKey, type BenchmarkComparison, type Comparison } from '../compare/model.js'
import { codeSpan } from './escape.js'
import { formatValue } from './format.js'
import { median } from '../stats/median.js'

const BARS = '▁▂▃▄▅▆▇█'

/** One bar per value, scaled from the smallest to the largest. */
export function sparkline(values: readonly number[]): string {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return values
    .map(v => BARS[hi === lo ? 0 : Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))])
    .join('')
}

/** Main's own move over the window: the median of its last five baselines against its first five. */
export function creep(medians: readonly number[]): number | undefined {
  if (medians.length < 10) return undefined
  const first = median(medians.slice(0, 5))
  const last = median(medians.slice(-5))
  return first === 0 ? undefined : (last / first - 1) * 100
}

/**
 * The trend lines of the changed benchmarks that main's history holds;
 * empty when none does. `trends`: each benchmark's recent medians on
 * main, oldest first (history/change-points.ts mainTrends).
 */
export function trendBlock(
  c: Comparison,
  changed: readonly BenchmarkComparison[],
  trends: ReadonlyMap<string, readonly number[]> | undefined
): string {
  if (!trends || trends.size === 0) return ''
  const lines: string[] = []
  for (const b of changed) {
    const medians = trends.get(benchmarkKey(b))
    const m = b.metrics.find(x => x.kind === 'time')
    if (!medians || medians.length < 2 || !m?.head) continue
    const unit = (v: number) => formatValue(v, m.unit, u => codeSpan(u, 40))
    const moved = creep(medians)
    const creepLine =
      moved !== undefined && Math.abs(moved) >= c.options.threshold
        ? ` — main itself moved ${moved >= 0 ? '+' : ''}${moved.toFixed(1)}% over these baselines (creep)`
        : ''
    lines.push(
      `- ${codeSpan(b.name)} (${codeSpan(b.package)}): \`${sparkline([...medians, m.head.median])}\` ${unit(medians[medians.length - 1])} on main → ${unit(m.head.median)} here${creepLine}`
    )
    if (lines.length >= 20) break
  }
  if (lines.length === 0) return ''
  return `**Main's trend** (its last baselines' medians, oldest first, then this pull request's as the last bar):\n\n${lines.join('\n')}`
}
