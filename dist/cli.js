#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./src/files/index.ts
/**
 * Reading a file we did not write: it is checked before it is read. It
 * must be a regular file (a FIFO would hang, /dev/zero never ends) and no
 * larger than a cap, and the read stops one byte past the size stat gave,
 * so a file that grows meanwhile cannot exhaust memory either.
 */

/** A file that is missing, not a regular file, or larger than its cap. */
class FileError extends Error {
    name = 'FileError';
}
/** Read at most `maxBytes` of a regular file; `what` names it in messages ("the profile"). */
async function readCapped(path, maxBytes, what) {
    let size;
    try {
        const info = await (0,promises_namespaceObject.stat)(path);
        if (!info.isFile())
            throw new FileError(`${path}: ${what} is not a regular file (${kindOf(info)}); pass a file that benchgate or go test wrote`);
        size = info.size;
    }
    catch (err) {
        if (err instanceof FileError)
            throw err;
        throw new FileError(`${path}: cannot read ${what} (${err.message})`);
    }
    if (size > maxBytes)
        throw new FileError(`${path}: ${what} is ${size} bytes, over the cap of ${maxBytes}; it was not written by benchgate, or it is corrupt`);
    const handle = await (0,promises_namespaceObject.open)(path, 'r');
    try {
        // One byte more than stat said tells a file that grew since.
        const buffer = Buffer.alloc(size + 1);
        let length = 0;
        while (length < buffer.length) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        if (length > size)
            throw new FileError(`${path}: ${what} grew while it was read; read it again when it is complete`);
        return buffer.subarray(0, length);
    }
    finally {
        await handle.close();
    }
}
/** readCapped, as UTF-8 text. */
async function readTextCapped(path, maxBytes, what) {
    return (await readCapped(path, maxBytes, what)).toString('utf8');
}
function kindOf(info) {
    if (info.isDirectory())
        return 'a directory';
    if (info.isFIFO())
        return 'a named pipe';
    if (info.isCharacterDevice())
        return 'a character device';
    if (info.isBlockDevice())
        return 'a block device';
    if (info.isSocket())
        return 'a socket';
    return 'not a file';
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/pprof/errors.ts
/**
 * The one error type that profile decoding throws. Its message names the
 * source (a file path, or a label the caller chose) and what is wrong.
 */
class ProfileError extends Error {
    /** The file or label the bytes came from. */
    source;
    constructor(source, problem, hint) {
        super(`${source}: ${problem}${hint ? `. ${hint}` : ''}`);
        this.name = 'ProfileError';
        this.source = source;
    }
}
/** Hint appended to most decode errors: what the user can do next. */
const REGENERATE_HINT = 'Regenerate it with `go test -cpuprofile`/`-memprofile`, or check that the right file was passed';

;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./src/pprof/gunzip.ts



/** Default ceiling for a decoded (uncompressed) profile: 1 GiB. */
const DEFAULT_MAX_PROFILE_BYTES = 1024 * 1024 * 1024;
/** True when the bytes start with the gzip magic number 1f 8b (RFC 1952 §2.3.1). */
function isGzip(bytes) {
    return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
/**
 * Inflate a gzip stream, refusing to produce more than `maxBytes`.
 *
 * Node's zlib was chosen over pako by measurement (docs/performance.md):
 * it is native, and `maxOutputLength` stops inflation as soon as the cap is
 * passed, so a small bomb never allocates gigabytes.
 */
function gunzipCapped(bytes, maxBytes, source) {
    try {
        // The default finishFlush (Z_FINISH) makes a truncated stream an error
        // rather than a silent short read. Concatenated members (RFC 1952 §2.2)
        // are inflated in sequence.
        return (0,external_node_zlib_namespaceObject.gunzipSync)(bytes, {
            maxOutputLength: Math.max(1, Math.min(maxBytes, external_node_buffer_namespaceObject.constants.MAX_LENGTH))
        });
    }
    catch (err) {
        throw gzipError(err, maxBytes, source);
    }
}
function gzipError(err, maxBytes, source) {
    const code = err?.code;
    const message = err instanceof Error ? err.message : String(err);
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        return new ProfileError(source, `decompressed profile exceeds the size cap of ${maxBytes} bytes`, 'It may be a gzip bomb or an unusually large profile; raise --max-profile-bytes (library: maxBytes) if the file is trusted');
    }
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
        return new ProfileError(source, 'gzip stream is truncated', REGENERATE_HINT);
    }
    if (/incorrect data check|incorrect length check/i.test(message)) {
        return new ProfileError(source, `gzip checksum mismatch (${message}): the file is corrupt`, REGENERATE_HINT);
    }
    return new ProfileError(source, `invalid gzip data (${message})`, REGENERATE_HINT);
}

;// CONCATENATED MODULE: ./src/pprof/wire.ts
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
class WireError extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
    }
}
/** A protobuf wire-format reader over one buffer: varints, fixed widths, length-delimited fields. */
class WireReader {
    buf;
    pos;
    end;
    /** Set when a varint did not fit in 2^53; callers that keep the value check it. */
    unsafe = false;
    constructor(buf, pos = 0, end = buf.length) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }
    /**
     * An unsigned varint as a number. Up to 2^53 it is exact; beyond that
     * `unsafe` is set. Ten-byte varints of negative int64s are decoded exactly
     * by varintSigned.
     */
    varint() {
        const buf = this.buf;
        let pos = this.pos;
        if (pos >= this.end)
            throw truncated(pos);
        let b = buf[pos++];
        if (b < 0x80) {
            this.pos = pos;
            return b;
        }
        let value = b & 0x7f;
        let shift = 7;
        // Bitwise while the result stays below 2^28, then multiply.
        while (shift < 28) {
            if (pos >= this.end)
                throw truncated(pos);
            b = buf[pos++];
            value |= (b & 0x7f) << shift;
            if (b < 0x80) {
                this.pos = pos;
                return value;
            }
            shift += 7;
        }
        let scale = 2 ** 28;
        for (let i = 4; i < 10; i++) {
            if (pos >= this.end)
                throw truncated(pos);
            b = buf[pos++];
            value += (b & 0x7f) * scale;
            if (b < 0x80) {
                this.pos = pos;
                if (value > Number.MAX_SAFE_INTEGER)
                    this.unsafe = true;
                return value;
            }
            scale *= 128;
        }
        throw new WireError('malformed', `varint longer than 10 bytes at offset ${pos}`);
    }
    /** An int64 varint: values ≥ 2^63 are two's-complement negatives. */
    varintSigned() {
        const start = this.pos;
        const v = this.varint();
        if (v < 2 ** 63)
            return v;
        // Re-read exactly with BigInt; rare (negative values only).
        let big = 0n;
        let shift = 0n;
        for (let p = start; p < this.pos; p++) {
            big |= BigInt(this.buf[p] & 0x7f) << shift;
            shift += 7n;
        }
        const signed = Number(BigInt.asIntN(64, big));
        this.unsafe ||= !Number.isSafeInteger(signed);
        return signed;
    }
    /** The bounds [start, end) of a length-delimited field's payload. */
    lengthDelimited() {
        const len = this.varint();
        const end = this.pos + len;
        if (end > this.end)
            throw truncated(this.end, `a field of ${len} bytes runs past the end`);
        return end;
    }
    /** Skip a field of the given wire type. */
    skip(wireType, field) {
        switch (wireType) {
            case 0: {
                // A skipped value is never kept, so it cannot be unsafe.
                const unsafe = this.unsafe;
                this.varint();
                this.unsafe = unsafe;
                return;
            }
            case 1:
                this.advance(8);
                return;
            case 2:
                this.pos = this.lengthDelimited();
                return;
            case 5:
                this.advance(4);
                return;
            case 3:
                // A group (deprecated, but valid wire format): skip to its end tag.
                for (;;) {
                    const tag = this.varint();
                    if ((tag & 7) === 4) {
                        if (tag >>> 3 !== field)
                            throw new WireError('malformed', `mismatched end group at offset ${this.pos}`);
                        return;
                    }
                    this.skip(tag & 7, tag >>> 3);
                }
            default:
                throw new WireError('wire-type', `invalid wire type ${wireType} for field ${field} at offset ${this.pos}`);
        }
    }
    advance(n) {
        if (this.pos + n > this.end)
            throw truncated(this.end);
        this.pos += n;
    }
}
function truncated(pos, detail = 'unexpected end of data') {
    return new WireError('truncated', `${detail} at offset ${pos}`);
}
/** A growable typed array (doubling), trimmed to size at the end. */
class GrowList {
    make;
    data;
    length = 0;
    constructor(make) {
        this.make = make;
        this.data = make(1024);
    }
    push(v) {
        if (this.length === this.data.length) {
            const next = this.make(this.data.length * 2);
            next.set(this.data);
            this.data = next;
        }
        this.data[this.length++] = v;
    }
    /** A right-sized copy. */
    trimmed() {
        return this.data.slice(0, this.length);
    }
}
/** A growable Uint32Array. */
class U32List extends GrowList {
    constructor() {
        super(n => new Uint32Array(n));
    }
}
/** A growable Float64Array. */
class F64List extends GrowList {
    constructor() {
        super(n => new Float64Array(n));
    }
}

;// CONCATENATED MODULE: ./src/pprof/raw.ts
/**
 * The wire-level pass of the decoder: one walk over the protobuf bytes of
 * google/pprof proto/profile.proto, into flat typed arrays. Indices into
 * the string table and ids stay unresolved, because Go writes the string
 * table last (docs/design.md "The pprof encoding"); resolve.ts checks and
 * resolves them once everything has been read.
 */

const utf8 = new TextDecoder('utf-8');
/** A RawProfile with nothing read yet. */
function emptyRaw() {
    return {
        sampleTypes: [],
        sampleCount: 0,
        valueStart: new U32List(),
        values: new F64List(),
        stackStart: new U32List(),
        stacks: new U32List(),
        labels: {
            sample: new U32List(),
            key: new U32List(),
            str: new U32List(),
            num: new F64List(),
            numUnit: new U32List()
        },
        mappings: [],
        locations: [],
        functions: [],
        strings: [],
        dropFrames: 0,
        keepFrames: 0,
        timeNanos: 0,
        durationNanos: 0,
        periodType: undefined,
        period: 0,
        comments: [],
        defaultSampleType: 0,
        unsafeField: undefined
    };
}
/** Read the wire format; field numbers below are those of profile.proto. */
function readRaw(buf) {
    const r = new WireReader(buf);
    const raw = emptyRaw();
    const checkSafe = (what) => {
        if (r.unsafe && raw.unsafeField === undefined)
            raw.unsafeField = what;
        r.unsafe = false;
    };
    while (r.pos < r.end) {
        const tag = r.varint();
        const field = tag >>> 3;
        const wt = tag & 7;
        if (field === 2 && wt === 2) {
            readSample(r, raw);
            checkSafe(`sample ${raw.sampleCount - 1}`);
        }
        else if (field === 6 && wt === 2) {
            const end = r.lengthDelimited();
            raw.strings.push(utf8.decode(buf.subarray(r.pos, end)));
            r.pos = end;
        }
        else if (field === 4 && wt === 2) {
            raw.locations.push(readLocation(r));
            checkSafe('location');
        }
        else if (field === 5 && wt === 2) {
            raw.functions.push(readFunction(r));
            checkSafe('function');
        }
        else if (field === 1 && wt === 2) {
            raw.sampleTypes.push(readValueType(r));
        }
        else if (field === 3 && wt === 2) {
            raw.mappings.push(readMapping(r));
            checkSafe('mapping');
        }
        else if (field === 11 && wt === 2) {
            raw.periodType = readValueType(r);
        }
        else if (field === 13) {
            readRepeated(r, wt, field, v => raw.comments.push(v));
        }
        else if (wt === 0 && field >= 7 && field <= 15) {
            readScalar(r, raw, field);
            checkSafe(`profile field ${field}`);
        }
        else {
            r.skip(wt, field);
        }
    }
    return raw;
}
/** One of the profile's scalar fields 7–15 (drop_frames … doc_url). */
function readScalar(r, raw, field) {
    const v = r.varintSigned();
    switch (field) {
        case 7:
            raw.dropFrames = v;
            break;
        case 8:
            raw.keepFrames = v;
            break;
        case 9:
            // A wall-clock timestamp (~1.8e18 ns) never fits 2^53; a float64
            // keeps it to within a microsecond, all a timestamp is used for.
            raw.timeNanos = v;
            r.unsafe = false;
            break;
        case 10:
            raw.durationNanos = v;
            break;
        case 12:
            raw.period = v;
            break;
        case 14:
            raw.defaultSampleType = v;
            break;
        default:
            break; // 15: doc_url, not used
    }
}
/** A repeated scalar field, packed (wire type 2) or not (wire type 0). */
function readRepeated(r, wt, field, push) {
    if (wt === 2) {
        const end = r.lengthDelimited();
        const outer = r.end;
        r.end = end;
        while (r.pos < end)
            push(r.varintSigned());
        r.end = outer;
    }
    else if (wt === 0) {
        push(r.varintSigned());
    }
    else {
        r.skip(wt, field);
    }
}
function readSample(r, raw) {
    const end = r.lengthDelimited();
    const outer = r.end;
    r.end = end;
    const index = raw.sampleCount++;
    raw.stackStart.push(raw.stacks.length);
    raw.valueStart.push(raw.values.length);
    const stacks = raw.stacks;
    const values = raw.values;
    while (r.pos < end) {
        const tag = r.varint();
        const field = tag >>> 3;
        const wt = tag & 7;
        if (field === 1 && (wt === 0 || wt === 2)) {
            // location_id: packed when Go writes more than two, else unpacked.
            if (wt === 0)
                stacks.push(locationId(r.varint()));
            else {
                const e = r.lengthDelimited();
                r.end = e;
                while (r.pos < e)
                    stacks.push(locationId(r.varint()));
                r.end = end;
            }
        }
        else if (field === 2 && (wt === 0 || wt === 2)) {
            // value: a CPU sample's two values arrive unpacked, heap's four packed.
            if (wt === 0)
                values.push(r.varintSigned());
            else {
                const e = r.lengthDelimited();
                r.end = e;
                while (r.pos < e)
                    values.push(r.varintSigned());
                r.end = end;
            }
        }
        else if (field === 3 && wt === 2) {
            readLabel(r, raw.labels, index);
        }
        else {
            r.skip(wt, field);
        }
    }
    r.end = outer;
}
/** Location ids are kept in a Uint32Array until resolved to positions. */
function locationId(id) {
    if (id > 0xffffffff)
        throw new WireError('malformed', `location id ${id} is larger than this reader supports (2^32-1)`);
    return id;
}
function readLabel(r, labels, sample) {
    const end = r.lengthDelimited();
    const outer = r.end;
    r.end = end;
    let key = 0;
    let str = 0;
    let num = 0;
    let numUnit = 0;
    while (r.pos < end) {
        const tag = r.varint();
        const field = tag >>> 3;
        if ((tag & 7) !== 0 || field < 1 || field > 4) {
            r.skip(tag & 7, field);
            continue;
        }
        const v = r.varintSigned();
        if (field === 1)
            key = v;
        else if (field === 2)
            str = v;
        else if (field === 3)
            num = v;
        else
            numUnit = v;
    }
    r.end = outer;
    // String indices are range-checked in resolve(); keep them 32-bit here.
    labels.sample.push(sample);
    labels.key.push(stringIndex(key));
    labels.str.push(stringIndex(str));
    labels.num.push(num);
    labels.numUnit.push(stringIndex(numUnit));
}
function stringIndex(v) {
    if (v < 0 || v > 0xffffffff)
        throw new WireError('malformed', `string index ${v} is out of range`);
    return v;
}
function readValueType(r) {
    const end = r.lengthDelimited();
    const outer = r.end;
    r.end = end;
    const vt = [0, 0];
    while (r.pos < end) {
        const tag = r.varint();
        const field = tag >>> 3;
        if ((tag & 7) === 0 && (field === 1 || field === 2))
            vt[field - 1] = r.varintSigned();
        else
            r.skip(tag & 7, field);
    }
    r.end = outer;
    return vt;
}
function readMapping(r) {
    const end = r.lengthDelimited();
    const outer = r.end;
    r.end = end;
    const m = { id: 0, filename: 0 };
    while (r.pos < end) {
        const tag = r.varint();
        const field = tag >>> 3;
        if ((tag & 7) === 0 && field === 1)
            m.id = r.varint();
        else if ((tag & 7) === 0 && field === 5)
            m.filename = r.varintSigned();
        else
            r.skip(tag & 7, field);
    }
    r.end = outer;
    return m;
}
function readLocation(r) {
    const end = r.lengthDelimited();
    const outer = r.end;
    r.end = end;
    const loc = { id: 0, mappingId: 0, address: 0, lines: [] };
    while (r.pos < end) {
        const tag = r.varint();
        const field = tag >>> 3;
        const wt = tag & 7;
        if (wt === 0 && field === 1)
            loc.id = r.varint();
        else if (wt === 0 && field === 2)
            loc.mappingId = r.varint();
        else if (wt === 0 && field === 3) {
            // Addresses may exceed 2^53 (kernel space); they are only labels here.
            loc.address = r.varint();
            r.unsafe = false;
        }
        else if (wt === 2 && field === 4) {
            const lineEnd = r.lengthDelimited();
            r.end = lineEnd;
            const line = [0, 0];
            while (r.pos < lineEnd) {
                const t = r.varint();
                const f = t >>> 3;
                if ((t & 7) === 0 && f === 1)
                    line[0] = r.varint();
                else if ((t & 7) === 0 && f === 2)
                    line[1] = r.varintSigned();
                else
                    r.skip(t & 7, f);
            }
            r.end = end;
            loc.lines.push(line);
        }
        else
            r.skip(wt, field);
    }
    r.end = outer;
    return loc;
}
function readFunction(r) {
    const end = r.lengthDelimited();
    const outer = r.end;
    r.end = end;
    const fn = { id: 0, name: 0, systemName: 0, filename: 0, startLine: 0 };
    while (r.pos < end) {
        const tag = r.varint();
        const field = tag >>> 3;
        if ((tag & 7) !== 0) {
            r.skip(tag & 7, field);
            continue;
        }
        switch (field) {
            case 1:
                fn.id = r.varint();
                break;
            case 2:
                fn.name = r.varintSigned();
                break;
            case 3:
                fn.systemName = r.varintSigned();
                break;
            case 4:
                fn.filename = r.varintSigned();
                break;
            case 5:
                fn.startLine = r.varintSigned();
                break;
            default:
                r.skip(0, field);
        }
    }
    r.end = outer;
    return fn;
}

;// CONCATENATED MODULE: ./src/pprof/resolve.ts
/**
 * The resolving pass of the decoder: string-table indices and ids become
 * values and references, each one checked, in time linear in the input
 * whatever the id layout.
 */

/** Turn indices and ids into values and references, checking each one. */
function resolve(raw, source) {
    const str = stringTable(raw, source);
    const sampleTypes = raw.sampleTypes.map(([type, unit], i) => ({
        type: str(type, `sample_type[${i}].type`),
        unit: str(unit, `sample_type[${i}].unit`)
    }));
    if (sampleTypes.length === 0) {
        throw new ProfileError(source, 'not a pprof profile: it declares no sample types', REGENERATE_HINT);
    }
    const { functions, locations } = resolveLocations(raw, source, str);
    const samples = resolveSamples(raw, source, sampleTypes.length, str);
    return {
        sampleTypes,
        samples,
        locations,
        functions,
        periodType: raw.periodType
            ? {
                type: str(raw.periodType[0], 'period_type.type'),
                unit: str(raw.periodType[1], 'period_type.unit')
            }
            : undefined,
        period: raw.period,
        timeNanos: raw.timeNanos,
        durationNanos: raw.durationNanos,
        defaultSampleType: str(raw.defaultSampleType, 'default_sample_type'),
        comments: raw.comments.map((c, i) => str(c, `comment[${i}]`)),
        dropFrames: str(raw.dropFrames, 'drop_frames'),
        keepFrames: str(raw.keepFrames, 'keep_frames')
    };
}
/** Check the profile's shape (string_table[0] is "", values fit 2^53) and return the lookup. */
function stringTable(raw, source) {
    const strings = raw.strings;
    if (strings.length === 0) {
        throw new ProfileError(source, 'not a pprof profile: it has no string table', REGENERATE_HINT);
    }
    if (strings[0] !== '') {
        throw new ProfileError(source, 'not a valid pprof profile: string_table[0] must be the empty string', REGENERATE_HINT);
    }
    if (raw.unsafeField !== undefined) {
        throw new ProfileError(source, `${raw.unsafeField} holds a value outside the safe integer range (±2^53)`, REGENERATE_HINT);
    }
    return (index, field) => {
        if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
            throw new ProfileError(source, `string index ${index} in ${field} is out of range (the string table has ${strings.length} entries)`, REGENERATE_HINT);
        }
        return strings[index];
    };
}
/** Functions, then locations with their lines pointing at them; every id checked. */
function resolveLocations(raw, source, str) {
    const mappingFiles = new Map();
    raw.mappings.forEach((m, i) => mappingFiles.set(m.id, str(m.filename, `mapping[${i}].filename`)));
    const functionById = new IdIndex('function', source);
    const functions = raw.functions.map((f, i) => {
        const fn = {
            id: f.id,
            name: str(f.name, `function[${i}].name`),
            systemName: str(f.systemName, `function[${i}].system_name`),
            filename: str(f.filename, `function[${i}].filename`),
            startLine: f.startLine
        };
        functionById.add(f.id, fn);
        return fn;
    });
    const locations = raw.locations.map((l, i) => {
        let mappingFile = '';
        if (l.mappingId !== 0) {
            const file = mappingFiles.get(l.mappingId);
            if (file === undefined) {
                throw new ProfileError(source, `location ${l.id} refers to mapping id ${l.mappingId}, which does not exist`, REGENERATE_HINT);
            }
            mappingFile = file;
        }
        return {
            id: l.id,
            index: i,
            address: l.address,
            mappingFile,
            lines: l.lines.map(([functionId, line]) => ({
                function: functionById.get(functionId, `location ${l.id}`),
                line
            }))
        };
    });
    return { functions, locations };
}
/** The sample table: values checked against the sample types, location ids turned into positions. */
function resolveSamples(raw, source, width, str) {
    const count = raw.sampleCount;
    raw.valueStart.push(raw.values.length);
    raw.stackStart.push(raw.stacks.length);
    const valueStart = raw.valueStart.data;
    for (let i = 0; i < count; i++) {
        const n = valueStart[i + 1] - valueStart[i];
        if (n !== width) {
            throw new ProfileError(source, `sample ${i} has ${n} values but the profile declares ${width} sample types`, REGENERATE_HINT);
        }
    }
    resolveStacks(raw, source);
    return {
        count,
        width,
        values: raw.values.trimmed(),
        stackStart: raw.stackStart.trimmed(),
        stacks: raw.stacks.trimmed(),
        labels: resolveLabels(raw, str)
    };
}
/**
 * Location ids to positions, in place. Go numbers locations 1..n, so a
 * dense table is the common case; anything sparser uses the id index.
 * Either way each stack entry costs O(1): the sample an entry belongs to
 * (for messages) advances with the entry, never rescanned from the start.
 */
function resolveStacks(raw, source) {
    const positionById = new IdIndex('location', source);
    raw.locations.forEach((l, i) => positionById.add(l.id, i));
    const stacks = raw.stacks.data;
    const stackStart = raw.stackStart.data;
    const maxId = raw.locations.reduce((m, l) => Math.max(m, l.id), 0);
    const dense = maxId <= 4 * raw.locations.length + 1024 ? new Int32Array(maxId + 1).fill(-1) : undefined;
    if (dense)
        raw.locations.forEach((l, i) => (dense[l.id] = i));
    let sample = 0;
    for (let k = 0; k < raw.stacks.length; k++) {
        const id = stacks[k];
        const position = dense && id <= maxId ? dense[id] : -1;
        if (position >= 0) {
            stacks[k] = position;
            continue;
        }
        while (stackStart[sample + 1] <= k)
            sample++;
        stacks[k] = positionById.get(id, `sample ${sample}`);
    }
}
/** Label columns, with every string index checked. */
function resolveLabels(raw, str) {
    const lb = raw.labels;
    for (const [column, name] of [
        [lb.key, 'key'],
        [lb.str, 'str'],
        [lb.numUnit, 'num_unit']
    ]) {
        for (let j = 0; j < column.length; j++)
            str(column.data[j], `sample ${lb.sample.data[j]} label ${name}`);
    }
    return {
        count: lb.sample.length,
        sample: lb.sample.trimmed(),
        key: lb.key.trimmed(),
        str: lb.str.trimmed(),
        num: lb.num.trimmed(),
        numUnit: lb.numUnit.trimmed(),
        strings: raw.strings
    };
}
/**
 * Id lookup. Go numbers locations and functions 1..n, so a dense array is
 * the fast path; sparse or huge ids fall back to a Map.
 */
class IdIndex {
    kind;
    source;
    dense = [];
    sparse = new Map();
    constructor(kind, source) {
        this.kind = kind;
        this.source = source;
    }
    add(id, value) {
        if (!Number.isSafeInteger(id) || id <= 0) {
            throw new ProfileError(this.source, `${this.kind} has invalid id ${id} (ids start at 1)`, REGENERATE_HINT);
        }
        if (this.lookup(id) !== undefined) {
            throw new ProfileError(this.source, `${this.kind} id ${id} is defined twice`, REGENERATE_HINT);
        }
        if (id <= this.dense.length + 1024)
            this.dense[id] = value;
        else
            this.sparse.set(id, value);
    }
    get(id, where) {
        const value = this.lookup(id);
        if (value === undefined) {
            throw new ProfileError(this.source, `${where} refers to ${this.kind} id ${id}, which does not exist (a dangling ${this.kind} id)`, REGENERATE_HINT);
        }
        return value;
    }
    lookup(id) {
        return this.dense[id] ?? this.sparse.get(id);
    }
}

;// CONCATENATED MODULE: ./src/pprof/decode.ts
/**
 * The decoder's entry points: read a profile file with its size checked
 * first, undo gzip with a cap, then the wire pass (raw.ts) and the
 * resolving pass (resolve.ts). Every failure is a ProfileError.
 */







/**
 * Read and decode a profile file (gzip-compressed or raw protobuf).
 * Every failure, including I/O, is a ProfileError naming the file.
 */
async function readProfile(path, options = {}) {
    const source = options.source ?? path;
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES;
    let bytes;
    try {
        const info = await (0,promises_namespaceObject.stat)(path);
        if (!info.isFile())
            throw new ProfileError(source, 'is not a regular file');
        if (info.size > maxBytes)
            throw tooLarge(source, maxBytes);
        bytes = await readCapped(path, maxBytes, 'the profile');
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err;
        const reason = err instanceof Error ? err.message : String(err);
        throw new ProfileError(source, `cannot read the profile (${reason})`, 'Check the path and permissions');
    }
    return decodeProfile(bytes, { ...options, source, maxBytes });
}
/**
 * Decode profile bytes: gzip (told apart by its 1f 8b magic) or raw
 * protobuf, per google/pprof proto/profile.proto (our copy:
 * src/pprof/profile.proto). Throws only ProfileError.
 */
function decodeProfile(bytes, options = {}) {
    const source = options.source ?? '<profile>';
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROFILE_BYTES;
    if (bytes.length === 0) {
        throw new ProfileError(source, 'the file is empty', REGENERATE_HINT);
    }
    let data = bytes;
    if (isGzip(bytes)) {
        data = gunzipCapped(bytes, maxBytes, source);
    }
    else if (bytes.length > maxBytes) {
        throw tooLarge(source, maxBytes);
    }
    if (data.length === 0)
        throw new ProfileError(source, 'the gzip stream holds no data', REGENERATE_HINT);
    let raw;
    try {
        raw = readRaw(data);
    }
    catch (err) {
        throw wireError(err, source);
    }
    try {
        return resolve(raw, source);
    }
    catch (err) {
        if (err instanceof ProfileError)
            throw err;
        // A structural surprise the checks below did not anticipate is still a
        // bad profile, never a crash with an internal stack trace.
        const reason = err instanceof Error ? err.message : String(err);
        throw new ProfileError(source, `malformed profile (${reason})`, REGENERATE_HINT);
    }
}
function tooLarge(source, maxBytes) {
    return new ProfileError(source, `profile exceeds the size cap of ${maxBytes} bytes`, 'Raise --max-profile-bytes (library: maxBytes) if the file is trusted');
}
function wireError(err, source) {
    if (err instanceof WireError) {
        switch (err.kind) {
            case 'truncated':
                return new ProfileError(source, `protobuf data is truncated (${err.message})`, REGENERATE_HINT);
            case 'wire-type':
                return new ProfileError(source, `not a pprof profile: invalid protobuf wire type (${err.message})`, REGENERATE_HINT);
            case 'malformed':
                return new ProfileError(source, `not a pprof profile: malformed protobuf (${err.message})`, REGENERATE_HINT);
        }
    }
    if (err instanceof ProfileError)
        return err;
    const reason = err instanceof Error ? err.message : String(err);
    return new ProfileError(source, `not a pprof profile: protobuf decoding failed (${reason})`, REGENERATE_HINT);
}

;// CONCATENATED MODULE: ./src/pprof/names.ts
/**
 * The name pprof shows and aggregates a function under.
 *
 * Before building its graph, `go tool pprof` runs its symbolizer's Demangle
 * step in the default mode (google/pprof internal/symbolizer/symbolizer.go,
 * demangleSingleFunction). For a Go name that "looks like demangled C++" —
 * it has one of `<>[]` or `::`, and neither `.<` (Java) nor `]).` (a Go
 * method on a generic type) — it removes every balanced `(...)` group and
 * then every balanced `<...>` group. Generic instantiations such as
 * `OnceValue[go.shape.func(A) B]` are thereby renamed, and two of them can
 * merge into one node. We apply the same rule, so names and totals match.
 *
 * Mangled C++/Rust symbols (`_Z…`, `_R…`), which pprof would demangle, are
 * kept as they are: Go profiles name Go functions already.
 */
function pprofFunctionName(fn) {
    const { name, systemName } = fn;
    if (name !== '' && systemName !== name)
        return name;
    const raw = systemName;
    if (!looksLikeDemangledCPlusPlus(raw))
        return raw;
    return removeMatching(removeMatching(raw, '(', ')'), '<', '>');
}
function looksLikeDemangledCPlusPlus(name) {
    if (name.includes('.<'))
        return false;
    if (name.includes(']).'))
        return false;
    return /[<>[\]]/.test(name) || name.includes('::');
}
/**
 * Remove balanced start..end groups; on a stray closer, stop and keep the
 * rest as it is, as pprof's removeMatching does (it returns the name with
 * the groups before the closer already removed). One pass that copies
 * each kept run once: rebuilding the string for every group, as pprof
 * does, is quadratic, and a name with 100,000 groups took minutes.
 */
function removeMatching(name, start, end) {
    const kept = [];
    let nesting = 0;
    let first = 0;
    /** name[copied..] is not yet in kept. */
    let copied = 0;
    for (let i = 0; i < name.length; i++) {
        const c = name[i];
        if (c === start) {
            nesting++;
            if (nesting === 1)
                first = i;
        }
        else if (c === end) {
            nesting--;
            if (nesting < 0)
                break;
            if (nesting === 0) {
                kept.push(name.slice(copied, first));
                copied = i + 1;
            }
        }
    }
    if (copied === 0)
        return name;
    kept.push(name.slice(copied));
    return kept.join('');
}
/**
 * A function's name as Go's tracebacks write it (runtime/traceback.go
 * prints instantiations as `[...]`): every balanced `[…]` group becomes
 * `[...]`, so `btree.(*node[go.shape.interface { Less(btree.Item) bool }]).get`
 * and pprof's partly simplified `items[go.shape.interface { Less bool }].find`
 * read as `btree.(*node[...]).get` and `items[...].find`, and all the
 * instantiations of one function share one name (docs/design.md D10). `top`
 * keeps pprof's exact names; this is for everything written for people.
 */
function goTracebackName(name) {
    if (!name.includes('['))
        return name;
    let out = '';
    let depth = 0;
    for (const c of name) {
        if (c === '[') {
            if (depth === 0)
                out += '[...';
            depth++;
        }
        else if (c === ']' && depth > 0) {
            depth--;
            if (depth === 0)
                out += ']';
        }
        else if (depth === 0)
            out += c;
    }
    // An unbalanced name is left as it was rather than guessed at.
    return depth === 0 ? out : name;
}

;// CONCATENATED MODULE: ./src/pprof/aggregate.ts


/**
 * Choose a sample type by name (or numeric index, as pprof's -sample_index
 * allows). Without a name: the profile's default_sample_type, else the last
 * type, matching pprof.
 */
function sampleTypeIndex(profile, name, source) {
    const types = profile.sampleTypes;
    const wanted = name ?? (profile.defaultSampleType || undefined);
    if (wanted === undefined)
        return types.length - 1;
    const byName = types.findIndex(t => t.type === wanted);
    if (byName >= 0)
        return byName;
    if (name !== undefined && /^\d+$/.test(name) && Number(name) < types.length)
        return Number(name);
    throw new ProfileError(source, `has no sample type "${wanted}"`, `Available sample types: ${types.map(t => t.type).join(', ')}`);
}
/**
 * The name of the node a frame belongs to at pprof's `functions` granularity:
 * the function name alone, as pprof simplifies it (names.ts); pprof clears
 * file, line and address before building nodes. A location without symbols
 * is named by its mapping.
 */
function frameName(fn, loc, cache) {
    if (fn) {
        let name = cache.get(fn);
        if (name === undefined) {
            name = pprofFunctionName(fn);
            cache.set(fn, name);
        }
        if (name !== '')
            return name;
    }
    return loc.mappingFile !== '' ? `<unknown in ${loc.mappingFile}>` : '<unknown>';
}
/**
 * Build the name table and per-location frame lists for a profile. With
 * `rename`, frames whose renamed names agree share one node, so their flat
 * and cum merge and cum still counts once per sample (attribution uses
 * goTracebackName; `top` renames nothing, to equal pprof).
 */
function indexFrames(profile, rename) {
    const ids = new Map();
    const names = [];
    const files = [];
    const startLines = [];
    const nodeOf = (raw, fn) => {
        const name = rename ? rename(raw) : raw;
        let id = ids.get(name);
        if (id === undefined) {
            id = names.length;
            ids.set(name, id);
            names.push(name);
            files.push(fn?.filename ?? '');
            startLines.push(fn?.startLine ?? 0);
        }
        return id;
    };
    const cache = new Map();
    const frames = new Array(profile.locations.length);
    profile.locations.forEach((loc, i) => {
        if (loc.lines.length === 0) {
            frames[i] = Int32Array.of(nodeOf(frameName(undefined, loc, cache)));
            return;
        }
        const f = new Int32Array(loc.lines.length);
        for (let j = 0; j < loc.lines.length; j++)
            f[j] = nodeOf(frameName(loc.lines[j].function, loc, cache), loc.lines[j].function);
        frames[i] = f;
    });
    return { names, files, startLines, frames };
}
/**
 * The one stack walk behind `top` and per-benchmark attribution, with
 * pprof's rules (internal/graph newGraph): every frame of every location on
 * the stack, inlined ones included, adds the sample's value to that
 * function's cum at most once per sample, so recursion is counted once;
 * flat goes to line[0] of location_id[0], the innermost frame of the leaf.
 * `bucketOf` sends a sample (index, stack range) to a bucket, or to none
 * with -1; it is called only for samples with a non-zero value.
 */
function accumulate(profile, valueIndex, index, buckets, bucketOf, 
/** Nodes whose cost goes to their nearest caller that is not folded (1 = folded). */
folded) {
    const n = index.names.length;
    const self = folded ? Array.from({ length: buckets }, () => new Float64Array(n)) : undefined;
    const flat = Array.from({ length: buckets }, () => new Float64Array(n));
    const cum = Array.from({ length: buckets }, () => new Float64Array(n));
    const totals = new Float64Array(buckets);
    const seen = new Int32Array(n).fill(-1);
    let total = 0;
    let unbucketed = 0;
    const { count, width, values, stackStart, stacks } = profile.samples;
    const frames = index.frames;
    for (let s = 0; s < count; s++) {
        const v = values[s * width + valueIndex];
        total += v;
        if (v === 0)
            continue;
        const from = stackStart[s];
        const to = stackStart[s + 1];
        const b = bucketOf(s, from, to);
        if (b < 0) {
            unbucketed += v;
            continue;
        }
        totals[b] += v;
        if (from === to)
            continue;
        const c = cum[b];
        for (let k = from; k < to; k++) {
            const f = frames[stacks[k]];
            for (let j = 0; j < f.length; j++) {
                const node = f[j];
                if (seen[node] !== s) {
                    seen[node] = s;
                    c[node] += v;
                }
            }
        }
        flat[b][frames[stacks[from]][0]] += v;
        if (self && folded)
            selfOf(self[b], folded, frames, stacks, from, to, v);
    }
    return self
        ? { flat, cum, totals, total, unbucketed, self }
        : { flat, cum, totals, total, unbucketed };
}
/** Add v to the leaf-most frame of a stack that is not folded (none if all are). */
function selfOf(self, folded, frames, stacks, from, to, v) {
    for (let k = from; k < to; k++) {
        const f = frames[stacks[k]];
        for (let j = 0; j < f.length; j++) {
            if (folded[f[j]] === 0) {
                self[f[j]] += v;
                return;
            }
        }
    }
}
/** flat and cum per function for one sample type, as `go tool pprof -top` computes them. */
function aggregate(profile, options = {}) {
    const vi = sampleTypeIndex(profile, options.sampleType, options.source ?? '<profile>');
    const index = indexFrames(profile);
    const acc = accumulate(profile, vi, index, 1, () => 0);
    const [flat, cum] = [acc.flat[0], acc.cum[0]];
    const functions = [];
    for (let i = 0; i < index.names.length; i++) {
        if (flat[i] !== 0 || cum[i] !== 0)
            functions.push({ name: index.names[i], flat: flat[i], cum: cum[i] });
    }
    functions.sort(byFlatThenName);
    const type = profile.sampleTypes[vi];
    return { sampleType: type.type, unit: type.unit, total: acc.total, functions };
}
/** Sort order of `top`: flat descending, then name ascending. */
function byFlatThenName(a, b) {
    return b.flat - a.flat || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

;// CONCATENATED MODULE: ./src/data/index.ts
/**
 * Tables keyed by names we did not choose. Benchmark names, units,
 * packages, profile sample types and every key of a JSON file we did not
 * write come from the code under test or from an artifact. In a plain
 * object a key such as `__proto__`, `constructor` or `toString` is not an
 * ordinary entry: reading it returns Object.prototype's member, and
 * writing through it changes Object.prototype for the whole process (whose
 * inherited keys child_process then passes on as environment variables).
 * A table without a prototype has none of these members.
 */
/** An empty table with no prototype: every key, `__proto__` included, is an ordinary entry. */
function table() {
    return Object.create(null);
}
/** A table with no prototype holding the own entries of `entries`. */
function tableOf(entries) {
    const out = table();
    const list = Symbol.iterator in entries ? entries : Object.entries(entries);
    for (const [k, v] of list)
        out[k] = v;
    return out;
}
/** `obj[key]` when it is obj's own entry, else undefined (never an inherited member). */
function own(obj, key) {
    return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
/**
 * JSON.parse for text we did not write: every object comes back without a
 * prototype, so its keys are data. (JSON.parse itself already makes a
 * `"__proto__"` key an own entry; this keeps a later `obj[name]` from
 * reaching an inherited member when the name is not there.)
 */
function parseJson(text) {
    return JSON.parse(text, (_key, value) => value !== null && typeof value === 'object' && !Array.isArray(value)
        ? tableOf(value)
        : value);
}
/**
 * The largest of `values`, or `empty` when there are none. Input-sized
 * arrays never go through `Math.max(...xs)`: each element becomes an
 * argument, and a few hundred thousand overflow the call stack.
 */
function maxOf(values, empty = -Infinity) {
    let best = empty;
    for (const v of values)
        if (v > best || Number.isNaN(v))
            best = v;
    return best;
}
/** The smallest of `values`, or `empty` when there are none (see maxOf). */
function minOf(values, empty = Infinity) {
    let best = empty;
    for (const v of values)
        if (v < best || Number.isNaN(v))
            best = v;
    return best;
}
/** Append every item of `items` to `target` (push(...items) overflows the stack on big arrays). */
function pushAll(target, items) {
    for (const item of items)
        target.push(item);
    return target;
}

;// CONCATENATED MODULE: ./src/pprof/top.ts

/**
 * Names come from the profile, which the code under test wrote: control,
 * bidi and invisible characters are shown as `\uXXXX`, never sent to the
 * terminal. Real Go names hold none, so the output still equals pprof's.
 */
function inert(text) {
    return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, c => `\\u${c.codePointAt(0).toString(16).padStart(4, '0')}`);
}
/** Short unit suffixes, as `go tool pprof -unit=ns|B` prints them. */
const UNIT_SUFFIX = { nanoseconds: 'ns', bytes: 'B', count: '' };
function pct(part, total) {
    return total === 0 ? '0%' : `${((100 * part) / total).toFixed(2)}%`;
}
/**
 * Render a function table the way `go tool pprof -top` does: flat, flat%,
 * running sum%, cum, cum%, name. Values are exact integers in the
 * profile's own unit.
 */
function formatTop(table, file) {
    const suffix = UNIT_SUFFIX[table.unit] ?? inert(table.unit);
    const fmt = (v) => (v === 0 ? '0' : `${v}${suffix}`);
    const rows = table.functions.map(f => [fmt(f.flat), fmt(f.cum), f]);
    const flatWidth = maxOf(rows.map(r => String(r[0]).length), 10);
    const cumWidth = maxOf(rows.map(r => String(r[1]).length), 10);
    const lines = [
        `File: ${inert(file)}`,
        `Type: ${inert(table.sampleType)}`,
        `Showing ${table.functions.length} functions accounting for ${fmt(table.total)} total (${inert(table.unit)})`,
        `${'flat'.padStart(flatWidth)}  flat%   sum% ${'cum'.padStart(cumWidth)}   cum%`
    ];
    let sum = 0;
    for (const f of table.functions) {
        sum += f.flat;
        lines.push([
            fmt(f.flat).padStart(flatWidth),
            pct(f.flat, table.total).padStart(6),
            pct(sum, table.total).padStart(6),
            fmt(f.cum).padStart(cumWidth),
            pct(f.cum, table.total).padStart(6),
            ` ${inert(f.name)}`
        ].join(' '));
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/pprof/index.ts
/** The pprof engine: decode Go profiles and aggregate them like `go tool pprof`. */








;// CONCATENATED MODULE: ./src/attribution/internal.ts
/** Which frames are the runtime's own machinery, folded into their callers' self. */
/**
 * The runtime's own machinery — package runtime, runtime/..., the standard
 * library's internal/... (maps, bytealg, abi), and symbols with no package
 * (assembly such as aeshashbody) — whose cost a reader wants on the user
 * code that called it, not on a row of its own.
 */
function isRuntimeInternal(name) {
    // Indices only, no substrings: it runs once per function of a profile
    // that may hold hundreds of thousands.
    let end = name.length;
    for (let i = 0; i < name.length; i++) {
        const c = name.charCodeAt(i);
        if (c === 0x28 || c === 0x5b) {
            end = i; // '(' or '['
            break;
        }
    }
    const slash = end > 0 ? name.lastIndexOf('/', end - 1) : -1;
    const dot = name.indexOf('.', slash + 1);
    // No package at all: an assembly or C symbol (aeshashbody, memeqbody) or an address.
    if (dot < 0 || dot >= end)
        return true;
    // The package is name[0, dot).
    return ((dot === 7 && name.startsWith('runtime')) ||
        name.startsWith('runtime/') ||
        name.startsWith('internal/'));
}

;// CONCATENATED MODULE: ./src/attribution/lines.ts
/** How many lines a function keeps by self, and again by cum. */
const LINES_KEPT = 8;
/**
 * One line node per (function node, line number) of a kept function:
 * `lineNode[location][j]` is the node of that location's j-th frame, or -1.
 */
function lineNodes(profile, index, keep) {
    const lineNode = new Array(profile.locations.length);
    const ids = new Map();
    const nodeFn = [];
    const nodeLine = [];
    const kept = Uint8Array.from(index.names, (_, n) => (keep(n) ? 1 : 0));
    profile.locations.forEach((loc, i) => {
        const f = index.frames[i];
        const out = new Int32Array(f.length).fill(-1);
        for (let j = 0; j < f.length && j < loc.lines.length; j++) {
            if (kept[f[j]] === 0)
                continue;
            const key = `${f[j]}:${loc.lines[j].line}`;
            let id = ids.get(key);
            if (id === undefined) {
                id = nodeFn.push(f[j]) - 1;
                nodeLine.push(loc.lines[j].line);
                ids.set(key, id);
            }
            out[j] = id;
        }
        lineNode[i] = out;
    });
    return { lineNode, nodeFn, nodeLine };
}
/**
 * Line costs per group for the functions whose node `keep` accepts.
 * `bucketOf` is the group of a sample (or -1), as groupTables decides it;
 * `folded[n]` is 1 for runtime internals.
 */
function lineTables(profile, valueIndex, index, groupNames, bucketOf, folded, keep) {
    const { lineNode, nodeFn, nodeLine } = lineNodes(profile, index, keep);
    const out = new Map();
    if (nodeFn.length === 0)
        return out;
    const n = nodeFn.length;
    const acc = groupNames.map(() => new Float64Array(n * 3));
    const seen = new Int32Array(n).fill(-1);
    const { count, width, values, stackStart, stacks } = profile.samples;
    for (let s = 0; s < count; s++) {
        const v = values[s * width + valueIndex];
        if (v === 0)
            continue;
        const from = stackStart[s];
        const to = stackStart[s + 1];
        if (from === to)
            continue;
        const b = bucketOf(s, from, to);
        if (b < 0)
            continue;
        const a = acc[b];
        const leaf = lineNode[stacks[from]][0];
        if (leaf >= 0)
            a[leaf * 3] += v;
        let selfDone = false;
        for (let k = from; k < to; k++) {
            const loc = stacks[k];
            const f = index.frames[loc];
            const ln = lineNode[loc];
            for (let j = 0; j < f.length; j++) {
                const node = ln[j];
                if (!selfDone && folded[f[j]] === 0) {
                    selfDone = true;
                    if (node >= 0)
                        a[node * 3 + 2] += v;
                }
                if (node >= 0 && seen[node] !== s) {
                    seen[node] = s;
                    a[node * 3 + 1] += v;
                }
            }
        }
    }
    acc.forEach((a, b) => {
        const functions = new Map();
        for (let node = 0; node < n; node++) {
            if (a[node * 3 + 1] === 0 && a[node * 3] === 0)
                continue;
            const name = index.names[nodeFn[node]];
            const lines = functions.get(name) ?? functions.set(name, new Map()).get(name);
            const e = lines.get(nodeLine[node]);
            if (e) {
                // Two function nodes renamed alike (instantiations) share their lines.
                e[0] += a[node * 3];
                e[1] += a[node * 3 + 1];
                e[2] = (e[2] ?? 0) + a[node * 3 + 2];
            }
            else
                lines.set(nodeLine[node], [a[node * 3], a[node * 3 + 1], a[node * 3 + 2]]);
        }
        if (functions.size > 0)
            out.set(groupNames[b], functions);
    });
    return out;
}
/** Sum line tables of several profiles into `into`. */
function addLineTables(into, from) {
    for (const [group, fns] of from) {
        const g = into.get(group) ?? into.set(group, new Map()).get(group);
        for (const [name, lines] of fns) {
            const m = g.get(name) ?? g.set(name, new Map()).get(name);
            for (const [line, [flat, cum, self = flat]] of lines) {
                const e = m.get(line);
                if (e) {
                    e[0] += flat;
                    e[1] += cum;
                    e[2] = (e[2] ?? 0) + self;
                }
                else
                    m.set(line, [flat, cum, self]);
            }
        }
    }
}
/**
 * One group's line costs of the high run beyond the low one (see
 * differenceTables): negative differences are noise and count 0, and
 * flat and self stay within cum.
 */
function differenceLines(low, high) {
    const out = new Map();
    for (const [name, lines] of high) {
        const l = low?.get(name);
        const m = new Map();
        for (const [line, [flat, cum, self = flat]] of lines) {
            const [lf, lc, ls = lf] = l?.get(line) ?? [0, 0, 0];
            const dc = Math.max(0, cum - lc);
            const df = Math.min(dc, Math.max(0, flat - lf));
            const ds = Math.min(dc, Math.max(0, self - ls));
            if (dc > 0 || df > 0 || ds > 0)
                m.set(line, [df, dc, ds]);
        }
        if (m.size > 0)
            out.set(name, m);
    }
    return out;
}
/** A function's costliest lines per op: the top LINES_KEPT by self, then by cum, in line order. */
function hotLines(lines, scale) {
    const all = [...lines].map(([line, [flat, cum, self = flat]]) => ({
        line,
        flat: flat * scale,
        cum: cum * scale,
        self: self * scale
    }));
    const bySelf = all.filter(l => l.self > 0).sort((a, b) => b.self - a.self || a.line - b.line);
    const byCum = [...all].sort((a, b) => b.cum - a.cum || a.line - b.line);
    const kept = new Set([...bySelf.slice(0, LINES_KEPT), ...byCum.slice(0, LINES_KEPT)]);
    return [...kept].sort((a, b) => a.line - b.line);
}

;// CONCATENATED MODULE: ./src/attribution/paths.ts
/** Deepest path kept, in frames; a deeper one keeps the frames nearest its owner. */
const MAX_PATH_FRAMES = 24;
/**
 * Per group: owner function name → its heaviest path (names, the
 * benchmark's frame first, the owner last). `nodeGroup[n]` is the group a
 * benchmark frame starts, or -1; `folded[n]` is 1 for runtime internals.
 */
function heaviestPaths(profile, valueIndex, index, nodeGroup, folded) {
    const { count, width, values, stackStart, stacks } = profile.samples;
    const weight = new Map();
    const nodes = [];
    for (let s = 0; s < count; s++) {
        const v = values[s * width + valueIndex];
        if (v === 0)
            continue;
        // The stack's frames, leaf first, without internals.
        nodes.length = 0;
        let group = -1;
        for (let k = stackStart[s]; k < stackStart[s + 1] && group < 0; k++) {
            const f = index.frames[stacks[k]];
            for (let j = 0; j < f.length; j++) {
                if (folded[f[j]] === 0)
                    nodes.push(f[j]);
                if (nodeGroup[f[j]] >= 0) {
                    group = nodeGroup[f[j]];
                    break;
                }
            }
        }
        if (group < 0 || nodes.length === 0)
            continue;
        const path = nodes.slice(0, MAX_PATH_FRAMES).reverse();
        const key = path.join(',');
        const g = weight.get(group) ?? weight.set(group, new Map()).get(group);
        g.set(key, (g.get(key) ?? 0) + v);
    }
    const out = new Map();
    for (const [group, paths] of weight) {
        const best = new Map();
        for (const [key, value] of paths) {
            const owner = Number(key.slice(key.lastIndexOf(',') + 1));
            const b = best.get(owner);
            if (!b || value > b.value || (value === b.value && key < b.key))
                best.set(owner, { value, key });
        }
        const named = new Map();
        for (const [owner, { key }] of best)
            named.set(index.names[owner], key.split(',').map(n => index.names[Number(n)]));
        out.set(group, named);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/attribution/combine.ts

/** Merge group tables of several profiles (sums of raw values), so shares cover all of them. */
function mergeTables(tables) {
    if (tables.length === 1)
        return tables[0];
    const out = { groups: new Map(), unattributed: 0, total: 0, sources: new Map() };
    // One period for all, or none: shares of mixed rates have no one sample value.
    const periods = new Set(tables.map(t => t.period));
    if (periods.size === 1 && tables[0].period !== undefined)
        out.period = tables[0].period;
    // Paths are not summed: each function keeps the first profile's.
    out.paths = new Map();
    for (const t of tables)
        for (const [group, p] of t.paths ?? []) {
            const m = out.paths.get(group) ?? out.paths.set(group, new Map()).get(group);
            for (const [name, path] of p)
                if (!m.has(name))
                    m.set(name, path);
        }
    if (tables.some(t => t.lines)) {
        out.lines = new Map();
        for (const t of tables)
            if (t.lines)
                addLineTables(out.lines, t.lines);
    }
    for (const t of tables) {
        out.unattributed += t.unattributed;
        out.total += t.total;
        for (const [k, v] of t.sources)
            if (!out.sources.has(k))
                out.sources.set(k, v);
        for (const [group, g] of t.groups) {
            const m = out.groups.get(group) ?? {
                total: 0,
                functions: new Map()
            };
            m.total += g.total;
            for (const [name, [flat, cum, self = flat]] of g.functions) {
                const e = m.functions.get(name);
                if (e) {
                    e[0] += flat;
                    e[1] += cum;
                    e[2] = (e[2] ?? 0) + self;
                }
                else
                    m.functions.set(name, [flat, cum, self]);
            }
            out.groups.set(group, m);
        }
    }
    return out;
}
/**
 * Tables with every value times `k`: the short run's fixed costs as `k`
 * samples paid them, before they are taken from the pooled samples
 * (differenceTables). Sources and paths are shared, not copied.
 */
function scaleTables(t, k) {
    if (k === 1)
        return t;
    const cost = ([flat, cum, self = flat]) => [flat * k, cum * k, self * k];
    const out = {
        groups: new Map(),
        unattributed: t.unattributed * k,
        total: t.total * k,
        sources: t.sources
    };
    if (t.period !== undefined)
        out.period = t.period;
    if (t.paths)
        out.paths = t.paths;
    for (const [group, g] of t.groups)
        out.groups.set(group, {
            total: g.total * k,
            functions: new Map([...g.functions].map(([name, c]) => [name, cost(c)]))
        });
    if (t.lines) {
        out.lines = new Map();
        for (const [group, byFunction] of t.lines)
            out.lines.set(group, new Map([...byFunction].map(([name, lines]) => [
                name,
                new Map([...lines].map(([line, c]) => [line, cost(c)]))
            ])));
    }
    return out;
}
/**
 * Per-op tables from two profiles of the same benchmark, run in their own
 * processes at two iteration counts (`-benchtime=N1x` and `N2x`): what the
 * run at N2 spent beyond the run at N1, function by function. Everything
 * that does not scale with b.N — setup before `b.ResetTimer`, the `b.N = 1`
 * first run and the process's own start — is the same in both and cancels.
 * Divided by `iterations` (high − low), the difference is the cost of one
 * iteration. Work under `b.StopTimer` inside the loop does scale with b.N
 * and stays in, at its real cost. A function whose difference is negative
 * is sampling noise and counts 0. Undefined when the difference has no
 * positive total (too few samples to tell): the caller falls back.
 */
function differenceTables(low, high, iterations) {
    const out = { groups: new Map(), unattributed: 0, total: 0, sources: high.sources };
    if (iterations !== undefined)
        out.iterations = iterations;
    if (high.period !== undefined && high.period === low.period)
        out.period = high.period;
    if (high.paths)
        out.paths = high.paths;
    for (const [group, h] of high.groups) {
        const l = low.groups.get(group);
        const total = h.total - (l?.total ?? 0);
        if (!(total > 0))
            continue;
        const functions = new Map();
        for (const [name, [flat, cum, self = flat]] of h.functions) {
            const [lf, lc, ls = lf] = l?.functions.get(name) ?? [0, 0, 0];
            const dc = Math.max(0, cum - lc);
            // flat ≤ cum and self ≤ cum hold in each profile; keep them in the difference too.
            const df = Math.min(dc, Math.max(0, flat - lf));
            const ds = Math.min(dc, Math.max(0, self - ls));
            if (df > 0 || dc > 0 || ds > 0)
                functions.set(name, [df, dc, ds]);
        }
        out.groups.set(group, { total, functions });
        out.total += total;
        const lines = high.lines?.get(group);
        if (lines)
            (out.lines ??= new Map()).set(group, differenceLines(low.lines?.get(group), lines));
    }
    return out.groups.size > 0 ? out : undefined;
}

;// CONCATENATED MODULE: ./src/attribution/index.ts
/**
 * Per-op function costs per benchmark (docs/design.md "Per-op function costs").
 *
 * A profile covers the whole test binary run: every benchmark, every -count
 * repetition, the b.N ramp-up runs, and GC. So a function's total time
 * divided by the printed b.N is wrong. Instead each sample is attributed to
 * the benchmark whose function is on its stack (`pkg.BenchmarkX`, or a
 * closure `pkg.BenchmarkX.funcN`, which is how sub-benchmark and
 * RunParallel bodies appear). From the timed runs' profiles, a function's
 * per-op cost is its share of that benchmark's samples times the
 * benchmark's median: ns/op for CPU, B/op for alloc_space, allocs/op for
 * alloc_objects. Shares do not depend on b.N, so results compare across
 * runs. From the profiling pass (differenceTables), it is what the function
 * spent per extra iteration, as measured: work that runs once per process
 * cancels in the difference, and work under b.StopTimer inside the loop,
 * which the timed median leaves out but a share would bill, is reported as
 * what it costs, the same in base and head, so it cancels in their Δ.
 */








/** How many of a benchmark's functions, by self, carry their call path in the bundle. */
const PATHS_KEPT = 5;
/** The three measures we attribute, with the profile sample type and benchmark unit each uses. */
const MEASURES = {
    cpu: { profile: 'cpu', sampleType: 'cpu', unit: 'ns/op' },
    alloc_space: { profile: 'mem', sampleType: 'alloc_space', unit: 'B/op' },
    alloc_objects: { profile: 'mem', sampleType: 'alloc_objects', unit: 'allocs/op' }
};
/**
 * The benchmark group a function name belongs to, for a package's test
 * functions: `<importPath>.BenchmarkX` or `<importPath>_test.BenchmarkX`
 * (external test package), optionally followed by `.funcN…` closures.
 */
function benchmarkGroup(functionName, importPath) {
    for (const prefix of [`${importPath}.`, `${importPath}_test.`]) {
        if (!functionName.startsWith(prefix))
            continue;
        const rest = functionName.slice(prefix.length);
        const m = /^(Benchmark[^.]*)(?:\..*)?$/.exec(rest);
        if (m)
            return m[1];
    }
    return undefined;
}
/**
 * Split one profile's samples by benchmark group and aggregate flat/cum
 * within each, with pprof's rules (cum once per sample per function; flat
 * to the innermost frame of the leaf). A sample belongs to the group of the
 * benchmark frame nearest its leaf.
 */
function groupTables(profile, sampleType, importPath, source, 
/** Source files whose line costs to keep (the repository's); none without it. */
keepFile) {
    const vi = sampleTypeIndex(profile, sampleType, source);
    // Names for people: instantiations written as Go's tracebacks write them
    // and merged (names.ts, docs/design.md D10); benchmark functions cannot be generic, so
    // their names come through intact.
    const index = indexFrames(profile, goTracebackName);
    const groupNames = [];
    const groupIds = new Map();
    const nodeGroup = Int32Array.from(index.names, name => {
        const group = benchmarkGroup(name, importPath);
        if (group === undefined)
            return -1;
        let id = groupIds.get(group);
        if (id === undefined)
            groupIds.set(group, (id = groupNames.push(group) - 1));
        return id;
    });
    const { stacks } = profile.samples;
    const frames = index.frames;
    // The bucket of a sample: the benchmark frame nearest its leaf.
    const folded = Uint8Array.from(index.names, name => (isRuntimeInternal(name) ? 1 : 0));
    const bucketOf = (_s, from, to) => {
        for (let k = from; k < to; k++) {
            const f = frames[stacks[k]];
            for (let j = 0; j < f.length; j++)
                if (nodeGroup[f[j]] >= 0)
                    return nodeGroup[f[j]];
        }
        return -1;
    };
    const acc = accumulate(profile, vi, index, groupNames.length, bucketOf, folded);
    const self = acc.self;
    const byGroup = heaviestPaths(profile, vi, index, nodeGroup, folded);
    const paths = new Map();
    byGroup.forEach((p, b) => paths.set(groupNames[b], p));
    const groups = new Map();
    groupNames.forEach((group, b) => groups.set(group, { total: acc.totals[b], functions: bucketCosts(acc, self, b, index.names) }));
    const sources = frameSources(index);
    const period = samplePeriod(profile, vi);
    const out = {
        groups,
        unattributed: acc.unbucketed,
        total: acc.total,
        sources,
        paths
    };
    if (period !== undefined)
        out.period = period;
    if (keepFile)
        out.lines = lineTables(profile, vi, index, groupNames, bucketOf, folded, n => index.files[n] !== '' ? keepFile(index.files[n]) : false);
    return out;
}
/** One bucket's [flat, cum, self] per function, for the functions it touched. */
function bucketCosts(acc, self, b, names) {
    const functions = new Map();
    for (let i = 0; i < names.length; i++)
        if (acc.cum[b][i] !== 0 || acc.flat[b][i] !== 0)
            functions.set(names[i], [acc.flat[b][i], acc.cum[b][i], self[b][i]]);
    return functions;
}
/** Where each function of a frame index is defined (build path, start line), when known. */
function frameSources(index) {
    const sources = new Map();
    index.names.forEach((name, i) => {
        if (index.files[i])
            sources.set(name, { file: index.files[i], line: index.startLines[i] });
    });
    return sources;
}
/**
 * The value one sample stands for, in the sample type's unit: the period
 * when the profile's period type is the sample type's unit (CPU: cpu
 * nanoseconds; heap: space bytes, for alloc_space). Undefined otherwise
 * (alloc_objects is derived from alloc_space by the caller).
 */
function samplePeriod(profile, vi) {
    const pt = profile.periodType;
    const st = profile.sampleTypes[vi];
    if (!pt || !(profile.period > 0) || pt.unit !== st.unit)
        return undefined;
    return profile.period;
}
/**
 * Per-op costs for one benchmark: what each function spent per extra
 * iteration of a profiling pass (`tables.iterations`), or else its share of
 * the group's samples times the benchmark's median. A zero median (the
 * timed loop allocates nothing) attributes nothing. Keeps the top `topK`
 * by cum.
 */
function perOpCosts(tables, group, median, topK, locate) {
    const g = tables.groups.get(group);
    // A zero median (e.g. 0 B/op) leaves nothing to attribute.
    if (!g || g.total === 0 || median === undefined || !Number.isFinite(median) || median === 0)
        return [];
    const scale = tables.iterations !== undefined ? 1 / tables.iterations : median / g.total;
    const out = [];
    for (const [name, [flat, cum, self = flat]] of g.functions) {
        const cost = { name, flat: flat * scale, cum: cum * scale, self: self * scale };
        const src = locate?.(name);
        if (src) {
            Object.assign(cost, src);
            const lines = tables.lines?.get(group)?.get(name);
            if (lines)
                cost.lines = hotLines(lines, scale);
        }
        out.push(cost);
    }
    const byName = (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    out.sort((a, b) => b.cum - a.cum || b.flat - a.flat || byName(a, b));
    // The top by cum, and the top by self that cum alone would leave out.
    const kept = out.slice(0, topK);
    const names = new Set(kept.map(c => c.name));
    const bySelf = [...out].sort((a, b) => b.self - a.self || byName(a, b));
    for (const c of bySelf.slice(0, topK))
        if (!names.has(c.name) && c.self > 0)
            kept.push(c);
    const paths = tables.paths?.get(group);
    for (const c of bySelf.slice(0, PATHS_KEPT)) {
        const path = paths?.get(c.name);
        if (path && c.self > 0)
            c.path = path;
    }
    return kept;
}
/**
 * A benchmark's profiled total per op in one measure, and the per-op value
 * of one sample when the profile has a sampling period: what the noise of
 * each function's per-op cost is judged by (compare/noise.ts).
 */
function sampling(tables, group, median) {
    const g = tables.groups.get(group);
    if (!g || g.total === 0 || median === undefined || !Number.isFinite(median) || median === 0)
        return undefined;
    const scale = tables.iterations !== undefined ? 1 / tables.iterations : median / g.total;
    const total = g.total * scale;
    return tables.period === undefined ? { total } : { total, sample: tables.period * scale };
}
/**
 * Decode a package's profiles into group tables per measure. A profile that
 * does not decode is reported in `errors` (a ProfileError message naming
 * the file), never thrown; `decoded` lists the files that were used.
 */
async function attributeProfiles(files, importPath, maxBytes, 
/** Source files whose line costs to keep (groupTables). */
keepFile) {
    const perMeasure = {};
    const decoded = { cpu: [], mem: [] };
    const errors = [];
    for (const kind of ['cpu', 'mem']) {
        for (const file of files[kind]) {
            try {
                const profile = await readProfile(file, { maxBytes });
                decoded[kind].push(file);
                for (const [measure, m] of Object.entries(MEASURES)) {
                    if (m.profile === kind)
                        (perMeasure[measure] ??= []).push(groupTables(profile, m.sampleType, importPath, file, keepFile));
                }
            }
            catch (err) {
                if (!(err instanceof ProfileError))
                    throw err;
                errors.push(err.message);
            }
        }
    }
    const tables = {};
    for (const [measure, list] of Object.entries(perMeasure))
        tables[measure] = mergeTables(list);
    return { tables, decoded, errors };
}
/** Per measure, the fraction (0..1, six digits) of the profiles' total on no benchmark's stack. */
function unattributedShares(tables) {
    const out = {};
    for (const [measure, t] of Object.entries(tables)) {
        out[measure] = t.total === 0 ? 0 : Number((t.unattributed / t.total).toPrecision(6));
    }
    return out;
}

;// CONCATENATED MODULE: ./src/attribution/contention.ts
/**
 * Per-op contention and scheduling costs (docs/contention.md):
 * the block and mutex profiles, and the four profiles `go tool trace
 * -pprof` derives from an execution trace (sync, syscall, net, sched),
 * each with `contentions` and `delay` sample types.
 *
 * They come from a contention pass (measure/contention-pass.ts) in which
 * each process runs exactly one benchmark, so every sample of the process
 * belongs to it, including those of goroutines the benchmark started
 * (a worker, the other end of a channel), whose stacks carry no benchmark
 * frame. Two kinds of sample are left out, because their delay follows
 * the benchmark's wall time and is not contention:
 * - the testing harness's own waits: `testing.(*B).run1` waiting for the
 *   benchmark goroutine, RunParallel's WaitGroup;
 * - the runtime's own goroutines, every frame of whose stacks is runtime
 *   (the tracer's reader, GC workers).
 * Setup cancels between the pass's low and high runs, as for CPU.
 * A function's own cost folds the runtime and the sync package into their
 * nearest caller, so a lock's delay lands on the code that took the lock
 * (or, in the mutex profile, released it), the contended call site.
 */




/** The six delay measures whose function breakdowns are kept, with their profile and unit. */
const CONTENTION_MEASURES = {
    block_delay: { profile: 'block', label: 'blocking (block profile)' },
    mutex_delay: { profile: 'mutex', label: 'mutex wait (mutex profile)' },
    sync_delay: { profile: 'sync', label: 'sync blocking (trace)' },
    syscall_delay: { profile: 'syscall', label: 'syscall blocking (trace)' },
    net_delay: { profile: 'net', label: 'network blocking (trace)' },
    sched_delay: { profile: 'sched', label: 'scheduler latency (trace)' }
};
/**
 * Every per-op metric of the contention pass: one value per round. Delay
 * metrics are ns/op, contentions contentions/op, GC cycles GCs/op and GC
 * pause ns/op (from GODEBUG=gctrace=1).
 */
const CONTENTION_METRICS = {
    block_delay: { unit: 'ns/op', family: 'block', label: 'block delay' },
    block_contentions: { unit: 'events/op', family: 'block', label: 'blocking events' },
    mutex_delay: { unit: 'ns/op', family: 'mutex', label: 'mutex wait' },
    mutex_contentions: { unit: 'events/op', family: 'mutex', label: 'mutex contentions' },
    sync_delay: { unit: 'ns/op', family: 'sync', label: 'sync blocking' },
    syscall_delay: { unit: 'ns/op', family: 'syscall', label: 'syscall blocking' },
    net_delay: { unit: 'ns/op', family: 'net', label: 'network blocking' },
    sched_delay: { unit: 'ns/op', family: 'sched', label: 'scheduler latency' },
    sched_events: { unit: 'events/op', family: 'sched', label: 'goroutine wake-ups' },
    gc_cycles: { unit: 'GCs/op', family: 'gc', label: 'GC cycles' },
    gc_pause: { unit: 'ns/op', family: 'gc', label: 'GC pause' }
};
/** The families a team can gate on (`fail-on-contention`). */
const CONTENTION_FAMILIES = [
    'block',
    'mutex',
    'sync',
    'syscall',
    'net',
    'sched',
    'gc'
];
/** Packages whose frames are the blocking machinery, not the call site: folded like the runtime. */
function isBlockingMachinery(name) {
    if (isRuntimeInternal(name))
        return true;
    const head = name.split(/[([]/, 1)[0];
    const dot = head.indexOf('.', head.lastIndexOf('/') + 1);
    const pkg = head.slice(0, dot);
    return ['sync', 'sync/atomic', 'syscall', 'os', 'net'].includes(pkg);
}
/**
 * Whether a sample is left out: the testing harness waiting for its
 * benchmark (the innermost frame outside the blocking machinery is in
 * package testing), or the runtime's own goroutines (the tracer's reader,
 * GC workers: every frame is machinery), whose waits follow the wall clock.
 * Also what the contention flame graph leaves out.
 */
function harnessWait(names, frames, stack, from, to) {
    for (let k = from; k < to; k++) {
        const f = frames[stack[k]];
        for (let j = 0; j < f.length; j++) {
            const name = names[f[j]];
            if (isBlockingMachinery(name))
                continue;
            return name.startsWith('testing.');
        }
    }
    return true;
}
/**
 * One process's samples of one sample type as the tables of one group (the
 * benchmark the process ran), the harness's waits left out (unattributed).
 */
function processTables(profile, sampleType, group, source, keepFile) {
    const vi = sampleTypeIndex(profile, sampleType, source);
    const index = indexFrames(profile, goTracebackName);
    const { stacks } = profile.samples;
    const frames = index.frames;
    const folded = Uint8Array.from(index.names, name => (isBlockingMachinery(name) ? 1 : 0));
    const bucketOf = (_s, from, to) => harnessWait(index.names, frames, stacks, from, to) ? -1 : 0;
    const acc = accumulate(profile, vi, index, 1, bucketOf, folded);
    const functions = bucketCosts(acc, acc.self, 0, index.names);
    const out = {
        groups: new Map([[group, { total: acc.totals[0], functions }]]),
        unattributed: acc.unbucketed,
        total: acc.total,
        sources: frameSources(index)
    };
    if (keepFile)
        out.lines = lineTables(profile, vi, index, [group], bucketOf, folded, n => index.files[n] !== '' ? keepFile(index.files[n]) : false);
    return out;
}
/**
 * Decode one run's contention profiles into tables per measure (delay) and
 * per contentions metric. A profile that does not decode is reported in
 * `errors`, never thrown.
 */
async function contentionTables(files, group, maxBytes, keepFile) {
    const delay = {};
    const contentions = {};
    const errors = [];
    for (const [measure, m] of Object.entries(CONTENTION_MEASURES)) {
        const file = files[m.profile];
        if (file === undefined)
            continue;
        try {
            const profile = await readProfile(file, { maxBytes });
            delay[measure] = processTables(profile, 'delay', group, file, keepFile);
            if (m.profile === 'block' || m.profile === 'mutex' || m.profile === 'sched')
                contentions[m.profile] = processTables(profile, 'contentions', group, file);
        }
        catch (err) {
            if (!(err instanceof ProfileError))
                throw err;
            errors.push(err.message);
        }
    }
    return { delay, contentions, errors };
}
/**
 * Read the runtime's GC trace (`gc 7 @0.019s 2%: 0.011+0.52+0.003 ms
 * clock, …`): each line is one cycle; its pause is the two stop-the-world
 * phases, sweep termination (the first clock figure) and mark termination
 * (the third). Other lines are ignored.
 */
function parseGcTrace(stderr) {
    let cycles = 0;
    let pauseNs = 0;
    for (const m of stderr.matchAll(/^gc \d+ @[\d.]+s \d+%: ([\d.]+)\+[\d.]+\+([\d.]+) ms clock/gm)) {
        cycles++;
        pauseNs += (Number(m[1]) + Number(m[2])) * 1e6;
    }
    return { cycles, pauseNs };
}

;// CONCATENATED MODULE: ./src/bundle/index.ts
/**
 * The result bundle: a directory holding results.json and the raw profiles.
 * The format is documented in docs/bundle.md and versioned by
 * `schemaVersion` (an integer major version): readers accept the versions
 * they know and refuse newer ones with a message that says what to do.
 */





/** The schema version this build writes and the newest it reads. */
const SCHEMA_VERSION = 1;
/** results.json larger than this is refused before it is parsed. */
const MAX_RESULTS_BYTES = 512 * 1024 * 1024;
/** File name of the results inside a bundle directory. */
const RESULTS_FILE = 'results.json';
/** The reason a skipped package records when its test binary and files are identical on both sides. */
const IDENTICAL_REASON = 'identical test binary';
/** A bundle that cannot be read or is not one this version understands. */
class BundleError extends Error {
    name = 'BundleError';
}
/** Write results.json into dir (profiles are written there by the runner). */
async function writeBundle(dir, bundle) {
    await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
    const file = (0,external_node_path_namespaceObject.join)(dir, RESULTS_FILE);
    await (0,promises_namespaceObject.writeFile)(file, JSON.stringify(bundle, null, 1) + '\n');
    return file;
}
/** Read and check a bundle directory (or a path to its results.json). */
async function readBundle(path) {
    const file = path.endsWith('.json') ? path : (0,external_node_path_namespaceObject.join)(path, RESULTS_FILE);
    const dir = path.endsWith('.json') ? (0,external_node_path_namespaceObject.join)(path, '..') : path;
    let text;
    try {
        text = await readTextCapped(file, MAX_RESULTS_BYTES, 'the result bundle');
    }
    catch (err) {
        if (err instanceof FileError)
            throw new BundleError(`${err.message}. Pass a directory written by \`benchgate run\``);
        throw new BundleError(`${file}: cannot read the result bundle (${err.message}). Pass a directory written by \`benchgate run\``);
    }
    return { dir, bundle: parseBundle(text, file) };
}
/** Parse and check results.json text. */
function parseBundle(text, file) {
    let data;
    try {
        data = parseJson(text);
    }
    catch (err) {
        throw new BundleError(`${file}: not valid JSON (${err.message}); the bundle is corrupt. Re-run \`benchgate run\``);
    }
    const b = data;
    if (!b || typeof b !== 'object' || typeof b.schemaVersion !== 'number') {
        throw new BundleError(`${file}: not a benchgate result bundle (no schemaVersion)`);
    }
    if (!Number.isInteger(b.schemaVersion) || b.schemaVersion < 1) {
        throw new BundleError(`${file}: invalid schemaVersion ${String(b.schemaVersion)}`);
    }
    if (b.schemaVersion > SCHEMA_VERSION) {
        throw new BundleError(`${file}: written with bundle schema version ${b.schemaVersion} by a newer benchgate; this version reads version ${SCHEMA_VERSION}. Upgrade benchgate, or regenerate the baseline with this version`);
    }
    if (!Array.isArray(b.benchmarks) || !Array.isArray(b.packages) || !b.environment) {
        throw new BundleError(`${file}: incomplete bundle (needs environment, packages and benchmarks)`);
    }
    for (const [i, bench] of b.benchmarks.entries()) {
        if (typeof bench?.name !== 'string' ||
            typeof bench.package !== 'string' ||
            typeof bench.samples !== 'object') {
            throw new BundleError(`${file}: benchmarks[${i}] lacks a name, package or samples`);
        }
    }
    checkShape(b, file);
    return b;
}
/**
 * Check every field a reader uses has the type it must have, so that a
 * corrupt or forged bundle is a BundleError naming the file and the field,
 * never a TypeError deep in a comparison.
 */
function checkShape(b, file) {
    const fail = (where, what, v) => {
        const shown = JSON.stringify(v);
        throw new BundleError(`${file}: ${where} must be ${what}, not ${shown === undefined ? 'missing' : shown.slice(0, 60)}; the bundle is corrupt or was not written by benchgate. Re-run \`benchgate run\``);
    };
    const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    const optString = (o, k, where) => {
        if (o[k] !== undefined && typeof o[k] !== 'string')
            fail(`${where}.${k}`, 'a string', o[k]);
    };
    const env = b.environment;
    if (!isObj(env))
        fail('environment', 'an object', env);
    const e = env;
    for (const k of ['goVersion', 'goos', 'goarch', 'cpu', 'commit', 'ref', 'createdAt'])
        optString(e, k, 'environment');
    if (e.gomaxprocs !== undefined && typeof e.gomaxprocs !== 'number')
        fail('environment.gomaxprocs', 'a number', e.gomaxprocs);
    b.packages.forEach((p, i) => {
        const where = `packages[${i}]`;
        if (!isObj(p))
            fail(where, 'an object', p);
        if (typeof p.importPath !== 'string')
            fail(`${where}.importPath`, 'a string', p.importPath);
        if (!['ok', 'failed', 'no-match'].includes(p.status))
            fail(`${where}.status`, 'ok, failed or no-match', p.status);
        if (!isObj(p.profiles))
            fail(`${where}.profiles`, 'an object', p.profiles);
        for (const kind of ['cpu', 'mem']) {
            const f = p.profiles[kind];
            if (f === undefined)
                continue;
            // A path inside the bundle: relative, no `..`.
            if (typeof f !== 'string' || f.startsWith('/') || f.split(/[\\/]/).includes('..'))
                fail(`${where}.profiles.${kind}`, 'a path inside the bundle', f);
        }
        optString(p, 'error', where);
    });
    if (b.skipped !== undefined) {
        if (!Array.isArray(b.skipped))
            fail('skipped', 'an array', b.skipped);
        b.skipped.forEach((x, i) => {
            if (!isObj(x))
                fail(`skipped[${i}]`, 'an object', x);
            for (const k of ['package', 'reason'])
                if (typeof x[k] !== 'string')
                    fail(`skipped[${i}].${k}`, 'a string', x[k]);
        });
    }
    b.benchmarks.forEach((bench, i) => {
        const where = `benchmarks[${i}]`;
        if (!isObj(bench.samples))
            fail(`${where}.samples`, 'an object', bench.samples);
        for (const [unit, values] of Object.entries(bench.samples)) {
            if (!Array.isArray(values))
                fail(`${where}.samples[${JSON.stringify(unit)}]`, 'an array', values);
            values.forEach((v, j) => {
                if (typeof v !== 'number' || !Number.isFinite(v))
                    fail(`${where}.samples[${JSON.stringify(unit)}][${j}]`, 'a finite number', v);
            });
        }
        if (bench.iterations !== undefined && !Array.isArray(bench.iterations))
            fail(`${where}.iterations`, 'an array', bench.iterations);
        optString(bench, 'group', where);
        checkProfiled(bench, where, { fail, isObj, optString });
    });
}
/** A benchmark's `sampling` and `functions`: the optional, profile-derived fields. */
function checkProfiled(bench, where, { fail, isObj, optString }) {
    if (bench.sampling !== undefined) {
        if (!isObj(bench.sampling))
            fail(`${where}.sampling`, 'an object', bench.sampling);
        for (const [measure, v] of Object.entries(bench.sampling)) {
            const w = `${where}.sampling.${measure}`;
            if (!isObj(v))
                fail(w, 'an object', v);
            for (const k of ['total', 'sample'])
                if (typeof v[k] !== 'number' || !Number.isFinite(v[k]) || v[k] < 0)
                    fail(`${w}.${k}`, 'a finite number, 0 or more', v[k]);
        }
    }
    if (bench.contention !== undefined)
        checkContention(bench.contention, `${where}.contention`, fail, isObj);
    if (bench.functions === undefined)
        return;
    if (!isObj(bench.functions))
        fail(`${where}.functions`, 'an object', bench.functions);
    for (const [measure, list] of Object.entries(bench.functions)) {
        const w = `${where}.functions.${measure}`;
        if (!Array.isArray(list))
            fail(w, 'an array', list);
        list.forEach((f, j) => {
            if (!isObj(f))
                fail(`${w}[${j}]`, 'an object', f);
            const fn = f;
            if (typeof fn.name !== 'string')
                fail(`${w}[${j}].name`, 'a string', fn.name);
            for (const k of ['flat', 'cum'])
                if (typeof fn[k] !== 'number' || !Number.isFinite(fn[k]))
                    fail(`${w}[${j}].${k}`, 'a finite number', fn[k]);
            if (fn.self !== undefined && (typeof fn.self !== 'number' || !Number.isFinite(fn.self)))
                fail(`${w}[${j}].self`, 'a finite number', fn.self);
            if (fn.path !== undefined &&
                (!Array.isArray(fn.path) || fn.path.length > 64 || fn.path.some(x => typeof x !== 'string')))
                fail(`${w}[${j}].path`, 'a list of at most 64 function names', fn.path);
            optString(fn, 'file', `${w}[${j}]`);
            if (fn.file !== undefined && !isRepositoryPath(fn.file))
                fail(`${w}[${j}].file`, 'a path inside the repository', fn.file);
            if (fn.line !== undefined && !isLineNumber(fn.line))
                fail(`${w}[${j}].line`, 'a line number', fn.line);
            if (fn.lines !== undefined)
                checkLines(fn.lines, `${w}[${j}].lines`, fail);
        });
    }
}
/** A benchmark's `contention`: known metrics only, finite values of at most 1000 rounds. */
function checkContention(c, w, fail, isObj) {
    if (!isObj(c))
        fail(w, 'an object', c);
    const o = c;
    if (!isCount(o.rounds))
        fail(`${w}.rounds`, 'a whole number of rounds', o.rounds);
    if (!Array.isArray(o.counts) || o.counts.length !== 2 || !o.counts.every(isCount))
        fail(`${w}.counts`, 'two iteration counts', o.counts);
    if (!isObj(o.metrics))
        fail(`${w}.metrics`, 'an object', o.metrics);
    for (const [metric, values] of Object.entries(o.metrics)) {
        if (!Object.hasOwn(CONTENTION_METRICS, metric))
            fail(`${w}.metrics`, `keyed by ${Object.keys(CONTENTION_METRICS).join(', ')}`, metric);
        if (!Array.isArray(values) ||
            values.length > 1000 ||
            values.some(v => typeof v !== 'number' || !Number.isFinite(v) || v < 0))
            fail(`${w}.metrics.${metric}`, 'a list of at most 1000 per-op values, 0 or more', values);
    }
    if (o.errors !== undefined &&
        (!Array.isArray(o.errors) || o.errors.length > 100 || o.errors.some(x => typeof x !== 'string')))
        fail(`${w}.errors`, 'a list of at most 100 messages', o.errors);
    if (o.profiles !== undefined) {
        if (!isObj(o.profiles))
            fail(`${w}.profiles`, 'an object', o.profiles);
        for (const [kind, f] of Object.entries(o.profiles))
            if (!['block', 'mutex', 'sync', 'syscall', 'net', 'sched'].includes(kind) ||
                typeof f !== 'string' ||
                !isRepositoryPath(f))
                fail(`${w}.profiles.${kind}`, 'a path inside the bundle', f);
    }
}
function isCount(v) {
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e12;
}
/**
 * A relative, '/'-separated path with no `..`, `.`, `.git` or empty
 * segment: a file in the repository. `.git` in any case, and with the
 * trailing dots or spaces Windows drops (`.GIT`, `.Git.`), is git's
 * directory on a case-insensitive file system too.
 */
function isRepositoryPath(p) {
    return (p !== '' &&
        p.length <= 1024 &&
        !p.includes('\\') &&
        !p.includes('\u0000') &&
        p
            .split('/')
            .every(seg => seg !== '' &&
            seg !== '.' &&
            seg !== '..' &&
            seg.toLowerCase().replace(/[. ]+$/, '') !== '.git'));
}
function isLineNumber(v) {
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9;
}
/** A function's `lines`: at most 64 of {line, flat, cum, self}. */
function checkLines(lines, w, fail) {
    if (!Array.isArray(lines) || lines.length > 64)
        fail(w, 'a list of at most 64 line costs', lines);
    lines.forEach((l, k) => {
        const o = l;
        if (typeof o !== 'object' || o === null || !isLineNumber(o.line))
            fail(`${w}[${k}].line`, 'a line number', o?.line);
        for (const key of ['flat', 'cum', 'self'])
            if (typeof o[key] !== 'number' || !Number.isFinite(o[key]))
                fail(`${w}[${k}].${key}`, 'a finite number', o[key]);
    });
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/env/index.ts
/**
 * The environment a child process sees. `go test` and the test binaries
 * run the pull request's code, so nothing that grants access may reach
 * them: the Action's inputs (`INPUT_GITHUB-TOKEN` holds the token), the
 * runtime token the artifact and cache services accept, the OIDC request
 * token, and `GITHUB_TOKEN` where a workflow exported it; nor the runner's
 * command files. git gets the same environment. This is defence in depth:
 * a benchmark can still read its ancestors' `/proc/<pid>/environ`
 * (docs/security.md).
 */
/**
 * Variables dropped by name: the tokens, and the runner's files for
 * workflow commands (environment, outputs, PATH, state, the job summary),
 * which a benchmark could otherwise append to.
 */
const DROPPED = new Set([
    'ACTIONS_RUNTIME_TOKEN',
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'GITHUB_ENV',
    'GITHUB_OUTPUT',
    'GITHUB_PATH',
    'GITHUB_STATE',
    'GITHUB_STEP_SUMMARY'
]);
/** Variables dropped by prefix (matched case-insensitively, as Windows would). */
const DROPPED_PREFIXES = ['INPUT_', 'ACTIONS_ID_TOKEN_REQUEST_'];
/** Whether a variable may reach a child process. */
function isInherited(name) {
    const upper = name.toUpperCase();
    return !DROPPED.has(upper) && !DROPPED_PREFIXES.some(p => upper.startsWith(p));
}
/**
 * A copy of env without the variables that grant access, built from env's
 * own entries into an object with no prototype: child_process passes
 * every enumerable key it finds with for…in, inherited ones included, so
 * a key written into Object.prototype must never reach a child (a
 * `GIT_CONFIG_*` there would configure git hooks).
 */
function childEnv(env) {
    const out = Object.create(null);
    for (const name of Object.keys(env)) {
        const value = env[name];
        if (value !== undefined && isInherited(name))
            out[name] = value;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/git/index.ts
/**
 * git behind one small seam. Every call is an argv array (never a shell),
 * and every call answers `{code, stdout, stderr}`: callers decide what a
 * non-zero status means (a missing commit is an answer in revision.ts, a
 * failure in the A/B runner), so there is one convention, not three.
 */


/** No git command benchgate runs (a worktree, a fetch of one commit) needs longer. */
const GIT_TIMEOUT_MS = 30 * 60_000;
/** The real git on PATH. */
class LocalGit {
    binary;
    constructor(binary = 'git') {
        this.binary = binary;
    }
    /** Run git; never rejects (a failure to start is code -1 with the reason in stderr). */
    run(cwd, args) {
        return new Promise(resolve => {
            (0,external_node_child_process_namespaceObject.execFile)(this.binary, [...args], {
                cwd,
                env: childEnv(process.env),
                maxBuffer: 64 << 20,
                shell: false,
                // A hook or a stuck fetch must not hang the job for ever.
                timeout: GIT_TIMEOUT_MS,
                killSignal: 'SIGKILL'
            }, (err, stdout, stderr) => {
                const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
                resolve({ code, stdout, stderr: stderr || (err && code === -1 ? err.message : '') });
            });
        });
    }
}
/** A git command failed where the caller needed it to work. */
class GitError extends Error {
    name = 'GitError';
}
/** stdout, trimmed, when git succeeded; undefined otherwise. */
async function gitOutput(git, cwd, args) {
    const r = await git.run(cwd, args);
    return r.code === 0 ? r.stdout.trim() : undefined;
}
/** stdout, trimmed; a failure throws `fail(message)` naming the command and git's words. */
async function gitOrThrow(git, cwd, args, fail = m => new GitError(m)) {
    const r = await git.run(cwd, args);
    if (r.code === 0)
        return r.stdout.trim();
    throw fail(`git ${args.join(' ')} failed in ${cwd}: ${(r.stderr || r.stdout).trim()}`);
}
/** Whether commit `sha` is in the clone at `cwd`, fetching that one commit from origin when it is not. */
async function haveCommit(git, cwd, sha) {
    if ((await git.run(cwd, ['cat-file', '-e', `${sha}^{commit}`])).code === 0)
        return true;
    await git.run(cwd, ['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', sha]);
    return (await git.run(cwd, ['cat-file', '-e', `${sha}^{commit}`])).code === 0;
}

;// CONCATENATED MODULE: ./src/gobench/args.ts
/**
 * `go` command lines as data, so tests can check them without running
 * anything. User-supplied values travel as single `-flag=value` tokens:
 * a bench regex such as `-exec=/bin/sh` can never become a flag of its own.
 */
/** Fields requested from `go list -json` (Go's Package struct). */
const LIST_FIELDS = 'ImportPath,Dir,Name,TestGoFiles,XTestGoFiles,Error,Module';
/** `go list` for package discovery; -e reports bad patterns as entries instead of failing. */
function goListArgs(patterns) {
    return ['list', '-e', `-json=${LIST_FIELDS}`, '--', ...patterns];
}
/**
 * Flags of the test binary (`go help testflag`) that a user may add and
 * that must reach each run of a prebuilt binary as `-test.<name>`. The
 * ones benchgate sets itself (bench, count, benchtime, run, profiles) are
 * not forwarded.
 */
const FORWARDED_TEST_FLAGS = new Set([
    'cpu',
    'short',
    'timeout',
    'parallel',
    'failfast',
    'shuffle',
    'memprofilerate',
    'blockprofilerate',
    'mutexprofilefraction',
    'benchmem'
]);
/**
 * Split `go test` flags for `go test -c` + running the binary (A/B): build
 * flags (-tags, -gcflags, …) go to the build; test-binary flags (-cpu,
 * -short, …) to every run, renamed `-test.cpu=…`. A value given as the next
 * argument (`-cpu 1,2`) travels with its flag.
 */
function splitTestFlags(flags) {
    const build = [];
    const run = [];
    for (let i = 0; i < flags.length; i++) {
        const m = /^--?(?:test\.)?([\w.-]+)(=.*)?$/.exec(flags[i]);
        const name = m?.[1];
        if (!m || !name || !FORWARDED_TEST_FLAGS.has(name)) {
            build.push(flags[i]);
            continue;
        }
        const boolean = ['short', 'failfast', 'benchmem'].includes(name);
        let value = m[2] ?? '';
        if (!value && !boolean && i + 1 < flags.length)
            value = `=${flags[++i]}`;
        run.push(`-test.${name}${value}`);
    }
    return { build, run };
}
/**
 * `go test -c` for one package, run in its directory: the test binary
 * every sample runs. -trimpath makes the same source give the same bytes
 * in any directory (a worktree, another checkout), so a binary can stand
 * for its source; profiles then name files `<module path>/<file>`.
 */
function goTestBuildArgs(binary, buildFlags) {
    return ['test', '-c', '-trimpath', `-o=${binary}`, ...buildFlags, '.'];
}
/**
 * argv of a test binary for calibration: Go's own ramp-up at a short
 * benchtime, no profiles. It names the benchmarks (sub-benchmarks are only
 * known by running them) and sizes each one's fixed iteration count.
 */
function calibrationArgs(spec) {
    return [
        '-test.run=^$',
        `-test.bench=${spec.bench}`,
        '-test.benchmem',
        '-test.count=1',
        `-test.benchtime=${spec.benchtime}`,
        ...spec.runFlags
    ];
}
/**
 * `go tool pprof -proto` of several profiles: pprof's own merge (sums
 * samples with the same stack), one file a package keeps for flame graphs
 * and `-diff_base`. -symbolize=none: Go's profiles carry their symbols.
 */
function goPprofMergeArgs(output, inputs) {
    return ['tool', 'pprof', '-proto', '-symbolize=none', `-output=${output}`, ...inputs];
}
/** `go env -json` for the environment a bundle records. */
function goEnvArgs() {
    return ['env', '-json', 'GOVERSION', 'GOOS', 'GOARCH'];
}
/**
 * The heap sampling rate of every sample: one heap sample per 64 KiB
 * allocated on average, 8× Go's default, so per-op allocation costs carry
 * a third of the sampling noise (no ns/op change measurable on the demo;
 * docs/comparison.md). Both sides of every comparison run at it.
 */
const PASS_MEM_PROFILE_RATE = 65536;
/**
 * argv of a test binary for one sample: `-test.benchtime=Nx` (every
 * sample of both sides does the same work, and no process pays Go's
 * ramp-up), one count, CPU and heap profiles. The user's run flags come
 * last, so their own -test.memprofilerate wins.
 */
function goTestProfileArgs(spec) {
    return [
        '-test.run=^$',
        `-test.bench=${spec.bench}`,
        '-test.benchmem',
        '-test.count=1',
        `-test.benchtime=${spec.iterations}x`,
        `-test.cpuprofile=${spec.cpuProfile}`,
        `-test.memprofile=${spec.memProfile}`,
        `-test.memprofilerate=${PASS_MEM_PROFILE_RATE}`,
        ...spec.runFlags
    ];
}
/**
 * argv of a test binary for the contention pass: like the profiling pass
 * (`-test.benchtime=Nx`, one count), with the block, mutex and trace
 * collectors instead of the CPU and heap profiles, so none of them
 * distorts the others' numbers more than it must.
 */
function goTestContentionArgs(spec) {
    const out = [
        '-test.run=^$',
        `-test.bench=${spec.bench}`,
        '-test.count=1',
        `-test.benchtime=${spec.iterations}x`
    ];
    if (spec.block)
        out.push(`-test.blockprofile=${spec.block.file}`, `-test.blockprofilerate=${spec.block.rate}`);
    if (spec.mutex)
        out.push(`-test.mutexprofile=${spec.mutex.file}`, `-test.mutexprofilefraction=${spec.mutex.fraction}`);
    if (spec.trace)
        out.push(`-test.trace=${spec.trace}`);
    return [...out, ...spec.runFlags];
}
/** `go tool trace -pprof=<kind> <trace>`: one trace-derived profile, on standard output. */
function goTraceProfileArgs(kind, trace) {
    return ['tool', 'trace', `-pprof=${kind}`, trace];
}

;// CONCATENATED MODULE: ./src/gobench/discover.ts




/** A problem with what the user asked to run: a pattern, the directory, or Go itself. */
class DiscoveryError extends Error {
    name = 'DiscoveryError';
}
/** Directories never searched for nested modules (the go command ignores them too). */
function skipDir(name) {
    return (name === 'vendor' ||
        name === 'testdata' ||
        name === 'node_modules' ||
        name.startsWith('.') ||
        name.startsWith('_'));
}
/** Every directory under root (root included) that holds a go.mod. */
async function findModuleRoots(root) {
    const out = [];
    const walk = async (dir) => {
        let entries;
        try {
            entries = await (0,promises_namespaceObject.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        if (entries.some(e => e.isFile() && e.name === 'go.mod'))
            out.push(dir);
        for (const e of entries)
            if (e.isDirectory() && !skipDir(e.name))
                await walk((0,external_node_path_namespaceObject.join)(dir, e.name));
    };
    await walk(root);
    return out;
}
/** go list -json prints concatenated objects; split them without a streaming JSON library. */
function splitJsonStream(text) {
    const out = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === '\\')
                i++;
            else if (c === '"')
                inString = false;
        }
        else if (c === '"')
            inString = true;
        else if (c === '{') {
            if (depth++ === 0)
                start = i;
        }
        else if (c === '}' && --depth === 0) {
            out.push(JSON.parse(text.slice(start, i + 1)));
        }
    }
    return out;
}
/**
 * `func BenchmarkXxx(` where Xxx does not start with a lower-case letter
 * (the testing package's rule). Reading the test files is far cheaper than
 * `go test -list`, which compiles the package (bench/run-overhead.mjs).
 */
/** Test files larger than this are not scanned; go test decides. */
const MAX_TEST_FILE_BYTES = 64 * 1024 * 1024;
const BENCH_FUNC = /^func\s+Benchmark(?!\p{Ll})[\p{L}\p{N}_]*\s*\(/gmu;
/** The Benchmark functions the test files declare (what sharding weighs a package by without a baseline). */
async function countBenchmarks(dir, files) {
    let n = 0;
    for (const f of files) {
        try {
            // A test file that is not a regular file, or is huge, is not read here.
            const text = await readTextCapped((0,external_node_path_namespaceObject.join)(dir, f), MAX_TEST_FILE_BYTES, 'the test file');
            n += text.match(BENCH_FUNC)?.length ?? 0;
        }
        catch {
            n = Math.max(n, 1); // unreadable: let go test decide
        }
    }
    return n;
}
/**
 * Resolve patterns (default ./...) to packages, from `dir`. Relative
 * patterns are run in every module found under `dir` as well as the one
 * containing it, because `./...` stops at nested go.mod files and fails at
 * the root of a multi-module tree even with a go.work. A pattern that
 * matches no package in any module is an error that names it.
 */
async function discoverPackages(go, dir, patterns) {
    const root = (0,external_node_path_namespaceObject.resolve)(dir);
    try {
        if (!(await (0,promises_namespaceObject.stat)(root)).isDirectory())
            throw new Error('not a directory');
    }
    catch {
        throw new DiscoveryError(`working directory "${dir}" does not exist or is not a directory; set it to the Go module's directory`);
    }
    const modules = await findModuleRoots(root);
    // The module enclosing root (root itself may be a package dir inside it).
    if (!modules.includes(root))
        modules.unshift(root);
    const found = new Map();
    const matched = new Map(patterns.map(p => [p, false]));
    const errors = [];
    for (const moduleDir of modules) {
        const local = patterns.flatMap(p => translatePattern(p, root, moduleDir));
        if (local.length === 0)
            continue;
        const result = await go.run(goListArgs(local.map(l => l.local)), { cwd: moduleDir });
        if (result.code !== 0 && result.stdout.trim() === '') {
            // Outside any module (e.g. the root of a multi-module tree): the
            // nested modules were listed in their own directories.
            if (moduleDir === root && modules.length > 1)
                continue;
            errors.push(result.stderr.trim());
            continue;
        }
        for (const entry of splitJsonStream(result.stdout)) {
            if (!entry.Dir)
                continue; // a pattern error: no such directory, matched nothing
            const key = entry.Dir;
            const origin = local.find(l => covers(l, entry.Dir, moduleDir));
            if (origin)
                matched.set(origin.pattern, true);
            else
                for (const p of patterns)
                    if (!p.startsWith('.') && !(0,external_node_path_namespaceObject.isAbsolute)(p))
                        matched.set(p, true);
            if (found.has(key))
                continue;
            const testFiles = [...(entry.TestGoFiles ?? []), ...(entry.XTestGoFiles ?? [])];
            const benchmarks = entry.Error ? 1 : await countBenchmarks(entry.Dir, testFiles);
            found.set(key, {
                importPath: entry.ImportPath,
                dir: entry.Dir,
                hasBenchmarks: benchmarks > 0,
                benchmarks,
                listError: entry.Error?.Err,
                ...(entry.Module?.Path && entry.Module.Dir
                    ? { module: { path: entry.Module.Path, dir: entry.Module.Dir } }
                    : {})
            });
        }
    }
    const unmatched = [...matched].filter(([, ok]) => !ok).map(([p]) => p);
    if (unmatched.length > 0) {
        throw new DiscoveryError(`package pattern${unmatched.length > 1 ? 's' : ''} ${unmatched.map(p => `"${p}"`).join(', ')} matched no Go package under ${root}` +
            (errors.length ? ` (go list: ${errors.join('; ')})` : '') +
            '. Check the `packages` input / --packages and the working directory');
    }
    return [...found.values()].sort((a, b) => a.importPath < b.importPath ? -1 : a.importPath > b.importPath ? 1 : 0);
}
/**
 * Rewrite a pattern relative to `root` so it means the same thing when run
 * in `moduleDir`; [] when it cannot match there. Import-path patterns are
 * passed through unchanged.
 */
function translatePattern(pattern, root, moduleDir) {
    if (!pattern.startsWith('.') && !(0,external_node_path_namespaceObject.isAbsolute)(pattern)) {
        return moduleDir === root ? [{ pattern, local: pattern, base: '', recursive: false }] : [];
    }
    const recursive = pattern === '...' || pattern.endsWith('/...');
    const base = (0,external_node_path_namespaceObject.resolve)(root, recursive ? pattern.slice(0, -3) || '.' : pattern);
    const rel = (0,external_node_path_namespaceObject.relative)(moduleDir, base);
    if (rel === '' || (!rel.startsWith('..') && !(0,external_node_path_namespaceObject.isAbsolute)(rel))) {
        // The pattern's base lies inside this module.
        const local = `./${rel.split(external_node_path_namespaceObject.sep).join('/')}`.replace(/\/$/, '').replace(/^\.\/$/, '.');
        return [
            { pattern, local: recursive ? `${local === '.' ? '.' : local}/...` : local, base, recursive }
        ];
    }
    if (recursive && !(0,external_node_path_namespaceObject.relative)(base, moduleDir).startsWith('..')) {
        // A nested module inside the recursive pattern's base.
        return [{ pattern, local: './...', base, recursive }];
    }
    return [];
}
function covers(p, pkgDir, moduleDir) {
    if (p.base === '')
        return false;
    const rel = (0,external_node_path_namespaceObject.relative)(p.base, pkgDir);
    if (p.recursive)
        return rel === '' || (!rel.startsWith('..') && !(0,external_node_path_namespaceObject.isAbsolute)(rel));
    return rel === '' || (moduleDir !== '' && (0,external_node_path_namespaceObject.resolve)(pkgDir) === (0,external_node_path_namespaceObject.resolve)(p.base));
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/shard/partition.ts
/**
 * Sharding the benchmark packages across a job matrix (docs/sharding.md): which
 * packages shard i of n runs.
 *
 * The scheme is rendezvous (highest-random-weight) hashing with bounded
 * loads (Mirrokni, Thorup and Zadimoghaddam, "Consistent Hashing with
 * Bounded Loads", SODA 2018):
 * - every package ranks the shards by a hash of (package, shard); alone, it
 *   would go to its first choice, and adding or removing a package would
 *   move nothing else;
 * - to balance, packages are placed in a fixed order (by a hash of their
 *   import path, so a new package does not reorder the others), each on its
 *   highest-ranked shard whose load stays within a cap of (1 + ε) × the
 *   mean load (and at least the heaviest package); when none has room
 *   (heavy packages), the least loaded takes it, so no shard ends above
 *   the cap or the mean plus the heaviest package;
 * - the load of a package is its weight: its duration in the newest
 *   baseline when there is one, else its number of benchmarks, else 1.
 *
 * Deterministic: the same packages and weights give the same partition on
 * every runner, on push and on pull_request alike. selectShard applies it
 * to discovered packages, with the weights a baseline bundle recorded.
 */


/** GitHub's limit on the jobs of one matrix. */
const MAX_SHARDS = 256;
/** How far above the mean a shard's load may go before packages spill to their next choice. */
const SHARD_SLACK = 0.25;
/** A malformed shard setting: says what it was and what is expected. */
class ShardError extends Error {
    name = 'ShardError';
}
/** Parse `i/n` (1 ≤ i ≤ n ≤ 256), as the shard input and --shard take it. */
function parseShard(text, what = 'shard') {
    const m = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
    const index = m ? Number(m[1]) : NaN;
    const count = m ? Number(m[2]) : NaN;
    if (!m || index < 1 || count < 1 || index > count || count > MAX_SHARDS)
        throw new ShardError(`${what} must be i/n with 1 ≤ i ≤ n ≤ ${MAX_SHARDS} (say 2/3 for the second of three shards), not "${text}"`);
    return { index, count };
}
/** A stable 64-bit hash of a string, as a bigint (the first 8 bytes of its SHA-256). */
function hash64(s) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(s).digest().readBigUInt64BE(0);
}
/** The shards in the order `importPath` prefers them: highest rendezvous score first. */
function preference(importPath, count) {
    const scores = Array.from({ length: count }, (_, s) => ({
        s,
        h: hash64(`${importPath}\u0000${s + 1}`)
    }));
    scores.sort((a, b) => (a.h > b.h ? -1 : a.h < b.h ? 1 : a.s - b.s));
    return scores.map(x => x.s);
}
/**
 * Place every package on one of `count` shards. Returns, per shard (index
 * 0 for shard 1), its import paths, sorted. Weights must be positive and
 * finite; others count as 1.
 */
function partition(items, count) {
    const weight = (w) => (Number.isFinite(w) && w > 0 ? w : 1);
    const unique = [...new Map(items.map(i => [i.importPath, weight(i.weight)])).entries()];
    const total = unique.reduce((a, [, w]) => a + w, 0);
    const heaviest = unique.reduce((a, [, w]) => Math.max(a, w), 0);
    const cap = Math.max(heaviest, ((1 + SHARD_SLACK) * total) / count);
    const order = unique
        .map(([p, w]) => ({ p, w, h: hash64(p) }))
        .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : a.p < b.p ? -1 : 1));
    const loads = new Array(count).fill(0);
    const out = Array.from({ length: count }, () => []);
    for (const { p, w } of order) {
        const prefs = preference(p, count);
        // Its first choice with room; when none has room (heavy packages late
        // in the order), the least loaded, first choices first on ties.
        const s = prefs.find(x => loads[x] + w <= cap * (1 + 1e-12)) ??
            prefs.reduce((best, x) => (loads[x] < loads[best] ? x : best), prefs[0]);
        loads[s] += w;
        out[s].push(p);
    }
    for (const ps of out)
        ps.sort();
    return out;
}
/**
 * The weights to balance by: each package's duration in the newest
 * baseline (ms) where it was measured; packages it lacks get the median of
 * those it has; without a baseline, the number of benchmarks (or 1).
 */
function shardWeights(packages, durations, benchmarks = new Map()) {
    const known = packages
        .map(p => durations.get(p))
        .filter((d) => d !== undefined && Number.isFinite(d) && d > 0)
        .sort((a, b) => a - b);
    if (known.length === 0)
        return packages.map(p => ({ importPath: p, weight: Math.max(1, benchmarks.get(p) ?? 1) }));
    const median = known[Math.floor((known.length - 1) / 2)];
    return packages.map(p => {
        const d = durations.get(p);
        return { importPath: p, weight: d !== undefined && Number.isFinite(d) && d > 0 ? d : median };
    });
}
/**
 * The assignment a bundle recorded when it is one shard's part, checked:
 * the same shard count as this run, every entry a shard of it. Undefined
 * for an unsharded bundle.
 */
function recordedAssignment(settings, count, path) {
    const part = settings?.shard;
    if (part === undefined)
        return undefined;
    let n;
    try {
        n = typeof part === 'string' ? parseShard(part).count : undefined;
    }
    catch {
        n = undefined; // not i/n: no valid assignment either, refused below
    }
    if (n !== undefined && n !== count)
        throw new ShardError(`${path} is shard ${String(part)} of a run of ${n} shards, and this run has ${count}: give every shard of a matrix the same count, or balance by an unsharded bundle`);
    const a = settings?.shardAssignment;
    const valid = n !== undefined &&
        typeof a === 'object' &&
        a !== null &&
        !Array.isArray(a) &&
        Object.values(a).every(v => Number.isInteger(v) && v >= 1 && v <= count);
    if (!valid)
        throw new ShardError(`${path} is one shard's part of a sharded run but records no valid assignment of packages to shards (made by an older benchgate?); balance by an unsharded bundle, or leave out the weights to balance by benchmark counts`);
    return a;
}
/**
 * The packages of this shard (all of them without one).
 * - Given one shard's part of an earlier sharded run (a baseline part), it
 *   follows that run's assignment, so shard i runs exactly the packages
 *   whose baseline shard i holds; a package the assignment lacks (new)
 *   goes to its first rendezvous choice, which every shard computes alike.
 * - Given an unsharded bundle, it balances by the durations it recorded.
 * - Else by the packages' benchmark counts.
 * A shard left empty is an error that says why.
 */
async function selectShard(packages, shard) {
    if (!shard)
        return { packages };
    const durations = new Map();
    let follow;
    if (shard.weightsFrom) {
        const { bundle } = await readBundle(shard.weightsFrom);
        follow = recordedAssignment(bundle.environment.settings, shard.count, shard.weightsFrom);
        if (!follow)
            for (const p of bundle.packages)
                if (typeof p.durationMs === 'number')
                    durations.set(p.importPath, p.durationMs);
    }
    const assignment = {};
    if (follow) {
        for (const p of packages)
            assignment[p.importPath] =
                follow[p.importPath] ?? preference(p.importPath, shard.count)[0] + 1;
    }
    else {
        const items = shardWeights(packages.map(p => p.importPath), durations, new Map(packages.map(p => [p.importPath, p.benchmarks])));
        partition(items, shard.count).forEach((ps, i) => {
            for (const p of ps)
                assignment[p] = i + 1;
        });
    }
    const mine = packages.filter(p => assignment[p.importPath] === shard.index);
    if (mine.length === 0)
        throw new ShardError(follow
            ? `shard ${shard.index}/${shard.count} has no packages: none that ${shard.weightsFrom} assigned to it remains, and no new package chose it`
            : `shard ${shard.index}/${shard.count} has no packages: the partition put all ${packages.length} packages with benchmarks on the other ${shard.count - 1}, balancing their loads. Use fewer shards`);
    return {
        packages: mine,
        shard: {
            index: shard.index,
            count: shard.count,
            of: packages.length,
            balancedBy: follow
                ? "the baseline part's assignment"
                : durations.size > 0
                    ? 'baseline durations'
                    : 'benchmark counts',
            assignment
        }
    };
}
/** Shards (their parts or their comparisons) that cannot be merged: says which, and why. */
class MergeError extends Error {
    name = 'MergeError';
}

;// CONCATENATED MODULE: ./src/gobench/run.ts
/** File-name-safe, collision-free stem for a package's files. */
function packageStem(importPath) {
    let hash = 2166136261;
    for (let i = 0; i < importPath.length; i++)
        hash = Math.imul(hash ^ importPath.charCodeAt(i), 16777619);
    const safe = importPath.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80);
    return `${safe}-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
const TAIL_LINES = 25;
/**
 * What a failed run of a package's benchmarks says: the package, what
 * went wrong (a build failure, a panic, failing benchmarks), what to do,
 * and the last lines of Go's output.
 */
function describeFailure(pkg, code, failures, lines) {
    const panic = failures.find(f => f.kind === 'panic');
    const failing = failures.filter(f => f.kind === 'benchmark').map(f => f.benchmark);
    let what = `go test exited with status ${code}`;
    if (failures.some(f => f.kind === 'build'))
        what = 'does not build';
    else if (panic)
        what = `panicked${panic.benchmark ? ` in ${panic.benchmark}` : ''}`;
    else if (failing.length > 0)
        what = `has failing benchmarks (${failing.join(', ')})`;
    const tail = lines.filter(l => l.trim() !== '').slice(-TAIL_LINES);
    return `${pkg.importPath} ${what}. Fix it, or leave the package out with the packages input (--packages); the other packages still ran. Last lines of go test:\n${tail.join('\n')}`;
}

;// CONCATENATED MODULE: ./src/gobench/parse.ts
/**
 * A parser for Go's benchmark text format (golang.org/design/14313-benchmark-format,
 * as written by `go test -bench`), fed one line at a time so the runner can
 * report progress as results arrive. Pure: lines in, events out.
 */

/** Split `BenchmarkX/a/b-8` into base, sub path and procs. */
function splitBenchName(full) {
    const m = /^(.*?)-(\d+)$/.exec(full);
    const name = m ? m[1] : full;
    const procs = m ? Number(m[2]) : 1;
    const slash = name.indexOf('/');
    return slash < 0
        ? { base: name, sub: '', procs }
        : { base: name.slice(0, slash), sub: name.slice(slash + 1), procs };
}
const CONFIG = /^([a-z][^\s:]*):\s*(.*)$/;
/** The header lines every test binary prints before its first result. */
const HEADER = /^(goos|goarch|pkg|cpu):/;
const RESULT = /^(Benchmark\S*)\s+(\d+)\s+(.*)$/;
const NAME_ONLY = /^(Benchmark\S+)(?:\s+(.*))?$/;
/**
 * A result whose name was printed earlier: when a benchmark writes to
 * stdout, Go prints the name, then the output, then the rest of the line,
 * its iteration count padded to 8 columns (`    1000\t  77.15 ns/op`).
 */
const CONTINUATION = /^\s*(\d+)\s+(\d\S*\s+\S+.*)$/;
const FAIL_BENCH = /^--- FAIL: (Benchmark\S+)/;
/** b.Skip under -v: the name was printed, and no result will come, by design. */
const SKIP_BENCH = /^\s*--- SKIP: (Benchmark\S+)/;
const FAIL_PKG = /^FAIL\s+(\S+)(?:\s+\[(build failed|setup failed)\]|\s+[\d.]+s)?\s*$/;
const OK_PKG = /^ok\s+(\S+)/;
const BUILD_HEADER = /^# (\S+)/;
const UNIT = /^Unit\s+(\S+)\s+(.*)$/;
const GLUED_GOOS = /(goos: \S+)$/;
/** One measurement of a tab-separated result: `  77.15 ns/op`. */
const MEASURE_FIELD = /^\s*[-+]?(?:\d|\.\d)\S*\s+\S+\s*$/;
/**
 * A result line with a benchmark's own output run into it, which happens
 * when that output does not end in a newline: `BenchmarkX-8 \tdots...  1000\t 77 ns/op`,
 * or under -v `dots...BenchmarkX-8 \t  1000\t 77 ns/op`. Go writes the
 * name, a tab, then `%8d\t` and each measurement after a tab, so the
 * tab-separated fields from the end are the measurements, then the field
 * that ends in the iteration count, then (before a tab) the name.
 */
function gluedResult(text, pending) {
    if (!text.includes('\t'))
        return undefined;
    const fields = text.split('\t');
    let k = fields.length;
    while (k > 1 && MEASURE_FIELD.test(fields[k - 1]))
        k--;
    if (k === fields.length || k < 1)
        return undefined;
    const count = /(\d+)\s*$/.exec(fields[k - 1]);
    if (!count)
        return undefined;
    const measurements = parsePairs(fields.slice(k).join(' '));
    if (!measurements)
        return undefined;
    // The name is at the end of the field before the count, or of the count's
    // own field before the output (-v), or was printed on an earlier line.
    const named = (k >= 2 ? /(Benchmark\S*)\s*$/.exec(fields[k - 2]) : null) ??
        /(Benchmark\S*)\s+\d+\s*$/.exec(fields[k - 1]);
    const name = named?.[1] ?? pending;
    return name ? { name, iterations: Number(count[1]), measurements } : undefined;
}
/**
 * Parse value/unit pairs. A result line's tail is `v unit v unit …`; a
 * trailing odd token makes the line invalid (returns undefined).
 */
function parsePairs(tail) {
    const fields = tail.trim().split(/\s+/);
    if (fields.length === 0 || fields.length % 2 !== 0)
        return undefined;
    const out = [];
    for (let i = 0; i < fields.length; i += 2) {
        const value = Number(fields[i]);
        if (!Number.isFinite(value) || !/^[-+]?(\d|\.\d)/.test(fields[i]))
            return undefined;
        out.push({ value, unit: fields[i + 1] });
    }
    return out;
}
/** `BenchmarkX/sub-8` → `BenchmarkX/sub`: the name as Go prints it before it knows procs. */
function withoutProcs(name) {
    return name.replace(/-\d+$/, '');
}
/**
 * Streaming parser; call line() for each line, then finish().
 *
 * A benchmark can print anything, including lines that look like Go's own
 * failure reports (`# pkg`, `panic: …`, `--- FAIL: …`). So a result line is
 * never taken as a failure's detail, and a failure stays tentative until Go
 * confirms it: a `FAIL pkg` line keeps it; a later result of the same
 * package (a panic ends the process, so nothing follows a real one), a
 * result of the benchmark a `--- FAIL` named, or an `ok pkg` line shows it
 * was printed text, and it is dropped. A build failure that no
 * `FAIL pkg [build failed]` line confirms is dropped at the end.
 */
class BenchParser {
    pkg = '';
    /** Config lines persist until changed (benchfmt), so keep the running set. */
    current = table();
    pendingName;
    /** A failure still collecting its explanation lines. */
    open;
    /** Failures Go has not confirmed with a `FAIL pkg` line yet. */
    tentative = new Set();
    /** Names printed before a result (`-v`, or a benchmark that writes output), without procs. */
    named = new Map();
    finished = new Set();
    out = {
        results: [],
        failures: [],
        config: table(),
        units: table(),
        unfinished: []
    };
    /** Feed one line (without its newline). Returns the result it completed, if any. */
    line(raw) {
        const text = raw.replace(/\r$/, '');
        // Results first: nothing a benchmark printed before may swallow one.
        const result = RESULT.exec(text);
        if (result) {
            const measurements = parsePairs(result[3]);
            if (measurements)
                return this.emit(result[1], Number(result[2]), measurements);
        }
        const cont = CONTINUATION.exec(text);
        if (cont && this.pendingName) {
            const measurements = parsePairs(cont[2]);
            if (measurements)
                return this.emit(this.pendingName, Number(cont[1]), measurements);
        }
        const glued = gluedResult(text, this.pendingName);
        if (glued)
            return this.emit(glued.name, glued.iterations, glued.measurements);
        if (this.collect(text))
            return undefined;
        // Output without a final newline runs into Go's first header line.
        const goos = GLUED_GOOS.exec(text);
        if (goos && !text.startsWith('goos:')) {
            this.line(goos[1]);
            return undefined;
        }
        const skipped = SKIP_BENCH.exec(text);
        if (skipped) {
            this.finished.add(withoutProcs(skipped[1]));
            return undefined;
        }
        const failBench = FAIL_BENCH.exec(text);
        if (failBench) {
            this.start({ pkg: this.pkg, kind: 'benchmark', benchmark: failBench[1], detail: [] });
            return undefined;
        }
        if (text.startsWith('panic: ')) {
            this.start({ pkg: this.pkg, kind: 'panic', benchmark: this.pendingName, detail: [text] });
            return undefined;
        }
        const build = BUILD_HEADER.exec(text);
        if (build) {
            this.start({ pkg: build[1], kind: 'build', detail: [] });
            return undefined;
        }
        const failPkg = FAIL_PKG.exec(text);
        if (failPkg) {
            this.failPackage(failPkg[1], failPkg[2]);
            return undefined;
        }
        const ok = OK_PKG.exec(text);
        if (ok) {
            // The package passed: whatever looked like its failure was printed text.
            this.drop(f => f.pkg === ok[1] || f.pkg === this.pkg);
            return undefined;
        }
        const unit = UNIT.exec(text);
        if (unit) {
            const meta = (this.out.units[unit[1]] ??= table());
            for (const kv of unit[2].trim().split(/\s+/)) {
                const eq = kv.indexOf('=');
                if (eq > 0)
                    meta[kv.slice(0, eq)] = kv.slice(eq + 1);
            }
            return undefined;
        }
        const name = NAME_ONLY.exec(text);
        if (name) {
            this.pendingName = name[1];
            const bare = withoutProcs(name[1]);
            if (!this.named.has(bare))
                this.named.set(bare, this.pkg);
            // Go prints a benchmark's name before running it, so a panic's
            // message (stderr) can land on the same line: "BenchmarkX-8 \tpanic: …".
            const rest = name[2] ?? '';
            if (rest.startsWith('panic: '))
                this.start({ pkg: this.pkg, kind: 'panic', benchmark: bare, detail: [rest] });
            return undefined;
        }
        const config = CONFIG.exec(text);
        if (config && !text.startsWith(' ')) {
            this.current[config[1]] = config[2].trim();
            if (config[1] === 'pkg') {
                delete this.out.config[''];
                this.pkg = config[2].trim();
            }
            this.out.config[this.pkg] = Object.assign(table(), this.current);
        }
        return undefined;
    }
    /** Flush any failure still open; drop build failures Go never confirmed. */
    finish() {
        this.open = undefined;
        this.drop(f => f.kind === 'build');
        const done = new Set(this.out.failures.map(f => withoutProcs(f.benchmark ?? '')));
        for (const name of this.finished) {
            // A parent of sub-benchmarks gets no result line of its own.
            for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1))
                done.add(name.slice(0, i));
            done.add(name);
        }
        for (const [name, pkg] of this.named)
            if (!done.has(name))
                this.out.unfinished.push({ pkg, name });
        return this.out;
    }
    emit(name, iterations, measurements) {
        this.pendingName = undefined;
        this.open = undefined;
        const bare = withoutProcs(name);
        // A panic ends the test binary, and a failed benchmark prints no result:
        // so anything that said otherwise before this result was printed text.
        this.drop(f => f.pkg === this.pkg &&
            (f.kind === 'panic' || (f.kind === 'benchmark' && withoutProcs(f.benchmark ?? '') === bare)));
        this.finished.add(bare);
        const r = { pkg: this.pkg, name, iterations, measurements };
        this.out.results.push(r);
        return r;
    }
    start(failure) {
        this.out.failures.push(failure);
        this.tentative.add(failure);
        this.open = failure;
    }
    /** Remove the tentative failures that match. */
    drop(match) {
        const gone = [...this.tentative].filter(match);
        if (gone.length === 0)
            return;
        for (const f of gone)
            this.tentative.delete(f);
        if (this.open && gone.includes(this.open))
            this.open = undefined;
        this.out.failures = this.out.failures.filter(f => !gone.includes(f));
    }
    /**
     * While a failure is open, its explanation lines (indented b.Fatal
     * messages, compiler errors, panic traces) belong to it. A line that
     * starts a test binary's header, names a benchmark or ends a package
     * closes it, so a benchmark that printed `# …` or `panic: …` loses
     * nothing that follows.
     */
    collect(text) {
        const f = this.open;
        if (!f)
            return false;
        if (HEADER.test(text) ||
            NAME_ONLY.test(text) ||
            FAIL_PKG.test(text) ||
            OK_PKG.test(text) ||
            /^(PASS|FAIL)$/.test(text.trim())) {
            this.open = undefined;
            return false;
        }
        const indented = /^\s+\S/.test(text);
        switch (f.kind) {
            case 'benchmark':
                if (indented) {
                    if (f.detail.length < 40)
                        f.detail.push(text.trim());
                    return true;
                }
                break;
            case 'build':
                if (text.trim() !== '') {
                    if (f.detail.length < 200)
                        f.detail.push(text);
                    return true;
                }
                break;
            case 'panic':
                if (!/^exit status \d+$/.test(text)) {
                    if (f.detail.length < 40)
                        f.detail.push(text);
                    // Without -v, Go prints no name before a panic; the trace has it.
                    f.benchmark ??= /\.(Benchmark[^.(\s]*)\(/.exec(text)?.[1];
                    return true;
                }
                break;
            case 'package':
                break;
        }
        this.open = undefined;
        return false;
    }
    failPackage(pkg, reason) {
        this.open = undefined;
        // Go confirms what went before: these failures were real.
        for (const f of this.tentative)
            if (f.pkg === pkg || f.pkg === this.pkg)
                this.tentative.delete(f);
        const known = this.out.failures.some(f => f.pkg === pkg && f.kind === 'build');
        if (reason === 'build failed' && known)
            return;
        if (!known && !this.out.failures.some(f => f.pkg === pkg)) {
            this.out.failures.push({
                pkg,
                kind: reason ? 'build' : 'package',
                detail: reason ? [`${reason}`] : []
            });
        }
    }
}
/** Parse a whole text at once. */
function parseBenchOutput(text) {
    const parser = new BenchParser();
    for (const line of text.split('\n'))
        parser.line(line);
    return parser.finish();
}

;// CONCATENATED MODULE: ./src/measure/select.ts
/**
 * A `-bench` pattern that selects exactly the named benchmarks, so that
 * confirmation re-runs the suspects and nothing else.
 *
 * Go splits a -bench pattern on `/` into one regular expression per name
 * level, and on a top-level `|` into alternatives, each a whole path
 * (testing/match.go, splitRegexp). So `^A$/^x$|^B$` runs A/x and B but not
 * A/y. Each level is quoted, so a name's metacharacters match themselves.
 */
/** Go's regexp.QuoteMeta: escape `\.+*?()|[]{}^$`. */
function quoteMeta(s) {
    return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
/**
 * Names as printed (`BenchmarkA/x-2`, procs suffix included). The suffix
 * is optional in the pattern: with GOMAXPROCS=1 Go prints none, so a
 * trailing `-8` may be part of the name itself. The one over-selection
 * this allows: a sibling named like the suspect minus that suffix (`size`
 * beside `size-8`) runs too.
 */
function exactBenchPattern(names) {
    const alternatives = [...new Set(names)].map(full => {
        const levels = full.split('/');
        const last = levels.pop();
        const m = /^(.*?)(-\d+)$/.exec(last);
        const lastPattern = m ? `${quoteMeta(m[1])}(${quoteMeta(m[2])})?` : quoteMeta(last);
        return [...levels.map(quoteMeta), lastPattern].map(l => `^${l}$`).join('/');
    });
    if (alternatives.length === 0)
        throw new RangeError('no benchmark names to select');
    return alternatives.join('|');
}

;// CONCATENATED MODULE: ./src/measure/samples.ts
/**
 * Taking samples (docs/design.md D13): every sample is a process of its
 * own that runs one benchmark (an exact -bench pattern, so sub-benchmarks
 * are apart) at its fixed iteration count, with its own CPU and heap
 * profiles. Rounds interleave the benchmarks of every package, and every
 * other round runs them in reverse, so drift on the runner spreads over
 * all of them. After the rounds, one short run per benchmark at a tenth
 * of its count: setup and the process's start cost the same in it as in
 * each sample, and cancel in the difference (bundle-builder.ts passTables).
 * The profiles of the samples themselves are the per-op costs: there is no
 * second profiling run.
 */





/**
 * One process: run the target's benchmark, alone, at `iterations`, with
 * profiles under `scratch` named by `stem`. Only the target's own result
 * line counts (an exact pattern can also select a sibling named like it
 * minus a `-N` suffix).
 */
async function runSample(go, t, iterations, o) {
    const cpu = (0,external_node_path_namespaceObject.join)(o.scratch, `${o.stem}.cpu.pprof`);
    const mem = (0,external_node_path_namespaceObject.join)(o.scratch, `${o.stem}.mem.pprof`);
    const argv = goTestProfileArgs({
        bench: exactBenchPattern([t.name]),
        iterations,
        cpuProfile: cpu,
        memProfile: mem,
        runFlags: o.runFlags
    });
    const parser = new BenchParser();
    const lines = [];
    const r = await go.runTestBinary(o.binary ?? t.binary, argv, {
        cwd: o.cwd ?? t.cwd,
        onLine: line => {
            lines.push(line);
            if (lines.length > 400)
                lines.splice(0, lines.length - 200);
            parser.line(line);
        },
        ...(o.cpus ? { cpus: o.cpus } : {})
    });
    const parsed = parser.finish();
    return {
        code: r.code,
        results: parsed.results.filter(x => x.name === t.name).map(x => ({ ...x, pkg: t.importPath })),
        config: parsed.config[t.importPath] ?? Object.values(parsed.config)[0] ?? {},
        failures: parsed.failures,
        lines,
        files: { cpu: [cpu], mem: [mem] }
    };
}
/**
 * The order of one round: the packages' benchmarks dealt out in turn (one
 * of each package, then the next of each), so no package runs as a block.
 */
function interleave(targets) {
    const byPackage = new Map();
    for (const t of targets)
        (byPackage.get(t.importPath) ?? byPackage.set(t.importPath, []).get(t.importPath)).push(t);
    const lists = [...byPackage.values()];
    const out = [];
    for (let i = 0; out.length < targets.length; i++)
        for (const l of lists)
            if (i < l.length)
                out.push(l[i]);
    return out;
}
/** The short run's iteration count: a tenth of the samples', or none below 10. */
function lowIterations(n) {
    const low = Math.floor(n / 10);
    return low >= 1 ? low : undefined;
}
/**
 * Take `count` samples of every target, round by round, then the short
 * runs. A benchmark whose process fails is not sampled again; its package
 * is reported failed by the caller.
 */
async function takeSamples(go, targets, o, onEvent = () => { }) {
    const order = interleave(targets);
    const all = order.map((target) => ({
        target,
        results: [],
        profiles: { cpu: [], mem: [] },
        config: {},
        durationMs: 0
    }));
    const total = o.count * order.length;
    let done = 0;
    for (let round = 0; round < o.count; round++) {
        const indices = order.map((_, i) => (round % 2 === 0 ? i : order.length - 1 - i));
        for (const i of indices) {
            const s = all[i];
            if (s.error !== undefined) {
                done++;
                continue;
            }
            const started = performance.now();
            const r = await runSample(go, s.target, s.target.iterations, {
                scratch: o.scratch,
                stem: `${packageStem(s.target.importPath)}-b${i}-s${round}`,
                runFlags: o.runFlags
            });
            s.durationMs += performance.now() - started;
            const failed = r.code !== 0 || r.results.length === 0;
            if (failed)
                failSample(s, r);
            else {
                s.results.push(...r.results);
                s.profiles.cpu.push(...r.files.cpu);
                s.profiles.mem.push(...r.files.mem);
                if (Object.keys(s.config).length === 0)
                    s.config = r.config;
            }
            const ns = r.results[0]?.measurements.find(m => m.unit === 'ns/op')?.value;
            onEvent({
                type: 'sample',
                done: ++done,
                total,
                round,
                rounds: o.count,
                target: s.target,
                ...(ns !== undefined ? { nsPerOp: ns } : {}),
                failed
            });
        }
    }
    for (const [i, s] of all.entries())
        await lowRun(go, s, i, o);
    return all;
}
/** Record a failed sample: its benchmark is sampled no more. */
function failSample(s, r) {
    s.error =
        r.code !== 0
            ? `exited with status ${r.code}`
            : `printed no result for ${s.target.name} at ${s.target.iterations} iterations`;
    s.failedCode = r.code;
    s.failedLines = r.lines;
    s.failures = r.failures;
}
/** The short run of one sampled benchmark; a failure leaves it out (per-op costs fall back to shares). */
async function lowRun(go, s, i, o) {
    const low = lowIterations(s.target.iterations);
    if (s.error !== undefined || s.results.length === 0 || low === undefined)
        return;
    const started = performance.now();
    const r = await runSample(go, s.target, low, {
        scratch: o.scratch,
        stem: `${packageStem(s.target.importPath)}-b${i}-low`,
        runFlags: o.runFlags
    });
    s.durationMs += performance.now() - started;
    if (r.code === 0 && r.results.length > 0)
        s.low = { iterations: low, profiles: r.files };
}
/** The profiles the bundle builder differences, or undefined without a short run. */
function passProfilesOf(s) {
    if (!s.low || s.profiles.cpu.length === 0)
        return undefined;
    return {
        low: s.low.profiles,
        high: s.profiles,
        counts: [s.low.iterations, s.target.iterations],
        processes: s.profiles.cpu.length
    };
}

;// CONCATENATED MODULE: ./src/stats/median.ts
/**
 * The sample median, computed exactly as benchstat does (go-moremath
 * stats.Sample.Quantile, Hyndman & Fan definition R8: position
 * 1/3 + q·(N + 1/3)), so medians and deltas match benchstat bit for bit.
 * For q = 0.5 this is the middle value, or the mean of the middle two.
 */
function median(values) {
    return quantile(values, 0.5);
}
/** Quantile by definition R8 (see median). NaN for an empty list. */
function quantile(values, q) {
    if (values.length === 0)
        return Number.NaN;
    const xs = [...values].sort((a, b) => a - b);
    if (q <= 0)
        return xs[0];
    if (q >= 1)
        return xs[xs.length - 1];
    const n = 1 / 3.0 + q * (xs.length + 1 / 3.0);
    const k = Math.trunc(n);
    const frac = n - k;
    if (k <= 0)
        return xs[0];
    if (k >= xs.length)
        return xs[xs.length - 1];
    return xs[k - 1] + frac * (xs[k] - xs[k - 1]);
}

;// CONCATENATED MODULE: ./src/measure/targets.ts


/** Seconds of a Go duration (`1s`, `200ms`, `1m30s`); undefined for an iteration count (`100x`). */
function durationSeconds(text) {
    const unit = {
        ns: 1e-9,
        us: 1e-6,
        µs: 1e-6,
        ms: 1e-3,
        s: 1,
        m: 60,
        h: 3600
    };
    let total = 0;
    let matched = '';
    for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
        total += Number(m[1]) * unit[m[2]];
        matched += m[0];
    }
    return matched === text && matched !== '' ? total : undefined;
}
/** The key of one benchmark in the pass's results. */
function targets_passKey(importPath, name) {
    return `${importPath}\u0000${name}`;
}
/** The pass's targets for one package: each benchmark it ran, with its median b.N and fastest ns/op. */
function targetsOf(importPath, results, binary, cwd) {
    const byName = new Map();
    for (const r of results) {
        const e = byName.get(r.name) ?? byName.set(r.name, { n: [], ns: [] }).get(r.name);
        e.n.push(r.iterations);
        const ns = r.measurements.find(x => x.unit === 'ns/op');
        if (ns)
            e.ns.push(ns.value);
    }
    return [...byName].map(([name, e]) => ({
        importPath,
        name,
        iterations: median(e.n),
        // The fastest run is closest to the CPU an op costs: sized by it, the
        // pass gets its samples even when a busy machine stretched the others.
        nsPerOp: e.ns.length > 0 ? minOf(e.ns) : undefined,
        binary,
        cwd
    }));
}

;// CONCATENATED MODULE: ./src/measure/contention-pass.ts
/**
 * The contention pass (docs/contention.md): block, mutex and
 * trace-derived profiles, and GC cycles and pauses, per op.
 *
 * These collectors slow a benchmark down by up to 2.5× (block profiling at
 * rate 1: PingPong +80%; the tracer: +158%; docs/performance.md), so they
 * never run beside the timed runs that gate, nor beside the CPU and heap
 * profiles of the profiling pass. Each benchmark runs in processes of its
 * own, `rounds` times, each round a low and a high iteration count
 * (`-benchtime=Nx`): setup cancels in the difference, as in the profiling
 * pass, and each round gives one per-op value per metric, so base and head
 * are compared on real samples (the U test), not on one profile each.
 *
 * The high run is sized to CONTENTION_SECONDS of the benchmark's work: the
 * block and mutex profiles (rate and fraction 1 by default) and the
 * tracer record every event, so a tenth of a second holds thousands of
 * them, and `go tool trace -pprof` reads a trace in about 0.2 s per MB
 * (a 1 s trace of a channel ping-pong is 35 MB).
 */







/** Seconds of work in a contention run at the high iteration count. */
const CONTENTION_SECONDS = 0.1;
/** A trace larger than this is not converted (its profiles are reported missing). */
const MAX_TRACE_BYTES = 256 * 1024 * 1024;
/** The iteration counts of a contention round: CONTENTION_SECONDS of work, and a tenth. */
function contentionCounts(iterations, nsPerOp) {
    const wanted = nsPerOp !== undefined && nsPerOp > 0 ? (CONTENTION_SECONDS * 1e9) / nsPerOp : iterations;
    const high = Math.max(20, Math.round(Math.min(wanted, 1e9)));
    return [Math.max(2, Math.round(high / 10)), high];
}
/** The GODEBUG a contention run gets: the user's, with the GC trace on. */
function gcDebugEnv() {
    const own = process.env.GODEBUG;
    return { ...process.env, GODEBUG: own ? `${own},gctrace=1` : 'gctrace=1' };
}
/**
 * One run of one benchmark at `n` iterations with the asked-for collectors,
 * then the trace's four profiles. Returns the run, or an error message.
 */
async function contentionRun(go, t, n, stem, s) {
    const want = new Set(s.profiles.kinds);
    const files = {};
    const block = want.has('block') ? `${stem}.block.pprof` : undefined;
    const mutex = want.has('mutex') ? `${stem}.mutex.pprof` : undefined;
    const trace = want.has('trace') ? `${stem}.trace` : undefined;
    const argv = goTestContentionArgs({
        bench: exactBenchPattern([t.name]),
        iterations: n,
        block: block ? { file: block, rate: s.profiles.blockRate } : undefined,
        mutex: mutex ? { file: mutex, fraction: s.profiles.mutexFraction } : undefined,
        trace,
        runFlags: s.runFlags
    });
    const r = await go.runTestBinary(t.binary, argv, { cwd: t.cwd, env: gcDebugEnv() });
    if (r.code !== 0)
        return `${t.name}: the contention run at ${n} iterations exited ${r.code}`;
    if (block)
        files.block = block;
    if (mutex)
        files.mutex = mutex;
    if (trace) {
        const size = (await (0,promises_namespaceObject.stat)(trace).catch(() => undefined))?.size;
        if (size === undefined)
            return `${t.name}: go test wrote no execution trace`;
        if (size > MAX_TRACE_BYTES)
            return `${t.name}: its execution trace is ${Math.round(size / 2 ** 20)} MiB, over the ${MAX_TRACE_BYTES / 2 ** 20} MiB cap; drop trace from profiles for it or narrow bench`;
        const kinds = ['sync', 'syscall', 'net', 'sched'];
        // Two conversions at a time: each reads the whole trace.
        for (let i = 0; i < kinds.length; i += 2) {
            const done = await Promise.all(kinds.slice(i, i + 2).map(async (kind) => {
                const out = `${stem}.${kind}.pprof`;
                const c = await go.run(goTraceProfileArgs(kind, trace), { cwd: t.cwd, stdoutFile: out });
                if (c.code === 0)
                    files[kind] = out;
                return c.code === 0
                    ? undefined
                    : `go tool trace -pprof=${kind}: ${c.stderr.trim().split('\n').pop() ?? ''}`;
            }));
            const failed = done.find(x => x !== undefined);
            if (failed)
                return `${t.name}: ${failed}`;
        }
    }
    return { files, gc: parseGcTrace(r.stderr) };
}
/**
 * One round of the pass for one benchmark: its low and high runs. The
 * A/B runner calls it per round and side, interleaved; `contentionPass`
 * runs every round of one side.
 */
async function contentionRound(go, t, round, into, s) {
    const runs = [];
    for (const [k, n] of into.counts.entries()) {
        const r = await contentionRun(go, t, n, (0,external_node_path_namespaceObject.join)(s.scratch, `${s.stem}-c${round}-${k}`), s);
        if (typeof r === 'string') {
            into.errors.push(r);
            return;
        }
        runs.push(r);
    }
    into.rounds.push({ low: runs[0], high: runs[1] });
}
/** A benchmark's empty pass record, sized by its timed runs. */
function newContentionProfiles(t) {
    return { counts: contentionCounts(t.iterations, t.nsPerOp), rounds: [], errors: [] };
}
/**
 * Every round of the contention pass for one side's targets, by passKey.
 * A benchmark whose runs failed keeps its errors and the rounds that ran.
 */
async function contentionPass(go, targets, s, onEvent = () => { }) {
    const out = new Map();
    const rounds = s.profiles.rounds;
    for (const [i, t] of targets.entries()) {
        const p = newContentionProfiles(t);
        const stem = `${s.prefix ?? ''}${packageStem(t.importPath)}-q${i}`;
        for (let round = 0; round < rounds; round++) {
            onEvent({ type: 'contention', index: i, total: targets.length, name: t.name, round, rounds });
            await contentionRound(go, t, round, p, { ...s, stem });
        }
        out.set(targets_passKey(t.importPath, t.name), p);
    }
    return out;
}
/** The Go release a version string names (`go1.23.4`, `devel go1.24-abcd`), as [major, minor]. */
function goRelease(version) {
    const m = /go(\d+)\.(\d+)/.exec(version);
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}
/**
 * Why `trace` cannot be collected with this Go, or undefined when it can:
 * `go tool trace -pprof` on the current trace format needs Go 1.23.
 */
function traceUnsupported(goVersion) {
    const r = goRelease(goVersion);
    if (r === undefined)
        return undefined;
    if (r[0] > 1 || (r[0] === 1 && r[1] >= 23))
        return undefined;
    return `profiles: trace needs Go 1.23 or newer for go tool trace -pprof on the execution tracer's format, and this is ${goVersion}. Set up a newer Go (actions/setup-go with go-version: stable), or drop trace from profiles (block and mutex work on any Go)`;
}

;// CONCATENATED MODULE: ./src/ab/duet.ts
/**
 * The duet schedule of A/B rounds (docs/verdict-quality.md; Bulej et al., "Duet
 * Benchmarking", ICPE 2020): each round starts the base and the head test
 * binaries together, each pinned to its own half of the CPUs this process
 * may use (`taskset --cpu-list`, sched_setaffinity), so a burst on the
 * host hits both sides at once instead of one. The halves swap every
 * round, so a faster CPU favours neither side. Both sides get the same
 * `-test.cpu`: the user's, or else the CPUs of the whole set, which is
 * what the timed runs had, so benchmark names (`-2`) match the screen's.
 * A machine (or cgroup) with one CPU cannot pin two sides apart: then the
 * rounds are ABBA, with a notice.
 */



/** How an A/B's rounds are scheduled: alternating (ABBA) or together on disjoint CPUs (duet). */
const AB_SCHEDULES = ['abba', 'duet'];
/** The CPUs of a list such as `0-3,8,10-11`; undefined when it is not one. */
function parseCpuList(text) {
    const out = [];
    for (const part of text.trim().split(',')) {
        const m = /^(\d+)(?:-(\d+))?$/.exec(part);
        if (!m)
            return undefined;
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? lo : Number(m[2]);
        if (hi < lo || hi - lo > 4096)
            return undefined;
        for (let c = lo; c <= hi; c++)
            out.push(c);
    }
    return out;
}
/** The CPUs this process may run on (Linux: Cpus_allowed_list), else 0…n−1. */
function allowedCpus(status = '/proc/self/status') {
    try {
        const m = /^Cpus_allowed_list:\s*(\S+)/m.exec((0,external_node_fs_namespaceObject.readFileSync)(status, 'utf8'));
        const list = m && parseCpuList(m[1]);
        if (list && list.length > 0)
            return list;
    }
    catch {
        // not Linux: fall through
    }
    return Array.from({ length: (0,external_node_os_namespaceObject.availableParallelism)() }, (_, i) => i);
}
/** Whether taskset (util-linux) is on PATH. */
function haveTaskset(path = process.env.PATH ?? '') {
    return path.split(external_node_path_namespaceObject.delimiter).some(dir => dir !== '' && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'taskset')));
}
/**
 * The duet plan for these CPUs, or why there is none: one CPU cannot hold
 * two sides apart, and without taskset nothing can pin them.
 */
function duetPlan(cpus, taskset) {
    if (cpus.length < 2)
        return {
            fallback: `ab-schedule duet needs at least 2 CPUs to pin base and head apart, and this job may use ${cpus.length}; running the rounds ABBA instead`
        };
    if (!taskset)
        return {
            fallback: 'ab-schedule duet pins each side with taskset (util-linux), which is not on PATH; running the rounds ABBA instead. Install util-linux to use duet'
        };
    const half = Math.floor(cpus.length / 2);
    const list = (xs) => xs.join(',');
    return {
        plan: {
            cpus: [list(cpus.slice(0, half)), list(cpus.slice(half, 2 * half))],
            procs: cpus.length
        }
    };
}
/** Whether the user's run flags set -test.cpu already. */
function setsCpuFlag(runFlags) {
    return runFlags.some(f => /^-{1,2}test\.cpu(=|$)/.test(f));
}

;// CONCATENATED MODULE: ./src/stats/normal.ts
/** The standard normal distribution: CDF via erfc, and Acklam's inverse CDF. */
/**
 * Complementary error function, W. J. Cody's rational Chebyshev
 * approximations (Math. Comp. 1969), relative error below 1e-15 — far
 * below the 1e-3 to which p-values must agree with benchstat.
 */
function erfc(x) {
    if (Number.isNaN(x))
        return Number.NaN;
    const ax = Math.abs(x);
    let r;
    if (ax < 0.5) {
        const t = x * x;
        const top = (((0.1857777061846032 * t + 3.161123743870566) * t + 113.864154151050156) * t +
            377.48523768530239) *
            t +
            3209.3775891384695;
        const bot = (((t + 23.601290952344122) * t + 244.02463793444417) * t + 1282.6165260773723) * t +
            2844.2368334391703;
        return 1 - (x * top) / bot;
    }
    if (ax < 4) {
        const top = (((((((2.1531153547440383e-8 * ax + 0.56418849698867008) * ax + 8.8831497943883759) * ax +
            66.11919063714163) *
            ax +
            298.63513819740013) *
            ax +
            881.95222124176909) *
            ax +
            1712.0476126340707) *
            ax +
            2051.0783778260716) *
            ax +
            1230.3393548037495;
        const bot = (((((((ax + 15.744926110709835) * ax + 117.6939508913125) * ax + 537.18110186200986) * ax +
            1621.3895745666903) *
            ax +
            3290.7992357334831) *
            ax +
            4362.6190901432472) *
            ax +
            3439.3676741437216) *
            ax +
            1230.3393548037495;
        r = Math.exp(-ax * ax) * (top / bot);
    }
    else {
        const z = 1 / (ax * ax);
        const top = ((((0.016315387137302097 * z + 0.30532663496123236) * z + 0.36034489994980445) * z +
            0.12578172611122926) *
            z +
            0.016083785148742275) *
            z +
            6.5874916152983678e-4;
        const bot = ((((z + 2.5685201922898682) * z + 1.8729528499234604) * z + 0.52790510295142217) * z +
            0.06051834131244132) *
            z +
            2.3352049762686918e-3;
        r = (Math.exp(-ax * ax) / ax) * (0.56418958354775628 - (z * top) / bot);
    }
    return x < 0 ? 2 - r : r;
}
/** Standard normal CDF. */
function normalCDF(z, mu = 0, sigma = 1) {
    return erfc(-(z - mu) / (sigma * Math.SQRT2)) / 2;
}
/**
 * Inverse normal CDF by Peter J. Acklam's algorithm, the one go-moremath
 * uses (and so benchstat's confidence intervals for n > 30).
 */
function normalInvCDF(p, mu = 0, sigma = 1) {
    if (p < 0 || p > 1 || Number.isNaN(p))
        return Number.NaN;
    if (p === 0)
        return -Infinity;
    if (p === 1)
        return Infinity;
    const a = [
        -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
        -3.066479806614716e1, 2.506628277459239
    ];
    const b = [
        -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
        -1.328068155288572e1
    ];
    const c = [
        -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
        4.374664141464968, 2.938163982698783
    ];
    const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    const plow = 0.02425;
    let x;
    if (p < plow) {
        const q = Math.sqrt(-2 * Math.log(p));
        x =
            (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    else if (p > 1 - plow) {
        const q = Math.sqrt(-2 * Math.log(1 - p));
        x =
            -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
                ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    else {
        const q = p - 0.5;
        const r = q * q;
        x =
            ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
                (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    return mu + sigma * x;
}

;// CONCATENATED MODULE: ./src/stats/welch.ts
/**
 * Welch's t test (Welch 1947) on the logarithms of two independent
 * samples: the screen's test of time per op (docs/design.md "Statistics").
 * Unlike the U test, whose smallest p with n values a side is 2 / C(2n, n),
 * its p shrinks with the size of the change against the spread, so a clear
 * change stays significant after Holm across hundreds of benchmarks. On
 * logs, it compares geometric means: a ratio, as the report states Δ.
 */
/** ln Γ(x), Lanczos (g = 7, 9 terms); relative error below 1e-15 for x > 0. */
function logGamma(x) {
    const g = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7
    ];
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    x -= 1;
    let a = g[0];
    const t = x + 7.5;
    for (let i = 1; i < 9; i++)
        a += g[i] / (x + i);
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a, b, x) {
    const tiny = 1e-300;
    let c = 1;
    let d = 1 - ((a + b) * x) / (a + 1);
    if (Math.abs(d) < tiny)
        d = tiny;
    d = 1 / d;
    let h = d;
    for (let m = 1; m <= 300; m++) {
        const m2 = 2 * m;
        let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
        d = 1 + aa * d;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const del = d * c;
        h *= del;
        if (Math.abs(del - 1) < 1e-15)
            break;
    }
    return h;
}
/** The regularized incomplete beta function I_x(a, b). */
function incompleteBeta(x, a, b) {
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
    // The fraction converges fast on the side of the mean a / (a + b).
    return x < (a + 1) / (a + b + 2)
        ? (front * betaFraction(a, b, x)) / a
        : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}
/** Two-sided p of Student's t with `df` degrees of freedom: P(|T| ≥ |t|). */
function tTwoSided(t, df) {
    if (!Number.isFinite(t))
        return Number.isNaN(t) ? 1 : 0;
    return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}
/**
 * Welch's t test on ln(values) of each side. Needs 2 positive values a
 * side; a side with no spread borrows the other's, and two sides with no
 * spread differ exactly (p = 0) or not at all (p = 1).
 */
function welchLog(base, head) {
    if (base.length < 2 || head.length < 2)
        return null;
    if (base.some(v => !(v > 0)) || head.some(v => !(v > 0)))
        return null;
    const side = (vs) => {
        const logs = vs.map(Math.log);
        const mean = logs.reduce((a, x) => a + x, 0) / logs.length;
        // Equal values have no spread (their mean's rounding would invent one).
        const v = vs.every(x => x === vs[0])
            ? 0
            : logs.reduce((a, x) => a + (x - mean) ** 2, 0) / (logs.length - 1);
        return { mean, v, n: logs.length };
    };
    const a = side(base);
    const b = side(head);
    const diff = b.mean - a.mean;
    let va = a.v / a.n;
    let vb = b.v / b.n;
    if (va === 0 && vb === 0)
        return { t: diff === 0 ? 0 : Infinity, df: a.n + b.n - 2, p: diff === 0 ? 1 : 0 };
    // One side all equal (a quantised timer, a cached result): take the other's spread for it.
    if (va === 0)
        va = b.v / a.n;
    if (vb === 0)
        vb = a.v / b.n;
    const se2 = va + vb;
    const t = diff / Math.sqrt(se2);
    const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
    return { t, df, p: tTwoSided(t, df) };
}
/** The t quantile: the |t| whose two-sided p is `p` at `df` (bisection on tTwoSided). */
function tQuantileTwoSided(p, df) {
    let lo = 0;
    let hi = 1;
    while (tTwoSided(hi, df) > p && hi < 1e12)
        hi *= 2;
    for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
        const mid = (lo + hi) / 2;
        if (tTwoSided(mid, df) > p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}
/**
 * The smallest slowdown, in percent, that Welch's test on these samples'
 * spread would call with probability `power` at two-sided level `alpha`
 * (pass alpha / m for m benchmarks under Holm's strictest step):
 * exp((t_{1−α/2} + t_{power}) · se) − 1, the usual normal-theory minimum
 * detectable effect with Welch's df. Null without 2 positive values a side.
 */
function detectableChange(base, head, alpha, power = 0.8) {
    if (base.length < 2 || head.length < 2)
        return null;
    if (base.some(v => !(v > 0)) || head.some(v => !(v > 0)))
        return null;
    const variance = (vs) => {
        const xs = vs.map(Math.log);
        const m = xs.reduce((a, x) => a + x, 0) / xs.length;
        return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
    };
    const va = variance(base) / base.length;
    const vb = variance(head) / head.length;
    const se = Math.sqrt(va + vb);
    if (se === 0)
        return 0;
    const df = (va + vb) ** 2 / ((va * va) / (base.length - 1) + (vb * vb) / (head.length - 1));
    const k = tQuantileTwoSided(alpha, df) + tQuantileTwoSided(2 * (1 - power), df);
    return (Math.exp(k * se) - 1) * 100;
}

;// CONCATENATED MODULE: ./src/stats/group-sequential.ts
/**
 * A group-sequential test of paired A/B rounds (docs/design.md
 * "Sequential confirmation"). Round i gives x_i = ln(head_i / base_i),
 * modelled as independent N(μ, σ²), σ unknown. The rounds are looked at
 * after FIRST_LOOK rounds, then every LOOK_EVERY, and at the cap N: a
 * schedule fixed before the first round, with information fractions
 * t_j = n_j / N.
 *
 * At look j the one-sample t statistic of the rounds so far is turned into
 * the z of the same p (the usual approximation for group-sequential t
 * tests; Jennison and Turnbull, "Group Sequential Methods with
 * Applications to Clinical Trials", 2000, §11.2). The boundaries are those
 * of Wang and Tsiatis (Biometrics, 1987): reject when |Z_j| ≥ w·t_j^(Δ−½),
 * with Δ = 0 the design of O'Brien and Fleming (Biometrics, 1979), whose
 * last boundary is close to the fixed-sample test's. On the Brownian scale
 * B(t_j) = Z_j·√t_j that is |B(t_j)| ≥ w·t_j^Δ, and under μ = 0 the
 * probability of ever crossing is computed by the recursive
 * numerical integration of Armitage, McPherson and Rowe (JRSS A, 1969).
 *
 * The statistic W_k = max_{j ≤ k} |Z_j|·t_j^(½−Δ) only grows, and
 * P(W_K ≥ w) over every planned look bounds P(W_k ≥ w) at any look k, so
 * p_k = P_0(W_K ≥ W_k) is a repeated p-value (Jennison and Turnbull §9.1):
 * valid whenever the rounds stop, early on a decision or at a budget, and
 * Holm over such p-values controls the family-wise error as for fixed
 * ones. The repeated confidence intervals of the same boundaries (ibid.
 * ch. 9) cover μ at every look at once.
 */


/** Rounds before the first look (4 is the least that can decide at 0.05). */
const FIRST_LOOK = 6;
/** Rounds between looks after the first: one ABBA cycle. */
const LOOK_EVERY = 2;
/**
 * The Wang–Tsiatis shape Δ of the boundaries: 0 is O'Brien–Fleming (the
 * most power at the cap, late stops), 0.5 is Pocock (early stops, least
 * power at the cap). Chosen by simulation (30-round cap, 600 runs each, a
 * change of half a round's spread: 0.73 of them decided at Δ = 0, 0.72 at
 * 0.1, 0.71 at 0.25, 0.62 at 0.5): 0.25 keeps most of the power and stops
 * a 2× regression at the first look even with one slow process among its
 * six rounds (a t of about 10), which 0.1 does not.
 */
const SHAPE = 0.25;
/**
 * How much the t statistics' estimated spread adds to the chance of a
 * false alarm, beyond what the normal theory of the boundaries gives: by
 * simulation (40,000 runs of 30 normal rounds, every look), the crossing
 * rate at level 0.05 is 0.048 with the spread known and 0.054–0.056 with
 * it estimated at each look, as here (the estimates of nearby looks err
 * together). Every p is multiplied by it, and every boundary and interval
 * is taken at alpha / T_INFLATION, so false alarms stay at most alpha.
 */
const T_INFLATION = 1.15;
/**
 * The most looks before the cap: each look costs a numerical integration
 * per suspect, and a look every 2 rounds of a 1000-round cap would buy
 * nothing a look every 64 does not.
 */
const MAX_LOOKS = 16;
/** Rounds between looks under a cap: LOOK_EVERY, or more (even, whole ABBA cycles) past MAX_LOOKS. */
function lookEvery(cap) {
    const span = cap - FIRST_LOOK;
    return Math.max(LOOK_EVERY, 2 * Math.ceil(span / (2 * MAX_LOOKS)));
}
/** The rounds at which a confirmation capped at `cap` rounds looks: from FIRST_LOOK every lookEvery, and the cap. */
function looksUpTo(cap) {
    const out = [];
    const every = lookEvery(cap);
    for (let n = FIRST_LOOK; n < cap; n += every)
        out.push(n);
    if (cap >= 2)
        out.push(cap);
    return out;
}
/** Whether `rounds` is a look of a confirmation capped at `cap`. */
function isLook(rounds, cap) {
    return (rounds === cap ||
        (rounds >= FIRST_LOOK && rounds < cap && (rounds - FIRST_LOOK) % lookEvery(cap) === 0));
}
/** Grid points per look of the numerical integration. */
const GRID = 101;
/**
 * P(∃ j: |B(t_j)| ≥ b_j) for a standard Brownian motion B, times
 * increasing in (0, 1], bounds > 0: the density of B at each look, kept
 * where no bound was crossed, carried to the next look by the Gaussian
 * kernel of the elapsed time (trapezoid rule on GRID points). The chance
 * of leaving at each look is summed from the normal tails, so a tiny p
 * keeps its digits (1 − the mass that stays would round it to 0).
 */
function crossingProbability(times, bounds) {
    let xs = null;
    let f = null;
    let prev = 0;
    let out = 0;
    for (let j = 0; j < times.length; j++) {
        const b = bounds[j];
        const dt = times[j] - prev;
        const sd = Math.sqrt(dt);
        const norm = 1 / (sd * Math.sqrt(2 * Math.PI));
        const h = (2 * b) / (GRID - 1);
        const ys = new Float64Array(GRID);
        const g = new Float64Array(GRID);
        if (!xs || !f) {
            out += 2 * normalCDF(-b / sd);
            for (let i = 0; i < GRID; i++) {
                ys[i] = -b + i * h;
                g[i] = norm * Math.exp((-0.5 * ys[i] * ys[i]) / dt);
            }
        }
        else {
            const hx = xs[1] - xs[0];
            for (let k = 0; k < GRID; k++) {
                const w = (k === 0 || k === GRID - 1 ? 0.5 : 1) * f[k] * hx;
                out += w * (normalCDF((-b - xs[k]) / sd) + normalCDF((xs[k] - b) / sd));
            }
            for (let i = 0; i < GRID; i++) {
                const y = -b + i * h;
                ys[i] = y;
                let s = 0;
                for (let k = 0; k < GRID; k++) {
                    const d = y - xs[k];
                    s += (k === 0 || k === GRID - 1 ? 0.5 : 1) * f[k] * Math.exp((-0.5 * d * d) / dt);
                }
                g[i] = s * hx * norm;
            }
        }
        xs = ys;
        f = g;
        prev = times[j];
    }
    return Math.min(1, Math.max(0, out));
}
/** The information fractions of a cap's looks. */
function timesOf(cap) {
    return looksUpTo(cap).map(n => n / cap);
}
/** P_0(W_K ≥ w): the chance, under no change, that the statistic reaches w at some look up to the cap. */
function designP(w, cap, shape = SHAPE) {
    if (!(w > 0))
        return 1;
    if (!Number.isFinite(w))
        return 0;
    const times = timesOf(cap);
    return crossingProbability(times, times.map(t => w * t ** shape));
}
const criticalCache = new Map();
/** The w at which designP is alpha: the boundaries of a test at level alpha (bisection, cached). */
function criticalW(alpha, cap, shape = SHAPE) {
    const key = `${alpha}:${cap}:${shape}`;
    const hit = criticalCache.get(key);
    if (hit !== undefined)
        return hit;
    let lo = 0;
    let hi = 20;
    for (let i = 0; i < 50; i++) {
        const mid = (lo + hi) / 2;
        if (designP(mid, cap, shape) > alpha)
            lo = mid;
        else
            hi = mid;
    }
    criticalCache.set(key, hi);
    return hi;
}
/** The z of a t statistic's two-sided p at df: the same evidence on the normal scale (signed). */
function zOfT(t, df) {
    if (t === 0 || Number.isNaN(t))
        return 0;
    const p = tTwoSided(t, df);
    // Past what a double holds, call it 38 (p ≈ 1e-315); it decides at any look.
    const z = p > 0 ? -normalInvCDF(p / 2) : 38;
    return Math.sign(t) * Math.min(38, z);
}
/** The one-sample t of the first n values (t ±Infinity when all are equal and nonzero). */
function summary(xs, n) {
    let mean = 0;
    for (let i = 0; i < n; i++)
        mean += xs[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++)
        ss += (xs[i] - mean) ** 2;
    const se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    const t = se > 0 ? mean / se : mean === 0 ? 0 : mean * Infinity;
    return { mean, se, t, df: n - 1 };
}
/** The looks of the design that `xs` reached. */
function reached(xs, cap) {
    return looksUpTo(cap).filter(n => n <= xs.length);
}
/**
 * W after the rounds `xs` of a confirmation capped at `cap`: the largest
 * |Z_j|·t_j^(½−Δ) over the looks reached. 0 before the first look.
 */
function statistic(xs, cap, shape = SHAPE) {
    let w = 0;
    for (const n of reached(xs, cap)) {
        const { t, df } = summary(xs, n);
        w = Math.max(w, Math.abs(zOfT(t, df)) * (n / cap) ** (0.5 - shape));
    }
    return w;
}
/**
 * The repeated p-value after the rounds `xs` (capped at `cap`; rounds past
 * the cap count as the cap's look): valid whenever they stopped. 1 before
 * the first look.
 */
function groupSequentialP(xs, cap, shape = SHAPE) {
    const n = Math.max(cap, xs.length);
    return Math.min(1, designP(statistic(xs, n, shape), n, shape) * T_INFLATION);
}
/**
 * The repeated confidence interval at level alpha after the rounds `xs`:
 * the intersection, over the looks reached, of x̄_j ± c_j·s_j/√n_j, c_j the
 * t quantile of the boundary's z, w_α·t_j^(Δ−½). Covers μ at every look
 * at once with probability 1 − alpha, so it too may be read whenever the
 * rounds stop.
 */
function repeatedInterval(xs, alpha, cap, shape = SHAPE) {
    const n = Math.max(cap, xs.length);
    const w = criticalW(alpha / T_INFLATION, n, shape);
    let out = { lo: -Infinity, hi: Infinity };
    for (const k of reached(xs, n)) {
        const { mean, se, df } = summary(xs, k);
        const z = w * (k / n) ** (shape - 0.5);
        const half = tQuantileTwoSided(2 * normalCDF(-z), df) * se;
        const lo = Math.max(out.lo, mean - half);
        const hi = Math.min(out.hi, mean + half);
        // Disjoint looks happen only by chance under a true μ (probability ≤ α); keep the latest.
        out = lo <= hi ? { lo, hi } : { lo: mean - half, hi: mean + half };
    }
    return out;
}
/**
 * Predictive power below which more rounds are not worth their time
 * (Spiegelhalter, Freedman and Blackburn, "Monitoring clinical trials:
 * conditional or predictive power?", Controlled Clinical Trials, 1986).
 * Chosen by simulation (test/unit/stats/group-sequential.test.ts): at 0.05
 * a change of half a round's spread is decided 64% of the time against
 * 67% without the rule, and a flat benchmark at 20% a round stops after
 * 14 rounds of 30 instead of 30. Conditional power at the current trend
 * (0.1) stopped too early: 54% against 69%.
 */
const FUTILITY = 0.05;
/**
 * Whether the rounds left up to the cap are unlikely to decide anything:
 * the predictive chance of showing a regression by the cap (the trend so
 * far, with its uncertainty) is below FUTILITY, and the cap's interval
 * around the current estimate would still reach `limit` (a log ratio), so
 * no absence of one could be shown either. Stopping then is never a false
 * alarm (it only forgoes a rejection), so α holds: the rule is non-binding.
 */
function futile(xs, alpha, cap, limit, shape = SHAPE) {
    const n = xs.length;
    if (n < FIRST_LOOK || n >= cap)
        return false;
    const { mean, se, t, df } = summary(xs, n);
    const w = criticalW(alpha / T_INFLATION, cap, shape);
    const frac = n / cap;
    // B(t) = Z·√t; with a flat prior on the drift, B(1) | data ~ N(B/t, (1 − t)/t).
    const b = zOfT(t, df) * Math.sqrt(frac);
    const power = normalCDF((b - w * frac) / Math.sqrt(frac * (1 - frac)));
    // The standard error shrinks as √(n / cap) by the cap.
    const halfAtCap = tQuantileTwoSided(2 * normalCDF(-w), cap - 1) * se * Math.sqrt(n / cap);
    return power < FUTILITY && mean + halfAtCap >= limit;
}
/** Per-round log ratios ln(head/base) of paired rounds; null when the rounds do not pair (lengths, a value ≤ 0). */
function logRatios(base, head) {
    if (base.length !== head.length)
        return null;
    const out = [];
    for (let i = 0; i < base.length; i++) {
        if (!(base[i] > 0) || !(head[i] > 0))
            return null;
        out.push(Math.log(head[i] / base[i]));
    }
    return out;
}

;// CONCATENATED MODULE: ./src/ab/ab-rounds.ts
/**
 * The rounds of an A/B run (ab.ts): the timed rounds in ABBA or duet
 * order, each a process per side and benchmark at its fixed iteration
 * count, the short runs, and the interleaved contention rounds.
 */








/** A problem with the A/B setup: not a git repository, an unknown ref, a build failure. */
class AbError extends Error {
    name = 'AbError';
}
/** One side's go test flags: the shared ones, then its own. */
function flagsOf(s, side) {
    return [...s.buildFlags, ...(s.sideFlags?.[side] ?? [])];
}
/**
 * The timed rounds: ABBA (base, head; then head, base), or duet (both at
 * once on disjoint CPUs) when asked for and possible. Each round runs
 * every target once per side, each run a process of its own at the
 * target's fixed iteration count, the targets of all packages interleaved.
 * Returns the duet plan that ran, if any.
 */
async function timedRounds(go, sides, targets, scratch, s, onEvent) {
    const duet = scheduleOf(s, onEvent);
    const order = interleave(targets);
    for (const side of ['base', 'head'])
        for (const t of order)
            sides[side].samples.set(targets_passKey(t.importPath, t.name), emptySamples(t));
    let active = order;
    const started = performance.now();
    for (let round = 0; round < s.rounds && active.length > 0; round++) {
        if (
        // The budget ends the rounds at a look only: the design's repeated p holds there.
        isLook(round, s.rounds) &&
            s.budgetMs !== undefined &&
            performance.now() - started >= s.budgetMs) {
            onEvent({
                type: 'notice',
                message: `confirmation budget of ${Math.round(s.budgetMs / 1000)} s spent after ${round} rounds; ${active.length} benchmark(s) undecided`
            });
            break;
        }
        const sideOrder = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
        if (duet) {
            // The halves swap every round, so a faster CPU favours neither side.
            const [b, h] = round % 2 === 0 ? duet.cpus : [duet.cpus[1], duet.cpus[0]];
            onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order: sideOrder, duet: [b, h] });
            for (const t of active)
                await together([
                    sideSample(go, sides, 'base', t, round, scratch, s, { cpus: b, procs: duet.procs }),
                    sideSample(go, sides, 'head', t, round, scratch, s, { cpus: h, procs: duet.procs })
                ]);
        }
        else {
            onEvent({ type: 'round', round: round + 1, rounds: s.rounds, order: sideOrder });
            for (const t of active)
                for (const side of sideOrder)
                    await sideSample(go, sides, side, t, round, scratch, s);
        }
        if (round === 0)
            checkMatched(sides, s.bench);
        if (s.decide && isLook(round + 1, s.rounds))
            active = stillUndecided(sides, active, s.decide, onEvent);
    }
    // The short runs: per-op costs without the fixed costs, per side.
    for (const side of ['base', 'head'])
        for (const t of order)
            await sideLow(go, sides, side, t, scratch, s);
    return duet;
}
/**
 * A look: every result's paired times so far (those that stopped too:
 * the decision corrects across all of them); the targets with a result
 * still undecided go on, the rest stop.
 */
function stillUndecided(sides, active, decide, onEvent) {
    const times = new Map();
    const owner = new Map();
    for (const side of ['base', 'head'])
        for (const [target, samples] of sides[side].samples)
            for (const r of samples.results) {
                const ns = r.measurements.find(m => m.unit === 'ns/op');
                if (!ns)
                    continue;
                const key = `${samples.target.importPath}\n${r.name}`;
                owner.set(key, target);
                const entry = times.get(key) ??
                    times.set(key, { base: [], head: [], iterations: samples.target.iterations }).get(key);
                entry[side].push(ns.value);
            }
    const open = new Set([...decide(times)].map(k => owner.get(k)));
    const next = active.filter(t => open.has(targets_passKey(t.importPath, t.name)));
    if (next.length < active.length)
        onEvent({ type: 'decided', decided: active.length - next.length, open: next.length });
    return next;
}
/** A target's samples before any ran. */
function emptySamples(target) {
    return { target, results: [], profiles: { cpu: [], mem: [] }, config: {}, durationMs: 0 };
}
/** Where a side runs a target: its binary, and the package directory in its tree. */
function onSide(state, t, headRoot) {
    return {
        binary: state.binaries.get(t.importPath),
        cwd: (0,external_node_path_namespaceObject.join)(state.root, (0,external_node_path_namespaceObject.relative)(headRoot, t.cwd))
    };
}
/** The duet plan when asked for and possible; otherwise ABBA, with a notice when duet was asked. */
function scheduleOf(s, onEvent) {
    if (s.schedule !== 'duet')
        return undefined;
    const d = duetPlan(allowedCpus(), haveTaskset());
    if ('plan' in d)
        return d.plan;
    onEvent({ type: 'notice', message: d.fallback });
    return undefined;
}
/** Both sides' runs of a duet round: wait for both, then report the first failure. */
async function together(runs) {
    const settled = await Promise.allSettled(runs);
    const failed = settled.find(r => r.status === 'rejected');
    if (failed)
        throw failed.reason;
}
/**
 * One side's sample of one target in one round. A side that prints no
 * result for it (the benchmark does not exist there) is not asked again;
 * a process that fails stops the A/B with the side, round and output.
 */
async function sideSample(go, sides, side, t, round, scratch, s, 
/** Duet: the CPUs to pin to, and the -test.cpu both sides share. */
pin) {
    const state = sides[side];
    const into = state.samples.get(targets_passKey(t.importPath, t.name));
    if (into.error !== undefined)
        return;
    const started = performance.now();
    const r = await runSample(go, t, t.iterations, {
        ...onSide(state, t, sides.head.root),
        scratch,
        stem: `${side}-${packageStem(t.importPath)}-${safeIndex(state, t)}-r${round}`,
        runFlags: pinnedFlags(splitTestFlags(flagsOf(s, side)).run, pin),
        ...(pin ? { cpus: pin.cpus } : {})
    });
    into.durationMs += performance.now() - started;
    if (r.code !== 0)
        throw new AbError(`${t.importPath} ${t.name} failed at the ${side} revision in round ${round + 1}:\n${tail(r.lines.join('\n'))}`);
    if (r.results.length === 0) {
        into.error = `no result at the ${side} revision`;
        return;
    }
    into.results.push(...r.results);
    into.profiles.cpu.push(...r.files.cpu);
    into.profiles.mem.push(...r.files.mem);
    if (Object.keys(into.config).length === 0)
        into.config = r.config;
}
/** A side's short run of one target, at a tenth of its count; a failure leaves it out. */
async function sideLow(go, sides, side, t, scratch, s) {
    const state = sides[side];
    const into = state.samples.get(targets_passKey(t.importPath, t.name));
    const low = lowIterations(t.iterations);
    if (into.results.length === 0 || low === undefined)
        return;
    const r = await runSample(go, t, low, {
        ...onSide(state, t, sides.head.root),
        scratch,
        stem: `${side}-${packageStem(t.importPath)}-${safeIndex(state, t)}-low`,
        runFlags: splitTestFlags(flagsOf(s, side)).run
    });
    if (r.code === 0 && r.results.length > 0)
        into.low = { iterations: low, profiles: r.files };
}
/** A file-name-safe index of the target among the side's samples. */
function safeIndex(state, t) {
    return [...state.samples.keys()].indexOf(targets_passKey(t.importPath, t.name));
}
/**
 * A pinned side runs with the -test.cpu of the whole CPU set unless the
 * user chose one, so its benchmarks keep the names (and GOMAXPROCS) the
 * timed runs had.
 */
function pinnedFlags(run, pin) {
    return pin && !setsCpuFlag(run) ? [...run, `-test.cpu=${pin.procs}`] : run;
}
/**
 * The contention pass of both sides, interleaved as the timed rounds are
 * (base, head; then head, base): round r of each side runs beside round r
 * of the other, so a burst on the runner hits both.
 */
async function contentionRounds(go, sides, w, s, onEvent) {
    const targets = {
        base: abPassTargets(sides.base, w.headRoot),
        head: abPassTargets(sides.head, w.headRoot)
    };
    for (const side of ['base', 'head'])
        sides[side].contention = new Map();
    const rounds = s.profiles.rounds;
    for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
        onEvent({ type: 'contention-round', round: round + 1, rounds, order });
        for (const side of order)
            for (const [i, t] of targets[side].entries()) {
                const key = targets_passKey(t.importPath, t.name);
                const into = sides[side].contention.get(key) ??
                    sides[side].contention.set(key, newContentionProfiles(t)).get(key);
                await contentionRound(go, t, round, into, {
                    scratch: w.scratch,
                    stem: `${side}-${packageStem(t.importPath)}-q${i}`,
                    runFlags: splitTestFlags(flagsOf(s, side)).run,
                    profiles: s.profiles
                });
            }
    }
}
/** After the first round: benchmarks that ran on neither side are an error naming the pattern. */
function checkMatched(sides, bench) {
    const any = (state) => [...state.samples.values()].some(m => m.results.length > 0);
    if (any(sides.base) || any(sides.head))
        return;
    const packages = [...new Set([...sides.head.samples.values()].map(x => x.target.importPath))];
    throw new AbError(`-bench regular expression ${JSON.stringify(bench)} ran no benchmark on either side in the ${packages.length} package(s) with benchmarks on both sides (${packages
        .slice(0, 5)
        .join(', ')}). Check --bench`);
}
/** Every benchmark one side sampled, with that side's test binary and directory. */
function abPassTargets(state, headRoot) {
    return [...state.samples.values()]
        .filter(x => x.results.length > 0)
        .map(x => ({ ...x.target, ...onSide(state, x.target, headRoot) }));
}
/** The last 15 lines of a run's output, for messages. */
function tail(text) {
    return text.trim().split('\n').slice(-15).join('\n');
}

;// CONCATENATED MODULE: ./src/measure/per-op.ts
/**
 * Per-op function costs as a bundle keeps them: source paths relative to
 * the repository (build paths differ between machines), six significant
 * digits. Shared by the bundle builder and the contention pass's part.
 */


/**
 * A profile's file name as a path in the repository ('/'-separated,
 * relative to its root), or undefined outside it: build paths differ
 * between machines, so only files in the repository keep a path, for
 * source links and lines. An absolute name (a binary built without
 * -trimpath) is taken as it is; a trimmed one through its module.
 */
function repositoryPath(roots, file) {
    const { repoRoot } = roots;
    if (repoRoot === undefined || file === '')
        return undefined;
    const absolute = (0,external_node_path_namespaceObject.isAbsolute)(file) ? file : untrimmed(roots.modules ?? [], file);
    if (absolute === undefined)
        return undefined;
    const rel = (0,external_node_path_namespaceObject.relative)(repoRoot, absolute);
    if (rel === '' || rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel))
        return undefined;
    return rel.split(external_node_path_namespaceObject.sep).join('/');
}
/** A trimmed file name in one of the modules, as a path in that module's directory. */
function untrimmed(modules, file) {
    let best;
    for (const m of modules)
        if (file.startsWith(`${m.path}/`) && (!best || m.path.length > best.path.length))
            best = m;
    if (!best)
        return undefined;
    const rest = file.slice(best.path.length + 1).split('/');
    if (rest.some(part => part === '..' || part === ''))
        return undefined;
    return (0,external_node_path_namespaceObject.join)(best.dir, ...rest);
}
/** The files whose line costs a bundle keeps: the repository's own. */
function inRepository(roots) {
    return roots.repoRoot === undefined
        ? undefined
        : file => repositoryPath(roots, file) !== undefined;
}
/** Six significant digits: plenty for per-op costs, and it keeps results.json small. */
function round(x) {
    return Number(x.toPrecision(6));
}
/**
 * One measure's per-op costs of a benchmark group, as the bundle keeps
 * them: a file only when it lies inside the repository, numbers rounded.
 */
function bundleCosts(t, group, median, topK, roots) {
    const locate = (name) => {
        const src = t.sources.get(name);
        const rel = src && repositoryPath(roots, src.file);
        return rel === undefined ? undefined : { file: rel, line: src.line };
    };
    return perOpCosts(t, group, median, topK, locate).map(f => {
        const out = { ...f, flat: round(f.flat), cum: round(f.cum), self: round(f.self ?? f.flat) };
        if (f.lines)
            out.lines = f.lines.map(l => ({
                line: l.line,
                flat: round(l.flat),
                cum: round(l.cum),
                self: round(l.self)
            }));
        return out;
    });
}

;// CONCATENATED MODULE: ./src/measure/contention-bundle.ts
/**
 * A benchmark's contention pass (contention-pass.ts) as its bundle keeps
 * it: per metric one per-op value per round, the delay measures' function
 * costs, and the first round's high-run profiles for `flame` and
 * `go tool pprof`.
 */






/** A group's total in one run's tables, 0 when the group or the table is absent. */
function totalOf(t, group) {
    return t?.groups.get(group)?.total ?? 0;
}
/**
 * Fill `b.contention` and the delay measures of `b.functions` from the
 * pass. Each round's per-op value is (high − low) ÷ (N_high − N_low); a
 * negative difference is noise and counts 0.
 */
async function addContention(b, c, spec) {
    const keepFile = inRepository(spec);
    const errors = [...c.errors];
    const decoded = [];
    for (const r of c.rounds) {
        const [low, high] = await Promise.all([
            contentionTables(r.low.files, b.group, spec.maxProfileBytes, keepFile),
            contentionTables(r.high.files, b.group, spec.maxProfileBytes, keepFile)
        ]);
        pushAll(pushAll(errors, low.errors), high.errors);
        decoded.push({ low, high });
    }
    const dn = c.counts[1] - c.counts[0];
    const perOp = (l, h) => round(Math.max(0, h - l) / dn);
    const metrics = {};
    const push = (metric, v) => void (metrics[metric] ??= []).push(v);
    decoded.forEach(({ low, high }, i) => {
        for (const measure of Object.keys(CONTENTION_MEASURES))
            if (high.delay[measure] && low.delay[measure])
                push(measure, perOp(totalOf(low.delay[measure], b.group), totalOf(high.delay[measure], b.group)));
        for (const kind of ['block', 'mutex', 'sched'])
            if (high.contentions[kind] && low.contentions[kind])
                push(kind === 'sched' ? 'sched_events' : `${kind}_contentions`, perOp(totalOf(low.contentions[kind], b.group), totalOf(high.contentions[kind], b.group)));
        const r = c.rounds[i];
        push('gc_cycles', perOp(r.low.gc.cycles, r.high.gc.cycles));
        push('gc_pause', perOp(r.low.gc.pauseNs, r.high.gc.pauseNs));
    });
    if (decoded.length > 0)
        for (const measure of Object.keys(CONTENTION_MEASURES)) {
            const lows = decoded.map(d => d.low.delay[measure]).filter(t => t !== undefined);
            const highs = decoded.map(d => d.high.delay[measure]).filter(t => t !== undefined);
            if (lows.length !== decoded.length || highs.length !== decoded.length)
                continue;
            const t = differenceTables(mergeTables(lows), mergeTables(highs), dn * decoded.length);
            // A median of 1 only passes perOpCosts' guard: with `iterations` set
            // the costs are per extra iteration, as measured.
            if (t)
                b.functions[measure] = bundleCosts(t, b.group, 1, spec.topK, spec);
        }
    const contention = { rounds: decoded.length, counts: c.counts, metrics };
    const first = c.rounds[0]?.high.files;
    if (first) {
        const profiles = {};
        for (const [kind, file] of Object.entries(first)) {
            const name = `${spec.keep}.${kind}.pprof`;
            await (0,promises_namespaceObject.copyFile)(file, (0,external_node_path_namespaceObject.join)(spec.dir, name));
            profiles[kind] = name;
        }
        contention.profiles = profiles;
    }
    if (errors.length > 0)
        contention.errors = [...new Set(errors)].slice(0, 100);
    b.contention = contention;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/measure/bundle-builder.ts
/**
 * The one bundle builder, used by `run` (sequential measurement) and by
 * the A/B runner: per package, attribute the profiles to benchmarks and
 * compute per-op function costs (share × median, docs/design.md D2), keep one usable
 * profile per kind for `go tool pprof -diff_base`, record the environment,
 * and write results.json.
 */















/** Version recorded in bundles: package.json's, bundled into dist/ by ncc, so a release records its own. */
const BENCHGATE_VERSION = package_namespaceObject.rE;
/** Attribute, build and write one bundle; returns it. */
async function buildBundle(go, git, spec, measured) {
    await (0,promises_namespaceObject.mkdir)((0,external_node_path_namespaceObject.join)(spec.dir, 'profiles'), { recursive: true });
    const packages = [];
    const benchmarks = [];
    for (const m of measured) {
        const { entry, tables } = await attributePackage(m, spec);
        packages.push(entry);
        const perBenchmark = await passTables(m, spec.maxProfileBytes, inRepository(spec));
        const built = buildBenchmarks(m.importPath, m.results, tables, spec.topK, spec, name => perBenchmark.get(name));
        for (const [i, b] of built.entries()) {
            const c = m.contention?.get(targets_passKey(m.importPath, b.name));
            if (c)
                await addContention(b, c, {
                    ...spec,
                    keep: `profiles/${packageStem(m.importPath)}-${i}`
                });
        }
        pushAll(benchmarks, built);
    }
    const bundle = {
        schemaVersion: SCHEMA_VERSION,
        tool: { name: 'benchgate', version: BENCHGATE_VERSION },
        environment: await environment(go, git, spec, measured),
        packages,
        benchmarks,
        ...(spec.skipped && spec.skipped.length > 0 ? { skipped: [...spec.skipped] } : {})
    };
    await writeBundle(spec.dir, bundle);
    return bundle;
}
/** Attribute one package's profiles; keep the first usable profile of each kind in the bundle. */
async function attributePackage(m, spec) {
    const entry = { importPath: m.importPath, status: m.status, profiles: {} };
    if (m.durationMs !== undefined && Number.isFinite(m.durationMs))
        entry.durationMs = Math.round(m.durationMs);
    if (m.error)
        entry.error = m.error;
    const inBundle = (f) => !(0,external_node_path_namespaceObject.relative)(spec.dir, f).startsWith('..');
    if (m.results.length === 0) {
        // Nothing ran here: do not keep empty profiles.
        for (const f of [...m.profiles.cpu, ...m.profiles.mem])
            if (inBundle(f))
                await (0,promises_namespaceObject.rm)(f, { force: true });
        return { entry, tables: {} };
    }
    const { tables, decoded, errors } = await attributeProfiles(m.profiles, m.importPath, spec.maxProfileBytes, inRepository(spec));
    const problems = [...(m.profileErrors ?? []), ...errors];
    if (problems.length > 0)
        entry.profileErrors = problems;
    for (const kind of ['cpu', 'mem']) {
        const keep = decoded[kind][0];
        const name = `profiles/${packageStem(m.importPath)}.${kind}.pprof`;
        const target = (0,external_node_path_namespaceObject.join)(spec.dir, name);
        if (keep) {
            if (keep !== target)
                await (0,promises_namespaceObject.copyFile)(keep, target);
            entry.profiles[kind] = name;
        }
        // Unusable or extra profiles inside the bundle are not shipped.
        for (const f of m.profiles[kind])
            if (f !== target && inBundle(f))
                await (0,promises_namespaceObject.rm)(f, { force: true });
    }
    const unattributed = unattributedShares(tables);
    if (Object.keys(unattributed).length > 0)
        entry.unattributed = unattributed;
    return { entry, tables };
}
/**
 * Per benchmark, the tables of its profiling pass: the high run minus the
 * low one, per measure. A benchmark or measure the pass could not explain
 * (a failed run, too few samples) is absent and falls back to the timed
 * runs' shares.
 */
async function passTables(m, maxBytes, keepFile) {
    const out = new Map();
    for (const name of new Set(m.results.map(r => r.name))) {
        const p = m.pass?.get(targets_passKey(m.importPath, name));
        if (!p)
            continue;
        const [low, high] = await Promise.all([
            attributeProfiles(p.low, m.importPath, maxBytes, keepFile),
            attributeProfiles(p.high, m.importPath, maxBytes, keepFile)
        ]);
        const tables = {};
        for (const measure of Object.keys(MEASURES)) {
            const l = low.tables[measure];
            const h = high.tables[measure];
            // Each of the `processes` samples paid the fixed costs once, as the
            // short run did: k × low away from the pooled samples leaves k × (N −
            // n) iterations of per-op work.
            const k = p.processes;
            const d = l && h ? differenceTables(scaleTables(l, k), h, k * (p.counts[1] - p.counts[0])) : undefined;
            if (d)
                tables[measure] = d;
        }
        out.set(name, tables);
    }
    return out;
}
/**
 * Turn parsed result lines and attributed profiles into bundle benchmarks:
 * one entry per full benchmark name with every sample, and per-op function
 * costs (docs/design.md D2): per extra iteration of the profiling pass where it explained
 * the benchmark, else share × median of the timed runs' profiles.
 */
function buildBenchmarks(importPath, results, tables, topK, roots, 
/** Tables of the profiling pass for one benchmark, which take precedence per measure. */
passFor = () => undefined) {
    const byName = new Map();
    for (const r of results) {
        let b = byName.get(r.name);
        if (!b) {
            b = {
                package: importPath,
                name: r.name,
                group: splitBenchName(r.name).base,
                samples: table(),
                iterations: [],
                functions: {}
            };
            byName.set(r.name, b);
        }
        b.iterations.push(r.iterations);
        for (const m of r.measurements)
            (b.samples[m.unit] ??= []).push(m.value);
    }
    for (const b of byName.values()) {
        const pass = passFor(b.name);
        const found = {};
        for (const measure of Object.keys(MEASURES)) {
            const t = pass?.[measure] ?? tables[measure];
            const values = own(b.samples, MEASURES[measure].unit);
            if (!t || !values)
                continue;
            b.functions[measure] = bundleCosts(t, b.group, median(values), topK, roots);
            const s = sampling(t, b.group, median(values));
            if (s)
                found[measure] = s;
        }
        if (found.alloc_objects)
            found.alloc_objects.sample = objectsSample(found.alloc_space, found.alloc_objects);
        for (const [measure, s] of Object.entries(found))
            if (s.sample !== undefined)
                (b.sampling ??= {})[measure] = { total: round(s.total), sample: round(s.sample) };
    }
    return [...byName.values()];
}
/**
 * A heap profile's period is in bytes, so one sample of alloc_objects is
 * worth the objects of one sample's bytes: the bytes of one sample times
 * the benchmark's objects per byte.
 */
function objectsSample(space, objects) {
    if (!space?.sample || !objects || !(space.total > 0))
        return objects?.sample;
    return (space.sample * objects.total) / space.total;
}
/** Where and how the run was made: Go's own answer, the CPU line, git. */
async function environment(go, git, spec, measured) {
    const env = await go.run(goEnvArgs(), { cwd: spec.cwd });
    let goEnv = {};
    try {
        goEnv = JSON.parse(env.stdout);
    }
    catch {
        // leave blank: the comparison then cannot warn about Go versions
    }
    const config = measured.find(r => r.results.length > 0)?.config ?? {};
    const first = measured.flatMap(r => r.results)[0];
    return {
        goVersion: goEnv.GOVERSION ?? '',
        goos: goEnv.GOOS ?? config.goos ?? '',
        goarch: goEnv.GOARCH ?? config.goarch ?? '',
        cpu: config.cpu ?? '',
        gomaxprocs: first ? splitBenchName(first.name).procs : (0,external_node_os_namespaceObject.availableParallelism)(),
        commit: spec.commit ?? (await gitOutput(git, spec.cwd, ['rev-parse', 'HEAD'])) ?? '',
        ref: spec.ref ?? (await gitOutput(git, spec.cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])) ?? '',
        createdAt: new Date().toISOString(),
        settings: spec.settings
    };
}

;// CONCATENATED MODULE: ./src/gobench/build.ts
/**
 * Build once: every package's test binary (`go test -c -trimpath`) before
 * any benchmark runs, several at a time. Every later step (calibration,
 * samples, the contention pass, the head side of an A/B) runs these
 * binaries; nothing is built twice in a job.
 */




/** Lines of the compiler's output kept in a build failure's message. */
const build_TAIL_LINES = 25;
/** How many builds run at once: one per CPU, since go's compiler runs several jobs of its own anyway. */
function buildParallelism() {
    return Math.max(1, (0,external_node_os_namespaceObject.availableParallelism)());
}
/**
 * Build every package's test binary into `binaryDir`, at most `parallel`
 * at a time; results in the packages' order. A package that does not
 * build is an entry with its error (the compiler's last lines), never a
 * throw: the other packages still run.
 */
async function buildTestBinaries(go, packages, o, onEvent = () => { }) {
    const parallel = Math.max(1, Math.min(o.parallel ?? buildParallelism(), packages.length));
    onEvent({ type: 'build-start', total: packages.length, parallel });
    const out = new Array(packages.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
        while (next < packages.length) {
            const i = next++;
            const pkg = packages[i];
            const binary = (0,external_node_path_namespaceObject.join)(o.binaryDir, o.nameOf?.(pkg) ?? `${packageStem(pkg.importPath)}.test`);
            const started = Date.now();
            const r = await go.run(goTestBuildArgs(binary, o.buildFlags), { cwd: pkg.dir, env: o.env });
            const durationMs = Date.now() - started;
            out[i] =
                r.code === 0
                    ? { pkg, binary, durationMs }
                    : { pkg, error: buildFailure(pkg, r.code, `${r.stdout}\n${r.stderr}`), durationMs };
            onEvent({ type: 'built', done: ++done, total: packages.length, pkg, ok: r.code === 0 });
        }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return out;
}
/** A build failure's message: the package, what to do, the compiler's last lines. */
function buildFailure(pkg, code, output) {
    const tail = output
        .split('\n')
        .filter(l => l.trim() !== '')
        .slice(-build_TAIL_LINES);
    return `${pkg.importPath} does not build. Fix it, or leave the package out with the packages input (--packages); the other packages still ran. Last lines of go test -c (exit status ${code}):\n${tail.join('\n')}`;
}

;// CONCATENATED MODULE: ./src/measure/calibrate.ts
/**
 * Calibration: one short run of each package's test binary (Go's own
 * ramp-up, a tenth of the benchtime), which names the benchmarks that
 * `-bench` selects (sub-benchmarks are only known by running them) and
 * sizes each one's fixed iteration count: every later sample, on both
 * sides of a comparison, runs at `-benchtime=Nx` (docs/design.md D13).
 */




/** The shortest calibration run per benchmark, in seconds, unless the benchtime itself is shorter. */
const MIN_CALIBRATION_SECONDS = 0.01;
/**
 * The benchtime of the calibration run: a tenth of a duration (at least
 * MIN_CALIBRATION_SECONDS, at most the benchtime), or one iteration when
 * the user fixed the count themselves (`100x`): then the run only names
 * the benchmarks.
 */
function calibrationBenchtime(benchtime) {
    const seconds = durationSeconds(benchtime);
    if (seconds === undefined)
        return '1x';
    const s = Math.min(seconds, Math.max(seconds / 10, MIN_CALIBRATION_SECONDS));
    return `${Math.max(1, Math.round(s * 1e9))}ns`;
}
/**
 * A benchmark's fixed iteration count: the user's own (`100x`), else as
 * many iterations as fill the benchtime at the calibrated ns/op (what
 * Go's ramp-up aims at), between 1 and Go's cap of 1e9.
 */
function fixedIterations(benchtime, nsPerOp, calibrated) {
    const fixed = /^(\d+)x$/.exec(benchtime);
    if (fixed)
        return Math.max(1, Number(fixed[1]));
    const seconds = durationSeconds(benchtime) ?? 1;
    const calibration = durationSeconds(calibrationBenchtime(benchtime)) ?? seconds;
    const n = nsPerOp !== undefined && nsPerOp > 0
        ? (seconds * 1e9) / nsPerOp
        : (calibrated * seconds) / calibration;
    return Math.max(1, Math.min(1e9, Math.ceil(n)));
}
/**
 * Calibrate each built package in turn (calibration is timed, so never two
 * at once). `reuse` gives the iteration counts of benchmarks a baseline
 * already fixed, by passKey: both sides then do the same work.
 */
async function calibratePackages(go, built, o, onEvent = () => { }) {
    const out = [];
    for (const [index, { pkg, binary }] of built.entries()) {
        const argv = calibrationArgs({
            bench: o.bench,
            benchtime: calibrationBenchtime(o.benchtime),
            runFlags: o.runFlags
        });
        onEvent({ type: 'calibrate-start', index, total: built.length, pkg, argv });
        const started = Date.now();
        const parser = new BenchParser();
        const lines = [];
        const r = await go.runTestBinary(binary, argv, {
            cwd: pkg.dir,
            onLine: (line, stream) => {
                lines.push(line);
                if (lines.length > 400)
                    lines.splice(0, lines.length - 200);
                onEvent({ type: 'output', pkg, line, stream });
                parser.line(line);
            }
        });
        const parsed = parser.finish();
        const results = parsed.results.map(x => ({ ...x, pkg: pkg.importPath }));
        const targets = targetsOf(pkg.importPath, results, binary, pkg.dir).map(t => ({
            ...t,
            iterations: o.reuse?.get(targets_passKey(t.importPath, t.name)) ??
                fixedIterations(o.benchtime, t.nsPerOp, t.iterations)
        }));
        const failed = r.code !== 0;
        const result = {
            pkg,
            binary,
            targets,
            status: failed ? 'failed' : targets.length === 0 ? 'no-match' : 'ok',
            failures: parsed.failures,
            unfinished: parsed.unfinished.map(u => u.name),
            config: parsed.config[pkg.importPath] ?? Object.values(parsed.config)[0] ?? {},
            durationMs: Date.now() - started
        };
        if (failed)
            result.error = describeFailure(pkg, r.code, parsed.failures, lines);
        out.push(result);
        onEvent({ type: 'calibrated', index, total: built.length, result });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/measure/packages.ts
/**
 * Measure packages (docs/design.md D13): build every test binary once, in
 * parallel; calibrate each package; take every sample in a process of its
 * own at a fixed iteration count, interleaved across benchmarks and
 * packages; merge each package's samples' profiles into the one profile
 * per kind the bundle keeps. The result per package is what the bundle
 * builder takes, and what the front ends report.
 */








/** Build, calibrate and sample the packages; failures are recorded per package, never thrown. */
async function measurePackages(go, packages, o, onEvent = () => { }) {
    const flags = splitTestFlags(o.extraFlags);
    const built = await buildTestBinaries(go, packages, { binaryDir: o.binaryDir, buildFlags: flags.build }, onEvent);
    const builtOk = built.flatMap(b => ('binary' in b ? [b] : []));
    const same = o.unchanged && builtOk.length > 0 ? await o.unchanged(builtOk) : new Set();
    const ready = builtOk.filter(b => !same.has(b.pkg.importPath));
    const measuring = built.filter(b => !same.has(b.pkg.importPath));
    const calibrations = await calibratePackages(go, ready, {
        bench: o.bench,
        benchtime: o.benchtime,
        runFlags: flags.run,
        ...(o.reuse ? { reuse: o.reuse } : {})
    }, onEvent);
    const targets = calibrations.flatMap(c => c.targets);
    const samples = await takeSamples(go, targets, { count: o.count, scratch: o.scratch, runFlags: flags.run }, onEvent);
    const byCalibration = new Map(calibrations.map(c => [c.pkg.importPath, c]));
    const runs = [];
    const measured = [];
    for (const [index, b] of measuring.entries()) {
        const pkg = b.pkg;
        const c = byCalibration.get(pkg.importPath);
        const own = samples.filter(s => s.target.importPath === pkg.importPath);
        const run = 'error' in b
            ? failedBuild(pkg, b.error, b.durationMs)
            : await sampledRun(go, c, own, o.profileDir);
        runs.push(run);
        measured.push(measurementOf(run, own));
        onEvent({ type: 'package-end', index, total: measuring.length, run });
    }
    return {
        runs,
        measured,
        targets: samples.filter(s => s.results.length > 0).map(s => s.target),
        binaries: new Map(ready.map(b => [b.pkg.importPath, b.binary])),
        builds: built.length,
        samples,
        unchanged: builtOk.filter(b => same.has(b.pkg.importPath)).map(b => b.pkg)
    };
}
/** The samples' results round by round (every benchmark's first sample, then the second, …). */
function resultsInRoundOrder(own) {
    return own
        .flatMap(s => s.results.map((r, round) => ({ r, round })))
        .sort((a, b) => a.round - b.round)
        .map(x => x.r);
}
/** A package that did not build. */
function failedBuild(pkg, error, durationMs) {
    return {
        pkg,
        status: 'failed',
        results: [],
        failures: [],
        unfinished: [],
        config: {},
        error,
        durationMs
    };
}
/** A calibrated package with its samples: its results in round order, merged profiles, failures. */
async function sampledRun(go, c, own, profileDir) {
    const results = resultsInRoundOrder(own);
    const brokenSample = own.find(s => s.error !== undefined);
    const run = {
        pkg: c.pkg,
        status: c.status === 'failed' || brokenSample ? 'failed' : results.length === 0 ? 'no-match' : 'ok',
        results,
        failures: [...c.failures, ...own.flatMap(s => s.failures ?? [])],
        unfinished: c.unfinished,
        config: Object.keys(c.config).length > 0 ? c.config : (own[0]?.config ?? {}),
        durationMs: c.durationMs + own.reduce((t, s) => t + s.durationMs, 0)
    };
    if (c.error)
        run.error = c.error;
    else if (brokenSample)
        run.error = describeFailure(c.pkg, brokenSample.failedCode ?? 0, brokenSample.failures ?? [], [
            `${brokenSample.target.name} at ${brokenSample.target.iterations} iterations ${brokenSample.error}`,
            ...(brokenSample.failedLines ?? [])
        ]);
    if (results.length > 0)
        Object.assign(run, await mergeSampleProfiles(go, own, profileDir, c.pkg));
    return run;
}
/**
 * A package's samples' profiles merged into one per kind, in profileDir:
 * what the bundle keeps for flame graphs and `go tool pprof -diff_base`.
 */
async function mergeSampleProfiles(go, own, profileDir, pkg) {
    const stem = packageStem(pkg.importPath);
    const cpu = own.flatMap(s => s.profiles.cpu);
    const mem = own.flatMap(s => s.profiles.mem);
    const out = {};
    const c = await mergeProfiles(go, cpu, (0,external_node_path_namespaceObject.join)(profileDir, `${stem}.cpu.pprof`), pkg.dir);
    const m = await mergeProfiles(go, mem, (0,external_node_path_namespaceObject.join)(profileDir, `${stem}.mem.pprof`), pkg.dir);
    if (c)
        out.cpuProfile = c;
    if (m)
        out.memProfile = m;
    return out;
}
/**
 * One profile of several: pprof's own merge (`go tool pprof -proto`).
 * Undefined when it fails (the bundle then says the profile is missing).
 */
async function mergeProfiles(go, files, output, cwd) {
    if (files.length === 0)
        return undefined;
    if (files.length === 1) {
        await (0,promises_namespaceObject.copyFile)(files[0], output);
        return output;
    }
    const r = await go.run(goPprofMergeArgs(output, files), { cwd });
    return r.code === 0 ? output : undefined;
}
/** One package as the bundle builder takes it; a missing profile is explained. */
function measurementOf(run, own) {
    const profiles = { cpu: [], mem: [] };
    const profileErrors = [];
    if (run.results.length > 0)
        for (const kind of ['cpu', 'mem']) {
            const file = kind === 'cpu' ? run.cpuProfile : run.memProfile;
            if (file)
                profiles[kind].push(file);
            else
                profileErrors.push(`go tool pprof could not merge the samples' ${kind} profiles`);
        }
    return {
        importPath: run.pkg.importPath,
        status: run.status,
        error: run.error,
        results: run.results,
        profiles,
        config: run.config,
        profileErrors,
        durationMs: run.durationMs,
        pass: passMapOf(own)
    };
}
/** The samples' profiles the bundle builder differences, by passKey. */
function passMapOf(own) {
    const pass = new Map();
    for (const s of own) {
        const p = passProfilesOf(s);
        if (p)
            pass.set(targets_passKey(s.target.importPath, s.target.name), p);
    }
    return pass;
}

;// CONCATENATED MODULE: ./src/measure/settings.ts
/**
 * Settings for one benchmark run, shared by the CLI (`benchgate run`) and
 * the Action. Validated eagerly; every error names the input (as the front
 * end calls it), the bad value, and what is allowed.
 */


/** The profiles a run can collect. cpu and mem are always collected. */
const PROFILE_KINDS = ['cpu', 'mem', 'block', 'mutex', 'trace'];
/** The defaults of the profile settings: CPU and heap only; everything, when asked for. */
const PROFILE_DEFAULTS = {
    kinds: ['cpu', 'mem'],
    blockRate: 1,
    mutexFraction: 1,
    rounds: 5
};
/**
 * ProfileSettings from a front end's raw values (already bounded as
 * numbers), defaults for what is absent. `name` is how the front end calls
 * the list (`--profiles`, `input "profiles"`).
 */
function profileSettings(raw, name) {
    return {
        kinds: raw.kinds ? parseProfileKinds(raw.kinds, name) : [...PROFILE_DEFAULTS.kinds],
        blockRate: raw.blockRate ?? PROFILE_DEFAULTS.blockRate,
        mutexFraction: raw.mutexFraction ?? PROFILE_DEFAULTS.mutexFraction,
        rounds: raw.rounds ?? PROFILE_DEFAULTS.rounds
    };
}
/**
 * The families of `fail-on-contention` (`mutex,sched`; `all`; `none` or
 * empty for report-only). Throws SettingsError naming the input.
 */
function parseContentionFamilies(items, name) {
    const out = new Set();
    for (const raw of items) {
        const item = raw.trim().toLowerCase();
        if (item === '' || item === 'none')
            continue;
        if (item === 'all')
            return [...CONTENTION_FAMILIES];
        if (!CONTENTION_FAMILIES.includes(item))
            throw new SettingsError(`${name}: invalid value ${JSON.stringify(raw)}; allowed: a list of ${CONTENTION_FAMILIES.join(', ')}, or all, or none (the default: report-only)`);
        out.add(item);
    }
    return CONTENTION_FAMILIES.filter(f => out.has(f));
}
/** Whether the contention pass runs: any of block, mutex or trace asked for. */
function wantsContention(p) {
    return p !== undefined && p.kinds.some(k => k === 'block' || k === 'mutex' || k === 'trace');
}
/**
 * The profile kinds of a list (`cpu,mem,mutex`), cpu and mem added when
 * left out (the per-op breakdown needs them), in PROFILE_KINDS order.
 * Throws SettingsError naming the input and the unknown kind.
 */
function parseProfileKinds(items, name) {
    const wanted = new Set(['cpu', 'mem']);
    for (const raw of items) {
        const item = raw.trim().toLowerCase();
        if (item === '')
            continue;
        if (!PROFILE_KINDS.includes(item))
            throw new SettingsError(`${name}: invalid value ${JSON.stringify(raw)}; allowed: a list of ${PROFILE_KINDS.join(', ')} (the default is cpu,mem)`);
        wanted.add(item);
    }
    return PROFILE_KINDS.filter(k => wanted.has(k));
}
/** The defaults of the run settings. */
const RUN_DEFAULTS = {
    packages: ['./...'],
    bench: '.',
    count: 6,
    benchtime: '1s',
    timeout: '60m',
    topK: 50,
    maxProfileBytes: DEFAULT_MAX_PROFILE_BYTES
};
/** A setting with a bad value; the message names the input and what is allowed. */
class SettingsError extends Error {
    name = 'SettingsError';
}
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
/** Check a RunSettings value; throws SettingsError. */
function validateRunSettings(s, names) {
    const fail = (key, value, allowed) => {
        throw new SettingsError(`${names[key]}: invalid value ${JSON.stringify(value)}; ${allowed}`);
    };
    if (!Number.isInteger(s.count) || s.count < 1 || s.count > 1000) {
        fail('count', s.count, 'use a whole number from 1 to 1000 (at least 4 for a verdict, 6 for a confidence interval)');
    }
    if (!DURATION.test(s.benchtime) && !/^\d+x$/.test(s.benchtime)) {
        fail('benchtime', s.benchtime, 'use a Go duration such as 1s or 500ms, or an iteration count such as 100x');
    }
    if (!DURATION.test(s.timeout) && s.timeout !== '0') {
        fail('timeout', s.timeout, 'use a Go duration such as 30m, or 0 for none');
    }
    if (s.bench.trim() === '' || /[\n\r\0]/.test(s.bench)) {
        fail('bench', s.bench, 'use a non-empty regular expression on one line, such as . or ^BenchmarkDecode');
    }
    if (!Number.isInteger(s.topK) || s.topK < 1 || s.topK > 10000) {
        fail('topK', s.topK, 'use a whole number from 1 to 10000');
    }
    if (s.packages.length === 0 || s.packages.some(p => p.trim() === '' || /[\n\r\0]/.test(p))) {
        fail('packages', s.packages, 'list one or more package patterns such as ./... or ./internal/codec');
    }
    return s;
}
/**
 * Bounds of every numeric setting, by the Action input's name. The CLI's
 * flag of the same name (`--max-functions`) takes the same bounds, so both
 * front ends accept and refuse the same values.
 */
const NUMBER_BOUNDS = {
    count: { min: 1, max: 1000, integer: true },
    'confirm-rounds': { min: 6, max: 1000, integer: true },
    'confirm-budget': { min: 1, max: 86400, integer: false },
    threshold: { min: 0, max: 1000, integer: false },
    'ab-threshold': { min: 0, max: 1000, integer: false },
    alpha: { min: 0.0001, max: 0.5, integer: false },
    'alloc-threshold': { min: 0, max: 1000, integer: false },
    'max-functions': { min: 1, max: 100, integer: true },
    'block-profile-rate': { min: 1, max: 1e9, integer: true },
    'mutex-profile-fraction': { min: 1, max: 1e6, integer: true },
    'contention-rounds': { min: 3, max: 100, integer: true },
    'contention-threshold': { min: 0, max: 1000, integer: false }
};
/** "a whole number from 1 to 100": what a setting allows, for messages. */
function describeBounds(b) {
    return `${b.integer ? 'a whole number' : 'a number'} from ${b.min} to ${b.max}`;
}
/** The value of raw text for this setting, or undefined when it is not allowed. */
function parseBounded(raw, setting) {
    const b = NUMBER_BOUNDS[setting];
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v < b.min || v > b.max)
        return undefined;
    if (b.integer && !Number.isInteger(v))
        return undefined;
    return v;
}

;// CONCATENATED MODULE: ./src/compare/hunks.ts
/**
 * Lines of one file matched between two revisions through their diff, so
 * a line keeps its identity when lines are inserted or deleted above it.
 * The hunks are `git diff --unified=0`'s: each says which base lines were
 * replaced by which head lines; every line outside a hunk is the same text
 * on both sides, shifted by the hunks before it.
 */
/** The hunks of a `git diff --unified=0` of one file, in order. */
function parseHunks(diff) {
    const out = [];
    for (const m of diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm))
        out.push({
            baseStart: Number(m[1]),
            baseCount: m[2] === undefined ? 1 : Number(m[2]),
            headStart: Number(m[3]),
            headCount: m[4] === undefined ? 1 : Number(m[4])
        });
    return out;
}
/**
 * Where base line `line` is in head: shifted past the hunks above it, or,
 * inside a hunk, the head line at the same position when the hunk has one
 * (an edit: the i-th replaced line became the i-th new one). Undefined
 * when the line was deleted.
 */
function baseToHead(hunks, line) {
    let shift = 0;
    for (const h of hunks) {
        // With no base lines, the hunk inserts after base line baseStart.
        const end = h.baseCount === 0 ? h.baseStart : h.baseStart + h.baseCount - 1;
        if (h.baseCount > 0 && line >= h.baseStart && line <= end) {
            const i = line - h.baseStart;
            return i < h.headCount ? { line: h.headStart + i, edited: true } : undefined;
        }
        if (end >= line)
            break;
        shift += h.headCount - h.baseCount;
    }
    return { line: line + shift, edited: false };
}
/** Where head line `line` was in base (baseToHead the other way round); undefined when it was added. */
function headToBase(hunks, line) {
    const swapped = hunks.map(h => ({
        baseStart: h.headStart,
        baseCount: h.headCount,
        headStart: h.baseStart,
        headCount: h.baseCount
    }));
    return baseToHead(swapped, line);
}

;// CONCATENATED MODULE: ./src/compare/lines.ts

/** SourceView.between when both sides were built from one tree (the demo): no diff to match through. */
const SAME_TREE = 'the same tree on both sides';
/** Hot lines shown per function. */
const HOT_LINES = 5;
/** The longest line text kept, in characters. */
const LINE_TEXT_MAX = 160;
const NONE = { flat: 0, cum: 0, self: 0 };
function lines_text(lines, n) {
    if (!lines || n === null || n < 1 || n > lines.length)
        return undefined;
    const t = lines[n - 1].replace(/\r$/, '').trimStart();
    return t.length > LINE_TEXT_MAX ? t.slice(0, LINE_TEXT_MAX - 1) + '…' : t;
}
function costs(l) {
    return l ? { flat: l.flat, cum: l.cum, self: l.self } : NONE;
}
/**
 * A function's lines whose cost differs between the sides, the largest
 * change of own cost (self) in `direction` first, at most `max`.
 */
function lineDeltas(file, base, head, direction, max = HOT_LINES) {
    const headBy = new Map(head.map(l => [l.line, l]));
    const used = new Set();
    const rows = [];
    const add = (b, h, change) => {
        const bc = costs(b === null ? undefined : base.find(l => l.line === b));
        const hc = costs(h === null ? undefined : headBy.get(h));
        const row = {
            line: h,
            baseLine: b,
            change,
            base: bc,
            head: hc,
            delta: { flat: hc.flat - bc.flat, cum: hc.cum - bc.cum, self: hc.self - bc.self }
        };
        const t = h !== null ? lines_text(file.head, h) : lines_text(file.base, b);
        if (t !== undefined)
            row.text = t;
        const bt = change === 'edited' ? lines_text(file.base, b) : undefined;
        if (bt !== undefined)
            row.baseText = bt;
        rows.push(row);
    };
    for (const l of base) {
        const m = baseToHead(file.hunks, l.line);
        if (!m)
            add(l.line, null, 'gone');
        else {
            used.add(m.line);
            add(l.line, m.line, m.edited ? 'edited' : m.line === l.line ? 'same' : 'moved');
        }
    }
    for (const l of head) {
        if (used.has(l.line))
            continue;
        const m = headToBase(file.hunks, l.line);
        if (!m)
            add(null, l.line, 'new');
        else
            add(m.line, l.line, m.edited ? 'edited' : m.line === l.line ? 'same' : 'moved');
    }
    return rows
        .filter(r => r.delta.self !== 0 || r.delta.cum !== 0)
        .sort((x, y) => direction * (y.delta.self - x.delta.self) ||
        direction * (y.delta.cum - x.delta.cum) ||
        (x.line ?? x.baseLine ?? 0) - (y.line ?? y.baseLine ?? 0))
        .slice(0, max);
}

;// CONCATENATED MODULE: ./src/measure/sources.ts
/**
 * The sources behind hot lines: for the repository files the two sides'
 * profiles name, the diff between the revisions they were measured at and
 * each file's lines on both sides (compare/lines.ts matches lines through
 * it). The head is the work tree when it was measured at the checked-out
 * commit (a pull request's checkout, or local edits), else its commit.
 * Paths come from bundles, which a fork can forge: each must be a plain
 * path in the repository, and a work-tree file must be a regular file
 * inside it, never a symlink.
 */







/** Files read at most per comparison. */
const MAX_SOURCE_FILES = 200;
/** The largest source file read, in bytes. */
const MAX_SOURCE_BYTES = 4 << 20;
/**
 * The repository files that the functions of either side name: those
 * with line costs first (hot lines), then the rest (whether the diff
 * changed a function, compare/decls.ts), at most MAX_SOURCE_FILES.
 */
function filesWithLines(...sides) {
    const out = new Set();
    const rest = new Set();
    for (const benchmarks of sides)
        for (const b of benchmarks)
            for (const list of Object.values(b.functions ?? {}))
                for (const f of list ?? [])
                    if (f.file)
                        (f.lines?.length ? out : rest).add(f.file);
    const sorted = (set) => [...set].filter(isRepositoryPath).sort();
    return [...sorted(out), ...sorted(rest).filter(f => !out.has(f))].slice(0, MAX_SOURCE_FILES);
}
/** A work-tree file's lines, or undefined when it is not a regular file inside `root`. */
async function workTreeLines(root, file) {
    const path = (0,external_node_path_namespaceObject.join)(root, file);
    try {
        if (!(await (0,promises_namespaceObject.lstat)(path)).isFile())
            return undefined;
        const rel = (0,external_node_path_namespaceObject.relative)(await (0,promises_namespaceObject.realpath)(root), await (0,promises_namespaceObject.realpath)(path));
        if (rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel))
            return undefined;
        return (await readTextCapped(path, MAX_SOURCE_BYTES, 'a source file')).split('\n');
    }
    catch (err) {
        if (err instanceof FileError || err.code)
            return undefined;
        throw err;
    }
}
async function commitLines(git, root, commit, file) {
    const r = await git.run(root, ['show', '--no-textconv', `${commit}:${file}`]);
    return r.code === 0 && r.stdout.length <= MAX_SOURCE_BYTES ? r.stdout.split('\n') : undefined;
}
/**
 * Both sides measured in this very tree (the demo, an A/B of the work tree
 * under two build flags): every line is the same line.
 */
function sameTreeSources(root) {
    return async (base, head) => {
        const files = new Map();
        for (const file of filesWithLines(base.benchmarks, head.benchmarks)) {
            const lines = await workTreeLines(root, file);
            files.set(file, lines ? { hunks: [], head: lines, base: lines } : { hunks: [] });
        }
        return { between: SAME_TREE, files };
    };
}
/**
 * The root that bundle file paths are relative to for a run in `dir`: its
 * git checkout's top level, or `dir` itself outside git.
 */
async function repositoryRoot(git, dir) {
    return (await gitOutput(git, dir, ['rev-parse', '--show-toplevel'])) || dir;
}
/** A commit a bundle names: hex before git sees it, and in the clone (fetched if need be). */
async function usableCommit(git, root, sha) {
    return /^[0-9a-f]{7,64}$/.test(sha) && haveCommit(git, root, sha);
}
/** Sources from git in the checkout that holds `dir`: the diff from the base's commit to the head's. */
function gitSources(git, dir) {
    return async (base, head) => {
        if (!base.commit)
            return { unavailable: 'the base names no commit to diff against' };
        const root = await gitOutput(git, dir, ['rev-parse', '--show-toplevel']);
        const checkedOut = root && (await gitOutput(git, root, ['rev-parse', 'HEAD']));
        if (!root || !checkedOut)
            return { unavailable: `${dir} is not in a git checkout` };
        if (!(await usableCommit(git, root, base.commit)))
            return { unavailable: `the base commit ${base.commit.slice(0, 64)} is not in the clone` };
        const workTree = head.commit === '' || head.commit === checkedOut;
        if (!workTree && !(await usableCommit(git, root, head.commit)))
            return { unavailable: `the head commit ${head.commit.slice(0, 64)} is not in the clone` };
        const files = new Map();
        for (const file of filesWithLines(base.benchmarks, head.benchmarks)) {
            const range = workTree ? [base.commit] : [base.commit, head.commit];
            const diff = await git.run(root, [
                '-c',
                'core.quotepath=off',
                'diff',
                '--no-color',
                '--no-ext-diff',
                '--no-textconv',
                '--no-renames',
                '--unified=0',
                ...range,
                '--',
                file
            ]);
            if (diff.code !== 0)
                continue;
            const [headLines, baseLines] = await Promise.all([
                workTree ? workTreeLines(root, file) : commitLines(git, root, head.commit, file),
                commitLines(git, root, base.commit, file)
            ]);
            const source = { hunks: parseHunks(diff.stdout) };
            if (headLines)
                source.head = headLines;
            if (baseLines)
                source.base = baseLines;
            files.set(file, source);
        }
        return {
            between: `${base.commit.slice(0, 12)}..${workTree ? 'the work tree' : head.commit.slice(0, 12)}`,
            files
        };
    };
}
/**
 * Ask a loader for the sources of two loaded sides; without a loader,
 * undefined. Hot lines are an extra: a loader that fails costs them, never
 * the comparison.
 */
async function sourcesFor(loader, base, head) {
    if (!loader)
        return undefined;
    try {
        return await loader({ benchmarks: base.benchmarks, commit: base.environment?.commit ?? '' }, { benchmarks: head.benchmarks, commit: head.environment?.commit ?? '' });
    }
    catch (err) {
        return { unavailable: `the sources could not be read (${err.message})` };
    }
}

;// CONCATENATED MODULE: ./src/measure/pipeline.ts
/**
 * The "measure" stage of the data flow: discover packages, measure them
 * (packages.ts: build once, calibrate, a process per sample), the
 * contention pass when asked for, then hand the results and profiles to
 * the bundle builder.
 */















/** No benchmark was run at all: the regex matched nothing, or no package has benchmarks. */
class NoBenchmarksError extends Error {
    name = 'NoBenchmarksError';
}
/** Run the benchmarks and write the bundle. Failed packages are recorded, not thrown. */
async function runToBundle(go, git, settings, onEvent = () => { }) {
    const dir = (0,external_node_path_namespaceObject.resolve)(settings.dir);
    const { discovered, withBenchmarks, shard } = await packagesToRun(go, dir, settings, onEvent);
    await checkTraceSupport(go, dir, settings);
    const reuse = settings.iterationsFrom ? await reusableCounts(settings.iterationsFrom) : undefined;
    const bundleDir = (0,external_node_path_namespaceObject.resolve)(settings.out);
    await prepareOutDir(bundleDir);
    const scratch = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'benchgate-bin-'));
    const sampleDir = settings.binaryDir ? (0,external_node_path_namespaceObject.join)(settings.binaryDir, 'samples') : scratch;
    if (settings.binaryDir)
        await (0,promises_namespaceObject.mkdir)(sampleDir, { recursive: true });
    try {
        const profileDir = (0,external_node_path_namespaceObject.join)(bundleDir, 'profiles');
        await (0,promises_namespaceObject.mkdir)(profileDir, { recursive: true });
        const m = await measurePackages(go, withBenchmarks, {
            bench: settings.bench,
            count: settings.count,
            benchtime: settings.benchtime,
            extraFlags: settings.extraFlags,
            profileDir,
            binaryDir: settings.binaryDir ?? scratch,
            scratch: sampleDir,
            ...(reuse ? { reuse } : {}),
            ...(settings.unchanged ? { unchanged: settings.unchanged.filter } : {})
        }, onEvent);
        const runs = m.runs;
        const failed = runs.filter(r => r.status === 'failed');
        pipeline_checkMatched(runs, settings.bench);
        const contention = await contentionOf(go, m.targets, scratch, settings, onEvent);
        const repoRoot = await repositoryRoot(git, dir);
        const measured = m.measured.map(x => {
            onEvent({ type: 'attributing', pkg: x.importPath });
            return { ...x, contention };
        });
        const bundle = await buildBundle(go, git, {
            dir: bundleDir,
            cwd: dir,
            repoRoot,
            modules: modulesOf(discovered),
            topK: settings.topK,
            maxProfileBytes: settings.maxProfileBytes,
            commit: settings.commit,
            ref: settings.ref,
            settings: {
                ...recordedSettings(settings, reuse !== undefined, shard),
                ...(settings.unchanged ? { since: settings.unchanged.ref } : {})
            },
            skipped: m.unchanged.map(p => ({ package: p.importPath, reason: IDENTICAL_REASON }))
        }, measured);
        return {
            bundle,
            bundleDir,
            runs,
            failed,
            binaries: settings.binaryDir ? m.binaries : new Map(),
            builds: m.builds,
            samples: m.samples
        };
    }
    finally {
        await (0,promises_namespaceObject.rm)(scratch, { recursive: true, force: true });
    }
}
/**
 * The packages a run measures: those with benchmarks under `dir`, this
 * shard's share of them. Reports them (and the ones without benchmarks);
 * none at all is a NoBenchmarksError that says where to point.
 */
async function packagesToRun(go, dir, settings, onEvent) {
    const discovered = await discoverPackages(go, dir, settings.packages);
    const all = discovered.filter(p => p.hasBenchmarks);
    const skipped = discovered.filter(p => !p.hasBenchmarks);
    if (all.length === 0) {
        onEvent({ type: 'discovered', run: all, skipped });
        throw new NoBenchmarksError(`none of the ${discovered.length} packages matched by ${settings.packages.join(' ')} under ${dir} declares a Benchmark function. Point the packages input (--packages) at code with benchmarks`);
    }
    const { packages: withBenchmarks, shard } = await selectShard(all, settings.shard);
    onEvent({ type: 'discovered', run: withBenchmarks, skipped, ...(shard ? { shard } : {}) });
    return { discovered, withBenchmarks, ...(shard ? { shard } : {}) };
}
/** The settings a bundle records: what was asked for, whether counts came from a baseline, the shard. */
function recordedSettings(settings, reused, shard) {
    return {
        packages: settings.packages,
        bench: settings.bench,
        count: settings.count,
        benchtime: settings.benchtime,
        timeout: settings.timeout,
        extraFlags: settings.extraFlags,
        topK: settings.topK,
        samples: SAMPLES_RECORDED,
        ...(reused ? { iterationsFrom: 'baseline' } : {}),
        ...(shard
            ? {
                shard: `${shard.index}/${shard.count}`,
                shardBalancedBy: shard.balancedBy,
                shardAssignment: shard.assignment
            }
            : {}),
        ...(wantsContention(settings.profiles) ? { profiles: settings.profiles } : {})
    };
}
/**
 * What a run leaves to an A/B of the same head (confirmation): its test
 * binaries (never built twice), each benchmark's fixed iteration count
 * (both sides then do the same work), and its samples' profiles (pooled
 * into the head's per-op costs). Empty maps when the binaries were not kept.
 */
function headReuse(outcome) {
    const iterations = new Map();
    const pool = new Map();
    for (const x of outcome.samples) {
        const key = passKey(x.target.importPath, x.target.name);
        iterations.set(key, x.target.iterations);
        if (outcome.binaries.size > 0 && x.profiles.cpu.length > 0)
            pool.set(key, { iterations: x.target.iterations, profiles: x.profiles });
    }
    return { prebuilt: outcome.binaries, iterations, pool };
}
/** How a bundle's samples were taken, as its settings record it (docs/bundle.md). */
const SAMPLES_RECORDED = 'a process per sample at a fixed iteration count (-benchtime=Nx), and one run at a tenth of it per benchmark (docs/comparison.md)';
/** The modules of the discovered packages, for trimmed file names (measure/per-op.ts). */
function modulesOf(packages) {
    const out = new Map();
    for (const p of packages)
        if (p.module)
            out.set(p.module.path, p.module.dir);
    return [...out].map(([path, moduleDir]) => ({ path, dir: moduleDir }));
}
/**
 * The fixed iteration counts a bundle's benchmarks ran at, by passKey (the
 * median b.N of a bundle made before counts were fixed): a pull request
 * reuses its baseline's, so both sides do the same work.
 */
async function reusableCounts(dir) {
    const { bundle } = await readBundle(dir);
    const out = new Map();
    for (const b of bundle.benchmarks)
        if (b.iterations.length > 0)
            out.set(targets_passKey(b.package, b.name), Math.round(median(b.iterations)));
    return out;
}
/** The contention pass, when asked for, after the samples and never beside them. */
async function contentionOf(go, targets, scratch, settings, onEvent) {
    if (!wantsContention(settings.profiles))
        return undefined;
    const runFlags = splitTestFlags(settings.extraFlags).run;
    return contentionPass(go, targets, { scratch, runFlags, profiles: settings.profiles }, onEvent);
}
/**
 * Refuse, before any benchmark runs, a trace the Go toolchain cannot turn
 * into profiles (traceUnsupported), naming the version and what to do.
 */
async function checkTraceSupport(go, cwd, settings) {
    if (!settings.profiles?.kinds.includes('trace'))
        return;
    const r = await go.run(['env', 'GOVERSION'], { cwd });
    const why = r.code === 0 ? traceUnsupported(r.stdout.trim()) : undefined;
    if (why)
        throw new SettingsError(why);
}
/** A -bench that matched nothing in any package is an error naming it. */
function pipeline_checkMatched(runs, bench) {
    // No run at all: every package was left out as unchanged, which is an answer.
    if (runs.length === 0 || !runs.every(r => r.status === 'no-match'))
        return;
    throw new NoBenchmarksError(`-bench regular expression ${JSON.stringify(bench)} matched no benchmark in the ${runs.length} package(s) that have benchmarks (${runs
        .slice(0, 5)
        .map(r => r.pkg.importPath)
        .join(', ')}${runs.length > 5 ? ', …' : ''}). Check the bench input (--bench)`);
}
/** Refuse, before any work, a non-empty output directory that is not a bundle: it is the user's. */
async function checkOutDir(dir) {
    if (!(0,external_node_fs_namespaceObject.existsSync)(dir))
        return;
    const entries = await (0,promises_namespaceObject.readdir)(dir);
    if (entries.length > 0 && !entries.includes('results.json')) {
        throw new DiscoveryError(`output directory ${dir} is not empty and holds no results.json; choose an empty or new directory with --out`);
    }
}
/** Refuse to overwrite a non-empty directory that is not a bundle; clear an old bundle's profiles. */
async function prepareOutDir(dir) {
    await checkOutDir(dir);
    if ((0,external_node_fs_namespaceObject.existsSync)(dir)) {
        await (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(dir, 'profiles'), { recursive: true, force: true });
        await (0,promises_namespaceObject.rm)((0,external_node_path_namespaceObject.join)(dir, 'results.json'), { force: true });
    }
    await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
}

;// CONCATENATED MODULE: ./src/ab/side-bundle.ts
/**
 * One A/B side's bundle: its samples per package (the head's pooled with
 * the run's samples of the same binary), written by the same builder as
 * `run`, with file names mapped into that side's tree.
 */







/** How a side is named in its bundle and in messages. */
function sideLabel(s, side) {
    const own = s.sideFlags?.[side] ?? [];
    const ref = s[side] ?? 'work tree';
    return own.length > 0 ? `${ref} (${own.join(' ')})` : ref;
}
/** One side's bundle: its samples per package (the head's pooled with the run's), the shared builder. */
async function writeSide(go, git, w, s, name, dir) {
    await prepareOutDir(dir);
    const { state } = w;
    const flags = flagsOf(s, name);
    const profileDir = (0,external_node_path_namespaceObject.join)(dir, 'profiles');
    await (0,promises_namespaceObject.mkdir)(profileDir, { recursive: true });
    const measured = [];
    for (const pkg of w.paired) {
        const own = [...state.samples.values()].filter(x => x.target.importPath === pkg.importPath && x.results.length > 0);
        const cwd = (0,external_node_path_namespaceObject.join)(state.root, (0,external_node_path_namespaceObject.relative)(w.headRoot, pkg.dir));
        const merged = own.length > 0
            ? await mergeSampleProfiles(go, own, profileDir, { importPath: pkg.importPath, dir: cwd })
            : {};
        const run = {
            pkg,
            status: own.length > 0 ? 'ok' : 'no-match',
            results: resultsInRoundOrder(own),
            failures: [],
            unfinished: [],
            config: own[0]?.config ?? {},
            durationMs: own.reduce((t, x) => t + x.durationMs, 0),
            ...merged
        };
        const m = measurementOf(run, own);
        if (name === 'head' && s.pool)
            poolInto(m.pass, s.pool);
        measured.push({ ...m, contention: state.contention });
    }
    await buildBundle(go, git, {
        dir,
        cwd: (0,external_node_path_namespaceObject.join)(state.root, w.sub),
        repoRoot: state.root,
        modules: w.modules.map(m => ({
            path: m.path,
            dir: (0,external_node_path_namespaceObject.join)(state.root, (0,external_node_path_namespaceObject.relative)(w.headRoot, m.dir))
        })),
        topK: s.topK,
        maxProfileBytes: s.maxProfileBytes,
        commit: (await gitOutput(git, state.root, ['rev-parse', 'HEAD'])) ?? '',
        ref: sideLabel(s, name),
        skipped: w.skipped,
        settings: {
            mode: 'ab',
            rounds: s.rounds,
            bench: s.bench,
            benchtime: s.benchtime,
            buildFlags: flags,
            schedule: s.schedule ?? 'abba',
            samples: SAMPLES_RECORDED
        }
    }, measured);
    return dir;
}
/**
 * The head's samples from the run (same binary, same iteration count),
 * added to its A/B rounds' profiles: the function diff gets every sample
 * the job paid for.
 */
function poolInto(pass, pool) {
    for (const [key, p] of pass) {
        const extra = pool.get(key);
        if (!extra || extra.iterations !== p.counts[1] || extra.profiles.cpu.length === 0)
            continue;
        p.high = {
            cpu: [...p.high.cpu, ...extra.profiles.cpu],
            mem: [...p.high.mem, ...extra.profiles.mem]
        };
        p.processes += extra.profiles.cpu.length;
    }
}

;// CONCATENATED MODULE: ./src/ab/identical.ts
/**
 * What cannot differ between the A/B sides (docs/design.md D16): a
 * package whose two test binaries are byte-identical runs the same code
 * (both are built with -trimpath, so the same source gives the same bytes
 * in any directory, and `go test -c` stamps no VCS information), and whose
 * other files in its directory (testdata/, data read at run time) are
 * identical reads the same inputs. Its benchmarks cannot have changed.
 *
 * What a binary cannot see: files read from outside the package
 * directory, the environment, cgo's shared libraries, the network. For
 * those, `--select all` measures everything.
 */


/** Whether two files hold the same bytes (sizes first, then contents); false when either cannot be read. */
async function sameBytes(a, b) {
    try {
        const [sa, sb] = await Promise.all([(0,promises_namespaceObject.stat)(a), (0,promises_namespaceObject.stat)(b)]);
        if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size)
            return false;
        const [ba, bb] = await Promise.all([(0,promises_namespaceObject.readFile)(a), (0,promises_namespaceObject.readFile)(b)]);
        return ba.equals(bb);
    }
    catch {
        return false;
    }
}
/** Version control directories (or, in a git worktree, the .git file): never package files. */
const VCS = new Set(['.git', '.hg', '.svn', '.bzr', '.jj']);
/**
 * The files beside a package's Go sources, relative to its directory,
 * sorted: every non-`.go` file, and everything under subdirectories that
 * are not Go packages of their own (testdata/ always), leaving out version
 * control's directories. A symbolic link is listed, not followed.
 */
async function packageFiles(dir, rel = '') {
    let entries;
    try {
        entries = await (0,promises_namespaceObject.readdir)((0,external_node_path_namespaceObject.join)(dir, rel), { withFileTypes: true });
    }
    catch {
        return [];
    }
    const out = [];
    for (const e of entries) {
        // Version control's own files: a checkout's .git directory is a file
        // in a worktree, and neither is anything the benchmarks read.
        if (VCS.has(e.name))
            continue;
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
            const inner = await (0,promises_namespaceObject.readdir)((0,external_node_path_namespaceObject.join)(dir, path)).catch(() => []);
            const isPackage = inner.some(n => n.endsWith('.go')) && e.name !== 'testdata';
            if (!isPackage)
                out.push(`${path}/`, ...(await packageFiles(dir, path)));
        }
        else if (!(rel === '' && e.name.endsWith('.go')))
            out.push(path);
    }
    return out.sort();
}
/**
 * Whether a package cannot differ between the sides: its test binaries
 * are byte-identical and so are the files beside its Go sources.
 */
async function cannotDiffer(binaries, dirs) {
    if (!(await sameBytes(binaries.base, binaries.head)))
        return false;
    const [base, head] = await Promise.all([packageFiles(dirs.base), packageFiles(dirs.head)]);
    if (base.length !== head.length || base.some((f, i) => f !== head[i]))
        return false;
    for (const f of base)
        if (!f.endsWith('/') && !(await sameBytes((0,external_node_path_namespaceObject.join)(dirs.base, f), (0,external_node_path_namespaceObject.join)(dirs.head, f))))
            return false;
    return true;
}

;// CONCATENATED MODULE: ./src/ab/worktree.ts
/**
 * Git worktrees of other revisions, for the A/B's sides and for `run
 * --since`: each checked out detached under a scratch directory, built
 * with the repository's own go.work (or none), and always removed.
 */




const abFail = (m) => new AbError(m);
/** Worktrees added under one scratch directory, removed together. */
class Worktrees {
    git;
    repoRoot;
    scratch;
    paths = [];
    /**
     * @param git the git seam
     * @param repoRoot the repository's top level
     * @param scratch where the worktrees go (one directory per name)
     */
    constructor(git, repoRoot, scratch) {
        this.git = git;
        this.repoRoot = repoRoot;
        this.scratch = scratch;
    }
    /**
     * Check out `ref` detached at scratch/name. An unknown ref is an
     * AbError that names `what` (the flag or input that gave it).
     */
    async add(name, ref, what = name) {
        const ok = await this.git.run(this.repoRoot, [
            'rev-parse',
            '--verify',
            '--quiet',
            `${ref}^{commit}`
        ]);
        if (ok.code !== 0)
            throw new AbError(`${what} ${JSON.stringify(ref)} is not a commit in ${this.repoRoot}; pass a branch, tag or SHA`);
        const path = (0,external_node_path_namespaceObject.join)(this.scratch, name);
        await gitOrThrow(this.git, this.repoRoot, ['worktree', 'add', '--detach', path, ref], abFail);
        this.paths.push(path);
        return path;
    }
    /** Remove every worktree added (errors ignored: the scratch directory goes anyway). */
    async removeAll() {
        for (const path of this.paths)
            await this.git.run(this.repoRoot, ['worktree', 'remove', '--force', path]);
        if (this.paths.length > 0)
            await this.git.run(this.repoRoot, ['worktree', 'prune']);
        this.paths.length = 0;
    }
}
/**
 * The GOWORK a worktree side builds with. Worktrees live in the temp
 * directory, and go looks for a go.work in every directory above: under a
 * shared $TMPDIR, a stranger's go.work there would decide what is built.
 * The repository's own go.work, where the work tree uses one inside the
 * repository, is taken at the same place in the worktree; else none.
 */
async function worktreeWorkspace(go, start, repoRoot, worktree) {
    const r = await go.run(['env', 'GOWORK'], { cwd: start });
    const own = r.code === 0 ? r.stdout.trim() : '';
    if (own === '' || own === 'off')
        return 'off';
    const rel = (0,external_node_path_namespaceObject.relative)(repoRoot, own);
    if (rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel))
        return 'off';
    const mapped = (0,external_node_path_namespaceObject.join)(worktree, rel);
    return (0,external_node_fs_namespaceObject.existsSync)(mapped) ? mapped : 'off';
}
/** The same toolchain, with `env` for every go command (undefined: as it is). */
function withEnv(go, env) {
    if (!env)
        return go;
    return {
        run: (args, options) => go.run(args, { ...options, env: options.env ?? env }),
        runTestBinary: (binary, args, options) => go.runTestBinary(binary, args, options)
    };
}

;// CONCATENATED MODULE: ./src/ab/ab.ts
/**
 * Interleaved A/B runs on one machine: build the test binaries of the base
 * revision (checked out in a git worktree) and of the head, then run them
 * alternately, round by round, in ABBA order (AB, BA, AB, …) so neither
 * side always goes first. Each round is one `-test.count=1` run per side,
 * with profiles. Drift between rounds then hits both sides alike. The
 * result is one bundle per side, written by the same builder as `run`.
 */



















const ab_abFail = (m) => new AbError(m);
/** Run the A/B rounds and write out/base and out/head bundles. Worktrees are always removed. */
async function runAb(go, git, s, onEvent = () => { }) {
    for (const side of ['base', 'head'])
        await checkOutDir((0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.resolve)(s.out), side));
    if (s.base === undefined && s.head === undefined && sideLabel(s, 'base') === sideLabel(s, 'head'))
        throw new AbError('both A/B sides are the work tree with the same flags; give a base revision');
    const start = (0,external_node_path_namespaceObject.resolve)(s.dir);
    // Worktrees need a repository; two builds of the work tree do not.
    const repoRoot = s.base === undefined && s.head === undefined
        ? ((await gitOutput(git, start, ['rev-parse', '--show-toplevel'])) ?? start)
        : await gitOrThrow(git, start, ['rev-parse', '--show-toplevel'], ab_abFail);
    const sub = (0,external_node_path_namespaceObject.relative)(repoRoot, start);
    const scratch = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'benchgate-ab-'));
    const worktrees = new Worktrees(git, repoRoot, scratch);
    const worktreeSide = async (side, ref) => {
        const root = await worktrees.add(side, ref, `--${side}`);
        onEvent({ type: 'worktree', side, ref, path: root });
        const gowork = await worktreeWorkspace(go, start, repoRoot, root);
        return {
            root,
            env: { ...process.env, GOWORK: gowork },
            binaries: new Map(),
            samples: new Map()
        };
    };
    const workTree = () => ({ root: repoRoot, binaries: new Map(), samples: new Map() });
    try {
        const sides = {
            base: s.base !== undefined ? await worktreeSide('base', s.base) : workTree(),
            head: s.head ? await worktreeSide('head', s.head) : workTree()
        };
        const headGo = withEnv(go, sides.head.env);
        const found = (await discoverPackages(headGo, (0,external_node_path_namespaceObject.join)(sides.head.root, sub), s.packages)).filter(p => p.hasBenchmarks && (!s.only || s.only.has(p.importPath)));
        const { packages } = await selectShard(found, s.shard);
        const { paired, same, duet } = await measureWhatCanDiffer(go, sides, packages, scratch, s, onEvent);
        const side = (name) => writeSide(withEnv(go, sides[name].env), git, {
            state: sides[name],
            headRoot: sides.head.root,
            sub,
            scratch,
            paired,
            skipped: same.map(p => ({ package: p.importPath, reason: IDENTICAL_REASON })),
            modules: modulesOf(found)
        }, 
        // What ran: a duet that fell back is recorded as ABBA.
        { ...s, schedule: duet ? 'duet' : 'abba' }, name, (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.resolve)(s.out), name));
        return { baseDir: await side('base'), headDir: await side('head') };
    }
    finally {
        await worktrees.removeAll();
        await (0,promises_namespaceObject.rm)(scratch, { recursive: true, force: true });
    }
}
/**
 * Build both sides, leave out what cannot differ (unless s.select is
 * all), then calibrate and run the rounds of the rest. Returns the
 * packages measured, those left out, and the duet plan that ran, if any.
 */
async function measureWhatCanDiffer(go, sides, packages, scratch, s, onEvent) {
    const built = await buildBinaries(go, sides, packages, scratch, s, onEvent);
    const same = s.select === 'all' ? [] : await identicalPackages(sides, built);
    for (const p of same)
        onEvent({ type: 'identical', pkg: p.importPath });
    const paired = built.filter(p => !same.includes(p));
    if (paired.length === 0)
        return { paired, same };
    const targets = await calibrateHead(go, sides.head, paired, s, onEvent);
    const duet = await timedRounds(go, sides, targets, scratch, s, onEvent);
    if (wantsContention(s.profiles))
        await contentionRounds(go, sides, { headRoot: sides.head.root, scratch }, s, onEvent);
    return { paired, same, ...(duet ? { duet } : {}) };
}
/** The packages built on both sides that cannot differ between them (ab/identical.ts). */
async function identicalPackages(sides, packages) {
    const out = [];
    for (const pkg of packages) {
        const base = sides.base.binaries.get(pkg.importPath);
        const head = sides.head.binaries.get(pkg.importPath);
        if (!base || !head)
            continue;
        const dirs = { base: (0,external_node_path_namespaceObject.join)(sides.base.root, (0,external_node_path_namespaceObject.relative)(sides.head.root, pkg.dir)), head: pkg.dir };
        if (await cannotDiffer({ base, head }, dirs))
            out.push(pkg);
    }
    return out;
}
/**
 * Calibrate the head's packages: the benchmarks -bench selects, each at
 * the fixed iteration count given for it (the baseline's, through the
 * run) or calibrated here. Both sides then run every target at that count.
 */
async function calibrateHead(go, head, paired, s, onEvent) {
    const calibrations = await calibratePackages(go, paired.map(pkg => ({ pkg, binary: head.binaries.get(pkg.importPath) })), {
        bench: s.bench,
        benchtime: s.benchtime,
        runFlags: splitTestFlags(flagsOf(s, 'head')).run,
        ...(s.iterations ? { reuse: s.iterations } : {})
    }, e => {
        if (e.type === 'calibrated')
            onEvent({
                type: 'calibrated',
                pkg: e.result.pkg.importPath,
                benchmarks: e.result.targets.length
            });
    });
    const failed = calibrations.find(c => c.status === 'failed');
    if (failed)
        throw new AbError(`calibrating at the head revision failed: ${failed.error}`);
    const targets = calibrations.flatMap(c => c.targets);
    if (targets.length === 0)
        throw new AbError(`-bench regular expression ${JSON.stringify(s.bench)} matched no benchmark in the ${paired.length} package(s) with benchmarks on both sides (${paired
            .slice(0, 5)
            .map(p => p.importPath)
            .join(', ')}). Check --bench`);
    return targets;
}
/**
 * Build each package's test binary on both sides, several at a time; the
 * head reuses the binaries the run built (s.prebuilt) rather than build
 * them again. A package new in head has nothing to pair with.
 */
async function buildBinaries(go, sides, packages, scratch, s, onEvent) {
    const paired = packages.filter(pkg => (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(sides.base.root, (0,external_node_path_namespaceObject.relative)(sides.head.root, pkg.dir))));
    if (paired.length === 0)
        throw new AbError('no package with benchmarks exists on both sides; nothing to compare');
    for (const side of ['base', 'head']) {
        const reuse = side === 'head' ? s.prebuilt : undefined;
        const toBuild = paired.filter(p => !reuse?.has(p.importPath));
        for (const p of paired) {
            const bin = reuse?.get(p.importPath);
            if (bin)
                sides.head.binaries.set(p.importPath, bin);
        }
        const built = await buildTestBinaries(go, toBuild.map(pkg => ({
            ...pkg,
            dir: (0,external_node_path_namespaceObject.join)(sides[side].root, (0,external_node_path_namespaceObject.relative)(sides.head.root, pkg.dir))
        })), {
            binaryDir: scratch,
            buildFlags: splitTestFlags(flagsOf(s, side)).build,
            ...(sides[side].env ? { env: sides[side].env } : {}),
            nameOf: pkg => `${side}-${packageStem(pkg.importPath)}.test`
        }, e => {
            if (e.type === 'built')
                onEvent({ type: 'build', side, pkg: e.pkg.importPath });
        });
        for (const b of built) {
            if ('error' in b)
                throw new AbError(`building ${b.pkg.importPath} at the ${side} revision (${sideLabel(s, side)}) failed:\n${tail(b.error)}`);
            sides[side].binaries.set(b.pkg.importPath, b.binary);
        }
    }
    return paired;
}

;// CONCATENATED MODULE: ./src/compare/model.ts
/** Every verdict a benchmark or metric can have. */
const VERDICTS = [
    'regression',
    'improvement',
    'unchanged',
    'too-few-samples',
    'inconclusive',
    'new',
    'removed',
    'failed'
];
/** The significance tests a comparison can use. */
const STAT_TESTS = ['welch', 'utest', 'wilcoxon', 'sequential'];
/** The defaults of every comparison option, as action.yml documents them. */
const COMPARE_DEFAULTS = {
    threshold: 5,
    abThreshold: 2.5,
    alpha: 0.05,
    allocThreshold: 0,
    maxFunctions: 10,
    failOnAlloc: false,
    test: 'welch',
    contentionThreshold: 10,
    failOnContention: []
};
/** The U test needs this many values per side before anything can be significant at 0.05. */
const MIN_SAMPLES = 4;
/** The signed-rank test needs this many rounds (2 / 2^6 = 0.031). */
const MIN_ROUNDS = 6;
/** The gates a pull request can be judged by. */
const GATE_MODES = ['confirmed', 'baseline', 'ab'];
/** Units measured in time per op: the gating metric. */
function model_isTimeUnit(unit) {
    return /^(ns|us|µs|ms|s|sec)\/op$/.test(unit);
}
/** Rates (`MB/s`, `ops/s`) are better when larger; everything else per op is better smaller. */
function betterDirection(unit) {
    return /\/s$/.test(unit) ? 'higher' : 'lower';
}
/** Benchmarks are matched across sides by package and full name. */
const benchmarkKey = (b) => `${b.package}\u0000${b.name}`;

;// CONCATENATED MODULE: ./src/compare/sanitize-fields.ts
/**
 * The reader's limits, shared with the writer (fitReport), so whatever a
 * pull-request run uploads the comment job accepts (docs/design.md D12).
 * Strings are counted in UTF-16 code units, as JavaScript's length does.
 */
const REPORT_LIMITS = {
    /** Any string without a limit of its own (names, packages, summaries, reasons). */
    text: 2000,
    unit: 100,
    commit: 100,
    goVersion: 100,
    ref: 300,
    key: 100,
    repository: 300,
    benchmarks: 100_000,
    metrics: 100,
    /** Function rows per measure. */
    functions: 1000,
    /** Steps of a call path. */
    path: 64,
    /** Hot lines of a function, and the length of a line's text. */
    lines: 64,
    lineText: 1000,
    file: 1024,
    reasons: 10_000,
    warnings: 100,
    notes: 100,
    geomean: 1000
};
/** REPORT_LIMITS, for short. */
const L = REPORT_LIMITS;
/** The report is not one we wrote, or was tampered with. */
class ReportError extends Error {
    name = 'ReportError';
}
/** Throw the ReportError for a malformed field at `where`. */
function fail(where) {
    throw new ReportError(`the report artifact is malformed at ${where}; it was not written by this version of benchgate, or it was altered`);
}
/** A string of at most `max` characters. */
const str = (v, where, max = L.text) => typeof v === 'string' && v.length <= max ? v : fail(where);
/** A finite number. */
const num = (v, where) => typeof v === 'number' && Number.isFinite(v) ? v : fail(where);
/** A finite number, or null. */
const numOrNull = (v, where) => v === null ? null : num(v, where);
/** A boolean. */
const bool = (v, where) => typeof v === 'boolean' ? v : fail(where);
/** An array of at most `max` items. */
const arr = (v, where, max = L.benchmarks) => Array.isArray(v) && v.length <= max ? v : fail(where);
/** A plain object. */
const obj = (v, where) => v && typeof v === 'object' && !Array.isArray(v) ? v : fail(where);
/** One of the allowed strings. */
function oneOf(v, allowed, where) {
    return allowed.includes(v) ? v : fail(where);
}
/** A side summary (median, n, CI), or null. */
function side(v, where) {
    if (v === null)
        return null;
    const o = obj(v, where);
    const s = { median: num(o.median, `${where}.median`), n: num(o.n, `${where}.n`) };
    if (o.ci !== undefined) {
        const ci = obj(o.ci, `${where}.ci`);
        s.ci = { lo: num(ci.lo, `${where}.ci.lo`), hi: num(ci.hi, `${where}.ci.hi`) };
    }
    return s;
}

;// CONCATENATED MODULE: ./src/compare/sanitize-contention.ts
/**
 * A fork report's contention comparisons, rebuilt field by field
 * (report-artifact.ts): known metrics and measures only, numbers checked;
 * the comment job re-judges their verdicts and gates.
 */



/**
 * A benchmark's contention comparison, field by field: known metrics and
 * measures only; the verdicts and gates are re-judged by the comment job
 * (judge/rejudge.ts).
 */
function contention(v, w, functionDelta) {
    const o = obj(v, w);
    const rounds = obj(o.rounds, `${w}.rounds`);
    const c = {
        rows: arr(o.rows, `${w}.rows`, L.metrics).map((x, i) => {
            const r = obj(x, `${w}.rows[${i}]`);
            const metric = oneOf(r.metric, Object.keys(CONTENTION_METRICS), `${w}.rows[${i}].metric`);
            return {
                metric,
                unit: CONTENTION_METRICS[metric].unit,
                verdict: oneOf(r.verdict, VERDICTS, `${w}.rows[${i}].verdict`),
                base: side(r.base, `${w}.rows[${i}].base`),
                head: side(r.head, `${w}.rows[${i}].head`),
                deltaPercent: numOrNull(r.deltaPercent, `${w}.rows[${i}].deltaPercent`),
                p: numOrNull(r.p, `${w}.rows[${i}].p`),
                pAdjusted: numOrNull(r.pAdjusted, `${w}.rows[${i}].pAdjusted`),
                gates: bool(r.gates, `${w}.rows[${i}].gates`)
            };
        }),
        rounds: {
            base: num(rounds.base, `${w}.rounds.base`),
            head: num(rounds.head, `${w}.rounds.head`)
        },
        measuredBy: oneOf(o.measuredBy, ['baseline', 'ab'], `${w}.measuredBy`)
    };
    if (o.functions !== undefined) {
        const f = obj(o.functions, `${w}.functions`);
        c.functions = {};
        for (const measure of Object.keys(CONTENTION_MEASURES)) {
            if (f[measure] === undefined)
                continue;
            c.functions[measure] = arr(f[measure], `${w}.functions.${measure}`, L.functions).map((x, i) => functionDelta(x, `${w}.functions.${measure}[${i}]`));
        }
    }
    return c;
}

;// CONCATENATED MODULE: ./src/compare/sanitize.ts
/**
 * Rebuilding a Comparison from JSON we did not make: a fork's report
 * artifact (github/report-artifact.ts) or a shard's comparison handed to
 * `merge`. Every field is type-checked and bounded; unknown fields are
 * dropped, and a malformed one is a ReportError that names it.
 */






/** A confidence interval of Δ in percent: a number below, a number or null (unbounded) above. */
function interval(v, where) {
    const o = obj(v, where);
    return { lo: num(o.lo, `${where}.lo`), hi: numOrNull(o.hi, `${where}.hi`) };
}
function metric(v, where, nested = false) {
    const o = obj(v, where);
    const m = {
        unit: str(o.unit, `${where}.unit`, L.unit),
        kind: oneOf(o.kind, ['time', 'noisy', 'exact'], `${where}.kind`),
        better: oneOf(o.better, ['lower', 'higher'], `${where}.better`),
        verdict: oneOf(o.verdict, VERDICTS, `${where}.verdict`),
        p: numOrNull(o.p, `${where}.p`),
        test: oneOf(o.test ?? 'utest', STAT_TESTS, `${where}.test`),
        pAdjusted: numOrNull(o.pAdjusted, `${where}.pAdjusted`),
        significantUncorrected: o.significantUncorrected === null ? null : o.significantUncorrected === true,
        deltaPercent: numOrNull(o.deltaPercent, `${where}.deltaPercent`),
        base: side(o.base, `${where}.base`),
        head: side(o.head, `${where}.head`)
    };
    if (o.interval !== undefined)
        m.interval = interval(o.interval, `${where}.interval`);
    if (o.detectable !== undefined)
        m.detectable = num(o.detectable, `${where}.detectable`);
    if (o.measuredBy !== undefined)
        m.measuredBy = oneOf(o.measuredBy, ['ab'], `${where}.measuredBy`);
    // One level only: a screen row holds no screen row of its own.
    if (o.screen !== undefined && !nested && m.measuredBy === 'ab')
        m.screen = metric(o.screen, `${where}.screen`, true);
    return m;
}
function benchmark(v, where) {
    const o = obj(v, where);
    const b = {
        package: str(o.package, `${where}.package`),
        name: str(o.name, `${where}.name`),
        verdict: oneOf(o.verdict, VERDICTS, `${where}.verdict`),
        metrics: arr(o.metrics, `${where}.metrics`, L.metrics).map((m, i) => metric(m, `${where}.metrics[${i}]`))
    };
    if (o.summary !== undefined)
        b.summary = str(o.summary, `${where}.summary`);
    // The judge's mark, for rendering; re-judging an untrusted report sets it again.
    if (o.blocks === true)
        b.blocks = true;
    if (o.shard !== undefined)
        b.shard = str(o.shard, `${where}.shard`);
    if (o.functionsFrom !== undefined)
        b.functionsFrom = oneOf(o.functionsFrom, ['baseline', 'ab'], `${where}.functionsFrom`);
    if (o.confirmation !== undefined) {
        const k = obj(o.confirmation, `${where}.confirmation`);
        b.confirmation = {
            status: oneOf(k.status, ['confirmed', 'not-confirmed', 'inconclusive', 'missing', 'identical'], `${where}.confirmation.status`),
            unit: str(k.unit, `${where}.confirmation.unit`, L.unit),
            deltaPercent: numOrNull(k.deltaPercent, `${where}.confirmation.deltaPercent`),
            ...(k.p === undefined ? {} : { p: numOrNull(k.p, `${where}.confirmation.p`) }),
            pAdjusted: numOrNull(k.pAdjusted, `${where}.confirmation.pAdjusted`),
            rounds: num(k.rounds, `${where}.confirmation.rounds`),
            test: oneOf(k.test, STAT_TESTS, `${where}.confirmation.test`),
            ...(k.interval === undefined
                ? {}
                : { interval: interval(k.interval, `${where}.confirmation.interval`) })
        };
    }
    if (o.functions !== undefined) {
        const f = obj(o.functions, `${where}.functions`);
        b.functions = {};
        for (const measure of MEASURE_KEYS) {
            if (f[measure] === undefined)
                continue;
            const w = `${where}.functions.${measure}`;
            b.functions[measure] = arr(f[measure], w, L.functions).map((x, i) => functionDelta(x, `${w}[${i}]`));
        }
    }
    if (o.functionStats !== undefined) {
        const f = obj(o.functionStats, `${where}.functionStats`);
        b.functionStats = {};
        for (const measure of MEASURE_KEYS) {
            if (f[measure] === undefined)
                continue;
            const w = `${where}.functionStats.${measure}`;
            const e = obj(f[measure], w);
            const samples = obj(e.samples, `${w}.samples`);
            b.functionStats[measure] = {
                samples: {
                    base: numOrNull(samples.base, `${w}.samples.base`),
                    head: numOrNull(samples.head, `${w}.samples.head`)
                },
                explained: numOrNull(e.explained, `${w}.explained`),
                withinNoise: num(e.withinNoise, `${w}.withinNoise`),
                fewSamples: bool(e.fewSamples, `${w}.fewSamples`)
            };
        }
    }
    if (o.contention !== undefined)
        b.contention = contention(o.contention, `${where}.contention`, functionDelta);
    return b;
}
const MEASURE_KEYS = ['cpu', 'alloc_space', 'alloc_objects'];
function functionDelta(x, w) {
    const e = obj(x, w);
    const costs = (k) => costsOf(e[k], `${w}.${k}`);
    const out = {
        name: str(e.name, `${w}.name`),
        status: oneOf(e.status, ['changed', 'new', 'gone'], `${w}.status`),
        base: costs('base'),
        head: costs('head'),
        delta: costs('delta'),
        beyondNoise: bool(e.beyondNoise, `${w}.beyondNoise`),
        ...(e.changedInDiff === true ? { changedInDiff: true } : {})
    };
    if (e.path !== undefined)
        out.path = arr(e.path, `${w}.path`, L.path).map((x, i) => {
            const step = obj(x, `${w}.path[${i}]`);
            return {
                name: str(step.name, `${w}.path[${i}].name`),
                base: numOrNull(step.base, `${w}.path[${i}].base`),
                head: numOrNull(step.head, `${w}.path[${i}].head`),
                ...(step.changedInDiff === true ? { changedInDiff: true } : {})
            };
        });
    if (e.file !== undefined) {
        out.file = str(e.file, `${w}.file`, L.file);
        // It goes into a link: a plain path in the repository, no `..`.
        if (!isRepositoryPath(out.file))
            fail(`${w}.file`);
    }
    if (e.lines !== undefined)
        out.lines = arr(e.lines, `${w}.lines`, L.lines).map((x, i) => lineDelta(x, `${w}.lines[${i}]`));
    return out;
}
function costsOf(v, w) {
    const p = obj(v, w);
    return {
        flat: num(p.flat, `${w}.flat`),
        cum: num(p.cum, `${w}.cum`),
        self: num(p.self, `${w}.self`)
    };
}
const lineNumber = (v, w) => v === null ? null : Number.isInteger(v) && v > 0 ? v : fail(w);
function lineDelta(x, w) {
    const l = obj(x, w);
    const out = {
        line: lineNumber(l.line, `${w}.line`),
        baseLine: lineNumber(l.baseLine, `${w}.baseLine`),
        change: oneOf(l.change, ['same', 'moved', 'edited', 'new', 'gone'], `${w}.change`),
        base: costsOf(l.base, `${w}.base`),
        head: costsOf(l.head, `${w}.head`),
        delta: costsOf(l.delta, `${w}.delta`)
    };
    if (l.text !== undefined)
        out.text = str(l.text, `${w}.text`, L.lineText);
    if (l.baseText !== undefined)
        out.baseText = str(l.baseText, `${w}.baseText`, L.lineText);
    return out;
}
function hotLinesInfo(v) {
    const h = obj(v, 'comparison.hotLines');
    return h.between !== undefined
        ? { between: str(h.between, 'comparison.hotLines.between', L.ref) }
        : { unavailable: str(h.unavailable, 'comparison.hotLines.unavailable') };
}
/** Rebuild a Comparison from untrusted JSON, keeping only well-typed known fields. */
function sanitizeComparison(v) {
    const o = obj(v, 'comparison');
    const opts = obj(o.options, 'comparison.options');
    const gate = obj(o.gate, 'comparison.gate');
    const counts = obj(o.counts, 'comparison.counts');
    const info = (x, w) => {
        const s = obj(x, w);
        return {
            label: str(s.label, `${w}.label`),
            commit: str(s.commit, `${w}.commit`, L.commit),
            ref: str(s.ref, `${w}.ref`, L.ref),
            goVersion: str(s.goVersion, `${w}.goVersion`, L.goVersion),
            ...(s.cpu === undefined ? {} : { cpu: str(s.cpu, `${w}.cpu`, L.ref) })
        };
    };
    return {
        schemaVersion: 1,
        verdict: oneOf(o.verdict, ['regression', 'improvement', 'unchanged', 'too-few-samples'], 'comparison.verdict'),
        gate: {
            fail: gate.fail === true,
            reasons: arr(gate.reasons, 'comparison.gate.reasons', L.reasons).map((r, i) => str(r, `gate.reasons[${i}]`))
        },
        options: {
            threshold: num(opts.threshold, 'options.threshold'),
            abThreshold: num(opts.abThreshold ?? opts.threshold, 'options.abThreshold'),
            alpha: num(opts.alpha, 'options.alpha'),
            allocThreshold: num(opts.allocThreshold, 'options.allocThreshold'),
            maxFunctions: num(opts.maxFunctions, 'options.maxFunctions'),
            failOnAlloc: opts.failOnAlloc === true,
            ...(opts.failOnInconclusive === true ? { failOnInconclusive: true } : {}),
            ...(opts.maxRounds !== undefined
                ? { maxRounds: num(opts.maxRounds, 'options.maxRounds') }
                : {}),
            test: oneOf(opts.test ?? 'utest', STAT_TESTS, 'options.test'),
            contentionThreshold: num(opts.contentionThreshold ?? 10, 'options.contentionThreshold'),
            failOnContention: arr(opts.failOnContention ?? [], 'options.failOnContention', 10).map((x, i) => oneOf(x, CONTENTION_FAMILIES, `options.failOnContention[${i}]`))
        },
        // A verdict newer than the report counts 0 (inconclusive came after schema 1's first reports).
        counts: Object.fromEntries(VERDICTS.map(k => [
            k,
            num(counts[k] ?? (k === 'inconclusive' ? 0 : undefined), `counts.${k}`)
        ])),
        benchmarks: arr(o.benchmarks, 'comparison.benchmarks').map((b, i) => benchmark(b, `benchmarks[${i}]`)),
        geomean: arr(o.geomean, 'comparison.geomean', L.geomean).map((g, i) => {
            const x = obj(g, `geomean[${i}]`);
            return {
                unit: str(x.unit, `geomean[${i}].unit`, L.unit),
                base: num(x.base, 'geomean.base'),
                head: num(x.head, 'geomean.head'),
                deltaPercent: num(x.deltaPercent, 'geomean.deltaPercent'),
                n: num(x.n, 'geomean.n')
            };
        }),
        warnings: arr(o.warnings, 'comparison.warnings', L.warnings).map((w, i) => str(w, `warnings[${i}]`)),
        notes: arr(o.notes ?? [], 'comparison.notes', L.notes).map((w, i) => str(w, `notes[${i}]`)),
        base: info(o.base, 'comparison.base'),
        head: info(o.head, 'comparison.head'),
        ...(o.gateMode === undefined
            ? {}
            : { gateMode: oneOf(o.gateMode, GATE_MODES, 'comparison.gateMode') }),
        ...(o.confirmation === undefined ? {} : { confirmation: confirmationInfo(o.confirmation) }),
        ...(o.hotLines === undefined ? {} : { hotLines: hotLinesInfo(o.hotLines) }),
        ...(o.shards === undefined ? {} : { shards: shardsInfo(o.shards) }),
        ...(o.skipped === undefined ? {} : { skipped: skippedInfo(o.skipped) })
    };
}
/** The packages the head did not measure: a package, a short reason, a count of benchmarks. */
function skippedInfo(v) {
    return arr(v, 'comparison.skipped').map((x, i) => {
        const e = obj(x, `skipped[${i}]`);
        const n = num(e.benchmarks, `skipped[${i}].benchmarks`);
        return {
            package: str(e.package, `skipped[${i}].package`),
            reason: str(e.reason, `skipped[${i}].reason`, L.ref),
            benchmarks: Number.isInteger(n) && n >= 0 ? n : fail(`skipped[${i}].benchmarks`)
        };
    });
}
/** Which shards a merged comparison joined and lacks: at most a matrix's 256 each. */
function shardsInfo(v) {
    const o = obj(v, 'comparison.shards');
    const named = (x, what) => arr(x, what, 256).map((e, i) => {
        const m = obj(e, `${what}[${i}]`);
        return {
            source: str(m.source, `${what}[${i}].source`),
            reason: str(m.reason, `${what}[${i}].reason`)
        };
    });
    return {
        merged: arr(o.merged, 'shards.merged', 256).map((m, i) => str(m, `shards.merged[${i}]`)),
        missing: named(o.missing, 'shards.missing'),
        ...(o.unbaselined === undefined
            ? {}
            : { unbaselined: named(o.unbaselined, 'shards.unbaselined') })
    };
}
function confirmationInfo(v) {
    const k = obj(v, 'comparison.confirmation');
    const base = obj(k.base, 'comparison.confirmation.base');
    return {
        base: {
            commit: str(base.commit, 'confirmation.base.commit', L.commit),
            ref: str(base.ref, 'confirmation.base.ref', L.ref)
        },
        rounds: num(k.rounds, 'confirmation.rounds'),
        test: oneOf(k.test, STAT_TESTS, 'confirmation.test'),
        suspects: num(k.suspects, 'confirmation.suspects'),
        confirmed: num(k.confirmed, 'confirmation.confirmed'),
        elapsedMs: num(k.elapsedMs, 'confirmation.elapsedMs'),
        ...(k.benchtime === undefined
            ? {}
            : { benchtime: str(k.benchtime, 'confirmation.benchtime', L.unit) }),
        ...(k.error === undefined ? {} : { error: str(k.error, 'confirmation.error') })
    };
}

;// CONCATENATED MODULE: ./src/stats/utest.ts
/**
 * The two-sided Mann-Whitney U test, computed the way benchstat does
 * (golang.org/x/perf/benchmath AssumeNothing → go-moremath
 * stats.MannWhitneyUTest), so p-values agree:
 *
 * - exact distribution when both samples have ≤ 50 values and no ties, or
 *   ≤ 25 values with ties (the tie-aware exact distribution);
 * - otherwise the normal approximation with tie and continuity correction;
 * - when every value is equal the test is meaningless and p = 1, as
 *   benchstat reports it.
 */

/** Up to this many values per side without ties, the U test's p is exact. */
const EXACT_LIMIT = 50;
/** With ties, the exact distribution is used up to this size. */
const EXACT_LIMIT_TIES = 25;
/** Two-sided Mann-Whitney U test of x1 against x2. */
function mannWhitneyU(x1, x2) {
    const n1 = x1.length;
    const n2 = x2.length;
    if (n1 === 0 || n2 === 0)
        throw new RangeError('the U test needs at least one value per side');
    // Merge, remembering which side each value came from.
    const merged = [...x1.map(v => [v, 1]), ...x2.map(v => [v, 2])].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let r1 = 0;
    const ties = [];
    let hasTies = false;
    for (let i = 0; i < merged.length;) {
        const start = i;
        const v = merged[i][0];
        let in1 = 0;
        for (; i < merged.length && merged[i][0] === v; i++)
            if (merged[i][1] === 1)
                in1++;
        // Tied values share the average of their ranks (1-based).
        r1 += ((start + 1 + i) / 2) * in1;
        ties.push(i - start);
        if (i - start > 1)
            hasTies = true;
    }
    const u1 = r1 - (n1 * (n1 + 1)) / 2;
    const u2 = n1 * n2 - u1;
    const uSmall = Math.min(u1, u2);
    const exact = hasTies
        ? n1 <= EXACT_LIMIT_TIES && n2 <= EXACT_LIMIT_TIES
        : n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT;
    if (exact) {
        if (ties.length === 1)
            return { p: 1, u: u1, n1, n2, method: 'all-equal' };
        // The discrete distribution is symmetric about U1 = U2; doubling its CDF
        // there would count the mass at that point twice.
        const p = u1 === u2 ? 1 : Math.min(1, 2 * exactCDF(uSmall, n1, ties));
        return { p, u: u1, n1, n2, method: 'exact' };
    }
    const t = ties.reduce((s, k) => s + k * k * k - k, 0);
    const N = n1 + n2;
    const mu = (n1 * n2) / 2;
    const sigma = Math.sqrt((n1 * n2 * (N + 1 - t / (N * (N - 1)))) / 12);
    if (sigma === 0)
        return { p: 1, u: u1, n1, n2, method: 'all-equal' };
    let numer = u1 - mu;
    numer -= Math.sign(numer) * 0.5; // continuity correction
    const z = numer / sigma;
    const p = 2 * Math.min(normalCDF(z), 1 - normalCDF(z));
    return { p, u: u1, n1, n2, method: 'normal' };
}
/**
 * P(U1 ≤ u) under the null hypothesis, given the tie groups in ascending
 * order. Equivalent to go-moremath's UDist.CDF (Cheung & Klotz's recursion),
 * computed as a dynamic program: choosing r of the t values of a tie group
 * for sample 1 adds r times the group's average rank to R1, in C(t, r)
 * ways. States are (values taken, 2·R1), which is always an integer, so
 * they fit a dense array.
 */
function exactCDF(u, n1, ties) {
    const dist = distribution(n1, ties);
    // U1 ≤ u  ⇔  2·R1 ≤ 2u + n1(n1+1); compare on the doubled integer scale
    // as go-moremath does (int(2·U)).
    const limit = Math.floor(2 * u) + n1 * (n1 + 1);
    // The last index whose 2·R1 ≤ limit, by binary search.
    let lo = 0;
    let hi = dist.twoR.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (dist.twoR[mid] <= limit)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo === 0 ? 0 : dist.cumulative[lo - 1] / dist.total;
}
/**
 * Distributions by shape (n1 and the tie groups). Comparing thousands of
 * benchmarks with the same count asks for the same few shapes again and
 * again, and the dynamic program is most of a comparison's cost; so each
 * shape is computed once. Bounded: it is cleared when full.
 */
const distributions = new Map();
const MAX_DISTRIBUTIONS = 4096;
/** How many distributions were computed (not served from the cache): for tests that count work. */
let distributionsComputed = 0;
function distribution(n1, ties) {
    const key = `${n1}:${ties.join(',')}`;
    const cached = distributions.get(key);
    if (cached)
        return cached;
    distributionsComputed++;
    const N = ties.reduce((a, b) => a + b, 0);
    // ways[k·width + v]: the ways to choose k values of sample 1 so far with
    // 2·R1 = v. Choosing r of the t values of a tie group adds r times its
    // doubled average rank. Updated in place, k descending, as a knapsack.
    const width = n1 * (2 * N - n1 + 1) + 1; // 2·R1 is at most twice the top n1 ranks
    const ways = new Float64Array((n1 + 1) * width);
    ways[0] = 1;
    let start = 0; // ranks start at start + 1
    let reach = 0; // the largest 2·R1 reached so far, by any k (rows are width long)
    for (const t of ties) {
        const twiceAvgRank = 2 * start + t + 1; // 2 × (start+1 + start+t)/2
        for (let k = Math.min(n1 - 1, start); k >= 0; k--) {
            const row = k * width;
            for (let v = 0; v <= Math.min(reach, width - 1); v++) {
                const count = ways[row + v];
                if (count === 0)
                    continue;
                for (let r = 1; r <= t && k + r <= n1; r++)
                    ways[(k + r) * width + v + r * twiceAvgRank] += count * choose(t, r);
            }
        }
        reach += t * twiceAvgRank;
        start += t;
    }
    const row = n1 * width;
    const values = [];
    const counts = [];
    for (let v = 0; v < width; v++)
        if (ways[row + v] !== 0) {
            values.push(v);
            counts.push(ways[row + v]);
        }
    const twoR = Float64Array.from(values);
    const cumulative = new Float64Array(counts.length);
    let sum = 0;
    counts.forEach((count, i) => (cumulative[i] = sum += count));
    const dist = { twoR, cumulative, total: choose(N, n1) };
    if (distributions.size >= MAX_DISTRIBUTIONS)
        distributions.clear();
    distributions.set(key, dist);
    return dist;
}
/**
 * Binomial coefficient as an exact integer-valued double (exact up to
 * 2^53; C(100, 50) ≈ 1e29 loses only low bits, harmless for ratios).
 */
function choose(n, k) {
    if (k < 0 || k > n)
        return 0;
    if (k === 0 || k === n)
        return 1;
    k = Math.min(k, n - k);
    let c = 1;
    for (let i = 1; i <= k; i++)
        c = (c * (n - k + i)) / i;
    return Math.round(c);
}

;// CONCATENATED MODULE: ./src/stats/ci.ts
/**
 * Confidence interval of the median from order statistics, as benchstat
 * reports it (go-moremath stats.QuantileCI with q = 0.5): the narrowest
 * symmetric-ish run of order statistics whose binomial coverage reaches
 * the confidence level. At 95% this needs at least 6 values.
 */


const APPROX_THRESHOLD = 30;
/** 1-based order statistics [lo, hi) bounding the median; 0 or n+1 mean unbounded. */
function medianOrders(n, confidence) {
    const pmf = (k) => (k < 0 || k > n ? 0 : choose(n, k) * 0.5 ** k * 0.5 ** (n - k));
    let l;
    let r;
    let accum;
    if (n <= APPROX_THRESHOLD) {
        const x = Math.ceil((n + 1) * 0.5) - 1;
        accum = pmf(x);
        l = x;
        r = x + 1;
        let lp = pmf(l - 1);
        let rp = pmf(r);
        while (accum < confidence && (lp > 0 || rp > 0)) {
            if (lp >= rp) {
                accum += lp;
                l--;
                lp = pmf(l - 1);
            }
            else {
                accum += rp;
                r++;
                rp = pmf(r);
            }
        }
    }
    else {
        const mu = n * 0.5;
        const sigma = Math.sqrt(n * 0.25);
        const l1 = normalInvCDF((1 - confidence) / 2, mu, sigma);
        const r1 = 2 * mu - l1;
        l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
        r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
        const cover = (a, b) => normalCDF(b - 0.5, mu, sigma) - normalCDF(a - 0.5, mu, sigma);
        accum = cover(l, r);
        const biased = cover(l, r - 1);
        if (biased >= confidence && biased < accum) {
            accum = biased;
            r = r - 1;
        }
        if (l <= 0 && r >= n + 1)
            accum = 1;
    }
    return { lo: Math.max(l, 0), hi: Math.min(r, n + 1), confidence: accum };
}
/** The 95% (by default) CI of the median, or undefined when it is unbounded (too few values). */
function medianCI(values, confidence = 0.95) {
    const n = values.length;
    if (n < 2)
        return undefined;
    const o = medianOrders(n, confidence);
    if (o.lo < 1 || o.hi - 1 >= n)
        return undefined;
    const xs = [...values].sort((a, b) => a - b);
    return { lo: xs[o.lo - 1], hi: xs[o.hi - 1], confidence: o.confidence };
}

;// CONCATENATED MODULE: ./src/stats/holm.ts
/**
 * Holm–Bonferroni adjusted p-values (Holm 1979): sort ascending, multiply
 * the i-th smallest by (m − i), enforce monotonicity, cap at 1. Rejecting
 * where adjusted p < α controls the family-wise error rate at α across
 * all the tests, however many benchmarks there are.
 */
function holmAdjust(pValues) {
    const m = pValues.length;
    const order = pValues.map((p, i) => [p, i]).sort((a, b) => a[0] - b[0]);
    const adjusted = new Array(m);
    let running = 0;
    order.forEach(([p, i], rank) => {
        running = Math.max(running, Math.min(1, (m - rank) * p));
        adjusted[i] = running;
    });
    return adjusted;
}

;// CONCATENATED MODULE: ./src/stats/wilcoxon.ts
/**
 * The Wilcoxon signed-rank test for paired samples (Wilcoxon 1945), for
 * interleaved A/B rounds: round i gives the pair (base_i, head_i), and the
 * test asks whether the per-round differences of log(head/base) are
 * centred on 0. Pairing removes the drift that is shared by both sides of
 * a round, which the unpaired U test cannot.
 *
 * Zero differences are dropped (Wilcoxon's convention); tied |d| share the
 * average rank. The two-sided p is exact (dynamic programming over the
 * 2^n sign assignments on doubled ranks) for n ≤ 50, else the normal
 * approximation with tie and continuity correction.
 */

/** Up to this many non-zero pairs, the signed-rank p is exact. */
const WILCOXON_EXACT_LIMIT = 50;
/** Test per-round pairs; differences are taken on the log scale (ratios). */
function wilcoxonSignedRank(base, head) {
    if (base.length !== head.length)
        throw new RangeError('paired samples must have the same length');
    const d = base.map((b, i) => Math.log(head[i] / b)).filter(x => Number.isFinite(x) && x !== 0);
    return signedRank(d);
}
/** The signed-rank test of differences against 0. */
function signedRank(diffs) {
    const d = diffs.filter(x => x !== 0);
    const n = d.length;
    if (n === 0)
        return { p: 1, wPlus: 0, n: 0, method: 'all-zero' };
    const order = d.map((x, i) => [Math.abs(x), i]).sort((a, b) => a[0] - b[0]);
    // Doubled ranks keep average ranks of ties integral.
    const twiceRank = new Array(n);
    const ties = [];
    for (let i = 0; i < n;) {
        let j = i;
        while (j < n && order[j][0] === order[i][0])
            j++;
        for (let k = i; k < j; k++)
            twiceRank[order[k][1]] = i + 1 + j; // 2 × average of ranks i+1..j
        ties.push(j - i);
        i = j;
    }
    const twiceWPlus = d.reduce((s, x, i) => (x > 0 ? s + twiceRank[i] : s), 0);
    const twiceTotal = n * (n + 1);
    if (n <= WILCOXON_EXACT_LIMIT) {
        // Distribution of 2·W+ over all 2^n sign assignments.
        let dist = new Map([[0, 1]]);
        for (const r of twiceRank) {
            const next = new Map();
            for (const [w, c] of dist) {
                next.set(w, (next.get(w) ?? 0) + c);
                next.set(w + r, (next.get(w + r) ?? 0) + c);
            }
            dist = next;
        }
        const total = 2 ** n;
        const small = Math.min(twiceWPlus, twiceTotal - twiceWPlus);
        let tail = 0;
        for (const [w, c] of dist)
            if (w <= small)
                tail += c;
        return { p: Math.min(1, (2 * tail) / total), wPlus: twiceWPlus / 2, n, method: 'exact' };
    }
    const mean = (n * (n + 1)) / 4;
    const tieTerm = ties.reduce((s, t) => s + t * t * t - t, 0) / 48;
    const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieTerm);
    const w = twiceWPlus / 2;
    let z = w - mean;
    z = (z - Math.sign(z) * 0.5) / sd;
    return { p: Math.min(1, 2 * (1 - normalCDF(Math.abs(z)))), wPlus: w, n, method: 'normal' };
}

;// CONCATENATED MODULE: ./src/compare/power.ts




/**
 * Each Welch-tested time row's smallest detectable slowdown (80% power, at
 * α over the m time tests: Holm's strictest step), from its own samples.
 */
function markDetectable(benchmarks, m, alpha, samples) {
    for (const b of benchmarks)
        for (const row of b.metrics) {
            if (row.kind !== 'time' || row.test !== 'welch' || row.pAdjusted === null)
                continue;
            const [base, head] = samples(benchmarkKey(b));
            const d = detectableChange(own(base, row.unit) ?? [], own(head, row.unit) ?? [], alpha / Math.max(1, m));
            if (d !== null)
                row.detectable = d;
        }
}
/** How many benchmarks may be named in the noise note. */
const NOISY_NAMED = 10;
/**
 * The benchmarks too noisy for the threshold: a pass is no proof of no
 * change for them, so the comparison says which, and what it could see.
 */
function noiseNotes(benchmarks, threshold, m) {
    const noisy = benchmarks
        .flatMap(b => b.metrics
        .filter(x => x.kind === 'time' && (x.detectable ?? 0) > threshold)
        .map(x => ({ b, d: x.detectable })))
        .sort((x, y) => y.d - x.d);
    if (noisy.length === 0)
        return [];
    const named = noisy
        .slice(0, NOISY_NAMED)
        .map(({ b, d }) => `${b.name} (could not detect changes under ${d.toFixed(0)}%)`)
        .join(', ');
    return [
        `Too noisy on this runner to see a ${threshold}% change (80% power, Holm over ${m} benchmarks): ${named}${noisy.length > NOISY_NAMED ? `, and ${noisy.length - NOISY_NAMED} more` : ''}. A pass says nothing about changes smaller than that; raise count or benchtime, or quiet the runner.`
    ];
}
/**
 * Holm–Bonferroni multiplies the smallest p by the number of tests m, and
 * with n samples per side the U test's smallest possible p is 2 / C(2n, n).
 * When even that cannot reach alpha, say so and how many samples would.
 */
function powerNotes(timeTests, alpha) {
    const m = timeTests.length;
    // Welch's and the sequential test's p have no floor of this kind.
    if (m === 0 || timeTests.some(t => t.test === 'welch' || t.test === 'sequential'))
        return [];
    // The smallest p the exact test can give: for the U test with sizes n1,
    // n2 (all of one side below all of the other) 2 / C(n1 + n2, n1); for the
    // signed-rank test over n rounds (every round worse) 2 / 2^n.
    const paired = timeTests.some(t => t.test === 'wilcoxon');
    const minP = (n1, n2) => paired ? 2 / 2 ** Math.min(n1, n2) : 2 / choose(n1 + n2, n1);
    const best = minOf(timeTests.map(t => minP(t.base?.n ?? 0, t.head?.n ?? 0)));
    if (best * m < alpha)
        return [];
    const n = maxOf(timeTests.map(t => Math.min(t.base?.n ?? 0, t.head?.n ?? 0)));
    let need = n + 1;
    while (minP(need, need) * m >= alpha && need < 1000)
        need++;
    return [
        `With ${m} time comparisons and at most ${n} ${paired ? 'paired rounds' : 'samples per side'}, no difference can be significant after Holm–Bonferroni correction (the smallest possible p is ${best.toPrecision(2)} × ${m}). Use ${paired ? 'rounds' : 'count'} ≥ ${need}, or fewer benchmarks.`
    ];
}

;// CONCATENATED MODULE: ./src/compare/verdicts.ts
/**
 * compareVerdicts(base, head): benchstat-grade statistics per benchmark and
 * unit, matching across the sides, and the verdicts (docs/design.md
 * "Statistics", D3). Pure: two loaded sides in, a Screen out. The gate is
 * the judge's (src/judge/judge.ts).
 */











function unitKind(unit, units) {
    if (isAllocationUnit(unit) || own(units, unit)?.assume === 'exact')
        return 'exact';
    return model_isTimeUnit(unit) ? 'time' : 'noisy';
}
/** A side's median, count and the median's 95% CI (when there are enough values); null when empty. */
function summarize(values) {
    if (!values || values.length === 0)
        return null;
    const ci = medianCI(values);
    return {
        median: median(values),
        n: values.length,
        ...(ci ? { ci: { lo: ci.lo, hi: ci.hi } } : {})
    };
}
/** Head against base in percent: 0 when equal, null from a base of 0. */
function deltaPercent(base, head) {
    if (base === head)
        return 0;
    if (base === 0)
        return null;
    return (head / base - 1) * 100;
}
const key = benchmarkKey;
/** Statistics and verdicts per benchmark and unit; compareSides adds the function deltas. */
function compareVerdicts(base, head, options = {}) {
    const opts = { ...COMPARE_DEFAULTS, ...options };
    const units = tableOf({ ...base.units, ...head.units });
    const baseBy = new Map(base.benchmarks.map(b => [key(b), b]));
    const headBy = new Map(head.benchmarks.map(b => [key(b), b]));
    const keys = [...new Set([...baseBy.keys(), ...headBy.keys()])];
    const benchmarks = [];
    const skipped = new Map((head.skipped ?? []).map(s => [s.package, { ...s, benchmarks: 0 }]));
    for (const k of keys) {
        const b = baseBy.get(k);
        const h = headBy.get(k);
        const pkg = (b ?? h).package;
        const name = (b ?? h).name;
        const notMeasured = skipped.get(pkg);
        if (!h && notMeasured) {
            // Not measured (an identical test binary): in no verdict, not in Holm.
            notMeasured.benchmarks++;
            continue;
        }
        if (!h) {
            benchmarks.push({
                package: pkg,
                name,
                verdict: head.failedPackages.has(pkg) ? 'failed' : 'removed',
                metrics: []
            });
            continue;
        }
        if (!b) {
            benchmarks.push({ package: pkg, name, verdict: 'new', metrics: [] });
            continue;
        }
        const metrics = [];
        for (const unit of unionUnits(b, h)) {
            const m = compareUnit(unit, own(b.samples, unit), own(h.samples, unit), unitKind(unit, units), opts);
            metrics.push(m);
        }
        benchmarks.push({ package: pkg, name, verdict: 'unchanged', metrics });
    }
    const families = decideVerdicts(benchmarks, opts);
    const timeFamily = families.get('screen:time') ?? [];
    markDetectable(benchmarks, timeFamily.length, opts.alpha, k => [
        baseBy.get(k)?.samples,
        headBy.get(k)?.samples
    ]);
    const counts = countVerdicts(benchmarks);
    return {
        schemaVersion: 1,
        verdict: overallVerdict(counts),
        options: opts,
        counts,
        // In matching order; the judge ranks them worst first (sortBenchmarks).
        benchmarks,
        geomean: geomean(benchmarks),
        warnings: environmentWarnings(base, head),
        ...(skipped.size > 0 ? { skipped: [...skipped.values()] } : {}),
        notes: [
            ...skippedNotes([...skipped.values()]),
            ...powerNotes(timeFamily, opts.alpha),
            ...noiseNotes(benchmarks, opts.threshold, timeFamily.length)
        ],
        base: sideInfo(base),
        head: sideInfo(head)
    };
}
/** How many benchmarks have each verdict. */
function countVerdicts(list) {
    return Object.fromEntries(VERDICTS.map(v => [v, list.filter(b => b.verdict === v).length]));
}
/** The comparison's verdict from its counts: any regression, else any improvement, else … */
function overallVerdict(counts) {
    return counts.regression > 0
        ? 'regression'
        : counts.improvement > 0
            ? 'improvement'
            : counts['too-few-samples'] > 0 && counts.unchanged === 0
                ? 'too-few-samples'
                : 'unchanged';
}
function unionUnits(b, h) {
    const order = [...Object.keys(b.samples), ...Object.keys(h.samples)];
    return [...new Set(order)];
}
function compareUnit(unit, baseValues, headValues, kind, opts) {
    const base = summarize(baseValues);
    const head = summarize(headValues);
    const m = {
        unit,
        kind,
        better: betterDirection(unit),
        verdict: 'unchanged',
        p: null,
        test: 'utest',
        pAdjusted: null,
        significantUncorrected: null,
        deltaPercent: base && head ? deltaPercent(base.median, head.median) : null,
        base,
        head
    };
    if (!base || !head)
        return m;
    // docs/design.md D11: B/op and allocs/op are exact only when deterministic, every sample
    // equal on each side; otherwise they are noisy, with the U test and the
    // allocation threshold (noisyVerdict).
    if (kind === 'exact' && !(allEqual(baseValues) && allEqual(headValues)))
        m.kind = kind = 'noisy';
    const u = mannWhitneyU(baseValues, headValues).p;
    m.significantUncorrected = u <= opts.alpha;
    m.test = 'utest';
    m.p = u;
    if (kind === 'exact')
        return m;
    const ratios = opts.test === 'sequential' ? logRatios(baseValues, headValues) : null;
    if (ratios) {
        // Paired rounds, tested as they were taken: valid at whichever look stopped them.
        const cap = opts.maxRounds ?? ratios.length;
        const cs = repeatedInterval(ratios, opts.alpha, cap);
        m.test = 'sequential';
        m.p = groupSequentialP(ratios, cap);
        const hi = (Math.exp(cs.hi) - 1) * 100;
        m.interval = { lo: (Math.exp(cs.lo) - 1) * 100, hi: Number.isFinite(hi) ? hi : null };
    }
    else if (opts.test === 'wilcoxon' && base.n === head.n) {
        m.test = 'wilcoxon';
        m.p = wilcoxonSignedRank(baseValues, headValues).p;
        m.significantUncorrected = m.p <= opts.alpha;
    }
    else if (opts.test === 'welch') {
        const w = welchLog(baseValues, headValues);
        if (w) {
            m.test = 'welch';
            m.p = w.p;
        }
    }
    return m;
}
/**
 * What the head side did not measure, grouped by why: its benchmarks are
 * not in the comparison, and not in Holm's family.
 */
function skippedNotes(skipped) {
    const by = new Map();
    for (const s of skipped)
        by.set(s.reason, [...(by.get(s.reason) ?? []), s]);
    return [...by].map(([reason, pkgs]) => {
        const shown = pkgs
            .slice(0, 10)
            .map(p => p.package)
            .join(', ');
        const more = pkgs.length > 10 ? ` and ${pkgs.length - 10} more` : '';
        const n = pkgs.reduce((sum, p) => sum + p.benchmarks, 0);
        const held = n > 0 ? `, holding ${n} of the baseline's benchmarks,` : '';
        return reason === IDENTICAL_REASON
            ? `Not measured: ${pkgs.length} package(s)${held} whose test binary and package files are identical at the base revision, so their benchmarks cannot differ (\`select: all\` or \`--select all\` measures them): ${shown}${more}.`
            : `Not measured: ${pkgs.length} package(s)${held} (${reason}): ${shown}${more}.`;
    });
}
/**
 * The one verdict rule: every metric's verdict from its numbers (its two
 * sides' medians and n, its test's p), then each benchmark's. The screen
 * (compareVerdicts), the re-judging of an untrusted report and the
 * sharded merge all decide through it, over every benchmark they are
 * given, so Holm covers the whole family. Returns the noisy families, by
 * who measured them and unit (`screen:B/op`; every time unit is one
 * family, `screen:time`).
 */
function decideVerdicts(benchmarks, opts) {
    const families = new Map();
    // An A/B row's `screen` row is decided too: it belongs to the screen's family.
    const rows = (b) => b.metrics.flatMap(m => (m.screen ? [m, m.screen] : [m]));
    for (const b of benchmarks)
        for (const m of rows(b)) {
            m.pAdjusted = null;
            if (!m.base || !m.head) {
                m.verdict = m.base ? 'removed' : 'new';
                continue;
            }
            if (m.kind === 'exact') {
                // B/op and allocs/op are deterministic for most code: compare the
                // medians as values, with their own threshold (docs/design.md D3).
                // p stays for information, but is not tested or adjusted.
                m.verdict = exactVerdict(m.base.median, m.head.median, m.better, opts.allocThreshold);
                continue;
            }
            if (m.base.n < MIN_SAMPLES ||
                m.head.n < MIN_SAMPLES ||
                (m.test === 'wilcoxon' && m.base.n < MIN_ROUNDS)) {
                // With fewer than 4 values per side (6 paired rounds) no difference
                // can reach p < 0.05: say so rather than guess. Kept out of Holm.
                m.verdict = 'too-few-samples';
                continue;
            }
            if (m.p === null) {
                m.verdict = 'unchanged';
                continue;
            }
            m.verdict = 'unchanged';
            // Rows the A/B measured were corrected among the A/B's rows, the
            // screen's among the screen's: two families, as they were tested.
            const family = `${m.measuredBy ?? 'screen'}:${m.kind === 'time' ? 'time' : m.unit}`;
            (families.get(family) ?? families.set(family, []).get(family)).push(m);
        }
    holmFamilies(families, m => m.p, (m, adjusted) => {
        m.pAdjusted = adjusted;
        m.verdict = noisyVerdict(m, opts);
    });
    for (const b of benchmarks)
        if (b.metrics.length > 0)
            b.verdict = benchmarkVerdict(b.metrics);
    return families;
}
/**
 * Holm–Bonferroni within each family: `set` gets each member's adjusted p.
 * The metric verdicts and the contention rows both correct through it.
 */
function holmFamilies(families, p, set) {
    for (const family of families.values()) {
        const adjusted = holmAdjust(family.map(p));
        family.forEach((item, i) => set(item, adjusted[i]));
    }
}
function allEqual(values) {
    return values.every(v => v === values[0]);
}
/** The allocation units, whose threshold is allocThreshold whether exact or noisy. */
function isAllocationUnit(unit) {
    return unit === 'B/op' || unit === 'allocs/op';
}
/** B/op and allocs/op as exact values: a change beyond the allocation threshold. */
function exactVerdict(base, head, better, threshold) {
    if (base === head)
        return 'unchanged';
    const worse = better === 'lower' ? head > base : head < base;
    const pct = base === 0 ? Infinity : Math.abs((head / base - 1) * 100);
    if (pct <= threshold)
        return 'unchanged';
    return worse ? 'regression' : 'improvement';
}
/**
 * A noisy metric's verdict from its Holm-adjusted p, its Δ and the
 * threshold. Welch's test also needs the U test's uncorrected call, so a
 * single wild sample cannot carry it. A sequential row that is not
 * significant is `unchanged` only when its repeated interval rules out a
 * regression above the threshold; else `inconclusive`.
 */
function noisyVerdict(m, opts) {
    if (m.verdict === 'too-few-samples' || m.pAdjusted === null)
        return m.verdict;
    const threshold = isAllocationUnit(m.unit) ? opts.allocThreshold : opts.threshold;
    const delta = m.deltaPercent ?? (m.base && m.head && m.head.median > m.base.median ? Infinity : -Infinity);
    const significant = m.pAdjusted < opts.alpha && (m.test !== 'welch' || m.significantUncorrected === true);
    // An equal median is no change, however the U test ranks the rest (at the
    // allocation threshold's default of 0 it was an "improvement" of +0.00%).
    if (!significant || delta === 0 || Math.abs(delta) < threshold) {
        const i = m.interval;
        const open = i && (m.better === 'lower' ? i.hi === null || i.hi >= threshold : -i.lo >= threshold);
        return m.test === 'sequential' && open && !significant ? 'inconclusive' : 'unchanged';
    }
    const worse = m.better === 'lower' ? delta > 0 : delta < 0;
    return worse ? 'regression' : 'improvement';
}
/** regression if any metric regressed; else inconclusive (time); else improvement if any improved; else too few samples (time); else unchanged. */
function benchmarkVerdict(metrics) {
    if (metrics.some(m => m.verdict === 'regression'))
        return 'regression';
    if (metrics.some(m => m.kind === 'time' && m.verdict === 'inconclusive'))
        return 'inconclusive';
    if (metrics.some(m => m.verdict === 'improvement'))
        return 'improvement';
    if (metrics.some(m => m.kind === 'time' && m.verdict === 'too-few-samples'))
        return 'too-few-samples';
    return 'unchanged';
}
const VERDICT_ORDER = {
    regression: 0,
    failed: 1,
    inconclusive: 2,
    improvement: 3,
    'too-few-samples': 4,
    new: 5,
    removed: 6,
    unchanged: 7
};
/** Worst first: regressions by size, then failures, improvements, and the rest by name. */
function sortBenchmarks(list) {
    const size = (b) => Math.abs(primaryMetric(b)?.deltaPercent ?? 0);
    return [...list].sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
        size(b) - size(a) ||
        (a.package + a.name < b.package + b.name ? -1 : 1));
}
/** The metric a benchmark is summarised by: its time metric, else its first changed one. */
function primaryMetric(b) {
    return (b.metrics.find(m => m.kind === 'time' && m.verdict === b.verdict) ??
        b.metrics.find(m => m.verdict === b.verdict && b.verdict !== 'unchanged') ??
        b.metrics.find(m => m.kind === 'time') ??
        b.metrics[0]);
}
function geomean(list) {
    const acc = new Map();
    for (const bc of list) {
        for (const m of bc.metrics) {
            if (!m.base || !m.head || !(m.base.median > 0) || !(m.head.median > 0))
                continue;
            const a = acc.get(m.unit) ?? { lb: 0, lh: 0, n: 0 };
            a.lb += Math.log(m.base.median);
            a.lh += Math.log(m.head.median);
            a.n++;
            acc.set(m.unit, a);
        }
    }
    return [...acc].map(([unit, a]) => {
        const base = Math.exp(a.lb / a.n);
        const head = Math.exp(a.lh / a.n);
        return { unit, base, head, deltaPercent: (head / base - 1) * 100, n: a.n };
    });
}
function environmentWarnings(base, head) {
    const b = base.environment ?? {};
    const h = head.environment ?? {};
    const out = [];
    const check = (label, x, y) => {
        if (x !== undefined && y !== undefined && x !== '' && y !== '' && x !== y) {
            out.push(`${label} differs: base ${String(x)}, head ${String(y)}`);
        }
    };
    check('Go version', b.goVersion, h.goVersion);
    check('GOOS/GOARCH', b.goos && `${b.goos}/${b.goarch}`, h.goos && `${h.goos}/${h.goarch}`);
    check('CPU', b.cpu, h.cpu);
    check('GOMAXPROCS', b.gomaxprocs, h.gomaxprocs);
    return out;
}
function sideInfo(s) {
    return {
        label: s.label,
        commit: s.environment?.commit ?? '',
        ref: s.environment?.ref ?? '',
        goVersion: s.environment?.goVersion ?? '',
        ...(s.environment?.cpu ? { cpu: s.environment.cpu } : {})
    };
}

;// CONCATENATED MODULE: ./src/compare/wording.ts
/** How the comparison words numbers: benchstat's delta and p formats, signed per-op values. */
/** `+12.34%`, as benchstat prints deltas. */
function formatDelta(d) {
    if (d === null)
        return '?';
    if (!Number.isFinite(d))
        return d > 0 ? '+∞%' : '-∞%';
    return `${d >= 0 ? '+' : ''}${d.toFixed(2)}%`;
}
/**
 * A change in words: the delta as `formatDelta` prints it, or, when the
 * base's median was 0 (no percentage exists), the head's value from 0:
 * `+680 from 0` (`+93.8 ns/op from 0` given a unit).
 */
function formatChange(c, unit) {
    if (c.deltaPercent !== null || c.base?.median !== 0 || !c.head)
        return formatDelta(c.deltaPercent);
    return `${signed(c.head.median)}${unit ? ` ${unit}` : ''} from 0`;
}
/** p to three decimals; below 0.001 as `<0.001`. */
function formatP(p) {
    if (p === null)
        return '–';
    return p < 0.001 ? '<0.001' : p.toFixed(3);
}
/** A per-op delta with its sign: `+180`, `-0.5`. */
function signed(x) {
    const r = Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3));
    return `${x >= 0 ? '+' : ''}${r}`;
}
/** A confidence interval of Δ: `Δ between -1.20% and +6.40%` (`and +∞%` when unbounded above). */
function formatInterval(i) {
    if (!i)
        return 'Δ unknown';
    return `Δ between ${formatDelta(i.lo)} and ${i.hi === null ? '+∞%' : formatDelta(i.hi)}`;
}

;// CONCATENATED MODULE: ./src/compare/shift.ts
/**
 * The run shift: when most of a screen's benchmarks moved together, the
 * runner (or its neighbours) changed, not the code. Estimated robustly from
 * the benchmarks themselves, so the screen can nominate suspects relative
 * to it instead of calling every benchmark a suspect (docs/comparison.md, the run shift).
 *
 * Pure statistics: time deltas in, an estimate out. The judge decides what
 * the estimate changes (judge/nominate.ts).
 */


/** Fewer benchmarks than this say nothing about the runner: no shift is estimated. */
const SHIFT_MIN_BENCHMARKS = 6;
/**
 * Share of the benchmarks that must have moved the shift's way by at least
 * half of it: a whole run shifted, not a few benchmarks that changed.
 */
const SHIFT_MIN_AGREEING = 2 / 3;
/** A benchmark's time delta in percent, when it has one to judge (lower is better). */
function timeDelta(b) {
    const m = b.metrics.find(x => x.kind === 'time');
    return m && m.better === 'lower' && m.deltaPercent !== null && Number.isFinite(m.deltaPercent)
        ? m.deltaPercent
        : null;
}
/** Each benchmark's time delta in percent, where it has one. */
function timeDeltas(screen) {
    return screen.benchmarks.map(timeDelta).filter((d) => d !== null);
}
/**
 * Estimate the shift from the benchmarks' time deltas: the median log ratio
 * (a few real changes cannot move it), and how many benchmarks agree.
 * Undefined with too few benchmarks.
 */
function estimateShift(deltas, opts) {
    const logs = deltas.filter(d => d > -100).map(d => Math.log1p(d / 100));
    if (logs.length < SHIFT_MIN_BENCHMARKS)
        return undefined;
    const m = median(logs);
    const percent = Math.expm1(m) * 100;
    const agreeing = logs.filter(x => Math.sign(x) === Math.sign(m) && Math.abs(x) >= Math.abs(m) / 2).length;
    const applied = m !== 0 &&
        Math.abs(percent) >= Math.max(opts.threshold, opts.abThreshold) &&
        agreeing >= Math.ceil(SHIFT_MIN_AGREEING * logs.length);
    return { percent, benchmarks: logs.length, agreeing, applied };
}
/** A delta relative to the shift: how much more this benchmark moved than the run did. */
function relativeDelta(deltaPercent, shift) {
    return ((1 + deltaPercent / 100) / (1 + shift.percent / 100) - 1) * 100;
}
/** The comment's line on what the screen saw, once the judge has decided. */
function shiftNote(s) {
    const size = `about ${Math.abs(s.percent).toFixed(0)}% ${s.percent > 0 ? 'slower' : 'faster'}`;
    const seen = `This runner was ${size} than the baseline's (${s.agreeing} of ${s.benchmarks} benchmarks moved together, median ${formatDelta(s.percent)})`;
    if (s.cause === 'unconfirmed')
        return `${seen}. The A/B could not run, so the screen's verdicts stand as measured.`;
    if (s.cause === 'code')
        return `${seen}. The A/B on this runner confirmed ${s.sampleConfirmed} of ${s.sampled.length} benchmarks sampled from the shift as regressions: the change itself slows them, so the screen's verdicts stand for the benchmarks it did not re-measure.`;
    const sample = s.sampled && s.sampled.length > 0
        ? ` The A/B on this runner re-measured ${s.sampled.length} benchmarks sampled from the shift and confirmed ${s.sampleConfirmed ?? 0}, so the shift is the runner's, not the change's.`
        : '';
    return `${seen}; suspects are judged relative to that.${sample}`;
}

;// CONCATENATED MODULE: ./src/compare/decls.ts
/** Identifiers, and the punctuation that shapes a declaration; everything else is skipped. */
function* tokens(src) {
    let line = 1;
    let first = true;
    let i = 0;
    const n = src.length;
    while (i < n) {
        const c = src[i];
        if (c === '\n') {
            line++;
            first = true;
            i++;
        }
        else if (c === ' ' || c === '\t' || c === '\r')
            i++;
        else if (c === '/' && src[i + 1] === '/') {
            while (i < n && src[i] !== '\n')
                i++;
        }
        else if (c === '/' && src[i + 1] === '*') {
            const end = src.indexOf('*/', i + 2);
            const stop = end < 0 ? n : end + 2;
            for (let j = i; j < stop; j++)
                if (src[j] === '\n')
                    line++;
            i = stop;
        }
        else if (c === '`') {
            const end = src.indexOf('`', i + 1);
            const stop = end < 0 ? n : end + 1;
            for (let j = i; j < stop; j++)
                if (src[j] === '\n')
                    line++;
            i = stop;
            first = false;
        }
        else if (c === '"' || c === "'") {
            i++;
            while (i < n && src[i] !== c && src[i] !== '\n')
                i += src[i] === '\\' ? 2 : 1;
            i++;
            first = false;
        }
        else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
            const start = i;
            while (i < n && /[\w\u0080-\uffff]/.test(src[i]))
                i++;
            yield { text: src.slice(start, i), line, first };
            first = false;
        }
        else {
            if ('(){}[]*.'.includes(c))
                yield { text: c, line, first };
            first = false;
            i++;
        }
    }
}
/** `(*T[...])` or `T[...]` from a receiver's tokens `r * T [ K ]`. */
function receiverKey(toks) {
    const bracket = toks.indexOf('[');
    const head = bracket < 0 ? toks : toks.slice(0, bracket);
    const type = head.filter(t => /^[\w\u0080-\uffff]+$/.test(t)).pop() ?? '';
    const generic = bracket >= 0 ? '[...]' : '';
    return head.includes('*') ? `(*${type}${generic})` : `${type}${generic}`;
}
/** The top-level function declarations of a Go source file, in order. */
function goDecls(src) {
    const out = [];
    const it = tokens(src);
    let depth = 0;
    let pending;
    const next = () => {
        if (pending) {
            const t = pending;
            pending = undefined;
            return t;
        }
        const r = it.next();
        return r.done ? undefined : r.value;
    };
    for (let t = next(); t; t = next()) {
        if (t.text === '{')
            depth++;
        else if (t.text === '}')
            depth = Math.max(0, depth - 1);
        if (depth !== 0 || t.text !== 'func' || !t.first)
            continue;
        const start = t.line;
        let u = next();
        let recv;
        if (u?.text === '(') {
            const inner = [];
            let p = 1;
            for (u = next(); u && p > 0; u = next()) {
                if (u.text === '(')
                    p++;
                else if (u.text === ')')
                    p--;
                if (p > 0)
                    inner.push(u.text);
            }
            recv = receiverKey(inner);
        }
        if (!u || !/^[\w\u0080-\uffff]+$/.test(u.text))
            continue;
        const name = u.text;
        // The signature, up to the body's brace at depth 0 (a brace after
        // interface or struct opens a type), or the end of its line (no body).
        let generic = false;
        let paren = 0;
        let bracket = 0;
        let typeBraces = 0;
        let prev = name;
        let body = false;
        let end = u.line;
        for (u = next(); u; u = next()) {
            if (paren === 0 && bracket === 0 && typeBraces === 0 && u.line !== end && u.first)
                break;
            end = u.line;
            if (u.text === '[' && paren === 0 && prev === name)
                generic = true;
            if (u.text === '(')
                paren++;
            else if (u.text === ')')
                paren--;
            else if (u.text === '[')
                bracket++;
            else if (u.text === ']')
                bracket--;
            else if (u.text === '{') {
                if (prev === 'interface' || prev === 'struct' || typeBraces > 0 || paren > 0 || bracket > 0)
                    typeBraces++;
                else {
                    body = true;
                    break;
                }
            }
            else if (u.text === '}')
                typeBraces = Math.max(0, typeBraces - 1);
            prev = u.text;
        }
        if (body) {
            // Its body, to the brace that closes it.
            let d = 1;
            for (u = next(); u && d > 0; u = next()) {
                if (u.text === '{')
                    d++;
                else if (u.text === '}')
                    d--;
                end = u.line;
                if (d === 0)
                    break;
            }
        }
        const key = recv !== undefined ? `${recv}.${name}` : `${name}${generic ? '[...]' : ''}`;
        out.push({ key, start, end });
        // The token that ended a body-less declaration (assembly) starts what follows.
        if (!body && u)
            pending = u;
    }
    return out;
}
/** Whether a hunk touches head lines start..end: adds or edits one, or deletes lines between them. */
function touches(h, start, end) {
    if (h.headCount > 0)
        return h.headStart <= end && h.headStart + h.headCount - 1 >= start;
    // A deletion sits after head line headStart.
    return h.headStart >= start && h.headStart < end;
}
/** The keys of the declarations the hunks touched. */
function changedDecls(decls, hunks) {
    const out = new Set();
    for (const d of decls)
        if (hunks.some(h => touches(h, d.start, d.end)))
            out.add(d.key);
    return out;
}
const byFile = new WeakMap();
/**
 * Whether the diff touched the declaration of pprof function `name` in a
 * file whose head text and hunks are given (its closures count as it).
 */
function changedInFile(name, file) {
    if (file.hunks.length === 0 || !file.head)
        return false;
    let known = byFile.get(file);
    if (!known) {
        const decls = goDecls(file.head.join('\n'));
        known = { decls, changed: changedDecls(decls, file.hunks) };
        byFile.set(file, known);
    }
    const d = declOf(name, known.decls);
    return d !== undefined && known.changed.has(d.key);
}
/**
 * The declaration a pprof function name belongs to: the longest key that
 * ends the name once closure suffixes (`.func1`, `.2`, `.gowrap1`,
 * `-range1`) are taken off; undefined when none does.
 */
function declOf(name, decls) {
    let base = name;
    for (;;) {
        const cut = base.replace(/(\.func\d+|\.gowrap\d+|\.deferwrap\d+|\.\d+|-range\d+)$/, '');
        if (cut === base)
            break;
        base = cut;
    }
    let best;
    for (const d of decls)
        if (base.endsWith(`.${d.key}`) && (!best || d.key.length > best.key.length))
            best = d;
    return best;
}

;// CONCATENATED MODULE: ./src/compare/noise.ts
/**
 * Sampling noise of per-op function costs (docs/design.md D9). A CPU profile
 * samples at 100 Hz and a heap profile every so many bytes, so a function's
 * per-op cost on one side is k samples of one sample's per-op value s:
 * x = k·s. Sample counts are Poisson, so Var(k) = k and Var(x) = x·s. The
 * profiling pass reports a difference of two runs (high − low, the low one
 * a tenth of the high), whose count variance is about 1.22 k: NOISE_SPREAD
 * covers it. A change is beyond noise when it exceeds NOISE_Z standard
 * errors of the difference and one sample's worth on either side.
 */
/** Two-sided 99%: among ten listed functions, about one in ten tables shows a noise row by chance. */
const NOISE_Z = 2.576;
/** Variance per sample of a pass difference (1 + low/high = 1.1, rounded up) over a plain count. */
const NOISE_SPREAD = 1.25;
/** Fewer samples than this a side, and the ranks below the first are not reliable. */
const MIN_PROFILE_SAMPLES = 50;
/**
 * Whether a function's per-op change from `base` to `head` exceeds
 * sampling noise, given the per-op value of one sample on each side.
 * Without a known sample value on either side (bundles made before it was
 * recorded) the change cannot be judged and counts as beyond noise.
 */
function beyondNoise(base, head, sampleBase, sampleHead) {
    const delta = Math.abs(head - base);
    if (delta === 0)
        return false;
    // A side with nothing to attribute (a zero median) has no sample value
    // of its own; the profiles were taken alike, so the other side's stands in.
    const sb = sampleBase > 0 ? sampleBase : sampleHead;
    const sh = sampleHead > 0 ? sampleHead : sampleBase;
    if (!(sb > 0) || !(sh > 0))
        return true;
    const variance = NOISE_SPREAD * (Math.max(0, base) * sb + Math.max(0, head) * sh);
    return delta > NOISE_Z * Math.sqrt(variance) && delta >= Math.max(sb, sh);
}
/** Samples behind a per-op total (total ÷ one sample's value); null when unknown. */
function sampleCount(total, sample) {
    if (total === undefined || !(sample > 0))
        return null;
    return Math.round(total / sample);
}

;// CONCATENATED MODULE: ./src/compare/functions.ts






/**
 * Frames that sit on every stack of a benchmark (its own function and
 * closures, the testing harness, goroutine entry): their Δ is the whole
 * benchmark's Δ, so they explain nothing.
 */
function isEntryFrame(name, pkg, group) {
    if (/^testing\./.test(name) ||
        name === 'runtime.goexit' ||
        name === 'runtime.main' ||
        name === 'main.main')
        return true;
    if (!group)
        return false;
    for (const prefix of [`${pkg}.${group}`, `${pkg}_test.${group}`]) {
        if (name === prefix || name.startsWith(`${prefix}.`))
            return true;
    }
    return false;
}
/**
 * Per measure: every function whose per-op cost differs between the sides,
 * in one ranked list (changed, new and gone together). The rank is the
 * change of the function's own cost (self: flat with the runtime's
 * internals folded in) in the verdict's direction, so the code that got
 * dearer comes first, above the ancestors whose cum merely contains it
 * and the helpers on every stack. Rows beyond sampling noise come first;
 * up to `max` of each kind are kept.
 */
function functionDeltas(b, h, max, verdict, 
/** Both revisions' sources, for hot lines; without it, none. */
view) {
    if (!b.functions || !h.functions)
        return undefined;
    const group = h.group ?? b.group ?? splitBenchName(h.name).base;
    const functions = {};
    const stats = {};
    const direction = verdict === 'improvement' ? -1 : 1;
    for (const measure of MEASURE_ORDER) {
        const bl = (b.functions[measure] ?? []).filter(f => !isEntryFrame(f.name, b.package, group));
        const hl = (h.functions[measure] ?? []).filter(f => !isEntryFrame(f.name, h.package, group));
        if (bl.length === 0 && hl.length === 0)
            continue;
        const r = rankFunctions({ list: bl, all: b.functions[measure] ?? [], sampling: b.sampling?.[measure] }, { list: hl, all: h.functions[measure] ?? [], sampling: h.sampling?.[measure] }, max, direction, view);
        functions[measure] = r.functions;
        stats[measure] = r.stats;
    }
    return { functions, stats };
}
const MEASURE_ORDER = ['cpu', 'alloc_space', 'alloc_objects'];
/**
 * One measure's ranked list and its stats: the rows beyond noise first,
 * by Δ self in `direction`, then those within noise, up to `max` each.
 */
function rankFunctions(b, h, max, direction, view) {
    const sb = b.sampling;
    const sh = h.sampling;
    const bm = new Map(b.list.map(f => [f.name, functions_costs(f)]));
    const hm = new Map(h.list.map(f => [f.name, functions_costs(f)]));
    const rank = (x, y) => direction * (y.delta.self - x.delta.self) ||
        direction * (y.delta.cum - x.delta.cum) ||
        (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
    // Only the `max` best of each kind are kept: a profile of 300,000
    // functions must not hold a row for each until the end.
    const beyondTop = new TopK(max, rank);
    const withinTop = new TopK(max, rank);
    const consider = (name) => {
        const d = row(name, bm.get(name), hm.get(name), sb?.sample, sh?.sample);
        if (d.delta.self === 0 && d.delta.cum === 0)
            return;
        if (d.beyondNoise)
            beyondTop.push(d);
        else if (d.delta.self !== 0)
            withinTop.push(d);
    };
    for (const name of bm.keys())
        consider(name);
    for (const name of hm.keys())
        if (!bm.has(name))
            consider(name);
    const beyond = beyondTop.result();
    const within = withinTop.result();
    if (beyond[0])
        addPath(beyond[0], b.all, h.all);
    addFiles([...beyond, ...within], b.all, h.all);
    if (view) {
        addLines(beyond, b.all, h.all, view, direction);
        markChanged([...beyond, ...within], b.all, h.all, view);
    }
    const samples = {
        base: sampleCount(sb?.total, sb?.sample),
        head: sampleCount(sh?.total, sh?.sample)
    };
    const totalDelta = sb && sh ? sh.total - sb.total : undefined;
    const shown = beyond.slice(0, max).reduce((sum, d) => sum + d.delta.self, 0);
    return {
        functions: [...beyond.slice(0, max), ...within.slice(0, max)],
        stats: {
            samples,
            explained: totalDelta !== undefined && totalDelta !== 0 && samples.base !== null
                ? Number((shown / totalDelta).toFixed(3))
                : null,
            withinNoise: withinTop.count,
            // The side with the cost carries the ranks: a cost new in head has
            // few samples in base by nature.
            fewSamples: samples.base !== null &&
                samples.head !== null &&
                Math.max(samples.base, samples.head) < MIN_PROFILE_SAMPLES
        }
    };
}
/**
 * The first `max` of everything pushed, in `order`, as sorting it all and
 * slicing would give them, in O(max) memory: the buffer is sorted and cut
 * back to `max` whenever it reaches twice that. `order` must be total.
 */
class TopK {
    max;
    order;
    items = [];
    /** How many were pushed in all. */
    count = 0;
    constructor(max, order) {
        this.max = max;
        this.order = order;
    }
    push(item) {
        this.count++;
        if (this.max <= 0)
            return;
        this.items.push(item);
        if (this.items.length >= 2 * this.max)
            this.trim();
    }
    result() {
        this.trim();
        return this.items;
    }
    trim() {
        this.items.sort(this.order);
        if (this.items.length > this.max)
            this.items.length = this.max;
    }
}
/** The top row's call path, from the side where it costs more, with each step's cum on both. */
function addPath(top, base, head) {
    const find = (list) => list.find(f => f.name === top.name)?.path;
    const grew = top.delta.self >= 0;
    const path = (grew ? find(head) : find(base)) ?? find(head) ?? find(base);
    if (!path || path[path.length - 1] !== top.name)
        return;
    const cum = (list) => new Map(list.map(f => [f.name, f.cum]));
    const [bc, hc] = [cum(base), cum(head)];
    top.path = path.map(name => ({ name, base: bc.get(name) ?? null, head: hc.get(name) ?? null }));
}
/** Each row's file in the repository, from head (or base, for a function gone from head). */
function addFiles(rows, base, head) {
    const files = new Map();
    for (const f of [...base, ...head])
        if (f.file)
            files.set(f.name, f.file);
    for (const r of rows) {
        const file = files.get(r.name);
        if (file)
            r.file = file;
    }
}
/**
 * Mark the rows, and the first row's call path, whose function's
 * declaration the diff between the sides touched (compare/decls.ts). A
 * step of the path is found in either side's functions for its file.
 */
function markChanged(rows, base, head, view) {
    const files = new Map();
    for (const f of [...base, ...head])
        if (f.file)
            files.set(f.name, f.file);
    const changed = (name) => {
        const file = files.get(name);
        const source = file === undefined ? undefined : view.files.get(file);
        return source !== undefined && changedInFile(name, source);
    };
    for (const r of rows) {
        if (changed(r.name))
            r.changedInDiff = true;
        for (const step of r.path ?? [])
            if (changed(step.name))
                step.changedInDiff = true;
    }
}
/** How many of the top rows beyond noise get their hot lines. */
const HOT_FUNCTIONS = 3;
/**
 * Hot lines for the first HOT_FUNCTIONS rows that are in the repository,
 * in the same file on both sides, with line costs on either.
 */
function addLines(top, base, head, view, direction) {
    let done = 0;
    for (const r of top) {
        if (done >= HOT_FUNCTIONS)
            break;
        const b = base.find(f => f.name === r.name);
        const h = head.find(f => f.name === r.name);
        const file = h?.file ?? b?.file;
        const source = file === undefined ? undefined : view.files.get(file);
        if (!source || (b?.file !== undefined && h?.file !== undefined && b.file !== h.file))
            continue;
        const lines = lineDeltas(source, b?.lines ?? [], h?.lines ?? [], direction);
        if (lines.length === 0)
            continue;
        r.lines = lines;
        done++;
    }
}
function functions_costs(f) {
    return { flat: f.flat, cum: f.cum, self: f.self ?? f.flat };
}
const functions_NONE = { flat: 0, cum: 0, self: 0 };
function row(name, x, y, sampleBase, sampleHead) {
    const base = x ?? functions_NONE;
    const head = y ?? functions_NONE;
    return {
        name,
        status: !x ? 'new' : !y ? 'gone' : 'changed',
        base,
        head,
        delta: { flat: head.flat - base.flat, cum: head.cum - base.cum, self: head.self - base.self },
        beyondNoise: beyondNoise(base.self, head.self, sampleBase, sampleHead)
    };
}
const MEASURE_UNIT = {
    cpu: 'ns/op',
    alloc_space: 'B/op',
    alloc_objects: 'allocs/op',
    block_delay: 'ns/op',
    mutex_delay: 'ns/op',
    sync_delay: 'ns/op',
    syscall_delay: 'ns/op',
    net_delay: 'ns/op',
    sched_delay: 'ns/op'
};
/** `BenchmarkDecode +12.3% (p=0.002): encoding/json.(*decodeState).object +180 ns/op` */
function explain(bc, 
/** A diff between the sides marked the changed functions (changedInDiff). */
diffKnown = false) {
    const m = primaryMetric(bc);
    const what = m
        ? `${bc.name} ${m.kind === 'time' ? '' : `${m.unit} `}${formatChange(m)}${m.pAdjusted !== null ? ` (p=${formatP(m.pAdjusted)})` : ''}`
        : bc.name;
    const measure = m?.kind === 'exact' ? (m.unit === 'B/op' ? 'alloc_space' : 'alloc_objects') : 'cpu';
    // The first row that moved the way the verdict says: beyond noise if
    // any is, else the likeliest one, marked as within noise.
    const improving = bc.verdict === 'improvement';
    const top = (bc.functions?.[measure] ?? []).find(f => improving ? f.delta.self < 0 : f.delta.self > 0);
    const disagree = disagreement(bc, m);
    if (!top)
        return what + disagree;
    const noise = top.beyondNoise ? '' : ' (within sampling noise)';
    const untouched = diffKnown && bc.verdict === 'regression' ? notChangedHere(bc.functions?.[measure] ?? []) : '';
    return `${what}: ${top.name} ${signed(top.delta.self)} ${MEASURE_UNIT[measure]}${noise}${untouched}${disagree}`;
}
/** The top rows a regression's headline checks against the diff. */
const TOP_CHECKED = 3;
/**
 * When none of a regression's top rows (the first TOP_CHECKED that grew)
 * is a function the diff changed: say so, and name the changed functions
 * on the first row's call path, if any; else where such a slowdown comes
 * from. Empty when one of them was changed.
 */
function notChangedHere(rows) {
    const top = rows.filter(f => f.delta.self > 0).slice(0, TOP_CHECKED);
    if (top.length === 0 || top.some(f => f.changedInDiff))
        return '';
    const onPath = (top[0].path ?? []).filter(s => s.changedInDiff).map(s => s.name);
    return onPath.length > 0
        ? `; none of its top functions was changed in this diff, but on its call path ${onPath.slice(-3).join(', ')} ${onPath.length === 1 ? 'was' : 'were'}`
        : '; none of its top functions was changed in this diff: the slowdown came from what they call or use (a callee, a constant, a type), inlining, code layout or a dependency';
}
/**
 * When the units disagree — time slower while B/op improved, or the
 * reverse — the headline says so, so one never hides behind the other.
 */
function disagreement(bc, shown) {
    const other = bc.metrics.filter(x => x !== shown &&
        (x.verdict === 'regression' || x.verdict === 'improvement') &&
        x.verdict !== bc.verdict);
    return other.map(x => `; but ${x.unit} ${formatChange(x)} (${x.verdict})`).join('');
}

;// CONCATENATED MODULE: ./src/compare/contention.ts
/**
 * Contention and scheduling verdicts (docs/contention.md): per benchmark
 * and metric of the contention pass, base's rounds against head's.
 *
 * Each round is its own pair of processes, so its per-op value is a real
 * sample: the U test compares the rounds, Holm–Bonferroni corrects within
 * each metric's family across benchmarks, and a change counts only when
 * it is significant, at least `contentionThreshold` percent, and, for a
 * delay, at least CONTENTION_FLOOR of the benchmark's own ns/op (a 3 ns
 * wait on a 20 µs benchmark explains nothing). With fewer than 4 rounds a
 * side no difference can be significant: too-few-samples. These verdicts
 * are report-only unless their family is in `failOnContention`.
 */







/** A delay change smaller than this share of the benchmark's ns/op is not a change. */
const CONTENTION_FLOOR = 0.01;
/**
 * A row's change in words: benchstat's `+212.00%`, or, when the base
 * measured none at all (a median of 0, so no percentage), the head's
 * value: `+93.8 ns/op from 0`.
 */
function contentionDelta(r) {
    return formatChange(r, CONTENTION_METRICS[r.metric].unit);
}
/** Whether a row changed in the way that counts: see the module comment. */
function rowVerdict(r, nsPerOp, opts) {
    if (!r.base || !r.head)
        return r.base ? 'removed' : 'new';
    if (r.pAdjusted === null)
        return 'too-few-samples';
    const diff = r.head.median - r.base.median;
    if (r.pAdjusted > opts.alpha || diff === 0)
        return 'unchanged';
    const big = r.deltaPercent === null || Math.abs(r.deltaPercent) >= opts.contentionThreshold;
    const floor = CONTENTION_METRICS[r.metric].unit === 'ns/op' && nsPerOp !== undefined
        ? CONTENTION_FLOOR * nsPerOp
        : 0;
    if (!big || Math.abs(diff) < floor)
        return 'unchanged';
    return diff > 0 ? 'regression' : 'improvement';
}
/**
 * Add `contention` to every benchmark both sides measured with the
 * contention pass, in place: rows with verdicts (Holm per metric across
 * the benchmarks), and the ranked functions of each delay measure, in the
 * direction of that measure's verdict.
 */
function compareContention(benchmarks, sides, opts, measuredBy, view) {
    const withRows = [];
    for (const bc of benchmarks) {
        const { base: b, head: h } = sides(bc);
        if (!b?.contention || !h?.contention)
            continue;
        const rows = [];
        for (const metric of Object.keys(CONTENTION_METRICS)) {
            const bv = b.contention.metrics[metric];
            const hv = h.contention.metrics[metric];
            if (!bv && !hv)
                continue;
            const base = summarize(bv);
            const head = summarize(hv);
            const row = {
                metric,
                unit: CONTENTION_METRICS[metric].unit,
                verdict: 'unchanged',
                base,
                head,
                deltaPercent: base && head ? deltaPercent(base.median, head.median) : null,
                p: null,
                pAdjusted: null,
                gates: false
            };
            if (bv && hv && bv.length >= MIN_SAMPLES && hv.length >= MIN_SAMPLES)
                row.p = mannWhitneyU(bv, hv).p;
            rows.push(row);
        }
        bc.contention = {
            rows,
            rounds: { base: b.contention.rounds, head: h.contention.rounds },
            measuredBy
        };
        withRows.push({ bc, b, h });
    }
    judgeContention(benchmarks, opts);
    for (const { bc, b, h } of withRows)
        addFunctions(bc.contention, b, h, opts.maxFunctions, view);
}
/**
 * The verdicts and gates of every contention row, in place, from its
 * numbers alone: Holm over each metric's p-values across the benchmarks,
 * then rowVerdict. The comment job runs it again on a fork's report, so
 * what a fork wrote as verdicts never counts.
 */
function judgeContention(benchmarks, opts) {
    const families = new Map();
    for (const bc of benchmarks)
        for (const r of bc.contention?.rows ?? []) {
            r.pAdjusted = null;
            if (r.p !== null && (r.base?.n ?? 0) >= MIN_SAMPLES && (r.head?.n ?? 0) >= MIN_SAMPLES)
                (families.get(r.metric) ?? families.set(r.metric, []).get(r.metric)).push(r);
        }
    holmFamilies(families, r => r.p, (r, adjusted) => (r.pAdjusted = adjusted));
    const failOn = new Set(opts.failOnContention);
    for (const bc of benchmarks) {
        const nsPerOp = bc.metrics.find(m => m.unit === 'ns/op')?.head?.median;
        for (const r of bc.contention?.rows ?? []) {
            r.verdict = rowVerdict(r, nsPerOp, opts);
            r.gates = r.verdict === 'regression' && failOn.has(CONTENTION_METRICS[r.metric].family);
        }
    }
}
/**
 * The delay measure whose call sites explain a metric: its own for a
 * delay, its profile's delay for an event count (more mutex contentions:
 * where the mutex wait is), none for GC.
 */
function delayMeasureOf(metric) {
    if (Object.hasOwn(CONTENTION_MEASURES, metric))
        return metric;
    if (metric === 'block_contentions')
        return 'block_delay';
    if (metric === 'mutex_contentions')
        return 'mutex_delay';
    if (metric === 'sched_events')
        return 'sched_delay';
    return undefined;
}
/** The ranked functions of the delay measure of each changed row, in that row's direction. */
function addFunctions(c, b, h, max, view) {
    // Delays first, so a delay's own verdict sets its table's direction.
    const changed = [...c.rows]
        .filter(r => r.verdict === 'regression' || r.verdict === 'improvement')
        .sort((x, y) => Number(!delayMeasureOf(x.metric)) - Number(!delayMeasureOf(y.metric)));
    for (const row of changed) {
        const measure = delayMeasureOf(row.metric);
        if (!measure || c.functions?.[measure])
            continue;
        const bl = b.functions?.[measure] ?? [];
        const hl = h.functions?.[measure] ?? [];
        if (bl.length === 0 && hl.length === 0)
            continue;
        const entry = (f) => !/^testing\./.test(f.name);
        const r = rankFunctions({ list: bl.filter(entry), all: bl }, { list: hl.filter(entry), all: hl }, max, row.verdict === 'improvement' ? -1 : 1, view);
        // Delay is not sampled at a period, so no Poisson test applies: a row
        // under 1% of the largest change explains nothing and is left out.
        const largest = maxOf(r.functions.map(f => Math.abs(f.delta.self)), 0);
        for (const f of r.functions)
            if (f.beyondNoise && Math.abs(f.delta.self) < 0.01 * largest) {
                f.beyondNoise = false;
                r.stats.withinNoise++;
            }
        r.functions.sort((x, y) => Number(y.beyondNoise) - Number(x.beyondNoise));
        (c.functions ??= {})[measure] = r.functions;
        (c.functionStats ??= {})[measure] = r.stats;
    }
}
/** Whether a contention comparison fails the gate: then its benchmark is a regression. */
function gatesOnContention(c) {
    return c?.rows.some(r => r.gates) ?? false;
}
/**
 * After judgeContention: a benchmark with a gating contention regression
 * is a regression, whatever its time did; the headline names the metric
 * and its top call site when nothing else explains it.
 */
function applyContentionVerdicts(benchmarks) {
    for (const bc of benchmarks) {
        if (!gatesOnContention(bc.contention) || bc.verdict === 'regression')
            continue;
        bc.verdict = 'regression';
        // A delay names its call site directly: delays first.
        const gating = changedContention(bc).filter(x => x.gates);
        const r = gating.find(x => Object.hasOwn(CONTENTION_MEASURES, x.metric)) ?? gating[0];
        const site = callSite(bc, r);
        bc.summary =
            `${bc.name} ${CONTENTION_METRICS[r.metric].label} ${contentionDelta(r)} (p=${formatP(r.pAdjusted)})` +
                (site ? `: ${site}` : '');
    }
}
/**
 * Where a changed row's delay moved most, in its direction: `pkg.(*T).Add
 * +8.2 ns/op` (`… of mutex wait` for an event count); undefined without
 * a breakdown.
 */
function callSite(bc, r) {
    const measure = delayMeasureOf(r.metric);
    const sign = r.verdict === 'improvement' ? -1 : 1;
    const top = measure && bc.contention?.functions?.[measure]?.find(f => sign * f.delta.self > 0);
    if (!top)
        return undefined;
    const of = measure !== r.metric ? ` of ${CONTENTION_METRICS[measure].label}` : '';
    return `${top.name} ${signed(top.delta.self)} ns/op${of}`;
}
/**
 * The rows of a benchmark that changed beyond noise: those that gate
 * first, then delays (they name a call site) before event counts, then by
 * the size of the change.
 */
function changedContention(bc) {
    return (bc.contention?.rows ?? [])
        .filter(r => r.verdict === 'regression' || r.verdict === 'improvement')
        .sort(worseRowFirst);
}
/** The order of changed rows, within a benchmark and across them: see changedContention. */
function worseRowFirst(a, b) {
    const isDelay = (r) => Number(Object.hasOwn(CONTENTION_MEASURES, r.metric));
    return (Number(b.gates) - Number(a.gates) ||
        isDelay(b) - isDelay(a) ||
        Math.abs(b.deltaPercent ?? Infinity) - Math.abs(a.deltaPercent ?? Infinity));
}

;// CONCATENATED MODULE: ./src/compare/index.ts
/**
 * The comparison stage: match two sides, test every benchmark and unit
 * (verdicts.ts), and explain the changed ones by their function deltas
 * (functions.ts). The gate is decided by the judge (src/judge/judge.ts).
 */





/** Compare two loaded sides: verdicts, function deltas and summaries of the changed benchmarks. */
function compare_compareSides(base, head, options = {}, 
/** Both revisions' sources for hot lines, or why there are none. */
sources) {
    const screen = compareVerdicts(base, head, options);
    const view = sources && 'files' in sources ? sources : undefined;
    if (sources)
        screen.hotLines = view
            ? { between: view.between }
            : { unavailable: sources.unavailable };
    const baseBy = new Map(base.benchmarks.map(b => [benchmarkKey(b), b]));
    const headBy = new Map(head.benchmarks.map(b => [benchmarkKey(b), b]));
    for (const bc of screen.benchmarks) {
        if (bc.verdict !== 'regression' && bc.verdict !== 'improvement')
            continue;
        const b = baseBy.get(benchmarkKey(bc));
        const h = headBy.get(benchmarkKey(bc));
        const d = functionDeltas(b, h, screen.options.maxFunctions, bc.verdict, view);
        if (d) {
            bc.functions = d.functions;
            bc.functionStats = d.stats;
            bc.functionsFrom = 'baseline';
        }
        bc.summary = explain(bc, view !== undefined && view.between !== SAME_TREE);
    }
    compareContention(screen.benchmarks, bc => ({ base: baseBy.get(benchmarkKey(bc)), head: headBy.get(benchmarkKey(bc)) }), screen.options, 'baseline', view);
    applyContentionVerdicts(screen.benchmarks);
    screen.counts = countVerdicts(screen.benchmarks);
    screen.verdict = overallVerdict(screen.counts);
    return screen;
}

;// CONCATENATED MODULE: ./src/judge/judge.ts
/**
 * The judge: the one place that decides which flow a run takes, every
 * verdict's gate, what counts as a suspect, how a confirmation changes the
 * screen, when to comment, and whether the step fails. Pure: comparisons
 * and settings in, decisions out. The front ends ask it and publish what
 * it says; they never branch on gates themselves (docs/design.md D7, D8).
 */





/**
 * The test of interleaved rounds (confirmation, gate ab, CLI ab):
 * group-sequential, so each benchmark's rounds stop as soon as it is decided
 * (stats/group-sequential.ts, judge/sequential.ts, docs/design.md "Sequential
 * confirmation"). The U test and the signed-rank test stay available as
 * fixed-round tests (`--test`), which run every round.
 */
const AB_TEST = 'sequential';
/**
 * The most A/B rounds a suspect gets under confirmation, by default: most
 * stop long before (judge/sequential.ts).
 */
const CONFIRM_ROUNDS_DEFAULT = 30;
/**
 * Seconds of confirmation rounds before the undecided suspects stop as
 * inconclusive, by default: about what 20 fixed rounds of 3 suspects at
 * 1s cost before (2 × 1 s × 20 × 3).
 */
const CONFIRM_BUDGET_DEFAULT = 120;
/** Events a run (mode: run) supports. */
const RUN_EVENTS = (/* unused pure expression or super */ null && (['push', 'pull_request', 'workflow_dispatch', 'schedule']));
/** The flow for this event and gate; undefined for an event benchgate does not run on. */
function planFor(event, gate) {
    if (!RUN_EVENTS.includes(event))
        return undefined;
    if (event !== 'pull_request')
        return 'record';
    switch (gate) {
        case 'ab':
            return 'ab';
        case 'baseline':
            return 'screen';
        case 'confirmed':
            return 'confirm';
    }
}
/**
 * Why this benchmark fails the gate: its time regressions, and its
 * allocation regressions (exact or noisy) with failOnAlloc. `which`
 * limits it to the allocations (a confirmed suspect's time is the A/B's).
 */
function gateReasons(bc, opts, which = 'all') {
    const reasons = [];
    for (const m of bc.metrics) {
        if (m.verdict === 'inconclusive' &&
            m.kind === 'time' &&
            which === 'all' &&
            opts.failOnInconclusive)
            reasons.push(`${bc.name} ${m.unit} inconclusive: ${formatInterval(m.interval)} (fail-on-inconclusive)`);
        if (m.verdict !== 'regression')
            continue;
        if (m.kind === 'time' && which === 'all')
            reasons.push(`${bc.name} ${m.unit} ${formatChange(m)} (p=${formatP(m.pAdjusted)})`);
        else if (isAllocationUnit(m.unit) && opts.failOnAlloc)
            reasons.push(`${bc.name} ${m.unit} ${formatChange(m)}`);
    }
    // Contention gates only in the families a team asked for (fail-on-contention).
    const c = bc.contention;
    for (const r of c?.rows ?? [])
        if (r.gates)
            reasons.push(`${bc.name} ${CONTENTION_METRICS[r.metric].label} ${contentionDelta(r)} (p=${formatP(r.pAdjusted)}, ${c.rounds.head} ${c.measuredBy === 'ab' ? 'A/B ' : ''}contention rounds)`);
    return reasons;
}
/** Whether a benchmark's time metric regressed (or, failing on it, stayed inconclusive), as its metrics say. */
function timeRegressed(b, opts) {
    return b.metrics.some(m => m.kind === 'time' &&
        (m.verdict === 'regression' ||
            (m.verdict === 'inconclusive' && opts?.failOnInconclusive === true)));
}
/**
 * The judge's record of what blocks: a failing gate, and this benchmark's
 * time regression (`time`, as the gate counted it) or a contention
 * regression a team gates on. A stale mark from elsewhere is dropped.
 */
function recordBlocking(b, fails, time) {
    const { blocks, ...rest } = b;
    void blocks;
    return fails && (time || gatesOnContention(b.contention)) ? { ...rest, blocks: true } : rest;
}
/**
 * The gate of a comparison whose verdicts stand as measured: the baseline
 * screen, or an A/B. `mode` is recorded (absent: a plain comparison). The
 * benchmarks are ranked worst first.
 */
function judgeScreen(screen, mode) {
    // Worst first, reasons too: the same order however the benchmarks came.
    const sorted = sortBenchmarks(screen.benchmarks);
    const reasons = sorted.flatMap(bc => gateReasons(bc, screen.options));
    return {
        ...screen,
        benchmarks: sorted.map(b => recordBlocking(b, reasons.length > 0, timeRegressed(b, screen.options))),
        gate: { fail: reasons.length > 0, reasons },
        ...(mode ? { gateMode: mode } : {})
    };
}
/** Compare two sides and judge them as a plain comparison (CLI `compare`, tests). */
function compare(base, head, options = {}) {
    return judgeScreen(compareSides(base, head, options));
}
/**
 * Options for an interleaved A/B verdict: the A/B test, and the A/B
 * threshold, since its Δ is measured without drift between the sides.
 * `threshold` (a front end's explicit choice) overrides the latter;
 * `rounds` is the most rounds the A/B may run (the sequential design's cap).
 */
function abOptions(opts, rounds, threshold) {
    return { ...opts, test: AB_TEST, threshold: threshold ?? opts.abThreshold, maxRounds: rounds };
}
/** Judge an A/B of everything (gate ab, CLI `ab`), measured against `baseLabel`. */
function judgeAb(ab, baseLabel) {
    const c = judgeScreen(fromAb(ab), 'ab');
    return baseLabel ? { ...c, base: { ...c.base, ref: baseLabel } } : c;
}
/** Mark a comparison's function deltas as measured by the A/B rounds. */
function fromAb(ab) {
    return {
        ...ab,
        benchmarks: ab.benchmarks.map(b => ({
            ...b,
            ...(b.functions ? { functionsFrom: 'ab' } : {}),
            ...(b.contention ? { contention: { ...b.contention, measuredBy: 'ab' } } : {})
        }))
    };
}
/** Whether this comparison calls for a new comment under the policy. */
function shouldComment(policy, c) {
    switch (policy) {
        case 'always':
            return true;
        case 'on-change':
            return (c.counts.regression +
                c.counts.improvement +
                c.counts.failed +
                c.counts.new +
                c.counts.removed >
                0);
        case 'on-regression':
            return c.counts.regression > 0;
        case 'never':
            return false;
    }
}
/** Whether the step fails on this comparison, and the message that says why. */
function gateFailure(c, failOnRegression) {
    if (!c.gate.fail || !failOnRegression)
        return undefined;
    return `benchgate: ${c.gate.reasons.length} significant regression(s): ${c.gate.reasons.slice(0, 5).join('; ')}`;
}
/** Whether packages that failed to run their benchmarks fail the step (they always do). */
function packageFailure(failed) {
    if (failed.length === 0)
        return undefined;
    return `benchgate: ${failed.length} package(s) failed to run their benchmarks: ${failed.join(', ')}`;
}

;// CONCATENATED MODULE: ./src/judge/nominate.ts
/**
 * What the screen nominates for confirmation (gate confirmed), and what a
 * run shift changes about it (docs/comparison.md, the run shift).
 *
 * Without a shift, a suspect is what the screen cannot rule out (see
 * isSuspect). When most benchmarks moved together (compare/shift.ts), the
 * time of each is judged relative to that shift, so a slow runner does not
 * make every benchmark a suspect; and when the head was slower, a few
 * benchmarks that moved with the shift are re-measured too, so that a real
 * change that slows everything is confirmed before it is explained away.
 */



/** Benchmarks sampled from a slower run's shift, re-measured by A/B. */
const SHIFT_SAMPLE = 3;
/**
 * A suspect is what the screen cannot rule out: a time regression by its
 * own verdict; a time metric that got slower by at least the A/B threshold
 * with an uncorrected p ≤ α (benchstat's call); or one that got slower by
 * at least the threshold whatever its p, since the screen's p is the part
 * drift makes least reliable. The screen only nominates; the A/B decides,
 * so a broad net costs confirmation time, not false alarms. Under an
 * applied shift, time is judged by its delta relative to the shift alone:
 * slower than the run by at least the A/B threshold (the p of a shifted
 * run says nothing about the code).
 */
function isSuspect(b, opts, shift) {
    // A contention regression that would gate is re-measured too, where
    // base and head take turns on one runner.
    if (b.contention?.rows.some(r => r.gates))
        return true;
    return b.metrics.some(m => {
        // An allocation change seen in one process per side may be one that
        // differs between any two processes (a clock-seeded rand): the A/B's
        // rounds, each its own process, decide it.
        if (isAllocationUnit(m.unit))
            return m.verdict === 'regression';
        if (m.kind !== 'time')
            return false;
        const d = m.deltaPercent;
        if (shift?.applied)
            return d !== null && m.better === 'lower' && relativeDelta(d, shift) >= opts.abThreshold;
        if (m.verdict === 'regression')
            return true;
        if (d === null || m.better !== 'lower')
            return false;
        return d >= opts.threshold || (m.significantUncorrected === true && d >= opts.abThreshold);
    });
}
/**
 * Nominate: estimate the shift, pick the suspects, and (head slower) sample
 * up to SHIFT_SAMPLE of the other benchmarks that moved most like the run,
 * closest to the shift first, by key on ties. Deterministic, so the A/B and
 * the judging after it see the same nomination.
 */
function nominate(screen) {
    const opts = screen.options;
    const shift = estimateShift(timeDeltas(screen), opts);
    const suspects = new Set();
    for (const b of screen.benchmarks)
        if (isSuspect(b, opts, shift))
            suspects.add(benchmarkKey(b));
    const sampled = new Set();
    if (shift?.applied && shift.percent > 0) {
        const others = screen.benchmarks
            .filter(b => !suspects.has(benchmarkKey(b)) && timeDelta(b) !== null)
            .map(b => ({ b, key: benchmarkKey(b), off: Math.abs(relativeDelta(timeDelta(b), shift)) }))
            .sort((x, y) => x.off - y.off || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
            .slice(0, SHIFT_SAMPLE);
        for (const o of others) {
            sampled.add(o.key);
            suspects.add(o.key);
        }
        shift.sampled = others.map(o => o.b.name);
    }
    return { suspects, sampled, ...(shift ? { shift } : {}) };
}
/**
 * After the A/B: was the shift the runner's or the change's? The change's
 * when the A/B confirmed most of the sample as regressions.
 */
function shiftCause(nom, confirmedKeys) {
    const sampleConfirmed = [...nom.sampled].filter(k => confirmedKeys.has(k)).length;
    return {
        cause: nom.sampled.size > 0 && 2 * sampleConfirmed > nom.sampled.size ? 'code' : 'runner',
        sampleConfirmed
    };
}
/**
 * A benchmark the screen did not nominate because the runner's shift
 * explains its time: its time regression is no regression (marked
 * `explainedByShift`), and its verdict follows from the rest.
 */
function explainedByShift(b) {
    if (!b.metrics.some(m => m.kind === 'time' && m.verdict === 'regression'))
        return b;
    const metrics = b.metrics.map(m => m.kind === 'time' && m.verdict === 'regression'
        ? { ...m, verdict: 'unchanged', explainedByShift: true }
        : m);
    const verdict = benchmarkVerdict(metrics);
    const out = { ...b, metrics, verdict };
    if (verdict !== 'regression' && verdict !== 'improvement')
        withoutBreakdown(out, true);
    return out;
}
/** Drop a benchmark's function breakdown (and its headline, with `summary`), in place. */
function withoutBreakdown(b, summary = false) {
    delete b.functions;
    delete b.functionStats;
    delete b.functionsFrom;
    if (summary)
        delete b.summary;
}

;// CONCATENATED MODULE: ./src/judge/confirmation.ts
/**
 * Confirmation's verdicts: which benchmarks the A/B re-measures (the
 * screen's suspects), and how its A/B comparison of them folds into the
 * screen. A suspect's time verdict is the A/B's; what it could not measure
 * keeps the screen's; only confirmed regressions (and, when asked, the
 * inconclusive) fail the gate.
 */








/** Keys of the benchmarks whose A/B confirmed a time regression. */
function confirmedKeys(bs) {
    return new Set(bs.filter(b => b.confirmation?.status === 'confirmed').map(benchmarkKey));
}
/** The benchmarks confirmation re-runs: the screen's nomination (judge/nominate.ts). */
function suspectsOf(screen) {
    const { suspects } = nominate(screen);
    return screen.benchmarks.filter(b => suspects.has(benchmarkKey(b)));
}
/**
 * The screen stands as judged: no suspects, or the A/B could not run
 * (`info.error`). A shift the screen saw is reported, and explains nothing
 * that was not re-measured.
 */
function confirmationStands(screen, info) {
    const { shift } = nominate(screen);
    const said = shift?.applied && info.error ? { ...shift, cause: 'unconfirmed' } : shift;
    return {
        ...judgeScreen(screen, 'confirmed'),
        confirmation: info,
        ...(said ? { shift: said } : {})
    };
}
/**
 * Fold an A/B comparison of the suspects into the screen: a suspect's time
 * verdict is the A/B's, its other metrics keep the screen's, and only
 * confirmed time regressions (plus exact allocation ones with failOnAlloc)
 * fail the gate.
 */
function applyConfirmation(screen, ab, rounds, info = {}) {
    const measured = new Map(ab.benchmarks.map(b => [benchmarkKey(b), b]));
    // A suspect whose package the A/B left out as identical is noise by construction.
    const cleared = new Set((ab.skipped ?? []).filter(s => s.reason === IDENTICAL_REASON).map(s => s.package));
    const nom = nominate(screen);
    const judged = sortBenchmarks(screen.benchmarks).map(b => nom.suspects.has(benchmarkKey(b))
        ? confirmed(b, measured.get(benchmarkKey(b)), rounds, ab, cleared.has(b.package))
        : b);
    const shift = nom.shift && {
        ...nom.shift,
        ...(nom.shift.applied ? shiftCause(nom, confirmedKeys(judged)) : {})
    };
    // The runner's shift explains what the screen did not nominate; a change
    // that slowed everything (the sample confirmed) leaves the screen's verdicts.
    // Worst first by what was decided, so the order (and the gate's reasons)
    // is the same however the comparison is judged.
    const benchmarks = sortBenchmarks(shift?.applied && shift.cause === 'runner'
        ? judged.map(b => (b.confirmation ? b : explainedByShift(b)))
        : judged);
    const counts = countVerdicts(benchmarks);
    const reasons = benchmarks.flatMap(b => {
        const c = b.confirmation;
        // Not measured is never passed: the screen's reasons stand.
        if (!c || c.status === 'missing')
            return gateReasons(b, screen.options);
        if (c.status === 'identical')
            return [];
        const time = c.status === 'confirmed'
            ? [
                `${b.name} ${c.unit} ${formatDelta(c.deltaPercent)} (p=${formatP(c.pAdjusted)}, ${c.rounds} A/B rounds on this runner)`
            ]
            : c.status === 'inconclusive' && screen.options.failOnInconclusive
                ? [
                    `${b.name} ${c.unit} inconclusive after ${c.rounds} A/B rounds: ${formatInterval(c.interval)} (fail-on-inconclusive)`
                ]
                : [];
        return [...time, ...gateReasons(b, screen.options, 'allocations')];
    });
    const fails = reasons.length > 0;
    return {
        ...screen,
        // The time that counts: what the A/B confirmed, or, where it measured
        // nothing, the screen's; a refuted suspect's does not.
        benchmarks: benchmarks.map(b => {
            const k = b.confirmation;
            const time = k?.status === 'confirmed' ||
                (k?.status === 'inconclusive' && screen.options.failOnInconclusive === true) ||
                ((!k || k.status === 'missing') && timeRegressed(b));
            return recordBlocking(b, fails, time);
        }),
        counts,
        verdict: overallVerdict(counts),
        gate: { fail: fails, reasons },
        gateMode: 'confirmed',
        notes: [...screen.notes, ...ab.notes.map(n => `Confirmation: ${n}`)],
        ...(shift ? { shift } : {}),
        ...(benchmarks.some(b => b.functionsFrom === 'ab') && ab.hotLines
            ? { hotLines: ab.hotLines }
            : {}),
        confirmation: {
            base: { commit: ab.base.commit, ref: ab.base.ref },
            rounds,
            test: ab.options.test,
            suspects: benchmarks.filter(b => b.confirmation).length,
            confirmed: benchmarks.filter(b => b.confirmation?.status === 'confirmed').length,
            elapsedMs: 0,
            ...info
        }
    };
}
/**
 * One suspect after its A/B: the A/B decides time; the other metrics keep
 * their screen verdicts. A confirmed regression is explained by the A/B
 * rounds' own profiles (same runner, interleaved: the best evidence), so
 * its breakdown exists even when the screen's verdict did not ask for one,
 * and its direction follows the time regression that decided it.
 */
function confirmed(b, a, rounds, ab, identical) {
    if (identical && !a)
        return clearedAsIdentical(b);
    const m = a?.metrics.find(x => x.kind === 'time');
    const status = !m
        ? 'missing'
        : m.verdict === 'regression'
            ? 'confirmed'
            : m.verdict === 'inconclusive'
                ? 'inconclusive'
                : 'not-confirmed';
    // Allocation verdicts are the A/B's too, where it measured them: across
    // its rounds' processes, exact only if deterministic (docs/design.md D11).
    // Its numbers come with its verdict, so a row never shows one run's Δ
    // and another's call. The screen's row stays beside it (`screen`): it was
    // one of the screen's Holm family, which re-judging forms again.
    const metrics = b.metrics.map(x => {
        const y = isAllocationUnit(x.unit) ? a?.metrics.find(z => z.unit === x.unit) : undefined;
        if (!y)
            return x;
        const { screen, ...own } = x;
        void screen;
        return { ...y, measuredBy: 'ab', screen: own };
    });
    const others = benchmarkVerdict(metrics.filter(x => x.kind !== 'time'));
    // What the A/B could not measure it could not clear: the screen's verdict stands.
    const verdict = status === 'missing'
        ? b.verdict
        : status === 'confirmed' || gatesOnContention(a?.contention ?? b.contention)
            ? 'regression'
            : status === 'inconclusive'
                ? 'inconclusive'
                : others === 'too-few-samples'
                    ? 'unchanged'
                    : others;
    const out = {
        ...b,
        metrics,
        // The A/B's contention rounds decide, when it ran them.
        ...(a?.contention ? { contention: { ...a.contention, measuredBy: 'ab' } } : {}),
        verdict,
        confirmation: {
            status,
            unit: m?.unit ?? 'ns/op',
            deltaPercent: m?.deltaPercent ?? null,
            p: m?.p ?? null,
            pAdjusted: m?.pAdjusted ?? null,
            // Each suspect's own rounds: a sequential confirmation stops each when decided.
            rounds: m?.head?.n ?? a?.confirmation?.rounds ?? rounds,
            test: m?.test ?? ab.options.test,
            ...(m?.interval ? { interval: m.interval } : {})
        }
    };
    return explained(out, b, a, status);
}
/**
 * A suspect whose test binary and package files are identical at the base
 * revision: nothing in it can have changed, so whatever the screen saw
 * (time or allocations) is the baseline's runner and hour, not the pull
 * request. Unchanged, without rounds and without a breakdown.
 */
function clearedAsIdentical(b) {
    const time = b.metrics.find(x => x.kind === 'time');
    const out = {
        ...b,
        verdict: 'unchanged',
        confirmation: {
            status: 'identical',
            unit: time?.unit ?? 'ns/op',
            deltaPercent: null,
            p: null,
            pAdjusted: null,
            rounds: 0,
            test: time?.test ?? 'utest'
        }
    };
    withoutBreakdown(out, true);
    return out;
}
/**
 * A suspect's breakdown after its A/B: a confirmed regression's comes from
 * the A/B rounds' profiles, headed by the A/B's numbers and what the screen
 * saw; a benchmark that is no longer a change has none.
 */
function explained(out, b, a, status) {
    const { verdict } = out;
    if (status === 'confirmed' && a) {
        const m = a.metrics.find(x => x.kind === 'time');
        const disagree = disagreement({ ...b, verdict }, undefined).replace(/^; but /, '; the screen saw ');
        out.summary = `${a.summary ?? `${b.name} ${m.unit} ${formatChange(m)}`}, confirmed by A/B on this runner${disagree}`;
        if (a.functions) {
            out.functions = a.functions;
            out.functionsFrom = 'ab';
            if (a.functionStats)
                out.functionStats = a.functionStats;
            else
                delete out.functionStats;
        }
        else
            withoutBreakdown(out);
    }
    else if (status !== 'missing' &&
        verdict !== 'regression' &&
        verdict !== 'improvement' &&
        verdict !== 'inconclusive') {
        // No longer a changed benchmark: no breakdown, no headline of a change.
        withoutBreakdown(out, true);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/judge/rejudge.ts
/**
 * Re-judging a comparison that came from somewhere we do not trust: a
 * fork's report artifact, rebuilt by the comment job. Its verdicts, counts
 * and gate are recomputed from its numbers with our own rules, so a forged
 * `gate.fail: false` beside regressions, a time unit relabelled as noisy,
 * or a confirmation marked "not confirmed" against its own numbers cannot
 * turn the check green. What a fork can still forge is the numbers
 * themselves: it ran the benchmarks (docs/security.md).
 */








/** A metric's kind and direction as its unit says, whatever the report claims. */
function trustedShape(m) {
    // Allocation units are exact or noisy as their samples were (docs/design.md D11); a
    // fork may pick either, and neither gates without fail-on-alloc.
    const kind = isAllocationUnit(m.unit)
        ? m.kind === 'noisy'
            ? 'noisy'
            : 'exact'
        : model_isTimeUnit(m.unit)
            ? 'time'
            : m.kind === 'time'
                ? 'noisy'
                : m.kind;
    // Whether the run shift explains a regression is the judge's call, made again here.
    const { explainedByShift, screen, ...rest } = m;
    void explainedByShift;
    // An A/B row keeps the screen's row it replaced, as the judge left it.
    const kept = screen && m.measuredBy === 'ab' ? { screen: trustedShape(screen) } : {};
    return { ...rest, ...kept, kind, better: betterDirection(m.unit) };
}
/**
 * Metric verdicts from the numbers: sample counts, Holm over each unit's
 * family (every benchmark given, so a merge corrects across its shards),
 * thresholds.
 */
function metricVerdicts(list, opts) {
    const out = list.map(b => ({ ...b, metrics: b.metrics.map(trustedShape) }));
    decideVerdicts(out, opts);
    // Contention rows: re-judged from their numbers, with our Holm and thresholds.
    judgeContention(out, opts);
    applyContentionVerdicts(out);
    return out;
}
/** The screen's view of a benchmark: its confirmation is recomputed, not carried. */
function withoutConfirmation(b) {
    const { confirmation, ...screen } = b;
    void confirmation;
    // The screen's own rows where the A/B's replaced them: what it nominated from.
    return { ...screen, metrics: b.metrics.map(m => (m.measuredBy === 'ab' && m.screen) || m) };
}
/** Recompute every verdict, the counts and the gate of an untrusted comparison. */
function rejudge(c) {
    return rejudge_failMissingShards(judgeVerdicted(c, metricVerdicts(c.benchmarks, c.options)));
}
/**
 * A merged comparison's gate, failed by each shard that did not report
 * (docs/sharding.md): what a shard did not measure cannot pass. Applied by the
 * merge and again by every re-judge, so the comment job keeps the failure.
 */
function rejudge_failMissingShards(c) {
    const missing = c.shards?.missing ?? [];
    if (missing.length === 0)
        return c;
    const reasons = [
        ...c.gate.reasons,
        ...missing.map(m => `shard ${m.source} did not report: ${m.reason}`)
    ];
    return { ...c, gate: { fail: true, reasons } };
}
/**
 * A suspect as its A/B measured it, rebuilt from what the comparison kept:
 * the time verdict recomputed here, the allocation rows the A/B measured,
 * and, when the A/B's profiles explained it, its function breakdown, so a
 * re-judged or merged confirmed regression still names its culprit and
 * leads with it (applyConfirmation keeps only what the A/B has).
 */
function abMeasured(b, time, diffKnown) {
    const out = {
        package: b.package,
        name: b.name,
        verdict: time.verdict,
        metrics: [time, ...b.metrics.filter(m => m.measuredBy === 'ab')]
    };
    if (b.functionsFrom === 'ab' && b.functions) {
        out.functions = b.functions;
        out.functionsFrom = 'ab';
        if (b.functionStats)
            out.functionStats = b.functionStats;
    }
    if (out.verdict === 'regression')
        out.summary = explain(out, diffKnown);
    return out;
}
/**
 * The rest of rejudge, on benchmarks whose metric verdicts are recomputed:
 * the screen's counts, then the gate, with the confirmation's own numbers
 * deciding its suspects. `confirmationP` replaces a suspect's adjusted p
 * (a merge's Holm across every shard's suspects), by benchmark key.
 */
function judgeVerdicted(c, benchmarks, confirmationP) {
    const counts = countVerdicts(benchmarks);
    const screen = {
        ...c,
        benchmarks: benchmarks.map(withoutConfirmation),
        counts,
        verdict: overallVerdict(counts)
    };
    const confirmed = benchmarks.filter(b => b.confirmation);
    const diffKnown = c.hotLines !== undefined && 'between' in c.hotLines && c.hotLines.between !== SAME_TREE;
    if (c.gateMode !== 'confirmed' || confirmed.length === 0)
        return judgeScreen(screen, c.gateMode);
    // The confirmation's own numbers decide it, as they did on the runner:
    // the A/B Δ against the A/B threshold and its Holm-adjusted p.
    const ab = {
        ...screen,
        options: { ...c.options, threshold: c.options.abThreshold },
        notes: [],
        // Cleared as identical on the runner: cleared again (judge/confirmation.ts).
        skipped: confirmed
            .filter(b => b.confirmation.status === 'identical')
            .map(b => ({ package: b.package, reason: IDENTICAL_REASON, benchmarks: 0 })),
        benchmarks: sortBenchmarks(confirmed.flatMap(b => {
            const k = b.confirmation;
            // No numbers is not measured, whatever the status says: the screen's verdict stands.
            if (k.status === 'missing' || k.status === 'identical' || k.deltaPercent === null)
                return [];
            const delta = k.deltaPercent ?? 0;
            const key = benchmarkKey(b);
            const pAdjusted = confirmationP?.has(key) ? confirmationP.get(key) : k.pAdjusted;
            const significant = pAdjusted !== null && pAdjusted < c.options.alpha;
            const regressed = significant && delta >= c.options.abThreshold;
            // A sequential confirmation that neither showed nor ruled out a
            // regression stays open; without its interval nothing was ruled out.
            const open = k.test === 'sequential' &&
                !significant &&
                (k.interval?.hi === null ||
                    k.interval === undefined ||
                    k.interval.hi >= c.options.abThreshold);
            const time = {
                unit: k.unit,
                kind: 'time',
                better: 'lower',
                verdict: regressed ? 'regression' : open ? 'inconclusive' : 'unchanged',
                ...(k.interval ? { interval: k.interval } : {}),
                p: k.p ?? pAdjusted,
                test: k.test,
                pAdjusted,
                significantUncorrected: null,
                deltaPercent: k.deltaPercent,
                base: null,
                head: null
            };
            return [{ ...abMeasured(b, time, diffKnown), confirmation: k }];
        }))
    };
    return applyConfirmation(screen, ab, c.confirmation?.rounds ?? 0, {
        base: c.confirmation?.base ?? { commit: '', ref: '' },
        elapsedMs: c.confirmation?.elapsedMs ?? 0
    });
}

;// CONCATENATED MODULE: ./src/judge/merge-comparisons.ts
/**
 * Merging the comparisons of a sharded run (docs/sharding.md) into one answer.
 *
 * Each shard measured, screened and confirmed its own packages on its own
 * runner; its comparison is one input here. The merge:
 * - refuses inputs that cannot be one run's: different options or gate,
 *   different commits, or a benchmark in two shards;
 * - recomputes every metric verdict with Holm across all benchmarks of all
 *   shards (a family per unit, as one unsharded comparison would have),
 *   and every confirmation with Holm across all shards' suspects, from
 *   their raw p;
 * - keeps what belongs to a runner per shard: which benchmarks were
 *   suspects, and the run shift they were judged by;
 * - names each shard's environment warnings, and fails when a shard did
 *   not report.
 */










/** The first option two comparisons differ in, as `name: a vs b`. */
function optionDifference(a, b) {
    const keys = new Set([...Object.keys(a.options), ...Object.keys(b.options)]);
    for (const k of keys) {
        const x = JSON.stringify(a.options[k]);
        const y = JSON.stringify(b.options[k]);
        if (x !== y)
            return `${k} ${x} against ${y}`;
    }
    if ((a.gateMode ?? 'baseline') !== (b.gateMode ?? 'baseline'))
        return `gate ${a.gateMode ?? 'baseline'} against ${b.gateMode ?? 'baseline'}`;
    return undefined;
}
/** Check that the inputs are shards of one run. */
function checkInputs(inputs) {
    if (inputs.length === 0)
        throw new MergeError('there is no comparison to merge');
    const first = inputs[0];
    const owner = new Map();
    for (const x of inputs) {
        const diff = optionDifference(first.comparison, x.comparison);
        if (diff)
            throw new MergeError(`${x.source} was compared with other settings than ${first.source} (${diff}); compare every shard with the same options, then merge`);
        for (const side of ['base', 'head']) {
            const a = first.comparison[side].commit;
            const b = x.comparison[side].commit;
            if (a && b && a !== b)
                throw new MergeError(`${x.source} measured ${side} ${b.slice(0, 12)}, ${first.source} ${a.slice(0, 12)}: the shards of one merge must measure the same commits`);
        }
        for (const b of x.comparison.benchmarks) {
            const k = benchmarkKey(b);
            const other = owner.get(k);
            if (other !== undefined)
                throw new MergeError(`${b.name} of ${b.package} is in both ${other} and ${x.source}: the shards overlap; run every shard with the same shard count, from the same baseline`);
            owner.set(k, x.source);
        }
    }
}
/** Holm across every shard's suspects, from their raw p (status missing: no test). */
function confirmationPs(inputs) {
    const tested = [];
    for (const x of inputs)
        for (const b of x.comparison.benchmarks) {
            const k = b.confirmation;
            if (!k || k.status === 'missing' || k.status === 'identical')
                continue;
            if (k.p === undefined)
                throw new MergeError(`${x.source} has confirmations without their raw p (made by a benchgate older than merge); run that shard again`);
            if (k.p !== null)
                tested.push({ key: benchmarkKey(b), p: k.p });
        }
    const out = new Map();
    holmFamilies(new Map([['confirmation', tested]]), t => t.p, (t, adjusted) => out.set(t.key, adjusted));
    return out;
}
/** One unit's geometric mean over all shards, from each shard's mean and count. */
function mergeGeomeans(rows) {
    const byUnit = new Map();
    for (const r of rows)
        (byUnit.get(r.unit) ?? byUnit.set(r.unit, []).get(r.unit)).push(r);
    return [...byUnit].map(([unit, rs]) => {
        const n = rs.reduce((a, r) => a + r.n, 0);
        const mean = (pick) => Math.exp(rs.reduce((a, r) => a + r.n * Math.log(pick(r)), 0) / n);
        const base = mean(r => r.base);
        const head = mean(r => r.head);
        return { unit, base, head, deltaPercent: (head / base - 1) * 100, n };
    });
}
/**
 * Which CPU each shard ran on, when the shards' runners differ: each
 * shard's verdicts are against its own part of the baseline, made on
 * whatever runner that push job had.
 */
function runnerNotes(inputs) {
    const cpu = (x, side) => x.comparison[side].cpu ?? 'an unknown CPU';
    const models = new Set(inputs.flatMap(x => [cpu(x, 'base'), cpu(x, 'head')]));
    if (models.size <= 1)
        return [];
    return [
        `The shards ran on different CPUs: ${inputs.map(x => `${x.source} on ${cpu(x, 'head')} (its baseline part on ${cpu(x, 'base')})`).join('; ')}. Each shard is compared with its own part only.`
    ];
}
/**
 * Merge shard comparisons into one, judged as one: its verdicts, counts
 * and gate. Missing shards are named in the gate and fail it; shards that
 * had no baseline are named in the notes and do not.
 */
function mergeComparisons(inputs, missing = [], unbaselined = []) {
    checkInputs(inputs);
    const first = inputs[0].comparison;
    const opts = first.options;
    const verdicted = metricVerdicts(inputs.flatMap(x => x.comparison.benchmarks), opts);
    const ps = confirmationPs(inputs);
    let at = 0;
    const judged = inputs.map(x => {
        const mine = verdicted.slice(at, (at += x.comparison.benchmarks.length));
        const c = judgeVerdicted(x.comparison, mine, ps);
        return {
            source: x.source,
            c: { ...c, benchmarks: c.benchmarks.map(b => ({ ...b, shard: x.source })) }
        };
    });
    const benchmarks = sortBenchmarks(judged.flatMap(j => j.c.benchmarks));
    const counts = countVerdicts(benchmarks);
    const reasons = worstFirst(judged.flatMap(j => j.c.gate.reasons), benchmarks);
    const shifts = judged.flatMap(j => j.c.shift?.applied ? [`${j.source}: ${shiftNote(j.c.shift)}`] : []);
    const notes = [
        `Merged from ${inputs.length} shard${inputs.length === 1 ? '' : 's'} (${inputs.map(x => x.source).join(', ')}); p-values are corrected across all ${benchmarks.length} benchmarks.`,
        ...missing.map(m => `Shard ${m.source} did not report (${m.reason}); its benchmarks are not here.`),
        ...unbaselined.map(m => `Shard ${m.source} had no baseline to compare with (${m.reason}); its benchmarks are not here.`),
        ...shifts,
        ...runnerNotes(inputs),
        ...new Set(judged.flatMap(j => j.c.notes))
    ];
    const confirmations = judged.flatMap(j => (j.c.confirmation ? [j.c.confirmation] : []));
    const out = {
        ...first,
        benchmarks,
        counts,
        verdict: overallVerdict(counts),
        gate: { fail: reasons.length > 0, reasons },
        geomean: mergeGeomeans(judged.flatMap(j => j.c.geomean)),
        warnings: judged.flatMap(j => j.c.warnings.map(w => `${j.source}: ${w}`)),
        notes,
        ...(judged.some(j => j.c.skipped) ? { skipped: judged.flatMap(j => j.c.skipped ?? []) } : {}),
        shards: {
            merged: inputs.map(x => x.source),
            missing: [...missing],
            ...(unbaselined.length > 0 ? { unbaselined: [...unbaselined] } : {})
        }
    };
    delete out.shift;
    if (confirmations.length > 0) {
        const errors = confirmations.flatMap(k => (k.error ? [k.error] : []));
        out.confirmation = {
            ...confirmations[0],
            suspects: benchmarks.filter(b => b.confirmation).length,
            confirmed: benchmarks.filter(b => b.confirmation?.status === 'confirmed').length,
            // The shards ran side by side: the merge waited for the longest.
            elapsedMs: maxOf(confirmations.map(k => k.elapsedMs), 0),
            ...(errors.length > 0 ? { error: errors.join('; ') } : {})
        };
    }
    return rejudge_failMissingShards(out);
}
/**
 * The shards' gate reasons in the merged benchmarks' order (worst first),
 * as one unsharded comparison lists them: a reason begins with the name of
 * its benchmark; one that names none (a shard) keeps its place after them.
 */
function worstFirst(reasons, sorted) {
    const rank = new Map();
    sorted.forEach((b, i) => {
        if (!rank.has(b.name))
            rank.set(b.name, i);
    });
    const names = [...rank.keys()].sort((x, y) => y.length - x.length);
    const at = (r) => {
        const name = names.find(n => r.startsWith(`${n} `));
        return name === undefined ? sorted.length : rank.get(name);
    };
    return reasons
        .map((r, i) => ({ r, i, at: at(r) }))
        .sort((x, y) => x.at - y.at || x.i - y.i)
        .map(x => x.r);
}
/**
 * Re-judge a merged comparison from somewhere we do not trust (a fork's
 * merged report, in mode comment) as the merge judged it: Holm across all
 * benchmarks, and each shard's suspects and shift within that shard, by
 * the shard each benchmark records. rejudge() alone would nominate over
 * the union, as if one runner had measured everything.
 */
function rejudgeMerged(c) {
    const shards = c.shards;
    const sources = [...new Set([...shards.merged, ...c.benchmarks.map(b => b.shard ?? '')])];
    const inputs = sources
        .map((source, i) => ({
        source,
        comparison: {
            ...c,
            benchmarks: c.benchmarks.filter(b => (b.shard ?? '') === source),
            geomean: i === 0 ? c.geomean : [],
            warnings: [],
            notes: []
        }
    }))
        .filter(x => x.comparison.benchmarks.length > 0 || shards.merged.includes(x.source));
    if (inputs.length === 0)
        return failMissingShards(c);
    const out = mergeComparisons(inputs, shards.missing, shards.unbaselined ?? []);
    // What is shown as measured stays as reported; only the judgement is ours.
    return {
        ...out,
        geomean: c.geomean,
        warnings: c.warnings,
        notes: [...new Set([...out.notes, ...c.notes])]
    };
}
/** A shard's comparison file larger than this is refused before parsing. */
const MAX_SHARD_COMPARISON_BYTES = 64 * 1024 * 1024;
/**
 * Read one shard's comparison (`compare --format json` output), checked
 * field by field as a fork's report is: a shard ran the PR's code.
 */
async function readMergeInput(path, source = path) {
    const text = await readTextCapped(path, MAX_SHARD_COMPARISON_BYTES, `comparison ${source}`);
    let data;
    try {
        data = parseJson(text);
    }
    catch (err) {
        throw new MergeError(`${source} is not JSON (${err.message}); merge takes the files \`benchgate compare --format json\` writes`);
    }
    try {
        return { source, comparison: sanitizeComparison(data) };
    }
    catch (err) {
        if (err instanceof ReportError)
            throw new MergeError(`${source} is not a comparison benchgate can merge: ${err.message}. Give merge the files \`benchgate compare --format json\` writes`);
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/gobench/toolchain.ts
/**
 * The Go toolchain seam: everything that spawns `go` or a test binary that
 * `go test -c` built goes through it, with argv built in args.ts.
 */



/** `go` was not found or could not be started. */
class GoNotFoundError extends Error {
    constructor(binary, reason) {
        super(`cannot run the Go toolchain ("${binary}": ${reason}). Install Go (https://go.dev/dl/) and put it on PATH; in a workflow, add actions/setup-go before benchgate`);
        this.name = 'GoNotFoundError';
    }
}
/** Keep at most this much of each stream in memory (the tail is what explains failures). */
const MAX_CAPTURE = 32 * 1024 * 1024;
/** A line longer than this (output with no newline) is passed on in pieces. */
const MAX_LINE = 1 << 20;
/** The watchdog fires this long after a test binary's own -test.timeout. */
function watchdogMs(seconds) {
    return (seconds + Math.min(60, Math.max(5, seconds / 10))) * 1000;
}
/** The real toolchain: spawns `go` directly (shell: false). */
class LocalGo {
    binary;
    limits;
    constructor(binary = 'go', limits = { timeoutSeconds: 3600, buildGraceSeconds: 1800 }) {
        this.binary = binary;
        this.limits = limits;
    }
    /** Spawn `go` directly, no shell, under the watchdog. */
    run(args, options) {
        const { timeoutSeconds, buildGraceSeconds } = this.limits;
        const limit = timeoutSeconds > 0 ? watchdogMs(timeoutSeconds + buildGraceSeconds) : 0;
        return spawnCaptured(this.binary, args, options, limit);
    }
    /** Spawn a test binary directly, no shell, with -test.timeout and the watchdog. */
    runTestBinary(binary, args, options) {
        const { timeoutSeconds } = this.limits;
        const limit = timeoutSeconds > 0 ? watchdogMs(timeoutSeconds) : 0;
        // First, so that a -test.timeout the user forwarded wins (the last one does).
        const argv = [`-test.timeout=${timeoutSeconds}s`, ...args];
        if (options.cpus !== undefined)
            return spawnCaptured('taskset', ['--cpu-list', options.cpus, binary, ...argv], options, limit);
        return spawnCaptured(binary, argv, options, limit);
    }
}
/**
 * Every child runs in a process group of its own, so that a watchdog, or
 * benchgate's own end, kills what it started too (`go test` starts the
 * test binary; killing `go` alone would leave the binary running).
 */
const live = new Set();
let reaping = false;
/** Kill every live child's process group (SIGKILL: nothing of theirs needs to finish). */
function killChildren() {
    for (const pid of live)
        killGroup(pid);
    live.clear();
}
function killGroup(pid) {
    try {
        process.kill(-pid, 'SIGKILL');
    }
    catch {
        // Already gone.
    }
}
/**
 * Once: kill the children when benchgate exits or is told to stop
 * (Ctrl-C, a cancelled workflow's SIGINT/SIGTERM), then stop as the
 * signal would have stopped it.
 */
function reapOnExit() {
    if (reaping)
        return;
    reaping = true;
    process.once('exit', killChildren);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
        process.once(signal, () => {
            killChildren();
            process.kill(process.pid, signal);
        });
    }
}
/** Spawn one process, stream its lines, keep the tail of each stream; kill it after limitMs (0: never). */
function spawnCaptured(binary, args, options, limitMs) {
    return new Promise((resolve, reject) => {
        let fd;
        try {
            if (options.stdoutFile !== undefined)
                fd = (0,external_node_fs_namespaceObject.openSync)(options.stdoutFile, 'w');
        }
        catch (err) {
            reject(err);
            return;
        }
        reapOnExit();
        const child = (0,external_node_child_process_namespaceObject.spawn)(binary, args, {
            cwd: options.cwd,
            // The code under test must not see the token (src/env).
            env: childEnv(options.env ?? process.env),
            shell: false,
            detached: process.platform !== 'win32',
            stdio: ['ignore', fd ?? 'pipe', 'pipe']
        });
        if (fd !== undefined)
            (0,external_node_fs_namespaceObject.closeSync)(fd);
        const pid = child.pid;
        if (pid !== undefined && process.platform !== 'win32')
            live.add(pid);
        let timedOut = false;
        const watchdog = limitMs > 0
            ? setTimeout(() => {
                timedOut = true;
                if (pid !== undefined)
                    killGroup(pid);
            }, limitMs)
            : undefined;
        const captured = { stdout: '', stderr: '' };
        const partial = { stdout: '', stderr: '' };
        const take = (stream) => (chunk) => {
            const text = chunk.toString('utf8');
            captured[stream] += text;
            if (captured[stream].length > MAX_CAPTURE)
                captured[stream] = captured[stream].slice(-MAX_CAPTURE / 2);
            if (!options.onLine)
                return;
            const lines = (partial[stream] + text).split('\n');
            partial[stream] = lines.pop() ?? '';
            if (partial[stream].length > MAX_LINE) {
                lines.push(partial[stream]);
                partial[stream] = '';
            }
            for (const line of lines)
                options.onLine(line, stream);
        };
        child.stdout?.on('data', take('stdout'));
        child.stderr?.on('data', take('stderr'));
        child.on('error', err => {
            clearTimeout(watchdog);
            if (pid !== undefined)
                live.delete(pid);
            reject(new GoNotFoundError(binary, err.message));
        });
        child.on('close', code => {
            clearTimeout(watchdog);
            if (pid !== undefined)
                live.delete(pid);
            for (const stream of ['stdout', 'stderr']) {
                if (options.onLine && partial[stream] !== '')
                    options.onLine(partial[stream], stream);
            }
            if (timedOut) {
                const note = `benchgate: killed after ${limitMs / 1000}s (the timeout setting, plus time to build): the process did not finish`;
                captured.stderr += `\n${note}\n`;
                options.onLine?.(note, 'stderr');
            }
            resolve({ code: code ?? -1, ...captured });
        });
    });
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * The one place untrusted text is made inert before it reaches Markdown
 * (docs/design.md D5). Benchmark names, function names, package paths, file
 * paths, branch names and environment strings come from pull requests.
 *
 * After escaping, a string cannot:
 * - end or add a table cell (`|`), start a code span (`` ` ``), emphasis,
 *   a link or an image (`[`, `]`, `*`, `_`, `~`), math (`$`); placed at
 *   the start of a line, start a list or turn the line above it into a
 *   heading (`-`, `+`, `=`, `1.`);
 * - make an HTML tag or comment (`<`, `>`, `&` become entities, so
 *   `<!--`, `-->` and `<img src=x>` show as text);
 * - mention or reference anyone (`@user`, `&#64;team`, `#123`): a
 *   zero-width space follows `@` and `#`, so GitHub sees no mention;
 * - autolink a URL (`://`, `www.` are broken the same way);
 * - hide or reorder text with control, bidi or other invisible format
 *   characters, or break the line: those are shown as visible `\uXXXX`
 *   escapes (newlines as `\n`).
 * The visible text is otherwise kept, so a reviewer reads the real name.
 */

const ZWSP = '\u200b';
/** Code points that could move, hide or break text: C0/C1 controls, DEL, format (Cf), line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/**
 * ASCII punctuation with a Markdown meaning wherever it stands,
 * backslash-escaped (CommonMark §2.4): code, emphasis, links and
 * footnotes, headings and references, table cells, strikethrough, math,
 * emoji shortcodes. `(`, `)`, `.`, `-`, `+`, `=` and `!` mean nothing in
 * mid-line once `[` and `]` are escaped, so they stay as they are, and
 * the text stays readable (`BenchmarkX/n=64-8 +12.5% (p=0.002)`).
 */
const MARKDOWN_PUNCT = /[\\`*_[\]#|~$:]/g;
/**
 * What makes a line's start mean something: a list item or thematic break
 * (`-`, `+`), a setext underline (`=`, `-` under a line), an ordered list
 * (`1.`, `1)`), or a `(` that would follow a `]` of ours as a link's URL.
 */
const LINE_START = /^( *)([-+=(]|\d{1,9}[.)])/;
/**
 * Control, bidi and other invisible characters as visible escapes (`\n`,
 * `\u202e`), so untrusted text cannot hide, reorder or break lines. Also
 * what the CLI uses for terminal output.
 */
function showInvisible(text) {
    return text.replace(INVISIBLE, c => {
        if (c === '\n')
            return '\\n';
        if (c === '\r')
            return '\\r';
        if (c === '\t')
            return ' ';
        return `\\u${c.codePointAt(0).toString(16).padStart(4, '0')}`;
    });
}
/**
 * Multi-line untrusted text for a terminal or a log (an error with the tail
 * of Go's output): line breaks and tabs stay, every other control, bidi or
 * invisible format character is shown as a visible escape, so nothing can
 * move the cursor, recolour, retitle the terminal or reorder the text.
 */
function forTerminal(text) {
    return String(text)
        .split('\n')
        .map(line => showInvisible(line.replace(/\r$/, '')))
        .join('\n');
}
/** At most maxLength code points, the last an ellipsis when cut. */
function cap(text, maxLength) {
    const s = String(text);
    const chars = [...s];
    return chars.length > maxLength ? chars.slice(0, maxLength - 1).join('') + '…' : s;
}
/** Shared first steps: cap the length, show invisible characters, HTML-escape. */
function neutralize(text, maxLength) {
    return showInvisible(cap(text, maxLength))
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
}
/**
 * Mentions, team mentions and issue references (`#1`, `owner/repo#1`, and
 * `GH-1`, which GitHub links alike); URL autolinks.
 */
function unlink(s) {
    return s
        .replace(/@/g, `@${ZWSP}`)
        .replace(/#/g, `#${ZWSP}`)
        .replace(/(gh)-/gi, `$1${ZWSP}-`)
        .replace(/:(\\?)\/\//g, `:${ZWSP}$1//`)
        .replace(/www(\\?)\./gi, m => `${m.slice(0, 3)}${ZWSP}${m.slice(3)}`);
}
/** Make untrusted text safe to place anywhere in a Markdown line or table cell. */
function escapeText(text, maxLength = 300) {
    return unlink(neutralize(text, maxLength)
        .replace(MARKDOWN_PUNCT, c => `\\${c}`)
        .replace(LINE_START, (_, sp, m) => `${sp}${m.slice(0, -1)}\\${m.slice(-1)}`));
}
/**
 * Untrusted text as inline code in a table cell, which reads best for
 * identifiers (`pkg.(*T).Method`). It has escapeText's guarantees:
 * Markdown, HTML, entities, mentions and autolinks are not processed
 * inside a code span; its fence is longer than any backtick run inside,
 * padded with a space when the text starts or ends with a backtick or a
 * space; `|` is escaped, which GFM tables undo before the span is parsed;
 * invisible characters show as escapes. Empty text falls back to
 * escapeText (a code span cannot be empty).
 */
function codeCell(text, maxLength = 300) {
    return code(text, maxLength, true);
}
/** codeCell's guarantees outside a table (a list item, a sentence): `|` stays as it is. */
function codeSpan(text, maxLength = 300) {
    return code(text, maxLength, false);
}
function code(text, maxLength, inTable) {
    const s = showInvisible(cap(text, maxLength));
    if (s.trim() === '')
        return escapeText(s, maxLength);
    const longest = maxOf(Array.from(s.matchAll(/`+/g), m => m[0].length), 0);
    const fence = '`'.repeat(longest + 1);
    const pad = /^[` ]|[` ]$/.test(s) ? ' ' : '';
    return `${fence}${pad}${inTable ? s.replace(/\|/g, '\\|') : s}${pad}${fence}`;
}
/**
 * Lines of which some parts are untrusted, as a fenced code block: inert,
 * since nothing inside a code block is Markdown or HTML; the fence is
 * longer than any backtick run inside, so no line can close it; each line
 * is capped, and invisible characters (line breaks among them) are shown.
 */
function codeBlock(lines, maxLength = 300) {
    const body = lines.map(l => showInvisible(cap(l, maxLength)));
    const longest = maxOf(body.flatMap(l => Array.from(l.matchAll(/`+/g), m => m[0].length)), 0);
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}text\n${body.map(l => `${l}\n`).join('')}${fence}`;
}
/**
 * The same guarantees inside raw HTML (`<summary>`), where GitHub does not
 * process Markdown, so backslash escapes would show: entities only.
 */
function escapeHtmlText(text, maxLength = 300) {
    // Entities are added after unlink, which must not split their `&#`.
    return unlink(neutralize(text, maxLength)).replace(/[`|$*_[\]]/g, c => `&#${c.charCodeAt(0)};`);
}
/**
 * Undo escapeText, for tests: what a reader sees after GitHub renders the
 * cell. Not used when rendering.
 */
function visibleText(escaped) {
    return escaped
        .replaceAll(ZWSP, '')
        .replace(/\\([\\`*_{}[\]()#+\-.!|~$:=])/g, '$1')
        .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}
/**
 * A URL we built ourselves from trusted parts, with untrusted path segments
 * encoded: encodeURIComponent, and also `(`, `)`, `!`, `'` and `*`, which
 * it leaves as they are, so a segment cannot close a Markdown link's
 * destination early (`[L12](…/a(b#L12)`).
 */
function safeUrl(base, ...segments) {
    const encode = (seg) => encodeURIComponent(seg).replace(/[()!'*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return [base.replace(/\/+$/, ''), ...segments.map(s => s.split('/').map(encode).join('/'))].join('/');
}

;// CONCATENATED MODULE: ./src/engine/index.ts
/**
 * The engine's real seams in one place: the Go toolchain, git, and the A/B
 * runner built on them. Front ends take these; tests pass fakes of the
 * same small interfaces.
 */




/**
 * The real Go on PATH, the real git, and the A/B runner over them. Every
 * child gets `timeout` (a Go duration, `0` for none; the default is Go's
 * own `go test` default, 10m, raised to the run settings' 60m).
 */
function localEngine(timeout = '60m') {
    const seconds = timeout === '0' ? 0 : (durationSeconds(timeout) ?? 3600);
    const go = new LocalGo('go', { timeoutSeconds: seconds, buildGraceSeconds: 1800 });
    const git = new LocalGit();
    return { go, git, runAb: (s, onEvent) => runAb(go, git, s, onEvent) };
}

;// CONCATENATED MODULE: ./src/judge/sequential.ts


/**
 * Seconds of benchmark time a side's rounds must hold before a confirmed
 * regression stops: at the CPU profile's 100 Hz, 50 samples, what the
 * function diff needs to rank more than its first row (compare/noise.ts
 * MIN_PROFILE_SAMPLES). A verdict needs fewer rounds than its explanation.
 */
const EXPLAIN_SECONDS = 0.5;
/**
 * The keys of the benchmarks whose rounds should go on: neither
 * significant nor ruled out. `opts` are the A/B verdict's own (abOptions):
 * its threshold is the one a regression must reach.
 */
function undecided(rounds, opts) {
    const keys = [...rounds.keys()];
    const ratios = keys.map(k => logRatios(rounds.get(k).base, rounds.get(k).head));
    const cap = (r) => opts.maxRounds ?? r.length;
    const adjusted = holmAdjust(ratios.map(r => (r && r.length >= 2 ? groupSequentialP(r, cap(r)) : 1)));
    const limit = Math.log1p(opts.threshold / 100);
    const open = new Set();
    keys.forEach((k, i) => {
        const r = ratios[i];
        // Rounds that do not pair (a side without a result) cannot be tested: nothing more to learn.
        if (!r)
            return;
        if (adjusted[i] < opts.alpha) {
            // A regression goes on until its profiles can say where: the verdict stays.
            const { head, iterations } = rounds.get(k);
            const worse = r.reduce((a, x) => a + x, 0) / r.length >= limit;
            const seconds = iterations ? (head.reduce((a, ns) => a + ns, 0) * iterations) / 1e9 : Infinity;
            if (worse && seconds < EXPLAIN_SECONDS)
                open.add(k);
            return;
        }
        if (repeatedInterval(r, opts.alpha, cap(r)).hi < limit)
            return;
        // Neither outcome within reach of the rounds left: stop, inconclusive.
        if (futile(r, opts.alpha, cap(r), limit))
            return;
        open.add(k);
    });
    return open;
}
/**
 * The A/B runner's stop rule for a comparison judged with `opts`: each
 * benchmark stops once decided, under the sequential test; none under a
 * fixed-sample one (`--test utest`), whose rounds must all run.
 */
function stopRule(opts) {
    return opts.test === 'sequential' ? rounds => undecided(rounds, opts) : undefined;
}

;// CONCATENATED MODULE: ./src/compare/input.ts
/**
 * The two sides of a comparison, loaded from a result bundle or from a Go
 * benchmark text file (as `benchstat old.txt new.txt` takes them).
 */







/** Two lists of one function's line costs (two instantiations), summed line by line. */
function mergeLines(a, b) {
    const by = new Map(a.map(l => [l.line, { ...l }]));
    for (const l of b) {
        const e = by.get(l.line);
        if (e) {
            e.flat += l.flat;
            e.cum += l.cum;
            e.self += l.self;
        }
        else
            by.set(l.line, { ...l });
    }
    return [...by.values()].sort((x, y) => x.line - y.line);
}
/**
 * Function names as people read them (docs/design.md D10): bundles written before names
 * were collapsed hold one entry per instantiation; they merge here, so an
 * old baseline matches a new head by name.
 */
function readableFunctions(b) {
    if (!b.functions)
        return b;
    const functions = {};
    for (const [measure, list] of Object.entries(b.functions)) {
        const merged = new Map();
        for (const f of list ?? []) {
            const name = goTracebackName(f.name);
            const m = merged.get(name);
            if (m) {
                m.self = (m.self ?? m.flat) + (f.self ?? f.flat);
                m.flat += f.flat;
                m.cum += f.cum;
                if (f.lines)
                    m.lines = mergeLines(m.lines ?? [], f.lines);
            }
            else
                merged.set(name, { ...f, name });
        }
        functions[measure] = [...merged.values()];
    }
    return { ...b, functions };
}
/** `go test -bench` text larger than this is refused: 20,000 benchmarks × 100 runs fit. */
const MAX_BENCH_TEXT_BYTES = 256 * 1024 * 1024;
/** Load a side: a bundle directory, a results.json, or a benchmark text file. */
async function loadSide(path) {
    let isDir = false;
    try {
        isDir = (await (0,promises_namespaceObject.stat)(path)).isDirectory();
    }
    catch (err) {
        throw new BundleError(`${path}: cannot read it (${err.message}). Pass a bundle directory from \`benchgate run\` or a \`go test -bench\` output file`);
    }
    if (isDir || path.endsWith('results.json')) {
        const { dir, bundle } = await readBundle(path);
        const profiles = new Map();
        for (const p of bundle.packages) {
            profiles.set(p.importPath, {
                cpu: p.profiles.cpu ? (0,external_node_path_namespaceObject.resolve)(dir, p.profiles.cpu) : undefined,
                mem: p.profiles.mem ? (0,external_node_path_namespaceObject.resolve)(dir, p.profiles.mem) : undefined
            });
        }
        return {
            label: path,
            kind: 'bundle',
            environment: bundle.environment,
            benchmarks: bundle.benchmarks.map(readableFunctions),
            failedPackages: new Set(bundle.packages.filter(p => p.status === 'failed').map(p => p.importPath)),
            ...(bundle.skipped ? { skipped: bundle.skipped } : {}),
            profiles,
            units: {},
            dir
        };
    }
    let text;
    try {
        text = await readTextCapped(path, MAX_BENCH_TEXT_BYTES, 'the benchmark output');
    }
    catch (err) {
        if (err instanceof FileError)
            throw new BundleError(err.message);
        throw err;
    }
    const parsed = parseBenchOutput(text);
    if (parsed.results.length === 0 && parsed.failures.length === 0) {
        throw new BundleError(`${path}: holds no benchmark results. Pass \`go test -bench\` output (or a benchgate bundle directory, e.g. ${(0,external_node_path_namespaceObject.join)('benchgate-results')})`);
    }
    const byKey = new Map();
    for (const r of parsed.results) {
        const key = `${r.pkg}\u0000${r.name}`;
        let b = byKey.get(key);
        if (!b)
            byKey.set(key, (b = { package: r.pkg, name: r.name, samples: table() }));
        for (const m of r.measurements)
            (b.samples[m.unit] ??= []).push(m.value);
    }
    const config = Object.values(parsed.config)[0] ?? {};
    return {
        label: path,
        kind: 'text',
        environment: { goos: config.goos, goarch: config.goarch, cpu: config.cpu },
        benchmarks: [...byKey.values()],
        failedPackages: new Set(parsed.failures.map(f => f.pkg)),
        profiles: new Map(),
        units: parsed.units
    };
}

;// CONCATENATED MODULE: ./node_modules/markdown-table/index.js
// To do: next major: remove.
/**
 * @typedef {Options} MarkdownTableOptions
 *   Configuration.
 */

/**
 * @typedef Options
 *   Configuration.
 * @property {boolean | null | undefined} [alignDelimiters=true]
 *   Whether to align the delimiters (default: `true`);
 *   they are aligned by default:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   Pass `false` to make them staggered:
 *
 *   ```markdown
 *   | Alpha | B |
 *   | - | - |
 *   | C | Delta |
 *   ```
 * @property {ReadonlyArray<string | null | undefined> | string | null | undefined} [align]
 *   How to align columns (default: `''`);
 *   one style for all columns or styles for their respective columns;
 *   each style is either `'l'` (left), `'r'` (right), or `'c'` (center);
 *   other values are treated as `''`, which doesn’t place the colon in the
 *   alignment row but does align left;
 *   *only the lowercased first character is used, so `Right` is fine.*
 * @property {boolean | null | undefined} [delimiterEnd=true]
 *   Whether to end each row with the delimiter (default: `true`).
 *
 *   > 👉 **Note**: please don’t use this: it could create fragile structures
 *   > that aren’t understandable to some markdown parsers.
 *
 *   When `true`, there are ending delimiters:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there are no ending delimiters:
 *
 *   ```markdown
 *   | Alpha | B
 *   | ----- | -----
 *   | C     | Delta
 *   ```
 * @property {boolean | null | undefined} [fillRows=true]
 *   Whether to fill rows with empty cells up to the most cells in a row
 *   (default: `true`).
 *
 *   When `true`, all rows have as many cells as the longest row:
 *
 *   ```markdown
 *   | Alpha | B    |   |
 *   | ----- | ---- | - |
 *   | C     |      |   |
 *   | D     | Echo | F |
 *   ```
 *
 *   When `false`, rows keep their cells,
 *   and the delimiter row has as many cells as the header row:
 *
 *   ```markdown
 *   | Alpha | B    |
 *   | ----- | ---- |
 *   | C     |
 *   | D     | Echo | F |
 *   ```
 * @property {boolean | null | undefined} [delimiterStart=true]
 *   Whether to begin each row with the delimiter (default: `true`).
 *
 *   > 👉 **Note**: please don’t use this: it could create fragile structures
 *   > that aren’t understandable to some markdown parsers.
 *
 *   When `true`, there are starting delimiters:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there are no starting delimiters:
 *
 *   ```markdown
 *   Alpha | B     |
 *   ----- | ----- |
 *   C     | Delta |
 *   ```
 * @property {boolean | null | undefined} [padding=true]
 *   Whether to add a space of padding between delimiters and cells
 *   (default: `true`).
 *
 *   When `true`, there is padding:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there is no padding:
 *
 *   ```markdown
 *   |Alpha|B    |
 *   |-----|-----|
 *   |C    |Delta|
 *   ```
 * @property {((value: string) => number) | null | undefined} [stringLength]
 *   Function to detect the length of table cell content (optional);
 *   this is used when aligning the delimiters (`|`) between table cells;
 *   full-width characters and emoji mess up delimiter alignment when viewing
 *   the markdown source;
 *   to fix this, you can pass this function,
 *   which receives the cell content and returns its “visible” size;
 *   note that what is and isn’t visible depends on where the text is displayed.
 *
 *   Without such a function, the following:
 *
 *   ```js
 *   markdownTable([
 *     ['Alpha', 'Bravo'],
 *     ['中文', 'Charlie'],
 *     ['👩‍❤️‍👩', 'Delta']
 *   ])
 *   ```
 *
 *   Yields:
 *
 *   ```markdown
 *   | Alpha | Bravo |
 *   | - | - |
 *   | 中文 | Charlie |
 *   | 👩‍❤️‍👩 | Delta |
 *   ```
 *
 *   With [`string-width`](https://github.com/sindresorhus/string-width):
 *
 *   ```js
 *   import stringWidth from 'string-width'
 *
 *   markdownTable(
 *     [
 *       ['Alpha', 'Bravo'],
 *       ['中文', 'Charlie'],
 *       ['👩‍❤️‍👩', 'Delta']
 *     ],
 *     {stringLength: stringWidth}
 *   )
 *   ```
 *
 *   Yields:
 *
 *   ```markdown
 *   | Alpha | Bravo   |
 *   | ----- | ------- |
 *   | 中文  | Charlie |
 *   | 👩‍❤️‍👩    | Delta   |
 *   ```
 */

/**
 * Get the length of a cell.
 *
 * @param {string} value
 *   Cell value.
 * @returns {number}
 *   Cell size.
 */
function defaultStringLength(value) {
  return value.length
}

/**
 * Generate a markdown
 * ([GFM](https://docs.github.com/en/github/writing-on-github/working-with-advanced-formatting/organizing-information-with-tables))
 * table.
 *
 * @param {ReadonlyArray<ReadonlyArray<string | null | undefined>>} table
 *   Table data (matrix of strings).
 * @param {Readonly<Options> | null | undefined} [options]
 *   Configuration (optional).
 * @returns {string}
 *   Result.
 */
function markdownTable(table, options) {
  const settings = options || {}
  // To do: next major: change to spread.
  // eslint-disable-next-line unicorn/prefer-spread -- `align` can be a string.
  const align = (settings.align || []).concat()
  const stringLength = settings.stringLength || defaultStringLength
  /** @type {Array<number>} Character codes as symbols for alignment per column. */
  const alignments = []
  /** @type {Array<Array<string>>} Cells per row. */
  const cellMatrix = []
  /** @type {Array<Array<number>>} Sizes of each cell per row. */
  const sizeMatrix = []
  /** @type {Array<number>} */
  const longestCellByColumn = []
  let mostCellsPerRow = 0
  let rowIndex = -1

  // This is a superfluous loop if we don’t align delimiters, but otherwise we’d
  // do superfluous work when aligning, so optimize for aligning.
  while (++rowIndex < table.length) {
    /** @type {Array<string>} */
    const row = []
    /** @type {Array<number>} */
    const sizes = []
    let columnIndex = -1

    if (table[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table[rowIndex].length
    }

    while (++columnIndex < table[rowIndex].length) {
      const cell = serialize(table[rowIndex][columnIndex])

      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell)
        sizes[columnIndex] = size

        if (
          longestCellByColumn[columnIndex] === undefined ||
          size > longestCellByColumn[columnIndex]
        ) {
          longestCellByColumn[columnIndex] = size
        }
      }

      row.push(cell)
    }

    cellMatrix[rowIndex] = row
    sizeMatrix[rowIndex] = sizes
  }

  // Figure out which alignments to use.
  let columnIndex = -1

  if (typeof align === 'object' && 'length' in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex])
    }
  } else {
    const code = toAlignment(align)

    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code
    }
  }

  // Inject the alignment row.
  columnIndex = -1
  /** @type {Array<string>} */
  const row = []
  /** @type {Array<number>} */
  const sizes = []

  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex]
    let before = ''
    let after = ''

    if (code === 99 /* `c` */) {
      before = ':'
      after = ':'
    } else if (code === 108 /* `l` */) {
      before = ':'
    } else if (code === 114 /* `r` */) {
      after = ':'
    }

    // There *must* be at least one hyphen-minus in each alignment cell.
    let size =
      settings.alignDelimiters === false
        ? 1
        : Math.max(
            1,
            longestCellByColumn[columnIndex] - before.length - after.length
          )

    const cell = before + '-'.repeat(size) + after

    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length

      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size
      }

      sizes[columnIndex] = size
    }

    row[columnIndex] = cell
  }

  // Inject the alignment row.
  cellMatrix.splice(1, 0, row)
  sizeMatrix.splice(1, 0, sizes)

  rowIndex = -1
  /** @type {Array<string>} */
  const lines = []

  while (++rowIndex < cellMatrix.length) {
    const row = cellMatrix[rowIndex]
    const sizes = sizeMatrix[rowIndex]
    const cellsInRow =
      settings.fillRows === false
        ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length)
        : mostCellsPerRow
    columnIndex = -1
    /** @type {Array<string>} */
    const line = []

    while (++columnIndex < cellsInRow) {
      const cell = row[columnIndex] || ''
      let before = ''
      let after = ''

      if (settings.alignDelimiters !== false) {
        const size =
          longestCellByColumn[columnIndex] - (sizes[columnIndex] || 0)
        const code = alignments[columnIndex]

        if (code === 114 /* `r` */) {
          before = ' '.repeat(size)
        } else if (code === 99 /* `c` */) {
          const half = size / 2

          if (size % 2) {
            before = ' '.repeat(half + 0.5)
            after = ' '.repeat(half - 0.5)
          } else {
            before = ' '.repeat(half)
            after = before
          }
        } else {
          after = ' '.repeat(size)
        }
      }

      if (settings.delimiterStart !== false && !columnIndex) {
        line.push('|')
      }

      if (
        settings.padding !== false &&
        // Don’t add the opening space if we’re not aligning and the cell is
        // empty: there will be a closing space.
        !(settings.alignDelimiters === false && cell === '') &&
        (settings.delimiterStart !== false || columnIndex)
      ) {
        line.push(' ')
      }

      if (settings.alignDelimiters !== false) {
        line.push(before)
      }

      line.push(cell)

      if (settings.alignDelimiters !== false) {
        line.push(after)
      }

      if (settings.padding !== false) {
        line.push(' ')
      }

      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push('|')
      }
    }

    lines.push(
      settings.delimiterEnd === false
        ? line.join('').replace(/ +$/, '')
        : line.join('')
    )
  }

  return lines.join('\n')
}

/**
 * Serialize a cell value.
 *
 * @param {string | null | undefined} [value]
 *   Value to serialize.
 * @returns {string}
 *   Result.
 */
function serialize(value) {
  return value === null || value === undefined ? '' : String(value)
}

/**
 * Get the alignment character code from a value.
 *
 * @param {string | null | undefined} value
 *   Value.
 * @returns {number}
 *   Alignment.
 */
function toAlignment(value) {
  const code = typeof value === 'string' ? value.codePointAt(0) : 0

  return code === 67 /* `C` */ || code === 99 /* `c` */
    ? 99 /* `c` */
    : code === 76 /* `L` */ || code === 108 /* `l` */
      ? 108 /* `l` */
      : code === 82 /* `R` */ || code === 114 /* `r` */
        ? 114 /* `r` */
        : 0
}

;// CONCATENATED MODULE: ./src/report/format.ts
/** Human-readable values for reports: time, bytes and counts per op. */
/**
 * Scale a per-op value by its unit: 1234 ns/op → "1.23µs". Any other unit
 * (a custom `b.ReportMetric` one, untrusted) is printed after the number
 * through `escapeUnit`: the Markdown renderers pass escapeText.
 */
function formatValue(value, unit, escapeUnit = u => u) {
    if (!Number.isFinite(value))
        return String(value);
    if (unit === 'ns/op')
        return scaled(value, [
            [1e9, 's'],
            [1e6, 'ms'],
            [1e3, 'µs'],
            [1, 'ns']
        ]);
    if (unit === 'B/op')
        return scaled(value, [
            [2 ** 30, 'GiB'],
            [2 ** 20, 'MiB'],
            [2 ** 10, 'KiB'],
            [1, 'B']
        ]);
    if (unit === 'allocs/op')
        return sig(value);
    return `${sig(value)} ${escapeUnit(unit)}`;
}
function scaled(value, steps) {
    const abs = Math.abs(value);
    for (const [factor, suffix] of steps)
        if (abs >= factor)
            return `${sig(value / factor)}${suffix}`;
    return `${sig(value)}${steps[steps.length - 1][1]}`;
}
/** Four significant digits (whole numbers from 1000 up), no exponent for ordinary magnitudes. */
function sig(x) {
    if (!Number.isFinite(x))
        return String(x);
    if (x === 0)
        return '0';
    if (Math.abs(x) >= 1000)
        return Math.round(x).toString();
    return String(Number(x.toPrecision(4)));
}
/** A median's 95% CI as benchstat prints it, " ±12%" (empty without a CI). */
function formatCi(s) {
    if (!s.ci || s.median === 0)
        return '';
    return ` ±${(100 * Math.max(s.ci.hi / s.median - 1, 1 - s.ci.lo / s.median)).toFixed(0)}%`;
}
/** Signed per-op delta in the same unit: "+180ns". */
function formatSignedValue(value, unit) {
    const s = formatValue(Math.abs(value), unit);
    return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${s}`;
}

;// CONCATENATED MODULE: ./src/report/trend.ts
/**
 * Main's trend in the pull-request comment (issue 31): for each changed
 * benchmark with a history, a sparkline of the last baselines' medians on
 * main, then this pull request's; and a creep line when main itself moved
 * by the threshold or more within those baselines, so ten merges of +2%
 * each are seen even though each passed the gate.
 */




const BARS = '▁▂▃▄▅▆▇█';
/** One bar per value, scaled from the smallest to the largest. */
function sparkline(values) {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return values
        .map(v => BARS[hi === lo ? 0 : Math.min(7, Math.floor(((v - lo) / (hi - lo)) * 8))])
        .join('');
}
/** Main's own move over the window: the median of its last five baselines against its first five. */
function creep(medians) {
    if (medians.length < 10)
        return undefined;
    const first = median(medians.slice(0, 5));
    const last = median(medians.slice(-5));
    return first === 0 ? undefined : (last / first - 1) * 100;
}
/**
 * The trend lines of the changed benchmarks that main's history holds;
 * empty when none does. `trends`: each benchmark's recent medians on
 * main, oldest first (history/change-points.ts mainTrends).
 */
function trendBlock(c, changed, trends) {
    if (!trends || trends.size === 0)
        return '';
    const lines = [];
    for (const b of changed) {
        const medians = trends.get(benchmarkKey(b));
        const m = b.metrics.find(x => x.kind === 'time');
        if (!medians || medians.length < 2 || !m?.head)
            continue;
        const unit = (v) => formatValue(v, m.unit, u => codeSpan(u, 40));
        const moved = creep(medians);
        const creepLine = moved !== undefined && Math.abs(moved) >= c.options.threshold
            ? ` — main itself moved ${moved >= 0 ? '+' : ''}${moved.toFixed(1)}% over these baselines (creep)`
            : '';
        lines.push(`- ${codeSpan(b.name)} (${codeSpan(b.package)}): \`${sparkline([...medians, m.head.median])}\` ${unit(medians[medians.length - 1])} on main → ${unit(m.head.median)} here${creepLine}`);
        if (lines.length >= 20)
            break;
    }
    if (lines.length === 0)
        return '';
    return `**Main's trend** (its last baselines' medians, oldest first, then this pull request's as the last bar):\n\n${lines.join('\n')}`;
}

;// CONCATENATED MODULE: ./src/report/parts.ts
/**
 * The pieces every Markdown report is built from: the sticky marker, the
 * verdict line, the stage lines, and the cells of the benchmark tables.
 * Untrusted text goes through escape.ts.
 */







/** A string's size in UTF-8 bytes, as GitHub counts a body. */
const bytes = (s) => Buffer.byteLength(s, 'utf8');
/** The icon of each verdict. */
const VERDICT_ICON = {
    regression: '🔴',
    improvement: '🟢',
    unchanged: '⚪',
    'too-few-samples': '⚠️',
    inconclusive: '🟡',
    new: '🆕',
    removed: '➖',
    failed: '❌'
};
/** The hidden marker that identifies our sticky comment. */
function marker(key) {
    return `<!-- benchgate:${key.replace(/[^A-Za-z0-9._/-]/g, '_')} -->`;
}
/** The one-line verdict. */
function verdictLine(c) {
    const n = c.counts;
    const gate = c.gate.fail ? ' — **the gate fails**' : c.accepted ? ' — **accepted** by label' : '';
    const same = c.skipped ?? [];
    if (c.benchmarks.length === 0 && same.length > 0)
        return `### ${VERDICT_ICON[c.verdict]} benchgate: nothing measured could change — ${same.length} package(s) with benchmarks have identical test binaries and files${gate}`;
    const parts = [];
    if (n.regression)
        parts.push(`${n.regression} regression${n.regression > 1 ? 's' : ''}`);
    if (n.improvement)
        parts.push(`${n.improvement} improvement${n.improvement > 1 ? 's' : ''}`);
    if (n.failed)
        parts.push(`${n.failed} failed`);
    if (n.new)
        parts.push(`${n.new} new`);
    if (n.removed)
        parts.push(`${n.removed} removed`);
    if (n['too-few-samples'])
        parts.push(`${n['too-few-samples']} with too few samples`);
    if (n.inconclusive)
        parts.push(`${n.inconclusive} inconclusive`);
    parts.push(`${n.unchanged} unchanged`);
    if (same.length > 0)
        parts.push(`${same.length} package(s) not measured (identical)`);
    return `### ${VERDICT_ICON[c.verdict]} benchgate: ${parts.join(', ')}${gate}`;
}
/** `main` from `refs/heads/main`. */
const branchName = (ref) => ref.replace(/^refs\/heads\//, '');
/**
 * How the verdict was reached, stage by stage: the screen against the
 * baseline artifact, then the confirmation on this runner (gate confirmed);
 * or the A/B alone (gate ab).
 */
function stageLines(c, esc = escapeText) {
    const baseline = `the baseline${c.base.ref ? ` from ${esc(branchName(c.base.ref))}` : ''}${c.base.commit ? ` (${esc(c.base.commit.slice(0, 12))})` : ''}`;
    if (c.gateMode === 'ab') {
        const rounds = Math.max(0, ...c.benchmarks.flatMap(b => b.metrics.filter(m => m.kind === 'time').map(m => m.head?.n ?? 0)));
        const sequential = c.options.test === 'sequential';
        return [
            `Measured on this runner by interleaved A/B against ${esc(c.base.ref || c.base.commit)}: ${sequential ? 'up to ' : ''}${rounds} rounds, each running both sides${sequential ? '; each benchmark stopped once its rounds decided it (group-sequential test)' : ''}.`
        ];
    }
    const k = c.confirmation;
    if (c.gateMode !== 'confirmed' || !k)
        return [];
    const screened = `Screened against ${baseline}: ${k.suspects} suspect${k.suspects === 1 ? '' : 's'}.`;
    // What the screen saw of the run as a whole, when it judged relative to that.
    const shift = c.shift?.applied ? [esc(shiftNote(c.shift), 1000)] : [];
    if (k.suspects === 0)
        return [`${screened} Nothing needed confirming.`, ...shift];
    const open = c.benchmarks.filter(b => b.confirmation?.status === 'inconclusive').length;
    if (k.error)
        return [
            `${screened} They could not be confirmed on this runner (${esc(k.error, 500)}), so the screen's verdicts stand.`,
            ...shift
        ];
    return [
        `${screened} Confirmed on this runner by interleaved A/B against ${esc(k.base.ref || k.base.commit)} (${k.test === 'sequential' ? 'up to ' : ''}${k.rounds} rounds${k.benchtime ? ` of ${esc(k.benchtime)}` : ''}, ${TEST_NAMES[k.test]}, threshold ${c.options.abThreshold}%, ${(k.elapsedMs / 1000).toFixed(0)} s): ${k.confirmed} of ${k.suspects}${open > 0 ? `; ${open} inconclusive` : ''}. Only confirmed regressions${c.options.failOnInconclusive ? ', inconclusive suspects' : ''} and suspects the A/B could not measure fail the gate.`,
        ...shift
    ];
}
/** How the comment names each test. */
const TEST_NAMES = {
    welch: "Welch's t test on log times",
    utest: 'U test',
    wilcoxon: 'Wilcoxon signed-rank test',
    sequential: 'group-sequential test, each suspect stopped once decided'
};
/** "confirmed on this runner: +X% (p=…, N rounds)" or "not confirmed: …". */
function confirmationText(b) {
    const k = b.confirmation;
    if (!k)
        return '–';
    if (k.status === 'missing')
        return "not measured by the A/B (at the base revision): the screen's verdict stands";
    if (k.status === 'identical')
        return "cleared without rounds: its test binary and package files are identical at the base revision, so the screen's difference is noise";
    const stats = `${formatDelta(k.deltaPercent)} (p=${formatP(k.pAdjusted)}, ${k.rounds} rounds)`;
    if (k.status === 'inconclusive')
        return `inconclusive: ${formatInterval(k.interval)} after ${k.rounds} rounds (median ${formatDelta(k.deltaPercent)}, p=${formatP(k.pAdjusted)})`;
    return k.status === 'confirmed' ? `confirmed on this runner: ${stats}` : `not confirmed: ${stats}`;
}
/** `name (package)`, as code: for a table cell, or (`inTable` false) a list item. */
function benchLabel(b, inTable = true) {
    const c = inTable ? codeCell : codeSpan;
    return `${c(b.name)} (${c(b.package)})`;
}
/** One side's median with its CI, formatted for its unit. */
function cell(m, side) {
    const s = m?.[side];
    if (!m || !s)
        return '–';
    return `${formatValue(s.median, m.unit, u => escapeText(u, 100))}${formatCi(s)}`;
}
/** A row of the changed-benchmarks table. */
function changedRow(b) {
    const m = primaryMetric(b);
    // A regression a team gates on by contention says which metric, when time did not regress.
    const gate = m?.verdict !== 'regression' ? b.contention?.rows.find(r => r.gates) : undefined;
    const verdict = gate
        ? `${VERDICT_ICON.regression} regression (${CONTENTION_METRICS[gate.metric].label} ${contentionDelta(gate)})`
        : `${VERDICT_ICON[b.verdict]} ${b.verdict}${m && m.kind !== 'time' && b.verdict !== 'unchanged' ? ` (${escapeText(m.unit)})` : ''}`;
    return [
        benchLabel(b),
        cell(m, 'base'),
        cell(m, 'head'),
        m ? formatChange(m) : '–',
        m ? formatP(m.pAdjusted ?? m.p) : '–',
        verdict
    ];
}

;// CONCATENATED MODULE: ./src/report/details.ts
/**
 * A changed benchmark's details: its metrics table and, per measure, the
 * functions whose per-op cost changed, with source links at the head
 * commit. Untrusted names go through escape.ts.
 */







function fnLabel(f, source, opts) {
    const name = codeCell(f.name);
    const src = source.get(f.name);
    if (!src?.file || !opts.repositoryUrl || !opts.headSha)
        return name;
    const url = `${safeUrl(opts.repositoryUrl, 'blob', opts.headSha, src.file)}${src.line ? `#L${src.line}` : ''}`;
    return `[${name}](${url})`;
}
const MEASURE_TITLE = {
    cpu: ['CPU per op', 'ns/op', 'CPU'],
    alloc_space: ['Bytes allocated per op', 'B/op', 'heap'],
    alloc_objects: ['Allocations per op', 'allocs/op', 'heap'],
    block_delay: ['Blocking per op (block profile)', 'ns/op', 'block'],
    mutex_delay: ['Mutex wait per op (mutex profile)', 'ns/op', 'mutex'],
    sync_delay: ['Sync blocking per op (trace)', 'ns/op', 'trace'],
    syscall_delay: ['Syscall blocking per op (trace)', 'ns/op', 'trace'],
    net_delay: ['Network blocking per op (trace)', 'ns/op', 'trace'],
    sched_delay: ['Scheduler latency per op (trace)', 'ns/op', 'trace']
};
/** The sentences under a measure's table: coverage, what noise hid, and too few samples. */
function statsNotes(measure, st, shown) {
    if (!st)
        return [];
    const kind = MEASURE_TITLE[measure][2];
    const at = st.samples.base !== null && st.samples.head !== null
        ? ` at ${st.samples.base} and ${st.samples.head} ${kind} samples (base, head)`
        : '';
    const out = [];
    if (shown > 0 && st.explained !== null)
        out.push(`These rows add up to ${Math.round(st.explained * 100)}% of the benchmark's profiled change.`);
    // Delays are recorded event by event, not sampled: what is left out is small, not noisy.
    const noise = measure.endsWith('_delay')
        ? 'under 1% of the largest change'
        : 'within sampling noise';
    if (shown === 0)
        out.push(`No function's change is beyond sampling noise${at}.`);
    else if (st.withinNoise > 0)
        out.push(`${st.withinNoise} more change${st.withinNoise === 1 ? ' is' : 's are'} ${noise}${at}, not shown.`);
    if (st.fewSamples)
        out.push(`⚠️ That is few samples: only the first row is reliable. A longer \`benchtime\`, a higher \`count\` or more rounds give more: every sample's profile counts.`);
    return out;
}
/** The measure a benchmark's verdict is about: CPU for time, else the allocation unit's. */
function verdictMeasure(b) {
    if (b.confirmation?.status === 'confirmed')
        return 'cpu';
    const m = primaryMetric(b);
    return m?.unit === 'B/op' ? 'alloc_space' : m?.unit === 'allocs/op' ? 'alloc_objects' : 'cpu';
}
/** One measure's ranked function table, its notes, the first row's call path and hot lines. */
function functionTable(measure, list, st, source, opts) {
    const [title, unit] = MEASURE_TITLE[measure];
    // Numbers are formatted by us, not untrusted: no escaping needed.
    const v = (x) => formatValue(x, unit);
    const dv = (x) => formatSignedValue(x, unit);
    const rows = list.filter(f => f.beyondNoise);
    const out = [];
    if (rows.length > 0)
        out.push(`**${title}**, ranked by the change of each function's own cost (self: its flat plus the runtime work it calls; cum includes callees)\n\n` +
            markdownTable([
                ['function', 'status', 'Δ self', 'base self', 'head self', 'Δ cum'],
                ...rows.map(f => [
                    fnLabel(f, source, opts),
                    f.changedInDiff ? `${f.status}, ${IN_DIFF}` : f.status,
                    dv(f.delta.self),
                    v(f.base.self),
                    v(f.head.self),
                    dv(f.delta.cum)
                ])
            ], { alignDelimiters: false }));
    else
        out.push(`**${title}**`);
    const notes = statsNotes(measure, st, rows.length);
    if (rows.some(f => f.changedInDiff) || rows[0]?.path?.some(s => s.changedInDiff))
        notes.push(`${IN_DIFF}: the diff between the sides changed this function's declaration.`);
    if (notes.length > 0)
        out.push(notes.join(' '));
    const path = rows[0]?.path;
    if (path && path.length > 1)
        out.push(`Call path to the first row, the heaviest in its profile (cum per op, base → head):\n\n${pathTree(path, v, dv)}`);
    for (const f of rows)
        if (f.lines?.length)
            out.push(details_hotLines(f, f.lines, v, dv, opts));
    return out.join('\n\n');
}
/** Where a hot line is: a link to it at the head commit, or how it was in base. */
function lineLabel(f, l, opts) {
    if (l.line === null)
        return `L${l.baseLine} (gone)`;
    const at = f.file && opts.repositoryUrl && opts.headSha
        ? `[L${l.line}](${safeUrl(opts.repositoryUrl, 'blob', opts.headSha, f.file)}#L${l.line})`
        : `L${l.line}`;
    switch (l.change) {
        case 'moved':
            return `${at} (was L${l.baseLine})`;
        case 'edited':
            return `${at} (edited)`;
        case 'new':
            return `${at} (new)`;
        case 'same':
        case 'gone':
            return at;
    }
}
/** A culprit's hot lines, like `pprof -list`: own cost per op on both sides, and the line's text. */
function details_hotLines(f, lines, v, dv, opts) {
    const where = f.file ? ` (${codeSpan(f.file)})` : '';
    const source = (l) => {
        const now = l.text !== undefined && l.text !== '' ? codeCell(l.text, 200) : '';
        return l.baseText !== undefined && l.baseText !== ''
            ? `${now}<br>was ${codeCell(l.baseText, 200)}`
            : now;
    };
    return (`Hot lines of ${codeSpan(f.name)}${where}, by the change of their own cost:\n\n` +
        markdownTable([
            ['line', 'Δ self', 'base self', 'head self', 'Δ cum', 'source'],
            ...lines.map(l => [
                lineLabel(f, l, opts),
                dv(l.delta.self),
                v(l.base.self),
                v(l.head.self),
                dv(l.delta.cum),
                source(l)
            ])
        ], { alignDelimiters: false }));
}
/** The mark of a function the diff changed (FunctionDelta.changedInDiff). */
const IN_DIFF = '✏️ changed';
/** A call path as a small tree in a code block, each step with its cum on both sides. */
function pathTree(path, v, dv) {
    const names = path.map((s, i) => `${i === 0 ? '' : `${'  '.repeat(i - 1)}└ `}${cut(s.name)}`);
    const width = maxOf(names.map(n => [...n].length));
    const lines = path.map((s, i) => {
        const side = (x) => (x === null ? '–' : v(x));
        const delta = s.base !== null && s.head !== null ? `  (${dv(s.head - s.base)})` : '';
        const mark = s.changedInDiff ? `  ${IN_DIFF}` : '';
        return `${names[i].padEnd(width + (names[i].length - [...names[i]].length))}  ${side(s.base)} → ${side(s.head)}${delta}${mark}`;
    });
    return codeBlock(lines, 400);
}
/** A long name, cut in the middle so its package and its function both show. */
function cut(name) {
    const chars = [...name];
    return chars.length <= 100 ? name : `${chars.slice(0, 45).join('')}…${chars.slice(-54).join('')}`;
}
/** A changed benchmark's collapsible section: summary line, function and allocation tables. */
function detailsBlock(b, opts, source, 
/** A part of its own to add at the end (report/contention.ts). */
extra) {
    const summary = escapeHtmlText(b.summary ?? `${b.name} ${b.verdict}`, 600);
    const parts = [];
    const k = b.confirmation;
    if (k && k.status === 'confirmed')
        parts.push(`**Decided by the A/B on this runner** (${k.rounds} interleaved rounds): ${escapeText(k.unit, 100)} ${formatDelta(k.deltaPercent)} (p=${formatP(k.pAdjusted)}). The table below is the screen against the baseline, which only nominated it.`);
    const metrics = b.metrics.filter(m => m.base && m.head);
    if (metrics.length > 0) {
        if (k)
            parts.push(metrics.some(m => m.measuredBy === 'ab')
                ? 'Screen against the baseline (rows marked A/B are from the A/B rounds, which decide allocations too):'
                : 'Screen against the baseline:');
        parts.push(markdownTable([
            ['unit', 'base', 'head', 'Δ', 'p (adjusted)', 'verdict'],
            ...metrics.map(m => [
                escapeText(m.unit) + (m.measuredBy === 'ab' ? ' (A/B)' : ''),
                cell(m, 'base'),
                cell(m, 'head'),
                formatChange(m),
                m.kind === 'exact' ? 'exact' : formatP(m.pAdjusted ?? m.p),
                `${VERDICT_ICON[m.verdict]} ${m.verdict}`
            ])
        ], { alignDelimiters: false }));
    }
    if (b.functions && b.functionsFrom === 'ab')
        parts.push("_Function costs from the A/B rounds' profiles (same runner, interleaved)._");
    for (const measure of ['cpu', 'alloc_space', 'alloc_objects']) {
        const d = b.functions?.[measure];
        // A measure with nothing beyond noise is shown only when the verdict is about it.
        if (d && (d.some(f => f.beyondNoise) || measure === verdictMeasure(b)))
            parts.push(functionTable(measure, d, b.functionStats?.[measure], source, opts));
    }
    if (!b.functions && !b.contention?.rows.some(r => r.gates))
        parts.push('_No function breakdown: one side has no profile for this benchmark._');
    if (extra)
        parts.push(extra);
    return `<details><summary>${summary}</summary>\n\n${parts.join('\n\n')}\n\n</details>`;
}
/** Function name → source location, collected from a side's bundle lists. */
function sourcesFrom(benchmarks) {
    const out = new Map();
    for (const b of benchmarks)
        for (const list of Object.values(b.functions ?? {}))
            for (const f of list ?? [])
                if (f.file && !out.has(f.name))
                    out.set(f.name, { file: f.file, line: f.line });
    return out;
}

;// CONCATENATED MODULE: ./src/report/contention.ts
/**
 * The "Contention and scheduling" part of the report (docs/contention.md):
 * a line in the summary when any benchmark's block, mutex, trace-derived
 * or GC metrics changed beyond noise, and per such benchmark a table of
 * its metrics and the call sites whose delay changed most.
 */








/** The benchmarks with a contention metric changed beyond noise. */
function contentionChanged(c) {
    return c.benchmarks.filter(b => changedContention(b).length > 0);
}
/** A row's change in words: `mutex wait +212.00%` (`mutex wait +93.8 ns/op from 0` when the base was 0). */
function rowText(r) {
    return `${CONTENTION_METRICS[r.metric].label} ${contentionDelta(r)}`;
}
/**
 * The summary line: how many benchmarks changed in contention or
 * scheduling, whether that gates, and the largest change; undefined when
 * none did.
 */
function contentionSummaryLine(c) {
    const changed = contentionChanged(c);
    if (changed.length === 0)
        return undefined;
    const gating = changed.some(b => b.contention?.rows.some(r => r.gates));
    // Across benchmarks, the order changedContention gives each one's rows.
    const worst = changed
        .map(b => ({ b, r: changedContention(b)[0] }))
        .sort((x, y) => worseRowFirst(x.r, y.r))[0];
    const site = callSite(worst.b, worst.r);
    return (`**Contention and scheduling** changed beyond noise in ${changed.length} benchmark${changed.length === 1 ? '' : 's'}` +
        `${gating ? ' (gating: fail-on-contention)' : ' (report-only)'}; the largest: ` +
        `${escapeText(worst.b.name, 300)} ${rowText(worst.r)}${worst.r.pAdjusted !== null ? ` (p=${formatP(worst.r.pAdjusted)})` : ''}` +
        `${site ? `, at ${escapeText(site, 600)}` : ''}.`);
}
function value(x, unit) {
    return formatValue(x, unit);
}
/** A benchmark's contention part: its metrics table, then the changed delay measures' call sites. */
function contentionPart(b, source, opts) {
    const c = b.contention;
    if (!c || changedContention(b).length === 0)
        return undefined;
    const rows = c.rows.filter(r => r.base && r.head);
    const from = c.measuredBy === 'ab'
        ? `${c.rounds.head} interleaved A/B contention rounds a side on this runner`
        : `${c.rounds.base} contention rounds of the baseline against ${c.rounds.head} of this run`;
    const out = [
        `**Contention and scheduling** per op (${from}; U test, Holm per metric; ${c.rows.some(r => r.gates) ? 'gating' : 'report-only'}):`,
        markdownTable([
            ['metric', 'base', 'head', 'Δ', 'p (adjusted)', 'verdict'],
            ...rows.map(r => [
                CONTENTION_METRICS[r.metric].label,
                `${value(r.base.median, r.unit)}${formatCi(r.base)}`,
                `${value(r.head.median, r.unit)}${formatCi(r.head)}`,
                contentionDelta(r),
                formatP(r.pAdjusted ?? r.p),
                `${VERDICT_ICON[r.verdict]} ${r.verdict}${r.gates ? ' (gates)' : ''}`
            ])
        ], { alignDelimiters: false })
    ];
    const shown = new Set();
    for (const r of changedContention(b)) {
        const measure = delayMeasureOf(r.metric);
        const list = measure && c.functions?.[measure];
        if (!measure || !list || list.length === 0 || shown.has(measure))
            continue;
        shown.add(measure);
        out.push(functionTable(measure, list, c.functionStats?.[measure], source, opts));
    }
    return out.join('\n\n');
}
/** A collapsible block for a benchmark whose only change is in contention or scheduling. */
function contentionBlock(b, source, opts) {
    const part = contentionPart(b, source, opts);
    if (!part)
        return undefined;
    const what = changedContention(b).slice(0, 3).map(rowText).join(', ');
    const summary = escapeHtmlText(`${b.name}: ${what}`, 600);
    return `<details><summary>${summary}</summary>\n\n${part}\n\n</details>`;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * The PR comment and the job summary, rendered from a Comparison. Pure:
 * links (repository URL, head commit) and the sticky-comment key come in as
 * arguments. All untrusted text goes through escape.ts.
 *
 * Size: a GitHub comment holds at most 65,536 characters; the comment is
 * kept within `budgetBytes` (60,000 UTF-8 bytes by default) by dropping
 * detail first — whole per-benchmark sections, then the list of unchanged
 * benchmarks, then rows of the changed table, worst kept first — and
 * saying what was left out. Every block is closed on its own, so a cut
 * never leaves a `<details>` or a table open. The job summary uses the same
 * renderer with a 1 MiB budget.
 */














/** The PR comment's budget: under GitHub's 65,536 characters with room to spare. */
const COMMENT_BUDGET_BYTES = 60_000;
/** The job summary's budget: under GitHub's 1 MiB. */
const SUMMARY_BUDGET_BYTES = 1_000_000;
/** Render the comparison as Markdown within the byte budget. */
function renderMarkdown(c, opts, sources = new Map()) {
    const budget = opts.budgetBytes ?? COMMENT_BUDGET_BYTES;
    const head = headLines(c, opts);
    const footer = footerBlocks(c, opts);
    const parts = changedParts(c);
    const changed = [...parts.blocking, ...parts.time, ...parts.other];
    const fixed = head.join('\n') + '\n\n' + footer.join('\n\n') + '\n';
    const omitted = [];
    const room = { left: budget - bytes(fixed) - 400 }; // reserve for the omission note
    // 0. The breakdowns of what fails the gate come first, so nothing else
    // crowds them out: up to 60% of the room, the rest kept for the tables.
    const detailed = [...parts.blocking, ...parts.time, ...parts.allocations].filter(b => b.verdict === 'regression' || b.verdict === 'improvement');
    const details = [];
    const share = { left: room.left * 0.6 };
    for (const b of parts.blocking) {
        const block = detailsBlock(b, opts, sources, contentionPart(b, sources, opts));
        if (bytes(block) + 2 > share.left)
            break;
        share.left -= bytes(block) + 2;
        details.push(block);
        room.left -= bytes(block) + 2;
    }
    // 1. The changed table (what blocks the merge, then the other time
    // changes), as many rows as fit; the allocations apart; the unconfirmed suspects.
    const tables = [];
    if (changed.length > 0 || parts.allocations.length === 0)
        tables.push(changedTable(c, changed, room, omitted));
    if (parts.allocations.length > 0)
        tables.push(changedTable(c, parts.allocations, room, omitted, '**Allocations** (time unchanged)'));
    let table = tables.join('\n\n');
    // Refuted suspects; one the A/B could not measure stands as the screen
    // judged it, in the table above, and is not listed as "not confirmed".
    for (const status of ['inconclusive', 'not-confirmed', 'identical']) {
        const listed = c.benchmarks.filter(b => b.confirmation?.status === status);
        if (listed.length === 0)
            continue;
        const t = unconfirmedTable(listed, status, c.options.abThreshold);
        table += `\n\n${t}`;
        room.left -= bytes(t) + 2;
    }
    // Main's trend of the changed benchmarks, when there is a history.
    const trend = trendBlock(c, changed, opts.trends);
    if (trend && bytes(trend) + 2 < room.left) {
        table += `\n\n${trend}`;
        room.left -= bytes(trend) + 2;
    }
    // 2. Details of the others, in the same order, while they fit. (A
    // blocking one left out above was cut for room and stays out.)
    const blockingLeft = parts.blocking.length - details.length;
    for (const b of blockingLeft > 0 ? [] : detailed.slice(details.length)) {
        const block = detailsBlock(b, opts, sources, contentionPart(b, sources, opts));
        if (bytes(block) + 2 > room.left)
            break;
        details.push(block);
        room.left -= bytes(block) + 2;
    }
    if (details.length < detailed.length)
        omitted.push(`function tables for ${detailed.length - details.length} benchmark(s)`);
    pushAll(details, contentionOnlyBlocks(c, detailed, sources, opts, room, omitted));
    // 3. The quiet ones, collapsed.
    const quiet = c.benchmarks.filter(b => (b.verdict === 'unchanged' || b.verdict === 'too-few-samples') && !b.confirmation);
    const quietBlock = quietList(quiet, room.left, omitted, notSignificant(c));
    const omission = omitted.length > 0
        ? `_Left out to fit GitHub's comment size limit: ${omitted.join('; ')}. The job summary has the full report._`
        : '';
    return ([head.join('\n'), table, ...details, quietBlock, omission, ...footer]
        .filter(s => s !== '')
        .join('\n\n') + '\n');
}
/**
 * The contention and scheduling changes of benchmarks whose time and
 * allocations did not change (report-only unless fail-on-contention),
 * while they fit.
 */
function contentionOnlyBlocks(c, detailed, sources, opts, room, omitted) {
    const only = contentionChanged(c).filter(b => !detailed.includes(b));
    const out = [];
    for (const b of only) {
        const block = contentionBlock(b, sources, opts);
        if (!block || bytes(block) + 2 > room.left)
            break;
        out.push(block);
        room.left -= bytes(block) + 2;
    }
    if (out.length < only.length)
        omitted.push(`contention tables for ${only.length - out.length} benchmark(s)`);
    return out;
}
/** The marker, the verdict, how it was reached, the gate's reasons and the worst regression. */
function headLines(c, opts) {
    const head = [marker(opts.key), '', verdictLine(c)];
    for (const line of stageLines(c))
        head.push('', line);
    for (const note of opts.notes ?? [])
        head.push('', note);
    if (c.gate.fail)
        head.push('', `Gate: ${c.gate.reasons
            .slice(0, 3)
            .map(r => escapeText(r))
            .join('; ')}${c.gate.reasons.length > 3 ? `; and ${c.gate.reasons.length - 3} more` : ''}`);
    if (c.accepted) {
        const a = c.accepted;
        head.push('', `> [!IMPORTANT]\n> Accepted on purpose: the label ${codeSpan(a.label, 100)}${a.by ? `, added by ${escapeText(`@${a.by}`, 100)},` : ''} lets ${a.reasons.length} regression(s) through the gate: ${a.reasons
            .slice(0, 3)
            .map(r => escapeText(r))
            .join('; ')}${a.reasons.length > 3 ? `; and ${a.reasons.length - 3} more` : ''}. Remove the label to gate on them again.`);
    }
    const parts = changedParts(c);
    const worst = [...parts.blocking, ...parts.time, ...parts.allocations].find(b => b.verdict === 'regression' && b.summary);
    if (worst)
        head.push('', `Worst: ${escapeText(worst.summary, 600)}`);
    const contention = contentionSummaryLine(c);
    if (contention)
        head.push('', contention);
    return head;
}
/**
 * The changed benchmarks in the comment's order: the time regressions that
 * fail the gate, then the other time changes, then benchmarks that failed,
 * are new or were removed; allocation-only changes apart. Within each, the
 * comparison's own order (worst first).
 */
function changedParts(c) {
    const out = {
        blocking: [],
        time: [],
        other: [],
        allocations: []
    };
    for (const b of c.benchmarks) {
        if (b.verdict === 'regression' || b.verdict === 'improvement') {
            const k = b.confirmation;
            const timeMoved = k?.status === 'confirmed' ||
                ((!k || k.status === 'missing') &&
                    b.metrics.some(m => m.kind === 'time' && (m.verdict === 'regression' || m.verdict === 'improvement')));
            // What blocks is the judge's record, never decided again here.
            if (b.blocks)
                out.blocking.push(b);
            else if (timeMoved)
                out.time.push(b);
            else
                out.allocations.push(b);
        }
        else if (['failed', 'new', 'removed'].includes(b.verdict))
            out.other.push(b);
    }
    return out;
}
/** How hot lines were matched, or why a breakdown in the repository has none. */
function hotLinesNote(c) {
    const h = c.hotLines;
    const fns = c.benchmarks.flatMap(b => Object.values(b.functions ?? {}).flat());
    if (!h)
        return undefined;
    if ('between' in h && h.between === SAME_TREE)
        return fns.some(f => f?.lines?.length)
            ? '<sub>Both sides were built from the same tree, so each hot line is the same line on both.</sub>'
            : undefined;
    if ('between' in h)
        return fns.some(f => f?.lines?.length)
            ? `<sub>Hot lines are matched between the revisions by content, through \`git diff\` (${escapeText(h.between, 100)}), not by line number.</sub>`
            : undefined;
    return fns.some(f => f?.file)
        ? `<sub>No hot lines: ${escapeText(h.unavailable, 300)}. They need the base commit in the clone (actions/checkout \`fetch-depth: 0\`, or the baseline's commit fetchable from origin).</sub>`
        : undefined;
}
/** Warnings, notes, how to reproduce, and the options line. */
function footerBlocks(c, opts) {
    const footer = [];
    // Warnings and notes share a quarter of the budget: a merge of 256 shards
    // that all failed, or a report with thousands of notes, still leaves
    // room for the verdict and its tables (GitHub refuses a longer body).
    const allowance = { left: (opts.budgetBytes ?? COMMENT_BUDGET_BYTES) / 4 };
    const fits = (text) => {
        if (bytes(text) + 2 > allowance.left)
            return false;
        allowance.left -= bytes(text) + 2;
        return true;
    };
    if (c.warnings.length > 0) {
        const shown = c.warnings.slice(0, 10).map(w => escapeText(w));
        const more = c.warnings.length > 10 ? `; and ${c.warnings.length - 10} more` : '';
        const warning = `> [!WARNING]\n> The two runs come from different environments, so differences may not be the code's: ${shown.join('; ')}${more}.`;
        if (fits(warning))
            footer.push(warning);
    }
    let notes = 0;
    for (const note of c.notes) {
        if (!fits(`> [!NOTE]\n> ${escapeText(note, 1000)}`))
            break;
        footer.push(`> [!NOTE]\n> ${escapeText(note, 1000)}`);
        notes++;
    }
    if (notes < c.notes.length)
        footer.push(`> [!NOTE]\n> ${c.notes.length - notes} more note(s) are in the job summary.`);
    if (c.counts['too-few-samples'] > 0)
        footer.push(`${c.counts['too-few-samples']} benchmark(s) have fewer than 4 samples on a side: no difference can be significant at 0.05. Raise \`count\` to 6 or more.`);
    // Paths are ours (bundle layout), but never let one close the code fence.
    const repro = (opts.reproduce ?? []).filter(r => !/[`\n]/.test(r.base + r.head)).slice(0, 3);
    if (repro.length > 0) {
        footer.push(`<details><summary>Reproduce locally</summary>\n\n` +
            '```sh\n' +
            repro
                .map(r => `go tool pprof -top -diff_base=${shellQuote(r.base)} ${shellQuote(r.head)}`)
                .join('\n') +
            '\n```\n\n</details>');
    }
    if (opts.flameUrl)
        footer.push(opts.flameMadeBy === 'pull-request'
            ? `📊 [Differential flame graph](${opts.flameUrl}) of the changed benchmarks, made by the pull request's own run: its code wrote this file, not benchgate's comment job, so open it as you would the pull request's code.`
            : `📊 [Differential flame graph](${opts.flameUrl}) of the changed benchmarks: one HTML file in this run's artifacts that opens offline in any browser.`);
    const hot = hotLinesNote(c);
    if (hot)
        footer.push(hot);
    const abThreshold = c.gateMode === 'confirmed' && c.options.abThreshold !== c.options.threshold
        ? ` (confirmation ${c.options.abThreshold}%)`
        : '';
    footer.push(`<sub>threshold ${c.options.threshold}%${abThreshold}, α ${c.options.alpha} (Holm–Bonferroni), allocation threshold ${c.options.allocThreshold}%${c.head.commit ? `, head ${escapeText(c.head.commit.slice(0, 12))}` : ''}${c.base.commit ? `, base ${escapeText(c.base.commit.slice(0, 12))}` : ''}</sub>`);
    return footer;
}
/** The table of changed benchmarks, rows while they fit in 60% of the room, and the geomean. */
function changedTable(c, changed, room, omitted, title) {
    if (changed.length === 0 && title)
        return '';
    if (changed.length === 0) {
        const none = 'No benchmark changed significantly.';
        room.left -= bytes(none) + 2;
        return none;
    }
    const confirming = c.benchmarks.some(b => b.confirmation);
    const header = ['benchmark', 'base', 'head', 'Δ', 'p', 'verdict'];
    if (confirming)
        header.push('on this runner');
    const row = (b) => confirming ? [...changedRow(b), confirmationText(b)] : changedRow(b);
    const rows = [];
    for (const b of changed) {
        const next = markdownTable([header, ...rows, row(b)], { alignDelimiters: false });
        if (bytes(next) > room.left * 0.6 && rows.length > 0)
            break;
        rows.push(row(b));
    }
    let table = (title ? `${title}\n\n` : '') + markdownTable([header, ...rows], { alignDelimiters: false });
    const geo = title ? undefined : c.geomean.find(g => g.unit === 'ns/op');
    if (geo)
        table += `\n\nGeomean time/op: ${escapeText(formatValue(geo.base, 'ns/op'))} → ${escapeText(formatValue(geo.head, 'ns/op'))} (${formatDelta(geo.deltaPercent)}, ${geo.n} benchmarks)`;
    if (rows.length < changed.length)
        omitted.push(`${changed.length - rows.length} changed benchmark row(s)`);
    room.left -= bytes(table) + 2;
    return table;
}
/** The screen's suspects that the A/B did not reproduce: shown, never gating. */
function unconfirmedTable(unconfirmed, status, 
/** The A/B threshold inconclusive suspects could not be held to. */
abThreshold) {
    const shown = unconfirmed.slice(0, 50);
    const heading = {
        'not-confirmed': `**Not confirmed** (flagged by the screen against the baseline, not reproduced on this runner):`,
        inconclusive: `**Inconclusive** (flagged by the screen; the A/B rounds on this runner could neither confirm nor rule out a regression of ${abThreshold}% or more: their cap or budget was reached, or, from their spread so far, the rounds left could not have decided — not evidence of no change):`,
        identical: `**Cleared without rounds** (flagged by the screen; their package's test binary and files are identical at the base revision, so the pull request cannot have changed them):`
    }[status];
    return (`${heading}\n\n` +
        markdownTable([
            ['benchmark', 'screen Δ', 'screen p', 'on this runner'],
            ...shown.map(b => {
                const m = b.metrics.find(x => x.kind === 'time');
                return [
                    benchLabel(b),
                    m ? formatChange(m) : '–',
                    m ? formatP(m.pAdjusted) : '–',
                    confirmationText(b)
                ];
            })
        ], { alignDelimiters: false }) +
        (shown.length < unconfirmed.length
            ? `\n\n…and ${unconfirmed.length - shown.length} more (see comparison.json).`
            : ''));
}
/** The unchanged benchmarks, collapsed, as many names as fit. */
function quietList(quiet, room, omitted, why = () => '') {
    if (quiet.length === 0)
        return '';
    const items = [];
    let size = 200;
    for (const b of quiet) {
        const m = primaryMetric(b);
        const line = `- ${benchLabel(b, false)}: ${m ? `${cell(m, 'base')} → ${cell(m, 'head')} (${formatChange(m)}${m.p !== null ? `, p=${formatP(m.p)}` : ''})${why(m)}` : b.verdict}${b.verdict === 'too-few-samples' ? ' — too few samples' : ''}`;
        if (size + bytes(line) + 1 > room)
            break;
        items.push(line);
        size += bytes(line) + 1;
    }
    if (items.length < quiet.length)
        omitted.push(`${quiet.length - items.length} of ${quiet.length} unchanged benchmark names`);
    const block = `<details><summary>${quiet.length} unchanged benchmark${quiet.length > 1 ? 's' : ''}</summary>\n\n${items.join('\n')}\n\n</details>`;
    return bytes(block) > room ? `${quiet.length} unchanged benchmark(s).` : block;
}
/**
 * Why an unchanged row with a change of the threshold or more was not
 * called: not significant, and, when the test's p has a floor that Holm
 * across the family lifted above alpha, that no p could have been.
 * "Unchanged" is never claimed for what the data could not test.
 */
function notSignificant(c) {
    const family = c.benchmarks.flatMap(b => b.metrics.filter(m => m.kind === 'time' && m.pAdjusted !== null && !m.measuredBy)).length;
    return m => {
        // A change the runner's shift explains is said to be so elsewhere.
        if (m.kind !== 'time' || m.verdict !== 'unchanged' || m.pAdjusted === null)
            return '';
        if (m.explainedByShift)
            return '';
        if (Math.abs(m.deltaPercent ?? 0) < c.options.threshold)
            return '';
        if (m.test === 'welch' && m.pAdjusted < c.options.alpha)
            return ` — **not significant**: ${formatChange(m)}; benchstat's U test did not call it (one sample's outlier can carry Welch's test alone)`;
        const said = ` — **not significant**: ${formatChange(m)}, p=${formatP(m.pAdjusted)} after Holm`;
        if (m.test !== 'utest' || !m.base || !m.head)
            return said;
        const floor = Math.min(1, (2 / choose(m.base.n + m.head.n, m.base.n)) * family);
        return floor >= c.options.alpha
            ? `${said}; with ${m.base.n} and ${m.head.n} samples and ${family} benchmarks no p below ${formatP(floor)} was possible`
            : said;
    };
}
function shellQuote(s) {
    return /^[A-Za-z0-9_./:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./src/engine/outputs.ts
/** The "compare" stage: load both sides, compare, let the judge decide, render every output format. */






/** Compare two bundles (or benchmark text files), judge, and render the reports. */
async function compareAndReport(basePath, headPath, options, report) {
    const [base, head] = await Promise.all([loadSide(basePath), loadSide(headPath)]);
    const screen = compare_compareSides(base, head, options, await sourcesFor(report.sources, base, head));
    const comparison = report.judge ? await report.judge(screen) : judgeScreen(screen);
    // `go tool pprof -diff_base` for the packages whose benchmarks changed.
    const changedPackages = new Set(comparison.benchmarks
        .filter(b => b.verdict === 'regression' || b.verdict === 'improvement')
        .map(b => b.package));
    const reproduce = [...changedPackages].flatMap(pkg => {
        const b = base.profiles.get(pkg)?.cpu;
        const h = head.profiles.get(pkg)?.cpu;
        return b && h
            ? [
                {
                    package: pkg,
                    base: (0,external_node_path_namespaceObject.relative)(report.pathsRelativeTo, b),
                    head: (0,external_node_path_namespaceObject.relative)(report.pathsRelativeTo, h)
                }
            ]
            : [];
    });
    return renderOutputs(comparison, {
        key: report.key,
        repositoryUrl: report.repositoryUrl,
        headSha: report.headSha,
        notes: report.notes,
        reproduce,
        ...(report.trends ? { trends: report.trends } : {})
    }, sourcesFrom(head.benchmarks));
}
/**
 * The three bodies of a judged comparison (comment, summary, short
 * comment), and a way to render them again with more to link. A merged
 * comparison (mode merge) is rendered with this alone: it has no bundles.
 */
function renderOutputs(comparison, rendering, sources) {
    const render = (extra) => {
        const common = { ...rendering, ...extra };
        const body = (budgetBytes) => renderMarkdown(comparison, { ...common, budgetBytes }, sources);
        return {
            comparison,
            comment: body(COMMENT_BUDGET_BYTES),
            summary: body(SUMMARY_BUDGET_BYTES),
            shortComment: body(COMMENT_BUDGET_BYTES / 4),
            rerender: render
        };
    };
    return render({});
}

;// CONCATENATED MODULE: ./src/report/text.ts
/** Plain-text rendering for the CLI (the markdown report lives beside it). */








/** Columns padded to their widest cell; numeric-looking cells right-aligned. */
function textTable(header, rows) {
    const widths = header.map((h, i) => maxOf(rows.map(r => (r[i] ?? '').length), h.length));
    const numeric = header.map((_, i) => rows.length > 0 && rows.every(r => /^[-+\d.,%×e]*$/.test(r[i] ?? '')));
    const line = (cells) => cells
        .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
/** The end-of-run summary: one row per benchmark with its medians. */
function formatRunSummary(bundle) {
    const rows = bundle.benchmarks.map(b => {
        const m = (unit) => {
            const v = own(b.samples, unit);
            return v ? sig(median(v)) : '';
        };
        return [
            showInvisible(b.package),
            showInvisible(b.name),
            String(b.iterations.length),
            m('ns/op'),
            m('B/op'),
            m('allocs/op')
        ];
    });
    const table = textTable(['package', 'benchmark', 'runs', 'ns/op', 'B/op', 'allocs/op'], rows);
    const failed = bundle.packages.filter(p => p.status === 'failed');
    const noMatch = bundle.packages.filter(p => p.status === 'no-match');
    const measured = new Set(bundle.benchmarks.map(b => b.package)).size;
    const notes = [
        `${bundle.benchmarks.length} benchmarks from ${measured} package(s)` +
            (noMatch.length ? `; ${noMatch.length} package(s) had no benchmark matching the regex` : '') +
            (failed.length
                ? `; ${failed.length} package(s) FAILED: ${failed.map(p => showInvisible(p.importPath)).join(', ')}`
                : '')
    ];
    const same = bundle.skipped ?? [];
    if (same.length > 0)
        notes.push(`${same.length} package(s) not measured (${same
            .slice(0, 10)
            .map(p => `${showInvisible(p.package)}: ${showInvisible(p.reason)}`)
            .join(', ')}${same.length > 10 ? ', …' : ''})`);
    return `${table}\n\n${notes.join('\n')}\n`;
}
/** benchstat-style text: one table per unit, then the explanations of changed benchmarks. */
function formatComparisonText(c) {
    const out = [];
    const units = [...new Set(c.benchmarks.flatMap(b => b.metrics.map(m => m.unit)))];
    for (const unit of units) {
        const rows = [];
        for (const b of c.benchmarks) {
            const m = b.metrics.find(x => x.unit === unit);
            if (!m)
                continue;
            const side = (s) => s ? `${sig(s.median)}${formatCi(s)}` : '-';
            rows.push([
                showInvisible(`${b.name} (${b.package})`),
                side(m.base),
                side(m.head),
                formatChange(m),
                m.kind === 'exact' ? 'exact' : formatP(m.pAdjusted ?? m.p),
                m.verdict
            ]);
        }
        const geo = c.geomean.find(g => g.unit === unit);
        if (geo)
            rows.push(['geomean', sig(geo.base), sig(geo.head), formatDelta(geo.deltaPercent), '', '']);
        out.push(textTable([showInvisible(unit), 'base', 'head', 'Δ', 'p', 'verdict'], rows));
    }
    for (const b of c.benchmarks.filter(x => x.summary))
        out.push(showInvisible(b.summary));
    for (const b of c.benchmarks) {
        const rows = changedContention(b);
        if (rows.length > 0)
            out.push(`${showInvisible(`${b.name} (${b.package})`)} contention: ${rows
                .map(r => `${rowText(r)}${r.pAdjusted !== null ? ` (p=${formatP(r.pAdjusted)})` : ''}${r.gates ? ' [gates]' : ''}`)
                .join(', ')}`);
    }
    const stages = stageLines(c, showInvisible);
    if (stages.length > 0)
        out.push(stages.join('\n'));
    for (const b of c.benchmarks.filter(x => x.confirmation))
        out.push(`${showInvisible(`${b.name} (${b.package})`)}: ${confirmationText(b)}`);
    for (const w of c.warnings)
        out.push(`warning: ${showInvisible(w)}`);
    for (const n of c.notes)
        out.push(`note: ${showInvisible(n)}`);
    out.push(verdictText(c));
    return out.join('\n\n') + '\n';
}
/** Machine-readable one-line verdict, e.g. for logs. */
function verdictText(c) {
    return `verdict=${c.verdict} regressions=${c.counts.regression} improvements=${c.counts.improvement} unchanged=${c.counts.unchanged} gate=${c.gate.fail ? 'fail' : 'pass'}`;
}
/**
 * A warning for benchmarks whose name Go printed but whose result never
 * came: they are missing from the bundle, so say which, and why that
 * happens. Names come from the code under test: shown, never interpreted.
 */
function unfinishedMessage(run) {
    const names = run.unfinished.slice(0, 10).map(showInvisible).join(', ');
    const more = run.unfinished.length > 10 ? ` and ${run.unfinished.length - 10} more` : '';
    return `${showInvisible(run.pkg.importPath)}: no result line for ${names}${more}: Go printed the name but no result after it, so these benchmarks are not in the results. A benchmark that writes to stdout without a trailing newline, or that exits early, does this; make its output end with a newline, or leave it out with the bench input (--bench)`;
}

;// CONCATENATED MODULE: ./src/cli/options.ts
/**
 * Shared option parsing for the CLI's commands. Flags map onto the same
 * validators and bounds as the Action's inputs (measure/settings.ts), so
 * both front ends accept and refuse the same values.
 */








/** A mistake in how the command was called: exit status 2, with usage. */
class UsageError extends Error {
    name = 'UsageError';
}
/** A string flag's value, if given. */
function options_str(values, key) {
    const v = values[key];
    return typeof v === 'string' ? v : undefined;
}
/** A whole-number flag (the run validators check its range). */
function options_int(values, key, fallback) {
    const v = options_str(values, key);
    if (v === undefined)
        return fallback;
    if (!/^\d+$/.test(v))
        throw new UsageError(`--${key} must be a whole number, not "${v}"`);
    return Number(v);
}
/** A numeric flag within the bounds the Action's input of the same name has. */
function bounded(values, key, fallback) {
    const v = options_str(values, key);
    if (v === undefined)
        return fallback;
    const x = parseBounded(v, key);
    if (x === undefined)
        throw new UsageError(`--${key} must be ${describeBounds(NUMBER_BOUNDS[key])}, not "${v}"`);
    return x;
}
/** Repeated and comma-separated values: --packages ./a,./b --packages ./c */
function list(values, key) {
    const v = values[key];
    if (v === undefined)
        return undefined;
    const items = (Array.isArray(v) ? v : [v]).flatMap(x => String(x).split(','));
    return items.map(x => x.trim()).filter(x => x !== '');
}
/** A byte count such as 1073741824 or 512MiB. */
function parseSize(raw, flag) {
    if (raw === undefined)
        return undefined;
    const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(raw.trim());
    if (!m)
        throw new UsageError(`${flag} must be a byte count such as 1073741824 or 512MiB, not "${raw}"`);
    const scale = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
    const value = Number(m[1]) * (m[2] ? scale[m[2][0].toLowerCase()] : 1);
    if (!Number.isSafeInteger(value) || value <= 0)
        throw new UsageError(`${flag} must be positive, not "${raw}"`);
    return value;
}
/** How the CLI names each run setting in error messages. */
const CLI_SETTING_NAMES = {
    count: '--count',
    benchtime: '--benchtime',
    timeout: '--timeout',
    bench: '--bench',
    topK: '--top',
    packages: '--packages'
};
/** The run-setting flags every measuring command shares. */
const RUN_OPTIONS = {
    dir: { type: 'string' },
    packages: { type: 'string', multiple: true },
    bench: { type: 'string' },
    count: { type: 'string' },
    benchtime: { type: 'string' },
    out: { type: 'string' },
    profiles: { type: 'string', multiple: true },
    'block-profile-rate': { type: 'string' },
    'mutex-profile-fraction': { type: 'string' },
    'contention-rounds': { type: 'string' }
};
/**
 * RunSettings from flags, over a command's own defaults, validated by the
 * same function as the Action's inputs. `countFlag` names the flag that
 * sets the count (`--confirm-rounds` for confirmation).
 */
function runSettingsFrom(values, defaults, countFlag = 'count') {
    const maxBytes = parseSize(options_str(values, 'max-profile-bytes'), '--max-profile-bytes');
    const count = countFlag === 'count'
        ? options_int(values, 'count', defaults.count ?? RUN_DEFAULTS.count)
        : bounded(values, 'confirm-rounds', defaults.count ?? RUN_DEFAULTS.count);
    return validateRunSettings({
        dir: options_str(values, 'dir') ?? defaults.dir ?? '.',
        packages: list(values, 'packages') ?? defaults.packages ?? [...RUN_DEFAULTS.packages],
        bench: options_str(values, 'bench') ?? defaults.bench ?? RUN_DEFAULTS.bench,
        count,
        benchtime: options_str(values, 'benchtime') ?? defaults.benchtime ?? RUN_DEFAULTS.benchtime,
        timeout: options_str(values, 'timeout') ?? defaults.timeout ?? RUN_DEFAULTS.timeout,
        extraFlags: defaults.extraFlags ?? [],
        out: options_str(values, 'out') ?? defaults.out,
        topK: options_int(values, 'top', defaults.topK ?? RUN_DEFAULTS.topK),
        maxProfileBytes: maxBytes ?? defaults.maxProfileBytes ?? RUN_DEFAULTS.maxProfileBytes,
        profiles: profilesFrom(values, defaults.profiles)
    }, countFlag === 'count' ? CLI_SETTING_NAMES : { ...CLI_SETTING_NAMES, count: '--confirm-rounds' });
}
/** --profiles and the contention pass's flags, over a command's defaults. */
function profilesFrom(values, defaults) {
    const d = defaults ?? PROFILE_DEFAULTS;
    try {
        return profileSettings({
            kinds: list(values, 'profiles') ?? d.kinds,
            blockRate: bounded(values, 'block-profile-rate', d.blockRate),
            mutexFraction: bounded(values, 'mutex-profile-fraction', d.mutexFraction),
            rounds: bounded(values, 'contention-rounds', d.rounds)
        }, '--profiles');
    }
    catch (err) {
        if (err instanceof SettingsError)
            throw new UsageError(err.message);
        throw err;
    }
}
/** --schedule abba|duet: how A/B rounds run (ab/duet.ts), as the ab-schedule input. */
function scheduleFlag(values) {
    const v = options_str(values, 'schedule') ?? 'abba';
    if (!AB_SCHEDULES.includes(v))
        throw new UsageError(`--schedule must be ${AB_SCHEDULES.join(' or ')}, not "${v}"`);
    return v;
}
/** --select: changed (default) leaves out packages whose test binaries cannot differ; all measures every one. */
function selectFlag(values) {
    const v = options_str(values, 'select') ?? 'changed';
    if (v !== 'changed' && v !== 'all')
        throw new UsageError(`--select must be changed or all, not ${JSON.stringify(v)}`);
    return v;
}
/** The comparison flags of compare, ab and demo. */
const COMPARE_OPTIONS = {
    format: { type: 'string' },
    output: { type: 'string' },
    threshold: { type: 'string' },
    'ab-threshold': { type: 'string' },
    alpha: { type: 'string' },
    'alloc-threshold': { type: 'string' },
    'fail-on-alloc': { type: 'boolean' },
    'fail-on-inconclusive': { type: 'boolean' },
    'contention-threshold': { type: 'string' },
    'fail-on-contention': { type: 'string', multiple: true },
    'max-functions': { type: 'string' },
    key: { type: 'string' },
    test: { type: 'string' },
    'repository-url': { type: 'string' },
    'head-sha': { type: 'string' }
};
/** --fail-on-contention, as the Action's input reads it. */
function contentionFamilies(values) {
    try {
        return parseContentionFamilies(list(values, 'fail-on-contention') ?? [], '--fail-on-contention');
    }
    catch (err) {
        if (err instanceof SettingsError)
            throw new UsageError(err.message);
        throw err;
    }
}
/** CompareOptions from flags, with the Action's bounds. */
function compareOptions(values, test = COMPARE_DEFAULTS.test) {
    const chosen = options_str(values, 'test') ?? test;
    if (!STAT_TESTS.includes(chosen))
        throw new UsageError(`--test must be ${STAT_TESTS.join(' or ')}, not "${chosen}"`);
    return {
        test: chosen,
        threshold: bounded(values, 'threshold', COMPARE_DEFAULTS.threshold),
        abThreshold: bounded(values, 'ab-threshold', COMPARE_DEFAULTS.abThreshold),
        alpha: bounded(values, 'alpha', COMPARE_DEFAULTS.alpha),
        allocThreshold: bounded(values, 'alloc-threshold', COMPARE_DEFAULTS.allocThreshold),
        maxFunctions: bounded(values, 'max-functions', COMPARE_DEFAULTS.maxFunctions),
        failOnAlloc: values['fail-on-alloc'] === true,
        ...(values['fail-on-inconclusive'] === true ? { failOnInconclusive: true } : {}),
        contentionThreshold: bounded(values, 'contention-threshold', COMPARE_DEFAULTS.contentionThreshold),
        failOnContention: contentionFamilies(values)
    };
}
/** Write to stdout, resolving once it is flushed. */
function write(text) {
    return new Promise((resolve, reject) => process.stdout.write(text, err => (err ? reject(err) : resolve())));
}
/** Print (or write) a comparison in the chosen format; the verdict line always goes to stderr. */
async function emitComparison(values, outputs) {
    const format = options_str(values, 'format') ?? 'markdown';
    if (!['markdown', 'json', 'text'].includes(format)) {
        throw new UsageError(`--format must be markdown, json or text, not "${format}"`);
    }
    const text = format === 'json'
        ? JSON.stringify(outputs.comparison, null, 1) + '\n'
        : format === 'text'
            ? formatComparisonText(outputs.comparison)
            : outputs.comment;
    const output = options_str(values, 'output');
    if (output)
        await (0,promises_namespaceObject.writeFile)(output, text);
    else
        await write(text);
    console.error(`benchgate: ${verdictText(outputs.comparison)}`);
    return outputs.comparison.gate.fail ? 1 : 0;
}
/** --shard and --shard-weights, for the commands that measure (run, ab). */
const SHARD_OPTIONS = {
    shard: { type: 'string' },
    'shard-weights': { type: 'string' }
};
/** The shard to measure, from --shard i/n and --shard-weights BASELINE; none without --shard. */
function shardFlags(values) {
    const text = options_str(values, 'shard');
    const weightsFrom = options_str(values, 'shard-weights');
    if (weightsFrom !== undefined && text === undefined)
        throw new UsageError('--shard-weights only applies with --shard i/n');
    if (text === undefined)
        return {};
    try {
        return { shard: { ...parseShard(text, '--shard'), ...(weightsFrom ? { weightsFrom } : {}) } };
    }
    catch (err) {
        if (err instanceof ShardError)
            throw new UsageError(err.message);
        throw err;
    }
}
/**
 * Exit status 3 for a screen with suspects nothing checked: the gate the
 * Action runs by default would re-measure them, so "all clear" (0) would
 * claim what was never shown. Regressions the screen calls itself fail (1)
 * as before. Says which, and how to decide them.
 */
function unconfirmedStatus(c, status) {
    const open = suspectsOf(c).filter(b => b.verdict !== 'regression');
    if (open.length === 0 || status !== 0)
        return status;
    const names = open
        .slice(0, 5)
        .map(b => forTerminal(b.name))
        .join(', ');
    console.error(`benchgate: ${open.length} suspect(s) not confirmed: ${names}${open.length > 5 ? ', …' : ''}. The screen could not rule them out (a slowdown of ${c.options.abThreshold}% or more that is significant before correction, or of ${c.options.threshold}% or more); rerun with --confirm-base <base revision> to re-measure them by interleaved A/B on this machine. Exit status 3: not all clear.`);
    return 3;
}

;// CONCATENATED MODULE: ./src/cli/progress.ts



/** `[  12.3s]`: seconds since `started`. */
function stamper(started) {
    return () => `[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s]`;
}
/** Progress of a sequential run: discovery, package i/N, each result, each package's outcome. */
function runProgress(started) {
    const stamp = stamper(started);
    return e => {
        switch (e.type) {
            case 'discovered':
                console.error(`${stamp()} ${e.run.length} package(s) with benchmarks` +
                    (e.shard
                        ? ` in shard ${e.shard.index}/${e.shard.count} (of ${e.shard.of}, balanced by ${e.shard.balancedBy})`
                        : '') +
                    (e.skipped.length ? `, ${e.skipped.length} without (skipped)` : ''));
                break;
            case 'build-start':
                console.error(`${stamp()} building ${e.total} test binar${e.total === 1 ? 'y' : 'ies'}, ${e.parallel} at a time`);
                break;
            case 'built':
                console.error(`${stamp()} [${e.done}/${e.total}] built ${showInvisible(e.pkg.importPath)}${e.ok ? '' : ': FAILED'}`);
                break;
            case 'calibrate-start':
                console.error(`${stamp()} [${e.index + 1}/${e.total}] ${showInvisible(e.pkg.importPath)}: calibrating (${showInvisible(e.argv.join(' '))})`);
                break;
            case 'calibrated':
                console.error(`${stamp()} [${e.index + 1}/${e.total}] ${showInvisible(e.result.pkg.importPath)}: ${e.result.targets.length} benchmark(s)${e.result.status === 'failed' ? ', FAILED' : ''} in ${(e.result.durationMs / 1000).toFixed(1)}s`);
                break;
            case 'sample': {
                const ns = e.nsPerOp !== undefined ? `${sig(e.nsPerOp)} ns/op` : '';
                console.error(`${stamp()} sample ${e.done}/${e.total} (round ${e.round + 1}/${e.rounds}) ${showInvisible(e.target.importPath)} ${showInvisible(e.target.name)} ×${e.target.iterations}  ${e.failed ? 'FAILED' : ns}`);
                break;
            }
            case 'package-end':
                console.error(`${stamp()} [${e.index + 1}/${e.total}] ${showInvisible(e.run.pkg.importPath)}: ${e.run.status === 'failed'
                    ? 'FAILED'
                    : e.run.status === 'no-match'
                        ? 'no benchmark matched'
                        : `ok, ${e.run.results.length} results`} in ${(e.run.durationMs / 1000).toFixed(1)}s`);
                if (e.run.unfinished.length > 0)
                    console.error(`${stamp()} warning: ${unfinishedMessage(e.run)}`);
                break;
            case 'contention':
                console.error(`${stamp()} contention pass [${e.index + 1}/${e.total}] ${showInvisible(e.name)} round ${e.round + 1}/${e.rounds}`);
                break;
            case 'attributing':
            case 'output':
                break;
        }
    };
}
/** Progress of `run --since`: the other revision's checkout and builds, and what cannot differ. */
function sinceProgress(started) {
    const stamp = stamper(started);
    return e => {
        switch (e.type) {
            case 'since-worktree':
                console.error(`${stamp()} building ${showInvisible(e.ref)}'s test binaries to compare`);
                break;
            case 'since-built':
                console.error(`${stamp()} [${e.done}/${e.total}] built ${showInvisible(e.pkg)} at the other revision`);
                break;
            case 'identical':
                console.error(`${stamp()} ${showInvisible(e.pkg)}: identical test binary and files; not measured`);
                break;
        }
    };
}
/** Progress of A/B rounds. */
function abProgress(started) {
    const stamp = stamper(started);
    return e => {
        switch (e.type) {
            case 'worktree':
                console.error(`${stamp()} ${e.side}: ${showInvisible(e.ref)} checked out in ${showInvisible(e.path)}`);
                break;
            case 'build':
                console.error(`${stamp()} building ${showInvisible(e.pkg)} (${e.side})`);
                break;
            case 'calibrated':
                console.error(`${stamp()} calibrated ${showInvisible(e.pkg)}: ${e.benchmarks} benchmark(s)`);
                break;
            case 'round':
                console.error(`${stamp()} round ${e.round}/${e.rounds}: ${e.duet ? `base and head together (duet, CPUs ${e.duet[0]} | ${e.duet[1]})` : e.order.join(', ')}`);
                break;
            case 'notice':
                console.error(`${stamp()} notice: ${e.message}`);
                break;
            case 'contention-round':
                console.error(`${stamp()} contention round ${e.round}/${e.rounds}: ${e.order.join(', ')}`);
                break;
            case 'decided':
                console.error(`${stamp()} ${e.decided} decided and stopped; ${e.open} still running`);
                break;
            case 'identical':
                console.error(`${stamp()} ${showInvisible(e.pkg)}: identical test binary and files on both sides; not measured`);
                break;
        }
    };
}

;// CONCATENATED MODULE: ./src/cli/commands/ab.ts
/** `benchgate ab`: interleaved A/B of two revisions on this machine, judged like gate ab. */








/** The `ab` command. */
const abCommand = {
    usage: 'benchgate ab --base <ref> [--head <ref>] [--dir D] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--out DIR] [--format markdown|json|text] [--test utest|wilcoxon] [--schedule abba|duet] [--select changed|all] [--shard i/n [--shard-weights BASELINE]] [-- go test flags]',
    options: {
        base: { type: 'string' },
        head: { type: 'string' },
        schedule: { type: 'string' },
        select: { type: 'string' },
        ...RUN_OPTIONS,
        ...SHARD_OPTIONS,
        ...COMPARE_OPTIONS
    },
    passthrough: true,
    async run(values, positionals, rest) {
        if (positionals.length > 0)
            throw new UsageError(`unexpected argument "${positionals[0]}"`);
        const base = options_str(values, 'base');
        if (!base)
            throw new UsageError('ab needs --base <ref>: the revision to compare the head against (e.g. the merge-base)');
        const checked = runSettingsFrom(values, { count: 10, extraFlags: rest, out: 'benchgate-ab' });
        const select = selectFlag(values);
        // Validate the comparison flags before minutes of A/B, not after.
        const explicit = options_str(values, 'threshold') !== undefined;
        const opts = compareOptions(values, AB_TEST);
        const { git, runAb } = localEngine();
        const abOpts = {
            ...abOptions(opts, checked.count, explicit ? opts.threshold : undefined),
            test: opts.test
        };
        const { baseDir, headDir } = await runAb({
            ...checked,
            rounds: checked.count,
            decide: stopRule(abOpts),
            buildFlags: rest,
            base,
            head: options_str(values, 'head'),
            schedule: scheduleFlag(values),
            select,
            ...shardFlags(values)
        }, abProgress(Date.now()));
        // An A/B verdict: drift-free, so the A/B threshold applies (unless --threshold is given).
        // --test still chooses the test.
        const outputs = await compareAndReport(baseDir, headDir, abOpts, {
            key: options_str(values, 'key') ?? 'ab',
            pathsRelativeTo: (0,external_node_path_namespaceObject.resolve)('.'),
            sources: gitSources(git, checked.dir),
            // Judged as the Action's gate ab is: breakdowns and contention marked as A/B.
            judge: async (screen) => judgeAb(screen, base)
        });
        return emitComparison(values, outputs);
    }
};

;// CONCATENATED MODULE: ./src/engine/confirm.ts
/**
 * Screening, then confirmation. The comparison against the baseline
 * artifact (made on main, on another runner, at another time) screens for
 * suspects; each suspect is then re-measured by interleaved A/B against
 * the merge-base on this runner, that benchmark only. What the A/B means
 * for the gate is the judge's call (judge.ts).
 */







/**
 * Re-measure the screen's suspects with A/B and let the judge fold the
 * outcome into the comparison. Nothing runs when there are no suspects.
 * When the A/B cannot run (say the merge-base is not in the clone), the
 * screen's verdicts stand and the error is recorded: a failure to confirm
 * never lets a regression through silently.
 */
async function confirmSuspects(runAb, screen, s, opts, onEvent = () => { }) {
    const suspects = suspectsOf(screen);
    const started = Date.now();
    const info = (extra) => ({
        base: { commit: '', ref: typeof s.base === 'string' ? s.base : '' },
        rounds: s.rounds,
        test: AB_TEST,
        suspects: suspects.length,
        confirmed: 0,
        elapsedMs: Date.now() - started,
        ...extra
    });
    if (suspects.length === 0)
        return confirmationStands(screen, info({}));
    let ab;
    let label = '';
    try {
        const rev = typeof s.base === 'function'
            ? await s.base()
            : { sha: s.base, label: s.base ?? 'the work tree' };
        label = rev.label;
        const { sources, ...settings } = s;
        const abOpts = abOptions(opts, s.rounds);
        const { baseDir, headDir } = await runAb({
            ...settings,
            // Each suspect stops once its rounds decide it (judge/sequential.ts).
            decide: stopRule(abOpts),
            // A suspect whose package cannot differ is cleared without rounds
            // (judge/confirmation.ts), unless every package is to be measured.
            select: s.select ?? 'changed',
            base: rev.sha,
            packages: ['./...'],
            only: new Set(suspects.map(b => b.package)),
            bench: exactBenchPattern(suspects.map(b => b.name))
        }, onEvent);
        const [base, head] = await Promise.all([loadSide(baseDir), loadSide(headDir)]);
        ab = compare_compareSides(base, head, abOpts, await sourcesFor(sources, base, head));
    }
    catch (err) {
        return confirmationStands(screen, info({ error: err.message }));
    }
    return applyConfirmation(screen, ab, s.rounds, {
        base: { commit: ab.base.commit, ref: label },
        elapsedMs: Date.now() - started,
        benchtime: s.benchtime
    });
}

;// CONCATENATED MODULE: ./src/cli/commands/compare.ts
/**
 * `benchgate compare`: compare two bundles (or `go test -bench` text
 * files); with --confirm-base, re-measure the screen's suspects by A/B.
 */














/** The -benchtime a bundle was made at, when it is a bundle that recorded one. */
async function recordedBenchtime(path) {
    try {
        const { bundle } = await readBundle(path);
        const b = bundle.environment.settings?.benchtime;
        // Only a duration or an iteration count: the bundle may be a fork's.
        return typeof b === 'string' && (durationSeconds(b) !== undefined || /^\d{1,12}x$/.test(b))
            ? { benchtime: b }
            : {};
    }
    catch {
        // A text file, or a bundle compareAndReport will refuse with its own message.
        return {};
    }
}
/**
 * With --shard i/n, both inputs must be that shard's part (bundles whose
 * settings record it): a screen or a confirmation of one shard's head
 * against another shard's baseline would call every package new or gone.
 */
async function checkShardParts(paths, text) {
    const want = parseShard(text, '--shard');
    for (const path of paths) {
        let recorded;
        try {
            recorded = (await readBundle(path)).bundle.environment.settings.shard;
        }
        catch (err) {
            throw new UsageError(`--shard ${want.index}/${want.count} compares bundles of that shard, and ${path} is not one that can be read (${err.message})`);
        }
        if (recorded !== `${want.index}/${want.count}`)
            throw new UsageError(`${path} is ${typeof recorded === 'string' ? `shard ${recorded}'s part` : "not a shard's part (it was run without --shard)"}, not shard ${want.index}/${want.count}'s: compare each shard's head with the same shard's baseline`);
    }
}
/** Flags that mean something only with --confirm-base. */
const CONFIRM_ONLY = [
    'confirm-head',
    'confirm-rounds',
    'confirm-budget',
    'dir',
    'benchtime',
    'out',
    'schedule',
    'select'
];
/** The `compare` command. */
const compareCommand = {
    usage: 'benchgate compare <base> <head> [--shard i/n] [--format markdown|json|text] [--output FILE] [--threshold P] [--alpha A] [--alloc-threshold P] [--fail-on-alloc] [--fail-on-inconclusive] [--max-functions N] [--test welch|utest|wilcoxon] [--ab-threshold P] [--confirm-base <ref> [--confirm-head <ref>] [--dir D] [--confirm-rounds N] [--confirm-budget SECONDS] [--schedule abba|duet] [--select changed|all] [--benchtime T] [--out DIR] [-- go test -c build flags]]',
    options: {
        ...COMPARE_OPTIONS,
        'confirm-base': { type: 'string' },
        'confirm-head': { type: 'string' },
        'confirm-rounds': { type: 'string' },
        'confirm-budget': { type: 'string' },
        schedule: { type: 'string' },
        select: { type: 'string' },
        dir: { type: 'string' },
        benchtime: { type: 'string' },
        out: { type: 'string' },
        shard: { type: 'string' }
    },
    passthrough: true,
    async run(values, positionals, rest) {
        if (positionals.length !== 2) {
            throw new UsageError('compare takes two inputs: the base and the head (bundle directories or go test -bench output files)');
        }
        const opts = compareOptions(values);
        const shard = options_str(values, 'shard');
        if (shard !== undefined)
            await checkShardParts(positionals, shard);
        const confirmBase = options_str(values, 'confirm-base');
        const confirmOnly = CONFIRM_ONLY.find(k => values[k] !== undefined);
        if (!confirmBase && (confirmOnly || rest.length > 0))
            throw new UsageError(`${confirmOnly ? `--${confirmOnly}` : 'build flags after --'} only apply with --confirm-base <ref>`);
        let judge;
        if (confirmBase) {
            // Re-measure the way the bundles were made: their -benchtime, unless --benchtime says otherwise.
            const checked = runSettingsFrom(values, {
                count: CONFIRM_ROUNDS_DEFAULT,
                extraFlags: rest,
                out: 'benchgate-confirm',
                ...(await recordedBenchtime(positionals[1]))
            }, 'confirm-rounds');
            const started = Date.now();
            const counts = await countsOf(positionals[1]);
            const { runAb } = localEngine();
            judge = screen => confirmSuspects(runAb, screen, {
                ...checked,
                rounds: checked.count,
                budgetMs: bounded(values, 'confirm-budget', CONFIRM_BUDGET_DEFAULT) * 1000,
                buildFlags: rest,
                base: confirmBase,
                head: options_str(values, 'confirm-head'),
                schedule: scheduleFlag(values),
                select: selectFlag(values),
                // The head bundle's fixed iteration counts: both sides re-measure at them.
                ...counts,
                sources: gitSources(new LocalGit(), (0,external_node_path_namespaceObject.resolve)('.'))
            }, opts, abProgress(started));
        }
        const outputs = await compareAndReport(positionals[0], positionals[1], opts, {
            key: options_str(values, 'key') ?? 'default',
            repositoryUrl: options_str(values, 'repository-url'),
            headSha: options_str(values, 'head-sha'),
            pathsRelativeTo: (0,external_node_path_namespaceObject.resolve)('.'),
            judge,
            sources: gitSources(new LocalGit(), (0,external_node_path_namespaceObject.resolve)('.'))
        });
        const status = await emitComparison(values, outputs);
        return confirmBase ? status : unconfirmedStatus(outputs.comparison, status);
    }
};
/** The fixed iteration counts of a head that is a bundle; none for a text file. */
async function countsOf(path) {
    const dir = path.endsWith('results.json') ? (0,external_node_path_namespaceObject.dirname)(path) : path;
    if (!(0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'results.json')))
        return {};
    return { iterations: await reusableCounts(dir) };
}

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/cli/commands/demo.ts
/**
 * `benchgate demo`: the whole pipeline of the Action's default gate
 * (`confirmed`) on the bundled demo module: a base run as committed and a
 * head run with a seeded CPU regression and a seeded allocation
 * (`-tags=benchgate_demo_regression`), the screen of head against base,
 * the confirmation of its suspects by interleaved A/B of the two builds,
 * then the report.
 */











/** The build tag that seeds the demo's regressions. */
const SEED = '-tags=benchgate_demo_regression';
/** The demo module ships beside dist/ in this repository. */
function demoModule() {
    return (0,external_node_path_namespaceObject.resolve)((0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url)), '..', 'fixtures', 'demo');
}
/** What the demo writes in its directory; anything else there is the user's. */
const DEMO_FILES = new Set([
    'base',
    'head',
    'confirm',
    'comment.md',
    'summary.md',
    'comparison.json'
]);
/** Refuse, before any work, a --out that holds files the demo did not write. */
async function checkDemoDir(dir) {
    const entries = await (0,promises_namespaceObject.readdir)(dir).catch(() => []);
    const foreign = entries.filter(e => !DEMO_FILES.has(e));
    if (foreign.length > 0)
        throw new UsageError(`--out ${dir} holds files the demo did not write (${foreign.slice(0, 3).join(', ')}); choose an empty or new directory`);
}
/** The `demo` command. */
const demoCommand = {
    usage: 'benchgate demo [--out DIR] [--count N] [--confirm-rounds N] [--benchtime T] [--format markdown|json|text]',
    options: {
        out: { type: 'string' },
        count: { type: 'string' },
        'confirm-rounds': { type: 'string' },
        benchtime: { type: 'string' },
        ...COMPARE_OPTIONS
    },
    async run(values, positionals) {
        if (positionals.length > 0)
            throw new UsageError(`unexpected argument "${positionals[0]}"`);
        const out = (0,external_node_path_namespaceObject.resolve)(options_str(values, 'out') ?? 'benchgate-demo');
        await checkDemoDir(out);
        const opts = compareOptions(values);
        const started = Date.now();
        // --out names the demo's directory; the bundles go below it.
        const base = runSettingsFrom({ ...values, out: undefined }, {
            dir: demoModule(),
            count: 6,
            benchtime: '200ms',
            timeout: '10m',
            out: (0,external_node_path_namespaceObject.join)(out, 'base')
        });
        const rounds = runSettingsFrom(values, { ...base, count: CONFIRM_ROUNDS_DEFAULT }, 'confirm-rounds').count;
        const { go, git, runAb } = localEngine(base.timeout);
        console.error('benchgate demo: the base run (fixtures/demo as committed)');
        await runToBundle(go, git, base, runProgress(started));
        console.error(`benchgate demo: the head run (${SEED}: a seeded CPU and allocation regression)`);
        await runToBundle(go, git, { ...base, out: (0,external_node_path_namespaceObject.join)(out, 'head'), extraFlags: [SEED] }, runProgress(started));
        // Both sides are this tree, under two build tags: every line is the same line.
        const sources = sameTreeSources(await repositoryRoot(git, demoModule()));
        const outputs = await compareAndReport((0,external_node_path_namespaceObject.join)(out, 'base'), (0,external_node_path_namespaceObject.join)(out, 'head'), opts, {
            key: 'demo',
            pathsRelativeTo: (0,external_node_path_namespaceObject.resolve)('.'),
            sources,
            // The Action's default gate: the screen's suspects are re-measured by
            // interleaved A/B of the two builds, so drift between the two runs
            // above neither hides the seeded regressions nor raises false alarms.
            judge: screen => {
                console.error(`benchgate demo: confirming the screen's suspects by interleaved A/B, ${rounds} rounds`);
                return confirmSuspects(runAb, screen, {
                    ...base,
                    rounds,
                    buildFlags: [],
                    sideFlags: { head: [SEED] },
                    base: undefined,
                    out: (0,external_node_path_namespaceObject.join)(out, 'confirm'),
                    sources
                }, opts, abProgress(started));
            }
        });
        await (0,promises_namespaceObject.mkdir)(out, { recursive: true });
        await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(out, 'comment.md'), outputs.comment);
        await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(out, 'summary.md'), outputs.summary);
        await (0,promises_namespaceObject.writeFile)((0,external_node_path_namespaceObject.join)(out, 'comparison.json'), JSON.stringify(outputs.comparison, null, 1) + '\n');
        console.error(`benchgate demo: wrote the base, head and confirm bundles, comment.md, summary.md and comparison.json in ${out}`);
        await emitComparison(values, outputs);
        return demoVerdict(outputs.comparison);
    }
};
/** The demo's seeded culprits: what its comparison must name, measure by measure. */
const SEEDED = [
    { benchmark: 'BenchmarkTokenize', measure: 'cpu', culprit: 'example.com/demo/textproc.Tokenize' },
    { benchmark: 'BenchmarkIntern', measure: 'cpu', culprit: 'example.com/demo/textproc.cloneWord' },
    {
        benchmark: 'BenchmarkIntern',
        measure: 'alloc_space',
        culprit: 'example.com/demo/textproc.cloneWord',
        line: 'b := make([]byte, len(w), 512)'
    }
];
/**
 * The demo works when the gate fired on its seeded regressions and the
 * report names each seeded culprit first (by the growth of its own cost):
 * exit 0, saying that a pull request like this fails its check. Anything
 * else is the demo failing its own self-check: exit 1, saying what.
 */
function demoVerdict(c) {
    const problems = [];
    if (c.confirmation?.error)
        problems.push(`the confirmation could not run (${c.confirmation.error})`);
    if (!c.gate.fail)
        problems.push('the gate did not fire on the seeded regressions');
    for (const s of SEEDED) {
        const b = c.benchmarks.find(x => x.name.startsWith(`${s.benchmark}-`) || x.name === s.benchmark);
        // The comment's own order: its first row is what it names first.
        const first = b?.functions?.[s.measure]?.[0];
        if (!b || b.verdict !== 'regression')
            problems.push(`${s.benchmark} was not called a regression`);
        else if (first?.name !== s.culprit || !first.beyondNoise)
            problems.push(`${s.benchmark}'s ${s.measure} breakdown does not rank ${s.culprit} first, beyond sampling noise`);
        else if (s.line !== undefined && first.lines?.[0]?.text !== s.line)
            problems.push(`${s.benchmark}'s ${s.measure} hot lines of ${s.culprit} do not start with \`${s.line}\``);
    }
    if (problems.length > 0) {
        console.error(`benchgate demo: self-check FAILED: ${[...new Set(problems)].join('; ')}.`);
        return 1;
    }
    console.error('benchgate demo: it works. The gate fired on the seeded regressions and the report names each seeded culprit first, down to its line: a pull request like this would fail its check (exit 1 in CI).');
    return 0;
}

;// CONCATENATED MODULE: ./src/attribution/flame.ts
/**
 * Differential flame graphs: every stack of a benchmark on both sides,
 * merged by call path, in per-op cost. A sample belongs to the benchmark
 * frame nearest its leaf (as groupTables decides), and its path starts at
 * that frame, so the testing harness above it is left out. Two plain
 * profiles have one root, `total`.
 */




const trie = (name) => ({ name, value: 0, self: 0, children: new Map() });
/**
 * The `total` group of callTrees without its frames: the sum of the
 * samples' values. What a caller that prints only the ranked tables
 * (`benchgate diff`) needs of the tree; a profile of 300,000 functions
 * makes a call tree of hundreds of megabytes.
 */
function totalTree(profile, sampleType, source) {
    const vi = sampleTypeIndex(profile, sampleType, source);
    const { count, width, values } = profile.samples;
    const root = trie('total');
    for (let s = 0; s < count; s++)
        root.value += values[s * width + vi];
    return new Map([['total', root]]);
}
/**
 * Per group, the call tree of one profile's samples in the sample type's
 * raw unit. With `importPath`, groups are the package's benchmark functions;
 * without it, every sample is in the one group `total`.
 */
function callTrees(profile, sampleType, source, importPath, 
/** Samples to leave out, by their stack (the contention pass's harness waits). */
skip) {
    const vi = sampleTypeIndex(profile, sampleType, source);
    const index = indexFrames(profile, goTracebackName);
    const group = index.names.map(n => (importPath ? benchmarkGroup(n, importPath) : undefined));
    const out = new Map();
    const { count, width, values, stackStart, stacks } = profile.samples;
    const path = [];
    for (let s = 0; s < count; s++) {
        const v = values[s * width + vi];
        if (v === 0)
            continue;
        if (skip?.(index.names, index.frames, stacks, stackStart[s], stackStart[s + 1]))
            continue;
        // Frames leaf first, cut at the benchmark frame nearest the leaf.
        path.length = 0;
        let root = importPath ? undefined : 'total';
        for (let k = stackStart[s]; k < stackStart[s + 1] && root === undefined; k++) {
            const f = index.frames[stacks[k]];
            for (let j = 0; j < f.length; j++) {
                path.push(f[j]);
                const g = group[f[j]];
                if (g !== undefined) {
                    root = g;
                    break;
                }
            }
        }
        if (root === undefined)
            continue;
        if (!importPath)
            for (let k = stackStart[s]; k < stackStart[s + 1]; k++)
                pushAll(path, index.frames[stacks[k]]);
        let node = out.get(root) ?? out.set(root, trie(root)).get(root);
        node.value += v;
        // A benchmark's path starts at its own frame, which is the root. Past
        // MAX_FLAME_DEPTH frames (a forged profile) the rest is the last
        // frame's own cost, so no walk of the tree recurses without bound.
        const from = importPath ? path.length - 2 : path.length - 1;
        const to = Math.max(0, from - MAX_FLAME_DEPTH + 1);
        for (let i = from; i >= to; i--) {
            const name = index.names[path[i]];
            node = node.children.get(name) ?? node.children.set(name, trie(name)).get(name);
            node.value += v;
        }
        node.self += v;
    }
    return out;
}
/**
 * Merge one group's trees of the two sides into one differential tree,
 * each side scaled to per-op cost (or any common unit).
 */
function diffTree(base, head, baseScale, headScale) {
    const name = head?.name ?? base?.name ?? 'total';
    const node = {
        name,
        base: (base?.value ?? 0) * baseScale,
        head: (head?.value ?? 0) * headScale,
        baseSelf: (base?.self ?? 0) * baseScale,
        headSelf: (head?.self ?? 0) * headScale,
        baseOwn: 0,
        headOwn: 0,
        children: []
    };
    const names = new Set([...(base?.children.keys() ?? []), ...(head?.children.keys() ?? [])]);
    for (const n of names)
        node.children.push(diffTree(base?.children.get(n), head?.children.get(n), baseScale, headScale));
    // Own cost: flat, plus what runtime-internal children own.
    node.baseOwn = node.baseSelf;
    node.headOwn = node.headSelf;
    for (const ch of node.children)
        if (isRuntimeInternal(ch.name)) {
            node.baseOwn += ch.baseOwn;
            node.headOwn += ch.headOwn;
        }
    node.children.sort((a, b) => Math.max(b.base, b.head) - Math.max(a.base, a.head) || (a.name < b.name ? -1 : 1));
    return node;
}
/** The deepest path a graph draws, in frames below its root (Go's own stacks stop at 128). */
const MAX_FLAME_DEPTH = 512;
/** How many frames a graph keeps at most; smaller ones are merged, and the page says so. */
const MAX_FLAME_NODES = 30_000;
/**
 * Merge the frames too small to see into one `…` frame per parent, so a
 * graph stays at most `max` frames: a frame is kept when its larger side
 * is at least `fraction` of the root's, and the fraction grows until the
 * tree fits. Returns how many frames were merged.
 */
function pruneTree(root, max = MAX_FLAME_NODES) {
    const total = Math.max(root.base, root.head);
    let fraction = 1e-5;
    while (countAbove(root, total * fraction) > max)
        fraction *= 2;
    return mergeBelow(root, total * fraction);
}
function countAbove(n, min) {
    let c = 1;
    for (const ch of n.children)
        if (Math.max(ch.base, ch.head) >= min)
            c += countAbove(ch, min);
    return c;
}
function mergeBelow(n, min) {
    const kept = [];
    const small = {
        name: '…',
        base: 0,
        head: 0,
        baseSelf: 0,
        headSelf: 0,
        baseOwn: 0,
        headOwn: 0,
        children: []
    };
    let merged = 0;
    let here = 0;
    for (const ch of n.children) {
        if (Math.max(ch.base, ch.head) >= min) {
            merged += mergeBelow(ch, min);
            kept.push(ch);
        }
        else {
            small.base += ch.base;
            small.head += ch.head;
            small.baseSelf += ch.base;
            small.headSelf += ch.head;
            small.baseOwn += ch.base;
            small.headOwn += ch.head;
            here += frameCount(ch);
        }
    }
    if (here > 0)
        kept.push(small);
    n.children = kept;
    return merged + here;
}
/** How many frames a tree has, its root included. */
function frameCount(n) {
    let c = 1;
    for (const ch of n.children)
        c += frameCount(ch);
    return c;
}
/**
 * Every function of a whole profile (two plain profiles have no benchmark
 * groups): flat, cum and self (runtime internals folded into their
 * callers) times `scale`, and the profile's total and one sample's value
 * in the same unit, for the noise test.
 */
function profileCosts(profile, sampleType, source, scale = 1) {
    const vi = sampleTypeIndex(profile, sampleType, source);
    const index = indexFrames(profile, goTracebackName);
    const folded = Uint8Array.from(index.names, n => (isRuntimeInternal(n) ? 1 : 0));
    const acc = accumulate(profile, vi, index, 1, () => 0, folded);
    const functions = [];
    index.names.forEach((name, i) => {
        if (acc.flat[0][i] !== 0 || acc.cum[0][i] !== 0 || acc.self[0][i] !== 0)
            functions.push({
                name,
                flat: acc.flat[0][i] * scale,
                cum: acc.cum[0][i] * scale,
                self: acc.self[0][i] * scale
            });
    });
    const st = profile.sampleTypes[vi];
    const period = samplePeriod(profile, vi);
    const sample = period === undefined ? undefined : period * scale;
    const sampling = sample === undefined ? { total: acc.total * scale } : { total: acc.total * scale, sample };
    return { functions, sampling, unit: st.unit };
}

;// CONCATENATED MODULE: ./src/flame/contention-graphs.ts
/**
 * Differential flame graphs of the contention pass's delay measures
 * (docs/contention.md): each side's first-round high-run profile kept in its bundle,
 * the harness's and the runtime's own waits left out as in the per-op
 * costs, scaled so the whole tree is the measure's median per op.
 */







/** One side's whole-process delay tree, or undefined without its profile. */
async function delayTree(side, b, measure, maxBytes) {
    const rel = b.contention?.profiles?.[CONTENTION_MEASURES[measure].profile];
    if (!rel || !side.dir)
        return undefined;
    const file = (0,external_node_path_namespaceObject.join)(side.dir, rel);
    const profile = await readProfile(file, { maxBytes });
    return callTrees(profile, 'delay', file, undefined, harnessWait).get('total');
}
/**
 * The graphs of one benchmark's delay measures: `only` when given, else
 * those whose family changed beyond noise (a changed mutex contentions
 * count draws the mutex wait).
 */
async function contentionGraphs(bc, sides, only, maxBytes) {
    const wanted = new Set();
    if (only) {
        if (Object.hasOwn(CONTENTION_MEASURES, only))
            wanted.add(only);
    }
    else
        for (const r of changedContention(bc)) {
            const m = delayMeasureOf(r.metric);
            if (m)
                wanted.add(m);
        }
    const graphs = [];
    for (const measure of wanted) {
        const [bt, ht] = await Promise.all([
            delayTree(sides.base, sides.bb, measure, maxBytes),
            delayTree(sides.head, sides.hb, measure, maxBytes)
        ]);
        const scale = (t, values) => t && t.value > 0 && values && values.length > 0 ? median(values) / t.value : 0;
        const bs = scale(bt, sides.bb.contention?.metrics[measure]);
        const hs = scale(ht, sides.hb.contention?.metrics[measure]);
        if (bs === 0 && hs === 0)
            continue;
        const root = diffTree(bs > 0 ? bt : undefined, hs > 0 ? ht : undefined, bs, hs);
        const row = bc.contention?.rows.find(r => r.metric === measure);
        const delta = row?.deltaPercent != null
            ? `, ${CONTENTION_METRICS[measure].label} ${formatDelta(row.deltaPercent)}`
            : '';
        graphs.push({
            title: `${bc.name} (${bc.package})`,
            subtitle: `${row?.verdict ?? bc.verdict}${delta}`,
            measure,
            unit: 'ns',
            root,
            merged: pruneTree(root),
            culprits: (bc.contention?.functions?.[measure] ?? []).filter(f => f.beyondNoise),
            ...(bc.contention?.functionStats?.[measure]
                ? { stats: bc.contention.functionStats[measure] }
                : {})
        });
    }
    return graphs;
}

;// CONCATENATED MODULE: ./src/flame/graphs.ts
/**
 * The `flame` and `diff` stage: two bundles (per changed benchmark, per
 * measure, in per-op cost) or two profiles (like `pprof -diff_base`), as
 * differential call trees and the ranked culprit table the comment shows.
 */















/** At most this many benchmarks get graphs, the worst first. */
const MAX_FLAME_BENCHMARKS = 40;
const graphs_UNIT = {
    cpu: 'ns',
    alloc_space: 'B',
    alloc_objects: 'allocs',
    block_delay: 'ns',
    mutex_delay: 'ns',
    sync_delay: 'ns',
    syscall_delay: 'ns',
    net_delay: 'ns',
    sched_delay: 'ns'
};
async function isDirectory(path) {
    try {
        return (await (0,promises_namespaceObject.stat)(path)).isDirectory();
    }
    catch (err) {
        throw new BundleError(`${path}: cannot read it (${err.code ?? err.message}); pass a bundle directory from \`benchgate run\` or a pprof profile`);
    }
}
/** Build the graphs of two bundles or two profiles. */
async function flameReport(basePath, headPath, opts = {}) {
    const [bd, hd] = await Promise.all([isDirectory(basePath), isDirectory(headPath)]);
    if (bd !== hd)
        throw new BundleError(`${bd ? headPath : basePath} is a file and ${bd ? basePath : headPath} a directory: pass two bundle directories or two pprof profiles`);
    return bd ? fromBundles(basePath, headPath, opts) : fromProfiles(basePath, headPath, opts);
}
async function fromProfiles(basePath, headPath, opts) {
    const read = { maxBytes: opts.maxProfileBytes };
    // One after the other: decoding holds a profile's raw bytes and tables
    // at once, and two at a time doubled the peak for large profiles.
    const bp = await readProfile(basePath, read);
    const hp = await readProfile(headPath, read);
    const type = opts.sampleIndex ?? defaultType(hp);
    const trees = opts.tablesOnly ? totalTree : callTrees;
    const bt = trees(bp, type, basePath).get('total');
    const ht = trees(hp, type, headPath).get('total');
    const baseScale = opts.normalize && bt && ht && bt.value > 0 ? ht.value / bt.value : 1;
    const root = diffTree(bt, ht, baseScale, 1);
    const merged = pruneTree(root);
    const b = profileCosts(bp, type, basePath, baseScale);
    const h = profileCosts(hp, type, headPath);
    const max = opts.compare?.maxFunctions ?? COMPARE_DEFAULTS.maxFunctions;
    const ranked = rankFunctions({ list: b.functions, all: b.functions, sampling: b.sampling }, { list: h.functions, all: h.functions, sampling: h.sampling }, max, root.head >= root.base ? 1 : -1);
    const notes = opts.normalize ? [`base scaled by ${baseScale.toPrecision(4)} to head's total`] : [];
    return {
        base: basePath,
        head: headPath,
        graphs: [
            {
                title: `${type}: ${basePath} → ${headPath}`,
                subtitle: `total ${root.base} → ${root.head} ${h.unit}`,
                measure: type,
                unit: h.unit,
                root,
                merged,
                culprits: ranked.functions.filter(f => f.beyondNoise),
                stats: ranked.stats
            }
        ],
        notes
    };
}
/** pprof's default sample type: the profile's own default, else the last one. */
function defaultType(p) {
    return p.defaultSampleType || p.sampleTypes[p.sampleTypes.length - 1]?.type || '';
}
/**
 * The benchmarks that get graphs: those named by --benchmark, else the
 * changed ones (time, allocations or contention), else all; at most
 * MAX_FLAME_BENCHMARKS, worst first. What is left out is said in `notes`.
 */
function pickBenchmarks(screen, opts, notes) {
    let picked = sortBenchmarks(screen.benchmarks).filter(b => opts.benchmark
        ? opts.benchmark.test(b.name)
        : b.verdict === 'regression' || b.verdict === 'improvement' || changedContention(b).length > 0);
    if (picked.length === 0 && !opts.benchmark) {
        notes.push('No benchmark changed significantly: every benchmark measured on both sides is shown.');
        picked = sortBenchmarks(screen.benchmarks).filter(b => b.metrics.length > 0);
    }
    if (picked.length > MAX_FLAME_BENCHMARKS) {
        notes.push(`${picked.length - MAX_FLAME_BENCHMARKS} more benchmarks are left out; pick them with --benchmark.`);
        picked = picked.slice(0, MAX_FLAME_BENCHMARKS);
    }
    return picked;
}
async function fromBundles(basePath, headPath, opts) {
    const [base, head] = await Promise.all([loadSide(basePath), loadSide(headPath)]);
    const screen = compare_compareSides(base, head, opts.compare);
    const notes = [];
    const picked = pickBenchmarks(screen, opts, notes);
    const trees = new TreeCache(opts.maxProfileBytes);
    const graphs = [];
    const measures = opts.measure ? [opts.measure] : Object.keys(MEASURES);
    for (const bc of picked) {
        const bb = base.benchmarks.find(x => x.package === bc.package && x.name === bc.name);
        const hb = head.benchmarks.find(x => x.package === bc.package && x.name === bc.name);
        if (!bb || !hb)
            continue;
        const group = hb.group ?? splitBenchName(hb.name).base;
        // A benchmark picked by name that did not change still gets its
        // ranking, in the direction its time moved.
        const time = bc.metrics.find(x => x.kind === 'time');
        const ranked = bc.functions
            ? { functions: bc.functions, stats: bc.functionStats ?? {} }
            : functionDeltas(bb, hb, screen.options.maxFunctions, (time?.deltaPercent ?? 0) < 0 ? 'improvement' : 'regression');
        for (const measure of measures) {
            if (!Object.hasOwn(MEASURES, measure))
                continue;
            const m = MEASURES[measure];
            const [bt, ht] = await Promise.all([
                trees.get(base, bc.package, m.profile, m.sampleType, group),
                trees.get(head, bc.package, m.profile, m.sampleType, group)
            ]);
            // Per op, as the comment's function costs are when no pass explained
            // them: each side's samples scaled to its median. A side with no
            // samples or a zero median (no allocations) has an empty tree.
            const scale = (t, values) => t && t.value > 0 && values && values.length > 0 ? median(values) / t.value : 0;
            const bs = scale(bt, own(bb.samples, m.unit));
            const hs = scale(ht, own(hb.samples, m.unit));
            if (bs === 0 && hs === 0)
                continue;
            const root = diffTree(bs > 0 ? bt : undefined, hs > 0 ? ht : undefined, bs, hs);
            const merged = pruneTree(root);
            const delta = bc.metrics.find(x => x.unit === (measure === 'cpu' ? 'ns/op' : m.unit));
            graphs.push({
                title: `${bc.name} (${bc.package})`,
                subtitle: `${bc.verdict}${delta?.deltaPercent != null ? `, ${delta.unit} ${delta.deltaPercent >= 0 ? '+' : ''}${delta.deltaPercent.toFixed(2)}%` : ''}`,
                measure,
                unit: graphs_UNIT[measure],
                root,
                merged,
                culprits: (ranked?.functions[measure] ?? []).filter(f => f.beyondNoise),
                ...(ranked?.stats[measure] ? { stats: ranked.stats[measure] } : {})
            });
        }
        graphs.push(...(await contentionGraphs(bc, { base, head, bb, hb }, opts.measure, opts.maxProfileBytes)));
    }
    if (picked.some(b => b.name.includes('/')))
        notes.push("Sub-benchmarks share their parent's frames in the timed runs' profiles: each graph shows the whole benchmark function, scaled to that sub-benchmark's per-op cost.");
    return { base: basePath, head: headPath, graphs, notes };
}
/** Each side's call trees, read once per package and sample type. */
class TreeCache {
    maxBytes;
    cache = new Map();
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
    }
    async get(side, pkg, kind, sampleType, group) {
        const file = side.profiles.get(pkg)?.[kind];
        if (!file)
            return undefined;
        const key = `${file}\u0000${sampleType}`;
        let p = this.cache.get(key);
        if (!p) {
            p = readProfile(file, { maxBytes: this.maxBytes }).then(profile => callTrees(profile, sampleType, file, pkg));
            this.cache.set(key, p);
        }
        return (await p)?.get(group);
    }
}

;// CONCATENATED MODULE: ./src/report/diff.ts
/**
 * `benchgate diff`: the ranked culprit table of each graph `flame` draws,
 * as text for a terminal (like `go tool pprof -top -diff_base`, with our
 * ranking and noise marks) or as Markdown.
 */




/** The formatValue unit that scales a graph's values: ns and nanoseconds as time, B and bytes as sizes. */
function valueUnit(unit) {
    if (unit === 'ns' || unit === 'nanoseconds')
        return 'ns/op';
    if (unit === 'B' || unit === 'bytes')
        return 'B/op';
    if (unit === 'allocs' || unit === 'count')
        return 'allocs/op';
    return unit;
}
/** A row's numbers; a unit from a profile is untrusted and goes through `esc`. */
function cells(g, f, esc) {
    const u = valueUnit(g.unit);
    const signed = (x) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${formatValue(Math.abs(x), u, esc)}`;
    return [
        signed(f.delta.self),
        formatValue(f.base.self, u, esc),
        formatValue(f.head.self, u, esc),
        signed(f.delta.cum),
        f.status
    ];
}
function statsLine(g) {
    const st = g.stats;
    if (!st)
        return '';
    const parts = [];
    if (st.samples.base !== null && st.samples.head !== null)
        parts.push(`${st.samples.base} and ${st.samples.head} samples (base, head)`);
    if (st.withinNoise > 0)
        parts.push(`${st.withinNoise} more change(s) within sampling noise, not shown`);
    if (st.fewSamples)
        parts.push('few samples: only the first row is reliable');
    return parts.join('; ');
}
/** The tables for a terminal; every name through showInvisible. */
function diffText(r) {
    const out = [];
    for (const g of r.graphs) {
        out.push(showInvisible(`${g.title} — ${g.measure} — ${g.subtitle}`));
        out.push(g.culprits.length === 0
            ? 'No function changed beyond sampling noise.'
            : textTable(['Δ self', 'base self', 'head self', 'Δ cum', 'status', 'function'], g.culprits.map(f => [...cells(g, f, showInvisible), showInvisible(f.name)])));
        const st = statsLine(g);
        if (st)
            out.push(st);
        out.push('');
    }
    if (r.graphs.length === 0)
        out.push('No graph: no benchmark has profiles on both sides.', '');
    for (const n of r.notes)
        out.push(`note: ${showInvisible(n)}`);
    return out.join('\n') + (r.notes.length > 0 ? '\n' : '');
}
/** The tables as Markdown, as the comment shows them; names as code, the rest escaped. */
function diffMarkdown(r) {
    const out = [];
    for (const g of r.graphs) {
        out.push(`**${escapeText(g.title, 600)}** — ${escapeText(g.measure, 100)} — ${escapeText(g.subtitle, 300)}`);
        out.push(g.culprits.length === 0
            ? 'No function changed beyond sampling noise.'
            : markdownTable([
                ['function', 'status', 'Δ self', 'base self', 'head self', 'Δ cum'],
                ...g.culprits.map(f => {
                    const [ds, bs, hs, dc, status] = cells(g, f, u => escapeText(u, 100));
                    return [codeCell(f.name), status, ds, bs, hs, dc];
                })
            ], { alignDelimiters: false }));
        const st = statsLine(g);
        if (st)
            out.push(escapeText(st, 500));
    }
    for (const n of r.notes)
        out.push(`> [!NOTE]\n> ${escapeText(n, 1000)}`);
    return out.join('\n\n') + '\n';
}

;// CONCATENATED MODULE: ./src/report/flame-client.ts
/**
 * The flame graph page's script, inlined into the HTML (report/flame.ts):
 * plain browser JavaScript with no dependency. It reads the graphs from
 * the page's JSON, draws each frame as an absolutely placed element (only
 * frames at least half a pixel wide, so a 30,000-frame graph draws fast),
 * and handles hover, zoom, search, the benchmark picker and the base/head
 * width toggle. Every name reaches the page through textContent, never
 * as HTML.
 */
const FLAME_CLIENT = String.raw `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flame-data').textContent);
  var ROW = 18;
  var $ = function (id) { return document.getElementById(id); };
  var graphEl = $('graph'), tip = $('tip'), picker = $('picker'), search = $('search');
  var state = { g: null, mode: 'head', zoom: 0, query: '' };

  function num(x) { return Number(x.toPrecision(6)); }
  function human(x, unit) {
    if (x === 0) return '0 ' + unit;
    var a = Math.abs(x), s = x < 0 ? '-' : '';
    if (unit === 'ns' || unit === 'nanoseconds') {
      if (a >= 1e9) return s + (a / 1e9).toPrecision(4) + ' s';
      if (a >= 1e6) return s + (a / 1e6).toPrecision(4) + ' ms';
      if (a >= 1e3) return s + (a / 1e3).toPrecision(4) + ' µs';
      return s + a.toPrecision(4) + ' ns';
    }
    if (unit === 'B' || unit === 'bytes') {
      if (a >= 1 << 30) return s + (a / (1 << 30)).toPrecision(4) + ' GiB';
      if (a >= 1 << 20) return s + (a / (1 << 20)).toPrecision(4) + ' MiB';
      if (a >= 1 << 10) return s + (a / (1 << 10)).toPrecision(4) + ' KiB';
      return s + a.toPrecision(4) + ' B';
    }
    return s + a.toPrecision(4) + ' ' + unit;
  }
  function signed(x, unit) { return (x > 0 ? '+' : x === 0 ? '±' : '') + human(x, unit); }

  // Rebuild the tree: nodes in preorder, parent indices.
  function load(g) {
    var n = g.parent.length, kids = [];
    for (var i = 0; i < n; i++) kids.push([]);
    for (var j = 1; j < n; j++) kids[g.parent[j]].push(j);
    var maxD = 0;
    for (var k = 0; k < n; k++) maxD = Math.max(maxD, Math.abs(g.headOwn[k] - g.baseOwn[k]));
    g.kids = kids; g.maxDelta = maxD || 1; g.n = n;
    g.lw = {};
    return g;
  }
  // Layout width: the mode's value, or the other side's for a frame only
  // there (drawn hatched), and never less than its children's.
  function widths(g, mode) {
    if (g.lw[mode]) return g.lw[mode];
    var own = mode === 'head' ? g.head : g.base, other = mode === 'head' ? g.base : g.head;
    var w = new Float64Array(g.n);
    for (var i = g.n - 1; i >= 0; i--) {
      var v = own[i] > 0 ? own[i] : other[i], sum = 0, ks = g.kids[i];
      for (var k = 0; k < ks.length; k++) sum += w[ks[k]];
      w[i] = Math.max(v, sum);
    }
    g.lw[mode] = w;
    return w;
  }
  function colour(g, i) {
    var d = g.headOwn[i] - g.baseOwn[i], t = Math.abs(d) / g.maxDelta;
    if (t < 0.01) return '';
    var a = (0.18 + 0.82 * Math.sqrt(t)).toFixed(3);
    return d > 0 ? 'rgba(220,38,38,' + a + ')' : 'rgba(37,99,235,' + a + ')';
  }
  function matches(g, i) {
    return state.query !== '' && g.names[g.name[i]].toLowerCase().indexOf(state.query) >= 0;
  }
  function frame(g, i, x, y, w) {
    var el = document.createElement('div');
    var only = state.mode === 'head' ? g.head[i] === 0 : g.base[i] === 0;
    el.className = 'f' + (only ? ' only' : '') + (matches(g, i) ? ' match' : '');
    el.style.left = x + 'px';
    el.style.top = y * ROW + 'px';
    el.style.width = Math.max(w - 1, 0.5) + 'px';
    var c = colour(g, i);
    if (c) el.style.backgroundColor = c;
    el.dataset.i = String(i);
    el.textContent = w > 24 ? g.names[g.name[i]] : '';
    graphEl.appendChild(el);
  }
  function render() {
    var g = state.g, w = widths(g, state.mode), W = graphEl.clientWidth || 1000;
    graphEl.textContent = '';
    // The zoomed frame's ancestors, full width above it.
    var chain = [], p = state.zoom;
    while (p > 0) { p = g.parent[p]; chain.unshift(p); }
    chain.forEach(function (a, d) { frame(g, a, 0, d, W); });
    var depth = chain.length, maxDepth = depth, drawn = 0;
    var scale = W / (w[state.zoom] || 1);
    var stack = [[state.zoom, 0, depth]];
    while (stack.length) {
      var top = stack.pop(), i = top[0], x = top[1], d = top[2], px = w[i] * scale;
      if (px < 0.5) continue;
      frame(g, i, x, d, px); drawn++;
      if (d > maxDepth) maxDepth = d;
      var ks = g.kids[i], cx = x;
      for (var k = 0; k < ks.length; k++) { stack.push([ks[k], cx, d + 1]); cx += w[ks[k]] * scale; }
    }
    graphEl.style.height = (maxDepth + 1) * ROW + 'px';
    var count = 0;
    if (state.query !== '') for (var q = 0; q < g.n; q++) if (matches(g, q)) count++;
    $('found').textContent = state.query === '' ? '' : count + (count === 1 ? ' frame matches' : ' frames match');
    $('drawn').textContent = drawn + ' of ' + g.n + ' frames drawn' +
      (g.merged > 0 ? '; ' + g.merged + ' small frames merged into “…” frames' : '');
    $('mode').textContent = 'width: ' + state.mode + ' (switch to ' + (state.mode === 'head' ? 'base' : 'head') + ')';
  }
  function table(g) {
    var body = $('culprits-body');
    body.textContent = '';
    $('culprits-title').textContent = g.culprits.length === 0
      ? 'No function changed beyond sampling noise.'
      : 'Ranked by the change of each function\u2019s own cost (self), as in the comment';
    g.culprits.forEach(function (f) {
      var tr = document.createElement('tr');
      [f.name, f.status, signed(f.delta.self, g.unit), human(f.base.self, g.unit), human(f.head.self, g.unit), signed(f.delta.cum, g.unit)]
        .forEach(function (t, k) {
          var td = document.createElement('td');
          td.textContent = t;
          if (k === 0) td.className = 'name';
          tr.appendChild(td);
        });
      body.appendChild(tr);
    });
  }
  function show(index) {
    state.g = data.graphs[index].kids ? data.graphs[index] : load(data.graphs[index]);
    state.zoom = 0;
    $('title').textContent = state.g.title;
    $('subtitle').textContent = state.g.measure + ' — ' + state.g.subtitle;
    table(state.g);
    render();
  }
  function tipFor(i) {
    var g = state.g, u = g.unit, lines = [
      g.names[g.name[i]],
      'cum   base ' + human(g.base[i], u) + ' (' + num(g.base[i]) + ')   head ' + human(g.head[i], u) + ' (' + num(g.head[i]) + ')   Δ ' + signed(g.head[i] - g.base[i], u),
      'flat  base ' + human(g.baseSelf[i], u) + ' (' + num(g.baseSelf[i]) + ')   head ' + human(g.headSelf[i], u) + ' (' + num(g.headSelf[i]) + ')   Δ ' + signed(g.headSelf[i] - g.baseSelf[i], u),
      'self  base ' + human(g.baseOwn[i], u) + '   head ' + human(g.headOwn[i], u) + '   Δ ' + signed(g.headOwn[i] - g.baseOwn[i], u) + '   (flat and the runtime work it calls: the colour)'
    ];
    if (g.head[i] === 0) lines.push('only in base');
    if (g.base[i] === 0) lines.push('only in head');
    return lines.join('\n');
  }
  graphEl.addEventListener('mousemove', function (e) {
    var t = e.target;
    if (!t.dataset || t.dataset.i === undefined) { tip.hidden = true; return; }
    tip.textContent = tipFor(Number(t.dataset.i));
    tip.hidden = false;
    tip.style.left = Math.min(e.pageX + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = e.pageY + 14 + 'px';
  });
  graphEl.addEventListener('mouseleave', function () { tip.hidden = true; });
  graphEl.addEventListener('click', function (e) {
    var t = e.target;
    if (!t.dataset || t.dataset.i === undefined) return;
    state.zoom = Number(t.dataset.i);
    render();
  });
  $('reset').addEventListener('click', function () { state.zoom = 0; render(); });
  $('mode').addEventListener('click', function () {
    state.mode = state.mode === 'head' ? 'base' : 'head';
    render();
  });
  search.addEventListener('input', function () { state.query = search.value.toLowerCase(); render(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { state.zoom = 0; render(); } });
  data.graphs.forEach(function (g, i) {
    var o = document.createElement('option');
    o.value = String(i);
    o.textContent = g.title + ' — ' + g.measure + ' — ' + g.subtitle;
    picker.appendChild(o);
  });
  picker.addEventListener('change', function () { show(Number(picker.value)); });
  window.addEventListener('resize', function () { if (state.g) render(); });
  var notes = $('notes');
  data.notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = n; notes.appendChild(li); });
  if (data.graphs.length === 0) { $('title').textContent = 'No graph: no benchmark has profiles on both sides.'; return; }
  show(0);
  window.benchgateFlame = { show: show, render: render, state: state };
})();
`;

;// CONCATENATED MODULE: ./src/report/flame.ts

const flame_round = (x) => Number(x.toPrecision(7));
function flatten(root) {
    const names = [];
    const ids = new Map();
    const out = {
        names,
        name: [],
        parent: [],
        base: [],
        head: [],
        baseSelf: [],
        baseOwn: [],
        headOwn: [],
        headSelf: []
    };
    const stack = [[root, -1]];
    while (stack.length > 0) {
        const [n, parent] = stack.pop();
        let id = ids.get(n.name);
        if (id === undefined)
            ids.set(n.name, (id = names.push(n.name) - 1));
        const me = out.name.push(id) - 1;
        out.parent.push(parent);
        out.base.push(flame_round(n.base));
        out.head.push(flame_round(n.head));
        out.baseSelf.push(flame_round(n.baseSelf));
        out.headSelf.push(flame_round(n.headSelf));
        out.baseOwn.push(flame_round(n.baseOwn));
        out.headOwn.push(flame_round(n.headOwn));
        // Reversed, so children come out of the stack in their order.
        for (let k = n.children.length - 1; k >= 0; k--)
            stack.push([n.children[k], me]);
    }
    return out;
}
/** JSON that is safe inside a `<script>` element: no `<`, so no `</script>` or `<!--`. */
function scriptJson(value) {
    return JSON.stringify(value)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
}
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #59636e; --frame: #e6e8eb; --line: #d1d9e0; --match: #bf8700; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --frame: #2a3038; --line: #3d444d; --match: #e3b341; } }
body { margin: 0; padding: 16px; background: var(--bg); color: var(--fg); font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
h1 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
#subtitle, #drawn, #found, .legend { color: var(--muted); }
.bar { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
select, input, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; }
select { max-width: 100%; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 16px; align-items: start; }
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
#graph { position: relative; width: 100%; overflow: hidden; }
.f { position: absolute; height: 17px; box-sizing: border-box; padding: 0 3px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: 11px/17px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--frame); color: var(--fg); border-radius: 2px; cursor: pointer; }
.f:hover { outline: 1px solid var(--fg); }
.f.only { background-image: repeating-linear-gradient(45deg, transparent 0 4px, rgba(127,127,127,.35) 4px 6px); }
.f.match { outline: 2px solid var(--match); }
#tip { position: absolute; z-index: 10; max-width: 640px; white-space: pre-wrap; word-break: break-all; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; box-shadow: 0 4px 12px rgba(0,0,0,.2); pointer-events: none; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: right; }
td:not(.name) { white-space: nowrap; }
th:first-child, td.name { text-align: left; word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; }
`;
/** The whole page. */
function flameHtml(report) {
    const graphs = report.graphs.map(g => ({
        title: g.title,
        subtitle: g.subtitle,
        measure: g.measure,
        unit: g.unit,
        merged: g.merged,
        ...flatten(g.root),
        culprits: g.culprits
    }));
    const data = scriptJson({ graphs, notes: report.notes });
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>benchgate: differential flame graph</title>
<style>${STYLE}</style>
</head>
<body>
<h1 id="title">benchgate: differential flame graph</h1>
<div id="subtitle"></div>
<div class="legend">${esc(report.base)} → ${esc(report.head)} · width: per-op cost · colour: change of the frame's own cost (self, as ranked), <span class="swatch" style="background:rgba(220,38,38,.85)"></span> slower, <span class="swatch" style="background:rgba(37,99,235,.85)"></span> faster; hatched: only on the other side</div>
<div class="bar">
<select id="picker" aria-label="benchmark and measure"></select>
<input id="search" type="search" placeholder="Search frames" aria-label="search frames">
<span id="found"></span>
<button id="mode" type="button"></button>
<button id="reset" type="button">Reset zoom</button>
</div>
<div class="layout">
<div><div id="graph"></div><div id="drawn"></div><ul id="notes"></ul></div>
<div><div id="culprits-title"></div>
<table id="culprits"><thead><tr><th>function</th><th>status</th><th>Δ self</th><th>base self</th><th>head self</th><th>Δ cum</th></tr></thead><tbody id="culprits-body"></tbody></table></div>
</div>
<div id="tip" hidden></div>
<script type="application/json" id="flame-data">${data}</script>
<script>${FLAME_CLIENT}</script>
</body>
</html>
`;
}

;// CONCATENATED MODULE: ./src/cli/commands/flame.ts
/**
 * `benchgate flame` (a self-contained differential flame graph) and its
 * terminal twin `benchgate diff` (the ranked culprit table), for two
 * bundles or two pprof profiles.
 */










const SHARED = {
    benchmark: { type: 'string' },
    measure: { type: 'string' },
    'sample-index': { type: 'string' },
    normalize: { type: 'boolean' },
    'max-functions': { type: 'string' },
    'max-profile-bytes': { type: 'string' }
};
function flameOptions(values, positionals, what) {
    if (positionals.length !== 2)
        throw new UsageError(`${what} takes two inputs: the base and the head (bundle directories, or pprof profiles)`);
    const opts = { compare: compareOptions(values) };
    const re = options_str(values, 'benchmark');
    if (re !== undefined) {
        try {
            opts.benchmark = new RegExp(re);
        }
        catch (err) {
            throw new UsageError(`--benchmark ${JSON.stringify(re)} is not a regular expression (${err.message})`);
        }
    }
    const measure = options_str(values, 'measure');
    if (measure !== undefined) {
        if (!Object.hasOwn(MEASURES, measure) && !Object.hasOwn(CONTENTION_MEASURES, measure))
            throw new UsageError(`--measure must be one of ${[...Object.keys(MEASURES), ...Object.keys(CONTENTION_MEASURES)].join(', ')}, not ${JSON.stringify(measure)}`);
        opts.measure = measure;
    }
    const sampleIndex = options_str(values, 'sample-index');
    if (sampleIndex !== undefined)
        opts.sampleIndex = sampleIndex;
    if (values.normalize === true)
        opts.normalize = true;
    const maxBytes = parseSize(options_str(values, 'max-profile-bytes'), '--max-profile-bytes');
    if (maxBytes !== undefined)
        opts.maxProfileBytes = maxBytes;
    return opts;
}
/** The `flame` command. */
const flameCommand = {
    usage: 'benchgate flame <base> <head> [-o FILE] [--benchmark RE] [--measure cpu|alloc_space|alloc_objects|mutex_delay|…] [--sample-index NAME] [--normalize]',
    options: { ...SHARED, output: { type: 'string', short: 'o' } },
    async run(values, positionals) {
        const opts = flameOptions(values, positionals, 'flame');
        const report = await flameReport(positionals[0], positionals[1], opts);
        const out = (0,external_node_path_namespaceObject.resolve)(options_str(values, 'output') ?? 'benchgate-flame.html');
        // Written whole, then moved into place: a failure leaves no half a file.
        const tmp = `${out}.${process.pid}.tmp`;
        await (0,promises_namespaceObject.writeFile)(tmp, flameHtml(report));
        await (0,promises_namespaceObject.rename)(tmp, out);
        const frames = report.graphs.reduce((n, g) => n + frameCount(g.root), 0);
        console.error(forTerminal(`benchgate flame: wrote ${out}: ${report.graphs.length} graph(s), ${frames} frames. Open it in any browser; it needs no network.`));
        return 0;
    }
};
/** The `diff` command. */
const diffCommand = {
    usage: 'benchgate diff <base> <head> [--format text|markdown|json] [--benchmark RE] [--measure M] [--sample-index NAME] [--normalize]',
    options: { ...SHARED, format: { type: 'string' } },
    async run(values, positionals) {
        const format = options_str(values, 'format') ?? 'text';
        if (!['text', 'markdown', 'json'].includes(format))
            throw new UsageError(`--format must be text, markdown or json, not ${JSON.stringify(format)}`);
        const opts = flameOptions(values, positionals, 'diff');
        const report = await flameReport(positionals[0], positionals[1], { ...opts, tablesOnly: true });
        if (format === 'json')
            await write(JSON.stringify({
                base: report.base,
                head: report.head,
                notes: report.notes,
                graphs: report.graphs.map(g => ({
                    title: g.title,
                    subtitle: g.subtitle,
                    measure: g.measure,
                    unit: g.unit,
                    functions: g.culprits,
                    ...(g.stats ? { stats: g.stats } : {})
                }))
            }, null, 1) + '\n');
        else
            await write(format === 'markdown' ? diffMarkdown(report) : diffText(report));
        return 0;
    }
};

;// CONCATENATED MODULE: ./src/cli/commands/merge.ts
/**
 * `benchgate merge`: one comparison from the comparisons of a sharded run
 * (docs/sharding.md), as the Action's merge job makes it, to run locally or in
 * another CI.
 */




/** The `merge` command. */
const mergeCommand = {
    usage: 'benchgate merge <comparison.json>... [--format markdown|json|text] [--output FILE] [--key K]',
    options: {
        format: { type: 'string' },
        output: { type: 'string' },
        key: { type: 'string' }
    },
    async run(values, positionals) {
        if (positionals.length === 0)
            throw new UsageError('merge takes the comparison of each shard: the files `benchgate compare --format json` writes');
        // A shard is named by its file; two files of one name are told apart by their paths.
        const names = positionals.map(p => (0,external_node_path_namespaceObject.basename)(p));
        const inputs = await Promise.all(positionals.map((p, i) => readMergeInput(p, names.filter(n => n === names[i]).length > 1 ? p : names[i])));
        const comparison = mergeComparisons(inputs);
        const comment = renderMarkdown(comparison, { key: options_str(values, 'key') ?? 'default' });
        const status = await emitComparison(values, { comparison, comment });
        // Shards compared without confirmation leave their suspects unchecked, as compare says.
        return comparison.confirmation ? status : unconfirmedStatus(comparison, status);
    }
};

;// CONCATENATED MODULE: ./src/ab/since.ts
/**
 * What a run need not measure (docs/design.md D16): the packages whose
 * test binary and package files are identical at another revision (`run
 * --since REF`; on a pull request, the A/B base). That revision's test
 * binaries are built in a worktree with the same flags, compared with the
 * run's (ab/identical.ts), and thrown away.
 */











/**
 * The import paths, among the run's built packages, whose test binary and
 * package files are identical at `s.ref`. A package missing there, or
 * that does not build there, differs. The worktree is always removed.
 */
async function identicalSince(go, git, s, built, onEvent = () => { }) {
    const start = (0,external_node_path_namespaceObject.resolve)(s.dir);
    const repoRoot = await gitOrThrow(git, start, ['rev-parse', '--show-toplevel'], m => new AbError(`${s.what} needs a git repository: ${m}`));
    const scratch = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'benchgate-since-'));
    const worktrees = new Worktrees(git, repoRoot, scratch);
    try {
        const root = await worktrees.add('since', s.ref, s.what);
        onEvent({ type: 'since-worktree', ref: s.ref });
        const env = { ...process.env, GOWORK: await worktreeWorkspace(go, start, repoRoot, root) };
        const there = (pkg) => (0,external_node_path_namespaceObject.join)(root, (0,external_node_path_namespaceObject.relative)(repoRoot, pkg.dir));
        const pairs = built.filter(b => (0,external_node_fs_namespaceObject.existsSync)(there(b.pkg)));
        let done = 0;
        const other = await buildTestBinaries(withEnv(go, env), pairs.map(b => ({ ...b.pkg, dir: there(b.pkg) })), {
            binaryDir: scratch,
            buildFlags: splitTestFlags(s.extraFlags).build,
            env,
            nameOf: pkg => `since-${packageStem(pkg.importPath)}.test`
        }, e => {
            if (e.type === 'built')
                onEvent({ type: 'since-built', done: ++done, total: pairs.length, pkg: e.pkg.importPath });
        });
        const same = new Set();
        for (const [i, b] of pairs.entries()) {
            const o = other[i];
            if (!('binary' in o))
                continue;
            const dirs = { base: there(b.pkg), head: b.pkg.dir };
            if (await cannotDiffer({ base: o.binary, head: b.binary }, dirs)) {
                same.add(b.pkg.importPath);
                onEvent({ type: 'identical', pkg: b.pkg.importPath });
            }
        }
        return same;
    }
    finally {
        await worktrees.removeAll();
        await (0,promises_namespaceObject.rm)(scratch, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/run.ts
/** `benchgate run`: measure the benchmarks into a result bundle. */







/** The `run` command. */
const runCommand = {
    usage: 'benchgate run [--dir D] [--since REF] [--packages P...] [--bench RE] [--count N] [--benchtime T] [--timeout T] [--out DIR] [--top K] [--max-profile-bytes N] [--shard i/n [--shard-weights BASELINE]] [--iterations-from BASELINE] [-- extra go test flags]',
    options: {
        ...RUN_OPTIONS,
        timeout: { type: 'string' },
        top: { type: 'string' },
        'max-profile-bytes': { type: 'string' },
        ...SHARD_OPTIONS,
        'iterations-from': { type: 'string' },
        since: { type: 'string' }
    },
    passthrough: true,
    async run(values, positionals, rest) {
        if (positionals.length > 0) {
            throw new UsageError(`unexpected argument "${positionals[0]}"; pass go test flags after --`);
        }
        const settings = {
            ...runSettingsFrom(values, { extraFlags: rest, out: 'benchgate-results' }),
            ...shardFlags(values),
            ...(options_str(values, 'iterations-from') !== undefined
                ? { iterationsFrom: options_str(values, 'iterations-from') }
                : {})
        };
        const { go, git } = localEngine(settings.timeout);
        const started = Date.now();
        const since = options_str(values, 'since');
        if (since === '')
            throw new UsageError('--since needs a revision: a branch, tag or SHA');
        const outcome = await runToBundle(go, git, {
            ...settings,
            // Only what can differ from REF is measured (docs/design.md D16).
            ...(since !== undefined
                ? {
                    unchanged: {
                        ref: since,
                        filter: built => identicalSince(go, git, {
                            dir: settings.dir,
                            ref: since,
                            extraFlags: settings.extraFlags,
                            what: '--since'
                        }, built, sinceProgress(started))
                    }
                }
                : {})
        }, runProgress(started));
        await write(formatRunSummary(outcome.bundle));
        console.error(`bundle: ${outcome.bundleDir}`);
        for (const f of outcome.failed)
            console.error(`\nbenchgate: ${forTerminal(f.error ?? '')}`);
        return outcome.failed.length > 0 ? 1 : 0;
    }
};

;// CONCATENATED MODULE: ./src/cli/commands/top.ts
/** `benchgate top`: flat and cum of one profile, exactly as `go tool pprof -top` prints them. */


/** The `top` command. */
const topCommand = {
    usage: 'benchgate top <profile> [--sample-index NAME] [--json] [--max-profile-bytes N]',
    options: {
        'sample-index': { type: 'string' },
        json: { type: 'boolean' },
        'max-profile-bytes': { type: 'string' }
    },
    async run(values, positionals) {
        if (positionals.length !== 1)
            throw new UsageError('top takes exactly one profile file');
        const file = positionals[0];
        const maxBytes = parseSize(options_str(values, 'max-profile-bytes'), '--max-profile-bytes');
        const profile = await readProfile(file, { maxBytes });
        const table = aggregate(profile, { sampleType: options_str(values, 'sample-index'), source: file });
        const out = values.json
            ? JSON.stringify({
                sampleType: table.sampleType,
                unit: table.unit,
                total: table.total,
                functions: table.functions
            }) + '\n'
            : formatTop(table, file);
        await write(out);
        return 0;
    }
};

;// CONCATENATED MODULE: ./src/stats/edivisive.ts
/**
 * Change points in a series (issue 31), as Apache Otava (formerly Hunter)
 * finds them (Fleming et al., ICPE 2023): E-Divisive means (Matteson and
 * James, 2014; α = 1) splits the series where the energy distance between
 * the two sides is largest, each split kept while a two-sided Student's t
 * test of the points between its neighbouring change points says the
 * means differ; it runs in overlapping windows, at a tenth of the wanted
 * p first, then the weakest change points are removed one by one
 * (recomputing their neighbours) until each has p ≤ maxP and a
 * magnitude ≥ minMagnitude.
 *
 * One deliberate difference: the t test uses the corrected (n − 1)
 * standard deviation, where Otava passes numpy's default (n) to scipy.
 */

/** Defaults, as Otava's compute_change_points. */
const CHANGE_POINT_DEFAULTS = { window: 50, maxP: 0.001, minMagnitude: 0 };
const mean = (xs, a, b) => {
    let s = 0;
    for (let i = a; i < b; i++)
        s += xs[i];
    return s / (b - a);
};
/** Student's two-sample t test (pooled variance) of xs[a, i) against xs[i, b); p 1 with under 3 points. */
function segmentTest(xs, a, i, b) {
    const nl = i - a;
    const nr = b - i;
    const before = mean(xs, a, i);
    const after = mean(xs, i, b);
    const magnitude = before === 0 || after === 0
        ? before === after
            ? 0
            : Infinity
        : Math.max(Math.abs(after / before - 1), Math.abs(before / after - 1));
    const df = nl + nr - 2;
    if (nl < 1 || nr < 1 || df < 1)
        return { before, after, p: 1, magnitude };
    let ss = 0;
    for (let k = a; k < i; k++)
        ss += (xs[k] - before) ** 2;
    for (let k = i; k < b; k++)
        ss += (xs[k] - after) ** 2;
    const se = Math.sqrt((ss / df) * (1 / nl + 1 / nr));
    const p = se === 0 ? (before === after ? 1 : 0) : tTwoSided((after - before) / se, df);
    return { before, after, p, magnitude };
}
/**
 * The split of xs[a, b) with the largest q̂ (Matteson and James's
 * divergence, α = 1), in O(m²): the pairwise distances once, then the
 * three sums moved one point at a time. Undefined under 2 points.
 */
function bestSplit(xs, a, b) {
    const m = b - a;
    if (m < 2)
        return undefined;
    const rowBefore = new Float64Array(m);
    const rowAfter = new Float64Array(m);
    let total = 0;
    for (let i = 0; i < m; i++)
        for (let j = i + 1; j < m; j++) {
            const d = Math.abs(xs[a + i] - xs[a + j]);
            rowAfter[i] += d;
            rowBefore[j] += d;
            total += d;
        }
    let cross = 0;
    let left = 0;
    let right = total;
    let best;
    for (let t = 1; t < m; t++) {
        // Point t − 1 moves from the right side to the left.
        const k = t - 1;
        cross += rowAfter[k] - rowBefore[k];
        left += rowBefore[k];
        right -= rowAfter[k];
        const nl = t;
        const nr = m - t;
        const within = (sum, n) => (n < 2 ? 0 : (2 * sum) / (n * (n - 1)));
        const e = (2 * cross) / (nl * nr) - within(left, nl) - within(right, nr);
        const q = ((nl * nr) / m) * e;
        if (!best || q > best.q)
            best = { index: a + t, q };
    }
    return best;
}
/**
 * E-Divisive on xs[a, b): split at the best q̂ of any segment while the
 * t test of that split (between its neighbouring change points) has
 * p ≤ maxP. Returns the change points' indexes, sorted.
 */
function eDivisive(xs, a, b, maxP) {
    const found = [];
    for (;;) {
        const bounds = [a, ...found, b];
        let best;
        for (let s = 0; s + 1 < bounds.length; s++) {
            const c = bestSplit(xs, bounds[s], bounds[s + 1]);
            if (c && (!best || c.q > best.q))
                best = c;
        }
        if (!best)
            return found;
        const lo = [...bounds].reverse().find(x => x < best.index);
        const hi = bounds.find(x => x > best.index);
        if (segmentTest(xs, lo, best.index, hi).p > maxP)
            return found;
        found.push(best.index);
        found.sort((x, y) => x - y);
    }
}
/** Each index's test between its neighbours among `indexes` (sorted) and the ends. */
function tested(xs, indexes) {
    const ends = [0, ...indexes, xs.length];
    return indexes.map((index, k) => ({ index, ...segmentTest(xs, ends[k], index, ends[k + 2]) }));
}
/**
 * The change points of a series, as Otava's compute_change_points: weak
 * ones from E-Divisive in overlapping windows (half a window apart) at a
 * looser p, then the weakest removed until all pass maxP and minMagnitude.
 */
function changePoints(xs, o = {}) {
    const { window, maxP, minMagnitude } = { ...CHANGE_POINT_DEFAULTS, ...o };
    const w = Math.max(2, Math.floor(window));
    const firstP = maxP < 0.05 ? maxP * 10 : maxP < 0.5 ? maxP * 2 : maxP;
    const step = Math.max(1, Math.floor(w / 2));
    const indexes = new Set();
    for (let start = 0; start < xs.length;) {
        const end = Math.min(start + w, xs.length);
        const found = eDivisive(xs, start, end, firstP);
        for (const i of found)
            indexes.add(i);
        start = Math.max(found.length > 0 ? found[found.length - 1] : 0, start + step);
    }
    return merge(xs, [...indexes].sort((x, y) => x - y), maxP, minMagnitude);
}
/** Otava's merge: drop the weakest change point (worst p, else smallest magnitude) until all pass. */
function merge(xs, start, maxP, minMagnitude) {
    let cps = tested(xs, start);
    while (cps.length > 0) {
        let weakest = cps.reduce((w, c) => (c.p > w.p ? c : w));
        if (weakest.p < maxP) {
            weakest = cps.reduce((w, c) => (c.magnitude < w.magnitude ? c : w));
            if (weakest.magnitude > minMagnitude)
                return cps;
        }
        cps = tested(xs, cps.filter(c => c !== weakest).map(c => c.index));
    }
    return cps;
}

;// CONCATENATED MODULE: ./src/history/change-points.ts


/** Functions named per change point. */
const STEP_FUNCTIONS = 5;
/** The measure whose function costs explain a unit. */
function measureOf(unit) {
    if (model_isTimeUnit(unit))
        return 'cpu';
    if (unit === 'B/op')
        return 'alloc_space';
    if (unit === 'allocs/op')
        return 'alloc_objects';
    return undefined;
}
const runnerOf = (r) => `${r.runner.cpu || 'unknown CPU'}, ${r.runner.goVersion || 'unknown Go'}`;
/** Every change point of every benchmark and unit, in history order, then by benchmark. */
function historyChangePoints(h, o = {}) {
    // Each series: the records (by index) that measured it, and their medians.
    const series = new Map();
    h.records.forEach((r, i) => {
        for (const b of r.benchmarks)
            for (const [unit, s] of Object.entries(b.units)) {
                const key = `${b.package}\u0000${b.name}\u0000${unit}`;
                let e = series.get(key);
                if (!e)
                    series.set(key, (e = { pkg: b.package, name: b.name, unit, at: [], xs: [] }));
                e.at.push(i);
                e.xs.push(s.median);
            }
    });
    const out = [];
    for (const e of series.values()) {
        const cps = changePoints(e.xs, o);
        const ends = [0, ...cps.map(c => c.index), e.xs.length];
        cps.forEach((c, k) => {
            const rec = h.records[e.at[c.index]];
            const prev = h.records[e.at[c.index - 1]];
            const gap = e.at[c.index] - e.at[c.index - 1] > 1 ||
                (rec.parent !== undefined && rec.parent !== prev.commit);
            const envChanged = runnerOf(rec) !== runnerOf(prev);
            const delta = c.before === 0 ? 0 : c.after / c.before - 1;
            const worse = betterDirection(e.unit) === 'lower' ? delta > 0 : delta < 0;
            out.push({
                order: e.at[c.index],
                cp: {
                    package: e.pkg,
                    benchmark: e.name,
                    unit: e.unit,
                    commit: rec.commit,
                    ...(gap && prev.commit ? { range: `${prev.commit}..${rec.commit}` } : {}),
                    time: rec.time,
                    delta,
                    p: c.p,
                    before: c.before,
                    after: c.after,
                    kind: envChanged ? 'environment' : worse ? 'regression' : 'improvement',
                    ...(envChanged ? { environment: { from: runnerOf(prev), to: runnerOf(rec) } } : {}),
                    functions: functionSteps(h, e.pkg, e.name, measureOf(e.unit), e.at.slice(ends[k], c.index), e.at.slice(c.index, ends[k + 2]), c.before)
                }
            });
        });
    }
    return out
        .sort((a, b) => a.order - b.order ||
        (a.cp.package + a.cp.benchmark < b.cp.package + b.cp.benchmark ? -1 : 1))
        .map(x => x.cp);
}
/**
 * The functions whose mean own cost per op moved most between the records
 * before and after a change point (records without function costs for
 * the benchmark are left out; a function absent from a record's list,
 * which keeps the leading ones, counts as 0 there).
 */
function functionSteps(h, pkg, name, measure, before, after, base) {
    if (!measure)
        return [];
    const lists = (at) => at.flatMap(i => {
        const b = h.records[i].benchmarks.find(x => x.package === pkg && x.name === name);
        const list = b?.functions?.[measure];
        return list && list.length > 0 ? [list] : [];
    });
    const [lb, la] = [lists(before), lists(after)];
    if (lb.length === 0 || la.length === 0)
        return [];
    const names = new Set([...lb, ...la].flatMap(l => l.map(f => f[0])));
    const meanOf = (ls, fn) => ls.reduce((s, l) => {
        const hit = l.find(f => f[0] === fn);
        return s + (hit ? hit[1] : 0);
    }, 0) / ls.length;
    const steps = [...names].map(fn => {
        const perOp = meanOf(la, fn) - meanOf(lb, fn);
        return { name: fn, perOp, delta: base === 0 ? 0 : perOp / base };
    });
    return steps
        .filter(s => s.perOp !== 0)
        .sort((x, y) => Math.abs(y.perOp) - Math.abs(x.perOp))
        .slice(0, STEP_FUNCTIONS);
}
/** Baselines of main a pull request's trend shows. */
const TREND_WINDOW = 20;
/**
 * Main's recent medians of each benchmark's time unit, oldest first, at
 * most `window`, keyed by package and name (compare/model benchmarkKey).
 */
function mainTrends(h, window = TREND_WINDOW) {
    const out = new Map();
    for (const r of h.records.slice(-window))
        for (const b of r.benchmarks) {
            const unit = Object.keys(b.units).find(isTimeUnit);
            if (!unit)
                continue;
            const key = `${b.package}\u0000${b.name}`;
            out.set(key, [...(out.get(key) ?? []), b.units[unit].median]);
        }
    return out;
}

;// CONCATENATED MODULE: ./src/history/index.ts



/** The format's name and version, in every history file. */
const HISTORY_FORMAT = 'benchgate-history';
/** The version of the history format. */
const HISTORY_VERSION = 1;
/** The history's file in a baseline bundle. */
const HISTORY_FILE = 'history.json';
/** The largest history file read. */
const MAX_HISTORY_BYTES = 256 * 1024 * 1024;
/** Functions kept per benchmark and measure in a record. */
const HISTORY_FUNCTIONS = 10;
/** A history file or record that cannot be used, with where and why. */
class HistoryError extends Error {
    name = 'HistoryError';
}
const history_MEASURES = ['cpu', 'alloc_space', 'alloc_objects'];
/** The record of a bundle: its summaries and leading functions. */
function recordOf(bundle, parent) {
    const env = bundle.environment;
    const s = env.settings ?? {};
    return {
        commit: env.commit,
        ...(parent ? { parent } : {}),
        time: env.createdAt,
        runner: {
            cpu: env.cpu,
            goVersion: env.goVersion,
            ...(typeof s.count === 'number' ? { count: s.count } : {}),
            ...(typeof s.benchtime === 'string' ? { benchtime: s.benchtime } : {})
        },
        benchmarks: bundle.benchmarks.map(b => {
            const units = {};
            for (const [unit, values] of Object.entries(b.samples)) {
                if (values.length === 0)
                    continue;
                units[unit] = {
                    n: values.length,
                    median: median(values),
                    min: Math.min(...values),
                    max: Math.max(...values)
                };
            }
            const functions = {};
            for (const m of history_MEASURES) {
                const list = b.functions?.[m];
                if (!list?.length)
                    continue;
                functions[m] = list
                    .map((f) => [f.name, f.self ?? f.flat])
                    .sort((x, y) => y[1] - x[1])
                    .slice(0, HISTORY_FUNCTIONS);
            }
            return {
                package: b.package,
                name: b.name,
                units,
                ...(Object.keys(functions).length > 0 ? { functions } : {})
            };
        })
    };
}
/** A new empty history. */
function emptyHistory() {
    return { format: HISTORY_FORMAT, version: HISTORY_VERSION, records: [] };
}
/**
 * Append a record; a record of a commit already in the history replaces
 * it in place (a re-run of the same push).
 */
function appendRecord(h, r) {
    const at = h.records.findIndex(x => x.commit === r.commit && r.commit !== '');
    const records = [...h.records];
    if (at >= 0)
        records[at] = r;
    else
        records.push(r);
    return { ...h, records };
}
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v) => typeof v === 'number' && Number.isFinite(v);
/** Check a parsed history file; `source` names it in errors. Unknown fields are dropped. */
function validateHistory(v, source) {
    const bad = (where) => {
        throw new HistoryError(`${source}: ${where} is not what a benchgate history holds; the file is corrupt or was not written by benchgate`);
    };
    if (!isObj(v) || v.format !== HISTORY_FORMAT)
        bad('format');
    const o = v;
    if (o.version !== HISTORY_VERSION)
        throw new HistoryError(`${source}: history version ${JSON.stringify(o.version)} is not ${HISTORY_VERSION}; upgrade benchgate to read it`);
    if (!Array.isArray(o.records))
        bad('records');
    const records = o.records.map((r, i) => {
        const w = `records[${i}]`;
        if (!isObj(r))
            bad(w);
        const rec = r;
        const runner = isObj(rec.runner) ? rec.runner : bad(`${w}.runner`);
        if (typeof rec.commit !== 'string' || typeof rec.time !== 'string')
            bad(`${w}.commit`);
        if (!Array.isArray(rec.benchmarks))
            bad(`${w}.benchmarks`);
        return {
            commit: rec.commit,
            ...(typeof rec.parent === 'string' ? { parent: rec.parent } : {}),
            time: rec.time,
            runner: {
                cpu: typeof runner.cpu === 'string' ? runner.cpu : '',
                goVersion: typeof runner.goVersion === 'string' ? runner.goVersion : '',
                ...(finite(runner.count) ? { count: runner.count } : {}),
                ...(typeof runner.benchtime === 'string' ? { benchtime: runner.benchtime } : {})
            },
            benchmarks: rec.benchmarks.map((b, j) => validBenchmark(b, `${w}.benchmarks[${j}]`, bad))
        };
    });
    const gaps = Array.isArray(o.gaps) ? o.gaps.filter((g) => typeof g === 'string') : [];
    return { ...emptyHistory(), records, ...(gaps.length > 0 ? { gaps } : {}) };
}
function validBenchmark(b, w, bad) {
    if (!isObj(b) || typeof b.package !== 'string' || typeof b.name !== 'string')
        bad(w);
    const o = b;
    if (!isObj(o.units))
        bad(`${w}.units`);
    const units = {};
    for (const [unit, s] of Object.entries(o.units)) {
        if (!isObj(s) || ![s.n, s.median, s.min, s.max].every(finite))
            bad(`${w}.units.${unit}`);
        const u = s;
        units[unit] = { n: u.n, median: u.median, min: u.min, max: u.max };
    }
    let functions;
    if (isObj(o.functions)) {
        functions = {};
        for (const m of history_MEASURES) {
            const list = o.functions[m];
            if (list === undefined)
                continue;
            if (!Array.isArray(list))
                bad(`${w}.functions.${m}`);
            functions[m] = list.map((f, k) => Array.isArray(f) && typeof f[0] === 'string' && finite(f[1])
                ? [f[0], f[1]]
                : bad(`${w}.functions.${m}[${k}]`));
        }
    }
    return {
        package: o.package,
        name: o.name,
        units,
        ...(functions ? { functions } : {})
    };
}
/** Read and check a history file; a HistoryError (or FileError) says what is wrong with which file. */
async function readHistoryFile(path) {
    const text = await readTextCapped(path, MAX_HISTORY_BYTES, 'history file');
    let parsed;
    try {
        parsed = parseJson(text);
    }
    catch (err) {
        throw new HistoryError(`${path} is not JSON (${err.message}); pass a history file that benchgate wrote`);
    }
    return validateHistory(parsed, path);
}

;// CONCATENATED MODULE: ./src/history/render.ts
/**
 * What `benchgate history` prints: the change points as JSON (the pinned
 * interface), text for a terminal, Markdown for a summary, and the
 * history's medians as CSV laid out the way Apache Otava reads a CSV
 * source (a time column, a commit attribute, one column per metric).
 * Names come from the code under test: escaped for Markdown, made visible
 * for a terminal, quoted and defused for a spreadsheet.
 */


const render_pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
const render_short = (c) => c.range
    ? c.range
        .split('..')
        .map(s => s.slice(0, 12))
        .join('..')
    : c.commit.slice(0, 12);
/** `{"changePoints": [...]}` and what they were found in. */
function historyJson(h, cps, s) {
    return (JSON.stringify({
        changePoints: cps,
        records: h.records.length,
        commits: h.records.map(r => r.commit),
        settings: s,
        ...(h.gaps ? { gaps: h.gaps } : {})
    }, null, 2) + '\n');
}
/** One line per change point, its functions indented under it. */
function historyText(h, cps, s) {
    const lines = [
        `${h.records.length} record(s); ${cps.length} change point(s) (E-Divisive means, t test p ≤ ${s.maxP}, magnitude ≥ ${s.minMagnitude}, window ${s.window})`
    ];
    for (const g of h.gaps ?? [])
        lines.push(`missing: ${forTerminal(g)}`);
    for (const c of cps) {
        lines.push(`${render_short(c)}  ${c.kind.padEnd(11)} ${forTerminal(c.benchmark)} (${forTerminal(c.package)}) ${forTerminal(c.unit)} ${render_pct(c.delta)}  ${formatValue(c.before, c.unit, forTerminal)} → ${formatValue(c.after, c.unit, forTerminal)}  p=${c.p.toPrecision(2)}`);
        if (c.environment)
            lines.push(`    runner changed: ${forTerminal(c.environment.from)} → ${forTerminal(c.environment.to)}`);
        for (const f of c.functions)
            lines.push(`    ${render_pct(f.delta)}  ${forTerminal(f.name)}`);
    }
    return lines.join('\n') + '\n';
}
/** A Markdown table of the change points (for a job summary). */
function historyMarkdown(h, cps, s) {
    const head = `### benchgate history: ${cps.length} change point(s) in ${h.records.length} record(s)`;
    const notes = (h.gaps ?? []).map(g => `> [!WARNING]\n> Missing from the history: ${escapeText(g)}`);
    if (cps.length === 0)
        return ([
            head,
            ...notes,
            `No change point (t test p ≤ ${s.maxP}, magnitude ≥ ${s.minMagnitude}).`
        ].join('\n\n') + '\n');
    const rows = cps.map(c => [
        codeCell(render_short(c)),
        `${codeCell(c.benchmark)} (${codeCell(c.package)})`,
        escapeText(c.unit, 40),
        render_pct(c.delta),
        c.kind === 'environment' ? `environment: ${escapeText(c.environment.to, 120)}` : c.kind,
        c.functions
            .slice(0, 3)
            .map(f => `${codeCell(f.name)} ${render_pct(f.delta)}`)
            .join('<br>') || '–'
    ].join(' | '));
    return ([
        head,
        ...notes,
        [
            '| commit | benchmark | unit | step | kind | functions (share of the step) |',
            '| - | - | - | - | - | - |',
            ...rows.map(r => `| ${r} |`)
        ].join('\n')
    ].join('\n\n') + '\n');
}
/** One CSV field: quoted when it must be, and never read as a formula. */
function csvField(v) {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
/**
 * The medians as CSV, one row per record: `time,commit,<metric>…`, each
 * metric `package.Benchmark:unit`, empty where a record lacks it. Otava's
 * CSV source takes it with time_column time, attributes [commit].
 */
function historyCsv(h) {
    const metrics = new Map();
    for (const r of h.records)
        for (const b of r.benchmarks)
            for (const unit of Object.keys(b.units)) {
                const key = `${b.package}.${b.name}:${unit}`;
                if (!metrics.has(key))
                    metrics.set(key, metrics.size);
            }
    const lines = [['time', 'commit', ...metrics.keys()].map(csvField).join(',')];
    for (const r of h.records) {
        const row = new Array(metrics.size).fill('');
        for (const b of r.benchmarks)
            for (const [unit, s] of Object.entries(b.units))
                row[metrics.get(`${b.package}.${b.name}:${unit}`)] = String(s.median);
        lines.push([r.time, r.commit, ...row].map(csvField).join(','));
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/cli/commands/history.ts
/**
 * `benchgate history`: build a history from result bundles (oldest first,
 * as given) and history files, and report its change points (issue 31).
 */









const FORMATS = ['text', 'markdown', 'json', 'csv'];
/** A number flag in [lo, hi], or the default. */
function numberFlag(v, flag, lo, hi, fallback) {
    if (v === undefined)
        return fallback;
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x) || x < lo || x > hi)
        throw new UsageError(`--${flag} must be a number from ${lo} to ${hi}, not ${JSON.stringify(v)}`);
    return x;
}
/** The history of the inputs, in the order given: each a bundle directory or a history file. */
async function historyOf(inputs) {
    let h = emptyHistory();
    for (const input of inputs) {
        const bundleDir = input.endsWith(RESULTS_FILE)
            ? input.slice(0, -RESULTS_FILE.length) || '.'
            : input;
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(bundleDir, RESULTS_FILE))) {
            const { bundle } = await readBundle(bundleDir);
            h = appendRecord(h, recordOf(bundle));
            continue;
        }
        if (!(0,external_node_fs_namespaceObject.existsSync)(input) || (0,external_node_fs_namespaceObject.statSync)(input).isDirectory())
            throw new UsageError(`${input} is neither a result bundle (a directory with ${RESULTS_FILE}) nor a history file; pass bundles from benchgate run, oldest first, or a history JSON file`);
        const more = await readHistoryFile(input);
        for (const r of more.records)
            h = appendRecord(h, r);
        if (more.gaps)
            h = { ...h, gaps: [...(h.gaps ?? []), ...more.gaps] };
    }
    return h;
}
/** The `history` command. */
const historyCommand = {
    usage: 'benchgate history <bundle-or-history>... [--format text|markdown|json|csv] [-o|--output FILE] [--write-history FILE] [--max-p P] [--min-magnitude F] [--window N]',
    options: {
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        'write-history': { type: 'string' },
        'max-p': { type: 'string' },
        'min-magnitude': { type: 'string' },
        window: { type: 'string' }
    },
    async run(values, positionals) {
        if (positionals.length === 0)
            throw new UsageError('history takes result bundles (oldest first) or history files');
        const format = options_str(values, 'format') ?? 'text';
        if (!FORMATS.includes(format))
            throw new UsageError(`--format must be ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
        const settings = {
            maxP: numberFlag(options_str(values, 'max-p'), 'max-p', 1e-12, 0.5, CHANGE_POINT_DEFAULTS.maxP),
            minMagnitude: numberFlag(options_str(values, 'min-magnitude'), 'min-magnitude', 0, 100, CHANGE_POINT_DEFAULTS.minMagnitude),
            window: numberFlag(options_str(values, 'window'), 'window', 4, 10000, CHANGE_POINT_DEFAULTS.window)
        };
        const h = await historyOf(positionals);
        const cps = historyChangePoints(h, settings);
        const text = format === 'json'
            ? historyJson(h, cps, settings)
            : format === 'markdown'
                ? historyMarkdown(h, cps, settings)
                : format === 'csv'
                    ? historyCsv(h)
                    : historyText(h, cps, settings);
        const keep = options_str(values, 'write-history');
        if (keep)
            await (0,promises_namespaceObject.writeFile)(keep, JSON.stringify(h) + '\n');
        const output = options_str(values, 'output');
        if (output)
            await (0,promises_namespaceObject.writeFile)(output, text);
        else
            await write(text);
        return 0;
    }
};

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * The CLI's dispatcher: it picks the command, parses its flags, and turns
 * errors into one line and an exit status. Like src/action/main.ts for the
 * Action, the CLI is the only place that touches argv, stdout/stderr and
 * the exit status; each command is a thin call into the engine.
 */























const commands = {
    run: runCommand,
    compare: compareCommand,
    ab: abCommand,
    merge: mergeCommand,
    demo: demoCommand,
    flame: flameCommand,
    diff: diffCommand,
    top: topCommand,
    history: historyCommand
};
/** Errors that are the user's to fix: one line, no stack trace, exit 1. */
const KNOWN_ERRORS = [
    AbError,
    ProfileError,
    BundleError,
    DiscoveryError,
    NoBenchmarksError,
    GoNotFoundError,
    GitError,
    FileError,
    SettingsError,
    MergeError,
    ShardError,
    HistoryError
];
function usage() {
    return ['Usage:', ...Object.values(commands).map(c => `  ${c.usage}`)].join('\n');
}
/** Run the CLI with the given arguments; resolves to the exit status. */
async function main(argv) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        console.log(usage());
        return name === undefined ? 2 : 0;
    }
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    try {
        if (!command)
            throw new UsageError(`unknown command "${name}"`);
        const cut = rest.indexOf('--');
        const own = cut >= 0 && command.passthrough ? rest.slice(0, cut) : rest;
        const passthrough = cut >= 0 && command.passthrough ? rest.slice(cut + 1) : [];
        const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
            args: own,
            options: command.options,
            allowPositionals: true,
            strict: true
        });
        return await command.run(values, positionals, passthrough);
    }
    catch (err) {
        if (err instanceof UsageError ||
            err.code?.startsWith('ERR_PARSE_ARGS')) {
            console.error(`benchgate: ${forTerminal(err.message)}\n${command ? `Usage: ${command.usage}` : usage()}`);
            return 2;
        }
        if (KNOWN_ERRORS.some(E => err instanceof E)) {
            console.error(`benchgate: ${forTerminal(err.message)}`);
            return 1;
        }
        const system = systemError(err);
        if (system) {
            console.error(`benchgate: ${forTerminal(system)}`);
            return 1;
        }
        throw err;
    }
}
/** What the operating system refused (a missing directory, a permission), as one line; else undefined. */
function systemError(err) {
    const e = err;
    if (typeof e?.code !== 'string' || typeof e.syscall !== 'string' || !/^E[A-Z]+$/.test(e.code))
        return undefined;
    const reasons = {
        ENOENT: 'no such file or directory',
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        EISDIR: 'it is a directory',
        ENOTDIR: 'a part of the path is not a directory',
        ENOSPC: 'no space left on the device',
        EROFS: 'the file system is read-only',
        EEXIST: 'it already exists'
    };
    const verb = ['open', 'write', 'mkdir', 'rename', 'copyfile'].includes(e.syscall)
        ? 'write'
        : e.syscall === 'read' || e.syscall === 'stat' || e.syscall === 'scandir'
            ? 'read'
            : e.syscall;
    const what = typeof e.path === 'string' ? e.path : '';
    return `cannot ${verb} ${what}: ${reasons[e.code] ?? String(e.message)}; check the path and its directory`;
}
/** The last word on an error nobody expected: one line, and how to see the stack. */
function internalError(err, env = process.env) {
    const message = err instanceof Error ? err.message : String(err);
    if (env.BENCHGATE_DEBUG && err instanceof Error && err.stack)
        return `benchgate: internal error: ${err.stack}`;
    return `benchgate: internal error: ${forTerminal(message)} (rerun with BENCHGATE_DEBUG=1 to see the stack trace)`;
}

;// CONCATENATED MODULE: ./src/cli.ts
/**
 * benchgate's command-line entry: run the CLI (src/cli/main.ts) and set the
 * exit status. Any failure, known or not, is one clear line, never a
 * silent pass.
 */

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (err) => {
    console.error(internalError(err));
    process.exitCode = 1;
});

