#!/usr/bin/env node
// The noisy neighbour of the verdict-quality harness (issue 17): a CPU and
// memory hog that starts and stops at random, so the trials see a bursty
// cloud host and not only a quiet one.
//
// One worker thread per CPU streams its own 64 MiB buffer (a read-modify-
// write pass evicts the caches and takes memory bandwidth). Bursts last
// 0.5–4 s, pauses 0.5–6 s, drawn from a seeded generator. The harness starts
// it under `nice -n <N>` (default 10: CFS gives a nice-0 benchmark about 90%
// of a CPU it shares with one of these threads), so a burst slows whatever
// runs at that moment by roughly a tenth plus the cache and bandwidth it
// steals, and a pause leaves the machine quiet.
//
// On SIGTERM it prints one JSON line to stdout: seconds on, seconds off.
//
//   nice -n 10 node bench/verdict-quality/hog.mjs [seed]
import { Worker, isMainThread, workerData } from 'node:worker_threads'
import { availableParallelism } from 'node:os'

if (!isMainThread) {
  // Worker: stream the buffer while the shared flag is 1, sleep while it is 0.
  const flag = new Int32Array(workerData)
  const buf = new Float64Array((64 << 20) / 8)
  for (;;) {
    if (Atomics.load(flag, 0) === 0) {
      Atomics.wait(flag, 0, 0)
      continue
    }
    for (let i = 0; i < buf.length; i += 8) buf[i] = buf[i] * 0.5 + i
  }
} else {
  // mulberry32: a small seeded generator, so a run's bursts can be replayed.
  let seed = Number(process.argv[2] ?? 1) >>> 0
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0
    let x = seed
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const shared = new SharedArrayBuffer(4)
  const flag = new Int32Array(shared)
  const workers = Array.from(
    { length: availableParallelism() },
    () => new Worker(new URL(import.meta.url), { workerData: shared })
  )
  const spent = { on: 0, off: 0 }
  let since = performance.now()
  const toggle = on => {
    const now = performance.now()
    spent[Atomics.load(flag, 0) ? 'on' : 'off'] += (now - since) / 1000
    since = now
    Atomics.store(flag, 0, on ? 1 : 0)
    Atomics.notify(flag, 0)
    setTimeout(() => toggle(!on), 1000 * (on ? 0.5 + 3.5 * random() : 0.5 + 5.5 * random()))
  }
  toggle(random() < 0.5)
  process.on('SIGTERM', () => {
    toggle(false)
    process.stdout.write(
      JSON.stringify({ on: +spent.on.toFixed(1), off: +spent.off.toFixed(1) }) + '\n'
    )
    for (const w of workers) w.terminate()
    process.exit(0)
  })
}
