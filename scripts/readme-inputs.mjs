#!/usr/bin/env node
// The README's inputs block, generated from action.yml: every input with
// its description as a comment and its default as the value, between the
// markers <!-- inputs:begin --> and <!-- inputs:end -->.
//
//   node scripts/readme-inputs.mjs          rewrite README.md's block
//   node scripts/readme-inputs.mjs --check  exit 1 when it is stale
//
// test/unit/readme.test.ts runs the check, so the block cannot go stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const BEGIN =
  '<!-- inputs:begin (generated from action.yml by scripts/readme-inputs.mjs) -->'
export const END = '<!-- inputs:end -->'

/** Words wrapped to `width` columns after `prefix`. */
function wrap(text, prefix, width = 78) {
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(prefix + line)
  return lines
}

/** The block for these action.yml inputs. */
export function inputsBlock(actionYml) {
  const inputs = parse(actionYml).inputs
  const out = [BEGIN, '', '```yaml', '- uses: benchgate/benchgate@v1', '  with:']
  for (const [name, spec] of Object.entries(inputs)) {
    out.push(...wrap(String(spec.description ?? ''), '    # '))
    // Single-quoted, as Prettier writes YAML here ('' is a quote inside).
    const value = `'${String(spec.default ?? '').replace(/'/g, "''")}'`
    out.push(`    ${name}: ${value}`)
  }
  out.push('```', '', END)
  return out.join('\n')
}

/** README text with its block replaced by the generated one. */
export function withInputs(readme, actionYml) {
  const start = readme.indexOf(BEGIN)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md has no ${BEGIN} … ${END} block`)
  return readme.slice(0, start) + inputsBlock(actionYml) + readme.slice(end + END.length)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const next = withInputs(readme, readFileSync(join(root, 'action.yml'), 'utf8'))
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md: the inputs block is stale; run node scripts/readme-inputs.mjs')
      process.exit(1)
    }
  } else if (next !== readme) writeFileSync(readmePath, next)
}
