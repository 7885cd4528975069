/**
 * A small seeded generator (mulberry32): the demo ledger must be the same bytes for the same seed on every
 * machine, so nothing here may touch Math.random or the clock.
 */
export class Rng {
  private state: number

  constructor(seed: number) {
    // Mix the seed once so that neighbouring seeds (1, 2, 3) start far apart.
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Index drawn with the given weights (not necessarily normalised). */
  weighted(weights: readonly number[], total = weights.reduce((s, w) => s + w, 0)): number {
    let r = this.next() * total
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]
      if (r < 0) return i
    }
    return weights.length - 1
  }

  /** Log-normal around a median: invoice amounts are skewed, with a long tail of large ones. */
  logNormal(median: number, sigma: number): number {
    // Box-Muller; 1 - next() keeps the logarithm finite.
    const z = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next())
    return median * Math.exp(sigma * z)
  }

  digits(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += String(this.int(0, 9))
    return s
  }

  /** An independent stream, so adding draws in one part of the generator does not reshuffle the others. */
  fork(salt: number): Rng {
    return new Rng((Math.imul(this.int(0, 0x7fffffff), 31) + salt) | 0)
  }
}

/** Cumulative weights for fast repeated weighted draws (binary search) over large lists such as debtors. */
export class WeightedTable {
  private readonly cum: Float64Array

  constructor(weights: readonly number[]) {
    this.cum = new Float64Array(weights.length)
    let s = 0
    for (let i = 0; i < weights.length; i++) this.cum[i] = s += weights[i]
  }

  draw(rng: Rng): number {
    const r = rng.next() * this.cum[this.cum.length - 1]
    let lo = 0
    let hi = this.cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cum[mid] > r) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
