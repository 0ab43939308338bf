/**
 * Every file we read is checked before it is read: a FIFO does not hang,
 * /dev/zero does not exhaust memory, and a results.json whose fields have
 * the wrong types is a message naming the file and the field. Each runs
 * the built CLI, as a user would, and never shows a stack trace.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileError, readCapped } from '../src/files/index.js'
import { cli as runCli } from './helpers/cli.js'
import { ROOT, tempDir } from './helpers/go.js'

const cli = (args: string[]) => runCli(args, { timeout: 60_000 })

function noStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at |node:internal|RangeError|TypeError/)
}

const bundle = (benchmarks: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    schemaVersion: 1,
    tool: { name: 'benchgate', version: '0.1.0' },
    environment: { goVersion: 'go1.26', commit: '', ref: '' },
    packages: [{ importPath: 'p', status: 'ok', profiles: {} }],
    benchmarks,
    ...extra
  })

describe('files that are not what they claim', () => {
  const dir = tempDir('files')
  const fifo = join(dir, 'pipe')
  execFileSync('mkfifo', [fifo])

  it('compare on a FIFO is refused at once, naming it', async () => {
    const r = await cli(['compare', fifo, fifo])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${fifo}: the benchmark output is not a regular file (a named pipe)`)
    noStack(r.stderr)
  })

  it('compare and top on /dev/zero are refused, not read', async () => {
    const c = await cli(['compare', '/dev/zero', '/dev/zero'])
    expect(c.code).toBe(1)
    expect(c.stderr).toContain(
      '/dev/zero: the benchmark output is not a regular file (a character device)'
    )
    noStack(c.stderr)
    const t = await cli(['top', '/dev/zero'])
    expect(t.code).toBe(1)
    expect(t.stderr).toMatch(/\/dev\/zero: .*not a regular file/)
    noStack(t.stderr)
  })

  it('a results.json that is a FIFO is refused', async () => {
    const b = join(dir, 'fifo-bundle')
    mkdirSync(b)
    execFileSync('mkfifo', [join(b, 'results.json')])
    const r = await cli(['compare', b, b])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      'results.json: the result bundle is not a regular file (a named pipe)'
    )
  })

  it.each([
    [
      'samples that are not numbers',
      [{ package: 'p', name: 'B', samples: { 'ns/op': ['7'] } }],
      'benchmarks[0].samples["ns/op"][0] must be a finite number, not "7"'
    ],
    [
      'samples that are not a list',
      [{ package: 'p', name: 'B', samples: { 'ns/op': 7 } }],
      'benchmarks[0].samples["ns/op"] must be an array, not 7'
    ],
    [
      'a function without a name',
      [{ package: 'p', name: 'B', samples: {}, functions: { cpu: [{ flat: 1, cum: 1 }] } }],
      'benchmarks[0].functions.cpu[0].name must be a string, not missing'
    ],
    [
      'a function whose cost is text',
      [
        {
          package: 'p',
          name: 'B',
          samples: {},
          functions: { cpu: [{ name: 'f', flat: 'x', cum: 1 }] }
        }
      ],
      'benchmarks[0].functions.cpu[0].flat must be a finite number, not "x"'
    ]
  ])('a results.json with %s names the file and the field', async (_, benchmarks, field) => {
    const b = join(dir, `bad-${Math.random().toString(36).slice(2)}`)
    mkdirSync(b)
    writeFileSync(join(b, 'results.json'), bundle(benchmarks))
    const r = await cli(['compare', b, b])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`${join(b, 'results.json')}: ${field}`)
    noStack(r.stderr)
  })

  it('a profile path that leaves the bundle is refused', async () => {
    const b = join(dir, 'escape')
    mkdirSync(b)
    writeFileSync(
      join(b, 'results.json'),
      bundle([], {
        packages: [{ importPath: 'p', status: 'ok', profiles: { cpu: '../../etc/passwd' } }]
      })
    )
    const r = await cli(['compare', b, b])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('packages[0].profiles.cpu must be a path inside the bundle')
  })

  it('readCapped refuses a file over its cap before reading it', async () => {
    const f = join(dir, 'big')
    writeFileSync(f, Buffer.alloc(1000))
    await expect(readCapped(f, 999, 'the thing')).rejects.toThrow(FileError)
    await expect(readCapped(f, 999, 'the thing')).rejects.toThrow(
      /the thing is 1000 bytes, over the cap of 999/
    )
    expect((await readCapped(f, 1000, 'the thing')).length).toBe(1000)
  })

  it('--output into a missing directory is one line, not a stack trace', async () => {
    const text = join(ROOT, 'fixtures', 'benchtext', 'stats')
    const files = execFileSync('ls', [text])
      .toString()
      .trim()
      .split('\n')
      .filter(f => f.endsWith('.txt'))
    const a = join(text, files[0])
    const r = await cli(['compare', a, a, '--output', join(dir, 'no', 'such', 'dir', 'out.md')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^benchgate: cannot write .*out\.md: no such file or directory/m)
    noStack(r.stderr)
  })
})
