import { homedir } from 'node:os'
import { join } from 'node:path'

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
