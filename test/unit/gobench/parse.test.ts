/**
 * The benchmark text parser, on real `go test -bench` output captured into
 * fixtures/benchtext/ (expected values read off those files by hand).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BenchParser, parseBenchOutput, splitBenchName } from '../../../src/gobench/parse.js'
import { ROOT } from '../../helpers/go.js'

const text = (name: string): string =>
  readFileSync(join(ROOT, 'fixtures', 'benchtext', name), 'utf8')

describe('parseBenchOutput on real output', () => {
  it('reads config lines, names with /sub and -procs, and every value/unit pair', () => {
    const out = parseBenchOutput(text('codec.txt'))
    expect(out.config['example.com/suite/codec']).toEqual({
      goos: 'linux',
      goarch: 'amd64',
      pkg: 'example.com/suite/codec',
      cpu: 'AMD EPYC'
    })
    expect(out.results).toHaveLength(10)
    expect(out.results[0]).toEqual({
      pkg: 'example.com/suite/codec',
      name: 'BenchmarkChecksum-2',
      iterations: 1540,
      measurements: [
        { value: 33244, unit: 'ns/op' },
        { value: 123.21, unit: 'MB/s' },
        { value: 0, unit: 'B/op' },
        { value: 0, unit: 'allocs/op' }
      ]
    })
    expect(out.results[4].name).toBe('BenchmarkEncode/size=4096-2')
    expect(out.results[4].measurements[0]).toEqual({ value: 6887, unit: 'ns/op' })
    // ReportMetric's custom unit sits between ns/op and B/op.
    expect(out.results[8].measurements.map(m => m.unit)).toEqual([
      'ns/op',
      'expansion/op',
      'B/op',
      'allocs/op'
    ])
    expect(out.results[8].measurements[1].value).toBe(2)
    expect(out.failures).toEqual([])
  })

  it('switches package on each pkg: line in multi-package output', () => {
    const out = parseBenchOutput(text('multi-package.txt'))
    const pkgs = [...new Set(out.results.map(r => r.pkg))]
    expect(pkgs).toEqual(['example.com/suite/codec', 'example.com/suite/store'])
    expect(out.results.find(r => r.name === 'BenchmarkNewRecords-2')?.pkg).toBe(
      'example.com/suite/store'
    )
  })

  it('reports a panicking benchmark with the panic and keeps the results before it', () => {
    const out = parseBenchOutput(text('flaky-panic.txt'))
    expect(out.results.map(r => r.name)).toEqual(['BenchmarkFine-2', 'BenchmarkFine-2'])
    expect(out.failures).toHaveLength(1)
    expect(out.failures[0].kind).toBe('panic')
    expect(out.failures[0].benchmark).toBe('BenchmarkCorrupt')
    expect(out.failures[0].pkg).toBe('example.com/suite/flaky')
    expect(out.failures[0].detail[0]).toBe('panic: assignment to entry in nil map')
    expect(out.failures[0].detail.join('\n')).toContain('example.com/suite/flaky.BenchmarkCorrupt')
  })

  it("reports a panic whose message landed on the benchmark's name line", () => {
    // Captured under load: "BenchmarkCorrupt-2   \tpanic: assignment to entry in nil map"
    const out = parseBenchOutput(text('flaky-panic-after-name.txt'))
    expect(out.results.map(r => r.name)).toEqual(Array(4).fill('BenchmarkFine-2'))
    expect(out.failures).toHaveLength(1)
    expect(out.failures[0]).toMatchObject({
      kind: 'panic',
      benchmark: 'BenchmarkCorrupt',
      pkg: 'example.com/suite/flaky'
    })
    expect(out.failures[0].detail[0]).toBe('panic: assignment to entry in nil map')
  })

  it('reports a build failure with the compiler errors', () => {
    const out = parseBenchOutput(text('broken-build.txt'))
    expect(out.results).toEqual([])
    expect(out.failures).toEqual([
      {
        pkg: 'example.com/suite/broken',
        kind: 'build',
        detail: ['broken/broken.go:5:9: undefined: undefinedIdentifier']
      }
    ])
  })

  it('handles b.Log output, stdout printed mid-line, b.Fatal, and a / in a sub name', () => {
    const out = parseBenchOutput(text('vary-plain.txt'))
    expect(out.results.map(r => [r.name, r.iterations])).toEqual([
      ['BenchmarkLogs-2', 40229980],
      // "BenchmarkPrints-2 \tprinted by the benchmark" … "45775144 \t 0.2873 ns/op …"
      ['BenchmarkPrints-2', 45775144],
      ['BenchmarkSub/a/b-2', 44438293]
    ])
    expect(out.results[1].measurements[0]).toEqual({ value: 0.2873, unit: 'ns/op' })
    expect(out.failures).toEqual([
      {
        pkg: 'example.com/vary',
        kind: 'benchmark',
        benchmark: 'BenchmarkFatal',
        detail: ['vary_test.go:23: cannot run: fixture missing']
      }
    ])
  })

  it('handles -v output with test logs mixed in', () => {
    const out = parseBenchOutput(text('vary-verbose.txt'))
    expect(out.results.map(r => r.name)).toEqual([
      'BenchmarkLogs-2',
      'BenchmarkPrints-2',
      'BenchmarkSub/a/b-2'
    ])
    expect(out.results[0].iterations).toBe(49605019)
    expect(out.failures.map(f => [f.kind, f.benchmark])).toEqual([['benchmark', 'BenchmarkFatal']])
  })
})

describe('inline cases', () => {
  it('reads Unit metadata lines', () => {
    const out = parseBenchOutput('Unit ns/op assume=exact better=lower\nBenchmarkA 10 5 ns/op\n')
    expect(out.units).toEqual({ 'ns/op': { assume: 'exact', better: 'lower' } })
    expect(out.results[0].name).toBe('BenchmarkA')
  })

  it('rejects a result line with an odd number of fields', () => {
    expect(parseBenchOutput('BenchmarkA 10 5 ns/op 7\n').results).toEqual([])
  })

  it('streams: line() returns each result as it completes', () => {
    const p = new BenchParser()
    expect(p.line('pkg: x')).toBeUndefined()
    expect(p.line('BenchmarkA-4   \t 100\t 12.5 ns/op')?.name).toBe('BenchmarkA-4')
  })

  it('splits names into base, sub path and procs', () => {
    expect(splitBenchName('BenchmarkX/a/b-8')).toEqual({ base: 'BenchmarkX', sub: 'a/b', procs: 8 })
    expect(splitBenchName('BenchmarkX')).toEqual({ base: 'BenchmarkX', sub: '', procs: 1 })
    expect(splitBenchName('BenchmarkX/size=64-2')).toEqual({
      base: 'BenchmarkX',
      sub: 'size=64',
      procs: 2
    })
  })
})

describe('benchmarks that print (fixtures/chatty, real go test output)', () => {
  const names = (t: string): string[] => parseBenchOutput(text(t)).results.map(r => r.name)
  const every = [
    'BenchmarkPlain-2',
    'BenchmarkHashLine-2',
    'BenchmarkPanicLine-2',
    'BenchmarkNoNewline-2',
    'BenchmarkWorkflowCommand-2',
    'BenchmarkObjectUnits-2',
    'BenchmarkQuiet-2'
  ]

  it('keeps every result, with and without -v, and invents no failure', () => {
    for (const file of ['chatty.txt', 'chatty-verbose.txt']) {
      const out = parseBenchOutput(text(file))
      expect(names(file)).toEqual(every.flatMap(n => [n, n]))
      expect(out.failures).toEqual([])
      expect(out.unfinished).toEqual([])
      expect(out.results.every(r => r.pkg === 'example.com/chatty')).toBe(true)
      expect(out.config['example.com/chatty'].goos).toBe('linux')
    }
  })

  it('reads the padded result line that follows the printed output', () => {
    const out = parseBenchOutput(text('chatty.txt'))
    const plain = out.results.filter(r => r.name === 'BenchmarkPlain-2')
    expect(plain[0]).toEqual({
      pkg: 'example.com/chatty',
      name: 'BenchmarkPlain-2',
      iterations: 2000,
      measurements: [
        { value: 67.54, unit: 'ns/op' },
        { value: 3, unit: 'B/op' },
        { value: 0, unit: 'allocs/op' }
      ]
    })
    // Output with no final newline runs into the name and the count.
    const glued = out.results.filter(r => r.name === 'BenchmarkNoNewline-2')
    expect(glued.map(r => [r.iterations, r.measurements[0].value])).toEqual([
      [2000, 52.11],
      [2000, 63.17]
    ])
  })

  it('keeps units named like Object members as plain units', () => {
    const out = parseBenchOutput(text('chatty.txt'))
    const units = out.results.find(r => r.name === 'BenchmarkObjectUnits-2')!.measurements
    expect(units.map(m => m.unit)).toEqual([
      'ns/op',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
      'valueOf',
      'B/op',
      'allocs/op'
    ])
  })

  it('a `# …` line loses nothing of what follows, and no package is failed for it', () => {
    const out = parseBenchOutput(
      [
        '# not/a/package',
        'goos: linux',
        'pkg: example.com/x',
        'BenchmarkA-2   \t# printed',
        '    1000\t  5.0 ns/op',
        'BenchmarkB-2   \t    1000\t  6.0 ns/op',
        'PASS',
        'ok  \texample.com/x\t0.1s'
      ].join('\n')
    )
    expect(out.results.map(r => [r.pkg, r.name])).toEqual([
      ['example.com/x', 'BenchmarkA-2'],
      ['example.com/x', 'BenchmarkB-2']
    ])
    expect(out.failures).toEqual([])
  })

  it('a real panic after a printed one is still reported', () => {
    const out = parseBenchOutput(
      [
        'pkg: example.com/x',
        'BenchmarkA-2   \tpanic: printed',
        '    1000\t  5.0 ns/op',
        'BenchmarkB-2   \tpanic: real',
        '',
        'goroutine 7 [running]:',
        'example.com/x.BenchmarkB(0xc000)',
        'exit status 2',
        'FAIL\texample.com/x\t0.02s'
      ].join('\n')
    )
    expect(out.results.map(r => r.name)).toEqual(['BenchmarkA-2'])
    expect(out.failures.map(f => [f.kind, f.benchmark, f.detail[0]])).toEqual([
      ['panic', 'BenchmarkB', 'panic: real']
    ])
  })

  it('a printed `--- FAIL:` line is dropped when its benchmark reports a result', () => {
    const out = parseBenchOutput(
      ['pkg: x', 'BenchmarkA-2 \t--- FAIL: BenchmarkA', '   100\t 5 ns/op', 'ok  \tx\t0.1s'].join(
        '\n'
      )
    )
    expect(out.results).toHaveLength(1)
    expect(out.failures).toEqual([])
  })

  it('says which names never got a result line', () => {
    const out = parseBenchOutput(
      [
        'pkg: x',
        'BenchmarkParent',
        'BenchmarkParent/sub',
        'BenchmarkParent/sub-2 \t 100\t 5 ns/op',
        'BenchmarkLost',
        'something it printed, and then the process went on without a result',
        'ok  \tx\t0.1s'
      ].join('\n')
    )
    expect(out.unfinished).toEqual([{ pkg: 'x', name: 'BenchmarkLost' }])
  })

  it('a benchmark that called b.Skip is not unfinished (go test -v output)', () => {
    const out = parseBenchOutput(
      [
        'pkg: x',
        'BenchmarkSkip',
        '    s_test.go:8: not today',
        '--- SKIP: BenchmarkSkip',
        'BenchmarkSub',
        'BenchmarkSub/a',
        '    s_test.go:11: no',
        '--- SKIP: BenchmarkSub/a',
        'BenchmarkSub/b',
        'BenchmarkSub/b-2  \t     100\t         2.700 ns/op',
        'PASS',
        'ok  \tx\t0.008s'
      ].join('\n')
    )
    expect(out.results.map(r => r.name)).toEqual(['BenchmarkSub/b-2'])
    expect(out.unfinished).toEqual([])
    expect(out.failures).toEqual([])
  })
})

describe('names from go test output are data, never object keys', () => {
  it('a Unit line named __proto__ writes nothing into Object.prototype', () => {
    const out = parseBenchOutput(
      'Unit __proto__ polluted=yes GIT_CONFIG_COUNT=1\nUnit constructor assume=exact\npkg: __proto__\nconstructor: x\nBenchmarkA 10 5 ns/op\n'
    )
    const probe: Record<string, unknown> = {}
    expect(probe.polluted).toBeUndefined()
    expect(probe.GIT_CONFIG_COUNT).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
    expect(out.units['__proto__']).toEqual({ polluted: 'yes', GIT_CONFIG_COUNT: '1' })
    expect(out.units['constructor']).toEqual({ assume: 'exact' })
    expect(out.config['__proto__'].constructor).toBe('x')
    expect(out.results[0].pkg).toBe('__proto__')
  })
})
