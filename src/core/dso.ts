/**
 * Count-back DSO (domain-research 8.8): walk back from the latest month, consuming each month's
 * credit sales against the receivables at its end, counting whole months while the receivables cover
 * them and a fraction of the month where they run out.
 * Example: AR 212k, sales 100k/80k/70k over 30-day months -> 30 + 30 + 32/70 x 30 = 73.7 days.
 * `months` is newest first. Returns null when there were no sales at all to count back over.
 */
export function countBackDso(arEnd: number, months: readonly { sales: number; days: number }[]): number | null {
  if (arEnd <= 0) return months.some((m) => m.sales > 0) ? 0 : null
  let rest = arEnd
  let dso = 0
  let anySales = false
  for (const m of months) {
    if (m.sales <= 0) {
      // A month without sales still passes while the receivables are outstanding.
      dso += m.days
      continue
    }
    anySales = true
    if (rest >= m.sales) {
      dso += m.days
      rest -= m.sales
      if (rest === 0) break
    } else {
      dso += (rest / m.sales) * m.days
      rest = 0
      break
    }
  }
  if (!anySales) return null
  return Math.round(dso * 10) / 10
}

export interface CeiInputs {
  /** AR at the start of the period (the end of the day before it). */
  beginAr: number
  /** Credit sales (purchased face) in the period. */
  sales: number
  /** AR at the end of the period. */
  endAr: number
  /** The part of endAr not yet past due. */
  endCurrentAr: number
}

/**
 * Collection effectiveness index (domain-research 8.8), the variant without dividing sales by the number
 * of months: (BeginAR + Sales - EndAR) / (BeginAR + Sales - EndCurrentAR) x 100, i.e. what was collected
 * out of what could have been collected (everything except what is not yet due). One decimal; null when
 * nothing was collectable.
 */
export function ceiPercent(i: CeiInputs): number | null {
  const collectable = i.beginAr + i.sales - i.endCurrentAr
  if (collectable <= 0) return null
  return Math.round(((i.beginAr + i.sales - i.endAr) / collectable) * 1000) / 10
}

/** Share of open AR more than 90 days past due, percent with one decimal; null when nothing is open. */
export function atRiskPercent(openAr: number, over90: number): number | null {
  return openAr > 0 ? Math.round((over90 / openAr) * 1000) / 10 : null
}
