// Hand-written stand-ins for the few Electron objects the shell touches. Each implements only the
// subset the adapters declare, and records what was done to it.
// Option types are declared loosely here: only the desktop shell itself may import electron.
import type { LinuxStorageBackend } from '../../../../src/main/desktop/policies/secret-storage'

type Listener = (...args: never[]) => unknown

/** The parts of `MenuItemConstructorOptions` the tray uses. */
export interface MenuEntry {
  label?: string
  enabled?: boolean
  type?: string
  click?: unknown
}

/** The parts of dialog options the tests read. */
export interface DialogOptions {
  message?: string
  buttons?: string[]
  cancelId?: number
  defaultPath?: string
  properties?: string[]
}

/** A tiny event emitter with the on/off/once/emit shape Electron objects have. */
export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  once(event: string, listener: Listener): this {
    const wrapper = (...args: never[]): unknown => {
      this.off(event, wrapper)
      return listener(...args)
    }
    return this.on(event, wrapper)
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener),
    )
    return this
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      ;(listener as (...values: unknown[]) => unknown)(...args)
    }
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
}

/** A preventable event, like Electron's `Event`. */
export class FakeEvent {
  defaultPrevented = false
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

/** `Menu` stand-in: keeps the template it was built from. */
export class FakeMenu {
  constructor(readonly template: readonly MenuEntry[]) {}

  /** Clicks the item with this label, as a user would. */
  click(label: string): void {
    const item = this.template.find((entry) => entry.label === label)
    if (!item?.click) throw new Error(`no clickable item "${label}"`)
    if (item.enabled === false) throw new Error(`item "${label}" is disabled`)
    ;(item.click as () => void)()
  }
}

export class FakeTray extends FakeEmitter {
  image: string | null = null
  toolTip: string | null = null
  menu: FakeMenu | null = null
  readonly calls: string[] = []
  destroyed = false

  setImage(image: string): void {
    this.calls.push('setImage')
    this.image = image
  }

  setToolTip(toolTip: string): void {
    this.calls.push('setToolTip')
    this.toolTip = toolTip
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.calls.push('setContextMenu')
    this.menu = menu
  }

  destroy(): void {
    this.destroyed = true
  }
}

export class FakeNotification extends FakeEmitter {
  shown = false
  closed = false
  constructor(readonly options: { title: string; body: string; silent: boolean }) {
    super()
  }

  show(): void {
    this.shown = true
  }

  close(): void {
    this.closed = true
    this.emit('close')
  }
}

export class FakePowerSaveBlocker {
  private nextId = 1
  readonly active = new Set<number>()
  readonly log: string[] = []

  start(type: 'prevent-app-suspension'): number {
    const id = this.nextId++
    this.active.add(id)
    this.log.push(`start ${type}`)
    return id
  }

  stop(id: number): boolean {
    this.log.push('stop')
    return this.active.delete(id)
  }

  isStarted(id: number): boolean {
    return this.active.has(id)
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  readonly webContents = { id: 7 }
  visible = false
  minimized = false
  maximized = false
  destroyed = false
  focused = false
  bounds = { x: 10, y: 20, width: 1000, height: 700 }
  loaded: string | null = null
  readonly progress: { value: number; mode: string | undefined }[] = []

  show(): void {
    this.visible = true
    this.emit('show')
  }
  hide(): void {
    this.visible = false
    this.emit('hide')
  }
  focus(): void {
    this.focused = true
  }
  restore(): void {
    this.minimized = false
  }
  minimize(): void {
    this.minimized = true
  }
  maximize(): void {
    this.maximized = true
    this.emit('maximize')
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isVisible(): boolean {
    return this.visible
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds }
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url
    return Promise.resolve()
  }
  loadFile(filePath: string): Promise<void> {
    this.loaded = filePath
    return Promise.resolve()
  }
  setProgressBar(value: number, options?: { mode: string }): void {
    this.progress.push({ value, mode: options?.mode })
  }

  /** Simulates the user closing the window; returns whether the close was prevented. */
  userClose(): boolean {
    const event = new FakeEvent()
    this.emit('close', event)
    return event.defaultPrevented
  }
}

/** `app` stand-in for quitting, single instance and login items. */
export class FakeApp extends FakeEmitter {
  quitCalls = 0
  exited = false
  hasLock = true
  loginItemSettings: unknown[] = []

  /** Emits `before-quit` like Electron; when nobody prevents it, the app counts as exited. */
  quit(): void {
    this.quitCalls++
    const event = new FakeEvent()
    this.emit('before-quit', event)
    if (!event.defaultPrevented) this.exited = true
  }

  requestSingleInstanceLock(): boolean {
    return this.hasLock
  }

  setLoginItemSettings(settings: unknown): void {
    this.loginItemSettings.push(settings)
  }
}

/** `dialog` stand-in answering with queued responses. */
export class FakeDialog<Parent> {
  readonly messageBoxes: { parent: Parent | null; options: DialogOptions }[] = []
  readonly openDialogs: { parent: Parent | null; options: DialogOptions }[] = []
  responses: number[] = []
  openResult: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] }

  showMessageBox(
    parentOrOptions: Parent | DialogOptions,
    maybeOptions?: DialogOptions,
  ): Promise<{ response: number }> {
    const [parent, options] = maybeOptions
      ? [parentOrOptions as Parent, maybeOptions]
      : [null, parentOrOptions as DialogOptions]
    this.messageBoxes.push({ parent, options })
    return Promise.resolve({ response: this.responses.shift() ?? 0 })
  }

  showOpenDialog(
    parentOrOptions: Parent | DialogOptions,
    maybeOptions?: DialogOptions,
  ): Promise<{ canceled: boolean; filePaths: string[] }> {
    const [parent, options] = maybeOptions
      ? [parentOrOptions as Parent, maybeOptions]
      : [null, parentOrOptions as DialogOptions]
    this.openDialogs.push({ parent, options })
    return Promise.resolve(this.openResult)
  }
}

export class FakeShell {
  readonly opened: string[] = []
  readonly external: string[] = []
  readonly revealed: string[] = []
  openPathError = ''

  openExternal(url: string): Promise<void> {
    this.external.push(url)
    return Promise.resolve()
  }
  openPath(path: string): Promise<string> {
    this.opened.push(path)
    return Promise.resolve(this.openPathError)
  }
  showItemInFolder(fullPath: string): void {
    this.revealed.push(fullPath)
  }
}

/** `safeStorage` stand-in: "encrypts" by reversing bytes and prefixing a marker. */
export class FakeSafeStorage {
  available = true
  backend: LinuxStorageBackend = 'gnome_libsecret'

  isEncryptionAvailable(): boolean {
    return this.available
  }
  getSelectedStorageBackend(): LinuxStorageBackend {
    return this.backend
  }
  encryptString(plainText: string): Buffer {
    return Buffer.concat([Buffer.from('ENC:'), Buffer.from(plainText, 'utf8').reverse()])
  }
  decryptString(encrypted: Buffer): string {
    if (!encrypted.subarray(0, 4).equals(Buffer.from('ENC:')))
      throw new Error('Error while decrypting the ciphertext')
    return Buffer.from(encrypted.subarray(4)).reverse().toString('utf8')
  }
}

export class FakeImage {
  constructor(
    readonly name: string,
    private readonly empty = false,
  ) {}
  isEmpty(): boolean {
    return this.empty
  }
}
