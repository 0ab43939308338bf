/**
 * Calibration's arithmetic (src/measure/calibrate.ts): how short the
 * calibration run is, and the fixed iteration count every sample runs at.
 */
import { describe, expect, it } from 'vitest'
import { calibrationBenchtime, fixedIterations } from '../../../src/measure/calibrate.js'
import { durationSeconds } from '../../../src/measure/targets.js'

describe('calibration', () => {
  it('runs a tenth of the benchtime, at least 10 ms unless the benchtime is shorter', () => {
    expect(calibrationBenchtime('1s')).toBe('100000000ns')
    expect(calibrationBenchtime('100ms')).toBe('10000000ns')
    expect(calibrationBenchtime('50ms')).toBe('10000000ns')
    expect(calibrationBenchtime('5ms')).toBe('5000000ns')
    expect(calibrationBenchtime('1m')).toBe('6000000000ns')
    // An iteration count fixed by the user: calibration only names the benchmarks.
    expect(calibrationBenchtime('300x')).toBe('1x')
  })

  it('fills the benchtime at the calibrated ns/op, within Go’s limits', () => {
    expect(fixedIterations('1s', 1e6, 10)).toBe(1000) // 1 ms/op
    expect(fixedIterations('100ms', 250, 1)).toBe(400000)
    expect(fixedIterations('1s', 3e9, 1)).toBe(1) // an op longer than the benchtime: one
    expect(fixedIterations('10s', 0.01, 1)).toBe(1e9) // Go's cap
    expect(fixedIterations('200x', 5000, 1)).toBe(200) // the user's own count
    // No ns/op printed (a custom unit only): scale the calibrated b.N.
    expect(fixedIterations('1s', undefined, 50)).toBe(500)
  })

  it('reads Go durations', () => {
    expect(durationSeconds('1m30s')).toBe(90)
    expect(durationSeconds('250ms')).toBe(0.25)
    expect(durationSeconds('100x')).toBeUndefined()
    expect(durationSeconds('1s junk')).toBeUndefined()
  })
})
