// Reference implementation for bench/top.mjs: the npm package pprof-format
// decodes the profile, then the same function-granularity flat/cum
// aggregation as benchgate runs over its objects. Prints the same JSON.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { Profile } from 'pprof-format'
import { aggregateObjects } from './aggregate-objects.mjs'

const bytes = readFileSync(process.argv[2])
const profile = Profile.decode(gunzipSync(bytes))
const str = i => profile.stringTable.strings[Number(i)]
const fn = new Map(profile.function.map(f => [Number(f.id), str(f.name)]))
const loc = new Map(
  profile.location.map(l => [Number(l.id), l.line.map(line => fn.get(Number(line.functionId)))])
)
const types = profile.sampleType.map(t => str(t.type))
const dflt = str(profile.defaultSampleType)
const vi = dflt ? types.indexOf(dflt) : types.length - 1
const samples = profile.sample.map(s => ({
  stack: s.locationId.map(id => loc.get(Number(id))),
  value: Number(s.value[vi])
}))
process.stdout.write(JSON.stringify({ sampleType: types[vi], ...aggregateObjects(samples) }) + '\n')
