/**
 * Every untrusted field stays inert in every output. A pull request
 * controls benchmark and package names, custom units (b.ReportMetric), the
 * `cpu:` line, error tails, and, through a fork's report artifact, every
 * field of a comparison. Each is filled with hostile text, the comment,
 * the job summary, the check run and the other bodies are rendered with
 * markdown-it (a real CommonMark + GFM renderer), and the result must hold
 * no element, comment, link, mention or cell that we did not write. The
 * terminal renderings must hold no control, bidi or invisible character.
 */
import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { isRepositoryPath, type Bundle } from '../../../src/bundle/index.js'
import type { Comparison, MetricComparison } from '../../../src/compare/model.js'
import { sanitizeComparison } from '../../../src/github/report-artifact.js'
import { formatTop } from '../../../src/pprof/index.js'
import {
  baselineSummary,
  checkRunSummary,
  noBaselineBody,
  reportedNoBaselineBody
} from '../../../src/report/bodies.js'
import { codeBlock, codeCell, forTerminal, showInvisible } from '../../../src/report/escape.js'
import { renderMarkdown } from '../../../src/report/markdown.js'
import { formatComparisonText, formatRunSummary } from '../../../src/report/text.js'

const md = new MarkdownIt({ html: true, linkify: true })
// GitHub autolinks a bare URL only with a scheme or `www.` (GFM's autolink
// extension), not a bare domain such as `0.AC`: model that. `www.` links
// are checked on the text below, since linkify-it finds them only fuzzily.
// Likewise an email: GitHub links one only when an alphanumeric follows
// the `@` (checked on the text below); linkify-it accepts any Unicode
// there, the zero-width space we put after `@` included.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false })
// Nor a protocol-relative `//host` (linkify-it's `//` schema; found by the
// property below as a benchmark named `//0.0`).
md.linkify.add('//', null)
const REPO = 'https://github.com/acme/widgets'

const HOSTILE = [
  'req|<!--benchgate:benchgate-baseline-->@team',
  '<!-- benchgate:other-key -->',
  '-->',
  '<img src=x onerror=alert(1)>',
  '</details><details open><summary>x',
  '</sub></td></tr></table><h1>x</h1>',
  '@octocat',
  '@acme/security',
  '#1',
  'GH-1',
  'see gh-42 and owner/repo#7 and GH-0099',
  '\u001b[31mred\u001b[0m',
  '\u0007',
  '\u009b31m',
  '\u202e',
  '\u2066',
  '\r\n| a | b |\n| - | - |\n',
  '\n\n# heading\n\n',
  '[x](https://evil.example)',
  '![p](https://evil.example/p.png)',
  'https://evil.example',
  'www.evil.example',
  '```\n',
  '~~~',
  '$$x$$',
  '\\',
  '&#64;x',
  '&lt;b&gt;',
  ':warning:',
  '> [!CAUTION]\n> x',
  '<script>alert(1)</script>',
  '=',
  '===',
  '---',
  '***',
  '1. x',
  '+ x',
  '//0.0',
  'mailto:x@evil.example'
]
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 })), {
    minLength: 1,
    maxLength: 4
  })
  .map(parts => parts.join(''))

/** Elements our renderers write; anything else came from the input. */
const OURS = new Set([
  'h3',
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'strong',
  'em',
  'code',
  'pre',
  'sub',
  'blockquote',
  'ul',
  'li',
  'a',
  'br'
])

/** What a reader sees: the HTML's text, entities decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
}

/** Rendered Markdown holds nothing the input injected. */
function expectInert(markdown: string, key: string): void {
  const html = md.render(markdown)
  // One HTML comment: our marker, exactly as we wrote it.
  expect(html.match(/<!--/g) ?? []).toHaveLength(1)
  expect(html).toContain(`<!-- benchgate:${key} -->`)
  const tags = [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map(m => m[1].toLowerCase())
  expect(tags.filter(t => !OURS.has(t))).toEqual([])
  // Every link is one we built, into the repository.
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]*)"/g))
    expect(m[1]).toMatch(/^https:\/\/github\.com\/acme\/widgets\/blob\//)
  expect(html).not.toMatch(/<img|<script/i)
  const seen = text(html)
  // No mention, team mention or issue reference survives. GitHub makes
  // none of them, and no autolink, inside code, so only text outside it counts.
  const outsideCode = text(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, ' '))
  expect(outsideCode).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/)
  expect(outsideCode).not.toMatch(/#\d/)
  // GitHub links `GH-<n>` as it links `#<n>`.
  expect(outsideCode).not.toMatch(/GH-\d/i)
  expect(outsideCode).not.toMatch(/https?:\/\/evil|www\.evil/)
  // GFM's extended www autolink: `www.` and a domain with a dot, after a
  // line start, a space or one of `*_~(`.
  expect(outsideCode).not.toMatch(/(^|[\s*_~(])www\.[\w-]+\.[\w-]/i)
  // GFM's extended email autolink: `[\w.+-]+@` and an alphanumeric domain with a dot.
  expect(outsideCode).not.toMatch(/[\w.+-]@[A-Za-z0-9_-]+\.[A-Za-z0-9_-]/)
  // Code spans stay code: none is broken open by a backtick run inside.
  for (const code of html.matchAll(/<code[^>]*>([\s\S]*?)<\/code>/g))
    expect(code[1]).not.toMatch(/<[a-z]/i)
  // No control or bidi character reaches the reader.
  expect(seen).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
  // Every table row has as many cells as its header.
  for (const table of html.matchAll(/<table>([\s\S]*?)<\/table>/g)) {
    const head = (/<thead>([\s\S]*?)<\/thead>/.exec(table[1])?.[1].match(/<th/g) ?? []).length
    for (const row of table[1].matchAll(/<tbody>[\s\S]*?<\/tbody>/g))
      for (const tr of row[0].matchAll(/<tr>([\s\S]*?)<\/tr>/g))
        expect((tr[1].match(/<td/g) ?? []).length).toBe(head)
  }
}

/** A comparison whose every string field is hostile. */
function hostileComparison(s: string[]): Comparison {
  const at = (i: number): string => s[i % s.length]
  const metric = (unit: string, kind: MetricComparison['kind']): MetricComparison => ({
    unit,
    kind,
    better: 'lower',
    verdict: 'regression',
    p: 0.002,
    test: 'utest',
    pAdjusted: 0.004,
    significantUncorrected: true,
    deltaPercent: 12.5,
    base: { median: 100, n: 6, ci: { lo: 98, hi: 102 } },
    head: { median: 112.5, n: 6, ci: { lo: 110, hi: 115 } }
  })
  const fn = (name: string, status = 'changed') => ({
    name,
    status,
    base: { flat: 10, cum: 20, self: 10 },
    head: { flat: 30, cum: 40, self: 30 },
    delta: { flat: 20, cum: 20, self: 20 },
    beyondNoise: true
  })
  return sanitizeComparison({
    schemaVersion: 1,
    verdict: 'regression',
    gate: { fail: true, reasons: [at(0), at(1), at(2), at(3)] },
    options: {
      threshold: 5,
      abThreshold: 2.5,
      alpha: 0.05,
      allocThreshold: 0,
      maxFunctions: 10,
      failOnAlloc: false,
      test: 'utest'
    },
    counts: {
      regression: 2,
      improvement: 0,
      unchanged: 1,
      'too-few-samples': 0,
      new: 1,
      removed: 0,
      failed: 0
    },
    benchmarks: [
      {
        package: at(4),
        name: at(5),
        verdict: 'regression',
        metrics: [
          metric('ns/op', 'time'),
          metric(at(6).slice(0, 100), 'noisy'),
          metric('B/op', 'exact')
        ],
        summary: at(7),
        functions: {
          cpu: [
            {
              ...fn(at(8)),
              path: [
                { name: at(5), base: 10, head: 30 },
                { name: at(9), base: null, head: 5 },
                { name: at(8), base: 10, head: 30 }
              ],
              // A hostile name may still be a plain path (no `..`): the sanitizer keeps it.
              file: isRepositoryPath(at(3)) ? at(3) : 'pkg/file.go',
              lines: [
                {
                  line: 12,
                  baseLine: 10,
                  change: 'edited',
                  text: at(3),
                  baseText: at(6),
                  base: { flat: 1, cum: 2, self: 1 },
                  head: { flat: 5, cum: 6, self: 5 },
                  delta: { flat: 4, cum: 4, self: 4 }
                },
                {
                  line: null,
                  baseLine: 30,
                  change: 'gone',
                  text: at(7),
                  base: { flat: 1, cum: 2, self: 1 },
                  head: { flat: 0, cum: 0, self: 0 },
                  delta: { flat: -1, cum: -2, self: -1 }
                }
              ]
            },
            fn(at(9), 'new'),
            fn(at(10), 'gone')
          ],
          alloc_space: [fn(at(11))]
        }
      },
      {
        package: at(12),
        name: at(13),
        verdict: 'regression',
        metrics: [metric(at(14).slice(0, 100), 'noisy')],
        confirmation: {
          status: 'not-confirmed',
          unit: at(15).slice(0, 100),
          deltaPercent: 1,
          pAdjusted: 0.5,
          rounds: 10,
          test: 'utest'
        }
      },
      { package: at(16), name: at(17), verdict: 'new', metrics: [] },
      {
        package: at(18),
        name: at(19),
        verdict: 'unchanged',
        metrics: [{ ...metric(at(20).slice(0, 100), 'noisy'), verdict: 'unchanged' }],
        // A contention change alone: its block, its summary line and its call sites.
        contention: {
          rows: [
            {
              metric: 'mutex_delay',
              unit: 'ns/op',
              verdict: 'regression',
              base: { median: 1, n: 6 },
              head: { median: 10, n: 6 },
              deltaPercent: 900,
              p: 0.002,
              pAdjusted: 0.002,
              gates: false
            }
          ],
          rounds: { base: 6, head: 6 },
          measuredBy: 'baseline',
          functions: { mutex_delay: [fn(at(34)), fn(at(35), 'new')] }
        }
      }
    ],
    geomean: [{ unit: 'ns/op', base: 100, head: 110, deltaPercent: 10, n: 2 }],
    hotLines: at(24).length % 2 ? { unavailable: at(24) } : { between: at(24).slice(0, 300) },
    warnings: [`CPU differs: base ${at(21)}, head ${at(22)}`],
    notes: [at(23)],
    base: {
      label: at(24),
      commit: at(25).slice(0, 100),
      ref: at(26),
      goVersion: at(27).slice(0, 100)
    },
    head: {
      label: at(28),
      commit: at(29).slice(0, 100),
      ref: at(30),
      goVersion: at(31).slice(0, 100)
    },
    gateMode: 'confirmed',
    confirmation: {
      base: { commit: at(32).slice(0, 100), ref: at(33) },
      rounds: 10,
      test: 'utest',
      suspects: 1,
      confirmed: 0,
      elapsedMs: 1000,
      error: at(34)
    }
  })
}

const fields = fc.array(hostile, { minLength: 35, maxLength: 35 })

describe('names as code in a table cell', () => {
  const unescape = (h: string): string =>
    h
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  it('property: one cell, one code span, holding exactly the name as a reader sees it', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ maxLength: 40 })), name => {
        fc.pre(name.trim() !== '')
        const html = md.render(`| function | x |\n| - | - |\n| ${codeCell(name)} | 1 |\n`)
        const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map(m => m[1])
        expect(cells).toHaveLength(2)
        const code = /^<code>([\s\S]*)<\/code>$/.exec(cells[0])
        expect(code, cells[0]).not.toBeNull()
        expect(unescape(code![1])).toBe(showInvisible(name))
        expect(cells[1]).toBe('1')
      }),
      { numRuns: 400 }
    )
  })

  it('property: a code block holds exactly its lines, and nothing closes it early', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hostile, fc.string({ maxLength: 20 })), { maxLength: 5 }),
        lines => {
          const html = md.render(`before\n\n${codeBlock(lines)}\n\nafter\n`)
          const m =
            /^<p>before<\/p>\n<pre><code class="language-text">([\s\S]*)<\/code><\/pre>\n<p>after<\/p>\n$/.exec(
              html
            )
          expect(m, html).not.toBeNull()
          const text = m![1] === '' ? [] : unescape(m![1]).replace(/\n$/, '').split('\n')
          expect(text).toEqual(lines.length === 0 ? [] : lines.map(l => showInvisible(l)))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('a fence longer than any backtick run, padded when the name starts or ends with one', () => {
    expect(codeCell('pkg.(*T).M')).toBe('`pkg.(*T).M`')
    expect(codeCell('a``b')).toBe('```a``b```')
    expect(codeCell('`x')).toBe('`` `x ``')
    expect(codeCell('a|b')).toBe('`a\\|b`')
  })
})

describe('every untrusted field stays inert', () => {
  it('property: the comment, the job summary and the check run', () => {
    fc.assert(
      fc.property(fields, s => {
        const c = hostileComparison(s)
        for (const budgetBytes of [60_000, 1_000_000]) {
          const body = renderMarkdown(c, {
            key: 'k',
            repositoryUrl: REPO,
            headSha: 'abc',
            budgetBytes
          })
          // The contention part and its call sites are rendered, so they are checked too.
          expect(body).toContain('**Mutex wait per op (mutex profile)**')
          expectInert(body, 'k')
        }
        expectInert(
          checkRunSummary(c, { key: 'k', repositoryUrl: REPO, headSha: 'abc' }, null),
          'k'
        )
      }),
      { numRuns: 150 }
    )
  })

  it('a file path with a parenthesis stays inside its link', () => {
    // Found by the property above: `(` in a path closed the link's destination early.
    for (const file of ['pkg/a(b.go', 'pkg/a)b.go', "p/it's!*.go"]) {
      const c = hostileComparison(Array.from({ length: 35 }, () => 'x'))
      c.benchmarks[0].functions!.cpu![0].file = file
      const html = md.render(
        renderMarkdown(c, { key: 'k', repositoryUrl: REPO, headSha: 'abc', budgetBytes: 60_000 })
      )
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map(m => m[1])
      expect(hrefs).toContain(
        `${REPO}/blob/abc/${file
          .split('/')
          .map(s => s.replace(/[^\w.-]/g, ch => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`))
          .join('/')}#L12`
      )
      expectInert(
        renderMarkdown(c, { key: 'k', repositoryUrl: REPO, headSha: 'abc', budgetBytes: 60_000 }),
        'k'
      )
    }
  })

  it('a field that is a setext underline or a thematic break makes no heading or rule', () => {
    // Found by the property above in CI: a note of "=" under "> [!NOTE]" made an h1.
    for (const line of ['=', '===', '-', '---', '***', '___'])
      expectInert(
        renderMarkdown(hostileComparison([line]), {
          key: 'k',
          repositoryUrl: REPO,
          headSha: 'abc',
          budgetBytes: 60_000
        }),
        'k'
      )
  })

  it('property: the other bodies (no baseline yet, the baseline table)', () => {
    fc.assert(
      fc.property(fields, s => {
        expectInert(
          noBaselineBody({ key: 'k', reason: s[0], branch: s[1], artifactName: s[2], measured: 3 }),
          'k'
        )
        expectInert(reportedNoBaselineBody('k', s[3]), 'k')
        const bundle = {
          benchmarks: [
            { name: s[4], package: s[5], samples: { 'ns/op': [1], [s[6]]: [2] }, iterations: [1] }
          ]
        } as unknown as Bundle
        const summary = baselineSummary(bundle, {
          uploaded: true,
          artifactName: s[7],
          ref: s[8],
          uploadBaseline: 'auto',
          onDefault: false,
          defaultBranch: s[9]
        })
        expectInert(`<!-- benchgate:k -->\n\n${summary}`, 'k')
      }),
      { numRuns: 150 }
    )
  })

  it('property: terminal renderings hold no control, bidi or invisible character', () => {
    const controls =
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/
    fc.assert(
      fc.property(fields, s => {
        const c = hostileComparison(s)
        expect(formatComparisonText(c)).not.toMatch(controls)
        const bundle = {
          benchmarks: [{ name: s[0], package: s[1], samples: { 'ns/op': [1] }, iterations: [1] }],
          packages: [{ importPath: s[2], status: 'failed', profiles: {} }]
        } as unknown as Bundle
        expect(formatRunSummary(bundle)).not.toMatch(controls)
        expect(forTerminal(s.join('\n'))).not.toMatch(controls)
        expect(showInvisible(s[3])).not.toMatch(/[\n\r]|[\u0000-\u001f]/)
        const top = formatTop(
          {
            sampleType: s[4],
            unit: s[5],
            total: 10,
            functions: [{ name: s[6], flat: 5, cum: 10 }]
          } as Parameters<typeof formatTop>[0],
          s[7]
        )
        expect(top).not.toMatch(controls)
      }),
      { numRuns: 150 }
    )
  })
})
