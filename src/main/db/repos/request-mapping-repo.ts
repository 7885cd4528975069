import type { ColumnMapping, MappingRow } from '../../../shared/contract/requests'
import type { Ledger } from '../open'

type Raw = Omit<MappingRow, 'mapping'> & { mapping: string }
const COLS = 'id, client_id as clientId, name, mapping, updated_at as updatedAt'
const parse = (r: Raw): MappingRow => ({ ...r, mapping: JSON.parse(r.mapping) as ColumnMapping })

export function listMappings(ledger: Ledger, clientId: number): MappingRow[] {
  return (ledger.sqlite.prepare(`select ${COLS} from column_mapping where client_id = ? order by name`).all(clientId) as Raw[]).map(parse)
}

export function getMapping(ledger: Ledger, id: number): MappingRow | null {
  const r = ledger.sqlite.prepare(`select ${COLS} from column_mapping where id = ?`).get(id) as Raw | undefined
  return r ? parse(r) : null
}

/** Saving under an existing name replaces that mapping: a client keeps one layout per name. */
export function saveMapping(ledger: Ledger, clientId: number, name: string, mapping: ColumnMapping, at: number): number {
  ledger.sqlite
    .prepare('insert into column_mapping (client_id, name, mapping, updated_at) values (?, ?, ?, ?) on conflict(client_id, name) do update set mapping = excluded.mapping, updated_at = excluded.updated_at')
    .run(clientId, name, JSON.stringify(mapping), at)
  return ledger.sqlite.prepare('select id from column_mapping where client_id = ? and name = ?').pluck().get(clientId, name) as number
}
