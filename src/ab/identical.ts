/**
 * What cannot differ between the A/B sides (docs/design.md D16): a
 * package whose two test binaries are byte-identical runs the same code
 * (both are built with -trimpath, so the same source gives the same bytes
 * in any directory, and `go test -c` stamps no VCS information), and whose
 * other files in its directory (testdata/, data read at run time) are
 * identical reads the same inputs. Its benchmarks cannot have changed.
 *
 * What a binary cannot see: files read from outside the package
 * directory, the environment, cgo's shared libraries, the network. For
 * those, `--select all` measures everything.
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Whether two files hold the same bytes (sizes first, then contents); false when either cannot be read. */
async function sameBytes(a: string, b: string): Promise<boolean> {
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)])
    if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false
    const [ba, bb] = await Promise.all([readFile(a), readFile(b)])
    return ba.equals(bb)
  } catch {
    return false
  }
}

/** Version control directories (or, in a git worktree, the .git file): never package files. */
const VCS = new Set(['.git', '.hg', '.svn', '.bzr', '.jj'])

/**
 * The files beside a package's Go sources, relative to its directory,
 * sorted: every non-`.go` file, and everything under subdirectories that
 * are not Go packages of their own (testdata/ always), leaving out version
 * control's directories. A symbolic link is listed, not followed.
 */
async function packageFiles(dir: string, rel = ''): Promise<string[]> {
  let entries
  try {
    entries = await readdir(join(dir, rel), { withFileTypes: true })
  } catch {
    return []
  }
  const out: string[] = []
  for (const e of entries) {
    // Version control's own files: a checkout's .git directory is a file
    // in a worktree, and neither is anything the benchmarks read.
    if (VCS.has(e.name)) continue
    const path = rel ? `${rel}/${e.name}` : e.name
    if (e.isDirectory()) {
      const inner = await readdir(join(dir, path)).catch(() => [] as string[])
      const isPackage = inner.some(n => n.endsWith('.go')) && e.name !== 'testdata'
      if (!isPackage) out.push(`${path}/`, ...(await packageFiles(dir, path)))
    } else if (!(rel === '' && e.name.endsWith('.go'))) out.push(path)
  }
  return out.sort()
}

/**
 * Whether a package cannot differ between the sides: its test binaries
 * are byte-identical and so are the files beside its Go sources.
 */
export async function cannotDiffer(
  binaries: { base: string; head: string },
  dirs: { base: string; head: string }
): Promise<boolean> {
  if (!(await sameBytes(binaries.base, binaries.head))) return false
  const [base, head] = await Promise.all([packageFiles(dirs.base), packageFiles(dirs.head)])
  if (base.length !== head.length || base.some((f, i) => f !== head[i])) return false
  for (const f of base)
    if (!f.endsWith('/') && !(await sameBytes(join(dirs.base, f), join(dirs.head, f)))) return false
  return true
}
