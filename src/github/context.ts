/**
 * What the runner tells us about this run, read from its documented
 * environment (GITHUB_* variables and the event payload file). Pure: the
 * environment and the payload text come in as arguments.
 */
export interface RunContext {
  event: string
  owner: string
  repo: string
  sha: string
  ref: string
  runId: number
  /** Workflow file name, e.g. bench.yml, from GITHUB_WORKFLOW_REF. */
  workflow: string
  serverUrl: string
  defaultBranch: string
  /** For workflow_run events: the run that triggered this one. */
  workflowRun?: {
    id: number
    headSha: string
    headRepo: string
    event: string
    conclusion: string
  }
  pullRequest?: {
    /** The payload's `action`: opened, synchronize, labeled, unlabeled, …; absent when the payload has none. */
    action?: string
    /** With labeled or unlabeled: the label's name. */
    label?: string
    number: number
    baseRef: string
    baseSha: string
    headSha: string
    headRepo: string
  }
}

/** The runner environment is incomplete or inconsistent. */
export class ContextError extends Error {
  override name = 'ContextError'
}

interface Payload {
  action?: string
  label?: { name?: string }
  repository?: { default_branch?: string; full_name?: string }
  workflow_run?: {
    id?: number
    head_sha?: string
    event?: string
    conclusion?: string
    head_repository?: { full_name?: string }
  }
  pull_request?: {
    number?: number
    base?: { ref?: string; sha?: string; repo?: { full_name?: string } }
    head?: { sha?: string; repo?: { full_name?: string } }
  }
}

/** Read the run's context from the environment and the event payload text. */
export function readContext(env: NodeJS.ProcessEnv, payloadText: string | undefined): RunContext {
  const need = (name: string): string => {
    const v = env[name]
    if (!v)
      throw new ContextError(
        `${name} is not set; benchgate must run as a GitHub Actions step (or set it as the runner does)`
      )
    return v
  }
  const [owner, repo] = need('GITHUB_REPOSITORY').split('/')
  if (!owner || !repo)
    throw new ContextError(`GITHUB_REPOSITORY must be owner/repo, not "${env.GITHUB_REPOSITORY}"`)
  let payload: Payload = {}
  if (payloadText !== undefined) {
    try {
      payload = JSON.parse(payloadText) as Payload
    } catch (err) {
      throw new ContextError(
        `the event payload (GITHUB_EVENT_PATH) is not valid JSON: ${(err as Error).message}`
      )
    }
  }
  // owner/repo/.github/workflows/bench.yml@refs/heads/main → bench.yml
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? ''
  const workflow = /\/\.github\/workflows\/([^@/]+)@/.exec(workflowRef)?.[1] ?? ''
  const ctx: RunContext = {
    event: need('GITHUB_EVENT_NAME'),
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runId: Number(env.GITHUB_RUN_ID ?? 0),
    workflow,
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    defaultBranch: payload.repository?.default_branch ?? ''
  }
  const wr = payload.workflow_run
  if (wr) {
    if (!wr.id || !wr.head_sha)
      throw new ContextError('the workflow_run payload lacks id or head_sha')
    ctx.workflowRun = {
      id: wr.id,
      headSha: wr.head_sha,
      headRepo: wr.head_repository?.full_name ?? '',
      event: wr.event ?? '',
      conclusion: wr.conclusion ?? ''
    }
  }
  const pr = payload.pull_request
  if (pr) {
    if (!pr.number || !pr.base?.ref || !pr.head?.sha) {
      throw new ContextError('the pull_request payload lacks number, base.ref or head.sha')
    }
    ctx.pullRequest = {
      ...(typeof payload.action === 'string' ? { action: payload.action } : {}),
      ...(typeof payload.label?.name === 'string' ? { label: payload.label.name } : {}),
      number: pr.number,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha ?? '',
      headSha: pr.head.sha,
      headRepo: pr.head.repo?.full_name ?? `${owner}/${repo}`
    }
  }
  return ctx
}
