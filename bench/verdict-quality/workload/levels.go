package workload

// Percent slowdown injected into each function. bench/verdict-quality/run.mjs
// rewrites this file on each head commit; the base commit has all zeros.
const (
	slowHash   = 0
	slowSort   = 0
	slowMap    = 0
	slowFormat = 0
	slowJSON   = 0
	slowSHA    = 0
	slowRegexp = 0
	slowChase  = 0
)
