/**
 * The differential flame graph as one self-contained HTML file: style,
 * script (report/flame-client.ts) and data inline, and a Content Security
 * Policy that allows no request of any kind, so it opens from disk,
 * offline, anywhere. Names from profiles are data in a JSON script block
 * (`<` written as `\u003c`, so nothing closes it) and reach the page
 * through textContent.
 */
import type { FlameNode } from '../attribution/flame.js'
import type { FunctionDelta, FunctionStats } from '../compare/model.js'
import { FLAME_CLIENT } from './flame-client.js'

/** One graph: a benchmark's measure (or the two profiles), with its culprits. */
export interface FlameGraph {
  /** What it shows, for the picker: `BenchmarkX-2 (example.com/p)`, or the two files. */
  title: string
  /** The benchmark's verdict and Δ, when from bundles. */
  subtitle: string
  measure: string
  /** Unit of the values: ns, B, allocs (per op), or the profile's. */
  unit: string
  root: FlameNode
  /** Frames merged into `…` frames to keep the graph small. */
  merged: number
  culprits: FunctionDelta[]
  stats?: FunctionStats
}

/** Everything `flame` draws and `diff` prints. */
export interface FlameReport {
  base: string
  head: string
  graphs: FlameGraph[]
  notes: string[]
}

/** A graph as the page's script reads it: the tree in preorder, as columns. */
interface FlatGraph {
  title: string
  subtitle: string
  measure: string
  unit: string
  merged: number
  names: string[]
  name: number[]
  parent: number[]
  base: number[]
  head: number[]
  baseSelf: number[]
  headSelf: number[]
  baseOwn: number[]
  headOwn: number[]
  culprits: FlameReport['graphs'][number]['culprits']
}

const round = (x: number): number => Number(x.toPrecision(7))

function flatten(
  root: FlameNode
): Omit<FlatGraph, 'title' | 'subtitle' | 'measure' | 'unit' | 'merged' | 'culprits'> {
  const names: string[] = []
  const ids = new Map<string, number>()
  const out = {
    names,
    name: [] as number[],
    parent: [] as number[],
    base: [] as number[],
    head: [] as number[],
    baseSelf: [] as number[],
    baseOwn: [] as number[],
    headOwn: [] as number[],
    headSelf: [] as number[]
  }
  const stack: [FlameNode, number][] = [[root, -1]]
  while (stack.length > 0) {
    const [n, parent] = stack.pop()!
    let id = ids.get(n.name)
    if (id === undefined) ids.set(n.name, (id = names.push(n.name) - 1))
    const me = out.name.push(id) - 1
    out.parent.push(parent)
    out.base.push(round(n.base))
    out.head.push(round(n.head))
    out.baseSelf.push(round(n.baseSelf))
    out.headSelf.push(round(n.headSelf))
    out.baseOwn.push(round(n.baseOwn))
    out.headOwn.push(round(n.headOwn))
    // Reversed, so children come out of the stack in their order.
    for (let k = n.children.length - 1; k >= 0; k--) stack.push([n.children[k], me])
  }
  return out
}

/** JSON that is safe inside a `<script>` element: no `<`, so no `</script>` or `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #59636e; --frame: #e6e8eb; --line: #d1d9e0; --match: #bf8700; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --frame: #2a3038; --line: #3d444d; --match: #e3b341; } }
body { margin: 0; padding: 16px; background: var(--bg); color: var(--fg); font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
h1 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
#subtitle, #drawn, #found, .legend { color: var(--muted); }
.bar { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
select, input, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; }
select { max-width: 100%; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 16px; align-items: start; }
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
#graph { position: relative; width: 100%; overflow: hidden; }
.f { position: absolute; height: 17px; box-sizing: border-box; padding: 0 3px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 11px/17px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--frame); color: var(--fg); border-radius: 2px; cursor: pointer; }
.f:hover { outline: 1px solid var(--fg); }
.f.only { background-image: repeating-linear-gradient(45deg, transparent 0 4px, rgba(127,127,127,.35) 4px 6px); }
.f.match { outline: 2px solid var(--match); }
#tip { position: absolute; z-index: 10; max-width: 640px; white-space: pre-wrap; word-break: break-all; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; box-shadow: 0 4px 12px rgba(0,0,0,.2); pointer-events: none; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: right; }
td:not(.name) { white-space: nowrap; }
th:first-child, td.name { text-align: left; word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; }
`

/** The whole page. */
export function flameHtml(report: FlameReport): string {
  const graphs: FlatGraph[] = report.graphs.map(g => ({
    title: g.title,
    subtitle: g.subtitle,
    measure: g.measure,
    unit: g.unit,
    merged: g.merged,
    ...flatten(g.root),
    culprits: g.culprits
  }))
  const data = scriptJson({ graphs, notes: report.notes })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>benchgate: differential flame graph</title>
<style>${STYLE}</style>
</head>
<body>
<h1 id="title">benchgate: differential flame graph</h1>
<div id="subtitle"></div>
<div class="legend">${esc(report.base)} → ${esc(report.head)} · width: per-op cost · colour: change of the frame's own cost (self, as ranked), <span class="swatch" style="background:rgba(220,38,38,.85)"></span> slower, <span class="swatch" style="background:rgba(37,99,235,.85)"></span> faster; hatched: only on the other side</div>
<div class="bar">
<select id="picker" aria-label="benchmark and measure"></select>
<input id="search" type="search" placeholder="Search frames" aria-label="search frames">
<span id="found"></span>
<button id="mode" type="button"></button>
<button id="reset" type="button">Reset zoom</button>
</div>
<div class="layout">
<div><div id="graph"></div><div id="drawn"></div><ul id="notes"></ul></div>
<div><div id="culprits-title"></div>
<table id="culprits"><thead><tr><th>function</th><th>status</th><th>Δ self</th><th>base self</th><th>head self</th><th>Δ cum</th></tr></thead><tbody id="culprits-body"></tbody></table></div>
</div>
<div id="tip" hidden></div>
<script type="application/json" id="flame-data">${data}</script>
<script>${FLAME_CLIENT}</script>
</body>
</html>
`
}
