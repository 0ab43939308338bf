/**
 * The environment a child process sees. `go test` and the test binaries
 * run the pull request's code, so nothing that grants access may reach
 * them: the Action's inputs (`INPUT_GITHUB-TOKEN` holds the token), the
 * runtime token the artifact and cache services accept, the OIDC request
 * token, and `GITHUB_TOKEN` where a workflow exported it. git gets the
 * same environment.
 */

/** Variables dropped by name. */
const DROPPED = new Set(['ACTIONS_RUNTIME_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'])

/** Variables dropped by prefix (matched case-insensitively, as Windows would). */
const DROPPED_PREFIXES = ['INPUT_', 'ACTIONS_ID_TOKEN_REQUEST_']

/** Whether a variable may reach a child process. */
export function isInherited(name: string): boolean {
  const upper = name.toUpperCase()
  return !DROPPED.has(upper) && !DROPPED_PREFIXES.some(p => upper.startsWith(p))
}

/** A copy of env without the variables that grant access. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => isInherited(name)))
}
