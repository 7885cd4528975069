/** One measured figure, printed by bench/run.ts beside its baseline from the same run. */
export interface BenchRow {
  name: string
  value: number
  unit: string
  baseline?: number
  baselineName?: string
  target?: string
  pass?: boolean
}
