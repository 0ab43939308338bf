import { execFileSync } from 'node:child_process'

/**
 * The suite runs the real Go toolchain; fail once, up front, with a clear
 * message when it is missing rather than in every test.
 */
export default function setup(): void {
  try {
    execFileSync('go', ['version'], { stdio: 'pipe' })
  } catch {
    throw new Error(
      'The test suite needs the Go toolchain on PATH (https://go.dev/dl/); `go version` failed'
    )
  }
}
