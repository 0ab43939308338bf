/**
 * The fork report's writer and reader agree: whatever the pull-request run
 * uploads, the comment job accepts. A 100 KB benchmark name, 20,000
 * benchmarks with 20,000 gate reasons, and a report over the byte cap are
 * each fitted by the writer and then parsed by the real reader.
 */
import { describe, expect, it } from 'vitest'
import type { Comparison, MetricComparison } from '../../../src/compare/model.js'
import { parseReport, REPORT_LIMITS, type PrReport } from '../../../src/github/report-artifact.js'
import { fitReport } from '../../../src/github/report-fit.js'

const metric = (unit: string, delta: number): MetricComparison => ({
  unit,
  kind: 'time',
  better: 'lower',
  verdict: delta > 5 ? 'regression' : 'unchanged',
  p: 0.002,
  test: 'utest',
  pAdjusted: 0.004,
  significantUncorrected: true,
  deltaPercent: delta,
  base: { median: 100, n: 6 },
  head: { median: 100 + delta, n: 6 }
})

function report(names: string[], extra: Partial<Comparison> = {}): PrReport {
  const benchmarks = names.map((name, i) => ({
    package: 'example.com/p',
    name,
    verdict: i % 2 === 0 ? ('regression' as const) : ('unchanged' as const),
    metrics: [metric('ns/op', i % 2 === 0 ? 20 : 0)],
    summary: `${name} +20%`,
    functions: {
      cpu: [
        {
          name: `example.com/p.f${i}`,
          status: 'changed' as const,
          base: { flat: 1, cum: 2, self: 1 },
          head: { flat: 3, cum: 4, self: 3 },
          delta: { flat: 2, cum: 2, self: 2 },
          beyondNoise: true,
          file: 'p/f.go',
          lines: [
            {
              line: 12,
              baseLine: 10,
              change: 'moved' as const,
              text: 's += x',
              base: { flat: 1, cum: 1, self: 1 },
              head: { flat: 2, cum: 2, self: 2 },
              delta: { flat: 1, cum: 1, self: 1 }
            }
          ]
        }
      ]
    }
  }))
  const comparison: Comparison = {
    schemaVersion: 1,
    verdict: 'regression',
    gate: { fail: true, reasons: benchmarks.map(b => `${b.name} ns/op +20.00% (p=0.004)`) },
    options: {
      threshold: 5,
      abThreshold: 2.5,
      alpha: 0.05,
      allocThreshold: 0,
      maxFunctions: 10,
      failOnAlloc: false,
      test: 'utest',
      contentionThreshold: 10,
      failOnContention: []
    },
    counts: {
      regression: Math.ceil(names.length / 2),
      improvement: 0,
      unchanged: Math.floor(names.length / 2),
      'too-few-samples': 0,
      inconclusive: 0,
      new: 0,
      removed: 0,
      failed: 0
    },
    benchmarks,
    geomean: [],
    warnings: [],
    notes: [],
    base: { label: 'base', commit: 'a'.repeat(40), ref: 'refs/heads/main', goVersion: 'go1.26' },
    head: { label: 'head', commit: 'b'.repeat(40), ref: 'refs/pull/7/merge', goVersion: 'go1.26' },
    ...extra
  }
  return {
    schemaVersion: 1,
    repository: 'acme/widgets',
    prNumber: 7,
    headSha: 'b'.repeat(40),
    key: 'benchgate-baseline',
    noBaseline: null,
    comparison
  }
}

describe('the fork report, fitted by the writer to the reader', () => {
  it('a 100 KB benchmark name is cut, with an ellipsis, and the report is accepted', () => {
    const long = `BenchmarkX/${'a'.repeat(100_000)}-2`
    const r = report([long, 'BenchmarkY-2'])
    expect(() => parseReport(JSON.stringify(r))).toThrow(/malformed/)
    const back = parseReport(JSON.stringify(fitReport(r)))
    const name = back.comparison!.benchmarks[0].name
    expect(name.length).toBe(REPORT_LIMITS.text)
    expect(name.endsWith('…')).toBe(true)
    expect(name.startsWith('BenchmarkX/aaaa')).toBe(true)
    expect(back.comparison!.benchmarks[1].name).toBe('BenchmarkY-2')
  })

  it('20,000 benchmarks (and 10,000 gate reasons) are accepted', () => {
    const r = report(Array.from({ length: 20_000 }, (_, i) => `BenchmarkN${i}-2`))
    expect(() => parseReport(JSON.stringify(r))).toThrow(/malformed at comparison\.gate\.reasons/)
    const back = parseReport(JSON.stringify(fitReport(r)))
    expect(back.comparison!.benchmarks).toHaveLength(20_000)
    expect(back.comparison!.gate.reasons).toHaveLength(REPORT_LIMITS.reasons)
  })

  it('a report over the byte cap keeps the worst benchmarks and says how many it left out', () => {
    const r = report(Array.from({ length: 400 }, (_, i) => `BenchmarkN${i}-${'x'.repeat(1500)}`))
    const cap = 400_000
    const fitted = fitReport(r, cap)
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(cap)
    const kept = fitted.comparison!.benchmarks
    expect(kept.length).toBeGreaterThan(0)
    expect(kept.length).toBeLessThan(400)
    // The first ones, in the report's worst-first order.
    expect(kept.map(b => b.name)).toEqual(
      r.comparison!.benchmarks.slice(0, kept.length).map(b => b.name)
    )
    expect(fitted.comparison!.notes.at(-1)).toMatch(
      new RegExp(`${400 - kept.length} of 400 benchmarks \\(the least changed\\) are left out`)
    )
    expect(() => parseReport(JSON.stringify(fitted))).not.toThrow()
  })

  it('leaves a report within every limit exactly as it was', () => {
    const r = report(['BenchmarkA-2', 'BenchmarkB-2'])
    expect(fitReport(r)).toEqual(r)
  })

  it('a function file that leaves the repository (a link to another one) is refused', () => {
    for (const file of ['../../other/repo/blob/x', '/etc/passwd', 'p/../../x', '.git/config']) {
      const r = report(['BenchmarkA-2'], { hotLines: { between: 'a..b' } })
      r.comparison!.benchmarks[0].functions!.cpu![0].file = file
      expect(() => parseReport(JSON.stringify(r)), file).toThrow(
        /malformed at benchmarks\[0\]\.functions\.cpu\[0\]\.file/
      )
    }
    const ok = report(['BenchmarkA-2'], { hotLines: { between: 'a..b' } })
    expect(parseReport(JSON.stringify(ok))).toEqual(ok)
  })
})
