/** Median time per call (ms) of each function, measured in interleaved rounds. */
export type Measurement<K extends string = string> = Record<K, number>

const ROUND_MS = 150
/**
 * Unmeasured turns of ROUND_MS per function before the measured rounds (about
 * a second each). Right after a seed, a query built with Kysely on every call
 * ran 1.17-1.37x raw pg in the first 15 rounds and 0.96-1.02x in the next two
 * sets of 15, while the same query compiled once stayed at 0.80-0.90x: the
 * builder's and compiler's code is still being optimised again after the
 * seed's other query shapes. A service runs in that steady state.
 */
const WARM_TURNS = 8

/** Milliseconds one call of `fn` takes (for work that cannot be repeated as is, like a migration). */
export async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

async function timeCalls(fn: () => unknown, calls: number): Promise<number> {
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) await fn()
  return Number(process.hrtime.bigint() - start) / 1e6 / calls
}

/** The median of some samples. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Runs every function for about ROUND_MS per round, `rounds` times, rotating
 * the order each round so that no function always runs first on a warm cache
 * or last under a pending GC; returns each function's median per-call time.
 */
export async function measure<K extends string>(rounds: number, fns: Record<K, () => unknown>): Promise<Measurement<K>> {
  const names = Object.keys(fns) as K[]
  const calls = {} as Record<K, number>
  for (const name of names) {
    await timeCalls(fns[name]!, 20) // first calls: statement caches
    const perCall = await timeCalls(fns[name]!, 20)
    calls[name] = Math.max(5, Math.round(ROUND_MS / Math.max(perCall, 0.001)))
  }
  // in turns, like the rounds, so that no function warms up alone
  for (let turn = 0; turn < WARM_TURNS; turn++) for (const name of names) await timeCalls(fns[name]!, calls[name]!)
  const samples = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<K, number[]>
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!
      samples[name]!.push(await timeCalls(fns[name]!, calls[name]!))
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n]!)])) as Measurement<K>
}
