import { run } from './go.js'

/** What `go tool pprof -top` reports for one sample type. */
export interface OracleTop {
  total: number
  functions: Map<string, { flat: number; cum: number }>
}

const ROW = /^\s*(-?\d+)[a-zA-Z]*\s+\S+%\s+\S+%\s+(-?\d+)[a-zA-Z]*\s+\S+%\s+(.+)$/

/**
 * Run the oracle: `go tool pprof -top -nodefraction=0` with an exact unit
 * (ns for time, B for bytes; counts are printed as plain integers), and
 * parse its rows. pprof marks inlined nodes with " (inline)" or
 * " (partial-inline)"; the node is
 * still keyed by the function name alone.
 */
export async function pprofTop(
  file: string,
  sampleIndex: string,
  unit: string
): Promise<OracleTop> {
  const unitFlag = unit === 'bytes' ? ['-unit=B'] : unit === 'nanoseconds' ? ['-unit=ns'] : []
  const { stdout } = await run('go', [
    'tool',
    'pprof',
    '-top',
    '-nodefraction=0',
    '-nodecount=1000000',
    `-sample_index=${sampleIndex}`,
    ...unitFlag,
    file
  ])
  const functions = new Map<string, { flat: number; cum: number }>()
  let total = Number.NaN
  let inRows = false
  for (const line of stdout.split('\n')) {
    const showing = /^Showing nodes accounting for .*? of (-?\d+)[a-zA-Z]* total/.exec(line)
    if (showing) total = Number(showing[1])
    if (/^\s+flat\s+flat%\s+sum%\s+cum\s+cum%/.test(line)) {
      inRows = true
      continue
    }
    if (!inRows || line.trim() === '') continue
    const m = ROW.exec(line)
    if (!m) throw new Error(`unparsed pprof row: ${JSON.stringify(line)}`)
    const name = m[3].replace(/ \((?:partial-)?inline\)$/, '')
    if (functions.has(name)) throw new Error(`pprof printed ${name} twice`)
    functions.set(name, { flat: Number(m[1]), cum: Number(m[2]) })
  }
  if (Number.isNaN(total)) {
    // An empty profile prints no "Showing" line.
    if (functions.size === 0) total = 0
    else throw new Error(`no total in pprof output:\n${stdout}`)
  }
  return { total, functions }
}

/**
 * What `go tool pprof -list` reports per source line, for each function
 * whose name matches `regex`: line → flat and cum, in the exact unit
 * (as pprofTop). Lines pprof prints as `.` are zero and left out.
 */
export async function pprofList(
  file: string,
  regex: string,
  sampleIndex: string,
  unit: string
): Promise<Map<string, Map<number, { flat: number; cum: number }>>> {
  const unitFlag = unit === 'bytes' ? ['-unit=B'] : unit === 'nanoseconds' ? ['-unit=ns'] : []
  const { stdout } = await run('go', [
    'tool',
    'pprof',
    `-list=${regex}`,
    `-sample_index=${sampleIndex}`,
    ...unitFlag,
    file
  ])
  const out = new Map<string, Map<number, { flat: number; cum: number }>>()
  let current: Map<number, { flat: number; cum: number }> | undefined
  const value = (s: string): number => (s === '.' ? 0 : Number(/^-?\d+/.exec(s)![0]))
  for (const line of stdout.split('\n')) {
    const routine = /^ROUTINE =+ (.+) in (.+)$/.exec(line)
    if (routine) {
      current = out.get(routine[1]) ?? out.set(routine[1], new Map()).get(routine[1])!
      continue
    }
    const row = /^\s*(\S+)\s+(\S+)\s+(\d+):/.exec(line)
    if (!current || !row || (row[1] === '.' && row[2] === '.')) continue
    const n = Number(row[3])
    const e = current.get(n) ?? { flat: 0, cum: 0 }
    e.flat += value(row[1])
    e.cum += value(row[2])
    current.set(n, e)
  }
  return out
}
