/** How the comparison words numbers: benchstat's delta and p formats, signed per-op values. */

/** `+12.34%`, as benchstat prints deltas. */
export function formatDelta(d: number | null): string {
  if (d === null) return '?'
  if (!Number.isFinite(d)) return d > 0 ? '+∞%' : '-∞%'
  return `${d >= 0 ? '+' : ''}${d.toFixed(2)}%`
}

/**
 * A change in words: the delta as `formatDelta` prints it, or, when the
 * base's median was 0 (no percentage exists), the head's value from 0:
 * `+680 from 0` (`+93.8 ns/op from 0` given a unit).
 */
export function formatChange(
  c: {
    deltaPercent: number | null
    base?: { median: number } | null
    head?: { median: number } | null
  },
  unit?: string
): string {
  if (c.deltaPercent !== null || c.base?.median !== 0 || !c.head) return formatDelta(c.deltaPercent)
  return `${signed(c.head.median)}${unit ? ` ${unit}` : ''} from 0`
}

/** p to three decimals; below 0.001 as `<0.001`. */
export function formatP(p: number | null): string {
  if (p === null) return '–'
  return p < 0.001 ? '<0.001' : p.toFixed(3)
}

/** A per-op delta with its sign: `+180`, `-0.5`. */
export function signed(x: number): string {
  const r = Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3))
  return `${x >= 0 ? '+' : ''}${r}`
}

/** A confidence interval of Δ: `Δ between -1.20% and +6.40%` (`and +∞%` when unbounded above). */
export function formatInterval(i: { lo: number; hi: number | null } | undefined): string {
  if (!i) return 'Δ unknown'
  return `Δ between ${formatDelta(i.lo)} and ${i.hi === null ? '+∞%' : formatDelta(i.hi)}`
}
