import { createElement, type ComponentProps, type ReactElement } from 'react'
import { FundingStatement } from './funding-statement'
import { InvoiceNotice } from './invoice-notice'
import { VerificationLetter } from './verification-letter'

/**
 * Templates by name, so a document can be described as plain data ({ template, props }) and rendered
 * in this process or in a render worker alike.
 */
export const TEMPLATES = {
  invoice: InvoiceNotice,
  verification: VerificationLetter,
  'funding-statement': FundingStatement
} as const

export type TemplateName = keyof typeof TEMPLATES

export type TemplateJob = { [K in TemplateName]: { template: K; props: ComponentProps<(typeof TEMPLATES)[K]> } }[TemplateName]

export function templateElement(job: TemplateJob): ReactElement {
  const component = TEMPLATES[job.template] as (p: TemplateJob['props']) => ReactElement
  if (!component) throw new Error(`unknown document template "${job.template}"`)
  return createElement(component, job.props)
}
