/**
 * The watched folder's failed/ files as the app shows them: each file the watcher could not import, with the reason
 * it wrote beside it, and a way to try one again (back into the folder, where the next scan imports it) once the
 * cause is fixed (a bank profile added, a client created). Nothing here deletes a bank file.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { FolderFailure } from '../../shared/contract/payments'
import { AppError } from '../api/errors'
import { moveUnique } from './bank-folder-watcher'

const REASON = '.reason.txt'

/** Newest first; a reason file whose bank file was taken away by hand is not listed. */
export function listFailedFiles(folder: string): FolderFailure[] {
  const dir = join(folder, 'failed')
  if (!existsSync(dir)) return []
  const names = new Set(readdirSync(dir))
  return [...names]
    .filter((n) => !n.endsWith(REASON) && names.has(n + REASON))
    .map((file) => ({ file, reason: readFileSync(join(dir, file + REASON), 'utf8').trim(), failedAt: statSync(join(dir, file + REASON)).mtimeMs }))
    .sort((a, b) => b.failedAt - a.failedAt || a.file.localeCompare(b.file))
}

/** Moves failed/FILE back into the folder (never over another file) and drops its reason; returns the new name. */
export function retryFailedFile(folder: string, file: string): string {
  // Only a plain name from failed/: the API must not become a way to move files around the disk.
  if (basename(file) !== file || file.startsWith('.') || file.endsWith(REASON)) throw new AppError('INVALID_INPUT', `"${file}" is not a file name from the failed folder`)
  const from = join(folder, 'failed', file)
  if (!existsSync(from)) throw new AppError('NOT_FOUND', `${file} is not in ${join(folder, 'failed')}`)
  const target = moveUnique(from, folder, file)
  rmSync(from + REASON, { force: true })
  return basename(target)
}
