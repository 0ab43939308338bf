/**
 * The writer's side of the fork report: before a pull-request run uploads
 * its report, the report is fitted to the limits the comment job's reader
 * enforces (report-artifact.ts, REPORT_LIMITS): every string cut to its
 * field's length with an ellipsis, every list to its count, and then, if
 * the whole is still over the byte cap, the least-changed benchmarks are
 * left out, with a note that says so. A pull request with a 100 KB
 * benchmark name or 20,000 benchmarks still gets its comment and check.
 */
import type { BenchmarkComparison, Comparison } from '../compare/model.js'
import { MAX_REPORT_BYTES, REPORT_LIMITS, type PrReport } from './report-artifact.js'

/** The string limit of a field, by its name. */
const STRING_LIMITS: Record<string, number> = {
  unit: REPORT_LIMITS.unit,
  commit: REPORT_LIMITS.commit,
  goVersion: REPORT_LIMITS.goVersion,
  /** SideInfo's CPU model (a list named cpu is a measure's functions, in LIST_LIMITS). */
  cpu: REPORT_LIMITS.ref,
  ref: REPORT_LIMITS.ref,
  key: REPORT_LIMITS.key,
  repository: REPORT_LIMITS.repository
}

/** The count limit of a list, by its name. */
const LIST_LIMITS: Record<string, number> = {
  benchmarks: REPORT_LIMITS.benchmarks,
  metrics: REPORT_LIMITS.metrics,
  cpu: REPORT_LIMITS.functions,
  alloc_space: REPORT_LIMITS.functions,
  alloc_objects: REPORT_LIMITS.functions,
  path: REPORT_LIMITS.path,
  reasons: REPORT_LIMITS.reasons,
  warnings: REPORT_LIMITS.warnings,
  notes: REPORT_LIMITS.notes,
  geomean: REPORT_LIMITS.geomean
}

/** Cut a string to `max` UTF-16 units, ending in an ellipsis, never splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s
  let end = max - 1
  const code = s.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end--
  return s.slice(0, end) + '…'
}

/** Every string and list of a value, fitted to its field's limit. */
function fitValue(v: unknown, field: string): unknown {
  if (typeof v === 'string') return cut(v, STRING_LIMITS[field] ?? REPORT_LIMITS.text)
  if (Array.isArray(v))
    return v.slice(0, LIST_LIMITS[field] ?? REPORT_LIMITS.benchmarks).map(x => fitValue(x, field))
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fitValue(x, k)]))
  return v
}

const size = (r: PrReport): number => Buffer.byteLength(JSON.stringify(r), 'utf8')

/** The report, fitted to what the comment job accepts. */
export function fitReport(report: PrReport, maxBytes = MAX_REPORT_BYTES): PrReport {
  const c = report.comparison ? (fitValue(report.comparison, 'comparison') as Comparison) : null
  const fitted: PrReport = {
    ...report,
    noBaseline: report.noBaseline === null ? null : cut(report.noBaseline, REPORT_LIMITS.text),
    comparison: c
  }
  if (!c || size(fitted) <= maxBytes) return fitted
  // Benchmarks are ranked worst first: keep the most that fit, regressions first.
  const all = c.benchmarks
  // A gate reason starts with its benchmark's name (Go puts no spaces in names);
  // the comment job recomputes the gate from the benchmarks anyway.
  const reasonOf = (r: string): string => r.slice(0, r.indexOf(' '))
  const withBenchmarks = (keep: readonly BenchmarkComparison[]): PrReport => {
    const kept = new Set(keep.map(b => b.name))
    return {
      ...fitted,
      comparison: {
        ...c,
        benchmarks: [...keep],
        gate: {
          ...c.gate,
          reasons: c.gate.reasons.filter(r => kept.has(reasonOf(r)))
        },
        notes: [
          ...c.notes.slice(0, REPORT_LIMITS.notes - 1),
          `The report was trimmed to fit the comment job's ${Math.round(maxBytes / 2 ** 20)} MiB cap: ${all.length - keep.length} of ${all.length} benchmarks (the least changed) are left out. The pull-request run's job summary has them all.`
        ]
      }
    }
  }
  let lo = 0
  let hi = all.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (size(withBenchmarks(all.slice(0, mid))) <= maxBytes) lo = mid
    else hi = mid - 1
  }
  const trimmed = withBenchmarks(all.slice(0, lo))
  if (size(trimmed) <= maxBytes) return trimmed
  // Not even the notes fit: the function tables go.
  return withBenchmarks(all.slice(0, lo).map(b => ({ ...b, functions: undefined })))
}
