import { describe, expect, it } from 'vitest'
import {
  guardWebContents,
  hardenSession,
  ipcSenderFromEvent,
} from '../../../../src/main/desktop/adapters/security'
import type { RendererLocation } from '../../../../src/main/desktop/policies/security'
import { FakeEmitter, FakeEvent } from '../fakes/electron'

const location: RendererLocation = {
  kind: 'dev-server',
  url: 'http://localhost:5173/',
  origin: 'http://localhost:5173',
}

class FakeWebContents extends FakeEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler
  }
}

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string },
) => void
type CheckHandler = (contents: unknown, permission: string, origin: string) => boolean
type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void

class FakeSession {
  request: RequestHandler | null = null
  check: CheckHandler | null = null
  headers: HeadersListener | null = null
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.request = handler
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.check = handler
  }
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headers = listener
    },
  }
}

describe('hardenSession', () => {
  it('denies permissions except clipboard writes from our renderer', () => {
    const session = new FakeSession()
    hardenSession(session, location)
    const answers: boolean[] = []
    session.request?.(null, 'media', (granted) => answers.push(granted), {
      requestingUrl: 'http://localhost:5173/',
    })
    session.request?.(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), {
      requestingUrl: 'http://localhost:5173/',
    })
    session.request?.(null, 'clipboard-sanitized-write', (granted) => answers.push(granted), {})
    expect(answers).toEqual([false, true, false])
    expect(session.check?.(null, 'clipboard-sanitized-write', 'http://localhost:5173')).toBe(true)
    expect(session.check?.(null, 'geolocation', 'http://localhost:5173')).toBe(false)
  })

  it('replaces the CSP header on our pages and leaves others alone', () => {
    const session = new FakeSession()
    hardenSession(session, location)
    let response: { responseHeaders?: Record<string, string[]> } = {}
    session.headers?.(
      {
        url: 'http://localhost:5173/',
        resourceType: 'mainFrame',
        responseHeaders: { 'content-security-policy': ['*'], 'X-Other': ['1'] },
      },
      (value) => (response = value),
    )
    expect(response.responseHeaders?.['X-Other']).toEqual(['1'])
    expect(response.responseHeaders?.['content-security-policy']).toBeUndefined()
    expect(response.responseHeaders?.['Content-Security-Policy']?.[0]).toContain(
      "default-src 'none'",
    )
    session.headers?.(
      { url: 'https://cdn.example.com/a.jpg', resourceType: 'image' },
      (value) => (response = value),
    )
    expect(response).toEqual({})
  })
})

describe('guardWebContents', () => {
  it('blocks foreign navigation, opens web links outside, denies windows and webviews', () => {
    const contents = new FakeWebContents()
    const opened: string[] = []
    const guard = guardWebContents(contents, location, (url) => opened.push(url))

    const own = new FakeEvent('http://localhost:5173/#/jobs')
    contents.emit('will-navigate', own)
    expect(own.defaultPrevented).toBe(false)

    const web = new FakeEvent('https://help.aliyun.com/')
    contents.emit('will-navigate', web)
    expect(web.defaultPrevented).toBe(true)

    const file = new FakeEvent('file:///etc/passwd')
    contents.emit('will-navigate', file)
    expect(file.defaultPrevented).toBe(true)

    const redirect = new FakeEvent('https://evil.example.com/')
    contents.emit('will-redirect', redirect)
    expect(redirect.defaultPrevented).toBe(true)

    const webview = new FakeEvent()
    contents.emit('will-attach-webview', webview)
    expect(webview.defaultPrevented).toBe(true)

    expect(contents.openHandler?.({ url: 'https://example.com/doc' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'javascript:void(0)' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://help.aliyun.com/', 'https://example.com/doc'])

    guard.dispose()
    expect(contents.listenerCount('will-navigate')).toBe(0)
  })
})

describe('ipcSenderFromEvent', () => {
  it('recognises the main frame', () => {
    const mainFrame = { url: 'http://localhost:5173/', parent: null }
    expect(ipcSenderFromEvent({ sender: { id: 3, mainFrame }, senderFrame: mainFrame })).toEqual({
      webContentsId: 3,
      frame: { url: 'http://localhost:5173/', isMainFrame: true },
    })
    const child = { url: 'http://localhost:5173/frame', parent: mainFrame }
    expect(
      ipcSenderFromEvent({ sender: { id: 3, mainFrame }, senderFrame: child }).frame?.isMainFrame,
    ).toBe(false)
    expect(ipcSenderFromEvent({ sender: { id: 3, mainFrame }, senderFrame: null }).frame).toBeNull()
  })
})
