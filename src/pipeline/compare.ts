/** The "compare" stage: load both sides, compare, render every output format. */
import { relative } from 'node:path'
import { compare, type CompareOptions, type Comparison } from '../compare/compare.js'
import { loadSide } from '../compare/input.js'
import {
  COMMENT_BUDGET_BYTES,
  renderMarkdown,
  sourcesFrom,
  SUMMARY_BUDGET_BYTES,
  type ReportOptions
} from '../report/markdown.js'

export interface CompareOutputs {
  comparison: Comparison
  /** The PR comment (≤ 60,000 bytes). */
  comment: string
  /** The full report for the job summary (≤ 1 MiB). */
  summary: string
}

/** Compare two bundles (or benchmark text files) and render the reports. */
export async function compareAndReport(
  basePath: string,
  headPath: string,
  options: Partial<CompareOptions>,
  report: Omit<ReportOptions, 'budgetBytes' | 'reproduce'> & {
    pathsRelativeTo?: string
    /** Refine the comparison before it is rendered (gate confirmed: re-measure the suspects). */
    refine?: (screen: Comparison) => Promise<Comparison>
  }
): Promise<CompareOutputs> {
  const [base, head] = await Promise.all([loadSide(basePath), loadSide(headPath)])
  const screen = compare(base, head, options)
  const comparison = report.refine ? await report.refine(screen) : screen
  // `go tool pprof -diff_base` for the packages whose benchmarks changed.
  const changedPackages = new Set(
    comparison.benchmarks
      .filter(b => b.verdict === 'regression' || b.verdict === 'improvement')
      .map(b => b.package)
  )
  const from = report.pathsRelativeTo ?? process.cwd()
  const reproduce = [...changedPackages].flatMap(pkg => {
    const b = base.profiles.get(pkg)?.cpu
    const h = head.profiles.get(pkg)?.cpu
    return b && h ? [{ package: pkg, base: relative(from, b), head: relative(from, h) }] : []
  })
  const sources = sourcesFrom(head.benchmarks)
  const common = { ...report, reproduce }
  return {
    comparison,
    comment: renderMarkdown(comparison, { ...common, budgetBytes: COMMENT_BUDGET_BYTES }, sources),
    summary: renderMarkdown(comparison, { ...common, budgetBytes: SUMMARY_BUDGET_BYTES }, sources)
  }
}
