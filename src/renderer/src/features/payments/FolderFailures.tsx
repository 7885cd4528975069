import { useState } from 'react'
import { useFormat } from '../../lib/format'
import { useApi, useApiMutation } from '../../lib/query'

/**
 * Files the watched bank folder could not import: they wait in its failed/ folder with the reason. Once the cause
 * is fixed (a bank profile, a missing client), "Try again" puts the file back and the watcher imports it at once.
 */
export function FolderFailures() {
  const fmt = useFormat()
  const q = useApi('payments.folderFailures', {})
  const retry = useApiMutation('payments.retryFolderFile')
  const [message, setMessage] = useState<string | null>(null)
  const files = q.data?.files ?? []
  if (!q.data?.folder || files.length === 0) return null
  return (
    <section className="ih-failed" aria-label="Files the watched folder could not import">
      <h3>
        Not imported from {q.data.folder} <span className="muted">({fmt.count(files.length, 'file')} in failed/)</span>
      </h3>
      {message && <div role="status" className="muted small">{message}</div>}
      <table className="grid-table">
        <tbody>
          {files.map((f) => (
            <tr key={f.file}>
              <td>{fmt.timestamp(f.failedAt)}</td>
              <td className="ih-file">{f.file}</td>
              <td className="neg ih-reason">{f.reason.startsWith(`${f.file}: `) ? f.reason.slice(f.file.length + 2) : f.reason}</td>
              <td>
                <button
                  type="button"
                  disabled={retry.isPending}
                  onClick={() => retry.mutate({ file: f.file }, { onSuccess: () => setMessage(`${f.file} is back in the folder; the watcher is importing it.`), onError: (e) => setMessage(e.message) })}
                >
                  Try again
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
