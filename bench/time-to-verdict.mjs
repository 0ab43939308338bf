#!/usr/bin/env node
// Benchmark: what a pull request costs (issue 30). A real multi-package
// module from the Go module proxy, in a git repository, given three pull
// requests made from its published state:
//
//   leaf: a change to a package nothing else imports;
//   docs: a change to README.md only;
//   core: a change to a package (nearly) every other one imports.
//
// For each, the PR job of gate confirmed is timed three ways, one after
// another on this machine:
//
//   changed  — today's default (select: changed): `run --since BASE` with
//              the baseline's iteration counts, then `compare --confirm-base`;
//   all      — before issue 30 (select: all): `run` of every package, then
//              `compare --confirm-base --select all`;
//   go test  — the plain `go test -run ^$ -bench RE -benchtime T -count N`
//              of the same packages, with no profiles and no verdict.
//
// The baseline (`run` at the base, not timed) is made once. Results go to
// docs/performance.md (section time-to-verdict) with --record.
//
//   npm run package && node bench/time-to-verdict.mjs [--count 6]
//     [--benchtime 20ms] [--bench RE] [--record]
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '6' },
    benchtime: { type: 'string', default: '20ms' },
    // A few benchmarks of each package (sub-benchmarks included): -bench . is
    // over 1,000 results, hours at a process a sample.
    bench: {
      type: 'string',
      default:
        '^(BenchmarkEstimate|BenchmarkCompress|BenchmarkDecodeDigitsSpeed1e4|BenchmarkDecodeDigitsDefault1e4|BenchmarkGzipHandler_S2k|BenchmarkGzipHandler_P2k|BenchmarkGunzipCopy|BenchmarkGzipL1|BenchmarkDecompress4XNoTableTableLog8|BenchmarkTwainDecode1e3|BenchmarkRandomEncode|BenchmarkSnappyStreamDecode|BenchmarkSnappyStreamEncode|BenchmarkCompressedZipGarbage|BenchmarkZip64Test|BenchmarkEncoder_EncodeAllSimple|BenchmarkEncoder_EncodeAllXML)$'
    },
    record: { type: 'boolean', default: false }
  }
})
const t0 = Date.now()
const log = m => console.error(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)}s] ${m}`)

const MODULE = 'github.com/klauspost/compress@v1.18.0'
/** The pull requests: a file, the text replaced, and what replaces it. */
const PRS = {
  leaf: {
    // zip looks like a leaf, but the tests of huff0, s2 and zstd read their
    // inputs with it, so their test binaries link it (go list -deps -test).
    what: 'snappy/xerial (linked by no other test binary)',
    file: 'snappy/xerial/xerial.go',
    from: 'func EncodeBetter(dst, src []byte) []byte {\n\tif len(dst) == 0 {\n',
    to: 'func EncodeBetter(dst, src []byte) []byte {\n\tif cap(dst) == 0 {\n\t\tdst = make([]byte, 0, len(src)/2+len(xerialHeader)+len(xerialVersionInfo))\n\t}\n\tif len(dst) == 0 {\n'
  },
  docs: {
    what: 'README.md only',
    file: 'README.md',
    // Appended: the README has CRLF line ends.
    from: '',
    to: '\r\nOne more line of documentation.\r\n'
  },
  core: {
    what: 'internal/le (linked by 9 of the 11 test binaries)',
    file: 'internal/le/unsafe_enabled.go',
    from: 'func Load64[I Indexer](b []byte, i I) uint64 {\n',
    to: 'func Load64[I Indexer](b []byte, i I) uint64 {\n\tif len(b) == 0 {\n\t\tpanic("le.Load64: empty slice")\n\t}\n'
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'bg-ttv-'))
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }))
cpSync(join(root, 'dist'), join(scratch, 'dist'), { recursive: true })
const cli = join(scratch, 'dist', 'cli.js')
const info = JSON.parse(
  execFileSync('go', ['mod', 'download', '-json', MODULE], { encoding: 'utf8' })
)
const repo = join(scratch, 'repo')
cpSync(info.Dir, repo, { recursive: true })
execFileSync('chmod', ['-R', 'u+w', repo])
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.invalid', ...args], {
    cwd: repo,
    encoding: 'utf8'
  }).trim()
git('init', '-q', '-b', 'main')
git('add', '.')
git('commit', '-qm', 'as published')
const base = git('rev-parse', 'HEAD')

/** Wall time of a command; its stdout. Exit 0 or 1 (a regression) is fine. */
function timed(cmd, args, ok = [0, 1]) {
  const started = performance.now()
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', maxBuffer: 512 << 20 })
  if (!ok.includes(r.status))
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${r.status}:\n${(r.stderr ?? '').slice(-3000)}`
    )
  return { s: (performance.now() - started) / 1000, stdout: r.stdout }
}
const bg = (...args) => timed(process.execPath, [cli, ...args])
const common = ['--bench', values.bench, '--count', values.count, '--benchtime', values.benchtime]
const baseline = join(scratch, 'baseline')

log(`${MODULE}: baseline at ${base.slice(0, 12)}`)
const made = bg('run', ...common, '--out', baseline)
const baseBundle = JSON.parse(readFileSync(join(baseline, 'results.json'), 'utf8'))
const packages = [...new Set(baseBundle.benchmarks.map(b => b.package))]
log(
  `baseline: ${baseBundle.benchmarks.length} benchmarks in ${packages.length} packages, ${made.s.toFixed(0)} s`
)

/** One PR job: the run, then the comparison with confirmation; its times and what it measured. */
function prJob(name, select) {
  const out = join(scratch, `${name}-${select}`)
  const run = bg(
    'run',
    ...common,
    '--iterations-from',
    baseline,
    ...(select === 'changed' ? ['--since', base] : []),
    '--out',
    out
  )
  const head = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))
  const confirm = bg(
    'compare',
    baseline,
    out,
    '--confirm-base',
    base,
    '--select',
    select,
    '--format',
    'json',
    '--out',
    `${out}-ab`
  )
  const c = JSON.parse(confirm.stdout)
  return {
    s: run.s + confirm.s,
    runS: run.s,
    confirmS: confirm.s,
    measured: new Set(head.benchmarks.map(b => b.package)).size,
    benchmarks: head.benchmarks.length,
    suspects: c.confirmation?.suspects ?? 0,
    regressions: c.counts.regression,
    verdict: c.verdict
  }
}

const rows = []
for (const [name, pr] of Object.entries(PRS)) {
  git('checkout', '-q', '-B', name, base)
  const path = join(repo, pr.file)
  const text = readFileSync(path, 'utf8')
  if (pr.from !== '' && !text.includes(pr.from))
    throw new Error(`${pr.file} of ${MODULE} lacks ${JSON.stringify(pr.from)}`)
  writeFileSync(path, pr.from === '' ? text + pr.to : text.replace(pr.from, pr.to))
  git('commit', '-qam', `pr: ${name}`)
  const changed = prJob(name, 'changed')
  log(`${name}: select changed ${changed.s.toFixed(1)} s, ${changed.measured} packages`)
  const all = prJob(name, 'all')
  log(`${name}: select all ${all.s.toFixed(1)} s, ${all.measured} packages`)
  const plain = timed(
    'go',
    [
      'test',
      '-run',
      '^$',
      '-bench',
      values.bench,
      '-benchtime',
      values.benchtime,
      '-count',
      values.count,
      ...packages
    ],
    [0, 1]
  )
  log(`${name}: go test -bench ${plain.s.toFixed(1)} s`)
  rows.push({ name, what: pr.what, changed, all, plainS: plain.s })
}

const f = x => x.toFixed(0)
const r2 = x => x.toFixed(2)
const lines = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model.split(' ')[0] ?? 'CPU'}, ${execFileSync('go', ['version'], { encoding: 'utf8' }).trim()}, Node ${process.version}. ${MODULE}: ${baseBundle.benchmarks.length} benchmarks in ${packages.length} packages; -bench ${values.bench}, count ${values.count}, benchtime ${values.benchtime}; confirmation at its defaults (cap 30 rounds, budget 120 s).`,
  '',
  '| pull request | changes | PR job, select: changed (run + confirmation) | packages measured | PR job, select: all (before) | changed ÷ all | plain `go test -bench` | changed ÷ go test | suspects (changed / all) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    r =>
      `| ${r.name} | ${r.what} | ${f(r.changed.s)} s (${f(r.changed.runS)} + ${f(r.changed.confirmS)}) | ${r.changed.measured} of ${packages.length} | ${f(r.all.s)} s (${f(r.all.runS)} + ${f(r.all.confirmS)}) | ${r2(r.changed.s / r.all.s)} | ${f(r.plainS)} s | ${r2(r.changed.s / r.plainS)} | ${r.changed.suspects} / ${r.all.suspects} |`
  )
]
console.log(lines.join('\n'))
if (values.record)
  recordSection(join(root, 'docs', 'performance.md'), 'time-to-verdict', lines.join('\n'))
