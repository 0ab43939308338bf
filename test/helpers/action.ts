import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readBundle } from '../../src/bundle/index.js'
import { extractZip } from '../../src/github/unzip.js'
import { ROOT, tempDir } from './go.js'
import { runtimeToken, type FakeGitHub } from './fake-github.js'

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Parse the runner's GITHUB_OUTPUT file (name<<DELIM / value / DELIM). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    out[m[1]] = value.join('\n')
  }
  return out
}

/**
 * Run the built Action (node dist/index.js) as the runner does: inputs as
 * INPUT_* variables, the event payload in a file, outputs and summary in
 * files, GitHub's API and the artifact service on the fake server.
 */
export function runAction(
  gh: FakeGitHub,
  opts: {
    event: string
    payload: unknown
    inputs: Record<string, string>
    ref: string
    sha: string
    runId: number
    env?: Record<string, string>
  }
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'benchgate-action-'))
  const files = {
    event: join(dir, 'event.json'),
    output: join(dir, 'output'),
    summary: join(dir, 'summary.md')
  }
  writeFileSync(files.event, JSON.stringify(opts.payload))
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !k.startsWith('GITHUB_') &&
        !k.startsWith('INPUT_') &&
        !k.startsWith('ACTIONS_') &&
        !k.startsWith('RUNNER_')
    )
  )
  const env: NodeJS.ProcessEnv = {
    ...base,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: `${gh.owner}/${gh.repo}`,
    GITHUB_SHA: opts.sha,
    GITHUB_REF: opts.ref,
    GITHUB_API_URL: gh.url,
    // @actions/artifact refuses GHES hosts; *.localhost is allowed and is only used for links.
    GITHUB_SERVER_URL: `http://github.localhost:${gh.port}`,
    GITHUB_RUN_ID: String(opts.runId),
    GITHUB_WORKFLOW_REF: `${gh.owner}/${gh.repo}/.github/workflows/bench.yml@${opts.ref}`,
    GITHUB_WORKSPACE: ROOT,
    ACTIONS_RUNTIME_TOKEN: runtimeToken(`run-${opts.runId}`, `job-${opts.runId}`),
    ACTIONS_RESULTS_URL: `${gh.url}/`,
    RUNNER_TEMP: dir,
    ...Object.fromEntries(
      Object.entries(opts.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
    ),
    ...opts.env
  }
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'index.js')],
      { env, cwd: ROOT, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          outputs: parseOutputs(readFileSync(files.output, 'utf8')),
          summary: readFileSync(files.summary, 'utf8')
        })
      }
    )
  })
}

/**
 * The last path element of each package in a bundle artifact of a run on
 * the fake server, sorted; each call unzips into a fresh directory.
 */
export async function artifactPackages(
  gh: FakeGitHub,
  runId: number,
  name: string
): Promise<string[]> {
  const a = gh.artifacts.find(x => x.runId === runId && x.name === name)
  if (!a) throw new Error(`run ${runId} has no artifact "${name}"`)
  const out = join(tempDir('artifact'), 'bundle')
  await extractZip(a.zip, out)
  return (await readBundle(out)).bundle.packages.map(p => p.importPath.split('/').pop()!).sort()
}
