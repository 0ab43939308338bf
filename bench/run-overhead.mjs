#!/usr/bin/env node
// Benchmark: `benchgate run` against the plain `go test` commands at the
// same count and benchtime (one `go test -bench -cpuprofile -memprofile`
// per package), on the workload fixture and on real modules from the Go
// module proxy. benchgate builds once, calibrates, runs every sample in a
// process of its own at a fixed iteration count, and decodes, attributes
// and writes the bundle; the plain commands pay Go's ramp-up on every
// -count repetition. Rounds interleave the two (ABBA) so drift hits both
// alike. Also times the two cheap checks for "does this package have
// benchmarks": scanning _test.go files vs `go test -list`.
//
//   npm run package && node bench/run-overhead.mjs [--rounds 3] [--benchtime 100ms] [--count 6]
//     [--modules github.com/google/btree@v1.1.3,github.com/Masterminds/semver/v3@v3.3.1]
//
// Target: benchgate run at most 1.15× the plain commands on the modules.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
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
    benchtime: { type: 'string', default: '100ms' },
    count: { type: 'string', default: '6' },
    modules: {
      type: 'string',
      default: 'github.com/google/btree@v1.1.3,github.com/Masterminds/semver/v3@v3.3.1'
    }
  }
})
const t0 = Date.now()
const log = m => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`)
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const pkgs = readdirSync(module, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
  .sort()

/** A module from the proxy, copied somewhere writable: its directory and its benchmark packages. */
function fetchModule(mod) {
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', mod], { encoding: 'utf8' })
  )
  const dir = mkdtempSync(join(tmpdir(), 'bg-mod-'))
  cpSync(info.Dir, dir, { recursive: true })
  execFileSync('chmod', ['-R', 'u+w', dir])
  const listed = execFileSync(
    'go',
    ['list', '-f', '{{.Dir}} {{len .TestGoFiles}} {{len .XTestGoFiles}}', './...'],
    {
      cwd: dir,
      encoding: 'utf8'
    }
  )
  const withTests = listed
    .trim()
    .split('\n')
    .map(l => l.split(' '))
    .filter(([, t, x]) => Number(t) + Number(x) > 0)
    .map(([d]) => d)
  return { name: mod, dir, pkgDirs: withTests }
}

const targets = [
  { name: 'fixtures/workload', dir: module, pkgDirs: pkgs.map(p => join(module, p)) },
  ...values.modules.split(',').filter(Boolean).map(fetchModule)
]

function direct(target) {
  const out = mkdtempSync(join(tmpdir(), 'bg-direct-'))
  const start = performance.now()
  for (const [i, p] of target.pkgDirs.entries()) {
    const r = spawnSync(
      'go',
      [
        'test',
        '-run=^$',
        '-bench=.',
        '-benchmem',
        `-count=${values.count}`,
        `-benchtime=${values.benchtime}`,
        `-cpuprofile=${out}/${i}.cpu.pprof`,
        `-memprofile=${out}/${i}.mem.pprof`,
        `-o=${out}/${i}.test`,
        '-timeout=60m',
        '.'
      ],
      { cwd: p }
    )
    if (r.status !== 0) throw new Error(`go test ${p} failed: ${r.stderr}`)
  }
  const ms = performance.now() - start
  rmSync(out, { recursive: true, force: true })
  return ms
}

function benchgate(target) {
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
    { cwd: target.dir }
  )
  const ms = performance.now() - start
  if (r.status !== 0) throw new Error(`benchgate run failed: ${r.stderr}`)
  rmSync(out, { recursive: true, force: true })
  return ms
}

const rounds = Number(values.rounds)
const measured = []
for (const target of targets) {
  log(`${target.name}: warm-up (fills the Go build cache)`)
  direct(target)
  const d = []
  const b = []
  for (let i = 0; i < rounds; i++) {
    // ABBA: neither side always goes first.
    const order = i % 2 === 0 ? ['direct', 'benchgate'] : ['benchgate', 'direct']
    for (const name of order) {
      const ms = name === 'direct' ? direct(target) : benchgate(target)
      ;(name === 'direct' ? d : b).push(ms)
      log(`${target.name} round ${i + 1}/${rounds} ${name}: ${(ms / 1000).toFixed(2)} s`)
    }
  }
  measured.push({ target, d, b })
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

const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim()
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}, ${goVersion}.`,
  `\`-count ${values.count} -benchtime ${values.benchtime}\`, ${rounds} interleaved rounds (ABBA) per workload, medians. "Plain go test" is one \`go test -run '^$' -bench=. -benchmem -count -benchtime -cpuprofile -memprofile\` per package with tests, as a user would type it.`,
  '',
  '| workload | packages | plain go test | benchgate run | ratio |',
  '| --- | --- | --- | --- | --- |',
  ...measured.map(({ target, d, b }) => {
    const dm = median(d)
    const bm = median(b)
    return `| ${target.name} | ${target.pkgDirs.length} | ${(dm / 1000).toFixed(2)} s | ${(bm / 1000).toFixed(2)} s | ${(bm / dm).toFixed(3)}× |`
  }),
  '',
  ...measured.map(
    ({ target, d, b }) =>
      `Per-round, ${target.name}: plain ${d.map(x => (x / 1000).toFixed(2)).join(', ')} s; benchgate ${b.map(x => (x / 1000).toFixed(2)).join(', ')} s.`
  ),
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
