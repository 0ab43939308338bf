/**
 * The Action's entry point. Any rejection — Error or not — fails the step
 * with a message; nothing can let the Action pass silently.
 */
import * as core from '@actions/core'
import { redact } from './github/redact.js'
import { run } from './action/main.js'

run().catch((err: unknown) => {
  core.setFailed(redact(err instanceof Error ? err.message : String(err)))
})
