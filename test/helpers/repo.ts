import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, run } from './go.js'

/** git in `repo`, with a committer identity, argv only. */
export function gitIn(
  repo: string
): (...args: string[]) => Promise<{ stdout: string; stderr: string }> {
  return (...args) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo })
}

/**
 * A two-commit repository of the demo module in `repo`: the base as
 * committed, then a head whose Checksum makes `passes` passes instead of
 * 10 (11: about 10% slower; 13: about 30%).
 */
export async function seededDemoRepo(repo: string, passes: number): Promise<void> {
  const g = gitIn(repo)
  cpSync(join(ROOT, 'fixtures', 'demo'), repo, { recursive: true })
  await g('init', '-q', '-b', 'main')
  await g('add', '.')
  await g('commit', '-qm', 'base')
  const seed = join(repo, 'textproc', 'seed_off.go')
  const text = readFileSync(seed, 'utf8')
  const seeded = text.replace('const checksumPasses = 10', `const checksumPasses = ${passes}`)
  if (seeded === text) throw new Error(`${seed} no longer sets checksumPasses = 10`)
  writeFileSync(seed, seeded)
  await g('commit', '-qam', `head: Checksum makes ${passes} passes instead of 10`)
}

/**
 * A generated module `path` in `dir`: one package per name, each with a
 * Work that sums n numbers `passes` times (passes.go sets 1) and one
 * BenchmarkWork. Sharding tests use it: many small packages, alike.
 */
export function writeWorkModule(dir: string, path: string, pkgs: readonly string[]): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'go.mod'), `module ${path}\n\ngo 1.22\n`)
  pkgs.forEach((p, i) => {
    mkdirSync(join(dir, p), { recursive: true })
    writeFileSync(
      join(dir, p, `${p}.go`),
      `package ${p}\n\n// Work sums n numbers, passes times.\nfunc Work(n int) int {\n\ts := 0\n\tfor k := 0; k < passes; k++ {\n\t\tfor i := 0; i < n; i++ {\n\t\t\ts += i ^ ${i}\n\t\t}\n\t}\n\treturn s\n}\n`
    )
    writeFileSync(join(dir, p, 'passes.go'), `package ${p}\n\nconst passes = 1\n`)
    writeFileSync(
      join(dir, p, `${p}_test.go`),
      `package ${p}\n\nimport "testing"\n\nfunc BenchmarkWork(b *testing.B) {\n\tfor i := 0; i < b.N; i++ {\n\t\t_ = Work(20000)\n\t}\n}\n`
    )
  })
}
