/** The "compare" stage: load both sides, compare, let the judge decide, render every output format. */
import { relative } from 'node:path'
import { compareSides } from '../compare/index.js'
import { loadSide } from '../compare/input.js'
import type { CompareOptions, Comparison, Screen } from '../compare/model.js'
import {
  COMMENT_BUDGET_BYTES,
  renderMarkdown,
  sourcesFrom,
  SUMMARY_BUDGET_BYTES,
  type ReportOptions
} from '../report/markdown.js'
import { judgeScreen } from '../judge/judge.js'
import { sourcesFor, type SourceLoader } from '../measure/sources.js'

/** What a comparison produced: the data and its two Markdown renderings. */
export interface CompareOutputs {
  comparison: Comparison
  /** The PR comment (≤ 60,000 bytes). */
  comment: string
  /** The full report for the job summary (≤ 1 MiB). */
  summary: string
  /** The comment again, to a quarter of its budget: what to post when GitHub refuses the first as too long. */
  shortComment: string
  /** The three bodies again, with more to link (the flame graph's artifact). */
  rerender(extra: Pick<ReportOptions, 'flameUrl'>): CompareOutputs
}

/** How to judge and render a comparison. */
export type CompareReportOptions = Omit<ReportOptions, 'budgetBytes' | 'reproduce'> & {
  /** Profile paths in "Reproduce locally" are relative to this directory. */
  pathsRelativeTo: string
  /** The judge for this gate (default: the screen as measured, judgeScreen). */
  judge?: (screen: Screen) => Promise<Comparison>
  /** Where hot lines' sources come from (git in the checkout); none without it. */
  sources?: SourceLoader
}

/** Compare two bundles (or benchmark text files), judge, and render the reports. */
export async function compareAndReport(
  basePath: string,
  headPath: string,
  options: Partial<CompareOptions>,
  report: CompareReportOptions
): Promise<CompareOutputs> {
  const [base, head] = await Promise.all([loadSide(basePath), loadSide(headPath)])
  const screen = compareSides(base, head, options, await sourcesFor(report.sources, base, head))
  const comparison = report.judge ? await report.judge(screen) : judgeScreen(screen)
  // `go tool pprof -diff_base` for the packages whose benchmarks changed.
  const changedPackages = new Set(
    comparison.benchmarks
      .filter(b => b.verdict === 'regression' || b.verdict === 'improvement')
      .map(b => b.package)
  )
  const reproduce = [...changedPackages].flatMap(pkg => {
    const b = base.profiles.get(pkg)?.cpu
    const h = head.profiles.get(pkg)?.cpu
    return b && h
      ? [
          {
            package: pkg,
            base: relative(report.pathsRelativeTo, b),
            head: relative(report.pathsRelativeTo, h)
          }
        ]
      : []
  })
  return renderOutputs(
    comparison,
    {
      key: report.key,
      repositoryUrl: report.repositoryUrl,
      headSha: report.headSha,
      notes: report.notes,
      reproduce,
      ...(report.trends ? { trends: report.trends } : {})
    },
    sourcesFrom(head.benchmarks)
  )
}

/**
 * The three bodies of a judged comparison (comment, summary, short
 * comment), and a way to render them again with more to link. A merged
 * comparison (mode merge) is rendered with this alone: it has no bundles.
 */
export function renderOutputs(
  comparison: Comparison,
  rendering: Omit<ReportOptions, 'budgetBytes'>,
  sources?: Parameters<typeof renderMarkdown>[2]
): CompareOutputs {
  const render = (extra: Pick<ReportOptions, 'flameUrl'>): CompareOutputs => {
    const common = { ...rendering, ...extra }
    const body = (budgetBytes: number): string =>
      renderMarkdown(comparison, { ...common, budgetBytes }, sources)
    return {
      comparison,
      comment: body(COMMENT_BUDGET_BYTES),
      summary: body(SUMMARY_BUDGET_BYTES),
      shortComment: body(COMMENT_BUDGET_BYTES / 4),
      rerender: render
    }
  }
  return render({})
}
