/**
 * The camt elements worth reading, by path below their context element (Stmt, Bal, Ntry, TxDtls), compiled
 * into tries indexed like CamtReader's Ctx (0 none, 1 Stmt, 2 Bal, 3 Ntry, 4 TxDtls). Each field has a slot
 * number: a context's values live in one array indexed by slot, so reading an entry needs no path strings
 * and no Map per element.
 */

/** Stmt fields. */
export const enum S { Id, Iban, OthrId, PrtryId, Ccy, Size }
/** Bal fields. */
export const enum B { Cd, Prtry, Amt, CdtDbtInd, Dt, DtTm, Size }
/** Ntry fields. */
export const enum N { Amt, CdtDbtInd, BookgDt, BookgDtTm, ValDt, ValDtTm, AcctSvcrRef, AddtlNtryInf, Size }
/** TxDtls fields; the four amounts first, in the order a split prefers them (see TX_AMOUNTS). */
export const enum T {
  Amt, TxAmt, CntrValAmt, InstdAmt, CdtDbtInd, EndToEndId, AcctSvcrRef,
  DbtrNm, DbtrPtyNm, UltmtDbtrNm, UltmtDbtrPtyNm, CdtrNm, CdtrPtyNm, UltmtCdtrNm, UltmtCdtrPtyNm,
  DbtrIban, DbtrOthrId, CdtrIban, CdtrOthrId, Ustrd, CdtrRef, AddtlRmtInf, AddtlTxInf, Size
}

const STMT_FIELDS: [S, string][] = [[S.Id, 'Id'], [S.Iban, 'Acct/Id/IBAN'], [S.OthrId, 'Acct/Id/Othr/Id'], [S.PrtryId, 'Acct/Id/PrtryAcct/Id'], [S.Ccy, 'Acct/Ccy']]
const BAL_FIELDS: [B, string][] = [[B.Cd, 'Tp/CdOrPrtry/Cd'], [B.Prtry, 'Tp/CdOrPrtry/Prtry'], [B.Amt, 'Amt'], [B.CdtDbtInd, 'CdtDbtInd'], [B.Dt, 'Dt/Dt'], [B.DtTm, 'Dt/DtTm']]
const NTRY_FIELDS: [N, string][] = [
  [N.Amt, 'Amt'], [N.CdtDbtInd, 'CdtDbtInd'], [N.BookgDt, 'BookgDt/Dt'], [N.BookgDtTm, 'BookgDt/DtTm'],
  [N.ValDt, 'ValDt/Dt'], [N.ValDtTm, 'ValDt/DtTm'], [N.AcctSvcrRef, 'AcctSvcrRef'], [N.AddtlNtryInf, 'AddtlNtryInf']
]
/** Amount paths of a TxDtls, in the order a batch split prefers them. */
export const TX_AMOUNTS: T[] = [T.Amt, T.TxAmt, T.CntrValAmt, T.InstdAmt]
export const TX_AMOUNT_PATHS = ['Amt', 'AmtDtls/TxAmt/Amt', 'AmtDtls/CntrValAmt/Amt', 'AmtDtls/InstdAmt/Amt']
const TX_FIELDS: [T, string][] = [
  ...TX_AMOUNTS.map((t, i): [T, string] => [t, TX_AMOUNT_PATHS[i]]),
  [T.CdtDbtInd, 'CdtDbtInd'], [T.EndToEndId, 'Refs/EndToEndId'], [T.AcctSvcrRef, 'Refs/AcctSvcrRef'],
  [T.DbtrNm, 'RltdPties/Dbtr/Nm'], [T.DbtrPtyNm, 'RltdPties/Dbtr/Pty/Nm'], [T.UltmtDbtrNm, 'RltdPties/UltmtDbtr/Nm'], [T.UltmtDbtrPtyNm, 'RltdPties/UltmtDbtr/Pty/Nm'],
  [T.CdtrNm, 'RltdPties/Cdtr/Nm'], [T.CdtrPtyNm, 'RltdPties/Cdtr/Pty/Nm'], [T.UltmtCdtrNm, 'RltdPties/UltmtCdtr/Nm'], [T.UltmtCdtrPtyNm, 'RltdPties/UltmtCdtr/Pty/Nm'],
  [T.DbtrIban, 'RltdPties/DbtrAcct/Id/IBAN'], [T.DbtrOthrId, 'RltdPties/DbtrAcct/Id/Othr/Id'], [T.CdtrIban, 'RltdPties/CdtrAcct/Id/IBAN'], [T.CdtrOthrId, 'RltdPties/CdtrAcct/Id/Othr/Id'],
  [T.Ustrd, 'RmtInf/Ustrd'], [T.CdtrRef, 'RmtInf/Strd/CdtrRefInf/Ref'], [T.AddtlRmtInf, 'RmtInf/Strd/AddtlRmtInf'], [T.AddtlTxInf, 'AddtlTxInf']
]
/** Fields whose every occurrence counts (remittance lines are joined); elsewhere the first one wins. */
const MULTI = new Set(['RmtInf/Ustrd', 'RmtInf/Strd/AddtlRmtInf', 'AddtlTxInf'])

/**
 * Paths as a trie of local names: walking it on each open tag costs one Map lookup and allocates nothing,
 * where building "a/b/c" strings per element showed up as GC time on 100 MB files.
 */
export interface Node {
  /** Slot of the field this element holds, -1 for elements on the way to one. */
  slot: number
  multi: boolean
  kids: Map<string, Node>
}
export const DEAD: Node = { slot: -1, multi: false, kids: new Map() }

function trie(fields: [number, string][]): Node {
  const root: Node = { slot: -1, multi: false, kids: new Map() }
  for (const [slot, path] of fields) {
    let n = root
    for (const name of path.split('/')) {
      let k = n.kids.get(name)
      if (!k) n.kids.set(name, (k = { slot: -1, multi: false, kids: new Map() }))
      n = k
    }
    n.slot = slot
    n.multi = MULTI.has(path)
  }
  return root
}
export const ROOTS: Node[] = [DEAD, trie(STMT_FIELDS), trie(BAL_FIELDS), trie(NTRY_FIELDS), trie(TX_FIELDS)]
ROOTS[3].kids.set('NtryDtls', { slot: -1, multi: false, kids: new Map() })
export const NTRY_DTLS = ROOTS[3].kids.get('NtryDtls')!
/** Slots per context, to size the value arrays. */
export const SIZES = [0, S.Size, B.Size, N.Size, T.Size]
