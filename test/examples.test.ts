/**
 * The example workflows pass actionlint (installed pinned from the Go
 * module proxy), and action.yml documents every input the code reads.
 */
import { execFile } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { readSettings } from '../src/action/inputs.js'
import { ROOT, run, tempDir } from './helpers/go.js'

const exec = promisify(execFile)
const ACTIONLINT_VERSION = 'v1.7.12'
const BIN = join(ROOT, '.cache', 'bin')
const ACTIONLINT = join(BIN, 'actionlint')
const EXAMPLES = join(ROOT, 'examples')

const ZIZMOR_VERSION = '1.32.0'
const ZIZMOR_VENV = join(ROOT, '.cache', 'zizmor')
const ZIZMOR = join(ZIZMOR_VENV, 'bin', 'zizmor')

beforeAll(async () => {
  if (!existsSync(ACTIONLINT)) {
    mkdirSync(BIN, { recursive: true })
    await exec(
      'go',
      ['install', `github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}`],
      {
        env: { ...process.env, GOBIN: BIN }
      }
    )
  }
  if (!existsSync(ZIZMOR)) {
    await exec('python3', ['-m', 'venv', ZIZMOR_VENV])
    await exec(join(ZIZMOR_VENV, 'bin', 'pip'), ['install', '--quiet', `zizmor==${ZIZMOR_VERSION}`])
  }
}, 600_000)

const outcome = (
  p: Promise<{ stdout: string; stderr: string }>
): Promise<{ code: number; out: string }> =>
  p.then(
    x => ({ code: 0, out: x.stdout + x.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr
    })
  )

describe('zizmor (pinned, from PyPI)', () => {
  it('finds nothing unsuppressed in action.yml and examples/', async () => {
    const targets = [
      join(ROOT, 'action.yml'),
      ...readdirSync(EXAMPLES)
        .filter(f => /\.ya?ml$/.test(f))
        .map(f => join(EXAMPLES, f))
    ]
    const r = await outcome(exec(ZIZMOR, ['--offline', '--no-progress', ...targets]))
    expect(r.out).toContain('No findings to report')
    expect(r.code).toBe(0)
  })

  it('every suppression carries a written reason', () => {
    for (const f of ['action.yml', ...readdirSync(EXAMPLES).map(x => join('examples', x))]) {
      for (const line of readFileSync(join(ROOT, f), 'utf8').split('\n')) {
        const m = /zizmor: ignore\[[^\]]+\](.*)$/.exec(line)
        if (m) expect(m[1].trim().length, `${f}: ${line}`).toBeGreaterThan(20)
      }
    }
  })
})

describe('action.yml through actionlint', () => {
  it('is a valid action whose inputs cover everything the settings read', async () => {
    // actionlint validates a local action when a workflow uses it (`uses: ./`).
    const repo = tempDir('actionlint')
    await run('git', ['init', '-q'], { cwd: repo })
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true })
    mkdirSync(join(repo, 'dist'))
    copyFileSync(join(ROOT, 'action.yml'), join(repo, 'action.yml'))
    copyFileSync(join(ROOT, 'dist', 'index.js'), join(repo, 'dist', 'index.js'))
    const names: string[] = []
    readSettings(n => {
      names.push(n)
      return ''
    })
    const withs = names.map(n => `          ${n}: ''`).join('\n')
    writeFileSync(
      join(repo, '.github', 'workflows', 'use.yml'),
      `name: use\non: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./\n        with:\n${withs}\n`
    )
    const r = await outcome(exec(ACTIONLINT, ['-no-color'], { cwd: repo }))
    expect(r.out).toBe('')
    expect(r.code).toBe(0)
  })
})

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
    // YAML only: the comments explain why pull_request_target is not used.
    const text = readFileSync(join(EXAMPLES, file), 'utf8').replace(/#.*$/gm, '')
    expect(text).toMatch(/^permissions:/m)
    expect(text).not.toMatch(/write-all|pull_request_target/)
  })

  it.each(files)('%s never cancels a push run, which records the baseline', file => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8').replace(/#.*$/gm, '')
    if (!/^ {2}push:/m.test(text)) return
    // Cancelling in progress is for pull requests only: pushes faster than a
    // run would otherwise leave the branch without any baseline.
    const cancel = /^ {2}cancel-in-progress: (.*)$/m.exec(text)
    if (cancel) expect(cancel[1].trim()).toBe("${{ github.event_name == 'pull_request' }}")
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
