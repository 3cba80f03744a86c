import { chmodSync, mkdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'

export const productName = 'VOD Downloader'

/**
 * The desktop app's data folder (the same place Electron's `app.getPath('userData')` points to),
 * so the CLI and the app share one job database unless told otherwise.
 */
export function defaultDataFolder(
  environment: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(environment.APPDATA ?? join(home, 'AppData', 'Roaming'), productName)
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName)
  return join(environment.XDG_CONFIG_HOME ?? join(home, '.config'), productName)
}

/** Where downloads go when nobody chose a folder. */
export function defaultDownloadFolder(home: string = homedir()): string {
  return join(home, 'Downloads', productName)
}

/**
 * Creates the data folder (job database, secret key, settings) readable only by its owner:
 * mode 0700, and narrowed back to 0700 when it already exists with group or other bits, e.g.
 * made by an older version or under a loose umask. Missing parent folders get the default mode.
 * POSIX only: on Windows the folder inherits the ACL of the user's profile. A folder whose mode
 * cannot be changed (another user's) is used as it is, and `onWarning` says so.
 */
export function ensureDataFolder(
  folder: string,
  options: { platform?: NodeJS.Platform; onWarning?: (message: string) => void } = {},
): void {
  mkdirSync(dirname(folder), { recursive: true })
  try {
    mkdirSync(folder, { mode: 0o700 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  if ((options.platform ?? process.platform) === 'win32') return
  const mode = statSync(folder).mode & 0o777
  if ((mode & 0o077) === 0) return
  try {
    chmodSync(folder, 0o700)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    options.onWarning?.(
      `the data folder ${folder} is readable by other users (mode ${mode.toString(8)}) and could not be narrowed to 700 (${reason})`,
    )
  }
}
