import { describe, expect, it } from 'vitest'
import {
  defaultDesktopSettings,
  effectiveLanguage,
  sanitizeDesktopSettings,
} from '../../../src/main/desktop/settings'

describe('settings', () => {
  it('keeps valid fields and defaults the rest', () => {
    expect(sanitizeDesktopSettings(null)).toEqual(defaultDesktopSettings())
    expect(
      sanitizeDesktopSettings({
        closeToTray: false,
        hideDockWhenWindowless: true,
        downloadFolder: '/media',
        notifications: 'none',
        startAtLogin: 'yes',
      }),
    ).toEqual({
      ...defaultDesktopSettings(),
      closeToTray: false,
      hideDockWhenWindowless: true,
      downloadFolder: '/media',
      notifications: 'none',
    })
  })

  it('keeps the update switch, channel and a feed override, and defaults to stable updates', () => {
    expect(defaultDesktopSettings()).toMatchObject({
      autoUpdate: true,
      updateChannel: 'stable',
      updateFeedUrl: null,
    })
    expect(
      sanitizeDesktopSettings({
        autoUpdate: false,
        updateChannel: 'beta',
        updateFeedUrl: ' https://mirror.corp.cn/vod/ ',
      }),
    ).toMatchObject({
      autoUpdate: false,
      updateChannel: 'beta',
      updateFeedUrl: 'https://mirror.corp.cn/vod/',
    })
    expect(
      sanitizeDesktopSettings({ autoUpdate: 'no', updateChannel: 'nightly', updateFeedUrl: 3 }),
    ).toMatchObject({ autoUpdate: true, updateChannel: 'stable', updateFeedUrl: null })
  })

  it('resolves the system language', () => {
    expect(effectiveLanguage(defaultDesktopSettings(), 'zh-CN')).toBe('zh-CN')
    expect(effectiveLanguage({ ...defaultDesktopSettings(), language: 'en' }, 'zh-CN')).toBe('en')
  })
})
