/**
 * A minimal protobuf *writer* for crafting test profiles (valid and
 * deliberately broken). Independent of the decoder under test.
 */
export type Field =
  [number, 'varint', number] | [number, 'bytes', Uint8Array | string] | [number, 'msg', Field[]]

export function varint(n: number): number[] {
  const out: number[] = []
  let v = BigInt.asUintN(64, BigInt(n))
  do {
    let byte = Number(v & 0x7fn)
    v >>= 7n
    if (v !== 0n) byte |= 0x80
    out.push(byte)
  } while (v !== 0n)
  return out
}

export function encode(fields: Field[]): Uint8Array {
  const out: number[] = []
  for (const [num, kind, value] of fields) {
    if (kind === 'varint') {
      out.push(...varint((num << 3) | 0), ...varint(value))
    } else {
      const bytes =
        kind === 'msg'
          ? encode(value)
          : typeof value === 'string'
            ? new TextEncoder().encode(value)
            : value
      out.push(...varint((num << 3) | 2), ...varint(bytes.length), ...bytes)
    }
  }
  return Uint8Array.from(out)
}

/** A packed repeated varint field's payload. */
export function packed(values: number[]): Uint8Array {
  return Uint8Array.from(values.flatMap(varint))
}

/**
 * A small, valid CPU-style profile: main -> work -> leaf, plus an inlined
 * frame. `strings` and the parts can be overridden to break it on purpose.
 */
export function craftProfile(
  options: {
    strings?: string[]
    functions?: Field[][]
    locations?: Field[][]
    samples?: Field[][]
    sampleTypes?: Field[][]
    extra?: Field[]
  } = {}
): Uint8Array {
  const strings = options.strings ?? [
    '',
    'samples',
    'count',
    'cpu',
    'nanoseconds',
    'main',
    'work',
    'leaf',
    'x.go'
  ]
  const sampleTypes = options.sampleTypes ?? [
    [
      [1, 'varint', 1],
      [2, 'varint', 2]
    ],
    [
      [1, 'varint', 3],
      [2, 'varint', 4]
    ]
  ]
  const functions = options.functions ?? [
    [
      [1, 'varint', 1],
      [2, 'varint', 5],
      [3, 'varint', 5],
      [4, 'varint', 8]
    ],
    [
      [1, 'varint', 2],
      [2, 'varint', 6],
      [3, 'varint', 6],
      [4, 'varint', 8]
    ],
    [
      [1, 'varint', 3],
      [2, 'varint', 7],
      [3, 'varint', 7],
      [4, 'varint', 8]
    ]
  ]
  const line = (fn: number): Field => [
    4,
    'msg',
    [
      [1, 'varint', fn],
      [2, 'varint', 10]
    ]
  ]
  const locations = options.locations ?? [
    [[1, 'varint', 1], line(1)],
    // leaf is inlined into work: line[0] innermost (leaf), last = physical (work)
    [[1, 'varint', 2], line(3), line(2)]
  ]
  const samples = options.samples ?? [
    // unpacked location ids and values, as Go writes short lists
    [
      [1, 'varint', 2],
      [1, 'varint', 1],
      [2, 'varint', 3],
      [2, 'varint', 30]
    ],
    // packed, as Go writes longer lists
    [
      [1, 'bytes', packed([1])],
      [2, 'bytes', packed([1, 10])]
    ]
  ]
  return encode([
    ...sampleTypes.map((f): Field => [1, 'msg', f]),
    ...samples.map((f): Field => [2, 'msg', f]),
    ...locations.map((f): Field => [4, 'msg', f]),
    ...functions.map((f): Field => [5, 'msg', f]),
    ...(options.extra ?? []),
    ...strings.map((s): Field => [6, 'bytes', s])
  ])
}

/**
 * A valid profile of `samples` samples whose locations have the ids given
 * (any layout: sparse, descending, huge), each sample on one of them in
 * turn, with value 1: adversarial id layouts for the decoder.
 */
export function idLayoutProfile(ids: readonly number[], samples: number): Uint8Array {
  const strings = ['', 'samples', 'count', 'main', 'x.go']
  return encode([
    [
      1,
      'msg',
      [
        [1, 'varint', 1],
        [2, 'varint', 2]
      ]
    ],
    ...Array.from({ length: samples }, (_, i): Field => [
      2,
      'msg',
      [
        [1, 'varint', ids[i % ids.length]],
        [2, 'varint', 1]
      ]
    ]),
    ...ids.map((id): Field => [
      4,
      'msg',
      [
        [1, 'varint', id],
        [
          4,
          'msg',
          [
            [1, 'varint', 1],
            [2, 'varint', 7]
          ]
        ]
      ]
    ]),
    [
      5,
      'msg',
      [
        [1, 'varint', 1],
        [2, 'varint', 3],
        [3, 'varint', 3],
        [4, 'varint', 4]
      ]
    ],
    ...strings.map((s): Field => [6, 'bytes', s])
  ])
}
