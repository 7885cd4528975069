import { useState } from 'react'
import type { CollectionSettings } from '../../../../shared/contract'
import { FormSection, TextField } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { PanelForm } from '../../components/PanelForm'
import { useApi, useApiMutation } from '../../lib/query'
import { useSaveOutcome } from '../../lib/save'

/** How reminders leave the building: the SMTP server for e-mail and the SMS gateway (both stored with the collection settings). */
export function DeliveryPanel() {
  const q = useApi('collections.settings', {})
  return <Loading q={q}>{(s) => <DeliveryForm settings={s} />}</Loading>
}

type Text = Record<string, string>

function DeliveryForm({ settings }: { settings: CollectionSettings }) {
  const save = useApiMutation('collections.saveSettings')
  const [smtpOn, setSmtpOn] = useState(settings.smtp !== null)
  const [smtp, setSmtp] = useState<Text>({
    host: settings.smtp?.host ?? '',
    port: String(settings.smtp?.port ?? 587),
    user: settings.smtp?.user ?? '',
    pass: settings.smtp?.pass ?? '',
    from: settings.smtp?.from ?? ''
  })
  const [secure, setSecure] = useState(settings.smtp?.secure ?? false)
  const [smsOn, setSmsOn] = useState(settings.sms !== null)
  const [sms, setSms] = useState<Text>({ url: settings.sms?.url ?? '', token: settings.sms?.token ?? '', sender: settings.sms?.sender ?? '' })
  const { errors, setErrors, formError, saved, setSaved, clear, save: saveAndShow } = useSaveOutcome()
  const opt = (v: string) => (v.trim() ? v.trim() : undefined)

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    clear()
    const port = Number(smtp.port)
    if (smtpOn && (!Number.isInteger(port) || port < 1 || port > 65535)) return setErrors({ 'smtp.port': 'a whole number from 1 to 65535' })
    await saveAndShow(async () => {
      await save.mutateAsync({
        ...settings,
        smtp: smtpOn ? { host: smtp.host.trim(), port, secure, user: opt(smtp.user), pass: smtp.pass || undefined, from: smtp.from.trim() } : null,
        sms: smsOn ? { url: sms.url.trim(), token: sms.token || undefined, sender: opt(sms.sender) } : null
      })
    })
  }

  const field = (group: 'smtp' | 'sms', key: string, label: string, extra: { type?: string; hint?: string; wide?: boolean } = {}) => {
    const [vals, set] = group === 'smtp' ? [smtp, setSmtp] : [sms, setSms]
    return <TextField label={label} name={`${group}.${key}`} value={vals[key]} onChange={(v) => (set({ ...vals, [key]: v }), setSaved(false))} error={errors[`${group}.${key}`]} {...extra} />
  }

  return (
    <PanelForm label="Reminder delivery" saveLabel="Save delivery" saved={saved} busy={save.isPending} formError={formError} onSubmit={onSubmit}>
      <FormSection title="E-mail (SMTP)">
        <label className="check wide">
          <input type="checkbox" checked={smtpOn} onChange={(e) => setSmtpOn(e.target.checked)} /> Send e-mail reminders through an SMTP server
        </label>
        {smtpOn && (
          <>
            {field('smtp', 'host', 'Server', { hint: 'e.g. smtp.example.com' })}
            {field('smtp', 'port', 'Port', { hint: '587 (STARTTLS) or 465 (TLS)' })}
            <label className="check">
              <input type="checkbox" checked={secure} onChange={(e) => setSecure(e.target.checked)} /> TLS from the start (port 465)
            </label>
            {field('smtp', 'user', 'User name')}
            {field('smtp', 'pass', 'Password', { type: 'password' })}
            {field('smtp', 'from', 'From address', { hint: 'e.g. Collections <collections@example.com>' })}
          </>
        )}
      </FormSection>
      <FormSection title="SMS gateway">
        <label className="check wide">
          <input type="checkbox" checked={smsOn} onChange={(e) => setSmsOn(e.target.checked)} /> Send SMS reminders through a gateway
        </label>
        {smsOn && (
          <>
            {field('sms', 'url', 'Gateway URL', { wide: true })}
            {field('sms', 'token', 'Access token', { type: 'password' })}
            {field('sms', 'sender', 'Sender name', { hint: 'up to 11 characters' })}
          </>
        )}
      </FormSection>
    </PanelForm>
  )
}
