// Reference implementation for bench/top.mjs: the static protobufjs module
// generated from src/pprof/profile.proto (npm run proto), int64s as numbers,
// then the same aggregation. This was benchgate's first decoder.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import protobuf from 'protobufjs/minimal.js'
import { aggregateObjects } from './aggregate-objects.mjs'

protobuf.util.Long = null
protobuf.configure()
const { perftools } = await import('./protobufjs/profile.js')
const p = perftools.profiles.Profile.decode(gunzipSync(readFileSync(process.argv[2])))
const str = i => p.string_table[i]
const fn = new Map(p.function.map(f => [f.id, str(f.name)]))
const loc = new Map(p.location.map(l => [l.id, l.line.map(line => fn.get(line.function_id))]))
const types = p.sample_type.map(t => str(t.type))
const dflt = str(p.default_sample_type)
const vi = dflt ? types.indexOf(dflt) : types.length - 1
const samples = p.sample.map(s => ({
  stack: s.location_id.map(id => loc.get(id)),
  value: s.value[vi]
}))
process.stdout.write(JSON.stringify({ sampleType: types[vi], ...aggregateObjects(samples) }) + '\n')
