/**
 * The pull request's code cannot read the token. A real benchmark dumps
 * its whole environment to a file; it runs through `go test` (the
 * sequential run) and as a prebuilt test binary (the A/B rounds), with the
 * runner's secrets in the parent's environment, and none of them may
 * arrive. A variable that grants nothing still arrives, so the dump is
 * known to be real.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childEnv, isInherited } from '../src/env/index.js'
import { goTestBuildArgs, goTestProfileArgs } from '../src/gobench/args.js'
import { LocalGo } from '../src/gobench/toolchain.js'
import { tempDir } from './helpers/go.js'

const SECRETS: Record<string, string> = {
  'INPUT_GITHUB-TOKEN': 'ghs_inputToken000000000000000000000',
  INPUT_BENCH: 'input-bench-4444444444',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-1111111111',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-token-2222222222',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/token',
  GITHUB_TOKEN: 'ghs_exportedToken33333333333333333',
  // The runner's command files: a benchmark could append to them.
  GITHUB_ENV: '/runner/file_commands/set_env_5555555555',
  GITHUB_OUTPUT: '/runner/file_commands/set_output_6666666666',
  GITHUB_PATH: '/runner/file_commands/add_path_7777777777',
  GITHUB_STATE: '/runner/file_commands/save_state_8888888888',
  GITHUB_STEP_SUMMARY: '/runner/file_commands/step_summary_9999999999'
}

describe('the environment of go and the test binaries', () => {
  const dir = tempDir('envdump')
  const saved: Record<string, string | undefined> = {}
  beforeAll(() => {
    writeFileSync(join(dir, 'go.mod'), 'module example.com/envdump\n\ngo 1.23\n')
    writeFileSync(
      join(dir, 'dump_test.go'),
      `package envdump

import (
	"os"
	"strings"
	"testing"
)

func BenchmarkDumpEnv(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = i
	}
	_ = os.WriteFile(os.Getenv("BENCHGATE_ENV_DUMP"), []byte(strings.Join(os.Environ(), "\\n")), 0o600)
}
`
    )
    for (const [k, v] of Object.entries({ ...SECRETS, BENCHGATE_HARMLESS: 'kept' })) {
      saved[k] = process.env[k]
      process.env[k] = v
    }
  })
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })

  function expectClean(dump: string): void {
    expect(dump).toContain('BENCHGATE_HARMLESS=kept')
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(dump).not.toContain(value)
      expect(dump).not.toContain(`${name}=`)
    }
  }

  it('go test (the sequential run) sees no token', async () => {
    const out = join(dir, 'go-test.env')
    process.env.BENCHGATE_ENV_DUMP = out
    const r = await new LocalGo().run(
      ['test', '-run=^$', '-bench=.', '-benchtime=1x', '-count=1', '.'],
      { cwd: dir }
    )
    expect(r.code).toBe(0)
    expectClean(readFileSync(out, 'utf8'))
  })

  it('a prebuilt test binary (an A/B round) sees no token', async () => {
    const go = new LocalGo()
    const bin = join(dir, 'envdump.test')
    expect((await go.run(goTestBuildArgs(bin, []), { cwd: dir })).code).toBe(0)
    const out = join(dir, 'binary.env')
    process.env.BENCHGATE_ENV_DUMP = out
    const r = await go.runTestBinary(
      bin,
      goTestProfileArgs({
        bench: '.',
        iterations: 1,
        cpuProfile: join(dir, 'c.pprof'),
        memProfile: join(dir, 'm.pprof'),
        runFlags: []
      }),
      { cwd: dir }
    )
    expect(r.code).toBe(0)
    expectClean(readFileSync(out, 'utf8'))
  })

  it('drops by name and prefix, in any case, and keeps the rest', () => {
    expect(isInherited('input_github-token')).toBe(false)
    expect(isInherited('Actions_Runtime_Token')).toBe(false)
    expect(isInherited('ACTIONS_ID_TOKEN_REQUEST_URL')).toBe(false)
    expect(isInherited('GOFLAGS')).toBe(true)
    expect(isInherited('PATH')).toBe(true)
    expect(isInherited('ACTIONS_RUNNER_DEBUG')).toBe(true)
    expect(childEnv({ PATH: '/bin', GITHUB_TOKEN: 'x', INPUT_X: 'y' })).toEqual({ PATH: '/bin' })
  })

  it('a key written into Object.prototype never reaches a child', async () => {
    const proto = Object.prototype as Record<string, unknown>
    proto.BENCHGATE_POLLUTED = 'inherited'
    try {
      const env = childEnv({ PATH: process.env.PATH })
      expect(Object.keys(env)).toEqual(['PATH'])
      // Object.prototype is not env's prototype, so for…in sees only its own keys.
      const seen: string[] = []
      for (const k in env) seen.push(k)
      expect(seen).toEqual(['PATH'])
      const out = join(dir, 'polluted.env')
      process.env.BENCHGATE_ENV_DUMP = out
      const r = await new LocalGo().run(
        ['test', '-run=^$', '-bench=.', '-benchtime=1x', '-count=1', '.'],
        { cwd: dir }
      )
      expect(r.code).toBe(0)
      const dump = readFileSync(out, 'utf8')
      expect(dump).toContain('BENCHGATE_HARMLESS=kept')
      expect(dump).not.toContain('BENCHGATE_POLLUTED')
    } finally {
      delete proto.BENCHGATE_POLLUTED
    }
  })
})
