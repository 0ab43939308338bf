/**
 * The environment a child process sees. `go test` and the test binaries
 * run the pull request's code, so nothing that grants access may reach
 * them: the Action's inputs (`INPUT_GITHUB-TOKEN` holds the token), the
 * runtime token the artifact and cache services accept, the OIDC request
 * token, and `GITHUB_TOKEN` where a workflow exported it; nor the runner's
 * command files. git gets the same environment. This is defence in depth:
 * a benchmark can still read its ancestors' `/proc/<pid>/environ`
 * (docs/security.md).
 */

/**
 * Variables dropped by name: the tokens, and the runner's files for
 * workflow commands (environment, outputs, PATH, state, the job summary),
 * which a benchmark could otherwise append to.
 */
const DROPPED = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY'
])

/** Variables dropped by prefix (matched case-insensitively, as Windows would). */
const DROPPED_PREFIXES = ['INPUT_', 'ACTIONS_ID_TOKEN_REQUEST_']

/** Whether a variable may reach a child process. */
export function isInherited(name: string): boolean {
  const upper = name.toUpperCase()
  return !DROPPED.has(upper) && !DROPPED_PREFIXES.some(p => upper.startsWith(p))
}

/**
 * A copy of env without the variables that grant access, built from env's
 * own entries into an object with no prototype: child_process passes
 * every enumerable key it finds with for…in, inherited ones included, so
 * a key written into Object.prototype must never reach a child (a
 * `GIT_CONFIG_*` there would configure git hooks).
 */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = Object.create(null) as NodeJS.ProcessEnv
  for (const name of Object.keys(env)) {
    const value = env[name]
    if (value !== undefined && isInherited(name)) out[name] = value
  }
  return out
}
