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
