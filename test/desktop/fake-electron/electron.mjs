// A hand-written stand-in for the `electron` module, just wide enough for src/main/desktop/app.ts.
// Every call that matters is appended to `log`, which the driver prints for the test to check.
import { EventEmitter } from 'node:events'

const log = []
const record = (...parts) => log.push(parts.join(' '))

function preventable() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false
  dock = undefined
  paths = { userData: '', downloads: '/downloads' }
  exited = false
  setPath(name, value) {
    this.paths[name] = value
  }
  getPath(name) {
    return this.paths[name]
  }
  getAppPath() {
    return process.cwd()
  }
  getName() {
    return 'VOD Downloader'
  }
  getVersion() {
    return '0.1.0'
  }
  getLocale() {
    return 'en-US'
  }
  setAppUserModelId() {}
  requestSingleInstanceLock() {
    return true
  }
  whenReady() {
    return Promise.resolve()
  }
  getLoginItemSettings() {
    return { wasOpenedAtLogin: false }
  }
  setLoginItemSettings(settings) {
    record('login', JSON.stringify(settings))
  }
  focus() {}
  /** Like Electron: before-quit (preventable), then windows close, then will-quit. */
  quit() {
    record('app.quit')
    const event = preventable()
    this.emit('before-quit', event)
    if (event.defaultPrevented) return
    for (const window of BrowserWindow.getAllWindows()) window.close()
    this.emit('will-quit', preventable())
    this.exited = true
    record('exited')
  }
  exit(code) {
    record('app.exit', code)
  }
}

export const app = new FakeApp()

let nextContentsId = 1
class FakeWebContents extends EventEmitter {
  id = nextContentsId++
  mainFrame = {}
  setWindowOpenHandler(handler) {
    this.openHandler = handler
  }
  startDrag(item) {
    record('startDrag', JSON.stringify(item.files))
  }
}

const windows = []
export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((window) => !window.destroyed)
  }
  constructor(options) {
    super()
    this.options = options
    this.webContents = new FakeWebContents()
    this.visible = false
    this.destroyed = false
    windows.push(this)
    record(
      'window.create',
      `sandbox=${options.webPreferences.sandbox}`,
      `contextIsolation=${options.webPreferences.contextIsolation}`,
    )
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadURL(url) {
    record('window.load', url)
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  loadFile(file) {
    record('window.load', file.split(/[\\/]/).slice(-2).join('/'))
    setImmediate(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show() {
    this.visible = true
    record('window.show')
    this.emit('show')
  }
  hide() {
    this.visible = false
    record('window.hide')
    this.emit('hide')
  }
  focus() {}
  restore() {}
  minimize() {
    record('window.minimize')
  }
  maximize() {}
  isMinimized() {
    return false
  }
  isMaximized() {
    return false
  }
  isVisible() {
    return this.visible
  }
  isDestroyed() {
    return this.destroyed
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 900, height: 600 }
  }
  setProgressBar(value, options) {
    record('progress', value, options?.mode)
  }
  close() {
    const event = preventable()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.destroyed = true
    record('window.closed')
    this.emit('closed')
  }
}

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: () => undefined,
}

export class Notification extends EventEmitter {
  static isSupported() {
    return true
  }
  constructor(options) {
    super()
    this.options = options
  }
  show() {
    record('notify', `${this.options.title}: ${this.options.body}`)
  }
  close() {}
}

export class Tray extends EventEmitter {
  constructor(image) {
    super()
    fake.tray = this
    record('tray.create', image.split(/[\\/]/).slice(-1)[0])
  }
  setImage(image) {
    record('tray.icon', image.split(/[\\/]/).slice(-1)[0])
  }
  setToolTip(text) {
    record('tray.tooltip', text)
  }
  setContextMenu(menu) {
    this.menu = menu
  }
  destroy() {
    record('tray.destroy')
  }
  /** Clicks a menu item by label, as a user would. */
  click(label) {
    const item = this.menu.template.find((entry) => entry.label === label)
    if (!item || item.enabled === false) throw new Error(`cannot click "${label}"`)
    item.click()
  }
}

export const dialog = {
  answers: [],
  showMessageBox(...args) {
    record('dialog', args.at(-1).message)
    return Promise.resolve({ response: dialog.answers.shift() ?? 0 })
  },
  showOpenDialog() {
    return Promise.resolve({ canceled: true, filePaths: [] })
  },
}

export const nativeImage = {
  createFromPath: () => ({ isEmpty: () => false }),
  createFromBitmap: () => ({ isEmpty: () => false }),
}

export const powerMonitor = new EventEmitter()

let nextBlocker = 1
const blockers = new Set()
export const powerSaveBlocker = {
  start(type) {
    record('blocker.start', type)
    const id = nextBlocker++
    blockers.add(id)
    return id
  },
  stop(id) {
    record('blocker.stop')
    return blockers.delete(id)
  },
  isStarted: (id) => blockers.has(id),
}

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text) => Buffer.from(text).reverse(),
  decryptString: (buffer) => Buffer.from(buffer).reverse().toString(),
}

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
}

export const session = {
  defaultSession: {
    /** No proxy configured on this machine. */
    resolveProxy: () => Promise.resolve('DIRECT'),
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    webRequest: { onHeadersReceived() {} },
  },
}

export const shell = {
  openExternal: (url) => {
    record('openExternal', url)
    return Promise.resolve()
  },
  openPath: (path) => {
    record('openPath', path)
    return Promise.resolve('')
  },
  showItemInFolder: () => undefined,
}

/** Handlers by channel, so a driver can make the requests the window would. */
export const ipcMain = {
  handlers: new Map(),
  handle(channel, handler) {
    this.handlers.set(channel, handler)
  },
  removeHandler(channel) {
    this.handlers.delete(channel)
  },
  on() {},
  off() {},
}

/** What the driver reaches through `globalThis.fakeElectron`. */
const fake = {
  log,
  app,
  powerMonitor,
  dialog,
  ipcMain,
  tray: null,
  windows: () => BrowserWindow.getAllWindows(),
}
globalThis.fakeElectron = fake

export default {
  app,
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  dialog,
  ipcMain,
  nativeImage,
  powerMonitor,
  powerSaveBlocker,
  safeStorage,
  screen,
  session,
  shell,
}
