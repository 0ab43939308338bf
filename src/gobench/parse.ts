/**
 * A parser for Go's benchmark text format (golang.org/design/14313-benchmark-format,
 * as written by `go test -bench`), fed one line at a time so the runner can
 * report progress as results arrive. Pure: lines in, events out.
 */

import { table } from '../data/index.js'

/** One value/unit pair of a result line, e.g. 123.4 ns/op. */
export interface Measurement {
  value: number
  unit: string
}

/** One benchmark result line: one -count run of one benchmark. */
export interface BenchResult {
  /** Import path from the latest `pkg:` config line ("" if none was seen). */
  pkg: string
  /** Full name as printed, with /sub parts and the -procs suffix: `BenchmarkX/sub-8`. */
  name: string
  iterations: number
  measurements: Measurement[]
}

/** A failure Go reported. */
export interface BenchFailure {
  pkg: string
  kind: 'build' | 'benchmark' | 'panic' | 'package'
  /** The benchmark that failed, when Go names one. */
  benchmark?: string
  /** The lines that explain it (compiler errors, the panic, b.Fatal's message). */
  detail: string[]
}

/** Everything read from one stream of `go test -bench` output. */
export interface ParsedBenchOutput {
  results: BenchResult[]
  failures: BenchFailure[]
  /**
   * The config in effect for each package (`goos`, `goarch`, `cpu`, `pkg`, …);
   * key "" holds lines seen when no `pkg:` has been.
   */
  config: Record<string, Record<string, string>>
  /** `Unit` metadata lines: unit → key → value (e.g. ns/op → assume → exact). */
  units: Record<string, Record<string, string>>
  /** Benchmarks whose name was printed but whose result line never came. */
  unfinished: { pkg: string; name: string }[]
}

/** The parts of a full benchmark name. */
export interface BenchName {
  /** `BenchmarkX` */
  base: string
  /** Sub-benchmark path after the first `/`, without the procs suffix ("" if none). */
  sub: string
  /** GOMAXPROCS from the `-N` suffix; 1 when Go omitted it. */
  procs: number
}

/** Split `BenchmarkX/a/b-8` into base, sub path and procs. */
export function splitBenchName(full: string): BenchName {
  const m = /^(.*?)-(\d+)$/.exec(full)
  const name = m ? m[1] : full
  const procs = m ? Number(m[2]) : 1
  const slash = name.indexOf('/')
  return slash < 0
    ? { base: name, sub: '', procs }
    : { base: name.slice(0, slash), sub: name.slice(slash + 1), procs }
}

const CONFIG = /^([a-z][^\s:]*):\s*(.*)$/
/** The header lines every test binary prints before its first result. */
const HEADER = /^(goos|goarch|pkg|cpu):/
const RESULT = /^(Benchmark\S*)\s+(\d+)\s+(.*)$/
const NAME_ONLY = /^(Benchmark\S+)(?:\s+(.*))?$/
/**
 * A result whose name was printed earlier: when a benchmark writes to
 * stdout, Go prints the name, then the output, then the rest of the line,
 * its iteration count padded to 8 columns (`    1000\t  77.15 ns/op`).
 */
const CONTINUATION = /^\s*(\d+)\s+(\d\S*\s+\S+.*)$/
const FAIL_BENCH = /^--- FAIL: (Benchmark\S+)/
/** b.Skip under -v: the name was printed, and no result will come, by design. */
const SKIP_BENCH = /^\s*--- SKIP: (Benchmark\S+)/
const FAIL_PKG = /^FAIL\s+(\S+)(?:\s+\[(build failed|setup failed)\]|\s+[\d.]+s)?\s*$/
const OK_PKG = /^ok\s+(\S+)/
const BUILD_HEADER = /^# (\S+)/
const UNIT = /^Unit\s+(\S+)\s+(.*)$/

const GLUED_GOOS = /(goos: \S+)$/
/** One measurement of a tab-separated result: `  77.15 ns/op`. */
const MEASURE_FIELD = /^\s*[-+]?(?:\d|\.\d)\S*\s+\S+\s*$/

/**
 * A result line with a benchmark's own output run into it, which happens
 * when that output does not end in a newline: `BenchmarkX-8 \tdots...  1000\t 77 ns/op`,
 * or under -v `dots...BenchmarkX-8 \t  1000\t 77 ns/op`. Go writes the
 * name, a tab, then `%8d\t` and each measurement after a tab, so the
 * tab-separated fields from the end are the measurements, then the field
 * that ends in the iteration count, then (before a tab) the name.
 */
function gluedResult(
  text: string,
  pending: string | undefined
): { name: string; iterations: number; measurements: Measurement[] } | undefined {
  if (!text.includes('\t')) return undefined
  const fields = text.split('\t')
  let k = fields.length
  while (k > 1 && MEASURE_FIELD.test(fields[k - 1])) k--
  if (k === fields.length || k < 1) return undefined
  const count = /(\d+)\s*$/.exec(fields[k - 1])
  if (!count) return undefined
  const measurements = parsePairs(fields.slice(k).join(' '))
  if (!measurements) return undefined
  // The name is at the end of the field before the count, or of the count's
  // own field before the output (-v), or was printed on an earlier line.
  const named =
    (k >= 2 ? /(Benchmark\S*)\s*$/.exec(fields[k - 2]) : null) ??
    /(Benchmark\S*)\s+\d+\s*$/.exec(fields[k - 1])
  const name = named?.[1] ?? pending
  return name ? { name, iterations: Number(count[1]), measurements } : undefined
}

/**
 * Parse value/unit pairs. A result line's tail is `v unit v unit …`; a
 * trailing odd token makes the line invalid (returns undefined).
 */
function parsePairs(tail: string): Measurement[] | undefined {
  const fields = tail.trim().split(/\s+/)
  if (fields.length === 0 || fields.length % 2 !== 0) return undefined
  const out: Measurement[] = []
  for (let i = 0; i < fields.length; i += 2) {
    const value = Number(fields[i])
    if (!Number.isFinite(value) || !/^[-+]?(\d|\.\d)/.test(fields[i])) return undefined
    out.push({ value, unit: fields[i + 1] })
  }
  return out
}

/** `BenchmarkX/sub-8` → `BenchmarkX/sub`: the name as Go prints it before it knows procs. */
function withoutProcs(name: string): string {
  return name.replace(/-\d+$/, '')
}

/**
 * Streaming parser; call line() for each line, then finish().
 *
 * A benchmark can print anything, including lines that look like Go's own
 * failure reports (`# pkg`, `panic: …`, `--- FAIL: …`). So a result line is
 * never taken as a failure's detail, and a failure stays tentative until Go
 * confirms it: a `FAIL pkg` line keeps it; a later result of the same
 * package (a panic ends the process, so nothing follows a real one), a
 * result of the benchmark a `--- FAIL` named, or an `ok pkg` line shows it
 * was printed text, and it is dropped. A build failure that no
 * `FAIL pkg [build failed]` line confirms is dropped at the end.
 */
export class BenchParser {
  private pkg = ''
  /** Config lines persist until changed (benchfmt), so keep the running set. */
  private current = table<string>()
  private pendingName: string | undefined
  /** A failure still collecting its explanation lines. */
  private open: BenchFailure | undefined
  /** Failures Go has not confirmed with a `FAIL pkg` line yet. */
  private tentative = new Set<BenchFailure>()
  /** Names printed before a result (`-v`, or a benchmark that writes output), without procs. */
  private named = new Map<string, string>()
  private finished = new Set<string>()
  readonly out: ParsedBenchOutput = {
    results: [],
    failures: [],
    config: table(),
    units: table(),
    unfinished: []
  }

  /** Feed one line (without its newline). Returns the result it completed, if any. */
  line(raw: string): BenchResult | undefined {
    const text = raw.replace(/\r$/, '')
    // Results first: nothing a benchmark printed before may swallow one.
    const result = RESULT.exec(text)
    if (result) {
      const measurements = parsePairs(result[3])
      if (measurements) return this.emit(result[1], Number(result[2]), measurements)
    }
    const cont = CONTINUATION.exec(text)
    if (cont && this.pendingName) {
      const measurements = parsePairs(cont[2])
      if (measurements) return this.emit(this.pendingName, Number(cont[1]), measurements)
    }
    const glued = gluedResult(text, this.pendingName)
    if (glued) return this.emit(glued.name, glued.iterations, glued.measurements)
    if (this.collect(text)) return undefined
    // Output without a final newline runs into Go's first header line.
    const goos = GLUED_GOOS.exec(text)
    if (goos && !text.startsWith('goos:')) {
      this.line(goos[1])
      return undefined
    }

    const skipped = SKIP_BENCH.exec(text)
    if (skipped) {
      this.finished.add(withoutProcs(skipped[1]))
      return undefined
    }
    const failBench = FAIL_BENCH.exec(text)
    if (failBench) {
      this.start({ pkg: this.pkg, kind: 'benchmark', benchmark: failBench[1], detail: [] })
      return undefined
    }
    if (text.startsWith('panic: ')) {
      this.start({ pkg: this.pkg, kind: 'panic', benchmark: this.pendingName, detail: [text] })
      return undefined
    }
    const build = BUILD_HEADER.exec(text)
    if (build) {
      this.start({ pkg: build[1], kind: 'build', detail: [] })
      return undefined
    }
    const failPkg = FAIL_PKG.exec(text)
    if (failPkg) {
      this.failPackage(failPkg[1], failPkg[2])
      return undefined
    }
    const ok = OK_PKG.exec(text)
    if (ok) {
      // The package passed: whatever looked like its failure was printed text.
      this.drop(f => f.pkg === ok[1] || f.pkg === this.pkg)
      return undefined
    }
    const unit = UNIT.exec(text)
    if (unit) {
      const meta = (this.out.units[unit[1]] ??= table())
      for (const kv of unit[2].trim().split(/\s+/)) {
        const eq = kv.indexOf('=')
        if (eq > 0) meta[kv.slice(0, eq)] = kv.slice(eq + 1)
      }
      return undefined
    }
    const name = NAME_ONLY.exec(text)
    if (name) {
      this.pendingName = name[1]
      const bare = withoutProcs(name[1])
      if (!this.named.has(bare)) this.named.set(bare, this.pkg)
      // Go prints a benchmark's name before running it, so a panic's
      // message (stderr) can land on the same line: "BenchmarkX-8 \tpanic: …".
      const rest = name[2] ?? ''
      if (rest.startsWith('panic: '))
        this.start({ pkg: this.pkg, kind: 'panic', benchmark: bare, detail: [rest] })
      return undefined
    }
    const config = CONFIG.exec(text)
    if (config && !text.startsWith(' ')) {
      this.current[config[1]] = config[2].trim()
      if (config[1] === 'pkg') {
        delete this.out.config['']
        this.pkg = config[2].trim()
      }
      this.out.config[this.pkg] = Object.assign(table<string>(), this.current)
    }
    return undefined
  }

  /** Flush any failure still open; drop build failures Go never confirmed. */
  finish(): ParsedBenchOutput {
    this.open = undefined
    this.drop(f => f.kind === 'build')
    const done = new Set(this.out.failures.map(f => withoutProcs(f.benchmark ?? '')))
    for (const name of this.finished) {
      // A parent of sub-benchmarks gets no result line of its own.
      for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1))
        done.add(name.slice(0, i))
      done.add(name)
    }
    for (const [name, pkg] of this.named)
      if (!done.has(name)) this.out.unfinished.push({ pkg, name })
    return this.out
  }

  private emit(name: string, iterations: number, measurements: Measurement[]): BenchResult {
    this.pendingName = undefined
    this.open = undefined
    const bare = withoutProcs(name)
    // A panic ends the test binary, and a failed benchmark prints no result:
    // so anything that said otherwise before this result was printed text.
    this.drop(
      f =>
        f.pkg === this.pkg &&
        (f.kind === 'panic' || (f.kind === 'benchmark' && withoutProcs(f.benchmark ?? '') === bare))
    )
    this.finished.add(bare)
    const r: BenchResult = { pkg: this.pkg, name, iterations, measurements }
    this.out.results.push(r)
    return r
  }

  private start(failure: BenchFailure): void {
    this.out.failures.push(failure)
    this.tentative.add(failure)
    this.open = failure
  }

  /** Remove the tentative failures that match. */
  private drop(match: (f: BenchFailure) => boolean): void {
    const gone = [...this.tentative].filter(match)
    if (gone.length === 0) return
    for (const f of gone) this.tentative.delete(f)
    if (this.open && gone.includes(this.open)) this.open = undefined
    this.out.failures = this.out.failures.filter(f => !gone.includes(f))
  }

  /**
   * While a failure is open, its explanation lines (indented b.Fatal
   * messages, compiler errors, panic traces) belong to it. A line that
   * starts a test binary's header, names a benchmark or ends a package
   * closes it, so a benchmark that printed `# …` or `panic: …` loses
   * nothing that follows.
   */
  private collect(text: string): boolean {
    const f = this.open
    if (!f) return false
    if (
      HEADER.test(text) ||
      NAME_ONLY.test(text) ||
      FAIL_PKG.test(text) ||
      OK_PKG.test(text) ||
      /^(PASS|FAIL)$/.test(text.trim())
    ) {
      this.open = undefined
      return false
    }
    const indented = /^\s+\S/.test(text)
    switch (f.kind) {
      case 'benchmark':
        if (indented) {
          if (f.detail.length < 40) f.detail.push(text.trim())
          return true
        }
        break
      case 'build':
        if (text.trim() !== '') {
          if (f.detail.length < 200) f.detail.push(text)
          return true
        }
        break
      case 'panic':
        if (!/^exit status \d+$/.test(text)) {
          if (f.detail.length < 40) f.detail.push(text)
          // Without -v, Go prints no name before a panic; the trace has it.
          f.benchmark ??= /\.(Benchmark[^.(\s]*)\(/.exec(text)?.[1]
          return true
        }
        break
      case 'package':
        break
    }
    this.open = undefined
    return false
  }

  private failPackage(pkg: string, reason: string | undefined): void {
    this.open = undefined
    // Go confirms what went before: these failures were real.
    for (const f of this.tentative)
      if (f.pkg === pkg || f.pkg === this.pkg) this.tentative.delete(f)
    const known = this.out.failures.some(f => f.pkg === pkg && f.kind === 'build')
    if (reason === 'build failed' && known) return
    if (!known && !this.out.failures.some(f => f.pkg === pkg)) {
      this.out.failures.push({
        pkg,
        kind: reason ? 'build' : 'package',
        detail: reason ? [`${reason}`] : []
      })
    }
  }
}

/** Parse a whole text at once. */
export function parseBenchOutput(text: string): ParsedBenchOutput {
  const parser = new BenchParser()
  for (const line of text.split('\n')) parser.line(line)
  return parser.finish()
}
