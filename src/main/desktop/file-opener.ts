import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { Language } from '../../shared/errors'
import type { OpenConfirmation } from './policies/open-file'
import { needsOpenConfirmation, openConfirmation } from './policies/open-file'

export interface FileOpenerOptions {
  platform: NodeJS.Platform
  /** Opens with the default application; resolves to an error message or null. */
  open: (filePath: string) => Promise<string | null>
  /** The native confirmation (adapters/dialogs.ts `confirmOpen`); true to open. */
  confirm: (confirmation: OpenConfirmation) => Promise<boolean>
  language: () => Language
  /** Whether the file has an execute permission bit; only asked on macOS and Linux. */
  isExecutable?: (filePath: string) => Promise<boolean>
}

/** Any execute bit (owner, group, others); a file that cannot be read counts as not executable. */
export async function hasExecuteBit(filePath: string): Promise<boolean> {
  try {
    return ((await stat(filePath)).mode & 0o111) !== 0
  } catch {
    return false
  }
}

/**
 * "Open" on a finished download. Programs, scripts, installers and shortcuts (and, on macOS and
 * Linux, any file marked executable) open only after the user confirms in a native message box
 * shown by main, so a renderer cannot open one on its own. Declining is not an error: it
 * resolves to null, like a file that opened.
 */
export async function openDownloadedFile(
  filePath: string,
  options: FileOpenerOptions,
): Promise<string | null> {
  const executableBit =
    options.platform !== 'win32' && (await (options.isExecutable ?? hasExecuteBit)(filePath))
  if (needsOpenConfirmation({ filePath, executableBit })) {
    const fileName = path.basename(filePath.replace(/\\/g, '/'))
    if (!(await options.confirm(openConfirmation(fileName, options.language())))) return null
  }
  return options.open(filePath)
}
