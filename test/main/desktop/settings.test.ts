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

  it('resolves the system language', () => {
    expect(effectiveLanguage(defaultDesktopSettings(), 'zh-CN')).toBe('zh-CN')
    expect(effectiveLanguage({ ...defaultDesktopSettings(), language: 'en' }, 'zh-CN')).toBe('en')
  })
})
