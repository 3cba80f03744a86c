import { AppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import { isAbsolute } from 'node:path'

/**
 * The folder new downloads go to: the one asked for, else the Settings one. Relative paths are
 * refused, because the engine would resolve them against whatever the process's folder is.
 */
export function downloadFolderOf(settings: Settings, requested?: string): string {
  const directory = requested ?? settings.downloadDirectory
  if (!isAbsolute(directory)) {
    throw new AppError('InvalidInput', 'the download folder must be an absolute path')
  }
  return directory
}
