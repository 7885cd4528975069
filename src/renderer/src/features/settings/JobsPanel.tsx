import { useState } from 'react'
import type { JobSettingsInput } from '../../../../shared/contract'
import { FormSection, TextField } from '../../components/Field'
import { Loading } from '../../components/Loading'
import { PanelForm } from '../../components/PanelForm'
import { useApi, useApiMutation } from '../../lib/query'
import { useSaveOutcome } from '../../lib/save'

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
  const { errors, formError, saved, setSaved, clear, save: saveAndShow } = useSaveOutcome()

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    clear()
    // The server checks the folder exists and names the field; its words show under that field.
    await saveAndShow(async () => {
      const r = await save.mutateAsync({ bankFolder: watch ? folder.trim() : null, remindersEnabled: reminders })
      setFolder(r.bankFolder ?? '')
    })
  }

  return (
    <PanelForm label="Background jobs" saveLabel="Save jobs" saved={saved} busy={save.isPending} formError={formError} onSubmit={onSubmit}>
      <FormSection title="Bank files" note="New statement files (.xml, .sta, .csv, .ofx, .txt and the like) dropped into this folder are imported automatically and moved to imported/ or failed/; other files are left alone.">
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
    </PanelForm>
  )
}
