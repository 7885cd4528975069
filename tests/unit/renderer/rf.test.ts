import { describe, expect, it } from 'vitest'
import { groupRf } from '../../../src/renderer/src/features/invoices/rf'

describe('groupRf', () => {
  it('prints an RF reference in groups of four, as domain-research 8.10 asks', () => {
    expect(groupRf('RF18539007547034')).toBe('RF18 5390 0754 7034')
    expect(groupRf('RF712348231')).toBe('RF71 2348 231')
  })
  it('regroups a reference that already has spaces, and leaves no trailing space', () => {
    expect(groupRf('RF18 5390 0754 7034')).toBe('RF18 5390 0754 7034')
    expect(groupRf('RF1853900754')).toBe('RF18 5390 0754')
  })
})
