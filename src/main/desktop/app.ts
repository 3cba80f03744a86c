import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type {
  IpcMainEvent,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  NativeImage,
  WebContents,
} from 'electron'
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  nativeImage,
  powerMonitor,
  powerSaveBlocker,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron'
import type { Language } from '../../shared/errors'
import { AppError } from '../../shared/errors'
import { defaultDownloadFolder, productName } from '../runtime/data-folder'
import { setDockVisible } from './adapters/dock'
import { Dialogs } from './adapters/dialogs'
import { startDragOut } from './adapters/drag'
import { applyLoginItem } from './adapters/login-item'
import { NotificationPresenter } from './adapters/notifications'
import { PowerController, watchPowerEvents } from './adapters/power'
import { createSafeStorageSecretBox } from './adapters/safe-storage'
import { guardWebContents, hardenSession, ipcSenderFromEvent } from './adapters/security'
import { openExternalSafely, openPathWithSystem } from './adapters/shell'
import { acquireSingleInstance } from './adapters/single-instance'
import { TaskbarController } from './adapters/taskbar'
import { TrayController } from './adapters/tray'
import {
  guardWindowClose,
  loadRenderer,
  mainWindowOptions,
  revealWindow,
  trackWindowState,
} from './adapters/window'
import type { Disposable } from './disposable'
import { DisposableStore, toDisposable } from './disposable'
import type { DownloadsFacade } from './downloads'
import { createIdleDownloads } from './downloads'
import { DownloadsMonitor } from './downloads-monitor'
import { DownloadedFileMarker } from './downloaded-file-marker'
import { openDownloadedFile } from './file-opener'
import { FinishedJobNotifier } from './finished-job-notifier'
import { autostartDirectory } from './io/autostart-file'
import type { ExportProgress, ExportSummary } from './io/export-executor'
import { executeExportPlan } from './io/export-executor'
import { createFolderProbe } from './io/folder-probe'
import { createOriginMarkIo, markDownloadedFile } from './io/origin-mark'
import { readJsonFile, writeJsonFile } from './io/json-file'
import { JsonSettingsStore } from './io/settings-file'
import { readBuiltInFeedUrl, readPackageType } from './io/app-update-config'
import { loadElectronUpdater } from './adapters/updater'
import type { UpdatePreferences } from './update-controller'
import { UpdateController } from './update-controller'
import { runningJobCount } from './policies/aggregate'
import { buildDragPayload, jobFilePath } from './policies/drag-payload'
import type { FolderCheck } from './policies/drop-folder'
import { dropFolderConfirmation, validateDownloadFolder } from './policies/drop-folder'
import type { ExportNaming, ExportSource, TransferMode } from './policies/export-plan'
import { planExport } from './policies/export-plan'
import type { DemoPlan } from './policies/demo'
import { planDemo } from './policies/demo'
import { parseLaunchArguments, shouldStartHidden } from './policies/launch'
import { planLoginItem } from './policies/login-item'
import { quitConfirmation } from './policies/quit'
import {
  feedUrlEnvironmentVariable,
  resolveUpdateFeed,
  restartConfirmation,
  updateSupport,
} from './policies/update'
import type { RendererLocation } from './policies/security'
import { isTrustedIpcSender, rendererLocation, secureWebPreferences } from './policies/security'
import { taskbarProgress } from './policies/taskbar-progress'
import type { TrayAction } from './policies/tray-menu'
import { buildTrayMenu, trayIconFile, trayIconVariant, trayTooltip } from './policies/tray-menu'
import { decideWindowClose } from './policies/window-close'
import { restoreWindowPlacement, sanitizeWindowState } from './policies/window-state'
import { QuitCoordinator } from './quit-coordinator'
import { resourcePath } from './resources'
import { TargetFolderStore } from './target-folder-store'
import type { Scheduler } from './scheduler'
import { Throttle, createSystemScheduler } from './scheduler'
import type { DesktopSettingsStore } from './settings'
import { effectiveLanguage } from './settings'
import { desktopStrings, languageFromLocale } from './strings'

/** The electron-builder `appId`; also the Windows AppUserModelID notifications are filed under. */
export const appId = 'com.voddownloader.app'

/** What the engine and the VOD client get from the shell when they are created. */
export interface EngineContext {
  userDataPath: string
  settings: DesktopSettingsStore
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

/**
 * What this shell can do for the renderer; the same shape as the contract's `AppCapabilities`
 * (src/shared/contract/app.ts).
 */
export interface ShellCapabilities {
  revealFiles: boolean
  openFiles: boolean
  dragFiles: boolean
  chooseDirectory: boolean
  tray: boolean
  startAtLogin: boolean
}

/** Everything the IPC handlers may call. Secrets do not appear in any return type. */
export interface DesktopServices {
  capabilities(): ShellCapabilities
  settings: DesktopSettingsStore
  showWindow(): void
  quit(): void
  /**
   * Validates a folder dropped on the window (paths from `webUtils.getPathForFile`), asks in a
   * native box whether to use it, and applies it; `null` when the user declined.
   */
  setDownloadFolder(paths: readonly string[]): Promise<FolderCheck | null>
  /** Shows a folder picker, then validates and applies the choice; `null` when canceled. */
  chooseDownloadFolder(): Promise<FolderCheck | null>
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
  exportJobs(
    request: { jobIds: readonly number[]; mode: TransferMode; destination?: string },
    options?: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void },
  ): Promise<ExportSummary | { canceled: true }>
}

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

/** How often the tray and taskbar are refreshed at most. */
const uiRefreshIntervalMs = 1_000

/**
 * Starts the desktop shell. Synchronous steps that must precede `ready` (profile folder,
 * single-instance lock, AppUserModelID) run at once; the rest runs when Electron is ready.
 */
export function startDesktopApp(integration: DesktopIntegration = {}): void {
  const log =
    integration.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''))
  const launch = parseLaunchArguments(process.argv)
  const demo = planDemo({
    requested: launch.demo,
    packaged: app.isPackaged,
    appDataPath: app.getPath('appData'),
    downloadFolder: defaultDownloadFolder(),
    productName,
  })
  if (demo.kind === 'refused') log(demo.reason)
  if (launch.userDataDirectory) app.setPath('userData', path.resolve(launch.userDataDirectory))
  else if (demo.kind === 'on') app.setPath('userData', demo.userDataDirectory)
  if (process.platform === 'win32') app.setAppUserModelId(app.isPackaged ? appId : process.execPath)

  let desktop: DesktopShell | null = null
  let showRequested = false
  const lock = acquireSingleInstance(app, () => {
    if (desktop) desktop.showWindow()
    else showRequested = true
  })
  if (!lock) {
    app.quit()
    return
  }
  // Quitting is decided by the window-close and quit policies; without this listener Electron
  // would also quit on its own whenever no window is left.
  app.on('window-all-closed', () => undefined)

  app
    .whenReady()
    .then(async () => {
      desktop = await DesktopShell.create(integration, log, demo)
      desktop.disposables.add(lock)
      if (showRequested) desktop.showWindow()
    })
    .catch((error: unknown) => {
      log('The desktop shell failed to start', error)
      app.exit(1)
    })
}

/** The running shell: owns the window, tray, notifications, power and quit handling. */
class DesktopShell {
  readonly disposables = new DisposableStore()
  private window: BrowserWindow | null = null
  private readonly trustedContents = new Set<number>()
  private readonly scheduler: Scheduler
  private readonly platform = process.platform
  private readonly systemLanguage = languageFromLocale(app.getLocale())
  private readonly builtIndexPath = fileURLToPath(
    new URL('../renderer/index.html', import.meta.url),
  )
  private readonly preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
  private readonly location: RendererLocation = rendererLocation({
    devServerUrl: process.env['ELECTRON_RENDERER_URL'],
    isPackaged: app.isPackaged,
    builtIndexUrl: pathToFileURL(this.builtIndexPath).href,
  })
  private readonly windowStatePath = path.join(app.getPath('userData'), 'window-state.json')
  private readonly settings: DesktopSettingsStore
  private readonly presenter: NotificationPresenter
  private readonly dialogs: Dialogs<BrowserWindow>
  private monitor!: DownloadsMonitor
  private quit!: QuitCoordinator
  private updates!: UpdateController
  private fileMarker!: DownloadedFileMarker
  private readonly targetFolders = new TargetFolderStore({
    platform: this.platform,
    configured: () => this.downloadFolder(),
  })
  private taskbar: TaskbarController | null = null
  private tray: TrayController<Menu> | null = null

  private constructor(
    private readonly integration: DesktopIntegration,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly demo: DemoPlan,
  ) {
    this.scheduler = integration.scheduler ?? createSystemScheduler()
    const userData = app.getPath('userData')
    this.settings = new JsonSettingsStore(path.join(userData, 'desktop-settings.json'))
    this.presenter = this.disposables.add(
      new NotificationPresenter({
        create: (options) =>
          new Notification({ ...options, icon: this.resource('icons/256x256.png') }),
        isSupported: () => Notification.isSupported(),
        onClick: () => this.showWindow(),
      }),
    )
    this.dialogs = new Dialogs<BrowserWindow>(dialog, () =>
      this.window && !this.window.isDestroyed() && this.window.isVisible() ? this.window : null,
    )
  }

  static async create(
    integration: DesktopIntegration,
    log: (message: string, error?: unknown) => void,
    demo: DemoPlan,
  ): Promise<DesktopShell> {
    const shell = new DesktopShell(integration, log, demo)
    await shell.start()
    return shell
  }

  private async start(): Promise<void> {
    const { disposables } = this
    hardenSession(session.defaultSession, this.location)
    const onContentsCreated = (_event: unknown, contents: WebContents): void => {
      const guard = guardWebContents(contents, this.location, (url) => void this.openExternal(url))
      contents.once('destroyed', () => guard.dispose())
    }
    app.on('web-contents-created', onContentsCreated)
    disposables.add(toDisposable(() => app.off('web-contents-created', onContentsCreated)))
    Menu.setApplicationMenu(
      this.platform === 'darwin' ? Menu.buildFromTemplate(macApplicationMenu()) : null,
    )

    const downloads =
      (await this.integration.createDownloads?.(this.engineContext())) ?? createIdleDownloads()
    this.monitor = disposables.add(new DownloadsMonitor(downloads))
    this.quit = disposables.add(
      new QuitCoordinator({
        app,
        monitor: this.monitor,
        scheduler: this.scheduler,
        confirm: (running) => this.dialogs.confirmQuit(quitConfirmation(running, this.language())),
        log: this.log,
      }),
    )
    this.updates = disposables.add(this.createUpdateController())
    disposables.add(new PowerController(this.monitor, powerSaveBlocker, this.scheduler))
    disposables.add(
      watchPowerEvents(powerMonitor, {
        onSuspend: () => this.integration.suspend?.(),
        onResume: () => this.integration.reconnect?.(),
        onShutdown: () => this.quit.requestQuit('system'),
      }),
    )
    disposables.add(
      new FinishedJobNotifier({
        monitor: this.monitor,
        scheduler: this.scheduler,
        sink: this.presenter,
        preferences: () => ({ mode: this.settings.get().notifications, language: this.language() }),
      }),
    )
    const markIo = createOriginMarkIo(this.platform)
    this.fileMarker = disposables.add(
      new DownloadedFileMarker({
        monitor: this.monitor,
        mark: (filePath, origin) => markDownloadedFile(filePath, origin, markIo),
        log: this.log,
      }),
    )

    this.tray = this.createTray()
    const refresh = disposables.add(
      new Throttle(this.scheduler, uiRefreshIntervalMs, () => this.renderStatus()),
    )
    disposables.add(this.monitor.onChange(() => refresh.request()))
    disposables.add(
      this.settings.onChange((settings, previous) => {
        refresh.request()
        if (settings.startAtLogin !== previous.startAtLogin) void this.applyStartAtLogin()
      }),
    )
    if (this.settings.get().startAtLogin) void this.applyStartAtLogin()

    const startHidden = shouldStartHidden({
      argv: process.argv,
      platform: this.platform,
      wasOpenedAtLogin: this.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
    })
    this.createWindow(!startHidden)
    if (startHidden && this.tray) await this.setDockForWindowless()
    this.renderStatus()

    const ipc = this.integration.registerIpc?.({
      isTrustedSender: (event) =>
        isTrustedIpcSender(ipcSenderFromEvent(event), {
          webContentsIds: this.trustedContents,
          location: this.location,
        }),
      services: this.services(),
      mainWindow: () => this.window,
      monitor: this.monitor,
    })
    if (ipc) disposables.add(ipc)

    app.on('activate', () => this.showWindow())
    app.once('will-quit', () => {
      try {
        this.disposables.dispose()
      } catch (error) {
        this.log('Releasing the desktop shell failed', error)
      }
    })
  }

  showWindow(): void {
    if (!this.window || this.window.isDestroyed()) this.createWindow(true)
    else revealWindow(this.window)
    if (this.platform === 'darwin') {
      void setDockVisible(app.dock, true).then(() => app.focus({ steal: true }))
    }
  }

  private createWindow(show: boolean): void {
    const saved = sanitizeWindowState(readJsonFile(this.windowStatePath))
    const placement = restoreWindowPlacement(
      saved,
      screen.getAllDisplays().map((display) => ({ workArea: display.workArea })),
    )
    const window = new BrowserWindow(
      mainWindowOptions({
        placement,
        webPreferences: secureWebPreferences(this.preloadPath),
        title: desktopStrings(this.language()).appName,
        icon: this.platform === 'linux' ? this.resource('icons/256x256.png') : undefined,
        backgroundColor: '#1e1f22',
      }),
    )
    this.window = window
    const contentsId = window.webContents.id
    this.trustedContents.add(contentsId)
    const windowScope = new DisposableStore()
    windowScope.add(
      trackWindowState(
        window,
        (state) => writeJsonFile(this.windowStatePath, state),
        this.scheduler,
      ),
    )
    windowScope.add(
      guardWindowClose(window, {
        decide: () => {
          const settings = this.settings.get()
          return decideWindowClose({
            platform: this.platform,
            quitting: this.quit.quitting,
            runningJobs: runningJobCount(this.monitor.aggregate()),
            closeToTray: settings.closeToTray,
            hideDockWhenWindowless: settings.hideDockWhenWindowless,
            trayAvailable: this.tray !== null,
            hintShown: settings.closeToTrayHintShown,
          })
        },
        hide: (decision) => {
          window.hide()
          if (decision.hideDock) app.dock?.hide()
          if (decision.announce) this.announceCloseToTray()
        },
        quit: () => this.quit.requestQuit('user'),
      }),
    )
    this.taskbar = new TaskbarController(window)
    // A hidden window lives for days; if its renderer dies, bring it back instead of leaving a
    // blank window behind the tray icon.
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit' || window.isDestroyed()) return
      this.log(`Renderer process gone (${details.reason}); reloading`)
      void loadRenderer(window, this.location, this.builtIndexPath).catch((error: unknown) =>
        this.log('Reloading the renderer failed', error),
      )
    })
    // Windows ends the session (logout, shutdown, update) through the window.
    window.on('session-end', () => this.quit.requestQuit('system'))
    window.once('ready-to-show', () => {
      if (!show) return
      if (placement.maximized) window.maximize()
      window.show()
    })
    window.once('closed', () => {
      this.trustedContents.delete(contentsId)
      windowScope.dispose()
      if (this.window === window) {
        this.window = null
        this.taskbar = null
      }
    })
    void loadRenderer(window, this.location, this.builtIndexPath).catch((error: unknown) =>
      this.log('Loading the renderer failed', error),
    )
  }

  private createTray(): TrayController<Menu> | null {
    try {
      const tray = new Tray(this.trayIcon('idle'))
      return this.disposables.add(
        new TrayController<Menu>({
          tray,
          buildMenu: (template) => Menu.buildFromTemplate(template),
          iconPath: (variant) => this.trayIcon(variant),
          platform: this.platform,
          onAction: (action) => this.onTrayAction(action),
        }),
      )
    } catch (error) {
      // Some Linux sessions have no tray host at all; the window then minimizes instead of hiding.
      this.log('The tray icon could not be created', error)
      return null
    }
  }

  private onTrayAction(action: TrayAction): void {
    switch (action) {
      case 'show-window':
        this.showWindow()
        return
      case 'pause-all':
        this.monitor.pauseAll().catch((error: unknown) => this.log('Pause all failed', error))
        return
      case 'resume-all':
        this.monitor.resumeAll().catch((error: unknown) => this.log('Resume all failed', error))
        return
      case 'open-download-folder':
        void this.openDownloadFolder()
        return
      case 'quit':
        this.quit.requestQuit('user')
        return
    }
  }

  private renderStatus(): void {
    const aggregate = this.monitor.aggregate()
    const language = this.language()
    this.tray?.render({
      menu: buildTrayMenu({ aggregate, language, hasDownloadFolder: true }),
      tooltip: trayTooltip(aggregate, language),
      icon: trayIconVariant(aggregate),
    })
    this.taskbar?.render(taskbarProgress(aggregate, this.platform))
  }

  private announceCloseToTray(): void {
    const strings = desktopStrings(this.language())
    const running = runningJobCount(this.monitor.aggregate())
    if (this.presenter.notify(strings.closeToTrayTitle, strings.closeToTrayBody(running))) {
      this.settings.update({ closeToTrayHintShown: true })
    }
  }

  private async setDockForWindowless(): Promise<void> {
    if (this.platform === 'darwin' && this.settings.get().hideDockWhenWindowless) {
      await setDockVisible(app.dock, false)
    }
  }

  private async applyStartAtLogin(): Promise<void> {
    const plan = planLoginItem({
      platform: this.platform,
      enabled: this.settings.get().startAtLogin,
      packaged: app.isPackaged,
      executablePath: process.execPath,
      appImagePath: process.env['APPIMAGE'],
      appName: app.getName(),
    })
    try {
      await applyLoginItem(plan, app, autostartDirectory())
    } catch (error) {
      this.log('Updating the login item failed', error)
    }
  }

  private language(): Language {
    return effectiveLanguage(this.settings.get(), this.systemLanguage)
  }

  private downloadFolder(): string {
    return this.settings.get().downloadFolder ?? app.getPath('downloads')
  }

  private resource(relative: string): string {
    return resourcePath(app.getAppPath(), app.isPackaged, relative)
  }

  private trayIcon(variant: Parameters<typeof trayIconFile>[0]): string {
    return this.resource(trayIconFile(variant, this.platform))
  }

  private openExternal(url: string): Promise<boolean> {
    return openExternalSafely(shell, url).catch((error: unknown) => {
      this.log('Opening a link failed', error)
      return false
    })
  }

  private async openDownloadFolder(): Promise<string | null> {
    const error = await openPathWithSystem(shell, this.downloadFolder())
    if (error) this.log(`Opening the download folder failed: ${error}`)
    return error
  }

  private engineContext(): EngineContext {
    return {
      userDataPath: app.getPath('userData'),
      settings: this.settings,
      secretBox: createSafeStorageSecretBox(safeStorage, this.platform, () => this.language()),
      downloadFolder: () => this.downloadFolder(),
      language: () => this.language(),
      demo:
        this.demo.kind === 'on'
          ? { downloadFolder: this.demo.downloadFolder, mediaDirectory: this.resource('emulator') }
          : null,
      notify: (title, body) => {
        if (this.settings.get().notifications !== 'none') this.presenter.notify(title, body)
      },
    }
  }

  private services(): DesktopServices {
    const applyDownloadFolder = async (
      paths: readonly string[],
      confirm: (folder: string) => Promise<boolean>,
    ): Promise<FolderCheck | null> => {
      const check = await validateDownloadFolder(
        paths,
        createFolderProbe(),
        undefined,
        this.platform,
      )
      if (!check.ok) return check
      if (!(await confirm(check.path))) return null
      this.targetFolders.grant(check.path)
      this.settings.update({ downloadFolder: check.path })
      return check
    }
    return {
      capabilities: () => ({
        revealFiles: true,
        openFiles: true,
        dragFiles: true,
        chooseDirectory: true,
        tray: this.tray !== null,
        startAtLogin:
          planLoginItem({
            platform: this.platform,
            enabled: true,
            packaged: app.isPackaged,
            executablePath: process.execPath,
            appImagePath: process.env['APPIMAGE'],
            appName: app.getName(),
          }).kind !== 'unsupported',
      }),
      settings: this.settings,
      showWindow: () => this.showWindow(),
      quit: () => this.quit.requestQuit('user'),
      // Only the window sees a drop, so main confirms it; a folder picked in main's own dialog
      // needs no second question.
      setDownloadFolder: (paths) =>
        applyDownloadFolder(paths, (folder) =>
          this.dialogs.confirmDroppedFolder(dropFolderConfirmation(folder, this.language())),
        ),
      chooseDownloadFolder: async () => {
        const strings = desktopStrings(this.language())
        const folder = await this.dialogs.chooseFolder(
          strings.chooseDownloadFolder,
          strings.chooseButton,
          this.downloadFolder(),
        )
        return folder === null ? null : applyDownloadFolder([folder], () => Promise.resolve(true))
      },
      openDownloadFolder: () => this.openDownloadFolder(),
      targetFolders: this.targetFolders,
      showItemInFolder: (filePath) => shell.showItemInFolder(filePath),
      openFile: (filePath) =>
        openDownloadedFile(filePath, {
          platform: this.platform,
          open: (file) => openPathWithSystem(shell, file),
          confirm: (confirmation) => this.dialogs.confirmOpen(confirmation),
          language: () => this.language(),
        }),
      openExternal: (url) => this.openExternal(url),
      startDrag: (sender, jobIds) => {
        const jobs = jobIds.flatMap((id) => this.monitor.job(id) ?? [])
        const payload = buildDragPayload(jobs, existsSync, this.platform)
        if (!payload) return false
        startDragOut<NativeImage>(
          sender,
          payload,
          (icon) => nativeImage.createFromPath(this.resource(`drag/${icon}.png`)),
          () =>
            nativeImage.createFromBitmap(Buffer.alloc(16 * 16 * 4, 0x80), {
              width: 16,
              height: 16,
            }),
        )
        return true
      },
      exportJobs: (request, options) => this.exportJobs(request, options),
      updates: this.updates,
    }
  }

  /**
   * The self-update (policies/update.ts): installed builds only, never a development build, and
   * only with a feed that is not electron-builder.yml's placeholder.
   */
  private createUpdateController(): UpdateController {
    const resources = process.resourcesPath
    const preferences = (): UpdatePreferences => {
      const settings = this.settings.get()
      return { enabled: settings.autoUpdate, channel: settings.updateChannel }
    }
    return new UpdateController({
      support: updateSupport({
        packaged: app.isPackaged,
        platform: this.platform,
        appImagePath: process.env['APPIMAGE'],
        packageType: app.isPackaged ? readPackageType(resources) : null,
      }),
      feed: resolveUpdateFeed({
        environment: process.env[feedUrlEnvironmentVariable],
        setting: this.settings.get().updateFeedUrl,
        builtIn: app.isPackaged ? readBuiltInFeedUrl(resources) : null,
      }),
      loadUpdater: loadElectronUpdater,
      preferences,
      onPreferencesChange: (listener) =>
        this.settings.onChange((next, previous) => {
          if (
            next.autoUpdate !== previous.autoUpdate ||
            next.updateChannel !== previous.updateChannel
          )
            listener()
        }),
      monitor: this.monitor,
      scheduler: this.scheduler,
      askRestart: (running, version) =>
        this.dialogs.askRestart(restartConfirmation(running, version, this.language())),
      prepareRestart: () => this.quit.prepareRestart(),
      relaunch: () => {
        app.relaunch()
        app.quit()
      },
      notifyReady: (version) => {
        const strings = desktopStrings(this.language())
        this.presenter.notify(strings.updateReadyTitle, strings.updateReadyBody(version))
      },
      log: this.log,
    })
  }

  private async exportJobs(
    request: { jobIds: readonly number[]; mode: TransferMode; destination?: string },
    options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void } = {},
  ): Promise<ExportSummary | { canceled: true }> {
    const language = this.language()
    const strings = desktopStrings(language)
    let destination = request.destination ?? null
    if (destination === null) {
      destination = await this.dialogs.chooseFolder(
        strings.chooseExportFolder,
        strings.chooseButton,
      )
      if (destination === null) return { canceled: true }
      this.targetFolders.grant(destination)
    }
    this.targetFolders.require(destination)
    const sources: ExportSource[] = request.jobIds.flatMap((id) => {
      const job = this.monitor.job(id)
      if (!job || job.state !== 'completed') return []
      return [{ job, path: jobFilePath(job), size: job.totalBytes }]
    })
    const naming = this.integration.exportNaming ?? ((source: ExportSource) => source.job.fileName)
    const caseInsensitive = this.platform === 'win32' || this.platform === 'darwin'
    const plan = (conflictPolicy: Parameters<typeof planExport>[0]['conflictPolicy']) =>
      planExport({
        sources,
        destination,
        mode: request.mode,
        name: naming,
        conflictPolicy,
        exists: existsSync,
        caseInsensitive,
      })
    let result = plan(null)
    if (result.kind === 'needs-conflict-policy') {
      const policy = await this.dialogs.askConflictPolicy(result.conflicts.length, language)
      if (policy === null) return { canceled: true }
      result = plan(policy)
    }
    if (result.kind !== 'ready')
      throw new AppError('Internal', 'the export plan still has conflicts')
    const root = path.resolve(destination)
    return executeExportPlan(result, {
      ...options,
      onTransferred: async ({ jobId, mode, target }) => {
        // A moved file is the job's file now: recorded at once, so no later file action (Remove
        // with files included) touches whatever takes the old name.
        if (mode === 'move') {
          const fileName = path.relative(root, target).split(path.sep).join('/')
          await this.monitor
            .relocate(jobId, root, fileName)
            .catch((error: unknown) =>
              this.log(`Job ${jobId} was moved, but its new place was not recorded`, error),
            )
        }
        // Copies are new files: they get the mark of the download they came from.
        const job = this.monitor.job(jobId)
        if (job) this.fileMarker.mark(job, target)
      },
    })
  }
}

/** macOS needs an application menu for Cmd+Q, Cmd+W and the Edit shortcuts (Cmd+C, Cmd+V). */
function macApplicationMenu(): MenuItemConstructorOptions[] {
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]
}
