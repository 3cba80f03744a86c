import { describe, expect, it } from 'vitest'
import type { RendererLocation } from '../../../../src/main/desktop/policies/security'
import { contentSecurityPolicy } from '../../../../src/shared/content-security-policy'
import {
  decideNavigation,
  decideWindowOpen,
  isOwnRendererOrigin,
  isOwnRendererUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedIpcSender,
  rendererLocation,
  secureWebPreferences,
} from '../../../../src/main/desktop/policies/security'

const built = 'file:///opt/VOD%20Downloader/resources/app.asar/out/renderer/index.html'
const fileLocation: RendererLocation = { kind: 'file', url: built }
const devLocation: RendererLocation = {
  kind: 'dev-server',
  url: 'http://localhost:5173/',
  origin: 'http://localhost:5173',
}

describe('rendererLocation', () => {
  it('uses the dev server only when unpackaged and on loopback', () => {
    expect(
      rendererLocation({
        devServerUrl: 'http://localhost:5173',
        isPackaged: false,
        builtIndexUrl: built,
      }),
    ).toEqual(devLocation)
    expect(
      rendererLocation({
        devServerUrl: 'http://localhost:5173',
        isPackaged: true,
        builtIndexUrl: built,
      }),
    ).toEqual(fileLocation)
    expect(
      rendererLocation({
        devServerUrl: 'https://evil.example.com',
        isPackaged: false,
        builtIndexUrl: built,
      }),
    ).toEqual(fileLocation)
    expect(
      rendererLocation({ devServerUrl: 'not a url', isPackaged: false, builtIndexUrl: built }),
    ).toEqual(fileLocation)
    expect(
      rendererLocation({ devServerUrl: undefined, isPackaged: false, builtIndexUrl: built }),
    ).toEqual(fileLocation)
  })
})

describe('contentSecurityPolicy', () => {
  it('is strict in production', () => {
    const policy = contentSecurityPolicy(fileLocation)
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("script-src 'self';")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("base-uri 'none'")
    expect(policy).toContain("connect-src 'self';")
    expect(policy).toContain("img-src 'self' data: blob: https: http:")
    expect(policy).not.toContain('unsafe-eval')
  })

  it('adds what the dev server needs in development only', () => {
    const policy = contentSecurityPolicy(devLocation)
    expect(policy).toContain("script-src 'self' 'unsafe-inline'")
    expect(policy).toContain("connect-src 'self' ws://localhost:5173")
  })
})

describe('navigation and window policies', () => {
  it('keeps the window on our renderer and sends web links to the browser', () => {
    expect(decideNavigation(`${built}#/settings`, fileLocation)).toEqual({
      allow: true,
      openExternally: false,
    })
    expect(decideNavigation('https://help.aliyun.com/vod', fileLocation)).toEqual({
      allow: false,
      openExternally: true,
    })
    expect(decideNavigation('file:///etc/passwd', fileLocation)).toEqual({
      allow: false,
      openExternally: false,
    })
    expect(decideNavigation('http://localhost:5173/other', devLocation)).toEqual({
      allow: true,
      openExternally: false,
    })
    expect(decideNavigation('http://localhost:5174/', devLocation)).toEqual({
      allow: false,
      openExternally: true,
    })
  })

  it('never opens a new window', () => {
    expect(decideWindowOpen('https://example.com')).toEqual({ allow: false, openExternally: true })
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ allow: false, openExternally: false })
  })

  it('only hands plain http(s) links to the OS', () => {
    expect(isSafeExternalUrl('https://example.com/a?b')).toBe(true)
    expect(isSafeExternalUrl('http://example.com')).toBe(true)
    for (const url of [
      'file:///C:/Windows/system32/calc.exe',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'https://user:pass@example.com',
      '',
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false)
    }
  })

  it('recognises our renderer by URL and origin', () => {
    expect(isOwnRendererUrl(`${built}?x=1`, fileLocation)).toBe(true)
    expect(isOwnRendererUrl('file:///var/lib/index.html', fileLocation)).toBe(false)
    expect(isOwnRendererOrigin('file://', fileLocation)).toBe(true)
    expect(isOwnRendererOrigin('http://localhost:5173', devLocation)).toBe(true)
    expect(isOwnRendererOrigin('http://localhost:9999', devLocation)).toBe(false)
  })
})

describe('isTrustedIpcSender', () => {
  const trusted = { webContentsIds: new Set([7]), location: fileLocation }

  it('accepts our window main frame', () => {
    expect(
      isTrustedIpcSender({ webContentsId: 7, frame: { url: built, isMainFrame: true } }, trusted),
    ).toBe(true)
  })

  it('refuses other contents, subframes, gone frames and foreign pages', () => {
    expect(
      isTrustedIpcSender({ webContentsId: 8, frame: { url: built, isMainFrame: true } }, trusted),
    ).toBe(false)
    expect(
      isTrustedIpcSender({ webContentsId: 7, frame: { url: built, isMainFrame: false } }, trusted),
    ).toBe(false)
    expect(isTrustedIpcSender({ webContentsId: 7, frame: null }, trusted)).toBe(false)
    expect(
      isTrustedIpcSender(
        { webContentsId: 7, frame: { url: 'https://evil.example.com', isMainFrame: true } },
        trusted,
      ),
    ).toBe(false)
  })
})

describe('isPermissionAllowed', () => {
  it('allows only clipboard writes from our renderer', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', built, fileLocation)).toBe(true)
    expect(
      isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example.com', fileLocation),
    ).toBe(false)
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
    ]) {
      expect(isPermissionAllowed(permission, built, fileLocation)).toBe(false)
    }
  })
})

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    })
  })
})
