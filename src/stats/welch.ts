/**
 * Welch's t test (Welch 1947) on the logarithms of two independent
 * samples: the screen's test of time per op (docs/design.md "Statistics").
 * Unlike the U test, whose smallest p with n values a side is 2 / C(2n, n),
 * its p shrinks with the size of the change against the spread, so a clear
 * change stays significant after Holm across hundreds of benchmarks. On
 * logs, it compares geometric means: a ratio, as the report states Δ.
 */

/** ln Γ(x), Lanczos (g = 7, 9 terms); relative error below 1e-15 for x > 0. */
function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  ]
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  x -= 1
  let a = g[0]
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += g[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return h
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)
  )
  // The fraction converges fast on the side of the mean a / (a + b).
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b
}

/** Two-sided p of Student's t with `df` degrees of freedom: P(|T| ≥ |t|). */
export function tTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? 1 : 0
  return incompleteBeta(df / (df + t * t), df / 2, 0.5)
}

/** Welch's test of two samples: t, its Welch–Satterthwaite df, and the two-sided p. */
export interface WelchResult {
  t: number
  df: number
  p: number
}

/**
 * Welch's t test on ln(values) of each side. Needs 2 positive values a
 * side; a side with no spread borrows the other's, and two sides with no
 * spread differ exactly (p = 0) or not at all (p = 1).
 */
export function welchLog(base: readonly number[], head: readonly number[]): WelchResult | null {
  if (base.length < 2 || head.length < 2) return null
  if (base.some(v => !(v > 0)) || head.some(v => !(v > 0))) return null
  const side = (vs: readonly number[]): { mean: number; v: number; n: number } => {
    const logs = vs.map(Math.log)
    const mean = logs.reduce((a, x) => a + x, 0) / logs.length
    // Equal values have no spread (their mean's rounding would invent one).
    const v = vs.every(x => x === vs[0])
      ? 0
      : logs.reduce((a, x) => a + (x - mean) ** 2, 0) / (logs.length - 1)
    return { mean, v, n: logs.length }
  }
  const a = side(base)
  const b = side(head)
  const diff = b.mean - a.mean
  let va = a.v / a.n
  let vb = b.v / b.n
  if (va === 0 && vb === 0)
    return { t: diff === 0 ? 0 : Infinity, df: a.n + b.n - 2, p: diff === 0 ? 1 : 0 }
  // One side all equal (a quantised timer, a cached result): take the other's spread for it.
  if (va === 0) va = b.v / a.n
  if (vb === 0) vb = a.v / b.n
  const se2 = va + vb
  const t = diff / Math.sqrt(se2)
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1))
  return { t, df, p: tTwoSided(t, df) }
}

/** The t quantile: the |t| whose two-sided p is `p` at `df` (bisection on tTwoSided). */
export function tQuantileTwoSided(p: number, df: number): number {
  let lo = 0
  let hi = 1
  while (tTwoSided(hi, df) > p && hi < 1e12) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (tTwoSided(mid, df) > p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * The smallest slowdown, in percent, that Welch's test on these samples'
 * spread would call with probability `power` at two-sided level `alpha`
 * (pass alpha / m for m benchmarks under Holm's strictest step):
 * exp((t_{1−α/2} + t_{power}) · se) − 1, the usual normal-theory minimum
 * detectable effect with Welch's df. Null without 2 positive values a side.
 */
export function detectableChange(
  base: readonly number[],
  head: readonly number[],
  alpha: number,
  power = 0.8
): number | null {
  if (base.length < 2 || head.length < 2) return null
  if (base.some(v => !(v > 0)) || head.some(v => !(v > 0))) return null
  const variance = (vs: readonly number[]): number => {
    const xs = vs.map(Math.log)
    const m = xs.reduce((a, x) => a + x, 0) / xs.length
    return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)
  }
  const va = variance(base) / base.length
  const vb = variance(head) / head.length
  const se = Math.sqrt(va + vb)
  if (se === 0) return 0
  const df = (va + vb) ** 2 / ((va * va) / (base.length - 1) + (vb * vb) / (head.length - 1))
  const k = tQuantileTwoSided(alpha, df) + tQuantileTwoSided(2 * (1 - power), df)
  return (Math.exp(k * se) - 1) * 100
}
