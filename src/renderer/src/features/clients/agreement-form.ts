import { defaultAgreement, type Agreement } from '../../../../shared/agreement'
import { bpToPct, decimalMarkOf, describeBp, describeInt, describeMinor, majorToMinor, minorToMajor, pctToBp, toInt } from '../../lib/convert'
import { prefs } from '../../lib/prefs'
import type { Converter, Values } from '../../lib/form'


/** Paths of the agreement inside a client form. */
const A = 'agreement'
export const FEE_KINDS = [
  { value: 'flat', label: 'Flat: one rate per invoice' },
  { value: 'tiered', label: 'Tiered by days outstanding' },
  { value: 'daily', label: 'Daily, at an annual rate' },
  { value: 'base_margin', label: 'Base rate + margin' }
] as const

const cur = (v: Values) => v[`${A}.currency`] ?? 'EUR'
const pct: Converter = Object.assign((r: string) => pctToBp(r), { describe: describeBp })
const int: Converter = Object.assign((r: string) => toInt(r), { describe: describeInt('days') })
const num: Converter = (r) => Number(r)

export const count = (v: Values, list: 'tiers' | 'baseRates') => Number(v[`#${list}`] ?? '0')

/** The converters for the agreement as it stands: which fee fields exist depends on the chosen kind. */
export function agreementSpec(v: Values): Record<string, Converter> {
  const money: Converter = Object.assign((r: string) => majorToMinor(r, cur(v), decimalMarkOf(prefs.get().locale)), { describe: describeMinor(cur(v)) })
  const s: Record<string, Converter> = {
    [`${A}.currency`]: (r) => r.trim().toUpperCase(),
    [`${A}.advanceRateBp`]: pct,
    [`${A}.fee.kind`]: (r) => r,
    [`${A}.feeBasis`]: (r) => r,
    [`${A}.minDays`]: int,
    [`${A}.minFee`]: money,
    [`${A}.upfrontFeeBp`]: pct,
    [`${A}.reserveTargetBp`]: pct,
    [`${A}.recourseDays`]: int,
    [`${A}.concentrationLimitBp`]: pct,
    [`${A}.crossAgingBp`]: pct,
    [`${A}.maxAgeDays`]: int,
    [`${A}.verificationThreshold`]: money
  }
  const F = `${A}.fee`
  switch (v[`${F}.kind`]) {
    case 'flat':
      s[`${F}.rateBp`] = pct
      break
    case 'tiered':
      for (let i = 0; i < count(v, 'tiers'); i++) {
        s[`${F}.tiers[${i}].upToDays`] = int
        s[`${F}.tiers[${i}].rateBp`] = pct
      }
      s[`${F}.aboveRateBp`] = pct
      break
    case 'daily':
      s[`${F}.annualRateBp`] = pct
      s[`${F}.dayCount`] = num
      break
    case 'base_margin':
      s[`${F}.marginBp`] = pct
      s[`${F}.dayCount`] = num
      for (let i = 0; i < count(v, 'baseRates'); i++) {
        s[`${F}.baseRates[${i}].from`] = (r) => r
        s[`${F}.baseRates[${i}].rateBp`] = pct
      }
      break
  }
  return s
}

/** The typed-text form of an agreement (percentages, major units). Keeps other kinds' defaults around. */
export function agreementValues(a: Agreement = defaultAgreement): Values {
  const v: Values = {
    [`${A}.currency`]: a.currency,
    [`${A}.advanceRateBp`]: bpToPct(a.advanceRateBp),
    [`${A}.fee.kind`]: a.fee.kind,
    [`${A}.feeBasis`]: a.feeBasis,
    [`${A}.minDays`]: String(a.minDays),
    [`${A}.minFee`]: minorToMajor(a.minFee, a.currency),
    [`${A}.upfrontFeeBp`]: bpToPct(a.upfrontFeeBp),
    [`${A}.reserveTargetBp`]: bpToPct(a.reserveTargetBp),
    [`${A}.recourseDays`]: String(a.recourseDays),
    [`${A}.concentrationLimitBp`]: bpToPct(a.concentrationLimitBp),
    [`${A}.crossAgingBp`]: bpToPct(a.crossAgingBp),
    [`${A}.maxAgeDays`]: String(a.maxAgeDays),
    [`${A}.verificationThreshold`]: minorToMajor(a.verificationThreshold, a.currency),
    // Sensible starting values for every kind, so switching kinds never shows empty required fields.
    [`${A}.fee.rateBp`]: '3',
    [`${A}.fee.aboveRateBp`]: '8',
    [`${A}.fee.annualRateBp`]: '12',
    [`${A}.fee.marginBp`]: '4',
    [`${A}.fee.dayCount`]: '360',
    '#tiers': '1',
    [`${A}.fee.tiers[0].upToDays`]: '30',
    [`${A}.fee.tiers[0].rateBp`]: '2.5',
    '#baseRates': '1',
    [`${A}.fee.baseRates[0].from`]: '2026-01-01',
    [`${A}.fee.baseRates[0].rateBp`]: '2'
  }
  const F = `${A}.fee`
  const f = a.fee
  if (f.kind === 'flat') v[`${F}.rateBp`] = bpToPct(f.rateBp)
  if (f.kind === 'tiered') {
    v['#tiers'] = String(f.tiers.length)
    f.tiers.forEach((t, i) => {
      v[`${F}.tiers[${i}].upToDays`] = String(t.upToDays)
      v[`${F}.tiers[${i}].rateBp`] = bpToPct(t.rateBp)
    })
    v[`${F}.aboveRateBp`] = bpToPct(f.aboveRateBp)
  }
  if (f.kind === 'daily') {
    v[`${F}.annualRateBp`] = bpToPct(f.annualRateBp)
    v[`${F}.dayCount`] = String(f.dayCount)
  }
  if (f.kind === 'base_margin') {
    v[`${F}.marginBp`] = bpToPct(f.marginBp)
    v[`${F}.dayCount`] = String(f.dayCount)
    v['#baseRates'] = String(f.baseRates.length)
    f.baseRates.forEach((b, i) => {
      v[`${F}.baseRates[${i}].from`] = b.from
      v[`${F}.baseRates[${i}].rateBp`] = bpToPct(b.rateBp)
    })
  }
  return v
}

/** Adds an empty row at the end of a list, or removes row i and closes the gap. */
export function addRow(v: Values, list: 'tiers' | 'baseRates', fields: string[]): Values {
  const n = count(v, list)
  const next = { ...v, [`#${list}`]: String(n + 1) }
  for (const f of fields) next[`${A}.fee.${list}[${n}].${f}`] = ''
  return next
}

export function removeRow(v: Values, list: 'tiers' | 'baseRates', i: number, fields: string[]): Values {
  const n = count(v, list)
  const next = { ...v, [`#${list}`]: String(n - 1) }
  for (let k = i; k < n; k++) {
    for (const f of fields) {
      const to = `${A}.fee.${list}[${k}].${f}`
      const from = `${A}.fee.${list}[${k + 1}].${f}`
      if (k === n - 1) delete next[to]
      else next[to] = v[from] ?? ''
    }
  }
  return next
}
