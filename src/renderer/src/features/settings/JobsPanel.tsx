import { useState } from 'react'
import type { JobSettingsInput } from '../../../../shared/contract'
import { FormSection, TextField } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { useApi, useApiMutation } from '../../lib/query'
import { ApiError } from '../../lib/rpc'

/** Background jobs of this installation: the bank-folder watcher and the reminder scheduler. */
export function JobsPanel() {
  const q = useApi('settings.getJobs', {})
  return <Loading q={q}>{(j) => <JobsForm jobs={j} />}</Loading>
}

function JobsForm({ jobs }: { jobs: JobSettingsInput }) {
  const save = useApiMutation('settings.setJobs')
  const [watch, setWatch] = useState(jobs.bankFolder !== null)
  const [folder, setFolder] = useState(jobs.bankFolder ?? '')
  const [reminders, setReminders] = useState(jobs.remindersEnabled)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    setSaved(false)
    setErrors({})
    setFormError(null)
    try {
      const r = await save.mutateAsync({ bankFolder: watch ? folder.trim() : null, remindersEnabled: reminders })
      setFolder(r.bankFolder ?? '')
      setSaved(true)
    } catch (err) {
      // The server checks the folder exists and names the field; show its words under that field.
      if (err instanceof ApiError && err.issues.length) setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])))
      else setFormError((err as Error).message)
    }
  }

  return (
    <form className="form panel" onSubmit={onSubmit} noValidate aria-label="Background jobs">
      <div className="panel-head">
        <h2>Background jobs</h2>
        <div className="actions">
          {saved && <span className="saved" role="status">Saved</span>}
          <button type="submit" className="primary" disabled={save.isPending}>
            Save jobs
          </button>
        </div>
      </div>
      {formError && <div className="panel error" role="alert">{formError}</div>}
      <FormSection title="Bank files" note="New statement files dropped into this folder are imported automatically.">
        <label className="check wide">
          <input type="checkbox" checked={watch} onChange={(e) => (setWatch(e.target.checked), setSaved(false))} /> Watch a folder for bank files
        </label>
        {watch && <TextField label="Bank folder" name="bankFolder" wide value={folder} onChange={(v) => (setFolder(v), setSaved(false))} error={errors.bankFolder} hint="full path of an existing folder, e.g. /home/anna/bank-in" />}
      </FormSection>
      <FormSection title="Reminders" note="The scheduler decides and sends the day's reminders once a day, catching up on days the app was closed.">
        <label className="check wide">
          <input type="checkbox" checked={reminders} onChange={(e) => (setReminders(e.target.checked), setSaved(false))} /> Run the reminder scheduler
        </label>
        {errors.remindersEnabled && <div className="field-error">{errors.remindersEnabled}</div>}
      </FormSection>
    </form>
  )
}
