/** The pprof engine: decode Go profiles and aggregate them like `go tool pprof`. */
export { ProfileError } from './errors.js'
export { DEFAULT_MAX_PROFILE_BYTES, gunzipCapped, isGzip } from './gunzip.js'
export { decodeProfile, readProfile, type DecodeOptions } from './decode.js'
export {
  accumulate,
  aggregate,
  byFlatThenName,
  indexFrames,
  sampleTypeIndex,
  type Accumulated,
  type FrameIndex,
  type FunctionCost,
  type FunctionTable
} from './aggregate.js'
export { formatTop } from './top.js'
export { goTracebackName, pprofFunctionName } from './names.js'
export { sampleLabels, sampleStack, sampleValues } from './samples.js'
export type * from './model.js'
