/**
 * What the running shell can do. The renderer is the same in Electron and in a browser against
 * the headless host; it asks instead of guessing which buttons make sense.
 */
export type ShellKind = 'electron' | 'headless'

export interface AppCapabilities {
  /** "Show in folder" and "Open" act on the desktop (false: the UI shows the path instead). */
  revealFiles: boolean
  openFiles: boolean
  /** Completed rows can be dragged out as files (Electron's webContents.startDrag). */
  dragFiles: boolean
  /** A native folder picker exists for the download folder. */
  chooseDirectory: boolean
  /** Tray and login-item settings have an effect. */
  tray: boolean
  startAtLogin: boolean
}

export interface AppInfo {
  version: string
  shell: ShellKind
  /** `process.platform` of the machine that writes the files. */
  platform: string
  capabilities: AppCapabilities
}
