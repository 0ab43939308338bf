/**
 * Nothing benchgate starts runs for ever, or outlives it. A real benchmark
 * that hangs only in its short run (at a tenth of its samples' count)
 * must not hang `run`; a benchgate that is stopped
 * (Ctrl-C, a cancelled workflow) takes its test binaries with it; and the
 * watchdog kills a child's whole process group, grandchildren included.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalGo } from '../src/gobench/toolchain.js'
import { CLI, cli } from './helpers/cli.js'
import { tempDir } from './helpers/go.js'

/** Process ids whose command line contains `needle` (from /proc, no shell). */
function processesMatching(needle: string): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (cmd.includes(needle)) out.push(Number(entry))
    } catch {
      // Gone meanwhile.
    }
  }
  return out
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Poll until `check` holds, at most `tries` × 100 ms; returns whether it held. */
async function eventually(check: () => boolean, tries = 300): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (check()) return true
    await new Promise(r => setTimeout(r, 100))
  }
  return check()
}

const HANG = (module: string, when: string): string => `package ${module}

import (
	"os"
	"strings"
	"testing"
	"time"
)

func hangs() bool {
	for _, a := range os.Args {
		if ${when} {
			return true
		}
	}
	return false
}

func BenchmarkWork(b *testing.B) {
	if hangs() {
		time.Sleep(time.Hour)
	}
	s := 0
	for i := 0; i < b.N; i++ {
		s += i
	}
	_ = strings.Repeat("x", s%2)
}
`

function writeModule(dir: string, module: string, when: string): void {
  writeFileSync(join(dir, 'go.mod'), `module example.com/${module}\n\ngo 1.22\n`)
  writeFileSync(join(dir, 'hang_test.go'), HANG(module, when))
}

describe('children have a time limit and die with benchgate', () => {
  it('a benchmark that hangs only in its short run (N/10) does not hang run', async () => {
    const dir = tempDir('hangpass')
    const module = `hangpass${process.pid}`
    // Samples run at 100x; the short run for per-op costs at 10x.
    writeModule(dir, module, 'a == "-test.benchtime=10x"')
    const out = join(tempDir('hangpass-out'), 'b')
    const r = await cli(
      ['run', '--dir', dir, '--count', '2', '--benchtime', '100x', '--timeout', '2s', '--out', out],
      { timeout: 200_000 }
    )
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/)
    // The samples are kept; the short run died at its timeout.
    expect(r.code).toBe(0)
    const bundle = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      benchmarks: { name: string }[]
    }
    expect(bundle.benchmarks.map(b => b.name.replace(/-\d+$/, ''))).toEqual(['BenchmarkWork'])
    expect(processesMatching(`${module}.test`)).toEqual([])
  })

  it('stopping benchgate stops the test binary it started', async () => {
    const dir = tempDir('hangrun')
    const module = `hangrun${process.pid}`
    writeModule(dir, module, 'strings.HasPrefix(a, "-test.bench")')
    const child = spawn(
      process.execPath,
      [CLI, 'run', '--dir', dir, '--count', '1', '--out', join(tempDir('hangrun-out'), 'b')],
      { stdio: 'ignore' }
    )
    const exited = new Promise<number | null>(r =>
      child.on('exit', (code, signal) => r(code ?? (signal ? 128 : null)))
    )
    // The test binary is running (go test built it and started it).
    expect(await eventually(() => processesMatching(`${module}.test`).length > 0, 1200)).toBe(true)
    const binaries = processesMatching(`${module}.test`)
    child.kill('SIGTERM')
    await exited
    expect(await eventually(() => binaries.every(pid => !alive(pid)))).toBe(true)
  })

  it('the watchdog kills the whole process group, grandchildren too', async () => {
    const dir = tempDir('watchdog')
    const pidFile = join(dir, 'grandchild.pid')
    // A "go" that starts a grandchild and then never ends.
    const go = new LocalGo(process.execPath, { timeoutSeconds: 1, buildGraceSeconds: 0 })
    const r = await go.run(
      [
        '-e',
        `const c = require('node:child_process').spawn('sleep', ['300'], { stdio: 'ignore' });
         require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid));
         setInterval(() => {}, 1000)`
      ],
      { cwd: dir }
    )
    expect(r.code).toBe(-1)
    expect(r.stderr).toMatch(/killed after 6s \(the timeout setting/)
    expect(existsSync(pidFile)).toBe(true)
    const grandchild = Number(readFileSync(pidFile, 'utf8'))
    expect(await eventually(() => !alive(grandchild))).toBe(true)
  })
})
