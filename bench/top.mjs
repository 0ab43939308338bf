#!/usr/bin/env node
// Benchmark: `benchgate top` end to end, as a process, against
//   - go tool pprof -top -nodefraction=0 (the oracle),
//   - pprof-format (npm) + zlib gunzip + the same aggregation,
//   - the static protobufjs module generated from our .proto (our first decoder),
// on one large real allocs profile written by bench/bigprofile. Also measures
// gunzip with node:zlib against pako in process. Reports medians, ratios and
// peak RSS, and records them in docs/performance.md.
//
//   npm run package && node bench/top.mjs [--runs 5] [--paths 700000]
//
// Needs Go and GNU time (/usr/bin/time, Debian package "time").
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { recordSection } from './record.mjs'
import { parseArgs } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { ungzip } from 'pako'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, paths: { type: 'string', default: '700000' } }
})
const runs = Number(values.runs)
const work = join(root, 'bench', 'results', 'tmp')
mkdirSync(work, { recursive: true })
const profile = join(work, `big-${values.paths}.mem.pprof`)

const t0 = Date.now()
const log = msg => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`)

if (!existsSync(profile)) {
  log(`writing the large profile (${values.paths} call paths) with bench/bigprofile`)
  execFileSync('go', ['run', '.', '-out', profile, '-paths', values.paths, '-depth', '13'], {
    cwd: join(here, 'bigprofile'),
    stdio: 'inherit'
  })
}
const gz = readFileSync(profile)
const raw = gunzipSync(gz)
log(`profile: ${gz.length} bytes gzip, ${raw.length} bytes uncompressed`)

/** Run a command under GNU time; return wall seconds and peak RSS in bytes. */
function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    maxBuffer: 1 << 30,
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`)
  const [wall, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number)
  return { wall, rss: kb * 1024, stdout: r.stdout }
}

const tools = {
  benchgate: [process.execPath, [join(root, 'dist', 'cli.js'), 'top', '--json', profile]],
  'go tool pprof -top': ['go', ['tool', 'pprof', '-top', '-nodefraction=0', profile]],
  'pprof-format + same aggregation': [
    process.execPath,
    [join(here, 'pprof-format-top.mjs'), profile]
  ],
  'protobufjs static module + same aggregation': [
    process.execPath,
    [join(here, 'protobufjs-top.mjs'), profile]
  ]
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const results = {}
const outputs = {}
let done = 0
const total = Object.keys(tools).length * runs
for (let i = 0; i < runs; i++) {
  // Interleave tools within each round so drift affects all alike.
  for (const [name, [cmd, args]] of Object.entries(tools)) {
    const r = timed(cmd, args)
    ;(results[name] ??= []).push(r)
    if (name !== 'go tool pprof -top') outputs[name] = r.stdout
    log(`${++done}/${total} ${name}: ${r.wall.toFixed(2)} s, ${(r.rss / 2 ** 20).toFixed(0)} MiB`)
  }
}

// The three JSON-printing readers must agree, or the timing means nothing.
const [first, ...rest] = Object.values(outputs).map(s => JSON.parse(s))
for (const other of rest) {
  if (
    JSON.stringify(other.functions) !== JSON.stringify(first.functions) ||
    other.total !== first.total
  ) {
    throw new Error('the readers disagree on the function table; fix that before trusting timings')
  }
}

// gunzip: node:zlib vs pako, in process.
const inflate = {
  'node:zlib gunzipSync': () => gunzipSync(gz),
  'pako.ungzip': () => ungzip(gz)
}
const gunzip = {}
for (const [name, fn] of Object.entries(inflate)) {
  fn()
  const times = []
  for (let i = 0; i < Math.max(5, runs); i++) {
    const s = performance.now()
    const out = fn()
    times.push(performance.now() - s)
    if (out.length !== raw.length)
      throw new Error(`${name} inflated ${out.length} bytes, want ${raw.length}`)
  }
  gunzip[name] = median(times)
}

const ours = median(results.benchgate.map(r => r.wall))
const rows = Object.entries(results).map(([name, rs]) => {
  const wall = median(rs.map(r => r.wall))
  const rss = Math.max(...rs.map(r => r.rss))
  return `| ${name} | ${wall.toFixed(2)} s | ${(wall / ours).toFixed(1)}× | ${(rss / 2 ** 20).toFixed(0)} MiB | ${(rss / raw.length).toFixed(1)}× |`
})
const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim()
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}, ${goVersion}.`,
  `Profile: allocs profile from \`bench/bigprofile\` (${values.paths} distinct call paths), ${gz.length.toLocaleString('en')} bytes gzip, ${raw.length.toLocaleString('en')} bytes uncompressed. Median of ${runs} runs per tool, interleaved; each run is a whole process.`,
  '',
  '| tool | wall (median) | × benchgate | peak RSS (max) | RSS ÷ uncompressed size |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
  '',
  'gunzip of the same file, in process (median):',
  '',
  '| inflater | time |',
  '| --- | --- |',
  ...Object.entries(gunzip).map(([n, ms]) => `| ${n} | ${ms.toFixed(1)} ms |`)
].join('\n')
console.log(section)

const doc = join(root, 'docs', 'performance.md')
recordSection(doc, 'bench/top.mjs', section)
log(`recorded in ${doc}`)
