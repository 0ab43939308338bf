/**
 * The Markdown report: untrusted names stay inert (checked by rendering
 * with markdown-it, a real CommonMark + GFM-tables renderer), golden output
 * on a real comparison, and the comment size budget.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import { markdownTable } from 'markdown-table'
import { describe, expect, it } from 'vitest'
import { loadSide, type Side } from '../../../src/compare/input.js'
import { compare } from '../../../src/judge/judge.js'
import { escapeHtmlText, escapeText, visibleText } from '../../../src/report/escape.js'
import {
  COMMENT_BUDGET_BYTES,
  renderMarkdown,
  SUMMARY_BUDGET_BYTES
} from '../../../src/report/markdown.js'
import { formatComparisonText } from '../../../src/report/text.js'
import { ROOT } from '../../helpers/go.js'

const md = new MarkdownIt({ html: true, linkify: true })

/** Fragments that have broken other tools' reports. */
const HOSTILE = [
  '|',
  '`',
  '<!--',
  '-->',
  '<img src=x onerror=alert(1)>',
  '@user',
  '&#64;team',
  '#123',
  '\u202e',
  '\u2066',
  '\n',
  '\r\n',
  '[x](https://evil.example)',
  '![p](https://evil.example/p.png)',
  '**',
  '$x$',
  'https://evil.example',
  'www.evil.example',
  '<details>',
  '</details>',
  '```',
  '\\'
]
const hostileName = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 })
    ),
    { maxLength: 8 }
  )
  .map(parts => parts.join(''))

/** What GitHub would show for a cell: render, strip tags, decode entities. */
function renderedText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, '&')
}

/** The name as we promise to show it: invisible characters as visible \uXXXX escapes. */
function shown(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, c =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? ' '
          : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`
  )
}

describe('escaping untrusted names', () => {
  it('property: a name in a table cell adds no cell, tag, comment, link, image or mention, and its text survives', () => {
    fc.assert(
      fc.property(hostileName, name => {
        const table = markdownTable(
          [
            ['benchmark', 'Δ'],
            [escapeText(name, 10_000), '+1%']
          ],
          { alignDelimiters: false }
        )
        const html = md.render(`text before\n\n${table}\n`)
        const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? ''
        // Exactly one row with exactly two cells.
        expect((body.match(/<tr>/g) ?? []).length).toBe(1)
        expect((body.match(/<td>/g) ?? []).length).toBe(2)
        // No element other than the table's own, and no comment.
        const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map(m => m[1].toLowerCase())
        expect(
          tags.every(t => ['p', 'table', 'thead', 'tbody', 'tr', 'th', 'td'].includes(t))
        ).toBe(true)
        expect(html).not.toContain('<!--')
        const text = renderedText(body.split('</td>')[0]).trim()
        // No mention or issue reference survives: @ and # are followed by an invisible break.
        expect(text).not.toMatch(/@[A-Za-z0-9]/)
        expect(text).not.toMatch(/#[0-9]/)
        expect(text).not.toMatch(/:\/\/|www\./i)
        // No bidi or control character reaches the page; the visible text is kept.
        const norm = (x: string): string => x.replaceAll('\u200b', '').replace(/\s+/g, ' ').trim()
        expect(norm(text)).toBe(norm(shown(name)))
      }),
      { numRuns: 1500 }
    )
  })

  it('property: inside <summary> (raw HTML) the same holds with entities only', () => {
    fc.assert(
      fc.property(hostileName, name => {
        const html = md.render(
          `<details><summary>${escapeHtmlText(name, 10_000)}</summary>\n\nbody\n\n</details>\n`
        )
        const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map(m => m[1].toLowerCase())
        expect(tags.every(t => ['details', 'summary', 'p'].includes(t))).toBe(true)
        expect((html.match(/<details>/g) ?? []).length).toBe(1)
        expect((html.match(/<\/details>/g) ?? []).length).toBe(1)
        const summary = renderedText(/<summary>([\s\S]*?)<\/summary>/.exec(html)?.[1] ?? '')
        expect(summary).not.toMatch(/@[A-Za-z0-9]/)
        expect(summary.replaceAll('\u200b', '')).toBe(shown(name))
      }),
      { numRuns: 1000 }
    )
  })

  it('visibleText undoes escapeText for plain Go names', () => {
    for (const name of [
      'encoding/json.(*decodeState).object',
      'BenchmarkX/size=64-8',
      'slices.SortFunc[...]',
      'a_b*c'
    ]) {
      expect(visibleText(escapeText(name))).toBe(name)
    }
  })

  it('caps very long names', () => {
    expect([...visibleText(escapeText('x'.repeat(5000)))].length).toBe(300)
  })
})

const STATS = join(ROOT, 'fixtures', 'benchtext', 'stats')

describe('golden output on a real comparison', () => {
  it('strings-10a vs strings-6 renders as reviewed', async () => {
    const c = compare(
      await loadSide(join(STATS, 'strings-10a.txt')),
      await loadSide(join(STATS, 'strings-6.txt')),
      { threshold: 1 }
    )
    c.base.label = 'strings-10a.txt'
    c.head.label = 'strings-6.txt'
    const out = renderMarkdown(c, { key: 'golden' })
    const golden = join(ROOT, 'fixtures', 'golden', 'strings-10a-vs-6.md')
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, out)
    expect(out).toBe(readFileSync(golden, 'utf8'))
  })
})

/** A synthetic side (size tests only): n benchmarks with long hostile names. */
function syntheticSide(n: number, shift: (i: number) => number): Side {
  return {
    label: 'synthetic',
    kind: 'text',
    benchmarks: Array.from({ length: n }, (_, i) => ({
      package: `example.com/very/long/package/path/number/${i % 50}`,
      name: `BenchmarkSomething/${'<!--|@user|`'.repeat(3)}case-${i}-8`,
      // 12 per side: Holm multiplies the smallest p by the 5,000 tests, and
      // with 6 (min p 2/924) or even 10 (2/184756) nothing could reach 0.05.
      samples: {
        'ns/op': Array.from({ length: 12 }, (_, k) => (1000 + k) * shift(i)),
        'B/op': Array(12).fill(64)
      },
      functions: {
        cpu: Array.from({ length: 10 }, (_, k) => ({
          name: `example.com/pkg.fn${k}[go.shape.${'x'.repeat(40)}]`,
          flat: 10 * shift(i),
          cum: 100 * shift(i)
        }))
      }
    })),
    failedPackages: new Set(),
    profiles: new Map(),
    units: {}
  }
}

describe('detection power', () => {
  it('says when Holm over many tests makes any verdict impossible at this count', () => {
    const few = (shift: number): Side => ({
      ...syntheticSide(100, () => shift),
      benchmarks: syntheticSide(100, () => shift).benchmarks.map(b => ({
        ...b,
        samples: { 'ns/op': b.samples['ns/op'].slice(0, 6) }
      }))
    })
    const c = compare(few(1), few(2), { test: 'utest' })
    // Every benchmark doubled, yet with the U test 6 samples cannot survive 100 tests: 2/924 × 100 > 0.05.
    expect(c.counts.regression).toBe(0)
    expect(c.notes[0]).toMatch(
      /With 100 time comparisons and at most 6 samples per side, no difference can be significant.*count ≥ 8/
    )
    expect(renderMarkdown(c, { key: 'k' })).toContain('[!NOTE]')
    // The default screen (Welch's test on logs) sees all 100 at the same count, and needs no note.
    const welch = compare(few(1), few(2))
    expect(welch.counts.regression).toBe(100)
    expect(welch.notes).toEqual([])
  })

  it('never calls a large change it could not test "unchanged": it says not significant, and why', () => {
    // 12 benchmarks, 5 samples a side, the U test: one is 3.24× slower.
    const five = (k: number): Side => ({
      ...syntheticSide(12, i => (i === 3 ? k : 1)),
      benchmarks: syntheticSide(12, i => (i === 3 ? k : 1)).benchmarks.map(b => ({
        ...b,
        samples: { 'ns/op': b.samples['ns/op'].slice(0, 5) }
      }))
    })
    const c = compare(five(1), five(3.24), { test: 'utest' })
    const slow = c.benchmarks.find(b => b.name.endsWith('case-3-8'))!
    expect(slow.verdict).toBe('unchanged')
    const md = renderMarkdown(c, { key: 'k' })
    // 2 / C(10, 5) = 0.0079, times 12 benchmarks: 0.095.
    expect(md).toMatch(
      /case-3-8[^\n]*\+224\.00%[^\n]*— \*\*not significant\*\*: \+224\.00%, p=0\.095 after Holm; with 5 and 5 samples and 12 benchmarks no p below 0\.095 was possible/
    )
    // Welch's test on the same samples calls it.
    expect(
      compare(five(1), five(3.24)).benchmarks.find(b => b.name.endsWith('case-3-8'))!.verdict
    ).toBe('regression')
  })
})

describe('a base of 0', () => {
  it('has no percentage: the gate, the tables and the text report give the head’s value from 0', () => {
    const side = (allocs: number): Side => ({
      ...syntheticSide(1, () => 1),
      benchmarks: [
        {
          package: 'example.com/p',
          name: 'BenchmarkCopy-2',
          samples: {
            'ns/op': Array.from({ length: 8 }, (_, k) => 1000 + k),
            'allocs/op': Array(8).fill(allocs)
          }
        }
      ]
    })
    const c = compare(side(0), side(680), { failOnAlloc: true })
    expect(c.gate.reasons).toEqual(['BenchmarkCopy-2 allocs/op +680 from 0'])
    const md = renderMarkdown(c, { key: 'k' })
    expect(md).toMatch(/\| allocs\/op \| 0 \| 680 ±0% \| \+680 from 0 \| exact \|/)
    expect(md).not.toMatch(/\| \? \|/)
    expect(formatComparisonText(c)).toMatch(
      /\(example\.com\/p\) +0 +680 ±0% +\+680 from 0 +exact +regression/
    )
  })
})

describe('size budget', () => {
  const base = syntheticSide(5000, () => 1)
  // Every third benchmark regresses by 20–70%; the worst is #4998.
  const head = syntheticSide(5000, i => (i % 3 === 0 ? 1.2 + i / 10000 : 1))
  const c = compare(base, head)

  it('5,000 benchmarks: the comment stays within 60,000 UTF-8 bytes and says what was left out', () => {
    expect(c.counts.regression).toBeGreaterThan(1000)
    const comment = renderMarkdown(c, { key: 'big' })
    expect(Buffer.byteLength(comment, 'utf8')).toBeLessThanOrEqual(COMMENT_BUDGET_BYTES)
    expect(comment).toContain("Left out to fit GitHub's comment size limit")
    // Still names the worst regression, and every block is closed.
    expect(comment).toMatch(/Worst: BenchmarkSomething\/.*case-4998-8/)
    expect((comment.match(/<details>/g) ?? []).length).toBe(
      (comment.match(/<\/details>/g) ?? []).length
    )
    expect((comment.match(/```/g) ?? []).length % 2).toBe(0)
    expect(comment.startsWith('<!-- benchgate:big -->')).toBe(true)
  })

  it('the full job-summary version stays within 1 MiB', () => {
    const summary = renderMarkdown(c, { key: 'big', budgetBytes: SUMMARY_BUDGET_BYTES })
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES)
    expect(Buffer.byteLength(summary, 'utf8')).toBeGreaterThan(COMMENT_BUDGET_BYTES)
  })

  it('a budget too small for any detail still yields the verdict and the note', () => {
    const tiny = renderMarkdown(c, { key: 'tiny', budgetBytes: 4000 })
    expect(tiny).toMatch(/benchgate: \d+ regressions/)
    expect((tiny.match(/<details>/g) ?? []).length).toBe((tiny.match(/<\/details>/g) ?? []).length)
  })
})
