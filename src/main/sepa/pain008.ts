/**
 * SEPA Direct Debit initiation, pain.008.001.08. One PmtInf per scheme (CORE/B2B) and sequence type, as
 * banks require; amounts and sums are written from integer cents so CtrlSum always equals the sum of InstdAmt.
 */
import { toMajorString } from '../../shared/money'

export interface Pain008Creditor {
  name: string
  iban: string
  bic: string
  /** SEPA creditor identifier (CI), e.g. DE98ZZZ09999999999. */
  creditorId: string
}

export interface Pain008Tx {
  endToEndId: string
  amount: number
  umr: string
  signatureDate: string
  scheme: 'CORE' | 'B2B'
  sequence: 'FRST' | 'RCUR' | 'OOFF' | 'FNAL'
  debtorName: string
  debtorIban: string
  debtorBic: string | null
  /** Structured creditor reference printed on the invoice (RF...). */
  rfRef: string
  remittance: string
}

export interface Pain008Input {
  msgId: string
  createdAt: string
  collectionDate: string
  creditor: Pain008Creditor
  txs: Pain008Tx[]
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The SEPA character set: Latin letters, digits and a few signs; anything else is transliterated or dropped. */
export function sepaText(s: string, max: number): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9/?:().,'+ -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
}

const eur = (cents: number): string => toMajorString(cents, 'EUR')

function agent(bic: string | null, indent: string): string {
  return bic
    ? `${indent}<FinInstnId><BICFI>${esc(bic)}</BICFI></FinInstnId>`
    : `${indent}<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>`
}

function tx(t: Pain008Tx): string {
  return `      <DrctDbtTxInf>
        <PmtId><EndToEndId>${esc(t.endToEndId)}</EndToEndId></PmtId>
        <InstdAmt Ccy="EUR">${eur(t.amount)}</InstdAmt>
        <DrctDbtTx><MndtRltdInf><MndtId>${esc(t.umr)}</MndtId><DtOfSgntr>${t.signatureDate}</DtOfSgntr><AmdmntInd>false</AmdmntInd></MndtRltdInf></DrctDbtTx>
        <DbtrAgt>
${agent(t.debtorBic, '          ')}
        </DbtrAgt>
        <Dbtr><Nm>${esc(sepaText(t.debtorName, 70))}</Nm></Dbtr>
        <DbtrAcct><Id><IBAN>${esc(t.debtorIban)}</IBAN></Id></DbtrAcct>
        <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${esc(t.rfRef)}</Ref></CdtrRefInf><AddtlRmtInf>${esc(sepaText(t.remittance, 140))}</AddtlRmtInf></Strd></RmtInf>
      </DrctDbtTxInf>`
}

export function buildPain008(p: Pain008Input): string {
  if (p.txs.length === 0) throw new Error('a direct-debit file needs at least one collection')
  const groups = new Map<string, Pain008Tx[]>()
  for (const t of p.txs) {
    const k = `${t.scheme}/${t.sequence}`
    groups.set(k, [...(groups.get(k) ?? []), t])
  }
  const total = p.txs.reduce((s, t) => s + t.amount, 0)
  const cName = esc(sepaText(p.creditor.name, 70))
  const pmtInfs = [...groups.entries()].map(([k, txs], i) => {
    const [scheme, seq] = k.split('/')
    return `    <PmtInf>
      <PmtInfId>${esc(`${p.msgId}-${i + 1}`.slice(0, 35))}</PmtInfId>
      <PmtMtd>DD</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>${txs.length}</NbOfTxs>
      <CtrlSum>${eur(txs.reduce((s, t) => s + t.amount, 0))}</CtrlSum>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>${scheme}</Cd></LclInstrm><SeqTp>${seq}</SeqTp></PmtTpInf>
      <ReqdColltnDt>${p.collectionDate}</ReqdColltnDt>
      <Cdtr><Nm>${cName}</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>${esc(p.creditor.iban)}</IBAN></Id></CdtrAcct>
      <CdtrAgt>
${agent(p.creditor.bic || null, '        ')}
      </CdtrAgt>
      <ChrgBr>SLEV</ChrgBr>
      <CdtrSchmeId><Id><PrvtId><Othr><Id>${esc(p.creditor.creditorId)}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>
${txs.map(tx).join('\n')}
    </PmtInf>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrDrctDbtInitn>
    <GrpHdr>
      <MsgId>${esc(p.msgId)}</MsgId>
      <CreDtTm>${p.createdAt}</CreDtTm>
      <NbOfTxs>${p.txs.length}</NbOfTxs>
      <CtrlSum>${eur(total)}</CtrlSum>
      <InitgPty><Nm>${cName}</Nm><Id><OrgId><Othr><Id>${esc(p.creditor.creditorId)}</Id></Othr></OrgId></Id></InitgPty>
    </GrpHdr>
${pmtInfs.join('\n')}
  </CstmrDrctDbtInitn>
</Document>
`
}
