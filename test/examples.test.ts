/**
 * The example workflows pass actionlint (installed pinned from the Go
 * module proxy), and action.yml documents every input the code reads.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSettings } from '../src/settings.js'
import { ROOT } from './helpers/go.js'

const exec = promisify(execFile)
const ACTIONLINT_VERSION = 'v1.7.12'
const BIN = join(ROOT, '.cache', 'bin')
const ACTIONLINT = join(BIN, 'actionlint')
const EXAMPLES = join(ROOT, 'examples')

beforeAll(async () => {
  if (existsSync(ACTIONLINT)) return
  mkdirSync(BIN, { recursive: true })
  await exec(
    'go',
    ['install', `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`],
    { env: { ...process.env, GOBIN: BIN } }
  )
}, 600_000)

describe('examples/', () => {
  const files = readdirSync(EXAMPLES).filter(f => /\.ya?ml$/.test(f))

  it('has workflows', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files)('%s passes actionlint', async file => {
    const r = await exec(ACTIONLINT, ['-no-color', join(EXAMPLES, file)]).then(
      x => ({ code: 0, out: x.stdout + x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout + e.stderr
      })
    )
    expect(r.out).toBe('')
    expect(r.code).toBe(0)
  })

  it.each(files)('%s grants least privilege (no write-all, no pull_request_target)', file => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8')
    expect(text).toMatch(/^permissions:/m)
    expect(text).not.toMatch(/write-all|pull_request_target/)
  })
})

describe('action.yml', () => {
  const yml = readFileSync(join(ROOT, 'action.yml'), 'utf8')
  const declared = [...yml.matchAll(/^ {2}([a-z-]+):\n {4}description:/gm)].map(m => m[1])

  it('runs on node24 from dist/index.js', () => {
    expect(yml).toMatch(/runs:\n {2}using: node24\n {2}main: dist\/index\.js/)
  })

  it('documents every input the settings read, each with a default', () => {
    const read = new Set<string>()
    readSettings(name => {
      read.add(name)
      return ''
    })
    for (const name of read) {
      expect(declared, `input ${name} is read but not declared`).toContain(name)
      const block = yml.slice(yml.indexOf(`  ${name}:\n`)).split(/\n {2}[a-z-]+:\n/)[0]
      expect(block, `input ${name} has no default`).toMatch(/\n {4}default:/)
    }
  })

  it('rejects bad input values naming the input, the value and what is allowed', () => {
    const bad = (values: Record<string, string>) => () => readSettings(n => values[n] ?? '')
    expect(bad({ count: 'six' })).toThrow(
      'input "count": invalid value "six"; allowed: a whole number from 1 to 1000'
    )
    expect(bad({ comment: 'sometimes' })).toThrow(
      'input "comment": invalid value "sometimes"; allowed: always, on-change, on-regression, never'
    )
    expect(bad({ 'fail-on-regression': 'maybe' })).toThrow(
      'input "fail-on-regression": invalid value "maybe"; allowed: true or false'
    )
    expect(bad({ benchtime: '1 minute' })).toThrow(
      /input "benchtime": invalid value "1 minute"; use a Go duration/
    )
  })
})
