// Shared by the bench scripts: replace the text between a script's markers
// in docs/performance.md with its latest results.
import { readFileSync, writeFileSync } from 'node:fs'

/** Write `section` between `<!-- name:begin -->` and `<!-- name:end -->` in `doc`. */
export function recordSection(doc, name, section) {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  const text = readFileSync(doc, 'utf8')
  const a = text.indexOf(begin)
  const z = text.indexOf(end)
  if (a < 0 || z < 0) throw new Error(`${doc} lacks the ${begin} … ${end} markers`)
  writeFileSync(doc, `${text.slice(0, a + begin.length)}\n${section}\n${text.slice(z)}`)
}
