/**
 * A parser for Go's benchmark text format (golang.org/design/14313-benchmark-format,
 * as written by `go test -bench`), fed one line at a time so the runner can
 * report progress as results arrive. Pure: lines in, events out.
 */

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
const RESULT = /^(Benchmark\S*)\s+(\d+)\s+(.*)$/
const NAME_ONLY = /^(Benchmark\S+)(?:\s+(.*))?$/
const CONTINUATION = /^(\d+)\s+(\d\S*\s+\S+.*)$/
const FAIL_BENCH = /^--- FAIL: (Benchmark\S+)/
const FAIL_PKG = /^FAIL\s+(\S+)(?:\s+\[(build failed|setup failed)\]|\s+[\d.]+s)?\s*$/
const BUILD_HEADER = /^# (\S+)/
const UNIT = /^Unit\s+(\S+)\s+(.*)$/

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

/** Streaming parser; call line() for each line, then finish(). */
export class BenchParser {
  private pkg = ''
  /** Config lines persist until changed (benchfmt), so keep the running set. */
  private current: Record<string, string> = {}
  private pendingName: string | undefined
  /** A failure still collecting its explanation lines. */
  private open: BenchFailure | undefined
  readonly out: ParsedBenchOutput = { results: [], failures: [], config: {}, units: {} }

  /** Feed one line (without its newline). Returns the result it completed, if any. */
  line(raw: string): BenchResult | undefined {
    const text = raw.replace(/\r$/, '')
    if (this.collect(text)) return undefined

    const result = RESULT.exec(text)
    if (result) {
      const measurements = parsePairs(result[3])
      if (measurements) return this.emit(result[1], Number(result[2]), measurements)
    }
    // A benchmark that writes to stdout splits its line: the name, then
    // whatever it printed, then "N  v unit …" on a later line.
    const cont = CONTINUATION.exec(text)
    if (cont && this.pendingName) {
      const measurements = parsePairs(cont[2])
      if (measurements) return this.emit(this.pendingName, Number(cont[1]), measurements)
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
    const unit = UNIT.exec(text)
    if (unit) {
      const meta = (this.out.units[unit[1]] ??= {})
      for (const kv of unit[2].trim().split(/\s+/)) {
        const eq = kv.indexOf('=')
        if (eq > 0) meta[kv.slice(0, eq)] = kv.slice(eq + 1)
      }
      return undefined
    }
    const name = NAME_ONLY.exec(text)
    if (name) {
      this.pendingName = name[1]
      // Go prints a benchmark's name before running it, so a panic's
      // message (stderr) can land on the same line: "BenchmarkX-8 \tpanic: …".
      const rest = name[2] ?? ''
      if (rest.startsWith('panic: '))
        this.start({
          pkg: this.pkg,
          kind: 'panic',
          benchmark: name[1].replace(/-\d+$/, ''),
          detail: [rest]
        })
      return undefined
    }
    const config = CONFIG.exec(text)
    if (config && !text.startsWith(' ')) {
      this.current[config[1]] = config[2].trim()
      if (config[1] === 'pkg') {
        delete this.out.config['']
        this.pkg = config[2].trim()
      }
      this.out.config[this.pkg] = { ...this.current }
    }
    return undefined
  }

  /** Flush any failure still open. */
  finish(): ParsedBenchOutput {
    this.open = undefined
    return this.out
  }

  private emit(name: string, iterations: number, measurements: Measurement[]): BenchResult {
    this.pendingName = undefined
    this.open = undefined
    const r: BenchResult = { pkg: this.pkg, name, iterations, measurements }
    this.out.results.push(r)
    return r
  }

  private start(failure: BenchFailure): void {
    this.out.failures.push(failure)
    this.open = failure
  }

  /**
   * While a failure is open, its explanation lines (indented b.Fatal
   * messages, compiler errors, panic traces) belong to it.
   */
  private collect(text: string): boolean {
    const f = this.open
    if (!f) return false
    const indented = /^\s+\S/.test(text)
    switch (f.kind) {
      case 'benchmark':
        if (indented) {
          f.detail.push(text.trim())
          return true
        }
        break
      case 'build':
        if (!FAIL_PKG.test(text) && text.trim() !== '') {
          f.detail.push(text)
          return true
        }
        break
      case 'panic':
        if (!FAIL_PKG.test(text) && !/^exit status \d+$/.test(text) && text.trim() !== 'FAIL') {
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
