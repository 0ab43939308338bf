/**
 * Baseline selection and download (src/github/baseline.ts), in process,
 * with the real Octokit (retry and throttling, src/github/client.ts) and the
 * real @actions/artifact, against the loopback GitHub: a run list that
 * fails twice with 500, an expired artifact (410), a corrupt zip, runs
 * that finished after this run was created, the newest run first, and a
 * secondary rate limit on the comment lookup.
 * No benchmark runs: a whole Action run is not needed to see these.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeGitHub, pushRun } from '../../helpers/fake-github.js'
import { zip } from '../../helpers/zip.js'

const bundle = (sha: string): Buffer =>
  zip([
    {
      name: 'results.json',
      data: Buffer.from(
        JSON.stringify({
          schemaVersion: 1,
          tool: { name: 'benchgate', version: '0.1.0' },
          environment: { commit: sha },
          packages: [],
          benchmarks: [
            {
              package: 'p',
              name: 'BenchmarkA-2',
              group: 'BenchmarkA',
              samples: { 'ns/op': [1] },
              iterations: [1],
              functions: {}
            }
          ]
        })
      )
    }
  ])

describe('fetchBaseline against the loopback GitHub', () => {
  const gh = new FakeGitHub()
  const logs: string[] = []
  let baseline: typeof import('../../../src/github/baseline.js')
  let client: ReturnType<typeof import('../../../src/github/client.js').createClient>
  const query = {
    owner: 'acme',
    repo: 'widgets',
    workflow: 'bench.yml',
    branch: 'main',
    artifactName: 'benchgate-baseline'
  }
  const temp = mkdtempSync(join(tmpdir(), 'benchgate-baseline-unit-'))
  const fetch = () =>
    baseline.fetchBaseline(client, 'ghs_unitToken', query, temp, m => logs.push(m))

  beforeAll(async () => {
    await gh.start()
    // @actions/github reads GITHUB_API_URL when it is imported, and
    // @actions/artifact takes a *.localhost server URL for github.com's.
    process.env.GITHUB_API_URL = gh.url
    process.env.GITHUB_SERVER_URL = `http://github.localhost:${gh.port}`
    process.env.ACTIONS_RESULTS_URL = `${gh.url}/`
    baseline = await import('../../../src/github/baseline.js')
    const { createClient } = await import('../../../src/github/client.js')
    client = createClient('ghs_unitToken', m => logs.push(m))
    gh.runs.push(pushRun(1001, 'a'.repeat(40)))
    gh.artifacts.push({
      id: 5001,
      runId: 1001,
      name: 'benchgate-baseline',
      expired: false,
      zip: bundle('a'.repeat(40))
    })
  })
  afterAll(() => gh.stop())

  it('retries a run list that fails twice with 500', async () => {
    gh.faults.push({
      method: 'GET',
      path: /\/actions\/workflows\/bench\.yml\/runs$/,
      status: 500,
      times: 2
    })
    const before = gh.requests('GET', /\/actions\/workflows\/bench\.yml\/runs/)
    const b = await fetch()
    expect(gh.requests('GET', /\/actions\/workflows\/bench\.yml\/runs/) - before).toBe(3)
    expect(b.runId).toBe(1001)
  })

  it('falls back from an expired artifact (410) to the next older run', async () => {
    gh.runs.push(pushRun(1500, 'b'.repeat(40)))
    gh.artifacts.push({
      id: 9999,
      runId: 1500,
      name: 'benchgate-baseline',
      expired: false,
      zip: Buffer.alloc(10),
      gone: true
    })
    const b = await fetch()
    expect(gh.requests('GET', /\/actions\/artifacts\/9999\/zip$/)).toBeGreaterThanOrEqual(1)
    expect(b.runId).toBe(1001)
    expect(logs.join('\n')).toMatch(/run 1500 has expired; trying an older run/)
  })

  it('falls back from a corrupt zip, and says so', async () => {
    gh.runs.push(pushRun(1700, 'c'.repeat(40)))
    gh.artifacts.push({
      id: 7777,
      runId: 1700,
      name: 'benchgate-baseline',
      expired: false,
      zip: Buffer.from('PK\x03\x04 this is not really a zip file at all')
    })
    const b = await fetch()
    expect(b.runId).toBe(1001)
    expect(logs.join('\n')).toMatch(/run 1700 could not be used: (corrupt zip|not a zip file)/)
  })

  it('takes the newest usable run, and none that finished after this run was created', async () => {
    gh.runs.push(pushRun(2000, 'd'.repeat(40)))
    gh.artifacts.push({
      id: 6000,
      runId: 2000,
      name: 'benchgate-baseline',
      expired: false,
      zip: bundle('d'.repeat(40))
    })
    expect((await fetch()).runId).toBe(2000)
    // The fake creates run N at N seconds after the epoch, finished 0.5 s later.
    const before = (seconds: number) =>
      baseline.fetchBaseline(
        client,
        'ghs_unitToken',
        { ...query, settledBefore: new Date(seconds * 1000).toISOString() },
        temp,
        m => logs.push(m)
      )
    expect((await before(1900)).runId).toBe(1001)
    const none = await before(1).catch((e: Error) => e)
    expect(none).toBeInstanceOf(baseline.NoBaselineError)
    expect((none as Error).message).toMatch(/that finished before this run was created/)
  })

  it('says plainly when no run has a usable artifact', async () => {
    const other = await baseline
      .fetchBaseline(
        client,
        'ghs_unitToken',
        { ...query, artifactName: 'nothing-here' },
        temp,
        () => {}
      )
      .catch((e: Error) => e)
    expect(other).toBeInstanceOf(baseline.NoBaselineError)
    expect((other as Error).message).toMatch(/none of the \d+ candidate runs has a usable artifact/)
  })

  it('waits out a secondary rate limit (403 with retry-after) on the comment lookup, then posts', async () => {
    const { upsertComment } = await import('../../../src/github/comment.js')
    gh.faults.push({
      method: 'GET',
      path: /\/issues\/7\/comments$/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
      },
      times: 1
    })
    const r = await upsertComment(
      client,
      query,
      7,
      '<!-- benchgate:k -->',
      '<!-- benchgate:k -->\n\nhi'
    )
    expect(r?.url).toMatch(/#issuecomment-/)
    expect(logs.join('\n')).toMatch(/secondary rate limit on GET .*retrying in 1s/)
    expect(gh.comments.filter(c => c.issue === 7)).toHaveLength(1)
  })
})
