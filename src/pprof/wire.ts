/**
 * A direct reader for the protobuf wire format (protobuf.dev/programming-guides/encoding),
 * specialised for profile.proto. It exists because the generated protobufjs
 * module builds one object per sample, which for a 20 MB profile costs 42×
 * its size in memory and misses our speed target (docs/performance.md);
 * this reader keeps samples in typed arrays instead.
 *
 * Every read is bounds-checked; a malformed input throws WireError, which
 * the decoder turns into a ProfileError that names the file.
 */

/** Structural problem in the protobuf bytes. */
export class WireError extends Error {
  constructor(
    readonly kind: 'truncated' | 'wire-type' | 'malformed',
    message: string
  ) {
    super(message)
  }
}

/** A protobuf wire-format reader over one buffer: varints, fixed widths, length-delimited fields. */
export class WireReader {
  pos: number
  end: number
  /** Set when a varint did not fit in 2^53; callers that keep the value check it. */
  unsafe = false

  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    end = buf.length
  ) {
    this.pos = pos
    this.end = end
  }

  /**
   * An unsigned varint as a number. Up to 2^53 it is exact; beyond that
   * `unsafe` is set. Ten-byte varints of negative int64s are decoded exactly
   * by varintSigned.
   */
  varint(): number {
    const buf = this.buf
    let pos = this.pos
    if (pos >= this.end) throw truncated(pos)
    let b = buf[pos++]
    if (b < 0x80) {
      this.pos = pos
      return b
    }
    let value = b & 0x7f
    let shift = 7
    // Bitwise while the result stays below 2^28, then multiply.
    while (shift < 28) {
      if (pos >= this.end) throw truncated(pos)
      b = buf[pos++]
      value |= (b & 0x7f) << shift
      if (b < 0x80) {
        this.pos = pos
        return value
      }
      shift += 7
    }
    let scale = 2 ** 28
    for (let i = 4; i < 10; i++) {
      if (pos >= this.end) throw truncated(pos)
      b = buf[pos++]
      value += (b & 0x7f) * scale
      if (b < 0x80) {
        this.pos = pos
        if (value > Number.MAX_SAFE_INTEGER) this.unsafe = true
        return value
      }
      scale *= 128
    }
    throw new WireError('malformed', `varint longer than 10 bytes at offset ${pos}`)
  }

  /** An int64 varint: values ≥ 2^63 are two's-complement negatives. */
  varintSigned(): number {
    const start = this.pos
    const v = this.varint()
    if (v < 2 ** 63) return v
    // Re-read exactly with BigInt; rare (negative values only).
    let big = 0n
    let shift = 0n
    for (let p = start; p < this.pos; p++) {
      big |= BigInt(this.buf[p] & 0x7f) << shift
      shift += 7n
    }
    const signed = Number(BigInt.asIntN(64, big))
    this.unsafe ||= !Number.isSafeInteger(signed)
    return signed
  }

  /** The bounds [start, end) of a length-delimited field's payload. */
  lengthDelimited(): number {
    const len = this.varint()
    const end = this.pos + len
    if (end > this.end) throw truncated(this.end, `a field of ${len} bytes runs past the end`)
    return end
  }

  /** Skip a field of the given wire type. */
  skip(wireType: number, field: number): void {
    switch (wireType) {
      case 0: {
        // A skipped value is never kept, so it cannot be unsafe.
        const unsafe = this.unsafe
        this.varint()
        this.unsafe = unsafe
        return
      }
      case 1:
        this.advance(8)
        return
      case 2:
        this.pos = this.lengthDelimited()
        return
      case 5:
        this.advance(4)
        return
      case 3:
        // A group (deprecated, but valid wire format): skip to its end tag.
        for (;;) {
          const tag = this.varint()
          if ((tag & 7) === 4) {
            if (tag >>> 3 !== field)
              throw new WireError('malformed', `mismatched end group at offset ${this.pos}`)
            return
          }
          this.skip(tag & 7, tag >>> 3)
        }
      default:
        throw new WireError(
          'wire-type',
          `invalid wire type ${wireType} for field ${field} at offset ${this.pos}`
        )
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw truncated(this.end)
    this.pos += n
  }
}

function truncated(pos: number, detail = 'unexpected end of data'): WireError {
  return new WireError('truncated', `${detail} at offset ${pos}`)
}

type NumberArray = Uint32Array | Float64Array

/** A growable typed array (doubling), trimmed to size at the end. */
class GrowList<A extends NumberArray> {
  data: A
  length = 0
  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024)
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }
  /** A right-sized copy. */
  trimmed(): A {
    return this.data.slice(0, this.length) as A
  }
}

/** A growable Uint32Array. */
export class U32List extends GrowList<Uint32Array> {
  constructor() {
    super(n => new Uint32Array(n))
  }
}

/** A growable Float64Array. */
export class F64List extends GrowList<Float64Array> {
  constructor() {
    super(n => new Float64Array(n))
  }
}
