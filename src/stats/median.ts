/**
 * The sample median, computed exactly as benchstat does (go-moremath
 * stats.Sample.Quantile, Hyndman & Fan definition R8: position
 * 1/3 + q·(N + 1/3)), so medians and deltas match benchstat bit for bit.
 * For q = 0.5 this is the middle value, or the mean of the middle two.
 */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** Quantile by definition R8 (see median). NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const xs = [...values].sort((a, b) => a - b)
  if (q <= 0) return xs[0]
  if (q >= 1) return xs[xs.length - 1]
  const n = 1 / 3.0 + q * (xs.length + 1 / 3.0)
  const k = Math.trunc(n)
  const frac = n - k
  if (k <= 0) return xs[0]
  if (k >= xs.length) return xs[xs.length - 1]
  return xs[k - 1] + frac * (xs[k] - xs[k - 1])
}
