import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import { toMajorString } from '../../shared/money'

/** pain.001.001.09 is the current SEPA rulebook format; .03 is what many older bank portals still take. */
export type PainVersion = '09' | '03'

export interface Account {
  name: string
  iban: string
  bic?: string | null
}

export interface CreditTransfer {
  endToEndId: string
  amount: number
  currency: string
  creditor: Account
  remittance: string
}

export interface Pain001Input {
  version: PainVersion
  msgId: string
  /** Local date-time 'YYYY-MM-DDTHH:MM:SS'. */
  createdAt: string
  executionDate: string
  debtor: Account
  payments: CreditTransfer[]
}

export class SepaError extends Error {}

/**
 * The SEPA character set is Latin letters, digits and / - ? : ( ) . , ' + and space. Accented
 * letters lose their accent (Å → A), anything else becomes a space, so a bank never rejects a name.
 */
export function sepaText(s: string, max: number): string {
  const t = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, '+')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return t.slice(0, max).trim()
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function checkAccount(a: Account, role: string): { name: string; iban: string; bic: string | null } {
  const iban = electronicFormatIBAN(a.iban) ?? ''
  if (!isValidIBAN(iban)) throw new SepaError(`${role} IBAN "${a.iban}" is not valid (check digits or length)`)
  const bic = a.bic ? a.bic.replace(/\s+/g, '').toUpperCase() : null
  if (bic && !isValidBIC(bic)) throw new SepaError(`${role} BIC "${a.bic}" is not valid`)
  const name = sepaText(a.name, 70)
  if (!name) throw new SepaError(`${role} has no name usable in a SEPA file`)
  return { name, iban, bic }
}

function agent(bic: string | null, version: PainVersion, pad: string): string {
  // Without a BIC the IBAN alone routes the payment (SEPA "IBAN only"): the agent says so explicitly.
  const inner = bic ? `<${version === '09' ? 'BICFI' : 'BIC'}>${bic}</${version === '09' ? 'BICFI' : 'BIC'}>` : '<Othr><Id>NOTPROVIDED</Id></Othr>'
  return `${pad}<FinInstnId>${inner}</FinInstnId>`
}

/** One batch of SEPA credit transfers from the factor's account. Amounts are minor units, written exactly. */
export function buildPain001(input: Pain001Input): string {
  const { version } = input
  if (!input.payments.length) throw new SepaError('a payment file needs at least one payment')
  const debtor = checkAccount(input.debtor, 'the paying account (factor)')
  for (const p of input.payments) {
    if (p.currency !== 'EUR') throw new SepaError(`SEPA credit transfers are in EUR only; payment ${p.endToEndId} is in ${p.currency}`)
    if (!Number.isInteger(p.amount) || p.amount <= 0) throw new SepaError(`payment ${p.endToEndId} must be a positive amount, got ${p.amount}`)
  }
  const total = toMajorString(input.payments.reduce((s, p) => s + p.amount, 0), 'EUR')
  const n = input.payments.length
  const id = sepaText(input.msgId, 35)
  const txs = input.payments
    .map((p) => {
      const c = checkAccount(p.creditor, `payee ${p.creditor.name}`)
      return [
        '      <CdtTrfTxInf>',
        `        <PmtId><EndToEndId>${esc(sepaText(p.endToEndId, 35))}</EndToEndId></PmtId>`,
        `        <Amt><InstdAmt Ccy="${p.currency}">${toMajorString(p.amount, p.currency)}</InstdAmt></Amt>`,
        ...(c.bic ? [`        <CdtrAgt>${agent(c.bic, version, '')}</CdtrAgt>`] : []),
        `        <Cdtr><Nm>${esc(c.name)}</Nm></Cdtr>`,
        `        <CdtrAcct><Id><IBAN>${c.iban}</IBAN></Id></CdtrAcct>`,
        `        <RmtInf><Ustrd>${esc(sepaText(p.remittance, 140))}</Ustrd></RmtInf>`,
        '      </CdtTrfTxInf>'
      ].join('\n')
    })
    .join('\n')
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${esc(id)}</MsgId>`,
    `      <CreDtTm>${input.createdAt}</CreDtTm>`,
    `      <NbOfTxs>${n}</NbOfTxs>`,
    `      <CtrlSum>${total}</CtrlSum>`,
    `      <InitgPty><Nm>${esc(debtor.name)}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${esc(id)}</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    '      <BtchBookg>false</BtchBookg>',
    `      <NbOfTxs>${n}</NbOfTxs>`,
    `      <CtrlSum>${total}</CtrlSum>`,
    '      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    version === '09' ? `      <ReqdExctnDt><Dt>${input.executionDate}</Dt></ReqdExctnDt>` : `      <ReqdExctnDt>${input.executionDate}</ReqdExctnDt>`,
    `      <Dbtr><Nm>${esc(debtor.name)}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${debtor.iban}</IBAN></Id></DbtrAcct>`,
    `      <DbtrAgt>${agent(debtor.bic, version, '')}</DbtrAgt>`,
    '      <ChrgBr>SLEV</ChrgBr>',
    txs,
    '    </PmtInf>',
    '  </CstmrCdtTrfInitn>',
    '</Document>',
    ''
  ].join('\n')
}
