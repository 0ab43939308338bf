import protobuf from 'protobufjs/minimal.js'

// protobufjs returns int64 fields as long.js `Long` objects when that library
// is present, and the generated module bakes its field defaults in when it
// is first evaluated. This module is imported before generated/profile.js so
// that both decoded values and defaults are plain numbers. Every number we
// keep is then checked with Number.isSafeInteger (decode.ts), so a value
// beyond 2^53 is an error, never a silently rounded number.
;(protobuf.util as { Long: unknown }).Long = null
protobuf.configure()
