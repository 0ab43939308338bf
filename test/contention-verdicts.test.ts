/**
 * Contention and scheduling (issue 16) without Go: the settings both
 * front ends share, the GC trace reader on lines the runtime printed, the
 * verdict rules (U test over rounds, Holm per metric, threshold, floor),
 * the fail-on-contention gate, and the comment job's re-judging of a
 * fork's forged rows.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseGcTrace } from '../src/attribution/contention.js'
import { readSettings } from '../src/action/inputs.js'
import {
  applyContentionVerdicts,
  judgeContention,
  type ContentionComparison
} from '../src/compare/contention.js'
import { countVerdicts } from '../src/compare/verdicts.js'
import { applyConfirmation, suspectsOf } from '../src/judge/confirmation.js'
import {
  COMPARE_DEFAULTS,
  type BenchmarkComparison,
  type Comparison,
  type Screen
} from '../src/compare/model.js'
import { traceUnsupported, contentionCounts } from '../src/measure/contention-pass.js'
import { rejudge } from '../src/judge/rejudge.js'
import { parseContentionFamilies, parseProfileKinds } from '../src/measure/settings.js'
import { goTestContentionArgs } from '../src/gobench/args.js'
import { mannWhitneyU } from '../src/stats/utest.js'
import { renderMarkdown } from '../src/report/markdown.js'
import { tempDir } from './helpers/go.js'

describe('settings', () => {
  it('profiles: cpu and mem always, in a fixed order; an unknown kind names the input', () => {
    expect(parseProfileKinds(['trace', 'mutex'], 'input "profiles"')).toEqual([
      'cpu',
      'mem',
      'mutex',
      'trace'
    ])
    expect(() => parseProfileKinds(['cpu', 'heap'], 'input "profiles"')).toThrow(
      /input "profiles": invalid value "heap"; allowed: a list of cpu, mem, block, mutex, trace/
    )
  })

  it('fail-on-contention: families, all, none; a typo names the input', () => {
    expect(parseContentionFamilies(['sched', 'mutex'], 'x')).toEqual(['mutex', 'sched'])
    expect(parseContentionFamilies(['all'], 'x')).toHaveLength(7)
    expect(parseContentionFamilies(['none'], 'x')).toEqual([])
    expect(() => parseContentionFamilies(['mutexes'], '--fail-on-contention')).toThrow(
      /--fail-on-contention: invalid value "mutexes"/
    )
  })

  it('the Action reads profiles, rates, rounds and fail-on-contention, with their bounds', () => {
    const inputs: Record<string, string> = {
      profiles: 'cpu,mem,mutex,trace',
      'mutex-profile-fraction': '5',
      'contention-rounds': '7',
      'fail-on-contention': 'mutex'
    }
    const s = readSettings(name => inputs[name] ?? '')
    expect(s.run.profiles).toEqual({
      kinds: ['cpu', 'mem', 'mutex', 'trace'],
      blockRate: 1,
      mutexFraction: 5,
      rounds: 7
    })
    expect(s.compare.failOnContention).toEqual(['mutex'])
    expect(s.compare.contentionThreshold).toBe(10)
    expect(() => readSettings(n => (n === 'contention-rounds' ? '2' : ''))).toThrow(
      /input "contention-rounds": invalid value "2"; allowed: a whole number from 3 to 100/
    )
    expect(readSettings(() => '').run.profiles?.kinds).toEqual(['cpu', 'mem'])
  })

  it('trace needs Go 1.23: an older toolchain is told what to do', () => {
    expect(traceUnsupported('go1.22.5')).toMatch(/needs Go 1\.23 or newer.*go1\.22\.5.*setup-go/)
    expect(traceUnsupported('go1.23.0')).toBeUndefined()
    expect(traceUnsupported('devel go1.27-abcdef')).toBeUndefined()
  })

  it('a contention run takes only the asked-for collectors, Nx iterations, user flags last', () => {
    expect(
      goTestContentionArgs({
        bench: '^BenchmarkX$',
        iterations: 500,
        mutex: { file: '/t/m.pprof', fraction: 1 },
        trace: '/t/x.trace',
        runFlags: ['-test.cpu=2']
      })
    ).toEqual([
      '-test.run=^$',
      '-test.bench=^BenchmarkX$',
      '-test.count=1',
      '-test.benchtime=500x',
      '-test.mutexprofile=/t/m.pprof',
      '-test.mutexprofilefraction=1',
      '-test.trace=/t/x.trace',
      '-test.cpu=2'
    ])
    // A tenth of a second of work at the fastest timed ns/op, and a tenth of that.
    expect(contentionCounts(1000, 1000)).toEqual([10000, 100000])
    expect(contentionCounts(1000, 1e9)).toEqual([2, 20])
  })
})

describe('the GC trace', () => {
  it('counts the cycles and their pauses as the runtime itself does (MemStats)', () => {
    // A real program under GODEBUG=gctrace=1: its own MemStats are the oracle.
    const dir = tempDir('gctrace')
    const src = join(dir, 'main.go')
    writeFileSync(
      src,
      [
        'package main',
        '',
        'import (',
        '\t"fmt"',
        '\t"runtime"',
        ')',
        '',
        'var sink [][]byte',
        '',
        'func main() {',
        '\tfor i := 0; i < 5; i++ {',
        '\t\tsink = append(sink, make([]byte, 1<<20))',
        '\t\truntime.GC()',
        '\t}',
        '\tvar m runtime.MemStats',
        '\truntime.ReadMemStats(&m)',
        '\tfmt.Println(m.NumGC, m.PauseTotalNs)',
        '}',
        ''
      ].join('\n')
    )
    // Built first: `go run` would print the go command's own GCs too.
    const bin = join(dir, 'gcprog')
    expect(spawnSync('go', ['build', '-o', bin, src], { cwd: dir }).status).toBe(0)
    const r = spawnSync(bin, [], {
      cwd: dir,
      env: { ...process.env, GODEBUG: 'gctrace=1' },
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    const [numGC, pauseTotal] = r.stdout.trim().split(' ').map(Number)
    const g = parseGcTrace(r.stderr)
    expect(numGC).toBeGreaterThanOrEqual(5)
    expect(g.cycles).toBe(numGC)
    // gctrace rounds each phase to the µs it prints; MemStats keeps ns.
    expect(Math.abs(g.pauseNs - pauseTotal)).toBeLessThan(
      Math.max(0.2 * pauseTotal, 2 * numGC * 1000)
    )
  })

  it('reads pauses from the first and third clock figures, in ns', () => {
    const text = [
      'gc 1 @0.012s 2%: 0.011+0.35+0.003 ms clock, 0.022+0.10/0.30/0.50+0.006 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P',
      'BenchmarkX-2   	 100	  123 ns/op',
      'gc 2 @0.020s 3%: 0.5+1.0+0.25 ms clock, 1.0+0/0/0+0.5 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)'
    ].join('\n')
    const g = parseGcTrace(text)
    expect(g.cycles).toBe(2)
    expect(g.pauseNs).toBeCloseTo((0.011 + 0.003 + 0.5 + 0.25) * 1e6, 3)
  })
})

/** A benchmark with one contention metric: rounds on each side, and ns/op for the floor. */
function bench(
  name: string,
  base: number[],
  head: number[],
  metric: 'mutex_delay' | 'gc_cycles' = 'mutex_delay',
  nsPerOp = 1000
): BenchmarkComparison {
  const side = (v: number[]) => ({
    median: [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)],
    n: v.length
  })
  const b = side(base)
  const h = side(head)
  const contention: ContentionComparison = {
    rows: [
      {
        metric,
        unit: metric === 'gc_cycles' ? 'GCs/op' : 'ns/op',
        verdict: 'unchanged',
        base: b,
        head: h,
        deltaPercent: b.median === 0 ? null : (h.median / b.median - 1) * 100,
        p: mannWhitneyU(base, head).p,
        pAdjusted: null,
        gates: false
      }
    ],
    rounds: { base: base.length, head: head.length },
    measuredBy: 'baseline'
  }
  return {
    package: 'example.com/p',
    name,
    verdict: 'unchanged',
    metrics: [
      {
        unit: 'ns/op',
        kind: 'time',
        better: 'lower',
        verdict: 'unchanged',
        p: 0.5,
        test: 'utest',
        pAdjusted: 0.5,
        significantUncorrected: false,
        deltaPercent: 0,
        base: { median: nsPerOp, n: 6 },
        head: { median: nsPerOp, n: 6 }
      }
    ],
    contention
  }
}

/** A comparison of one benchmark that says "unchanged, does not gate", as a fork could write it. */
function forkComparison(b: BenchmarkComparison): Comparison {
  return {
    schemaVersion: 1,
    verdict: 'unchanged',
    gate: { fail: false, reasons: [] },
    options: COMPARE_DEFAULTS,
    counts: {
      regression: 0,
      improvement: 0,
      unchanged: 1,
      'too-few-samples': 0,
      inconclusive: 0,
      new: 0,
      removed: 0,
      failed: 0
    },
    benchmarks: [b],
    geomean: [],
    warnings: [],
    notes: [],
    base: { label: 'base', commit: '', ref: '', goVersion: '' },
    head: { label: 'head', commit: '', ref: '', goVersion: '' },
    gateMode: 'baseline'
  }
}

const five = (x: number) => [x, x * 1.01, x * 0.99, x * 1.02, x * 0.98]

describe('contention verdicts', () => {
  it('a clear change over 5 rounds a side is a regression; report-only unless its family gates', () => {
    const list = [bench('BenchmarkA', five(20), five(60))]
    judgeContention(list, COMPARE_DEFAULTS)
    expect(list[0].contention!.rows[0].verdict).toBe('regression')
    expect(list[0].contention!.rows[0].pAdjusted).toBeCloseTo(2 / 252, 6)
    expect(list[0].contention!.rows[0].gates).toBe(false)
    judgeContention(list, { ...COMPARE_DEFAULTS, failOnContention: ['sched'] })
    expect(list[0].contention!.rows[0].gates).toBe(false)
    judgeContention(list, { ...COMPARE_DEFAULTS, failOnContention: ['mutex'] })
    expect(list[0].contention!.rows[0].gates).toBe(true)
  })

  it('too small to matter: under the threshold, or under 1% of the benchmark’s ns/op', () => {
    const small = [bench('BenchmarkA', five(100), five(105))]
    judgeContention(small, COMPARE_DEFAULTS)
    expect(small[0].contention!.rows[0].verdict).toBe('unchanged')
    // +200%, significant, but 2 ns on a 1 µs benchmark: below the floor of 10 ns.
    const tiny = [bench('BenchmarkB', five(1), five(3))]
    judgeContention(tiny, COMPARE_DEFAULTS)
    expect(tiny[0].contention!.rows[0].verdict).toBe('unchanged')
    // The floor is for delays only: GC cycles per op have none.
    const gc = [bench('BenchmarkC', five(0.001), five(0.003), 'gc_cycles')]
    judgeContention(gc, COMPARE_DEFAULTS)
    expect(gc[0].contention!.rows[0].verdict).toBe('regression')
  })

  it('Holm across benchmarks: with 10 of them, 5 rounds a side is not enough for any', () => {
    const list = Array.from({ length: 10 }, (_, i) => bench(`Benchmark${i}`, five(20), five(60)))
    judgeContention(list, COMPARE_DEFAULTS)
    // 2/252 × 10 > 0.05
    expect(list.every(b => b.contention!.rows[0].verdict === 'unchanged')).toBe(true)
  })

  it('three rounds a side are too few to call anything', () => {
    const list = [bench('BenchmarkA', [20, 21, 19], [60, 61, 59])]
    judgeContention(list, COMPARE_DEFAULTS)
    expect(list[0].contention!.rows[0].verdict).toBe('too-few-samples')
  })
})

describe('a base that sampled no wait at all', () => {
  it('has no percentage: the gate, the worst line and the table give the head’s wait from 0', () => {
    const b = bench('BenchmarkLocked', [0, 0, 0, 0, 0], five(60))
    const c = rejudge({
      ...forkComparison(b),
      options: { ...COMPARE_DEFAULTS, failOnContention: ['mutex'] }
    })
    expect(c.gate.fail).toBe(true)
    expect(c.gate.reasons[0]).toMatch(/^BenchmarkLocked mutex wait \+60 ns\/op from 0 \(p=0\.008/)
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toContain('regression (mutex wait +60 ns/op from 0)')
    expect(md).toMatch(/\| mutex wait \| 0ns \| 60ns[^|]*\| \+60 ns\/op from 0 \|/)
    expect(md).not.toMatch(/mutex wait \?/)
  })
})

describe("a fork's report", () => {
  it('forged contention verdicts are re-judged from the numbers, and a gating one fails the check', () => {
    const b = bench('BenchmarkLocked', five(20), five(60))
    // The fork wrote "unchanged, does not gate" beside numbers that regressed.
    const r = rejudge({
      ...forkComparison(b),
      options: { ...COMPARE_DEFAULTS, failOnContention: ['mutex'] }
    })
    expect(r.gate.fail).toBe(true)
    expect(r.gate.reasons[0]).toMatch(/^BenchmarkLocked mutex wait \+200\.00% \(p=0\.008/)
    expect(r.counts.regression).toBe(1)
    expect(r.benchmarks[0].contention!.rows[0].gates).toBe(true)
    const md = renderMarkdown(r, { key: 'k' })
    expect(md).toContain('**Contention and scheduling** changed beyond noise in 1 benchmark')
    expect(md).toContain('regression (mutex wait +200.00%)')
  })
})

describe('under gate confirmed', () => {
  const screenOf = (b: BenchmarkComparison, failOn: ('mutex' | 'sched')[]): Screen => {
    const list = [b]
    judgeContention(list, { ...COMPARE_DEFAULTS, failOnContention: failOn })
    applyContentionVerdicts(list)
    return {
      schemaVersion: 1,
      verdict: 'regression',
      options: { ...COMPARE_DEFAULTS, failOnContention: failOn },
      counts: countVerdicts(list),
      benchmarks: list,
      geomean: [],
      warnings: [],
      notes: [],
      base: { label: 'base', commit: '', ref: '', goVersion: '' },
      head: { label: 'head', commit: '', ref: '', goVersion: '' }
    }
  }

  it('a contention regression that would gate is a suspect; report-only ones are not', () => {
    expect(suspectsOf(screenOf(bench('BenchmarkA', five(20), five(60)), ['mutex']))).toHaveLength(1)
    expect(suspectsOf(screenOf(bench('BenchmarkA', five(20), five(60)), []))).toHaveLength(0)
  })

  it("the A/B's interleaved contention rounds decide it, and say so", () => {
    const screen = screenOf(bench('BenchmarkA', five(20), five(60)), ['mutex'])
    // The A/B saw no change: the screen's contention regression does not stand.
    const calm = screenOf(bench('BenchmarkA', five(20), five(20.1)), ['mutex'])
    const refuted = applyConfirmation(screen, calm, 6)
    expect(refuted.gate.fail).toBe(false)
    expect(refuted.benchmarks[0].contention!.measuredBy).toBe('ab')
    expect(refuted.benchmarks[0].verdict).toBe('unchanged')
    // The A/B saw it too: it gates, and the reason says the rounds were A/B.
    const again = screenOf(bench('BenchmarkA', five(20), five(70)), ['mutex'])
    const confirmed = applyConfirmation(screen, again, 6)
    expect(confirmed.gate.fail).toBe(true)
    expect(confirmed.gate.reasons).toEqual([
      expect.stringMatching(
        /^BenchmarkA mutex wait \+250\.00% \(p=0\.008, 5 A\/B contention rounds\)$/
      )
    ])
    expect(confirmed.benchmarks[0].verdict).toBe('regression')
  })
})
