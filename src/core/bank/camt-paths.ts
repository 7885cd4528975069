/**
 * The camt elements worth reading, by path below their context element (Stmt, Bal, Ntry, TxDtls),
 * compiled into tries indexed like CamtReader's Ctx (0 none, 1 Stmt, 2 Bal, 3 Ntry, 4 TxDtls).
 */
// Fields worth capturing, by path relative to their context element.
const STMT_FIELDS = new Set(['Id', 'Acct/Id/IBAN', 'Acct/Id/Othr/Id', 'Acct/Id/PrtryAcct/Id', 'Acct/Ccy'])
const BAL_FIELDS = new Set(['Tp/CdOrPrtry/Cd', 'Tp/CdOrPrtry/Prtry', 'Amt', 'CdtDbtInd', 'Dt/Dt', 'Dt/DtTm'])
const NTRY_FIELDS = new Set(['Amt', 'CdtDbtInd', 'Sts', 'Sts/Cd', 'BookgDt/Dt', 'BookgDt/DtTm', 'ValDt/Dt', 'ValDt/DtTm', 'AcctSvcrRef', 'AddtlNtryInf'])
export const TX_AMOUNTS = ['Amt', 'AmtDtls/TxAmt/Amt', 'AmtDtls/CntrValAmt/Amt', 'AmtDtls/InstdAmt/Amt']
const TX_FIELDS = new Set([
  ...TX_AMOUNTS,
  'CdtDbtInd',
  'Refs/EndToEndId',
  'Refs/AcctSvcrRef',
  'RltdPties/Dbtr/Nm',
  'RltdPties/Dbtr/Pty/Nm',
  'RltdPties/UltmtDbtr/Nm',
  'RltdPties/UltmtDbtr/Pty/Nm',
  'RltdPties/Cdtr/Nm',
  'RltdPties/Cdtr/Pty/Nm',
  'RltdPties/UltmtCdtr/Nm',
  'RltdPties/UltmtCdtr/Pty/Nm',
  'RltdPties/DbtrAcct/Id/IBAN',
  'RltdPties/DbtrAcct/Id/Othr/Id',
  'RltdPties/CdtrAcct/Id/IBAN',
  'RltdPties/CdtrAcct/Id/Othr/Id',
  'RmtInf/Ustrd',
  'RmtInf/Strd/CdtrRefInf/Ref',
  'RmtInf/Strd/AddtlRmtInf',
  'AddtlTxInf'
])

/**
 * Paths as a trie of local names: walking it on each open tag costs one Map lookup and allocates nothing,
 * where building "a/b/c" strings per element showed up as GC time on 100 MB files.
 */
export interface Node {
  path: string
  field: boolean
  kids: Map<string, Node>
}
export const DEAD: Node = { path: '', field: false, kids: new Map() }

function trie(paths: Set<string>): Node {
  const root: Node = { path: '', field: false, kids: new Map() }
  for (const p of paths) {
    let n = root
    for (const name of p.split('/')) {
      let k = n.kids.get(name)
      if (!k) n.kids.set(name, (k = { path: n.path ? `${n.path}/${name}` : name, field: false, kids: new Map() }))
      n = k
    }
    n.field = true
  }
  return root
}
export const ROOTS: Node[] = [DEAD, trie(STMT_FIELDS), trie(BAL_FIELDS), trie(NTRY_FIELDS), DEAD]
ROOTS[3].kids.set('NtryDtls', { path: 'NtryDtls', field: false, kids: new Map() })
export const NTRY_DTLS = ROOTS[3].kids.get('NtryDtls')!
ROOTS[4] = trie(TX_FIELDS)
