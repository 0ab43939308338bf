/**
 * When a package cannot differ (src/ab/identical.ts), on files in temporary
 * directories: the binaries' bytes, and the files beside the Go sources,
 * testdata/ included, a nested Go package excluded.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cannotDiffer } from '../../../src/ab/identical.js'
import { tempDir } from '../../helpers/go.js'

/** Two package trees and two binaries, from a file list per side. */
function sides(base: Record<string, string>, head: Record<string, string>) {
  const root = tempDir('identical-unit')
  const write = (side: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, side, path, '..'), { recursive: true })
      writeFileSync(join(root, side, path), text)
    }
  }
  write('base', base)
  write('head', head)
  return {
    binaries: { base: join(root, 'base', 'pkg.test'), head: join(root, 'head', 'pkg.test') },
    dirs: { base: join(root, 'base', 'pkg'), head: join(root, 'head', 'pkg') }
  }
}

const same = { 'pkg.test': 'ELF', 'pkg/a.go': 'package a', 'pkg/testdata/in': '1' }

describe('cannotDiffer', () => {
  it('is true for identical binaries and files, whatever the Go sources say', async () => {
    const s = sides(same, { ...same, 'pkg/a.go': 'package a // edited comment' })
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(true)
  })

  it("ignores version control: a checkout's .git directory against a worktree's .git file", async () => {
    // A package at the repository root (klauspost/compress's is one).
    const s = sides(
      { ...same, 'pkg/.git': 'gitdir: /elsewhere/.git/worktrees/base' },
      { ...same, 'pkg/.git/HEAD': 'ref: refs/heads/main', 'pkg/.git/objects/ab/cdef': 'x' }
    )
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(true)
    // Anything else hidden still counts.
    const t = sides(same, { ...same, 'pkg/.config/settings': 'new' })
    expect(await cannotDiffer(t.binaries, t.dirs)).toBe(false)
  })

  it('is false when the binaries differ, even by one byte of the same size', async () => {
    const s = sides(same, { ...same, 'pkg.test': 'ELG' })
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(false)
  })

  it('is false when testdata/ or a data file beside the sources differs, or one side has more', async () => {
    let s = sides(same, { ...same, 'pkg/testdata/in': '2' })
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(false)
    s = sides(same, { ...same, 'pkg/table.json': '{}' })
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(false)
    s = sides({ ...same, 'pkg/fixtures/x.txt': 'a' }, { ...same, 'pkg/fixtures/x.txt': 'b' })
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(false)
  })

  it('leaves a nested Go package to its own binary', async () => {
    const s = sides(
      { ...same, 'pkg/sub/s.go': 'package sub', 'pkg/sub/data.txt': 'a' },
      { ...same, 'pkg/sub/s.go': 'package sub', 'pkg/sub/data.txt': 'b' }
    )
    expect(await cannotDiffer(s.binaries, s.dirs)).toBe(true)
  })
})
