import { useState } from 'react'
import type { CollectionSettings } from '../../../../shared/contract'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'

/** '2.15' (percent) to basis points, or an error in words. */
function pctToBp(v: string): number | string {
  const t = v.trim().replace(',', '.')
  if (!/^-?\d+(\.\d{1,2})?$/.test(t)) return 'a percentage with at most two decimals, e.g. 2.15'
  return Math.round(Number(t) * 100)
}

/**
 * Statutory interest: the reference rate of each half-year (ECB rate on 1 January / 1 July) and the
 * points above it per creditor country; plus the rates the worklist uses to rank several currencies.
 */
export function RatesView() {
  const fmt = useFormat()
  const rates = useApi('interest.rates', {})
  const settings = useApi('collections.settings', {})
  const setRate = useApiMutation('interest.setRate')
  const saveSettings = useApiMutation('collections.saveSettings')
  const year = new Date().getUTCFullYear()
  const [series, setSeries] = useState('ECB')
  const [y, setY] = useState(String(year + 1))
  const [half, setHalf] = useState<'01' | '07'>('01')
  const [pct, setPct] = useState('')
  const [rateErr, setRateErr] = useState<string | null>(null)
  const [country, setCountry] = useState('')
  const [margin, setMargin] = useState('')
  const [marginErr, setMarginErr] = useState<string | null>(null)
  const [ccy, setCcy] = useState('')
  const [fx, setFx] = useState('')
  const [fxErr, setFxErr] = useState<string | null>(null)

  const addRate = () => {
    setRateErr(null)
    const bp = pctToBp(pct)
    if (typeof bp === 'string') return setRateErr(`Rate: ${bp}`)
    if (!/^\d{4}$/.test(y)) return setRateErr('Year: four digits')
    setRate.mutate({ series, from: `${y}-${half}-01`, rateBp: bp }, { onSuccess: () => setPct(''), onError: (e) => setRateErr(e.message) })
  }
  const s = settings.data
  const save = (next: CollectionSettings, onErr: (m: string) => void, done: () => void) => saveSettings.mutate(next, { onSuccess: done, onError: (e) => onErr(e.issues[0] ? `${e.issues[0].path}: ${e.issues[0].message}` : e.message) })
  const addMargin = () => {
    setMarginErr(null)
    if (!s) return
    const bp = pctToBp(margin)
    if (typeof bp === 'string') return setMarginErr(`Margin: ${bp}`)
    const c = country.trim().toUpperCase()
    if (c !== '*' && !/^[A-Z]{2}$/.test(c)) return setMarginErr('Country: a two-letter code (DE, FR), or * for the default')
    const next = c === '*' ? { ...s, defaultRule: { ...s.defaultRule, marginBp: bp } } : { ...s, countryRules: { ...s.countryRules, [c]: { series: s.countryRules[c]?.series ?? s.defaultRule.series, marginBp: bp } } }
    save(next, setMarginErr, () => (setCountry(''), setMargin('')))
  }
  const removeCountry = (c: string) => {
    if (!s) return
    const { [c]: _gone, ...rest } = s.countryRules
    save({ ...s, countryRules: rest }, setMarginErr, () => {})
  }
  const addFx = () => {
    setFxErr(null)
    if (!s) return
    const c = ccy.trim().toUpperCase()
    const k = Number(fx.replace(',', '.'))
    if (!/^[A-Z]{3}$/.test(c)) return setFxErr('Currency: a three-letter code')
    if (!(k > 0)) return setFxErr(`Rate: how many ${s.ranking.base} one ${c} is worth, more than zero`)
    save({ ...s, ranking: { ...s.ranking, rates: { ...s.ranking.rates, [c]: k } } }, setFxErr, () => (setCcy(''), setFx('')))
  }

  const bySeries = new Map<string, { from: string; rateBp: number }[]>()
  for (const r of rates.data ?? []) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r])
  return (
    <div className="coll-rates">
      <section className="panel" aria-label="Reference rates">
        <div className="panel-head"><h2>Reference rates by half-year</h2></div>
        <p className="small muted">Statutory interest = the reference rate in force on 1 January (for January–June) or 1 July (for July–December) plus the country's margin, simple interest day by day.</p>
        {[...bySeries].map(([name, rs]) => (
          <table key={name} className="grid-table coll-rate-table">
            <thead><tr><th>{name} half-year from</th><th className="num">Rate</th><th className="num">With default margin</th></tr></thead>
            <tbody>
              {[...rs].reverse().map((r) => (
                <tr key={r.from}><td>{fmt.date(r.from)}</td><td className="num">{fmt.pct(r.rateBp)}</td><td className="num muted">{s ? fmt.pct(r.rateBp + s.defaultRule.marginBp) : ''}</td></tr>
              ))}
            </tbody>
          </table>
        ))}
        <form className="toolbar coll-inline-form" onSubmit={(e) => (e.preventDefault(), addRate())} aria-label="Add a half-year rate">
          <label>Series <input value={series} onChange={(e) => setSeries(e.target.value.toUpperCase())} size={5} /></label>
          <label>Year <input value={y} onChange={(e) => setY(e.target.value)} size={5} inputMode="numeric" /></label>
          <label>Half <select value={half} onChange={(e) => setHalf(e.target.value as '01' | '07')}><option value="01">1 January</option><option value="07">1 July</option></select></label>
          <label>Rate % <input value={pct} onChange={(e) => setPct(e.target.value)} size={6} inputMode="decimal" placeholder="2.15" /></label>
          <button type="submit" className="primary" disabled={setRate.isPending}>Save rate</button>
        </form>
        {rateErr && <div className="field-error" role="alert">{rateErr}</div>}
      </section>
      <div className="coll-rates-side">
        <section className="panel" aria-label="Margins per country">
          <div className="panel-head"><h2>Margin per creditor country</h2></div>
          <table className="grid-table">
            <thead><tr><th>Country</th><th>Series</th><th className="num">Points above</th><th /></tr></thead>
            <tbody>
              {s && <tr><td>all others</td><td>{s.defaultRule.series}</td><td className="num">{fmt.pct(s.defaultRule.marginBp)}</td><td /></tr>}
              {s && Object.entries(s.countryRules).sort().map(([c, r]) => (
                <tr key={c}><td>{c}</td><td>{r.series}</td><td className="num">{fmt.pct(r.marginBp)}</td><td className="row-actions"><button className="link danger" onClick={() => removeCountry(c)}>Remove</button></td></tr>
              ))}
            </tbody>
          </table>
          <form className="toolbar coll-inline-form" onSubmit={(e) => (e.preventDefault(), addMargin())} aria-label="Set a country margin">
            <label>Country <input value={country} onChange={(e) => setCountry(e.target.value)} size={3} placeholder="NL" /></label>
            <label>Margin % <input value={margin} onChange={(e) => setMargin(e.target.value)} size={6} inputMode="decimal" placeholder="8" /></label>
            <button type="submit" disabled={saveSettings.isPending}>Set margin</button>
          </form>
          {marginErr && <div className="field-error" role="alert">{marginErr}</div>}
        </section>
        <section className="panel" aria-label="Ranking rates">
          <div className="panel-head"><h2>Ranking rates to {s?.ranking.base ?? 'EUR'}</h2></div>
          <p className="small muted">Only for ranking debtors who owe in several currencies; nothing is booked at these rates.</p>
          <table className="grid-table">
            <thead><tr><th>Currency</th><th className="num">1 unit = {s?.ranking.base}</th></tr></thead>
            <tbody>{s && Object.entries(s.ranking.rates).sort().map(([c, k]) => <tr key={c}><td>{c}</td><td className="num">{k}</td></tr>)}</tbody>
          </table>
          <form className="toolbar coll-inline-form" onSubmit={(e) => (e.preventDefault(), addFx())} aria-label="Set a ranking rate">
            <label>Currency <input value={ccy} onChange={(e) => setCcy(e.target.value)} size={4} placeholder="SEK" /></label>
            <label>Rate <input value={fx} onChange={(e) => setFx(e.target.value)} size={8} inputMode="decimal" placeholder="0.087" /></label>
            <button type="submit" disabled={saveSettings.isPending}>Set rate</button>
          </form>
          {fxErr && <div className="field-error" role="alert">{fxErr}</div>}
        </section>
      </div>
    </div>
  )
}
