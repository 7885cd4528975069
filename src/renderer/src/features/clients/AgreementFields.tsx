import { FormSection, SelectField, TextField } from '../../components/Field'
import type { SchemaForm } from '../../lib/form'
import { addRow, count, FEE_KINDS, removeRow } from './agreement-form'

export const CURRENCIES = ['EUR', 'SEK', 'NOK', 'DKK', 'GBP', 'USD', 'CHF', 'PLN', 'CZK', 'HUF']
const A = 'agreement'
const F = `${A}.fee`
const TIER = ['upToDays', 'rateBp']
const BASE = ['from', 'rateBp']

/** The factoring agreement: rates typed as percentages, amounts in the agreement currency. */
export function AgreementFields({ form }: { form: SchemaForm }) {
  const f = (p: string) => form.field(p)
  const currency = form.values[`${A}.currency`] || 'EUR'
  const kind = form.values[`${F}.kind`]
  return (
    <>
      <FormSection title="Agreement">
        <SelectField label="Currency" {...f(`${A}.currency`)} options={CURRENCIES} />
        <TextField label="Advance rate" suffix="%" inputMode="decimal" {...f(`${A}.advanceRateBp`)} hint="share of face paid out at funding" />
        <TextField label="Reserve target" suffix="%" inputMode="decimal" {...f(`${A}.reserveTargetBp`)} hint="of the client’s open receivables" />
        <TextField label="Recourse period" suffix="days" inputMode="numeric" {...f(`${A}.recourseDays`)} />
        <TextField label="Concentration limit" suffix="%" inputMode="decimal" {...f(`${A}.concentrationLimitBp`)} hint="max share on one debtor" />
        <TextField label="Cross-aging" suffix="%" inputMode="decimal" {...f(`${A}.crossAgingBp`)} hint="debtor ineligible above this share > 90 days" />
        <TextField label="Maximum age" suffix="days" inputMode="numeric" {...f(`${A}.maxAgeDays`)} />
        <TextField label="Verification threshold" suffix={currency} inputMode="decimal" {...f(`${A}.verificationThreshold`)} hint="invoices above are verified" />
      </FormSection>
      <FormSection title="Fees">
        <SelectField label="Fee schedule" {...f(`${F}.kind`)} options={FEE_KINDS} />
        <SelectField label="Fee basis" {...f(`${A}.feeBasis`)} options={[{ value: 'face', label: 'Invoice face' }, { value: 'advance', label: 'Advance paid out' }]} />
        <TextField label="Upfront fee" suffix="%" inputMode="decimal" {...f(`${A}.upfrontFeeBp`)} hint="of face, once at funding" />
        <TextField label="Minimum days" suffix="days" inputMode="numeric" {...f(`${A}.minDays`)} />
        <TextField label="Minimum fee" suffix={currency} inputMode="decimal" {...f(`${A}.minFee`)} />
        {kind === 'flat' && <TextField label="Flat rate" suffix="%" inputMode="decimal" {...f(`${F}.rateBp`)} />}
        {kind === 'daily' && (
          <>
            <TextField label="Annual rate" suffix="%" inputMode="decimal" {...f(`${F}.annualRateBp`)} />
            <SelectField label="Day count" {...f(`${F}.dayCount`)} options={[{ value: '360', label: 'Actual/360' }, { value: '365', label: 'Actual/365' }]} />
          </>
        )}
        {kind === 'base_margin' && (
          <>
            <TextField label="Margin" suffix="%" inputMode="decimal" {...f(`${F}.marginBp`)} hint="per year, over the base rate" />
            <SelectField label="Day count" {...f(`${F}.dayCount`)} options={[{ value: '360', label: 'Actual/360' }, { value: '365', label: 'Actual/365' }]} />
          </>
        )}
      </FormSection>
      {kind === 'tiered' && (
        <FormSection title="Fee tiers" note="Each tier applies to invoices outstanding up to its number of days; beyond the last tier the ‘above’ rate applies.">
          {Array.from({ length: count(form.values, 'tiers') }, (_, i) => (
            <div className="row-fields" key={i}>
              <TextField label={`Tier ${i + 1}: up to`} suffix="days" inputMode="numeric" {...f(`${F}.tiers[${i}].upToDays`)} />
              <TextField label="Rate" suffix="%" inputMode="decimal" {...f(`${F}.tiers[${i}].rateBp`)} />
              <button type="button" className="link danger" disabled={count(form.values, 'tiers') <= 1} onClick={() => form.patch((v) => removeRow(v, 'tiers', i, TIER))}>
                Remove
              </button>
            </div>
          ))}
          <div className="row-fields">
            <TextField label="Above the last tier" suffix="%" inputMode="decimal" {...f(`${F}.aboveRateBp`)} />
            <button type="button" className="link" onClick={() => form.patch((v) => addRow(v, 'tiers', TIER))}>
              + Add tier
            </button>
          </div>
          {form.errorFor(`${F}.tiers`) && <div className="field-error">{form.errorFor(`${F}.tiers`)}</div>}
        </FormSection>
      )}
      {kind === 'base_margin' && (
        <FormSection title="Base rates" note="The base rate in force from each date; fees accrue daily at base + margin.">
          {Array.from({ length: count(form.values, 'baseRates') }, (_, i) => (
            <div className="row-fields" key={i}>
              <TextField label="From" type="date" {...f(`${F}.baseRates[${i}].from`)} />
              <TextField label="Base rate" suffix="%" inputMode="decimal" {...f(`${F}.baseRates[${i}].rateBp`)} />
              <button type="button" className="link danger" disabled={count(form.values, 'baseRates') <= 1} onClick={() => form.patch((v) => removeRow(v, 'baseRates', i, BASE))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="link" onClick={() => form.patch((v) => addRow(v, 'baseRates', BASE))}>
            + Add base rate
          </button>
        </FormSection>
      )}
    </>
  )
}
