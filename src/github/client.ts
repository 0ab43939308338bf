/**
 * Octokit with @octokit/plugin-retry (5xx and network errors) and
 * @octokit/plugin-throttling (primary and secondary rate limits, honouring
 * retry-after), as docs/design.md's GitHub section requires.
 */
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/** Octokit with the REST methods, retry and throttling. */
export type GitHubClient = ReturnType<typeof getOctokit>

/** Where to log rate-limit waits (core.warning in the Action). */
export type Logger = (message: string) => void

/** An Octokit for this token, retrying and honouring rate limits. */
export function createClient(
  token: string,
  log: Logger,
  options: { retries?: number } = {}
): GitHubClient {
  const retries = options.retries ?? 3
  return getOctokit(
    token,
    {
      retry: { retries },
      throttle: {
        onRateLimit: (
          retryAfter: number,
          opts: { method: string; url: string },
          _octokit: unknown,
          retryCount: number
        ) => {
          log(`GitHub API rate limit on ${opts.method} ${opts.url}; retrying in ${retryAfter}s`)
          return retryCount < retries
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          opts: { method: string; url: string },
          _octokit: unknown,
          retryCount: number
        ) => {
          log(
            `GitHub API secondary rate limit on ${opts.method} ${opts.url}; retrying in ${retryAfter}s`
          )
          return retryCount < retries
        }
      }
    },
    retry,
    throttling
  )
}

/** The HTTP status of an Octokit error, if it has one. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}
