/**
 * Names as Go developers know them: generic instantiations are written as
 * Go's tracebacks write them (`F[...]`, `(*T[...]).M`) and merged, with
 * flat equal to the sum of pprof's rows for the instantiations, while
 * `top` keeps pprof's exact names. A real profile of a real generic
 * function, checked against `go tool pprof -top`.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { groupTables } from '../src/attribution/index.js'
import { aggregate, goTracebackName, readProfile } from '../src/pprof/index.js'
import { profilePackage, ROOT, tempDir } from './helpers/go.js'
import { pprofTop, type OracleTop } from './helpers/pprof-oracle.js'

describe('goTracebackName', () => {
  it.each([
    [
      'github.com/google/btree.(*node[go.shape.interface { Less(github.com/google/btree.Item) bool }]).get',
      'github.com/google/btree.(*node[...]).get'
    ],
    [
      'github.com/google/btree.items[go.shape.interface { Less bool }].find',
      'github.com/google/btree.items[...].find'
    ],
    ['slices.SortFunc[go.shape.[]int,go.shape.int]', 'slices.SortFunc[...]'],
    ['p.F[go.shape.map[string]int]', 'p.F[...]'],
    ['p.plain.func1', 'p.plain.func1'],
    ['p.broken[x', 'p.broken[x']
  ])('%s → %s', (raw, readable) => {
    expect(goTracebackName(raw)).toBe(readable)
  })
})

describe('generic functions in a real profile', () => {
  const out = tempDir('generics')
  let cpu: string
  let oracle: OracleTop
  beforeAll(async () => {
    ;({ cpu } = await profilePackage('.', out, 'generics', {
      cwd: join(ROOT, 'fixtures', 'generics'),
      benchtime: '400ms'
    }))
    oracle = await pprofTop(cpu, 'cpu', 'nanoseconds')
  })

  it('merges the instantiations into F[...], flat the sum of pprof’s rows', async () => {
    const rows = [...oracle.functions].filter(([n]) => n.startsWith('example.com/generics.Sum['))
    expect(rows.length).toBeGreaterThanOrEqual(2) // pprof lists each instantiation
    const pprofFlat = rows.reduce((s, [, v]) => s + v.flat, 0)
    const t = groupTables(await readProfile(cpu), 'cpu', 'example.com/generics', cpu)
    const g = t.groups.get('BenchmarkGeneric')!
    const sum = g.functions.get('example.com/generics.Sum[...]')
    expect(sum).toBeDefined()
    expect(sum![0]).toBe(pprofFlat)
    expect([...g.functions.keys()].filter(n => n.includes('go.shape'))).toEqual([])
    const count = [...oracle.functions]
      .filter(([n]) => n.includes('Box['))
      .reduce((s, [, v]) => s + v.flat, 0)
    expect(g.functions.get('example.com/generics.(*Box[...]).Count')?.[0] ?? 0).toBe(count)
  })

  it('top keeps pprof’s exact names', async () => {
    const table = aggregate(await readProfile(cpu), { sampleType: 'cpu' })
    for (const [name, v] of oracle.functions) {
      const ours = table.functions.find(f => f.name === name)
      expect(ours, name).toMatchObject({ flat: v.flat, cum: v.cum })
    }
  })
})
