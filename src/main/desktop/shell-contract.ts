import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron'
import type { AppCapabilities } from '../../shared/contract/app'
import type { Language } from '../../shared/errors'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { createSafeStorageSecretBox } from './adapters/safe-storage'
import type { Disposable } from '../common/disposable'
import type { DownloadsFacade } from './downloads'
import type { DownloadsMonitor } from './downloads-monitor'
import type { ExportProgress, ExportSummary } from './io/export-executor'
import type { FolderCheck } from './policies/drop-folder'
import type { ExportNaming, TransferMode } from './policies/export-plan'
import type { Scheduler } from './scheduler'
import type { DesktopSettingsStore, LegacySettingsFile } from './settings'
import type { TargetFolderStore } from './target-folder-store'
import type { UpdateController } from './update-controller'

/**
 * The shell's contract with its integration (integration.ts): what the engine gets when it is
 * created, what the IPC handlers may call, and the integration points. Types only.
 */

/**
 * The app's settings (the Settings screen's, kept in the job database): the one source of truth
 * for everything the shell acts on (language, notifications, close to tray, start at login, the
 * download folder, updates). The shell reads them on every decision and writes only the download
 * folder (a folder dropped on the window).
 */
export interface AppSettingsSource {
  current(): Settings
  /** Validates, persists and announces the patch; answers the full new settings. */
  update(patch: SettingsPatch): Settings
  onChange(listener: (settings: Settings, previous: Settings) => void): Disposable
}

/** What the engine and the VOD client get from the shell when they are created. */
export interface EngineContext {
  userDataPath: string
  /**
   * The shell's own state (desktop-settings.json), with the app settings an earlier version
   * kept there until they are moved into the job database (legacy-settings.ts).
   */
  settings: DesktopSettingsStore & LegacySettingsFile
  /**
   * The OS keychain as the engine's `SecretBox`: the account service seals the saved AccessKey
   * with it (the app's only credential store). It refuses to encrypt when the keychain would not
   * protect the secret.
   */
  secretBox: ReturnType<typeof createSafeStorageSecretBox>
  /** The download folder: the user's choice, or the OS Downloads folder. */
  downloadFolder(): string
  language(): Language
  /**
   * `--demo` in a development build: start the VOD emulator's demo library and use it as the
   * account; first-start downloads go to `downloadFolder`. Null otherwise.
   */
  demo: { downloadFolder: string; mediaDirectory: string } | null
  /** Shows a plain notification (a backup finished); absent where the shell shows none. */
  notify?(title: string, body: string): void
}

/** Everything the IPC handlers may call. Secrets do not appear in any return type. */
export interface DesktopServices {
  capabilities(): AppCapabilities
  settings: AppSettingsSource
  showWindow(): void
  quit(): void
  /**
   * Validates a folder dropped on the window (paths from `webUtils.getPathForFile`), asks in a
   * native box whether to use it, and makes it the download folder; `null` when the user
   * declined.
   */
  setDownloadFolder(paths: readonly string[]): Promise<FolderCheck | null>
  /**
   * Shows a folder picker, validates the choice and lets the window name it as a place to write;
   * `null` when canceled. Changes no setting: the window saves it where it belongs.
   */
  chooseFolder(defaultPath?: string): Promise<FolderCheck | null>
  openDownloadFolder(): Promise<string | null>
  /** The folders requests from the window may write into (target-folder-store.ts). */
  targetFolders: TargetFolderStore
  showItemInFolder(filePath: string): void
  /**
   * Opens a finished file with its default application, asking first in a native box when it is
   * a program, script or installer; resolves to an error message, or null (opened or declined).
   */
  openFile(filePath: string): Promise<string | null>
  openExternal(url: string): Promise<boolean>
  /**
   * Starts dragging the finished files of `jobIds` out of `sender`; call it synchronously from
   * the handler of the renderer's drag-start message. False when none of them can be dragged.
   */
  startDrag(sender: WebContents, jobIds: readonly number[]): boolean
  /** The self-update: its status, "Restart now", and its changes for the window. */
  updates: Pick<UpdateController, 'status' | 'restartNow' | 'onChange'>
  /** Copies or moves finished files to a folder, asking for the folder and for conflicts once. */
  exportJobs(request: ExportRequest, options?: ExportOptions): Promise<ExportOutcome>
}

export interface ExportRequest {
  jobIds: readonly number[]
  mode: TransferMode
  /** A folder the window may write into; absent: main asks for one. */
  destination?: string
}

export interface ExportOptions {
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
}

export type ExportOutcome = ExportSummary | { canceled: true }

/** What IPC registration receives (integration point for the contract's handlers). */
export interface IpcContext {
  /** True only for the main frame of our window showing our renderer. Check it first, always. */
  isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean
  services: DesktopServices
  mainWindow(): BrowserWindow | null
  /** Settings and job changes the renderer should hear about. */
  monitor: DownloadsMonitor
}

/**
 * The integration points (integration.ts fills them). Every member is optional, so the shell
 * starts and is usable (window, tray, settings) without the engine and the IPC contract.
 */
export interface DesktopIntegration {
  /** Creates the engine (JobManager wrapped by `downloadsFromJobManager`). Default: no jobs. */
  createDownloads?(context: EngineContext): DownloadsFacade | Promise<DownloadsFacade>
  /**
   * The app's settings, asked once after `createDownloads`. Default: the first-start settings,
   * kept in memory for this run.
   */
  appSettings?(): AppSettingsSource
  /** Registers the IPC contract handlers; disposed on quit. */
  registerIpc?(context: IpcContext): Disposable
  /** After the machine wakes: reconnect sockets and re-resolve leases that may have expired. */
  reconnect?(): void
  /** Before the machine sleeps: flush progress. */
  suspend?(): void
  /** Names exported files; default keeps each job's file name (with its template folders). */
  exportNaming?: ExportNaming
  /** Where problems are reported; never receives secrets. */
  log?: (message: string, error?: unknown) => void
  /** Clock and timers; tests pass a manual one. Default: the real clock. */
  scheduler?: Scheduler
}
