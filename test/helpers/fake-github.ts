/**
 * A GitHub stand-in on 127.0.0.1 for end-to-end tests: the REST endpoints
 * the Action uses (workflow runs, run artifacts, the artifact zip download
 * with its 302 redirect, issue comments, commit comparison, the
 * authenticated user), the Actions results twirp service that
 * @actions/artifact calls, and the Azure block-blob upload it streams to.
 * Response shapes follow GitHub's published REST descriptions; only what
 * the code reads is filled in. Faults can be injected per route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeRun {
  id: number
  event: string
  conclusion: string
  head_branch: string
  head_sha: string
  /** owner/repo the run's head came from (a fork differs). */
  headRepo: string
  /** Default: the id in seconds since the epoch, so that ids give the order runs were created in. */
  created_at?: string
  /** When it finished. Default: half a second after it was created. */
  updated_at?: string
}

/** A run's creation time: its own, else its id read as seconds since the epoch. */
const createdAt = (r: { id: number; created_at?: string }): string =>
  r.created_at ?? new Date(r.id * 1000).toISOString()
/** When a finished run finished: its own time, else half a second after it was created. */
const updatedAt = (r: FakeRun): string =>
  r.updated_at ?? new Date(Date.parse(createdAt(r)) + 500).toISOString()

/** A successful push run of main at `sha`, as the runs list shows it. */
export function pushRun(id: number, sha: string, headRepo = 'acme/widgets'): FakeRun {
  return {
    id,
    event: 'push',
    conclusion: 'success',
    head_branch: 'main',
    head_sha: sha,
    headRepo
  }
}

export interface FakeArtifact {
  id: number
  runId: number
  name: string
  expired: boolean
  /** The zip served by the download URL; 410 when `gone`. */
  zip: Buffer
  gone?: boolean
}

/** GitHub's answer to a comment body over its limit. */
const tooLong = {
  message: 'Validation Failed',
  errors: [
    {
      resource: 'IssueComment',
      code: 'custom',
      field: 'body',
      message: 'body is too long (maximum is 65536 characters)'
    }
  ],
  documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment'
}

export interface FakeComment {
  id: number
  /** The pull request (issue) number it is on. */
  issue: number
  user: { login: string }
  body: string
}

export interface Fault {
  method: string
  path: RegExp
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** How many times to fire before passing through. */
  times: number
}

export interface Upload {
  name: string
  runBackendId: string
  zip: Buffer
  artifactId: number
}

export class FakeGitHub {
  readonly owner: string
  readonly repo: string
  runs: FakeRun[] = []
  artifacts: FakeArtifact[] = []
  comments: FakeComment[] = []
  /** Who the token comments as: the Actions bot, or an App's `<slug>[bot]`. */
  commentLogin = 'github-actions[bot]'
  /** Answer this many comment writes (POST or PATCH) with 422 "body is too long", as GitHub does. */
  refuseTooLong = 0
  /** Answer comment updates (PATCH) with this status, e.g. 410; 0 = accept. */
  failUpdates = 0
  uploads: Upload[] = []
  /**
   * Each finalized upload is at once an artifact of its run (the run id
   * read from the upload's backend id, run-N), as GitHub lists a running
   * job's uploads to the jobs after it; a second upload of one name in a
   * run is refused with 409 until the first is deleted.
   */
  liveArtifacts = false
  faults: Fault[] = []
  /**
   * Hold matching requests until `count` of them are waiting, then answer
   * them all (or after 120 s): forces two clients into a race.
   */
  barriers: { method: string; path: RegExp; count: number; waiting: (() => void)[] }[] = []
  /** Artifacts deleted through the results service (a re-run's overwrite). */
  deleted: FakeArtifact[] = []
  mergeBase = ''
  /** Labels on each issue or pull request, by number, with the login that added each. */
  labels = new Map<number, { name: string; by: string }[]>()
  /** Pull requests by number: head SHA and the repository it targets. */
  /** Pull requests by number; headRepo '' is a deleted fork (`head.repo: null`); baseRef defaults to main. */
  pulls = new Map<
    number,
    { headSha: string; baseRepo: string; headRepo: string; baseRef?: string }
  >()
  checkRuns: {
    name: string
    head_sha: string
    conclusion: string
    output: { title: string; summary: string }
  }[] = []
  /** Every request: method, path (with query) and the Authorization header. */
  log: { method: string; url: string; auth: string | undefined }[] = []
  private server: Server | undefined
  private blocks = new Map<string, Map<string, Buffer>>()
  private blobs = new Map<string, Buffer>()
  private nextId = 1000
  port = 0

  constructor(full = 'acme/widgets') {
    ;[this.owner, this.repo] = full.split('/')
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(err => {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ message: String(err) }))
      })
    })
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server!.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => this.server?.close(() => resolve()))
  }

  /** Make a finished push run own the latest upload (what GitHub does when the job ends). */
  completeRun(run: FakeRun, upload: Upload): FakeArtifact {
    this.runs.push(run)
    const a: FakeArtifact = {
      id: upload.artifactId,
      runId: run.id,
      name: upload.name,
      expired: false,
      zip: upload.zip
    }
    this.artifacts.push(a)
    return a
  }

  requests(method: string, path: RegExp): number {
    return this.log.filter(r => r.method === method && path.test(r.url)).length
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', this.url)
    const method = req.method ?? 'GET'
    this.log.push({ method, url: url.pathname + url.search, auth: req.headers.authorization })
    const barrier = this.barriers.find(
      b => b.count > b.waiting.length && b.method === method && b.path.test(url.pathname)
    )
    if (barrier) {
      await new Promise<void>(release => {
        barrier.waiting.push(release)
        if (barrier.waiting.length === barrier.count) barrier.waiting.forEach(r => r())
        else setTimeout(release, 120_000)
      })
    }
    const fault = this.faults.find(
      f => f.times > 0 && f.method === method && f.path.test(url.pathname)
    )
    if (fault) {
      fault.times--
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      res.end(JSON.stringify(fault.body ?? { message: `injected ${fault.status}` }))
      return
    }
    const json = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(data))
    }
    const p = url.pathname
    const repoPrefix = `/repos/${this.owner}/${this.repo}`
    let m: RegExpExecArray | null

    if (method === 'GET' && p === '/user') {
      return json(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user'
      })
    }
    if (
      method === 'GET' &&
      (m = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/runs$/.exec(p))
    ) {
      const q = url.searchParams
      // created: only the form `<date-time` of GitHub's search syntax.
      const before = /^<(.+)$/.exec(q.get('created') ?? '')?.[1]
      if (q.get('created') && (!before || Number.isNaN(Date.parse(before))))
        return json(422, { message: `unsupported created filter "${q.get('created')}"` })
      const runs = this.runs
        .filter(
          r =>
            (!q.get('branch') || r.head_branch === q.get('branch')) &&
            (!q.get('event') || r.event === q.get('event')) &&
            (!q.get('head_sha') || r.head_sha === q.get('head_sha')) &&
            (!q.get('status') || r.conclusion === q.get('status')) &&
            (!before || Date.parse(createdAt(r)) < Date.parse(before))
        )
        .sort((a, b) => b.id - a.id)
      // One page, as GitHub pages it: 30 by default, at most 100.
      const perPage = Math.min(Number(q.get('per_page') ?? 30) || 30, 100)
      return json(200, {
        total_count: runs.length,
        workflow_runs: runs.slice(0, perPage).map(r => ({
          id: r.id,
          event: r.event,
          status: 'completed',
          conclusion: r.conclusion,
          head_branch: r.head_branch,
          head_sha: r.head_sha,
          created_at: createdAt(r),
          updated_at: updatedAt(r),
          head_repository: { full_name: r.headRepo },
          repository: { full_name: `${this.owner}/${this.repo}` }
        }))
      })
    }
    if (method === 'GET' && (m = new RegExp(`^${repoPrefix}/actions/runs/(\\d+)$`).exec(p))) {
      // A finished run as listed; any other is the one asking, still in progress.
      const id = Number(m[1])
      const done = this.runs.find(r => r.id === id)
      return json(200, {
        id,
        status: done ? 'completed' : 'in_progress',
        conclusion: done?.conclusion ?? null,
        created_at: createdAt(done ?? { id }),
        updated_at: done ? updatedAt(done) : createdAt({ id })
      })
    }
    if (
      method === 'GET' &&
      (m = new RegExp(`^${repoPrefix}/actions/runs/(\\d+)/artifacts$`).exec(p))
    ) {
      const runId = Number(m[1])
      const name = url.searchParams.get('name')
      const list = this.artifacts.filter(a => a.runId === runId && (!name || a.name === name))
      return json(200, {
        total_count: list.length,
        artifacts: list.map(a => ({
          id: a.id,
          node_id: `A_${a.id}`,
          name: a.name,
          size_in_bytes: a.zip.length,
          url: `${this.url}${repoPrefix}/actions/artifacts/${a.id}`,
          archive_download_url: `${this.url}${repoPrefix}/actions/artifacts/${a.id}/zip`,
          expired: a.expired,
          workflow_run: { id: a.runId }
        }))
      })
    }
    if (
      method === 'GET' &&
      (m = new RegExp(`^${repoPrefix}/actions/artifacts/(\\d+)/zip$`).exec(p))
    ) {
      const a = this.artifacts.find(x => x.id === Number(m![1]))
      if (!a) return json(404, { message: 'Not Found' })
      if (a.gone || a.expired) return json(410, { message: 'Artifact has expired' })
      res.writeHead(302, { location: `${this.url}/blob-download/${a.id}.zip?sig=abc` })
      res.end()
      return
    }
    if (method === 'GET' && (m = /^\/blob-download\/(\d+)\.zip$/.exec(p))) {
      const a = this.artifacts.find(x => x.id === Number(m![1]))
      if (!a) return json(404, { message: 'no blob' })
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': String(a.zip.length)
      })
      res.end(a.zip)
      return
    }
    if (method === 'GET' && (m = new RegExp(`^${repoPrefix}/pulls/(\\d+)$`).exec(p))) {
      const pull = this.pulls.get(Number(m[1]))
      if (!pull) return json(404, { message: 'Not Found' })
      return json(200, {
        number: Number(m[1]),
        head: { sha: pull.headSha, repo: pull.headRepo ? { full_name: pull.headRepo } : null },
        base: { ref: pull.baseRef ?? 'main', repo: { full_name: pull.baseRepo } }
      })
    }
    if (method === 'POST' && p === `${repoPrefix}/check-runs`) {
      const run = JSON.parse(body.toString()) as FakeGitHub['checkRuns'][number]
      this.checkRuns.push(run)
      return json(201, { id: this.nextId++, ...run })
    }
    if (method === 'GET' && (m = new RegExp(`^${repoPrefix}/compare/(.+)$`).exec(p))) {
      if (!this.mergeBase) return json(404, { message: 'Not Found' })
      return json(200, { status: 'ahead', merge_base_commit: { sha: this.mergeBase }, commits: [] })
    }
    if (method === 'GET' && (m = new RegExp(`^${repoPrefix}/issues/(\\d+)/labels$`).exec(p))) {
      const on = this.labels.get(Number(m[1])) ?? []
      return json(
        200,
        on.map((l, i) => ({ id: i + 1, name: l.name, color: 'ededed', default: false }))
      )
    }
    if (method === 'GET' && (m = new RegExp(`^${repoPrefix}/issues/(\\d+)/events$`).exec(p))) {
      // Only the labeled events, oldest first, as GitHub lists an issue's timeline of events.
      const on = this.labels.get(Number(m[1])) ?? []
      return json(
        200,
        on.map((l, i) => ({
          id: 1000 + i,
          event: 'labeled',
          actor: { login: l.by },
          label: { name: l.name, color: 'ededed' },
          created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()
        }))
      )
    }
    if ((m = new RegExp(`^${repoPrefix}/issues/(\\d+)/comments$`).exec(p))) {
      const issue = Number(m[1])
      const onIssue = this.comments.filter(c => c.issue === issue)
      if (method === 'GET') {
        const per = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        const slice = onIssue.slice((page - 1) * per, page * per)
        const headers: Record<string, string> = {}
        if (page * per < onIssue.length) {
          headers.link = `<${this.url}${p}?per_page=${per}&page=${page + 1}>; rel="next"`
        }
        return json(
          200,
          slice.map(c => this.commentJson(c)),
          headers
        )
      }
      if (method === 'POST') {
        if (this.refuseTooLong > 0) {
          this.refuseTooLong--
          return json(422, tooLong)
        }
        const c: FakeComment = {
          id: this.nextId++,
          issue,
          user: { login: this.commentLogin },
          body: (JSON.parse(body.toString()) as { body: string }).body
        }
        this.comments.push(c)
        return json(201, this.commentJson(c))
      }
    }
    if ((m = new RegExp(`^${repoPrefix}/issues/comments/(\\d+)$`).exec(p))) {
      const c = this.comments.find(x => x.id === Number(m![1]))
      if (!c) return json(404, { message: 'Not Found' })
      if (method === 'PATCH') {
        if (this.refuseTooLong > 0) {
          this.refuseTooLong--
          return json(422, tooLong)
        }
        if (this.failUpdates) return json(this.failUpdates, { message: 'Conflict' })
        c.body = (JSON.parse(body.toString()) as { body: string }).body
        return json(200, this.commentJson(c))
      }
      if (method === 'DELETE') {
        this.comments = this.comments.filter(x => x !== c)
        res.writeHead(204)
        res.end()
        return
      }
    }
    // Actions results service (twirp, JSON) used by @actions/artifact uploads.
    if (
      method === 'POST' &&
      p === '/twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact'
    ) {
      // Twirp JSON with proto field names (useProtoFieldName in the client).
      const reqBody = JSON.parse(body.toString()) as {
        name: string
        workflow_run_backend_id: string
      }
      const runId = liveRunId(reqBody.workflow_run_backend_id)
      if (
        this.liveArtifacts &&
        this.artifacts.some(a => a.runId === runId && a.name === reqBody.name)
      )
        return json(409, {
          code: 'already_exists',
          msg: 'an artifact with this name already exists on the workflow run'
        })
      return json(200, {
        ok: true,
        signed_upload_url: `${this.url}/devstoreaccount1/actions-results/${encodeURIComponent(reqBody.name)}.zip?sig=signed`
      })
    }
    if (
      method === 'POST' &&
      p === '/twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact'
    ) {
      const reqBody = JSON.parse(body.toString()) as {
        name: string
        workflow_run_backend_id: string
      }
      const zip =
        this.blobs.get(
          `/devstoreaccount1/actions-results/${encodeURIComponent(reqBody.name)}.zip`
        ) ?? Buffer.alloc(0)
      const artifactId = this.nextId++
      this.uploads.push({
        name: reqBody.name,
        runBackendId: reqBody.workflow_run_backend_id,
        zip,
        artifactId
      })
      if (this.liveArtifacts)
        this.artifacts.push({
          id: artifactId,
          runId: liveRunId(reqBody.workflow_run_backend_id),
          name: reqBody.name,
          expired: false,
          zip
        })
      return json(200, { ok: true, artifact_id: String(artifactId) })
    }
    if (
      method === 'POST' &&
      p === '/twirp/github.actions.results.api.v1.ArtifactService/ListArtifacts'
    ) {
      const reqBody = JSON.parse(body.toString()) as {
        workflow_run_backend_id: string
        name_filter?: string
      }
      const runId = liveRunId(reqBody.workflow_run_backend_id)
      return json(200, {
        artifacts: this.artifacts
          .filter(
            a => a.runId === runId && (!reqBody.name_filter || a.name === reqBody.name_filter)
          )
          .map(a => ({
            workflow_run_backend_id: reqBody.workflow_run_backend_id,
            workflow_job_run_backend_id: `job-${runId}`,
            database_id: String(a.id),
            name: a.name,
            size: String(a.zip.length),
            created_at: new Date().toISOString()
          }))
      })
    }
    if (
      method === 'POST' &&
      p === '/twirp/github.actions.results.api.v1.ArtifactService/DeleteArtifact'
    ) {
      const reqBody = JSON.parse(body.toString()) as {
        workflow_run_backend_id: string
        name: string
      }
      const runId = liveRunId(reqBody.workflow_run_backend_id)
      const gone = this.artifacts.find(a => a.runId === runId && a.name === reqBody.name)
      if (!gone) return json(404, { code: 'not_found', msg: 'artifact not found' })
      this.artifacts = this.artifacts.filter(a => a !== gone)
      this.deleted.push(gone)
      return json(200, { ok: true, artifact_id: String(gone.id) })
    }
    // Azure Blob Storage: Put Block and Put Block List (what BlockBlobClient.uploadStream sends).
    if (method === 'PUT' && p.startsWith('/devstoreaccount1/')) {
      const comp = url.searchParams.get('comp')
      const azureHeaders = {
        'x-ms-request-id': `req-${this.nextId++}`,
        'x-ms-version': '2024-11-04',
        date: new Date().toUTCString()
      }
      if (comp === 'block') {
        const blocks = this.blocks.get(p) ?? new Map<string, Buffer>()
        blocks.set(url.searchParams.get('blockid') ?? '', body)
        this.blocks.set(p, blocks)
        res.writeHead(201, { ...azureHeaders, 'x-ms-request-server-encrypted': 'true' })
        res.end()
        return
      }
      if (comp === 'blocklist') {
        const ids = [
          ...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)
        ].map(x => x[1])
        const blocks = this.blocks.get(p) ?? new Map<string, Buffer>()
        this.blobs.set(p, Buffer.concat(ids.map(id => blocks.get(id) ?? Buffer.alloc(0))))
        res.writeHead(201, {
          ...azureHeaders,
          etag: '"0x8D0000000000001"',
          'last-modified': new Date().toUTCString()
        })
        res.end()
        return
      }
      this.blobs.set(p, body)
      res.writeHead(201, {
        ...azureHeaders,
        etag: '"0x8D0000000000002"',
        'last-modified': new Date().toUTCString()
      })
      res.end()
      return
    }
    return json(404, { message: `fake GitHub has no route for ${method} ${p}` })
  }

  private commentJson(c: FakeComment): unknown {
    return {
      id: c.id,
      user: c.user,
      body: c.body,
      html_url: `http://github.localhost:${this.port}/${this.owner}/${this.repo}/pull/0#issuecomment-${c.id}`
    }
  }
}

/** The run id in an upload's backend id (run-N, as runtimeToken writes it). */
function liveRunId(backendId: string): number {
  return Number(/^run-(\d+)$/.exec(backendId)?.[1] ?? 0)
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** An unsigned JWT carrying the Actions.Results scope @actions/artifact reads. */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.GenericRead:00000000 Actions.Results:${runBackendId}:${jobBackendId}` })}.sig`
}
