import { contentSecurityPolicy } from '../../../shared/content-security-policy'
import type { Disposable } from '../../common/disposable'
import { DisposableStore, toDisposable } from '../../common/disposable'
import type { IpcSender, RendererLocation } from '../policies/security'
import {
  decideNavigation,
  decideWindowOpen,
  isOwnRendererOrigin,
  isOwnRendererUrl,
  isPermissionAllowed,
} from '../policies/security'

/** The parts of Electron's `Session` the shell hardens. */
export interface SecuredSessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
      ) => void,
    ): void
  }
}

/**
 * Denies every permission but clipboard writes from our renderer, and sends the CSP as a response
 * header for pages served over HTTP (the dev server). The built renderer is loaded from a file,
 * where no headers exist: there the `<meta http-equiv="Content-Security-Policy">` the build
 * writes into index.html from the same `contentSecurityPolicy()` is the one in force.
 */
export function hardenSession(session: SecuredSessionLike, location: RendererLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? '', location))
  })
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      permission === 'clipboard-sanitized-write' && isOwnRendererOrigin(requestingOrigin, location),
  )
  const policy = contentSecurityPolicy(location)
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !isOwnRendererUrl(details.url, location)) {
      callback({})
      return
    }
    const headers: Record<string, string[]> = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
    }
    headers['Content-Security-Policy'] = [policy]
    callback({ responseHeaders: headers })
  })
}

/** The parts of `WebContents` the navigation guard uses. */
export interface GuardedWebContentsLike {
  on(
    event: 'will-navigate',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): unknown
  on(
    event: 'will-redirect',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  off(
    event: 'will-navigate',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): unknown
  off(
    event: 'will-redirect',
    listener: (event: { url: string; preventDefault(): void }) => void,
  ): unknown
  off(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/**
 * Keeps a web contents on our renderer: navigations and redirects elsewhere are stopped, new
 * windows are never created, webviews never attach; http(s) links go to the user's browser.
 * Applied to every web contents through `app.on('web-contents-created')`.
 */
export function guardWebContents(
  contents: GuardedWebContentsLike,
  location: RendererLocation,
  openExternal: (url: string) => void,
): Disposable {
  const store = new DisposableStore()
  const onNavigate = (event: { url: string; preventDefault(): void }): void => {
    const decision = decideNavigation(event.url, location)
    if (decision.allow) return
    event.preventDefault()
    if (decision.openExternally) openExternal(event.url)
  }
  const onRedirect = (event: { url: string; preventDefault(): void }): void => {
    if (!isOwnRendererUrl(event.url, location)) event.preventDefault()
  }
  const onAttachWebview = (event: { preventDefault(): void }): void => event.preventDefault()
  contents.on('will-navigate', onNavigate)
  contents.on('will-redirect', onRedirect)
  contents.on('will-attach-webview', onAttachWebview)
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url).openExternally) openExternal(url)
    return { action: 'deny' }
  })
  store.add(
    toDisposable(() => {
      contents.off('will-navigate', onNavigate)
      contents.off('will-redirect', onRedirect)
      contents.off('will-attach-webview', onAttachWebview)
    }),
  )
  return store
}

/** The parts of an IPC event the sender check reads. */
export interface IpcEventLike {
  sender: { id: number; mainFrame: unknown }
  senderFrame: { url: string; parent: unknown } | null
}

/** Extracts what `isTrustedIpcSender` needs from an `IpcMainEvent` / `IpcMainInvokeEvent`. */
export function ipcSenderFromEvent(event: IpcEventLike): IpcSender {
  const frame = event.senderFrame
  return {
    webContentsId: event.sender.id,
    frame: frame
      ? { url: frame.url, isMainFrame: frame.parent === null && frame === event.sender.mainFrame }
      : null,
  }
}
