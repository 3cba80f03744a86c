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
        hideDockWhenWindowless: true,
        closeToTrayHintShown: 'yes',
        // App settings an earlier version kept here are not the shell's state any more.
        closeToTray: false,
        downloadFolder: '/media',
      }),
    ).toEqual({
      ...defaultDesktopSettings(),
      hideDockWhenWindowless: true,
    })
  })

  it('keeps a feed override, and has none by default', () => {
    expect(defaultDesktopSettings()).toMatchObject({ updateFeedUrl: null })
    expect(
      sanitizeDesktopSettings({ updateFeedUrl: ' https://mirror.corp.cn/vod/ ' }),
    ).toMatchObject({ updateFeedUrl: 'https://mirror.corp.cn/vod/' })
    expect(sanitizeDesktopSettings({ updateFeedUrl: 3 })).toMatchObject({ updateFeedUrl: null })
  })

  it('resolves the system language', () => {
    expect(effectiveLanguage({ language: 'system' }, 'zh-CN')).toBe('zh-CN')
    expect(effectiveLanguage({ language: 'en' }, 'zh-CN')).toBe('en')
  })
})
