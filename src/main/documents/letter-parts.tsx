import type { FactorDetails } from '../../shared/contract/admin'
import { FooterColumns } from './base'
import { formatIban, formatRf, oneLineAddress } from './format'

/**
 * Pieces that several templates share and that carry legal weight: the assignment sentence must read the
 * same on every invoice copy, notice and reminder, so it is built in one place.
 */

export function assignmentSentence(factor: Pick<FactorDetails, 'name' | 'iban' | 'bic'>, rfRef: string): string {
  return (
    `This invoice has been assigned to ${factor.name}. Payment with discharging effect can only be made to ${factor.name}, ` +
    `IBAN ${formatIban(factor.iban)}, BIC ${factor.bic}, quoting reference ${formatRf(rfRef)}.`
  )
}

/** The factor's details in the footer of every letter it sends: who, where, bank, contact. */
export function FactorFooter({ factor }: { factor: FactorDetails }) {
  const town = [factor.postalCode, factor.city].filter(Boolean).join(' ')
  return (
    <FooterColumns
      columns={[
        [factor.name, factor.address, town],
        [`IBAN ${formatIban(factor.iban)}`, `BIC ${factor.bic}`, factor.sepaCreditorId ? `Creditor ID ${factor.sepaCreditorId}` : ''],
        [factor.email, factor.phone]
      ]}
    />
  )
}

export const factorReturnLine = (factor: FactorDetails): string => oneLineAddress(factor)
