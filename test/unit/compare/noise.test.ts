/**
 * The sampling-noise test of function deltas, on simulated profiles with a
 * known truth: Poisson sample counts drawn with a seeded generator. A
 * function whose true rate is the same on both sides is rarely called
 * beyond noise; one whose rate doubled, with enough samples, nearly always.
 */
import { describe, expect, it } from 'vitest'
import { beyondNoise, MIN_PROFILE_SAMPLES, sampleCount } from '../../../src/compare/noise.js'
import { rng } from '../../helpers/rng.js'

/** A Poisson draw by Knuth's method (fine for the means used here). */
function poisson(mean: number, next: () => number): number {
  const limit = Math.exp(-mean)
  let k = 0
  let p = next()
  while (p > limit) {
    k++
    p *= next()
  }
  return k
}

/**
 * One trial: per-op costs of a function from sample counts, on sides whose
 * one sample is worth `sample` per op (10 ms ÷ 20,000 iterations = 500 ns).
 */
function trial(meanBase: number, meanHead: number, next: () => number): boolean {
  const sample = 500
  const base = poisson(meanBase, next) * sample
  const head = poisson(meanHead, next) * sample
  return beyondNoise(base, head, sample, sample)
}

const rate = (meanBase: number, meanHead: number, seed: number, trials = 4000): number => {
  const next = rng(seed)
  let hits = 0
  for (let i = 0; i < trials; i++) if (trial(meanBase, meanHead, next)) hits++
  return hits / trials
}

describe('sampling noise of per-op function costs', () => {
  it('rarely calls an unchanged function beyond noise, at any sample count', () => {
    for (const [mean, seed] of [
      [3, 1],
      [10, 2],
      [40, 3],
      [200, 4]
    ])
      expect(rate(mean, mean, seed)).toBeLessThan(0.02)
  })

  it('nearly always calls a doubled cost beyond noise at 100 samples, and rarely at 3', () => {
    expect(rate(100, 200, 5)).toBeGreaterThan(0.95)
    expect(rate(40, 80, 7)).toBeGreaterThan(0.6)
    // At a handful of samples a doubling is not distinguishable from noise.
    expect(rate(3, 6, 6)).toBeLessThan(0.35)
  })

  it('a function new in head needs more than a sample or two to count', () => {
    expect(beyondNoise(0, 500, 500, 500)).toBe(false) // one sample
    expect(beyondNoise(0, 5000, 500, 500)).toBe(true) // ten samples, none before
    expect(beyondNoise(7, 7, 500, 500)).toBe(false) // no change
  })

  it('cannot judge without a sample value, so it does not hide the change', () => {
    expect(beyondNoise(100, 101, undefined, undefined)).toBe(true)
    // One side without a sample value (nothing attributed there): the other's stands in.
    expect(beyondNoise(0, 1, undefined, 500)).toBe(false)
    expect(beyondNoise(0, 10_000, undefined, 500)).toBe(true)
    expect(sampleCount(1e6, undefined)).toBeNull()
    expect(sampleCount(1e6, 1e4)).toBe(100)
    expect(MIN_PROFILE_SAMPLES).toBe(50)
  })
})
