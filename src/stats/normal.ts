/** The standard normal distribution: CDF via erfc, and Acklam's inverse CDF. */

/**
 * Complementary error function, W. J. Cody's rational Chebyshev
 * approximations (Math. Comp. 1969), relative error below 1e-15 — far
 * below the 1e-3 to which p-values must agree with benchstat.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN
  const ax = Math.abs(x)
  let r: number
  if (ax < 0.5) {
    const t = x * x
    const top =
      (((0.1857777061846032 * t + 3.161123743870566) * t + 113.864154151050156) * t +
        377.48523768530239) *
        t +
      3209.3775891384695
    const bot =
      (((t + 23.601290952344122) * t + 244.02463793444417) * t + 1282.6165260773723) * t +
      2844.2368334391703
    return 1 - (x * top) / bot
  }
  if (ax < 4) {
    const top =
      (((((((2.1531153547440383e-8 * ax + 0.56418849698867008) * ax + 8.8831497943883759) * ax +
        66.11919063714163) *
        ax +
        298.63513819740013) *
        ax +
        881.95222124176909) *
        ax +
        1712.0476126340707) *
        ax +
        2051.0783778260716) *
        ax +
      1230.3393548037495
    const bot =
      (((((((ax + 15.744926110709835) * ax + 117.6939508913125) * ax + 537.18110186200986) * ax +
        1621.3895745666903) *
        ax +
        3290.7992357334831) *
        ax +
        4362.6190901432472) *
        ax +
        3439.3676741437216) *
        ax +
      1230.3393548037495
    r = Math.exp(-ax * ax) * (top / bot)
  } else {
    const z = 1 / (ax * ax)
    const top =
      ((((0.016315387137302097 * z + 0.30532663496123236) * z + 0.36034489994980445) * z +
        0.12578172611122926) *
        z +
        0.016083785148742275) *
        z +
      6.5874916152983678e-4
    const bot =
      ((((z + 2.5685201922898682) * z + 1.8729528499234604) * z + 0.52790510295142217) * z +
        0.06051834131244132) *
        z +
      2.3352049762686918e-3
    r = (Math.exp(-ax * ax) / ax) * (0.56418958354775628 - (z * top) / bot)
  }
  return x < 0 ? 2 - r : r
}

/** Standard normal CDF. */
export function normalCDF(z: number, mu = 0, sigma = 1): number {
  return erfc(-(z - mu) / (sigma * Math.SQRT2)) / 2
}

/**
 * Inverse normal CDF by Peter J. Acklam's algorithm, the one go-moremath
 * uses (and so benchstat's confidence intervals for n > 30).
 */
export function normalInvCDF(p: number, mu = 0, sigma = 1): number {
  if (p < 0 || p > 1 || Number.isNaN(p)) return Number.NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
    -3.066479806614716e1, 2.506628277459239
  ]
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1
  ]
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783
  ]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const plow = 0.02425
  let x: number
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p))
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else if (p > 1 - plow) {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else {
    const q = p - 0.5
    const r = q * q
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  }
  return mu + sigma * x
}
