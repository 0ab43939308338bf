// Screenshot a `benchgate flame` page in headless Chromium, network cut
// off: pick the graph whose picker text matches a pattern and hover the
// frame with a given name, so the tooltip shows. Used to make
// docs/flame.png from the demo's bundles.
//
//   node dist/cli.js flame benchgate-demo/base benchgate-demo/head -o /tmp/f.html
//   node scripts/screenshot-flame.mjs /tmp/f.html docs/flame.png 'Tokenize.* cpu' example.com/demo/textproc.Tokenize
//
// Chromium: Debian's package (`apt-get install chromium`), or CHROMIUM=path.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import puppeteer from 'puppeteer-core'

const [input, output, pick, hover] = process.argv.slice(2)
if (!input || !output) {
  console.error(
    'usage: node scripts/screenshot-flame.mjs <page.html> <out.png> [picker-regex] [frame-name]'
  )
  process.exit(2)
}
const browser = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(browser)) {
  console.error(`no Chromium at ${browser}: apt-get install chromium, or set CHROMIUM`)
  process.exit(1)
}
const b = await puppeteer.launch({
  executablePath: browser,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu']
})
try {
  const p = await b.newPage()
  await p.setViewport({ width: 1280, height: 560, deviceScaleFactor: 1 })
  const url = `file://${resolve(input)}`
  await p.setRequestInterception(true)
  p.on('request', r => (r.url() === url ? r.continue() : r.abort()))
  await p.goto(url, { waitUntil: 'load' })
  if (pick) {
    const options = await p.$$eval('#picker option', os =>
      os.map(o => [o.value, o.textContent ?? ''])
    )
    const hit = options.find(([, t]) => new RegExp(pick).test(t))
    if (!hit) throw new Error(`no graph matches ${pick}`)
    await p.select('#picker', hit[0])
  }
  if (hover) {
    const i = await p.evaluate(name => {
      const g = window.benchgateFlame.state.g
      return g.name.findIndex(n => g.names[n] === name)
    }, hover)
    const el = await p.$(`#graph .f[data-i="${i}"]`)
    const box = await el.boundingBox()
    await p.mouse.move(box.x + Math.min(box.width / 3, 200), box.y + box.height / 2)
  }
  await p.screenshot({ path: resolve(output) })
  console.error(`wrote ${output}`)
} finally {
  await b.close()
}
