import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron'
import { BrowserWindow, app, screen, session } from 'electron'
import { guardWebContents, hardenSession, ipcSenderFromEvent } from './adapters/security'
import { TaskbarController } from './adapters/taskbar'
import {
  guardWindowClose,
  loadRenderer,
  mainWindowOptions,
  revealWindow,
  trackWindowState,
} from './adapters/window'
import type { Disposable } from '../common/disposable'
import { DisposableStore, toDisposable } from '../common/disposable'
import { readJsonFile, writeJsonFile } from './io/json-file'
import type { RendererLocation } from './policies/security'
import { isTrustedIpcSender, rendererLocation, secureWebPreferences } from './policies/security'
import type { WindowCloseDecision } from './policies/window-close'
import { restoreWindowPlacement, sanitizeWindowState } from './policies/window-state'
import type { Scheduler } from './scheduler'

export interface MainWindowOptions {
  platform: NodeJS.Platform
  scheduler: Scheduler
  log: (message: string, error?: unknown) => void
  /** The title, in the language in effect when the window is created. */
  title: () => string
  /** The window icon (Linux only; the other systems take the app's). */
  iconPath: () => string
  /** Where links the renderer may not navigate to go instead (the system browser). */
  openExternal: (url: string) => void
  /** What closing the window means now (policies/window-close.ts). */
  decideClose: () => WindowCloseDecision
  /** The window was hidden by closing it. */
  onHidden: (decision: Extract<WindowCloseDecision, { kind: 'hide' }>) => void
  /** Closing the window quits the app. */
  quit: () => void
  /** Windows ends the session (logout, shutdown, update). */
  endSession: () => void
}

/**
 * The main window and what keeps it safe: the hardened session, the guard on every web contents
 * (navigation, new windows), the sandboxed web preferences with the preload, the renderer's
 * location, and the set of web contents whose IPC messages are trusted. It also restores and
 * saves the window's placement (window-state.json) and owns the taskbar progress of the window.
 */
export class MainWindow {
  readonly location: RendererLocation
  private window: BrowserWindow | null = null
  private progress: TaskbarController | null = null
  private readonly trustedContents = new Set<number>()
  private readonly builtIndexPath = fileURLToPath(
    new URL('../renderer/index.html', import.meta.url),
  )
  private readonly preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
  private readonly windowStatePath = path.join(app.getPath('userData'), 'window-state.json')

  constructor(private readonly options: MainWindowOptions) {
    this.location = rendererLocation({
      devServerUrl: process.env['ELECTRON_RENDERER_URL'],
      isPackaged: app.isPackaged,
      builtIndexUrl: pathToFileURL(this.builtIndexPath).href,
    })
  }

  /** Locks down the default session and guards every web contents created from now on. */
  harden(): Disposable {
    hardenSession(session.defaultSession, this.location)
    const onContentsCreated = (_event: unknown, contents: WebContents): void => {
      const guard = guardWebContents(contents, this.location, (url) =>
        this.options.openExternal(url),
      )
      contents.once('destroyed', () => guard.dispose())
    }
    app.on('web-contents-created', onContentsCreated)
    return toDisposable(() => app.off('web-contents-created', onContentsCreated))
  }

  /** True only for the main frame of our window showing our renderer. */
  isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    return isTrustedIpcSender(ipcSenderFromEvent(event), {
      webContentsIds: this.trustedContents,
      location: this.location,
    })
  }

  current(): BrowserWindow | null {
    return this.window
  }

  /** The window when it is on screen (a parent for native dialogs), else null. */
  visible(): BrowserWindow | null {
    const window = this.window
    return window && !window.isDestroyed() && window.isVisible() ? window : null
  }

  /** The taskbar progress of the window, while there is one. */
  taskbar(): TaskbarController | null {
    return this.progress
  }

  /** Brings the window back, or creates it when it was closed. */
  show(): void {
    if (!this.window || this.window.isDestroyed()) this.create(true)
    else revealWindow(this.window)
  }

  create(show: boolean): void {
    const { options } = this
    const saved = sanitizeWindowState(readJsonFile(this.windowStatePath))
    const placement = restoreWindowPlacement(
      saved,
      screen.getAllDisplays().map((display) => ({ workArea: display.workArea })),
    )
    const window = new BrowserWindow(
      mainWindowOptions({
        placement,
        webPreferences: secureWebPreferences(this.preloadPath),
        title: options.title(),
        icon: options.platform === 'linux' ? options.iconPath() : undefined,
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
        options.scheduler,
      ),
    )
    windowScope.add(
      guardWindowClose(window, {
        decide: options.decideClose,
        hide: (decision) => {
          window.hide()
          options.onHidden(decision)
        },
        quit: options.quit,
      }),
    )
    this.progress = new TaskbarController(window)
    // A hidden window lives for days; if its renderer dies, bring it back instead of leaving a
    // blank window behind the tray icon.
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit' || window.isDestroyed()) return
      options.log(`Renderer process gone (${details.reason}); reloading`)
      void loadRenderer(window, this.location, this.builtIndexPath).catch((error: unknown) =>
        options.log('Reloading the renderer failed', error),
      )
    })
    // Windows ends the session (logout, shutdown, update) through the window.
    window.on('session-end', () => options.endSession())
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
        this.progress = null
      }
    })
    void loadRenderer(window, this.location, this.builtIndexPath).catch((error: unknown) =>
      options.log('Loading the renderer failed', error),
    )
  }
}
