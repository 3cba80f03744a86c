import path from 'node:path'
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron'
import {
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  powerMonitor,
  powerSaveBlocker,
  safeStorage,
  shell,
} from 'electron'
import type { Language } from '../../shared/errors'
import { createDefaultSettings } from '../../shared/settings'
import { defaultDownloadFolder, productName } from '../runtime/data-folder'
import { setDockVisible } from './adapters/dock'
import { Dialogs } from './adapters/dialogs'
import { applyLoginItem } from './adapters/login-item'
import { NotificationPresenter } from './adapters/notifications'
import { PowerController, watchPowerEvents } from './adapters/power'
import { createSafeStorageSecretBox } from './adapters/safe-storage'
import { openExternalSafely, openPathWithSystem } from './adapters/shell'
import { acquireSingleInstance } from './adapters/single-instance'
import { TrayController } from './adapters/tray'
import { loadElectronUpdater } from './adapters/updater'
import { MemoryAppSettings } from './app-settings'
import { createDesktopServices } from './desktop-services'
import { DisposableStore } from '../common/disposable'
import { createIdleDownloads } from './downloads'
import { DownloadsMonitor } from './downloads-monitor'
import { DownloadedFileMarker } from './downloaded-file-marker'
import { exportJobs } from './export-workflow'
import { FinishedJobNotifier } from './finished-job-notifier'
import { readBuiltInFeedUrl, readPackageType } from './io/app-update-config'
import { autostartDirectory } from './io/autostart-file'
import { createOriginMarkIo, markDownloadedFile } from './io/origin-mark'
import { JsonSettingsStore, desktopSettingsFileName } from './io/settings-file'
import { MainWindow } from './main-window'
import { runningJobCount } from './policies/aggregate'
import type { DemoPlan } from './policies/demo'
import { planDemo } from './policies/demo'
import { parseLaunchArguments, shouldStartHidden } from './policies/launch'
import { planLoginItem } from './policies/login-item'
import { quitConfirmation } from './policies/quit'
import type { TrayAction } from './policies/tray-menu'
import { buildTrayMenu, trayIconFile, trayIconVariant, trayTooltip } from './policies/tray-menu'
import { taskbarProgress } from './policies/taskbar-progress'
import {
  feedUrlEnvironmentVariable,
  resolveUpdateFeed,
  restartConfirmation,
  updateSupport,
} from './policies/update'
import { decideWindowClose } from './policies/window-close'
import { QuitCoordinator } from './quit-coordinator'
import { resourcePath } from './resources'
import type { Scheduler } from './scheduler'
import { Throttle, createSystemScheduler } from './scheduler'
import { effectiveLanguage } from './settings'
import type {
  AppSettingsSource,
  DesktopIntegration,
  DesktopServices,
  EngineContext,
} from './shell-contract'
import { desktopStrings, languageFromLocale } from './strings'
import { TargetFolderStore } from './target-folder-store'
import type { UpdatePreferences } from './update-controller'
import { UpdateController } from './update-controller'

/** The electron-builder `appId`; also the Windows AppUserModelID notifications are filed under. */
export const appId = 'com.voddownloader.app'

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

/**
 * The running shell: owns the tray, notifications, power and quit handling, and wires the main
 * window (main-window.ts) and the services façade (desktop-services.ts) to them.
 */
class DesktopShell {
  readonly disposables = new DisposableStore()
  private readonly scheduler: Scheduler
  private readonly platform = process.platform
  private readonly systemLanguage = languageFromLocale(app.getLocale())
  /** The shell's own state (desktop-settings.json). */
  private readonly shellState: JsonSettingsStore
  /**
   * The app's settings: the job database's once the engine is plugged in (`appSettings`), the
   * first-start settings before that and without an engine.
   */
  private settings: AppSettingsSource
  private readonly presenter: NotificationPresenter
  private readonly dialogs: Dialogs<BrowserWindow>
  private readonly window: MainWindow
  private monitor!: DownloadsMonitor
  private quit!: QuitCoordinator
  private updates!: UpdateController
  private fileMarker!: DownloadedFileMarker
  private readonly targetFolders = new TargetFolderStore({
    platform: this.platform,
    configured: () => this.downloadFolder(),
  })
  private tray: TrayController<Menu> | null = null

  private constructor(
    private readonly integration: DesktopIntegration,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly demo: DemoPlan,
  ) {
    this.scheduler = integration.scheduler ?? createSystemScheduler()
    const userData = app.getPath('userData')
    this.shellState = new JsonSettingsStore(path.join(userData, desktopSettingsFileName))
    this.settings = new MemoryAppSettings(createDefaultSettings(app.getPath('downloads')))
    this.presenter = this.disposables.add(
      new NotificationPresenter({
        create: (options) =>
          new Notification({ ...options, icon: this.resource('icons/256x256.png') }),
        isSupported: () => Notification.isSupported(),
        onClick: () => this.showWindow(),
      }),
    )
    this.window = new MainWindow({
      platform: this.platform,
      scheduler: this.scheduler,
      log: this.log,
      title: () => desktopStrings(this.language()).appName,
      iconPath: () => this.resource('icons/256x256.png'),
      openExternal: (url) => void this.openExternal(url),
      decideClose: () => {
        const settings = this.settings.current()
        const state = this.shellState.get()
        return decideWindowClose({
          platform: this.platform,
          quitting: this.quit.quitting,
          runningJobs: runningJobCount(this.monitor.aggregate()),
          closeToTray: settings.closeToTray,
          hideDockWhenWindowless: state.hideDockWhenWindowless,
          trayAvailable: this.tray !== null,
          hintShown: state.closeToTrayHintShown,
        })
      },
      onHidden: (decision) => {
        if (decision.hideDock) app.dock?.hide()
        if (decision.announce) this.announceCloseToTray()
      },
      quit: () => this.quit.requestQuit('user'),
      endSession: () => this.quit.requestQuit('system'),
    })
    this.dialogs = new Dialogs<BrowserWindow>(dialog, () => this.window.visible())
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
    disposables.add(this.window.harden())
    Menu.setApplicationMenu(
      this.platform === 'darwin' ? Menu.buildFromTemplate(macApplicationMenu()) : null,
    )

    const downloads =
      (await this.integration.createDownloads?.(this.engineContext())) ?? createIdleDownloads()
    const appSettings = this.integration.appSettings?.()
    if (appSettings) this.settings = appSettings
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
        preferences: () => ({
          mode: this.settings.current().notifications,
          language: this.language(),
        }),
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
    if (this.settings.current().startAtLogin) void this.applyStartAtLogin()

    const startHidden = shouldStartHidden({
      argv: process.argv,
      platform: this.platform,
      wasOpenedAtLogin: this.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin,
    })
    this.window.create(!startHidden)
    if (startHidden && this.tray) await this.setDockForWindowless()
    this.renderStatus()

    const ipc = this.integration.registerIpc?.({
      isTrustedSender: (event) => this.window.isTrustedSender(event),
      services: this.services(),
      mainWindow: () => this.window.current(),
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
    this.window.show()
    if (this.platform === 'darwin') {
      void setDockVisible(app.dock, true).then(() => app.focus({ steal: true }))
    }
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
    this.window.taskbar()?.render(taskbarProgress(aggregate, this.platform))
  }

  private announceCloseToTray(): void {
    const strings = desktopStrings(this.language())
    const running = runningJobCount(this.monitor.aggregate())
    if (this.presenter.notify(strings.closeToTrayTitle, strings.closeToTrayBody(running))) {
      this.shellState.update({ closeToTrayHintShown: true })
    }
  }

  private async setDockForWindowless(): Promise<void> {
    if (this.platform === 'darwin' && this.shellState.get().hideDockWhenWindowless) {
      await setDockVisible(app.dock, false)
    }
  }

  private loginItemPlan(enabled: boolean): ReturnType<typeof planLoginItem> {
    return planLoginItem({
      platform: this.platform,
      enabled,
      packaged: app.isPackaged,
      executablePath: process.execPath,
      appImagePath: process.env['APPIMAGE'],
      appName: app.getName(),
    })
  }

  private async applyStartAtLogin(): Promise<void> {
    const plan = this.loginItemPlan(this.settings.current().startAtLogin)
    try {
      await applyLoginItem(plan, app, autostartDirectory())
    } catch (error) {
      this.log('Updating the login item failed', error)
    }
  }

  private language(): Language {
    return effectiveLanguage(this.settings.current(), this.systemLanguage)
  }

  private downloadFolder(): string {
    return this.settings.current().downloadDirectory
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
      settings: this.shellState,
      secretBox: createSafeStorageSecretBox(safeStorage, this.platform, () => this.language()),
      downloadFolder: () => this.downloadFolder(),
      language: () => this.language(),
      demo:
        this.demo.kind === 'on'
          ? { downloadFolder: this.demo.downloadFolder, mediaDirectory: this.resource('emulator') }
          : null,
      notify: (title, body) => {
        if (this.settings.current().notifications !== 'none') this.presenter.notify(title, body)
      },
    }
  }

  private services(): DesktopServices {
    return createDesktopServices({
      platform: this.platform,
      language: () => this.language(),
      downloadFolder: () => this.downloadFolder(),
      settings: this.settings,
      targetFolders: this.targetFolders,
      dialogs: this.dialogs,
      monitor: this.monitor,
      capabilities: {
        tray: () => this.tray !== null,
        startAtLogin: () => this.loginItemPlan(true).kind !== 'unsupported',
      },
      showWindow: () => this.showWindow(),
      quit: () => this.quit.requestQuit('user'),
      openDownloadFolder: () => this.openDownloadFolder(),
      openExternal: (url) => this.openExternal(url),
      resource: (relative) => this.resource(relative),
      exportJobs: (request, options = {}) =>
        exportJobs(request, options, {
          platform: this.platform,
          language: () => this.language(),
          job: (id) => this.monitor.job(id),
          chooseFolder: (title, buttonLabel) => this.dialogs.chooseFolder(title, buttonLabel),
          askConflictPolicy: (conflicts, language) =>
            this.dialogs.askConflictPolicy(conflicts, language),
          targetFolders: this.targetFolders,
          relocate: (jobId, directory, fileName) =>
            this.monitor.relocate(jobId, directory, fileName),
          markCopy: (job, filePath) => this.fileMarker.mark(job, filePath),
          naming: this.integration.exportNaming,
          log: this.log,
        }),
      updates: this.updates,
    })
  }

  /**
   * The self-update (policies/update.ts): installed builds only, never a development build, and
   * only with a feed that is not electron-builder.yml's placeholder.
   */
  private createUpdateController(): UpdateController {
    const resources = process.resourcesPath
    const preferences = (): UpdatePreferences => {
      const settings = this.settings.current()
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
        setting: this.shellState.get().updateFeedUrl,
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
}

/** macOS needs an application menu for Cmd+Q, Cmd+W and the Edit shortcuts (Cmd+C, Cmd+V). */
function macApplicationMenu(): MenuItemConstructorOptions[] {
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]
}
