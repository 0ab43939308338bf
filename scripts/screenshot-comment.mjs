// Render a benchgate comment (Markdown) as GitHub would show it, and take a
// screenshot with headless Chromium: markdown-it (GFM tables, raw <details>)
// inside GitHub's own stylesheet (the github-markdown-css package), every
// <details> opened. Used to make docs/comment.png from the demo's comment.
//
//   node scripts/screenshot-comment.mjs benchgate-demo/comment.md docs/comment.png
//
// Chromium: Debian's package (`apt-get install chromium`), or CHROMIUM=path.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import MarkdownIt from 'markdown-it'
import puppeteer from 'puppeteer-core'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: node scripts/screenshot-comment.mjs <comment.md> <out.png>')
  process.exit(2)
}
const browser = process.env.CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(browser)) {
  console.error(`no Chromium at ${browser}: apt-get install chromium, or set CHROMIUM`)
  process.exit(1)
}
const require = createRequire(import.meta.url)
const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
const body = new MarkdownIt({ html: true, linkify: false }).render(readFileSync(input, 'utf8'))
const page = `<!doctype html><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff } .markdown-body { box-sizing: border-box; max-width: 980px; padding: 24px 32px }
</style><article class="markdown-body">${body}</article>`

const b = await puppeteer.launch({
  executablePath: browser,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none']
})
try {
  const p = await b.newPage()
  await p.setViewport({ width: 1040, height: 800, deviceScaleFactor: 1 })
  // No network: the page is self-contained, and any request would be a bug.
  await p.setRequestInterception(true)
  p.on('request', r =>
    r.url().startsWith('data:') || r.url() === 'about:blank' ? r.continue() : r.abort()
  )
  await p.setContent(page, { waitUntil: 'load' })
  await p.$$eval('details', ds => ds.forEach(d => (d.open = true)))
  await p.screenshot({ path: resolve(output), fullPage: true })
  console.error(`wrote ${output}`)
} finally {
  await b.close()
}
