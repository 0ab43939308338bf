import { cpSync, readFileSync, writeFileSync } from 'node:fs'
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
