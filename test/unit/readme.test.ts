/**
 * README.md as users meet it: the two commands first, then what benchgate
 * is, and an inputs block that is action.yml's, generated
 * (scripts/readme-inputs.mjs), so it cannot go stale.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { withInputs } from '../../scripts/readme-inputs.mjs'
import { ROOT } from '../helpers/go.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8')

describe('README.md', () => {
  it('opens with the demo command and the test command, then one sentence on what benchgate is', () => {
    const lines = readme.split('\n')
    expect(lines.slice(0, 6)).toEqual([
      '# benchgate',
      '',
      '```sh',
      'npm ci && node dist/cli.js demo',
      'npm ci && npm test',
      '```'
    ])
    expect(lines.slice(6).find(l => l.trim() !== '')).toMatch(/^benchgate is a GitHub Action/)
  })

  it("its inputs block is action.yml's, as generated", () => {
    expect(withInputs(readme, actionYml)).toBe(readme)
    const inputs = Object.keys((parse(actionYml) as { inputs: Record<string, unknown> }).inputs)
    expect(inputs.length).toBeGreaterThan(30)
    for (const name of inputs) expect(readme).toMatch(new RegExp(`^    ${name}: `, 'm'))
  })

  it('a changed description shows as a stale block', () => {
    const changed = actionYml.replace(/(\n {2}count:\n {4}description: >-\n)/, '$1      Changed.\n')
    expect(changed).not.toBe(actionYml)
    expect(withInputs(readme, changed)).not.toBe(readme)
  })
})
