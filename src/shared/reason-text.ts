import { toMajorString } from './money'

/**
 * A value inside a reason sentence ("SEK 542,900.00 overdue"), kept apart from the words: reasons are
 * worked out and stored on the server, but each reader should see amounts and dates in their own locale.
 */
export type ReasonArg = { money: { amount: number; currency: string } } | { date: string }

export interface ReasonFormat {
  money(amount: number, currency: string): string
  date(d: string): string
}

/** The locale-free form used in stored text, the CLI and logs: "542900.00 SEK", "2026-11-27". */
export const plainReasonFormat: ReasonFormat = { money: (a, c) => `${toMajorString(a, c)} ${c}`, date: (d) => d }

/** Fills {0}, {1}… in a template with its values, formatted by f. */
export function fillReason(template: string, args: readonly ReasonArg[], f: ReasonFormat): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const a = args[Number(i)]
    if (!a) return whole
    return 'money' in a ? f.money(a.money.amount, a.money.currency) : f.date(a.date)
  })
}

export interface FormattableReason {
  points: number
  /** The sentence in plain form (always present, also for reasons stored before templates existed). */
  text: string
  template?: string
  args?: ReasonArg[]
}

export function reasonText(r: FormattableReason, f: ReasonFormat = plainReasonFormat): string {
  return r.template ? fillReason(r.template, r.args ?? [], f) : r.text
}

/** One sentence for a worklist row: the strongest reasons, in the order they weigh. */
export function reasonSentence(reasons: readonly FormattableReason[], max = 3, f: ReasonFormat = plainReasonFormat): string {
  const parts = reasons.filter((r) => r.points !== 0).slice(0, max).map((r) => reasonText(r, f))
  return parts.length ? parts[0][0].toUpperCase() + parts.join(', ').slice(1) : ''
}
