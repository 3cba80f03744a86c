import path from 'node:path'
import { AppError } from '../../shared/errors'

/**
 * Which folders a request from the window may make the app write into. The window names folders
 * in a few requests (the download folder in Settings, a folder override when queueing, a dropped
 * folder); main accepts only folders the user chose for it, so a window that misbehaves cannot
 * point downloads at, say, a startup folder. Pure: the desktop keeps the chosen folders in
 * src/main/desktop/target-folder-store.ts, and the services check queueing against the
 * download folder (download-folder.ts).
 */

export type TargetFolderRefusal = 'relative' | 'network' | 'not-chosen'

export type TargetFolderCheck = { ok: true } | { ok: false; reason: TargetFolderRefusal }

function pathApiOf(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix
}

/**
 * A UNC or device path (`\\server\share`, `//server/share`, `\\?\UNC\…`, `\\.\…`). Opening one
 * on Windows makes the system sign in to that server with the user's credentials (NTLM), so a
 * path from the window must never reach the file system; a share mapped to a drive letter is
 * the user's own choice of server.
 */
export function isNetworkPath(folder: string): boolean {
  return /^[\\/]{2}/.test(folder)
}

/** The form in which two folders compare: resolved, and case-folded where the OS ignores case. */
export function folderKey(folder: string, platform: NodeJS.Platform): string {
  const resolved = pathApiOf(platform).resolve(folder)
  return platform === 'win32' || platform === 'darwin' ? resolved.toLowerCase() : resolved
}

/** Whether `folder` is `parent` or lies inside it (by path; links are not followed). */
export function isSameOrInside(folder: string, parent: string, platform: NodeJS.Platform): boolean {
  const child = folderKey(folder, platform)
  const base = folderKey(parent, platform)
  if (child === base) return true
  const separator = pathApiOf(platform).sep
  return child.startsWith(base.endsWith(separator) ? base : `${base}${separator}`)
}

/**
 * Whether a folder named by the window may be written into: absolute, not a network path on
 * Windows, and one of the `allowed` folders or inside one (files are written into template
 * subfolders of the download folder anyway).
 */
export function checkTargetFolder(
  folder: string,
  allowed: readonly string[],
  platform: NodeJS.Platform,
): TargetFolderCheck {
  if (platform === 'win32' && isNetworkPath(folder)) return { ok: false, reason: 'network' }
  if (!pathApiOf(platform).isAbsolute(folder)) return { ok: false, reason: 'relative' }
  const chosen = allowed.some(
    (candidate) =>
      !(platform === 'win32' && isNetworkPath(candidate)) &&
      pathApiOf(platform).isAbsolute(candidate) &&
      isSameOrInside(folder, candidate, platform),
  )
  return chosen ? { ok: true } : { ok: false, reason: 'not-chosen' }
}

/** The error a refused folder answers with; the detail names the folder and the reason. */
export function targetFolderError(folder: string, reason: TargetFolderRefusal): AppError {
  switch (reason) {
    case 'relative':
      return new AppError('InvalidInput', 'the download folder must be an absolute path')
    case 'network':
      return new AppError('FolderNotAllowed', `${folder} is a network path`)
    case 'not-chosen':
      return new AppError('FolderNotAllowed', folder)
  }
}

/** Throws `targetFolderError` unless `checkTargetFolder` accepts the folder. */
export function requireTargetFolder(
  folder: string,
  allowed: readonly string[],
  platform: NodeJS.Platform,
): void {
  const check = checkTargetFolder(folder, allowed, platform)
  if (!check.ok) throw targetFolderError(folder, check.reason)
}
