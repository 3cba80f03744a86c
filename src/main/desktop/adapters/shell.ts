import { isSafeExternalUrl } from '../policies/security'

/** The parts of Electron's `shell` the shell uses. */
export interface ShellLike {
  openExternal(url: string): Promise<void>
  /** Resolves to an error message, or '' on success. */
  openPath(path: string): Promise<string>
  showItemInFolder(fullPath: string): void
}

/** Opens a link in the user's browser, but only a plain http(s) link; returns whether it did. */
export async function openExternalSafely(shell: ShellLike, url: string): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false
  await shell.openExternal(url)
  return true
}

/**
 * Opens a folder in the file manager, or a file in its default application; resolves to an error
 * message, or `null` on success.
 */
export async function openPathWithSystem(shell: ShellLike, folder: string): Promise<string | null> {
  const error = await shell.openPath(folder)
  return error === '' ? null : error
}
