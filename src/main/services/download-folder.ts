import { AppError } from '../../shared/errors'
import type { Settings } from '../../shared/settings'
import path from 'node:path'
import { isNetworkPath, requireTargetFolder, targetFolderError } from './target-folders'

/**
 * The folder new downloads go to: the one asked for, else the Settings one. Relative paths are
 * refused, because the engine would resolve them against whatever the process's folder is. A
 * folder asked for must be the Settings one or inside it: the window may not send downloads
 * anywhere the user did not choose (in the headless host, saving a folder in Settings is that
 * choice). On Windows a network path (`\\server\share`) is refused outright.
 */
export function downloadFolderOf(
  settings: Settings,
  requested?: string,
  platform: NodeJS.Platform = process.platform,
): string {
  const configured = settings.downloadDirectory
  if (platform === 'win32' && isNetworkPath(configured)) {
    throw targetFolderError(configured, 'network')
  }
  if (!(platform === 'win32' ? path.win32 : path.posix).isAbsolute(configured)) {
    throw new AppError('InvalidInput', 'the download folder must be an absolute path')
  }
  if (requested === undefined) return configured
  requireTargetFolder(requested, [configured], platform)
  return requested
}
