/**
 * The Action's entry point. Any rejection — Error or not — fails the step
 * with one line; nothing can let the Action pass silently. The stack goes
 * to the debug log (shown when the run has step debug logging enabled).
 */
import * as core from '@actions/core'
import { redact } from './github/redact.js'
import { run } from './action/main.js'
import { forTerminal } from './report/escape.js'

run().catch((err: unknown) => {
  if (err instanceof Error && err.stack) core.debug(redact(err.stack))
  core.setFailed(forTerminal(redact(err instanceof Error ? err.message : String(err))))
})
