/**
 * The engine's real seams in one place: the Go toolchain, git, and the A/B
 * runner built on them. Front ends take these; tests pass fakes of the
 * same small interfaces.
 */
import { LocalGit, type Git } from '../git/index.js'
import { LocalGo, type GoToolchain } from '../gobench/toolchain.js'
import { runAb, type AbRunner } from './ab.js'

/** The seams the engine's stages run through. */
export interface Engine {
  go: GoToolchain
  git: Git
  runAb: AbRunner
}

/** The real Go on PATH, the real git, and the A/B runner over them. */
export function localEngine(): Engine {
  const go = new LocalGo()
  const git = new LocalGit()
  return { go, git, runAb: (s, onEvent) => runAb(go, git, s, onEvent) }
}
