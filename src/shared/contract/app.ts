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

/**
 * Where the desktop app's self-update stands (`app.updateStatus`, `app.updateChanged`).
 * `unavailable`: this shell never updates itself (the headless host, a development build, a
 * package the updater cannot replace, or a build without an update feed).
 */
export type UpdateStatus =
  | { state: 'unavailable'; reason: 'headless' | 'development' | 'package' | 'no-feed' }
  /** Switched off in Settings. */
  | { state: 'off' }
  /** Nothing to install; `lastCheckFailed` when the last check did not reach the feed. */
  | { state: 'idle'; lastCheckedAt: number | null; lastCheckFailed: boolean }
  | { state: 'checking' }
  | { state: 'downloading'; version: string; percent: number }
  /**
   * Downloaded: it installs when the app quits, or on "Restart now". `waitingForDownloads`: the
   * user chose to restart once the download queue is idle.
   */
  | { state: 'ready'; version: string; waitingForDownloads: boolean }

/** What "Restart now" did: restarting, waiting for the downloads to finish, or nothing. */
export type RestartOutcome =
  'restarting' | 'waiting-for-downloads' | 'canceled' | 'nothing-to-install'
