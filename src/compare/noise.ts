/**
 * Sampling noise of per-op function costs (docs/design.md D9). A CPU profile
 * samples at 100 Hz and a heap profile every so many bytes, so a function's
 * per-op cost on one side is k samples of one sample's per-op value s:
 * x = k·s. Sample counts are Poisson, so Var(k) = k and Var(x) = x·s. The
 * profiling pass reports a difference of two runs (high − low, the low one
 * a tenth of the high), whose count variance is about 1.22 k: NOISE_SPREAD
 * covers it. A change is beyond noise when it exceeds NOISE_Z standard
 * errors of the difference and one sample's worth on either side.
 */

/** Two-sided 99%: among ten listed functions, about one in ten tables shows a noise row by chance. */
export const NOISE_Z = 2.576

/** Variance per sample of a pass difference (1 + low/high = 1.1, rounded up) over a plain count. */
export const NOISE_SPREAD = 1.25

/** Fewer samples than this a side, and the ranks below the first are not reliable. */
export const MIN_PROFILE_SAMPLES = 50

/**
 * Whether a function's per-op change from `base` to `head` exceeds
 * sampling noise, given the per-op value of one sample on each side.
 * Without a known sample value on either side (bundles made before it was
 * recorded) the change cannot be judged and counts as beyond noise.
 */
export function beyondNoise(
  base: number,
  head: number,
  sampleBase: number | undefined,
  sampleHead: number | undefined
): boolean {
  const delta = Math.abs(head - base)
  if (delta === 0) return false
  // A side with nothing to attribute (a zero median) has no sample value
  // of its own; the profiles were taken alike, so the other side's stands in.
  const sb = sampleBase! > 0 ? sampleBase! : sampleHead
  const sh = sampleHead! > 0 ? sampleHead! : sampleBase
  if (!(sb! > 0) || !(sh! > 0)) return true
  const variance = NOISE_SPREAD * (Math.max(0, base) * sb! + Math.max(0, head) * sh!)
  return delta > NOISE_Z * Math.sqrt(variance) && delta >= Math.max(sb!, sh!)
}

/** Samples behind a per-op total (total ÷ one sample's value); null when unknown. */
export function sampleCount(total: number | undefined, sample: number | undefined): number | null {
  if (total === undefined || !(sample! > 0)) return null
  return Math.round(total / sample!)
}
