import { describe, expect, it } from 'vitest'
import type { DesktopStrings } from '../../../src/main/desktop/strings'
import { desktopStrings, languageFromLocale } from '../../../src/main/desktop/strings'

describe('desktopStrings', () => {
  it('has every entry in both languages, and no URL in any of them', () => {
    const english = desktopStrings('en')
    const chinese = desktopStrings('zh-CN')
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort())
    for (const catalogue of [english, chinese]) {
      for (const [key, value] of Object.entries(catalogue) as [keyof DesktopStrings, unknown][]) {
        const args = key === 'listNames' ? [['a.mp4', 'b.mp4'], 1] : [2, 3, 'x']
        const text =
          typeof value === 'function'
            ? String((value as (...values: unknown[]) => string)(...args))
            : String(value)
        expect(text, key).not.toMatch(/https?:\/\//)
        expect(text.length, key).toBeGreaterThan(0)
      }
    }
  })

  it('maps every Chinese locale to Simplified Chinese', () => {
    expect(languageFromLocale('zh-CN')).toBe('zh-CN')
    expect(languageFromLocale('zh-Hans-CN')).toBe('zh-CN')
    expect(languageFromLocale('zh-TW')).toBe('zh-CN')
    expect(languageFromLocale('en-GB')).toBe('en')
    expect(languageFromLocale('ja')).toBe('en')
  })
})
