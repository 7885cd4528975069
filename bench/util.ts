/** Helpers shared by the bench modules. */

/**
 * Median wall and CPU time of several runs after one warm-up: one slow run (GC, page cache) should not
 * decide a figure, and on a shared machine the CPU time shows what the query itself costs.
 */
export function timed(fn: () => unknown, runs = 7): { wall: number; cpu: number } {
  fn()
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    fn()
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(runs / 2)]
  return { wall: median(wall), cpu: median(cpu) }
}

/** Median wall time in ms of several runs after one warm-up. */
export function timeMs(fn: () => unknown, runs = 7): number {
  return timed(fn, runs).wall
}
