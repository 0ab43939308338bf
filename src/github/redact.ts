/**
 * Secrets never appear in anything benchgate prints. core.setSecret makes
 * the runner mask them in the log, but messages built from API errors can
 * also echo them back (and reach places the runner does not mask), so every
 * message derived from an error goes through redact().
 */
const secrets = new Set<string>()

/** Register a secret (tokens shorter than 4 characters are ignored). */
export function addSecret(secret: string): void {
  if (secret.length >= 4) secrets.add(secret)
}

/** Replace every registered secret in text with ***. */
export function redact(text: string): string {
  let out = text
  for (const s of secrets) out = out.split(s).join('***')
  return out
}
