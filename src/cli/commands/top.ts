/** `benchgate top`: flat and cum of one profile, exactly as `go tool pprof -top` prints them. */
import { aggregate, formatTop, readProfile } from '../../pprof/index.js'
import { parseSize, str, UsageError, write, type Command } from '../options.js'

/** The `top` command. */
export const topCommand: Command = {
  usage: 'benchgate top <profile> [--sample-index NAME] [--json] [--max-profile-bytes N]',
  options: {
    'sample-index': { type: 'string' },
    json: { type: 'boolean' },
    'max-profile-bytes': { type: 'string' }
  },
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError('top takes exactly one profile file')
    const file = positionals[0]
    const maxBytes = parseSize(str(values, 'max-profile-bytes'), '--max-profile-bytes')
    const profile = await readProfile(file, { maxBytes })
    const table = aggregate(profile, { sampleType: str(values, 'sample-index'), source: file })
    const out = values.json
      ? JSON.stringify({
          sampleType: table.sampleType,
          unit: table.unit,
          total: table.total,
          functions: table.functions
        }) + '\n'
      : formatTop(table, file)
    await write(out)
    return 0
  }
}
