/// <reference lib="dom" />
/**
 * The differential flame graph and `diff`, for real: bundles of the demo
 * module (as committed, and with its seeded regressions), their CPU
 * profiles as two plain pprof files, and the page opened in Debian's
 * Chromium with the network cut off. Numbers are checked against
 * `go tool pprof`, never against our own output.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchOffline } from './helpers/browser.js'
import { cli } from './helpers/cli.js'
import { ROOT, run, tempDir } from './helpers/go.js'
import { pprofTop } from './helpers/pprof-oracle.js'
import { craftProfile, packed } from './helpers/protowire.js'
import { MAX_FLAME_DEPTH } from '../src/attribution/flame.js'

const out = tempDir('flame')
const DEMO = join(ROOT, 'fixtures', 'demo')
const RUN = ['run', '--dir', DEMO, '--count', '4', '--benchtime', '150ms']
let browser: Browser
let cpuBase = ''
let cpuHead = ''

beforeAll(async () => {
  const b = await cli([...RUN, '--out', join(out, 'base')])
  expect(b.code, b.stderr).toBe(0)
  const h = await cli([...RUN, '--out', join(out, 'head'), '--', '-tags=benchgate_demo_regression'])
  expect(h.code, h.stderr).toBe(0)
  const profile = (side: string): string => {
    const r = JSON.parse(readFileSync(join(out, side, 'results.json'), 'utf8')) as {
      packages: { profiles: { cpu?: string } }[]
    }
    return join(out, side, r.packages.find(p => p.profiles.cpu)!.profiles.cpu!)
  }
  cpuBase = profile('base')
  cpuHead = profile('head')
  browser = await launchOffline()
}, 300_000)

afterAll(async () => {
  await browser?.close()
})

/** Open a page with every request recorded and refused, and console errors kept. */
async function open(file: string): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage()
  await page.setViewport({ width: 1400, height: 900 })
  const requests: string[] = []
  const errors: string[] = []
  const url = `file://${file}`
  await page.setRequestInterception(true)
  page.on('request', r => {
    if (r.url() === url) void r.continue()
    else {
      requests.push(r.url())
      void r.abort()
    }
  })
  page.on('console', m => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', e => errors.push(String(e)))
  await page.goto(url, { waitUntil: 'load' })
  return { page, requests, errors }
}

/** The frames drawn now: name, width and colour. */
async function frames(
  page: Page
): Promise<{ name: string; i: number; width: number; rgb: number[] }[]> {
  return page.$$eval('#graph .f', els =>
    els.map(el => {
      const e = el as HTMLElement
      const g = (
        window as unknown as {
          benchgateFlame: { state: { g: { names: string[]; name: number[] } } }
        }
      ).benchgateFlame.state.g
      const i = Number(e.dataset.i)
      const m = /rgba?\(([^)]*)\)/.exec(getComputedStyle(e).backgroundColor)
      return {
        name: g.names[g.name[i]],
        i,
        width: e.getBoundingClientRect().width,
        rgb: m ? m[1].split(',').map(Number) : []
      }
    })
  )
}

const isRed = (rgb: number[]): boolean => rgb[0] > 150 && rgb[1] < 120 && rgb[2] < 120

async function pick(page: Page, match: RegExp): Promise<void> {
  const options = await page.$$eval('#picker option', os =>
    os.map(o => [o.value, o.textContent ?? ''])
  )
  const hit = options.find(([, text]) => match.test(text))
  expect(hit, JSON.stringify(options)).toBeDefined()
  await page.select('#picker', hit![0])
}

describe('benchgate flame on two bundles', () => {
  const html = join(out, 'demo.html')

  it('writes one self-contained file that requests nothing', async () => {
    // Both seeded benchmarks, whatever this machine's noise made of the sequential screen.
    const r = await cli([
      'flame',
      join(out, 'base'),
      join(out, 'head'),
      '-o',
      html,
      '--benchmark',
      'Intern|Tokenize'
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/wrote .*demo\.html: \d+ graph\(s\)/)
    const text = readFileSync(html, 'utf8')
    expect(text).toContain("default-src 'none'")
    expect(text).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i)
    const { page, requests, errors } = await open(html)
    expect(await page.$$eval('#graph .f', e => e.length)).toBeGreaterThan(3)
    expect(requests).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it("cloneWord is red in Intern's graph, and Tokenize's own frame is the widest red one in its own", async () => {
    const { page, errors } = await open(html)
    await pick(page, /^BenchmarkIntern\S* .* — cpu —/)
    const intern = await frames(page)
    const clone = intern.find(f => f.name === 'example.com/demo/textproc.cloneWord')
    expect(clone, JSON.stringify(intern.map(f => f.name))).toBeDefined()
    expect(isRed(clone!.rgb), JSON.stringify(clone)).toBe(true)
    await pick(page, /^BenchmarkTokenize\S* .* — cpu —/)
    const tokenize = await frames(page)
    // The root frame (the benchmark, always full width) is red too whenever
    // the whole benchmark grew enough; the culprit is the widest red one below it.
    const red = tokenize.filter(f => f.i !== 0 && isRed(f.rgb)).sort((a, b) => b.width - a.width)
    expect(red[0]?.name, JSON.stringify(red.slice(0, 3))).toBe('example.com/demo/textproc.Tokenize')
    // The ranked culprit table beside it, as text.
    const table = await page.$eval('#culprits-body', e => e.textContent ?? '')
    expect(table).toContain('example.com/demo/textproc.Tokenize')
    expect(errors).toEqual([])
    await page.close()
  })

  it('zoom makes a frame full width, Escape undoes it, and search marks the matches', async () => {
    const { page, errors } = await open(html)
    await pick(page, /^BenchmarkIntern\S* .* — cpu —/)
    const graphWidth = await page.$eval('#graph', e => e.getBoundingClientRect().width)
    // The widest frame that is clearly narrower than the graph. Which one
    // that is depends on the run: the seeded cloneWord alone can fill over
    // 90% of Intern's graph, so the test must not insist on a name.
    const drawn = await frames(page)
    const before = drawn
      .filter(f => f.i !== 0 && f.width >= 20 && f.width < graphWidth * 0.8)
      .sort((a, b) => b.width - a.width)[0]
    expect(before, JSON.stringify(drawn.map(f => [f.name, f.width]))).toBeDefined()
    await page.click(`#graph .f[data-i="${before.i}"]`)
    const after = (await frames(page)).find(f => f.i === before.i)!
    expect(after.width).toBeGreaterThan(graphWidth - 2)
    await page.keyboard.press('Escape')
    expect((await frames(page)).find(f => f.i === before.i)!.width).toBeCloseTo(before.width, 0)
    await page.type('#search', 'clonew')
    expect(await page.$eval('#found', e => e.textContent)).toMatch(/^[1-9]\d* frames? match/)
    const marked = await page.$$eval('#graph .f.match', els => els.map(e => e.textContent))
    expect(marked.length).toBeGreaterThan(0)
    expect(marked.every(t => t === '' || /cloneWord/.test(t ?? ''))).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('benchgate flame and diff on two pprof profiles (like pprof -diff_base)', () => {
  const html = join(out, 'profiles.html')

  it("the root's tooltip shows each profile's total as go tool pprof computes it", async () => {
    const r = await cli(['flame', cpuBase, cpuHead, '-o', html])
    expect(r.code, r.stderr).toBe(0)
    const [base, head] = await Promise.all([
      pprofTop(cpuBase, 'cpu', 'nanoseconds'),
      pprofTop(cpuHead, 'cpu', 'nanoseconds')
    ])
    const { page, errors, requests } = await open(html)
    await page.hover('#graph .f[data-i="0"]')
    const tip = await page.$eval('#tip', e => e.textContent ?? '')
    expect(tip).toContain(`cum   base `)
    expect(tip).toContain(`(${base.total})`)
    expect(tip).toContain(`(${head.total})`)
    // A frame whose function sits at one place in the tree: its cum is the
    // function's. A demo function can sit at two (under b.run1's first
    // b.N = 1 run and under the timed runs), so the test takes the first of
    // them that sits at one.
    const unique = await page.evaluate(() => {
      const g = (
        window as unknown as {
          benchgateFlame: { state: { g: { names: string[]; name: number[]; n: number } } }
        }
      ).benchgateFlame.state.g
      const seen = new Map<number, number>()
      for (let i = 0; i < g.n; i++) seen.set(g.name[i], (seen.get(g.name[i]) ?? 0) + 1)
      for (let i = 1; i < g.n; i++) {
        const name = g.names[g.name[i]]
        if (
          /^example\.com\/demo\/textproc\.[a-z]/i.test(name) &&
          !name.includes('.Benchmark') &&
          seen.get(g.name[i]) === 1
        )
          return { i, name }
      }
      return { i: -1, name: '' }
    })
    expect(unique.i, 'no demo function sits at one place in the tree').toBeGreaterThan(0)
    // Hover it even when it is too narrow to draw: zoom into it first.
    await page.evaluate(i => {
      const f = (
        window as unknown as { benchgateFlame: { state: { zoom: number }; render: () => void } }
      ).benchgateFlame
      f.state.zoom = i
      f.render()
    }, unique.i)
    await page.hover(`#graph .f[data-i="${unique.i}"]`)
    const t2 = await page.$eval('#tip', e => e.textContent ?? '')
    expect(t2.split('\n')[0]).toBe(unique.name)
    expect(t2).toContain(`(${base.functions.get(unique.name)?.cum ?? 0})`)
    expect(t2).toContain(`(${head.functions.get(unique.name)?.cum ?? 0})`)
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    await page.close()
  })

  it("diff's rows have the Δ cum that go tool pprof -top -diff_base prints", async () => {
    const r = await cli(['diff', cpuBase, cpuHead, '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const d = JSON.parse(r.stdout) as {
      graphs: { functions: { name: string; delta: { cum: number } }[] }[]
    }
    const rows = d.graphs[0].functions as {
      name: string
      status: string
      delta: { cum: number }
    }[]
    // Raw totals of two whole profiles weigh each function by how many
    // iterations ran, so only what is certain is asserted: the function
    // the seed added is there, new in head.
    expect(rows.find(f => f.name === 'example.com/demo/textproc.cloneWord')?.status).toBe('new')
    const { stdout } = await run('go', [
      'tool',
      'pprof',
      '-top',
      '-nodecount=100000',
      '-unit=ns',
      `-diff_base=${cpuBase}`,
      cpuHead
    ])
    for (const row of rows.slice(0, 3)) {
      const line = stdout
        .split('\n')
        .find(l => l.endsWith(` ${row.name}`) || l.endsWith(` ${row.name} (inline)`))
      expect(line, row.name).toBeDefined()
      // pprof prints a zero without its unit ("0  0%"), so the unit is optional.
      const cum = Number(/^\s*-?\d+(?:ns)?\s+\S+\s+\S+\s+(-?\d+)(?:ns)?\s/.exec(line!)![1])
      expect(row.delta.cum).toBe(cum)
    }
    const text = await cli(['diff', cpuBase, cpuHead])
    expect(text.stdout).toMatch(/Δ self +base self +head self +Δ cum +status +function/)
    expect(text.stdout).toMatch(/ new +example\.com\/demo\/textproc\.cloneWord\n/)
  })
})

describe('bad input', () => {
  it('a forged 20,000-frame stack draws, cut at the depth limit, with no stack overflow', async () => {
    const deep = join(out, 'deep.pprof')
    const ids = Array.from({ length: 20_000 }, (_, i) => 1 + (i % 2))
    writeFileSync(
      deep,
      craftProfile({
        samples: [
          [
            [1, 'bytes', packed(ids)],
            [2, 'bytes', packed([1, 10_000_000])]
          ]
        ]
      })
    )
    const target = join(out, 'deep.html')
    const r = await cli(['flame', deep, deep, '-o', target])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(
      new RegExp(`wrote .*deep\\.html: 1 graph\\(s\\), ${MAX_FLAME_DEPTH + 1} frames`)
    )
    const d = await cli(['diff', deep, deep])
    expect(d.code, d.stderr).toBe(0)
  })

  it('a missing directory or a corrupt profile: one clear line, exit 1, nothing written', async () => {
    const target = join(out, 'never.html')
    const missing = await cli(['flame', join(out, 'nope'), join(out, 'head'), '-o', target])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/nope: cannot read it \(ENOENT\); pass a bundle directory/)
    expect(missing.stderr).not.toMatch(/\n\s+at /)
    const corrupt = join(out, 'corrupt.pprof')
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]))
    const bad = await cli(['flame', corrupt, cpuHead, '-o', target])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/corrupt\.pprof: .*gzip/)
    expect(existsSync(target)).toBe(false)
    const usage = await cli(['flame', cpuBase])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/flame takes two inputs/)
  })
})
