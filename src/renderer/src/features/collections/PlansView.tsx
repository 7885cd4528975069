import { useEffect, useState } from 'react'
import type { DunningPlanRow } from '../../../../shared/contract'
import { parseMajor, toMajorString } from '../../../../shared/money'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'
import type { ApiError } from '../../lib/rpc'

type Step = DunningPlanRow['steps'][number]
const CHANNELS: Step['channel'][] = ['email', 'letter', 'sms', 'phone']
const PLACEHOLDERS = ['debtorName', 'items', 'total', 'references', 'fee', 'interest', 'compensation', 'grandTotal', 'asOf', 'oldestDueDate', 'level', 'factorName', 'factorIban']
const LANG_NAMES: Record<string, string> = { en: 'English', sv: 'Swedish', de: 'German', fi: 'Finnish' }

const when = (d: number) => (d < 0 ? `${-d} days before due` : d === 0 ? 'on the due date' : `${d} days after due`)

/**
 * Dunning plans and their steps. A step is edited in place (offset, channel, text per language, fee,
 * interest, approval); the server checks the whole plan on save and each problem shows under its field.
 */
export function PlansView() {
  const fmt = useFormat()
  const plans = useApi('dunning.plans', {})
  const save = useApiMutation('dunning.savePlan')
  const [planId, setPlanId] = useState<number | null>(null)
  const [draft, setDraft] = useState<DunningPlanRow | null>(null)
  const [stepIx, setStepIx] = useState(0)
  const [lang, setLang] = useState('en')
  const [newLang, setNewLang] = useState('')
  const [fee, setFee] = useState('')
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([])
  const [saved, setSaved] = useState(false)
  const list = plans.data ?? []
  const plan = list.find((p) => p.id === planId) ?? list[0]
  useEffect(() => {
    if (plan && draft?.id !== plan.id) (setDraft(structuredClone(plan)), setStepIx(0), setIssues([]))
  }, [plan]) // eslint-disable-line react-hooks/exhaustive-deps
  const step = draft?.steps[stepIx]
  useEffect(() => {
    if (step) setFee(toMajorString(step.fee, 'EUR'))
    if (step && !step.templates[lang]) setLang('en')
  }, [draft?.id, stepIx]) // eslint-disable-line react-hooks/exhaustive-deps
  if (plans.error) return <div className="panel error">{plans.error.message}</div>
  if (!draft || !step) return <div className="panel muted">Loading…</div>

  const at = (field: string) => issues.filter((i) => i.path === `steps[${stepIx}].${field}`).map((i) => i.message)
  const shown = new Set(['offsetDays', 'fee', `templates.${lang}.subject`, `templates.${lang}.body`, 'templates.en'].map((f) => `steps[${stepIx}].${f}`))
  const other = issues.filter((i) => !shown.has(i.path))
  const edit = (patch: Partial<Step>) => (setSaved(false), setDraft({ ...draft, steps: draft.steps.map((s, i) => (i === stepIx ? { ...s, ...patch } : s)) }))
  const editText = (field: 'subject' | 'body', v: string) => {
    const t = step.templates[lang] ?? { subject: '', body: '' }
    edit({ templates: { ...step.templates, [lang]: { ...t, [field]: v } } })
  }
  const onSave = () => {
    setIssues([])
    let feeMinor: number
    try {
      feeMinor = parseMajor(fee || '0', 'EUR')
    } catch (e) {
      return setIssues([{ path: `steps[${stepIx}].fee`, message: (e as Error).message }])
    }
    const steps = draft.steps.map((s, i) => (i === stepIx ? { ...s, fee: feeMinor } : s))
    save.mutate(
      { id: draft.id, name: draft.name, segment: draft.segment, steps },
      {
        onSuccess: (p) => (setDraft(structuredClone(p)), setSaved(true)),
        onError: (e: ApiError) => setIssues(e.issues.length ? e.issues : [{ path: '', message: e.message }])
      }
    )
  }
  const Err = ({ msgs }: { msgs: string[] }) => (msgs.length ? <div className="field-error" role="alert">{msgs.join('; ')}</div> : null)
  return (
    <div className="coll-plans">
      <section className="panel" aria-label="Dunning plans">
        <div className="panel-head"><h2>Dunning plans</h2></div>
        <ul className="coll-plan-list">
          {list.map((p) => (
            <li key={p.id} className={p.id === draft.id ? 'selected' : ''} onClick={() => setPlanId(p.id)}>
              <strong>{p.name}</strong>
              <span className="muted small">{p.segment ? `default for ${p.segment} risk` : 'assigned by hand'} · {p.steps.length} steps</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label="Steps">
        <div className="panel-head"><h2>{draft.name}: steps</h2></div>
        <table className="grid-table coll-steps">
          <thead><tr><th>Level</th><th>When</th><th>Channel</th><th className="num">Fee</th><th>Interest</th><th>Approval</th><th>Languages</th></tr></thead>
          <tbody>
            {draft.steps.map((s, i) => (
              <tr key={s.level} className={i === stepIx ? 'editing' : ''} onClick={() => (setStepIx(i), setSaved(false))} data-level={s.level}>
                <td>{s.level === 0 ? '0 (friendly)' : s.level}</td>
                <td>{when(s.offsetDays)}</td>
                <td>{s.channel}</td>
                <td className="num">{s.fee ? fmt.majorPlain(s.fee, 'EUR') : '—'}</td>
                <td>{s.claimInterest ? 'claimed' : '—'}</td>
                <td>{s.needsApproval ? <span className="badge tone-warn">needs approval</span> : '—'}</td>
                <td className="small">{Object.keys(s.templates).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="coll-step-form" aria-label={`Level ${step.level}`} onSubmit={(e) => (e.preventDefault(), onSave())}>
          <h3>Level {step.level}</h3>
          <div className="coll-step-grid">
            <label>Offset from due date (days)
              <input type="number" value={step.offsetDays} onChange={(e) => edit({ offsetDays: Number(e.target.value) })} aria-invalid={at('offsetDays').length > 0 || undefined} />
              <Err msgs={at('offsetDays')} />
            </label>
            <label>Channel
              <select value={step.channel} onChange={(e) => edit({ channel: e.target.value as Step['channel'] })}>{CHANNELS.map((c) => <option key={c}>{c}</option>)}</select>
            </label>
            <label>Fee (in the reminder's currency)
              <input value={fee} inputMode="decimal" onChange={(e) => (setFee(e.target.value), setSaved(false))} onBlur={() => { try { edit({ fee: parseMajor(fee || '0', 'EUR') }) } catch { /* shown on save */ } }} aria-invalid={at('fee').length > 0 || undefined} />
              <Err msgs={at('fee')} />
            </label>
            <label className="check"><input type="checkbox" checked={step.claimInterest} onChange={(e) => edit({ claimInterest: e.target.checked })} /> Claim statutory interest</label>
            <label className="check"><input type="checkbox" checked={step.needsApproval} onChange={(e) => edit({ needsApproval: e.target.checked })} /> A person approves before it goes out</label>
          </div>
          <div className="coll-langs" role="tablist" aria-label="Template language">
            {Object.keys(step.templates).map((l) => (
              <button type="button" key={l} role="tab" className={l === lang ? 'active' : ''} onClick={() => setLang(l)}>{LANG_NAMES[l] ?? l}</button>
            ))}
            <input value={newLang} onChange={(e) => setNewLang(e.target.value.toLowerCase().slice(0, 2))} placeholder="xx" size={3} aria-label="New language code" />
            <button type="button" className="link" disabled={!/^[a-z]{2}$/.test(newLang) || !!step.templates[newLang]} onClick={() => (editText('subject', ''), setLang(newLang), setNewLang(''))}>Add language</button>
          </div>
          <Err msgs={at('templates.en')} />
          <label className="wide">Subject
            <input value={step.templates[lang]?.subject ?? ''} onChange={(e) => editText('subject', e.target.value)} aria-invalid={at(`templates.${lang}.subject`).length > 0 || undefined} />
            <Err msgs={at(`templates.${lang}.subject`)} />
          </label>
          <label className="wide">Text
            <textarea rows={9} value={step.templates[lang]?.body ?? ''} onChange={(e) => editText('body', e.target.value)} aria-invalid={at(`templates.${lang}.body`).length > 0 || undefined} />
            <Err msgs={at(`templates.${lang}.body`)} />
          </label>
          <p className="small muted">Placeholders: {PLACEHOLDERS.map((p, i) => <span key={p}>{i > 0 && ' '}<code>{`{{${p}}}`}</code></span>)}. The debtor's language picks the text; English is used when there is none.</p>
          {other.length > 0 && <div className="coll-warn" role="alert">{other.map((i) => <div key={i.path + i.message}>{i.path ? `${i.path}: ` : ''}{i.message}</div>)}</div>}
          <div className="coll-call-actions">
            <button type="submit" className="primary" disabled={save.isPending}>Save plan</button>
            <button type="button" onClick={() => (setDraft(structuredClone(plan!)), setIssues([]), setSaved(false))}>Discard changes</button>
            {saved && <span className="saved">Saved.</span>}
          </div>
        </form>
      </section>
    </div>
  )
}
