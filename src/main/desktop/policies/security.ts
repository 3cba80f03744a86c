import type { WebPreferences } from 'electron'

/**
 * Where the renderer comes from: electron-vite's dev server while developing, the built
 * `out/renderer/index.html` otherwise. Everything else is foreign.
 */
export type RendererLocation =
  { kind: 'dev-server'; url: string; origin: string } | { kind: 'file'; url: string }

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Picks the renderer location. The dev server URL from `ELECTRON_RENDERER_URL` is honoured only in
 * an unpackaged app and only on a loopback address: a packaged app must never load whatever an
 * environment variable points at.
 */
export function rendererLocation(options: {
  devServerUrl: string | undefined
  isPackaged: boolean
  /** `file://` URL of the built index.html. */
  builtIndexUrl: string
}): RendererLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const parsed = parseUrl(options.devServerUrl)
    if (
      parsed &&
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      loopbackHosts.has(parsed.hostname)
    ) {
      return { kind: 'dev-server', url: parsed.href, origin: parsed.origin }
    }
  }
  return { kind: 'file', url: options.builtIndexUrl }
}

/** True for URLs that are (a page of) our own renderer. */
export function isOwnRendererUrl(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  switch (location.kind) {
    case 'dev-server':
      return parsed.origin === location.origin
    case 'file': {
      const own = parseUrl(location.url)
      return (
        own !== null &&
        parsed.protocol === 'file:' &&
        withoutFragment(parsed) === withoutFragment(own)
      )
    }
  }
}

/**
 * True for an origin (as permission checks report it) that belongs to our renderer. Chromium
 * reports `file://` pages with the opaque origin `file://`, so any file origin matches a file
 * location; the request handler, which sees the full URL, is the stricter check.
 */
export function isOwnRendererOrigin(origin: string, location: RendererLocation): boolean {
  switch (location.kind) {
    case 'dev-server':
      return origin === location.origin
    case 'file':
      return origin === 'file://' || origin.startsWith('file:///')
  }
}

/**
 * Only plain web links may leave the app, and only to the user's browser: `http:` and `https:`,
 * without embedded credentials. `file:`, `javascript:`, custom schemes and the like are refused,
 * because `shell.openExternal` would hand them to whatever program claims them.
 */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false
  return parsed.username === '' && parsed.password === ''
}

export interface NavigationDecision {
  allow: boolean
  /** Open in the user's browser instead. */
  openExternally: boolean
}

/**
 * `will-navigate` / `will-redirect`: the window stays on our renderer. A link elsewhere is blocked
 * and, when it is a web link, opened in the browser.
 */
export function decideNavigation(url: string, location: RendererLocation): NavigationDecision {
  if (isOwnRendererUrl(url, location)) return { allow: true, openExternally: false }
  return { allow: false, openExternally: isSafeExternalUrl(url) }
}

/** `setWindowOpenHandler`: the app never opens a second Electron window from web content. */
export function decideWindowOpen(url: string): NavigationDecision {
  return { allow: false, openExternally: isSafeExternalUrl(url) }
}

/** What main knows about the sender of an IPC message. */
export interface IpcSender {
  /** `event.sender.id`. */
  webContentsId: number
  /** `event.senderFrame`; null when the frame is gone (navigated away or destroyed). */
  frame: { url: string; isMainFrame: boolean } | null
}

/**
 * Accepts IPC only from the main frame of one of our own windows showing our renderer; iframes,
 * other web contents and pages that navigated away are refused (VS Code's rule: main refuses
 * foreign senders before a service sees anything).
 */
export function isTrustedIpcSender(
  sender: IpcSender,
  trusted: { webContentsIds: ReadonlySet<number>; location: RendererLocation },
): boolean {
  if (!trusted.webContentsIds.has(sender.webContentsId)) return false
  if (!sender.frame || !sender.frame.isMainFrame) return false
  return isOwnRendererUrl(sender.frame.url, trusted.location)
}

/**
 * Permission requests from web content. Only writing to the clipboard (copying a media ID or a
 * file path) is allowed, and only from our own renderer; camera, geolocation, notifications (main
 * shows those), and the rest are denied.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  location: RendererLocation,
): boolean {
  return permission === 'clipboard-sanitized-write' && isOwnRendererUrl(requestingUrl, location)
}

/**
 * `webPreferences` for every window: isolated, sandboxed, no Node, web security on, and nothing
 * that would let web content reach further (webviews, dropped files turning into navigations,
 * insecure content). The preload is the only bridge.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    safeDialogs: true,
    spellcheck: false,
  }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

function withoutFragment(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`
}
