#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
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

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
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

;// CONCATENATED MODULE: ./src/pprof/decode.ts




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
        bytes = await (0,promises_namespaceObject.readFile)(path);
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
const utf8 = new TextDecoder('utf-8');
/** Field numbers below are those of profile.proto. */
function readRaw(buf) {
    const r = new WireReader(buf);
    const raw = {
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
            checkSafe(`profile field ${field}`);
        }
        else {
            r.skip(wt, field);
        }
    }
    return raw;
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
/** Turn indices and ids into values and references, checking each one. */
function resolve(raw, source) {
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
    const str = (index, field) => {
        if (!Number.isInteger(index) || index < 0 || index >= strings.length) {
            throw new ProfileError(source, `string index ${index} in ${field} is out of range (the string table has ${strings.length} entries)`, REGENERATE_HINT);
        }
        return strings[index];
    };
    const sampleTypes = raw.sampleTypes.map(([type, unit], i) => ({
        type: str(type, `sample_type[${i}].type`),
        unit: str(unit, `sample_type[${i}].unit`)
    }));
    if (sampleTypes.length === 0) {
        throw new ProfileError(source, 'not a pprof profile: it declares no sample types', REGENERATE_HINT);
    }
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
    const positionById = new IdIndex('location', source);
    const locations = raw.locations.map((l, i) => {
        let mappingFile = '';
        if (l.mappingId !== 0) {
            const file = mappingFiles.get(l.mappingId);
            if (file === undefined) {
                throw new ProfileError(source, `location ${l.id} refers to mapping id ${l.mappingId}, which does not exist`, REGENERATE_HINT);
            }
            mappingFile = file;
        }
        positionById.add(l.id, i);
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
    const width = sampleTypes.length;
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
    // Location ids to positions, in place. Go numbers locations 1..n, so a
    // dense table is the common case; anything sparser uses the id index.
    const stacks = raw.stacks.data;
    const stackStart = raw.stackStart.data;
    const maxId = raw.locations.reduce((m, l) => Math.max(m, l.id), 0);
    const dense = maxId <= 4 * raw.locations.length + 1024 ? new Int32Array(maxId + 1).fill(-1) : undefined;
    if (dense)
        raw.locations.forEach((l, i) => (dense[l.id] = i));
    for (let k = 0; k < raw.stacks.length; k++) {
        const id = stacks[k];
        const position = dense && id <= maxId ? dense[id] : -1;
        if (position >= 0) {
            stacks[k] = position;
            continue;
        }
        let sample = 0;
        while (stackStart[sample + 1] <= k)
            sample++;
        stacks[k] = positionById.get(id, `sample ${sample}`);
    }
    const lb = raw.labels;
    for (const [column, name] of [
        [lb.key, 'key'],
        [lb.str, 'str'],
        [lb.numUnit, 'num_unit']
    ]) {
        for (let j = 0; j < column.length; j++) {
            if (column.data[j] >= strings.length)
                str(column.data[j], `sample ${lb.sample.data[j]} label ${name}`);
        }
    }
    const labels = {
        count: lb.sample.length,
        sample: lb.sample.trimmed(),
        key: lb.key.trimmed(),
        str: lb.str.trimmed(),
        num: lb.num.trimmed(),
        numUnit: lb.numUnit.trimmed(),
        strings
    };
    const samples = {
        count,
        width,
        values: raw.values.trimmed(),
        stackStart: raw.stackStart.trimmed(),
        stacks: raw.stacks.trimmed(),
        labels
    };
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
/** Remove balanced start..end groups; on a stray closer, leave the name as it was. */
function removeMatching(name, start, end) {
    let nesting = 0;
    let first = 0;
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
                return name;
            if (nesting === 0) {
                name = name.slice(0, first) + name.slice(i + 1);
                i = first - 1;
            }
        }
    }
    return name;
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
/** Build the name table and per-location frame lists for a profile. */
function indexFrames(profile) {
    const ids = new Map();
    const names = [];
    const nodeOf = (name) => {
        let id = ids.get(name);
        if (id === undefined) {
            id = names.length;
            ids.set(name, id);
            names.push(name);
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
            f[j] = nodeOf(frameName(loc.lines[j].function, loc, cache));
        frames[i] = f;
    });
    return { names, frames };
}
/**
 * flat and cum per function for one sample type, with pprof's rules
 * (internal/graph newGraph): every frame of every location on the stack,
 * inlined ones included, adds the sample's value to that function's cum at
 * most once per sample, so recursion is counted once; flat goes to line[0]
 * of location_id[0], the innermost frame of the leaf.
 */
function aggregate(profile, options = {}) {
    const source = options.source ?? '<profile>';
    const vi = sampleTypeIndex(profile, options.sampleType, source);
    const index = indexFrames(profile);
    const n = index.names.length;
    const flat = new Float64Array(n);
    const cum = new Float64Array(n);
    const seen = new Int32Array(n).fill(-1);
    let total = 0;
    const { count, width, values, stackStart, stacks } = profile.samples;
    const frames = index.frames;
    for (let s = 0; s < count; s++) {
        if (options.filter && !options.filter(s))
            continue;
        const v = values[s * width + vi];
        total += v;
        if (v === 0)
            continue;
        const from = stackStart[s];
        const to = stackStart[s + 1];
        if (from === to)
            continue;
        for (let k = from; k < to; k++) {
            const f = frames[stacks[k]];
            for (let j = 0; j < f.length; j++) {
                const node = f[j];
                if (seen[node] !== s) {
                    seen[node] = s;
                    cum[node] += v;
                }
            }
        }
        flat[frames[stacks[from]][0]] += v;
    }
    const functions = [];
    for (let i = 0; i < n; i++) {
        if (flat[i] !== 0 || cum[i] !== 0)
            functions.push({ name: index.names[i], flat: flat[i], cum: cum[i] });
    }
    functions.sort(byFlatThenName);
    const type = profile.sampleTypes[vi];
    return { sampleType: type.type, unit: type.unit, total, functions };
}
/** Sort order of `top`: flat descending, then name ascending. */
function byFlatThenName(a, b) {
    return b.flat - a.flat || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

;// CONCATENATED MODULE: ./src/pprof/top.ts
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
    const suffix = UNIT_SUFFIX[table.unit] ?? table.unit;
    const fmt = (v) => (v === 0 ? '0' : `${v}${suffix}`);
    const rows = table.functions.map(f => [fmt(f.flat), fmt(f.cum), f]);
    const flatWidth = Math.max(10, ...rows.map(r => String(r[0]).length));
    const cumWidth = Math.max(10, ...rows.map(r => String(r[1]).length));
    const lines = [
        `File: ${file}`,
        `Type: ${table.sampleType}`,
        `Showing ${table.functions.length} functions accounting for ${fmt(table.total)} total (${table.unit})`,
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
            ` ${f.name}`
        ].join(' '));
    }
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/pprof/index.ts
/** The pprof engine: decode Go profiles and aggregate them like `go tool pprof`. */








;// CONCATENATED MODULE: ./src/cli.ts
/**
 * benchgate's command-line front end. Like src/main.ts for the Action, this
 * is the only place that touches argv, stdout/stderr and the exit status;
 * every command is a thin call into the engine modules.
 */


/** A mistake in how the command was called: exit status 2, with usage. */
class UsageError extends Error {
    name = 'UsageError';
}
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
const commands = {
    top: {
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
            const maxBytes = parseSize(values['max-profile-bytes'], '--max-profile-bytes');
            const profile = await readProfile(file, { maxBytes });
            const table = aggregate(profile, {
                sampleType: values['sample-index'],
                source: file
            });
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
    }
};
function write(text) {
    return new Promise((resolve, reject) => process.stdout.write(text, err => (err ? reject(err) : resolve())));
}
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
    const command = commands[name];
    try {
        if (!command)
            throw new UsageError(`unknown command "${name}"`);
        const { values, positionals } = (0,external_node_util_namespaceObject.parseArgs)({
            args: rest,
            options: command.options,
            allowPositionals: true,
            strict: true
        });
        return await command.run(values, positionals);
    }
    catch (err) {
        if (err instanceof UsageError ||
            err.code?.startsWith('ERR_PARSE_ARGS')) {
            console.error(`benchgate: ${err.message}\n${command ? `Usage: ${command.usage}` : usage()}`);
            return 2;
        }
        if (err instanceof ProfileError) {
            console.error(`benchgate: ${err.message}`);
            return 1;
        }
        throw err;
    }
}
main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (err) => {
    // Not a known failure: still one clear line, never a silent pass.
    console.error(`benchgate: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
});

var __webpack_exports__main = __webpack_exports__.i;
export { __webpack_exports__main as main };
