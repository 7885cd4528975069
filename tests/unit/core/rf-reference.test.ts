import { describe, expect, it } from 'vitest'
import { findRfReferences, formatRfReference, isValidRfReference, makeRfReference } from '../../../src/core/rf-reference'

describe('ISO 11649 RF creditor reference', () => {
  it('matches the published examples', () => {
    expect(makeRfReference('2348231')).toBe('RF712348231')
    expect(makeRfReference('539007547034')).toBe('RF18539007547034')
    expect(isValidRfReference('RF18 5390 0754 7034')).toBe(true)
  })
  it('catches a mistyped digit or swapped pair', () => {
    expect(isValidRfReference('RF18 5390 0754 7035')).toBe(false)
    expect(isValidRfReference('RF18 5390 0745 7034')).toBe(false)
    expect(isValidRfReference('RF712348231X')).toBe(false)
  })
  it('round-trips generated references, letters included', () => {
    for (const base of ['1', '000000042', 'ABC123', 'Z'.repeat(21)]) expect(isValidRfReference(makeRfReference(base))).toBe(true)
    expect(() => makeRfReference('X'.repeat(22))).toThrow()
  })
  it('prints in groups of four', () => {
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034')
  })
  it('finds references inside free remittance text', () => {
    expect(findRfReferences('Payment inv 1234 ref RF18 5390 0754 7034 thanks')).toEqual(['RF18539007547034'])
    expect(findRfReferences('rf712348231')).toEqual(['RF712348231'])
    expect(findRfReferences('no reference here RF00')).toEqual([])
  })
})
