/**
 * Turn parsed result lines and attributed profiles into bundle benchmarks:
 * one entry per full benchmark name with every sample, and per-op function
 * costs (share × median, D2). Shared by `run` and `ab`.
 */
import { isAbsolute, relative, sep } from 'node:path'
import { MEASURES, perOpCosts, type GroupTables, type Measure } from '../attribution/index.js'
import type { BundleBenchmark } from '../bundle/index.js'
import { splitBenchName, type BenchResult } from '../gobench/parse.js'
import { median } from '../stats/median.js'

/** Six significant digits: plenty for per-op costs, and it keeps results.json small. */
function round(x: number): number {
  return Number(x.toPrecision(6))
}

export function buildBenchmarks(
  importPath: string,
  results: readonly BenchResult[],
  tables: Partial<Record<Measure, GroupTables>>,
  topK: number,
  repoRoot: string | undefined
): BundleBenchmark[] {
  const byName = new Map<string, BundleBenchmark>()
  for (const r of results) {
    let b = byName.get(r.name)
    if (!b) {
      b = {
        package: importPath,
        name: r.name,
        group: splitBenchName(r.name).base,
        samples: {},
        iterations: [],
        functions: {}
      }
      byName.set(r.name, b)
    }
    b.iterations.push(r.iterations)
    for (const m of r.measurements) (b.samples[m.unit] ??= []).push(m.value)
  }
  for (const b of byName.values()) {
    for (const [measure, m] of Object.entries(MEASURES) as [
      Measure,
      (typeof MEASURES)[Measure]
    ][]) {
      const t = tables[measure]
      const values = b.samples[m.unit]
      if (!t || !values) continue
      // Build paths differ between machines: keep a file only when it lies
      // inside the repository, relative to its root, for source links.
      const locate = (name: string): { file: string; line: number } | undefined => {
        const src = t.sources.get(name)
        if (!src || repoRoot === undefined) return undefined
        const rel = relative(repoRoot, src.file)
        if (rel.startsWith('..') || isAbsolute(rel)) return undefined
        return { file: rel.split(sep).join('/'), line: src.line }
      }
      b.functions[measure] = perOpCosts(t, b.group, median(values), topK, locate).map(f => ({
        ...f,
        flat: round(f.flat),
        cum: round(f.cum)
      }))
    }
  }
  return [...byName.values()]
}
