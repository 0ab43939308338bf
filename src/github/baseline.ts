/**
 * Baseline discovery (docs/design.md D4): the newest successful `push` run of the same
 * workflow, on the base branch, in the same repository, that still has the
 * artifact — preferring the run for the PR's merge-base commit. A fork's
 * branch named like the base branch is never a baseline: the run's head
 * repository must be this repository.
 */
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { DefaultArtifactClient } from '@actions/artifact'
import { BundleError, readBundle } from '../bundle/index.js'
import { statusOf, type GitHubClient, type Logger } from './client.js'
import { DEFAULT_ZIP_LIMITS, extractZip, ZipError, type ZipLimits } from './unzip.js'

/** A repository: owner and name. */
export interface RepoRef {
  owner: string
  repo: string
}

/** Where to look for a baseline: the workflow, the branch, the artifact, the merge-base. */
export interface BaselineQuery extends RepoRef {
  /** Workflow file name or id (from GITHUB_WORKFLOW_REF). */
  workflow: string
  branch: string
  artifactName: string
  /** Preferred: the PR's merge-base commit. */
  mergeBase?: string
  /** Runs to consider, newest first. */
  maxRuns?: number
  /**
   * Only runs that finished before this time (ISO 8601): the creation of
   * the run asking, for a matrix whose jobs must all read the same
   * baseline (runCreatedAt). A run that finishes while the jobs start,
   * or before one of them is re-run, is then skipped by every one.
   */
  settledBefore?: string
}

/** A downloaded baseline bundle and the run it came from. */
export interface Baseline {
  runId: number
  artifactId: number
  headSha: string
  /** Directory the bundle was extracted into. */
  dir: string
  /** Newer runs passed over, and why, as a predicate of their artifact (`has expired`). */
  passed?: { runId: number; headSha: string; problem: string }[]
}

/** The artifact has expired (HTTP 410). */
export class ExpiredArtifactError extends Error {
  override name = 'ExpiredArtifactError'
}

/**
 * Download one artifact of a run and extract it into a fresh directory with
 * the strict extractor. The zip is fetched raw (skipDecompress): an
 * artifact may have been forged by a pull request, and a corrupt one must
 * be an error, not a hang. The /zip request is retried on 5xx and network
 * errors, which downloadArtifact with findBy does not do itself.
 */
export async function downloadRunArtifact(
  client: DefaultArtifactClient,
  token: string,
  repo: RepoRef,
  runId: number,
  artifactId: number,
  tempRoot: string,
  log: Logger,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS
): Promise<string> {
  let zip: Buffer | undefined
  for (let attempt = 1; !zip; attempt++) {
    const download = await mkdtemp(join(tempRoot, 'benchgate-download-'))
    try {
      await client.downloadArtifact(artifactId, {
        path: download,
        skipDecompress: true,
        findBy: {
          token,
          repositoryOwner: repo.owner,
          repositoryName: repo.repo,
          workflowRunId: runId
        }
      })
      zip = await readDownloaded(download, limits)
    } catch (err) {
      if (err instanceof ZipError) throw err
      const status = statusOf(err) ?? statusOf((err as { cause?: unknown }).cause)
      const message = err instanceof Error ? err.message : String(err)
      if (status === 410 || /\b410\b|expired|gone/i.test(message))
        throw new ExpiredArtifactError(message)
      if (attempt >= 3 || (status !== undefined && status < 500 && status !== 429)) {
        throw new Error(`could not download artifact ${artifactId} of run ${runId}: ${message}`)
      }
      log(`Downloading artifact ${artifactId} failed (${message}); retry ${attempt} of 2`)
      await new Promise(r => setTimeout(r, 500 * attempt))
    }
  }
  const dir = await mkdtemp(join(tempRoot, 'benchgate-artifact-'))
  await extractZip(zip, dir, limits)
  return dir
}

/** The single file downloadArtifact wrote, read with a size cap. */
async function readDownloaded(dir: string, limits: ZipLimits): Promise<Buffer> {
  const files = (await readdir(dir, { withFileTypes: true })).filter(f => f.isFile())
  if (files.length !== 1) throw new ZipError(`expected one downloaded file, found ${files.length}`)
  const file = join(dir, files[0].name)
  // Stored entries plus headers can exceed their contents a little; deflate cannot shrink below.
  const cap = limits.maxTotalBytes + 64 * 1024 + 100 * limits.maxEntries
  if ((await stat(file)).size > cap) throw new ZipError('the artifact is larger than the size cap')
  return readFile(file)
}

/** No usable baseline exists yet; the step passes with an explanation. */
export class NoBaselineError extends Error {
  override name = 'NoBaselineError'
}

interface WorkflowRun {
  id: number
  event: string
  conclusion: string | null
  head_sha: string
  head_branch: string | null
  head_repository?: { full_name?: string } | null
  /** When the run last changed: for a finished run, when it finished. */
  updated_at?: string
}

/** The PR's merge-base, or undefined when the comparison API cannot say. */
export async function mergeBase(
  gh: GitHubClient,
  repo: RepoRef,
  base: string,
  head: string,
  log: Logger
): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${base}...${head}`,
      per_page: 1
    })
    return data.merge_base_commit?.sha
  } catch (err) {
    log(
      `Could not determine the merge-base of ${base}...${head} (HTTP ${statusOf(err) ?? '?'}); using the newest baseline on the branch`
    )
    return undefined
  }
}

/**
 * When this workflow run was created: the same for every job of it and
 * for every re-run attempt (run_started_at is the attempt's). Undefined,
 * with a line in the log, when the API cannot say.
 */
export async function runCreatedAt(
  gh: GitHubClient,
  repo: RepoRef,
  runId: number,
  log: Logger
): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.actions.getWorkflowRun({ ...repo, run_id: runId })
    const at = (data as { created_at?: unknown }).created_at
    const ms = typeof at === 'string' ? Date.parse(at) : NaN
    // Re-written from the parsed time, to the second as GitHub keeps it: what reaches the log and the query is ours.
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
    log(`Run ${runId} has no creation time; the shards take the newest baseline each`)
  } catch (err) {
    log(
      `Could not read run ${runId} (HTTP ${statusOf(err) ?? '?'}); the shards take the newest baseline each, and a run that finishes while they start can give them different ones`
    )
  }
  return undefined
}

/** Whether a run finished before `time`; a run that does not say when it changed is kept. */
function settledBefore(run: WorkflowRun, time: string | undefined): boolean {
  if (time === undefined || run.updated_at === undefined) return true
  const at = Date.parse(run.updated_at)
  return Number.isNaN(at) || at < Date.parse(time)
}

/** Candidate runs, trusted ones only, the merge-base run first, then newest first. */
export async function candidateRuns(
  gh: GitHubClient,
  q: BaselineQuery,
  log: Logger = () => {}
): Promise<WorkflowRun[]> {
  const { data } = await gh.rest.actions.listWorkflowRuns({
    owner: q.owner,
    repo: q.repo,
    workflow_id: q.workflow,
    branch: q.branch,
    event: 'push',
    status: 'success',
    per_page: Math.min(q.maxRuns ?? 30, 100),
    // Runs created after this one cannot have finished before it: leaving
    // them out keeps the page for those that can, however many came since.
    ...(q.settledBefore ? { created: `<${q.settledBefore}` } : {})
  })
  const full = `${q.owner}/${q.repo}`.toLowerCase()
  const trusted = (data.workflow_runs as WorkflowRun[]).filter(
    r =>
      r.event === 'push' &&
      r.conclusion === 'success' &&
      r.head_branch === q.branch &&
      (r.head_repository?.full_name ?? '').toLowerCase() === full
  )
  const settled: WorkflowRun[] = []
  const late: WorkflowRun[] = []
  for (const r of trusted) (settledBefore(r, q.settledBefore) ? settled : late).push(r)
  if (late.length > 0)
    log(
      `Skipping run${late.length === 1 ? '' : 's'} ${late.map(r => r.id).join(', ')}: finished after this run was created, so not every shard could read ${late.length === 1 ? 'it' : 'them'}`
    )
  if (!q.mergeBase) return settled
  return [
    ...settled.filter(r => r.head_sha === q.mergeBase),
    ...settled.filter(r => r.head_sha !== q.mergeBase)
  ]
}

/**
 * Find and download the baseline bundle. Runs whose artifact is missing or
 * expired (410) are skipped; a transient failure of the /zip download is
 * retried, because @actions/artifact does not retry it with findBy.
 */
export async function fetchBaseline(
  gh: GitHubClient,
  token: string,
  q: BaselineQuery,
  tempRoot: string,
  log: Logger,
  /** A further check of a downloaded bundle's directory; one that throws passes the run over. */
  check?: (dir: string) => Promise<void>
): Promise<Baseline> {
  const runs = await candidateRuns(gh, q, log)
  if (runs.length === 0) {
    throw new NoBaselineError(
      `no successful push run of workflow ${q.workflow} on branch ${q.branch} in ${q.owner}/${q.repo} was found${q.settledBefore ? ` that finished before this run was created (${q.settledBefore}), as every shard of it must read the same one` : ''}`
    )
  }
  const client = new DefaultArtifactClient()
  // Each run passed over, and why (for the error, and a history's gaps).
  const passed: NonNullable<Baseline['passed']> = []
  for (const run of runs) {
    const got = await tryRun(gh, client, token, q, run, tempRoot, log, check)
    if ('problem' in got) {
      log(`The baseline artifact of run ${run.id} ${got.problem}; trying an older run`)
      passed.push({ runId: run.id, headSha: run.head_sha, problem: got.problem })
      continue
    }
    return {
      runId: run.id,
      artifactId: got.artifactId,
      headSha: run.head_sha,
      dir: got.dir,
      ...(passed.length > 0 ? { passed } : {})
    }
  }
  throw new NoBaselineError(
    `none of the ${runs.length} candidate runs has a usable artifact (${passed
      .slice(0, 5)
      .map(p => `run ${p.runId} ${p.problem}`)
      .join('; ')})`
  )
}

/**
 * One run's baseline artifact, downloaded and checked, or what is wrong
 * with it (missing, over the cap, expired, not a bundle, refused by
 * `check`). Anything else is thrown.
 */
async function tryRun(
  gh: GitHubClient,
  client: DefaultArtifactClient,
  token: string,
  q: BaselineQuery,
  run: WorkflowRun,
  tempRoot: string,
  log: Logger,
  check: ((dir: string) => Promise<void>) | undefined
): Promise<{ dir: string; artifactId: number } | { problem: string }> {
  const { data } = await gh.rest.actions.listWorkflowRunArtifacts({
    owner: q.owner,
    repo: q.repo,
    run_id: run.id,
    name: q.artifactName,
    per_page: 10
  })
  const artifact = data.artifacts.find(a => a.name === q.artifactName && !a.expired)
  if (!artifact) return { problem: `is missing (no unexpired artifact "${q.artifactName}")` }
  // The API says how large the artifact is: do not download one over the cap.
  if ((artifact.size_in_bytes ?? 0) > DEFAULT_ZIP_LIMITS.maxTotalBytes)
    return { problem: `is ${artifact.size_in_bytes} bytes, over the cap` }
  let dir: string
  try {
    dir = await downloadRunArtifact(client, token, q, run.id, artifact.id, tempRoot, log)
    // A bundle that cannot be read is this run's problem, not the PR's: try an older one.
    await readBundle(dir)
  } catch (err) {
    if (err instanceof BundleError) return { problem: `is not a usable bundle: ${err.message}` }
    if (err instanceof ExpiredArtifactError) return { problem: 'has expired' }
    if (err instanceof ZipError) return { problem: `could not be used: ${err.message}` }
    throw err
  }
  try {
    await check?.(dir)
  } catch (err) {
    return { problem: `was passed over: ${(err as Error).message}` }
  }
  return { dir, artifactId: artifact.id }
}
