/**
 * The order samples are taken in and the short run's size
 * (src/measure/samples.ts).
 */
import { describe, expect, it } from 'vitest'
import { interleave, lowIterations } from '../../../src/measure/samples.js'
import type { PassTarget } from '../../../src/measure/targets.js'

const t = (importPath: string, name: string): PassTarget => ({
  importPath,
  name,
  iterations: 100,
  nsPerOp: 1,
  binary: `/bin/${importPath}`,
  cwd: '/'
})

describe('samples', () => {
  it('deal the packages’ benchmarks out in turn, each exactly once', () => {
    const targets = [
      t('a', 'A1'),
      t('a', 'A2'),
      t('a', 'A3'),
      t('b', 'B1'),
      t('c', 'C1'),
      t('c', 'C2')
    ]
    expect(interleave(targets).map(x => x.name)).toEqual(['A1', 'B1', 'C1', 'A2', 'C2', 'A3'])
    expect(interleave([])).toEqual([])
  })

  it('take the short run at a tenth of the count, or none below ten', () => {
    expect(lowIterations(1000)).toBe(100)
    expect(lowIterations(19)).toBe(1)
    expect(lowIterations(9)).toBeUndefined()
  })
})
