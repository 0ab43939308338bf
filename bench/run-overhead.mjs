#!/usr/bin/env node
// Benchmark: the overhead `benchgate run` adds over running the same
// `go test` commands directly (discovery, parsing, profile decoding,
// attribution, writing the bundle). Rounds interleave the two so drift hits
// both alike. Also times the two cheap checks for "does this package have
// benchmarks": scanning _test.go files vs `go test -list`.
//
//   npm run package && node bench/run-overhead.mjs [--rounds 3] [--benchtime 200ms] [--count 3]
//
// Target (issue 3): overhead under 2% of the total, or under 1 s.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { recordSection } from './record.mjs'
import { parseArgs } from 'node:util'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const module = join(root, 'fixtures', 'workload')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    benchtime: { type: 'string', default: '200ms' },
    count: { type: 'string', default: '3' }
  }
})
const t0 = Date.now()
const log = m => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`)
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const pkgs = readdirSync(module, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
  .sort()

function direct() {
  const out = mkdtempSync(join(tmpdir(), 'bg-direct-'))
  const start = performance.now()
  for (const p of pkgs) {
    const r = spawnSync(
      'go',
      [
        'test',
        '-run=^$',
        '-bench=.',
        '-benchmem',
        `-count=${values.count}`,
        `-benchtime=${values.benchtime}`,
        `-cpuprofile=${out}/${p}.cpu.pprof`,
        `-memprofile=${out}/${p}.mem.pprof`,
        `-o=${out}/${p}.test`,
        '-timeout=60m',
        '.'
      ],
      { cwd: join(module, p) }
    )
    if (r.status !== 0) throw new Error(`go test ${p} failed: ${r.stderr}`)
  }
  const ms = performance.now() - start
  rmSync(out, { recursive: true, force: true })
  return ms
}

function benchgate() {
  const out = mkdtempSync(join(tmpdir(), 'bg-run-'))
  const start = performance.now()
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'dist', 'cli.js'),
      'run',
      '--count',
      values.count,
      '--benchtime',
      values.benchtime,
      '--out',
      join(out, 'b')
    ],
    { cwd: module }
  )
  const ms = performance.now() - start
  if (r.status !== 0) throw new Error(`benchgate run failed: ${r.stderr}`)
  rmSync(out, { recursive: true, force: true })
  return ms
}

log('warm-up (fills the Go build cache)')
direct()
const d = []
const b = []
const rounds = Number(values.rounds)
for (let i = 0; i < rounds; i++) {
  // ABBA: neither side always goes first.
  const order =
    i % 2 === 0
      ? [
          ['direct', direct],
          ['benchgate', benchgate]
        ]
      : [
          ['benchgate', benchgate],
          ['direct', direct]
        ]
  for (const [name, fn] of order) {
    const ms = fn()
    ;(name === 'direct' ? d : b).push(ms)
    log(`round ${i + 1}/${rounds} ${name}: ${(ms / 1000).toFixed(2)} s`)
  }
}

// Discovery check: regex over _test.go files vs go test -list (compiles).
const scan = () => {
  const s = performance.now()
  for (const p of pkgs) {
    for (const f of readdirSync(join(module, p)).filter(f => f.endsWith('_test.go'))) {
      ;/^func\s+Benchmark(?!\p{Ll})[\p{L}\p{N}_]*\s*\(/mu.test(
        readFileSync(join(module, p, f), 'utf8')
      )
    }
  }
  return performance.now() - s
}
const list = () => {
  const s = performance.now()
  for (const p of pkgs)
    execFileSync('go', ['test', '-list', '^Benchmark', '.'], { cwd: join(module, p) })
  return performance.now() - s
}
const scanMs = median([scan(), scan(), scan()])
const listMs = median([list(), list(), list()])

const dm = median(d)
const bm = median(b)
const overhead = bm - dm
const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim()
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}, ${goVersion}.`,
  `Workload: \`fixtures/workload\` (${pkgs.length} packages), \`-count ${values.count} -benchtime ${values.benchtime}\`, ${rounds} interleaved rounds (ABBA), medians.`,
  '',
  '| | wall (median) |',
  '| --- | --- |',
  `| the same go test commands, run directly | ${(dm / 1000).toFixed(2)} s |`,
  `| benchgate run (whole process) | ${(bm / 1000).toFixed(2)} s |`,
  `| overhead | ${(overhead / 1000).toFixed(2)} s (${((100 * overhead) / bm).toFixed(1)}% of the total) |`,
  '',
  `Per-round spread, direct: ${d.map(x => (x / 1000).toFixed(2)).join(', ')} s; benchgate: ${b.map(x => (x / 1000).toFixed(2)).join(', ')} s.`,
  '',
  'Detecting packages without benchmarks (all packages, median of 3):',
  '',
  '| check | time |',
  '| --- | --- |',
  `| scan _test.go files for \`func Benchmark…(\` (used) | ${scanMs.toFixed(2)} ms |`,
  `| \`go test -list ^Benchmark\` (compiles the test binary) | ${listMs.toFixed(0)} ms |`
].join('\n')
console.log(section)

const doc = join(root, 'docs', 'performance.md')
recordSection(doc, 'bench/run-overhead.mjs', section)
log(`recorded in ${doc}`)
