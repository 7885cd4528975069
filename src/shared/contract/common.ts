import { z } from 'zod'
import { isLocalDate } from '../dates'
import { isCurrency } from '../money'

export const id = z.number().int().positive()
export const localDate = z.string().refine(isLocalDate, 'must be a real date as YYYY-MM-DD')
export const currency = z.string().refine(isCurrency, 'must be an ISO 4217 currency code such as EUR')
export const minorAmount = z.number().int('must be a whole number of minor units (cents)')
export const country = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO country code such as SE')

export const pageInput = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  search: z.string().max(200).optional(),
  sortDir: z.enum(['asc', 'desc']).default('asc')
})

export interface Page<T> {
  rows: T[]
  total: number
  offset: number
}
