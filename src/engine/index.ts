/**
 * The engine's real seams in one place: the Go toolchain, git, and the A/B
 * runner built on them. Front ends take these; tests pass fakes of the
 * same small interfaces.
 */
import { LocalGit, type Git } from '../git/index.js'
import { LocalGo, type GoToolchain } from '../gobench/toolchain.js'
import { runAb, type AbRunner } from '../ab/ab.js'
import { durationSeconds } from '../measure/targets.js'

/** The seams the engine's stages run through. */
export interface Engine {
  go: GoToolchain
  git: Git
  runAb: AbRunner
}

/**
 * The real Go on PATH, the real git, and the A/B runner over them. Every
 * child gets `timeout` (a Go duration, `0` for none; the default is Go's
 * own `go test` default, 10m, raised to the run settings' 60m).
 */
export function localEngine(timeout = '60m'): Engine {
  const seconds = timeout === '0' ? 0 : (durationSeconds(timeout) ?? 3600)
  const go = new LocalGo('go', { timeoutSeconds: seconds, buildGraceSeconds: 1800 })
  const git = new LocalGit()
  return { go, git, runAb: (s, onEvent) => runAb(go, git, s, onEvent) }
}
