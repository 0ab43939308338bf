#!/usr/bin/env node
// Benchmark: what sharding buys. Twelve standard-library packages (real
// benchmarks nobody here wrote) are measured by `benchgate run` once
// unsharded, then as n shards (`run --shard i/n`), balanced by benchmark
// counts and by the unsharded run's per-package durations
// (`--shard-weights`). The shards run one after another on this machine;
// a matrix runs them side by side, so its measuring time is the slowest
// shard's. Reports, per n and balance: the slowest shard against the
// unsharded run (the matrix's speed-up, before per-job setup), and the
// slowest shard against the mean (balance; 1.00 is perfect).
//
//   npm run package && node bench/sharding.mjs [--shards 2,3] [--benchtime 5ms] [--count 2] [--skip sort] [--record [--section NAME]]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: {
    shards: { type: 'string', default: '2,3' },
    benchtime: { type: 'string', default: '5ms' },
    count: { type: 'string', default: '2' },
    record: { type: 'boolean', default: false },
    // Leave packages out (comma-separated), to see the balance without a dominant one.
    skip: { type: 'string', default: '' },
    section: { type: 'string', default: 'sharding-bench' }
  }
})
const PACKAGES = [
  'strconv',
  'unicode/utf8',
  'hash/fnv',
  'hash/crc32',
  'encoding/hex',
  'encoding/base64',
  'encoding/binary',
  'sort',
  'container/list',
  'math/bits',
  'unicode',
  'path'
]
const skipped = new Set(values.skip.split(',').filter(Boolean))
const packages = PACKAGES.filter(p => !skipped.has(p))
const cli = join(root, 'dist', 'cli.js')
// Any module will do as the place to run: the packages are the standard library's.
const dir = join(root, 'fixtures', 'workload')
const scratch = mkdtempSync(join(tmpdir(), 'bg-shard-bench-'))
const t0 = Date.now()
const log = m => console.error(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`)

/** One `benchgate run`; its wall time (s) and its bundle. */
function run(name, extra) {
  const out = join(scratch, name)
  const start = performance.now()
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'run',
      '--dir',
      dir,
      '--packages',
      packages.join(','),
      '--count',
      values.count,
      '--benchtime',
      values.benchtime,
      '--out',
      out,
      ...extra
    ],
    { encoding: 'utf8' }
  )
  const seconds = (performance.now() - start) / 1000
  if (r.status !== 0) throw new Error(`benchgate run ${extra.join(' ')} failed:\n${r.stderr}`)
  return { seconds, out, bundle: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) }
}

log(`unsharded: ${packages.length} packages`)
const whole = run('whole', [])
log(`unsharded: ${whole.seconds.toFixed(1)} s`)
const rows = []
for (const n of values.shards.split(',').map(Number)) {
  for (const [balance, extra] of [
    ['benchmark counts', []],
    ['baseline durations', ['--shard-weights', whole.out]]
  ]) {
    const times = []
    const packages = []
    for (let i = 1; i <= n; i++) {
      const s = run(`n${n}-${balance[0]}-${i}`, ['--shard', `${i}/${n}`, ...extra])
      times.push(s.seconds)
      packages.push(s.bundle.packages.length)
      log(
        `${i}/${n} by ${balance}: ${s.bundle.packages.length} packages, ${s.seconds.toFixed(1)} s`
      )
    }
    const slowest = Math.max(...times)
    const mean = times.reduce((a, b) => a + b, 0) / n
    rows.push({ n, balance, times, packages, slowest, mean })
  }
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU'
const lines = [
  `Machine: ${cpus().length} × ${cpu}, ${spawnSync('go', ['version'], { encoding: 'utf8' }).stdout.trim()}, Node ${process.version}. ${whole.bundle.packages.length} standard-library packages with benchmarks (${whole.bundle.benchmarks.length} benchmarks${skipped.size ? `; without ${[...skipped].join(', ')}` : ''}), count ${values.count}, benchtime ${values.benchtime}. Unsharded: **${whole.seconds.toFixed(1)} s**.`,
  '',
  '| shards | balanced by | packages per shard | seconds per shard | slowest / unsharded | slowest / mean |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    r =>
      `| ${r.n} | ${r.balance} | ${r.packages.join(', ')} | ${r.times.map(t => t.toFixed(1)).join(', ')} | ${(r.slowest / whole.seconds).toFixed(2)} | ${(r.slowest / r.mean).toFixed(2)} |`
  )
]
const text = lines.join('\n')
console.log(text)
if (values.record) {
  recordSection(join(root, 'docs', 'sharding.md'), values.section, text)
  log('recorded in docs/sharding.md')
}
