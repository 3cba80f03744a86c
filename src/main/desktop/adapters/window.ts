import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import type { Disposable } from '../../common/disposable'
import { DisposableStore, toDisposable } from '../../common/disposable'
import type { RendererLocation } from '../policies/security'
import type { WindowCloseDecision } from '../policies/window-close'
import type { Rectangle, WindowPlacement, WindowState } from '../policies/window-state'
import { defaultWindowSize } from '../policies/window-state'
import type { Scheduler } from '../scheduler'

/** The events of `BrowserWindow` the shell listens to. */
type WindowEvent =
  'ready-to-show' | 'resize' | 'move' | 'maximize' | 'unmaximize' | 'show' | 'hide' | 'closed'

/** The part of Electron's `BrowserWindow` the shell uses. */
export interface MainWindowLike {
  readonly webContents: { readonly id: number }
  show(): void
  hide(): void
  focus(): void
  restore(): void
  minimize(): void
  maximize(): void
  isMinimized(): boolean
  isMaximized(): boolean
  isVisible(): boolean
  isDestroyed(): boolean
  getNormalBounds(): Rectangle
  loadURL(url: string): Promise<void>
  loadFile(filePath: string): Promise<void>
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  on(event: WindowEvent, listener: () => void): unknown
  off(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  off(event: WindowEvent, listener: () => void): unknown
}

/** Constructor options for the main window: placement, security, and no flash of white. */
export function mainWindowOptions(input: {
  placement: WindowPlacement
  webPreferences: WebPreferences
  title: string
  /** The window icon on Linux (Windows and macOS take it from the executable / bundle). */
  icon: string | undefined
  backgroundColor: string
}): BrowserWindowConstructorOptions {
  const options: BrowserWindowConstructorOptions = {
    ...input.placement.bounds,
    minWidth: defaultWindowSize.minimumWidth,
    minHeight: defaultWindowSize.minimumHeight,
    title: input.title,
    // Shown on 'ready-to-show' (or never, when starting hidden in the tray).
    show: false,
    backgroundColor: input.backgroundColor,
    autoHideMenuBar: true,
    webPreferences: input.webPreferences,
  }
  if (input.icon) options.icon = input.icon
  return options
}

/** Loads the renderer from the dev server or the built file. */
export async function loadRenderer(
  window: Pick<MainWindowLike, 'loadURL' | 'loadFile'>,
  location: RendererLocation,
  builtIndexPath: string,
): Promise<void> {
  if (location.kind === 'dev-server') await window.loadURL(location.url)
  else await window.loadFile(builtIndexPath)
}

/** Brings the window forward from the tray, the taskbar or a minimized state. */
export function revealWindow(window: MainWindowLike): void {
  if (window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/** Reads the state worth remembering: normal bounds (even while maximized) and maximized. */
export function captureWindowState(window: MainWindowLike): WindowState {
  return { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
}

/**
 * Saves the window state after moves and resizes settle (every `move` event during a drag would
 * otherwise be a file write), and immediately when the window hides or closes.
 */
export function trackWindowState(
  window: MainWindowLike,
  save: (state: WindowState) => void,
  scheduler: Scheduler,
  debounceMs = 500,
): Disposable {
  const store = new DisposableStore()
  let pending: Disposable | null = null
  const saveNow = (): void => {
    pending?.dispose()
    pending = null
    if (!window.isDestroyed()) save(captureWindowState(window))
  }
  const saveLater = (): void => {
    pending?.dispose()
    pending = scheduler.schedule(debounceMs, saveNow)
  }
  const events: WindowEvent[] = ['resize', 'move', 'maximize', 'unmaximize']
  for (const event of events) {
    window.on(event, saveLater)
    store.add(toDisposable(() => window.off(event, saveLater)))
  }
  window.on('hide', saveNow)
  window.on('close', saveNow)
  store.add(
    toDisposable(() => {
      window.off('hide', saveNow)
      window.off('close', saveNow)
      pending?.dispose()
    }),
  )
  return store
}

export interface CloseGuardActions {
  /** Evaluated for every close attempt with the current state of the app. */
  decide: () => WindowCloseDecision
  hide: (decision: Extract<WindowCloseDecision, { kind: 'hide' }>) => void
  quit: () => void
}

/**
 * Intercepts closing the main window and applies the window-close policy. The close is prevented
 * unless the policy says the app is quitting.
 */
export function guardWindowClose(window: MainWindowLike, actions: CloseGuardActions): Disposable {
  const onClose = (event: { preventDefault(): void }): void => {
    const decision = actions.decide()
    switch (decision.kind) {
      case 'allow':
        return
      case 'hide':
        event.preventDefault()
        actions.hide(decision)
        return
      case 'minimize':
        event.preventDefault()
        window.minimize()
        return
      case 'quit':
        event.preventDefault()
        actions.quit()
        return
    }
  }
  window.on('close', onClose)
  return toDisposable(() => window.off('close', onClose))
}
