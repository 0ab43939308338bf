/**
 * A group-sequential test of paired A/B rounds (docs/design.md
 * "Sequential confirmation"). Round i gives x_i = ln(head_i / base_i),
 * modelled as independent N(μ, σ²), σ unknown. The rounds are looked at
 * after FIRST_LOOK rounds, then every LOOK_EVERY, and at the cap N: a
 * schedule fixed before the first round, with information fractions
 * t_j = n_j / N.
 *
 * At look j the one-sample t statistic of the rounds so far is turned into
 * the z of the same p (the usual approximation for group-sequential t
 * tests; Jennison and Turnbull, "Group Sequential Methods with
 * Applications to Clinical Trials", 2000, §11.2). The boundaries are those
 * of Wang and Tsiatis (Biometrics, 1987): reject when |Z_j| ≥ w·t_j^(Δ−½),
 * with Δ = 0 the design of O'Brien and Fleming (Biometrics, 1979), whose
 * last boundary is close to the fixed-sample test's. On the Brownian scale
 * B(t_j) = Z_j·√t_j that is |B(t_j)| ≥ w·t_j^Δ, and under μ = 0 the
 * probability of ever crossing is computed by the recursive
 * numerical integration of Armitage, McPherson and Rowe (JRSS A, 1969).
 *
 * The statistic W_k = max_{j ≤ k} |Z_j|·t_j^(½−Δ) only grows, and
 * P(W_K ≥ w) over every planned look bounds P(W_k ≥ w) at any look k, so
 * p_k = P_0(W_K ≥ W_k) is a repeated p-value (Jennison and Turnbull §9.1):
 * valid whenever the rounds stop, early on a decision or at a budget, and
 * Holm over such p-values controls the family-wise error as for fixed
 * ones. The repeated confidence intervals of the same boundaries (ibid.
 * ch. 9) cover μ at every look at once.
 */
import { normalCDF, normalInvCDF } from './normal.js'
import { tQuantileTwoSided, tTwoSided } from './welch.js'

/** Rounds before the first look (4 is the least that can decide at 0.05). */
export const FIRST_LOOK = 6
/** Rounds between looks after the first: one ABBA cycle. */
export const LOOK_EVERY = 2
/**
 * The Wang–Tsiatis shape Δ of the boundaries: 0 is O'Brien–Fleming (the
 * most power at the cap, late stops), 0.5 is Pocock (early stops, least
 * power at the cap). Chosen by simulation (30-round cap, 600 runs each, a
 * change of half a round's spread: 0.73 of them decided at Δ = 0, 0.72 at
 * 0.1, 0.71 at 0.25, 0.62 at 0.5): 0.25 keeps most of the power and stops
 * a 2× regression at the first look even with one slow process among its
 * six rounds (a t of about 10), which 0.1 does not.
 */
export const SHAPE = 0.25

/**
 * How much the t statistics' estimated spread adds to the chance of a
 * false alarm, beyond what the normal theory of the boundaries gives: by
 * simulation (40,000 runs of 30 normal rounds, every look), the crossing
 * rate at level 0.05 is 0.048 with the spread known and 0.054–0.056 with
 * it estimated at each look, as here (the estimates of nearby looks err
 * together). Every p is multiplied by it, and every boundary and interval
 * is taken at alpha / T_INFLATION, so false alarms stay at most alpha.
 */
export const T_INFLATION = 1.15

/**
 * The most looks before the cap: each look costs a numerical integration
 * per suspect, and a look every 2 rounds of a 1000-round cap would buy
 * nothing a look every 64 does not.
 */
export const MAX_LOOKS = 16

/** Rounds between looks under a cap: LOOK_EVERY, or more (even, whole ABBA cycles) past MAX_LOOKS. */
function lookEvery(cap: number): number {
  const span = cap - FIRST_LOOK
  return Math.max(LOOK_EVERY, 2 * Math.ceil(span / (2 * MAX_LOOKS)))
}

/** The rounds at which a confirmation capped at `cap` rounds looks: from FIRST_LOOK every lookEvery, and the cap. */
export function looksUpTo(cap: number): number[] {
  const out: number[] = []
  const every = lookEvery(cap)
  for (let n = FIRST_LOOK; n < cap; n += every) out.push(n)
  if (cap >= 2) out.push(cap)
  return out
}

/** Whether `rounds` is a look of a confirmation capped at `cap`. */
export function isLook(rounds: number, cap: number): boolean {
  return (
    rounds === cap ||
    (rounds >= FIRST_LOOK && rounds < cap && (rounds - FIRST_LOOK) % lookEvery(cap) === 0)
  )
}

/** Grid points per look of the numerical integration. */
const GRID = 101

/**
 * P(∃ j: |B(t_j)| ≥ b_j) for a standard Brownian motion B, times
 * increasing in (0, 1], bounds > 0: the density of B at each look, kept
 * where no bound was crossed, carried to the next look by the Gaussian
 * kernel of the elapsed time (trapezoid rule on GRID points). The chance
 * of leaving at each look is summed from the normal tails, so a tiny p
 * keeps its digits (1 − the mass that stays would round it to 0).
 */
export function crossingProbability(times: readonly number[], bounds: readonly number[]): number {
  let xs: Float64Array | null = null
  let f: Float64Array | null = null
  let prev = 0
  let out = 0
  for (let j = 0; j < times.length; j++) {
    const b = bounds[j]
    const dt = times[j] - prev
    const sd = Math.sqrt(dt)
    const norm = 1 / (sd * Math.sqrt(2 * Math.PI))
    const h = (2 * b) / (GRID - 1)
    const ys = new Float64Array(GRID)
    const g = new Float64Array(GRID)
    if (!xs || !f) {
      out += 2 * normalCDF(-b / sd)
      for (let i = 0; i < GRID; i++) {
        ys[i] = -b + i * h
        g[i] = norm * Math.exp((-0.5 * ys[i] * ys[i]) / dt)
      }
    } else {
      const hx = xs[1] - xs[0]
      for (let k = 0; k < GRID; k++) {
        const w = (k === 0 || k === GRID - 1 ? 0.5 : 1) * f[k] * hx
        out += w * (normalCDF((-b - xs[k]) / sd) + normalCDF((xs[k] - b) / sd))
      }
      for (let i = 0; i < GRID; i++) {
        const y = -b + i * h
        ys[i] = y
        let s = 0
        for (let k = 0; k < GRID; k++) {
          const d = y - xs[k]
          s += (k === 0 || k === GRID - 1 ? 0.5 : 1) * f[k] * Math.exp((-0.5 * d * d) / dt)
        }
        g[i] = s * hx * norm
      }
    }
    xs = ys
    f = g
    prev = times[j]
  }
  return Math.min(1, Math.max(0, out))
}

/** The information fractions of a cap's looks. */
function timesOf(cap: number): number[] {
  return looksUpTo(cap).map(n => n / cap)
}

/** P_0(W_K ≥ w): the chance, under no change, that the statistic reaches w at some look up to the cap. */
export function designP(w: number, cap: number, shape = SHAPE): number {
  if (!(w > 0)) return 1
  if (!Number.isFinite(w)) return 0
  const times = timesOf(cap)
  return crossingProbability(
    times,
    times.map(t => w * t ** shape)
  )
}

const criticalCache = new Map<string, number>()

/** The w at which designP is alpha: the boundaries of a test at level alpha (bisection, cached). */
export function criticalW(alpha: number, cap: number, shape = SHAPE): number {
  const key = `${alpha}:${cap}:${shape}`
  const hit = criticalCache.get(key)
  if (hit !== undefined) return hit
  let lo = 0
  let hi = 20
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2
    if (designP(mid, cap, shape) > alpha) lo = mid
    else hi = mid
  }
  criticalCache.set(key, hi)
  return hi
}

/** The z of a t statistic's two-sided p at df: the same evidence on the normal scale (signed). */
export function zOfT(t: number, df: number): number {
  if (t === 0 || Number.isNaN(t)) return 0
  const p = tTwoSided(t, df)
  // Past what a double holds, call it 38 (p ≈ 1e-315); it decides at any look.
  const z = p > 0 ? -normalInvCDF(p / 2) : 38
  return Math.sign(t) * Math.min(38, z)
}

/** What a look knows of the first n rounds: their mean, its standard error, t and its df. */
interface Summary {
  mean: number
  se: number
  t: number
  df: number
}

/** The one-sample t of the first n values (t ±Infinity when all are equal and nonzero). */
function summary(xs: readonly number[], n: number): Summary {
  let mean = 0
  for (let i = 0; i < n; i++) mean += xs[i]
  mean /= n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2
  const se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n)
  const t = se > 0 ? mean / se : mean === 0 ? 0 : mean * Infinity
  return { mean, se, t, df: n - 1 }
}

/** The looks of the design that `xs` reached. */
function reached(xs: readonly number[], cap: number): number[] {
  return looksUpTo(cap).filter(n => n <= xs.length)
}

/**
 * W after the rounds `xs` of a confirmation capped at `cap`: the largest
 * |Z_j|·t_j^(½−Δ) over the looks reached. 0 before the first look.
 */
export function statistic(xs: readonly number[], cap: number, shape = SHAPE): number {
  let w = 0
  for (const n of reached(xs, cap)) {
    const { t, df } = summary(xs, n)
    w = Math.max(w, Math.abs(zOfT(t, df)) * (n / cap) ** (0.5 - shape))
  }
  return w
}

/**
 * The repeated p-value after the rounds `xs` (capped at `cap`; rounds past
 * the cap count as the cap's look): valid whenever they stopped. 1 before
 * the first look.
 */
export function groupSequentialP(xs: readonly number[], cap: number, shape = SHAPE): number {
  const n = Math.max(cap, xs.length)
  return Math.min(1, designP(statistic(xs, n, shape), n, shape) * T_INFLATION)
}

/** An interval on μ; infinite ends while the data cannot bound it. */
export interface Interval {
  lo: number
  hi: number
}

/**
 * The repeated confidence interval at level alpha after the rounds `xs`:
 * the intersection, over the looks reached, of x̄_j ± c_j·s_j/√n_j, c_j the
 * t quantile of the boundary's z, w_α·t_j^(Δ−½). Covers μ at every look
 * at once with probability 1 − alpha, so it too may be read whenever the
 * rounds stop.
 */
export function repeatedInterval(
  xs: readonly number[],
  alpha: number,
  cap: number,
  shape = SHAPE
): Interval {
  const n = Math.max(cap, xs.length)
  const w = criticalW(alpha / T_INFLATION, n, shape)
  let out: Interval = { lo: -Infinity, hi: Infinity }
  for (const k of reached(xs, n)) {
    const { mean, se, df } = summary(xs, k)
    const z = w * (k / n) ** (shape - 0.5)
    const half = tQuantileTwoSided(2 * normalCDF(-z), df) * se
    const lo = Math.max(out.lo, mean - half)
    const hi = Math.min(out.hi, mean + half)
    // Disjoint looks happen only by chance under a true μ (probability ≤ α); keep the latest.
    out = lo <= hi ? { lo, hi } : { lo: mean - half, hi: mean + half }
  }
  return out
}

/**
 * Predictive power below which more rounds are not worth their time
 * (Spiegelhalter, Freedman and Blackburn, "Monitoring clinical trials:
 * conditional or predictive power?", Controlled Clinical Trials, 1986).
 * Chosen by simulation (test/unit/stats/group-sequential.test.ts): at 0.05
 * a change of half a round's spread is decided 64% of the time against
 * 67% without the rule, and a flat benchmark at 20% a round stops after
 * 14 rounds of 30 instead of 30. Conditional power at the current trend
 * (0.1) stopped too early: 54% against 69%.
 */
export const FUTILITY = 0.05

/**
 * Whether the rounds left up to the cap are unlikely to decide anything:
 * the predictive chance of showing a regression by the cap (the trend so
 * far, with its uncertainty) is below FUTILITY, and the cap's interval
 * around the current estimate would still reach `limit` (a log ratio), so
 * no absence of one could be shown either. Stopping then is never a false
 * alarm (it only forgoes a rejection), so α holds: the rule is non-binding.
 */
export function futile(
  xs: readonly number[],
  alpha: number,
  cap: number,
  limit: number,
  shape = SHAPE
): boolean {
  const n = xs.length
  if (n < FIRST_LOOK || n >= cap) return false
  const { mean, se, t, df } = summary(xs, n)
  const w = criticalW(alpha / T_INFLATION, cap, shape)
  const frac = n / cap
  // B(t) = Z·√t; with a flat prior on the drift, B(1) | data ~ N(B/t, (1 − t)/t).
  const b = zOfT(t, df) * Math.sqrt(frac)
  const power = normalCDF((b - w * frac) / Math.sqrt(frac * (1 - frac)))
  // The standard error shrinks as √(n / cap) by the cap.
  const halfAtCap = tQuantileTwoSided(2 * normalCDF(-w), cap - 1) * se * Math.sqrt(n / cap)
  return power < FUTILITY && mean + halfAtCap >= limit
}

/** Per-round log ratios ln(head/base) of paired rounds; null when the rounds do not pair (lengths, a value ≤ 0). */
export function logRatios(base: readonly number[], head: readonly number[]): number[] | null {
  if (base.length !== head.length) return null
  const out: number[] = []
  for (let i = 0; i < base.length; i++) {
    if (!(base[i] > 0) || !(head[i] > 0)) return null
    out.push(Math.log(head[i] / base[i]))
  }
  return out
}
