/**
 * The Action's entry point. Any rejection — Error or not — fails the step
 * with a message; nothing can let the Action pass silently.
 */
import * as core from '@actions/core'
import { run } from './main.js'

run().catch((err: unknown) => {
  core.setFailed(err instanceof Error ? err.message : String(err))
})
