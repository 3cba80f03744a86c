import { describe, expect, it } from 'vitest'
import type { LoginItemInput } from '../../../../src/main/desktop/policies/login-item'
import {
  planLoginItem,
  quoteDesktopExecArgument,
} from '../../../../src/main/desktop/policies/login-item'

const base: LoginItemInput = {
  platform: 'win32',
  enabled: true,
  packaged: true,
  executablePath: 'C:\\Program Files\\VOD Downloader\\VOD Downloader.exe',
  appImagePath: undefined,
  appName: 'VOD Downloader',
}

describe('planLoginItem', () => {
  it('starts hidden on Windows through --hidden', () => {
    expect(planLoginItem(base)).toEqual({
      kind: 'electron',
      settings: { openAtLogin: true, path: base.executablePath, args: ['--hidden'] },
    })
    expect(planLoginItem({ ...base, enabled: false })).toMatchObject({
      settings: { openAtLogin: false },
    })
  })

  it('uses the plain login item on macOS', () => {
    expect(planLoginItem({ ...base, platform: 'darwin' })).toEqual({
      kind: 'electron',
      settings: { openAtLogin: true, openAsHidden: true },
    })
  })

  it('writes an XDG autostart entry on Linux, pointing at the AppImage when there is one', () => {
    const plan = planLoginItem({
      ...base,
      platform: 'linux',
      executablePath: '/opt/.mount_vodXYZ/vod-downloader',
      appImagePath: '/home/editor/Apps/VOD Downloader.AppImage',
    })
    expect(plan).toMatchObject({ kind: 'xdg-autostart', fileName: 'vod-downloader.desktop' })
    expect(plan.kind === 'xdg-autostart' && plan.contents).toContain(
      'Exec="/home/editor/Apps/VOD Downloader.AppImage" --hidden',
    )
    expect(planLoginItem({ ...base, platform: 'linux', enabled: false })).toEqual({
      kind: 'xdg-autostart',
      fileName: 'vod-downloader.desktop',
      contents: null,
    })
  })

  it('refuses to register a development build', () => {
    expect(planLoginItem({ ...base, packaged: false })).toEqual({
      kind: 'unsupported',
      reason: 'development',
    })
    expect(planLoginItem({ ...base, platform: 'aix' })).toEqual({
      kind: 'unsupported',
      reason: 'platform',
    })
  })
})

describe('quoteDesktopExecArgument', () => {
  it('escapes for the quoting rule and then the string rule', () => {
    expect(quoteDesktopExecArgument('/opt/a b/app')).toBe('"/opt/a b/app"')
    expect(quoteDesktopExecArgument('/x/$HOME/"q"')).toBe('"/x/\\\\$HOME/\\\\"q\\\\""')
    expect(quoteDesktopExecArgument('/x\\y')).toBe('"/x\\\\\\\\y"')
    expect(quoteDesktopExecArgument('/x/100%')).toBe('"/x/100%%"')
  })
})
