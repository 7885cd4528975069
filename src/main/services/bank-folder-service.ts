/**
 * The watched bank folder as the payments screen sees it: the files it could not import, and trying one again.
 * The folder itself is the background job's (jobs/bank-folder-watcher.ts); this only reads its failed/ part.
 */
import type { FolderFailures } from '../../shared/contract/payments'
import { AppError } from '../api/errors'
import { listFailedFiles, retryFailedFile } from '../jobs/bank-folder-failed'
import { createAdminService } from './admin-service'
import type { ServiceContext } from './context'

export function createBankFolderService(ctx: ServiceContext) {
  const admin = createAdminService(ctx)
  const failures = (): FolderFailures => {
    const folder = admin.getJobs().bankFolder
    return { folder, files: folder ? listFailedFiles(folder) : [] }
  }
  return {
    failures,
    retry(file: string): FolderFailures {
      const folder = admin.getJobs().bankFolder
      if (!folder) throw new AppError('INVALID_INPUT', 'no bank folder is watched (Settings → Background jobs)')
      retryFailedFile(folder, file)
      // The watcher restarts on a jobs change and scans at once, so the file is tried now, not in 30 s.
      ctx.emit('ledger.changed', { scope: ['jobs', 'payments'] })
      return failures()
    }
  }
}
