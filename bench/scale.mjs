#!/usr/bin/env node
// Benchmark: bounded cost on big and adversarial inputs (issue 12).
//   1. `benchgate compare` of N benchmarks × 16 samples in go test -bench
//      text, against benchstat (pinned) on the same two files, as processes.
//   2. Decoding a profile whose location ids are sparse (one id of 2^31)
//      at 4 sizes, in process: time per sample must stay flat (linear);
//      `go tool pprof -top` on the largest as the reference.
// Records medians, ratios and peak RSS in docs/performance.md.
//
//   npm run package && node bench/scale.mjs [--benchmarks 20000] [--runs 3]
//
// Needs Go and GNU time (/usr/bin/time, Debian package "time").
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync, statSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: {
    benchmarks: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '3' }
  }
})
const N = Number(values.benchmarks)
const runs = Number(values.runs)
const work = join(root, 'bench', 'results', 'tmp')
mkdirSync(work, { recursive: true })
const t0 = Date.now()
const log = msg => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`)

const BENCHSTAT_VERSION = 'v0.0.0-20260908200009-22c9c6c9d4da'
const bin = join(root, '.cache', 'bin')
const benchstat = join(bin, 'benchstat')
try {
  statSync(benchstat)
} catch {
  log('installing benchstat')
  execFileSync('go', ['install', `golang.org/x/perf/cmd/benchstat@${BENCHSTAT_VERSION}`], {
    env: { ...process.env, GOBIN: bin },
    stdio: 'inherit'
  })
}

// 1. Benchmark text: N benchmarks × 16 runs, head 3% slower on every tenth.
let seed = 42
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647
const text = slower => {
  const lines = ['goos: linux', 'goarch: amd64', 'pkg: example.com/big', 'cpu: bench']
  for (let r = 0; r < 16; r++)
    for (let i = 0; i < N; i++) {
      const base = 1000 + (i % 97) * 13
      const ns = base * (1 + 0.02 * rand()) * (slower && i % 10 === 0 ? 1.03 : 1)
      lines.push(`BenchmarkB${i}-2  1000000  ${ns.toFixed(1)} ns/op  64 B/op  1 allocs/op`)
    }
  return lines.join('\n') + '\nPASS\n'
}
const a = join(work, `scale-${N}-a.txt`)
const b = join(work, `scale-${N}-b.txt`)
writeFileSync(a, text(false))
writeFileSync(b, text(true))
log(`wrote ${N} benchmarks × 16 samples per side (${statSync(a).size} bytes each)`)

/** Wall seconds and peak RSS (KiB) of one process, through GNU time. */
function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  const last = r.stderr.trim().split('\n').at(-1)
  const [wall, rss] = last.split(' ').map(Number)
  return { wall, rss, code: r.status }
}
const median = xs => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]

const tools = {
  benchgate: [
    process.execPath,
    [
      join(root, 'dist', 'cli.js'),
      'compare',
      a,
      b,
      '--format',
      'json',
      '--output',
      join(work, 'scale.json')
    ]
  ],
  benchstat: [benchstat, [a, b]]
}
const results = Object.fromEntries(Object.keys(tools).map(k => [k, []]))
for (let i = 0; i < runs; i++)
  for (const [name, [cmd, args]] of Object.entries(tools)) {
    const m = measure(cmd, args)
    log(`${name} run ${i + 1}: ${m.wall}s, ${Math.round(m.rss / 1024)} MiB (exit ${m.code})`)
    results[name].push(m)
  }
const row = name => {
  const w = median(results[name].map(r => r.wall))
  const rss = Math.max(...results[name].map(r => r.rss))
  const ratio = w / median(results.benchgate.map(r => r.wall))
  return `| ${name} | ${w.toFixed(2)} s | ${ratio.toFixed(2)}× | ${Math.round(rss / 1024)} MiB |`
}

// 2. Sparse location ids, in process, through the built decoder.
const { decodeProfile } = await import(join(root, 'bench', 'results', 'tmp', 'decoder.mjs')).catch(
  async () => {
    // Bundle the decoder once so the script needs no TypeScript loader.
    execFileSync(
      join(root, 'node_modules', '.bin', 'ncc'),
      ['build', join(root, 'src', 'pprof', 'index.ts'), '-o', join(work, 'decoder'), '--quiet'],
      { stdio: 'inherit' }
    )
    execFileSync('mv', [join(work, 'decoder', 'index.js'), join(work, 'decoder.mjs')])
    return import(join(work, 'decoder.mjs'))
  }
)
const varint = n => {
  const out = []
  let v = BigInt(n)
  do {
    let byte = Number(v & 0x7fn)
    v >>= 7n
    if (v !== 0n) byte |= 0x80
    out.push(byte)
  } while (v !== 0n)
  return out
}
const field = (num, bytes) => [...varint((num << 3) | 2), ...varint(bytes.length), ...bytes]
const vfield = (num, v) => [...varint(num << 3), ...varint(v)]
function sparseProfile(samples) {
  const parts = [field(1, [...vfield(1, 1), ...vfield(2, 2)])]
  const sample = field(2, [...vfield(1, 2 ** 31), ...vfield(2, 1)])
  for (let i = 0; i < samples; i++) parts.push(sample)
  for (const id of [1, 2 ** 31])
    parts.push(field(4, [...vfield(1, id), ...field(4, [...vfield(1, 1), ...vfield(2, 7)])]))
  parts.push(field(5, [...vfield(1, 1), ...vfield(2, 3), ...vfield(3, 3), ...vfield(4, 4)]))
  for (const s of ['', 'samples', 'count', 'main', 'x.go'])
    parts.push(field(6, [...Buffer.from(s)]))
  return Uint8Array.from(parts.flat())
}
const sizes = [50_000, 100_000, 200_000, 400_000]
const decodeRows = []
let largest
for (const n of sizes) {
  const bytes = sparseProfile(n)
  decodeProfile(bytes) // warm
  const times = []
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint()
    decodeProfile(bytes)
    times.push(Number(process.hrtime.bigint() - s) / 1e6)
  }
  const ms = median(times)
  decodeRows.push({ n, bytes: bytes.length, ms })
  log(`sparse ids, ${n} samples (${bytes.length} bytes): ${ms.toFixed(1)} ms`)
  largest = bytes
}
const sparseFile = join(work, 'sparse.pprof')
writeFileSync(sparseFile, gzipSync(largest))
const pprof = []
for (let i = 0; i < runs; i++) pprof.push(measure('go', ['tool', 'pprof', '-top', sparseFile]).wall)
log(`go tool pprof -top on the largest: ${median(pprof)} s`)

const per = decodeRows.map(r => (r.ms * 1000) / r.n)
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}, ${execFileSync('go', ['version']).toString().trim()}. Median of ${runs} runs; each compare is a whole process.`,
  '',
  `**compare of ${N.toLocaleString('en')} benchmarks × 16 samples** (go test -bench text, ${Math.round(statSync(a).size / 2 ** 20)} MiB a side; every tenth 3% slower):`,
  '',
  '| tool | wall (median) | × benchgate | peak RSS (max) |',
  '| --- | --- | --- | --- |',
  row('benchgate'),
  row('benchstat'),
  '',
  `**Decoding a profile with sparse location ids** (one id of 2^31; before issue 12 the id lookup rescanned the samples, over a minute at 1.5 MB):`,
  '',
  '| samples | bytes | decode (median) | µs per sample |',
  '| --- | --- | --- | --- |',
  ...decodeRows.map(
    (r, i) =>
      `| ${r.n.toLocaleString('en')} | ${r.bytes.toLocaleString('en')} | ${r.ms.toFixed(1)} ms | ${per[i].toFixed(3)} |`
  ),
  '',
  `Time per sample from the smallest to the largest: ${(per.at(-1) / per[0]).toFixed(2)}× (linear is 1×). \`go tool pprof -top\` on the largest, gzip-compressed: ${median(pprof).toFixed(2)} s.`
].join('\n')
recordSection(join(root, 'docs', 'performance.md'), 'bench/scale.mjs', section)
console.log(section)
