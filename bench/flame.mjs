#!/usr/bin/env node
// Benchmark: the differential flame graph on a large real profile (issue 15).
//   1. bigprofile writes two allocs profiles of N distinct call paths each
//      (different path sets: frames on one side only, both sides mostly).
//   2. `benchgate flame` on the pair, against `go tool pprof -svg
//      -diff_base` (the reference's picture) on the same pair, as
//      processes: wall time and output size.
//   3. The page in headless Chromium (Debian's), network cut off: time
//      from navigation to frames drawn, and a zoom and a search.
// Records medians and ratios in docs/performance.md.
//
//   npm run package && node bench/flame.mjs [--paths 100000] [--runs 3]
//
// Needs Go, graphviz (Debian package "graphviz", for pprof -svg) and Chromium.
import { execFileSync } from 'node:child_process'
import { mkdirSync, statSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import puppeteer from 'puppeteer-core'
import { recordSection } from './record.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const { values } = parseArgs({
  options: { paths: { type: 'string', default: '100000' }, runs: { type: 'string', default: '3' } }
})
const runs = Number(values.runs)
const work = join(root, 'bench', 'results', 'tmp')
mkdirSync(work, { recursive: true })
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const timed = fn => {
  const t = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - t) / 1e6
}

const files = ['a', 'b'].map((side, i) => {
  const out = join(work, `flame-${side}.mem.pprof`)
  execFileSync(
    'go',
    ['run', '.', '-out', out, '-paths', values.paths, '-depth', '9', '-seed', String(i + 1)],
    { cwd: join(here, 'bigprofile'), stdio: 'inherit' }
  )
  return out
})
const html = join(work, 'flame-big.html')
const svg = join(work, 'flame-big.svg')
const ours = []
const theirs = []
for (let r = 0; r < runs; r++) {
  ours.push(
    timed(() =>
      execFileSync(
        process.execPath,
        [join(root, 'dist', 'cli.js'), 'flame', files[0], files[1], '-o', html],
        {
          stdio: 'pipe'
        }
      )
    )
  )
  theirs.push(
    timed(() =>
      execFileSync(
        'go',
        ['tool', 'pprof', '-svg', `-diff_base=${files[0]}`, `-output=${svg}`, files[1]],
        {
          stdio: 'pipe'
        }
      )
    )
  )
}

const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox']
})
const render = []
const interact = []
let drawn = ''
for (let r = 0; r < runs; r++) {
  const page = await browser.newPage()
  await page.setViewport({ width: 1400, height: 900 })
  await page.setRequestInterception(true)
  page.on('request', q => (q.url().startsWith('file:') ? q.continue() : q.abort()))
  const t = Date.now()
  await page.goto(`file://${html}`, { waitUntil: 'load' })
  await page.waitForSelector('#graph .f')
  render.push(Date.now() - t)
  drawn = await page.$eval('#drawn', e => e.textContent)
  const z = Date.now()
  await page.click('#graph .f[data-i="1"]')
  await page.type('#search', 'f1')
  await page.keyboard.press('Escape')
  interact.push(Date.now() - z)
  await page.close()
}
await browser.close()

const mb = f => (statSync(f).size / 1e6).toFixed(2)
const section = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, ${runs} runs, medians; two allocs profiles of ${values.paths} distinct call paths each (bench/bigprofile, seeds 1 and 2: ${mb(files[0])} and ${mb(files[1])} MB gzipped).`,
  '',
  '| | benchgate flame | go tool pprof -svg -diff_base | ratio |',
  '| - | - | - | - |',
  `| wall time | ${median(ours).toFixed(0)} ms | ${median(theirs).toFixed(0)} ms | ${(median(ours) / median(theirs)).toFixed(2)} |`,
  `| output | ${mb(html)} MB HTML, self-contained | ${mb(svg)} MB SVG | ${(statSync(html).size / statSync(svg).size).toFixed(2)} |`,
  '',
  `In headless Chromium: the page draws in ${median(render)} ms (navigation to frames on screen), and a zoom, a search typed and a zoom reset take ${median(interact)} ms together. The page says: "${drawn}".`
].join('\n')
recordSection(join(root, 'docs', 'performance.md'), 'flame', section)
console.log(section)
