import { maxOf } from '../data/index.js'
import type { FunctionTable } from './aggregate.js'

/**
 * Names come from the profile, which the code under test wrote: control,
 * bidi and invisible characters are shown as `\uXXXX`, never sent to the
 * terminal. Real Go names hold none, so the output still equals pprof's.
 */
function inert(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    c => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`
  )
}

/** Short unit suffixes, as `go tool pprof -unit=ns|B` prints them. */
const UNIT_SUFFIX: Record<string, string> = { nanoseconds: 'ns', bytes: 'B', count: '' }

function pct(part: number, total: number): string {
  return total === 0 ? '0%' : `${((100 * part) / total).toFixed(2)}%`
}

/**
 * Render a function table the way `go tool pprof -top` does: flat, flat%,
 * running sum%, cum, cum%, name. Values are exact integers in the
 * profile's own unit.
 */
export function formatTop(table: FunctionTable, file: string): string {
  const suffix = UNIT_SUFFIX[table.unit] ?? inert(table.unit)
  const fmt = (v: number): string => (v === 0 ? '0' : `${v}${suffix}`)
  const rows = table.functions.map(f => [fmt(f.flat), fmt(f.cum), f])
  const flatWidth = maxOf(
    rows.map(r => String(r[0]).length),
    10
  )
  const cumWidth = maxOf(
    rows.map(r => String(r[1]).length),
    10
  )
  const lines = [
    `File: ${inert(file)}`,
    `Type: ${inert(table.sampleType)}`,
    `Showing ${table.functions.length} functions accounting for ${fmt(table.total)} total (${inert(table.unit)})`,
    `${'flat'.padStart(flatWidth)}  flat%   sum% ${'cum'.padStart(cumWidth)}   cum%`
  ]
  let sum = 0
  for (const f of table.functions) {
    sum += f.flat
    lines.push(
      [
        fmt(f.flat).padStart(flatWidth),
        pct(f.flat, table.total).padStart(6),
        pct(sum, table.total).padStart(6),
        fmt(f.cum).padStart(cumWidth),
        pct(f.cum, table.total).padStart(6),
        ` ${inert(f.name)}`
      ].join(' ')
    )
  }
  return lines.join('\n') + '\n'
}
