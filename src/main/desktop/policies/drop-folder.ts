import path from 'node:path'
import type { ErrorData, Language } from '../../../shared/errors'
import { toErrorData } from '../../../shared/errors'
import { isNetworkPath } from '../../services/target-folders'
import { desktopStrings } from '../strings'

/** What the file system says about a path. */
export type PathKind = 'directory' | 'file' | 'missing' | 'inaccessible'

/** The I/O the check needs, injected (io/folder-probe.ts is the real one). */
export interface FolderProbe {
  kind(absolutePath: string): Promise<PathKind>
  /** Whether a file can actually be created inside the directory. */
  canWrite(directory: string): Promise<boolean>
}

export type FolderCheck = { ok: true; path: string } | { ok: false; error: ErrorData }

/**
 * Validates a folder dropped onto the window (or the Dock icon, or chosen in a dialog) as the new
 * download folder. Several dropped items: the first directory wins. Files are refused rather than
 * replaced by their parent folder, which would surprise more than it helps. On Windows a network
 * path (`\\server\share`) is refused before anything touches it: even looking at one signs in to
 * that server with the user's credentials.
 */
export async function validateDownloadFolder(
  candidates: readonly string[],
  probe: FolderProbe,
  pathApi: path.PlatformPath = path,
  platform: NodeJS.Platform = process.platform,
): Promise<FolderCheck> {
  let firstError: ErrorData | null = null
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || candidate.length === 0 || !pathApi.isAbsolute(candidate)) {
      firstError ??= toErrorData('InvalidInput', 'not an absolute folder path')
      continue
    }
    if (platform === 'win32' && isNetworkPath(candidate)) {
      firstError ??= toErrorData('FolderNotAllowed', `${candidate} is a network path`)
      continue
    }
    const folder = pathApi.resolve(candidate)
    const kind = await probe.kind(folder)
    switch (kind) {
      case 'directory':
        if (await probe.canWrite(folder)) return { ok: true, path: folder }
        firstError ??= toErrorData('FilePermission', folder)
        break
      case 'file':
        firstError ??= toErrorData('InvalidInput', `${folder} is a file, not a folder`)
        break
      case 'missing':
        firstError ??= toErrorData('FileMissing', folder)
        break
      case 'inaccessible':
        firstError ??= toErrorData('FilePermission', folder)
        break
    }
  }
  return { ok: false, error: firstError ?? toErrorData('InvalidInput', 'no folder was dropped') }
}

/** What the user is asked before a folder dropped on the window becomes the download folder. */
export interface DropFolderConfirmation {
  message: string
  detail: string
  buttons: [use: string, cancel: string]
  useId: 0
  cancelId: 1
  defaultId: 0
}

/**
 * Main cannot see a drop: only the window can, and it reports the path. So the change is
 * confirmed in a native box shown by main, which a window cannot answer for the user.
 */
export function dropFolderConfirmation(folder: string, language: Language): DropFolderConfirmation {
  const strings = desktopStrings(language)
  return {
    message: strings.dropFolderMessage,
    detail: folder,
    buttons: [strings.dropFolderUse, strings.dropFolderCancel],
    useId: 0,
    cancelId: 1,
    defaultId: 0,
  }
}
